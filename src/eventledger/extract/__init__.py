"""Extraction: mentions, reports and statements from segments."""

from __future__ import annotations

__all__ = ["Extractor", "extract_text", "load_nlp"]


def __getattr__(name: str):
    # lazy, so importing the knowledge modules (actors, places, times) does not load spaCy
    if name in __all__:
        from eventledger.extract import stage

        return getattr(stage, name)
    raise AttributeError(name)
