"""The words that make an event word something that did not happen (extract_modality.yaml), read once per
Lexicon: negations, modals, the verbs, nouns and adjectives of threats, plans, predictions and denials."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventledger.knowledge.files import DATA, read_yaml, words

MODALITY_PATH = DATA / "extract_modality.yaml"
LISTS = (
    "negations",
    "modal_auxiliaries",
    "irrealis_verbs",
    "irrealis_nouns",
    "irrealis_adjectives",
    "conditions",
    "irrealis_modifiers",
    "generic_present_tags",
    "transparent_nouns",
)


@dataclass(slots=True, frozen=True)
class ModalityWords:
    negations: frozenset[str]
    modal_auxiliaries: frozenset[str]
    irrealis_verbs: frozenset[str]
    irrealis_nouns: frozenset[str]
    irrealis_adjectives: frozenset[str]
    conditions: frozenset[str]
    irrealis_modifiers: frozenset[str]
    generic_present_tags: frozenset[str]
    transparent_nouns: frozenset[str]

    @classmethod
    def load(cls, path: Path = MODALITY_PATH) -> ModalityWords:
        return cls.parse(read_yaml(path), path.name)

    @classmethod
    def parse(cls, d: dict[str, Any], where: str = MODALITY_PATH.name) -> ModalityWords:
        return cls(**{k: words(d, k, where) for k in LISTS})
