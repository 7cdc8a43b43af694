"""Tanya Bansos's core, Telegram-free: settings and the composition root at the top, then one package per
capability — text, figures, understanding, answering, imports, staff, digests, cli (see docs/architecture.md)."""
