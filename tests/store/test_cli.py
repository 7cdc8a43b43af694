"""The ``tanyabansos`` command on a real SQLite file. What each sub-command prints and returns is checked in-process
(``run``); the installed script itself, started as a person starts it, runs as a real subprocess (``run_installed``)
where the process is the point: creating its database on first use and a piped console."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import copy_store, run_cli_in_process

TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(\s[^<>]*)?>")


def find_executable() -> str:
    beside = Path(sys.executable).parent / "tanyabansos"
    if beside.exists():
        return str(beside)
    found = shutil.which("tanyabansos")
    if found is None:
        pytest.fail("the tanyabansos command is not installed (pip install -e .)")
    return found


EXE = find_executable()


def run(db: Path, *args: str, stdin: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return run_cli_in_process(args, {"DATABASE_URL": f"sqlite:///{db}"}, cwd or db.parent, stdin=stdin)


def run_installed(
    db: Path, *args: str, stdin: str | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PROVINCE_CODE", "DATA_DIR")}
    env["DATABASE_URL"] = f"sqlite:///{db}"
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(
        [EXE, *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=cwd or db.parent,
        timeout=120,
    )


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert "Traceback" not in result.stdout, result.stdout


@pytest.fixture(scope="module")
def db(seeded_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A seeded database (a copy of the session's template) the in-process commands read."""
    folder = tmp_path_factory.mktemp("cli")
    copy_store(seeded_template, folder, "tanyabansos.sqlite3")
    return folder / "tanyabansos.sqlite3"


def test_the_installed_command_creates_and_seeds_its_database_on_first_use(tmp_path: Path) -> None:
    path = tmp_path / "tanyabansos.sqlite3"
    assert not path.exists()
    first = run_installed(path, "ask", "berapa KK di Lingga?")
    no_traceback(first)
    assert first.returncode == 0, first.stderr
    assert "7.408" in first.stdout
    assert path.exists()


def test_asks_one_question_and_gets_the_figure_as_plain_text(db: Path) -> None:
    result = run(db, "ask", "berapa KK di Lingga?")

    assert result.returncode == 0, result.stderr
    no_traceback(result)
    assert "Kabupaten Lingga" in result.stdout and "7.408" in result.stdout
    assert not TAG.search(result.stdout), result.stdout
    assert "&lt;" not in result.stdout and "&amp;" not in result.stdout


def test_asks_many_questions_as_json_lines(db: Path) -> None:
    questions = ["berapa KK di Lingga?", "halo", "", "Batam vs Bintan", "asdfgh qwerty"]
    result = run(db, "ask", "--jsonl", stdin="\n".join(questions) + "\n")

    assert result.returncode == 0, result.stderr
    no_traceback(result)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["question"] for r in records] == [q for q in questions if q]
    assert all({"question", "reply", "intent"} <= set(r) for r in records)
    assert [r["intent"] for r in records] == ["figures", "greeting", "compare", "unknown"]
    assert "7.408" in records[0]["reply"] and not TAG.search(records[0]["reply"])
    assert "23.945" in records[2]["reply"] and "8.686" in records[2]["reply"]


def test_chats_and_follows_a_numbered_choice(db: Path) -> None:
    result = run(db, "chat", stdin="berapa KK di Lingga?\n1\n")

    assert result.returncode == 0, result.stderr
    no_traceback(result)
    out = result.stdout
    assert "7.408" in out
    # Choice 1 under Lingga's figures is its first program: Kesejahteraan Keluarga in Lingga.
    follow_up = out[out.index("7.408") :]
    assert "Kesejahteraan Keluarga di Kabupaten Lingga" in follow_up and "2.800 KK" in follow_up, out
    assert not TAG.search(out)


def test_chat_with_a_choice_number_that_is_not_offered_treats_it_as_a_question(db: Path) -> None:
    result = run(db, "chat", stdin="halo\n99\n")

    assert result.returncode == 0, result.stderr
    no_traceback(result)
    assert "Maaf, saya belum paham" in result.stdout


def test_db_init_twice_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "fresh.sqlite3"

    first = run(path, "db", "init")
    second = run(path, "db", "init")

    for result in (first, second):
        assert result.returncode == 0, result.stderr
        no_traceback(result)
    assert "figure files imported: 2022-harian-kepri.csv" in first.stdout
    assert "reference rows added/corrected: 0" in second.stdout
    assert "figure files imported: none" in second.stdout
    assert "7.408" in run(path, "ask", "lingga").stdout


def test_asks_without_a_question_and_gets_a_usage_error(db: Path) -> None:
    result = run(db, "ask", stdin="")

    assert result.returncode == 2
    no_traceback(result)
    assert "usage:" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("question", ["", "   "])
def test_asks_an_empty_question_and_gets_a_usage_error(db: Path, question: str) -> None:
    result = run(db, "ask", question)

    no_traceback(result)
    assert result.returncode == 2, result.stdout
    assert "usage:" in result.stderr


def test_asks_in_english(db: Path) -> None:
    result = run(db, "ask", "--lang", "en", "how many households in Lingga?")

    assert result.returncode == 0, result.stderr
    no_traceback(result)
    assert "7,408" in result.stdout


def test_an_unknown_language_is_a_usage_error(db: Path) -> None:
    result = run(db, "ask", "--lang", "fr", "lingga")

    assert result.returncode == 2
    no_traceback(result)
    assert "invalid choice" in result.stderr


def test_questions_piped_to_ask_are_answered_without_jsonl(db: Path) -> None:
    result = run(db, "ask", stdin="berapa KK di Lingga?\n\nberapa KK di Batam?\n")

    assert result.returncode == 0, result.stderr
    no_traceback(result)
    assert "7.408" in result.stdout and "23.945" in result.stdout
    assert not TAG.search(result.stdout), result.stdout


def test_the_console_answers_the_bots_commands_like_the_bot(db: Path) -> None:
    result = run(db, "chat", stdin="/bantuan\n/program\n/wilayah\n/tentang\n")

    assert result.returncode == 0, result.stderr
    no_traceback(result)
    assert "belum paham" not in result.stdout.lower(), result.stdout
    assert "Kabupaten Lingga" in result.stdout or "Lingga" in result.stdout
    assert "UEP" in result.stdout or "Usaha Ekonomi Produktif" in result.stdout


@pytest.mark.parametrize("word", ["keluar", "exit"])
def test_keluar_or_exit_ends_the_console_instead_of_being_asked(db: Path, word: str) -> None:
    result = run(db, "chat", stdin=f"{word}\nberapa KK di Lingga?\n")

    assert result.returncode == 0, result.stderr
    no_traceback(result)
    assert "belum paham" not in result.stdout.lower(), result.stdout
    assert "7.408" not in result.stdout, "the console went on after the exit word"


def test_a_piped_console_leaves_no_dangling_prompt(db: Path) -> None:
    result = run_installed(db, "chat", stdin="berapa KK di Lingga?\n")

    assert result.returncode == 0, result.stderr
    assert "7.408" in result.stdout
    assert "> " not in result.stdout, result.stdout
    assert result.stdout.endswith("\n") and not result.stdout.endswith("\n\n"), repr(result.stdout[-80:])


def test_a_reader_that_stops_reading_gets_no_traceback(db: Path) -> None:
    """`tanyabansos ask --jsonl < questions | head -1`: the pipe closes after the first line; the command stops
    quietly instead of printing a BrokenPipeError traceback."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PROVINCE_CODE", "DATA_DIR")}
    env["DATABASE_URL"] = f"sqlite:///{db}"
    questions = "berapa KK di Lingga?\n" * 400
    with subprocess.Popen(
        [EXE, "ask", "--jsonl"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=db.parent,
    ) as process:
        assert process.stdin is not None and process.stdout is not None and process.stderr is not None
        process.stdin.write(questions.encode())
        process.stdin.close()
        first = process.stdout.readline()
        process.stdout.close()  # the reader goes away with hundreds of replies still to write
        error = process.stderr.read().decode()
        code = process.wait(timeout=120)
    assert b"7.408" in first
    assert "Traceback" not in error, error
    assert code == 0
