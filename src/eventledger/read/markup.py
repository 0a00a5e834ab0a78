"""Plain text from an HTML fragment (feed summaries): paragraphs kept, scripts and styles gone."""

from __future__ import annotations

import html as htmllib
import re

BLOCK_END = re.compile(r"</(?:p|div|li|h[1-6]|blockquote|tr|table|ul|ol|section|article)\s*>", re.I)
BREAK = re.compile(r"<br\s*/?>", re.I)
SPACES = re.compile(r"[ \t\u00a0]+")
BLANKS = re.compile(r"\n\s*\n+")


def html_to_text(fragment: str | None) -> str:
    if not fragment:
        return ""
    if "<" not in fragment:
        return _tidy(htmllib.unescape(fragment))
    from selectolax.lexbor import LexborHTMLParser

    marked = BREAK.sub("\n", BLOCK_END.sub(lambda m: m.group(0) + "\n\n", fragment))
    tree = LexborHTMLParser(marked)
    tree.strip_tags(["script", "style", "noscript", "template", "iframe", "object"])
    root = tree.body or tree.root
    return _tidy(root.text(deep=True) if root is not None else "")


def _tidy(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return BLANKS.sub("\n\n", "\n".join(lines)).strip()
