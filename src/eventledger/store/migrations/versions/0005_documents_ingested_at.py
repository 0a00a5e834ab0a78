"""documents.ingested_at indexed: a concurrent ingest run asks for the documents other runs stored since
it last looked (ingest.StoreDeduper.refresh), once per batch

Revision ID: 0005
Revises: 0004
"""
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_documents_ingested_at", "documents", ["ingested_at"])


def downgrade() -> None:
    op.drop_index("ix_documents_ingested_at", "documents")
