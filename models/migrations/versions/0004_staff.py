"""staff: staff members added by admins, and imports waiting for their uploader's confirmation

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 01:56:21.593177
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "pendingimport",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("actor", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("filename", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("data_version", sa.Integer(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("expires_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("pendingimport", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pendingimport_expires_at"), ["expires_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_pendingimport_token"), ["token"], unique=True)
        batch_op.create_index(batch_op.f("ix_pendingimport_user_id"), ["user_id"], unique=False)

    op.create_table(
        "staff",
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("added_by", sa.BigInteger(), nullable=False),
        sa.Column("added_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("user_id"),
    )


def downgrade() -> None:
    op.drop_table("staff")
    with op.batch_alter_table("pendingimport", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pendingimport_user_id"))
        batch_op.drop_index(batch_op.f("ix_pendingimport_token"))
        batch_op.drop_index(batch_op.f("ix_pendingimport_expires_at"))

    op.drop_table("pendingimport")
