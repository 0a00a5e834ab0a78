"""The Deduper stage: within one run, link exact and near copies of documents and segments to their original.

The original of a group is the earliest published, then the smallest id, so the links do not depend on
the order of the input. The stage therefore reads its whole shard before it yields; copies across shards
and runs are caught by the store with `DuplicateIndex` over persisted signatures.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from eventledger.dedupe.index import MIN_WORDS_NEAR, THRESHOLD, DuplicateIndex
from eventledger.dedupe.minhash import content_key, minhash, normalise
from eventledger.dedupe.syndication import syndicated_from
from eventledger.groups import DisjointSets
from eventledger.records import NO_DATE, Document, Segment


class Deduper:
    name = "dedupe"

    def __init__(self, *, threshold: float = THRESHOLD, min_words_exact: int = 5, min_words_near: int = MIN_WORDS_NEAR):
        self.threshold = threshold
        self.min_words_exact = min_words_exact
        self.min_words_near = min_words_near

    def run(self, records: Iterable[Any], *, rank: int = 0, world_size: int = 1) -> Iterator[Any]:
        records = list(records)
        docs = [r for r in records if isinstance(r, Document)]
        for d in docs:
            for s in d.segments:
                mark_syndication(s)
        # a tie on the date goes to the smaller document id, for segments too: the original segment must be in the
        # original document, since a copy's segments are not extracted
        self.link([(d.id, _doc_date(d), d.kept_text, d, d.id) for d in docs])
        self.link([(s.id, s.date.value or _doc_date(d), s.text, s, d.id) for d in docs for s in d.segments])
        yield from records

    def link(self, items: list[tuple[str, str, str, Document | Segment, str]]) -> None:
        """Set `duplicate_of` (and meta["duplicate_method"]) on every copy among the items (id, date, text,
        record, document id)."""
        items = sorted(items, key=lambda t: (t[1] or NO_DATE, t[4], t[0]))  # originals first
        copies = DisjointSets(t[0] for t in items)  # each group is named by its original, the first of it

        method: dict[str, str] = {}
        by_key: dict[str, str] = {}
        index = DuplicateIndex(threshold=self.threshold)
        for item_id, _, text, _, _ in items:
            n = len(normalise(text).split())
            if n < self.min_words_exact:
                continue
            key = content_key(text)
            if key in by_key:
                copies.union(by_key[key], item_id)
                method[item_id] = "exact"
                continue
            by_key[key] = item_id
            if n < self.min_words_near:
                continue
            m = minhash(text)
            hits = [h for h in index.query(m) if h != item_id]
            if hits:
                copies.union(hits[0], item_id)  # hits come from earlier (older) items
                method[item_id] = "near"
            index.add(item_id, m)
        for item_id, _, _, rec, _ in items:
            original = copies.find(item_id)
            if original != item_id and not rec.duplicate_of:
                rec.duplicate_of = original
                rec.meta["duplicate_method"] = method.get(item_id, "near")


def mark_syndication(seg: Segment) -> None:
    """A segment that says it is republished from another outlet takes that outlet as its source."""
    outlet = seg.meta.get("syndicated_from") or syndicated_from(seg.text)
    if outlet:
        seg.meta["syndicated_from"] = outlet
        seg.source = outlet


def _doc_date(d: Document) -> str:
    dates = [s.date.value for s in d.segments if s.date.value]
    return d.published.value or (min(dates) if dates else NO_DATE)
