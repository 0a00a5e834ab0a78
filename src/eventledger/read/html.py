"""HTML pages: the page model's text (an article, or a thread's posts) and metadata, raw HTML kept as the content."""

from __future__ import annotations

from dataclasses import dataclass, field

from eventledger.clean.htmlpage import PageModel, PageReader
from eventledger.read.common import Part, structured_document, url_host
from eventledger.read.decode import decode, html_charset
from eventledger.records import DateValue, Document

NO_TEXT = "HTML has no extractable text: no main text, title or description (a page its scripts fill in?)"


@dataclass(slots=True)
class HtmlPage:
    text: str  # main text only (a thread: every post); the Document puts the title in front of it
    title: str | None = None
    author: str | None = None
    date: DateValue = field(default_factory=DateValue)
    sitename: str | None = None
    language: str | None = None
    url: str | None = None
    model: PageModel | None = None


def _squash(s: str) -> str:
    return " ".join(s.split()).casefold()


def with_title(title: str | None, text: str) -> str:
    """Title as the first paragraph, so a headline can be evidence, unless the text already opens with it."""
    if not title or _squash(text).startswith(_squash(title)):
        return text
    return f"{title}\n\n{text}" if text else title


def read_page(html: str | bytes, *, charset: str | None = None, reader: PageReader | None = None) -> PageModel:
    if isinstance(html, bytes):
        html = decode(html, declared=charset or html_charset(html))[0]
    return (reader or PageReader()).read(html)


def extract_html(
    html: str | bytes, *, url: str | None = None, charset: str | None = None, reader: PageReader | None = None
) -> HtmlPage:
    model = read_page(html, charset=charset, reader=reader)
    m = model.meta
    first = next((p for p in model.parts if p.kind == "post"), None) if model.kind == "thread" else None
    return HtmlPage(
        text=model.main_text,
        title=m.title,
        author=m.author or (first.author if first else None),
        date=m.date if m.date.value or first is None else first.date,
        sitename=m.sitename,
        language=m.language,
        url=m.url or url,
        model=model,
    )


def html_document(
    data: bytes,
    *,
    path: str,
    url: str | None = None,
    charset: str | None = None,
    fetched: str | None = None,
    reader: PageReader | None = None,
) -> Document | str:
    """The page as a segmented Document (an article, its comments, or a thread's posts), or why it has none."""
    page = extract_html(data, url=url, charset=charset, reader=reader)
    model = page.model
    fields = {
        "source": page.sitename or url_host(page.url or url),
        "url": page.url or url,
        "title": page.title,
        "published": page.date,
        "fetched": fetched,
        "language": page.language,
        "author": page.author,
    }
    meta = {"format": "html", "page_model": model.how}
    if not model.parts and not page.title:
        return NO_TEXT
    # the page model has cut the page already: the cleaner's rules for text renderings (menus, bylines) would
    # only cut the article's own lists and lines (wcxb-dev articles 0.937 read, 0.932 after them)
    parts = [
        Part(
            "article" if p.kind == "summary" else p.kind,
            p.text,
            date=p.date,
            author=p.author,
            score=p.score,
            depth=p.depth,
            parent=p.parent,
            meta=dict(p.meta),
        )
        for p in model.parts
    ] or [Part("article", "")]
    parts[0].text = with_title(page.title, parts[0].text)
    parts[0].title = page.title
    doc = structured_document(parts, item_bytes=data, path=path, kind=model.kind, meta=meta, **fields)
    doc.dropped = list(model.dropped)
    return doc
