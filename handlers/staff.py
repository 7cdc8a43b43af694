"""Staff data management in chat: /staf, spreadsheet upload with preview and confirm, /riwayat, /ekspor."""

from __future__ import annotations

import asyncio
import logging

from telegram import BotCommand, BotCommandScopeChat, Message, Update, User
from telegram.constants import ChatAction
from telegram.error import TelegramError
from telegram.ext import CommandHandler, MessageHandler, filters

from bot import staff as staffops
from bot.answering.actions import Action, Kind
from bot.answering.reply import Reply
from bot.answering.ui import command_menu, download_failed
from bot.staff.roles import list_staff
from handlers.context import BotApplication, BotContext
from handlers.guards import staff_only
from handlers.render import answer_update, edit_or_send

log = logging.getLogger(__name__)


def _target(message: Message, target_id: int | None, name: str) -> tuple[int | None, str]:
    """The person a /staf command is about: the id typed, or the author of the message it replies to."""
    if target_id is not None:
        return target_id, name
    replied = message.reply_to_message
    if replied is None:
        return None, name
    origin = replied.forward_origin
    # A forwarded message stands for its original author; a hidden one names nobody (not the forwarder).
    person: User | None = getattr(origin, "sender_user", None) if origin is not None else replied.from_user
    if person is None or person.is_bot:
        return None, name
    return person.id, name or person.full_name


@staff_only("/staf", admin=True)
async def staff_command(update: Update, context: BotContext) -> None:
    """/staf tambah|hapus|daftar (admins only)."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    d = context.services.staff_desk
    action, target_id, name = staffops.parse_staff_args(list(context.args or []))
    if action == "list":
        reply = await asyncio.to_thread(d.staff_list)
    elif action in ("add", "remove"):
        target, name = _target(message, target_id, name)
        if action == "add":
            reply = await asyncio.to_thread(d.add_staff, user.id, target, name)
        else:
            reply = await asyncio.to_thread(d.remove_staff, user.id, target)
    else:
        reply = staffops.staff_usage()
    await answer_update(update, context, reply)


@staff_only("/riwayat")
async def history(update: Update, context: BotContext) -> None:
    """/riwayat [N]: the most recent changes of figures (staff only)."""
    user = update.effective_user
    if user is None:
        return
    d = context.services.staff_desk
    args = context.args or []
    limit = int(args[0]) if args and args[0].isdigit() and len(args[0]) < 6 else staffops.AUDIT_LIMIT
    reply = await asyncio.to_thread(d.history, max(1, min(limit, 100)), user_id=user.id)
    await answer_update(update, context, reply)


@staff_only("/urungkan")
async def undo(update: Update, context: BotContext) -> None:
    """/urungkan N|terakhir: preview undoing a whole import, applied with Terapkan (admins and its importer)."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    d = context.services.staff_desk
    args = [a.lower().lstrip("#") for a in context.args or []]
    last = bool(args) and args[0] in ("terakhir", "last")
    number = int(args[0]) if args and args[0].isdigit() and len(args[0]) < 10 else None
    reply = await asyncio.to_thread(
        d.request_undo,
        user_id=user.id,
        chat_id=message.chat_id,
        actor=staffops.actor_label(user.id, user.full_name),
        number=number,
        last=last,
    )
    await answer_update(update, context, reply)


@staff_only("/ekspor")
async def export(update: Update, context: BotContext) -> None:
    """/ekspor [xlsx|csv]: the current figures as a file that can be edited and sent back (staff only)."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    d = context.services.staff_desk
    args = [a.lower() for a in context.args or []]
    fmt = "csv" if "csv" in args else "xlsx"
    exported = await asyncio.to_thread(d.export, fmt, user_id=user.id)
    if isinstance(exported, Reply):
        await answer_update(update, context, exported)
        return
    await context.bot.send_document(
        message.chat_id,
        exported.data,
        filename=exported.filename,
        caption=d.export_caption(exported.rows),
        reply_to_message_id=message.message_id if message.chat.type != "private" else None,
        message_thread_id=message.message_thread_id if message.is_topic_message else None,
        allow_sending_without_reply=True,
    )


@staff_only("upload")
async def document(update: Update, context: BotContext) -> None:
    """A spreadsheet sent in a private chat: staff get the validation report and a preview with buttons."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None or message.document is None:
        return
    d = context.services.staff_desk
    doc = message.document
    early = d.check_upload(doc.file_name, doc.file_size)
    if early is not None:
        await answer_update(update, context, early)
        return
    await context.bot.send_chat_action(message.chat_id, ChatAction.TYPING)  # a 50,000-row XLSX takes seconds
    try:
        telegram_file = await context.bot.get_file(doc.file_id)
        data = bytes(await telegram_file.download_as_bytearray())
    except TelegramError as exc:  # the file could not be fetched from Telegram: nothing was read or changed
        log.warning("download of %r failed: %s", doc.file_name, exc)
        await answer_update(update, context, download_failed())
        return
    reply = await asyncio.to_thread(
        d.receive_file,
        user_id=user.id,
        chat_id=message.chat_id,
        actor=staffops.actor_label(user.id, user.full_name),
        filename=doc.file_name or "berkas.csv",
        data=data,
    )
    await answer_update(update, context, reply)


async def import_button(update: Update, context: BotContext, action: Action) -> None:
    """ "Terapkan" (imp:ok:TOKEN) or "Batal" (imp:no:TOKEN) under a preview (routed by ``handlers/buttons.py``)."""
    query = update.callback_query
    if query is None or query.from_user is None or query.message is None or action.token is None:
        return
    d = context.services.staff_desk
    token = action.token
    user_id = query.from_user.id
    early = await asyncio.to_thread(d.check_button, token, user_id)
    if early is not None:
        await query.answer(early.plain()[:200], show_alert=True)
        return
    await query.answer()  # at once: applying a big file takes longer than Telegram waits for an answer
    if action.kind is Kind.IMPORT_APPLY:
        reply = await asyncio.to_thread(d.confirm, token, user_id)
    else:
        reply = await asyncio.to_thread(d.cancel, token, user_id)
    if reply.intent == "refused":
        log.warning("refused %s for user %s", "import", user_id)
    await edit_or_send(context, query.message, reply)  # too old to edit: said in a new message


@staff_only("/impor")
async def import_help(update: Update, context: BotContext) -> None:
    """/impor: how to send a spreadsheet (staff only)."""
    await answer_update(update, context, staffops.import_help())


async def set_staff_menus(application: BotApplication) -> None:
    """Admins and staff see the staff commands in their private chat's menu (skipped for whoever never started
    the bot: Telegram does not know that chat yet)."""
    rt = application.bot_data.runtime
    for member in list_staff(rt.service.engine, rt.settings):
        language = rt.language(member.user_id, None, None)
        menu = [BotCommand(name, text) for name, text in command_menu(language, staff=True)]
        try:
            await application.bot.set_my_commands(menu, scope=BotCommandScopeChat(member.user_id))
        except TelegramError as exc:
            log.info("no staff menu for %s: %s", member.user_id, exc)


def register(application: BotApplication) -> None:
    """Add the staff commands and uploads (their buttons are routed by ``handlers/buttons.py``)."""
    application.add_handler(CommandHandler(["staf", "staff"], staff_command))
    application.add_handler(CommandHandler(["riwayat", "audit"], history))
    application.add_handler(CommandHandler(["urungkan", "undo"], undo))
    application.add_handler(CommandHandler(["ekspor", "export"], export))
    application.add_handler(CommandHandler(["impor", "import"], import_help))
    application.add_handler(MessageHandler(filters.Document.ALL & filters.ChatType.PRIVATE, document))
