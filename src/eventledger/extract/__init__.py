"""Extraction: mentions, reports and statements from segments.

The public names below are the package's interface: other packages import them from here, never from its
modules (tests/test_architecture_extract.py holds that rule).
"""

from __future__ import annotations

__all__ = ["Extractor", "RelevanceModel", "extract_text", "load_nlp", "muc4_examples"]


def __getattr__(name: str):
    # lazy, so importing the package does not load spaCy or scipy
    if name in ("Extractor", "extract_text"):
        from eventledger.extract import stage

        return getattr(stage, name)
    if name == "load_nlp":
        from eventledger.extract import work

        return work.load_nlp
    if name in ("RelevanceModel", "muc4_examples"):
        from eventledger.extract import relevance

        return getattr(relevance, name)
    raise AttributeError(name)
