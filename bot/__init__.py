"""Tanya Bansos: everything that is not Telegram (settings, understanding, answers, digests, CLI)."""
