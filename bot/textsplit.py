"""Splitting long Telegram-HTML replies at line breaks, never inside a tag or an entity."""

from __future__ import annotations

import re

TELEGRAM_LIMIT = 4096
_TAG = re.compile(r"</?([a-z\-]+)[^>]*>")


def _open_tags(text: str) -> list[str]:
    stack: list[str] = []
    for m in _TAG.finditer(text):
        name = m.group(1)
        if m.group(0).startswith("</"):
            if name in stack:
                del stack[len(stack) - 1 - stack[::-1].index(name)]
        else:
            stack.append(m.group(0))
    return stack


def split_html(text: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Parts of at most ``limit`` characters; tags open at a cut are closed and reopened in the next part."""
    if len(text) <= limit:
        return [text]
    parts: list[str] = []
    current = ""
    reopen = ""
    for line in text.split("\n"):
        candidate = f"{current}\n{line}" if current else reopen + line
        if len(candidate) <= limit - 64:
            current = candidate
            continue
        if current:
            parts.append(_close(current))
            reopen = "".join(_open_tags(current))
            current = reopen + line
        while len(current) > limit - 64:
            cut = _safe_cut(current, limit - 64)
            parts.append(_close(current[:cut]))
            reopen = "".join(_open_tags(current[:cut]))
            current = reopen + current[cut:]
    if current:
        parts.append(_close(current))
    return parts


def _close(part: str) -> str:
    closing = "".join(f"</{_TAG.match(t).group(1)}>" for t in reversed(_open_tags(part)))  # type: ignore[union-attr]
    return part + closing


def _safe_cut(text: str, limit: int) -> int:
    """A cut position ≤ limit that is not inside a tag or an entity, preferring a space."""
    cut = limit
    space = text.rfind(" ", 0, limit)
    if space > limit // 2:
        cut = space
    lt, gt = text.rfind("<", 0, cut), text.rfind(">", 0, cut)
    if lt > gt:
        cut = lt
    amp, semi = text.rfind("&", 0, cut), text.rfind(";", 0, cut)
    if amp > semi and cut - amp < 10:
        cut = amp
    return max(cut, 1)
