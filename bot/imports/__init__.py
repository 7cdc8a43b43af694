"""Imports: reading staff spreadsheets, validating them, previewing and applying them all or nothing."""

from bot.imports.apply import apply_plan, bump_data_version, existing_figures, plan_import, seen_batches
from bot.imports.counts import Count, parse_count, read_count
from bot.imports.plan import (
    MAX_BYTES,
    MAX_ROWS,
    PREVIEW_PROBLEMS,
    Change,
    FigureRow,
    ImportPlan,
    ImportRefused,
    Problem,
    StalePlan,
    describe_problems,
)
from bot.imports.reading import Table, decode_text, header_columns, header_key, is_xlsx, read_table
from bot.imports.validation import RowParser, check_consistency, parse_file

__all__ = [
    "MAX_BYTES",
    "MAX_ROWS",
    "PREVIEW_PROBLEMS",
    "Change",
    "Count",
    "FigureRow",
    "ImportPlan",
    "ImportRefused",
    "Problem",
    "RowParser",
    "StalePlan",
    "Table",
    "apply_plan",
    "bump_data_version",
    "check_consistency",
    "decode_text",
    "describe_problems",
    "existing_figures",
    "header_columns",
    "header_key",
    "is_xlsx",
    "parse_count",
    "parse_file",
    "plan_import",
    "read_count",
    "read_table",
    "seen_batches",
]
