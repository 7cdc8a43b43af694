"""Who may do what: admins come from ``ADMIN_IDS``; staff are admins plus the people admins added.

Admins add and remove staff (``/staf``); staff import, export, subscribe groups and set schedules; everyone else may
only ask questions.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from bot.config import Settings
from models.db import session_scope
from models.staff import Staff

log = logging.getLogger(__name__)


def is_admin(settings: Settings, user_id: int | None) -> bool:
    return user_id is not None and user_id in settings.admin_ids


def is_staff(engine: Engine, settings: Settings, user_id: int | None) -> bool:
    """Admins, and the people an admin added with /staf tambah."""
    if user_id is None or not 0 < user_id < 2**63:  # no such Telegram user (and no such BIGINT)
        return False
    if is_admin(settings, user_id):
        return True
    with Session(engine) as session:
        return session.get(Staff, user_id) is not None


@dataclass(frozen=True, slots=True)
class StaffMember:
    user_id: int
    name: str
    added_by: int | None
    added_at: datetime | None
    admin: bool


def add_staff(engine: Engine, user_id: int, *, added_by: int, name: str = "") -> bool:
    """Make someone staff; False when they already were (their name is refreshed)."""
    with session_scope(engine) as session:
        row = session.get(Staff, user_id)
        if row is not None:
            if name and row.name != name:
                row.name = name[:128]
                session.add(row)
            return False
        session.add(Staff(user_id=user_id, name=name[:128], added_by=added_by))
    log.info("user %s made staff by %s", user_id, added_by)
    return True


def remove_staff(engine: Engine, user_id: int, *, removed_by: int | None = None) -> bool:
    """Remove someone from staff; False when they were not staff (admins are never rows here)."""
    with session_scope(engine) as session:
        row = session.get(Staff, user_id)
        if row is None:
            return False
        session.delete(row)
    log.info("user %s removed from staff by %s", user_id, removed_by)
    return True


def list_staff(engine: Engine, settings: Settings) -> list[StaffMember]:
    """Admins first (from the settings), then staff in the order they were added."""
    with Session(engine) as session:
        rows = session.exec(select(Staff).order_by(col(Staff.added_at), col(Staff.user_id))).all()
    known = {r.user_id: r for r in rows}
    admins = [
        StaffMember(a, known[a].name if a in known else "", None, None, True) for a in dict.fromkeys(settings.admin_ids)
    ]
    staff = [
        StaffMember(r.user_id, r.name, r.added_by, r.added_at, False)
        for r in rows
        if r.user_id not in settings.admin_ids
    ]
    return admins + staff
