"""levels: coverage rows for every region level (province, kab/kota, kecamatan, desa) with their place columns and
indexes, the rollup table (sums from the level below, kept current by imports) and the coverage statistics (sources
and imports per province, year and program)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28 08:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of the statements of bot.figures.rollups (a migration never imports the application).
_DOTS = "(length(region_code) - length(replace(region_code, '.', '')) + 1)"
_CHILD_SUMS = """
INSERT INTO rollup (year, program_code, region_code, level, province_code, households, children, updated_at)
SELECT year, program_code, substr(code, 1, {width}), {level}, province_code, SUM(households), COUNT(*), {now}
FROM (
    SELECT c.year, c.program_code, c.region_code AS code, c.province_code, c.households
    FROM coverage c WHERE c.kind = 'wilayah' AND c.level = {child}
    UNION ALL
    SELECT r.year, r.program_code, r.region_code AS code, r.province_code, r.households
    FROM rollup r WHERE r.level = {child} AND NOT EXISTS (
        SELECT 1 FROM coverage o WHERE o.year = r.year AND o.program_code = r.program_code
        AND o.region_code = r.region_code AND o.kind = 'wilayah')
) AS effective
GROUP BY year, program_code, substr(code, 1, {width}), province_code
"""


def upgrade() -> None:
    with op.batch_alter_table("coverage", schema=None) as batch_op:
        batch_op.add_column(sa.Column("level", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(
            sa.Column("province_code", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("kab_code", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True))
        batch_op.add_column(sa.Column("kec_code", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True))
    op.execute(
        f"UPDATE coverage SET level = {_DOTS}, province_code = substr(region_code, 1, 2), "
        f"kab_code = CASE WHEN {_DOTS} >= 2 THEN substr(region_code, 1, 5) END, "
        f"kec_code = CASE WHEN {_DOTS} >= 3 THEN substr(region_code, 1, 8) END"
    )
    with op.batch_alter_table("coverage", schema=None) as batch_op:
        batch_op.create_index(
            "ix_coverage_province_level", ["province_code", "level", "year", "program_code"], unique=False
        )
        batch_op.create_index("ix_coverage_kab", ["kab_code", "year", "program_code"], unique=False)
        batch_op.create_index("ix_coverage_kec", ["kec_code", "year", "program_code"], unique=False)
    op.create_table(
        "rollup",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("program_code", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("region_code", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("province_code", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.Column("households", sa.BigInteger(), nullable=False),
        sa.Column("children", sa.Integer(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("year", "program_code", "region_code"),
    )
    with op.batch_alter_table("rollup", schema=None) as batch_op:
        batch_op.create_index(
            "ix_rollup_province_level", ["province_code", "level", "year", "program_code"], unique=False
        )
        batch_op.create_index("ix_rollup_region", ["region_code", "year"], unique=False)
    op.create_table(
        "coveragestat",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("program_code", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("province_code", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("batch_id", sa.Integer(), nullable=True),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("coveragestat", schema=None) as batch_op:
        batch_op.create_index("ix_coveragestat_province", ["province_code", "year", "program_code"], unique=False)
    now = "CURRENT_TIMESTAMP"
    for level, child, width in ((3, 4, 8), (2, 3, 5), (1, 2, 2)):
        op.execute(_CHILD_SUMS.format(level=level, child=child, width=width, now=now))
    op.execute(
        "INSERT INTO coveragestat (year, program_code, province_code, source_id, batch_id, rows, updated_at) "
        "SELECT year, program_code, province_code, source_id, batch_id, COUNT(*), MAX(updated_at) FROM coverage "
        "GROUP BY year, program_code, province_code, source_id, batch_id"
    )


def downgrade() -> None:
    op.drop_table("coveragestat")
    op.drop_table("rollup")
    with op.batch_alter_table("coverage", schema=None) as batch_op:
        batch_op.drop_index("ix_coverage_kec")
        batch_op.drop_index("ix_coverage_kab")
        batch_op.drop_index("ix_coverage_province_level")
    # Plain ALTER TABLE … DROP COLUMN (SQLite ≥ 3.35, PostgreSQL), as in 0005.
    for column in ("kec_code", "kab_code", "province_code", "level"):
        op.execute(f"ALTER TABLE coverage DROP COLUMN {column}")
