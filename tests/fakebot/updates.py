"""The update queue: what a test injects, and ``getUpdates`` long polling with offsets and 409 conflicts."""

from __future__ import annotations

import asyncio
import contextlib
import copy
import itertools
import mimetypes
import time
from typing import Any

from .chats import _member, _strip_reply
from .html_check import detect_entities
from .protocol import (
    _DEFAULT_DESCRIPTIONS,
    _DEFAULT_EXCLUDED_UPDATES,
    DEFAULT_USER_ID,
    GROUP_ANONYMOUS_BOT,
    BotAPIError,
    UpdateRecord,
    _Pending,
    _update_chat_id,
    _update_kind,
)
from .state import State


class Updates(State):
    """Queue updates the way Telegram does and hand them out by long polling."""

    def _enqueue(self, update: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            if "update_id" not in update:
                update = {"update_id": next(self._update_ids), **update}
            else:
                update_id = int(update["update_id"])
                peek = next(self._update_ids)
                self._update_ids = itertools.count(max(peek, update_id + 1))
            kind = _update_kind(update)
            chat_id = _update_chat_id(update)
            record = UpdateRecord(update["update_id"], kind, chat_id, time.monotonic())
            if kind == "callback_query":
                record.callback_query_id = str(update["callback_query"].get("id"))
                self._callbacks[record.callback_query_id] = record
            self._records.append(record)
            if chat_id is not None:
                self._unreplied.setdefault(chat_id, []).append(record)
            self._pending.append(_Pending(update["update_id"], update, kind, record))
        self._notify_updates()
        return update

    def _confirm(self, offset: int) -> None:
        if offset > 0:
            self._pending = [p for p in self._pending if p.update_id >= offset]
        elif offset < 0:
            self._pending = self._pending[offset:]

    def _batch(self, limit: int) -> list[dict[str, Any]]:
        allowed = self._allowed_updates
        out: list[dict[str, Any]] = []
        now = time.monotonic()
        for pending in self._pending:
            if allowed is None:
                if pending.kind in _DEFAULT_EXCLUDED_UPDATES:
                    continue
            elif pending.kind not in allowed:
                continue
            if pending.record.delivered_at is None:
                pending.record.delivered_at = now
            out.append(pending.update)
            if len(out) >= limit:
                break
        return out

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        loop = asyncio.get_running_loop()
        timeout = max(0.0, float(params.get("timeout", 0) or 0))
        limit = int(params.get("limit", 100) or 100)
        limit = 100 if limit <= 0 or limit > 100 else limit
        with self._lock:
            if self._webhook.get("url"):
                raise BotAPIError(
                    409,
                    "Conflict: can't use getUpdates method while webhook is active; "
                    "use deleteWebhook to delete the webhook first",
                )
            self._poll_generation += 1
            generation = self._poll_generation
            self._confirm(int(params.get("offset", 0) or 0))
            if "allowed_updates" in params:
                allowed = params["allowed_updates"]
                self._allowed_updates = list(allowed) if allowed else None
        self._wake_pollers()  # terminates an older long poll
        deadline = loop.time() + timeout
        while True:
            with self._lock:
                if generation != self._poll_generation:
                    raise BotAPIError(409, _DEFAULT_DESCRIPTIONS[409])
                batch = self._batch(limit)
                if batch or self._closing:
                    return copy.deepcopy(batch)
            remaining = deadline - loop.time()
            if remaining <= 0:
                return []
            event = self._update_event
            assert event is not None
            with self._lock:
                self._polls_waiting += 1
            try:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(event.wait(), remaining)
            finally:
                with self._lock:
                    self._polls_waiting -= 1

    def _default_user_id(self, chat_id: int, chat_type: str | None) -> int:
        if chat_id > 0 and chat_type in {None, "private"}:
            return chat_id
        return DEFAULT_USER_ID

    def inject_message(
        self,
        chat_id: int,
        text: str,
        *,
        user_id: int | None = None,
        first_name: str = "Budi",
        last_name: str | None = None,
        username: str | None = "budi",
        language_code: str | None = "id",
        chat_type: str | None = None,
        chat_title: str | None = None,
        reply_to_message_id: int | None = None,
        message_thread_id: int | None = None,
        entities: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        """Queue a text ``message`` update from a user; returns the update (``update["message"]["message_id"]``).

        ``chat_type`` defaults from the id: positive → private, ``-100…`` → supergroup, other negative → group.
        ``entities`` default to what Telegram detects: ``/commands`` (incl. ``/cmd@Bot``) as ``bot_command``,
        ``@names`` as ``mention``, ``#tags`` as ``hashtag``, http(s) links as ``url``."""
        with self._lock:
            uid = user_id if user_id is not None else self._default_user_id(chat_id, chat_type)
            user = self._user(uid, first_name, username, language_code, last_name)
            chat = self._prepare_chat(chat_id, chat_type, chat_title, user)
            message: dict[str, Any] = {
                "message_id": self._next_message_id(chat_id),
                "from": copy.deepcopy(user),
                "chat": copy.deepcopy(chat),
                "date": int(time.time()),
                "text": text,
            }
            found = detect_entities(text) if entities is None else entities
            if found:
                message["entities"] = found
            if message_thread_id is not None:
                message["message_thread_id"] = message_thread_id
            if reply_to_message_id is not None:
                target = self._messages.get((chat_id, reply_to_message_id))
                if target is None:
                    raise ValueError(f"no message {reply_to_message_id} in chat {chat_id} to reply to")
                message["reply_to_message"] = _strip_reply(target)
            self._store_message(message)
            return self._enqueue({"message": copy.deepcopy(message)})

    def inject_document(
        self,
        chat_id: int,
        data: bytes,
        filename: str,
        mime_type: str | None = None,
        caption: str | None = None,
        *,
        user_id: int | None = None,
        first_name: str = "Budi",
        username: str | None = "budi",
        language_code: str | None = "id",
        chat_type: str | None = None,
        chat_title: str | None = None,
    ) -> dict[str, Any]:
        """Queue a ``message`` update carrying a document; the bytes are stored so ``getFile`` and the download
        URL work. Returns the update (``update["message"]["document"]["file_id"]``)."""
        with self._lock:
            uid = user_id if user_id is not None else self._default_user_id(chat_id, chat_type)
            user = self._user(uid, first_name, username, language_code)
            chat = self._prepare_chat(chat_id, chat_type, chat_title, user)
            mime = mime_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
            stored = self._store_file(data, "document", file_name=filename, mime_type=mime)
            message: dict[str, Any] = {
                "message_id": self._next_message_id(chat_id),
                "from": copy.deepcopy(user),
                "chat": copy.deepcopy(chat),
                "date": int(time.time()),
                "document": self._document_dict(stored),
            }
            if caption:
                message["caption"] = caption
                found = detect_entities(caption)
                if found:
                    message["caption_entities"] = found
            self._store_message(message)
            return self._enqueue({"message": copy.deepcopy(message)})

    def inject_callback(
        self,
        chat_id: int,
        message_id: int,
        data: str,
        *,
        user_id: int | None = None,
        first_name: str = "Budi",
        username: str | None = "budi",
        language_code: str | None = "id",
        chat_instance: str | None = None,
    ) -> dict[str, Any]:
        """Queue a ``callback_query`` update for an inline button on a message the bot sent (the message's current
        content is included). Returns the update (``update["callback_query"]["id"]``)."""
        with self._lock:
            message = self._messages.get((chat_id, message_id))
            if message is None:
                raise ValueError(f"the bot has no message {message_id} in chat {chat_id}; known: {self._known_ids()}")
            chat_type = message["chat"]["type"]
            uid = user_id if user_id is not None else self._default_user_id(chat_id, chat_type)
            user = self._user(uid, first_name, username, language_code)
            query = {
                "id": str(next(self._callback_ids)),
                "from": copy.deepcopy(user),
                "message": copy.deepcopy(message),
                "chat_instance": chat_instance or str(7_000_000_000_000_000_000 + abs(chat_id)),
                "data": data,
            }
            return self._enqueue({"callback_query": query})

    def _known_ids(self) -> list[tuple[int | str, int]]:
        return sorted(self._messages, key=lambda key: (str(key[0]), key[1]))[-20:]

    def inject_my_chat_member(
        self,
        chat_id: int,
        old_status: str,
        new_status: str,
        *,
        chat_type: str | None = None,
        chat_title: str | None = None,
        user_id: int | None = None,
        first_name: str = "Budi",
        username: str | None = "budi",
        language_code: str | None = "id",
    ) -> dict[str, Any]:
        """Queue a ``my_chat_member`` update (bot added: ``"left"`` → ``"member"``/``"administrator"``; removed:
        ``"member"`` → ``"kicked"``/``"left"``; in a private chat ``"kicked"`` means the user blocked the bot).
        ``chat_type`` defaults to ``"group"`` for negative ids. Afterwards sends to a chat where the bot is
        ``left``/``kicked`` answer 403."""
        with self._lock:
            if chat_type is None:
                existing = self._chats.get(chat_id)
                chat_type = existing["type"] if existing else ("private" if chat_id > 0 else "group")
            uid = user_id if user_id is not None else self._default_user_id(chat_id, chat_type)
            user = self._user(uid, first_name, username, language_code)
            chat = self._prepare_chat(chat_id, chat_type, chat_title, user)
            self._bot_status[chat_id] = new_status
            update = {
                "my_chat_member": {
                    "chat": copy.deepcopy(chat),
                    "from": copy.deepcopy(user),
                    "date": int(time.time()),
                    "old_chat_member": _member(self.bot_user, old_status),
                    "new_chat_member": _member(self.bot_user, new_status),
                }
            }
            return self._enqueue(update)

    def inject_migrate(
        self,
        chat_id: int,
        new_chat_id: int,
        *,
        chat_title: str | None = None,
        user_id: int = DEFAULT_USER_ID,
        first_name: str = "Budi",
        username: str | None = "budi",
        also_migrate_from: bool = True,
    ) -> dict[str, Any]:
        """A basic group becomes a supergroup: queue the old group's ``migrate_to_chat_id`` service message (and,
        like Telegram, the new supergroup's ``migrate_from_chat_id`` message). From then on calls with the old id
        answer 400 "group chat was upgraded to a supergroup chat" + ``migrate_to_chat_id``. Returns the first
        update."""
        with self._lock:
            user = self._user(user_id, first_name, username, "id")
            old_chat = self._prepare_chat(chat_id, "group", chat_title, user)
            title = old_chat["title"]
            new_chat = {"id": new_chat_id, "type": "supergroup", "title": title}
            self._chats[new_chat_id] = new_chat
            if chat_id in self._bot_status:
                self._bot_status[new_chat_id] = self._bot_status[chat_id]
            for (member_chat, member_user), member in list(self._members.items()):
                if member_chat == chat_id:
                    self._members[(new_chat_id, member_user)] = member
            self._migrated[chat_id] = new_chat_id
            first = {
                "message_id": self._next_message_id(chat_id),
                "from": copy.deepcopy(user),
                "chat": copy.deepcopy(old_chat),
                "date": int(time.time()),
                "migrate_to_chat_id": new_chat_id,
            }
            update = self._enqueue({"message": first})
            if also_migrate_from:
                second = {
                    "message_id": self._next_message_id(new_chat_id),
                    "from": dict(GROUP_ANONYMOUS_BOT),
                    "sender_chat": copy.deepcopy(new_chat),
                    "chat": copy.deepcopy(new_chat),
                    "date": int(time.time()),
                    "migrate_from_chat_id": chat_id,
                }
                self._enqueue({"message": second})
            return update

    def inject_raw(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue any update dict; ``update_id`` is assigned when missing. Returns the queued update."""
        return self._enqueue(copy.deepcopy(update))

    @property
    def pending_updates(self) -> list[dict[str, Any]]:
        """Updates not yet confirmed by the bot."""
        with self._lock:
            return [copy.deepcopy(p.update) for p in self._pending]
