"""Duplicates: exact and near copies of documents and segments, and syndicated republications."""

from eventledger.dedupe.deduper import Deduper, mark_syndication
from eventledger.dedupe.index import DuplicateIndex
from eventledger.dedupe.minhash import content_key, minhash_signature, normalise
from eventledger.dedupe.syndication import syndicated_from

__all__ = [
    "Deduper",
    "DuplicateIndex",
    "content_key",
    "mark_syndication",
    "minhash_signature",
    "normalise",
    "syndicated_from",
]
