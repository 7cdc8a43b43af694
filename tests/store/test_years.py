"""Figures over the years as staff and citizens meet them: a partial new year, what the preview promises, undoing a
whole import, removing figures through the file, notes and sources that change alone, mixed encodings, the data's
own dates and sources, and the staff desk checking roles itself.

Every test gets its own copy of a seeded SQLite store (2022 figures); the all-or-nothing undo tests run on
PostgreSQL too.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlmodel import Session, select

from bot import staff as staffops
from bot.answering.prefs import record_unanswered
from bot.digests.dispatcher import preview as digest_preview
from bot.imports import apply_plan, describe_problems, plan_import
from bot.imports.undo import UndoRefused, apply_undo, plan_undo
from bot.services import Service
from bot.staff import roles
from bot.staff.desk import StaffDesk
from models.staff import PendingImport
from models.tables import AuditLog, Coverage, ImportBatch, Source
from tests.conftest import run_cli_in_process
from tests.store import test_import as base
from tests.store.test_import import ADMIN, BATAM, LINGGA, _cli_env, ask, figure, snapshot

# The stores of test_import: a seeded template, a copy per test, and the same on PostgreSQL.
template = base.template
service = base.service
any_service = base.any_service

HEADER = "tahun,wilayah,program,jumlah_kk"
PARTIAL_2023 = "\n".join(
    [
        HEADER,
        "2023,Batam,PMKS,23000",
        "2023,Batam,BSKK,1300",
        "2023,Batam,UEP,10",
        "2023,Bintan,PMKS,5000",
        "2023,Tanjungpinang,PMKS,2000",
    ]
).encode()


def apply_file(service: Service, data: bytes, name: str = "f.csv", actor: str = "cli:test", **kwargs: object):
    plan = plan_import(service.engine, data, name, service.row_parser())
    assert plan.ok, describe_problems(plan)
    batch = apply_plan(service.engine, plan, actor, **kwargs)  # type: ignore[arg-type]
    service.invalidate()
    return batch


def coverage_rows(service: Service) -> set[tuple]:
    with Session(service.engine) as session:
        return {
            (c.year, c.program_code, c.region_code, c.kind, c.households, c.note, c.source_id)
            for c in session.exec(select(Coverage))
        }


# ---- the current figures --------------------------------------------------------------------------------------
def test_a_region_without_figures_in_a_partial_new_year_is_answered_with_its_latest_year_and_says_so(
    service: Service,
) -> None:
    apply_file(service, PARTIAL_2023)

    lingga = ask(service, "berapa KK di Lingga?")
    assert "tahun 2022: 7.408 KK" in lingga and "Belum ada angka tahun 2023 untuk Kabupaten Lingga" in lingga, lingga
    batam = ask(service, "berapa KK di Batam?")
    assert "tahun 2023: 24.310 KK" in batam and "belum lengkap" not in batam, batam
    bintan = ask(service, "berapa KK di Bintan?")
    assert "tahun 2023: 5.000 KK" in bintan and "belum ada angka untuk Kesejahteraan Keluarga, UEP" in bintan, bintan


def test_the_province_total_is_never_a_partial_year_and_a_partial_year_names_what_is_missing(service: Service) -> None:
    apply_file(service, PARTIAL_2023)

    total = ask(service, "total penerima")
    assert "tahun 2022: 58.849 KK" in total, total
    assert "Angka tahun 2023 untuk Kepulauan Riau baru ada di 3 dari 7 kab/kota" in total
    partial = ask(service, "berapa KK tahun 2023")
    assert "Data tahun 2023 belum lengkap: belum ada angka untuk Karimun, Natuna, Lingga" in partial, partial
    pmks = ask(service, "PMKS")  # a program: its latest year with every kab/kota it had
    assert "tahun 2022: 46.686 KK" in pmks and "baru ada di 3 dari 7 kab/kota" in pmks, pmks
    uep_batam = ask(service, "UEP di Batam")  # a share of a partial year's total would mislead
    assert "tahun 2023: 10 KK" in uep_batam and "%" not in uep_batam, uep_batam
    ranking = ask(service, "daerah mana terbanyak?")
    assert "tahun 2022" in ranking and "Kota Batam dengan 23.945 KK" in ranking, ranking


def test_the_digest_and_ringkasan_show_the_latest_complete_year_not_a_partial_one(service: Service) -> None:
    apply_file(service, PARTIAL_2023)

    text = digest_preview(service, service.settings, None).reply.plain()
    assert "Total penerima Kepulauan Riau tahun 2022: 58.849 KK" in text, text
    assert "tidak ada data" not in text
    assert "baru ada di 3 dari 7 kab/kota (Bintan, Batam, Tanjung Pinang)" in text
    assert "tahun 2022" in service.answerer().province_summary(None).plain()


def test_the_summary_button_and_the_default_chart_use_the_latest_complete_year(service: Service) -> None:
    from bot.answering.runtime import Runtime

    apply_file(service, PARTIAL_2023)
    assert "tahun 2022: 58.849 KK" in service.answerer().answer_action("s").plain()
    reply = Runtime(service.settings, service).chart_for("")
    assert reply.chart is not None and reply.chart.year == 2022, reply.plain()


def test_the_preview_says_what_plain_questions_will_answer_before_terapkan(service: Service) -> None:
    desk = StaffDesk(service)
    partial = staffops.preview_reply(desk.plan(PARTIAL_2023, "sebagian.csv"), service.facts, "t").plain()
    assert "Tahun 2023 akan memuat angka 3 dari 7 kab/kota (Bintan, Batam, Tanjung Pinang)" in partial, partial
    assert "4 kab/kota lainnya (Karimun, Natuna, Lingga, Kepulauan Anambas) tetap dijawab dengan angka 2022" in partial
    assert "ringkasan provinsi tetap tahun 2022" in partial

    rows = [HEADER] + [f"2023,{c},PMKS,{100 + i}" for i, c in enumerate(["21.01", "21.02", "21.03", "21.04", "21.05"])]
    rows += ["2023,21.71,PMKS,9", "2023,21.72,PMKS,8"]
    full = staffops.preview_reply(desk.plan("\n".join(rows).encode(), "penuh.csv"), service.facts, "t").plain()
    assert "memakai angka tahun 2023 (kini 2022)" in full, full
    assert "Program tanpa angka 2023: Kesejahteraan Keluarga, UEP, KUBE" in full


# ---- notes, sources, encodings ----------------------------------------------------------------------------------
def test_an_import_that_changes_only_the_note_or_the_source_is_previewed_stored_and_audited(service: Service) -> None:
    data = (
        b"tahun,wilayah,program,jumlah_kk,catatan,sumber\n"
        b"2022,Lingga,UEP,20,angka dikoreksi,\n"
        b"2022,Batam,UEP,192,,Laporan Dinsos 2023\n"
    )
    plan = StaffDesk(service).plan(data, "catatan.csv")
    assert (plan.count("changed"), plan.count("unchanged")) == (2, 0), [c.fields for c in plan.changes]
    preview = staffops.preview_reply(plan, service.facts, "t").plain()
    assert "catatan “” → “angka dikoreksi”" in preview and "sumber harian-kepri-2022 → sumber-" in preview, preview

    apply_file(service, data)

    with Session(service.engine) as session:
        lingga = session.exec(select(Coverage).where(Coverage.region_code == LINGGA, Coverage.program_code == "UEP"))
        assert lingga.one().note == "angka dikoreksi"
        audit = session.exec(select(AuditLog).where(AuditLog.program_code == "UEP")).all()
        assert {
            (a.region_code, a.old_note, a.new_note) for a in audit if a.batch_id != 1 and a.region_code == LINGGA
        } == {(LINGGA, "", "angka dikoreksi")}
        assert next(a.new_source for a in audit if a.batch_id != 1 and a.region_code == BATAM).startswith("sumber-")
    batam = ask(service, "UEP di Batam")
    assert "Laporan Dinsos 2023, diperbarui" in batam, batam
    # The same file again changes nothing; a file without the catatan column keeps the notes.
    assert StaffDesk(service).plan(data, "lagi.csv").effective == 0
    keep = StaffDesk(service).plan(b"tahun,wilayah,program,jumlah_kk\n2022,Lingga,UEP,20\n", "k.csv")
    assert keep.effective == 0


def test_a_file_mixing_utf8_and_windows_1252_is_stored_without_mojibake(service: Service) -> None:
    data = (
        b"tahun;wilayah;program;jumlah_kk;catatan\r\n"
        + "2022;Lingga;UEP;21;café dari UTF-8\r\n".encode()
        + "2022;Batam;UEP;193;café dari Windows-1252\r\n".encode("cp1252")
    )
    apply_file(service, data)
    with Session(service.engine) as session:
        rows = session.exec(select(Coverage).where(Coverage.program_code == "UEP")).all()
        notes = {c.note for c in rows if c.region_code in (LINGGA, BATAM)}
    assert notes == {"café dari UTF-8", "café dari Windows-1252"}


# ---- removing through the file ----------------------------------------------------------------------------------
def test_hapus_removes_a_figure_and_a_star_row_removes_a_whole_year_previewed_audited_and_undoable(
    service: Service,
) -> None:
    apply_file(service, PARTIAL_2023, "2023.csv")
    before = coverage_rows(service)
    data = b"tahun,wilayah,program,jumlah_kk\n2022,Lingga,UEP,hapus\n2023,*,*,hapus\n"
    plan = StaffDesk(service).plan(data, "hapus.csv")
    assert plan.count("removed") == 6, describe_problems(plan)
    preview = staffops.preview_reply(plan, service.facts, "t").plain()
    assert "6 dihapus" in preview and "2022 · Kabupaten Lingga · UEP: 20 → dihapus" in preview, preview
    assert "memakai" not in preview  # 2022 stays the current year
    assert "Tahun 2023 tidak lagi punya angka sama sekali" in preview

    batch = apply_file(service, data, "hapus.csv")

    assert batch is not None and batch.removed == 6
    assert figure(service, 2022, "UEP", LINGGA) is None and figure(service, 2023, "PMKS", BATAM) is None
    assert service.facts.years == [2022]
    assert "dihapus" in StaffDesk(service).history(10, user_id=ADMIN).plain()
    apply_undo(service.engine, batch.id or 0, "cli:test")
    assert coverage_rows(service) == before
    absent = StaffDesk(service).plan(b"tahun,wilayah,program,jumlah_kk\n2021,Lingga,UEP,hapus\n", "x.csv")
    assert absent.effective == 0 and "tidak ada angka tersimpan" in describe_problems(absent)[0]


# ---- undo -------------------------------------------------------------------------------------------------------
def test_undo_puts_back_every_figure_of_one_import_and_can_itself_be_undone(any_service: Service) -> None:
    service = any_service
    before = coverage_rows(service)
    data = b"tahun,wilayah,program,jumlah_kk,catatan\n2022,Lingga,UEP,22,koreksi\n2023,Lingga,UEP,25,baru\n"
    batch = apply_file(service, data, "koreksi.csv")
    after = coverage_rows(service)

    plan = plan_undo(service.engine, batch.id)
    assert len(plan.steps) == 2
    undo = apply_undo(service.engine, batch.id, "cli:test")
    assert coverage_rows(service) == before
    with Session(service.engine) as session:
        assert session.get(ImportBatch, batch.id).undone_by_id == undo.id  # type: ignore[union-attr]
    with pytest.raises(UndoRefused, match="sudah dibatalkan"):
        plan_undo(service.engine, batch.id)

    apply_undo(service.engine, undo.id or 0, "cli:test")  # undoing the undo applies the import again
    assert coverage_rows(service) == after
    with Session(service.engine) as session:
        assert session.get(ImportBatch, batch.id).undone_by_id is None  # type: ignore[union-attr]


def test_undo_after_a_later_import_changed_the_same_figure_is_refused_with_the_reason(service: Service) -> None:
    first = apply_file(service, b"tahun,wilayah,program,jumlah_kk\n2022,Lingga,UEP,22\n", "a.csv")
    second = apply_file(service, b"tahun,wilayah,program,jumlah_kk\n2022,Lingga,UEP,23\n", "b.csv")
    before = snapshot(service.engine)

    with pytest.raises(UndoRefused, match=f"diubah lagi oleh impor sesudahnya: #{second.id} \\(b.csv"):
        apply_undo(service.engine, first.id, "cli:test")
    assert snapshot(service.engine) == before

    apply_undo(service.engine, second.id, "cli:test")  # newest first: then the older one can go
    apply_undo(service.engine, first.id, "cli:test")
    assert figure(service, 2022, "UEP", LINGGA) == 20


def test_an_undo_that_fails_halfway_leaves_the_store_exactly_as_it_was(any_service: Service) -> None:
    service = any_service
    rows = [HEADER] + [f"2023,{c},PMKS,{i + 1}" for i, c in enumerate(["21.01", "21.02", "21.04", "21.71"])]
    batch = apply_file(service, "\n".join(rows).encode())
    before = snapshot(service.engine)
    written: list[str] = []

    def crash(conn, cursor, statement: str, *args) -> None:  # after the audit rows and some figures are written
        if statement.lstrip().upper().startswith(("INSERT INTO AUDITLOG", "DELETE FROM COVERAGE", "UPDATE COVERAGE")):
            written.append(statement)
        if written and statement.lstrip().upper().startswith("INSERT INTO COVERAGE"):
            raise RuntimeError("power cut")

    event.listen(service.engine, "before_cursor_execute", crash)
    try:
        with pytest.raises(RuntimeError, match="power cut"):
            apply_undo(service.engine, batch.id, "cli:test")
    finally:
        event.remove(service.engine, "before_cursor_execute", crash)
    assert len(written) >= 2
    assert snapshot(service.engine) == before


def test_the_seed_cannot_be_undone_and_an_unknown_number_is_named(service: Service) -> None:
    with pytest.raises(UndoRefused, match="angka awal"):
        plan_undo(service.engine, 1)
    with pytest.raises(UndoRefused, match="Impor #99 tidak ada"):
        plan_undo(service.engine, 99)


def test_in_chat_the_importer_or_an_admin_undoes_with_a_preview_and_terapkan(service: Service) -> None:
    desk = StaffDesk(service)
    roles.add_staff(service.engine, 1001, added_by=ADMIN, name="Sari")
    roles.add_staff(service.engine, 1002, added_by=ADMIN, name="Budi")
    data = b"tahun,wilayah,program,jumlah_kk\n2022,Lingga,UEP,22\n"
    token = desk.receive_file(user_id=1001, chat_id=1001, actor="Sari (tg:1001)", filename="u.csv", data=data)
    applied = desk.confirm(token.choices[0].action.removeprefix(staffops.APPLY), 1001)
    number = applied.details["batch"]
    assert f"/urungkan {number}" in applied.plain()
    assert f"Impor #{number}: " in desk.history(5, user_id=1001).plain()

    other = desk.request_undo(user_id=1002, chat_id=1002, actor="Budi", number=number)
    assert other.intent == "refused" and "staf lain" in other.plain()
    citizen = desk.request_undo(user_id=5, chat_id=5, actor="x", number=number)
    assert citizen.intent == "refused"

    preview = desk.request_undo(user_id=1001, chat_id=1001, actor="Sari (tg:1001)", number=number)
    assert preview.intent == "undo_preview", preview.plain()
    assert "2022 · Kabupaten Lingga · UEP: 22 → 20" in preview.plain()
    assert [c.label for c in preview.choices] == ["✅ Terapkan", "✖️ Batal"]
    assert figure(service, 2022, "UEP", LINGGA) == 22  # nothing changes before Terapkan
    token = preview.choices[0].action.removeprefix(staffops.APPLY)
    done = desk.confirm(token, 1001)
    assert done.intent == "undo_applied" and figure(service, 2022, "UEP", LINGGA) == 20, done.plain()
    assert desk.confirm(token, 1001).intent == "import_stale"
    history = desk.history(5, user_id=1001).plain()
    assert f"(membatalkan impor #{number})" in history and f"(dibatalkan oleh #{done.details['batch']})" in history

    admin = desk.request_undo(user_id=ADMIN, chat_id=ADMIN, actor="Admin", number=None, last=True)
    assert admin.intent == "undo_refused" and "Belum ada impor" in admin.plain()  # the only one is undone
    cancel = desk.request_undo(user_id=ADMIN, chat_id=ADMIN, actor="Admin", number=done.details["batch"])
    token = cancel.choices[1].action.removeprefix(staffops.CANCEL)
    assert desk.cancel(token, ADMIN).intent == "import_cancelled"
    with Session(service.engine) as session:
        assert session.exec(select(PendingImport)).all() == []


def test_the_command_line_undoes_an_import_by_number_or_the_last_one(template: Path, tmp_path: Path) -> None:
    store = tmp_path / "store.sqlite3"
    shutil.copy(template, store)
    env = _cli_env(store)
    (tmp_path / "a.csv").write_bytes(b"tahun,wilayah,program,jumlah_kk\n2022,Lingga,UEP,22\n")
    (tmp_path / "b.csv").write_bytes(b"tahun,wilayah,program,jumlah_kk\n2022,Natuna,UEP,11\n")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return run_cli_in_process(args, env, tmp_path)

    assert run("import", "a.csv").returncode == 0 and run("import", "b.csv").returncode == 0
    dry = run("import", "undo", "--last", "--dry-run")
    assert dry.returncode == 0 and "Membatalkan impor #3" in dry.stdout and "tidak ada yang disimpan" in dry.stdout
    last = run("import", "undo", "--last")
    assert last.returncode == 0 and "Impor #3 dibatalkan" in last.stdout, last.stdout + last.stderr
    by_number = run("import", "undo", "2")
    assert by_number.returncode == 0 and "Impor #2 dibatalkan" in by_number.stdout
    again = run("import", "undo", "2")
    assert again.returncode == 1 and "sudah dibatalkan" in again.stdout
    assert run("import", "undo", "99999999999999999999").returncode == 2
    seed = run("import", "undo", "1")
    assert seed.returncode == 1 and "angka awal" in seed.stdout
    assert "(dibatalkan oleh #5)" in run("audit").stdout


# ---- dates and sources ------------------------------------------------------------------------------------------
def test_tentang_shows_the_data_year_and_its_own_date_never_the_seeding_time(service: Service) -> None:
    about = service.answerer().data_about().plain()
    assert "Angka terkini: tahun 2022." in about and "tanggal terbit tidak tercantum" in about, about
    assert "Terakhir diperbarui" not in about and date.today().strftime("%Y") + "." not in about.split("Tahun data")[0]

    with Session(service.engine) as session:
        source = session.exec(select(Source).where(Source.key == "harian-kepri-2022")).one()
        source.published = date(2023, 1, 5)
        session.add(source)
        session.commit()
    apply_file(service, b"tahun,wilayah,program,jumlah_kk\n2023,Lingga,UEP,5\n")
    fresh = Service(service.settings, setup=False)
    about = fresh.answerer().data_about().plain()
    assert "angka tahun 2022; terbit Kamis, 5 Januari 2023" in about, about
    assert "“Data yang diimpor staf” — angka tahun 2023; diperbarui" in about
    assert "f.csv" not in about
    digest = digest_preview(fresh, fresh.settings, None).reply.plain()
    assert "Angka tahun 2022, sumber terbit Kamis, 5 Januari 2023." in digest, digest


def test_citizens_see_the_publisher_and_date_and_staff_see_the_import_number_and_file(service: Service) -> None:
    batch = apply_file(service, b"tahun,wilayah,program,jumlah_kk\n2023,Lingga,UEP,5\n", "ubah2.csv")
    answer = ask(service, "UEP di Lingga")
    assert "ubah2.csv" not in answer and "impor" not in answer.lower(), answer
    assert "Sumber: Dinas Sosial Provinsi Kepulauan Riau, diperbarui" in answer
    assert f"Impor #{batch.id}: " in StaffDesk(service).history(3, user_id=ADMIN).plain()
    assert "ubah2.csv" in StaffDesk(service).history(3, user_id=ADMIN).plain()


# ---- staff desk -------------------------------------------------------------------------------------------------
def test_the_desk_checks_the_staff_role_itself_not_only_the_handlers(service: Service) -> None:
    desk = StaffDesk(service)
    before = snapshot(service.engine)
    upload = desk.receive_file(user_id=5, chat_id=5, actor="x", filename="u.csv", data=PARTIAL_2023)
    assert upload.intent == "refused" and not upload.choices
    assert desk.export("csv", user_id=5).intent == "refused"  # type: ignore[union-attr]
    assert desk.history(5, user_id=5).intent == "refused"
    assert desk.add_staff(5, 6, "x").intent == "refused"
    with Session(service.engine) as session:
        assert session.exec(select(PendingImport)).all() == []
    assert snapshot(service.engine) == before
    assert desk.history(5, user_id=ADMIN).intent == "audit"


@pytest.mark.parametrize("user_id", [99999999999999999999, -5, 0, 2**53])
def test_staf_tambah_with_an_impossible_telegram_id_gets_a_clear_answer(service: Service, user_id: int) -> None:
    desk = StaffDesk(service)
    reply = desk.add_staff(ADMIN, user_id, "X")
    assert "bukan ID pengguna Telegram" in reply.plain() and "bilangan bulat positif" in reply.plain()
    assert "bukan ID pengguna Telegram" in desk.remove_staff(ADMIN, user_id).plain()
    assert not roles.is_staff(service.engine, service.settings, user_id)


def test_a_file_name_with_html_is_shown_escaped(service: Service) -> None:
    name = "koreksi <b>2022</b>.csv"
    plan = StaffDesk(service).plan(b"tahun,wilayah,program,jumlah_kk\n2022,Lingga,UEP,22\n", name)
    reply = staffops.preview_reply(plan, service.facts, "t")
    assert "<b>koreksi &lt;b&gt;2022&lt;/b&gt;.csv</b>" in reply.html
    assert name in reply.plain()
    batch = apply_plan(service.engine, plan, "x")
    assert batch is not None and batch.filename == name
    assert name in staffops.applied_reply(plan, batch).plain()


def test_refusals_use_one_name_per_role() -> None:
    from bot.digests.commands import refuse

    staff, admin = staffops.refused_staff_only().plain(), staffops.refused_admin_only().plain()
    digest = refuse("langganan", 5).reply.plain()
    assert "hanya untuk staf Tanya Bansos" in staff and "hanya untuk admin Tanya Bansos" in admin
    assert "hanya untuk staf Tanya Bansos" in digest
    assert "petugas" not in staff + admin + digest and "Dinas Sosial" not in staff + digest


def test_the_staff_digest_quotes_the_most_frequent_unanswered_questions(service: Service) -> None:
    for text in ["kapan bansos cair?", "kapan bansos cair?", "kapan bansos cair", "apa itu PKH?", "siapa gubernur?"]:
        record_unanswered(service.engine, text, "id")
    text = digest_preview(service, service.settings, None).reply.plain()
    assert "Pertanyaan yang belum bisa dijawab bot sejak ringkasan sebelumnya: 5." in text, text
    assert "• “kapan bansos cair” (3×)" in text and "• “apa itu PKH?” (1×)" in text, text


def test_an_undo_preview_made_stale_by_another_import_is_shown_again_before_anything_changes(
    service: Service,
) -> None:
    desk = StaffDesk(service)
    batch = apply_file(service, b"tahun,wilayah,program,jumlah_kk\n2022,Lingga,UEP,22\n", "a.csv")
    preview = desk.request_undo(user_id=ADMIN, chat_id=ADMIN, actor="Admin", number=batch.id)
    token = preview.choices[0].action.removeprefix(staffops.APPLY)
    apply_file(service, b"tahun,wilayah,program,jumlah_kk\n2022,Natuna,UEP,11\n", "b.csv")  # another figure

    again = desk.confirm(token, ADMIN)
    assert again.intent == "undo_preview" and "berubah sejak pratinjau" in again.plain(), again.plain()
    assert figure(service, 2022, "UEP", LINGGA) == 22
    assert desk.confirm(token, ADMIN).intent == "import_stale"  # the old buttons are gone
    fresh = again.choices[0].action.removeprefix(staffops.APPLY)
    assert desk.confirm(fresh, ADMIN).intent == "undo_applied"
    assert figure(service, 2022, "UEP", LINGGA) == 20


def test_the_import_help_explains_removing_and_undoing() -> None:
    text = staffops.import_help().plain()
    assert "hapus" in text and "/urungkan" in text


def test_upgrading_renames_sources_that_named_an_imported_file(any_service: Service) -> None:
    """A store from before 0005 kept "Dinas Sosial Provinsi (impor berkas ubah2.csv)" as a publisher citizens read."""
    from alembic import command
    from sqlalchemy import text

    from models.db import alembic_config

    service = any_service
    apply_file(service, b"tahun,wilayah,program,jumlah_kk\n2023,Lingga,UEP,5\n", "ubah2.csv")
    cfg = alembic_config(service.engine)
    command.downgrade(cfg, "0004")
    with service.engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE source SET publisher = 'Dinas Sosial Provinsi (impor berkas ubah2.csv)', title = 'ubah2.csv' "
                "WHERE key LIKE 'impor-%'"
            )
        )
    command.upgrade(cfg, "head")
    with Session(service.engine) as session:
        source = session.exec(select(Source).where(Source.key.startswith("impor-"))).one()  # type: ignore[attr-defined]
    assert (source.publisher, source.title) == ("Dinas Sosial Provinsi Kepulauan Riau", "Data yang diimpor staf")
