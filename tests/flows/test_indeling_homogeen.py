"""The homogeneous first meeting: /indelen with /homogeen makes groups of one role."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from flows.indeling import (
    MIN_EIGEN_GROEP,
    Deelnemer,
    Indeling,
    Rol,
    _fewest_pairs,
    controleer,
    kosten,
    netwerk_sleutel,
    stel_homogene_indeling_voor,
    stel_indeling_voor,
)
from tests.flows.test_indeling import groups_of_people, people

P, B, U, A = Rol.PROFESSIONAL, Rol.BELEIDSMAKER, Rol.BURGER, Rol.ANDERS


def roles_of(split, ds) -> list[set]:
    known = {d.id: d.rol for d in ds}
    return [{known[i] for i in g} for g in split.indeling.groepen]


def test_each_group_has_one_role_where_the_plain_split_mixes_them():
    ds = people((P, "zorg"), (P, "wijk"), (P, "zorg"), (U, "buurt"), (U, "school"), (U, "buurt"),
                (B, "gemeente"), (B, "provincie"))  # fmt: skip
    mixed = stel_indeling_voor(ds, 3)
    known = {d.id: d.rol for d in ds}
    assert any(len({known[i] for i in g}) > 1 for g in mixed.groepen)  # today's /indelen

    split = stel_homogene_indeling_voor(ds, 3)
    controleer(split.indeling, ds, 3)
    assert roles_of(split, ds) == [{P}, {B}, {U}]
    assert split.rollen == (P, B, U)
    assert not split.zonder_eigen_groep
    assert not split.zonder_rol


def test_a_large_role_gets_more_groups_and_networks_stay_apart():
    ds = people(*[(P, "zorg")] * 3, *[(P, "wijk")] * 3, (U, "buurt"), (U, "buurt"), (U, "school"))
    split = stel_homogene_indeling_voor(ds, 3)
    assert split.rollen == (P, P, U)
    assert sorted(len(g) for g in split.indeling.groepen) == [3, 3, 3]
    # Each professional group has people of both networks.
    known = {d.id: d.netwerk for d in ds}
    for g in split.indeling.groepen[:2]:
        assert {known[i] for i in g} == {"zorg", "wijk"}


def test_a_role_with_one_person_joins_a_group_and_is_named():
    ds = people((P, "zorg"), (P, "wijk"), (U, "buurt"), (U, "school"), (B, "gemeente"))
    split = stel_homogene_indeling_voor(ds, 2)
    controleer(split.indeling, ds, 2)
    assert split.zonder_eigen_groep == ((B, (5,), "te_weinig"),)
    assert split.rollen == (P, U)
    # Everyone else is with their own role; the policy maker joined one of the groups.
    assert sorted(map(sorted, roles_of(split, ds))) in ([[P], [B, U]], [[B, P], [U]])


def test_left_over_people_get_a_mixed_group_when_one_is_left():
    ds = people((P, "zorg"), (P, "wijk"), (U, "buurt"), (B, "gemeente"), (None, None))
    split = stel_homogene_indeling_voor(ds, 2)
    assert split.rollen == (P, None)
    assert split.zonder_rol == (5,)
    assert {r for r, _, _ in split.zonder_eigen_groep} == {U, B}
    assert roles_of(split, ds) == [{P}, {U, B, None}]


def test_more_roles_than_groups_the_smallest_role_goes_without():
    ds = people(*[(P, None)] * 4, *[(U, None)] * 3, *[(B, None)] * 2)
    split = stel_homogene_indeling_voor(ds, 2)
    assert split.rollen == (P, U)
    assert split.zonder_eigen_groep == ((B, (8, 9), "geen_groep"),)


def test_no_role_big_enough_falls_back_to_mixed_groups():
    ds = people((P, "a"), (U, "b"), (B, "c"), (A, "d"))
    split = stel_homogene_indeling_voor(ds, 2)
    controleer(split.indeling, ds, 2)
    assert split.rollen == (None, None)
    assert len(split.zonder_eigen_groep) == 4


# --- properties ---------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(groups_of_people(), st.integers(min_value=0, max_value=2**32))
def test_always_a_valid_split_where_everyone_with_an_own_group_sits_with_their_role(case, seed):
    ds, aantal = case
    split = stel_homogene_indeling_voor(ds, aantal, seed=seed)
    controleer(split.indeling, ds, aantal)
    assert len(split.rollen) == aantal
    left = {i for _, ids, _ in split.zonder_eigen_groep for i in ids} | set(split.zonder_rol)
    for groep, rol in zip(split.indeling.groepen, split.rollen, strict=True):
        for d in ds:
            if d.id in groep and d.id not in left:
                assert d.rol is rol  # with their own role, never in a mixed group
    # Every role with a group of its own has MIN_EIGEN_GROEP people or more.
    counts = Counter(d.rol for d in ds)
    assert all(counts[r] >= MIN_EIGEN_GROEP for r in split.rollen if r is not None)
    assert split == stel_homogene_indeling_voor(ds, aantal, seed=seed)


@st.composite
def roles_that_fit(draw):
    """Every role present has enough people, and the groups asked for fit them all."""
    roles = draw(st.lists(st.sampled_from(list(Rol)), min_size=1, max_size=4, unique=True))
    ds: list[Deelnemer] = []
    for rol in roles:
        for _ in range(draw(st.integers(min_value=MIN_EIGEN_GROEP, max_value=9))):
            net = draw(st.sampled_from(["zorg", "wijk", "school", "Zorg", None]))
            ds.append(Deelnemer(len(ds) + 1, f"p{len(ds) + 1}", rol, net))
    room = sum(n // MIN_EIGEN_GROEP for n in Counter(d.rol for d in ds).values())
    aantal = draw(st.integers(min_value=len(roles), max_value=room))
    return ds, aantal


@settings(max_examples=200, deadline=None)
@given(roles_that_fit(), st.integers(min_value=0, max_value=2**32))
def test_when_roles_fit_every_group_is_one_role_with_even_sizes_and_networks_apart(case, seed):
    ds, aantal = case
    split = stel_homogene_indeling_voor(ds, aantal, seed=seed)
    assert not split.zonder_eigen_groep
    assert not split.zonder_rol
    assert all(len(r) == 1 for r in roles_of(split, ds))
    assert all(len(g) >= MIN_EIGEN_GROEP for g in split.indeling.groepen)
    for rol in set(split.rollen):
        members = [d for d in ds if d.rol is rol]
        groups = [g for g, r in zip(split.indeling.groepen, split.rollen, strict=True) if r is rol]
        assert max(map(len, groups)) - min(map(len, groups)) <= 1
        nets = Counter(netwerk_sleutel(d.netwerk) for d in members)
        fewest = sum(_fewest_pairs(n, len(groups)) for k, n in nets.items() if k is not None)
        assert kosten(Indeling(tuple(groups)), members).same_network_pairs == fewest
