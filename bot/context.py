"""The typed context handlers receive: services and shell, not string keys."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from telegram.ext import Application, CallbackContext, ExtBot

from bot.metrics import Metrics
from bot.shell import Shell
from bot.usecases import Services

if TYPE_CHECKING:  # the live board is wired in by the composition root (bot/app.py) only
    from bot.webhook import WebhookConfig
    from web.server import BoardServer


@dataclass
class AppData:
    """What the composition root puts in place at start-up."""

    services: Services | None = None
    shell: Shell | None = None
    retention_days: int | None = None  # ended workshops are deleted after this many days
    sequential: bool = False  # wait for each update's messages to go out (to compare with)
    board: BoardServer | None = None  # the live board's web server, when it runs
    webhook: WebhookConfig | None = None  # set: updates come by webhook, not polling
    metrics: Metrics | None = None  # what /metrics shows (bot/metrics.py)
    keeping_time: bool = False  # the clock job runs (the next one skips meanwhile)


class BotContext(CallbackContext[ExtBot, dict, dict, AppData]):
    """CallbackContext with typed access to our services."""

    def __init__(
        self, application: Application, chat_id: int | None = None, user_id: int | None = None
    ) -> None:
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)

    @property
    def services(self) -> Services:
        services = self.bot_data.services
        assert services is not None, "storage is opened at start-up"
        return services

    @property
    def shell(self) -> Shell:
        shell = self.bot_data.shell
        assert shell is not None, "the shell is set up at start-up"
        return shell
