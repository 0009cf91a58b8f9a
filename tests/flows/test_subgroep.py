"""The subgroup state machine, transition by transition."""

import pytest

from flows.kaart import MAP_ORDER, Kolom, parse_kolom
from flows.subgroep import (
    TRANSITIONS,
    Context,
    Gebeurtenis,
    Geweigerd,
    Grenzen,
    Status,
    SubgroepStand,
    advance,
)

N = Status.NIEUW
A = Status.BEANTWOORDT
W = Status.WACHT


def stand(status: Status, kolom: int) -> SubgroepStand:
    return SubgroepStand(status, Kolom(kolom))


def test_the_map_is_filled_right_to_left_and_drawn_left_to_right():
    assert [k.key for k in Kolom] == ["waarden", "relaties", "handelen", "voorwaarden", "acties"]
    assert [int(k) for k in MAP_ORDER] == [5, 4, 3, 2, 1]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1", Kolom.WAARDEN),
        ("relaties", Kolom.RELATIES),
        (" Acties ", Kolom.ACTIES),
        ("conditions", Kolom.VOORWAARDEN),
        (3, Kolom.HANDELEN),
        ("6", None),
        ("0", None),
        ("kolom", None),
        ("", None),
    ],
)
def test_a_column_is_read_from_its_number_or_name(typed, expected):
    assert parse_kolom(typed) is expected


def test_every_status_has_a_rule_for_every_event():
    assert set(TRANSITIONS) == {(s, g) for s in Status for g in Gebeurtenis}


def test_a_new_subgroup_answers_the_values_first():
    assert SubgroepStand.start() == stand(A, 1)


@pytest.mark.parametrize("kolom", [1, 2, 3, 4])
def test_done_with_a_column_moves_to_the_next(kolom):
    assert advance(stand(A, kolom), Gebeurtenis.KLAAR, Context(answers_in_column=1)) == stand(
        A, kolom + 1
    )


def test_done_with_the_actions_means_the_map_is_finished():
    after = advance(stand(A, 5), Gebeurtenis.KLAAR, Context(answers_in_column=2))
    assert after == stand(W, 5)
    assert after.finished_map


@pytest.mark.parametrize("kolom", [1, 2, 3, 4, 5])
def test_done_without_answers_is_refused_with_a_reason(kolom):
    with pytest.raises(Geweigerd) as refused:
        advance(stand(A, kolom), Gebeurtenis.KLAAR, Context(answers_in_column=0))
    assert refused.value.reason == "weigering.klaar_zonder_antwoorden"
    assert refused.value.params == {"kolom": Kolom(kolom)}


def test_done_at_the_phase_ceiling_waits_for_the_plenary():
    ctx = Context(answers_in_column=3, grenzen=Grenzen(ceiling=Kolom.WAARDEN))
    assert advance(stand(A, 1), Gebeurtenis.KLAAR, ctx) == stand(W, 1)


@pytest.mark.parametrize("kolom", [2, 3, 4, 5])
def test_back_goes_one_column_back(kolom):
    assert advance(stand(A, kolom), Gebeurtenis.TERUG) == stand(A, kolom - 1)


def test_back_from_the_first_column_is_refused():
    with pytest.raises(Geweigerd) as refused:
        advance(stand(A, 1), Gebeurtenis.TERUG)
    assert refused.value.reason == "weigering.terug_eerste_kolom"


def test_back_below_the_phase_floor_is_refused():
    with pytest.raises(Geweigerd):
        advance(stand(A, 2), Gebeurtenis.TERUG, Context(grenzen=Grenzen(floor=Kolom.RELATIES)))


def test_back_while_waiting_reopens_the_own_last_column():
    assert advance(stand(W, 5), Gebeurtenis.TERUG) == stand(A, 5)
    assert advance(stand(W, 1), Gebeurtenis.TERUG) == stand(A, 1)


@pytest.mark.parametrize(
    ("kolom", "reason"), [(1, "weigering.wacht_al"), (5, "weigering.kaart_al_af")]
)
def test_done_while_waiting_is_refused(kolom, reason):
    with pytest.raises(Geweigerd) as refused:
        advance(stand(W, kolom), Gebeurtenis.KLAAR, Context(answers_in_column=4))
    assert refused.value.reason == reason


def test_moving_on_a_waiting_subgroup_opens_the_next_column():
    assert advance(stand(W, 1), Gebeurtenis.DOORGAAN) == stand(A, 2)


def test_moving_on_past_the_last_column_is_refused():
    with pytest.raises(Geweigerd):
        advance(stand(W, 5), Gebeurtenis.DOORGAAN)


def test_moving_on_past_the_phase_ceiling_is_refused():
    with pytest.raises(Geweigerd):
        advance(stand(W, 1), Gebeurtenis.DOORGAAN, Context(grenzen=Grenzen(ceiling=Kolom.WAARDEN)))


def test_moving_on_an_answering_subgroup_needs_no_answers():
    assert advance(stand(A, 3), Gebeurtenis.DOORGAAN) == stand(A, 4)


@pytest.mark.parametrize("status", [A, W])
def test_reopening_a_column_answers_it_again(status):
    assert advance(stand(status, 4), Gebeurtenis.HEROPEN, Context(target=Kolom.RELATIES)) == stand(
        A, 2
    )


def test_reopening_without_a_column_is_refused():
    with pytest.raises(Geweigerd):
        advance(stand(A, 4), Gebeurtenis.HEROPEN)


@pytest.mark.parametrize("event", [Gebeurtenis.KLAAR, Gebeurtenis.TERUG])
def test_a_subgroup_that_has_not_started_cannot_move(event):
    with pytest.raises(Geweigerd) as refused:
        advance(stand(N, 1), event, Context(answers_in_column=1))
    assert refused.value.reason == "weigering.nog_niet_begonnen"


def test_the_start_of_stap_2_asks_a_new_subgroup_the_values():
    assert advance(stand(N, 1), Gebeurtenis.DOORGAAN) == stand(A, 1)
