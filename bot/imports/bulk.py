"""Bulk import of a large CSV from the command line: streamed, checked row by row, applied set-based, all or nothing.

The chat upload reads a file whole and compares it with every stored figure in Python (5 MB / 50,000 rows at
most). A bulk import has no such limit and keeps memory flat whatever the size of the file or of the store:

1. the file is read line by line (:func:`bot.imports.reading.open_text`, the same header spellings, separators
   and encodings), every row checked by the chat import's own rules in chunks
   (:class:`bot.imports.validation.StreamChecker`: an ordinary row from its raw cells through per-cell caches,
   any other row by :func:`bot.imports.validation.check_records`), and the good rows are loaded into a temporary
   staging table (PostgreSQL: ``COPY`` in its text format; SQLite: ``executemany`` in batches);
2. duplicates are found in SQL, removal rows with ``*`` expanded against the store in SQL, and each staged row
   joined with the stored figure to say whether it is new, changed, unchanged or removed;
3. the store's write lock is taken and the figures, the audit trail (not for a dry run), the import batch and the
   ``data_version`` are written with a few ``INSERT … SELECT`` / ``UPDATE … FROM`` statements; a table that gets
   more new rows than half of what it holds has its indexes made again after the insert instead of maintained
   row by row (``_Stage._rebuilding``).

Everything happens in ONE transaction: an error anywhere (a bad row, the disk, the database) rolls it all back, and
a dry run always rolls back.
"""

from __future__ import annotations

import gc
import hashlib
import itertools
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, select
from sqlmodel.sql.sqltypes import UTCDateTime

from bot.figures.rollups import refresh_rollups
from bot.imports.apply import IMPORT_SOURCE_TITLE, bump_data_version, import_source_key, lock_store, source_key
from bot.imports.plan import (
    PREVIEW_PROBLEMS,
    REQUIRED,
    WILDCARD,
    Change,
    FigureRow,
    ImportPlan,
    Problem,
)
from bot.imports.reading import UnreadableFile, csv_rows, open_text, stream_rows
from bot.imports.validation import Checked, RowParser, StreamChecker
from bot.text.i18n import _, fmt_int
from models.db import session_scope
from models.tables import ALL_PROGRAMS, CoverageKind, ImportBatch, Source, utcnow

log = logging.getLogger(__name__)

CHUNK_ROWS = 10_000
"""Rows checked (and staged) at a time: the memory a bulk import holds besides the store's caches."""
REBUILD_MIN_ROWS = 50_000
"""Below this many rows written into a table its indexes are kept as they are (see ``_Stage._rebuilding``)."""
WORK_MEM = "256MB"
"""PostgreSQL's memory per sort or hash (and per index build) inside a bulk import's transaction."""
PREVIEW_CHANGES = 40
"""Changes listed in a bulk preview (the counts cover all of them)."""
STATUSES = ("added", "changed", "unchanged", "removed", "absent")

_STAGE_COLUMNS = ("row_no", "year", "program_code", "region_code", "kind", "households", "note", "src", "removal")
Staged = tuple[int, int, str, str, str, int, str | None, str, int]


@dataclass
class BulkResult:
    """What a bulk import found and did: counts, the first problems and changes (capped), the batch if applied."""

    filename: str
    sha256: str = ""
    records: int = 0
    """Data rows read (empty rows not counted)."""
    problems: list[Problem] = field(default_factory=list)
    """The first problems (errors and warnings), at most ``PREVIEW_PROBLEMS`` of each."""
    errors: int = 0
    warnings: int = 0
    notes: int = 0
    """How many problems of each severity (more than are kept)."""
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    sample: list[Change] = field(default_factory=list)
    """The first changes in file order (added, changed, removed), at most ``PREVIEW_CHANGES``."""
    batch: ImportBatch | None = None
    """The applied import (None: a dry run, refused, or nothing changed)."""
    seconds: dict[str, float] = field(default_factory=dict)
    """Where the time went: read (reading, checking and staging the rows), compare, write, commit."""

    def lap(self, phase: str, started: float) -> float:
        now = time.perf_counter()
        self.seconds[phase] = self.seconds.get(phase, 0.0) + now - started
        return now

    @property
    def ok(self) -> bool:
        return self.errors == 0

    @property
    def effective(self) -> int:
        return self.counts["added"] + self.counts["changed"] + self.counts["removed"]

    def count(self, status: str) -> int:
        return self.counts.get(status, 0)

    def add(self, problem: Problem) -> None:
        """Count the problem; keep it if fewer than ``PREVIEW_PROBLEMS`` of its severity are kept."""
        if problem.severity == "error":
            self.errors += 1
            keep = self.errors <= PREVIEW_PROBLEMS
        elif problem.severity == "note":
            self.notes += 1
            keep = self.notes <= PREVIEW_PROBLEMS
        else:
            self.warnings += 1
            keep = self.warnings <= PREVIEW_PROBLEMS
        if keep:
            self.problems.append(problem)

    def kept(self, severity: str) -> list[Problem]:
        """The problems kept of one severity ("error", "warning", "note"), in the order found."""
        return [p for p in self.problems if p.severity == severity]


class _Refused(Exception):
    """Raised inside the transaction to roll it back (the result says why)."""


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def bulk_import(
    engine: Engine,
    path: Path,
    parser: RowParser,
    actor: str,
    *,
    dry_run: bool = False,
    chunk_rows: int = CHUNK_ROWS,
) -> BulkResult:
    """Check ``path`` (a CSV of figures) row by row and, unless ``dry_run`` or a row is wrong, apply it all at once
    (figures, audit trail, rollups, ``data_version``)."""
    started = time.perf_counter()
    result = BulkResult(filename=path.name, sha256=file_sha256(path))
    collecting = gc.isenabled()
    gc.disable()  # a million rows make no reference cycles; the collector would scan every region object again
    try:
        with session_scope(engine) as session:
            _run(session, path, parser, actor[:64], result, dry_run, chunk_rows)
            started = time.perf_counter()
    except _Refused:
        pass  # rolled back; the result says why
    else:
        result.lap("commit", started)
    finally:
        if collecting:
            gc.enable()
    log.info(
        "bulk import %s: %s rows, %s errors, %s; %s",
        result.filename,
        result.records,
        result.errors,
        result.counts,
        ", ".join(f"{k} {v:.2f} s" for k, v in result.seconds.items()),
    )
    return result


def _run(
    session: Session,
    path: Path,
    parser: RowParser,
    actor: str,
    result: BulkResult,
    dry_run: bool,
    chunk_rows: int,
) -> None:
    clock = time.perf_counter()
    conn = session.connection()
    stage = _Stage(conn)
    stage.create()
    sources: dict[str, str] = {}  # source key → the name a row gave (new named sources)
    _read(path, parser, result, stage, sources, chunk_rows)
    clock = result.lap("read", clock)
    if not result.ok:
        raise _Refused
    stage.index()
    duplicates = stage.duplicates(PREVIEW_PROBLEMS)
    for row, other in duplicates:
        result.add(Problem(row, _("baris ganda: sama dengan baris {other}.").format(other=other)))
    if duplicates:
        result.errors += stage.duplicate_count() - len(duplicates)
    if not result.ok:
        raise _Refused
    lock_store(session, None, result.filename)  # the write lock first: the comparison below stays true
    stage.expand_wildcards()
    import_key = import_source_key(result.sha256)
    stage.plan(import_key)
    result.counts.update(stage.counts())
    absent = stage.rows_with_status("absent", PREVIEW_PROBLEMS)
    for row in absent:
        result.add(Problem(row, _("tidak ada angka tersimpan yang bisa dihapus di baris ini."), "warning"))
    result.warnings += result.counts["absent"] - len(absent)
    result.sample = stage.sample(PREVIEW_CHANGES)
    clock = result.lap("compare", clock)
    batch = None
    if result.effective:
        # Written even for a dry run (then rolled back): the consistency checks read the store as it would be. A
        # dry run writes no batch (nor audit rows): it would use up an import number on PostgreSQL.
        now = utcnow()
        if not dry_run:
            batch = ImportBatch(
                filename=result.filename[:255],
                sha256=result.sha256,
                imported_by=actor,
                added=result.counts["added"],
                changed=result.counts["changed"],
                unchanged=result.counts["unchanged"],
                removed=result.counts["removed"],
                imported_at=now,
            )
        if batch is not None:
            session.add(batch)
        _add_sources(session, stage.needed_sources(), sources, import_key, parser)
        session.flush()
        batch_id = batch.id if batch is not None else None
        if batch_id is not None:
            stage.audit(batch_id, actor, now, result.effective)
            clock = result.lap("audit", clock)
        stage.figures(batch_id, now, result.counts["added"], result.counts["changed"])
        clock = result.lap("write", clock)
        provinces, years, programs = stage.touched()
        refresh_rollups(session, provinces, years, programs, now=now)
        bump_data_version(session)
        session.flush()
        clock = result.lap("rollups", clock)
    for problem in stage.inconsistencies(parser.name):
        result.add(problem)
    result.lap("checks", clock)
    if dry_run or not result.effective:
        raise _Refused  # roll back: the staging tables, and for a dry run everything written
    stage.drop()
    result.batch = batch


def _read(
    path: Path, parser: RowParser, result: BulkResult, stage: _Stage, sources: dict[str, str], chunk_rows: int
) -> None:
    """Stream the file through the chat import's row checks; stage the good rows while no row has failed."""
    known = set(parser.known_sources)
    keys: dict[str | None, str] = {}  # sumber as written → its source key
    try:
        with open_text(path) as stream:
            table, rows = stream_rows(csv_rows(stream))
            missing = [c for c in REQUIRED if c not in table.columns]
            if not table.header_cells:
                result.add(Problem(None, _("Berkas kosong: tidak ada baris data di bawah judul kolom.")))
                return
            if missing:
                result.add(
                    Problem(
                        table.header_row,
                        _("Kolom wajib tidak ada: {columns}. Kolom yang dibutuhkan: {required}.").format(
                            columns=", ".join(missing), required=", ".join(REQUIRED)
                        ),
                    )
                )
                return
            for problem in table.problems:
                result.add(problem)
            checker = StreamChecker(parser, table.columns)
            while not checker.stopped and (chunk := list(itertools.islice(rows, chunk_rows))):
                plan = ImportPlan(filename=result.filename, sha256=result.sha256)
                good = checker.check(chunk, plan)
                result.records = checker.records
                for problem in plan.problems:
                    result.add(problem)
                if result.ok:
                    stage.load(list(_staged(good, known, sources, keys)))
    except UnreadableFile as exc:
        result.add(Problem(exc.row, exc.message))
        return
    if result.records == 0 and result.ok:
        result.add(Problem(None, _("Berkas kosong: tidak ada baris data di bawah judul kolom.")))


def _staged(
    rows: list[Checked], known: set[str], sources: dict[str, str], keys: dict[str | None, str]
) -> Iterator[Staged]:
    """Rows as staged: the note None when the file has no ``catatan`` column (the stored one stays), the source
    key "" when the row names none."""
    for number, year, region, program, households, kind, note, source, remove in rows:
        src = keys.get(source)
        if src is None:
            src = keys[source] = source_key(source, known, "")
            if src and src not in known and src not in sources:
                sources[src] = (source or "").strip()
        yield (number, year, program, region, kind, households, note, src, int(remove))


_COPY_SPECIAL = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_field(value: str | None) -> str:
    """A text field in PostgreSQL's COPY text format: None as ``\\N``, backslash, tab and line ends escaped."""
    if value is None:
        return "\\N"
    if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
        return value.translate(_COPY_SPECIAL)
    return value


def _copy_text(rows: list[Staged]) -> str:
    """Staged rows as the lines ``COPY … FROM STDIN`` reads (its text format), in ``_STAGE_COLUMNS`` order."""
    # Codes (program, region, kind) are the store's own: only the note and the source key are free text.
    field, null = _copy_field, "\\N"
    lines = [
        f"{row_no}\t{year}\t{program}\t{region}\t{kind}\t{households}\t"
        f"{null if note is None else field(note)}\t{field(src) if src else ''}\t{removal}\n"
        for row_no, year, program, region, kind, households, note, src, removal in rows
    ]
    return "".join(lines)


def _add_sources(session: Session, needed: set[str], named: dict[str, str], import_key: str, parser: RowParser) -> None:
    """The sources the written figures point to that are not stored yet: those named in ``sumber``, and the import
    itself for new figures without one."""
    stored = set(session.exec(select(Source.key).where(Source.key.in_(needed))))  # type: ignore[attr-defined]
    for key in sorted(needed - stored):
        if key == import_key:
            title = IMPORT_SOURCE_TITLE
            publisher = f"Dinas Sosial Provinsi {parser.facts.province.name}"
        else:
            title = publisher = named.get(key, key)
        session.add(Source(key=key, title=title, publisher=publisher, official="", period="", published=None))


class _Stage:
    """The temporary tables of one bulk import, on the transaction's own connection."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.postgres = conn.dialect.name == "postgresql"
        self.staged = 0
        """Rows staged (before ``*`` rows are expanded)."""
        self._counts: dict[str, int] = {}

    def _sql(self, sql: str, **params: Any) -> Any:
        return self.conn.execute(text(sql), params)

    def create(self) -> None:
        if self.postgres:  # for this transaction only: sorts, hashes and index builds of a million rows in memory
            self._sql(f"SET LOCAL work_mem = '{WORK_MEM}'")
            self._sql(f"SET LOCAL maintenance_work_mem = '{WORK_MEM}'")
            try:  # the staging tables in the server's memory rather than in temporary files
                with self.conn.begin_nested():
                    self._sql(f"SET LOCAL temp_buffers = '{WORK_MEM}'")
            except DBAPIError:  # this session has used temporary tables before: their buffers are fixed
                log.info("bulk import: temp_buffers kept as they are")
        temp = "ON COMMIT DROP" if self.postgres else ""
        self.drop()  # SQLite: left on this pooled connection by an import that failed before its transaction began
        self._sql(
            "CREATE TEMP TABLE bulk_in (row_no INTEGER NOT NULL, year INTEGER NOT NULL, "
            "program_code VARCHAR(16) NOT NULL, region_code VARCHAR(16) NOT NULL, kind VARCHAR(16) NOT NULL, "
            f"households INTEGER NOT NULL, note TEXT, src VARCHAR(80) NOT NULL, removal SMALLINT NOT NULL) {temp}"
        )

    def load(self, rows: list[Staged]) -> None:
        raw: Any = self.conn.connection.driver_connection  # psycopg or sqlite3, inside this transaction
        self.staged += len(rows)
        if self.postgres:
            with raw.cursor() as cur, cur.copy(f"COPY bulk_in ({', '.join(_STAGE_COLUMNS)}) FROM STDIN") as copy:
                copy.write(_copy_text(rows))  # one block of COPY's text format: write_row costs ~5 µs a row
            return
        cur = raw.cursor()
        try:
            cur.executemany(f"INSERT INTO bulk_in VALUES ({', '.join('?' * len(_STAGE_COLUMNS))})", rows)
        finally:
            cur.close()

    def index(self) -> None:
        """Statistics for the planner (PostgreSQL). No index: the duplicates and the comparison read every staged
        row once (a hash or a sort), which costs less than building one over a million rows first."""
        if self.postgres:
            self._sql("ANALYZE bulk_in")

    def duplicates(self, limit: int) -> list[tuple[int, int]]:
        """(row, first row with the same figure) for rows that repeat a figure of an earlier chunk."""
        rows = self._sql(
            "SELECT MAX(row_no), MIN(row_no) FROM bulk_in GROUP BY year, program_code, region_code, kind "
            "HAVING COUNT(*) > 1 ORDER BY MIN(row_no) LIMIT :limit",
            limit=limit,
        )
        return [(int(a), int(b)) for a, b in rows]

    def duplicate_count(self) -> int:
        return int(
            self._sql(
                "SELECT COALESCE(SUM(n - 1), 0) FROM (SELECT COUNT(*) AS n FROM bulk_in "
                "GROUP BY year, program_code, region_code, kind HAVING COUNT(*) > 1) d"
            ).scalar_one()
        )

    def expand_wildcards(self) -> None:
        """A removal row with ``*`` becomes one row per matching stored figure not named by a row of its own (the
        first such row in the file wins), as :func:`bot.imports.apply.expand` does."""
        wild = "(w.program_code = :w OR w.region_code = :w)"
        if not self._sql(f"SELECT 1 FROM bulk_in w WHERE {wild} LIMIT 1", w=WILDCARD).first():
            return
        self._sql("CREATE INDEX bulk_in_key ON bulk_in (year, program_code, region_code, kind)")  # NOT EXISTS below
        self._sql(
            "INSERT INTO bulk_in (row_no, year, program_code, region_code, kind, households, note, src, removal) "
            "SELECT MIN(w.row_no), c.year, c.program_code, c.region_code, c.kind, 0, NULL, '', 1 "
            "FROM bulk_in w JOIN coverage c ON c.year = w.year "
            "AND (w.program_code = :w OR c.program_code = w.program_code) "
            "AND (w.region_code = :w OR c.region_code = w.region_code) "
            f"WHERE {wild} AND NOT EXISTS (SELECT 1 FROM bulk_in e WHERE e.year = c.year "
            "AND e.program_code = c.program_code AND e.region_code = c.region_code AND e.kind = c.kind) "
            "GROUP BY c.year, c.program_code, c.region_code, c.kind",
            w=WILDCARD,
        )
        self._sql("DELETE FROM bulk_in WHERE program_code = :w OR region_code = :w", w=WILDCARD)

    def plan(self, import_key: str) -> None:
        """``bulk_plan``: every staged row with the stored figure it replaces and what happens to it."""
        new_src = (
            "CASE WHEN i.src <> '' THEN i.src WHEN c.id IS NOT NULL AND COALESCE(s.key, '') <> '' THEN s.key "
            "ELSE :import_key END"
        )
        temp = "ON COMMIT DROP" if self.postgres else ""
        # PostgreSQL: joining many staged rows, one hash over the stored figures beats one index look-up per row
        # (which the planner picks from the index alone: 4.6 s against 0.9 s for a million rows).
        hash_join = self.postgres and self.staged * 4 >= self._rows("coverage")
        if hash_join:
            self._sql("SET LOCAL enable_nestloop = off")
        self._sql(
            f"CREATE TEMP TABLE bulk_plan {temp} AS SELECT i.row_no, i.year, i.program_code, i.region_code, i.kind, "
            "i.households, i.note, i.removal, c.id AS cov_id, c.households AS old_households, "
            "COALESCE(c.note, '') AS old_note, COALESCE(s.key, '') AS old_src, "
            f"COALESCE(i.note, c.note, '') AS new_note, {new_src} AS new_src, "
            "CASE WHEN i.removal = 1 THEN (CASE WHEN c.id IS NULL THEN 'absent' ELSE 'removed' END) "
            "WHEN c.id IS NULL THEN 'added' "
            "WHEN c.households <> i.households OR COALESCE(i.note, c.note, '') <> COALESCE(c.note, '') "
            f"OR {new_src} <> COALESCE(s.key, '') THEN 'changed' ELSE 'unchanged' END AS status "
            "FROM bulk_in i LEFT JOIN coverage c ON c.year = i.year AND c.program_code = i.program_code "
            "AND c.region_code = i.region_code AND c.kind = i.kind LEFT JOIN source s ON s.id = c.source_id",
            import_key=import_key,
        )
        if hash_join:
            self._sql("SET LOCAL enable_nestloop = on")
        self._sql("CREATE INDEX bulk_plan_status ON bulk_plan (status, row_no)")
        if self.postgres:
            self._sql("ANALYZE bulk_plan")  # temporary tables get no statistics otherwise: the joins below need them

    def counts(self) -> dict[str, int]:
        return {str(s): int(n) for s, n in self._sql("SELECT status, COUNT(*) FROM bulk_plan GROUP BY status")}

    def rows_with_status(self, status: str, limit: int) -> list[int]:
        rows = self._sql(
            "SELECT row_no FROM bulk_plan WHERE status = :s ORDER BY row_no LIMIT :limit", s=status, limit=limit
        )
        return [int(r) for (r,) in rows]

    def sample(self, limit: int) -> list[Change]:
        rows = self._sql(
            "SELECT row_no, year, region_code, program_code, households, kind, note, removal, old_households, "
            "old_note, old_src, new_src FROM bulk_plan WHERE status IN ('added', 'changed', 'removed') "
            "ORDER BY row_no LIMIT :limit",
            limit=limit,
        )
        out = []
        for row_no, year, region, program, households, kind, note, removal, old, old_note, old_src, new_src in rows:
            figure = FigureRow(row_no, year, region, program, households, kind, note, None, bool(removal))
            out.append(Change(figure, old, old_note, old_src, new_src))
        return out

    def inconsistencies(self, name: Callable[[str], str]) -> list[Problem]:
        """Warnings and notes once the import is written (before the commit), the rules of
        :func:`bot.imports.validation.check_consistency` set-based, per province, read from the refreshed rollups:

        - a kab/kota or kecamatan whose own figure is less than the sum below it (a warning), or more (a note: KK
          not broken down), where the region or one below it is in the file;
        - a program's reported total (``jenis`` total) against its kab/kota plus the unallocated figure, and the
          grand total against every program, for the provinces, years and programs in the file."""
        out: list[Problem] = []
        region = CoverageKind.REGION.value
        touched = (
            "SELECT DISTINCT year, program_code, region_code AS code FROM bulk_plan "
            "WHERE length(region_code) IN (5, 8) "
            "UNION SELECT DISTINCT year, program_code, substr(region_code, 1, 5) FROM bulk_plan "
            "WHERE length(region_code) > 5 "
            "UNION SELECT DISTINCT year, program_code, substr(region_code, 1, 8) FROM bulk_plan "
            "WHERE length(region_code) > 8"
        )
        parents = self._sql(
            "SELECT 1 FROM coverage c WHERE c.province_code IN (SELECT DISTINCT substr(region_code, 1, 2) "
            "FROM bulk_plan) AND c.level IN (2, 3) AND c.year IN (SELECT DISTINCT year FROM bulk_plan) "
            "AND c.kind = :region LIMIT 1",
            region=region,
        ).first()
        rows = (
            []
            if parents is None
            else self._sql(  # desa rows alone (the usual bulk file): no parent to check
                "SELECT c.region_code, c.program_code, c.year, c.households, r.households, r.children, p.row_no "
                f"FROM ({touched}) t JOIN coverage c ON c.year = t.year AND c.program_code = t.program_code "
                "AND c.region_code = t.code AND c.kind = :region "
                "JOIN rollup r ON r.year = c.year AND r.program_code = c.program_code "
                "AND r.region_code = c.region_code "
                "LEFT JOIN bulk_plan p ON p.year = c.year AND p.program_code = c.program_code "
                "AND p.region_code = c.region_code AND p.kind = c.kind "
                "WHERE r.households <> c.households AND c.program_code <> :all "
                "ORDER BY c.region_code, c.program_code, c.year",
                region=region,
                all=ALL_PROGRAMS,
            )
        )
        for code, program, year, own, below, count, row in rows:
            values = {
                "region": name(code),
                "program": program,
                "year": year,
                "own": fmt_int(own),
                "n": fmt_int(count),
                "below": fmt_int(below),
                "missing": fmt_int(own - below),
            }
            if below > own:
                message = _(
                    "{region} {program} {year}: angkanya sendiri {own} KK, tetapi {n} wilayah di bawahnya "
                    "berjumlah {below} KK (lebih banyak)."
                )
                out.append(Problem(row, message.format(**values), "warning"))
            else:
                message = _(
                    "{region} {program} {year}: {missing} dari {own} KK belum dirinci ke wilayah di bawahnya "
                    "({n} wilayah berjumlah {below} KK)."
                )
                out.append(Problem(row, message.format(**values), "note"))
        out += self._total_problems()
        return out

    def _total_problems(self) -> list[Problem]:
        """Reported totals of the file's provinces and years against their parts once written: a program's total
        against the province's rollup (its kab/kota) plus its unallocated figure, the grand total against every
        program's parts. A few indexed reads (totals are a handful of rows), the sums in Python."""
        groups = {
            (str(p), int(y)) for p, y in self._sql("SELECT DISTINCT substr(region_code, 1, 2), year FROM bulk_plan")
        }
        programs = {str(p) for (p,) in self._sql("SELECT DISTINCT program_code FROM bulk_plan")}
        provinces, years = sorted({p for p, _y in groups}), sorted({y for _p, y in groups})
        where = "region_code IN :provinces AND year IN :years"
        params = {"provinces": provinces, "years": years}

        def read(sql: str, **extra: Any) -> list[Any]:
            stmt = text(sql).bindparams(bindparam("provinces", expanding=True), bindparam("years", expanding=True))
            return list(self.conn.execute(stmt, {**params, **extra}))

        totals = read(
            f"SELECT region_code, year, program_code, households FROM coverage WHERE {where} AND kind = :kind "
            "ORDER BY region_code, year, program_code",
            kind=CoverageKind.TOTAL.value,
        )
        totals = [t for t in totals if (t[0], t[1]) in groups and (t[2] == ALL_PROGRAMS or t[2] in programs)]
        if not totals:
            return []
        parts: dict[tuple[str, int, str], int] = {}
        for code, year, program, households in read(
            f"SELECT region_code, year, program_code, households FROM rollup WHERE {where}"
        ) + read(
            f"SELECT region_code, year, program_code, households FROM coverage WHERE {where} AND kind = :kind",
            kind=CoverageKind.UNALLOCATED.value,
        ):
            if program != ALL_PROGRAMS:
                key = (str(code), int(year), str(program))
                parts[key] = parts.get(key, 0) + int(households)
        rows_at = {
            (str(c), int(y), str(p)): int(n)
            for c, y, p, n in self._sql(
                "SELECT region_code, year, program_code, row_no FROM bulk_plan WHERE kind = :kind",
                kind=CoverageKind.TOTAL.value,
            )
        }
        out = []
        for code, year, program, reported in sorted(totals, key=lambda t: (t[0], t[1], t[2] == ALL_PROGRAMS, t[2])):
            if program == ALL_PROGRAMS:
                summed = sum(v for (c, y, _p), v in parts.items() if c == code and y == year)
                message = _("total seluruh program {year} = {reported}, tetapi jumlah semua baris = {parts}.")
            else:
                summed = parts.get((code, year, program), 0)
                message = _("total {program} {year} = {reported}, tetapi jumlah per wilayah + tanpa rincian = {parts}.")
            if summed != int(reported):
                values = {
                    "program": program,
                    "year": year,
                    "reported": fmt_int(int(reported)),
                    "parts": fmt_int(summed),
                }
                out.append(Problem(rows_at.get((code, year, program)), message.format(**values), "warning"))
        return out

    def needed_sources(self) -> set[str]:
        rows = self._sql("SELECT DISTINCT new_src FROM bulk_plan WHERE status IN ('added', 'changed')")
        return {str(k) for (k,) in rows}

    def audit(self, batch_id: int, actor: str, now: datetime, rows: int) -> None:
        """The audit trail of an applied import (a dry run writes none): one row per figure added, changed or
        removed."""
        stamp = bindparam("now", type_=UTCDateTime())
        with self._rebuilding("auditlog", rows):
            self.conn.execute(
                text(
                    "INSERT INTO auditlog (batch_id, at, actor, year, program_code, region_code, kind, old_value, "
                    "new_value, old_note, new_note, old_source, new_source) "
                    "SELECT :batch, :now, :actor, year, program_code, region_code, kind, old_households, "
                    "CASE WHEN removal = 1 THEN NULL ELSE households END, "
                    "CASE WHEN cov_id IS NULL THEN NULL ELSE old_note END, "
                    "CASE WHEN removal = 1 THEN NULL ELSE new_note END, "
                    "CASE WHEN cov_id IS NULL THEN NULL ELSE old_src END, "
                    "CASE WHEN removal = 1 THEN NULL ELSE new_src END "
                    "FROM bulk_plan WHERE status IN ('added', 'changed', 'removed') ORDER BY row_no"
                ).bindparams(stamp),
                {"batch": batch_id, "now": now, "actor": actor},
            )

    def figures(self, batch_id: int | None, now: datetime, added: int, changed: int) -> None:
        """The figures: removed ones deleted, new ones inserted (in the order of the region codes: every coverage
        index but the unique key starts with the region's place, so each index is written near its end instead of
        all over it), changed ones updated.

        An update never runs inside an index rebuild: on PostgreSQL an index built over rows this transaction has
        updated in place (HOT) is unusable until the transaction ends (``pg_index.indcheckxmin``), and the rollups
        and checks after it would read without it (a run that did so took minutes). So on PostgreSQL, when the
        changed figures are enough to rebuild for (every figure of a year corrected: an update there writes a new
        entry into every index), they are deleted and inserted again instead; SQLite updates in place, and no
        index holds the updated columns."""
        stamp = bindparam("now", type_=UTCDateTime())
        # The place columns from the dotted Kemendagri code, as models.tables.region_level reads it.
        level = "CASE length(p.region_code) WHEN 2 THEN 1 WHEN 5 THEN 2 WHEN 8 THEN 3 ELSE 4 END"
        kab = "CASE WHEN length(p.region_code) >= 5 THEN substr(p.region_code, 1, 5) END"
        kec = "CASE WHEN length(p.region_code) >= 8 THEN substr(p.region_code, 1, 8) END"
        rewrite = self.postgres and self._rebuilds("coverage", added + changed)
        written = "('added', 'changed')" if rewrite else "('added')"
        gone = "('removed', 'changed')" if rewrite else "('removed')"
        with self._rebuilding("coverage", added + (changed if rewrite else 0)):
            self._sql(f"DELETE FROM coverage WHERE id IN (SELECT cov_id FROM bulk_plan WHERE status IN {gone})")
            self.conn.execute(
                text(
                    "INSERT INTO coverage (year, program_code, region_code, kind, households, note, source_id, "
                    "updated_at, batch_id, level, province_code, kab_code, kec_code) "
                    "SELECT p.year, p.program_code, p.region_code, p.kind, p.households, p.new_note, s.id, :now, "
                    f":batch, {level}, substr(p.region_code, 1, 2), {kab}, {kec} "
                    f"FROM bulk_plan p JOIN source s ON s.key = p.new_src WHERE p.status IN {written} "
                    "ORDER BY p.region_code, p.year, p.program_code, p.kind"
                ).bindparams(stamp),
                {"batch": batch_id, "now": now},
            )
        if not rewrite:
            self.conn.execute(
                text(
                    "UPDATE coverage SET households = p.households, note = p.new_note, source_id = s.id, "
                    "updated_at = :now, batch_id = :batch FROM bulk_plan p JOIN source s ON s.key = p.new_src "
                    "WHERE coverage.id = p.cov_id AND p.status = 'changed'"
                ).bindparams(stamp),
                {"batch": batch_id, "now": now},
            )

    @contextmanager
    def _rebuilding(self, table: str, adding: int) -> Iterator[None]:
        """Around writing ``adding`` rows into ``table``: when that is more than half of what the table holds (a
        first national load), its secondary indexes — and on PostgreSQL its
        unique and foreign-key constraints — are dropped first and made again after, in this transaction: building
        an index from all rows at once (a sort) costs a fraction of inserting a million entries one by one, and
        re-adding a foreign key checks every row in one join. The same definitions are read back from the
        database, so the table ends as it was; anything failing rolls it all back. On PostgreSQL the table is
        locked until the commit (answers wait for the import); on SQLite readers keep the last committed state."""
        if not self._rebuilds(table, adding):
            yield
            return
        drop, make = self._definitions(table)
        for statement in drop:
            self._sql(statement)
        yield
        for statement in make:
            self._sql(statement)
        if (
            self.postgres
            and self._sql(
                "SELECT 1 FROM pg_index WHERE indrelid = CAST(:t AS regclass) AND indcheckxmin LIMIT 1", t=table
            ).first()
        ):
            # Rows updated in place by a transaction some session may still see: correct, but this transaction's
            # remaining statements cannot use the new indexes (slow), and the next import should wait for VACUUM.
            log.warning("bulk import: the rebuilt indexes of %s are not usable until this transaction ends", table)

    def _rebuilds(self, table: str, adding: int) -> bool:
        """Whether writing ``adding`` rows into ``table`` rebuilds its indexes (see ``_rebuilding``)."""
        return adding >= REBUILD_MIN_ROWS and adding * 2 > self._rows(table)

    def _rows(self, table: str) -> int:
        """The rows ``table`` holds (counted once: the store's write lock is held from the comparison on)."""
        if table not in self._counts:
            self._counts[table] = int(self._sql(f"SELECT COUNT(*) FROM {table}").scalar_one())
        return self._counts[table]

    def _definitions(self, table: str) -> tuple[list[str], list[str]]:
        """(statements dropping, statements making again) the secondary indexes and constraints of ``table``."""
        if not self.postgres:
            indexes = self._sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = :t AND sql IS NOT NULL",
                t=table,
            ).all()
            return [f'DROP INDEX "{name}"' for name, _sql in indexes], [str(sql) for _name, sql in indexes]
        constraints = self._sql(
            "SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = CAST(:t AS regclass) AND contype IN ('u', 'f') ORDER BY contype DESC, conname",
            t=table,
        ).all()
        indexes = self._sql(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() "
            "AND i.tablename = :t AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
            "WHERE c.conrelid = CAST(:t AS regclass) AND c.conname = i.indexname) ORDER BY i.indexname",
            t=table,
        ).all()
        drop = [f'ALTER TABLE {table} DROP CONSTRAINT "{name}"' for name, kind, _d in constraints if kind == "f"]
        drop += [f'ALTER TABLE {table} DROP CONSTRAINT "{name}"' for name, kind, _d in constraints if kind == "u"]
        drop += [f'DROP INDEX "{name}"' for name, _d in indexes]
        make = [f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {d}' for name, kind, d in constraints if kind == "u"]
        make += [str(d) for _name, d in indexes]
        make += [f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {d}' for name, kind, d in constraints if kind == "f"]
        return drop, make

    def touched(self) -> tuple[set[str], set[int], set[str]]:
        """The provinces, years and programs of the figures written (what the rollups must be refreshed for)."""
        rows = self._sql(
            "SELECT DISTINCT substr(region_code, 1, 2), year, program_code FROM bulk_plan "
            "WHERE status IN ('added', 'changed', 'removed')"
        ).all()
        return {str(r[0]) for r in rows}, {int(r[1]) for r in rows}, {str(r[2]) for r in rows}

    def drop(self) -> None:
        if not self.postgres:  # PostgreSQL drops them at commit
            self._sql("DROP TABLE IF EXISTS temp.bulk_plan")
            self._sql("DROP TABLE IF EXISTS temp.bulk_in")
