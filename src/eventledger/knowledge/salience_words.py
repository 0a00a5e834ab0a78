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
    background_cues: tuple  # compiled regular expressions

    @classmethod
    def load(cls, path: Path = SALIENCE_PATH) -> SalienceWords:
        return cls.parse(read_yaml(path), path.name)

    @classmethod
    def parse(cls, d: dict[str, Any], where: str = SALIENCE_PATH.name) -> SalienceWords:
        if not isinstance(d.get("background_cues"), list):
            raise ValueError(f"{where}: background_cues must be a list of regular expressions")
        return cls(tuple(compile_all(d["background_cues"], f"{where} background_cues")))

    def background(self, sentence_lower: str) -> bool:
        return any(r.search(sentence_lower) for r in self.background_cues)
