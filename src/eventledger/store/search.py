"""Full-text search over segments: SQLite FTS5 or PostgreSQL text search, always with bound parameters."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import text

if TYPE_CHECKING:  # the Store's own queries use this module
    from eventledger.store import Store

# Snippet markers that never occur in scraped text; templates split on them and escape the pieces.
MARK_START, MARK_END = "\x02", "\x03"
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(slots=True)
class Hit:
    segment: str
    document: str
    kind: str
    title: str | None
    snippet: str  # text with MARK_START/MARK_END around the matched words
    date: str | None = None  # the segment's own date (a post, a comment), if it has one
    source: str | None = None  # the segment's own outlet (a post of an aggregator page), if it has one


def terms(query: str) -> list[str]:
    """Words of a user query; operators and quotes are dropped so no input is a syntax error."""
    return _WORD.findall(query)[:20]


def search_segments(store: Store, query: str, *, limit: int = 20, offset: int = 0) -> list[Hit]:
    words = terms(query)
    if not words:
        return []
    if store.dialect == "sqlite":
        sql = text(
            "SELECT s.id, s.document_id, s.kind, s.title, "
            "snippet(segments_fts, 2, :a, :b, '…', 24) AS snip, s.date_value, s.source "
            "FROM segments_fts JOIN segments s ON s.id = segments_fts.segment_id "
            "WHERE segments_fts MATCH :q ORDER BY rank, s.id LIMIT :n OFFSET :o"
        )
        params = {"q": " ".join(f'"{w}"' for w in words), "a": MARK_START, "b": MARK_END, "n": limit, "o": offset}
    elif store.dialect == "postgresql":
        doc = "to_tsvector('simple', coalesce(s.title, '') || ' ' || s.text)"
        sql = text(
            f"SELECT s.id, s.document_id, s.kind, s.title, "
            f"ts_headline('simple', s.text, q, :opts) AS snip, s.date_value, s.source "
            f"FROM segments s, plainto_tsquery('simple', :q) q "
            f"WHERE {doc} @@ q ORDER BY ts_rank({doc}, q) DESC, s.id LIMIT :n OFFSET :o"
        )
        opts = f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=40, MinWords=15"
        params = {"q": " ".join(words), "opts": opts, "n": limit, "o": offset}
    else:
        raise ValueError(f"full-text search is not available on {store.dialect}; use SQLite or PostgreSQL")
    with store.session() as s:
        return [Hit(r[0], r[1], r[2], r[3], r[4] or "", r[5], r[6]) for r in s.execute(sql, params)]


def matching_segment_ids(store: Store, query: str, *, limit: int = 5000) -> list[str]:
    """Segment ids for a query, for filtering events by the text of their reports."""
    return [h.segment for h in search_segments(store, query, limit=limit)]
