"""One use case, one unit of work: its changes, the update that caused them and the
messages it still has to send commit together in one SQLite transaction.

A crash before the commit leaves nothing; Telegram then delivers the update again and
the use case runs as if for the first time. A crash after it leaves the update marked as
handled and its messages in the outbox, which the shell sends at the next start.

A slow use case that only reads (the export) runs before its unit of work, outside the
write lock; what it decided (its files too) commits with the update's key afterwards, so
an update delivered again, even while the first is still being made, sends nothing twice.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable
from dataclasses import dataclass

from bot.actions import (
    Action,
    AskQuestion,
    Outcome,
    RefreshBoard,
    SendVote,
    encode,
    lane_of,
    stored_actions,
)
from bot.usecases.common import Refused, Services


@dataclass(frozen=True)
class Queued:
    """An action on its way out: its outbox row (None when it was not stored)."""

    outbox_id: int | None
    lane: str
    action: Action


@dataclass(frozen=True)
class Handled:
    """What a use case decided, and what the shell is to send."""

    outcome: Outcome
    queued: tuple[Queued, ...] = ()
    repeated: bool = False  # the update was handled before (Telegram delivered it again)


async def handle(
    s: Services, work: Awaitable[Outcome], *, source: str | None, atomic: bool = True
) -> Handled:
    """Run one use case in one unit of work; ``source`` names the update that caused it.

    ``atomic=False`` is for use cases that only read and take long (the export): they run
    before the unit of work, outside the write lock, and what they decided is committed
    with the update's key afterwards (a second delivery finds it and sends nothing).
    """
    storage = s.storage
    if not atomic:
        if source is not None and await storage.was_handled(source):
            _close(work)
            return Handled(Outcome(), repeated=True)
        outcome = await _outcome_of(work)
        async with storage.unit_of_work():
            if source is not None and not await storage.mark_handled(source, s.stamp()):
                return Handled(Outcome(), repeated=True)  # handled meanwhile
            return Handled(outcome, await _queue(s, outcome))
    started = False
    try:
        async with storage.unit_of_work():
            if source is not None and not await storage.mark_handled(source, s.stamp()):
                return Handled(Outcome(), repeated=True)
            started = True
            outcome = await _outcome_of(work)
            queued = await _queue(s, outcome)
    finally:
        if not started:
            _close(work)
    return Handled(outcome, queued)


def _close(work: Awaitable[Outcome]) -> None:
    """A use case that never started: nothing to undo, and no 'never awaited' warning."""
    if inspect.iscoroutine(work):
        work.close()


async def _outcome_of(work: Awaitable[Outcome]) -> Outcome:
    try:
        return await work
    except Refused as refused:
        return refused.outcome


def _subgroups_of(action: Action) -> tuple[int, ...]:
    if isinstance(action, AskQuestion | RefreshBoard):
        return (action.subgroup_id,)
    if isinstance(action, SendVote):
        return action.subgroup_ids
    return ()


async def _queue(s: Services, outcome: Outcome) -> tuple[Queued, ...]:
    actions = stored_actions(outcome)
    chats: dict[int, int | None] = {}
    for action in actions:
        for sid in _subgroups_of(action):
            if sid not in chats:
                subgroup = await s.storage.get_subgroup(sid)
                chats[sid] = subgroup.chat_id if subgroup else None
    lanes = [lane_of(action, chats) for action in actions]
    ids = await s.storage.add_to_outbox(
        [(lane, encode(a)) for lane, a in zip(lanes, actions, strict=True)], s.stamp()
    )
    return tuple(
        Queued(outbox_id, lane, action)
        for outbox_id, lane, action in zip(ids, lanes, actions, strict=True)
    )
