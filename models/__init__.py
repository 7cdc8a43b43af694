"""SQLModel tables, engine and session, migrations and loaders of reference data."""

from models.digest import Delivery, DeliveryStatus, Subscription
from models.staff import PendingImport, Staff
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
    "Delivery",
    "DeliveryStatus",
    "ImportBatch",
    "LanguagePref",
    "Meta",
    "PendingImport",
    "Program",
    "ProgramGroup",
    "Region",
    "RegionAlias",
    "Source",
    "Staff",
    "Subscription",
    "UnansweredQuestion",
    "utcnow",
]
