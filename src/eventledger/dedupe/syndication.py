"""Statements that a text is republished from another outlet ("Reprinted with the permission of X")."""

from __future__ import annotations

import re

# The outlet name is case-sensitive (capitalised words); the phrases around it are not.
_NAME = r"(?P<outlet>[A-Z0-9][\w&'’/-]*(?:\s+(?:[A-Z0-9][\w&'’/()-]*|of|the|and|for|&|de|du|la|el|al)){0,7})"
PATTERNS = [
    re.compile(
        r"(?i:(?:reprinted|republished|reproduced|reposted|used)\s+with\s+(?:the\s+)?permission\s+(?:of|from)\s+)(?:the\s+)?"
        + _NAME
    ),
    re.compile(r"(?i:(?:originally|first)\s+(?:published|appeared|ran)\s+(?:on|in|by|at)\s+)(?:the\s+)?" + _NAME),
    re.compile(
        r"(?i:(?:republished|reprinted|syndicated|reposted)\s+(?:here\s+)?(?:from|courtesy\s+of|by\s+arrangement\s+with)\s+)(?:the\s+)?"
        + _NAME
    ),
    re.compile(r"(?i:courtesy\s+of\s+)(?:the\s+)?" + _NAME + r"\s*\.?\s*$"),
    re.compile(
        r"(?i:(?:story|article|report|content)\s+(?:was\s+|is\s+)?(?:provided|supplied|distributed)\s+by\s+)(?:the\s+)?"
        + _NAME
    ),
    # a wire dateline, "KABUL (Reuters) -": the agency wrote the story whoever prints it
    re.compile(r"(?m:^)[ \t]*[A-Z][A-Z .'’-]{1,40}(?:,\s+[A-Z][\w .'’-]{1,30})?\s+\(" + _NAME + r"\)\s+[-–—]"),
]


def syndicated_from(text: str) -> str | None:
    """The outlet a text says it was first published by, or None."""
    for pat in PATTERNS:
        m = pat.search(text)
        if m:
            name = re.sub(r"(?:\s+(?:of|the|and|for|&|de|du|la|el|al))+$", "", m["outlet"]).strip()
            if name:
                return name
    return None
