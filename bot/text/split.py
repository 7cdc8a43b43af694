"""Splitting long Telegram-HTML replies at line breaks, never inside a tag or an entity."""

from __future__ import annotations

import re

TELEGRAM_LIMIT = 4096
RESERVE = 256
"""Room kept in every part for closing the tags still open at the cut (and reopening them in the next part)."""
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9\-]*)[^>]*>")


def _update(stack: list[tuple[str, str]], chunk: str) -> None:
    """Track the tags open after ``chunk``: (name, opening tag as written)."""
    for m in _TAG.finditer(chunk):
        closing, name = m.group(1) == "/", m.group(2).lower()
        if not closing:
            stack.append((name, m.group(0)))
            continue
        for i in range(len(stack) - 1, -1, -1):
            if stack[i][0] == name:
                del stack[i]
                break


def _safe_cut(text: str, limit: int) -> int:
    """A cut position ≤ limit that is not inside a tag or an entity, preferring a space."""
    cut = limit
    space = text.rfind(" ", 0, limit)
    if space > limit // 2:
        cut = space + 1
    lt, gt = text.rfind("<", 0, cut), text.rfind(">", 0, cut)
    if lt > gt:
        cut = lt
    amp, semi = text.rfind("&", 0, cut), text.rfind(";", 0, cut)
    if amp > semi and cut - amp < 12:
        cut = amp
    return max(cut, 1)


def _pieces(text: str, budget: int) -> list[str]:
    """Lines (with their newline), long lines cut into pieces of at most ``budget`` characters."""
    out: list[str] = []
    lines = text.split("\n")
    for i, line in enumerate(lines):
        piece = line + ("\n" if i < len(lines) - 1 else "")
        while len(piece) > budget:
            cut = _safe_cut(piece, budget)
            out.append(piece[:cut])
            piece = piece[cut:]
        if piece:
            out.append(piece)
    return out


def split_html(text: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Parts of at most ``limit`` characters; tags open at a cut are closed and reopened in the next part."""
    if len(text) <= limit:
        return [text]
    budget = max(limit - RESERVE, limit // 2)
    parts: list[str] = []
    stack: list[tuple[str, str]] = []
    current = ""
    body = False  # does the current part hold more than the reopened tags?
    for piece in _pieces(text, budget):
        if body and len(current) + len(piece) > budget:
            parts.append(current.rstrip("\n") + "".join(f"</{name}>" for name, _tag in reversed(stack)))
            current, body = "".join(tag for _name, tag in stack), False
        current += piece
        body = True
        _update(stack, piece)
    if body:
        parts.append(current.rstrip("\n") + "".join(f"</{name}>" for name, _tag in reversed(stack)))
    return parts
