"""The composition root: build the Application and run it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from telegram import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeDefault,
)
from telegram.ext import Application, ApplicationBuilder, ContextTypes

from bot.actions import AskQuestion, Outcome
from bot.context import AppData, BotContext
from bot.exporter import ChildProcessExporter
from bot.handlers import all_handlers, close_group_questions, is_barrier, keep_time
from bot.logs import quiet_loggers
from bot.metrics import Metrics
from bot.polling import ChatOrderedUpdateProcessor, DurablePoller
from bot.ratelimit import MessageRateLimiter
from bot.shell import Shell
from bot.usecases import Services
from bot.webhook import WebhookConfig, WebhookReceiver, note_failure
from flows.texts import plain
from storage import Storage
from web.auth import Signer
from web.server import BoardServer
from web.webhook import add_webhook_route

log = logging.getLogger(__name__)

TELEGRAM_API = "https://api.telegram.org/bot"


def file_url_for(base_url: str) -> str:
    """The file download URL that goes with a Bot API base URL ('…/bot' → '…/file/bot')."""
    trimmed = base_url.rstrip("/")
    if trimmed.endswith("/bot"):
        return trimmed[: -len("/bot")] + "/file/bot"
    return trimmed + "/file/bot"


@dataclass(frozen=True)
class Settings:
    token: str
    base_url: str = TELEGRAM_API
    db_path: Path = Path("partnerschapkaart.sqlite3")
    board_delay: float = 2.0
    poll_timeout: int = 20
    template_dir: Path | None = None  # the facilitator's own agreement templates
    tick_seconds: float = 30.0  # how often time-keeping looks at the clock
    # How often a group's /klaar nobody said no to is looked at (it closes after a minute).
    group_seconds: float = 5.0
    retention_days: int | None = 90  # ended workshops are deleted after this many days
    read_timeout: float | None = None  # seconds to wait for Telegram's reply (PTB: 5)
    # One update at a time, each waiting for its messages to go out (python-telegram-bot's
    # default way): only to compare with, in `make bench`.
    sequential: bool = False
    # The live board (/scherm): "host:port" to listen on (port 0: any free one), None for
    # no web pages; and the address people open, when a reverse proxy stands in front.
    web: str | None = None
    public_url: str | None = None
    # Webhook mode (needs ``web``): Telegram POSTs updates to this URL's path on the board's
    # server; None: long polling.
    webhook: WebhookConfig | None = None
    # /metrics on the live board's address asks for this Bearer token, when set.
    metrics_token: str | None = None


def split_address(address: str) -> tuple[str, int]:
    """'127.0.0.1:8080' → ('127.0.0.1', 8080); '[::1]:80' → ('::1', 80); ValueError if bad."""
    host, _, port = address.strip().rpartition(":")
    host = host.strip("[]")
    if not host or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise ValueError(address)
    return host, int(port)


def utc_now() -> datetime:
    return datetime.now(UTC)


# The command menus: participants work in groups, facilitators mostly in a private chat
# with the bot. Each entry is (Dutch command, English alias); the description is the
# catalogue's "menu.<Dutch command>" in the user's language.
PARTICIPANT_MENU = (
    ("idee", "idea"), ("klaar", "done"), ("terug", "back"), ("kaart", "map"),
    ("join", "join"), ("help", "help"),
)  # fmt: skip
FACILITATOR_MENU = (
    ("nieuw", "new"), ("begin", "begin"), ("plenair", "plenary"), ("scherm", "screen"),
    ("bevestig", "confirm"),
    ("status", "status"), ("tijd", "time"), ("taal", "language"), ("export", "export"),
    ("sjabloon", "template"), ("workshop", "workshop"), ("help", "help"),
)  # fmt: skip


async def set_command_menus(bot) -> None:
    """Register the menus per scope (groups, private chats) in Dutch and English."""
    scopes = (
        (BotCommandScopeDefault(), PARTICIPANT_MENU),
        (BotCommandScopeAllGroupChats(), PARTICIPANT_MENU),
        (BotCommandScopeAllPrivateChats(), FACILITATOR_MENU),
    )
    for scope, menu in scopes:
        for lang, column in (("nl", 0), ("en", 1)):
            commands = [
                BotCommand(entry[column], plain(f"menu.{entry[0]}", lang)) for entry in menu
            ]
            await bot.set_my_commands(
                commands, scope=scope, language_code=None if lang == "nl" else lang
            )


def build_application(settings: Settings, clock: Callable[[], datetime] = utc_now) -> Application:
    """Wire the bot: handlers, rate limiter, typed context, storage opened at start-up."""
    quiet_loggers()
    metrics = Metrics()

    async def post_init(app: Application) -> None:
        storage = await Storage.open(settings.db_path)
        username = app.bot.username
        app.bot_data.services = Services(
            storage=storage,
            clock=clock,
            bot_username=username,
            template_dir=settings.template_dir,
            exporter=ChildProcessExporter(),
        )
        app.bot_data.shell = Shell(app.bot, storage, board_delay=settings.board_delay, clock=clock)
        if settings.web:
            board = BoardServer(
                app.bot_data.services, app.bot_data.shell.send, Signer(settings.token),
                metrics=metrics, metrics_token=settings.metrics_token,
            )  # fmt: skip
            host, port = split_address(settings.web)
            if settings.webhook is not None:
                board.routes.append(add_webhook_route(
                    settings.webhook.path, settings.webhook.secret, lambda: board.poller
                ))  # fmt: skip
            await board.start(host, port, settings.public_url)
            board.services = app.bot_data.services = replace(app.bot_data.services, screen=board)
            app.bot_data.board = board
        app.bot_data.retention_days = settings.retention_days
        app.bot_data.sequential = settings.sequential
        await set_command_menus(app.bot)
        # Time-keeping lives in storage; this job only looks at the clock now and then,
        # so heads-ups survive a restart and come once.
        # A look that takes longer than the interval (a busy demo) makes the next ones
        # return at once (keep_time), so two never work at a time. The scheduler counts
        # those quick ones as running for a few loop turns: room for them (no "maximum
        # number of running instances" warnings); missed ticks are one tick, however late.
        app.job_queue.run_repeating(
            keep_time, interval=settings.tick_seconds, first=1.0,
            job_kwargs={"max_instances": 20, "coalesce": True, "misfire_grace_time": None},
        )  # fmt: skip
        app.job_queue.run_repeating(
            close_group_questions, interval=settings.group_seconds, first=settings.group_seconds
        )
        # Messages that were decided but not sent when the bot last stopped: the outbox,
        # and (for a database from before the outbox) questions whose state has none.
        shell: Shell = app.bot_data.shell
        await shell.outbox.resume()
        for subgroup in await storage.subgroups_awaiting_prompt():
            await shell.carry_out(Outcome().add(AskQuestion(subgroup.id)))
        log.info("bot @%s ready, database %s", username, settings.db_path)

    async def post_stop(app: Application) -> None:
        # Pending board and status edits and broadcasts finish while the bot can send.
        data: AppData = app.bot_data
        if data.board is not None:
            await data.board.stop()
        if data.shell is not None:
            await data.shell.flush_boards()

    async def post_shutdown(app: Application) -> None:
        data: AppData = app.bot_data
        if data.services is not None:
            await data.services.storage.close()

    builder = ApplicationBuilder()
    if settings.read_timeout is not None:
        builder = builder.read_timeout(settings.read_timeout)
    app = (
        builder.token(settings.token)
        .base_url(settings.base_url)
        .base_file_url(file_url_for(settings.base_url))
        .rate_limiter(MessageRateLimiter(max_retries=5, metrics=metrics))
        .context_types(ContextTypes(context=BotContext, bot_data=AppData))
        .post_init(post_init)
        .post_stop(post_stop)
        .post_shutdown(post_shutdown)
        .updater(None)  # bot/polling.py polls, confirming updates only once handled
        # Chats in parallel, each in order; a facilitator's step waits for what came before.
        .concurrent_updates(
            ChatOrderedUpdateProcessor(is_barrier, 1 if settings.sequential else 256)
        )
        .build()
    )
    app.bot_data.metrics = metrics
    app.add_handlers(all_handlers())
    app.add_error_handler(_log_error)
    app.bot_data.webhook = settings.webhook if settings.web else None
    return app


async def _log_error(update: object, context: BotContext) -> None:
    log.error("handling an update failed", exc_info=context.error)
    note_failure(context.error)  # in webhook mode: answer Telegram with an error


class RunningBot:
    """Start and stop the Application by hand (tests, demo and the CLI share this).

    Updates come by long polling, or by webhook when the settings name one."""

    def __init__(self, app: Application, poll_timeout: int = 20) -> None:
        self.app = app
        data: AppData = app.bot_data
        inbox = lambda: app.bot_data.services.storage  # noqa: E731
        self.poller: DurablePoller = (
            WebhookReceiver(app, data.webhook, inbox, metrics=data.metrics)
            if data.webhook is not None
            else DurablePoller(app, poll_timeout, inbox=inbox, metrics=data.metrics)
        )  # fmt: skip

    async def start(self) -> None:
        """Initialise, run post_init, and start receiving updates (polling or webhook)."""
        await self.app.initialize()
        if self.app.post_init:
            await self.app.post_init(self.app)
        await self.app.start()
        if self.app.bot_data.board is not None:
            # its /healthz reports on polling; in webhook mode it hands over the updates
            self.app.bot_data.board.poller = self.poller
        await self.poller.start()

    def busy(self) -> bool:
        """True while an update is in hand or a decided message is not yet sent."""
        shell = self.app.bot_data.shell
        return self.poller.busy() or (shell is not None and shell.busy())

    async def stop(self) -> None:
        """Stop polling (what was not handled comes again), then shut down cleanly."""
        await self.poller.stop()
        if self.app.running:
            await self.app.stop()
        if self.app.post_stop:
            await self.app.post_stop(self.app)
        await self.app.shutdown()
        if self.app.post_shutdown:
            await self.app.post_shutdown(self.app)
