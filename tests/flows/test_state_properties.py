"""No sequence of events breaks the state machines' invariants (property-based)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from flows.fase import Fase, FaseFout, Stap, grenzen, start_stand, subgroup_stand_after, volgende
from flows.kaart import Kolom
from flows.subgroep import Context, Gebeurtenis, Geweigerd, Status, SubgroepStand, advance

events = st.lists(
    st.tuples(
        st.sampled_from(list(Gebeurtenis)),
        st.integers(min_value=0, max_value=3),  # answers in the column
        st.sampled_from(list(Kolom)),  # target of a reopen
    ),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(events, st.sampled_from([Fase.WAARDEN, Fase.KOLOMMEN]))
def test_a_subgroup_moves_one_step_at_a_time_within_its_phase(sequence, fase):
    stand = start_stand(fase)
    limits = grenzen(fase)
    reasons: list[str] = []
    for event, answers, target in sequence:
        try:
            after = advance(stand, event, Context(answers, limits, target))
        except Geweigerd as refusal:
            reasons.append(refusal.reason)
            continue
        assert 1 <= int(after.kolom) <= 5
        if event is Gebeurtenis.KLAAR:
            assert answers > 0
            assert after.kolom >= stand.kolom
            assert after.kolom - stand.kolom <= 1
            assert after.kolom <= limits.ceiling
        if event is Gebeurtenis.TERUG:
            assert after.kolom <= stand.kolom
            assert after.status is Status.BEANTWOORDT
        if event is Gebeurtenis.HEROPEN:
            assert after == SubgroepStand(Status.BEANTWOORDT, target)
            assert limits.floor <= target <= limits.ceiling
        stand = after
    # Every refusal has a reason the bot can show.
    assert all(r.startswith("weigering.") for r in reasons)


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
