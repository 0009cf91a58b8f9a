"""`partnerschapkaart backup` and `restore`, and the checks on files and folders that
every command makes before it starts (one clear line and exit code 2 on a mistake)."""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from datetime import UTC, datetime
from pathlib import Path

from bot.lease import holder_gone, this_process
from flows.texts import language_for, plain
from storage.backup import LATEST, NotOurDatabase, SchemaTooNew, backup, read_lease, restore
from storage.models import Lease

EXIT_USAGE = 2


def lang() -> str:
    """The language of the command line's messages (LANG; Dutch by default)."""
    return language_for(os.environ.get("LANG", "nl")[:2])


class Refused(Exception):
    """A mistake the user can fix; the message is the one line to show."""


def say(key: str, **values: object) -> str:
    return plain(key, lang(), **values)


def fail(error: Refused) -> int:
    print(error, file=sys.stderr)
    return EXIT_USAGE


def database_path(given: Path | None = None) -> Path:
    """--db, else PARTNERSCHAPKAART_DB, else the default file in this folder."""
    return given or Path(os.environ.get("PARTNERSCHAPKAART_DB", "partnerschapkaart.sqlite3"))


def check_writable_database(db: Path) -> None:
    """The bot writes the file, and SQLite writes its -wal and -shm next to it."""
    folder = db.parent if str(db.parent) else Path(".")
    if not folder.is_dir():
        raise Refused(say("cli.db_map", map=folder, db=db))
    if not os.access(folder, os.W_OK | os.X_OK) or (db.exists() and not os.access(db, os.W_OK)):
        raise Refused(say("cli.db_schrijven", map=folder, db=db))


def database_refusal(error: Exception, db: Path) -> Refused:
    """The one line for a file this code must not use."""
    if isinstance(error, SchemaTooNew):
        return Refused(say("cli.database_te_nieuw", db=db, versie=error.version, laatste=LATEST))
    if isinstance(error, NotOurDatabase):
        return Refused(say("cli.geen_database", db=error.path))
    return Refused(say("cli.database", db=db, fout=error))


def check_templates(folder: Path | None) -> None:
    if folder is not None and not folder.is_dir():
        raise Refused(say("cli.sjablonen_map", map=folder))


def check_out_folder(out: Path) -> None:
    """The folder to write files in: made when missing, and writable."""
    if out.exists() and not out.is_dir():
        raise Refused(say("cli.uit_is_bestand", map=out))
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise Refused(say("cli.uit_schrijven", map=out, fout=exc.strerror or exc)) from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise Refused(say("cli.uit_schrijven", map=out, fout=os.strerror(13)))


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Register backup and restore on the CLI's subparsers."""
    made = sub.add_parser("backup", help="copy the database to a new file (also while running)")
    made.add_argument("file", type=Path, help="the new file to write")
    made.add_argument("--db", type=Path, help="the SQLite file (default: $PARTNERSCHAPKAART_DB)")
    back = sub.add_parser("restore", help="put a backup back in place (the bot must be stopped)")
    back.add_argument("file", type=Path, help="the backup to put back")
    back.add_argument("--db", type=Path, help="the SQLite file (default: $PARTNERSCHAPKAART_DB)")


def backup_command(args: argparse.Namespace) -> int:
    db = database_path(args.db)
    try:
        if args.file.exists():
            raise Refused(say("cli.bestand_bestaat", bestand=args.file))
        if not db.is_file():
            raise Refused(say("cli.geen_db_bestand", db=db))
        check_out_folder(args.file.parent if str(args.file.parent) else Path("."))
        try:
            backup(db, args.file)
        except FileExistsError:
            raise Refused(say("cli.bestand_bestaat", bestand=args.file)) from None
        except (NotOurDatabase, SchemaTooNew, sqlite3.Error) as exc:
            raise database_refusal(exc, db) from None
        except OSError as exc:
            raise Refused(say("cli.uit_schrijven", map=args.file, fout=exc.strerror)) from None
    except Refused as error:
        return fail(error)
    print(say("cli.backup_klaar", bestand=args.file))
    return 0


def restore_command(args: argparse.Namespace) -> int:
    db = database_path(args.db)
    now = datetime.now(UTC)
    try:
        if not args.file.is_file():
            raise Refused(say("cli.niet_lezen", bestand=args.file, fout=os.strerror(2)))
        check_writable_database(db)
        if db.is_file():
            try:
                holder = read_lease(db)
            except (NotOurDatabase, SchemaTooNew, sqlite3.Error):
                holder = None  # a broken file is what a restore is for
            if holder is not None:
                lease = Lease(host=holder[0], pid=holder[1], since=holder[2], heartbeat=holder[3])
                if not holder_gone(lease, this_process(now), now):
                    raise Refused(say("cli.terugzetten_bot_actief", db=db, host=lease.host,
                                      pid=lease.pid))  # fmt: skip
        try:
            aside = restore(args.file, db, now)
        except (NotOurDatabase, SchemaTooNew, sqlite3.Error) as exc:
            raise database_refusal(exc, args.file) from None
        except OSError as exc:
            raise Refused(say("cli.uit_schrijven", map=db.parent, fout=exc.strerror)) from None
    except Refused as error:
        return fail(error)
    print(say("cli.teruggezet", bestand=args.file, db=db))
    if aside is not None:
        print(say("cli.teruggezet_oud", oud=aside))
    return 0
