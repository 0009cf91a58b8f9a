"""Running the bot as a service: backups, restores, and one clear line for every mistake
in the settings, before anything touches the network (issue 13)."""

from __future__ import annotations

import asyncio
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from storage import Storage
from storage.migrations import MIGRATIONS

LATEST = MIGRATIONS[-1][0]

# As root every file can be written; the CLI then runs as 'nobody', so a read-only
# folder is read-only for it as well.
SETPRIV = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


def _as_nobody() -> list[str]:
    """The prefix that runs the CLI as 'nobody', when root and 'nobody' can run this Python
    (a Python under /root, such as pyenv's, cannot be run by 'nobody')."""
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        return []
    trial = subprocess.run([*SETPRIV, sys.executable, "-c", ""], capture_output=True)
    return SETPRIV if trial.returncode == 0 else []


AS_NOBODY = _as_nobody()
# As root without 'nobody', every folder can be written: a read-only folder cannot be made.
NO_READ_ONLY = os.geteuid() == 0 and not AS_NOBODY
NOWHERE = "http://127.0.0.1:9/"  # nothing listens here: a test that reaches it fails


@pytest.fixture
def place() -> Iterator[Path]:
    """A folder the CLI (perhaps as 'nobody') may write in."""
    folder = Path(tempfile.mkdtemp(prefix="pk-service-"))
    folder.chmod(0o777)
    yield folder
    for path in folder.rglob("*"):
        if path.is_dir():
            path.chmod(0o755)
    shutil.rmtree(folder, ignore_errors=True)


def cli(place: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {"PATH": "/usr/bin:/bin", "HOME": str(place), "PARTNERSCHAPKAART_WEB": "",
                   "TELEGRAM_API_BASE_URL": NOWHERE, **env}  # fmt: skip
    return subprocess.run(
        [*AS_NOBODY, sys.executable, "-m", "bot.cli", *args], env=environment, cwd=place,
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def read_only(folder: Path) -> Path:
    if NO_READ_ONLY:
        pytest.skip("root, and 'nobody' cannot run this Python: no folder is read-only")
    folder.chmod(0o555)
    return folder


async def _workshop(db: Path, goal: str) -> None:
    storage = await Storage.open(db)
    try:
        await storage.create_workshop(code=f"code-{goal}", goal=goal, facilitator_id=1,
                                      plenary_chat_id=-1, lang="nl", now="2026-12-01T10:00:00")
    finally:
        await storage.close()


def workshop_file(db: Path, goal: str = "de wijk") -> Path:
    asyncio.run(_workshop(db, goal))
    db.chmod(0o666)
    for extra in db.parent.glob(db.name + "-*"):
        extra.chmod(0o666)
    return db


def goals(db: Path) -> list[str]:
    with closing(sqlite3.connect(db)) as conn, conn:
        return [row[0] for row in conn.execute("SELECT goal FROM workshops ORDER BY id")]


# -- backup and restore ------------------------------------------------------------------


def test_a_backup_is_a_full_copy_and_never_overwrites(place):
    db = workshop_file(place / "bot.sqlite3")
    result = cli(place, "backup", "kopie.sqlite3", PARTNERSCHAPKAART_DB=str(db))
    assert result.returncode == 0, result.stderr
    assert "kopie.sqlite3" in result.stdout
    assert goals(place / "kopie.sqlite3") == ["de wijk"]
    again = one_line(cli(place, "backup", "kopie.sqlite3", PARTNERSCHAPKAART_DB=str(db)))
    assert "bestaat al" in again
    assert goals(place / "kopie.sqlite3") == ["de wijk"]


def test_a_backup_while_the_bot_writes_holds_what_was_committed(place):
    db = workshop_file(place / "bot.sqlite3")
    # A bot that runs: its connection holds the file, with committed data in the -wal.
    running = sqlite3.connect(db)
    running.execute("PRAGMA journal_mode=WAL")
    running.execute("PRAGMA wal_autocheckpoint=0")
    running.execute("UPDATE workshops SET goal = 'het dorp'")
    running.commit()
    assert Path(str(db) + "-wal").stat().st_size > 0
    try:
        result = cli(place, "backup", "kopie.sqlite3", "--db", str(db))
    finally:
        running.close()
    assert result.returncode == 0, result.stderr
    assert goals(place / "kopie.sqlite3") == ["het dorp"]


def test_restore_puts_the_backup_back_and_keeps_the_old_file_aside(place):
    db = workshop_file(place / "bot.sqlite3", "eerst")
    assert cli(place, "backup", "kopie.sqlite3", "--db", str(db)).returncode == 0
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("UPDATE workshops SET goal = 'later'")
    result = cli(place, "restore", "kopie.sqlite3", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert goals(db) == ["eerst"]
    [aside] = place.glob("bot.sqlite3.voor-terugzetten-*[0-9]")
    assert goals(aside) == ["later"]
    assert str(aside.name) in result.stdout


def test_restore_refuses_while_a_bot_holds_the_database(place):
    db = workshop_file(place / "bot.sqlite3")
    assert cli(place, "backup", "kopie.sqlite3", "--db", str(db)).returncode == 0
    # A live bot on another computer, heartbeat now.
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("INSERT INTO bot_lease (id, host, pid, since, heartbeat) VALUES "
                     "(1, 'elders', 4242, datetime('now'), strftime('%Y-%m-%dT%H:%M:%S+00:00'))")
        conn.execute("UPDATE workshops SET goal = 'nu'")
    line = one_line(cli(place, "restore", "kopie.sqlite3", "--db", str(db)))
    assert "draait een bot" in line
    assert "elders" in line
    assert goals(db) == ["nu"]


def test_restore_refuses_a_file_that_is_no_partnerschapkaart_database(place):
    db = workshop_file(place / "bot.sqlite3")
    (place / "ander.sqlite3").unlink(missing_ok=True)
    with closing(sqlite3.connect(place / "ander.sqlite3")) as other, other:
        other.execute("CREATE TABLE iets (x)")
    (place / "tekst.txt").write_text("hallo")
    for wrong in ("ander.sqlite3", "tekst.txt"):
        assert "geen database van partnerschapkaart" in one_line(
            cli(place, "restore", wrong, "--db", str(db))
        )
    assert goals(db) == ["de wijk"]


def test_a_migration_first_makes_a_backup_next_to_the_database(tmp_path):
    db = tmp_path / "oud.sqlite3"
    with closing(sqlite3.connect(db)) as conn, conn:  # a file on schema version 1
        conn.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, "
                     "name TEXT NOT NULL, applied_at TEXT)")
        for statement in MIGRATIONS[0][2].split(";"):
            if statement.strip():
                conn.execute(statement)
        conn.execute("INSERT INTO schema_migrations (version, name) VALUES (1, 'eerste')")
    async def open_and_close() -> None:  # opening migrates
        await (await Storage.open(db)).close()

    asyncio.run(open_and_close())
    [made] = tmp_path.glob("oud.sqlite3.v1-*.bak")
    with closing(sqlite3.connect(made)) as conn, conn:
        assert conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0] == 1


def test_a_database_of_a_newer_version_stops_the_bot_with_one_line(place):
    db = workshop_file(place / "bot.sqlite3")
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("INSERT INTO schema_migrations (version, name) VALUES (?, 'later')",
                     (LATEST + 1,))
    line = one_line(cli(place, "run", TELEGRAM_BOT_TOKEN="1:x", PARTNERSCHAPKAART_DB=str(db)))
    assert "nieuwere versie" in line
    assert str(LATEST + 1) in line


def test_export_reads_a_read_only_database_in_a_read_only_folder(place):
    (place / "kast").mkdir()
    db = workshop_file(place / "kast" / "bot.sqlite3")
    db.chmod(0o444)
    read_only(place / "kast")
    result = cli(place, "export", "--db", str(db), "--out", "uit")
    assert result.returncode == 0, result.stderr
    assert list((place / "uit").glob("*.json"))


# -- every mistake: one clear line, exit code 2 ------------------------------------------


@pytest.mark.parametrize("days", ["abc", "-5"])
def test_a_wrong_retention_is_one_line(place, days):
    line = one_line(cli(place, "run", TELEGRAM_BOT_TOKEN="1:x",
                        PARTNERSCHAPKAART_RETENTION_DAYS=days))  # fmt: skip
    assert "PARTNERSCHAPKAART_RETENTION_DAYS" in line
    assert days in line


def test_a_wrong_log_level_is_one_line(place):
    line = one_line(cli(place, "run", TELEGRAM_BOT_TOKEN="1:x",
                        PARTNERSCHAPKAART_LOG_LEVEL="luid"))  # fmt: skip
    assert "PARTNERSCHAPKAART_LOG_LEVEL='luid'" in line
    assert "DEBUG, INFO, WARNING of ERROR" in line
    line = one_line(cli(place, "demo", "--out", "uit", PARTNERSCHAPKAART_LOG_LEVEL="verbose"))
    assert "'verbose'" in line
    assert not (place / "uit").exists()  # stopped before the demo began


def test_a_missing_templates_folder_is_one_line(place):
    line = one_line(cli(place, "run", TELEGRAM_BOT_TOKEN="1:x",
                        PARTNERSCHAPKAART_TEMPLATES=str(place / "nergens")))  # fmt: skip
    assert "sjablonen" in line
    assert "nergens" in line
    line = one_line(cli(place, "export", "--templates", "nergens", "--from-json", "x.json"))
    assert "sjablonen" in line


def test_a_database_folder_that_is_missing_or_read_only_is_one_line(place):
    line = one_line(cli(place, "run", TELEGRAM_BOT_TOKEN="1:x",
                        PARTNERSCHAPKAART_DB=str(place / "nergens" / "bot.sqlite3")))  # fmt: skip
    assert "bestaat niet" in line
    assert "nergens" in line
    read_only(place / "kast") if (place / "kast").mkdir() is None else None
    line = one_line(cli(place, "run", TELEGRAM_BOT_TOKEN="1:x",
                        PARTNERSCHAPKAART_DB=str(place / "kast" / "bot.sqlite3")))  # fmt: skip
    assert "niet schrijven" in line
    assert "kast" in line


def test_a_file_that_is_no_database_is_one_line(place):
    (place / "bot.sqlite3").write_text("dit is tekst, geen database\n" * 100)
    (place / "bot.sqlite3").chmod(0o666)
    line = one_line(cli(place, "run", TELEGRAM_BOT_TOKEN="1:x", PARTNERSCHAPKAART_DB="bot.sqlite3"))
    assert "geen database van partnerschapkaart" in line
    line = one_line(cli(place, "export", "--db", "bot.sqlite3"))
    assert "geen database van partnerschapkaart" in line


def test_db_together_with_from_json_is_one_line(place):
    assert "niet allebei" in one_line(cli(place, "export", "--db", "a", "--from-json", "b"))


def test_template_out_onto_a_file_or_a_read_only_folder_is_one_line(place):
    (place / "bestand").write_text("x")
    assert "geen map" in one_line(cli(place, "template", "--out", "bestand"))
    read_only(place / "kast") if (place / "kast").mkdir() is None else None
    assert "niet schrijven" in one_line(cli(place, "template", "--out", "kast"))
    assert not list((place / "kast").iterdir())


def test_demo_out_somewhere_unwritable_is_one_line(place):
    read_only(place / "kast") if (place / "kast").mkdir() is None else None
    line = one_line(cli(place, "demo", "--out", "kast/uit"))
    assert "niet schrijven" in line
    assert "kast" in line


def test_the_messages_follow_the_language(place):
    line = one_line(cli(place, "run", TELEGRAM_BOT_TOKEN="1:x", LANG="en_GB.UTF-8",
                        PARTNERSCHAPKAART_RETENTION_DAYS="abc"))  # fmt: skip
    assert "is not a number of days" in line
