"""Language identification with py3langid, restricted to the languages of data/clean_languages.yaml."""

from __future__ import annotations

from pathlib import Path

from eventledger.clean.rules import LanguageSettings


class LanguageDetector:
    """Holds the loaded model (about a second to load): make one per stage, not per call."""

    def __init__(self, settings: LanguageSettings | None = None):
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        self.settings = settings or LanguageSettings.load()
        self.model = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        self.model.set_languages(self.settings.languages)
        self._last: tuple[str, tuple[str, float]] | None = None

    def classify(self, text: str) -> tuple[str, float]:
        # The cleaner asks about a document's body, then about each segment: a document of one segment
        # would be classified twice on the same text, the costliest step of cleaning. Asked again, answer again.
        if self._last is not None and self._last[0] == text:
            return self._last[1]
        lang, prob = self.model.classify(text)
        self._last = (text, (str(lang), float(prob)))
        return self._last[1]

    def detect(self, text: str, *, fallback: str | None = None) -> str:
        """The language of `text`; short or uncertain text takes `fallback` when one is given."""
        if fallback and len(text.strip()) < self.settings.min_chars:
            return fallback
        lang, prob = self.classify(text)
        if fallback and prob < self.settings.min_confidence:
            return fallback
        return lang


def detect_language(
    text: str, *, detector: LanguageDetector | None = None, settings_path: str | Path | None = None
) -> str:
    """ISO 639-1 code of `text`; pass a detector when calling more than once."""
    detector = detector or LanguageDetector(LanguageSettings.load(settings_path))
    return detector.detect(text)
