"""Staff work: roles, the staff desk (pending imports, audit, export), without Telegram."""
