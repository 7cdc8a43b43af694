"""Files: uploads from the bot, documents injected by a test, ``getFile`` and the download URL."""

from __future__ import annotations

import re
import struct
from typing import Any

from aiohttp import web

from .protocol import MAX_DOWNLOAD_SIZE, StoredFile, UploadedFile, _bad
from .state import State


def _image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height of a PNG, GIF or JPEG image; ``None`` when it is not one of those."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return int(width), int(height)
    if data.startswith(b"\xff\xd8"):
        i = 2
        while i + 9 < len(data):
            if data[i] != 0xFF:
                i += 1
                continue
            marker = data[i + 1]
            if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7 or marker == 0xFF:
                i += 1 if marker == 0xFF else 2
                continue
            (seg_len,) = struct.unpack(">H", data[i + 2 : i + 4])
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                height, width = struct.unpack(">HH", data[i + 5 : i + 9])
                return int(width), int(height)
            i += 2 + seg_len
        return None
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return 512, 512
    return None


class Files(State):
    """Every file the fake knows, by ``file_id`` and by download path."""

    def _store_file(
        self,
        data: bytes,
        kind: str,
        *,
        file_name: str | None = None,
        mime_type: str | None = None,
        width: int | None = None,
        height: int | None = None,
        url: str | None = None,
    ) -> StoredFile:
        number = next(self._file_ids)
        if kind == "photo":
            file_id, unique, path = f"AgACAgIAAxkBAAI{number:08d}", f"AQAD{number:08d}", f"photos/file_{number}.jpg"
        else:
            suffix = ""
            if file_name and "." in file_name:
                suffix = "." + re.sub(r"[^A-Za-z0-9]", "", file_name.rsplit(".", 1)[1])[:8]
            file_id, unique, path = (
                f"BQACAgIAAxkBAAI{number:08d}",
                f"AgAD{number:08d}",
                f"documents/file_{number}{suffix}",
            )
        stored = StoredFile(file_id, unique, path, data, kind, file_name, mime_type, width, height, url)
        self._files[file_id] = stored
        self._files_by_path[path] = stored
        return stored

    def file_bytes(self, file_id: str) -> bytes:
        """The bytes behind a ``file_id`` (uploaded by the bot or injected)."""
        with self._lock:
            return self._files[file_id].data

    @property
    def files(self) -> dict[str, StoredFile]:
        with self._lock:
            return dict(self._files)

    @staticmethod
    def _document_dict(stored: StoredFile) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": stored.file_size,
        }
        if stored.file_name:
            doc["file_name"] = stored.file_name
        if stored.mime_type:
            doc["mime_type"] = stored.mime_type
        return doc

    def _resolve_input_file(
        self, name: str, params: dict[str, Any], files: dict[str, UploadedFile]
    ) -> UploadedFile | StoredFile | str | None:
        if name in files:
            return files[name]
        value = params.get(name)
        if isinstance(value, str) and value.startswith("attach://"):
            attached = files.get(value.removeprefix("attach://"))
            if attached is None:
                raise _bad(f"file {value} not found in the request")
            return attached
        if isinstance(value, str) and value:
            if value in self._files:
                return self._files[value]
            if value.startswith(("http://", "https://")):
                return value
            raise _bad("wrong file identifier/HTTP URL specified")
        return None

    def _get_file(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> dict[str, Any]:
        stored = self._files.get(str(params.get("file_id") or ""))
        if stored is None:
            raise _bad("invalid file_id")
        if stored.file_size > MAX_DOWNLOAD_SIZE:
            raise _bad("file is too big")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": stored.file_size,
            "file_path": stored.file_path,
        }

    def _handle_download(self, token: str, path: str) -> web.StreamResponse:
        with self._lock:
            self._request_counts["file_download"] += 1
            self._tokens_seen.add(token)
            stored = self._files_by_path.get(path)
            if stored is not None:
                self._downloads.append(path)
        if (self.require_token and token != self.token) or stored is None:
            return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"}, status=404)
        return web.Response(body=stored.data, content_type=stored.mime_type or "application/octet-stream")
