"""The button codec: every kind reads back as itself, fits Telegram, refuses what we never
wrote, and reaches its use case. Pure and fast: no sandbox, no storage."""

from __future__ import annotations

import typing
from dataclasses import dataclass, fields
from enum import Enum
from types import CoroutineType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot import buttons
from bot.buttons import (
    CONFIRM_MODEL,
    KINDS,
    MAX_DATA_BYTES,
    AnswerClosing,
    AnswerCofacilitator,
    AnswerGroupReady,
    ApartHint,
    Back,
    ButtonPress,
    ChooseRole,
    ChooseWorkshop,
    ClosingQuestion,
    Confirm,
    DeleteWorkshop,
    Done,
    Forget,
    Forgetting,
    JoinHint,
    KeepGroup,
    ListPage,
    LooseGroup,
    RemoveItem,
    ShowMap,
    StatusPage,
    UndoEdit,
    Vote,
    YesNo,
    parse,
)
from bot.handlers_buttons import use_case_for
from flows.indeling import Rol
from flows.subgroep import Gebeurtenis

LARGEST = 10**9 - 1
SOURCE = "cb:77"


@dataclass(frozen=True)
class Case:
    """A button as the bot makes it: its data on the wire (as in chats today) and the use
    case a press calls, with the arguments it called it with before the codec existed."""

    press: ButtonPress
    data: str
    use_case: str
    arguments: dict[str, object]


CASES = [
    Case(Done(12, 3), "klaar:12:3", "move_subgroup",
         {"gebeurtenis": Gebeurtenis.KLAAR, "source": SOURCE, "pressed_for": (12, 3)}),
    Case(Back(12, 3), "terug:12:3", "move_subgroup",
         {"gebeurtenis": Gebeurtenis.TERUG, "source": SOURCE, "pressed_for": (12, 3)}),
    Case(ShowMap(12, 3), "kaart:12:3", "show_map", {}),
    Case(RemoveItem(2, 7, 4), "pd:2:7:w4", "remove_by_button",
         {"kolom": 2, "version": 7, "position": 4}),
    Case(KeepGroup(2, 7, 4), "pd:2:7:j4", "decide_by_button",
         {"kolom": 2, "version": 7, "position": 4, "together": True}),
    Case(LooseGroup(2, 7, 4), "pd:2:7:l4", "decide_by_button",
         {"kolom": 2, "version": 7, "position": 4, "together": False}),
    Case(JoinHint(2, 7, 3, 12), "pd:2:7:h3-12", "hint_by_button",
         {"kolom": 2, "version": 7, "pair": (3, 12), "join": True}),
    Case(ApartHint(2, 7, 3, 12), "pd:2:7:d3-12", "hint_by_button",
         {"kolom": 2, "version": 7, "pair": (3, 12), "join": False}),
    Case(UndoEdit(2, 7), "pd:2:7:u", "undo_edit", {"pressed_for": (2, 7)}),
    Case(Confirm(2, 7), "pd:2:7:ok", "confirm", {"version": 7, "column": 2}),
    Case(CONFIRM_MODEL, "pd:0:0:ok", "confirm", {"version": None, "column": 0}),
    # Column 0 is the whole model, whatever the version (as before the codec).
    Case(Confirm(0, 7), "pd:0:7:ok", "confirm", {"version": None, "column": 0}),
    Case(ListPage(2, 7, 3), "pd:2:7:p3", "turn_list_page",
         {"column": 2, "version": 7, "page": 3}),
    Case(StatusPage(5, 2), "sb:5:2", "turn_status_page", {"workshop_id": 5, "page": 2}),
    Case(Vote(2, 7, 3, 4), "st:2:7:3:4", "vote",
         {"kolom": 2, "version": 7, "votes_each": 3, "position": 4}),
    Case(ChooseRole(5, Rol.BELEIDSMAKER), "rol:5:beleidsmaker", "choose_role",
         {"workshop_id": 5, "role": "beleidsmaker"}),
    Case(Forget(5, Forgetting.ANONYMISE), "vg:5:a", "forget_confirmed",
         {"workshop_id": 5, "choice": "a"}),
    Case(Forget(5, Forgetting.ERASE), "vg:5:w", "forget_confirmed",
         {"workshop_id": 5, "choice": "w"}),
    Case(DeleteWorkshop(5), "del:5", "delete_confirmed", {"workshop_id": 5}),
    Case(AnswerCofacilitator(8, YesNo.YES), "cf:8:j", "answer_cofacilitator",
         {"offer_id": 8, "yes": True}),
    Case(AnswerCofacilitator(8, YesNo.NO), "cf:8:n", "answer_cofacilitator",
         {"offer_id": 8, "yes": False}),
    Case(ChooseWorkshop(5), "ws:5", "choose_workshop", {"workshop_id": 5}),
    Case(AnswerGroupReady(9, YesNo.YES), "gk:9:j", "answer_group_ready",
         {"ready_id": 9, "yes": True}),
    Case(AnswerGroupReady(9, YesNo.NO), "gk:9:n", "answer_group_ready",
         {"ready_id": 9, "yes": False}),
    Case(AnswerClosing(5, ClosingQuestion.LEARNED), "sl:5:g", "closing_answer_chosen",
         {"workshop_id": 5, "question": "g"}),
    Case(AnswerClosing(5, ClosingQuestion.TAKE_HOME), "sl:5:m", "closing_answer_chosen",
         {"workshop_id": 5, "question": "m"}),
]  # fmt: skip


def _case_id(case: Case) -> str:
    return case.data


def _largest(kind: type[ButtonPress]) -> ButtonPress:
    """The longest data a kind can have: every number at its largest, the longest value."""
    types = typing.get_type_hints(kind)
    values: dict[str, object] = {}
    for f in fields(kind):
        t = types[f.name]
        if issubclass(t, Enum):
            values[f.name] = max(t, key=lambda m: len(str(m.value)))
        else:
            values[f.name] = LARGEST
    return kind(**values)


def _any_press(kind: type[ButtonPress]) -> st.SearchStrategy[ButtonPress]:
    """Any button of a kind: numbers in the range the codec reads, enums as they are."""
    types = typing.get_type_hints(kind)
    numbers = {f.name: st.integers(0, LARGEST) for f in fields(kind) if types[f.name] is int}
    return st.builds(kind, **numbers)


def test_every_kind_defined_is_a_button_press_and_has_a_case():
    defined = {
        obj
        for obj in vars(buttons).values()
        if isinstance(obj, type) and issubclass(obj, buttons._Press) and obj is not buttons._Press
    }
    assert defined == set(KINDS)
    assert {type(case.press) for case in CASES} == set(KINDS)


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_a_button_keeps_the_data_of_buttons_already_in_chats(case):
    assert case.press.data == case.data


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_a_button_reads_back_as_itself(case):
    press = parse(case.press.data)
    assert press == case.press
    assert type(press) is type(case.press)


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.__name__)
def test_the_longest_data_of_a_kind_fits_telegram_and_reads_back(kind):
    press = _largest(kind)
    assert len(press.data.encode("utf-8")) <= MAX_DATA_BYTES
    assert parse(press.data) == press


@given(st.one_of(*(_any_press(kind) for kind in KINDS)))
def test_any_button_reads_back_as_itself(press):
    assert parse(press.data) == press


@given(st.one_of(*(_any_press(kind) for kind in KINDS)))
def test_the_data_of_a_button_is_read_by_one_kind_only(press):
    readers = [r for r in buttons._READERS if r.read(press.data) is not None]
    assert [r.kind for r in readers] == [type(press)]


# Random text, and text made of the parts of real data so that many tries come close.
@given(st.text(max_size=80) | st.text(alphabet=":0123456789-kaltrugpdwvoes", max_size=24))
def test_only_data_we_write_is_read(data):
    press = parse(data)
    assert press is None or press.data == data


@pytest.mark.parametrize(
    "make",
    [
        lambda: Done(-1, 3),
        lambda: Back(1, 10**9),
        lambda: Vote(1, 1, 3, -4),
        lambda: DeleteWorkshop(10**12),
    ],
)
def test_a_button_with_data_we_could_not_read_back_is_not_made(make):
    with pytest.raises(ValueError, match="does not fit"):
        make()


FORGED = [
    # Seen in the end-to-end tests: what people (and attackers) send.
    "",
    "drop table",
    "klaar:1:x",
    "klaar:1:1:extra",
    "terug:²:1",
    "pd:" + "9" * 61,
    "pd:" + "9" * 67,
    "pd:1:1:zz",
    "pd:1:1:w",
    "pd:1:1:ok:extra",
    "pd:99999999999:1:ok",
    "pd:²:1:ok",
    "pd:1:1:w²",
    "klaar:²:1",
    "\u202e" * 35,
    # Numbers: other digits, signs, separators, too many digits, leading zeros.
    "klaar:١٢:3",
    "klaar:１:1",
    "klaar:-1:3",
    "klaar:+1:3",
    "klaar:1_000:3",
    "del:1e3",
    "del:0x10",
    "klaar: 1:3",
    "klaar:1234567890:3",
    "klaar:01:3",
    "pd:2:7:w-1",
    "pd:2:7:h3",
    "pd:2:7:h3-",
    "pd:2:7:h-3",
    "pd:2:7:h3-4-5",
    "pd:2:7:d3--4",
    "pd:2:7:w1234567890",
    # Parts missing, extra or empty; whitespace and control characters around them.
    "klaar",
    "klaar:1",
    "klaar:1:",
    ":klaar:1:1",
    "klaar::1",
    "klaar:1:1\n",
    " klaar:1:1",
    "kaart:1:1\x00",
    "st:2:7:3",
    "st:2:7:3:4:5",
    "del:",
    "del:1:2",
    "vg:1",
    # Unknown prefixes and values, other spelling.
    "KLAAR:1:1",
    "klaar\u200b:1:1",
    "weg:1:1",
    "pd:2:7:OK",
    "pd:2:7:x",
    "pd:2:7:j",
    "pd:2:7:l-3",
    "pd:2:7:j03",
    "pd:2:7:J3",
    "rol:1:koning",
    "rol:1:Burger",
    "rol:x:burger",
    "vg:1:x",
    "vg:1:aw",
    "vg:1:A",
    # Over-long.
    "klaar:1:1" + " " * 60,
    "x" * 65,
    "del:" + "1" * 200,
    "\ud800",
]


@pytest.mark.parametrize("data", FORGED, ids=ascii)
def test_forged_or_malformed_data_is_not_a_button(data):
    assert parse(data) is None


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_a_press_calls_its_use_case_with_what_the_data_says(case):
    services, inc = object(), object()
    work = use_case_for(case.press, services, inc, source=SOURCE)  # type: ignore[arg-type]
    assert isinstance(work, CoroutineType)
    try:
        called = work.cr_frame.f_locals  # the arguments, before it ever runs
        assert work.cr_code.co_name == case.use_case
        assert called["s"] is services
        assert called["inc"] is inc
        for name, expected in case.arguments.items():
            assert called[name] == expected
            assert type(called[name]) is type(expected), name  # plain ints and str, as before
    finally:
        work.close()  # never awaited: nothing touches storage
