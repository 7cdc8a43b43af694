"""Import previews and results as staff read them: each figure old → new, counts, warnings, the buttons."""

from __future__ import annotations

from pathlib import Path

from bot.answering.actions import Action, Kind
from bot.answering.reply import Choice, Reply, bold, esc
from bot.figures.facts import Facts
from bot.imports import (
    PREVIEW_PROBLEMS,
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
    region_name = facts.regions[region].name if region in facts.regions else region
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
    where = bold(Path(plan.filename).name)
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
    if plan.warnings:
        lines += ["⚠️ " + esc(line) for line in describe_problems(plan, PREVIEW_PROBLEMS)]
    counts = {"added": added, "changed": changed, "unchanged": unchanged}
    if added + changed == 0:
        lines.append(_("✅ Tidak ada perubahan: {n} angka sama dengan yang tersimpan.").format(n=fmt_int(unchanged)))
        return Reply("\n".join(lines), intent="import_unchanged", details=counts)
    lines.append(
        _("Pratinjau: {added} baru, {changed} berubah, {unchanged} tetap.").format(
            added=bold(fmt_int(added)), changed=bold(fmt_int(changed)), unchanged=fmt_int(unchanged)
        )
    )
    shown = [c for c in plan.changes if c.status != "unchanged"]
    for c in shown[:PREVIEW_CHANGES]:
        r = c.row
        label = figure_label(facts, r.year, r.program_code, r.region_code, r.kind)
        lines.append(f"• {esc(label)}: {value_text(c.old)} → {bold(fmt_int(r.households))}")
    if len(shown) > PREVIEW_CHANGES:
        lines.append(_("… dan {n} perubahan lain.").format(n=fmt_int(len(shown) - PREVIEW_CHANGES)))
    if token is None:
        return Reply("\n".join(lines), intent="import_preview", details=counts)
    lines.append(_("Tekan <b>Terapkan</b> untuk menyimpan, atau <b>Batal</b> untuk membuang berkas ini."))
    choices = [
        Choice(_("✅ Terapkan"), Action(Kind.IMPORT_APPLY, token=token).encode()),
        Choice(_("✖️ Batal"), Action(Kind.IMPORT_CANCEL, token=token).encode()),
    ]
    return Reply("\n".join(lines), choices=choices, intent="import_preview", details=counts)


def applied_reply(plan: ImportPlan, batch: ImportBatch | None) -> Reply:
    if batch is None:
        return Reply(_("Tidak ada perubahan: semua angka sama dengan yang tersimpan."), intent="import_unchanged")
    text = _(
        "✅ Diterapkan dari {file}: {added} baru, {changed} berubah, {unchanged} tetap. "
        "Jawaban bot sudah memakai angka baru."
    ).format(
        file=bold(Path(plan.filename).name),
        added=fmt_int(batch.added),
        changed=fmt_int(batch.changed),
        unchanged=fmt_int(batch.unchanged),
    )
    hint = _("Riwayat: /riwayat. Untuk mengembalikan angka lama, impor berkas dengan angka lama.")
    details = {"batch": batch.id, "file": Path(plan.filename).name}
    return Reply(text + "\n" + hint, intent="import_applied", details=details)
