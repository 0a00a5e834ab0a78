"""full-text search over segments and keyset-pagination indexes for the workspace

Revision ID: 0002
Revises: 0001
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Composite (sort key, id) indexes so event lists page by keyset without sorting the table.
BROWSE = {
    "ix_events_date_id": ("date_value", "id"),
    "ix_events_killed_id": ("killed_best", "id"),
    "ix_events_sources_id": ("independent_sources", "id"),
    "ix_events_updated_id": ("updated_at", "id"),
}

SQLITE_FTS = [
    # own-storage FTS5 table keyed by segment id: robust to VACUUM renumbering rowids of `segments`
    "CREATE VIRTUAL TABLE IF NOT EXISTS segments_fts USING fts5(segment_id UNINDEXED, title, text, tokenize='unicode61 remove_diacritics 2')",
    "INSERT INTO segments_fts(segment_id, title, text) SELECT id, coalesce(title, ''), text FROM segments",
    """CREATE TRIGGER IF NOT EXISTS segments_fts_ins AFTER INSERT ON segments BEGIN
         INSERT INTO segments_fts(segment_id, title, text) VALUES (new.id, coalesce(new.title, ''), new.text);
       END""",
    """CREATE TRIGGER IF NOT EXISTS segments_fts_del AFTER DELETE ON segments BEGIN
         DELETE FROM segments_fts WHERE segment_id = old.id;
       END""",
    """CREATE TRIGGER IF NOT EXISTS segments_fts_upd AFTER UPDATE OF title, text ON segments BEGIN
         DELETE FROM segments_fts WHERE segment_id = old.id;
         INSERT INTO segments_fts(segment_id, title, text) VALUES (new.id, coalesce(new.title, ''), new.text);
       END""",
]


def upgrade() -> None:
    for name, cols in BROWSE.items():
        op.create_index(name, "events", list(cols))
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for sql in SQLITE_FTS:
            op.execute(sql)
    elif dialect == "postgresql":
        op.execute("CREATE INDEX IF NOT EXISTS ix_segments_fts ON segments USING gin (to_tsvector('simple', coalesce(title, '') || ' ' || text))")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for t in ("segments_fts_ins", "segments_fts_del", "segments_fts_upd"):
            op.execute(f"DROP TRIGGER IF EXISTS {t}")
        op.execute("DROP TABLE IF EXISTS segments_fts")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_segments_fts")
    for name in BROWSE:
        op.drop_index(name, "events")
