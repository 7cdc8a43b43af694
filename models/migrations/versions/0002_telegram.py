"""telegram: language preferences and unanswered questions

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 01:43:04.530658
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "languagepref",
        sa.Column("subject_id", sa.BigInteger(), nullable=False),
        sa.Column("language", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("subject_id"),
    )
    op.create_table(
        "unansweredquestion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("normalized", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("asked_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("language", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("unansweredquestion", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_unansweredquestion_asked_at"), ["asked_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_unansweredquestion_normalized"), ["normalized"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("unansweredquestion", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_unansweredquestion_normalized"))
        batch_op.drop_index(batch_op.f("ix_unansweredquestion_asked_at"))

    op.drop_table("unansweredquestion")
    op.drop_table("languagepref")
