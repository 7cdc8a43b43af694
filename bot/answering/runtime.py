"""What a running bot needs besides Telegram: answers in the right language (a bare mention gets the help; English
replies explain "KK"), language preferences, flood control, charts.

Handlers reach it as ``context.services.runtime``; it knows nothing of Telegram objects, only ids, texts and
language codes. The default language comes from the settings it is given.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from bot.answering.actions import Action
from bot.answering.prefs import LanguagePrefs, record_unanswered
from bot.answering.reply import ChartRequest, Reply
from bot.answering.throttle import Throttle, Verdict
from bot.answering.ui import explain_terms
from bot.config import Settings
from bot.services import Service
from bot.text.i18n import current_language, normalise_language, use_language

log = logging.getLogger(__name__)


@dataclass
class Runtime:
    settings: Settings
    service: Service
    prefs: LanguagePrefs = field(init=False)
    throttle: Throttle = field(init=False)

    def __post_init__(self) -> None:
        self.prefs = LanguagePrefs(self.service.engine)
        limits = self.settings.limits
        self.throttle = Throttle(limits.throttle_messages_per_minute, limits.throttle_pause_seconds)

    @classmethod
    def create(cls, settings: Settings) -> Runtime:
        return cls(settings, Service(settings))

    def language(self, user_id: int | None, chat_id: int | None, telegram_code: str | None) -> str:
        return normalise_language(self.prefs.resolve(user_id, chat_id, telegram_code), self.settings.default_language)

    def check_flood(self, user_id: int) -> Verdict:
        return self.throttle.check(user_id)

    def answer(self, text: str) -> Reply:
        """The reply to a question in the current language; unanswered ones are recorded (no user id). A bare
        mention of the bot (no words) gets the help."""
        answerer = self.service.answerer()
        if not text.strip():
            return explain_terms(answerer.help())
        reply = answerer.answer(text)
        if not reply.understood:
            try:
                record_unanswered(self.service.engine, text, current_language())
            except Exception:  # recording is a nicety; the user still gets an answer
                log.exception("could not record an unanswered question")
        return explain_terms(reply)

    def answer_action(self, data: str | Action) -> Reply:
        return explain_terms(self.service.answerer().answer_action(data))

    def chart(self, request: ChartRequest) -> tuple[bytes, str]:
        from bot.answering.charts import (  # matplotlib costs 40 MB: only once a chart is drawn
            chart_caption,
            render_chart,
        )

        facts = self.service.facts
        return render_chart(facts, request), chart_caption(facts, request)

    def chart_for(self, program_text: str) -> ChartRequest | Reply:
        """/grafik [program]: the chart request, or a reply explaining what went wrong."""
        answerer = self.service.answerer()
        year = answerer.facts.current_year  # never a partial year drawn as the whole province
        if year is None:
            return answerer.answer("")
        if not program_text.strip():
            return ChartRequest(year)
        u = answerer.understander.understand(program_text)
        if u.year is not None and answerer.facts.has_year(u.year):
            year = u.year
        if u.programs:
            return ChartRequest(year, u.programs[0])
        if u.group or (u.year is not None and not u.programs):
            return ChartRequest(year) if answerer.facts.has_year(year) else answerer.answer(program_text)
        return answerer.program_list(year)

    def set_language(self, subject_id: int, language: str) -> str:
        lang = normalise_language(language, self.settings.default_language)
        self.prefs.set(subject_id, lang)
        return lang

    def in_language(self, language: str):
        return use_language(language)
