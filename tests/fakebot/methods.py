"""The Bot API methods the bot uses: sending, editing, deleting, callback answers, commands and the webhook settings."""

from __future__ import annotations

import copy
import mimetypes
import re
import time
from typing import Any

from .chats import _strip_reply
from .files import _image_size
from .html_check import HTMLParseError, parse_html, utf16_len
from .protocol import (
    _CHAT_ACTIONS,
    _COMMAND_NAME,
    _NOT_MODIFIED,
    _QUERY_INVALID,
    MAX_CAPTION_LENGTH,
    MAX_TEXT_LENGTH,
    BotAPIError,
    Handler,
    StoredFile,
    UploadedFile,
    _bad,
    _to_int,
)
from .state import State


def _scope_key(scope: Any) -> str:
    """``"default"``, ``"all_private_chats"``, ``"chat:-100123"``, ``"chat_member:-100123:42"`` …"""
    if not scope:
        return "default"
    if not isinstance(scope, dict) or not isinstance(scope.get("type"), str):
        raise BotAPIError(400, "Bad Request: can't parse BotCommandScope JSON object")
    parts = [scope["type"]]
    for key in ("chat_id", "user_id"):
        if key in scope:
            parts.append(str(scope[key]))
    return ":".join(parts)


class Methods(State):
    """Built-in method handlers (``_builtin_handlers``) and ``register_method`` for a test's own."""

    def register_method(self, name: str, handler: Handler) -> None:
        """Serve (or override) a Bot API method: ``handler(params, files)`` returns the ``result`` or raises
        :class:`BotAPIError`. It runs on the server thread with the state lock held: keep it quick."""
        with self._lock:
            self._custom[name.lower()] = (name, handler)

    def _builtin_handlers(self) -> dict[str, Handler]:
        def true(params: dict[str, Any], files: dict[str, UploadedFile]) -> bool:
            return True

        return {
            "getMe": lambda params, files: copy.deepcopy(self.me),
            "getUpdates": lambda params, files: [],  # served by _get_updates
            "sendMessage": self._send_message,
            "sendPhoto": self._send_photo,
            "sendDocument": self._send_document,
            "sendChatAction": self._send_chat_action,
            "editMessageText": self._edit_message_text,
            "editMessageCaption": self._edit_message_caption,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "deleteMessage": self._delete_message,
            "answerCallbackQuery": self._answer_callback_query,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "getFile": self._get_file,
            "getChat": self._get_chat,
            "getChatMember": self._get_chat_member,
            "getChatAdministrators": self._get_chat_administrators,
            "leaveChat": self._leave_chat,
            "close": true,
            "logOut": true,
            "setMyDescription": true,
            "setMyShortDescription": true,
            "setMyName": true,
            "setChatMenuButton": true,
            "setMyDefaultAdministratorRights": true,
        }

    @staticmethod
    def _require_chat(params: dict[str, Any]) -> int | str:
        chat_id = params.get("chat_id")
        if chat_id is None or chat_id == "":
            raise _bad("chat_id is empty")
        return chat_id  # type: ignore[no-any-return]

    def _formatted(
        self, params: dict[str, Any], text_key: str, entities_key: str, limit: int, *, required: bool
    ) -> tuple[str | None, list[dict[str, Any]]]:
        text = params.get(text_key)
        if text is None or text == "":
            if required:
                raise _bad("message text is empty")
            return None, []
        text = str(text)
        parse_mode = params.get("parse_mode")
        entities: list[dict[str, Any]]
        if parse_mode:
            mode = str(parse_mode).lower()
            if mode == "html":
                try:
                    text, entities = parse_html(text)
                except HTMLParseError as exc:
                    raise _bad(f"can't parse entities: {exc}") from None
            elif mode in {"markdown", "markdownv2"}:
                entities = []  # not parsed: the text is kept verbatim
            else:
                raise _bad("unsupported parse_mode")
        else:
            given = params.get(entities_key) or []
            if not isinstance(given, list) or not all(isinstance(e, dict) and "type" in e for e in given):
                raise _bad("can't parse entities JSON object")
            entities = [dict(e) for e in given]
        if required and not text.strip():
            raise _bad("message text is empty")
        if utf16_len(text) > limit:
            raise _bad("message is too long" if text_key == "text" else "message caption is too long")
        return text, entities

    @staticmethod
    def _check_markup(params: dict[str, Any]) -> dict[str, Any] | None:
        """Validate ``reply_markup``; return the inline keyboard to echo in the Message (or None)."""
        markup = params.get("reply_markup")
        if markup is None:
            return None
        if not isinstance(markup, dict):
            raise _bad("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" in markup:
            rows = markup["inline_keyboard"]
            if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
                raise _bad("can't parse inline keyboard button: InlineKeyboardMarkup must be an Array of Arrays")
            actions = {
                "url",
                "callback_data",
                "web_app",
                "login_url",
                "switch_inline_query",
                "switch_inline_query_current_chat",
                "switch_inline_query_chosen_chat",
                "copy_text",
                "callback_game",
                "pay",
            }
            for row in rows:
                for button in row:
                    if not isinstance(button, dict) or not isinstance(button.get("text"), str):
                        raise _bad('can\'t parse inline keyboard button: Field "text" must be of type String')
                    if not actions & button.keys():
                        raise _bad(
                            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
                        )
                    data = button.get("callback_data")
                    if data is not None and not 1 <= len(str(data).encode("utf-8")) <= 64:
                        raise _bad("BUTTON_DATA_INVALID")
            return copy.deepcopy(markup) if rows else None
        if not ({"keyboard", "remove_keyboard", "force_reply"} & markup.keys()):
            raise _bad("can't parse reply keyboard markup JSON object")
        return None

    def _new_bot_message(self, chat_id: int | str, params: dict[str, Any], content: dict[str, Any]) -> dict[str, Any]:
        chat = self._chat(chat_id)
        reply_parameters = params.get("reply_parameters")
        if reply_parameters is None and params.get("reply_to_message_id") is not None:
            reply_parameters = {
                "message_id": params["reply_to_message_id"],
                "allow_sending_without_reply": params.get("allow_sending_without_reply", False),
            }
        reply_to: dict[str, Any] | None = None
        if reply_parameters is not None:
            if not isinstance(reply_parameters, dict) or "message_id" not in reply_parameters:
                raise _bad("can't parse reply parameters JSON object")
            target_chat = reply_parameters.get("chat_id", chat_id)
            target = self._messages.get((target_chat, _to_int("message_id", reply_parameters["message_id"])))
            if target is None:
                if not reply_parameters.get("allow_sending_without_reply"):
                    raise _bad("message to be replied not found")
            else:
                reply_to = _strip_reply(target)
        markup = self._check_markup(params)
        message: dict[str, Any] = {
            "message_id": self._next_message_id(chat_id),
            "from": copy.deepcopy(self.bot_user),
            "chat": copy.deepcopy(chat),
            "date": int(time.time()),
        }
        if params.get("message_thread_id") is not None:
            message["message_thread_id"] = params["message_thread_id"]
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        message.update(content)
        if markup is not None:
            message["reply_markup"] = markup
        self._store_message(message)
        return copy.deepcopy(message)

    def _send_message(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> dict[str, Any]:
        chat_id = self._require_chat(params)
        text, entities = self._formatted(params, "text", "entities", MAX_TEXT_LENGTH, required=True)
        content: dict[str, Any] = {"text": text}
        if entities:
            content["entities"] = entities
        if params.get("link_preview_options"):
            content["link_preview_options"] = params["link_preview_options"]
        return self._new_bot_message(chat_id, params, content)

    def _caption_content(self, params: dict[str, Any]) -> dict[str, Any]:
        caption, entities = self._formatted(params, "caption", "caption_entities", MAX_CAPTION_LENGTH, required=False)
        content: dict[str, Any] = {}
        if caption:
            content["caption"] = caption
            if entities:
                content["caption_entities"] = entities
        return content

    def _send_photo(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> dict[str, Any]:
        chat_id = self._require_chat(params)
        source = self._resolve_input_file("photo", params, files)
        content = self._caption_content(params)
        if source is None:
            raise _bad("there is no photo in the request")
        if isinstance(source, UploadedFile):
            if not source.data:
                raise _bad("file must be non-empty")
            size = _image_size(source.data)
            if size is None:
                if self.strict_images:
                    raise _bad("IMAGE_PROCESS_FAILED")
                size = (512, 512)
            data, url = source.data, None
        elif isinstance(source, StoredFile):
            size = (source.width or 512, source.height or 512)
            data, url = source.data, source.url
        else:
            size, data, url = (800, 600), b"", source
        width, height = size
        longest = max(width, height, 1)
        sizes: list[dict[str, Any]] = []
        targets = [edge for edge in (90, 320, 800) if edge < min(longest, 1280)] + [min(longest, 1280)]
        for edge in targets:
            scale = edge / longest
            w, h = max(1, round(width * scale)), max(1, round(height * scale))
            stored = self._store_file(data, "photo", mime_type="image/jpeg", width=w, height=h, url=url)
            size_dict = {
                "file_id": stored.file_id,
                "file_unique_id": stored.file_unique_id,
                "file_size": max(1, round(len(data) * scale * scale)) if data else 0,
                "width": w,
                "height": h,
            }
            sizes.append(size_dict)
        content["photo"] = sizes
        return self._new_bot_message(chat_id, params, content)

    def _send_document(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> dict[str, Any]:
        chat_id = self._require_chat(params)
        source = self._resolve_input_file("document", params, files)
        content = self._caption_content(params)
        if source is None:
            raise _bad("there is no document in the request")
        if isinstance(source, UploadedFile):
            if not source.data:
                raise _bad("file must be non-empty")
            name = source.filename or "file"
            mime = source.content_type or mimetypes.guess_type(name)[0] or "application/octet-stream"
            stored = self._store_file(source.data, "document", file_name=name, mime_type=mime)
        elif isinstance(source, StoredFile):
            stored = source
        else:
            name = source.rsplit("/", 1)[-1] or "file"
            stored = self._store_file(b"", "document", file_name=name, url=source)
        content["document"] = self._document_dict(stored)
        return self._new_bot_message(chat_id, params, content)

    def _send_chat_action(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> bool:
        self._require_chat(params)
        if params.get("action") not in _CHAT_ACTIONS:
            raise _bad("wrong parameter action in request")
        return True

    def _editable(self, params: dict[str, Any]) -> dict[str, Any] | None:
        """The stored message addressed by chat_id+message_id, or None for inline messages."""
        if params.get("inline_message_id"):
            return None
        chat_id = params.get("chat_id")
        if chat_id is None:
            raise _bad("chat_id is empty")
        if params.get("message_id") is None:
            raise _bad("message identifier is not specified")
        message = self._messages.get((chat_id, params["message_id"]))
        if message is None:
            raise _bad("message to edit not found")
        if message.get("from", {}).get("id") != self.bot_id:
            raise _bad("message can't be edited")
        return message

    def _apply_edit(self, message: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
        current = {key: message.get(key) for key in changes}
        if current == changes:
            raise _bad(_NOT_MODIFIED.removeprefix("Bad Request: "))
        for key, value in changes.items():
            if value is None or value == []:
                message.pop(key, None)
            else:
                message[key] = value
        message["edit_date"] = int(time.time())
        return copy.deepcopy(message)

    def _edit_message_text(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> dict[str, Any] | bool:
        text, entities = self._formatted(params, "text", "entities", MAX_TEXT_LENGTH, required=True)
        markup = self._check_markup(params)
        message = self._editable(params)
        if message is None:
            return True
        if "text" not in message:
            raise _bad("there is no text in the message to edit")
        return self._apply_edit(message, {"text": text, "entities": entities or None, "reply_markup": markup})

    def _edit_message_caption(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> dict[str, Any] | bool:
        content = self._caption_content(params)
        markup = self._check_markup(params)
        message = self._editable(params)
        if message is None:
            return True
        if "text" in message:
            raise _bad("there is no caption in the message to edit")
        changes = {
            "caption": content.get("caption"),
            "caption_entities": content.get("caption_entities"),
            "reply_markup": markup,
        }
        return self._apply_edit(message, changes)

    def _edit_message_reply_markup(
        self, params: dict[str, Any], files: dict[str, UploadedFile]
    ) -> dict[str, Any] | bool:
        markup = self._check_markup(params)
        message = self._editable(params)
        if message is None:
            return True
        return self._apply_edit(message, {"reply_markup": markup})

    def _delete_message(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> bool:
        chat_id = self._require_chat(params)
        key = (chat_id, params.get("message_id"))
        if params.get("message_id") is None or key not in self._messages:
            raise _bad("message to delete not found")
        del self._messages[key]  # type: ignore[arg-type]
        self._deleted.append(key)  # type: ignore[arg-type]
        return True

    def _answer_callback_query(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> bool:
        query_id = str(params.get("callback_query_id") or "")
        record = self._callbacks.get(query_id)
        if record is None or any(a["callback_query_id"] == query_id for a in self._answered):
            raise BotAPIError(400, _QUERY_INVALID)
        text = params.get("text")
        if text is not None and len(str(text)) > 200:
            raise _bad("MESSAGE_TOO_LONG")
        self._answered.append(
            {
                "callback_query_id": query_id,
                "text": text,
                "show_alert": bool(params.get("show_alert", False)),
                "url": params.get("url"),
                "cache_time": params.get("cache_time", 0),
                "time": time.time(),
            }
        )
        return True

    def _commands_target(self, params: dict[str, Any]) -> tuple[str, str]:
        language = str(params.get("language_code") or "")
        if language and not re.fullmatch(r"[a-z]{2}", language):
            raise _bad("invalid language code specified")
        return _scope_key(params.get("scope")), language

    def _set_my_commands(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise _bad("can't parse commands JSON object")
        if len(commands) > 100:
            raise _bad("BOT_COMMANDS_TOO_MUCH")
        cleaned: list[dict[str, Any]] = []
        for item in commands:
            if not isinstance(item, dict):
                raise _bad("can't parse BotCommand JSON object")
            name, description = str(item.get("command", "")), str(item.get("description", ""))
            if not _COMMAND_NAME.match(name):
                raise _bad("BOT_COMMAND_INVALID")
            if not 1 <= len(description) <= 256:
                raise _bad("BOT_COMMAND_DESCRIPTION_INVALID")
            cleaned.append({"command": name, "description": description})
        key = self._commands_target(params)
        if cleaned:
            self._commands[key] = cleaned
        else:
            self._commands.pop(key, None)
        return True

    def _get_my_commands(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> list[dict[str, Any]]:
        return copy.deepcopy(self._commands.get(self._commands_target(params), []))

    def _delete_my_commands(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> bool:
        self._commands.pop(self._commands_target(params), None)
        return True
