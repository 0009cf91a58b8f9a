"""The subgroup state machine: which column a subgroup answers, or that it waits.

A subgroup is always in one of three statuses about one column:
- ``nieuw``: joined during the opening, before the first question;
- ``beantwoordt`` (answering) column k: the bot asks column k and captures answers for it;
- ``wacht`` (waiting) after column k: the subgroup is done up to k and waits for the
  plenary (or, after column 5, has finished its map).

The facilitator's workshop phase decides how far subgroups may go (``ceiling``) and how
far back they may step (``floor``); the table below decides everything else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from flows.kaart import FIRST, LAST, Kolom


class Status(StrEnum):
    """Whether a subgroup is answering a column or waiting after one."""

    NIEUW = "nieuw"  # joined before the facilitator started stap 2
    BEANTWOORDT = "beantwoordt"
    WACHT = "wacht"


class Gebeurtenis(StrEnum):
    """What can happen to a subgroup."""

    KLAAR = "klaar"  # the subgroup says it is done with its column
    TERUG = "terug"  # the subgroup steps back one column
    DOORGAAN = "doorgaan"  # the facilitator (or a confirmed plenary) moves it on
    HEROPEN = "heropen"  # the facilitator reopens a given column


@dataclass(frozen=True)
class SubgroepStand:
    """The state of one subgroup: a status about a column."""

    status: Status
    kolom: Kolom

    @classmethod
    def start(cls, kolom: Kolom = FIRST) -> SubgroepStand:
        """The state of a subgroup that just joined: answering the first column."""
        return cls(Status.BEANTWOORDT, kolom)

    @property
    def answering(self) -> bool:
        return self.status is Status.BEANTWOORDT

    @property
    def finished_map(self) -> bool:
        """True once the subgroup is done with the last column (acties)."""
        return self.status is Status.WACHT and self.kolom is LAST


class Geweigerd(Exception):
    """A transition that is not allowed; ``reason`` is a message-catalogue key."""

    def __init__(self, reason: str, **params: object) -> None:
        super().__init__(reason)
        self.reason = reason
        self.params = params


@dataclass(frozen=True)
class Grenzen:
    """What the workshop phase allows: the lowest and highest column to answer."""

    floor: Kolom = FIRST
    ceiling: Kolom = LAST


@dataclass(frozen=True)
class Context:
    """Facts the table needs besides the state itself."""

    answers_in_column: int = 0
    grenzen: Grenzen = Grenzen()
    target: Kolom | None = None  # for HEROPEN


Transition = Callable[[SubgroepStand, Context], SubgroepStand]


def _move_on(stand: SubgroepStand, ctx: Context) -> SubgroepStand:
    nxt = stand.kolom.next
    if nxt is None or nxt > ctx.grenzen.ceiling:
        return SubgroepStand(Status.WACHT, stand.kolom)
    return SubgroepStand(Status.BEANTWOORDT, nxt)


def _klaar(stand: SubgroepStand, ctx: Context) -> SubgroepStand:
    if ctx.answers_in_column == 0:
        raise Geweigerd("weigering.klaar_zonder_antwoorden", kolom=stand.kolom)
    return _move_on(stand, ctx)


def _terug(stand: SubgroepStand, ctx: Context) -> SubgroepStand:
    prev = stand.kolom.previous
    if prev is None or prev < ctx.grenzen.floor:
        raise Geweigerd("weigering.terug_eerste_kolom", kolom=stand.kolom)
    return SubgroepStand(Status.BEANTWOORDT, prev)


def _reopen_own(stand: SubgroepStand, ctx: Context) -> SubgroepStand:
    return SubgroepStand(Status.BEANTWOORDT, stand.kolom)


def _released(stand: SubgroepStand, ctx: Context) -> SubgroepStand:
    nxt = stand.kolom.next
    if nxt is None or nxt > ctx.grenzen.ceiling:
        raise Geweigerd("weigering.nog_niet_verder", kolom=stand.kolom)
    return SubgroepStand(Status.BEANTWOORDT, nxt)


def _already_waiting(stand: SubgroepStand, ctx: Context) -> SubgroepStand:
    if stand.finished_map:
        raise Geweigerd("weigering.kaart_al_af")
    raise Geweigerd("weigering.wacht_al", kolom=stand.kolom)


def _not_started(stand: SubgroepStand, ctx: Context) -> SubgroepStand:
    raise Geweigerd("weigering.nog_niet_begonnen")


def _start(stand: SubgroepStand, ctx: Context) -> SubgroepStand:
    return SubgroepStand(Status.BEANTWOORDT, stand.kolom)


def _heropen(stand: SubgroepStand, ctx: Context) -> SubgroepStand:
    if ctx.target is None:
        raise Geweigerd("weigering.welke_kolom")
    if not ctx.grenzen.floor <= ctx.target <= ctx.grenzen.ceiling:
        raise Geweigerd("weigering.kolom_buiten_stap", kolom=ctx.target)
    return SubgroepStand(Status.BEANTWOORDT, ctx.target)


TRANSITIONS: dict[tuple[Status, Gebeurtenis], Transition] = {
    (Status.NIEUW, Gebeurtenis.KLAAR): _not_started,
    (Status.NIEUW, Gebeurtenis.TERUG): _not_started,
    (Status.NIEUW, Gebeurtenis.DOORGAAN): _start,
    (Status.NIEUW, Gebeurtenis.HEROPEN): _heropen,
    (Status.BEANTWOORDT, Gebeurtenis.KLAAR): _klaar,
    (Status.BEANTWOORDT, Gebeurtenis.TERUG): _terug,
    (Status.BEANTWOORDT, Gebeurtenis.DOORGAAN): _move_on,
    (Status.BEANTWOORDT, Gebeurtenis.HEROPEN): _heropen,
    (Status.WACHT, Gebeurtenis.KLAAR): _already_waiting,
    (Status.WACHT, Gebeurtenis.TERUG): _reopen_own,
    (Status.WACHT, Gebeurtenis.DOORGAAN): _released,
    (Status.WACHT, Gebeurtenis.HEROPEN): _heropen,
}


def advance(
    stand: SubgroepStand, gebeurtenis: Gebeurtenis, ctx: Context = Context()
) -> SubgroepStand:
    """Return the state after an event, or raise Geweigerd with the reason."""
    return TRANSITIONS[(stand.status, gebeurtenis)](stand, ctx)
