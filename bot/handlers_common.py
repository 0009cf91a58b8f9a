"""What every handler does after reading the update: carry out one use case."""

from __future__ import annotations

from collections.abc import Awaitable

from bot import usecases
from bot.actions import Outcome
from bot.context import BotContext


async def run(context: BotContext, work: Awaitable[Outcome]) -> Outcome:
    """Carry out what a use case decided, or the reason it refused."""
    try:
        outcome = await work
    except usecases.Refused as refused:
        outcome = refused.outcome
    await context.shell.carry_out(outcome)
    return outcome
