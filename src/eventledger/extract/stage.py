"""The Extractor stage: segments -> mentions, reports and statements, every span in document offsets.

The orchestrator only: batching here; preparing and parsing in work.py, reports in reports.py (with dating.py,
placing.py, naming.py and the frame finder in frames.py), statements in statements.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from eventledger.extract.counts import CountFinder
from eventledger.extract.dating import Dater, borrow_dates, date_comment, date_headlines, date_stamp, segment_anchor
from eventledger.extract.frames import FrameFinder
from eventledger.extract.mentions import add_mentions
from eventledger.extract.naming import Namer
from eventledger.extract.placing import Placer
from eventledger.extract.reports import ReportBuilder
from eventledger.extract.salience import Salience
from eventledger.extract.statements import StatementFinder
from eventledger.extract.times import infer_publication_date
from eventledger.extract.work import Preparer, SegWork, load_nlp
from eventledger.ids import make_id
from eventledger.knowledge import ActorRegistry, Gazetteer, Lexicon
from eventledger.records import DateValue, Document, Piece, Segment

DOCUMENTS_PER_BATCH = 32


class Extractor:
    name = "extract"

    def __init__(
        self,
        *,
        nlp=None,
        actors: ActorRegistry | None = None,
        gazetteer: Gazetteer | None = None,
        lexicon: Lexicon | None = None,
        batch_size: int = DOCUMENTS_PER_BATCH,
        relevance=None,
    ):
        self.relevance = relevance  # optional learned document filter (extract/relevance.py); off by default
        self.nlp = nlp if nlp is not None else load_nlp()
        self.actors = actors if actors is not None else ActorRegistry.load()
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer.load()
        self.lex = lexicon or Lexicon.load()
        self.batch_size = batch_size
        self.frames = FrameFinder(self.lex, actor_kind=self._actor_kind)
        namer = Namer(self.lex, self.actors)
        counts = CountFinder(self.lex.count_words)
        self.statements = StatementFinder(self.lex, actor_name=namer.canonical_name, actors=namer.actors)
        self.prep = Preparer(
            nlp=self.nlp,
            actors=self.actors,
            gazetteer=self.gazetteer,
            lexicon=self.lex,
            statements=self.statements,
            counts=counts,
        )
        self.salience = Salience(self.lex)
        self.reports = ReportBuilder(
            lexicon=self.lex,
            frames=self.frames,
            dater=Dater(self.lex),
            placer=Placer(self.gazetteer),
            namer=namer,
            counts=counts,
            background=self.salience.words.set_apart,
        )

    def _actor_kind(self, actor_id: str) -> str | None:
        return getattr(self.actors.get(actor_id), "kind", None)

    def run(self, records: Iterable[Any], *, rank: int = 0, world_size: int = 1) -> Iterator[Any]:
        batch: list[Document] = []
        for r in records:
            if isinstance(r, Document):
                batch.append(r)
                if len(batch) >= self.batch_size:
                    yield from self.process(batch)
                    batch = []
            else:
                yield from self.process(batch)
                batch = []
                yield r
        yield from self.process(batch)

    def process(self, docs: list[Document]) -> list[Document]:
        works = [(d, self._prepare(d)) for d in docs]
        self.prep.parse([w for _, ws in works for w in ws])
        keep = self.relevance.scores(d.text for d in docs) if self.relevance is not None else None
        for k, (d, ws) in enumerate(works):
            d.mentions, d.reports, d.statements = [], [], []
            for w in ws:
                self._segment(d, w)
            self.salience.mark(d)  # each segment's news (which dates the headline), background, follow-ups
            date_headlines(d)
            borrow_dates(d.reports)
            if keep is not None:
                self._judge_relevance(d, keep[k])
        return docs

    def _prepare(self, d: Document) -> list[SegWork]:
        fallback = None
        if not (d.published and d.published.value):
            inferred = infer_publication_date(d.text)  # "Friday ... March 22" with no year -> 2024
            fallback = inferred if inferred and inferred.value else None
        works = []
        for s in d.segments:
            if s.duplicate_of is None:
                date_comment(d, s)
                date_stamp(d, s)
                works.append(self.prep.prepare(s, segment_anchor(d, s, fallback)))
        return works

    def _segment(self, doc: Document, w: SegWork) -> None:
        opinion = w.seg.kind == "comment"
        add_mentions(doc, w)
        reports = self.reports.segment(doc, w, opinion=opinion)
        for _, r in reports:
            if r not in doc.reports:
                doc.reports.append(r)
        doc.statements.extend(self.statements.find(doc, w, reports, opinion=opinion))

    def _judge_relevance(self, d: Document, score: float) -> None:
        """The learned filter judged that no incident is reported here: keep the mentions and statements."""
        d.meta["relevance"] = round(score, 4)
        if score < self.relevance.threshold:
            d.reports = []
            for st in d.statements:
                st.report = None


def extract_text(
    text: str, *, published: DateValue | None = None, extractor: Extractor | None = None, url: str | None = None
) -> Document:
    """Wrap plain text as a one-segment document and extract it (for evaluation)."""
    from eventledger.ids import content_hash

    data = text.encode("utf-8")
    doc_id = make_id("doc", content_hash(data))
    seg = Segment(
        id=make_id("seg", doc_id, 0),
        document=doc_id,
        index=0,
        kind="article",
        text=text,
        pieces=[Piece(0, 0, len(text))],
        date=published or DateValue(),
    )
    doc = Document(
        id=doc_id,
        path="<text>",
        kind="article",
        content=data,
        text=text,
        published=published or DateValue(),
        segments=[seg],
        url=url,
    )
    ex = extractor or Extractor()
    ex.process([doc])
    return doc
