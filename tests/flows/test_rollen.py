"""Role play for subgroups that are not mixed: who plays which missing role."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flows.indeling import Deelnemer, Rol
from flows.rollen import (
    GEWENST,
    PERSPECTIEF,
    deel_rollen_uit,
    gespeelde_rol,
    is_gemengd,
    ontbrekende_rollen,
)

P, B, U, A = Rol.PROFESSIONAL, Rol.BELEIDSMAKER, Rol.BURGER, Rol.ANDERS


def group(*rollen: Rol | None) -> list[Deelnemer]:
    return [Deelnemer(n + 1, f"lid {n + 1}", rol) for n, rol in enumerate(rollen)]


def perspectives(leden: list[Deelnemer], uitgedeeld: dict[int, Rol]) -> Counter[Rol | None]:
    """How many members take each role's perspective after the hand-out."""
    return Counter(gespeelde_rol(lid, uitgedeeld) for lid in leden)


@pytest.mark.parametrize(
    ("rollen", "missing"),
    [
        ((P, B, U), ()),
        ((P, B, U, A, None), ()),
        ((P, P), (U, B)),
        ((A, None), (U, P, B)),
        ((), (U, P, B)),
        ((B, U, U), (P,)),
    ],
)
def test_missing_roles_in_the_order_wanted(rollen, missing):
    leden = group(*rollen)
    assert ontbrekende_rollen(leden) == missing
    assert is_gemengd(leden) is (missing == ())


def test_the_wanted_roles_can_be_chosen():
    leden = group(P, A)
    assert ontbrekende_rollen(leden, gewenst=(A, P)) == ()
    assert is_gemengd(leden, gewenst=(A, P))
    assert ontbrekende_rollen(leden, gewenst=(B, A)) == (B,)


@pytest.mark.parametrize(
    ("rollen", "expected"),
    [
        # Mixed: everyone keeps their own role.
        ((P, B, U), {P: 1, B: 1, U: 1}),
        ((P, B, U, P, P), {P: 3, B: 1, U: 1}),
        # Only professionals: one keeps the role, the others play what is missing, evenly.
        ((P, P, P), {P: 1, U: 1, B: 1}),
        ((P,) * 6, {P: 2, U: 2, B: 2}),
        ((P,) * 5, {P: 2, U: 2, B: 1}),
        # One role missing: surplus professionals play it until the group is even.
        ((P, P, U), {P: 1, U: 1, B: 1}),
        ((P, P, P, P, U), {P: 2, U: 1, B: 2}),
        # Too small to be mixed: the only professional and burger keep their roles.
        ((P, U), {P: 1, U: 1}),
        ((U,), {U: 1}),
        # Members who did not tell their role play one first.
        ((P, P, None), {P: 1, U: 1, B: 1}),
        ((None, None, None, None), {U: 2, P: 1, B: 1}),
        # "anders" keeps its own voice unless a missing role needs a player.
        ((P, P, P, A), {P: 1, U: 1, B: 1, A: 1}),
        ((P, P, A), {P: 1, U: 1, B: 1}),
        ((P, U, A), {P: 1, U: 1, B: 1}),
        ((A, A, A, A), {A: 1, U: 1, P: 1, B: 1}),
        ((P, A), {P: 1, U: 1}),
    ],
)
def test_the_group_after_the_hand_out(rollen, expected):
    leden = group(*rollen)
    uitgedeeld = deel_rollen_uit(leden)
    assert dict(perspectives(leden, uitgedeeld)) == expected
    # Only missing roles are handed out, and only to members of the group.
    assert set(uitgedeeld.values()) <= set(ontbrekende_rollen(leden))
    assert set(uitgedeeld) <= {lid.id for lid in leden}


def test_nothing_is_handed_out_in_a_mixed_group():
    assert deel_rollen_uit(group(P, B, U, None, A)) == {}


def test_the_seed_picks_who_plays():
    leden = group(*(P,) * 9)
    handouts = [deel_rollen_uit(leden, seed=seed) for seed in range(10)]
    assert handouts[0] == deel_rollen_uit(leden, seed=0)
    assert len({tuple(sorted(h.items())) for h in handouts}) > 1
    for h in handouts:
        assert Counter(h.values()) == {U: 3, B: 3}


def test_a_member_without_a_play_role_plays_their_own():
    lid = Deelnemer(1, "An", P)
    assert gespeelde_rol(lid, {}) is P
    assert gespeelde_rol(lid, {1: U}) is U
    assert gespeelde_rol(Deelnemer(2, "Bo"), {}) is None


def test_every_role_has_a_perspective_reminder():
    assert set(PERSPECTIEF) == set(Rol)
    assert PERSPECTIEF[U] == "rollen.perspectief.burger"
    assert len(set(PERSPECTIEF.values())) == len(Rol)


# --- properties --------------------------------------------------------------------------

ROLES = st.sampled_from([*Rol, None])


@st.composite
def groups(draw):
    rollen = draw(st.lists(ROLES, max_size=12))
    ids = draw(st.lists(st.integers(), min_size=len(rollen), max_size=len(rollen), unique=True))
    return [Deelnemer(i, f"lid {i}", rol) for i, rol in zip(ids, rollen, strict=True)]


@settings(max_examples=300, deadline=None)
@given(groups(), st.integers(min_value=0, max_value=2**32))
def test_the_hand_out_properties(leden, seed):
    missing = ontbrekende_rollen(leden)
    uitgedeeld = deel_rollen_uit(leden, seed=seed)
    own = Counter(lid.rol for lid in leden)
    after = perspectives(leden, uitgedeeld)
    # A dict: every member gets at most one play role; only members, only missing roles.
    assert set(uitgedeeld) <= {lid.id for lid in leden}
    assert set(uitgedeeld.values()) <= set(missing)
    # No wanted role that someone has disappears from the group.
    assert all(after[rol] >= 1 for rol in GEWENST if own[rol])
    # Every missing role is handed out when there are members to spare for it: everyone
    # but one holder of each wanted role the group has.
    present = sum(1 for rol in GEWENST if own[rol])
    assert len(set(uitgedeeld.values())) == min(len(missing), len(leden) - present)
    if len(leden) >= len(GEWENST):
        played_by = [Deelnemer(lid.id, lid.naam, gespeelde_rol(lid, uitgedeeld)) for lid in leden]
        assert is_gemengd(played_by)
    # Balance: the played roles differ in count by at most 1.
    played = Counter(uitgedeeld.values())
    if missing:
        assert max(played[r] for r in missing) - min(played[r] for r in missing) <= 1
    # Members without a role of their own take one whenever something is missing.
    if missing:
        assert all(lid.id in uitgedeeld for lid in leden if lid.rol is None)
    # Deterministic given the seed.
    assert deel_rollen_uit(leden, seed=seed) == uitgedeeld


@settings(max_examples=200, deadline=None)
@given(groups())
def test_after_the_hand_out_no_switch_would_make_the_group_more_even(leden):
    missing = ontbrekende_rollen(leden)
    after = perspectives(leden, deel_rollen_uit(leden))
    if missing:
        fewest_played = min(after[rol] for rol in missing)
        kept = [n for rol, n in after.items() if rol is not None and rol not in missing]
        assert all(n <= fewest_played + 1 for n in kept)
