"""A faithful re-implementation of Telegram's ``parse_mode=HTML`` parser (tdlib ``parse_html``).

:func:`parse_html` turns Bot API HTML into the plain text plus ``MessageEntity`` dicts that Telegram
would store, or raises :class:`HTMLParseError` with the same wording Telegram uses after
``"Bad Request: can't parse entities: "``.

Offsets and lengths of entities are in UTF-16 code units, like the real Bot API; error positions are
UTF-8 byte offsets into the original text, like tdlib's messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

__all__ = ["HTMLParseError", "detect_entities", "parse_html", "utf16_len"]

ALLOWED_TAGS = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "code",
        "pre",
        "span",
        "tg-spoiler",
        "tg-emoji",
        "blockquote",
    }
)

_ENTITY_TYPE = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
    "a": "text_link",
    "tg-emoji": "custom_emoji",
    "blockquote": "blockquote",
}

_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_SPACE = " \t\r\n\f\v"


class HTMLParseError(ValueError):
    """The text is not valid Telegram HTML. ``str(exc)`` is Telegram's message, e.g.
    ``Unsupported start tag "br" at byte offset 5``."""


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units (the unit of Telegram entity offsets and length limits)."""
    return len(text.encode("utf-16-le")) // 2


@dataclass
class _Open:
    tag: str
    attrs: dict[str, str]
    start: int  # UTF-16 offset in the output
    language: str | None = None
    children: list[dict[str, Any]] = field(default_factory=list)


def _decode_entity(text: str, i: int) -> tuple[str | None, int]:
    """Decode an HTML character reference at ``text[i] == '&'`` like tdlib: only ``lt gt amp quot`` and numeric
    references are known, the trailing ``;`` is optional. Returns ``(char, new_index)`` or ``(None, i)``."""
    n = len(text)
    j = i + 1
    code: int
    if j < n and text[j] == "#":
        j += 1
        if j < n and text[j] in "xX":
            j += 1
            start = j
            while j < n and text[j] in "0123456789abcdefABCDEF":
                j += 1
            digits = text[start:j]
            if not digits or len(digits) > 8:
                return None, i
            code = int(digits, 16)
        else:
            start = j
            while j < n and text[j].isascii() and text[j].isdigit():
                j += 1
            digits = text[start:j]
            if not digits or len(digits) > 10:
                return None, i
            code = int(digits)
        if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            return None, i
        char = chr(code)
    else:
        start = j
        while j < n and text[j].isascii() and text[j].isalpha():
            j += 1
        name = text[start:j]
        if name not in _NAMED_ENTITIES:
            return None, i
        char = _NAMED_ENTITIES[name]
    if j < n and text[j] == ";":
        j += 1
    return char, j


def parse_html(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram-flavoured HTML. Returns ``(plain_text, entities)``; raises :class:`HTMLParseError`."""
    n = len(text)

    def byte_offset(pos: int) -> int:
        return len(text[:pos].encode("utf-8"))

    def fail(message: str) -> HTMLParseError:
        return HTMLParseError(message)

    out: list[str] = []
    u16 = 0
    stack: list[_Open] = []
    entities: list[dict[str, Any]] = []
    i = 0
    while i < n:
        c = text[i]
        if c == "&":
            char, j = _decode_entity(text, i)
            if char is not None:
                out.append(char)
                u16 += utf16_len(char)
                i = j
                continue
        if c != "<":
            out.append(c)
            u16 += 2 if ord(c) > 0xFFFF else 1
            i += 1
            continue

        begin = i
        if i + 1 < n and text[i + 1] == "/":
            # end tag
            if not stack:
                raise fail(f"Unexpected end tag at byte offset {byte_offset(begin)}")
            j = i + 2
            while j < n and text[j] not in _SPACE and text[j] != ">":
                j += 1
            end_name = text[i + 2 : j].lower()
            while j < n and text[j] in _SPACE:
                j += 1
            if j >= n or text[j] != ">":
                raise fail(f"Unclosed end tag at byte offset {byte_offset(begin)}")
            top = stack[-1]
            if end_name and end_name != top.tag:
                raise fail(
                    f'Unmatched end tag at byte offset {byte_offset(begin)}, expected "</{top.tag}>", '
                    f'found "</{end_name}>"'
                )
            stack.pop()
            i = j + 1
            _close(top, u16, stack, entities)
            continue

        # start tag
        j = i + 1
        while j < n and text[j] not in _SPACE and text[j] != ">":
            j += 1
        if j >= n:
            raise fail(f"Unclosed start tag at byte offset {byte_offset(begin)}")
        tag = text[i + 1 : j].lower()
        if tag not in ALLOWED_TAGS:
            raise fail(f'Unsupported start tag "{tag}" at byte offset {byte_offset(begin)}')
        attrs: dict[str, str] = {}
        while True:
            while j < n and text[j] in _SPACE:
                j += 1
            if j >= n:
                raise fail(f"Unclosed start tag at byte offset {byte_offset(begin)}")
            if text[j] == ">":
                break
            name_start = j
            while j < n and text[j] not in _SPACE and text[j] not in "=>":
                j += 1
            name = text[name_start:j].lower()
            if not name:
                raise fail(f'Empty attribute name in the tag "{tag}" at byte offset {byte_offset(begin)}')
            while j < n and text[j] in _SPACE:
                j += 1
            if j >= n:
                raise fail(f"Unclosed start tag at byte offset {byte_offset(begin)}")
            if text[j] != "=":
                if tag == "blockquote" and name == "expandable":
                    attrs[name] = ""
                    continue
                raise fail(
                    f'Expected equal sign in declaration of an attribute of the tag "{tag}" '
                    f"at byte offset {byte_offset(begin)}"
                )
            j += 1
            while j < n and text[j] in _SPACE:
                j += 1
            if j >= n:
                raise fail(f"Unclosed start tag at byte offset {byte_offset(begin)}")
            if text[j] in "'\"":
                quote = text[j]
                j += 1
                value_chars: list[str] = []
                while j < n and text[j] != quote:
                    if text[j] == "&":
                        char, k = _decode_entity(text, j)
                        if char is not None:
                            value_chars.append(char)
                            j = k
                            continue
                    value_chars.append(text[j])
                    j += 1
                if j >= n:
                    raise fail(f"Unclosed start tag at byte offset {byte_offset(begin)}")
                j += 1
                value = "".join(value_chars)
            else:
                token_start = j
                while j < n and text[j].isascii() and (text[j].isalnum() or text[j] in ".-"):
                    j += 1
                value = text[token_start:j].lower()
                if j < n and text[j] not in _SPACE and text[j] != ">":
                    raise fail(f"Unexpected end of name token at byte offset {byte_offset(token_start)}")
            attrs[name] = value
        if tag == "span" and attrs.get("class") != "tg-spoiler":
            raise fail(f'Tag "span" must have class "tg-spoiler" at byte offset {byte_offset(begin)}')
        stack.append(_Open(tag=tag, attrs=attrs, start=u16))
        i = j + 1

    if stack:
        raise fail(f'Can\'t find end tag corresponding to start tag "{stack[-1].tag}"')
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out), entities


def _close(frame: _Open, end: int, stack: list[_Open], entities: list[dict[str, Any]]) -> None:
    length = end - frame.start
    if length <= 0:
        return
    kind = _ENTITY_TYPE[frame.tag]
    entity: dict[str, Any] = {"type": kind, "offset": frame.start, "length": length}
    if frame.tag == "a":
        href = frame.attrs.get("href", "")
        if not href:
            return
        entity["url"] = href
    elif frame.tag == "code":
        cls = frame.attrs.get("class", "")
        if cls.startswith("language-") and stack and stack[-1].tag == "pre" and stack[-1].start == frame.start:
            # <pre><code class="language-x">…</code></pre> becomes one pre entity with a language
            stack[-1].language = cls.removeprefix("language-")
            return
    elif frame.tag == "pre":
        if frame.language:
            entity["language"] = frame.language
    elif frame.tag == "tg-emoji":
        entity["custom_emoji_id"] = frame.attrs.get("emoji-id", "")
    elif frame.tag == "blockquote" and "expandable" in frame.attrs:
        entity["type"] = "expandable_blockquote"
    entities.append(entity)


_COMMAND_RE = re.compile(r"(?<![\w/])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\w/@])")
_MENTION_RE = re.compile(r"(?<![\w@/])@[A-Za-z0-9_]{3,32}(?![\w@])")
_HASHTAG_RE = re.compile(r"(?<![\w#])#\w*[^\W\d]\w*")
_URL_RE = re.compile(r"(?<![\w@])https?://[^\s<>\"]+")


def detect_entities(text: str) -> list[dict[str, Any]]:
    """The entities Telegram would attach to a *user's* plain text message: ``bot_command``, ``mention``,
    ``hashtag`` and ``url`` (offsets/lengths in UTF-16 code units)."""
    found: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for kind, regex in (
        ("url", _URL_RE),
        ("bot_command", _COMMAND_RE),
        ("mention", _MENTION_RE),
        ("hashtag", _HASHTAG_RE),
    ):
        for match in regex.finditer(text):
            start, end = match.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            taken.append((start, end))
            found.append((start, end, kind))
    found.sort()
    return [
        {"type": kind, "offset": utf16_len(text[:start]), "length": utf16_len(text[start:end])}
        for start, end, kind in found
    ]
