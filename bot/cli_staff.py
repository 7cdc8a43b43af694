"""``tanyabansos import``, ``audit`` and ``export``: staff data management from the command line."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the staff subcommands to the ``tanyabansos`` parser."""
