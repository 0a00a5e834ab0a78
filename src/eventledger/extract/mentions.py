"""Mentions: every registry actor, gazetteer place and date found in a segment, in document offsets."""

from __future__ import annotations

from eventledger.extract.work import SegWork
from eventledger.ids import make_id
from eventledger.records import Document, Mention


def add_mentions(doc: Document, w: SegWork) -> None:
    seg = w.seg
    for kind, hits in (("actor", w.actors), ("place", w.places)):
        for s, e, key in hits:
            a, b = seg.doc_offset(s), seg.doc_offset(e)
            res = {"actor_id": key} if kind == "actor" else {"name": key}
            how = "registry" if kind == "actor" else "gazetteer"
            doc.mentions.append(
                Mention(make_id("men", doc.id, a, b, kind), doc.id, seg.id, kind, doc.text[a:b], a, b, how, res)
            )
    for s, e, dv in w.dates:
        a, b = seg.doc_offset(s), seg.doc_offset(e)
        resolved = {"value": dv.value, "precision": dv.precision}
        doc.mentions.append(
            Mention(make_id("men", doc.id, a, b, "date"), doc.id, seg.id, "date", doc.text[a:b], a, b, "date", resolved)
        )
