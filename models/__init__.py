"""SQLModel tables, engine and session, migrations and loaders of reference data."""

from models.tables import (
    ALL_PROGRAMS,
    AuditLog,
    Coverage,
    CoverageKind,
    ImportBatch,
    Meta,
    Program,
    ProgramGroup,
    Region,
    RegionAlias,
    Source,
    utcnow,
)

__all__ = [
    "ALL_PROGRAMS",
    "AuditLog",
    "Coverage",
    "CoverageKind",
    "ImportBatch",
    "Meta",
    "Program",
    "ProgramGroup",
    "Region",
    "RegionAlias",
    "Source",
    "utcnow",
]
