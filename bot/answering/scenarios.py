"""Answers to what-ifs and to numbers the user typed (:mod:`bot.understanding.scenarios`): the 2022 figures the
computation starts from (with year and source), the computation shown step by step, and a line saying it is a
calculation, not data. A what-if the reader could not compute safely is declined plainly, with what can be computed.
"""

from __future__ import annotations

import math
from dataclasses import replace

from babel.numbers import format_compact_decimal, format_currency, format_decimal, format_percent

from bot.answering.figures import FigureAnswers
from bot.answering.reply import Reply, bold, esc
from bot.text.i18n import _, current_language
from bot.understanding.intents import Intent, Understanding
from bot.understanding.lexicon import find
from bot.understanding.scenarios import Scenario

_TOTAL_WORDS = ("total", "totalnya", "jumlah")
"""Right before the place (or the province) whose total a what-if asks ("total anambas jadi berapa")."""


class ScenarioAnswers(FigureAnswers):
    """What-ifs computed on the figures of one year."""

    # ---- numbers --------------------------------------------------------------------------------------------
    def _num(self, value: float) -> str:
        """A count that a what-if may make fractional ("24.711,5"), through Babel in the reader's language."""
        return format_decimal(round(value, 2), format="#,##0.##", locale=current_language())

    def _kk_of(self, value: float) -> str:
        if float(value).is_integer():
            return self.kk(int(value))
        approx = self.kk(math.floor(value + 0.5))  # half up: 11.232,5 is ≈ 11.233
        return _("{n} KK (≈ {approx})").format(n=self._num(value), approx=approx)

    def rupiah(self, amount: float) -> str:
        """ "Rp2.325.000.000" (Babel, the reader's language)."""
        return format_currency(round(amount), "IDR", format="¤#,##0", currency_digits=False, locale=current_language())

    def _rupiah_words(self, amount: float) -> str:
        """ "2,3 miliar" / "2.3 billion"."""
        return format_compact_decimal(amount, format_type="long", fraction_digits=1, locale=current_language())

    # ---- the figures ------------------------------------------------------------------------------------------
    def _figure(self, year: int, code: str | None, programs: list[str] | None) -> int | None:
        f = self.facts
        if code is not None:
            return f.region_total(year, code, programs)
        if programs:
            values = [f.program_total(year, p) for p in programs]
            present = [v for v in values if v is not None]
            return sum(present) if present else None
        return f.province_total(year)

    def _place(self, code: str | None) -> str:
        if code is not None and code in self.facts.regions:
            return self.facts.regions[code].name
        return _("se-{province}").format(province=self.provinces_name())

    def _base_line(self, subject: str, code: str | None, year: int, value: int | None) -> str:
        return _("{subject} {place}, tahun {year}: {value}").format(
            subject=esc(subject[:1].upper() + subject[1:]),
            place=esc(self._place(code)),
            year=year,
            value=self.kk(value),
        )

    def _closing(self, year: int, programs: list[str] | None) -> list[str]:
        return [
            "ℹ️ "
            + _(
                "Ini hanya hitungan dari angka tahun {year} dengan angka yang Anda sebut, bukan data, target, atau "
                "proyeksi resmi."
            ).format(year=year),
            self.source_line(year, programs),
        ]

    def _calculated(self, lines: list[str], year: int, programs: list[str] | None) -> Reply:
        """The lines of a what-if, then the note that it is a calculation, and the source."""
        return Reply("\n".join([*lines, *self._closing(year, programs)]), intent=Intent.SCENARIO)

    # ---- entry ------------------------------------------------------------------------------------------------
    def scenario(self, u: Understanding) -> Reply:
        s = u.scenario
        if s is None or s.declined:
            return self.scenario_declined(u, s)
        missing = self._missing_year(u.year)
        if missing is not None:
            return missing
        year = self._year(u.year)
        programs, subject = self.subject_of(u)
        if s.ask in ("groups", "per_group"):
            return self._groups(s, year, programs, subject)
        placed = s.change in ("set", "add") and self._place_total_asked(u, s)  # "KUBE 60 KK itu semua di Batam,
        # total Batam jadi?": Batam's figures hold no KUBE, so its total with them is computed below
        if (s.target or s.targets or s.every or s.other) and not placed and self._province_only(year, programs):
            return self._without_places(s, year, programs or [], subject)
        if s.change == "move" and s.programs_moved:
            return self._moved_programs(s, year)
        if s.change == "move":
            return self._moved(s, year, programs, subject)
        if s.change == "merge":
            return self._merged(s, year, programs, subject)
        if s.change == "equal" and s.every:
            return self._every_equal(s, year, programs, subject)
        if s.change is None and s.money is not None:
            return self._money(s, year, programs, subject)
        if s.change is None:
            return self._typed(s, year, programs, subject)
        if s.every:  # "tiap kab/kota dapat tambahan 100": each kab/kota (of the kind named) changed
            kinds = [k.code for k in self.facts.kabkota if s.every in ("all", k.kind.lower())]
            with_figure = self.understander.scenario_vocab.with_figure
            left_out: list[str] = []
            if any(find(u.words, p) >= 0 for p in with_figure):  # "tiap kab/kota yg dpt UEP", "yg tercatat": with one
                kept = [c for c in kinds if self._figure(year, c, programs) is not None] or kinds
                kinds, left_out = kept, [c for c in kinds if c not in kept]
            if s.every_count is not None and s.every_count != len(kinds):
                kept = [c for c in kinds if self._figure(year, c, programs) is not None]
                if len(kept) != s.every_count:
                    # "5 kab/kota masing-masing ditambah 50" of 7: which five is not said, so nothing is computed
                    return self.scenario_declined(u, replace(s, declined="unreadable"))
                # "UEP di 6 kab/kota masing2 ditambah 50": the six with a UEP figure
                kinds, left_out = kept, left_out + [c for c in kinds if c not in kept]
            s = replace(s, targets=tuple(kinds), target=kinds[0] if kinds else None)
            if len(s.targets) > 1:
                return self._changed_each(s, year, programs, subject, left_out)
        if len(s.targets) > 1:
            return self._changed_each(s, year, programs, subject)
        place_total = self._place_total_asked(u, s)
        if programs and place_total and s.ask == "total" and not s.whole:
            s = replace(s, ask="value")  # "total lingga jadi?": the place's total, not the program's in the province
        reply = self._changed(s, year, programs, subject, place_total=bool(programs and place_total))
        if programs and place_total and s.change in ("add", "set", "percent", "factor", "equal") and s.ask != "gap":
            # "kalau anambas dapat bskk 500 kk, total anambas jadi berapa": the place's total of every program
            after = self._place_total_after(s, year, programs)
            if self._province_total_asked(u):  # "…, total natuna & total kepri jd brp?": the province's too
                base = self._figure(year, s.target, programs) or 0
                whole_line = self._whole_after(year, base, self._after(s, base))
                if whole_line not in reply.html:  # "total kepri" read as the total the change moves: said once
                    after += "\n" + whole_line
            reply.html = reply.html.replace("\n", "\n" + after + "\n", 1)
        whole = {"total", "totalnya", "semua"} & set(u.words)
        if programs and whole and s.other and s.target and s.ask in ("above", "below") and s.change in ("add", "set"):
            # "kalo PMKS karimun ditambah 1000 KK, karimun nyalip tanjungpinang gak totalnya": the totals compared
            totals = self._totals_after(s, year, programs)
            if totals:
                head, _sep, rest = reply.html.partition("\n")
                reply.html = f"{head}\n{totals}\n{rest}"
        return reply

    def _province_only(self, year: int, programs: list[str] | None) -> bool:
        """Every program asked has a province figure and none for any kab/kota (KUBE): no place's figure to change."""
        f = self.facts
        return bool(programs) and all(
            f.program_total(year, p) is not None and all(f.cell(year, p, k.code) is None for k in f.kabkota)
            for p in programs or []
        )

    def _without_places(self, s: Scenario, year: int, programs: list[str], subject: str) -> Reply:
        """ "kalau KUBE natuna 20 KK, berapa total KUBE": the program is reported only for the whole province, so a
        kab/kota's figure is unknown (never counted 0). A number of KK added to places adds to the province's figure;
        anything else said of a place (a value set, a percentage, a move) cannot be computed, and a value set that is
        part of the province's figure leaves it as it is."""
        whole = self._figure(year, None, programs) or 0
        codes = [c for c in (*(s.targets or ((s.target,) if s.target else ())), s.other) if c]
        named = self._and_list([self._place(c) for c in codes]) if codes else _("tiap kab/kota")
        count = len(s.targets) or 1
        if s.every:  # "tiap kab/kota ditambah 5 KK": each of them, named as such
            count = len([k for k in self.facts.kabkota if s.every in ("all", k.kind.lower())])
            named = {"kabupaten": _("tiap kabupaten"), "kota": _("tiap kota")}.get(s.every, _("tiap kab/kota"))
        lines = [
            _(
                "{subject} tidak punya rincian per kab/kota: sumber hanya menyebut {total} untuk seluruh {province}, "
                "jadi angka {subject} {places} tidak diketahui."
            ).format(subject=esc(subject), total=self.kk(whole), province=esc(self.provinces_name()), places=esc(named))
        ]
        if s.change == "add" and s.amount and not s.other:
            added = s.amount * count
            step = f"{self._num(s.amount)} × {count}" if count > 1 else self._num(s.amount)
            lines.insert(0, "🧮 " + _("Hitungan pengandaian dari angka tahun {year}:").format(year=year))
            lines.append(
                _("Kalau {places} ditambah {n} KK, total {subject} se-{province}: {whole} + {step} = {after}").format(
                    places=esc(named),
                    n=self._num(s.amount),
                    subject=esc(subject),
                    province=esc(self.provinces_name()),
                    whole=self._num(whole),
                    step=step,
                    after=bold(self._kk_of(whole + added)),
                )
            )
            lines.append(_("Angka {places} sendiri sesudah ditambah tidak bisa dihitung.").format(places=esc(named)))
            return self._calculated(lines, year, programs)
        if s.change == "set" and not s.other and s.every == "all":
            # "tiap kab/kota dapat KUBE 10 KK": every kab/kota's figure said, so the province's is their sum
            lines.insert(0, "🧮 " + _("Hitungan pengandaian dari angka tahun {year}:").format(year=year))
            lines.append(
                _("Kalau {subject} {places} {n} KK, total {subject} menjadi {count} × {n} = {after}").format(
                    subject=esc(subject),
                    places=esc(named),
                    n=self._num(s.amount),
                    count=count,
                    after=bold(self._kk_of(count * s.amount)),
                )
            )
            return self._calculated(lines, year, programs)
        if s.change == "set" and not s.other:
            said = s.amount * count
            values = {
                "places": esc(named),
                "n": self._num(s.amount),
                "sum": self._num(said),
                "subject": esc(subject),
                "total": self.kk(whole),
                "rest": self._kk_of(whole - said),
                "most": self._kk_of(whole + said),
            }
            lines.append(
                (
                    _(
                        "Kalau {subject} {places} masing-masing {n} KK, total {subject} tidak bisa dihitung, karena "
                        "angkanya sekarang tidak diketahui."
                    )
                    if count > 1
                    else _(
                        "Kalau {subject} {places} {n} KK, total {subject} tidak bisa dihitung, karena angkanya "
                        "sekarang tidak diketahui."
                    )
                ).format(**values)
            )
            if said <= whole:  # "misal KUBE di Batam 40 KK": within the 60, the rest is the others'
                lines.append(
                    _(
                        "Kalau {sum} KK itu sudah termasuk dalam {total}, totalnya tetap {total}, dan kab/kota lainnya "
                        "bersama-sama {rest}."
                    ).format(**values)
                )
            else:
                lines.append(
                    _("Totalnya antara {sum} KK dan {most}, tergantung berapa angka {places} sekarang.").format(
                        **values
                    )
                )
        elif s.change == "move":
            lines.append(
                _("Total {subject} {province} tetap {total}: angkanya hanya berpindah tempat.").format(
                    subject=esc(subject), province=esc(self._place(None)), total=self.kk(whole)
                )
            )
        else:
            lines.append(_("Hitungan itu tidak bisa dibuat per kab/kota untuk {subject}.").format(subject=esc(subject)))
        lines.append(self.source_line(year, programs))
        return Reply("\n".join(lines), intent=Intent.SCENARIO)

    def _groups(self, s: Scenario, year: int, programs: list[str] | None, subject: str) -> Reply:
        """ "kalo KUBE 1 kelompok isinya 10 KK, ada brp kelompok": the figure divided by the group size said. The
        figures count KK, never groups: said to be a calculation under the user's assumption. Without a program
        named, the one program whose name is of groups (Kelompok Usaha Bersama)."""
        f = self.facts
        if not programs:
            words = self.understander.scenario_vocab.groups
            grouped = [p for p in f.program_list if not words.isdisjoint(p.name.lower().split())]
            if len(grouped) == 1:
                programs, subject = [grouped[0].code], self.pname(grouped[0], short=True)
        base = self._figure(year, s.target, programs)
        if base is None or not s.typed or s.typed <= 0:
            return self._no_figure(subject, s.target, year, programs)
        size = s.typed
        count = base / size
        lines = [
            "🧮 " + _("Hitungan pengandaian dari angka tahun {year}:").format(year=year),
            self._base_line(subject, s.target, year, base),
        ]
        if s.ask == "per_group":  # "kalau KUBE ada 6 kelompok, 1 kelompok isinya berapa KK"
            lines.append(
                _("Kalau ada {groups} kelompok: {base} ÷ {groups} = {size} per kelompok").format(
                    groups=self._num(size), base=self._num(base), size=bold(self._kk_of(count))
                )
            )
        elif float(count).is_integer():
            lines.append(
                _("Kalau 1 kelompok berisi {size} KK: {base} ÷ {size} = {count}").format(
                    size=self._num(size),
                    base=self._num(base),
                    count=bold(_("{n} kelompok").format(n=self._num(count))),
                )
            )
        else:
            full = math.floor(count)
            lines.append(
                _(
                    "Kalau 1 kelompok berisi {size} KK: {base} ÷ {size} = {quotient}, yaitu {count} berisi {size} KK "
                    "dan sisa {rest} KK"
                ).format(
                    size=self._num(size),
                    base=self._num(base),
                    quotient=self._num(count),
                    count=bold(_("{n} kelompok").format(n=self._num(full))),
                    rest=self._num(base - full * size),
                )
            )
        if s.members:
            lines.append(_("(Tiap anggota kelompok dihitung sebagai 1 KK.)"))
        lines.append(
            _(
                "Jumlah kelompok tidak disebut sumber: angka {subject} dihitung dalam KK (keluarga penerima), jadi "
                "hitungan kelompok di atas hanya dengan anggapan Anda, bukan data."
            ).format(subject=esc(subject))
        )
        return self._calculated(lines, year, programs)

    def _move_steps(
        self, sides: tuple[tuple[str, float], tuple[str, float]], moved: float, bold_gain: bool
    ) -> list[str]:
        """The place receiving ("{base} + {n}") and the place giving ("{base} − {n}") after a move, one line each."""
        lines = []
        for (code, start), sign in zip(sides, (1, -1), strict=True):
            step = _("{place}: {base} + {n} = {new}") if sign > 0 else _("{place}: {base} − {n} = {new}")
            new = self._kk_of(start + sign * moved)
            lines.append(
                "• "
                + step.format(
                    place=esc(self._place(code)),
                    base=self._num(start),
                    n=self._num(moved),
                    new=bold(new) if sign > 0 and bold_gain else new,
                )
            )
        return lines

    def _moved(self, s: Scenario, year: int, programs: list[str] | None, subject: str) -> Reply:
        """ "kalau BSKK Lingga dipindah semua ke Natuna, Natuna total jadi berapa": the giver's figure (all of it, or
        the part said) taken off and added to the receiver's; their totals of every program when a total is asked;
        the province's figure unchanged."""
        f = self.facts
        giver, receiver = s.other, s.target
        give = self._figure(year, giver, programs)
        if give is None or giver is None or receiver is None:
            return self._no_figure(subject, giver, year, programs)
        moved = s.typed if s.typed is not None else give * s.amount
        if moved > give:
            short = _("Tidak bisa dihitung: {place} hanya punya {base} {subject} (tahun {year}), kurang dari {n}.")
            text = short.format(
                place=esc(self._place(giver)), base=self.kk(give), subject=esc(subject), year=year, n=self._num(moved)
            )
            return Reply(text + "\n" + self.source_line(year, programs), intent=Intent.SCENARIO)
        got = self._figure(year, receiver, programs)
        lines = [
            "🧮 " + _("Hitungan pengandaian dari angka tahun {year}:").format(year=year),
            self._base_line(subject, giver, year, give),
            self._base_line(subject, receiver, year, got),
        ]
        if got is None:
            lines.append(
                _("{place} tidak punya angka {subject} dalam data ini; dihitung sebagai 0.").format(
                    place=esc(self._place(receiver)), subject=esc(subject)
                )
            )
        lines.append(
            _("Kalau {n} KK {subject} {giver} dipindah ke {receiver}:").format(
                n=self._num(moved),
                subject=esc(subject),
                giver=esc(self._place(giver)),
                receiver=esc(self._place(receiver)),
            )
        )
        totals_asked = bool(programs and s.ask == "total")
        lines += self._move_steps(((receiver, got or 0), (giver, give)), moved, bold_gain=not totals_asked)
        if totals_asked:
            # "natuna total jadi berapa": the places' totals of every program
            lines.append(_("Total semua program:"))
            mine = [(code, f.region_total(year, code) or 0) for code in (receiver, giver)]
            lines += self._move_steps((mine[0], mine[1]), moved, bold_gain=True)
        whole = self._figure(year, None, programs)
        if whole is not None:
            lines.append(
                _("Total {subject} {province} tetap {total}: angkanya hanya berpindah tempat.").format(
                    subject=esc(subject), province=esc(self._place(None)), total=self.kk(whole)
                )
            )
        return self._calculated(lines, year, programs)

    def _moved_programs(self, s: Scenario, year: int) -> Reply:
        """ "jika PMKS Karimun dipindah semua ke BSKK, BSKK kepri jadi brp": the giving program's figure in the place
        (all of it, or the part said) taken off it and added to the receiving program's, there and in the province's
        totals; the total of every program unchanged."""
        f = self.facts
        giver, receiver = s.programs_moved
        name = {p: self.pname(f.programs[p], short=True) for p in s.programs_moved}
        give = self._figure(year, s.target, [giver])
        if give is None:
            return self._no_figure(name[giver], s.target, year, [giver])
        moved = s.typed if s.typed is not None else give * s.amount
        if moved > give:
            short = _("Tidak bisa dihitung: {place} hanya punya {base} {subject} (tahun {year}), kurang dari {n}.")
            text = short.format(
                place=esc(self._place(s.target)),
                base=self.kk(give),
                subject=esc(name[giver]),
                year=year,
                n=self._num(moved),
            )
            return Reply(text + "\n" + self.source_line(year, list(s.programs_moved)), intent=Intent.SCENARIO)
        lines = ["🧮 " + _("Hitungan pengandaian dari angka tahun {year}:").format(year=year)]
        places = [s.target, None] if s.target is not None else [None]
        starts = {(code, p): self._figure(year, code, [p]) for code in places for p in s.programs_moved}
        lines += [self._base_line(name[p], code, year, starts[code, p]) for code in places for p in s.programs_moved]
        lines.append(
            _("Kalau {n} KK {subject} {giver} dipindah ke {receiver}:").format(
                n=self._num(moved),
                subject=esc(name[giver]),
                giver=esc(self._place(s.target)),
                receiver=esc(name[receiver]),
            )
        )
        for code in places:
            for p, sign in ((receiver, 1), (giver, -1)):
                step = _("{place}: {base} + {n} = {new}") if sign > 0 else _("{place}: {base} − {n} = {new}")
                start = starts[code, p] or 0
                new = self._kk_of(start + sign * moved)
                lines.append(
                    "• "
                    + step.format(
                        place=esc(f"{name[p]} {self._place(code)}"),
                        base=self._num(start),
                        n=self._num(moved),
                        new=bold(new) if sign > 0 else new,
                    )
                )
        whole = self._figure(year, s.target, None)
        if whole is not None:
            lines.append(
                _("Total semua program {place} tetap {total}: angkanya hanya berpindah program.").format(
                    place=esc(self._place(s.target)), total=self.kk(whole)
                )
            )
        return self._calculated(lines, year, list(s.programs_moved))

    def _merged(self, s: Scenario, year: int, programs: list[str] | None, subject: str) -> Reply:
        """ "seandainya PMKS Natuna & Anambas digabung jadi satu, masih paling kecil?": the places' figures added up
        (a place without one counted 0, and said), then, when the least or the most is asked, that sum among the other
        kab/kota: yes or no, the one next to it, and the order."""
        bases = {code: self._figure(year, code, programs) for code in s.targets}
        if all(v is None for v in bases.values()):
            return self._no_figure(subject, s.targets[0], year, programs)
        places = [self._place(code) for code in s.targets]
        together = _("{names} dan {last}").format(names=", ".join(places[:-1]), last=places[-1])
        total = sum(v or 0 for v in bases.values())
        lines = ["🧮 " + _("Hitungan pengandaian dari angka tahun {year}:").format(year=year)]
        lines += [self._base_line(subject, code, year, value) for code, value in bases.items() if value is not None]
        missing = [self._place(code) for code, value in bases.items() if value is None]
        if missing:
            lines.append(
                _("Tanpa angka {subject} dalam data ini (dihitung 0): {places}.").format(
                    subject=esc(subject), places=esc(self.some_names(missing))
                )
            )
        lines.append(
            _("Kalau {places} digabung jadi satu: {sum} = {total}").format(
                places=esc(together),
                sum=" + ".join(self._num(v or 0) for v in bases.values()),
                total=bold(self.kk(total)),
            )
        )
        if s.ask in ("least", "most"):
            lines += self._merged_rank(s, year, programs, together, total)
        return self._calculated(lines, year, programs)

    def _merged_rank(self, s: Scenario, year: int, programs: list[str] | None, together: str, total: int) -> list[str]:
        """The merged places' sum among the other kab/kota that have the figure: whether it is (still) the least or
        the most, the next one, and the order with it."""
        f = self.facts
        least = s.ask == "least"
        rows = [(k.name, v) for k, v in self.ranked(year, programs) if k.code not in s.targets]
        rows.append(("", total))  # the merged place, named as "gabungan …"
        rows.sort(key=lambda nv: (nv[1], nv[0]) if least else (-nv[1], nv[0]))
        others = [(n, v) for n, v in rows if n]
        merged_name = _("gabungan {places}").format(places=together)
        before = self.ranked(year, programs)
        ends = [k.code for k, _v in (before[-1:] if least else before[:1])]
        still = bool(ends) and ends[0] in s.targets  # one of them was at that end already: "tetap", else "menjadi"
        if rows[0][0] == "":
            end, end_value = others[0] if others else ("", 0)
            verdict = (
                (
                    _("Ya: dengan {value}, {place} tetap yang paling sedikit; berikutnya {next} ({next_value}).")
                    if still
                    else _("Ya: dengan {value}, {place} menjadi yang paling sedikit; berikutnya {next} ({next_value}).")
                )
                if least
                else (
                    _("Ya: dengan {value}, {place} tetap yang paling banyak; berikutnya {next} ({next_value}).")
                    if still
                    else _("Ya: dengan {value}, {place} menjadi yang paling banyak; berikutnya {next} ({next_value}).")
                )
            ).format(value=self.kk(total), place=esc(merged_name), next=esc(end), next_value=self.kk(end_value))
        else:
            end, end_value = rows[0]
            verdict = (
                _("Tidak: dengan {value}, {place} bukan yang paling sedikit; yang paling sedikit {end} ({end_value}).")
                if least
                else _(
                    "Tidak: dengan {value}, {place} bukan yang paling banyak; yang paling banyak {end} ({end_value})."
                )
            ).format(value=self.kk(total), place=esc(merged_name), end=esc(end), end_value=self.kk(end_value))
        lines = [
            bold(verdict),
            _("Urutan dengan angka pengandaian itu:"),
        ]
        lines += [
            f"{i}. {esc(n or merged_name)}: {self.kk(v)}" + ("" if n else " ← " + _("pengandaian"))
            for i, (n, v) in enumerate(rows, 1)
        ]
        present = {k.code for k, _v in self.ranked(year, programs)}
        absent = [k.name for k in f.kabkota if k.code not in present and k.code not in s.targets]
        if absent:
            lines.append(_("Tidak ada data untuk: {regions}.").format(regions=esc(self.some_names(absent))))
        return lines

    def _every_equal(self, s: Scenario, year: int, programs: list[str] | None, subject: str) -> Reply:
        """ "andai semua kab/kota dapat UEP sama kayak Tanjungpinang, totalnya berapa": every kab/kota (of the kind
        said) given the named one's figure, added up (7 × 70), next to the real sum."""
        f = self.facts
        value = self._figure(year, s.other, programs)
        if value is None:
            return self._no_figure(subject, s.other, year, programs)
        chosen = [k for k in f.kabkota if s.every in ("all", k.kind.lower())]
        rest = [k for k in f.kabkota if k not in chosen]
        now = {k.code: self._figure(year, k.code, programs) for k in f.kabkota}
        before = sum(v or 0 for v in now.values())
        kept = sum(now[k.code] or 0 for k in rest)
        after = value * len(chosen) + kept
        each = {"kabupaten": _("setiap kabupaten"), "kota": _("setiap kota")}.get(s.every, _("setiap kab/kota"))
        lines = [
            "🧮 " + _("Hitungan pengandaian dari angka tahun {year}:").format(year=year),
            self._base_line(subject, s.other, year, value),
            _("Kalau {each} mendapat {subject} sebanyak {other}: {n} × {value} = {total}").format(
                each=esc(each),
                subject=esc(subject),
                other=esc(self._place(s.other)),
                n=self._num(len(chosen)),
                value=self._num(value),
                total=bold(self._kk_of(value * len(chosen))) if not rest else self._kk_of(value * len(chosen)),
            ),
        ]
        if rest:
            lines.append(
                _("Ditambah yang lain tetap ({places}: {kept}): total {total}").format(
                    places=esc(self.some_names([k.name for k in rest])),
                    kept=self._num(kept),
                    total=bold(self._kk_of(after)),
                )
            )
        missing = [k.name for k in f.kabkota if now[k.code] is None]
        lines.append(
            _("Angka sebenarnya tahun {year}, gabungan {n} kab/kota: {total}.").format(
                year=year, n=self._num(len(now)), total=self.kk(before)
            )
        )
        if missing:
            lines.append(
                _("Tanpa angka {subject} dalam data ini (dihitung 0): {places}.").format(
                    subject=esc(subject), places=esc(self.some_names(missing))
                )
            )
        if s.whole and programs:
            lines.append(self._whole_after(year, before, after))
        return self._calculated(lines, year, programs)

    def _province_after(self, subject: str, whole: float, base: float, new: float) -> str:
        """ "Total UEP se-Kepulauan Riau: 465 − 10 + 50 = 505 KK": the province's figure with one part changed."""
        return _("Total {subject} {province}: {whole} − {base} + {new} = {after}").format(
            subject=esc(subject),
            province=esc(self._place(None)),
            whole=self._num(whole),
            base=self._num(base),
            new=self._num(new),
            after=bold(self._kk_of(whole - base + new)),
        )

    def _place_total_asked(self, u: Understanding, s: Scenario) -> bool:
        """ "total anambas jadi berapa": the total asked is the changed place's, named right after "total"."""
        if s.target is None or (s.other is not None and s.change != "equal") or s.target not in self.facts.regions:
            return False
        region = self.facts.regions[s.target]
        typed = {r.text.lower() for r in u.regions if r.code == s.target}
        own = {w for w in region.name.lower().split() if w not in ("kabupaten", "kota", "kepulauan")} | typed
        named_at = [i for i, w in enumerate(u.words) if w in own]
        # "total anambas jadi berapa", or the place named again before it: "…, bintan total jadi berapa"
        return any(
            w in _TOTAL_WORDS and i + 1 < len(u.words) and u.words[i + 1] in own for i, w in enumerate(u.words)
        ) or any(i + 1 < len(u.words) and u.words[i + 1] in _TOTAL_WORDS for i in named_at[1:])

    def _province_total_asked(self, u: Understanding) -> bool:
        """ "total kepri jd brp": a total asked of the province named right after "total" (its name or alias)."""
        names = self.understander.names_province
        return u.named_province and any(
            w in _TOTAL_WORDS and any(names(u.words[i + 1 : j]) for j in range(i + 2, min(len(u.words), i + 3) + 1))
            for i, w in enumerate(u.words)
        )

    def _place_total_after(self, s: Scenario, year: int, programs: list[str]) -> str:
        f = self.facts
        assert s.target is not None
        mine = f.region_total(year, s.target) or 0
        base = self._figure(year, s.target, programs) or 0
        factor = 1 + s.amount / 100 if s.change == "percent" else s.amount
        other = self._figure(year, s.other, programs) or 0 if s.other else 0
        new = {
            "add": base + s.amount,
            "set": s.amount,
            "percent": base * factor,
            "factor": base * s.amount,
            "equal": float(other),
        }[s.change or "add"]
        return _("Total semua program {place}: {old} − {base} + {new} = {total}").format(
            place=esc(self._place(s.target)),
            old=self._num(mine),
            base=self._num(base),
            new=self._num(new),
            total=bold(self._kk_of(mine - base + new)),
        )

    def _totals_after(self, s: Scenario, year: int, programs: list[str]) -> str:
        """The kab/kota totals (every program) after the change, side by side."""
        f = self.facts
        assert s.target is not None and s.other is not None
        mine, theirs = f.region_total(year, s.target), f.region_total(year, s.other)
        base = self._figure(year, s.target, programs) or 0
        if mine is None or theirs is None:
            return ""
        new = mine - base + (s.amount if s.change == "set" else base + s.amount)
        yes = new > theirs if s.ask == "above" else new < theirs
        return _("Total semua program: {place} {old} → {new}; {other} {theirs}. {answer}").format(
            place=esc(self._place(s.target)),
            old=self._num(mine),
            new=bold(self._kk_of(new)),
            other=esc(self._place(s.other)),
            theirs=self._kk_of(theirs),
            answer=bold(_("Ya.") if yes else _("Tidak.")),
        )

    def _no_figure(self, subject: str, code: str | None, year: int, programs: list[str] | None) -> Reply:
        text = _("Tidak bisa dihitung: tidak ada angka {subject} untuk {place}, tahun {year}.").format(
            subject=esc(subject), place=esc(self._place(code)), year=year
        )
        return Reply(text + "\n" + self.source_line(year, programs), intent=Intent.SCENARIO)

    def _money(self, s: Scenario, year: int, programs: list[str] | None, subject: str) -> Reply:
        base = self._figure(year, s.target, programs)
        if base is None or s.money is None:
            return self._no_figure(subject, s.target, year, programs)
        total = base * s.money
        lines = [
            "🧮 " + _("Hitungan pengandaian dari angka tahun {year}:").format(year=year),
            self._base_line(subject, s.target, year, base),
            _("{n} KK × {amount} = {total} (≈ {words} rupiah)").format(
                n=self._num(base),
                amount=esc(self.rupiah(s.money)),
                total=bold(self.rupiah(total)),
                words=esc(self._rupiah_words(total)),
            ),
            _(
                "Data ini tidak memuat nilai rupiah bantuan; angka di atas hanya jumlah KK dikali nilai per KK yang "
                "Anda sebut."
            ),
        ]
        return self._calculated(lines, year, programs)

    def _typed(self, s: Scenario, year: int, programs: list[str] | None, subject: str) -> Reply:
        base = self._figure(year, s.target, programs)
        if base is None or s.typed is None:
            return self._no_figure(subject, s.target, year, programs)
        typed, diff = s.typed, s.typed - base
        lines = [self._base_line(subject, s.target, year, base)]
        if s.ask == "above" or s.ask == "below":
            above = base > typed
            yes = above if s.ask == "above" else base < typed
            head = _("Ya.") if yes else _("Tidak.")
            if above:
                detail = _("{base} KK, {diff} KK di atas {typed}.")
            elif base < typed:
                detail = _("{base} KK, {diff} KK di bawah {typed}.")
            else:
                detail = _("{base} KK, tepat sama dengan {typed}.")
            lines.insert(
                0,
                bold(head)
                + " "
                + detail.format(base=self._num(base), diff=self._num(abs(diff)), typed=self._num(typed)),
            )
        elif diff > 0:
            lines.append(
                _("{typed} − {base} = {diff}: kurang {diff} dari {typed}.").format(
                    typed=self._num(typed), base=self._num(base), diff=bold(self._kk_of(diff))
                )
            )
        elif diff < 0:
            lines.append(
                _("{base} − {typed} = {diff}: sudah lebih {diff} dari {typed}.").format(
                    typed=self._num(typed), base=self._num(base), diff=bold(self._kk_of(-diff))
                )
            )
        else:
            lines.append(_("Tepat sama dengan {typed}: selisihnya 0.").format(typed=self._num(typed)))
        return self._calculated(lines, year, programs)

    def _changed(
        self, s: Scenario, year: int, programs: list[str] | None, subject: str, *, place_total: bool = False
    ) -> Reply:
        """One change to one figure. ``place_total``: the changed place's total of every program is asked (added by
        the caller), so neither the change of a figure set or made equal nor the province's figure is added."""
        base = self._figure(year, s.target, programs)
        place = self._place(s.target)
        lines = ["🧮 " + _("Hitungan pengandaian dari angka tahun {year}:").format(year=year)]
        lines.append(self._base_line(subject, s.target, year, base))
        if s.was is not None and base is not None and s.was != base:  # "misal BSKK Karimun 1000 bukan 600"
            lines.append(
                "ℹ️ "
                + _("Angka dalam data {base}, bukan {was}; hitungan di bawah memakai angka data.").format(
                    base=self.kk(base), was=self._num(s.was)
                )
            )
        if s.change in ("percent", "factor") and base is None:
            return self._no_figure(subject, s.target, year, programs)
        start = base or 0
        if base is None and s.target is not None:
            lines.append(
                _("{place} tidak punya angka {subject} dalam data ini; dihitung sebagai 0.").format(
                    place=esc(place), subject=esc(subject)
                )
            )
        if s.change == "percent":
            factor = 1 + s.amount / 100
            new = start * factor
            sign = _("naik") if s.amount > 0 else _("turun")
            step = _("Kalau {sign} {pct}: {base} × {factor} = {new}").format(
                sign=sign,
                pct=format_percent(abs(s.amount) / 100, format="#,##0.##%", locale=current_language()),
                base=self._num(start),
                factor=self._num(factor),
                new=bold(self._kk_of(new)),
            )
        elif s.change == "factor":
            new = start * s.amount
            step = _("Kalau dikali {factor}: {base} × {factor} = {new}").format(
                factor=self._num(s.amount), base=self._num(start), new=bold(self._kk_of(new))
            )
        elif s.change == "add":
            new = start + s.amount
            step = (
                _("Kalau ditambah {n}: {base} + {n} = {new}")
                if s.amount >= 0
                else _("Kalau dikurangi {n}: {base} − {n} = {new}")
            ).format(n=self._num(abs(s.amount)), base=self._num(start), new=bold(self._kk_of(new)))
        elif s.change == "set":
            new = s.amount
            step = (
                _("Kalau {place} mendapat {new}: {base} → {new}") if s.target else _("Kalau jadi {new}: {base} → {new}")
            ).format(place=esc(place), base=self._num(start), new=bold(self._kk_of(new)))
        else:  # equal
            other = self._figure(year, s.other, programs)
            if other is None:
                return self._no_figure(subject, s.other, year, programs)
            new = float(other)
            lines.append(self._base_line(subject, s.other, year, other))
            if s.ask == "gap":
                gap = other - start
                step = _("Supaya {place} sama dengan {other}: {high} − {low} = {gap}").format(
                    place=esc(place),
                    other=esc(self._place(s.other)),
                    high=self._num(other),
                    low=self._num(start),
                    gap=bold(self._kk_of(gap)),
                )
                if gap < 0:
                    step += " " + _("({place} sudah lebih banyak.)").format(place=esc(place))
                lines.append(step)
                return self._calculated(lines, year, programs)
            step = _("Kalau {place} sama dengan {other}: {base} → {new}").format(
                place=esc(place), other=esc(self._place(s.other)), base=self._num(start), new=bold(self._kk_of(new))
            )
        lines.append(step)
        if s.ask in ("above", "below") and s.typed is not None:
            yes = new > s.typed if s.ask == "above" else new < s.typed
            detail = (
                _("{value}, {diff} di atas {typed}.")
                if new > s.typed
                else _("{value}, {diff} di bawah {typed}.")
                if new < s.typed
                else _("{value}, tepat sama dengan {typed}.")
            ).format(value=self._num(new) + " KK", diff=self._num(abs(new - s.typed)) + " KK", typed=self._num(s.typed))
            lines.insert(1, bold(_("Ya.") if yes else _("Tidak.")) + " " + detail)
        elif s.ask in ("above", "below") and s.other is not None and s.change != "equal":
            other_value = self._figure(year, s.other, programs)
            if other_value is None:
                return self._no_figure(subject, s.other, year, programs)
            lines.append(self._base_line(subject, s.other, year, other_value))
            yes = new > other_value if s.ask == "above" else new < other_value
            relation = (
                _("{place} ({value}) lebih banyak dari {other} ({other_value}).")
                if new > other_value
                else _("{place} ({value}) lebih sedikit dari {other} ({other_value}).")
                if new < other_value
                else _("{place} ({value}) sama dengan {other} ({other_value}).")
            ).format(
                place=esc(f"{subject} {place}" if programs else place),  # "PMKS Kabupaten Karimun (8.045 KK)"
                value=self._num(new) + " KK",
                other=esc(f"{subject} {self._place(s.other)}" if programs else self._place(s.other)),
                other_value=self._num(other_value) + " KK",
            )
            lines.insert(1, bold(_("Ya.") if yes else _("Tidak.")) + " " + relation)
        elif s.ask == "percent" and start:
            change = (new - start) / start
            lines.append(
                (_("Itu naik {pct} dari {base}.") if change >= 0 else _("Itu turun {pct} dari {base}.")).format(
                    pct=bold(format_percent(abs(change), format="#,##0.#%", locale=current_language())),
                    base=self._num(start),
                )
            )
        elif s.ask in ("least", "most") and s.target is not None:
            lines += self._rank_after(s, year, programs, new)
        elif s.ask == "value" and s.change in ("equal", "set") and not place_total:
            # "kalau bskk karimun disamain kayak lingga, naik brp kk": the figure is replaced, so the change itself
            # (580 → 2.800 is 2.220 more) is stated, and the province's figure with it (11.638 − 580 + 2.800)
            diff = new - start
            lines.append(
                (
                    _("Itu naik {diff}.")
                    if diff > 0
                    else _("Itu turun {diff}.")
                    if diff < 0
                    else _("Angkanya tidak berubah.")
                ).format(diff=bold(self._kk_of(abs(diff))))
            )
            whole = self._figure(year, None, programs) if s.target is not None else None
            if whole is not None and diff:
                lines.append(self._province_after(subject, whole, start, new))
        elif s.ask == "total" and s.target is None and programs:
            # "seandainya PMKS berkurang 5.000, total jadi berapa": every program added up, with the one changed
            if self._figure(year, None, None) is not None:
                lines.append(self._whole_after(year, start, new))
        elif s.ask == "total" and s.target is not None and s.whole and programs:
            lines.append(self._whole_after(year, start, new))  # "total keseluruhan": every program added up
        elif s.ask in ("total", "share") and s.target is not None:
            whole = self._figure(year, None, programs)
            if whole is not None:
                after = whole - start + new
                lines.append(self._province_after(subject, whole, start, new))
                if s.ask == "share" and after:
                    lines.append(
                        _("Porsi {place}: {new} ÷ {after} = {pct}").format(
                            place=esc(place),
                            new=self._num(new),
                            after=self._num(after),
                            pct=bold(format_percent(new / after, format="#,##0.#%", locale=current_language())),
                        )
                    )
        return self._calculated(lines, year, programs)

    @staticmethod
    def _after(s: Scenario, start: float) -> float:
        """The figure after the change."""
        if s.change == "percent":
            return start * (1 + s.amount / 100)
        if s.change == "factor":
            return start * s.amount
        if s.change == "add":
            return start + s.amount
        return s.amount

    def _whole_after(self, year: int, before: float, after: float) -> str:
        """Every program added up in the province, with the figures changed from ``before`` to ``after``."""
        whole = self._figure(year, None, None) or 0
        return _("Total {subject} {province}: {whole} − {base} + {new} = {after}").format(
            subject=esc(_("semua program")),
            province=esc(self._place(None)),
            whole=self._num(whole),
            base=self._num(before),
            new=self._num(after),
            after=bold(self._kk_of(whole - before + after)),
        )

    def _changed_each(
        self, s: Scenario, year: int, programs: list[str] | None, subject: str, left_out: list[str] | None = None
    ) -> Reply:
        """ "andai BSKK Natuna dan Anambas masing-masing dapat 500, total BSKK jadi brp": the one change applied to
        each place named, each shown, then the total asked (or the places together). ``left_out``: the kab/kota
        without a figure, left unchanged because only those with one were said ("tiap daerah yg tercatat"); a number
        of KK added to each is then the province's figure plus that many times the number."""
        places = [self._place(code) for code in s.targets]
        bases = {code: self._figure(year, code, programs) for code in s.targets}
        if s.change in ("percent", "factor") and all(base is None for base in bases.values()):
            # a percentage of nothing is no figure; a place without one among others stays 0 ("UEP tiap daerah x2")
            return self._no_figure(subject, s.targets[0], year, programs)
        amount = self._num(abs(s.amount))
        if s.change == "percent":
            pct = format_percent(abs(s.amount) / 100, format="#,##0.##%", locale=current_language())
            how = (_("masing-masing naik {pct}") if s.amount > 0 else _("masing-masing turun {pct}")).format(pct=pct)
        elif s.change == "factor":
            how = _("masing-masing dikali {factor}").format(factor=amount)
        elif s.change == "add":
            how = (_("masing-masing ditambah {n} KK") if s.amount >= 0 else _("masing-masing dikurangi {n} KK")).format(
                n=amount
            )
        else:
            how = _("masing-masing mendapat {n} KK").format(n=amount)
        together = _("{names} dan {last}").format(names=", ".join(places[:-1]), last=places[-1])
        lines = [
            "🧮 " + _("Hitungan pengandaian dari angka tahun {year}:").format(year=year),
            _("Kalau {subject} di {places} {how}:").format(subject=esc(subject), places=esc(together), how=esc(how)),
        ]
        before = after = 0.0
        for code, place in zip(s.targets, places, strict=True):
            base = bases[code]
            new = self._after(s, base or 0)
            before, after = before + (base or 0), after + new
            if base is None:
                lines.append(
                    "• "
                    + _("{place}: tidak ada angka {subject} dalam data ini (dihitung 0) → {new}").format(
                        place=esc(place), subject=esc(subject), new=self._kk_of(new)
                    )
                )
            else:
                lines.append(
                    "• "
                    + _("{place}: {base} → {new}").format(place=esc(place), base=self._num(base), new=self._kk_of(new))
                )
        if left_out:
            lines.append(
                _("Tidak diubah, karena tidak punya angka {subject} dalam data ini: {places}.").format(
                    subject=esc(subject), places=esc(self._and_list([self._place(c) for c in left_out]))
                )
            )
        if s.ask == "total" and (s.whole or not programs):
            lines.append(self._whole_after(year, before, after))
        elif s.ask == "total" and left_out and s.change == "add":
            whole = self._figure(year, None, programs) or 0
            lines.append(
                (
                    _("Total {subject} {province}: {whole} + {count} × {n} = {after}")
                    if s.amount >= 0
                    else _("Total {subject} {province}: {whole} − {count} × {n} = {after}")
                ).format(
                    subject=esc(subject),
                    province=esc(self._place(None)),
                    whole=self._num(whole),
                    count=len(s.targets),
                    n=self._num(abs(s.amount)),
                    after=bold(self._kk_of(whole + len(s.targets) * s.amount)),
                )
            )
        elif s.ask == "total":
            whole = self._figure(year, None, programs) or 0
            lines.append(self._province_after(subject, whole, before, after))
        else:
            lines.append(
                _("Gabungan {places}: {base} → {new}").format(
                    places=esc(together), base=self._num(before), new=bold(self._kk_of(after))
                )
            )
        return self._calculated(lines, year, programs)

    def _rank_after(self, s: Scenario, year: int, programs: list[str] | None, new: float) -> list[str]:
        """The kab/kota ranked again with the changed figure, and whether the one changed is (still) at the end
        asked ("masih terendah?")."""
        f = self.facts
        rows: list[tuple[str, float]] = [(k.code, float(v)) for k, v in self.ranked(year, programs)]
        rows = [(c, new if c == s.target else v) for c, v in rows]
        if s.target not in {c for c, _v in rows}:
            rows.append((s.target or "", new))
        least = s.ask == "least"
        rows.sort(key=lambda cv: (cv[1], cv[0]) if least else (-cv[1], cv[0]))
        end_code, end_value = rows[0]
        asked = s.other or s.target  # "kalau Batam dapat setengah, Bintan jadi terbanyak?": Bintan is asked about
        name = f.regions[asked].name if asked in f.regions else ""
        new = dict(rows).get(asked or "", new)
        if end_code == asked:
            verdict = (
                _("Ya: dengan {value}, {place} yang paling sedikit.")
                if least
                else _("Ya: dengan {value}, {place} yang paling banyak.")
            ).format(place=esc(name), value=self._num(new) + " KK")
        else:
            verdict = (
                _("Tidak: dengan {value}, {place} bukan yang paling sedikit; yang paling sedikit {end} ({end_value}).")
                if least
                else _(
                    "Tidak: dengan {value}, {place} bukan yang paling banyak; yang paling banyak {end} ({end_value})."
                )
            ).format(
                place=esc(name),
                value=self._num(new) + " KK",
                end=esc(f.regions[end_code].name if end_code in f.regions else end_code),
                end_value=self._num(end_value) + " KK",
            )
        lines = [bold(verdict), _("Urutan dengan angka pengandaian itu:")]
        lines += [
            f"{i}. {esc(f.regions[c].name if c in f.regions else c)}: {self._kk_of(v)}"
            + (" ← " + _("pengandaian") if c == s.target else "")
            for i, (c, v) in enumerate(rows, 1)
        ]
        return lines

    def scenario_declined(self, u: Understanding, s: Scenario | None) -> Reply:
        """A what-if the reader could not compute safely, said plainly (never another computation instead)."""
        if s is not None and s.declined == "personal":
            lines = [
                _(
                    "Tidak ada yang bisa menjamin Anda pasti mendapat bantuan: penerima ditetapkan lewat pendataan dan "
                    "verifikasi (DTKS) oleh Dinas Sosial dan Kemensos, bukan dari angka di sini."
                )
            ]
            general = self.general.get(current_language()) or self.general.get("id", {})
            apply = general.get("apply") if isinstance(general, dict) else None
            if apply:
                lines.append(bold(_("Cara mendaftar")) + "\n" + esc(apply))
            return Reply("\n".join(lines), intent=Intent.SCENARIO)
        why = (
            _("ada lebih dari satu perubahan yang tidak bisa saya gabungkan")
            if s is not None and s.declined == "two_changes"
            else _("saya tidak bisa membaca dengan pasti angka mana yang berubah dan seberapa besar")
        )
        text = _(
            "Maaf, pengandaian ini tidak bisa saya hitung dengan aman: {why}. Yang bisa saya hitung dari angka "
            "{year}: satu perubahan pada satu angka (naik/turun sekian persen, dikali sekian, ditambah sekian KK, "
            "atau disamakan dengan kab/kota lain), jumlah KK × nilai rupiah per KK, dan selisih dengan angka target "
            "yang Anda sebut."
        ).format(why=why, year=self._year(None))
        return Reply(text, intent=Intent.SCENARIO, understood=False)
