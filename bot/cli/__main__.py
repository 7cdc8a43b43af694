"""``python -m bot.cli`` runs the ``tanyabansos`` command."""

from bot.cli.main import main

raise SystemExit(main())
