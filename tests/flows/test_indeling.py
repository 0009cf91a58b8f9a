"""Splitting participants into subgroups: hard cases, the facilitator's changes, properties."""

from __future__ import annotations

import itertools
import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flows.indeling import (
    Deelnemer,
    Indeling,
    IndelingFout,
    Kosten,
    Rol,
    controleer,
    kosten,
    netwerk_sleutel,
    stel_indeling_voor,
    verplaats,
    voeg_laatkomer_toe,
)

P, B, U, A = Rol.PROFESSIONAL, Rol.BELEIDSMAKER, Rol.BURGER, Rol.ANDERS


def people(*specs: tuple[Rol | None, str | None], start: int = 1) -> list[Deelnemer]:
    """Participants numbered from ``start``, one per (role, network)."""
    return [
        Deelnemer(start + n, f"deelnemer {start + n}", rol, netwerk)
        for n, (rol, netwerk) in enumerate(specs)
    ]


def sizes(indeling: Indeling) -> list[int]:
    return [len(g) for g in indeling.groepen]


def group_of(indeling: Indeling, deelnemer_id: int) -> int:
    return next(n for n, g in enumerate(indeling.groepen) if deelnemer_id in g)


def fewest_network_pairs(deelnemers: list[Deelnemer], aantal: int) -> int:
    """Brute force: the fewest same-network pairs over all splits with sizes within 1."""
    best = None
    for labels in itertools.product(range(aantal), repeat=len(deelnemers)):
        counts = Counter(labels)
        group_sizes = [counts[g] for g in range(aantal)]
        if max(group_sizes) - min(group_sizes) > 1:
            continue
        groepen = tuple(
            tuple(d.id for d, g in zip(deelnemers, labels, strict=True) if g == n)
            for n in range(aantal)
        )
        pairs = kosten(Indeling(groepen), deelnemers).same_network_pairs
        best = pairs if best is None else min(best, pairs)
    assert best is not None
    return best


# --- the proposal: hard cases ------------------------------------------------------------


def test_ten_people_in_three_groups_are_four_three_three():
    ds = people(*[(None, None)] * 10)
    indeling = stel_indeling_voor(ds, 3)
    assert sizes(indeling) == [4, 3, 3]
    controleer(indeling, ds, 3)


def test_people_of_one_network_go_to_different_groups():
    ds = people((P, "Gemeente"), (B, "gemeente"), (U, " GeMeente "), (P, "Buurt"), (U, "buurt"))
    indeling = stel_indeling_voor(ds, 3)
    assert kosten(indeling, ds).same_network_pairs == 0
    assert len({group_of(indeling, i) for i in (1, 2, 3)}) == 3
    assert group_of(indeling, 4) != group_of(indeling, 5)


def test_a_network_larger_than_the_number_of_groups_shares_groups_as_little_as_possible():
    # Seven from the school in three groups: 3 + 2 + 2, so 3 + 1 + 1 = 5 pairs at least.
    ds = people(*[(P, "school")] * 7, (U, "wijk"), (U, "wijk"), (B, None))
    indeling = stel_indeling_voor(ds, 3)
    assert kosten(indeling, ds).same_network_pairs == 5
    school = Counter(group_of(indeling, d.id) for d in ds if d.netwerk == "school")
    assert sorted(school.values()) == [2, 2, 3]
    assert sizes(indeling) == [4, 3, 3]


def test_two_large_networks_and_uneven_sizes():
    ds = people(*[(P, "zorg")] * 5, *[(U, "wijkraad")] * 4, (B, "provincie"), (B, "Provincie"))
    indeling = stel_indeling_voor(ds, 4)
    assert sorted(sizes(indeling)) == [2, 3, 3, 3]
    # Five from zorg in four groups share one group (2 + 1 + 1 + 1); the rest are apart.
    assert kosten(indeling, ds).same_network_pairs == 1


def test_unknown_networks_never_conflict():
    ds = people(*[(rol, None) for rol in (P, P, P, U, U, U, B, B, B)])
    indeling = stel_indeling_voor(ds, 3)
    assert kosten(indeling, ds) == Kosten(0, 0, 0)
    # With networks out of the way, every group gets one of each role.
    for groep in indeling.groepen:
        assert sorted(d.rol for d in ds if d.id in groep) == sorted([P, U, B])


def test_an_empty_network_name_is_unknown():
    assert netwerk_sleutel("   ") is None
    assert netwerk_sleutel(None) is None
    assert netwerk_sleutel(" Wijk  Team ") == netwerk_sleutel("wijkteam") == "wijkteam"


def test_everyone_with_the_same_role_is_fine():
    ds = people(*[(U, f"straat {n % 4}") for n in range(12)])
    indeling = stel_indeling_voor(ds, 4)
    assert kosten(indeling, ds) == Kosten(0, 0, 0)


def test_roles_are_spread_when_networks_allow_it():
    ds = people(
        (P, "a"), (P, "b"), (P, "c"), (B, "a"), (B, "b"), (B, "c"), (U, "a"), (U, "b"), (U, "c")
    )
    indeling = stel_indeling_voor(ds, 3)
    assert kosten(indeling, ds) == Kosten(0, 0, 0)


@pytest.mark.parametrize("seed", range(6))
def test_which_group_gets_the_extra_person_serves_the_mix(seed):
    # Swaps alone leave two professionals together here; moving the extra person helps.
    ds = [
        Deelnemer(0, "a", P, "wijk"),
        Deelnemer(1, "b", B, "wijk"),
        Deelnemer(-1, "c", P, "zorg"),
        Deelnemer(2, "d", B, "school"),
        Deelnemer(-2, "e", U, "zorg"),
    ]
    assert kosten(stel_indeling_voor(ds, 2, seed=seed), ds) == Kosten(0, 1, 0)


def test_one_group_holds_everyone():
    ds = people((P, "a"), (P, "a"), (U, None))
    assert stel_indeling_voor(ds, 1) == Indeling(((1, 2, 3),))


def test_as_many_groups_as_people_gives_groups_of_one():
    ds = people((P, "a"), (P, "a"), (U, None), start=7)
    indeling = stel_indeling_voor(ds, 3)
    assert sizes(indeling) == [1, 1, 1]
    assert sorted(i for g in indeling.groepen for i in g) == [7, 8, 9]


def test_groups_list_their_ids_sorted():
    ds = people(*[(None, None)] * 9)
    for groep in stel_indeling_voor(ds, 2, seed=5).groepen:
        assert list(groep) == sorted(groep)


@pytest.mark.parametrize(
    ("deelnemers", "aantal", "reason", "params"),
    [
        (people((P, "a"), (U, "b")), 0, "indeling.fout.aantal_te_klein", {"aantal": 0}),
        (people((P, "a"), (U, "b")), -1, "indeling.fout.aantal_te_klein", {"aantal": -1}),
        (
            people((P, "a"), (U, "b")),
            3,
            "indeling.fout.te_weinig_deelnemers",
            {"aantal": 3, "deelnemers": 2},
        ),
        ([], 1, "indeling.fout.te_weinig_deelnemers", {"aantal": 1, "deelnemers": 0}),
        (
            [Deelnemer(1, "An"), Deelnemer(1, "Bo")],
            1,
            "indeling.fout.dubbele_deelnemer",
            {"deelnemer": 1},
        ),
    ],
)
def test_a_split_that_cannot_be_made_is_refused_with_a_reason(deelnemers, aantal, reason, params):
    with pytest.raises(IndelingFout) as refused:
        stel_indeling_voor(deelnemers, aantal)
    assert refused.value.reason == reason
    assert refused.value.params == params


def test_200_people_in_25_groups_get_even_groups_with_networks_spread():
    rng = random.Random(1)
    networks = [f"netwerk {n}" for n in range(30)] + [None]
    ds = [Deelnemer(n, f"p{n}", rng.choice([*Rol, None]), rng.choice(networks)) for n in range(200)]
    indeling = stel_indeling_voor(ds, 25, seed=3)
    controleer(indeling, ds, 25)
    assert max(sizes(indeling)) == min(sizes(indeling)) == 8
    assert kosten(indeling, ds).same_network_pairs == fewest_by_formula(ds, 25)


def fewest_by_formula(ds: list[Deelnemer], aantal: int) -> int:
    """The fewest same-network pairs: every network spread as evenly as it can be."""
    total = 0
    for n in Counter(netwerk_sleutel(d.netwerk) for d in ds if netwerk_sleutel(d.netwerk)).values():
        each, extra = divmod(n, aantal)
        total += extra * (each + 1) * each // 2 + (aantal - extra) * each * (each - 1) // 2
    return total


# --- the cost ----------------------------------------------------------------------------


def test_the_cost_weighs_networks_then_sizes_then_roles():
    assert Kosten(0, 5, 9) < Kosten(1, 0, 0)
    assert Kosten(1, 0, 9) < Kosten(1, 1, 0)
    assert Kosten(1, 1, 0) < Kosten(1, 1, 1)


def test_the_cost_of_a_split():
    ds = people((P, "a"), (P, "A"), (P, "b"), (U, None), (U, None))
    indeling = Indeling(((1, 2, 3), (4, 5)))
    # Pairs: 1-2 share network a. Sizes 3 and 2. Roles: P-P-P and U-U are 3 + 1 = 4 pairs
    # where 1 (P) + 0 (U) is the fewest possible in two groups.
    assert kosten(indeling, ds) == Kosten(same_network_pairs=1, size_spread=1, role_imbalance=3)


def test_someone_the_cost_does_not_know_never_conflicts():
    ds = people((P, "a"))
    assert kosten(Indeling(((1, 99),)), ds) == Kosten(0, 0, 0)


# --- latecomers --------------------------------------------------------------------------


def test_a_latecomer_joins_a_group_without_their_network_and_nobody_moves():
    ds = people((P, "a"), (U, "b"), (B, "c"), (P, "d"), (U, "e"), (B, "f"))
    confirmed = Indeling(((1, 2, 3), (4, 5, 6)))
    nieuw = Deelnemer(7, "laat", U, "A ")
    after = voeg_laatkomer_toe(confirmed, ds, nieuw)
    assert after == Indeling(((1, 2, 3), (4, 5, 6, 7)))


def test_a_latecomer_goes_to_the_smallest_group_when_networks_do_not_decide():
    ds = people((P, "a"), (U, "b"), (B, "c"), (P, "d"), (U, "e"))
    confirmed = Indeling(((1, 2, 3), (4, 5)))
    after = voeg_laatkomer_toe(confirmed, ds, Deelnemer(6, "laat", B, None))
    assert after == Indeling(((1, 2, 3), (4, 5, 6)))


def test_a_latecomer_goes_where_their_role_is_missing():
    ds = people((P, None), (U, None), (P, None), (B, None))
    confirmed = Indeling(((1, 2), (3, 4)))
    assert voeg_laatkomer_toe(confirmed, ds, Deelnemer(5, "laat", B, None)) == Indeling(
        ((1, 2, 5), (3, 4))
    )
    assert voeg_laatkomer_toe(confirmed, ds, Deelnemer(5, "laat", U, None)) == Indeling(
        ((1, 2), (3, 4, 5))
    )


def test_a_tie_goes_to_the_lowest_group_number():
    ds = people((P, None), (P, None))
    confirmed = Indeling(((1,), (2,)))
    assert voeg_laatkomer_toe(confirmed, ds, Deelnemer(3, "laat")) == Indeling(((1, 3), (2,)))


def test_latecomers_one_by_one_keep_the_split_valid():
    ds = people(*[(P, "zorg"), (U, "wijk"), (B, "gemeente")] * 3)
    indeling = stel_indeling_voor(ds, 3)
    for n, (rol, netwerk) in enumerate([(U, "zorg"), (P, "Wijk"), (B, None), (U, "gemeente")]):
        nieuw = Deelnemer(100 + n, "laat", rol, netwerk)
        before = indeling
        indeling = voeg_laatkomer_toe(indeling, ds, nieuw)
        ds.append(nieuw)
        controleer(indeling, ds, 3)
        for old, new in zip(before.groepen, indeling.groepen, strict=True):
            assert set(old) <= set(new)
    assert kosten(indeling, ds).size_spread <= 1


def test_a_latecomer_already_in_the_split_is_refused():
    ds = people((P, "a"), (U, "b"))
    with pytest.raises(IndelingFout) as refused:
        voeg_laatkomer_toe(Indeling(((1,), (2,))), ds, ds[0])
    assert refused.value.reason == "indeling.fout.al_ingedeeld"
    assert refused.value.params == {"deelnemer": 1}


# --- the facilitator's changes -----------------------------------------------------------


def test_the_facilitator_moves_someone_and_confirms():
    ds = people((P, "a"), (U, "b"), (B, "c"), (P, "d"), (U, "e"), (B, "f"))
    proposal = stel_indeling_voor(ds, 2)
    mover = proposal.groepen[0][0]
    moved = verplaats(proposal, mover, 2)
    assert mover in moved.groepen[1]
    assert mover not in moved.groepen[0]
    assert sizes(moved) == [2, 4]
    controleer(moved, ds, 2)  # uneven sizes are the facilitator's choice: still valid
    assert kosten(moved, ds).size_spread == 2
    # Moving back gives the proposal again.
    assert verplaats(moved, mover, 1) == proposal


@pytest.mark.parametrize(
    ("deelnemer", "naar", "reason", "params"),
    [
        (1, 0, "indeling.fout.groepnummer", {"groep": 0, "aantal": 2}),
        (1, 3, "indeling.fout.groepnummer", {"groep": 3, "aantal": 2}),
        (9, 2, "indeling.fout.onbekende_deelnemer", {"deelnemer": 9}),
        (1, 1, "indeling.fout.al_in_groep", {"deelnemer": 1, "groep": 1}),
        (3, 1, "indeling.fout.lege_groep", {"groep": 2}),
    ],
)
def test_a_move_that_cannot_be_made_is_refused(deelnemer, naar, reason, params):
    indeling = Indeling(((1, 2), (3,)))
    with pytest.raises(IndelingFout) as refused:
        verplaats(indeling, deelnemer, naar)
    assert refused.value.reason == reason
    assert refused.value.params == params


@pytest.mark.parametrize(
    ("groepen", "aantal", "reason", "params"),
    [
        (((1, 2), (3,)), 0, "indeling.fout.aantal_te_klein", {"aantal": 0}),
        (((1,), (2,), (3,), ()), 4, "indeling.fout.te_weinig_deelnemers", {"aantal": 4}),
        (((1, 2, 3),), 2, "indeling.fout.aantal_groepen", {"aantal": 2, "groepen": 1}),
        (((1, 2, 3), ()), 2, "indeling.fout.lege_groep", {"groep": 2}),
        (((1, 2), (3, 4)), 2, "indeling.fout.onbekende_deelnemer", {"deelnemer": 4}),
        (((1, 2), (3, 1)), 2, "indeling.fout.dubbel_ingedeeld", {"deelnemer": 1}),
        (((1, 1), (3,)), 2, "indeling.fout.dubbel_ingedeeld", {"deelnemer": 1}),
        (((1,), (3,)), 2, "indeling.fout.niet_ingedeeld", {"deelnemer": 2}),
    ],
)
def test_an_invalid_split_is_rejected_with_a_reason(groepen, aantal, reason, params):
    ds = people((P, "a"), (U, "b"), (B, "c"))
    with pytest.raises(IndelingFout) as refused:
        controleer(Indeling(groepen), ds, aantal)
    assert refused.value.reason == reason
    assert refused.value.params.items() >= params.items()


def test_duplicate_participants_are_rejected():
    with pytest.raises(IndelingFout) as refused:
        controleer(Indeling(((1,),)), [Deelnemer(1, "An"), Deelnemer(1, "An")], 1)
    assert refused.value.reason == "indeling.fout.dubbele_deelnemer"


# --- properties --------------------------------------------------------------------------

NETWORKS = st.sampled_from(["zorg", "Zorg ", "wijk", "WIJK", "school", "gemeente", "", None])
ROLES = st.sampled_from([*Rol, None])


@st.composite
def groups_of_people(draw, max_people: int = 40, max_groups: int = 8):
    """Participants with distinct (not consecutive) ids, and a number of groups that fits."""
    specs = draw(st.lists(st.tuples(ROLES, NETWORKS), min_size=1, max_size=max_people))
    ids = draw(
        st.lists(
            st.integers(min_value=-(10**9), max_value=10**12),
            min_size=len(specs),
            max_size=len(specs),
            unique=True,
        )
    )
    ds = [Deelnemer(i, f"p{i}", rol, netwerk) for i, (rol, netwerk) in zip(ids, specs, strict=True)]
    aantal = draw(st.integers(min_value=1, max_value=min(len(ds), max_groups)))
    return ds, aantal


@settings(max_examples=200, deadline=None)
@given(groups_of_people(), st.integers(min_value=0, max_value=2**32))
def test_the_proposal_is_always_a_valid_even_split(case, seed):
    ds, aantal = case
    indeling = stel_indeling_voor(ds, aantal, seed=seed)
    controleer(indeling, ds, aantal)
    assert len(indeling.groepen) == aantal
    assert sorted(i for g in indeling.groepen for i in g) == sorted(d.id for d in ds)
    assert max(sizes(indeling)) - min(sizes(indeling)) <= 1
    assert kosten(indeling, ds).size_spread <= 1
    assert kosten(indeling, ds).same_network_pairs == fewest_by_formula(ds, aantal)


def one_change_away(indeling: Indeling) -> list[Indeling]:
    """Every split one swap of two people, or one move to a smaller group, away."""
    groepen = [list(g) for g in indeling.groepen]
    nearby = []
    for g, h in itertools.permutations(range(len(groepen)), 2):
        for a in groepen[g]:
            if len(groepen[g]) == len(groepen[h]) + 1:
                moved = [list(x) for x in groepen]
                moved[g].remove(a)
                moved[h].append(a)
                nearby.append(moved)
            if g < h:
                for b in groepen[h]:
                    swapped = [list(x) for x in groepen]
                    swapped[g][swapped[g].index(a)] = b
                    swapped[h][swapped[h].index(b)] = a
                    nearby.append(swapped)
    return [Indeling(tuple(tuple(sorted(g)) for g in x)) for x in nearby]


@settings(max_examples=200, deadline=None)
@given(groups_of_people(max_people=16, max_groups=4), st.integers(min_value=0, max_value=2**32))
def test_no_single_swap_or_move_would_improve_the_proposal(case, seed):
    # What a facilitator would try first: swap two people, or move one to a smaller group.
    # Neither may give a split with networks further apart or roles better mixed.
    ds, aantal = case
    indeling = stel_indeling_voor(ds, aantal, seed=seed)
    proposed = kosten(indeling, ds)
    for other in one_change_away(indeling):
        assert kosten(other, ds) >= proposed, other


@settings(max_examples=100, deadline=None)
@given(groups_of_people(), st.integers(min_value=0, max_value=2**32))
def test_the_same_seed_gives_the_same_split(case, seed):
    ds, aantal = case
    assert stel_indeling_voor(ds, aantal, seed=seed) == stel_indeling_voor(ds, aantal, seed=seed)


@settings(max_examples=150, deadline=None)
@given(groups_of_people(max_people=8, max_groups=3), st.integers(min_value=0, max_value=99))
def test_same_network_pairs_are_the_brute_force_minimum(case, seed):
    ds, aantal = case
    indeling = stel_indeling_voor(ds, aantal, seed=seed)
    assert kosten(indeling, ds).same_network_pairs == fewest_network_pairs(ds, aantal)


@st.composite
def valid_splits(draw):
    """Any partition of the participants into ``aantal`` non-empty groups, sizes free."""
    ds, aantal = draw(groups_of_people(max_people=20))
    order = draw(st.permutations(ds))
    # The first ``aantal`` people open one group each; everyone else goes anywhere.
    labels = list(range(aantal)) + [
        draw(st.integers(min_value=0, max_value=aantal - 1)) for _ in order[aantal:]
    ]
    groepen = tuple(
        tuple(d.id for d, g in zip(order, labels, strict=True) if g == n) for n in range(aantal)
    )
    return ds, aantal, Indeling(groepen)


@settings(max_examples=200, deadline=None)
@given(valid_splits())
def test_no_valid_split_is_rejected(case):
    ds, aantal, indeling = case
    controleer(indeling, ds, aantal)


@settings(max_examples=200, deadline=None)
@given(valid_splits(), st.data())
def test_a_broken_split_is_rejected(case, data):
    ds, aantal, indeling = case
    groepen = [list(g) for g in indeling.groepen]
    g = data.draw(st.integers(min_value=0, max_value=aantal - 1))
    breakage = data.draw(
        st.sampled_from(["drop", "twice", "stranger", "extra group", "merge", "empty"])
    )
    if breakage == "drop":
        groepen[g].pop()
    elif breakage == "twice":
        groepen[g].append(data.draw(st.sampled_from(ds)).id)
    elif breakage == "stranger":
        groepen[g].append(max(d.id for d in ds) + 1)
    elif breakage == "extra group":
        groepen.append([])
    elif breakage == "merge":
        # Two groups become one: one group too few.
        groepen = [x for n, x in enumerate(groepen) if n != g]
        if groepen:
            groepen[0] = groepen[0] + list(indeling.groepen[g])
    else:
        groepen[g] = []
    with pytest.raises(IndelingFout):
        controleer(Indeling(tuple(tuple(x) for x in groepen)), ds, aantal)


@settings(max_examples=150, deadline=None)
@given(valid_splits(), ROLES, NETWORKS)
def test_a_latecomer_moves_nobody_else(case, rol, netwerk):
    ds, aantal, indeling = case
    nieuw = Deelnemer(max(d.id for d in ds) + 1, "laat", rol, netwerk)
    after = voeg_laatkomer_toe(indeling, ds, nieuw)
    controleer(after, [*ds, nieuw], aantal)
    grown = [
        n
        for n, (old, new) in enumerate(zip(indeling.groepen, after.groepen, strict=True))
        if set(old) != set(new)
    ]
    assert len(grown) == 1
    assert set(after.groepen[grown[0]]) == {*indeling.groepen[grown[0]], nieuw.id}
    # No other group would have been better for the cost.
    for n in range(aantal):
        other = Indeling(
            tuple(
                tuple(sorted((*g, nieuw.id))) if m == n else g
                for m, g in enumerate(indeling.groepen)
            )
        )
        assert kosten(after, [*ds, nieuw]) <= kosten(other, [*ds, nieuw])


@settings(max_examples=150, deadline=None)
@given(valid_splits(), st.data())
def test_a_move_keeps_the_split_valid_or_is_refused(case, data):
    ds, aantal, indeling = case
    who = data.draw(st.sampled_from(ds)).id
    naar = data.draw(st.integers(min_value=1, max_value=aantal))
    van = group_of(indeling, who) + 1
    if van == naar or len(indeling.groepen[van - 1]) == 1:
        with pytest.raises(IndelingFout) as refused:
            verplaats(indeling, who, naar)
        expected = "indeling.fout.al_in_groep" if van == naar else "indeling.fout.lege_groep"
        assert refused.value.reason == expected
        return
    moved = verplaats(indeling, who, naar)
    controleer(moved, ds, aantal)
    assert who in moved.groepen[naar - 1]
