"""Who may do what: admins come from ``ADMIN_IDS``; staff are admins plus the people admins added."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from bot.settings import Settings


def is_admin(settings: Settings, user_id: int | None) -> bool:
    return user_id is not None and user_id in settings.admin_ids


def is_staff(engine: Engine, settings: Settings, user_id: int | None) -> bool:
    """Admins, and (once staff management lands) the people an admin added with /staf tambah."""
    return is_admin(settings, user_id)
