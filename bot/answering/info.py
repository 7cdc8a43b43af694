"""What a program is, who it is for and how to apply; lists of programs and regions; personal status; places
outside the province; ambiguous names."""

from __future__ import annotations

import re

from bot.answering.actions import Action, Kind
from bot.answering.base import CALL_CENTRE, CEK_BANSOS, PAGE_SIZE, AnswerBase
from bot.answering.reply import Choice, Reply, bold, esc
from bot.figures.facts import ProgramInfo, RegionInfo
from bot.text.i18n import _, current_language, fmt_int
from bot.understanding.intents import APPLY_WORDS, NUMBER_WORDS, REPORT_TOPIC, Intent, Understanding
from bot.understanding.lexicon import canonical_words, contains

AMBIGUOUS_SHOWN = 5
"""Most places a "Maksud Anda …" lists (with buttons); the others are counted."""


_QUOTED_FIGURE = re.compile(r"\b\d{1,3}(?:[.,]\d{3})+\b|\b\d{3,}\b")
"""A figure as typed in a question ("2.500", "2500", "465")."""


NEIGHBOURS = frozenset({"tetangga", "neighbor", "neighbour", "neighbors", "neighbours"})
"""Always someone else than the asker: applying "buat tetangga" is on their behalf."""


ASKING_WORDS = frozenset({"apakah", "dapatkah"})
"""Besides the lexicon's modal words, words that ask whether someone outside the province can get aid here."""


CONTINUING_WORDS = frozenset({"lagi", "masih", "tetap", "lanjut", "berlanjut", "still", "again"})
"""Words asking, next to a word of getting, whether one's aid goes on in a year ("tahun ini dpt lagi gak?", "2024 masih
dapat?"): that year's recipients are not in the data either."""

_CARD_WORDS = frozenset({"kartu", "kks", "card"})
"""Words naming a national program's card ("kartu KKS", "KKS"), shown or held, not the program itself."""


_HOW_WHERE = frozenset({"mana", "dimana", "kemana", "gimana", "bagaimana", "cara", "caranya", "how", "where"})
"""Words asking where or how ("daftar bansos dmn", "cara daftar"): with a word of applying, where to apply."""


class InfoAnswers(AnswerBase):
    """Answers about programs, lists and where to look."""

    def info(self, u: Understanding) -> Reply:
        reply = self._info(u)
        required = self._requirement(u)
        if required:  # "harus punya ktp kepri?": the thing asked answered first, then how to apply
            reply.html = required + "\n\n" + reply.html
        form = (self.general.get(current_language()) or self.general.get("id", {})).get("form")
        if form and {"money", "goods"} & set(u.not_held):  # "UEP itu dikasih uang tunai atau barang?"
            reply.html += "\n\nℹ️ " + esc(form)
        served = self._served(u)
        if served:
            reply.html += "\n\n" + served
        elif self._kind_not_served(u):  # "guru ngaji dapat bantuan?": not by occupation
            reply.html += "\n\nℹ️ " + _(
                "“{kind}” tidak disebut sebagai sasaran tersendiri dalam data ini: bantuan Dinas Sosial ditujukan "
                "menurut kondisi keluarga (miskin atau rentan, atau termasuk PMKS), bukan menurut pekerjaan atau "
                "status tertentu. Bila keluarganya memenuhi kriteria, ia dapat diusulkan lewat desa/kelurahan."
            ).format(kind=esc(u.kind_asked))
        age_limit = "age" in u.not_held and self._asks_age_limit(u)
        if ({"age", "group"} & set(u.not_held) and not (age_limit and "group" not in u.not_held)) or (
            "groups" in u.aid_notes
        ):  # "ada bantuan buat lansia?"
            reply.html += "\n\nℹ️ " + _(
                "Angka penerima per kelompok (lansia, disabilitas, yatim, dan lainnya) tidak ada dalam data ini; "
                "yang ada hanya jumlah KK per program dan per kab/kota."
            )
        if age_limit:  # "umur brp bisa dpt bansos dinsos kepri"
            reply.html += "\n\nℹ️ " + _(
                "Batas umur tidak disebut dalam data ini. Bantuan Dinas Sosial ditentukan oleh kondisi dan kebutuhan "
                "keluarga (kriteria PMKS dan data kesejahteraan sosial DTKS/DTSEN), bukan oleh umur; ajukan lewat "
                "desa/kelurahan dan Dinas Sosial kab/kota."
            )
        if self._on_behalf(u):  # "kalau mau ngajuin buat tetangga yg sakit bisa gak"
            reply.html += "\n\n🤝 " + _(
                "Bisa: keluarga, tetangga, RT/RW atau pendamping sosial boleh melaporkan orang yang membutuhkan ke "
                "kantor desa/kelurahan atau Dinas Sosial kab/kota. Bawa KTP dan Kartu Keluarga orang itu bila ada; "
                "desa/kelurahan dan Dinas Sosial yang mendata dan memverifikasinya."
            )
            if any(contains(u.words, p) for p in self.understander.lexicon.grievance.get("afar", ())):  # "dari jauh"
                reply.html += " " + _(
                    "Dari jauh pun Anda bisa membantu (menghubungi kantor desa/kelurahan atau pendamping sosial, "
                    "menyiapkan KTP dan Kartu Keluarga mereka), tetapi usulannya tetap diajukan lewat desa/kelurahan "
                    "tempat orang itu tinggal dan terdaftar, lalu Dinas Sosial kab/kota di sana."
                )
        if "group_size" in u.not_held:  # "KUBE daftarnya gimana, harus berkelompok berapa orang?"
            reply.html += "\n\nℹ️ " + _(
                "Jumlah anggota per kelompok (berapa orang atau KK dalam satu kelompok) tidak ada dalam data ini; "
                "tanyakan ke Dinas Sosial kab/kota atau pendamping sosial."
            )
        if "eligibility" in u.aid_notes:  # "Apakah saya bisa dapat dan bagaimana caranya?"
            reply.html += "\n\nℹ️ " + _(
                "Tanya Bansos tidak bisa memastikan apakah Anda atau keluarga Anda akan menerima bantuan: itu "
                "ditentukan lewat pendataan dan verifikasi oleh desa/kelurahan dan Dinas Sosial kab/kota."
            )
        held = self._held_there(u)
        if held:
            reply.html += "\n\nℹ️ " + held
        where = self._where_to_apply(u)
        if where:
            reply.html += "\n\n" + where
        event = next((t for t in self.understander.lexicon.topics if t.code == u.topic_seen and t.aside), None)
        if event is not None and u.topic is None:  # "rumah saya kebakaran, bisa dapat bantuan?": where to turn too
            reply.html += "\n\nℹ️ " + esc(event.where.get(current_language()) or event.where.get("id", ""))
        moved_here = not {"pindah", "pindahan", "moved"}.isdisjoint(u.words)  # "baru pindah dari Medan ke Batam"
        if "moved" in u.aid_notes and "ktp" in u.words and not moved_here:  # "sy ktp luar kepri tp tinggal di batam"
            reply.html += "\n\n📌 " + self._id_from_elsewhere(u)
        elif "moved" in u.aid_notes:  # "baru pindah dari Medan ke Batam, KTP masih Medan, bisa daftar?"
            reply.html += "\n\n📌 " + _(
                "Baru pindah dari daerah lain: daftar di tempat Anda tinggal sekarang. Data kesejahteraan sosial "
                "mengikuti alamat di KTP dan Kartu Keluarga, jadi tanyakan ke kantor kelurahan/desa dan Dukcapil "
                "setempat soal pindah domisili."
            )
        if "waited" in u.aid_notes:
            reply.html += "\n\n" + self.waited_note()
        if "id_document" in u.aid_notes:  # "[foto] KTP ibu saya. bisa dapat bantuan?": said first
            reply.html = (
                _(
                    "Maaf, saya tidak bisa membaca lampiran, jadi tidak bisa memeriksa dokumen itu atau menilai apakah "
                    "keluarga Anda layak menerima bantuan."
                )
                + "\n🔒 "
                + _(
                    "Jangan kirim foto KTP, Kartu Keluarga atau NIK lewat chat, termasuk ke bot ini: Tanya Bansos "
                    "tidak membaca foto dan tidak memeriksa data pribadi. Bawa dokumennya langsung ke kantor "
                    "desa/kelurahan."
                )
                + "\n\n"
                + reply.html
            )
        if u.national and not _CARD_WORDS.isdisjoint(u.words):
            # "[foto] kartu KKS saya, ini bisa dipake buat daftar KUBE?": the card is a national program's, no
            # registration for ours, and not one the bot can check
            names = ", ".join(n.name for n in self.understander.lexicon.national if n.code in u.national)
            reply.html += "\n\nℹ️ " + _(
                "Kartu yang Anda sebut adalah kartu program nasional ({names}) dari Kementerian Sosial, bukan "
                "pendaftaran program Dinas Sosial Provinsi {province}, dan kartu itu tidak bisa saya lihat atau "
                "periksa. Pendaftaran program Dinas Sosial Provinsi tetap lewat desa/kelurahan dan Dinas Sosial "
                "kab/kota."
            ).format(names=esc(names), province=esc(self.provinces_name()))
        elif u.national:  # "sudah dapat PKH, boleh ikut KUBE juga?": the combination is not in the data
            names = ", ".join(n.name for n in self.understander.lexicon.national if n.code in u.national)
            reply.html += "\n\nℹ️ " + _(
                "Apakah keluarga penerima {names} boleh juga menerima program ini tidak disebut dalam sumber data "
                "Tanya Bansos; hal itu ditentukan saat verifikasi oleh desa/kelurahan dan Dinas Sosial kab/kota. "
                "{names} sendiri program nasional, terpisah dari program Dinas Sosial Provinsi."
            ).format(names=esc(names))
        return reply

    def _asks_continuing(self, words: list[str]) -> bool:
        """ "tahun ini dpt lagi gak?", "2024 masih dapat?": a word of going on right before or after a word of getting
        aid (not "anak saya masih sekolah")."""
        getting = self.understander.lexicon.wanting.get("getting", frozenset()) | {"cair"}
        return any(
            w in CONTINUING_WORDS and not getting.isdisjoint(words[max(i - 1, 0) : i] + words[i + 1 : i + 2])
            for i, w in enumerate(words)
        )

    def _requirement(self, u: Understanding) -> str:
        """ "harus ada surat keterangan tidak mampu?": what the general texts say of the thing asked to be required;
        "daftar bansos harus punya ktp kepri?", "wajib punya rekening bank?": that the data does not say whether it is
        required, where one applies (the desa/kelurahan where the family is registered) and whom to ask."""
        if not u.requirement:
            return ""
        general = self.general.get(current_language()) or self.general.get("id", {})
        kab = self._kab_named(u)
        office = _("Dinas Sosial {kab}").format(kab=esc(kab.name)) if kab else _("Dinas Sosial kab/kota Anda")
        program = self.facts.programs.get(u.programs[0]) if len(u.programs) == 1 else None
        texts = (program.texts.get(current_language()) or program.texts.get("id", {})) if program else {}
        said = (program.texts.get("id", {}).get("apply", "") if program else "").lower()
        if program and said and texts.get("apply") and all(w in said for w in u.requirement.lower().split()):
            # "daftar KUBE harus bikin kelompok dulu?": the program's own way of applying names the thing asked
            return "📋 " + _(
                "Soal “{thing}”, cara mendaftar {program} menurut data Tanya Bansos: {apply} Syarat pastinya "
                "ditentukan desa/kelurahan dan {office}; tanyakan ke sana."
            ).format(
                thing=esc(u.requirement),
                program=bold(self.pname(program, short=True)),
                apply=esc(texts["apply"]),
                office=office,
            )
        if u.requirement_stated and general.get("documents"):
            return "📋 " + _(
                "Soal “{thing}”, yang disebut data Tanya Bansos: {documents} Wajib tidaknya untuk keluarga Anda "
                "ditentukan desa/kelurahan dan {office}; tanyakan ke sana."
            ).format(thing=esc(u.requirement), documents=esc(general["documents"]), office=office)
        return "📋 " + _(
            "Apakah harus punya “{thing}” tidak disebut dalam data Tanya Bansos, jadi tidak bisa saya pastikan. Yang "
            "disebut: pengajuan lewat RT/RW dan kantor desa/kelurahan tempat keluarga terdaftar (sesuai alamat di KTP "
            "dan Kartu Keluarga), lalu Dinas Sosial kab/kota. Untuk syarat pastinya, tanyakan ke {office}."
        ).format(thing=esc(u.requirement), office=office)

    def _id_from_elsewhere(self, u: Understanding) -> str:
        """ "sy ktp luar kepri tp tinggal di batam, bisa dapat?": a KTP from elsewhere — where one applies, and that
        whether such a KTP is accepted is not in the data (the office of the place lived in says)."""
        kab = self._kab_named(u)
        office = (
            _("Dinas Sosial {kab}").format(kab=esc(kab.name)) if kab else _("Dinas Sosial kab/kota tempat Anda tinggal")
        )
        return _(
            "KTP dari daerah lain: pendaftaran lewat desa/kelurahan tempat keluarga Anda terdaftar atau tinggal. "
            "Apakah KTP dari luar {province} diterima tidak disebut dalam data Tanya Bansos; tanyakan ke kantor "
            "kelurahan/desa atau {office}, dan ke Dukcapil setempat soal pindah domisili."
        ).format(office=office, province=esc(self.provinces_name()))

    def _asks_age_limit(self, u: Understanding) -> bool:
        """ "umur brp bisa dpt bansos", "usia minimal berapa": the age one must be, not a count per age group."""
        age = [p for p in self.understander.lexicon.not_held.get("age", ()) if len(p) == 1]
        return any(
            (w,) in age and not {"berapa", "minimal", "batas", "maksimal"}.isdisjoint(u.words[max(0, i - 1) : i + 2])
            for i, w in enumerate(u.words)
        )

    def _on_behalf(self, u: Understanding) -> bool:
        """ "ngajuin buat tetangga yg sakit bisa gak", "prosedur mengusulkan warga kami": applying for someone else (a
        neighbour, a relative, an RT head's residents) — said to be possible, through the desa/kelurahan — rather than
        for the asker."""
        if "apply" not in u.info_aspects:
            return False
        sets = self.understander.phrase_sets
        people = {p[0] for p in sets.get("aid_story.people", ()) if len(p) == 1}
        mine = {p[0] for p in sets.get("personal.first_person", ()) if len(p) == 1}
        words = u.words

        def someone(i: int) -> bool:  # "tetangga", "ibu saya": another person, not a group ("untuk keluarga miskin")
            w = words[i] if i < len(words) else ""
            return w in NEIGHBOURS or (w in people and words[i + 1 : i + 2] != [] and words[i + 1] in mine)

        # "buat tetangga", or "mengusulkan warga kami", "mendaftarkan ibu saya": put forward by the asker
        proposing = self.understander.lexicon.proposing_words
        if any((w in ("untuk", "for") or w in proposing) and someone(i + 1) for i, w in enumerate(words)):
            return True
        # "bisa gak ortu sy didaftarkan": the person, then the word of putting them forward
        return any(someone(i) and not proposing.isdisjoint(words[i + 2 : i + 4]) for i in range(len(words)))

    def _served(self, u: Understanding) -> str:
        """ "orang disabilitas dapat bantuan apa dari dinsos", "mak sy dah tua tinggal seorang …": the people named are
        among those a program is for (data/lexicon.json "served_groups"): that program, whom it serves and how to apply
        to it — unless the question names a program itself."""
        if u.programs or u.group:
            return ""
        lines = []
        for code, phrases in self.understander.lexicon.served_groups.items():
            p = self.facts.programs.get(code)
            named = [" ".join(ph) for ph in phrases if contains(u.words, ph)]
            if p is None or not named:
                continue
            texts = p.texts.get(current_language()) or p.texts.get("id", {})
            lines.append(
                "🤝 "
                + _(
                    "Orang yang Anda sebut ({named}) dapat termasuk sasaran program {program}, bila memenuhi "
                    "kriteria dan terdata."
                ).format(named=esc(", ".join(dict.fromkeys(named))), program=bold(self.pfull(p)))
            )
            if texts.get("who"):
                lines.append(f"{bold(_('Untuk siapa'))}: {esc(texts['who'])}")
            if texts.get("apply"):
                lines.append(f"{bold(_('Cara mengajukan'))}: {esc(texts['apply'])}")
        return "\n".join(lines)

    def _kind_not_served(self, u: Understanding) -> bool:
        """The kind of person asked ("guru ngaji", "tukang ojek") shares no word with whom the aid is said to be for
        (the general 'who' text: "keluarga miskin dan rentan …"), so the answer says aid is not given by occupation."""
        if not u.kind_asked:
            return False
        general = self.general.get("id", {}).get("who", "")
        said = set(canonical_words(general, self.understander.lexicon)) - self.understander.lexicon.stopwords
        return said.isdisjoint(u.kind_asked.split())

    def _held_there(self, u: Understanding) -> str:
        """ "… UEP … di anambas ada gak ya program itu tahun kemarin? kalau mau ikut gimana": besides how to apply,
        whether the data holds the program in that kab/kota — its figure of the latest year, or that the source names
        none there (never that the program does not exist) — and a year asked that is not held."""
        f = self.facts
        if len(u.programs) != 1 or len(u.regions) != 1:
            return ""
        exists = self.understander.lexicon.exists
        there, negations = exists.get("words", frozenset()), exists.get("negations", frozenset())
        asked = [
            i
            for i, w in enumerate(u.words)
            if w in there and not (i and u.words[i - 1] in negations) and any(abs(i - t) <= 2 for t in u.taken)
        ]
        if not asked:  # "di anambas ada gak …": said of the place or program named, not "tidak ada penghasilan"
            return ""
        kab = f.regions.get(u.regions[0].code)
        year = self._year(None)
        if kab is None or kab.level != 2 or not year:
            return ""
        p = f.programs[u.programs[0]]
        n = f.cell(year, p.code, kab.code)
        if n is not None:
            text = _("Data tahun {year}: {program} di {kab} {n} KK.").format(
                year=year, program=esc(self.pname(p, short=True)), kab=esc(kab.name), n=fmt_int(n)
            )
        elif not any(f.cell(year, p.code, k.code) is not None for k in f.kabkota):
            text = _(
                "Sumber data tahun {year} melaporkan {program} hanya untuk seluruh provinsi, tanpa rincian per "
                "kab/kota, jadi tidak bisa saya pastikan apakah ada penerimanya di {kab}."
            ).format(year=year, program=esc(self.pname(p, short=True)), kab=esc(kab.name))
        else:
            text = _(
                "Sumber data tahun {year} tidak menyebut angka {program} untuk {kab}, jadi tidak bisa saya pastikan "
                "apakah program itu ada di sana; tanyakan ke Dinas Sosial {kab}."
            ).format(year=year, program=esc(self.pname(p, short=True)), kab=esc(kab.name))
        if u.year is not None and u.year != year:
            text = (
                _("Data tahun {asked} tidak ada; data terbaru yang dipegang Tanya Bansos adalah tahun {year}.").format(
                    asked=u.year, year=year
                )
                + " "
                + text
            )
        return text

    def _where_to_apply(self, u: Understanding) -> str:
        """ "… di Daik, bisa dibantu?": where that place applies — its desa/kelurahan and its kab/kota's Dinsos."""
        f = self.facts
        if "apply" not in u.info_aspects or len(u.regions) != 1 or u.regions[0].code not in f.regions:
            return ""
        kab = f.regions[u.regions[0].code]
        if kab.level != 2:
            return ""
        sub = u.regions[0].sub_code
        if sub in f.regions:
            return "📍 " + _(
                "{place} termasuk {kab}: pengajuan lewat RT/RW dan kantor desa/kelurahan setempat, lalu Dinas Sosial "
                "{kab}."
            ).format(place=esc(f.regions[sub].name), kab=esc(kab.name))
        return "📍 " + _(
            "Di {kab}: pengajuan lewat RT/RW dan kantor desa/kelurahan setempat, lalu Dinas Sosial {kab}."
        ).format(kab=esc(kab.name))

    def _kinds_asked(self, u: Understanding) -> list[tuple[str, list[ProgramInfo]]]:
        """The kinds of aid a question asks the difference of, each with its programs, when one is a kind that holds
        several programs: the direct aid (data/lexicon.json 'direct_aid': Kesejahteraan Keluarga and PMKS) or a group
        of programs (Bantuan Pengembangan Ekonomi: UEP and KUBE, also when named beside the direct aid and so read as
        its programs by the understander); any other program named is a kind of its own. Empty
        when no such kind is named ("apa beda UEP dan KUBE" explains the two programs)."""
        f = self.facts
        direct = [c for c in self.understander.lexicon.direct_programs if c in u.programs] if u.direct_aid else []
        named = {c for c in u.programs if c not in direct} | (set(f.groups[u.group].members) if u.group else set())
        groups = [g for g in f.groups if u.group == g or (direct and set(f.groups[g].members) <= named)]
        if not (direct or groups):
            return []
        sides: list[tuple[str, list[ProgramInfo]]] = []
        if direct:
            sides.append((_("Bantuan langsung"), [f.programs[c] for c in direct]))
        sides += [(self.gname(g), [f.programs[m] for m in f.groups[g].members]) for g in groups]
        covered = {p.code for _kind, programs in sides for p in programs}
        sides += [(self.pfull(f.programs[c]), [f.programs[c]]) for c in u.programs if c not in covered]
        return sides

    def _kinds_apart(self, sides: list[tuple[str, list[ProgramInfo]]]) -> Reply:
        """ "apa bedanya bantuan langsung sama program pengembangan ekonomi": each kind of aid, the programs it is in
        this data and what each of them is (data/programs.json), side by side."""
        blocks = []
        for kind, programs in sides:
            head = bold(kind) + ":"
            if len(programs) > 1:
                names = self._and_list([self.pname(p, short=True) for p in programs])
                head = _("{kind} (dalam data ini: {programs}):").format(kind=bold(kind), programs=esc(names))
            lines = [head]
            for p in programs:
                what = (p.texts.get(current_language()) or p.texts.get("id", {})).get("what", "")
                lines.append(f"• {bold(self.pname(p, short=True))}: {esc(what)}")
            blocks.append("\n".join(lines))
        shown = [p for _kind, programs in sides for p in programs]
        return Reply(
            "\n\n".join(blocks),
            choices=[Choice(self.pname(p, short=True), Action(Kind.INFO, program=p.code).encode()) for p in shown],
            intent=Intent.INFO,
        )

    def _info(self, u: Understanding) -> Reply:
        f = self.facts
        sides = self._kinds_asked(u) if u.asks_same else []
        if len(sides) >= 2:  # "apa bedanya bantuan langsung sama UEP?": each kind of aid with its programs
            return self._kinds_apart(sides)
        if len(u.programs) > 1:  # "apa beda UEP dan KUBE": each one explained
            replies = [self.program_info(f.programs[code], u.info_aspects) for code in u.programs[:3]]
            return Reply(
                "\n\n".join(r.html for r in replies),
                choices=[c for r in replies for c in r.choices],
                intent=Intent.INFO,
            )
        if u.programs:
            p = f.programs[u.programs[0]]
            term = self._term_of(p, u)
            if term and u.info_aspects == ["what"]:
                return self._term_reply(p, term)  # "asuransi kesejahteraan sosial maksudnya gmn"
            return self.program_info(p, u.info_aspects)
        if u.group:
            members = [f.programs[m] for m in f.groups[u.group].members]
            lines = [
                _("{group} terdiri dari: {members}.").format(
                    group=bold(self.gname(u.group)), members=esc(", ".join(self.pfull(m) for m in members))
                )
            ]
            lines += self._steps(u.info_aspects)
            for m in members:
                texts = m.texts.get(current_language()) or m.texts.get("id", {})
                lines.append(f"• {bold(self.pname(m, short=True))}: {esc(texts.get('what', ''))}")
                if "apply" in u.info_aspects and texts.get("apply"):  # "bagaimana mohon bantuan modal usaha?"
                    lines.append(f"  {bold(_('Cara mendaftar'))}: {esc(texts['apply'])}")
            if "apply" in u.info_aspects:
                lines.append(self._status_hint())
            return Reply(
                "\n".join(lines),
                choices=[
                    Choice(self.pname(m, short=True), Action(Kind.INFO, program=m.code).encode()) for m in members
                ],
                intent=Intent.INFO,
            )
        asked = next((a for a in ("help", "what") if a in u.info_aspects), None)
        steps = self._steps(u.info_aspects)
        general = self.general.get(current_language(), {})
        if "why" in u.info_aspects and general.get("purpose"):
            # "kenapa bantuannya banyak, ada hubungannya sama covid?": what the source says of the aid's aim, no more
            return Reply(
                _("Yang disebut sumber data tentang tujuan bantuan:")
                + "\n"
                + esc(general["purpose"])
                + "\n\n"
                + _(
                    "Angka penerima sendiri tidak menjelaskan alasan lain di balik jumlahnya; untuk penjelasan lebih "
                    "lanjut, tanyakan ke Dinas Sosial Provinsi {province}."
                ).format(province=esc(self.provinces_name()))
                + "\n"
                + self.source_line(self._year(u.year)),
                choices=[Choice(_("Ringkasan {year}").format(year=self._year(u.year)), Action(Kind.SUMMARY).encode())],
                intent=Intent.INFO,
            )
        if "purpose" in u.info_aspects and general.get("purpose") and "apply" not in u.info_aspects:
            # "Tujuan bansos dinsos kepri itu apa?": the aim as the source states it, then what each program is
            reply = self._each_program("what")
            reply.html = f"{bold(_('Tujuan'))}\n{esc(general['purpose'])}\n\n{reply.html}"
            return reply
        if asked and "apply" not in u.info_aspects:
            # "bantuannya berupa uang atau barang?": each program's own text
            reply = self._each_program(asked)
            if asked == "what" and "bansos" in u.words:  # "bansos tu bantuan sosial atau bantuan sosialita wkwk"
                reply.html = (
                    _(
                        "Bansos singkatan dari bantuan sosial: bantuan pemerintah bagi keluarga miskin dan rentan. "
                        "Bansos Dinas Sosial Provinsi {province} terdiri dari program berikut."
                    ).format(province=esc(self.provinces_name()))
                    + "\n\n"
                    + reply.html
                )
            return reply
        lines = [*steps]
        if "exists" in u.info_aspects:
            lines.insert(0, self._aid_exists(u))
        if "who" in u.info_aspects and general.get("who"):
            lines.append(esc(general["who"]))
        if general.get("apply"):
            title = _("Langkah pendaftaran") if steps else _("Cara mendaftar")
            lines.append(bold(title) + "\n" + esc(general["apply"]))
        lines.append(
            _(
                "Program Dinsos {province}: {programs}. Tanyakan misalnya “syarat UEP” untuk rincian satu program."
            ).format(
                programs=esc(", ".join(self.pname(p, short=True) for p in f.program_list)),
                province=esc(self.provinces_name()),
            )
        )
        lines.append(self._status_hint())
        choices = [
            Choice(self.pname(p, short=True), Action(Kind.INFO, program=p.code).encode()) for p in f.program_list
        ]
        return Reply("\n\n".join(lines), choices=choices, intent=Intent.INFO)

    def _aid_exists(self, u: Understanding) -> str:
        """ "bantuan ni betol ke ade?": yes, the aid exists — the province's recipients of the latest year, its
        programs and the source."""
        f = self.facts
        year = self._year(u.year)
        total = f.province_total(year)
        programs = esc(", ".join(self.pname(p, short=True) for p in f.program_list))
        if total is None:
            text = _("Ya, bantuan sosial Dinas Sosial Provinsi {province} memang ada, lewat program {programs}.")
        else:
            text = _(
                "Ya, bantuan sosial Dinas Sosial Provinsi {province} memang ada: tahun {year} tercatat {total} "
                "penerima dari {count} program ({programs})."
            )
        line = text.format(
            province=esc(self.provinces_name()),
            year=year,
            total=esc(self.kk(total)) if total is not None else "",
            count=len(f.program_list),
            programs=programs,
        )
        return line + "\n" + self.source_line(year)

    def _each_program(self, aspect: str) -> Reply:
        title = _("Bentuk bantuan") if aspect == "help" else _("Apa itu")
        lines = [bold(title)]
        for p in self.facts.program_list:
            texts = p.texts.get(current_language()) or p.texts.get("id", {})
            if texts.get(aspect):
                lines.append(f"• {bold(self.pname(p, short=True))}: {esc(texts[aspect])}")
        lines.append(self._status_hint())
        programs = self.facts.program_list
        choices = [Choice(self.pname(p, short=True), Action(Kind.INFO, program=p.code).encode()) for p in programs]
        return Reply("\n".join(lines), choices=choices, intent=Intent.INFO)

    def _steps(self, aspects: list[str]) -> list[str]:
        """The answers to the steps of applying asked ("gratis?", "online?", "ke mana dulu?", "bawa apa?"), each
        from the general texts of data/programs.json."""
        general = self.general.get(current_language()) or self.general.get("id", {})
        titles = {
            "free": _("Biaya"),
            "online": _("Daftar online"),
            "first": _("Ke mana dulu"),
            "documents": _("Dokumen"),
            "schedule": _("Jadwal pendaftaran"),
            "required": _("Harus terdata?"),
        }
        return [f"{bold(titles[a])}: {esc(general[a])}" for a in titles if a in aspects and general.get(a)]

    def _term_reply(self, p: ProgramInfo, term: str) -> Reply:
        """ "asuransi kesejahteraan sosial maksudnya gmn": a term of the program's description, explained by what the
        source says of it, and that its details are not held."""
        reply = self.program_info(p, ["what", "help"])
        reply.html += "\n\nℹ️ " + _(
            "Rincian “{term}” (jenis, besaran, cara klaim atau pencairannya) tidak ada dalam data ini; "
            "tanyakan ke Dinas Sosial Provinsi {province} atau Dinas Sosial kab/kota."
        ).format(term=esc(term), province=esc(self.provinces_name()))
        return reply

    def term_beside_national(self, u: Understanding) -> Reply | None:
        """ "asuransi kesejahteraan sosial tu maksudnya apa, kayak bpjs?", "bantuan langsung berkelanjutan itu BLT?": a
        term of one Dinsos program's description (not the program's name) said beside a national program is that
        program's part — explained as the source has it, its details not held — and not the national program, which
        is named as such. None for anything else ("PKH beda gak sama PMKS?" names the program itself)."""
        if not u.national or len(u.programs) != 1 or u.group or u.regions or not NUMBER_WORDS.isdisjoint(u.words):
            return None  # "berapa penerima PKH dan asuransi kesejahteraan sosial": figures asked, not the term
        p = self.facts.programs.get(u.programs[0])
        term = self._term_of(p, u) if p else ""
        if p is None or not term:
            return None
        by_code = {n.code: n for n in self.understander.lexicon.national}
        names = self._and_list([by_code[c].name for c in u.national if c in by_code])
        reply = self._term_reply(p, term)
        reply.html = (
            "ℹ️ "
            + _(
                "“{term}” di sini adalah bagian dari {program}, program Dinas Sosial Provinsi {province}; bukan "
                "{national}, yang merupakan program nasional."
            ).format(
                term=esc(term),
                program=bold(self.pname(p, short=True)),
                province=esc(self.provinces_name()),
                national=bold(names),
            )
            + "\n\n"
            + reply.html
        )
        return reply

    def _term_of(self, p: ProgramInfo, u: Understanding) -> str:
        """The words of the question that name something inside the program's description ("asuransi kesejahteraan
        sosial" of PMKS), not the program itself: what is explained, or "" when the program is named."""
        texts = p.texts.get("id", {})
        described = set(canonical_words(f"{texts.get('what', '')} {texts.get('help', '')}", self.understander.lexicon))
        named = set(canonical_words(f"{p.code} {p.name} {p.short}", self.understander.lexicon))
        lex = self.understander.lexicon
        inside = [w for w in u.words if w in described and w not in named and w not in lex.stopwords]
        if not inside:
            return ""
        start = end = u.words.index(inside[0])
        while start > 0 and u.words[start - 1] in described:
            start -= 1  # "bantuan langsung berkelanjutan": the whole phrase as the description has it
        while end + 1 < len(u.words) and u.words[end + 1] in described:
            end += 1
        return " ".join(u.words[start : end + 1])

    def program_info(self, p: ProgramInfo, aspects: list[str]) -> Reply:
        texts = p.texts.get(current_language()) or p.texts.get("id", {})
        steps = self._steps(aspects)
        wanted = [a for a in aspects if a in texts] or ["what", "who", "help", "apply"]
        if "what" not in wanted and not steps:
            wanted = ["what", *wanted]
        titles = {
            "what": _("Apa itu"),
            "who": _("Untuk siapa"),
            "help": _("Bentuk bantuan"),
            "apply": _("Cara mendaftar"),
        }
        title = self.pfull(p)
        if current_language() != "id" and p.name.lower() not in title.lower():
            title = f"{title} — {p.name}"  # "what does UEP stand for?": the Indonesian name is what it stands for
        lines = [bold(title), *steps]
        for aspect in ("what", "who", "help", "apply"):
            if aspect in wanted and texts.get(aspect):
                lines.append(f"{bold(titles[aspect])}: {esc(texts[aspect])}")
        if p.group_code and p.group_code in self.facts.groups and self.gname(p.group_code) not in texts.get("what", ""):
            lines.append(_("Bagian dari {group}.").format(group=esc(self.gname(p.group_code))))
        lines.append(_("Program Dinas Sosial {coverage}.").format(coverage=esc(self.coverage())))
        lines.append(self._status_hint())
        choices = [
            Choice(
                _("Angka {program}").format(program=self.pname(p, short=True)),
                Action(Kind.PROGRAM, program=p.code).encode(),
            )
        ]
        return Reply("\n\n".join(lines), choices=choices, intent=Intent.INFO)

    def _status_hint(self) -> str:
        return _("Cek status penerima pribadi di {site} atau hubungi Call Center Kemensos {phone}.").format(
            site=CEK_BANSOS, phone=CALL_CENTRE
        )

    def program_list(self, year: int | None) -> Reply:
        f = self.facts
        year = self._year(year)
        lines = [
            _("Program bantuan Dinsos {province} (data tahun {year}):").format(
                province=esc(self.provinces_name()), year=year
            )
        ]
        for p in f.program_list:
            lines.append(
                f"• {bold(self.pname(p, short=True))} — {esc(self.pname(p))}: {self.kk(f.program_total(year, p.code))}"
            )
        for code, g in f.groups.items():
            lines.append(
                _("{members} bersama-sama disebut {group}.").format(
                    members=esc(" + ".join(self.pname(f.programs[m], short=True) for m in g.members)),
                    group=esc(self.gname(code)),
                )
            )
        parents = list(self.understander.lexicon.umbrella_parents)
        if parents:  # "bantuan ini masuk program apa aja": the programs the report puts the activities under
            lines.append(
                _(
                    "Laporan sumber menyebut kegiatan-kegiatan ini berada di bawah program induk {parents}; angka per "
                    "program induk tidak diberikan."
                ).format(parents=esc(self._and_list(parents)))
            )
        lines.append(self.source_line(year))
        choices = [
            Choice(self.pname(p, short=True), Action(Kind.PROGRAM, program=p.code, year=year).encode())
            for p in f.program_list
        ]
        return Reply("\n".join(lines), choices=choices, intent=Intent.LIST_PROGRAMS)

    def region_list(self, year: int | None, page: int = 1) -> Reply:
        f = self.facts
        year = self._year(year)
        pages = max((len(f.kabkota) - 1) // PAGE_SIZE + 1, 1)
        page = min(max(page, 1), pages)
        if not f.several:
            head = _("Tanya Bansos mencakup {n} kab/kota di Provinsi {province}:").format(
                n=len(f.kabkota), province=esc(f.province.name)
            )
        else:
            head = _("Tanya Bansos mencakup {n} kab/kota di {coverage}:").format(
                n=len(f.kabkota), coverage=esc(self.coverage())
            )
        lines = [head]
        shown = f.kabkota[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        for k in shown:
            lines.append(f"• {esc(k.name)}: {self.kk(f.region_total(year, k.code))}")
        if pages > 1:
            lines.append(_("Halaman {page} dari {pages}.").format(page=page, pages=pages))
        lines.append(
            _("Total se-{province}, tahun {year}: {total}").format(
                province=esc(self.provinces_name()), year=year, total=bold(self.kk(f.province_total(year)))
            )
        )
        note = self.unallocated_note(year)
        if note:
            lines.append(note)
        lines.append(self.source_line(year))
        choices = [Choice(k.short, Action(Kind.REGION, region=k.code, year=year).encode()) for k in shown]
        if page > 1:
            choices.append(Choice(_("‹ Sebelumnya"), Action(Kind.LIST_REGIONS, page=page - 1).encode()))
        if page < pages:
            choices.append(Choice(_("Lainnya ›"), Action(Kind.LIST_REGIONS, page=page + 1).encode()))
        return Reply("\n".join(lines), choices=choices, intent=Intent.LIST_REGIONS)

    # ---- the rest -------------------------------------------------------------------------------------------
    def personal(self, u: Understanding | None = None) -> Reply:
        kab = self._kab_named(u)  # "sy di karimun … sy masuk daftar gak?": the office of the place told
        text = _(
            "Tanya Bansos hanya memegang angka total per wilayah, bukan data pribadi, jadi tidak bisa mengecek "
            "nama atau NIK.\n"
            "Untuk mengecek apakah Anda terdaftar sebagai penerima bansos:\n"
            "• buka {site} dan isi wilayah serta nama sesuai KTP;\n"
            "• atau hubungi Call Center Kemensos {phone};\n"
            "• atau tanyakan ke kantor desa/kelurahan dan {office}."
        ).format(
            site=bold(CEK_BANSOS),
            phone=bold(CALL_CENTRE),
            office=_("Dinas Sosial {kab}").format(kab=esc(kab.name)) if kab else _("Dinas Sosial kab/kota Anda"),
        )
        general = self.general.get(current_language(), {})
        if u is not None and u.left_out and general.get("apply"):
            # "kok saya gak dapat padahal saya miskin": not only where to check, but how to get registered
            text = (
                _(
                    "Mohon maaf atas kesulitan Anda. Bantuan tidak diberikan otomatis: keluarga perlu terdata dulu "
                    "dalam data kesejahteraan sosial, dan saya tidak bisa menjanjikan hasilnya."
                )
                + "\n\n"
                + bold(_("Cara mendaftar"))
                + "\n"
                + esc(general["apply"])
                + "\n\n"
                + text
            )
        if u is not None and "waited" in u.aid_notes:
            text = self.waited_note() + "\n\n" + text
        if u is not None and "moving" in u.aid_notes:
            text = self._moving_note(u) + "\n\n" + text
        if (
            u is not None
            and u.year is not None
            and self.facts.years
            and not self.facts.has_year(u.year)
            and self._asks_continuing(u.words)
        ):
            # "ibu saya di Dabo dulu dpt UEP, tahun ini dpt lagi gak?": no one's status, and no figure of that year
            text += "\n\n🗓 " + _(
                "Data Tanya Bansos juga hanya berisi tahun {years}, dan hanya jumlah KK per kab/kota: penerima tahun "
                "{year} tidak ada di dalamnya, jadi siapa yang menerima bantuan tahun itu tidak bisa saya lihat. Cek "
                "di {site} atau tanyakan ke Dinas Sosial kab/kota."
            ).format(years=esc(", ".join(str(y) for y in self.facts.years)), year=esc(u.year), site=bold(CEK_BANSOS))
        if u is not None and "national" in u.aid_notes:
            text += "\n\n" + self._national_note(u)
        place = self._place_figure(u)
        if place:  # "kampung saya di Daik, dapat gak?": the status check, and what the data says of that place
            text += "\n\n" + place
        served = self._served(u) if u is not None else ""
        if served:  # "anak sy disabilitas … sy masuk daftar gak?": the program the person named is among
            text += "\n\n" + served
        if u is not None and "well_off" in u.aid_notes:  # "padahal tetangga yg punya mobil dapat": where to report it
            text += "\n\n📣 " + self._topic_where(REPORT_TOPIC)
        program = self._program_figure(u)
        if program:  # "spanduk KUBE kelompok kami di Karimun, ini termasuk yg 60 KK itu?"
            text += "\n\n" + program
        return Reply(text, intent=Intent.PERSONAL)

    def _topic_where(self, code: str) -> str:
        """The text of a topic of data/lexicon.json "out_of_scope" (where to turn), in the reply's language."""
        topic = next((t for t in self.understander.lexicon.topics if t.code == code), None)
        return esc(topic.where.get(current_language()) or topic.where.get("id", "")) if topic else ""

    def _national_note(self, u: Understanding) -> str:
        """ "ini kartu KKS saya, apa sy terdaftar?": one line on the national program named — who runs it, and that
        its recipients are checked in the same places, not in the figures held here."""
        by_code = {n.code: n for n in self.understander.lexicon.national}
        lines = []
        for code in u.national[:3]:
            n = by_code[code]
            texts = n.texts.get(current_language()) or n.texts.get("id", {})
            lines.append(
                "ℹ️ "
                + _(
                    "{name} dijalankan oleh {who}, bukan program Dinas Sosial Provinsi {province}; statusnya dicek "
                    "lewat cara di atas."
                ).format(name=esc(n.name), who=esc(texts.get("who", "")), province=esc(self.provinces_name()))
            )
        return "\n".join(lines)

    def _kab_named(self, u: Understanding | None, last: bool = False) -> RegionInfo | None:
        """The one kab/kota a personal question names (through a kecamatan or desa too), or the last one named."""
        if u is None or not u.regions or (len(u.regions) > 1 and not last):
            return None
        kab = self.facts.regions.get(u.regions[-1].code)
        return kab if kab is not None and kab.level == 2 else None

    def _moving_note(self, u: Understanding) -> str:
        """ "kalau sy pindah domisili dr batam ke bintan, bantuan sy ikut pindah gak?": the data holds no rule on it;
        report the move where one goes to live."""
        kab = self._kab_named(u, last=True)
        office = _("Dinas Sosial {kab}").format(kab=esc(kab.name)) if kab else _("Dinas Sosial kab/kota tujuan")
        return "📌 " + _(
            "Apakah bantuan ikut pindah bila Anda pindah domisili tidak diatur dalam data Tanya Bansos, jadi tidak "
            "bisa saya pastikan. Yang biasa dilakukan: urus surat pindah dan KTP/KK baru di Dukcapil, lalu laporkan "
            "kepindahan Anda ke kantor desa/kelurahan di alamat baru dan ke {office}, agar data kesejahteraan sosial "
            "Anda ikut diperbarui."
        ).format(office=office)

    def _program_figure(self, u: Understanding | None) -> str:
        """A program's figure quoted in a personal question ("… termasuk yg 60 KK itu?"): which figure it is, that it
        names no family or group, whether it has a kab/kota breakdown, and whom to ask there."""
        f = self.facts
        if u is None or len(u.programs) != 1:
            return ""
        year = self._year(None)
        p = f.programs[u.programs[0]]
        total = f.program_total(year, p.code)
        typed = {int(n.replace(".", "").replace(",", "")) for n in _QUOTED_FIGURE.findall(u.text)}
        typed |= {int(n) for n in re.findall(r"\b\d{1,3}\b", u.text)}
        if total is None or total not in typed:
            return ""
        kab = self._kab_named(u)
        lines = [
            _(
                "{number} adalah angka {program} se-{province} tahun {year}: jumlah KK saja, tanpa nama keluarga atau "
                "kelompok, jadi tidak bisa dipakai untuk memastikan satu keluarga atau kelompok termasuk di dalamnya."
            ).format(
                number=esc(self.kk(total)),
                program=esc(self.pname(p, short=True)),
                province=esc(self.provinces_name()),
                year=year,
            )
        ]
        if not any(f.cell(year, p.code, k.code) is not None for k in f.kabkota):
            lines.append(
                _("Sumber tidak merinci {program} per kab/kota.").format(program=esc(self.pname(p, short=True)))
            )
        if kab is not None:
            lines.append(
                _("Tanyakan ke Dinas Sosial {kab} atau pendamping sosial yang mendampingi Anda.").format(
                    kab=esc(kab.name)
                )
            )
        return "ℹ️ " + " ".join(lines) + "\n" + self.source_line(year)

    def waited_note(self) -> str:
        """ "udh 2 thn ngurus, bolak balik kelurahan, yg bener yg mana, cape": empathy, the route an application
        takes, and where to ask about one's own case or complain — the bot cannot check a case."""
        return "🙏 " + _(
            "Maaf, pasti melelahkan menunggu tanpa kejelasan. Tanya Bansos tidak bisa mengecek kasus atau usulan "
            "Anda. Alurnya: usulan dimulai dari desa/kelurahan, diverifikasi Dinas Sosial kab/kota, lalu ditetapkan "
            "sesuai programnya (program Dinsos Provinsi {province} lewat Dinas Sosial Provinsi; program nasional "
            "seperti PKH dan BPNT oleh Kemensos). Tanyakan status usulan Anda langsung ke Dinas Sosial kab/kota "
            "(bawa KTP dan KK); bila tetap tidak ada kejelasan, sampaikan pengaduan lewat LAPOR! (lapor.go.id) atau "
            "Call Center Kemensos {phone}."
        ).format(province=esc(self.provinces_name()), phone=bold(CALL_CENTRE))

    def _place_figure(self, u: Understanding | None) -> str:
        """ "📍 Daik termasuk Kabupaten Lingga …": the kab/kota of the one town a personal question names, its total
        (the data is per kab/kota, never per desa or per person), with year and source."""
        f = self.facts
        if u is None or len(u.regions) != 1 or u.regions[0].code not in f.regions or not u.regions[0].sub_code:
            return ""  # "saya di Batam, terdaftar belum?": the kab/kota itself needs no note
        kab = f.regions[u.regions[0].code]
        year = self._year(None)
        total = f.region_total(year, kab.code) if kab.level == 2 else None
        if total is None:
            return ""
        sub = u.regions[0].sub_code
        if sub not in f.regions:
            return ""
        place = f.regions[sub].name
        quoted = ""
        typed = {int(n.replace(".", "").replace(",", "")) for n in _QUOTED_FIGURE.findall(u.text)}
        named = [p for p in f.program_list if f.region_total(year, kab.code, [p.code]) in typed]
        if len(named) == 1:  # "… termasuk 2.500 KK itu?": which figure that is, and that it holds no family's name
            quoted = "\n" + _(
                "{number} adalah angka {program} {kab} tahun {year}: jumlah KK saja, tanpa nama keluarga, jadi tidak "
                "bisa dipakai untuk mengecek satu keluarga."
            ).format(
                number=esc(self.kk(f.region_total(year, kab.code, [named[0].code]))),
                program=esc(self.pname(named[0], short=True)),
                kab=esc(kab.name),
                year=year,
            )
        return (
            "📍 "
            + _(
                "{place} termasuk {kab}. Data ini per kab/kota, bukan per desa atau per orang: {kab} tahun {year} "
                "mencatat {total} penerima bantuan Dinsos. Untuk satu nama atau keluarga, tanyakan ke kantor "
                "desa/kelurahan setempat atau Dinas Sosial {kab}."
            ).format(place=esc(place), kab=esc(kab.name), year=year, total=esc(self.kk(total)))
            + quoted
            + "\n"
            + self.source_line(year)
        )

    def outside(self, u: Understanding) -> Reply:
        f = self.facts
        # "Dumai sama Siak dapet gak": every place outside named, not the first one only ("Siak, Riau" is one place)
        named = list(dict.fromkeys(u.outside))
        places = [o for o in named if not any(n.endswith(f"({o})") for n in named)]
        places = places if u.outside_joined else places[:1]  # "Karimunjawa Jepara": one place, said with its kab
        place = self._and_list(places)
        if len(places) > 1:
            text = _(
                "Maaf, Tanya Bansos hanya mencakup {coverage} ({n} kab/kota). {places} semuanya berada di luar "
                "cakupan, jadi saya tidak punya angkanya. Untuk status penerima di mana pun, cek {site}."
            ).format(coverage=esc(self.coverage()), n=len(f.kabkota), places=esc(place), site=CEK_BANSOS)
        elif not f.several:
            text = _(
                "Maaf, Tanya Bansos hanya mencakup Provinsi {province} ({n} kab/kota). {place} berada di luar "
                "cakupan, jadi saya tidak punya angkanya. Untuk status penerima di mana pun, cek {site}."
            ).format(province=esc(f.province.name), n=len(f.kabkota), place=esc(place), site=CEK_BANSOS)
        else:
            text = _(
                "Maaf, Tanya Bansos hanya mencakup {coverage} ({n} kab/kota). {place} berada di luar cakupan, jadi "
                "saya tidak punya angkanya. Untuk status penerima di mana pun, cek {site}."
            ).format(coverage=esc(self.coverage()), n=len(f.kabkota), place=esc(place), site=CEK_BANSOS)
        near = f.regions.get(u.outside_near) if u.outside_near and len(places) == 1 else None
        if near is not None:
            # "batang dpt brp": a name one letter from a kab/kota of ours, with no province named, may be a typo of it
            text = _(
                "Maksud Anda {kab} ({province}) atau {place}? Tanya Bansos hanya memegang angka Provinsi {province}; "
                "{place} berada di luar cakupan."
            ).format(kab=esc(near.name), province=esc(f.province.name), place=esc(place))
            year = u.year if u.year is not None and f.has_year(u.year) else None
            action = (
                Action(Kind.PROGRAM_REGION, program=u.programs[0], region=near.code, year=year)
                if len(u.programs) == 1
                else Action(Kind.REGION, region=near.code, year=year)
            )
            choices = [
                Choice(near.name, action.encode()),
                Choice(_("Wilayah yang tercakup"), Action(Kind.LIST_REGIONS).encode()),
            ]
            return Reply(text, choices=choices, understood=False, intent=Intent.OUTSIDE)
        words = set(u.words)
        wanting = self.understander.lexicon.wanting  # "bisa" … "dapat": can they get it
        can, getting = wanting.get("modal", frozenset()) | ASKING_WORDS, wanting.get("getting", frozenset())
        asks_here = words & can and words & (APPLY_WORDS | getting) and not u.programs and not u.regions
        # "[lokasi: Pekanbaru, Riau] daftar bansos dmn", "saya tinggal di medan, cara daftar bansos gimana": where or
        # how to apply, there
        asks_how = words & APPLY_WORDS and words & _HOW_WHERE and not u.regions
        if (asks_here or asks_how) and self._in_country(u.outside[0]):
            # "sy tinggal di jakarta bisa dapat dari dinsos kepri?": whether one living there can apply here
            text += "\n\n" + _(
                "Program Dinas Sosial {coverage} untuk keluarga yang terdata di wilayah itu (alamat KTP dan Kartu "
                "Keluarga). Bila Anda tinggal di {place}, ajukan bantuan sosial lewat kantor desa/kelurahan dan Dinas "
                "Sosial kab/kota tempat Anda tinggal; status penerima program nasional bisa dicek di {site} atau "
                "Call Center Kemensos 171."
            ).format(coverage=esc(self.coverage()), place=esc(place), site=CEK_BANSOS)
            kab = u.outside[0].split(" (")[0]
            if len(places) == 1 and kab.startswith(("Kota ", "Kabupaten ")):
                text += " " + _("Untuk {place}: Dinas Sosial {kab}.").format(place=esc(place), kab=esc(kab))
        choices = [*self._figures_choice(u), Choice(_("Wilayah yang tercakup"), Action(Kind.LIST_REGIONS).encode())]
        return Reply(text, choices=choices, intent=Intent.OUTSIDE)

    def _in_country(self, label: str) -> bool:
        """ "Daerah Khusus Ibukota Jakarta", "Kota Pekanbaru (Riau)": a place in one of the country's provinces (from
        the Kemendagri list), not abroad ("Johor (Malaysia)"), where its own desa/kelurahan and Dinas Sosial serve."""
        provinces = {province for _name, province in self.facts.outside} | {self.facts.province.name}
        inside = label[label.find("(") + 1 : label.rfind(")")] if "(" in label else label
        return all(part.strip() in provinces for part in inside.split(","))

    def _with_figure(self, u: Understanding, region: RegionInfo, former: str) -> str:
        """ "Provinsi Kepulauan Riau (58.849 KK, 2022)", "Kabupaten Bintan, dulu Kabupaten Kepulauan Riau (8.686 KK,
        2022)": a place offered when a name may mean the province itself, with the figure each choice gives."""
        f = self.facts
        year = self._year(u.year if u.year is not None and f.has_year(u.year) else None)
        programs = list(f.groups[u.group].members) if u.group else (u.programs or None)
        if region.level <= 1:
            label = _("Provinsi {name}").format(name=region.name)
            values = [f.province_total(year)] if programs is None else [f.program_total(year, p) for p in programs]
            value = sum(v for v in values if v is not None) if any(v is not None for v in values) else None
        else:
            label = region.name
            value = f.region_total(year, region.code, programs)
            if former:  # asked back beside the province as the kabupaten once named like it ("kab kepri": Bintan)
                label = _("{name}, dulu {former}").format(name=region.name, former=former)
        return _("{place} ({value}, {year})").format(place=label, value=self.kk(value), year=year)

    def ambiguous(self, u: Understanding) -> Reply:
        """ "Maksud Anda …": the few most relevant places a shared name may mean, each with where it lies (never a
        silent pick); naming the kab/kota or province with it ("Sukamaju, Luwu Utara") settles it."""
        f = self.facts
        amb = u.ambiguous[0]
        year = u.year if u.year is not None and f.has_year(u.year) else None
        places = amb.places or amb.candidates
        choices = []
        names = []
        # "kabupaten kepulauan riau": the province or the kabupaten once named like it (Bintan), each with its figure
        with_province = not f.several and any(c in f.regions and f.regions[c].level <= 1 for c in amb.candidates)
        for code, place in list(zip(amb.candidates, places, strict=False))[:AMBIGUOUS_SHOWN]:
            region = f.regions.get(code)
            if region is None:
                continue
            label = region.name
            if place != code and place in f.regions:
                label = self.understander.gazetteer.describe(place)
            elif f.several and region.level == 2 and (province := f.province_of(code)) is not None:
                label = f"{region.name} ({province.name})"
            if with_province and place == code:  # a desa's kab/kota figure would not be the place named
                label = self._with_figure(u, region, amb.former)
            names.append(label)
            if region.level == 0 or (region.level == 1 and not f.several):
                choices.append(Choice(region.name, Action(Kind.SUMMARY, year=year).encode()))
            elif u.programs:
                choices.append(
                    Choice(
                        region.name, Action(Kind.PROGRAM_REGION, program=u.programs[0], region=code, year=year).encode()
                    )
                )
            else:
                choices.append(Choice(region.name, Action(Kind.REGION, region=code, year=year).encode()))
        text = _("Maksud Anda yang mana untuk “{text}”? {options}").format(
            text=esc(amb.text), options=esc(" / ".join(names))
        )
        rest = len(amb.candidates) - len(names)
        if rest > 0:
            text += "\n" + _(
                "… dan {n} wilayah lain dengan nama itu. Sebutkan kab/kota atau provinsinya, misalnya “{example}”."
            ).format(n=rest, example=esc(f"{amb.text}, {f.regions[amb.candidates[0]].short}"))
        return Reply(text, choices=choices, intent=Intent.AMBIGUOUS)
