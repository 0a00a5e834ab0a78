"""EventLedger's extraction over plain benchmark texts, as DESIGN.md report dicts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from eventledger.eval.errors import missing


@dataclass(slots=True)
class Extraction:
    text: str
    reports: list[dict[str, Any]]
    statements: list[dict[str, Any]]


class TextExtractor:
    """One Extractor (and its spaCy model) reused for every text of a run."""

    def __init__(self, what: str, relevance=None):
        try:
            from eventledger.extract import Extractor, extract_text
        except ImportError as e:
            raise missing(what, "eventledger.extract.extract_text", e) from e
        self._extract_text = extract_text
        self._extractor = Extractor(relevance=relevance)

    def __call__(self, text: str) -> Extraction:
        doc = self._extract_text(text, published=None, extractor=self._extractor)
        return Extraction(doc.text, [r.to_dict() for r in doc.reports], [s.to_dict() for s in doc.statements])
