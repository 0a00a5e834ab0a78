"""HTML pages: main text and metadata by trafilatura (dates by htmldate), raw HTML kept as the content."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from eventledger.read.common import doc_id, parse_date
from eventledger.read.decode import decode, html_charset, normalise_newlines
from eventledger.records import DateValue, Document

HTML_LANG = re.compile(r"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.I)
# Tuned on the article-extraction pages (word-shingle F1 of the main text, trafilatura 2.3.1): defaults
# 0.953, without comments 0.960, and favouring precision 0.964. Comments are better read from a
# thread's own JSON than from a page's footer.
OPTIONS = {"include_comments": False, "include_tables": True, "favor_precision": True}
DATE_PARAMS = {"extensive_search": True, "original_date": True, "outputformat": "%Y-%m-%d"}


@dataclass(slots=True)
class HtmlPage:
    text: str  # main text only; the Document puts the title in front of it
    title: str | None = None
    author: str | None = None
    date: DateValue = field(default_factory=DateValue)
    sitename: str | None = None
    language: str | None = None
    url: str | None = None


def _squash(s: str) -> str:
    return " ".join(s.split()).casefold()


def with_title(title: str | None, text: str) -> str:
    """Title as the first paragraph, so a headline can be evidence, unless the text already opens with it."""
    if not title or _squash(text).startswith(_squash(title)):
        return text
    return f"{title}\n\n{text}" if text else title


def extract_html(html: str | bytes, *, url: str | None = None, charset: str | None = None) -> HtmlPage:
    import trafilatura

    if isinstance(html, bytes):
        html = decode(html, declared=charset or html_charset(html))[0]
    found = trafilatura.bare_extraction(html, url=url, with_metadata=True, date_extraction_params=DATE_PARAMS,
                                        **OPTIONS)
    if found is None:
        return HtmlPage(text="", url=url)
    title = " ".join((found.title or "").split()) or None
    text = normalise_newlines(found.text or "").strip()
    lang = found.language or (m.group(1).lower() if (m := HTML_LANG.search(html[:4096])) else None)
    return HtmlPage(text=text, title=title, author=found.author or None,
                    date=parse_date(found.date), sitename=found.sitename or None, language=lang,
                    url=found.url or url)


def html_document(data: bytes, *, path: str, url: str | None = None, charset: str | None = None,
                  fetched: str | None = None) -> Document | str:
    """The page as a Document, or the reason it has no text."""
    page = extract_html(data, url=url, charset=charset)
    text = with_title(page.title, page.text)
    if not text:
        return "HTML has no extractable main text or title"
    return Document(id=doc_id(data), path=path, kind="page", content=data, text=text, source=page.sitename,
                    url=page.url or url, title=page.title, published=page.date, fetched=fetched,
                    language=page.language, author=page.author, meta={"format": "html"})
