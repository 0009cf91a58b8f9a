"""Calling the Bot API: inline keyboards, and retries on network trouble."""

from __future__ import annotations

import asyncio
import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, WebAppInfo
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, TimedOut

from bot.actions import Button

log = logging.getLogger(__name__)


def keyboard(rows: tuple[tuple[Button, ...], ...]) -> InlineKeyboardMarkup | None:
    if not rows:
        return None
    return InlineKeyboardMarkup([[_button(b) for b in row] for row in rows])


def _button(b: Button) -> InlineKeyboardButton:
    if b.web_app:
        return InlineKeyboardButton(b.label, web_app=WebAppInfo(b.web_app))
    if b.url:
        return InlineKeyboardButton(b.label, url=b.url)
    return InlineKeyboardButton(b.label, callback_data=b.data)


# Network trouble on the way to Telegram (a dropped connection, a 5xx, a timeout) is
# retried a few times. A call that only changes what exists (an edit, a reaction) can be
# repeated safely. A new message whose request timed out may have arrived after all, and
# Telegram offers no idempotency key: repeating it could show people the same message
# twice. So a timed-out new message is repeated only where a missing one is worse than a
# double one: the question of a column (without it a subgroup cannot go on). A reply
# that times out is given up on; the user can simply ask again.
RETRY_DELAYS = (0.5, 1.0, 2.0)


async def with_retries(call, what: str, *, after_timeout: bool = True):
    """Run one Bot API call, retrying on network trouble; log every retry."""
    for attempt, delay in enumerate((*RETRY_DELAYS, None), start=1):
        try:
            return await call()
        except TimedOut:
            if delay is None or not after_timeout:
                raise
            log.warning("retrying %s after a timeout (attempt %d)", what, attempt + 1)
        except NetworkError as exc:
            if isinstance(exc, (BadRequest, Forbidden, ChatMigrated)) or delay is None:
                raise
            log.warning("retrying %s after %s (attempt %d)", what, exc.message, attempt + 1)
        await asyncio.sleep(delay)
    raise AssertionError("unreachable")  # pragma: no cover
