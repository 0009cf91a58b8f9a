"""The second meeting's starting material: what the groups of one kind shared, and not."""

from __future__ import annotations

from flows.merge import MergeInput
from flows.vervolg import vergelijk


def test_shared_values_name_their_groups_and_own_values_stay_with_their_group():
    answers = [
        MergeInput(1, "Een veilige buurt", "Burgers"),
        MergeInput(2, "Iedereen doet mee", "Burgers"),
        MergeInput(3, "een veilige buurt", "Professionals"),
        MergeInput(4, "Korte lijnen met de gemeente", "Professionals"),
        MergeInput(5, "Een veilige buurt!", "Beleid"),
    ]
    compared = vergelijk(answers, ["Professionals", "Burgers", "Beleid"])
    assert [(t.lower().rstrip("!"), g) for t, g in compared.gedeeld] == [
        ("een veilige buurt", ("Burgers", "Professionals", "Beleid"))
    ]
    assert compared.eigen == (
        ("Professionals", ("Korte lijnen met de gemeente",)),
        ("Burgers", ("Iedereen doet mee",)),
    )


def test_nothing_to_compare_gives_nothing():
    compared = vergelijk([])
    assert compared.gedeeld == ()
    assert compared.eigen == ()


def test_a_group_stands_for_the_role_most_of_its_members_have():
    from flows.vervolg import rol_van_groep

    assert rol_van_groep(["burger", "burger"]) == "burger"
    # Someone whose role got no group of its own joined the citizens' group.
    assert rol_van_groep(["burger", "professional", "burger", None]) == "burger"
    assert rol_van_groep(["burger", "professional"]) is None  # a mixed group
    assert rol_van_groep([None, None]) is None
    assert rol_van_groep([]) is None
