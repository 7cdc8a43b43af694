"""Text: normalising what people type, gettext and Babel formatting, Telegram-safe HTML splitting."""
