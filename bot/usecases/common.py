"""What every use case shares: the services, the clock, finding the workshop of a chat."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from bot.actions import Outcome, Say
from bot.exporter import Exporter, InProcessExporter
from bot.incoming import Incoming
from flows.codes import CodeGuard, new_join_code
from flows.texts import language_for, render
from storage import Store

if TYPE_CHECKING:
    from bot.usecases.screen import ScreenAccess
from storage.models import Subgroup, Workshop

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class Services:
    """What every use case needs: the storage, the clock and the bot's public name."""

    storage: Store
    clock: Clock
    bot_username: str
    template_dir: Path | None = None  # the facilitator's own agreement templates
    guard: CodeGuard = field(default_factory=CodeGuard)  # slows down guessing codes
    new_code: Callable[[], str] = new_join_code  # join codes (a test makes them repeatable)
    # Makes the export files; the running bot does it in a child process.
    exporter: Exporter = field(default_factory=InProcessExporter)
    # The live board's links (/scherm); None when the bot serves no web pages.
    screen: ScreenAccess | None = None

    def stamp(self) -> str:
        """Now, as stored."""
        return self.clock().isoformat(timespec="milliseconds")


def say(inc: Incoming, key: str, lang: str, **params: object) -> Say:
    """A reply to the message that came in."""
    return Say(inc.chat_id, inc.thread_id, render(key, lang, **params), reply_to=inc.message_id)


def reply(inc: Incoming, key: str, lang: str | None = None, **params: object) -> Outcome:
    """An outcome that is just one reply."""
    return Outcome().add(say(inc, key, lang or language_for(inc.language_code), **params))


async def subgroup_here(s: Services, inc: Incoming) -> tuple[Workshop, Subgroup] | None:
    """The subgroup that lives in this chat (and topic), with its workshop."""
    subgroup = await s.storage.find_subgroup_by_chat(inc.chat_id, inc.thread_id)
    if subgroup is None:
        return None
    workshop = await s.storage.get_workshop(subgroup.workshop_id)
    assert workshop is not None
    return workshop, subgroup


async def workshop_for_chat(s: Services, inc: Incoming) -> Workshop | None:
    """The workshop this chat belongs to: its subgroup's, the one started here, or the
    latest one this person (co-)facilitates; the one the control view names."""
    if inc.workshop_id is not None:
        return await s.storage.get_workshop(inc.workshop_id)
    found = await subgroup_here(s, inc)
    if found is not None:
        return found[0]
    workshop = await s.storage.latest_workshop_of_plenary_chat(inc.chat_id)
    if workshop is None:
        # A private chat, or a group not yet linked (a forum where the facilitator
        # creates topics): the latest workshop this person (co-)facilitates.
        workshop = await s.storage.latest_workshop_of_facilitator(inc.user_id)
    return workshop


class Refused(Exception):
    """A use case cannot go on; the outcome says why."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__("refused")
        self.outcome = outcome


async def facilitated_workshop(s: Services, inc: Incoming) -> Workshop:
    """The workshop of this chat, if the sender facilitates it; else Refused with a reason.

    An anonymous group admin cannot be told apart from other admins, so it is refused.
    """
    workshop = await workshop_for_chat(s, inc)
    if workshop is None:
        raise Refused(reply(inc, "weigering.geen_workshop"))
    if inc.anonymous_admin or not await s.storage.is_facilitator(workshop, inc.user_id):
        key = "weigering.anoniem" if inc.anonymous_admin else "weigering.alleen_facilitator"
        raise Refused(reply(inc, key, workshop.lang))
    return workshop


async def register(s: Services, workshop: Workshop, subgroup: Subgroup, inc: Incoming) -> int:
    """Record the sender as a participant of this subgroup; returns their id."""
    participant = await s.storage.upsert_participant(
        workshop_id=workshop.id,
        user_id=inc.user_id,
        first_name=inc.first_name,
        username=inc.username,
        subgroup_id=subgroup.id,
        now=s.stamp(),
    )
    return participant.id


def code_attempt_refused(s: Services, inc: Incoming) -> Outcome | None:
    """A reply when this chat tried too many wrong codes lately, else None."""
    wait = s.guard.wait_left(inc.chat_id, s.clock())
    if wait is None:
        return None
    minutes = max(1, -(-int(wait.total_seconds()) // 60))
    return reply(inc, "join.te_vaak", minuten=minutes)


def note_code(s: Services, inc: Incoming, *, right: bool) -> None:
    """Count a wrong code for this chat, or forget its wrong codes after a right one."""
    if right:
        s.guard.succeeded(inc.chat_id)
    else:
        s.guard.failed(inc.chat_id, s.clock())
