"""Keeping time: each step's indicative duration and the heads-ups that go with it.

The method gives indicative times for half a day: stap 1 15 minutes, stap 2 45, stap 3
15–30, stap 4 60, stap 5 30–45. Subgroups hear at half time and five minutes before the
end of a step in which they work; the facilitator hears then which subgroups are behind.
Pure: the time comes in as an argument, and which heads-ups were sent comes from storage,
so nothing is lost or repeated when the bot restarts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from flows.fase import Fase
from flows.kaart import Kolom
from flows.subgroep import Status, SubgroepStand

# Minutes per step; stap 3 and stap 5 take the upper end of the method's range, so the
# heads-up does not cut a good plenary discussion short.
STANDARD_MINUTES: dict[Fase, int] = {
    Fase.OPENING: 15,
    Fase.WAARDEN: 45,
    Fase.PLENAIR_WAARDEN: 30,
    Fase.KOLOMMEN: 60,
    Fase.PLENAIR_MODEL: 45,
}
MIN_MINUTES, MAX_MINUTES = 5, 240
LAST_CALL_MINUTES = 5


class Melding(StrEnum):
    """A heads-up about time."""

    HALF = "half"  # half of the step's time has passed
    LAATSTE = "laatste"  # five minutes left
    OM = "om"  # the time is up (for the facilitator only)


@dataclass(frozen=True)
class Tijdmelding:
    """A heads-up that is due now; ``key`` makes it once-only across restarts."""

    melding: Melding
    fase: Fase
    minuten_over: int
    key: str


def minutes_for(fase: Fase, chosen: dict[str, int] | None = None) -> int | None:
    """The step's duration: the facilitator's choice, else the method's; None in stap 6."""
    if chosen and fase.value in chosen:
        return chosen[fase.value]
    return STANDARD_MINUTES.get(fase)


def due(
    fase: Fase,
    started: datetime,
    minutes: int | None,
    now: datetime,
    sent: Iterable[str],
    *,
    workshop_id: int,
) -> list[Tijdmelding]:
    """The heads-ups due now and not sent yet (at most one: the latest that applies)."""
    if minutes is None:
        return []
    elapsed = now - started
    total = timedelta(minutes=minutes)
    left = max(0, int((total - elapsed).total_seconds() // 60))
    moments = [(Melding.HALF, total / 2)]
    if minutes > 2 * LAST_CALL_MINUTES:  # a short step needs no separate last call
        moments.append((Melding.LAATSTE, total - timedelta(minutes=LAST_CALL_MINUTES)))
    moments.append((Melding.OM, total))
    stamp = started.isoformat(timespec="seconds")
    done = set(sent)
    reached = [
        Tijdmelding(m, fase, left, f"tijd:{workshop_id}:{fase.value}:{stamp}:{m.value}")
        for m, at in moments
        if elapsed >= at
    ]
    # After a long pause (the bot was down) only the latest heads-up still makes sense.
    if not reached or reached[-1].key in done:
        return []
    return [reached[-1]]


def expected_column(fase: Fase, elapsed_fraction: float) -> Kolom | None:
    """Where a subgroup that keeps pace is now: stap 4 spreads columns 2–5 evenly."""
    if fase is Fase.WAARDEN:
        return Kolom.WAARDEN
    if fase is not Fase.KOLOMMEN:
        return None
    index = min(3, int(max(0.0, elapsed_fraction) * 4))
    return Kolom(Kolom.RELATIES + index)


def is_behind(fase: Fase, stand: SubgroepStand, elapsed_fraction: float) -> bool:
    """True when a subgroup is more than a column behind the pace of the step."""
    expected = expected_column(fase, elapsed_fraction)
    if expected is None or stand.status is Status.WACHT:
        return False
    if fase is Fase.WAARDEN:
        return stand.status is not Status.WACHT and elapsed_fraction >= 0.9
    return int(stand.kolom) < int(expected) - 1 or (
        elapsed_fraction >= 0.9 and stand.kolom < Kolom.ACTIES
    )


# The method is Dutch and so are its workshops: a day is a day in the Netherlands, so a
# session that starts at 00:30 in Amsterdam is not stamped with the previous (UTC) day.
WORKSHOP_TIMEZONE = "Europe/Amsterdam"


def workshop_day(created_at: str, phase_changes: Iterable[str] = ()) -> date:
    """The day the workshop was held: the day its first step after the opening began (the
    subgroups' work), else the day it was made; in Dutch time.

    Every export carries this date, however and whenever it is made, so the map, the
    agreement and their file names say when the room met, not when someone pressed export.
    """
    moments = [m for m in phase_changes if m] or [created_at]
    started = datetime.fromisoformat(moments[0])
    if started.tzinfo is None:
        started = started.replace(tzinfo=UTC)
    return started.astimezone(ZoneInfo(WORKSHOP_TIMEZONE)).date()
