"""The Cleaner stage: page-like documents get segments; all segments get repeat removal and a language."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from eventledger.clean.language import LanguageDetector
from eventledger.clean.page import Draft, PageParser
from eventledger.clean.repeats import drop_repeats
from eventledger.clean.rules import LanguageSettings, Rules
from eventledger.clean.spans import Span, build, merge
from eventledger.dedupe.deduper import mark_syndication
from eventledger.records import Document, Segment

PAGE_KINDS = ("page", "article", "", None)  # reader kinds the cleaner may refine


class Cleaner:
    name = "clean"

    def __init__(
        self,
        *,
        rules: Rules | None = None,
        languages: LanguageSettings | None = None,
        detector: LanguageDetector | None = None,
    ):
        self.rules = rules or Rules.load()
        self.languages = languages or (detector.settings if detector else LanguageSettings.load())
        self._detector = detector  # loaded on first use, so building a stage list stays cheap

    @property
    def detector(self) -> LanguageDetector:
        if self._detector is None:
            self._detector = LanguageDetector(self.languages)
        return self._detector

    def run(self, records: Iterable[Any], *, rank: int = 0, world_size: int = 1) -> Iterator[Any]:
        for r in records:
            yield self.clean(r) if isinstance(r, Document) else r

    def clean(self, doc: Document) -> Document:
        if doc.meta.get("segmented"):
            self._structured(doc)
        else:
            self._page(doc)
        self._language(doc)
        return doc

    def _page(self, doc: Document) -> None:
        res = PageParser(doc.text, self.rules).parse()
        kept, repeats = drop_repeats(doc.text, [d.spans for d in res.drafts])
        drafts = [(d, merge(doc.text, spans)) for d, spans in zip(res.drafts, kept)]
        doc.segments = _segments(doc, drafts)
        for seg in doc.segments:
            mark_syndication(seg)
        doc.dropped = sorted(doc.dropped + res.dropped + repeats, key=lambda x: (x.start is None, x.start or 0))
        if doc.kind in PAGE_KINDS or res.kind in ("aggregator", "thread"):
            doc.kind = res.kind
        doc.title = doc.title or res.title
        doc.author = doc.author or res.author
        doc.source = doc.source or _page_source(doc, res.source)
        if res.published is not None and res.published.value and not doc.published.value:
            doc.published = res.published

    def _structured(self, doc: Document) -> None:
        groups = [[(p.doc_start, p.doc_start + p.length) for p in s.pieces] for s in doc.segments]
        kept, repeats = drop_repeats(doc.text, groups)
        if not repeats:
            return
        for seg, spans in zip(doc.segments, kept):
            spans = merge(doc.text, spans)
            if spans != merge(doc.text, [(p.doc_start, p.doc_start + p.length) for p in seg.pieces]):
                fresh = build(doc.id, doc.text, spans, kind=seg.kind)
                seg.text, seg.pieces = fresh.text, fresh.pieces
        doc.segments = [s for s in doc.segments if s.pieces]
        doc.dropped = sorted(doc.dropped + repeats, key=lambda x: (x.start is None, x.start or 0))

    def _language(self, doc: Document) -> None:
        body = "\n".join(s.text for s in doc.segments) or doc.text
        doc.language = doc.language or self.detector.detect(body[:20000])
        for s in doc.segments:
            s.language = s.language or self.detector.detect(s.text, fallback=doc.language)


def _page_source(doc: Document, holder: str | None) -> str | None:
    """Who publishes the page: the outlet its one article names (a comment under it appears on that outlet's page),
    else the publisher of its copyright line; a segment naming no outlet of its own takes this one."""
    named = {s.source for s in doc.segments if s.kind == "article" and s.source}
    return named.pop() if len(named) == 1 and doc.kind in ("article", "thread") else holder


def _segments(doc: Document, drafts: list[tuple[Draft, list[Span]]]) -> list[Segment]:
    """Segments in document order with ids; parents point to segment ids."""
    order = sorted((i for i, (_, spans) in enumerate(drafts) if spans), key=lambda i: drafts[i][1][0][0])
    ids: dict[int, str] = {}
    out = []
    for index, i in enumerate(order):
        d, spans = drafts[i]
        seg = build(doc.id, doc.text, spans, kind=d.kind, index=index)
        seg.title, seg.date, seg.author, seg.source = d.title, d.date, d.author, d.source
        seg.score, seg.depth, seg.meta = d.score, d.depth, {k: v for k, v in d.meta.items() if v is not None}
        ids[i] = seg.id
        out.append(seg)
    for index, i in enumerate(order):
        parent = drafts[i][0].parent
        out[index].parent = ids.get(parent) if parent is not None else None
    return out
