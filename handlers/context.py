"""The typed PTB context: every handler reads ``context.services.runtime`` (``.digests``, ``.staff_desk``) — checked
by the type checker — instead of string keys in ``bot_data``.

PTB builds one :class:`Services` as the application's ``bot_data`` (through :data:`CONTEXT_TYPES`);
``handlers/application.py`` fills it once, right after building the application. See python-telegram-bot's
``examples/contexttypesbot.py`` for the pattern.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from bot.answering.runtime import Runtime
from bot.digests.dispatcher import DigestDispatcher
from bot.staff.desk import StaffDesk


@dataclass(eq=False)
class Services:
    """What the handlers use, built once per process by ``handlers.application.build_application``."""

    runtime: Runtime = field(init=False)
    digests: DigestDispatcher = field(init=False)
    staff_desk: StaffDesk = field(init=False)


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], Services]):
    """PTB's context with the services typed."""

    @property
    def services(self) -> Services:
        return self.bot_data


BotApplication = Application[Any, Any, Any, Any, Services, Any]
"""The application as handlers see it: what matters to them, ``bot_data``, is the typed :class:`Services`."""
CONTEXT_TYPES = ContextTypes(context=BotContext, bot_data=Services)
