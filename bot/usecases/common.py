"""What every use case shares: the services, the clock, finding the workshop of a chat."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from bot.actions import Button, Outcome, Say
from bot.buttons import ChooseWorkshop
from bot.exporter import Exporter, InProcessExporter
from bot.incoming import Incoming
from flows.codes import CodeGuard, new_join_code
from flows.texts import Html, language_for, render
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


async def workshop_for_chat(s: Services, inc: Incoming, *, ask: bool = False) -> Workshop | None:
    """The workshop this chat belongs to: its subgroup's, the one started in this group, or
    the one this person's commands are about; the one the control view names.

    With ``ask``, a person with several open workshops and none chosen is asked which one
    (Refused, with a button per workshop); without, the latest of them is taken.
    """
    if inc.workshop_id is not None:
        return await s.storage.get_workshop(inc.workshop_id)
    found = await subgroup_here(s, inc)
    if found is not None:
        return found[0]
    if inc.in_group:
        workshop = await s.storage.latest_workshop_of_plenary_chat(inc.chat_id)
        if workshop is not None:
            return workshop
    # A private chat, or a group not yet linked (a forum where the facilitator creates
    # topics): the workshop this person (co-)facilitates and works on now.
    return await persons_workshop(s, inc, ask=ask)


# At most this many workshops to choose from in one message (the latest ones).
MAX_WORKSHOP_CHOICES = 10
MAX_CHOICE_LABEL = 40


async def persons_workshop(s: Services, inc: Incoming, *, ask: bool) -> Workshop | None:
    """The workshop this person's commands are about: the one they made, said yes to or
    chose last (also after it ended: its export is still wanted); else their only open
    one; else (with ``ask``) they choose."""
    chosen = await s.storage.chosen_workshop(inc.user_id)
    if chosen is not None:
        return chosen
    open_ones = await s.storage.active_workshops_of_facilitator(inc.user_id)
    if len(open_ones) == 1:
        return open_ones[0]
    if len(open_ones) > 1:
        if ask:
            lang = language_for(inc.language_code)
            raise Refused(choose_workshop_question(inc, open_ones, render("kies.welke", lang)))
        return open_ones[-1]
    # Nothing open: the latest one that ended (its export is still wanted).
    return await s.storage.latest_workshop_of_facilitator(inc.user_id)


def choose_workshop_question(inc: Incoming, workshops: list[Workshop], text: Html) -> Outcome:
    """A question with one button per workshop (the latest ones, newest first)."""
    shown = workshops[-MAX_WORKSHOP_CHOICES:]
    buttons = tuple((Button(_label(w.goal), ChooseWorkshop(w.id).data),) for w in reversed(shown))
    if len(shown) < len(workshops):  # never cut silently
        lang = language_for(inc.language_code)
        text = Html(text + "\n" + render("kies.nieuwste", lang, aantal=len(shown)))
    return Outcome().add(
        Say(inc.chat_id, inc.thread_id, text, reply_to=inc.message_id, buttons=buttons)
    )


def _label(goal: str) -> str:
    return goal if len(goal) <= MAX_CHOICE_LABEL else goal[: MAX_CHOICE_LABEL - 1] + "…"


class Refused(Exception):
    """A use case cannot go on; the outcome says why."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__("refused")
        self.outcome = outcome


async def facilitated_workshop(s: Services, inc: Incoming) -> Workshop:
    """The workshop of this chat, if the sender facilitates it; else Refused with a reason.

    An anonymous group admin cannot be told apart from other admins, so it is refused.
    """
    workshop = await workshop_for_chat(s, inc, ask=True)
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
