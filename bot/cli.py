"""The command line: `partnerschapkaart run | demo | export | template | backup | restore`."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import re
import signal
import socket
import sqlite3
import sys
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from telegram.error import InvalidToken, NetworkError

from bot import cli_data, cli_export
from bot.app import TELEGRAM_API, RunningBot, Settings, build_application, split_address
from bot.lease import KeptLease, claim, this_process
from bot.logs import LEVELS, setup_logging
from bot.webhook import DEFAULT_MAX_CONNECTIONS, WebhookConfig, WebhookRefused, derive_secret
from flows.texts import language_for, plain
from storage import Storage
from storage.backup import NotOurDatabase, SchemaTooNew

EXIT_CONFIG = 2


def _lang() -> str:
    return language_for(os.environ.get("LANG", "nl")[:2])


def _retention() -> int | None:
    """PARTNERSCHAPKAART_RETENTION_DAYS: days to keep an ended workshop (0 = keep)."""
    typed = os.environ.get("PARTNERSCHAPKAART_RETENTION_DAYS", "90").strip() or "90"
    if not typed.isascii() or not typed.isdigit():
        raise ConfigError(plain("cli.bewaardagen", _lang(), waarde=typed))
    return int(typed) if int(typed) > 0 else None


def _log_level(default: int) -> int:
    """PARTNERSCHAPKAART_LOG_LEVEL: DEBUG, INFO, WARNING or ERROR (any case)."""
    typed = os.environ.get("PARTNERSCHAPKAART_LOG_LEVEL", "").strip()
    if not typed:
        return default
    if typed.upper() not in LEVELS:
        raise ConfigError(plain("cli.logniveau", _lang(), waarde=typed))
    return LEVELS[typed.upper()]


DEFAULT_WEB = "127.0.0.1:8080"


class ConfigError(Exception):
    """A setting that cannot work; the message is the one line to show."""


def _web() -> tuple[str | None, str | None]:
    """PARTNERSCHAPKAART_WEB (host:port of the live board; empty: off) and
    PARTNERSCHAPKAART_PUBLIC_URL (the address people open)."""
    address = os.environ.get("PARTNERSCHAPKAART_WEB", DEFAULT_WEB).strip()
    public = os.environ.get("PARTNERSCHAPKAART_PUBLIC_URL", "").strip() or None
    if not address:
        return None, None
    try:
        split_address(address)
    except ValueError:
        raise ConfigError(plain("cli.web_adres", _lang(), adres=address)) from None
    if public is not None and not re.fullmatch(r"https?://[^\s/#?]+(/[^\s#?]*)?", public):
        raise ConfigError(plain("cli.public_url", _lang(), adres=public))
    return address, public


# Paths the live board serves itself: the webhook needs a path of its own.
_BOARD_PATHS = ("/", "/scherm", "/bediening", "/healthz", "/metrics")
_BOARD_PREFIXES = ("/static/", "/api/")
_WEBHOOK_URL = re.compile(r"https://[^\s/#?]+/[^\s#]+|http://(127\.0\.0\.1|localhost|\[::1\])"
                          r"(:\d+)?/[^\s#]+")  # fmt: skip
_TELEGRAM_PORTS = (443, 80, 88, 8443)
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")


def _webhook(web: str | None, token: str) -> WebhookConfig | None:
    """PARTNERSCHAPKAART_WEBHOOK_URL (set: webhook mode on the board's port),
    PARTNERSCHAPKAART_WEBHOOK_SECRET and PARTNERSCHAPKAART_WEBHOOK_MAX_CONNECTIONS."""
    url = os.environ.get("PARTNERSCHAPKAART_WEBHOOK_URL", "").strip()
    if not url:
        return None
    lang = _lang()
    if not _WEBHOOK_URL.fullmatch(url):
        raise ConfigError(plain("cli.webhook_url", lang, adres=url))
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise ConfigError(plain("cli.webhook_url", lang, adres=url)) from None
    if parts.scheme == "https" and port is not None and port not in _TELEGRAM_PORTS:
        raise ConfigError(plain("cli.webhook_poort", lang, poort=port))
    path = parts.path
    if (
        path.rstrip("/") in _BOARD_PATHS
        or path.rstrip("/") == ""
        or path.startswith(_BOARD_PREFIXES)
    ):
        raise ConfigError(plain("cli.webhook_pad", lang, pad=path))
    if not web:
        raise ConfigError(plain("cli.webhook_zonder_web", lang))
    secret = os.environ.get("PARTNERSCHAPKAART_WEBHOOK_SECRET", "").strip()
    if secret and not _SECRET.fullmatch(secret):
        raise ConfigError(plain("cli.webhook_geheim", lang))
    typed = os.environ.get("PARTNERSCHAPKAART_WEBHOOK_MAX_CONNECTIONS", "").strip()
    connections = DEFAULT_MAX_CONNECTIONS
    if typed:
        if not typed.isascii() or not typed.isdigit() or not 1 <= int(typed) <= 100:
            raise ConfigError(plain("cli.webhook_verbindingen", lang, waarde=typed))
        connections = int(typed)
    return WebhookConfig(url, secret or derive_secret(token), connections)


def settings_from_env() -> Settings | None:
    """Read the configuration; None when the token is missing (ConfigError when a
    setting cannot work)."""
    token = os.environ.get("TELEGRAM_BOT_TOKEN", "").strip()
    if not token:
        return None
    web, public_url = _web()
    templates = (
        Path(os.environ["PARTNERSCHAPKAART_TEMPLATES"])
        if os.environ.get("PARTNERSCHAPKAART_TEMPLATES") else None
    )  # fmt: skip
    try:
        cli_data.check_templates(templates)
    except cli_data.Refused as error:
        raise ConfigError(str(error)) from None
    webhook = _webhook(web, token)
    return Settings(
        web=web,
        public_url=public_url,
        webhook=webhook,
        token=token,
        base_url=os.environ.get("TELEGRAM_API_BASE_URL", "").strip() or TELEGRAM_API,
        metrics_token=os.environ.get("PARTNERSCHAPKAART_METRICS_TOKEN", "").strip() or None,
        db_path=Path(os.environ.get("PARTNERSCHAPKAART_DB", "partnerschapkaart.sqlite3")),
        retention_days=_retention(),
        sequential=os.environ.get("PARTNERSCHAPKAART_SEQUENTIAL", "") == "1",
        template_dir=templates,
    )


async def serve(settings: Settings, lease: KeptLease | None = None) -> None:
    """Run the bot until SIGINT or SIGTERM (or until another bot took its lease)."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    bot = RunningBot(build_application(settings), poll_timeout=settings.poll_timeout)
    waits = [asyncio.ensure_future(stop.wait()), asyncio.ensure_future(bot.poller.stopped.wait())]
    if lease is not None:
        waits.append(asyncio.ensure_future(lease.lost.wait()))
        lease.start()
    try:
        await bot.start()
        # Until asked to stop, or until Telegram refuses our polling for good.
        await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for wait in waits:
            wait.cancel()
        await bot.stop()
    if bot.poller.error is not None:
        raise bot.poller.error


def _address_taken(address: str | None) -> str | None:
    """Why the room's screen cannot listen on address (checked before anything starts),
    or None when it can."""
    if not address:
        return None
    host, port = split_address(address)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as aiohttp binds
        try:
            probe.bind((host, port))
        except OSError as exc:
            return exc.strerror or str(exc)
    return None


def run() -> int:
    """`partnerschapkaart run`: the real bot, with long polling or a webhook."""
    try:
        level = _log_level(logging.INFO)
        settings = settings_from_env()
    except ConfigError as error:
        print(error, file=sys.stderr)
        return EXIT_CONFIG
    if settings is None:
        print(plain("cli.geen_token", _lang()), file=sys.stderr)
        return EXIT_CONFIG
    return asyncio.run(_run_alone(settings, level))


async def _run_alone(settings: Settings, level: int = logging.INFO) -> int:
    """Take the database's lease (or stop: another bot runs on it), then run."""
    try:
        cli_data.check_writable_database(settings.db_path)
        try:
            store = await Storage.open(settings.db_path)
        except (sqlite3.Error, OSError, NotOurDatabase, SchemaTooNew) as exc:
            raise cli_data.database_refusal(exc, settings.db_path) from None
    except cli_data.Refused as error:
        return cli_data.fail(error)
    try:
        me = this_process(datetime.now(UTC))
        holder = await claim(store, me)
        if holder is not None:
            since = datetime.fromisoformat(holder.since).strftime("%Y-%m-%d %H:%M:%S %Z")
            print(
                plain("cli.al_actief", _lang(), db=settings.db_path, host=holder.host,
                      pid=holder.pid, sinds=since.strip()),
                file=sys.stderr,
            )  # fmt: skip
            return EXIT_CONFIG
        lease = KeptLease(store, me)
        try:
            return await _run_checked(settings, lease, level)
        finally:
            await lease.stop()
    finally:
        await store.close()


async def _run_checked(settings: Settings, lease: KeptLease, level: int) -> int:
    taken = _address_taken(settings.web)
    if taken is not None:
        print(plain("cli.web_bezet", _lang(), adres=settings.web, fout=taken), file=sys.stderr)
        return EXIT_CONFIG
    setup_logging(level)
    try:
        await serve(settings, lease)
    except InvalidToken:
        print(plain("cli.token_geweigerd", _lang()), file=sys.stderr)
        return EXIT_CONFIG
    except WebhookRefused as refused:
        assert settings.webhook is not None
        print(plain("cli.webhook_geweigerd", _lang(), adres=settings.webhook.url, fout=refused),
              file=sys.stderr)  # fmt: skip
        return EXIT_CONFIG
    except NetworkError as exc:
        print(
            plain("cli.geen_verbinding", _lang(), url=settings.base_url, fout=exc.message),
            file=sys.stderr,
        )
        return 1
    return 0


def demo(out_dir: Path) -> int:
    """`partnerschapkaart demo`: the offline workshop against the sandbox."""
    from bot.demo import run_demo

    try:
        level = _log_level(logging.WARNING)  # the demo prints its conversation instead
    except ConfigError as error:
        print(error, file=sys.stderr)
        return EXIT_CONFIG
    try:
        cli_data.check_out_folder(out_dir)
    except cli_data.Refused as error:
        return cli_data.fail(error)
    setup_logging(level)
    return asyncio.run(run_demo(out_dir))


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `partnerschapkaart` command."""
    parser = argparse.ArgumentParser(
        prog="partnerschapkaart",
        description="Telegram bot for the partnerschapkaart method. Without a command: "
        "'run' when TELEGRAM_BOT_TOKEN is set, otherwise the offline 'demo'.",
    )
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("run", help="run the bot (needs TELEGRAM_BOT_TOKEN)")
    demo_parser = sub.add_parser("demo", help="run the offline demo workshop")
    demo_parser.add_argument("--out", type=Path, default=Path("out"), help="folder for files")
    cli_export.add_commands(sub)
    cli_data.add_commands(sub)
    args = parser.parse_args(argv)
    command = args.command or ("run" if os.environ.get("TELEGRAM_BOT_TOKEN") else "demo")
    if command == "run":
        return run()
    if command == "export":
        return cli_export.export_command(args)
    if command == "template":
        return cli_export.template_command(args)
    if command == "backup":
        return cli_data.backup_command(args)
    if command == "restore":
        return cli_data.restore_command(args)
    return demo(getattr(args, "out", Path("out")))


if __name__ == "__main__":
    sys.exit(main())
