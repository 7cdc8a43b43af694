"""source named: the other people a source names with their role (the governor in its photo caption), so that
"siapa gubernur Kepri?" is answered with what the source says, dated, instead of a plain refusal

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-28 16:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # a plain ADD COLUMN: a batch copy would drop and recreate ``source``, which the figures reference
    op.add_column("source", sa.Column("named", sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=""))


def downgrade() -> None:
    op.drop_column("source", "named")
