"""What every handler does after reading the update: carry out one use case."""

from __future__ import annotations

from collections.abc import Awaitable

from bot.actions import Outcome
from bot.context import BotContext
from bot.usecases.unit import handle


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
