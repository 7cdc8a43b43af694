"""Decoding a CSV that mixes UTF-8 and Windows-1252 (rows pasted from two sources) without mojibake.

Each valid UTF-8 sequence is read as UTF-8 and every other byte as Windows-1252, so "café" stays "café" whichever
way each cell was saved; decoding the whole file as Windows-1252 would have stored "cafÃ©" for the UTF-8 cells.
"""

from __future__ import annotations

import codecs

_HANDLER = "tanyabansos-cp1252-fallback"


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    chunk = error.object[error.start : error.end]
    return bytes(chunk).decode("cp1252", errors="replace"), error.end


codecs.register_error(_HANDLER, _cp1252_fallback)
CP1252_FALLBACK = _HANDLER
"""The ``errors=`` name that decodes as :func:`decode_mixed` does (for files read as a stream)."""


def decode_mixed(data: bytes) -> str:
    """UTF-8 where the bytes are UTF-8, Windows-1252 where they are not (a plain Windows-1252 file included)."""
    return data.decode("utf-8", errors=_HANDLER)
