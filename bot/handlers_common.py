"""What every handler does after reading the update: carry out one use case."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Awaitable

from telegram import Bot
from telegram.error import TelegramError

from bot.actions import Outcome
from bot.context import BotContext
from bot.incoming import Incoming
from bot.usecases.unit import handle

log = logging.getLogger(__name__)


async def run(
    context: BotContext, work: Awaitable[Outcome], source: str | None, *, atomic: bool = True
) -> Outcome:
    """Run a use case in one unit of work and hand what it decided to the outbox.

    ``source`` names the update (a message or a button press) so one that Telegram
    delivers again changes nothing; None for what is not an update (the clock).
    """
    handled = await handle(context.services, work, source=source, atomic=atomic)
    context.shell.send(handled)
    if context.bot_data.sequential:
        await context.shell.outbox.drain()
    return handled.outcome


async def with_chat_size(bot: Bot, inc: Incoming) -> Incoming:
    """The message, with how many are in its group chat (asked before the unit of work,
    which holds the write lock). Not in a forum, where the chat holds every topic's
    people; not known when Telegram does not answer."""
    if not inc.in_group or inc.is_forum:
        return inc
    try:
        size = await bot.get_chat_member_count(inc.chat_id)
    except TelegramError as error:
        log.info("chat size not known: %s", type(error).__name__)
        return inc
    return dataclasses.replace(inc, chat_size=size)
