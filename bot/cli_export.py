"""`partnerschapkaart export` and `partnerschapkaart template`: the files, offline."""

from __future__ import annotations

import argparse
import asyncio
import os
import sqlite3
import sys
from datetime import UTC, date, datetime
from pathlib import Path

from bot import cli_data
from bot.usecases.common import Services
from bot.usecases.reporting import workshop_data
from exports.files import ExportError
from exports.json_data import WorkshopFileError, from_json
from exports.model import WorkshopData
from storage import Storage
from storage.backup import NotOurDatabase, SchemaTooNew

EXIT_USAGE = 2


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Register the export and template commands on the CLI's subparsers."""
    export = sub.add_parser(
        "export", help="write the export set (PPTX, agreement, action plan, JSON) of a workshop"
    )
    export.add_argument("--db", type=Path, help="the SQLite file (default: $PARTNERSCHAPKAART_DB)")
    export.add_argument("--workshop", help="join code of the workshop (default: the latest)")
    export.add_argument("--from-json", type=Path, help="rebuild every file from an exported JSON")
    export.add_argument("--templates", type=Path, help="a folder with your own agreement templates")
    export.add_argument("--out", type=Path, default=Path("out"), help="folder to write to")
    template = sub.add_parser("template", help="write blank map templates (A3 and 16:9)")
    template.add_argument("--goal", help="the workshop's goal, printed in the values question")
    template.add_argument("--lang", default="nl", choices=["nl", "en"])
    template.add_argument(
        "--date", type=date.fromisoformat, help="the date on the maps (default: today)"
    )
    template.add_argument("--out", type=Path, default=Path("out"), help="folder to write to")


def _fail(message: str) -> int:
    print(f"partnerschapkaart: {message}", file=sys.stderr)
    return EXIT_USAGE


async def _from_database(db: Path, code: str | None) -> WorkshopData | str:
    # A copy in memory: the file is only read, so it may be read-only (a backup, say).
    storage = await Storage.open_snapshot(db)
    try:
        workshop = await (
            storage.find_workshop_by_code(code.strip().lower()) if code
            else storage.latest_workshop()
        )  # fmt: skip
        if workshop is None:
            return f"no workshop {'with code ' + code if code else 'in ' + str(db)}"
        services = Services(storage=storage, clock=lambda: datetime.now(UTC), bot_username="")
        return await workshop_data(services, workshop)
    finally:
        await storage.close()


def export_command(args: argparse.Namespace) -> int:
    """Write every export file; one clear line and exit code 2 on any problem."""
    templates = args.templates or (
        Path(os.environ["PARTNERSCHAPKAART_TEMPLATES"])
        if os.environ.get("PARTNERSCHAPKAART_TEMPLATES") else None
    )  # fmt: skip
    try:
        if args.from_json and args.db:
            raise cli_data.Refused(cli_data.say("cli.db_en_json"))
        cli_data.check_templates(templates)
        cli_data.check_out_folder(args.out)
    except cli_data.Refused as error:
        return cli_data.fail(error)
    if args.from_json:
        try:
            data = from_json(args.from_json.read_bytes())
        except OSError as exc:
            return _fail(f"cannot read {args.from_json}: {exc.strerror}")
        except WorkshopFileError as exc:
            return _fail(f"{args.from_json}: {exc}")
    else:
        db = args.db or Path(os.environ.get("PARTNERSCHAPKAART_DB", "partnerschapkaart.sqlite3"))
        if not db.exists():
            return _fail(f"no database at {db} (use --db or --from-json)")
        try:
            found = asyncio.run(_from_database(db, args.workshop))
        except (NotOurDatabase, SchemaTooNew, sqlite3.Error) as exc:
            return cli_data.fail(cli_data.database_refusal(exc, db))
        if isinstance(found, str):
            return _fail(found)
        data = found
    from exports.bundle import export_set  # python-pptx and python-docx load only here

    try:
        files = export_set(data, template_dir=templates)
    except ExportError as exc:
        return _fail(str(exc))
    return _write(files, args.out)


def template_command(args: argparse.Namespace) -> int:
    """Write the blank A3 and 16:9 map templates."""
    from exports.bundle import template_set

    try:
        cli_data.check_out_folder(args.out)
    except cli_data.Refused as error:
        return cli_data.fail(error)
    day = args.date or datetime.now(UTC).date()
    return _write(template_set(args.goal, args.lang, day), args.out)


def _write(files, out: Path) -> int:
    for file in files:
        path = out / file.name
        try:
            path.write_bytes(file.data)
        except OSError as exc:
            return cli_data.fail(
                cli_data.Refused(cli_data.say("cli.uit_schrijven", map=out, fout=exc.strerror))
            )
        print(path)
    return 0
