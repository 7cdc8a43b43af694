"""Chats, users, members and stored messages; the chat-related API methods (getChat, getChatMember, leaveChat …)."""

from __future__ import annotations

import copy
from typing import Any

from .protocol import UploadedFile, _bad
from .state import State

_ADMIN_RIGHTS: dict[str, Any] = {
    "can_be_edited": False,
    "is_anonymous": False,
    "can_manage_chat": True,
    "can_delete_messages": True,
    "can_manage_video_chats": True,
    "can_restrict_members": True,
    "can_promote_members": False,
    "can_change_info": True,
    "can_invite_users": True,
    "can_post_stories": True,
    "can_edit_stories": True,
    "can_delete_stories": True,
    "can_pin_messages": True,
    "can_manage_topics": False,
}

_RESTRICTED_RIGHTS: dict[str, Any] = {
    "is_member": True,
    "can_change_info": False,
    "can_invite_users": False,
    "can_pin_messages": False,
    "can_send_messages": False,
    "can_send_polls": False,
    "can_send_other_messages": False,
    "can_add_web_page_previews": False,
    "can_manage_topics": False,
    "until_date": 0,
    "can_send_audios": False,
    "can_send_documents": False,
    "can_send_photos": False,
    "can_send_videos": False,
    "can_send_video_notes": False,
    "can_send_voice_notes": False,
    "can_edit_tag": False,
}


def _member(user: dict[str, Any], status: str, **extra: Any) -> dict[str, Any]:
    """A ChatMember dict with all fields PTB 22 requires for ``status``."""
    member: dict[str, Any] = {"status": status, "user": copy.deepcopy(user)}
    if status == "creator":
        member["is_anonymous"] = False
    elif status == "administrator":
        member.update(_ADMIN_RIGHTS)
    elif status == "restricted":
        member.update(_RESTRICTED_RIGHTS)
    elif status == "kicked":
        member["until_date"] = 0
    elif status not in {"member", "left"}:
        raise ValueError(f"unknown chat member status {status!r}")
    member.update(extra)
    return member


def _strip_reply(message: dict[str, Any]) -> dict[str, Any]:
    clone = copy.deepcopy(message)
    clone.pop("reply_to_message", None)
    return clone


class Chats(State):
    """Who is where: chats the fake knows, users it has seen, the bot's own membership, every message."""

    def _chat(self, chat_id: int | str) -> dict[str, Any]:
        chat = self._chats.get(chat_id)
        if chat is not None:
            return chat
        if isinstance(chat_id, str):
            return {"id": chat_id, "type": "channel", "title": chat_id}
        if chat_id > 0:
            return {"id": chat_id, "type": "private", "first_name": f"User {chat_id}"}
        if chat_id <= -1_000_000_000_000:
            return {"id": chat_id, "type": "supergroup", "title": f"Supergroup {chat_id}"}
        return {"id": chat_id, "type": "group", "title": f"Group {chat_id}"}

    def add_chat(
        self,
        chat_id: int,
        chat_type: str | None = None,
        *,
        title: str | None = None,
        first_name: str | None = None,
        username: str | None = None,
    ) -> dict[str, Any]:
        """Register a chat (``strict_chats=True`` refuses sends to unregistered chats). Returns the Chat dict."""
        chat_type = chat_type or ("private" if chat_id > 0 else "supergroup" if chat_id <= -(10**12) else "group")
        if chat_type == "private" and chat_id < 0:
            raise ValueError("a private chat has the (positive) id of the user")
        chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
        if chat_type == "private":
            chat["first_name"] = first_name or f"User {chat_id}"
        else:
            chat["title"] = title or f"Grup {abs(chat_id)}"
        if username:
            chat["username"] = username
        with self._lock:
            self._chats[chat_id] = chat
        return dict(chat)

    def _user(
        self,
        user_id: int,
        first_name: str,
        username: str | None,
        language_code: str | None,
        last_name: str | None = None,
    ) -> dict[str, Any]:
        user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
        if last_name:
            user["last_name"] = last_name
        if username:
            user["username"] = username
        if language_code:
            user["language_code"] = language_code
        self._users[user_id] = user
        return user

    def _prepare_chat(
        self,
        chat_id: int,
        chat_type: str | None,
        chat_title: str | None,
        user: dict[str, Any],
    ) -> dict[str, Any]:
        existing = self._chats.get(chat_id)
        if chat_type is None and existing is not None and chat_title is None:
            return existing
        chat_type = chat_type or ("private" if chat_id > 0 else "supergroup" if chat_id <= -(10**12) else "group")
        if chat_type == "private":
            if chat_id < 0:
                raise ValueError("a private chat has the (positive) id of the user")
            chat = {"id": chat_id, "type": "private", "first_name": user["first_name"]}
            for key in ("last_name", "username"):
                if key in user:
                    chat[key] = user[key]
        else:
            title = chat_title or (existing or {}).get("title") or f"Grup {abs(chat_id)}"
            chat = {"id": chat_id, "type": chat_type, "title": title}
        self._chats[chat_id] = chat
        return chat

    def _next_message_id(self, chat_id: int | str) -> int:
        value = self._message_ids.get(chat_id, 0) + 1
        self._message_ids[chat_id] = value
        return value

    def _store_message(self, message: dict[str, Any]) -> None:
        self._messages[(message["chat"]["id"], message["message_id"])] = message

    def message(self, chat_id: int | str, message_id: int) -> dict[str, Any] | None:
        """The current state of a message (sent by the bot or injected), or ``None``."""
        with self._lock:
            found = self._messages.get((chat_id, message_id))
            return copy.deepcopy(found) if found is not None else None

    def set_chat_member(self, chat_id: int, user_id: int, status: str = "administrator", **fields: Any) -> None:
        """Configure what ``getChatMember(chat_id, user_id)`` (and ``getChatAdministrators``) answer.
        ``status``: creator, administrator, member, restricted, left, kicked; ``fields`` override ChatMember fields.
        ``user_id`` = the bot's id sets the bot's own status in the chat."""
        _member({"id": user_id, "is_bot": False, "first_name": "x"}, status)  # validates status
        with self._lock:
            if user_id == self.bot_id:
                self._bot_status[chat_id] = status
            self._members[(chat_id, user_id)] = {"status": status, **fields}

    def _member_of(self, chat_id: int | str, user_id: int) -> dict[str, Any]:
        if user_id == self.bot_id:
            user = self.bot_user
            configured = self._members.get((chat_id, user_id))
            status = self._bot_status.get(chat_id, "member")
            extra = {k: v for k, v in (configured or {}).items() if k != "status"}
            return _member(user, status, **extra)
        user = self._users.get(user_id) or {"id": user_id, "is_bot": False, "first_name": f"User {user_id}"}
        configured = self._members.get((chat_id, user_id))
        if configured is not None:
            extra = {k: v for k, v in configured.items() if k != "status"}
            return _member(user, configured["status"], **extra)
        return _member(user, self.default_member_status)

    def _get_chat(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> dict[str, Any]:
        chat_id = self._require_chat(params)
        info = copy.deepcopy(self._chat(chat_id))
        info.update(
            {
                "accent_color_id": 0,
                "max_reaction_count": 11,
                "accepted_gift_types": {
                    "unlimited_gifts": False,
                    "limited_gifts": False,
                    "unique_gifts": False,
                    "premium_subscription": False,
                    "gifts_from_channels": False,
                },
            }
        )
        return info

    def _get_chat_member(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> dict[str, Any]:
        chat_id = self._require_chat(params)
        if params.get("user_id") is None:
            raise _bad("invalid user_id specified")
        return self._member_of(chat_id, int(params["user_id"]))

    def _get_chat_administrators(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> list[dict[str, Any]]:
        chat_id = self._require_chat(params)
        if self._chat(chat_id)["type"] == "private":
            raise _bad("there are no administrators in the private chat")
        admins = [
            self._member_of(chat_id, user_id)
            for (member_chat, user_id), member in self._members.items()
            if member_chat == chat_id and member["status"] in {"creator", "administrator"}
        ]
        if (
            self._bot_status.get(chat_id) in {"creator", "administrator"}
            and (chat_id, self.bot_id) not in self._members
        ):
            admins.append(self._member_of(chat_id, self.bot_id))
        return admins

    def _leave_chat(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> bool:
        chat_id = self._require_chat(params)
        if self._chat(chat_id)["type"] == "private":
            raise _bad("chat member status can't be changed in private chats")
        self._bot_status[chat_id] = "left"
        self._left_chats.append(chat_id)
        return True
