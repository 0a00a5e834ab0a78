"""reports.resolved_in: the resolution that last took the report in (its stamp), NULL for a report no resolution
has seen yet; an ingest resolves incrementally from the reports that are NULL here (resolve/incremental.py).
Reports of a store that has events count as resolved: every ingest resolved what it stored.

Revision ID: 0008
Revises: 0007
"""
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("reports", sa.Column("resolved_in", sa.String(40), nullable=True))
    op.create_index("ix_reports_resolved_in", "reports", ["resolved_in"])
    op.execute("UPDATE reports SET resolved_in = 'before-0008' WHERE EXISTS (SELECT 1 FROM events)")


def downgrade() -> None:
    op.drop_index("ix_reports_resolved_in", "reports")
    op.drop_column("reports", "resolved_in")
