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
from bot.understanding.intents import Intent

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
        reply = self.compose(text)
        if not reply.understood:
            self.record_unanswered(text)
        return reply

    def compose(self, text: str) -> Reply:
        """The reply to a question, without touching the database (the bot answers on its event loop and records
        an unanswered question in a thread while the reply goes out: :meth:`record_unanswered`)."""
        answerer = self.service.answerer()
        if not text.strip():
            return explain_terms(answerer.help())
        return explain_terms(answerer.answer(text))

    def record_unanswered(self, text: str) -> None:
        """Keep a question the bot could not answer (never who asked), in the current language; a failure is logged,
        never passed on: the user still gets an answer."""
        try:
            record_unanswered(self.service.engine, text, current_language())
        except Exception:
            log.exception("could not record an unanswered question")

    def answer_action(self, data: str | Action) -> Reply:
        return explain_terms(self.service.answerer().answer_action(data))

    def chart(self, request: ChartRequest) -> tuple[bytes, str]:
        from bot.answering.charts import (  # matplotlib costs 40 MB: only once a chart is drawn
            chart_caption,
            render_chart,
        )

        facts = self.service.facts
        return render_chart(facts, request), chart_caption(facts, request)

    def chart_for(self, text: str) -> Reply:
        """/grafik [program] [wilayah] [tahun]: the chart reply, or a reply that says why no chart is drawn.

        A kab/kota (or "tren") draws its figures over the years; a program alone draws it per kab/kota."""
        from bot.answering.chart_replies import chart_reply, not_a_chart_subject

        answerer = self.service.answerer()
        f = answerer.facts
        year = f.current_year  # never a partial year drawn as the whole province
        if year is None:
            return answerer.answer("")
        if not text.strip():
            return chart_reply(answerer, ChartRequest(year))
        # the argument of /grafik is always about recipients' figures: read it as such a question, so that "tren"
        # or "2021" alone is understood the way "jumlah penerima tren" would be
        u = answerer.understander.understand(f"jumlah penerima {text}")
        if u.year is not None:
            year = u.year
        programs = list(u.programs)
        if u.group and not programs:
            programs = list(f.groups[u.group].members)
        program = programs[0] if len(programs) == 1 else None
        region = f.kabkota_of(u.regions[0].code) if u.regions else None
        over_years = region is not None or u.intent == Intent.TREND
        named = programs or region or u.group or u.year is not None or over_years
        if not named and u.intent != Intent.FIGURES:  # "semua program" is the province; "xyz" is not known
            return not_a_chart_subject(answerer, text, year)
        request = ChartRequest(year, program, region.code if region else None, over_years)
        return chart_reply(answerer, request)

    def set_language(self, subject_id: int, language: str) -> str:
        lang = normalise_language(language, self.settings.default_language)
        self.prefs.set(subject_id, lang)
        return lang

    def in_language(self, language: str):
        return use_language(language)
