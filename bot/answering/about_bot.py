"""Questions about the bot itself: who answers, whether it gets aid, where to complain, whether its figures may be
quoted, whether it sends files. None of them is answered with figures."""

from __future__ import annotations

from dataclasses import replace

from bot.answering.actions import Action, Kind
from bot.answering.base import CALL_CENTRE, CEK_BANSOS
from bot.answering.reply import Choice, Reply, bold, esc
from bot.answering.scope import ScopeAnswers
from bot.text.i18n import _
from bot.understanding.intents import SLOW_WORDS, Intent, Understanding

DATA_ASPECTS = ("source", "official", "year", "update", "unit", "live", "published")
"""What about the data is answered beside the bot's own answer (not officials or contacts: the bot's text covers
where to turn)."""
LAPOR = "lapor.go.id"
"""SP4N-LAPOR!, the government's public-service complaint channel."""


class BotAnswers(ScopeAnswers):
    """What the bot says about itself (and, asked with it, about its data)."""

    def about_bot(self, u: Understanding) -> Reply:
        province = esc(self.provinces_name())
        lines: list[str] = []
        choices: list[Choice] = []
        data = [a for a in u.about if a in DATA_ASPECTS]
        if u.not_held and ("quote" in u.about_bot or "export" in u.about_bot):
            # "butuh data per kecamatan dan per jenis kelamin …, trus sumbernya apa biar bisa saya kutip?", "butuh data
            # per kecamatan dan per desa, kalo bisa dlm bentuk excel": what the data does not break down first, then
            # how to cite or copy what it holds
            lines.append(self.not_held(replace(u, intent=Intent.NOT_HELD)).html)
            if "export" in u.about_bot:
                lines[-1] += " " + _(
                    "Permintaan data yang lebih rinci bisa diajukan sebagai permohonan informasi publik ke PPID Dinas "
                    "Sosial Provinsi {province}."
                ).format(province=province)
        for aspect in u.about_bot or ["identity"]:
            if aspect == "identity":
                lines.append(
                    _(
                        "Saya Tanya Bansos, bot otomatis (bukan manusia) untuk informasi bantuan sosial Dinas Sosial "
                        "Provinsi {province}. Jawaban saya disusun otomatis dari angka penerima bantuan Dinsos dan "
                        "penjelasan programnya; saya tidak memegang data pribadi dan tidak meneruskan pesan ke "
                        "petugas. Untuk berbicara dengan petugas, hubungi Dinas Sosial Provinsi {province} atau "
                        "Dinas Sosial kab/kota Anda."
                    ).format(province=province)
                )
            elif aspect == "creative":  # "buatin pantun ttg bansos": no pantun, poem or story; what it does answer
                lines.append(
                    _(
                        "Maaf, saya tidak membuat pantun, puisi, cerita, lagu, surat, CV atau karangan lain. Tanya "
                        "Bansos hanya "
                        "menjawab pertanyaan tentang bantuan sosial Dinas Sosial Provinsi {province}: angka penerima "
                        "per kab/kota dan per program, penjelasan programnya, dan cara mendaftar. Coba misalnya "
                        "“berapa KK di Lingga?”, “apa itu KUBE?” atau “cara daftar bansos”."
                    ).format(province=province)
                )
                choices.append(
                    Choice(_("Ringkasan {year}").format(year=self._year(u.year)), Action(Kind.SUMMARY).encode())
                )
                choices.append(Choice(_("Cara mendaftar"), Action.ask(_("cara daftar bansos")).encode()))
            elif aspect == "admin":  # "adminnya siapa, bisa dihubungi?": nobody reads the chat; whom to contact
                lines.append(
                    _(
                        "Tanya Bansos adalah bot otomatis: tidak ada admin atau petugas yang membaca dan membalas chat "
                        "di sini, dan pesan tidak diteruskan ke siapa pun. Untuk berbicara dengan petugas, hubungi "
                        "Dinas Sosial Provinsi {province} atau Dinas Sosial kab/kota Anda (kontaknya ada di situs "
                        "resmi pemerintah daerah, atau tanyakan di kantor desa/kelurahan). Untuk cek status penerima, "
                        "buka {site} atau hubungi Call Center Kemensos {phone}."
                    ).format(province=province, site=bold(CEK_BANSOS), phone=bold(CALL_CENTRE))
                )
            elif aspect == "discontent":  # "dinsos gak becus ngurus rakyat": frustration with the office's work
                lines.append(
                    _(
                        "Saya memahami kekecewaan Anda, dan terima kasih sudah menyampaikannya. Keluhan tentang "
                        "kinerja atau pelayanan Dinas Sosial sebaiknya disampaikan langsung agar bisa ditindaklanjuti:"
                    )
                    + "\n"
                    + self._channels(province)
                    + "\n"
                    + _(
                        "Bot ini tidak meneruskan pesan ke petugas. Yang bisa saya bantu: angka penerima bantuan Dinas "
                        "Sosial Provinsi {province} per kab/kota dan per program, penjelasan programnya, dan cara "
                        "mendaftar."
                    ).format(province=province)
                )
                choices.append(Choice(_("Cara mendaftar"), Action.ask(_("cara daftar bansos")).encode()))
                choices.append(
                    Choice(_("Ringkasan {year}").format(year=self._year(u.year)), Action(Kind.SUMMARY).encode())
                )
            elif aspect == "maker":  # "siapa yg buat bot ini": what the bot is for, never a maker it cannot name
                lines.append(
                    _(
                        "Saya Tanya Bansos, bot otomatis (bukan manusia) untuk informasi bantuan sosial Dinas Sosial "
                        "Provinsi {province}. Siapa pembuat atau pengelola bot ini tidak bisa saya sebutkan lebih dari "
                        "itu; untuk keterangan resmi tentang bot ini, tanyakan ke Dinas Sosial Provinsi {province}."
                    ).format(province=province)
                )
            elif aspect == "ai":  # "kamu pake AI ya?": fixed data, no chat AI making answers up
                intro = (
                    ""
                    if "maker" in u.about_bot
                    else _(
                        "Saya Tanya Bansos, bot otomatis (bukan manusia) untuk informasi bantuan sosial Dinas Sosial "
                        "Provinsi {province}."
                    ).format(province=province)
                    + " "
                )
                lines.append(
                    intro
                    + _(
                        "Saya bukan AI percakapan seperti ChatGPT: jawaban saya diambil dari data yang tetap, yaitu "
                        "angka penerima bantuan Dinsos beserta sumbernya dan penjelasan programnya, jadi saya tidak "
                        "mengarang jawaban. Pertanyaan yang tidak ada dalam data itu saya katakan terus terang."
                    )
                )
            elif aspect == "compute":  # "kamu bisa ngitung ga? jgn ngarang ya": yes, from the figures held
                lines.append(
                    _(
                        "Bisa. Saya menghitung dari angka penerima yang ada: jumlah dan selisih, persentase, "
                        "perbandingan, peringkat, rata-rata per kab/kota, dan perhitungan “kalau …” yang saya tandai "
                        "sebagai hitungan, bukan data. Angka yang dihitung selalu diambil dari data Dinsos beserta "
                        "sumbernya, tidak dikarang; yang tidak ada dalam data saya katakan terus terang. Coba misalnya "
                        "“Bintan + Karimun berapa?” atau “PMKS berapa persen dari total?”."
                    )
                )
                example = _("Bintan + Karimun berapa?")
                choices.append(Choice(example, Action.ask(example).encode()))
            elif aspect == "chart":  # "bisa bikin grafik?": yes, with /grafik
                lines.append(
                    _(
                        "Bisa. Kirim /grafik untuk grafik jumlah KK penerima per kab/kota, /grafik pmks (atau program "
                        "lain) untuk satu program per kab/kota, atau /grafik batam untuk satu kab/kota dari tahun ke "
                        "tahun. Rekap per kab/kota dalam bentuk tabel: tanya “rekap per kab/kota”."
                    )
                )
                choices.append(Choice(_("Grafik per kab/kota"), Action(Kind.CHART).encode()))
            elif aspect == "slow":  # "lambat bgt sih bls nya": the bot's own replies
                lines.append(
                    _(
                        "Maaf kalau balasan saya terasa lambat 🙏 Saya menjawab otomatis; kadang balasan tertunda "
                        "karena jaringan atau banyaknya pesan yang masuk. Silakan kirim ulang pertanyaan Anda, atau "
                        "coba lagi sebentar lagi."
                    )
                )
            elif aspect == "forward":  # "tolong sampaikan ke dinsos …", "bisa kirim laporan ke gubernur lewat sini?"
                lines.append(
                    _(
                        "Maaf, saya bot otomatis dan tidak bisa meneruskan pesan, keluhan atau laporan ke Dinas "
                        "Sosial, gubernur atau petugas mana pun."
                    )
                    + (
                        ""
                        if "not_reaching" in u.about_bot
                        else " " + _("Sampaikan langsung lewat:") + "\n" + self._channels(province)
                    )
                )
            elif aspect == "not_reaching":  # "bantuan gak pernah nyampe ke kampung gw": a complaint about the aid
                lines.append(
                    _(
                        "Saya ikut prihatin kalau bantuan belum sampai atau terasa tidak merata di tempat Anda. "
                        "Keluhan seperti ini bisa disampaikan ke:"
                    )
                    + "\n"
                    + self._channels(province)
                )
                lines.append(
                    _(
                        "Angka Tanya Bansos adalah jumlah KK penerima per kab/kota, tanpa rincian per desa/kelurahan. "
                        "Keluarga yang layak tetapi belum terdata bisa diusulkan lewat RT/RW dan kantor desa/kelurahan "
                        "(bawa KTP dan Kartu Keluarga), lalu diverifikasi Dinas Sosial kab/kota. Cek status penerima "
                        "di {site}."
                    ).format(site=bold(CEK_BANSOS))
                )
                choices.append(Choice(_("Cara mendaftar"), Action.ask(_("cara daftar bansos")).encode()))
            elif aspect == "event":  # "[foto] antrian bansos di kantor lurah kok rame bgt": a happening not known here
                unseen = _("Maaf, foto atau lampiran tidak bisa saya lihat.") + " "
                slow = "complaint" in u.about_bot and not SLOW_WORDS.isdisjoint(u.words)
                lines.append(
                    (_("Maaf, menunggu bantuan yang lama memang melelahkan.") + " " if slow else "")
                    + (unseen if u.text.lstrip().startswith("[") else "")
                    + _(
                        "Saya tidak tahu tentang kejadian itu: Tanya Bansos hanya memegang angka penerima bantuan "
                        "Dinas Sosial Provinsi {province} dan penjelasan programnya, bukan jadwal, antrian atau "
                        "kejadian di lapangan. Untuk pembagian atau antrian bantuan di tempat Anda, tanyakan langsung "
                        "ke kantor desa/kelurahan atau Dinas Sosial kab/kota."
                    ).format(province=province)
                )
            elif aspect == "privacy":  # "data sy aman gak kalau chat disini": what is kept, and what never to send
                lines.append(
                    _(
                        "Jangan kirim NIK, nomor KK, foto KTP/KK atau data pribadi lain di chat ini: Tanya Bansos "
                        "tidak memerlukannya dan tidak bisa mengecek data pribadi. Bot ini hanya menjawab dengan angka "
                        "total per wilayah dan tidak menyimpan siapa yang bertanya; pertanyaan yang belum bisa dijawab "
                        "dicatat tanpa identitas pengirim untuk memperbaiki jawaban. Untuk cek status penerima, "
                        "gunakan {site} atau Call Center Kemensos {phone}."
                    ).format(site=bold(CEK_BANSOS), phone=bold(CALL_CENTRE))
                )
            elif aspect == "self_aid":
                lines.append(
                    _(
                        "Saya hanya bot, jadi tidak menerima bantuan 🙂 Bantuan Dinas Sosial Provinsi {province} "
                        "diberikan kepada keluarga (KK) yang membutuhkan dan terdata. Untuk mengecek apakah keluarga "
                        "Anda terdaftar, buka {site} atau hubungi Call Center Kemensos {phone}."
                    ).format(province=province, site=bold(CEK_BANSOS), phone=bold(CALL_CENTRE))
                )
            elif aspect == "limits":
                lines.append(
                    _(
                        "Tanya Bansos gratis, tanpa biaya apa pun. Saya bot otomatis: saya tidak mengingat percakapan "
                        "sebelumnya, jadi silakan tanyakan lagi. Saya juga bisa keliru membaca pertanyaan; angka saya "
                        "kutip dari sumber yang disebut di setiap jawaban, dan untuk keperluan resmi mintalah "
                        "konfirmasi ke Dinas Sosial Provinsi {province}."
                    ).format(province=province)
                )
            elif aspect == "wrong_answer":  # "jawaban lu salah mulu": sorry, which figure, and what the data is
                year = self._year(u.year)
                total = self.facts.province_total(year)
                held = (
                    _("Data yang saya pegang: jumlah KK penerima bantuan Dinas Sosial Provinsi {province} tahun {year}")
                    + (_(" ({total} se-provinsi)").format(total=self.kk(total)) if total else "")
                    + _(", per program dan per kab/kota, dikutip apa adanya dari sumber ini:")
                ).format(province=province, year=year)
                lines.append(
                    _(
                        "Maaf kalau ada jawaban saya yang keliru. Angka mana yang menurut Anda salah? Sebutkan "
                        "kab/kota atau programnya (misalnya “PMKS Batam”) atau angka yang Anda baca, nanti saya "
                        "tunjukkan angka dan sumbernya. Saya juga bisa salah membaca pertanyaan: tanyakan satu hal "
                        "saja per pesan."
                    )
                    + "\n"
                    + held
                    + "\n"
                    + self.source_line(year)
                    + "\n"
                    + _(
                        "Untuk koreksi resmi atau data yang lebih baru, hubungi Dinas Sosial Provinsi {province}."
                    ).format(province=province)
                )
                choices.append(Choice(_("Ringkasan {year}").format(year=year), Action(Kind.SUMMARY).encode()))
            elif aspect == "feedback":  # "udah 3x tanya jawabannya muter2": sorry, one concrete thing, and a person
                lines.append(
                    _(
                        "Maaf kalau jawaban saya belum membantu. Saya bot otomatis yang hanya memegang angka penerima "
                        "bantuan Dinas Sosial Provinsi {province} dan penjelasan programnya. Coba tanyakan satu hal "
                        "saja, misalnya “berapa KK di Lingga?”, “UEP di Batam”, “apa itu KUBE?” atau “cara daftar "
                        "bansos”, atau ketik “rekap per kab/kota”. Untuk dibantu langsung oleh petugas, hubungi Dinas "
                        "Sosial kab/kota Anda atau Dinas Sosial Provinsi {province}."
                    ).format(province=province)
                )
            elif aspect == "complaint" and not {"forward", "not_reaching", "discontent"} & set(u.about_bot):
                lines.append(
                    _(
                        "Saran atau keluhan tentang layanan bantuan sosial bisa disampaikan ke:\n"
                        "• Dinas Sosial kab/kota Anda atau Dinas Sosial Provinsi {province};\n"
                        "• Call Center Kemensos {phone};\n"
                        "• LAPOR! ({lapor}), kanal pengaduan pelayanan publik pemerintah.\n"
                        "Bot ini tidak meneruskan pesan ke petugas."
                    ).format(province=province, phone=bold(CALL_CENTRE), lapor=bold(LAPOR))
                )
            elif aspect == "contribute":  # "datanya bisa ditambahin? saya mau input data desa": not through the chat
                lines.append(
                    _(
                        "Data Tanya Bansos tidak bisa ditambah atau diubah oleh pengguna lewat chat ini. Angkanya "
                        "diperbarui oleh petugas Dinas Sosial yang terdaftar sebagai staf bot, dengan mengirim berkas "
                        "spreadsheet (CSV atau Excel) yang diperiksa dulu sebelum diterapkan. Bot ini hanya memegang "
                        "jumlah KK penerima per program dan per kab/kota, tanpa rincian per desa/kelurahan. Data atau "
                        "usulan dari desa/kelurahan disampaikan ke Dinas Sosial kab/kota setempat (lewat kantor "
                        "desa/kelurahan), bukan lewat bot ini."
                    )
                )
            elif aspect == "quote":
                year = self._year(u.year)
                lines.append(
                    _(
                        "Boleh: angka Tanya Bansos adalah angka yang sudah dipublikasikan. Sebutkan sumbernya seperti "
                        "di bawah ini. Untuk keperluan resmi (laporan dinas, berita), mintalah konfirmasi atau data "
                        "tertulis ke Dinas Sosial Provinsi {province}."
                    ).format(province=province)
                    + ("" if data else "\n" + self.source_line(year))  # the data's own lines follow
                )
                choices.append(Choice(_("Ringkasan {year}").format(year=year), Action(Kind.SUMMARY).encode()))
            elif aspect == "language":
                lines.append(
                    _(
                        "Bisa. Saya menjawab dalam bahasa Indonesia atau bahasa Inggris: tulis pertanyaan dalam bahasa "
                        "Inggris, maka jawabannya dalam bahasa Inggris. Bahasa Melayu Riau dan bahasa sehari-hari juga "
                        "saya coba pahami, misalnya “berape KK kat Lingga?”."
                    )
                )
            elif aspect == "export":
                lines.append(
                    _(
                        "Saya tidak mengirim berkas (Excel, CSV atau PDF) di percakapan ini; angka saya berikan "
                        "sebagai teks yang bisa disalin, misalnya ketik “rekap per kab/kota” atau “rekap {program} per "
                        "kab/kota”. Petugas Dinsos yang terdaftar sebagai staf bisa mengunduh berkas Excel atau CSV "
                        "dengan perintah /ekspor."
                    ).format(program=esc(self.facts.program_list[0].short if self.facts.program_list else ""))
                )
                choices.append(Choice(_("Rekap per kab/kota"), Action(Kind.LIST_REGIONS).encode()))
        if data and "not_reaching" not in u.about_bot:  # "kamu siapa, datanya dari mana?": the data's side too
            lines.append(self.about_data(replace(u, about=data)).html)
        return Reply("\n\n".join(lines), choices=choices, intent=Intent.ABOUT_BOT)

    @staticmethod
    def _channels(province: str) -> str:
        """Where a complaint about aid or its service goes (the bot passes none on)."""
        return _(
            "• Dinas Sosial kab/kota Anda atau Dinas Sosial Provinsi {province};\n"
            "• LAPOR! ({lapor}), kanal pengaduan pelayanan publik pemerintah;\n"
            "• Call Center Kemensos {phone}."
        ).format(province=province, phone=bold(CALL_CENTRE), lapor=bold(LAPOR))
