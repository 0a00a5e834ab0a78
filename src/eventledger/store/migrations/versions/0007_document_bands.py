"""document bands: the LSH band keys of every stored signature, so ingest checks a new document for near copies
with an indexed query instead of loading every signature into memory; filled from the stored signatures

Revision ID: 0007
Revises: 0006
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

FILL_BATCH = 1000


def upgrade() -> None:
    from eventledger.dedupe.index import band_keys

    op.create_table(
        "document_bands",
        sa.Column("key", sa.BigInteger(), primary_key=True),
        sa.Column(
            "document_id", sa.String(40), sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
        ),
    )
    op.create_index("ix_document_bands_document_id", "document_bands", ["document_id"])
    bands = sa.table("document_bands", sa.column("key", sa.BigInteger()), sa.column("document_id", sa.String()))
    conn = op.get_bind()
    page = sa.text(
        "SELECT id, signature FROM documents WHERE signature IS NOT NULL AND id > :last ORDER BY id LIMIT :n"
    )
    last = ""
    while rows := conn.execute(page, {"last": last, "n": FILL_BATCH}).fetchall():
        keys = [{"key": k, "document_id": i} for i, sig in rows for k in set(band_keys(bytes(sig)))]
        conn.execute(bands.insert(), keys)
        last = rows[-1][0]


def downgrade() -> None:
    op.drop_index("ix_document_bands_document_id", "document_bands")
    op.drop_table("document_bands")
