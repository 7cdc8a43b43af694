"""Conversation: greetings, thanks, help with example questions, "belum paham", and /tentang."""

from __future__ import annotations

from bot.answering.actions import Action, Kind
from bot.answering.base import CALL_CENTRE, AnswerBase
from bot.answering.reply import Choice, Reply, bold, esc
from bot.text.i18n import _
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
        return [Choice(q, Action.ask(q).encode()) for q in self.examples() if Action.ask(q).text == q]

    def greeting(self) -> Reply:
        text = _(
            "Halo! Saya Tanya Bansos, asisten data bantuan sosial Dinas Sosial {coverage}. Contoh pertanyaan:"
        ).format(coverage=esc(self.coverage()))
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
        ).format(province=esc(self.provinces_name()))
        if f.years:  # "kamu punya data apa aja": what the figures are, besides what can be asked
            held = _("Data yang ada: jumlah KK penerima tahun {years} untuk {n} program ({programs}) di {k} kab/kota.")
            text = (
                held.format(
                    years=esc(", ".join(str(y) for y in f.years)),
                    n=len(f.program_list),
                    programs=esc(", ".join(self.pname(p, short=True) for p in f.program_list)),
                    k=len(f.kabkota),
                )
                + "\n"
                + text
            )
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

    def which_data(self) -> Reply:
        """ "data", "datanya dong", "minta data": data asked without saying which; what is held, and the three ways in
        (the province summary, per kab/kota, per program), asked back."""
        f = self.facts
        years = ", ".join(str(y) for y in f.years) or str(self._year(None))
        text = _(
            "Data apa yang Anda perlukan? Tanya Bansos memegang jumlah KK penerima bantuan Dinas Sosial {coverage} "
            "tahun {years}: ringkasan se-{province}, angka per kab/kota, atau angka per program. Pilih salah satu, "
            "atau ketik misalnya “{example}”."
        ).format(
            coverage=esc(self.coverage()),
            years=esc(years),
            province=esc(self.provinces_name()),
            example=esc(self.examples()[1]),
        )
        return Reply(
            text,
            choices=[
                Choice(_("Ringkasan {year}").format(year=self._year(None)), Action(Kind.SUMMARY).encode()),
                Choice(_("Rekap per kab/kota"), Action(Kind.LIST_REGIONS).encode()),
                Choice(_("Per program"), Action(Kind.LIST_PROGRAMS).encode()),
            ],
            understood=False,
            intent=Intent.UNSURE,
        )

    def non_text(self) -> Reply:
        """The reply to a voice note, sticker, location or photo without a caption."""
        return Reply(
            _("Tanya Bansos membaca pesan teks. Silakan ketik pertanyaan Anda, misalnya “{example}”.").format(
                example=esc(self.examples()[0])
            ),
            intent=Intent.NON_TEXT,
        )

    def unread_attachment(self) -> Reply:
        """A document or photo sent with a request about its content: the bot reads only the text."""
        return Reply(
            _(
                "Maaf, saya belum bisa membaca isi lampiran (dokumen, spreadsheet atau foto). Ketik angka atau "
                "pertanyaan yang ingin dicocokkan, misalnya “{example}”, atau ketik “rekap per kab/kota” untuk "
                "semua angka."
            ).format(example=esc(self.examples()[0])),
            intent=Intent.NON_TEXT,
        )

    def unreceived_application(self) -> Reply:
        """ "[dokumen: surat_permohonan_UEP.pdf] udah saya kirim, diterima?": the bot receives no applications and
        reads no files; where an application goes and where its status is asked."""
        return Reply(
            _(
                "Maaf, Tanya Bansos tidak bisa menerima atau memproses pengajuan bantuan, dan tidak bisa membaca "
                "lampiran: berkas yang dikirim ke sini tidak diteruskan ke mana pun. Pengajuan disampaikan lewat "
                "kantor desa/kelurahan dan Dinas Sosial kab/kota tempat Anda tinggal; tanyakan status berkas Anda di "
                "sana."
            ),
            intent=Intent.NON_TEXT,
        )

    def unseen_payout(self) -> Reply:
        """ "[foto] struk pencairan, kok cuma segini?": an amount paid, shown on a photo the bot cannot see and held
        nowhere in its data (counts of KK, no rupiah per KK)."""
        return Reply(
            _(
                "Maaf, saya tidak bisa melihat foto atau lampiran. Data Tanya Bansos hanya berisi jumlah KK penerima "
                "per program dan per kab/kota (tahun {year}), tanpa besaran uang (rupiah) yang diterima tiap KK, jadi "
                "saya tidak bisa menilai apakah jumlah yang Anda terima sudah sesuai. Tanyakan ke Dinas Sosial "
                "kab/kota Anda atau ke kantor penyalur (kantor pos atau bank penyalur) dengan membawa struk atau bukti "
                "pencairannya. Potongan yang tidak jelas bisa dilaporkan ke LAPOR! (lapor.go.id) atau Call Center "
                "Kemensos {phone}."
            ).format(year=self._year(None), phone=bold(CALL_CENTRE)),
            intent=Intent.NON_TEXT,
        )

    def shown_own_document(self, status: Reply) -> Reply:
        """ "[foto] ini KK saya, apa saya terdaftar?": an identity document shown to ask one's own status: the photo is
        not seen, such documents are never sent in a chat, and where the status is checked."""
        return Reply(
            _("Maaf, saya tidak bisa melihat foto atau lampiran.")
            + "\n🔒 "
            + _(
                "Jangan kirim foto KTP, Kartu Keluarga atau NIK lewat chat, termasuk ke bot ini: Tanya Bansos tidak "
                "membaca foto dan tidak memeriksa data pribadi. Bawa dokumennya langsung ke kantor desa/kelurahan."
            )
            + "\n\n"
            + status.html,
            choices=status.choices,
            intent=Intent.PERSONAL,
        )

    def unseen_thing(self, verify: bool = False) -> Reply:
        """ "[foto] ini kartu apa ya min?", "[foto] antrean bansos … ini bantuan apa?": what the photo shows, which the
        bot cannot see — what to type instead, or whom to ask."""
        f = self.facts
        text = _(
            "Maaf, saya tidak bisa melihat foto atau gambar, jadi tidak bisa mengenali kartu atau bantuan di "
            "dalamnya. Ketik tulisan yang ada di kartu atau spanduknya (nama program atau instansinya), atau "
            "tanyakan ke kantor desa/kelurahan yang membagikannya. Program Dinsos {province}: {programs}."
        ).format(
            province=esc(self.provinces_name()),
            programs=esc(", ".join(self.pname(p, short=True) for p in f.program_list)),
        )
        if verify:  # "[foto] ini surat undangan dari dinsos, asli gak ya?"
            text += "\n\n" + _(
                "Keaslian surat, kartu atau kegiatan di foto tidak bisa saya pastikan. Tanyakan langsung ke kantor "
                "desa/kelurahan atau Dinas Sosial kab/kota lewat kontak resminya. Bantuan sosial tidak dipungut biaya: "
                "jangan kirim uang, PIN atau data pribadi kepada siapa pun."
            )
        return Reply(
            text,
            choices=[
                Choice(self.pname(p, short=True), Action(Kind.INFO, program=p.code).encode()) for p in f.program_list
            ],
            intent=Intent.NON_TEXT,
        )

    def about(self) -> Reply:
        return self.data_about()
