"""Digests in-process: subscriptions, filters, what changed since a group's previous digest (through real imports),
the group's language, and the delivery engine (:class:`bot.digests.dispatcher.DigestDispatcher`) with the ledger
that makes
each digest go out once.

Telegram is replaced at the engine's real boundary, the :class:`bot.digests.dispatcher.Sender` protocol:
:class:`Transport`
below records what it was asked to send and answers per chat the way ``handlers.sender.TelegramSender`` maps
Telegram's answers (ChatGone for 403, ChatMoved for a migrated group, TransientFailure for flood control and network
trouble). Everything else (SQLite store, ledger, composition, importer) is the real thing.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, select

from bot.answering.prefs import LanguagePrefs, record_unanswered
from bot.answering.runtime import Runtime
from bot.config import Settings
from bot.digests.commands import schedule_command, subscribe_command, unsubscribe_command
from bot.digests.compose import Digest
from bot.digests.dispatcher import (
    ChatGone,
    ChatMoved,
    DigestDispatcher,
    MessageRejected,
    SweepReport,
    TransientFailure,
    preview,
)
from bot.digests.ledger import INSTANCE_ID, claim, compute_due, deliveries_for
from bot.digests.schedule import Schedule
from bot.digests.subscriptions import (
    active_subscriptions,
    get_subscription,
    migrate_chat,
    set_schedule,
    subscribe,
    unsubscribe,
)
from bot.imports import apply_plan, plan_import
from bot.services import Service
from bot.text.i18n import use_language
from models.db import dispose_engine, session_scope
from models.digest import Delivery, DeliveryStatus, Subscription
from tests.conftest import make_settings, run_cli_in_process

ADMIN, OTHER_ADMIN, OUTSIDER = 111, 222, 999
WIB = ZoneInfo("Asia/Jakarta")
BATAM, LINGGA = "21.71", "21.04"
HEADER = "tahun,wilayah,program,jumlah_kk,jenis,catatan,sumber\n"


# ---- the world: a seeded store per test ------------------------------------------------------------------------
@pytest.fixture
def template(seeded_template: Path) -> Path:
    """The migrated and seeded SQLite file of the session, copied for each test."""
    return seeded_template


@dataclass
class World:
    settings: Settings
    service: Service
    path: Path
    now: datetime = field(default_factory=lambda: datetime.now(UTC).replace(microsecond=0))

    @property
    def engine(self):
        return self.service.engine

    @property
    def runtime(self) -> Runtime:
        return Runtime(self.settings, self.service)

    def dispatcher(self, sender: Transport, **kwargs: object) -> DigestDispatcher:
        """A dispatcher whose clock is ``self.now`` (tests move it)."""
        return DigestDispatcher(self.service, self.settings, sender, clock=lambda: self.now, **kwargs)  # type: ignore[arg-type]

    def due_group(
        self,
        chat_id: int,
        *,
        late: timedelta = timedelta(hours=2),
        by: int = ADMIN,
        regions: tuple[str, ...] = (),
        programs: tuple[str, ...] = (),
        language: str = "id",
    ) -> Subscription:
        """A group subscribed a month ago whose daily digest fired ``late`` ago (to the minute)."""
        subscribe(
            self.engine,
            chat_id,
            by=by,
            title=f"Staf {chat_id}",
            language=language,
            timezone="Asia/Jakarta",
            regions=list(regions),
            programs=list(programs),
        )
        fire = (self.now - late).astimezone(WIB)
        set_schedule(self.engine, chat_id, Schedule("daily", hour=fire.hour, minute=fire.minute))
        with session_scope(self.engine) as session:
            sub = session.exec(select(Subscription).where(Subscription.chat_id == chat_id)).one()
            sub.created_at = self.now - timedelta(days=30)
            session.add(sub)
        found = get_subscription(self.engine, chat_id)
        assert found is not None
        return found

    def rows(self, chat_id: int) -> list[Delivery]:
        sub = get_subscription(self.engine, chat_id)
        assert sub is not None
        return deliveries_for(self.engine, sub.id or 0)

    def row(self, chat_id: int) -> Delivery:
        rows = self.rows(chat_id)
        assert len(rows) == 1, rows
        return rows[0]


@pytest.fixture
def world(template: Path, tmp_path: Path) -> Iterator[World]:
    path = tmp_path / "tanyabansos.sqlite3"
    shutil.copy(template, path)
    url = f"sqlite:///{path}"
    settings = make_settings(
        url,
        admin_ids=[ADMIN, OTHER_ADMIN],
        digest_grace_hours=6.0,
        digest_claim_lease_seconds=120.0,
        digest_chart=False,
    )
    yield World(settings, Service(settings), path)
    dispose_engine(url)


class Transport:
    """The Sender protocol, recording sends; ``answer(chat, exc, ...)`` makes the next sends to a chat fail."""

    def __init__(self, world: World | None = None) -> None:
        self.world = world
        self.sent: list[tuple[int, Digest]] = []
        self.attempts: list[int] = []
        self.answers: dict[int, list[Exception]] = {}
        self.gone: set[int] = set()
        self.status_while_sending: list[str] = []
        self.charts: list[int] = []
        self._message_ids = iter(range(5001, 10**6))

    def answer(self, chat_id: int, *errors: Exception) -> None:
        self.answers.setdefault(chat_id, []).extend(errors)

    async def send_digest(self, chat_id: int, digest: Digest) -> int:
        self.attempts.append(chat_id)
        if self.world is not None:  # what the ledger says while the message is on its way
            with Session(self.world.engine) as session:
                rows = session.exec(select(Delivery).where(Delivery.chat_id == chat_id)).all()
                self.status_while_sending.extend(r.status for r in rows)
        await asyncio.sleep(0)
        if chat_id in self.gone:
            raise ChatGone("Forbidden: bot was kicked from the group chat")
        queued = self.answers.get(chat_id)
        if queued:
            raise queued.pop(0)
        self.sent.append((chat_id, digest))
        return next(self._message_ids)

    async def send_chart(self, chat_id: int, digest: Digest) -> None:
        self.charts.append(chat_id)

    def texts(self, chat_id: int) -> list[str]:
        return [d.reply.plain() for c, d in self.sent if c == chat_id]

    def count(self, chat_id: int) -> int:
        return sum(1 for c, _d in self.sent if c == chat_id)


def sweep(world: World, transport: Transport) -> SweepReport:
    return asyncio.run(world.dispatcher(transport).sweep())


def import_csv(world: World, body: str, filename: str) -> None:
    """Apply a spreadsheet the way staff import one (bot.imports), then drop the cached facts."""
    plan = plan_import(world.engine, (HEADER + body).encode(), filename, world.service.row_parser())
    assert plan.ok, [p.message for p in plan.problems]
    batch = apply_plan(world.engine, plan, actor=f"staff:{ADMIN}")
    assert batch is not None
    world.service.invalidate()  # the answerer re-reads the store at most every 2 s by itself


# ---- subscriptions ---------------------------------------------------------------------------------------------
def test_subscribe_creates_a_monday_0800_wib_subscription_and_resubscribing_keeps_the_schedule(world: World) -> None:
    sub, created = subscribe(
        world.engine,
        -100,
        by=ADMIN,
        title="Staf Batam",
        language="id",
        timezone="Asia/Jakarta",
        regions=[],
        programs=[],
    )
    assert created
    assert (sub.frequency, sub.weekday, sub.hour, sub.minute, sub.timezone) == ("weekly", 0, 8, 0, "Asia/Jakarta")
    assert sub.active and sub.subscribed_by == ADMIN and sub.chat_title == "Staf Batam"

    set_schedule(world.engine, -100, Schedule("daily", hour=7, minute=30))
    again, created = subscribe(
        world.engine,
        -100,
        by=OTHER_ADMIN,
        title="Staf Batam 2",
        language="id",
        timezone="Asia/Jakarta",
        regions=[BATAM],
        programs=["UEP"],
    )
    assert not created
    assert again.id == sub.id
    stored = get_subscription(world.engine, -100)
    assert stored is not None
    assert (stored.frequency, stored.hour, stored.minute) == ("daily", 7, 30)
    assert (stored.regions, stored.programs, stored.subscribed_by) == (BATAM, "UEP", OTHER_ADMIN)
    assert [s.chat_id for s in active_subscriptions(world.engine)] == [-100]


def test_unsubscribe_deactivates_and_resubscribe_reactivates(world: World) -> None:
    subscribe(world.engine, -101, by=ADMIN, title="", language="id", timezone="Asia/Jakarta", regions=[], programs=[])
    assert unsubscribe(world.engine, -101, "/berhenti by 111")
    assert not unsubscribe(world.engine, -101, "again")
    assert not unsubscribe(world.engine, -999_999, "never subscribed")
    sub = get_subscription(world.engine, -101)
    assert sub is not None and not sub.active and sub.ended_reason == "/berhenti by 111"
    assert active_subscriptions(world.engine) == []

    subscribe(world.engine, -101, by=ADMIN, title="", language="id", timezone="Asia/Jakarta", regions=[], programs=[])
    sub = get_subscription(world.engine, -101)
    assert sub is not None and sub.active and sub.ended_reason == ""


def test_set_schedule_of_an_unknown_chat_changes_nothing(world: World) -> None:
    assert set_schedule(world.engine, -404, Schedule("daily")) is None
    assert get_subscription(world.engine, -404) is None


def test_migrate_chat_moves_the_subscription_but_not_onto_another_subscription(world: World) -> None:
    for chat in (-102, -103):
        subscribe(
            world.engine, chat, by=ADMIN, title="", language="id", timezone="Asia/Jakarta", regions=[], programs=[]
        )
    assert migrate_chat(world.engine, -102, -1_000_000_000_102)
    assert get_subscription(world.engine, -102) is None
    moved = get_subscription(world.engine, -1_000_000_000_102)
    assert moved is not None and moved.active
    assert not migrate_chat(world.engine, -103, -1_000_000_000_102)  # the new id already has a subscription
    assert not migrate_chat(world.engine, -404, -1_000_000_000_404)


def test_langganan_by_a_non_staff_user_is_refused_and_stores_nothing(world: World) -> None:
    with use_language("id"):
        result = subscribe_command(world.runtime, -110, "Grup", "group", OUTSIDER, "", "id")
    assert result.reply.intent == "refused"
    assert "hanya untuk staf" in result.reply.plain()
    assert not result.reschedule
    assert get_subscription(world.engine, -110) is None


def test_langganan_by_staff_subscribes_with_the_default_schedule(world: World) -> None:
    with use_language("id"):
        result = subscribe_command(world.runtime, -111, "Staf Dinsos", "group", ADMIN, "", "id")
    text = result.reply.plain()
    assert result.reply.intent == "subscribed" and result.reschedule
    assert "berlangganan" in text
    assert "semua kab/kota dan program" in text
    assert "setiap Senin pukul 08.00 WIB" in text
    sub = get_subscription(world.engine, -111)
    assert sub is not None and sub.active and sub.subscribed_by == ADMIN and sub.chat_title == "Staf Dinsos"
    assert (sub.regions, sub.programs) == ("", "")


@pytest.mark.parametrize(
    ("args", "regions", "programs", "shown"),
    [("batam", BATAM, "", "Kota Batam"), ("uep", "", "UEP", "UEP"), ("lingga uep", LINGGA, "UEP", "Kabupaten Lingga")],
)
def test_langganan_with_a_region_or_program_stores_the_filter(
    world: World, args: str, regions: str, programs: str, shown: str
) -> None:
    with use_language("id"):
        result = subscribe_command(world.runtime, -112, "Staf", "group", ADMIN, args, "id")
    assert result.reply.intent == "subscribed"
    assert shown in result.reply.plain()
    sub = get_subscription(world.engine, -112)
    assert sub is not None and (sub.regions, sub.programs) == (regions, programs)


def test_langganan_with_something_unknown_explains_with_examples(world: World) -> None:
    with use_language("id"):
        result = subscribe_command(world.runtime, -113, "Staf", "group", ADMIN, "xyzzy plugh", "id")
    assert result.reply.intent == "subscribe_error"
    assert "/langganan batam" in result.reply.plain()
    assert get_subscription(world.engine, -113) is None


def test_jadwal_shows_changes_and_refuses(world: World) -> None:
    rt = world.runtime
    with use_language("id"):
        not_yet = schedule_command(rt, -114, ADMIN, "")
        assert "belum berlangganan" in not_yet.reply.plain()
        subscribe_command(rt, -114, "Staf", "group", ADMIN, "", "id")

        shown = schedule_command(rt, -114, OUTSIDER, "")  # anyone may look
        assert "setiap Senin pukul 08.00 WIB" in shown.reply.plain()
        assert "/jadwal harian 07:30" in shown.reply.plain()

        refused = schedule_command(rt, -114, OUTSIDER, "harian 07:30")
        assert refused.reply.intent == "refused"

        bad = schedule_command(rt, -114, ADMIN, "senin 25:00")
        assert bad.reply.intent == "schedule_error" and not bad.reschedule
        assert "Contoh:" in bad.reply.plain() and "/jadwal senin 08:00" in bad.reply.plain()

        for text, expected in [
            ("harian 07:30", ("daily", 0, 1, 7, 30, "Asia/Jakarta")),
            ("bulanan 1 08:00", ("monthly", 0, 1, 8, 0, "Asia/Jakarta")),
            ("jumat 16:00 wita", ("weekly", 4, 1, 16, 0, "Asia/Makassar")),
            ("senin 09:00", ("weekly", 0, 1, 9, 0, "Asia/Jakarta")),  # no zone: the default (WIB), not WITA
        ]:
            good = schedule_command(rt, -114, ADMIN, text)
            assert good.reschedule and "Jadwal diperbarui" in good.reply.plain()
            sub = get_subscription(world.engine, -114)
            assert sub is not None
            assert (sub.frequency, sub.weekday, sub.day_of_month, sub.hour, sub.minute, sub.timezone) == expected
        assert "setiap Senin pukul 09.00 WIB" in schedule_command(rt, -114, OUTSIDER, "").reply.plain()


def test_berhenti_needs_staff_and_stops_the_digest(world: World) -> None:
    rt = world.runtime
    with use_language("id"):
        subscribe_command(rt, -115, "Staf", "group", ADMIN, "", "id")
        assert unsubscribe_command(rt, -115, OUTSIDER).reply.intent == "refused"
        assert get_subscription(world.engine, -115).active  # type: ignore[union-attr]
        stopped = unsubscribe_command(rt, -115, OTHER_ADMIN)
        assert stopped.unschedule and "dihentikan" in stopped.reply.plain()
        assert "tidak sedang berlangganan" in unsubscribe_command(rt, -115, ADMIN).reply.plain()
    assert not get_subscription(world.engine, -115).active  # type: ignore[union-attr]


# ---- what a digest says ------------------------------------------------------------------------------------------
def test_a_digest_has_the_period_totals_tables_top_region_unanswered_and_source(world: World) -> None:
    world.due_group(-120)
    transport = Transport()
    assert sweep(world, transport).sent == 1
    [text] = transport.texts(-120)
    assert text.startswith("Ringkasan harian Tanya Bansos — Kepulauan Riau")
    assert "Periode: " in text
    assert "Total penerima Kepulauan Riau tahun 2022: 58.849 KK" in text
    assert "Per kab/kota" in text and "Per program" in text
    assert "• Kota Batam: 23.945 KK" in text and "• Kabupaten Lingga: 7.408 KK" in text
    assert "• UEP: 465 KK" in text and "• PMKS: 46.686 KK" in text
    assert "Ini ringkasan pertama untuk grup ini." in text
    assert "Terbanyak: Kota Batam (23.945 KK)." in text
    assert "Pertanyaan yang belum bisa dijawab bot sejak ringkasan sebelumnya: 0." in text
    assert "Sumber: Harian Kepri" in text and "2022" in text


def test_the_period_of_a_wit_group_is_in_its_own_local_dates(world: World) -> None:
    world.now = datetime(2026, 12, 1, 0, 40, tzinfo=ZoneInfo("Asia/Jayapura")).astimezone(UTC)
    world.due_group(-126)
    set_schedule(world.engine, -126, Schedule("daily", hour=0, minute=30, timezone="Asia/Jayapura"))
    transport = Transport()
    sweep(world, transport)
    assert world.row(-126).period_key == "2026-12-01"
    [text] = transport.texts(-126)
    assert "Periode: Senin, 30 November 2026 – Selasa, 1 Desember 2026" in text


def test_a_group_subscribed_to_batam_gets_only_batam(world: World) -> None:
    world.due_group(-121, regions=(BATAM,))
    transport = Transport()
    sweep(world, transport)
    [text] = transport.texts(-121)
    assert "Filter: Kota Batam" in text
    assert "• Kota Batam: 23.945 KK" in text
    for other in ("Bintan", "Tanjung Pinang", "Karimun", "Lingga", "Natuna", "Anambas"):
        assert other not in text
    assert "• UEP: 192 KK" in text and "• PMKS: 22.465 KK" in text  # Batam's own figures per program
    snapshot = json.loads(world.row(-121).snapshot)
    assert snapshot["cells"] and all(key.endswith("|" + BATAM) for key in snapshot["cells"])


def test_a_group_subscribed_to_uep_gets_only_uep(world: World) -> None:
    world.due_group(-122, programs=("UEP",))
    transport = Transport()
    sweep(world, transport)
    [text] = transport.texts(-122)
    assert "Filter: UEP" in text
    assert "Total penerima Kepulauan Riau tahun 2022: 465 KK" in text
    assert "• Kota Batam: 192 KK" in text and "• Kabupaten Lingga: 20 KK" in text
    assert "• UEP: 465 KK" in text
    for other in ("PMKS", "KUBE", "Kesejahteraan Keluarga"):
        assert other not in text.split("Sumber:")[0]
    snapshot = json.loads(world.row(-122).snapshot)
    assert all("|UEP|" in key for key in snapshot["cells"])


def test_the_chart_is_attached_when_enabled_for_the_group_s_program(world: World) -> None:
    world.settings = make_settings(str(world.settings.database_url), admin_ids=[ADMIN], digest_chart=True)
    world.due_group(-123)
    world.due_group(-124, programs=("UEP",))
    transport = Transport()
    sweep(world, transport)
    charts = {chat: digest.chart for chat, digest in transport.sent}
    assert charts[-123] is not None and (charts[-123].year, charts[-123].program) == (2022, None)
    assert charts[-124] is not None and (charts[-124].year, charts[-124].program) == (2022, "UEP")
    world.settings = make_settings(str(world.settings.database_url), admin_ids=[ADMIN], digest_chart=False)
    world.due_group(-125)
    sweep(world, transport)
    assert [d.chart for c, d in transport.sent if c == -125] == [None]


def test_changes_since_the_group_s_previous_digest_come_from_real_imports(world: World) -> None:
    world.due_group(-130)
    world.due_group(-131, regions=(LINGGA,))
    transport = Transport()
    sweep(world, transport)
    assert all("Ini ringkasan pertama untuk grup ini." in t for t in transport.texts(-130) + transport.texts(-131))

    # staff import a correction: Batam UEP 192 → 312 (the totals follow)
    import_csv(
        world,
        "2022,21.71,UEP,312,,,harian-kepri-2022\n"
        "2022,21,UEP,585,total,Total program menurut laporan,harian-kepri-2022\n"
        "2022,21,SEMUA,58969,total,Total seluruh program menurut laporan,harian-kepri-2022\n",
        "koreksi-uep-batam.csv",
    )
    world.now += timedelta(days=1)
    report = sweep(world, transport)
    assert report.sent == 2
    second = transport.texts(-130)[-1]
    assert "Batam +120 KK (UEP" in second
    assert "• Batam +120 KK (UEP, 2022) — dari berkas koreksi-uep-batam.csv" in second
    assert "Tidak ada perubahan." not in second
    assert "• UEP: 585 KK" in second and "58.969 KK" in second
    assert "Tidak ada perubahan." in transport.texts(-131)[-1]  # Lingga's figures did not change

    world.now += timedelta(days=1)
    sweep(world, transport)
    third = transport.texts(-130)[-1]
    assert "Tidak ada perubahan." in third
    assert "+120" not in third

    import_csv(
        world,
        "2022,21.71,UEP,292,,,harian-kepri-2022\n"
        "2022,21,UEP,565,total,Total program menurut laporan,harian-kepri-2022\n"
        "2022,21,SEMUA,58949,total,Total seluruh program menurut laporan,harian-kepri-2022\n",
        "koreksi-lagi.csv",
    )
    world.now += timedelta(days=1)
    sweep(world, transport)
    assert "Batam −20 KK (UEP, 2022)" in transport.texts(-130)[-1]
    assert [r.status for r in world.rows(-130)] == [DeliveryStatus.SENT] * 4


def test_changes_are_compared_with_what_was_delivered_not_with_a_failed_attempt(world: World) -> None:
    world.due_group(-132)
    transport = Transport()
    sweep(world, transport)
    import_csv(
        world,
        "2022,21.71,UEP,312,,,harian-kepri-2022\n"
        "2022,21,UEP,585,total,Total program menurut laporan,harian-kepri-2022\n"
        "2022,21,SEMUA,58969,total,Total seluruh program menurut laporan,harian-kepri-2022\n",
        "koreksi.csv",
    )
    world.now += timedelta(days=1)
    transport.answer(-132, MessageRejected("Bad Request: message is too long"))
    sweep(world, transport)  # this period's digest is refused: the group never saw it
    assert world.rows(-132)[-1].status == DeliveryStatus.FAILED
    world.now += timedelta(days=1)
    sweep(world, transport)
    assert "Batam +120 KK (UEP, 2022)" in transport.texts(-132)[-1]


def test_unanswered_questions_are_counted_since_the_group_s_previous_digest(world: World) -> None:
    for text in ("kapan bansos cair", "apa itu pkh plus"):
        record_unanswered(world.engine, text, "id")
    world.due_group(-140)
    transport = Transport()
    sweep(world, transport)
    assert "Pertanyaan yang belum bisa dijawab bot sejak ringkasan sebelumnya: 2." in transport.texts(-140)[-1]
    for text in ("bansos batam kapan", "harga beras", "jadwal posyandu"):
        record_unanswered(world.engine, text, "id")
    world.now += timedelta(days=1)
    sweep(world, transport)
    assert "Pertanyaan yang belum bisa dijawab bot sejak ringkasan sebelumnya: 3." in transport.texts(-140)[-1]


def test_a_group_that_chose_english_gets_an_english_digest_with_english_numbers(world: World) -> None:
    world.due_group(-150)
    LanguagePrefs(world.engine).set(-150, "en")
    world.due_group(-151, language="en")  # the language the group was subscribed in
    world.due_group(-152, language="en")
    LanguagePrefs(world.engine).set(-152, "id")  # /bahasa id afterwards wins
    transport = Transport()
    sweep(world, transport)
    for chat in (-150, -151):
        [text] = transport.texts(chat)
        assert "58,849" in text and "23,945" in text
        assert "58.849" not in text
        assert "Changes since the previous digest" in text
        assert "Perubahan" not in text
    [indonesian] = transport.texts(-152)
    assert "58.849" in indonesian and "Perubahan sejak ringkasan sebelumnya" in indonesian


# ---- delivery: once, on time, through failures --------------------------------------------------------------------
def test_a_due_digest_is_claimed_in_the_ledger_before_it_is_sent_and_marked_sent_after(world: World) -> None:
    world.due_group(-200)
    transport = Transport(world)
    report = sweep(world, transport)
    assert (report.due, report.sent, report.failed, report.missed) == (1, 1, 0, 0)
    assert transport.status_while_sending == [DeliveryStatus.SENDING]
    row = world.row(-200)
    assert row.status == DeliveryStatus.SENT and row.sent_at is not None
    assert row.message_id == 5001 and row.attempts == 1 and row.claimed_by == INSTANCE_ID
    sub = get_subscription(world.engine, -200)
    assert sub is not None
    assert row.period_key == (world.now - timedelta(hours=2)).astimezone(WIB).date().isoformat()
    assert json.loads(row.snapshot)["cells"]
    assert len(report.compose_seconds) == 1

    again = sweep(world, transport)  # the next sweeps find nothing due: sent once
    assert (again.due, again.sent) == (0, 0)
    world.now += timedelta(hours=3)
    assert sweep(world, transport).due == 0
    assert transport.count(-200) == 1


def test_a_new_subscription_gets_nothing_for_a_period_that_fired_before_it_subscribed(world: World) -> None:
    world.due_group(-201)
    with session_scope(world.engine) as session:
        sub = session.exec(select(Subscription).where(Subscription.chat_id == -201)).one()
        sub.created_at = world.now - timedelta(minutes=5)  # subscribed after the fire two hours ago
        session.add(sub)
    transport = Transport()
    assert sweep(world, transport).due == 0
    assert transport.sent == [] and world.rows(-201) == []


def test_a_digest_missed_within_the_grace_window_is_sent_and_one_past_it_is_recorded_missed(world: World) -> None:
    world.due_group(-210, late=timedelta(hours=2))
    world.due_group(-211, late=timedelta(hours=7))
    transport = Transport()
    report = sweep(world, transport)
    assert (report.due, report.sent, report.missed) == (1, 1, 1)
    assert transport.count(-210) == 1 and transport.count(-211) == 0
    missed = world.row(-211)
    assert missed.status == DeliveryStatus.MISSED and "grace" in missed.error
    assert missed.period_key == (world.now - timedelta(hours=7)).astimezone(WIB).date().isoformat()
    again = sweep(world, transport)
    assert (again.due, again.missed) == (0, 0)  # recorded once
    assert transport.count(-211) == 0 and len(world.rows(-211)) == 1


def test_the_grace_window_is_configurable(world: World) -> None:
    world.settings = make_settings(str(world.settings.database_url), admin_ids=[ADMIN], digest_grace_hours=1.0)
    world.due_group(-212, late=timedelta(hours=2))
    transport = Transport()
    assert sweep(world, transport).missed == 1
    assert transport.sent == []


def test_a_claim_left_sending_by_a_crashed_instance_is_retried_after_the_lease(world: World) -> None:
    world.due_group(-220)
    world.due_group(-221)
    due, _ = compute_due(world.engine, world.now, timedelta(hours=6), timedelta(seconds=120))
    by_chat = {d.chat_id: d for d in due}
    # another instance claimed both and died: one claim is 10 minutes old, the other 10 seconds
    assert claim(world.engine, by_chat[-220], world.now - timedelta(minutes=10), timedelta(seconds=120))
    assert claim(world.engine, by_chat[-221], world.now - timedelta(seconds=10), timedelta(seconds=120))
    transport = Transport()
    report = sweep(world, transport)
    assert (report.due, report.sent) == (1, 1)
    assert transport.count(-220) == 1 and transport.count(-221) == 0  # -221 may still be on its way
    assert world.row(-220).status == DeliveryStatus.SENT and world.row(-220).attempts == 2
    assert world.row(-221).status == DeliveryStatus.SENDING

    world.now += timedelta(seconds=121)  # the lease has run out: the crashed claim is taken over
    assert sweep(world, transport).sent == 1
    assert transport.count(-221) == 1 and world.row(-221).attempts == 2
    assert sweep(world, transport).due == 0


def test_a_claim_left_by_a_crash_long_ago_is_recorded_missed_not_sent_late(world: World) -> None:
    world.due_group(-222, late=timedelta(hours=7))
    fire = world.now - timedelta(hours=7)
    due, _ = compute_due(world.engine, fire + timedelta(minutes=1), timedelta(hours=6), timedelta(seconds=120))
    assert claim(world.engine, due[0], fire + timedelta(minutes=1), timedelta(seconds=120))  # then the crash
    transport = Transport()
    sweep(world, transport)  # back up seven hours after the fire time
    assert transport.count(-222) == 0
    assert world.row(-222).status == DeliveryStatus.MISSED


def test_a_group_subscribed_by_someone_who_is_not_staff_gets_nothing(world: World) -> None:
    world.due_group(-230, by=OUTSIDER)
    world.due_group(-231, by=OTHER_ADMIN)
    world.settings = make_settings(str(world.settings.database_url), admin_ids=[ADMIN])  # 222 is no longer an admin
    transport = Transport()
    report = sweep(world, transport)
    assert (report.skipped, report.sent) == (2, 0)
    assert transport.attempts == []
    for chat in (-230, -231):
        row = world.row(chat)
        assert row.status == DeliveryStatus.SKIPPED and "not staff" in row.error
    assert sweep(world, transport).due == 0


def test_a_chat_that_is_gone_ends_the_subscription(world: World) -> None:
    world.due_group(-240)
    world.due_group(-241)
    transport = Transport()
    transport.gone.add(-240)
    report = sweep(world, transport)
    assert (report.gone, report.sent) == (1, 1)
    sub = get_subscription(world.engine, -240)
    assert sub is not None and not sub.active and sub.ended_reason.startswith("unreachable")
    assert world.row(-240).status == DeliveryStatus.GONE
    world.now += timedelta(days=1)
    transport.attempts.clear()
    sweep(world, transport)
    assert transport.attempts == [-241]  # no more attempts at the gone chat


def test_a_migrated_group_is_followed_to_its_new_id(world: World) -> None:
    old, new = -250, -1_000_000_000_250
    world.due_group(old)
    transport = Transport()
    transport.answer(old, ChatMoved(new))
    report = sweep(world, transport)
    assert report.sent == 1
    assert transport.attempts == [old, new]
    assert transport.count(new) == 1 and transport.count(old) == 0
    assert get_subscription(world.engine, old) is None
    moved = get_subscription(world.engine, new)
    assert moved is not None and moved.active
    row = world.row(new)
    assert row.status == DeliveryStatus.SENT and row.chat_id == new
    world.now += timedelta(days=1)
    sweep(world, transport)
    assert transport.attempts[-1] == new and transport.count(new) == 2


def test_a_migrated_group_whose_new_id_is_already_subscribed_gets_one_digest(world: World) -> None:
    old, new = -251, -1_000_000_000_251
    world.due_group(old)
    world.due_group(new)  # someone ran /langganan in the supergroup before the old group's digest went out
    transport = Transport()
    transport.answer(old, ChatMoved(new))
    sweep(world, transport)
    assert transport.count(new) == 1


def test_a_transient_failure_leaves_the_digest_pending_and_the_next_sweep_sends_it(world: World) -> None:
    world.due_group(-260)
    transport = Transport()
    transport.answer(-260, TransientFailure("flood control: retry after 30"))
    report = sweep(world, transport)
    assert (report.sent, report.failed) == (0, 1)
    row = world.row(-260)
    assert row.status == DeliveryStatus.PENDING and "flood control" in row.error
    again = sweep(world, transport)
    assert (again.due, again.sent) == (1, 1)
    assert transport.count(-260) == 1
    row = world.row(-260)
    assert row.status == DeliveryStatus.SENT and row.attempts == 2


def test_a_pending_digest_past_the_grace_window_is_recorded_missed(world: World) -> None:
    world.due_group(-261)
    transport = Transport()
    transport.answer(-261, TransientFailure("timed out"))
    sweep(world, transport)
    world.now += timedelta(hours=5)  # seven hours after the fire time
    report = sweep(world, transport)
    assert (report.missed, report.sent) == (1, 0)
    row = world.row(-261)
    assert row.status == DeliveryStatus.MISSED and "timed out" in row.error
    assert transport.count(-261) == 0


def test_a_message_telegram_refuses_is_not_retried(world: World) -> None:
    world.due_group(-262)
    transport = Transport()
    transport.answer(-262, MessageRejected("Bad Request: can't parse entities"))
    assert sweep(world, transport).failed == 1
    assert world.row(-262).status == DeliveryStatus.FAILED
    assert sweep(world, transport).due == 0
    assert transport.attempts == [-262]


def test_one_group_s_failure_does_not_stop_the_others(world: World) -> None:
    for chat in range(-270, -280, -1):
        world.due_group(chat)
    transport = Transport()
    transport.answer(-273, RuntimeError("a bug in a sender"))
    transport.gone.add(-275)
    report = sweep(world, transport)
    assert (report.due, report.sent, report.gone, report.failed) == (10, 8, 1, 1)
    assert sorted(c for c, _d in transport.sent) == sorted(set(range(-270, -280, -1)) - {-273, -275})


def test_two_dispatchers_sweeping_at_once_send_each_digest_once(world: World) -> None:
    chats = list(range(-300, -340, -1))
    for chat in chats:
        world.due_group(chat)
    transport = Transport()

    async def both() -> list[SweepReport]:
        return await asyncio.gather(world.dispatcher(transport).sweep(), world.dispatcher(transport).sweep())

    reports = asyncio.run(both())
    assert sum(r.sent for r in reports) == len(chats)
    assert sorted(c for c, _d in transport.sent) == sorted(chats)


async def test_two_instances_that_both_see_a_digest_due_race_for_the_claim_and_one_sends_it(world: World) -> None:
    chats = list(range(-360, -380, -1))
    for chat in chats:
        world.due_group(chat)
    due, _ = compute_due(world.engine, world.now, timedelta(hours=6), timedelta(seconds=120))
    assert sorted(d.chat_id for d in due) == sorted(chats)
    transport = Transport()
    a, b = world.dispatcher(transport), world.dispatcher(transport)
    report_a, report_b = SweepReport(), SweepReport()
    await asyncio.gather(*(a.deliver(d, report_a) for d in due), *(b.deliver(d, report_b) for d in due))
    assert report_a.sent + report_b.sent == len(chats)
    assert sorted(c for c, _d in transport.sent) == sorted(chats)
    assert all(len(world.rows(chat)) == 1 for chat in chats)


@pytest.mark.postgres
async def test_on_postgresql_two_instances_racing_for_the_same_claims_send_each_digest_once(
    pg_seeded_url: str,
) -> None:
    settings = make_settings(pg_seeded_url, admin_ids=[ADMIN], digest_chart=False)
    pg = World(settings, Service(settings, setup=False), Path("."))
    chats = list(range(-500, -530, -1))
    for chat in chats:
        pg.due_group(chat)
    due, _ = compute_due(pg.engine, pg.now, timedelta(hours=6), timedelta(seconds=120))
    transport = Transport()
    a, b = pg.dispatcher(transport), pg.dispatcher(transport)
    report_a, report_b = SweepReport(), SweepReport()
    await asyncio.gather(*(a.deliver(d, report_a) for d in due), *(b.deliver(d, report_b) for d in due))
    assert report_a.sent + report_b.sent == len(chats)
    assert sorted(c for c, _d in transport.sent) == sorted(chats)
    assert all([r.status for r in pg.rows(chat)] == [DeliveryStatus.SENT] for chat in chats)


async def test_kicks_while_a_sweep_runs_make_it_go_round_again_instead_of_running_twice(world: World) -> None:
    world.due_group(-350)
    transport = Transport()
    dispatcher = world.dispatcher(transport)
    results = await asyncio.gather(*(dispatcher.kick() for _ in range(5)))
    reports = [r for r in results if r is not None]
    assert len(reports) == 1 and reports[0].sent == 1
    assert transport.count(-350) == 1


# ---- the command line ---------------------------------------------------------------------------------------------
def cli(world: World, *args: str) -> subprocess.CompletedProcess[str]:
    """The command line in-process, with only the database set (no token, no admins, default digest settings)."""
    env = {"DATABASE_URL": str(world.settings.database_url)}
    result = run_cli_in_process(args, env, world.path.parent)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def test_cli_digest_list_and_preview(world: World) -> None:
    empty = cli(world, "digest", "list")
    assert empty.returncode == 0 and "Belum ada grup yang berlangganan." in empty.stdout

    subscribe(
        world.engine,
        -400,
        by=ADMIN,
        title="Staf Batam",
        language="id",
        timezone="Asia/Jakarta",
        regions=[BATAM],
        programs=[],
    )
    subscribe(
        world.engine,
        -401,
        by=ADMIN,
        title="Staf UEP",
        language="id",
        timezone="Asia/Jakarta",
        regions=[],
        programs=["UEP"],
    )
    set_schedule(world.engine, -401, Schedule("daily", hour=7, minute=30, timezone="Asia/Makassar"))
    unsubscribe(world.engine, -401, "test")
    subscribe(
        world.engine,
        -402,
        by=ADMIN,
        title="Staf Semua",
        language="id",
        timezone="Asia/Jakarta",
        regions=[],
        programs=[],
    )
    listed = cli(world, "digest", "list")
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.strip().splitlines()
    assert lines == [
        "-400\tStaf Batam\tsetiap Senin pukul 08.00 WIB\t21.71",
        "-402\tStaf Semua\tsetiap Senin pukul 08.00 WIB\tsemua",
    ]

    province = cli(world, "digest", "preview")
    assert province.returncode == 0, province.stderr
    assert "Ringkasan mingguan Tanya Bansos — Kepulauan Riau" in province.stdout
    assert "Total penerima Kepulauan Riau tahun 2022: 58.849 KK" in province.stdout
    assert "Kabupaten Bintan" in province.stdout
    assert "<b>" not in province.stdout

    batam = cli(world, "digest", "preview", "--chat", "-400")
    assert batam.returncode == 0, batam.stderr
    assert "Filter: Kota Batam" in batam.stdout and "• Kota Batam: 23.945 KK" in batam.stdout
    assert "Kabupaten Bintan" not in batam.stdout
    assert world.rows(-400) == []  # a preview records nothing


def test_preview_in_process_uses_the_group_s_filters_language_and_previous_digest(world: World) -> None:
    world.due_group(-410, regions=(BATAM,))
    transport = Transport()
    sweep(world, transport)
    assert "Tidak ada perubahan." in preview(world.service, world.settings, -410).reply.plain()
    LanguagePrefs(world.engine).set(-410, "en")
    english = preview(world.service, world.settings, -410).reply.plain()
    assert "23,945" in english and "No changes." in english and "Tidak ada" not in english
    assert world.row(-410).status == DeliveryStatus.SENT and len(world.rows(-410)) == 1


def test_cli_send_due_without_a_token_explains_and_fails(world: World) -> None:
    result = cli(world, "digest", "send-due")
    assert result.returncode == 2
    assert "TELEGRAM_BOT_TOKEN" in result.stderr
