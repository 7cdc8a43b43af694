"""seen updates: every Telegram update_id claimed once across instances (webhook mode behind a load balancer)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28 06:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "seenupdate",
        sa.Column("update_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("claimed_by", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("claimed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("done_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("update_id"),
    )
    with op.batch_alter_table("seenupdate", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_seenupdate_claimed_at"), ["claimed_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("seenupdate", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_seenupdate_claimed_at"))
    op.drop_table("seenupdate")
