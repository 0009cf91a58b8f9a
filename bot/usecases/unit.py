"""One use case, one unit of work: its changes, the update that caused them and the
messages it still has to send commit together in one SQLite transaction.

A crash before the commit leaves nothing; Telegram then delivers the update again and
the use case runs as if for the first time. A crash after it leaves the update marked as
handled and its messages in the outbox, which the shell sends at the next start.
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
    SendDocument,
    SendVote,
    encode,
    lane_of,
    stored_actions,
)
from bot.usecases.common import Refused, Services


@dataclass(frozen=True)
class Queued:
    """An action on its way out: its outbox row (None for files, which are not stored)."""

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
    outside the write lock, and what they send is not stored.
    """
    storage = s.storage
    if not atomic:
        outcome = await _outcome_of(work)
        return Handled(outcome, await _queue(s, outcome, durable=False))
    started = False
    try:
        async with storage.unit_of_work():
            if source is not None and not await storage.mark_handled(source, s.stamp()):
                return Handled(Outcome(), repeated=True)
            started = True
            outcome = await _outcome_of(work)
            queued = await _queue(s, outcome, durable=True)
    finally:
        if not started and inspect.iscoroutine(work):
            work.close()  # never started: nothing to undo, and no 'never awaited' warning
    return Handled(outcome, queued)


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


async def _queue(s: Services, outcome: Outcome, *, durable: bool) -> tuple[Queued, ...]:
    actions = stored_actions(outcome)
    chats: dict[int, int | None] = {}
    for action in actions:
        for sid in _subgroups_of(action):
            if sid not in chats:
                subgroup = await s.storage.get_subgroup(sid)
                chats[sid] = subgroup.chat_id if subgroup else None
    lanes = [lane_of(action, chats) for action in actions]

    def kept(action: Action) -> bool:  # files are not stored: they are made again
        return durable and not isinstance(action, SendDocument)

    rows = [(lane, encode(a)) for lane, a in zip(lanes, actions, strict=True) if kept(a)]
    ids = iter(await s.storage.add_to_outbox(rows, s.stamp()))
    return tuple(
        Queued(next(ids) if kept(action) else None, lane, action)
        for lane, action in zip(lanes, actions, strict=True)
    )
