"""The actor registry: curated armed groups, state forces and governments, matched in text by alias."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from eventledger.knowledge.files import DATA, load_yaml_file

KINDS = ("armed-group", "state-force", "government", "institution", "movement", "criminal")
FIELDS = {
    "id",
    "name",
    "kind",
    "aliases",
    "case_sensitive",
    "lowercase_text",
    "parent",
    "affiliates",
    "region",
    "country",
}
DEFAULT_PATH = DATA / "actors.yaml"

# Dashes and typographic apostrophes fold to one form so aliases match however the source typed them.
_FOLD_TABLE = str.maketrans(
    {
        "-": " ",
        "\u2010": " ",
        "\u2011": " ",
        "\u2012": " ",
        "\u2013": " ",
        "\u2014": " ",
        "/": " ",
        "\u2019": "'",
        "\u2018": "'",
        "`": "'",
    }
)


def fold(text: str, *, lower: bool = True) -> str:
    """Same-length folding (case, accents, dashes) so match offsets are offsets into the original."""
    if text.isascii():
        out = text.lower() if lower else text
        return out.translate(_FOLD_TABLE)
    chars = []
    for ch in text:
        base = unicodedata.normalize("NFD", ch)[0] if ord(ch) > 127 else ch
        if lower:
            low = base.lower()
            base = low if len(low) == 1 else base
        chars.append(base)
    return "".join(chars).translate(_FOLD_TABLE)


def alias_key(alias: str, *, lower: bool = True) -> str:
    """The lookup key of an alias or a matched span: folded, dots and apostrophes dropped, one space."""
    s = fold(alias, lower=lower).replace(".", "").replace("'", "")
    return " ".join(s.split())


@dataclass(slots=True, frozen=True)
class Actor:
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    affiliates: tuple[str, ...] = ()
    region: str | None = None
    country: str | None = None  # ISO 3166 alpha-2 of the home country, None for transnational actors
    case_sensitive: tuple[str, ...] = field(default=(), compare=False)
    # case-sensitive aliases that are safe to match in text written all in lowercase
    lowercase_text: tuple[str, ...] = field(default=(), compare=False)


def _trie_regex(keys: list[str]) -> str:
    """One regex that matches any key, prefix-factored so matching stays fast with thousands of aliases."""
    trie: dict = {}
    for k in keys:
        node = trie
        for ch in k:
            node = node.setdefault(ch, {})
        node[""] = True

    def emit(node: dict) -> str:
        end = "" in node
        alts = []
        for ch in sorted(c for c in node if c):
            piece = r"\s+" if ch == " " else (r"\.?" if ch == "." else re.escape(ch))
            if ch == "'":
                piece = "'?"
            alts.append(piece + emit(node[ch]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if end else body

    return emit(trie)


def _pattern_key(alias: str, *, lower: bool) -> str:
    """Key as it appears in folded text: dots and apostrophes kept optional in the regex, spaces single."""
    return " ".join(fold(alias, lower=lower).split())


_WORD_START = re.compile(r"(?<!\w)\w")


def _longest_spans(rx: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """Regex matches, preferring a longer match that starts inside a shorter one ("the [IS-Khorasan]")."""
    out = []
    pos = 0
    while (m := rx.search(text, pos)) is not None:
        s, e = m.span()
        for w in _WORD_START.finditer(text, s + 1, e):
            m2 = rx.match(text, w.start())
            if m2 is not None and m2.end() > e and m2.end() - m2.start() > e - s:
                s, e = m2.span()
        out.append((s, e))
        pos = e if e > pos else pos + 1
    return out


class ActorRegistry:
    """Actors by id plus one compiled matcher per case mode, built once per registry object."""

    def __init__(self, actors: list[Actor], *, version: str):
        self.version = version
        self._by_id: dict[str, Actor] = {}
        for a in actors:
            if a.id in self._by_id:
                raise ValueError(f"actor id {a.id!r} is defined twice; ids must be unique")
            if a.kind not in KINDS:
                raise ValueError(f"actor {a.id!r} has kind {a.kind!r}; use one of {', '.join(KINDS)}")
            self._by_id[a.id] = a
        for a in actors:
            for ref in (a.parent, *a.affiliates):
                if ref is not None and ref not in self._by_id:
                    raise ValueError(f"actor {a.id!r} refers to unknown actor {ref!r}; add it or fix the id")
        self._ci: dict[str, str] = {}  # case-insensitive key -> actor id
        self._cs: dict[str, str] = {}  # case-sensitive key -> actor id
        self._lc: dict[str, str] = {}  # keys matched only when the whole text is lowercase (MUC-4 newswire)
        for a in actors:
            for name in a.aliases:
                if len(alias_key(name).replace(" ", "")) <= 2:
                    raise ValueError(f"alias {name!r} of {a.id!r} is two letters or less; list it under case_sensitive")
            for name in (a.name, *a.aliases):
                self._add(self._ci, alias_key(name), a.id, name)
            for name in a.case_sensitive:
                self._add(self._cs, alias_key(name, lower=False), a.id, name)
            for name in a.lowercase_text:
                if name not in a.case_sensitive:
                    raise ValueError(
                        f"lowercase_text alias {name!r} of {a.id!r} must also be listed under case_sensitive"
                    )
                self._add(self._lc, alias_key(name), a.id, name)
        ci_keys = {_pattern_key(n, lower=True) for a in actors for n in (a.name, *a.aliases)}
        cs_keys = {_pattern_key(n, lower=False) for a in actors for n in a.case_sensitive}
        self._ci_re = re.compile(r"(?<!\w)" + _trie_regex(sorted(ci_keys)) + r"(?!\w)") if ci_keys else None
        lc_keys = {_pattern_key(n, lower=True) for a in actors for n in a.lowercase_text}
        self._cs_re = re.compile(r"(?<!\w)" + _trie_regex(sorted(cs_keys)) + r"(?!\w)") if cs_keys else None
        self._lc_re = re.compile(r"(?<!\w)" + _trie_regex(sorted(lc_keys)) + r"(?!\w)") if lc_keys else None

    @staticmethod
    def _add(index: dict[str, str], key: str, actor_id: str, name: str) -> None:
        if not key:
            raise ValueError(f"actor {actor_id!r} has an empty alias")
        other = index.get(key)
        if other is not None and other != actor_id:
            raise ValueError(f"alias {name!r} names both {other!r} and {actor_id!r}; make it unique")
        index[key] = actor_id

    @classmethod
    def load(cls, path: str | Path | None = None) -> ActorRegistry:
        p = Path(path) if path else DEFAULT_PATH
        data = load_yaml_file(p)  # parsed once per process: resolution's settings read it too
        if not isinstance(data, dict) or "version" not in data or "actors" not in data:
            raise ValueError(f"{p}: expected a mapping with 'version' and 'actors'")
        actors = []
        for i, e in enumerate(data["actors"]):
            unknown = set(e) - FIELDS
            if unknown:
                raise ValueError(
                    f"{p}: actor entry {i} ({e.get('id')}) has unknown fields "
                    f"{sorted(unknown)}; "
                    "quote names that contain commas"
                )
            try:
                actors.append(
                    Actor(
                        id=e["id"],
                        name=e["name"],
                        kind=e["kind"],
                        aliases=tuple(str(x) for x in e.get("aliases") or ()),
                        parent=e.get("parent"),
                        affiliates=tuple(e.get("affiliates") or ()),
                        region=e.get("region"),
                        country=e.get("country"),
                        case_sensitive=tuple(str(x) for x in e.get("case_sensitive") or ()),
                        lowercase_text=tuple(str(x) for x in e.get("lowercase_text") or ()),
                    )
                )
            except KeyError as err:
                raise ValueError(f"{p}: actor entry {i} lacks {err}; every entry needs id, name, kind") from err
        return cls(actors, version=str(data["version"]))

    def get(self, actor_id: str) -> Actor | None:
        return self._by_id.get(actor_id)

    def all(self) -> list[Actor]:
        return list(self._by_id.values())

    def lookup(self, name: str) -> str | None:
        return self._cs.get(alias_key(name, lower=False)) or self._ci.get(alias_key(name))

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Longest non-overlapping alias matches, leftmost first."""
        hits: list[tuple[int, int, str]] = []
        # case-sensitive first: on equal spans the explicitly cased alias is the more specific one
        passes = [(self._cs_re, self._cs, False), (self._ci_re, self._ci, True)]
        if not any(ch.isupper() for ch in text):
            passes.append((self._lc_re, self._lc, True))
        for rx, index, lower in passes:
            if rx is None:
                continue
            folded = fold(text, lower=lower)
            for s, e in _longest_spans(rx, folded):
                aid = index.get(alias_key(folded[s:e], lower=lower))
                if aid is not None:
                    hits.append((s, e, aid))
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))  # stable: ties keep the case-sensitive hit
        out: list[tuple[int, int, str]] = []
        last_end = -1
        for s, e, aid in hits:
            if s >= last_end:
                out.append((s, e, aid))
                last_end = e
            elif out and s == out[-1][0] and e > out[-1][1]:
                out[-1] = (s, e, aid)
                last_end = e
        return out
