"""No sequence of events breaks the state machines' invariants (property-based)."""

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from flows.fase import Fase, FaseFout, Stap, grenzen, start_stand, subgroup_stand_after, volgende
from flows.kaart import Kolom
from flows.subgroep import (
    Context,
    Gebeurtenis,
    Geweigerd,
    Grenzen,
    Status,
    SubgroepStand,
    advance,
)

events = st.lists(
    st.tuples(
        st.sampled_from(list(Gebeurtenis)),
        st.integers(min_value=0, max_value=3),  # answers in the column
        st.sampled_from(list(Kolom)),  # target of a reopen
    ),
    max_size=60,
)


def expected_after(
    stand: SubgroepStand, event: Gebeurtenis, answers: int, target: Kolom, limits: Grenzen
) -> SubgroepStand | None:
    """Where the subgroup should be after the event, as the method says; None: refused."""
    answering, waiting = Status.BEANTWOORDT, Status.WACHT
    onward = stand.kolom.next if stand.kolom < limits.ceiling else None
    back = stand.kolom.previous if stand.kolom > limits.floor else None
    match stand.status, event:
        case _, Gebeurtenis.HEROPEN:  # the facilitator reopens any column of the phase
            inside = limits.floor <= target <= limits.ceiling
            return SubgroepStand(answering, target) if inside else None
        case Status.NIEUW, Gebeurtenis.DOORGAAN:  # the facilitator starts the questions
            return SubgroepStand(answering, stand.kolom)
        case Status.NIEUW, _:  # nothing to be done with or step back from yet
            return None
        case Status.BEANTWOORDT, Gebeurtenis.KLAAR if answers == 0:  # done without answers
            return None
        case Status.BEANTWOORDT, Gebeurtenis.KLAAR | Gebeurtenis.DOORGAAN:
            # On to the next column, or wait when the phase has none.
            return SubgroepStand(answering, onward) if onward else replace(stand, status=waiting)
        case Status.BEANTWOORDT, Gebeurtenis.TERUG:
            return SubgroepStand(answering, back) if back else None
        case Status.WACHT, Gebeurtenis.KLAAR:  # already done
            return None
        case Status.WACHT, Gebeurtenis.TERUG:  # back to the column it finished
            return SubgroepStand(answering, stand.kolom)
        case Status.WACHT, Gebeurtenis.DOORGAAN:  # released to the next column, if any
            return SubgroepStand(answering, onward) if onward else None
    raise AssertionError(f"no expectation for {stand} and {event}")


@st.composite
def phases_and_states(draw) -> tuple[Fase, SubgroepStand]:
    """A phase and any state a subgroup may be in during it, not only where joiners land."""
    fase = draw(st.sampled_from([Fase.OPENING, Fase.WAARDEN, Fase.KOLOMMEN]))
    limits = grenzen(fase)
    columns = [k for k in Kolom if limits.floor <= k <= limits.ceiling]
    start = st.builds(SubgroepStand, st.sampled_from(list(Status)), st.sampled_from(columns))
    return fase, draw(st.one_of(st.just(start_stand(fase)), start))


@settings(max_examples=300, deadline=None)
@given(events, phases_and_states())
def test_a_subgroup_moves_one_step_at_a_time_within_its_phase(sequence, phase_and_state):
    fase, stand = phase_and_state
    limits = grenzen(fase)
    for event, answers, target in sequence:
        reason = None
        try:
            after: SubgroepStand | None = advance(stand, event, Context(answers, limits, target))
        except Geweigerd as refusal:
            after, reason = None, refusal.reason
        assert after == expected_after(stand, event, answers, target, limits)
        assert reason is None or reason.startswith("weigering.")  # a reason the bot can show
        now = after or stand
        assert limits.floor <= now.kolom <= limits.ceiling  # never outside its phase
        if event is not Gebeurtenis.HEROPEN:  # only the facilitator may jump columns
            assert abs(now.kolom - stand.kolom) <= 1
        stand = now


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list(Stap)), max_size=30))
def test_the_workshop_only_moves_forward_through_the_six_steps(steps):
    fase = Fase.OPENING
    stand = start_stand(fase)
    for stap in steps:
        try:
            nxt = volgende(fase, stap)
        except FaseFout:
            continue
        assert nxt.stap > fase.stap
        stand = subgroup_stand_after(nxt, stand)
        if nxt.plenary or nxt is Fase.AFGEROND:
            assert stand.status is Status.WACHT
        if nxt is Fase.KOLOMMEN:
            assert stand.kolom >= Kolom.RELATIES
        fase = nxt
    assert fase.stap <= Fase.AFGEROND.stap
