"""The one object the CLI and the Telegram handlers ask: a store set up on first use and a cached answerer.

``Service.answerer()`` rebuilds the facts snapshot only when the store's ``data_version`` changed (an import),
checking at most every few seconds, so answering costs no database round trip. Building a ``Service`` also points
``bot.text.i18n`` at the catalogs and time zone of its settings (i18n itself reads no settings).
"""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass
from threading import Lock
from typing import TYPE_CHECKING

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot.answering.answerer import Answerer
from bot.config import Settings, get_settings
from bot.figures.facts import Facts, load_facts
from bot.figures.levels import LevelReader
from bot.figures.reference import program_texts
from bot.text import i18n
from bot.understanding.understander import Understander
from models.db import get_engine, migrate, schema_lock, session_scope
from models.seed import reference_key, seed_reference
from models.tables import ImportBatch, Meta, Region, Source

if TYPE_CHECKING:
    from bot.imports import RowParser

log = logging.getLogger(__name__)
VERSION_CHECK_SECONDS = 2.0


@dataclass
class SetupReport:
    reference_rows: int
    imported_files: list[str]


def ensure_database(engine: Engine, settings: Settings) -> SetupReport:
    """Create or upgrade the schema, load reference data and the seed figures. Idempotent, and serialised between
    processes (:func:`models.db.schema_lock`): a second process starting at once waits, then finds it done."""
    with schema_lock(engine):
        migrate(engine)
        key = reference_key(settings.data_dir, settings.province_code.spec)
        changed = 0
        with session_scope(engine) as session:
            stored = session.get(Meta, "reference_key")
            if stored is None or stored.value != key:
                changed = seed_reference(session, settings.data_dir, settings.province_code.spec)
                session.add(Meta(key="reference_key", value=key) if stored is None else _set(stored, key))
        imported = import_seed_figures(engine, settings)
    return SetupReport(changed, imported)


def _set(meta: Meta, value: str) -> Meta:
    meta.value = value
    return meta


def import_seed_figures(engine: Engine, settings: Settings) -> list[str]:
    """Each file in ``data/figures/<province code>/`` of a province in scope is imported once per content (strictly:
    inconsistent data is refused), read against that province alone. A province without such a folder starts with
    no figures, and the bot says so. The import machinery is loaded only when a file is new (``tanyabansos ask``
    starts without it)."""
    done = _imported_files(engine)
    imported = []
    for code in _scoped_codes(engine, settings):
        folder = settings.data_dir / "figures" / code
        files = sorted(folder.glob("*.csv")) + sorted(folder.glob("*.xlsx")) if folder.exists() else []
        parser: RowParser | None = None
        for path in files:
            data = path.read_bytes()
            if (path.name, hashlib.sha256(data).hexdigest()) in done:
                continue
            from bot.imports import RowParser, apply_plan, plan_import
            from bot.imports.validation import households_bound

            if parser is None:
                facts = load_facts(engine, code, settings.data_dir)
                parser = RowParser(
                    facts,
                    Understander(facts, settings.data_dir),
                    _source_keys(engine),
                    households_bound(settings.data_dir, code),
                )
            plan = plan_import(engine, data, path.name, parser, strict=True)
            apply_plan(engine, plan, actor="seed", record_unchanged=True)
            imported.append(path.name)
    return imported


def _scoped_codes(engine: Engine, settings: Settings) -> list[str]:
    """The scope's province codes (every province in the store for ``all``)."""
    scope = settings.province_code
    if not scope.everywhere:
        return list(scope.codes)
    with Session(engine) as session:
        return sorted(session.exec(select(Region.code).where(Region.level == 1)))


def _imported_files(engine: Engine) -> set[tuple[str, str]]:
    """(file name, SHA-256) of every import batch: what :func:`bot.imports.seen_batches` returns, without loading the
    import machinery."""
    with Session(engine) as session:
        return {(name, sha) for name, sha in session.exec(select(ImportBatch.filename, ImportBatch.sha256))}


def _source_keys(engine: Engine) -> set[str]:
    with Session(engine) as session:
        return set(session.exec(select(Source.key)))


def _names_of(facts: Facts) -> tuple[object, ...]:
    """The names of a facts snapshot the understander is built from: regions, aliases, programs and their groups,
    names outside the scope. Equal after an import of figures, so what was built from them still holds
    (:meth:`Understander.for_snapshot` works out again what it reads of the figures); a change of regions or aliases
    (a new seed, a new scope) builds it again."""
    return (facts.province, facts.regions, facts.aliases, facts.programs, facts.groups, facts.outside)


class Service:
    def __init__(self, settings: Settings | None = None, *, setup: bool = True) -> None:
        self.settings = settings or get_settings()
        i18n.configure(locales_dir=self.settings.locales_dir, timezone=self.settings.timezone)
        self.engine = get_engine(self.settings.database_url)
        if setup:
            ensure_database(self.engine, self.settings)
        self._lock = Lock()
        self._answerer: Answerer | None = None
        self._understander: Understander | None = None
        self._names: tuple[object, ...] = ()
        """What ``_understander`` was built from (:func:`_names_of`): kept across imports while it stays the same."""
        self._version: int | None = None
        self._checked = 0.0
        self._general = program_texts(self.settings.data_dir).get("general", {})
        self.timings: dict[str, float] = {}
        """Seconds the last rebuild took to load the facts and to build the understander (for benchmarks)."""

    def data_version(self) -> int:
        with Session(self.engine) as session:
            meta = session.get(Meta, "data_version")
            return int(meta.value) if meta else 0

    def answerer(self) -> Answerer:
        now = time.monotonic()
        if self._answerer is not None and now - self._checked < VERSION_CHECK_SECONDS:
            return self._answerer
        with self._lock:
            version = self.data_version()
            self._checked = now
            if self._answerer is None or version != self._version:
                started = time.perf_counter()
                facts = load_facts(self.engine, self.settings.province_code.spec, self.settings.data_dir)
                loaded = time.perf_counter()
                names = _names_of(facts)
                # An import of figures changes no name the understander is built from (~1 s nationally): kept.
                kept = self._understander if names == self._names else None
                built = kept is None
                understander = Understander(facts, self.settings.data_dir) if kept is None else kept.for_snapshot(facts)
                self._understander, self._names = understander, names
                self._answerer = Answerer(facts, understander, self._general, reader=LevelReader(self.engine))
                self.timings = {"facts": loaded - started, "understander": time.perf_counter() - loaded}
                self._version = version
                log.info(
                    "facts loaded (data version %s) in %.2f s, understander %s in %.2f s",
                    version,
                    self.timings["facts"],
                    "built" if built else "kept (same names)",
                    self.timings["understander"],
                )
            return self._answerer

    def invalidate(self) -> None:
        with self._lock:
            self._answerer = None

    @property
    def facts(self) -> Facts:
        return self.answerer().facts

    def row_parser(self) -> RowParser:
        from bot.imports import RowParser
        from bot.imports.validation import households_bound

        a = self.answerer()
        bound = households_bound(self.settings.data_dir, a.facts.province.code)
        return RowParser(a.facts, a.understander, _source_keys(self.engine), bound)
