"""The group decides together that a column is done.

One member's /klaar does not close the column for everyone: it asks the group. A second
member's yes closes it at once; a no from anyone keeps the group answering; without a no
the column closes after a minute. A group of one closes at once, and so does the
facilitator (they steer the workshop).

Pure: who may decide, and when it closes. The use case stores the open question and
its deadline, so a restart in between still closes it in time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

# How long the group has to say no before the column closes by itself.
WACHTTIJD = timedelta(seconds=60)


class Besluit(StrEnum):
    """What a /klaar, a yes or a no does to the column."""

    SLUIT = "sluit"  # the column closes now
    VRAAG = "vraag"  # ask the group first
    AL_GEVRAAGD = "al_gevraagd"  # the same member again: nothing changes
    GAAT_DOOR = "gaat_door"  # someone says no: the group goes on answering


@dataclass(frozen=True)
class Vraag:
    """An open question to the group: who asked (a Telegram user id), and until when."""

    vrager: int
    deadline: datetime


def deadline(nu: datetime) -> datetime:
    """Until when the group can say no to a question asked now."""
    return nu + WACHTTIJD


def bij_klaar(
    open_vraag: Vraag | None,
    wie: int,
    leden: frozenset[int],
    *,
    facilitator: bool = False,
    in_chat: int | None = None,
) -> Besluit:
    """A member types /klaar (or presses ✅). ``leden`` are the group's active members the
    bot knows; ``in_chat`` is how many people are in the group's own chat (when known):
    someone who never typed is a member too."""
    if facilitator:
        return Besluit.SLUIT
    if open_vraag is None:
        grootte = max(len(leden | {wie}), in_chat or 0)
        return Besluit.SLUIT if grootte <= 1 else Besluit.VRAAG
    return Besluit.AL_GEVRAAGD if wie == open_vraag.vrager else Besluit.SLUIT


def bij_antwoord(open_vraag: Vraag, wie: int, ja: bool, *, facilitator: bool = False) -> Besluit:
    """A member presses yes or no under the question."""
    if not ja:
        return Besluit.GAAT_DOOR
    if facilitator or wie != open_vraag.vrager:
        return Besluit.SLUIT
    return Besluit.AL_GEVRAAGD


def verlopen(open_vraag: Vraag, nu: datetime) -> bool:
    """True once nobody said no in time: the column closes."""
    return nu >= open_vraag.deadline
