"""Every message built from what people typed, at its maximum (the longest answers and
names Telegram allows, times many items): each message Telegram gets is within its limits
(4,096 characters of text, 1,024 of caption, 64 bytes of callback data, 100 buttons, 8
to a row), and nothing is left out without a visible "and N more" and a way to see it.

Pure and fast: the builders are called directly; test_limits.py shows the same end to end.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from bot import views, views_plenary
from bot.actions import Button
from bot.buttons import KeepGroup, ListPage, LooseGroup, RemoveItem, StatusPage, Vote, parse
from bot.sandbox.html_text import parse_html, utf16_len
from bot.telegram_text import CAPTION_LIMIT, MESSAGE_LIMIT, split_html
from flows.fase import Fase
from flows.kaart import FILL_ORDER, Kolom
from flows.plenair import Item
from flows.subgroep import Status, SubgroepStand
from flows.texts import render
from storage.models import Answer, PlenaryDraft, Subgroup, Workshop

NOW = datetime(2026, 11, 29, 10, 0, tzinfo=UTC)
# Telegram's longest first name and our longest subgroup name and goal, with characters
# that grow when escaped for HTML and emoji that count twice.
NAME = ("Anna & <Bram> 🌱" * 8)[:64]
GROUP = ("Tafel & <groen> 🌳 " * 6)[:60]
GOAL = ("een wijk & <samen> 🌍 " * 12)[:200]


def longest(n: int) -> str:
    """A distinct answer as long as Telegram lets anyone type: 4,096 UTF-16 units."""
    text = f"Antwoord {n} & <geven> nemen 🌱 "
    while utf16_len(text) < 4096:
        text += f"woord{n} & 🌱 "
    while utf16_len(text) > 4096:
        text = text[:-1]
    return text


def workshop(fase: Fase = Fase.KOLOMMEN, lang: str = "nl", **extra) -> Workshop:
    fields = dict(
        id=7, code="abcde-fghij-klmno", goal=GOAL, facilitator_id=1, plenary_chat_id=1,
        lang=lang, fase=fase, created_at=NOW.isoformat(), ended_at=None,
        phase_changed_at=NOW.isoformat(), plenary_column=Kolom.WAARDEN, status_chat_id=1,
        status_thread_id=None, status_message_id=99, cofac_code=None, durations={},
        reminders_off=False, reminder_cap_minutes=0,
    )  # fmt: skip
    return Workshop(**{**fields, **extra})


def subgroup(n: int, kolom: Kolom = Kolom.RELATIES, chat: int | None = -100) -> Subgroup:
    return Subgroup(
        id=n, workshop_id=7, number=n, name=f"{n} {GROUP}"[:60], chat_id=chat, thread_id=0,
        stand=SubgroepStand(Status.BEANTWOORDT, kolom), prompt_message_id=None,
        board_message_id=None, joined_at=NOW.isoformat(), state_changed_at=NOW.isoformat(),
    )  # fmt: skip


def answer(n: int, kolom: Kolom, author: str | None = NAME) -> Answer:
    return Answer(
        id=n, workshop_id=7, subgroup_id=1, kolom=kolom, text=longest(n), participant_id=n,
        author=author, source_chat_id=-100, source_message_id=n, created_at=NOW.isoformat(),
        edited_at=None,
    )  # fmt: skip


def draft(count: int, *, kolom: Kolom = Kolom.WAARDEN, page: int = 1, **extra) -> PlenaryDraft:
    groups = tuple(f"{g} {GROUP}"[:60] for g in range(1, 31))
    items = tuple(
        Item(longest(n), (n,), groups if n % 2 else groups[:1], votes=n % 7)
        for n in range(1, count + 1)
    )
    fields = dict(
        workshop_id=7, kolom=kolom, items=items, history=(), version=12, chat_id=1,
        thread_id=None, message_id=50, confirmed_at=None, page=page,
    )  # fmt: skip
    return PlenaryDraft(**{**fields, **extra})


def visible(text: str) -> str:
    return parse_html(text)[0]


def squeeze(text: str) -> str:
    return re.sub(r"\s", "", text)


def assert_sendable(text: str, buttons: tuple[tuple[Button, ...], ...] = ()) -> None:
    """Telegram takes this message: valid HTML, not too long, its keyboard allowed."""
    shown = visible(text)  # raises on HTML Telegram cannot parse
    assert shown.strip()
    assert utf16_len(shown) <= MESSAGE_LIMIT
    assert sum(len(row) for row in buttons) <= 100
    for row in buttons:
        assert 1 <= len(row) <= 8
        for button in row:
            assert button.label.strip()
            assert 1 <= len(button.data.encode()) <= 64
            assert parse(button.data) is not None


def more_count(text: str) -> int:
    """The N of a visible '… en nog N' in a message."""
    found = re.search(r"en nog (\d+)", text)
    assert found, text
    return int(found.group(1))


def test_the_question_with_the_most_values_and_roles_fits_and_says_how_many_more():
    values = [longest(n) for n in range(1, 61)]
    roles = [(f"{n} {NAME}"[:64], "Professional") for n in range(1, 61)]
    for silent in (False, True):
        text = views.question(workshop(), Kolom.RELATIES, values, roles, silent=silent)
        assert_sendable(text)
        shown = visible(text)
        # One line names the first values, cut short; all of them came at stap 4's start.
        assert "Jullie waarden: Antwoord 1" in shown
        assert "Antwoord 4 " not in shown
        assert "alle waarden: /kaart" in shown
        assert "Klaar? Typ /klaar." in shown  # the end is never cut off
        playing = shown.count(" kijkt als Professional")
        more_roles = re.search(r"en nog (\d+) rollen", shown)
        assert playing + (int(more_roles.group(1)) if more_roles else 0) == len(roles)


def test_the_question_keeps_all_roles_when_they_fit_and_stays_short():
    values = [f"Waarde {n}" for n in range(1, 21)]
    roles = [(f"Lid {n}", "Burger") for n in range(1, 6)]
    shown = visible(views.question(workshop(goal="de wijk"), Kolom.RELATIES, values, roles))
    assert "Waarde 1; Waarde 2; Waarde 3; …" in shown
    assert "Waarde 4" not in shown
    assert all(f"Lid {n} kijkt als Burger" in shown for n in range(1, 6))
    assert "en nog" not in shown
    assert len(shown) < 600


def test_stap4_sends_all_sixty_longest_values_numbered_within_limits():
    values = [longest(n) for n in range(1, 61)]
    parts = views.step4_values(workshop(), values)
    for part in parts:
        assert_sendable(part)
    everything = squeeze("".join(visible(p) for p in parts))
    position = 0
    for n, v in enumerate(values, start=1):  # every value, whole, numbered, in order
        found = everything.find(squeeze(f"{n}. {v}"), position)
        assert found >= position, n
        position = found


def test_the_placeholder_and_the_waiting_message_at_the_longest_goal_fit():
    assert len(views.placeholder(workshop(), Kolom.VOORWAARDEN)) <= 64
    for status in Status:
        stand = SubgroepStand(status, Kolom.ACTIES)
        for fase in Fase:
            assert_sendable(views.waiting(workshop(fase), stand))


def test_the_board_with_the_longest_answers_fits_and_counts_the_ones_it_leaves_out():
    answers = [answer(n, Kolom.RELATIES) for n in range(1, 101)]
    text = views.board(workshop(), Kolom.RELATIES, answers)
    assert_sendable(text, views.board_buttons(subgroup(1), "nl"))
    shown = visible(text)
    lines = [line for line in shown.splitlines() if line.startswith("• ")]
    assert len(lines) >= 5
    assert len(lines) + more_count(shown) == 100
    assert "Zie /kaart" in shown
    assert lines[-1].startswith("• Antwoord 100 ")  # the newest is shown


def test_the_map_with_the_longest_answers_in_every_column_is_sent_whole():
    answers = [answer(n, kolom) for kolom in FILL_ORDER for n in range(1, 11)]
    values = [longest(n) for n in range(1, 31)]
    parts = views.map_overview(workshop(), subgroup(1), answers, values)
    for part in parts:
        assert_sendable(part)
    shown = squeeze("".join(visible(p) for p in parts))
    for a in answers:
        assert squeeze(f"{a.text} ({NAME})") in shown
    for v in values:
        assert squeeze(v) in shown


def pages_of_list(stored: PlenaryDraft, groups: int = 30) -> list[tuple[str, tuple]]:
    """Every page of the facilitator's list, following ▶️ from the first."""
    pages, page = [], 1
    while True:
        text, buttons = views_plenary.draft_board(
            workshop(Fase.PLENAIR_WAARDEN), PlenaryDraft(**{**vars(stored), "page": page}),
            groups,
        )  # fmt: skip
        pages.append((text, buttons))
        turns = [parse(b.data) for row in buttons for b in row]
        forward = [p for p in turns if isinstance(p, ListPage) and p.page == page + 1]
        if not forward:
            return pages
        page += 1


@pytest.mark.parametrize("confirmed", [None, NOW.isoformat()])
def test_a_list_of_348_of_the_longest_items_is_shown_page_by_page(confirmed):
    stored = draft(348, confirmed_at=confirmed)
    pages = pages_of_list(stored)
    assert len(pages) > 1
    seen: list[int] = []
    for text, buttons in pages:
        assert_sendable(text, buttons)
        shown = visible(text)
        numbers = [int(m) for m in re.findall(r"^(\d+)\. ", shown, re.MULTILINE)]
        seen.extend(numbers)
        assert f"Je ziet punt {numbers[0]} t/m {numbers[-1]} van 348." in shown
        presses = [parse(b.data) for row in buttons for b in row]
        if confirmed:
            assert "Bevestigd" in shown
            assert not any(isinstance(p, RemoveItem) for p in presses)
        else:
            assert "Aanpassen:" in shown  # the explanation is never cut off
            assert [p.position for p in presses if isinstance(p, RemoveItem)] == numbers
            assert {type(p).__name__ for p in presses} >= {"UndoEdit", "Confirm"}
    assert seen == list(range(1, 349))  # every item, once, in order


def test_a_list_shows_the_page_that_was_turned_to_and_the_last_when_it_got_shorter():
    text, buttons = views_plenary.draft_board(workshop(Fase.PLENAIR_WAARDEN),
                                              draft(100, page=3), 30)  # fmt: skip
    first = int(re.search(r"Je ziet punt (\d+)", visible(text)).group(1))
    assert first > 1
    back = [p for row in buttons for b in row if isinstance(p := parse(b.data), ListPage)]
    assert [p.page for p in back][0] == 2
    text, _ = views_plenary.draft_board(workshop(Fase.PLENAIR_WAARDEN), draft(3, page=9), 30)
    assert "Je ziet punt" not in visible(text)  # one page: no paging, all three items
    assert all(f"{n}. Antwoord {n} " in visible(text) for n in (1, 2, 3))


def test_the_whole_model_with_the_longest_items_is_sent_whole_over_several_messages():
    drafts = [draft(120, kolom=k, confirmed_at=NOW.isoformat()) for k in FILL_ORDER]
    text, buttons = views_plenary.model_overview(workshop(Fase.PLENAIR_MODEL), drafts)
    parts = split_html(text)  # as the shell sends it, the buttons under the last part
    assert len(parts) > 1
    for part in parts:
        assert_sendable(part)
    assert_sendable(parts[-1], buttons)
    assert "Typ /bevestig" in visible(parts[-1])
    shown = "".join(visible(p) for p in parts)
    assert shown.count("• Antwoord ") == 5 * 120


def test_a_status_board_of_200_subgroups_is_shown_page_by_page():
    groups = [subgroup(n, chat=None if n % 5 == 0 else -n) for n in range(1, 201)]
    counts = {g.id: {k: 10_000 for k in FILL_ORDER} for g in groups}
    active = {g.id: 999 for g in groups}
    seen, page = [], 1
    while True:
        text, buttons = views_plenary.status_board(
            workshop(status_page=page), groups, counts, active, NOW
        )
        assert_sendable(text, buttons)
        shown = visible(text)
        numbers = [int(m) for m in re.findall(r"^(\d+)\. ", shown, re.MULTILINE)]
        seen.extend(numbers)
        assert f"Je ziet subgroep {numbers[0]} t/m {numbers[-1]} van 200." in shown
        assert "Dan pas ik dit overzicht aan." in shown
        turns = [parse(b.data) for row in buttons for b in row]
        if not any(isinstance(p, StatusPage) and p.page == page + 1 for p in turns):
            break
        page += 1
    assert seen == list(range(1, 201))


def test_a_vote_on_348_of_the_longest_items_goes_as_several_messages_with_every_button():
    stored = draft(348, voting=True)
    messages = views_plenary.vote_message(workshop(Fase.PLENAIR_WAARDEN), stored, 10)
    assert len(messages) > 8  # at most 40 buttons each
    positions = []
    for n, (text, buttons) in enumerate(messages):
        assert_sendable(text, buttons)
        shown = visible(text)
        listed = [int(m) for m in re.findall(r"^(\d+)\. ", shown, re.MULTILINE)]
        presses = [parse(b.data) for row in buttons for b in row]
        pressed = [p.position for p in presses if isinstance(p, Vote)]
        assert listed == pressed
        positions.extend(pressed)
        assert ("Stem op de belangrijkste punten" in shown) == (n == 0)
        assert f"{listed[0]} t/m {listed[-1]} van 348" in shown
    assert positions == list(range(1, 349))

    closed = views_plenary.vote_closed(workshop(Fase.PLENAIR_WAARDEN), stored, len(messages))
    assert len(closed) <= len(messages)
    results = []
    for text in closed:
        assert_sendable(text)
        results += [int(m) for m in re.findall(r"^(\d+)\. ", visible(text), re.MULTILINE)]
    assert results == list(range(1, 349))


def test_a_short_vote_is_one_message_and_its_result_too():
    stored = draft(3, voting=True)
    [(text, buttons)] = views_plenary.vote_message(workshop(Fase.PLENAIR_WAARDEN), stored, 2)
    assert_sendable(text, buttons)
    assert "t/m" not in visible(text)
    [result] = views_plenary.vote_closed(workshop(Fase.PLENAIR_WAARDEN), stored, 1)
    assert "Uitslag" in visible(result)


def test_the_export_caption_at_the_longest_goal_fits_a_caption():
    for lang in ("nl", "en"):
        caption = render("export.bijschrift", lang, doel=GOAL)
        assert utf16_len(visible(caption)) <= CAPTION_LIMIT


def suggested_draft(count: int, **extra) -> tuple[PlenaryDraft, dict[int, tuple[str, str]]]:
    """A list of ``count`` groups the bot suggested, each from three of the longest
    answers of three subgroups (every tenth about one network), and those answers."""
    groups = tuple(f"{g} {GROUP}"[:60] for g in range(1, 31))
    sources: dict[int, tuple[str, str]] = {}
    items = []
    for n in range(1, count + 1):
        ids = (3 * n, 3 * n + 1, 3 * n + 2)
        for k, a in enumerate(ids):
            sources[a] = (longest(a), groups[k])
        text = longest(n) if n % 10 else "Bij ons in de wijk doet De Sleutel " + longest(n)
        items.append(Item(text, ids, groups[:3], auto=True))
    stored = draft(count, **extra)
    return PlenaryDraft(**{**vars(stored), "items": tuple(items)}), sources


def test_a_list_of_348_suggested_groups_has_keep_and_undo_under_every_one_within_limits():
    stored, sources = suggested_draft(348)
    pages, page = [], 1
    while True:
        text, buttons = views_plenary.draft_board(
            workshop(Fase.PLENAIR_WAARDEN), PlenaryDraft(**{**vars(stored), "page": page}),
            30, sources,
        )  # fmt: skip
        pages.append((text, buttons))
        presses = [parse(b.data) for row in buttons for b in row]
        if not any(isinstance(p, ListPage) and p.page == page + 1 for p in presses):
            break
        page += 1
    seen: list[int] = []
    for text, buttons in pages:
        assert_sendable(text, buttons)
        shown = visible(text)
        numbers = [int(m) for m in re.findall(r"^(\d+)\. ", shown, re.MULTILINE)]
        seen.extend(numbers)
        assert shown.count("↳ (1) ") == len(numbers)  # each item with its wordings
        assert "Tik ✔ om ze samen te houden" in shown
        assert "Aanpassen:" in shown
        presses = [parse(b.data) for row in buttons for b in row]
        for kind in (RemoveItem, KeepGroup, LooseGroup):
            assert [p.position for p in presses if isinstance(p, kind)] == numbers
        assert all(p.version == 12 for p in presses if isinstance(p, KeepGroup | LooseGroup))
        specific = [n for n in numbers if n % 10 == 0]
        assert [int(m) for m in re.findall(r"^(\d+)\. .*📍$", shown, re.MULTILINE)] == specific
    assert seen == list(range(1, 349))


def test_the_whole_model_shows_the_wordings_of_every_merged_item_within_limits():
    stored, sources = suggested_draft(120, confirmed_at=NOW.isoformat())
    drafts = [PlenaryDraft(**{**vars(stored), "kolom": k}) for k in FILL_ORDER]
    text, buttons = views_plenary.model_overview(workshop(Fase.PLENAIR_MODEL), drafts, sources)
    parts = split_html(text)
    for part in parts:
        assert_sendable(part)
    assert_sendable(parts[-1], buttons)
    shown = "".join(visible(p) for p in parts)
    assert shown.count("↳ (1) ") == 5 * 120
