"""Composing a staff group's digest: the period, totals, tables per kab/kota and per program, what changed since
that group's previous digest, the top region, unanswered questions, and the source."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from bot.answering.reply import ChartRequest, Reply, bold, esc
from bot.digests.schedule import Schedule
from bot.digests.subscriptions import codes, schedule_of
from bot.figures.facts import Facts
from bot.figures.wording import Wording
from bot.text.i18n import _, current_language, fmt_date, fmt_int
from models.digest import Frequency, Subscription
from models.tables import AuditLog, CoverageKind, ImportBatch, UnansweredQuestion


@dataclass
class Digest:
    reply: Reply
    snapshot: dict
    chart: ChartRequest | None
    language: str = "id"


def snapshot_of(facts: Facts, regions: list[str], programs: list[str]) -> dict:
    """The figures a digest reports, keyed "year|program|region", so the next digest can say what changed: the
    snapshot's kab/kota-level figures only (a kab/kota's own figure, else the sum of its kecamatan and desa), never
    kecamatan or desa rows, so its size does not grow with them."""
    cells = {
        f"{y}|{p}|{r}": v
        for (y, p, r), v in facts.cells.items()
        if (not regions or r in regions) and (not programs or p in programs)
    }
    unallocated = {f"{y}|{p}": v for (y, p), v in facts.unallocated.items() if not programs or p in programs}
    return {"cells": cells, "unallocated": unallocated, "years": facts.years}


def changes_between(facts: Facts, before: dict, after: dict) -> list[tuple[str, str, str, int | None, int | None]]:
    """(year, program, region, old, new) for every figure that differs; region "" for province-level rows."""
    out = []
    old_cells, new_cells = before.get("cells", {}), after.get("cells", {})
    for key in sorted(set(old_cells) | set(new_cells)):
        if old_cells.get(key) != new_cells.get(key):
            y, p, r = key.split("|")
            out.append((y, p, r, old_cells.get(key), new_cells.get(key)))
    old_un, new_un = before.get("unallocated", {}), after.get("unallocated", {})
    for key in sorted(set(old_un) | set(new_un)):
        if old_un.get(key) != new_un.get(key):
            y, p = key.split("|")
            out.append((y, p, "", old_un.get(key), new_un.get(key)))
    return out


def _change_origin(engine: Engine, year: str, program: str, region: str, since: datetime | None) -> str:
    """ "dari berkas X, 1 Desember 2026" from the audit trail, when the change came through an import."""
    kind = CoverageKind.REGION if region else CoverageKind.UNALLOCATED
    with Session(engine) as session:
        query = (
            select(AuditLog, ImportBatch)
            .join(ImportBatch, col(AuditLog.batch_id) == col(ImportBatch.id))
            .where(AuditLog.year == int(year), AuditLog.program_code == program, AuditLog.kind == kind)
        )
        if region:
            query = query.where(AuditLog.region_code == region)
        if since is not None:
            query = query.where(AuditLog.at > since)
        found = session.exec(query.order_by(col(AuditLog.at).desc())).first()
    if found is None:
        return ""
    _log, batch = found
    return _("dari berkas {file}, {date} (impor #{n})").format(
        n=batch.id, file=esc(batch.filename), date=fmt_date(batch.imported_at)
    )


KABKOTA_SHOWN = 10
"""Kab/kota a digest of several provinces lists (the most recipients first; 514 nationally): one province lists all."""

UNANSWERED_SHOWN = 5
"""Unanswered questions a digest quotes (the most frequent since the group's previous digest)."""


def unanswered_since(
    engine: Engine, since: datetime, limit: int = UNANSWERED_SHOWN
) -> tuple[int, list[tuple[str, int]]]:
    """How many questions went unanswered since then, and the most frequent ones (an example text, how often)."""
    with Session(engine) as session:
        rows = session.exec(
            select(UnansweredQuestion)
            .where(UnansweredQuestion.asked_at >= since)
            .order_by(col(UnansweredQuestion.asked_at).desc())
        ).all()
    counts: dict[str, int] = {}
    example: dict[str, str] = {}
    for r in rows:
        counts[r.normalized] = counts.get(r.normalized, 0) + 1
        example.setdefault(r.normalized, r.text)
    top = sorted(counts, key=lambda k: (-counts[k], k))[:limit]
    return len(rows), [(example[k], counts[k]) for k in top]


def compose_digest(
    engine: Engine,
    words: Wording,
    sub: Subscription,
    fire: datetime,
    previous: dict,
    previous_sent_at: datetime | None,
    *,
    with_chart: bool,
) -> Digest:
    """The digest for one subscription at one fire time, in the current language."""
    f = words.facts
    schedule: Schedule = schedule_of(sub)
    regions = [r for r in codes(sub.regions) if r in f.regions]
    programs = [p for p in codes(sub.programs) if p in f.programs]
    year = f.current_year  # the latest complete year: a partial one is named below, never added up as the total
    start = schedule.fire_before(fire)
    kind = {Frequency.DAILY: _("harian"), Frequency.MONTHLY: _("bulanan")}.get(schedule.frequency, _("mingguan"))
    lines = [
        bold(_("Ringkasan {kind} Tanya Bansos — {province}").format(kind=kind, province=words.provinces_name())),
        _("Periode: {start} – {end}").format(
            start=fmt_date(start.astimezone(schedule.zone).date()), end=fmt_date(fire.astimezone(schedule.zone).date())
        ),
    ]
    snapshot = snapshot_of(f, regions, programs)
    if year is None:
        lines.append(_("Belum ada data penerima bantuan yang dimuat."))
        return Digest(Reply("\n".join(lines), intent="digest"), snapshot, None, current_language())
    if regions or programs:
        names = [f.regions[r].name for r in regions] + [words.pname(f.programs[p], short=True) for p in programs]
        lines.append(_("Filter: {names}").format(names=esc(", ".join(names))))
    total = f.province_total(year)
    if programs:
        parts = [f.program_total(year, p) for p in programs]
        total = sum(v for v in parts if v is not None)
    lines.append(
        _("Total penerima {province} tahun {year}: {total}").format(
            province=esc(words.provinces_name()), year=year, total=bold(words.kk(total))
        )
    )
    note = words.year_note(None, year)  # the digest's year is the province's: a partial newer year is named
    if note:
        lines.append(note)

    lines.append("")
    if f.several and not regions:  # several provinces: each one's total first
        lines.append(bold(_("Per provinsi")))
        provinces = [(prov, f.region_total(year, prov.code, programs or None)) for prov in f.provinces]
        for prov, v in sorted(provinces, key=lambda kv: -(kv[1] or -1)):
            lines.append(f"• {esc(prov.name)}: {words.kk(v)}")
        lines.append("")
    lines.append(bold(_("Per kab/kota")))
    ranked = [
        (k, f.region_total(year, k.code, programs or None)) for k in f.kabkota if not regions or k.code in regions
    ]
    ordered = sorted(ranked, key=lambda kv: -(kv[1] or -1))
    shown = ordered[:KABKOTA_SHOWN] if f.several and not regions else ordered
    for k, v in shown:
        lines.append(f"• {esc(k.name)}: {words.kk(v)}")
    if len(shown) < len(ordered):
        lines.append(_("… dan {n} kab/kota lainnya.").format(n=fmt_int(len(ordered) - len(shown))))
    note = words.unallocated_note(year) if not programs or any((year, p) in f.unallocated for p in programs) else ""
    if note:
        lines.append(note)
    lines.append("")
    lines.append(bold(_("Per program")))
    for p in f.program_list:
        if programs and p.code not in programs:
            continue
        value = (
            f.region_total(year, regions[0], [p.code])
            if len(regions) == 1
            else sum(v for v in (f.cell(year, p.code, r) for r in regions) if v is not None)
            if regions
            else f.program_total(year, p.code)
        )
        lines.append(f"• {esc(words.pname(p, short=True))}: {words.kk(value)}")

    lines.append("")
    lines.append(bold(_("Perubahan sejak ringkasan sebelumnya")))
    if not previous:
        lines.append(_("Ini ringkasan pertama untuk grup ini."))
    else:
        new_years = [y for y in snapshot["years"] if y not in previous.get("years", [])]
        for y in new_years:
            lines.append(_("• Data baru: tahun {year}.").format(year=y))
        changes = changes_between(f, previous, snapshot)
        for y, code, r, old, new in changes[:30]:
            pname = words.pname(f.programs[code], short=True) if code in f.programs else code
            where = f.regions[r].short if r in f.regions else _("tanpa rincian")
            diff = (new or 0) - (old or 0)
            sign = "+" if diff > 0 else "−"
            origin = _change_origin(engine, y, code, r, previous_sent_at)
            lines.append(
                _("• {region} {sign}{diff} KK ({program}, {year}){origin}").format(
                    region=esc(where),
                    sign=sign,
                    diff=fmt_int(abs(diff)),
                    program=esc(pname),
                    year=y,
                    origin=f" — {origin}" if origin else "",
                )
            )
        if len(changes) > 30:
            lines.append(_("… dan {n} perubahan lain.").format(n=len(changes) - 30))
        if not changes and not new_years:
            lines.append(_("Tidak ada perubahan."))

    top = [kv for kv in ranked if kv[1] is not None]
    if top:
        k, v = max(top, key=lambda kv: kv[1] or 0)
        lines.append("")
        lines.append(_("Terbanyak: {region} ({value}).").format(region=esc(k.name), value=words.kk(v)))
    since = previous_sent_at or start
    unanswered, top_questions = unanswered_since(engine, since if since.tzinfo else since.replace(tzinfo=UTC))
    lines.append(
        _("Pertanyaan yang belum bisa dijawab bot sejak ringkasan sebelumnya: {n}.").format(n=fmt_int(unanswered))
    )
    for text, times in top_questions:
        lines.append(_("• “{text}” ({n}×)").format(text=esc(text[:120]), n=fmt_int(times)))
    lines.append(words.source_line(year, programs or None))
    lines.append(words.date_line(year, programs or None))
    chart = ChartRequest(year, programs[0] if len(programs) == 1 else None) if with_chart else None
    return Digest(Reply("\n".join(lines), intent="digest"), snapshot, chart, current_language())
