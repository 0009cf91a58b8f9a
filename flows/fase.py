"""The workshop's phases, moved on by the facilitator, and what each allows subgroups.

The phases follow the method's steps: opening (stap 1), waarden in subgroups (stap 2),
the plenary on values (stap 3), the other columns in subgroups (stap 4), the plenary on
the whole model (stap 5) and the follow-up (stap 6).
"""

from __future__ import annotations

from enum import StrEnum

from flows.kaart import Kolom
from flows.subgroep import Grenzen, Status, SubgroepStand


class Fase(StrEnum):
    """Where the workshop is in the method."""

    OPENING = "opening"  # stap 1
    WAARDEN = "waarden"  # stap 2
    PLENAIR_WAARDEN = "plenair_waarden"  # stap 3
    KOLOMMEN = "kolommen"  # stap 4
    PLENAIR_MODEL = "plenair_model"  # stap 5
    AFGEROND = "afgerond"  # stap 6

    @property
    def stap(self) -> int:
        """The method's step number."""
        return list(Fase).index(self) + 1

    @property
    def plenary(self) -> bool:
        """True while the facilitator runs a plenary round (subgroups wait)."""
        return self in (Fase.PLENAIR_WAARDEN, Fase.PLENAIR_MODEL)

    @property
    def subgroups_work(self) -> bool:
        """True in the phases where subgroups answer questions."""
        return self in (Fase.WAARDEN, Fase.KOLOMMEN)


class Stap(StrEnum):
    """What the facilitator can do to the phase."""

    BEGIN = "begin"  # start stap 2: subgroups get the values question
    PLENAIR = "plenair"  # start a plenary round
    BEVESTIG = "bevestig"  # the plenary's result is confirmed: go on
    EINDE = "einde"  # end the workshop


class FaseFout(Exception):
    """A phase change that is not possible now; ``reason`` is a catalogue key."""

    def __init__(self, reason: str, **params: object) -> None:
        super().__init__(reason)
        self.reason = reason
        self.params = params


NEXT: dict[tuple[Fase, Stap], Fase] = {
    (Fase.OPENING, Stap.BEGIN): Fase.WAARDEN,
    (Fase.WAARDEN, Stap.PLENAIR): Fase.PLENAIR_WAARDEN,
    (Fase.PLENAIR_WAARDEN, Stap.BEVESTIG): Fase.KOLOMMEN,
    (Fase.KOLOMMEN, Stap.PLENAIR): Fase.PLENAIR_MODEL,
    (Fase.PLENAIR_MODEL, Stap.BEVESTIG): Fase.AFGEROND,
    **{(fase, Stap.EINDE): Fase.AFGEROND for fase in Fase if fase is not Fase.AFGEROND},
}

# Why a step is refused, per phase: the catalogue key says what to do instead.
_REFUSALS: dict[Stap, str] = {
    Stap.BEGIN: "fase.fout.al_begonnen",
    Stap.PLENAIR: "fase.fout.geen_plenair_nu",
    Stap.BEVESTIG: "fase.fout.niets_te_bevestigen",
    Stap.EINDE: "fase.fout.al_afgelopen",
}


def volgende(fase: Fase, stap: Stap) -> Fase:
    """The phase after a facilitator's step, or FaseFout with the reason."""
    try:
        return NEXT[(fase, stap)]
    except KeyError:
        raise FaseFout(_REFUSALS[stap], fase=fase) from None


def grenzen(fase: Fase) -> Grenzen:
    """How far subgroups may go in a phase: column 1 in stap 2, columns 2–5 in stap 4."""
    if fase is Fase.KOLOMMEN:
        return Grenzen(floor=Kolom.RELATIES, ceiling=Kolom.ACTIES)
    return Grenzen(floor=Kolom.WAARDEN, ceiling=Kolom.WAARDEN)


def start_stand(fase: Fase) -> SubgroepStand:
    """Where a subgroup that joins now lands, so late joiners join the current step."""
    match fase:
        case Fase.OPENING:
            return SubgroepStand(Status.NIEUW, Kolom.WAARDEN)
        case Fase.WAARDEN:
            return SubgroepStand(Status.BEANTWOORDT, Kolom.WAARDEN)
        case Fase.PLENAIR_WAARDEN:
            return SubgroepStand(Status.WACHT, Kolom.WAARDEN)
        case Fase.KOLOMMEN:
            return SubgroepStand(Status.BEANTWOORDT, Kolom.RELATIES)
        case _:
            return SubgroepStand(Status.WACHT, Kolom.ACTIES)


def subgroup_stand_after(fase: Fase, stand: SubgroepStand) -> SubgroepStand:
    """Where a subgroup goes when the workshop enters ``fase``."""
    match fase:
        case Fase.WAARDEN if stand.status is Status.NIEUW:
            return SubgroepStand(Status.BEANTWOORDT, Kolom.WAARDEN)
        case Fase.KOLOMMEN if stand.kolom < Kolom.RELATIES or stand.status is not Status.WACHT:
            return SubgroepStand(Status.BEANTWOORDT, max(stand.kolom, Kolom.RELATIES))
        case Fase.KOLOMMEN:
            nxt = stand.kolom.next
            return SubgroepStand(Status.BEANTWOORDT, nxt) if nxt else stand
        case Fase.PLENAIR_WAARDEN | Fase.PLENAIR_MODEL | Fase.AFGEROND:
            # A plenary starts: every subgroup stops where it is and waits.
            return SubgroepStand(Status.WACHT, stand.kolom)
        case _:
            return stand
