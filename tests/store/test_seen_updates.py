"""Each update claimed once across instances (bot/updates.py), on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot.updates import Claim, SeenUpdates
from models.db import dispose_engine, get_engine, migrate
from models.tables import utcnow
from models.updates import SeenUpdate


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    url = f"sqlite:///{tmp_path / 'seen.sqlite3'}" if request.param == "sqlite" else request.getfixturevalue("pg_url")
    engine = get_engine(url)
    migrate(engine)
    yield engine
    dispose_engine(url)


def test_the_first_instance_to_claim_an_update_handles_it_and_the_other_skips_it(engine: Engine) -> None:
    a, b = SeenUpdates(engine, instance="a"), SeenUpdates(engine, instance="b")
    assert a.claim(1) is Claim.NEW
    assert b.claim(1) is Claim.BUSY  # a is still on it: Telegram is asked to try again
    a.finish(1)
    assert b.claim(1) is Claim.DONE
    assert a.claim(1) is Claim.DONE
    assert b.claim(2) is Claim.NEW


def test_a_claim_of_a_dead_instance_is_taken_over_after_the_lease(engine: Engine) -> None:
    dead = SeenUpdates(engine, instance="dead", lease=timedelta(seconds=5))
    alive = SeenUpdates(engine, instance="alive", lease=timedelta(seconds=5))
    assert dead.claim(7) is Claim.NEW
    assert alive.claim(7) is Claim.BUSY
    assert alive.claim(7, now=utcnow() + timedelta(seconds=6)) is Claim.TAKEN_OVER
    dead.finish(7)  # too late: the row is no longer its own
    assert SeenUpdates(engine, instance="third").claim(7, now=utcnow() + timedelta(seconds=1)) is Claim.BUSY
    alive.finish(7)
    assert dead.claim(7) is Claim.DONE


def test_a_released_claim_can_be_claimed_again(engine: Engine) -> None:
    seen = SeenUpdates(engine, instance="a")
    assert seen.claim(9) is Claim.NEW
    seen.release(9)
    assert SeenUpdates(engine, instance="b").claim(9) is Claim.NEW


def test_old_claims_are_forgotten(engine: Engine) -> None:
    seen = SeenUpdates(engine, instance="a", keep=timedelta(hours=48))
    seen.claim(1, now=utcnow() - timedelta(hours=49))
    seen.claim(2)
    assert seen.cleanup() == 1
    with Session(engine) as session:
        assert list(session.exec(select(SeenUpdate.update_id))) == [2]
