"""Copies of the SQLite file: a backup while the bot runs, a restore, a read-only look.

Everything here uses SQLite's online backup API, so a copy is consistent even while the
bot writes: the copy is one read transaction, and it includes what the write-ahead log
(the -wal file) holds but the main file does not yet.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from storage.migrations import MIGRATIONS

LATEST = MIGRATIONS[-1][0]


class NotOurDatabase(Exception):
    """The file is no SQLite database, or one of another program."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} is not a partnerschapkaart database")
        self.path = path


class SchemaTooNew(Exception):
    """The file was migrated by a newer version of partnerschapkaart than this one."""

    def __init__(self, path: Path, version: int) -> None:
        super().__init__(f"{path} has schema version {version}; this code knows up to {LATEST}")
        self.path = path
        self.version = version


def open_read_only(path: Path) -> sqlite3.Connection:
    """Open the file for reading only; it may lie in a folder nobody can write in."""
    uri = f"{Path(path).resolve().as_uri()}?mode=ro"
    conn = sqlite3.connect(uri, uri=True)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.DatabaseError as exc:
        conn.close()
        if "not a database" in str(exc):
            raise NotOurDatabase(path) from None
        if "readonly" not in str(exc) and "unable to open" not in str(exc):
            raise
    # A database in write-ahead-log mode needs its -shm file, which a read-only folder
    # cannot hold; nothing can write there either, so the file is read as it is.
    conn = sqlite3.connect(uri + "&immutable=1", uri=True)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError:
        conn.close()
        raise NotOurDatabase(path) from None
    return conn


def checked_version(conn: sqlite3.Connection, path: Path) -> int:
    """The schema version of a partnerschapkaart file (0: empty); NotOurDatabase or
    SchemaTooNew when this code must not touch it."""
    try:
        tables = {row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        )}  # fmt: skip
    except sqlite3.DatabaseError:
        raise NotOurDatabase(path) from None
    if not tables:
        return 0
    if "schema_migrations" not in tables:
        raise NotOurDatabase(path)
    version = conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0] or 0
    if version and "workshops" not in tables:
        raise NotOurDatabase(path)
    if version > LATEST:
        raise SchemaTooNew(path, version)
    return int(version)


def _copy(source: sqlite3.Connection, dest: Path) -> None:
    """Write a consistent copy of ``source`` to ``dest``, which must not exist yet; a
    half-written copy never carries the name."""
    part = dest.with_name(f".{dest.name}.part")
    part.unlink(missing_ok=True)
    target = sqlite3.connect(part)
    try:
        source.backup(target)
    except BaseException:
        target.close()
        part.unlink(missing_ok=True)
        raise
    target.close()
    try:
        os.link(part, dest)  # fails when dest appeared in the meantime: never overwrite
    finally:
        part.unlink(missing_ok=True)


def backup(db: Path, dest: Path) -> None:
    """Copy the database ``db`` to the new file ``dest`` (FileExistsError when it exists)."""
    if dest.exists():
        raise FileExistsError(dest)
    if not db.is_file():
        raise FileNotFoundError(db)
    source = open_read_only(db)
    try:
        checked_version(source, db)
        _copy(source, dest)
    finally:
        source.close()


def read_lease(db: Path) -> tuple[str, int, str, str] | None:
    """Who holds the database's lease (host, pid, since, heartbeat), read without writing."""
    conn = open_read_only(db)
    try:
        checked_version(conn, db)
        with contextlib.suppress(sqlite3.OperationalError):  # before migration 8
            row = conn.execute("SELECT host, pid, since, heartbeat FROM bot_lease").fetchone()
            return tuple(row) if row else None
        return None
    finally:
        conn.close()


def restore(source: Path, db: Path, now: datetime) -> Path | None:
    """Put a copy of the backup ``source`` in place of ``db``; the old file (and its
    -wal and -shm) is kept aside, and returned. Check first that no bot runs on it."""
    conn = open_read_only(source)
    try:
        version = checked_version(conn, source)
        if version == 0:
            raise NotOurDatabase(source)
        aside = None
        if db.exists():
            aside = db.with_name(f"{db.name}.voor-terugzetten-{now:%Y%m%d-%H%M%S}")
            os.replace(db, aside)
            for suffix in ("-wal", "-shm"):
                extra = db.with_name(db.name + suffix)
                if extra.exists():
                    os.replace(extra, aside.with_name(aside.name + suffix))
        _copy(conn, db)
        return aside
    finally:
        conn.close()


def before_migration(db: Path, now: datetime | None = None) -> Path | None:
    """Check an existing file before it is opened for writing; when a migration is about
    to change it, take a backup next to it first (named with its version and the date)."""
    if not db.is_file() or db.stat().st_size == 0:
        return None
    conn = open_read_only(db)
    try:
        version = checked_version(conn, db)
        if version == 0 or version == LATEST:
            return None
        moment = now or datetime.now(UTC)
        dest = db.with_name(f"{db.name}.v{version}-{moment:%Y%m%d-%H%M%S}.bak")
        if not dest.exists():
            _copy(conn, dest)
        return dest
    finally:
        conn.close()


def snapshot_uri(db: Path) -> tuple[str, sqlite3.Connection]:
    """A copy of ``db`` in memory (the file is only read): its URI, and a connection that
    keeps it alive until the caller's own connections are open."""
    source = open_read_only(db)
    try:
        checked_version(source, db)
        uri = f"file:partnerschapkaart-{os.getpid()}-{id(source)}?mode=memory&cache=shared"
        keep = sqlite3.connect(uri, uri=True, check_same_thread=False)
        source.backup(keep)
    finally:
        source.close()
    return uri, keep
