"""Cleaning and segmentation: page furniture dropped and recorded, posts, headlines and comments as segments."""

from eventledger.clean.cleaner import Cleaner
from eventledger.clean.language import LanguageDetector, detect_language
from eventledger.clean.rules import LanguageSettings, Rules

__all__ = ["Cleaner", "LanguageDetector", "LanguageSettings", "Rules", "detect_language"]
