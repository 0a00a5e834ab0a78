"""The page-furniture rules of data/clean_boilerplate.yaml and the language settings, loaded once per Cleaner."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from eventledger.knowledge.files import parse_yaml

DATA = Path(__file__).resolve().parent.parent / "data"


@dataclass(slots=True)
class Rule:
    kind: str
    pattern: re.Pattern


@dataclass(slots=True)
class Rules:
    lines: list[Rule]
    tails: list[Rule]
    list_headings: list[Rule]
    headline_headings: list[re.Pattern]
    stop: list[re.Pattern]
    footers: list[re.Pattern]
    not_outlets: frozenset[str]
    generic_posters: frozenset[str]
    social: re.Pattern

    @classmethod
    def load(cls, path: str | Path | None = None) -> Rules:
        data = _yaml(path, "clean_boilerplate.yaml")
        try:
            platforms = "|".join(re.escape(p) for p in data["social_platforms"])
            return cls(
                lines=[_rule(r) for r in data["lines"]],
                tails=[_rule(r) for r in data["tails"]],
                list_headings=[_rule(r) for r in data["list_headings"]],
                headline_headings=[_rx(p) for p in data["headline_headings"]],
                stop=[_rx(p) for p in data["stop"]],
                footers=[_rx(p) for p in data["footers"]],
                not_outlets=frozenset(s.lower() for s in data["not_outlets"]),
                generic_posters=frozenset(s.lower() for s in data["generic_posters"]),
                social=re.compile(rf"(?P<author>[^\n:]{{1,60}}?) on (?P<platform>{platforms}): (?P<title>.+)"),
            )
        except (KeyError, TypeError, re.error) as e:
            raise ValueError(
                f"clean_boilerplate.yaml is malformed ({e}): every rule needs kind and a valid pattern"
            ) from e

    def line_kind(self, line: str) -> str | None:
        """The furniture kind of a whole line, or None for content."""
        return next((r.kind for r in self.lines if r.pattern.fullmatch(line)), None)

    def heading_kind(self, line: str) -> str | None:
        return next((r.kind for r in self.list_headings if r.pattern.fullmatch(line.rstrip(":"))), None)

    def is_headline_heading(self, line: str) -> bool:
        return any(p.fullmatch(line.rstrip(":")) for p in self.headline_headings)

    def is_stop(self, line: str) -> bool:
        return any(p.fullmatch(line) for p in self.stop)

    def is_footer(self, line: str) -> bool:
        return any(p.fullmatch(line) for p in self.footers)

    def tail(self, line: str) -> tuple[int, str] | None:
        """Offset in `line` where a read-more tail starts, with its kind."""
        for r in self.tails:
            m = r.pattern.search(line)
            if m and m.start() > 0:
                return m.start(), r.kind
        return None


@dataclass(slots=True)
class LanguageSettings:
    languages: list[str]
    min_chars: int
    min_confidence: float

    @classmethod
    def load(cls, path: str | Path | None = None) -> LanguageSettings:
        data = _yaml(path, "clean_languages.yaml")
        return cls(list(data["languages"]), int(data["min_chars"]), float(data["min_confidence"]))


def _yaml(path: str | Path | None, name: str) -> dict:
    return parse_yaml(Path(path or DATA / name).read_text(encoding="utf-8"))


def _rx(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.I)


def _rule(r: dict) -> Rule:
    return Rule(r["kind"], _rx(r["pattern"]))
