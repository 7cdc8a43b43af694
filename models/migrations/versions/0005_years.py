"""years: undoable imports (numbers, who, undo links), notes and sources in the audit trail, the import behind
each figure; import-created sources no longer named after the file

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("importbatch", schema=None) as batch_op:
        batch_op.add_column(sa.Column("removed", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("imported_by_id", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("undoes_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("undone_by_id", sa.Integer(), nullable=True))
    with op.batch_alter_table("auditlog", schema=None) as batch_op:
        batch_op.add_column(sa.Column("old_note", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.add_column(sa.Column("new_note", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.add_column(sa.Column("old_source", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True))
        batch_op.add_column(sa.Column("new_source", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True))
    with op.batch_alter_table("coverage", schema=None) as batch_op:
        batch_op.add_column(sa.Column("batch_id", sa.Integer(), nullable=True))
    with op.batch_alter_table("pendingimport", schema=None) as batch_op:
        batch_op.add_column(sa.Column("undo_batch_id", sa.Integer(), nullable=True))
    # Sources an import made up from a file without "sumber" were published as "impor berkas <file>": citizens
    # read internal file names. They become the office itself; staff still see the file in /riwayat.
    op.execute(
        "UPDATE source SET title = 'Data yang diimpor staf', published = NULL, publisher = COALESCE("
        "'Dinas Sosial Provinsi ' || (SELECT r.name FROM region r WHERE r.code = "
        "(SELECT substr(c.region_code, 1, 2) FROM coverage c WHERE c.source_id = source.id LIMIT 1)), "
        "'Dinas Sosial Provinsi') WHERE key LIKE 'impor-%'"
    )


def downgrade() -> None:
    # Plain ALTER TABLE … DROP COLUMN (SQLite ≥ 3.35, PostgreSQL): batch mode would recreate importbatch, which the
    # audit trail's foreign key forbids while it has rows.
    for table, columns in (
        ("pendingimport", ("undo_batch_id",)),
        ("coverage", ("batch_id",)),
        ("auditlog", ("new_source", "old_source", "new_note", "old_note")),
        ("importbatch", ("undone_by_id", "undoes_id", "imported_by_id", "removed")),
    ):
        for column in columns:
            op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
