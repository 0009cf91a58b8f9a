"""An edit of several answers at once (a paper table's /typ): matched line by line."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flows.bewerking import Regelwijziging, compare_lines

OLD = ("Een groene wijk", "Iedereen doet mee", "Veilige stratn")


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        (OLD, Regelwijziging()),
        (
            ("Een groene wijk", "Iedereen doet mee", "Veilige straten"),
            Regelwijziging(changed=((2, "Veilige straten"),)),
        ),
        # A line added above the fixed one: the fix stays with its own answer.
        (
            ("Een groene wijk", "Iedereen doet mee", "Samen beslissen", "Veilige straten"),
            Regelwijziging(changed=((2, "Veilige straten"),), added=("Samen beslissen",)),
        ),
        (
            ("Een groene wijk", "Veilige straten", "Samen beslissen"),
            Regelwijziging(
                changed=((2, "Veilige straten"),), added=("Samen beslissen",), removed=(1,)
            ),
        ),
        (("Iedereen doet mee",), Regelwijziging(removed=(0, 2))),
        # Lines that only moved are the same answers.
        (("Iedereen doet mee", "Veilige stratn", "Een groene wijk"), Regelwijziging()),
        # One line rewritten beyond recognition in its own place: that answer, changed.
        (
            ("Een groene wijk", "Iedereen doet mee", "Samen beslissen"),
            Regelwijziging(changed=((2, "Samen beslissen"),)),
        ),
        # Every line rewritten: each answer takes the line in its place.
        (("a", "b", "c"), Regelwijziging(changed=((0, "a"), (1, "b"), (2, "c")))),
    ],
)
def test_an_edited_list_changes_adds_and_removes_lines(new, expected):
    assert compare_lines(OLD, new) == expected


def test_the_same_lines_twice_change_nothing():
    assert compare_lines(["x", "x"], ["x", "x"]).nothing
    assert compare_lines(["x", "x"], ["x"]) == Regelwijziging(removed=(1,))


@pytest.mark.parametrize(
    ("old", "new"),
    [(["x", "y"], ["y", "x", "x"]), (["a", "b", "a"], ["b", "a"]), ([], ["a"]), (["a"], [])],
)
def test_applying_the_changes_gives_the_new_lines(old, new):
    _check_applies(old, new)


LINES = st.lists(st.sampled_from(["a", "ab", "abc", "x", "xy", "Veilige straten"]), max_size=7)


@given(LINES, LINES)
def test_any_edit_applied_gives_the_new_lines_and_touches_each_old_line_once(old, new):
    _check_applies(old, new)


def _check_applies(old: list[str], new: list[str]) -> None:
    changes = compare_lines(old, new)
    touched = [*changes.removed, *(i for i, _ in changes.changed)]
    assert len(touched) == len(set(touched))
    kept = dict(enumerate(old))
    for i in changes.removed:
        del kept[i]
    for i, text in changes.changed:
        kept[i] = text
    assert sorted([*kept.values(), *changes.added]) == sorted(new)
