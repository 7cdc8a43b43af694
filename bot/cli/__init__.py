"""The ``tanyabansos`` command line: ask/chat, database chores, staff and digest sub-commands."""

from bot.cli.main import main

__all__ = ["main"]
