"""Import previews and results as staff read them: each figure old → new, counts, warnings, the buttons."""

from __future__ import annotations

from bot.answering.actions import Action, Kind
from bot.answering.reply import Choice, Reply, bold, esc
from bot.figures.facts import Facts
from bot.figures.wording import Wording
from bot.imports import (
    PREVIEW_PROBLEMS,
    Change,
    ImportPlan,
    describe_problems,
)
from bot.text.i18n import _, fmt_int
from models.tables import ALL_PROGRAMS, CoverageKind, ImportBatch

APPLY = f"{Kind.IMPORT_APPLY}:"  # the callback-data prefix of "Terapkan" (grammar: bot/answering/actions.py)
CANCEL = f"{Kind.IMPORT_CANCEL}:"
PREVIEW_CHANGES = 40
"""Changed or added figures listed in a preview (the counts always cover all of them)."""


# ---- describing figures ---------------------------------------------------------------------------------------
def figure_label(facts: Facts, year: int, program: str, region: str, kind: str) -> str:
    """ "2023 · Kabupaten Lingga · Kesejahteraan Keluarga" (plain text; escape it for HTML)."""
    info = facts.regions.get(region)
    region_name = region if info is None else (f"{info.kind.title()} {info.name}" if info.level > 2 else info.name)
    if program == ALL_PROGRAMS:
        program_name = _("semua program")
    else:
        p = facts.programs.get(program)
        program_name = p.short if p else program
    label = f"{year} · {region_name} · {program_name}"
    if kind == CoverageKind.UNALLOCATED:
        label += " " + _("(tanpa rincian per kab/kota)")
    elif kind == CoverageKind.TOTAL:
        label += " " + _("(total menurut laporan)")
    return label


def value_text(value: int | None) -> str:
    return fmt_int(value) if value is not None else _("baru")


def preview_reply(plan: ImportPlan, facts: Facts, token: str | None = None, *, note: str = "") -> Reply:
    """The validation report and the changes an import would make; with ``token``, "Terapkan"/"Batal" buttons."""
    where = bold(plan.filename)
    if plan.sheet:
        where += " " + _("(lembar {sheet})").format(sheet=esc(plan.sheet))
    lines = [
        _("📄 {file}: {n} baris data dibaca.").format(file=where, n=fmt_int(plan.records)),
    ]
    if note:
        lines.insert(0, note)
    if not plan.ok:
        lines.append(
            _("❌ {n} galat di {rows} baris. Berkas tidak diterapkan; tidak ada angka yang berubah.").format(
                n=fmt_int(len(plan.errors)), rows=fmt_int(len(plan.error_rows) or 1)
            )
        )
        lines += [esc(line) for line in describe_problems(plan, PREVIEW_PROBLEMS)]
        lines.append(_("Perbaiki berkasnya lalu kirim lagi."))
        return Reply("\n".join(lines), intent="import_refused", details={"errors": len(plan.errors)})
    added, changed, unchanged = plan.count("added"), plan.count("changed"), plan.count("unchanged")
    removed = plan.count("removed")
    if plan.warnings:
        lines += ["⚠️ " + esc(line) for line in describe_problems(plan, PREVIEW_PROBLEMS)]
    lines += note_lines(plan)
    counts = {"added": added, "changed": changed, "unchanged": unchanged, "removed": removed}
    if plan.effective == 0:
        lines.append(_("✅ Tidak ada perubahan: {n} angka sama dengan yang tersimpan.").format(n=fmt_int(unchanged)))
        return Reply("\n".join(lines), intent="import_unchanged", details=counts)
    summary = _("Pratinjau: {added} baru, {changed} berubah, {unchanged} tetap.").format(
        added=bold(fmt_int(added)), changed=bold(fmt_int(changed)), unchanged=fmt_int(unchanged)
    )
    if removed:
        summary += " " + _("{removed} dihapus.").format(removed=bold(fmt_int(removed)))
    lines.append(summary)
    shown = [c for c in plan.changes if c.status in ("added", "changed", "removed")]
    lines += [change_line(facts, c) for c in shown[:PREVIEW_CHANGES]]
    if len(shown) > PREVIEW_CHANGES:
        lines.append(_("… dan {n} perubahan lain.").format(n=fmt_int(len(shown) - PREVIEW_CHANGES)))
    lines += year_effects(facts, facts.with_figures(kabkota_effects(facts, shown)))
    if token is None:
        return Reply("\n".join(lines), intent="import_preview", details=counts)
    lines.append(_("Tekan <b>Terapkan</b> untuk menyimpan, atau <b>Batal</b> untuk membuang berkas ini."))
    choices = [
        Choice(_("✅ Terapkan"), Action(Kind.IMPORT_APPLY, token=token).encode()),
        Choice(_("✖️ Batal"), Action(Kind.IMPORT_CANCEL, token=token).encode()),
    ]
    return Reply("\n".join(lines), choices=choices, intent="import_preview", details=counts)


def note_lines(plan: ImportPlan) -> list[str]:
    """What staff should know though nothing is wrong: KK of a region not broken down below it (HTML)."""
    notes = plan.notes
    lines = ["ℹ️ " + esc(p.message) for p in notes[:PREVIEW_PROBLEMS]]
    if len(notes) > PREVIEW_PROBLEMS:
        lines.append(_("… dan {n} catatan lain.").format(n=fmt_int(len(notes) - PREVIEW_PROBLEMS)))
    return lines


def kabkota_effects(facts: Facts, shown: list[Change]) -> dict[tuple[int, str, str, str], int | None]:
    """The changes as the snapshot's kab/kota-level figures see them: a kecamatan or desa figure gives its kab/kota
    a figure (summed in the store when applied; only which years and kab/kota have figures matters here)."""
    out: dict[tuple[int, str, str, str], int | None] = {}
    for c in shown:
        year, program, region, kind = c.row.key
        info = facts.regions.get(region)
        if info is None or info.level <= 2:
            out[c.row.key] = after_value(c)
            continue
        kab = facts.kabkota_of(region)
        if c.row.remove or kab is None:
            continue
        key = (year, program, kab.code, kind)
        if key not in out and (year, program, kab.code) not in facts.cells:
            out[key] = 0
    return out


def after_value(change: Change) -> int | None:
    return None if change.row.remove else change.row.households


def change_line(facts: Facts, c: Change) -> str:
    """ "• 2022 · Kabupaten Lingga · UEP: 20 → 22; catatan “a” → “b”" (HTML)."""
    r = c.row
    label = esc(figure_label(facts, r.year, r.program_code, r.region_code, r.kind))
    if c.status == "removed":
        return f"• {label}: {value_text(c.old)} → {bold(_('dihapus'))}"
    parts = []
    if c.status == "added" or "jumlah_kk" in c.fields:
        parts.append(f"{value_text(c.old)} → {bold(fmt_int(r.households))}")
    else:
        parts.append(fmt_int(r.households))
    if "catatan" in c.fields:
        parts.append(
            _("catatan “{old}” → “{new}”").format(old=esc(short_text(c.old_note)), new=esc(short_text(c.new_note)))
        )
    if "sumber" in c.fields:
        parts.append(_("sumber {old} → {new}").format(old=esc(c.old_source or "-"), new=esc(c.source_after or "-")))
    return f"• {label}: " + "; ".join(parts)


def short_text(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def year_effects(before: Facts, after: Facts) -> list[str]:
    """What plain questions will answer once the import is applied: the current year, and any partial year."""
    words = Wording(after)
    lines = []
    old, new = before.current_year, after.current_year
    if new != old and new is not None:
        lines.append(
            _(
                "📅 Setelah diterapkan, pertanyaan biasa dan ringkasan provinsi memakai angka tahun {new} (kini {old})."
            ).format(new=new, old=old if old is not None else "-")
        )
        gap = after.gap(new)
        if gap.programs:
            lines.append(
                _(
                    "Program tanpa angka {year}: {programs}; pertanyaan tentang program itu tetap dijawab dengan angka "
                    "{ref}."
                ).format(
                    year=new,
                    programs=esc(", ".join(words.pname(after.programs[p], short=True) for p in gap.programs)),
                    ref=gap.reference,
                )
            )
    current = new if new is not None else 0
    total = len(after.kabkota)
    for year in after.years:
        if year <= current:
            continue
        have = after.regions_with(year)
        if have == before.regions_with(year) and year in before.years:
            continue
        others = [k.code for k in after.kabkota if k.code not in have]
        lines.append(
            _(
                "📅 Tahun {year} akan memuat angka {n} dari {total} kab/kota ({names}). Pertanyaan biasa tentang "
                "{m} kab/kota lainnya ({others}) tetap dijawab dengan angka {current}; ringkasan provinsi tetap "
                "tahun {current} sampai semua kab/kota punya angka {year}."
            ).format(
                year=year,
                n=len(have),
                total=total,
                names=esc(words.kab_names(sorted(have))),
                m=len(others),
                others=esc(words.kab_names(others)),
                current=current,
            )
        )
    for year in before.years:
        if year not in after.years:
            lines.append(_("📅 Tahun {year} tidak lagi punya angka sama sekali.").format(year=year))
    if old is not None and new is not None and new < old:
        lines.append(_("⚠️ Tahun {old} tidak lagi lengkap setelah ini.").format(old=old))
    return lines


def applied_reply(plan: ImportPlan, batch: ImportBatch | None) -> Reply:
    if batch is None:
        return Reply(_("Tidak ada perubahan: semua angka sama dengan yang tersimpan."), intent="import_unchanged")
    text = _(
        "✅ Diterapkan sebagai impor #{n} dari {file}: {added} baru, {changed} berubah, {unchanged} tetap. "
        "Jawaban bot sudah memakai angka baru."
    ).format(
        n=batch.id,
        file=bold(plan.filename),
        added=fmt_int(batch.added),
        changed=fmt_int(batch.changed),
        unchanged=fmt_int(batch.unchanged),
    )
    if batch.removed:
        text += " " + _("{removed} dihapus.").format(removed=fmt_int(batch.removed))
    hint = _("Riwayat: /riwayat. Untuk membatalkan seluruh impor ini: /urungkan {n}.").format(n=batch.id)
    details = {"batch": batch.id, "file": plan.filename}
    return Reply(text + "\n" + hint, intent="import_applied", details=details)
