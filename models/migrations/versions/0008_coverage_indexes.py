"""coverage indexes: drop the single-column ``year`` and ``program_code`` indexes, which the unique
(year, program_code, region_code, kind) index already serves (its leading columns), so that every figure written
maintains two b-trees fewer (a bulk import of a million rows writes each of them a million times)

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-28 11:40:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("coverage", schema=None) as batch_op:
        batch_op.drop_index("ix_coverage_year")
        batch_op.drop_index("ix_coverage_program_code")


def downgrade() -> None:
    with op.batch_alter_table("coverage", schema=None) as batch_op:
        batch_op.create_index("ix_coverage_program_code", ["program_code"], unique=False)
        batch_op.create_index("ix_coverage_year", ["year"], unique=False)
