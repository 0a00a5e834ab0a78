"""Loads the extraction lexicons (event types, role head words, statement cues) from data files."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parents[1] / "data"


@dataclass(slots=True, frozen=True)
class EventType:
    type: str
    family: str
    gtd: str | None
    acled: str | None
    priority: int
    verbs: frozenset[str]
    nouns: frozenset[str]
    phrases: tuple[re.Pattern, ...]


def _read(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or "version" not in data:
        raise ValueError(f"{path}: expected a mapping with a 'version' key")
    return data


def _rx(items: list[str], where: str) -> tuple[re.Pattern, ...]:
    out = []
    for p in items or ():
        try:
            out.append(re.compile(p))
        except re.error as e:
            raise ValueError(f"{where}: bad regular expression {p!r}: {e}") from e
    return tuple(out)


_IRREGULAR = {"shoot": ("shot",), "slay": ("slew", "slain"), "beat": ("beaten",), "strike": ("struck", "stricken"),
              "burn": ("burnt",), "fight": ("fought",), "blow": ("blew", "blown"), "steal": ("stole", "stolen"),
              "stab": ("stabbed",), "kidnap": ("kidnapped", "kidnaping"), "hang": ("hung",), "throw": ("threw", "thrown")}


class Lexicon:
    """Everything extraction knows as data, compiled once per Extractor."""

    def __init__(self, events: dict, roles: dict, statements: dict):
        self.types: list[EventType] = []
        for i, t in enumerate(events["types"]):
            for key in ("type", "family", "priority"):
                if key not in t:
                    raise ValueError(f"event_types.yaml: entry {i} lacks {key!r}")
            self.types.append(EventType(
                t["type"], t["family"], t.get("gtd"), t.get("acled"), int(t["priority"]),
                frozenset(t.get("verbs") or ()), frozenset(t.get("nouns") or ()),
                _rx(t.get("phrases"), f"event_types.yaml {t['type']}")))
        self.by_type = {t.type: t for t in self.types}
        self.verb_type: dict[str, EventType] = {}
        self.noun_type: dict[str, EventType] = {}
        for t in sorted(self.types, key=lambda t: t.priority):  # higher priority overwrites
            for v in t.verbs:
                self.verb_type[v] = t
            for n in t.nouns:
                self.noun_type[n] = t
        self.not_violence = {k: _rx(v, f"not_violence.{k}") for k, v in (events.get("not_violence") or {}).items()}
        self.background = _rx(events.get("background"), "background")
        words = sorted(self.verb_type.keys() | self.noun_type.keys(), key=len, reverse=True)
        # cheap prefilter: any trigger stem or phrase in a sentence sends it to the parser
        stems = {w[:-1] if w.endswith("e") and len(w) > 4 else w for w in words}
        # irregular forms share no stem with their lemma ("shot" of "shoot"): without them such sentences never reach the parser
        stems |= {form for lemma in self.verb_type for form in _IRREGULAR.get(lemma, ())}
        self.phrase_rx = [(p, t) for t in self.types for p in t.phrases]
        # phrases ("blew up", "set fire to") hold forms no stem covers, so they are part of the prefilter too
        self.trigger_prefilter = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(stems, key=len, reverse=True))) + r")"
                                            + "".join(f"|(?:{p.pattern})" for p, _ in self.phrase_rx), re.I)
        self.weapon_heads = frozenset(roles["weapon_heads"])
        self.weapon_modifiers = frozenset(roles["weapon_modifiers"])
        self.target_heads = frozenset(roles["target_heads"])
        self.perp_ind_heads = frozenset(roles["perp_individual_heads"])
        self.perp_org_heads = frozenset(roles["perp_org_heads"])
        self.victim_heads = frozenset(roles["victim_heads"])
        self.person_titles = frozenset(roles["person_titles"])
        self.role_words = frozenset(roles["role_words"])
        self.stmt = {k: _rx(statements[k], f"extract_statements.yaml {k}")
                     for k in ("claim", "attribution", "accusation", "denial", "threat", "assessment")}
        self.speech_verbs = frozenset(statements["speech_verbs"])
        self.channels = {name: re.compile(p, re.I) for name, p in statements["channels"].items()}

    @classmethod
    def load(cls, data_dir: Path | None = None) -> Lexicon:
        d = data_dir or DATA
        return cls(_read(d / "event_types.yaml"), _read(d / "extract_roles.yaml"), _read(d / "extract_statements.yaml"))

    def is_not_violence(self, sentence_lower: str) -> str | None:
        for kind, rxs in self.not_violence.items():
            if any(r.search(sentence_lower) for r in rxs):
                return kind
        return None

    def is_background(self, prefix_lower: str) -> bool:
        return any(r.search(prefix_lower[-80:]) for r in self.background)
