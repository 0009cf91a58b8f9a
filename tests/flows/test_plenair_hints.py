"""The "looks like" hints on the plenary list (flows.plenair.hints, flows.merge.near_pairs): pairs
the merge left apart because they share too little, shown to the facilitator to decide."""

from __future__ import annotations

import pytest

from flows.kaart import Kolom
from flows.merge import MergeInput, near_pairs, propose_items
from flows.plenair import (
    Draft,
    Edit,
    Hint,
    Item,
    Op,
    PlenairFout,
    add,
    apply_edit,
    draft_from_proposals,
    hints,
    merge,
    parse_edit,
    set_apart,
    split,
    take_in_late,
)

ANSWERS = {
    1: ("Meer groen in de wijk", "Noord"),
    2: ("meer bomen en groen", "Zuid"),
    3: ("mantelzorgers worden gezien", "Noord"),
    4: ("Aandacht voor mantelzorgers", "Oost"),
    5: ("schone straten", "Zuid"),
    6: ("geen vertrouwen", "Oost"),
    7: ("vertrouwen in elkaar", "Noord"),
}


def proposed(answers=ANSWERS) -> Draft:
    inputs = [MergeInput(a, text, group) for a, (text, group) in answers.items()]
    return draft_from_proposals(Kolom.WAARDEN, propose_items(inputs))


def position(draft: Draft, answer: int) -> int:
    return next(n for n, item in enumerate(draft.items, 1) if answer in item.answer_ids)


def pairs(draft: Draft, answers=ANSWERS) -> set[frozenset[int]]:
    """The hints as pairs of first answers, so tests do not depend on list order."""
    return {
        frozenset((draft.items[h.a - 1].answer_ids[0], draft.items[h.b - 1].answer_ids[0]))
        for h in hints(draft, answers)
    }


def test_alike_answers_the_merge_leaves_apart_become_hints():
    draft = proposed()
    # The merge itself keeps these apart: they share one word of several.
    assert len(draft.items) == len(ANSWERS)
    assert pairs(draft) == {frozenset((1, 2)), frozenset((3, 4))}


def test_no_hint_across_a_negation_or_without_a_shared_word():
    draft = proposed()
    found = pairs(draft)
    assert frozenset((6, 7)) not in found  # "geen vertrouwen" / "vertrouwen in elkaar"
    assert all(5 not in pair for pair in found)  # "schone straten" shares nothing


def test_near_pairs_scores_and_floor():
    texts = ["Meer groen in de wijk", "meer bomen en groen", "schone straten"]
    assert near_pairs(texts) == {(0, 1): pytest.approx(0.5)}
    assert near_pairs(texts, floor=0.6) == {}


def test_a_hint_goes_once_the_items_are_merged():
    draft = proposed()
    hint = next(h for h in hints(draft, ANSWERS) if 1 in draft.items[h.a - 1].answer_ids)
    merged = apply_edit(draft, Edit(Op.MERGE, (hint.a, hint.b)))
    assert frozenset((1, 2)) not in pairs(merged)
    assert pairs(merged) == {frozenset((3, 4))}


def test_set_apart_stops_the_hint_and_keeps_everything_else():
    draft = proposed()
    a, b = position(draft, 3), position(draft, 4)
    after = set_apart(draft, a, b)
    assert pairs(after) == {frozenset((1, 2))}
    assert [i.text for i in after.items] == [i.text for i in draft.items]
    assert [i.auto for i in after.items] == [i.auto for i in draft.items]


def test_apart_survives_a_later_merge_with_a_third_item():
    answers = {**ANSWERS, 8: ("mantelzorg erkennen", "Zuid")}
    draft = proposed(answers)
    draft = set_apart(draft, position(draft, 3), position(draft, 4))
    # Merge "Aandacht voor mantelzorgers" with a third item: still apart from answer 3.
    merged = merge(draft, position(draft, 4), position(draft, 5))
    item = merged.items[position(merged, 4) - 1]
    assert 3 in item.apart
    assert frozenset((3, 4)) not in pairs(merged, answers)


def test_parts_of_a_split_are_not_hinted_back_together():
    draft = merge(proposed(), position(proposed(), 1), position(proposed(), 2))
    parts = split(draft, position(draft, 1), ANSWERS)
    assert frozenset((1, 2)) not in pairs(parts)


def test_typed_apart_command_and_its_refusals():
    draft = proposed()
    assert parse_edit("/apart", "2 en 5") == Edit(Op.APART, (2, 5))
    assert parse_edit("/different", "2 5") == Edit(Op.APART, (2, 5))
    with pytest.raises(PlenairFout) as same:
        set_apart(draft, 2, 2)
    assert same.value.reason == "plenair.fout.zelfde_item"
    with pytest.raises(PlenairFout) as missing:
        set_apart(draft, 1, 99)
    assert missing.value.reason == "plenair.fout.nummer"
    own = add(draft, "iets van de begeleider")
    with pytest.raises(PlenairFout) as no_answers:
        set_apart(own, 1, len(own.items))
    assert no_answers.value.reason == "plenair.fout.geen_antwoorden"
    with pytest.raises(PlenairFout):
        parse_edit("/apart", "3")


def test_items_without_answers_get_no_hints():
    draft = Draft(Kolom.WAARDEN, (Item("meer groen"), Item("meer bomen en groen")))
    assert hints(draft, {}) == ()


def test_each_item_heads_at_most_one_hint():
    answers = {
        1: ("betaalbaar wonen voor jongeren", "A"),
        2: ("woningen voor jongeren", "B"),
        3: ("jongeren een stem geven", "C"),
        4: ("ruimte voor jongeren", "D"),
    }
    found = hints(proposed(answers), answers)
    firsts = [h.a for h in found]
    assert len(firsts) == len(set(firsts))
    assert all(isinstance(h, Hint) and h.a < h.b for h in found)


def test_a_late_answer_regrouping_keeps_what_was_set_apart():
    draft = proposed()
    draft = set_apart(draft, position(draft, 3), position(draft, 4))
    late = {**ANSWERS, 8: ("meer groen in de straat", "Oost")}
    after = take_in_late(draft, late, (), "nl")
    assert after is not None
    assert frozenset((3, 4)) not in pairs(after, late)
