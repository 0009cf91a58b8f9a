"""The plenary list editor (flows.plenair): edits, refusals, parsing and invariants."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flows.kaart import Kolom
from flows.merge import MergeInput, ProposedItem, propose_items
from flows.plenair import (
    COMMANDS,
    HISTORY_LIMIT,
    MAX_ITEM_CHARS,
    Draft,
    Edit,
    History,
    Item,
    Op,
    PlenairFout,
    accept,
    add,
    all_subgroups,
    apply_edit,
    draft_from_proposals,
    merge,
    merge_many,
    move,
    order_by_votes,
    parse_edit,
    pick,
    remove,
    remove_many,
    rephrase,
    single_subgroup_items,
    split,
    take_in_late,
    variants,
    without_answers,
)

# The answers behind the example list: id → (text, subgroup).
ANSWERS = {
    1: ("vertrouwen", "A"),
    2: ("Vertrouwen in elkaar", "B"),
    3: ("open communicatie", "A"),
    4: ("gelijkwaardigheid", "C"),
    5: ("vertrouwen", "C"),
    6: ("korte lijnen", "B"),
}


def example() -> Draft:
    """A list of four items as the merge would propose it."""
    return draft_from_proposals(
        Kolom.WAARDEN,
        [
            ProposedItem("vertrouwen", (5, 1, 2), ("A", "B", "C"), "bevat"),
            ProposedItem("open communicatie", (3,), ("A",), ""),
            ProposedItem("gelijkwaardigheid", (4,), ("C",), ""),
            ProposedItem("korte lijnen", (6,), ("B",), ""),
        ],
    )


def texts(draft: Draft) -> list[str]:
    return [item.text for item in draft.items]


def answer_ids(draft: Draft) -> list[int]:
    return [a for item in draft.items for a in item.answer_ids]


def test_draft_from_proposals_keeps_order_and_sorts_answer_ids():
    draft = example()
    assert draft.kolom is Kolom.WAARDEN
    assert texts(draft) == ["vertrouwen", "open communicatie", "gelijkwaardigheid", "korte lijnen"]
    assert draft.items[0] == Item("vertrouwen", (1, 2, 5), ("A", "B", "C"), 0, auto=True)


# ---- edits ----------------------------------------------------------------------------

V = Item("vertrouwen", (1, 2, 5), ("A", "B", "C"))
OC = Item("open communicatie", (3,), ("A",))
G = Item("gelijkwaardigheid", (4,), ("C",))
K = Item("korte lijnen", (6,), ("B",))


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        pytest.param(
            lambda d: merge(d, 2, 4),
            [V, Item("open communicatie", (3, 6), ("A", "B")), G],
            id="merge-text-of-first-at-smaller",
        ),
        pytest.param(
            lambda d: merge(d, 4, 2),
            [V, Item("korte lijnen", (3, 6), ("B", "A")), G],
            id="merge-reversed-takes-text-of-first-named",
        ),
        pytest.param(
            lambda d: merge_many(d, [3, 1, 4]),
            [Item("gelijkwaardigheid", (1, 2, 4, 5, 6), ("C", "A", "B")), OC],
            id="merge-many",
        ),
        pytest.param(
            lambda d: split(d, 1, ANSWERS),
            [
                Item("vertrouwen", (1,), ("A",)),
                Item("Vertrouwen in elkaar", (2,), ("B",)),
                Item("vertrouwen", (5,), ("C",)),
                OC,
                G,
                K,
            ],
            id="split-keeps-equal-texts-apart",
        ),
        pytest.param(
            lambda d: rephrase(d, 2, "  open  en\teerlijk \n\n\n praten  "),
            [V, Item("open en eerlijk\n\npraten", (3,), ("A",)), G, K],
            id="rephrase-cleans-whitespace",
        ),
        pytest.param(
            lambda d: rephrase(d, 1, "x" * MAX_ITEM_CHARS),
            [Item("x" * MAX_ITEM_CHARS, (1, 2, 5), ("A", "B", "C")), OC, G, K],
            id="rephrase-at-max",
        ),
        pytest.param(lambda d: remove(d, 1), [OC, G, K], id="remove"),
        pytest.param(lambda d: remove_many(d, [4, 2, 4]), [V, G], id="remove-many-dedup"),
        pytest.param(
            lambda d: add(d, " samen leren "), [V, OC, G, K, Item("samen leren")], id="add"
        ),
        pytest.param(lambda d: move(d, 4, 1), [K, V, OC, G], id="move-up"),
        pytest.param(lambda d: move(d, 1, 3), [OC, G, V, K], id="move-down"),
        pytest.param(lambda d: move(d, 2, 2), [V, OC, G, K], id="move-in-place"),
        pytest.param(
            lambda d: order_by_votes(d, {2: 3, 3: 5, 4: 3}),
            [Item(G.text, G.answer_ids, G.subgroups, 5), Item(OC.text, (3,), ("A",), 3)]
            + [Item(K.text, (6,), ("B",), 3), V],
            id="order-by-votes-stable",
        ),
    ],
)
def test_edit(edit, expected):
    before = example()
    after = edit(before)
    # Who made an item (the bot's proposal or the facilitator) has tests of its own below.
    assert [replace(item, auto=False, apart=()) for item in after.items] == expected
    assert before == example()  # never mutated
    assert after.kolom is before.kolom


def test_merge_sums_votes_and_split_resets_them():
    voted = order_by_votes(example(), {1: 2, 2: 1, 3: 4})
    merged = merge(voted, 1, 2)  # gelijkwaardigheid (4) and vertrouwen (2)
    assert merged.items[0] == Item("gelijkwaardigheid", (1, 2, 4, 5), ("C", "A", "B"), 6)
    assert all(item.votes == 0 for item in split(merged, 1, ANSWERS).items[:4])


@pytest.mark.parametrize(
    ("edit", "reason", "params"),
    [
        (lambda d: merge(d, 2, 2), "plenair.fout.zelfde_item", {"nummer": 2}),
        (lambda d: merge_many(d, [1, 3, 1]), "plenair.fout.zelfde_item", {"nummer": 1}),
        (lambda d: merge(d, 1, 5), "plenair.fout.nummer", {"nummer": 5, "aantal": 4}),
        (lambda d: merge(d, 0, 1), "plenair.fout.nummer", {"nummer": 0, "aantal": 4}),
        (lambda d: merge_many(d, [2]), "plenair.fout.gebruik", {"command": "samen"}),
        (lambda d: split(d, 2, ANSWERS), "plenair.fout.niet_splitsen", {"nummer": 2}),
        (lambda d: split(d, 9, ANSWERS), "plenair.fout.nummer", {"nummer": 9, "aantal": 4}),
        (lambda d: split(d, 1, {1: ("a", "A")}), "plenair.fout.antwoord_onbekend", {"nummer": 1}),
        (lambda d: split(add(d, "nieuw"), 5, ANSWERS), "plenair.fout.niet_splitsen", {"nummer": 5}),
        (lambda d: rephrase(d, 1, " \n\t "), "plenair.fout.leeg", {}),
        (lambda d: rephrase(d, 1, "\u200b\u200d"), "plenair.fout.leeg", {}),
        (
            lambda d: rephrase(d, 1, "x" * (MAX_ITEM_CHARS + 1)),
            "plenair.fout.te_lang",
            {"lengte": MAX_ITEM_CHARS + 1, "max": MAX_ITEM_CHARS},
        ),
        (lambda d: rephrase(d, -1, "iets"), "plenair.fout.nummer", {"nummer": -1, "aantal": 4}),
        (lambda d: remove(d, 5), "plenair.fout.nummer", {"nummer": 5, "aantal": 4}),
        (lambda d: remove_many(d, [1, 7]), "plenair.fout.nummer", {"nummer": 7, "aantal": 4}),
        (lambda d: add(d, ""), "plenair.fout.leeg", {}),
        (
            lambda d: add(d, "y" * 501),
            "plenair.fout.te_lang",
            {"lengte": 501, "max": MAX_ITEM_CHARS},
        ),
        (lambda d: move(d, 4, 5), "plenair.fout.nummer", {"nummer": 5, "aantal": 4}),
        (lambda d: move(d, 0, 1), "plenair.fout.nummer", {"nummer": 0, "aantal": 4}),
        (lambda d: order_by_votes(d, {5: 1}), "plenair.fout.nummer", {"nummer": 5, "aantal": 4}),
        (
            lambda d: order_by_votes(d, {1: -1}),
            "plenair.fout.stemmen",
            {"nummer": 1, "stemmen": -1},
        ),
        (
            lambda d: remove(Draft(Kolom.ACTIES, ()), 1),
            "plenair.fout.nummer",
            {"nummer": 1, "aantal": 0},
        ),
        (
            lambda d: apply_edit(d, Edit(Op.MOVE, (1,))),
            "plenair.fout.gebruik",
            {"command": "zet"},
        ),
    ],
)
def test_refusal(edit, reason, params):
    with pytest.raises(PlenairFout) as caught:
        edit(example())
    assert caught.value.reason == reason
    assert caught.value.params == params


def test_a_refused_remove_many_removes_nothing():
    draft = example()
    with pytest.raises(PlenairFout):
        remove_many(draft, [1, 2, 99])
    assert draft == example()


# ---- parsing --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "args", "expected"),
    [
        ("samen", "2 5", Edit(Op.MERGE, (2, 5))),
        ("samen", "2 5 7", Edit(Op.MERGE, (2, 5, 7))),
        ("samen", "2,5", Edit(Op.MERGE, (2, 5))),
        ("samen", "2 en 5", Edit(Op.MERGE, (2, 5))),
        ("samen", "#2 #5", Edit(Op.MERGE, (2, 5))),
        ("samen", "2 & 5", Edit(Op.MERGE, (2, 5))),
        ("samen", "  2 ,5;7  ", Edit(Op.MERGE, (2, 5, 7))),
        ("samen", "5 2", Edit(Op.MERGE, (5, 2))),  # order kept: the first gives the text
        ("/Samen", "2 5", Edit(Op.MERGE, (2, 5))),
        ("samen@partnerschapkaart_bot", "2 5", Edit(Op.MERGE, (2, 5))),
        ("merge", "2 and 5", Edit(Op.MERGE, (2, 5))),
        ("samen", "2 2", Edit(Op.MERGE, (2, 2))),  # refused when applied (zelfde_item)
        ("splits", "3", Edit(Op.SPLIT, (3,))),
        ("split", " #3 ", Edit(Op.SPLIT, (3,))),
        ("tekst", "3 nieuwe tekst", Edit(Op.REPHRASE, (3,), "nieuwe tekst")),
        ("tekst", "3 in 2025 met 10 partners", Edit(Op.REPHRASE, (3,), "in 2025 met 10 partners")),
        ("tekst", "3\nregel een\nregel twee", Edit(Op.REPHRASE, (3,), "regel een\nregel twee")),
        ("tekst", "#3: nieuw", Edit(Op.REPHRASE, (3,), "nieuw")),
        ("tekst", "3 12", Edit(Op.REPHRASE, (3,), "12")),
        ("rephrase", "  3   ruim   op  ", Edit(Op.REPHRASE, (3,), "ruim op")),
        ("text", "1 x", Edit(Op.REPHRASE, (1,), "x")),
        ("weg", "4", Edit(Op.REMOVE, (4,))),
        ("weg", "4 6", Edit(Op.REMOVE, (4, 6))),
        ("weg", "4, 6 en 8", Edit(Op.REMOVE, (4, 6, 8))),
        ("weg", "0", Edit(Op.REMOVE, (0,))),  # a number: refused when applied (nummer)
        ("weg", "007", Edit(Op.REMOVE, (7,))),
        ("weg", "999999999", Edit(Op.REMOVE, (999999999,))),
        ("remove", "1", Edit(Op.REMOVE, (1,))),
        ("erbij", "nieuwe tekst", Edit(Op.ADD, (), "nieuwe tekst")),
        ("erbij", " 3 keer per jaar\noverleg ", Edit(Op.ADD, (), "3 keer per jaar\noverleg")),
        ("add", "iets", Edit(Op.ADD, (), "iets")),
        ("zet", "4 1", Edit(Op.MOVE, (4, 1))),
        ("zet", "4 naar 1", Edit(Op.MOVE, (4, 1))),
        ("move", "#4 to #1", Edit(Op.MOVE, (4, 1))),
    ],
)
def test_parse_edit(command, args, expected):
    assert parse_edit(command, args) == expected


# Unicode digits ("٣", "３") are refused, consistently, like any other non-number: the bot
# numbers the list with ASCII digits. Numbers longer than 9 digits are refused as garbage.
@pytest.mark.parametrize(
    ("command", "args"),
    [
        ("samen", ""),
        ("samen", "2"),
        ("samen", "twee vijf"),
        ("samen", "2 vijf"),
        ("samen", "2-5"),
        ("samen", "2.5"),
        ("weg", ""),
        ("weg", "-1"),
        ("weg", "99999999999999999999"),
        ("weg", "9" * 5000),
        ("weg", "٣"),
        ("weg", "３"),
        ("weg", "1 ٣"),
        ("weg", "4 iets"),
        ("splits", ""),
        ("splits", "3 4"),
        ("splits", "drie"),
        ("zet", "4"),
        ("zet", "4 1 2"),
        ("zet", ""),
        ("tekst", "3"),
        ("tekst", "3   \n "),
        ("tekst", "x iets"),
        ("tekst", "iets"),
        ("tekst", "3iets"),
        ("tekst", "3.5 liter"),
        ("tekst", "3:"),
        ("tekst", "٣ iets"),
        ("tekst", ""),
        ("erbij", ""),
        ("erbij", "  \n\t "),
    ],
)
def test_parse_edit_refuses_with_usage(command, args):
    with pytest.raises(PlenairFout) as caught:
        parse_edit(command, args)
    assert caught.value.reason == "plenair.fout.gebruik"
    assert caught.value.params == {"command": COMMANDS[command]}


def test_parse_edit_refuses_an_unknown_command():
    with pytest.raises(PlenairFout) as caught:
        parse_edit(" /bla ", "2 5")
    assert (caught.value.reason, caught.value.params) == (
        "plenair.fout.onbekend_commando",
        {"command": "/bla"},
    )


@pytest.mark.parametrize(
    ("command", "args", "expected"),
    [
        ("samen", "4 en 2", ["vertrouwen", "korte lijnen", "gelijkwaardigheid"]),
        ("weg", "1 3", ["open communicatie", "korte lijnen"]),
        ("zet", "4 1", ["korte lijnen", "vertrouwen", "open communicatie", "gelijkwaardigheid"]),
        (
            "tekst",
            "2 open gesprek",
            ["vertrouwen", "open gesprek", "gelijkwaardigheid", "korte lijnen"],
        ),
        (
            "erbij",
            "leren",
            ["vertrouwen", "open communicatie", "gelijkwaardigheid", "korte lijnen", "leren"],
        ),
        (
            "splits",
            "1",
            [
                "vertrouwen",
                "Vertrouwen in elkaar",
                "vertrouwen",
                "open communicatie",
                "gelijkwaardigheid",
                "korte lijnen",
            ],
        ),
    ],
)
def test_apply_edit_dispatches(command, args, expected):
    assert texts(apply_edit(example(), parse_edit(command, args), ANSWERS)) == expected


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        ("0", "plenair.fout.nummer"),
        ("999999999", "plenair.fout.nummer"),
        ("2", "plenair.fout.niet_splitsen"),
    ],
)
def test_parsed_but_out_of_range_is_refused_when_applied(args, reason):
    command = "splits" if reason.endswith("splitsen") else "weg"
    with pytest.raises(PlenairFout) as caught:
        apply_edit(example(), parse_edit(command, args), ANSWERS)
    assert caught.value.reason == reason


def test_split_without_answers_is_refused_not_crashing():
    with pytest.raises(PlenairFout) as caught:
        apply_edit(example(), Edit(Op.SPLIT, (1,)))
    assert caught.value.reason == "plenair.fout.antwoord_onbekend"


# ---- history and questions --------------------------------------------------------------


def test_undo_returns_drafts_newest_first_and_refuses_when_empty():
    first, second = example(), remove(example(), 1)
    history = History().push(first).push(second)
    history, got = history.undo()
    assert got == second
    history, got = history.undo()
    assert got == first
    with pytest.raises(PlenairFout) as caught:
        history.undo()
    assert (caught.value.reason, caught.value.params) == ("plenair.fout.niets_ongedaan", {})


def test_history_keeps_only_the_last_fifty():
    history = History()
    drafts = [add(example(), f"item {i}") for i in range(HISTORY_LIMIT + 10)]
    for draft in drafts:
        history = history.push(draft)
    assert history.drafts == tuple(drafts[-HISTORY_LIMIT:])


def test_single_subgroup_items_and_all_subgroups():
    draft = add(merge(example(), 2, 4), "nieuw")  # V, O+K (A, B), G, nieuw
    assert single_subgroup_items(draft) == (3,)
    assert all_subgroups(draft) == ("A", "B", "C")
    assert single_subgroup_items(example()) == (2, 3, 4)
    assert all_subgroups(Draft(Kolom.WAARDEN, ())) == ()


# ---- properties -----------------------------------------------------------------------

SUBGROUPS = st.sampled_from(["A", "B", "C", "D"])
WORDS = st.sampled_from(["vertrouwen", "open", "samen", "leren", "wijk", "2025"])


@st.composite
def drafts_with_answers(draw):
    """A proposal list over unique answer ids, and the answers behind it."""
    n = draw(st.integers(1, 12))
    answers = {i: (draw(WORDS), draw(SUBGROUPS)) for i in range(1, n + 1)}
    ids = list(answers)
    groups = []
    while ids:
        size = draw(st.integers(1, min(3, len(ids))))
        groups.append(ids[:size])
        ids = ids[size:]
    proposals = [
        ProposedItem(answers[g[0]][0], tuple(g), tuple(dict.fromkeys(answers[a][1] for a in g)), "")
        for g in groups
    ]
    return draft_from_proposals(Kolom.HANDELEN, proposals), answers


def draw_edit(data, size: int) -> Edit:
    """Any edit with positions on a list of ``size`` items (it may still be refused)."""
    pos = st.integers(1, max(size, 1))
    op = data.draw(st.sampled_from(list(Op)))
    if op is Op.MERGE:
        # Repeated positions are allowed: the merge must refuse them.
        return Edit(op, tuple(data.draw(st.lists(pos, min_size=2, max_size=3))))
    if op is Op.REMOVE:
        return Edit(op, tuple(data.draw(st.lists(pos, min_size=1, max_size=2))))
    if op is Op.MOVE:
        return Edit(op, (data.draw(pos), data.draw(pos)))
    if op is Op.ADD:
        return Edit(op, (), data.draw(WORDS))
    if op is Op.REPHRASE:
        return Edit(op, (data.draw(pos),), data.draw(WORDS))
    return Edit(op, (data.draw(pos),))


@settings(max_examples=150, deadline=None)
@given(start=drafts_with_answers(), data=st.data())
def test_edits_never_duplicate_or_invent_answers_and_undo_restores(start, data):
    draft, answers = start
    history, seen = History(), [draft]
    for _ in range(data.draw(st.integers(0, 12))):
        edit = draw_edit(data, len(draft.items))
        try:
            after = apply_edit(draft, edit, answers)
        except PlenairFout:
            continue  # a refused edit changes nothing
        history, draft = history.push(draft), after
        seen.append(draft)
        ids = answer_ids(draft)
        assert len(ids) == len(set(ids))  # no answer in two items
        assert set(ids) <= set(answers)  # no answer invented
        assert all(list(item.answer_ids) == sorted(item.answer_ids) for item in draft.items)
        assert all(len(set(item.subgroups)) == len(item.subgroups) for item in draft.items)
    # Undo walks back through every draft exactly.
    seen.pop()
    while seen:
        history, previous = history.undo()
        assert previous == seen.pop()
    with pytest.raises(PlenairFout):
        history.undo()


@settings(max_examples=100, deadline=None)
@given(start=drafts_with_answers(), data=st.data())
def test_merge_then_split_restores_the_answers(start, data):
    draft, answers = start
    size = len(draft.items)
    if size < 2:
        return
    a, b = data.draw(st.lists(st.integers(1, size), min_size=2, max_size=2, unique=True))
    merged = merge(draft, a, b)
    at = min(a, b)
    restored = split(merged, at, answers)
    assert sorted(answer_ids(restored)) == sorted(answer_ids(draft))
    # Each split item is exactly one answer, with that answer's text and subgroup.
    n_parts = len(merged.items[at - 1].answer_ids)
    for item in restored.items[at - 1 : at - 1 + n_parts]:
        (only,) = item.answer_ids
        assert (item.text, item.subgroups) == (answers[only][0], (answers[only][1],))
    # The items the merge did not touch are still there, in order.
    untouched = [it for i, it in enumerate(draft.items, 1) if i not in (a, b)]
    rest = restored.items[: at - 1] + restored.items[at - 1 + n_parts :]
    assert list(rest) == untouched


# ---- forgetting a person's answers ------------------------------------------------------

HERS = {7: ("Soep bij Xanthippe", "A"), 8: ("Een moestuin", "B")}
OTHERS = {1: ("Soep voor iedereen", "A"), 2: ("Samen koken", "C"), 3: ("Een moestuin", "B")}


def test_an_item_from_her_answers_only_goes():
    items = (Item("Soep bij Xanthippe", (7,), ("A",)), Item("Samen koken", (2,), ("C",)))
    assert without_answers(items, HERS, OTHERS) == (Item("Samen koken", (2,), ("C",)),)


def test_a_merged_item_keeps_the_others_words_and_loses_her_id_and_subgroup():
    merged = Item("Soep bij Xanthippe, elke week", (2, 7), ("C", "A"), votes=3)
    assert without_answers((merged,), HERS, OTHERS) == (Item("Samen koken", (2,), ("C",), votes=3),)
    # A subgroup that also named it through someone else stays.
    shared = Item("Soep bij Xanthippe", (1, 7), ("A",))
    assert without_answers((shared,), HERS, OTHERS) == (Item("Soep voor iedereen", (1,), ("A",)),)


def test_the_facilitators_own_words_and_other_items_stay():
    reworded = Item("Eten verbindt", (2, 7), ("C", "A"))
    typed = Item("Soep bij Xanthippe")  # typed by the facilitator: no answers behind it
    same_words = Item("Een moestuin", (3,), ("B",))  # someone else said the same
    assert without_answers((reworded, typed, same_words), HERS, OTHERS) == (
        Item("Eten verbindt", (2,), ("C",)),
        typed,
        same_words,
    )


@settings(max_examples=150, deadline=None)
@given(start=drafts_with_answers(), data=st.data())
def test_forgetting_leaves_no_erased_answer_in_any_item(start, data):
    draft, answers = start
    for _ in range(data.draw(st.integers(0, 6))):
        try:
            draft = apply_edit(draft, draw_edit(data, len(draft.items)), answers)
        except PlenairFout:
            continue
    erased = set(data.draw(st.lists(st.sampled_from(sorted(answers)), max_size=4)))
    gone = {a: answers[a] for a in erased}
    kept = {a: answers[a] for a in answers if a not in erased}
    after = without_answers(draft.items, gone, kept)
    assert not erased & set(answer_ids(Draft(draft.kolom, after)))
    assert all(item.answer_ids or item in draft.items for item in after)
    for item in after:
        if item not in draft.items:  # changed: only for the others it came from
            assert item.answer_ids
            assert all(answers[a][1] in item.subgroups for a in item.answer_ids)
    # Every answer that is kept and was on the list still is.
    assert set(answer_ids(draft)) - erased == set(answer_ids(Draft(draft.kolom, after)))


# ---- the bot's proposal is a suggestion; variants; late answers -------------------------


def test_the_proposal_is_a_suggestion_until_the_facilitator_touches_an_item():
    draft = example()
    assert [item.suggested for item in draft.items] == [True, False, False, False]
    # Every manual change makes what it touches the facilitator's, and only that.
    assert not rephrase(draft, 1, "vertrouwen in elkaar").items[0].auto
    assert not move(draft, 1, 2).items[1].auto
    assert [i.auto for i in move(draft, 1, 2).items] == [True, False, True, True]
    assert not merge(draft, 2, 3).items[1].auto
    assert not any(i.auto for i in split(draft, 1, ANSWERS).items[:3])
    kept = accept(draft, [1])
    assert kept.items[0] == replace(draft.items[0], auto=False)
    assert not kept.items[0].suggested


def test_only_a_suggested_group_can_be_accepted():
    with pytest.raises(PlenairFout) as refused:
        accept(example(), [2])
    assert (refused.value.reason, refused.value.params) == (
        "plenair.fout.geen_voorstel",
        {"nummer": 2},
    )


def test_picking_a_variant_makes_it_the_wording_and_keeps_the_others():
    draft = example()
    assert variants(draft.items[0], ANSWERS) == (
        ("vertrouwen", "A"),
        ("Vertrouwen in elkaar", "B"),
        ("vertrouwen", "C"),
    )
    picked = pick(draft, 1, 2, ANSWERS)
    assert picked.items[0].text == "Vertrouwen in elkaar"
    assert picked.items[0].answer_ids == (1, 2, 5)  # the other wordings stay its variants
    assert not picked.items[0].auto
    assert apply_edit(draft, parse_edit("kies", "1 2"), ANSWERS) == picked
    assert parse_edit("/pick", "1 en 2") == Edit(Op.PICK, (1, 2))


@pytest.mark.parametrize(
    ("n", "v", "reason"),
    [(1, 4, "plenair.fout.variant"), (1, 0, "plenair.fout.variant"), (9, 1, "plenair.fout.nummer")],
)
def test_a_variant_that_is_not_there_is_refused(n, v, reason):
    with pytest.raises(PlenairFout) as refused:
        pick(example(), n, v, ANSWERS)
    assert refused.value.reason == reason


def test_an_added_item_has_no_variants_to_pick():
    with pytest.raises(PlenairFout) as refused:
        pick(add(example(), "samen leren"), 5, 1, ANSWERS)
    assert refused.value.reason == "plenair.fout.geen_varianten"


LATE = {**ANSWERS, 7: ("korte lijnen", "D"), 8: ("Heel iets anders", "D")}


def test_without_late_answers_nothing_is_proposed_again():
    assert take_in_late(example(), ANSWERS, (), "nl") is None
    # An answer the facilitator took off the list is not late.
    assert take_in_late(remove(example(), 4), ANSWERS, (6,), "nl") is None


def test_a_late_answer_joins_an_untouched_item_and_one_that_fits_nowhere_stays_alone():
    after = take_in_late(example(), LATE, (), "nl")
    assert after is not None
    assert [(i.text, i.answer_ids) for i in after.items] == [
        ("vertrouwen", (1, 2, 5)),
        ("open communicatie", (3,)),
        ("gelijkwaardigheid", (4,)),
        ("korte lijnen", (6, 7)),
        ("Heel iets anders", (8,)),
    ]
    assert after.items[3].suggested
    assert after.items[0] == example().items[0]  # untouched and unchanged: as it was


def test_a_late_answer_never_changes_what_the_facilitator_did():
    # The facilitator undid the bot's group, merged two items and reworded one.
    draft = split(example(), 1, ANSWERS)  # vertrouwen ×3 apart, by hand
    draft = merge(draft, 4, 6)  # open communicatie + korte lijnen, by hand
    late = {**ANSWERS, 7: ("vertrouwen", "D"), 8: ("korte lijnen", "D")}
    after = take_in_late(draft, late, (), "nl")
    assert after is not None
    assert after.items[: len(draft.items)] == draft.items  # every manual item as it was
    assert [(i.text, i.answer_ids) for i in after.items[len(draft.items) :]] == [
        ("vertrouwen", (7,)),
        ("korte lijnen", (8,)),
    ]


def _eval_answers() -> list[dict[int, tuple[str, str]]]:
    """The hand-grouped evaluation set's columns as answers (id → (text, subgroup))."""
    import json
    from pathlib import Path

    data = json.loads((Path(__file__).parent.parent / "data" / "merge_eval_nl.json").read_text())
    out = []
    for s in data["sets"]:
        texts = [t for cluster in s["clusters"] for t in cluster]
        out.append({i + 1: (t, f"Tafel {i % 5 + 1}") for i, t in enumerate(texts)})
    return out


@pytest.mark.parametrize("column", range(20))
def test_late_answers_only_add_to_the_list(column):
    # A paper table types the last fifth of a column's answers during the plenary: every
    # item already on the list stays where and as it was; some only gain late answers.
    answers = _eval_answers()[column]
    early_ids = sorted(answers)[: len(answers) * 4 // 5]
    early = [MergeInput(a, *answers[a]) for a in early_ids]
    draft = draft_from_proposals(Kolom.WAARDEN, propose_items(early))
    after = take_in_late(draft, answers, (), "nl")
    assert after is not None
    for before, now in zip(draft.items, after.items, strict=False):
        assert (now.text, now.auto, now.apart) == (before.text, before.auto, before.apart)
        assert set(before.answer_ids) <= set(now.answer_ids)
        assert now.subgroups[: len(before.subgroups)] == before.subgroups
        gained = set(now.answer_ids) - set(before.answer_ids)
        assert not gained & set(early_ids)  # only late answers join
    listed = [a for item in after.items for a in item.answer_ids]
    assert sorted(listed) == sorted(answers)  # every answer once
