"""An HTML page as an lxml tree with what the page model asks of it: text per element, class signatures, plain text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

# Never text: code, styling, forms and embedded objects. <noscript> stays: Discourse serves its posts there.
SKIP = frozenset(
    {
        "script",
        "style",
        "template",
        "svg",
        "button",
        "select",
        "option",
        "input",
        "textarea",
        "iframe",
        "object",
        "embed",
        "head",
        "canvas",
        "math",
    }
)
BLOCK = frozenset(
    {
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "table",
        "tr",
        "section",
        "article",
        "header",
        "footer",
        "dd",
        "dt",
        "dl",
        "figure",
        "figcaption",
        "hr",
        "main",
        "aside",
        "nav",
        "form",
        "details",
        "summary",
        "address",
    }
)
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"[ \t\u00a0\u200b]+")
_BLANKS = re.compile(r"\n\s*\n+")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>", re.I)


def parse(html: str) -> etree._Element | None:
    """The document tree, or None when lxml finds no element in it."""
    try:
        root = lxml.html.document_fromstring(_XML_DECL.sub("", html, count=1) or "<html></html>")
    except (etree.ParserError, ValueError):
        return None
    return root


def classes(el: etree._Element) -> tuple[str, ...]:
    return tuple((el.get("class") or "").lower().split())


def signature(el: etree._Element) -> str:
    """Tag and class tokens without numbers: repeated posts share it, whatever their ids."""
    toks = sorted({_DIGITS.sub("", c) for c in classes(el)} - {""})
    return el.tag + "." + ".".join(toks)


def is_element(el) -> bool:
    return isinstance(el.tag, str)


@dataclass(slots=True)
class Sizes:
    """Characters of visible text under each element, and how many of them are link text, in one pass."""

    chars: dict[etree._Element, int] = field(default_factory=dict)
    links: dict[etree._Element, int] = field(default_factory=dict)

    @classmethod
    def of(cls, root: etree._Element) -> Sizes:
        out = cls()
        out._walk(root)
        return out

    def _walk(self, el: etree._Element) -> tuple[int, int]:
        n, linked = len((el.text or "").strip()), 0
        for ch in el:
            if is_element(ch) and ch.tag not in SKIP:
                a, b = self._walk(ch)
                n, linked = n + a, linked + b
            n += len((ch.tail or "").strip())
        if el.tag == "a":
            linked = n
        self.chars[el] = n
        if linked:
            self.links[el] = linked
        return n, linked

    def __getitem__(self, el: etree._Element) -> int:
        return self.chars.get(el, 0)

    def link_density(self, el: etree._Element) -> float:
        n = self.chars.get(el, 0)
        return self.links.get(el, 0) / n if n else 0.0


def text_of(el: etree._Element, *, skip: frozenset | set = frozenset()) -> str:
    """Visible text with paragraph breaks at block elements; elements in `skip` are left out."""
    parts: list[str] = []

    def walk(e: etree._Element) -> None:
        block = e.tag in BLOCK
        if block:
            parts.append("\n")
        if e.tag == "br":
            parts.append("\n")
        if e.text:
            parts.append(e.text)
        for ch in e:
            if is_element(ch) and ch.tag not in SKIP and ch not in skip:
                walk(ch)
            if ch.tail:
                parts.append(ch.tail)
        if block:
            parts.append("\n")

    if el.tag not in SKIP:
        walk(el)
    return tidy("".join(parts))


def tidy(text: str) -> str:
    lines = [_SPACES.sub(" ", ln).strip() for ln in text.replace("\r", "\n").split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(ln for ln in lines if ln)).strip()


def descendants(el: etree._Element, prune: set | frozenset = frozenset()):
    """Elements under `el` in document order, not entering (nor yielding) those in `prune` or SKIP."""

    def kids(e):
        return [c for c in reversed(e) if is_element(c) and c.tag not in SKIP and c not in prune]

    stack = kids(el)
    while stack:
        e = stack.pop()
        yield e
        stack.extend(kids(e))


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())
