"""The workshop's phases and what they mean for subgroups."""

import pytest

from flows.fase import Fase, FaseFout, Stap, grenzen, start_stand, subgroup_stand_after, volgende
from flows.kaart import Kolom
from flows.subgroep import Status, SubgroepStand

N, A, W = Status.NIEUW, Status.BEANTWOORDT, Status.WACHT


def stand(status, kolom):
    return SubgroepStand(status, Kolom(kolom))


def test_the_phases_follow_the_six_steps_of_the_method():
    assert [f.stap for f in Fase] == [1, 2, 3, 4, 5, 6]
    path = [Stap.BEGIN, Stap.PLENAIR, Stap.BEVESTIG, Stap.PLENAIR, Stap.BEVESTIG]
    fase = Fase.OPENING
    seen = [fase]
    for stap in path:
        fase = volgende(fase, stap)
        seen.append(fase)
    assert seen == list(Fase)


@pytest.mark.parametrize(
    ("fase", "stap", "reason"),
    [
        (Fase.WAARDEN, Stap.BEGIN, "fase.fout.al_begonnen"),
        (Fase.OPENING, Stap.PLENAIR, "fase.fout.geen_plenair_nu"),
        (Fase.PLENAIR_WAARDEN, Stap.PLENAIR, "fase.fout.geen_plenair_nu"),
        (Fase.KOLOMMEN, Stap.BEVESTIG, "fase.fout.niets_te_bevestigen"),
        (Fase.AFGEROND, Stap.EINDE, "fase.fout.al_afgelopen"),
        (Fase.AFGEROND, Stap.PLENAIR, "fase.fout.geen_plenair_nu"),
    ],
)
def test_a_step_in_the_wrong_phase_is_refused_with_a_reason(fase, stap, reason):
    with pytest.raises(FaseFout) as refused:
        volgende(fase, stap)
    assert refused.value.reason == reason


@pytest.mark.parametrize("fase", [f for f in Fase if f is not Fase.AFGEROND])
def test_the_workshop_can_be_ended_in_any_phase(fase):
    assert volgende(fase, Stap.EINDE) is Fase.AFGEROND


def test_stap_2_asks_only_the_values_and_stap_4_the_other_columns():
    assert (grenzen(Fase.WAARDEN).floor, grenzen(Fase.WAARDEN).ceiling) == (1, 1)
    assert (grenzen(Fase.KOLOMMEN).floor, grenzen(Fase.KOLOMMEN).ceiling) == (2, 5)


@pytest.mark.parametrize(
    ("fase", "expected"),
    [
        (Fase.OPENING, stand(N, 1)),
        (Fase.WAARDEN, stand(A, 1)),
        (Fase.PLENAIR_WAARDEN, stand(W, 1)),
        (Fase.KOLOMMEN, stand(A, 2)),
        (Fase.PLENAIR_MODEL, stand(W, 5)),
        (Fase.AFGEROND, stand(W, 5)),
    ],
)
def test_a_late_joiner_lands_in_the_current_step(fase, expected):
    assert start_stand(fase) == expected


@pytest.mark.parametrize(
    ("fase", "before", "after"),
    [
        (Fase.WAARDEN, stand(N, 1), stand(A, 1)),
        (Fase.PLENAIR_WAARDEN, stand(A, 1), stand(W, 1)),  # a lagging group stops too
        (Fase.PLENAIR_WAARDEN, stand(W, 1), stand(W, 1)),
        (Fase.KOLOMMEN, stand(W, 1), stand(A, 2)),
        (Fase.KOLOMMEN, stand(A, 1), stand(A, 2)),
        (Fase.PLENAIR_MODEL, stand(A, 3), stand(W, 3)),
        (Fase.PLENAIR_MODEL, stand(W, 5), stand(W, 5)),
        (Fase.AFGEROND, stand(A, 4), stand(W, 4)),
    ],
)
def test_entering_a_phase_moves_every_subgroup_accordingly(fase, before, after):
    assert subgroup_stand_after(fase, before) == after
