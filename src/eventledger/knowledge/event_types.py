"""The event taxonomy (event_types.yaml): each type's family, GTD and ACLED names, priority, trigger words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

# irregular forms share no stem with their lemma ("shot" of "shoot"): the trigger prefilter lists them itself
IRREGULAR = {
    "shoot": ("shot",),
    "slay": ("slew", "slain"),
    "beat": ("beaten",),
    "strike": ("struck", "stricken"),
    "burn": ("burnt",),
    "fight": ("fought",),
    "blow": ("blew", "blown"),
    "steal": ("stole", "stolen"),
    "stab": ("stabbed",),
    "kidnap": ("kidnapped", "kidnaping"),
    "hang": ("hung",),
    "throw": ("threw", "thrown"),
}


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


def compile_all(items: list[str] | None, where: str) -> tuple[re.Pattern, ...]:
    """Regular expressions of a data file; a bad one names the file, the entry and the error."""
    out = []
    for p in items or ():
        try:
            out.append(re.compile(p))
        except re.error as e:
            raise ValueError(f"{where}: bad regular expression {p!r}: {e}") from e
    return tuple(out)


def parse_types(events: dict[str, Any]) -> list[EventType]:
    out = []
    for i, t in enumerate(events["types"]):
        for key in ("type", "family", "priority"):
            if key not in t:
                raise ValueError(f"event_types.yaml: entry {i} lacks {key!r}")
        out.append(
            EventType(
                t["type"],
                t["family"],
                t.get("gtd"),
                t.get("acled"),
                int(t["priority"]),
                frozenset(t.get("verbs") or ()),
                frozenset(t.get("nouns") or ()),
                compile_all(t.get("phrases"), f"event_types.yaml {t['type']}"),
            )
        )
    return out


class Triggers:
    """Which word names which event type, and a cheap regex that any trigger sentence matches."""

    def __init__(self, types: list[EventType]):
        self.verb_type: dict[str, EventType] = {}
        self.noun_type: dict[str, EventType] = {}
        for t in sorted(types, key=lambda t: t.priority):  # higher priority overwrites
            for v in t.verbs:
                self.verb_type[v] = t
            for n in t.nouns:
                self.noun_type[n] = t
        words = sorted(self.verb_type.keys() | self.noun_type.keys(), key=len, reverse=True)
        # cheap prefilter: any trigger stem or phrase in a sentence sends it to the parser
        stems = {w[:-1] if w.endswith("e") and len(w) > 4 else w for w in words}
        stems |= {form for lemma in self.verb_type for form in IRREGULAR.get(lemma, ())}
        self.phrase_rx = [(p, t) for t in types for p in t.phrases]
        # phrases ("blew up", "set fire to") hold forms no stem covers, so they are part of the prefilter too
        alternatives = "|".join(map(re.escape, sorted(stems, key=len, reverse=True)))
        self.prefilter = re.compile(
            r"\b(?:" + alternatives + r")" + "".join(f"|(?:{p.pattern})" for p, _ in self.phrase_rx), re.I
        )
