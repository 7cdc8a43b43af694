"""Thin Telegram adapters: read the update, call ``bot``, send the reply."""
