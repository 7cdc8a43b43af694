"""Staff data management in chat: /staf, spreadsheet upload with preview and confirm, /riwayat, /ekspor."""

from __future__ import annotations

from telegram.ext import Application


def register(application: Application) -> None:
    """Add the staff handlers (before the generic button handler, so their buttons reach them)."""
