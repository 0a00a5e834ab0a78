"""The words that set a report apart from its segment's news (extract_salience.yaml), read once per Extractor."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventledger.knowledge.event_types import compile_all
from eventledger.knowledge.files import DATA, read_yaml

SALIENCE_PATH = DATA / "extract_salience.yaml"


@dataclass(slots=True, frozen=True)
class SalienceWords:
    background_cues: tuple  # compiled regular expressions: an earlier event named in passing
    other_event_cues: tuple  # a different happening of the same news
    proceeding_cues: tuple = ()  # a court or police proceeding the attack is told through
    reaction_cues: tuple = ()  # a reaction to an attack already told
    generic_triggers: frozenset = frozenset()  # plural triggers that tell attacks in general
    aggregate_cues: tuple = ()  # a sentence summing happenings over a stretch of time

    @classmethod
    def load(cls, path: Path = SALIENCE_PATH) -> SalienceWords:
        return cls.parse(read_yaml(path), path.name)

    @classmethod
    def parse(cls, d: dict[str, Any], where: str = SALIENCE_PATH.name) -> SalienceWords:
        for key in ("background_cues", "other_event_cues"):
            if not isinstance(d.get(key), list):
                raise ValueError(f"{where}: {key} must be a list of regular expressions")
        return cls(
            tuple(compile_all(d["background_cues"], f"{where} background_cues")),
            tuple(compile_all(d["other_event_cues"], f"{where} other_event_cues")),
            tuple(compile_all(d.get("proceeding_cues") or [], f"{where} proceeding_cues")),
            tuple(compile_all(d.get("reaction_cues") or [], f"{where} reaction_cues")),
            frozenset(w.lower() for w in d.get("generic_triggers") or ()),
            tuple(compile_all(d.get("aggregate_cues") or [], f"{where} aggregate_cues")),
        )

    def background(self, sentence_lower: str) -> bool:
        return any(r.search(sentence_lower) for r in self.background_cues)

    def other_event(self, sentence_lower: str) -> bool:
        return any(r.search(sentence_lower) for r in self.other_event_cues)

    def proceeding(self, sentence_lower: str) -> bool:
        return any(r.search(sentence_lower) for r in self.proceeding_cues)

    def aggregate(self, sentence_lower: str) -> bool:
        return any(r.search(sentence_lower) for r in self.aggregate_cues)

    def reaction(self, sentence_lower: str) -> bool:
        return any(r.search(sentence_lower) for r in self.reaction_cues)

    def set_apart(self, sentence_lower: str) -> bool:
        """The sentence tells another happening than the one before it: earlier, or a different one."""
        return self.background(sentence_lower) or self.other_event(sentence_lower)
