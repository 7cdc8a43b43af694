"""SQLModel tables, engine and session, migrations and loaders of reference data."""

from models.tables import (
    ALL_PROGRAMS,
    AuditLog,
    Coverage,
    CoverageKind,
    ImportBatch,
    LanguagePref,
    Meta,
    Program,
    ProgramGroup,
    Region,
    RegionAlias,
    Source,
    UnansweredQuestion,
    utcnow,
)

__all__ = [
    "ALL_PROGRAMS",
    "AuditLog",
    "Coverage",
    "CoverageKind",
    "ImportBatch",
    "LanguagePref",
    "Meta",
    "Program",
    "ProgramGroup",
    "Region",
    "RegionAlias",
    "Source",
    "UnansweredQuestion",
    "utcnow",
]
