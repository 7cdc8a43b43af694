"""The answerer: understands a question, picks the answer for its intent from one dispatch table, and answers
buttons. The answers themselves live in ``figures``, ``comparisons``, ``info`` and ``conversation``.

Every figure names its year and source; missing figures say "tidak ada data", never 0; numbers go through Babel.
"""

from __future__ import annotations

from bot.answering.actions import Action, Kind, parse_action
from bot.answering.chart_replies import chart_reply
from bot.answering.comparisons import ComparisonAnswers
from bot.answering.conversation import ConversationAnswers
from bot.answering.info import InfoAnswers
from bot.answering.reply import ChartRequest, Choice, Reply
from bot.answering.trends import TrendAnswers
from bot.figures.facts import Facts
from bot.text.i18n import _
from bot.understanding.understander import Understander, Understanding


class Answerer(ComparisonAnswers, TrendAnswers, InfoAnswers, ConversationAnswers):
    """Answers questions and button actions from one facts snapshot."""

    def __init__(self, facts: Facts, understander: Understander, general_texts: dict | None = None) -> None:
        super().__init__(facts)
        self.understander = understander
        self.general = general_texts or {}

    # ---- entry points ---------------------------------------------------------------------------------------
    def answer(self, text: str) -> Reply:
        u = self.understander.understand(text)
        reply = self._chart_button(self.respond(u))
        reply.details = u.as_dict()
        return reply

    def _chart_button(self, reply: Reply) -> Reply:
        """A reply that has a chart offers it as a button; the chart itself is sent when asked for."""
        if reply.chart is not None and reply.intent != "chart":
            action = Action(Kind.CHART, program=reply.chart.program, year=reply.chart.year).encode()
            if all(c.action != action for c in reply.choices):
                reply.choices.append(Choice(_("📊 Grafik"), action))
        return reply

    def chart(self, program: str | None, year: int | None) -> Reply:
        """The chart of households per kab/kota (one program or all), with its caption and source; or why not."""
        return chart_reply(self, ChartRequest(self._year(year), program))

    def respond(self, u: Understanding) -> Reply:
        handler = {
            "figures": self.figures,
            "ranking": self.ranking,
            "compare": self.compare,
            "share": self.share,
            "info": self.info,
            "list_programs": lambda u: self.program_list(u.year),
            "list_regions": lambda u: self.region_list(u.year),
            "personal": lambda u: self.personal(),
            "outside": self.outside,
            "ambiguous": self.ambiguous,
            "greeting": lambda u: self.greeting(),
            "thanks": lambda u: self.thanks(),
            "help": lambda u: self.help(),
        }.get(u.intent)
        if handler is None:
            return self.not_understood()
        if u.intent in ("figures", "ranking", "compare", "share", "list_programs", "list_regions"):
            missing = self._missing_year(u.year)
            if missing is not None:
                return missing
        reply = handler(u)
        reply.intent = reply.intent or u.intent
        return reply

    def answer_action(self, data: str | Action) -> Reply:
        """The reply to a button; a forged or stale one gets a polite answer."""
        action = parse_action(data) if isinstance(data, str) else data
        reply = self._action(action) if action else None
        if reply is not None:
            return self._chart_button(reply)
        if reply is None:
            return Reply(
                _("Maaf, tombol itu sudah tidak berlaku. Silakan ketik pertanyaan Anda."),
                understood=False,
                intent="stale_button",
            )
        return reply

    def _action(self, a: Action) -> Reply | None:
        f = self.facts
        if a.year is not None and not f.has_year(a.year):
            return self._missing_year(a.year)
        if a.kind is Kind.ASK and a.text:
            return self.answer(a.text)
        if a.kind is Kind.LIST_PROGRAMS:
            return self.program_list(None)
        if a.kind is Kind.LIST_REGIONS:
            return self.region_list(None)
        if a.kind is Kind.SUMMARY:
            return self.province_summary(a.year or f.current_year)
        if a.kind is Kind.CHART and (a.program is None or a.program in f.programs):
            return self.chart(a.program, a.year)
        if a.kind is Kind.INFO and a.program in f.programs:
            return self.program_info(f.programs[a.program], ["what", "who", "help", "apply"])
        if a.kind is Kind.REGION and a.region in f.regions:
            kab = f.kabkota_of(a.region)
            if kab is not None:
                return self.region_figures(kab, a.year)
            if a.region == f.province.code:
                return self.province_summary(a.year)
        if a.kind is Kind.PROGRAM and a.program in f.programs:
            return self.program_figures(f.programs[a.program], a.year)
        if a.kind is Kind.PROGRAM and a.program in f.groups:
            return self.group_figures(a.program, a.year, None)
        if a.kind is Kind.PROGRAM_REGION and a.program in f.programs and a.region in f.regions:
            kab = f.kabkota_of(a.region)
            if kab is not None:
                return self.program_region(kab, [a.program], a.year)
        return None
