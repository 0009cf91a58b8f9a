"""Limits that never cut silently: every message built from what people typed reaches
them whole, as one or more messages within Telegram's limits, or shows what fits with a
visible "and N more" and a way to see the rest. The sandbox refuses what Telegram would
refuse (text over 4,096, callback data over 64 bytes, more than 100 buttons), so these
journeys at the maximum show it end to end."""

from __future__ import annotations

import html
import re

from bot.sandbox import Sandbox
from bot.telegram_text import utf16_len
from tests.bot.story import board, current_question, facilitator_says, new_workshop


def visible(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", "", text))


def refused(sandbox: Sandbox) -> list[tuple[str, str]]:
    """Calls Telegram refused, but for an edit that changed nothing (the bot ignores that)."""
    return [call for call in sandbox.refused_calls if "not modified" not in call[1]]


def squeeze(text: str) -> str:
    """Text without white space: a message cut in two may lose a line break."""
    return re.sub(r"\s", "", text)


def longest_answer(seed: str) -> str:
    """An answer as long as Telegram lets anyone type (4,096), with HTML's special
    characters that grow when escaped."""
    words = (f"{seed} & <partners> geven & nemen " * 200)[:4096]
    return words.rstrip()[:-1] + "!"


async def test_a_longest_answer_written_in_silence_is_revealed_whole(sandbox: Sandbox, bot):
    fac = sandbox.add_user("Fatima")
    anna, bram = sandbox.add_user("Anna"), sandbox.add_user("Bram")
    group = sandbox.add_group("Tafel 1", members=[anna, bram])
    code = await new_workshop(sandbox, fac, "de wijk")
    await sandbox.send_message(group, anna, f"/join {code}")
    await sandbox.send_message(group, bram, "/rol")
    await sandbox.wait_idle()
    await facilitator_says(sandbox, fac, "/stilschrijven")
    await facilitator_says(sandbox, fac, "/begin")
    long_one = longest_answer("Anna")
    await sandbox.send_message(sandbox.private_chat(anna), anna, long_one)
    await sandbox.send_message(sandbox.private_chat(bram), bram, "Meer groen")
    await sandbox.wait_idle()
    for user in (anna, bram):
        await sandbox.send_message(sandbox.private_chat(user), user, "/klaar")
    await sandbox.wait_idle()

    shown = "".join(m.text for m in sandbox.bot_messages(group))
    assert squeeze(long_one + "(Anna)") in squeeze(shown)
    assert "Meer groen (Bram)" in shown
    await sandbox.wait_until(lambda: "2 antwoorden" in board(sandbox, group).text)
    assert not refused(sandbox)


def distinct_answer(n: int, length: int = 300) -> str:
    """A long answer that shares no word with any other, so none are merged."""
    letters = "bcdfghjklmnprstvwz"
    words, k = [], n * 7919
    while sum(len(w) + 1 for w in words) < length:
        k = (k * 1103515245 + 12345) % 2**31
        word = "".join(letters[(k >> s) % len(letters)] for s in range(0, 20, 4)) + "a"
        words.append(f"{word}{n}")
    return f"Punt{n} & " + " ".join(words)[: length - 10]


async def workshop_with_answers(sandbox: Sandbox, fac, groups: int, per_group: int, length=300):
    """A workshop whose subgroups gave many distinct long values; returns the groups,
    their members and the answers."""
    code = await new_workshop(sandbox, fac, "de wijk")
    chats = []
    for g in range(1, groups + 1):
        chat, member = sandbox.add_group(f"Tafel {g}"), sandbox.add_user(f"Lid{g}")
        await sandbox.send_message(chat, member, f"/join {code}")
        chats.append((chat, member))
    await sandbox.wait_idle()
    await facilitator_says(sandbox, fac, "/begin")
    answers = []
    for g, (chat, member) in enumerate(chats):
        for i in range(per_group):
            text = distinct_answer(g * per_group + i + 1, length)
            answers.append(text)
            await sandbox.send_message(chat, member, f"/idee {text}")
    await sandbox.wait_idle(timeout=120)
    return chats, answers


def list_board(sandbox: Sandbox, fac):
    """The facilitator's list: the message with the ✅ and ↩️ under it."""
    boards = [m for m in sandbox.bot_messages(sandbox.private_chat(fac))
              if any("Bevestig" in label for label, _ in m.buttons)]  # fmt: skip
    assert boards, "no list"
    return boards[-1]


def numbered(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"^(\d+)\. ", text, re.MULTILINE)]


async def turn_pages(sandbox: Sandbox, fac, message) -> list[str]:
    """Press ▶️ under a message until the last page; returns the text of every page."""
    chat = sandbox.private_chat(fac)
    pages = [message.text]
    while forward := [data for label, data in message.buttons if "▶️" in label]:
        await sandbox.press_button(chat, fac, message.message_id, forward[0])
        await sandbox.wait_idle()
        pages.append(message.text)  # the same message, edited in place
    return pages


async def test_a_plenary_list_of_348_items_shows_every_item_page_by_page(sandbox: Sandbox, bot):
    fac = sandbox.add_user("Fatima")
    _, answers = await workshop_with_answers(sandbox, fac, groups=3, per_group=116)
    await facilitator_says(sandbox, fac, "/plenair")
    message = list_board(sandbox, fac)
    assert "Je ziet punt 1 t/m" in message.text
    pages = await turn_pages(sandbox, fac, message)
    assert len(pages) > 1
    seen = [n for page in pages for n in numbered(page)]
    assert sorted(seen) == list(range(1, 349))  # every item, on one page each
    for page in pages:
        assert "Aanpassen:" in page  # the explanation and the buttons stay
        assert "van 348" in page
    shown = "".join(pages)
    assert all(answer[:120] in shown for answer in answers)
    assert any("Bevestig" in label for label, _ in message.buttons)

    # An edit keeps the page the facilitator looks at; the list is one shorter.
    last = numbered(message.text)
    await facilitator_says(sandbox, fac, f"/weg {last[0]}")
    assert f"Je ziet punt {last[0]} t/m" in message.text
    assert "van 347" in message.text
    assert not refused(sandbox)


async def test_a_vote_on_100_items_has_a_button_for_every_item(sandbox: Sandbox, bot):
    fac = sandbox.add_user("Fatima")
    chats, _ = await workshop_with_answers(sandbox, fac, groups=2, per_group=50)
    await facilitator_says(sandbox, fac, "/plenair")
    assert "in 2 subgroepen." in await facilitator_says(sandbox, fac, "/stemmen 3")
    chat, member = chats[0]
    ballots = [m for m in sandbox.bot_messages(chat) if any(d.startswith("st:")
               for _, d in m.buttons)]  # fmt: skip
    assert len(ballots) > 2
    positions = [int(d.rsplit(":", 1)[1]) for m in ballots for _, d in m.buttons]
    assert positions == list(range(1, 101))
    assert "De andere punten staan in de berichten hieronder" in ballots[0].text

    last_item = ballots[-1].buttons[-1]
    await sandbox.press_button(chat, member, ballots[-1].message_id, last_item[1])
    await sandbox.wait_idle()
    assert "Jouw stemmen: 100" in sandbox.callback_answers[-1].text
    await facilitator_says(sandbox, fac, "/telling")
    results = [n for m in ballots for n in numbered(m.text)]
    assert results == list(range(1, 101))  # the outcome, in the messages of the vote
    assert all(not m.buttons for m in ballots)
    assert ": 1" in ballots[0].text.splitlines()[1]  # the item with the vote is first now
    assert not refused(sandbox)


async def test_many_long_values_all_arrive_at_stap_4_and_kaart_shows_all(
    sandbox: Sandbox, bot
):
    fac = sandbox.add_user("Fatima")
    chats, answers = await workshop_with_answers(sandbox, fac, 2, per_group=15, length=480)
    await facilitator_says(sandbox, fac, "/plenair")
    await facilitator_says(sandbox, fac, "/bevestig")
    chat, member = chats[0]
    asked = current_question(sandbox, chat)
    assert "Kolom 2 van 5" in asked.text
    assert "(alle waarden: /kaart)" in asked.text
    # Every value came whole, before the question, in messages within Telegram's limit.
    before = [m.text for m in sandbox.bot_messages(chat) if m.message_id < asked.message_id]
    start = [t for t in before if t.startswith(("Stap 4:", "Jullie waarden, vervolg"))]
    assert len(start) >= 2
    assert all(utf16_len(t) <= 4096 for t in start)
    assert all(squeeze(a) in squeeze("".join(start)) for a in answers)

    sent = await sandbox.send_message(chat, member, "/kaart")
    await sandbox.wait_idle()
    kaart = "".join(m.text for m in sandbox.bot_messages(chat) if m.message_id > sent["message_id"])
    assert all(squeeze(a) in squeeze(kaart) for a in answers)
    assert not refused(sandbox)


async def test_a_board_of_long_emoji_answers_shows_the_latest_and_counts_the_rest(
    sandbox: Sandbox, bot
):
    fac, anna = sandbox.add_user("Fatima"), sandbox.add_user("Anna")
    group = sandbox.add_group("Tafel 1")
    code = await new_workshop(sandbox, fac, "de wijk")
    await sandbox.send_message(group, anna, f"/join {code}")
    await sandbox.wait_idle()
    await facilitator_says(sandbox, fac, "/begin")
    for n in range(1, 31):
        await sandbox.send_message(group, anna, f"/idee {n} " + "🌱" * 200)
    await sandbox.wait_idle()
    await sandbox.wait_until(lambda: "30 antwoorden" in board(sandbox, group).text)
    text = board(sandbox, group).text
    lines = [line for line in text.splitlines() if line.startswith("• ")]
    assert lines
    assert lines[-1].startswith("• 30 🌱")
    assert f"… en nog {30 - len(lines)}. Zie /kaart." in text
    assert not refused(sandbox)


async def test_a_status_board_of_40_subgroups_turns_pages_and_keeps_its_page(
    sandbox: Sandbox, bot
):
    fac = sandbox.add_user("Fatima")
    code = await new_workshop(sandbox, fac, "de wijk")
    starter = sandbox.add_user("Starter")
    names = [f"{n:02d} Tafel van de buurtvereniging Noord-Oost en het wijkteam" for n in
             range(1, 41)]  # fmt: skip
    groups = []
    for name in names:
        groups.append(sandbox.add_group(name))
        await sandbox.send_message(groups[-1], starter, f"/join {code}")
    await sandbox.wait_idle(timeout=30)
    await facilitator_says(sandbox, fac, "/begin")
    await facilitator_says(sandbox, fac, "/status")
    [status] = [m for m in sandbox.bot_messages(sandbox.private_chat(fac))
                if m.text.startswith("Status")]  # fmt: skip
    assert "Je ziet subgroep 1 t/m" in status.text
    pages = await turn_pages(sandbox, fac, status)
    shown = "".join(pages)
    assert all(name in shown for name in names)

    # On the last page, an answer in its last subgroup shows there; the page stays.
    await sandbox.send_message(groups[-1], starter, "/idee Veilige straten")
    await sandbox.wait_idle()
    await sandbox.wait_until(lambda: "antwoorden in kolom 1 t/m 5: 1 · 0" in status.text)
    assert names[-1] in status.text
    assert not refused(sandbox)


async def test_turning_the_page_of_an_older_list_is_refused_and_changes_nothing(
    sandbox: Sandbox, bot
):
    fac = sandbox.add_user("Fatima")
    await workshop_with_answers(sandbox, fac, groups=1, per_group=45, length=40)
    await facilitator_says(sandbox, fac, "/plenair")
    message = list_board(sandbox, fac)
    assert "Je ziet punt 1 t/m 40 van 45." in message.text
    [forward] = [data for label, data in message.buttons if "▶️" in label]
    assert "41–45" in next(label for label, _ in message.buttons if "▶️" in label)

    await facilitator_says(sandbox, fac, "/weg 45")  # a new version of the list
    await sandbox.press_button(sandbox.private_chat(fac), fac, message.message_id, forward,
                               check=False)  # fmt: skip
    await sandbox.wait_idle()
    assert "eerdere stap" in sandbox.callback_answers[-1].text
    assert "Je ziet punt 1 t/m 40 van 44." in message.text
    assert not refused(sandbox)


async def test_348_suggested_groups_each_get_keep_and_undo_within_telegrams_limits(
    sandbox: Sandbox, bot
):
    fac = sandbox.add_user("Fatima")
    code = await new_workshop(sandbox, fac, "de wijk")
    chats = []
    for g in (1, 2):
        chat, member = sandbox.add_group(f"Tafel {g}"), sandbox.add_user(f"Lid{g}")
        await sandbox.send_message(chat, member, f"/join {code}")
        chats.append((chat, member))
    await sandbox.wait_idle()
    await facilitator_says(sandbox, fac, "/begin")
    for chat, member in chats:  # both tables name the same 348 values: 348 groups of two
        for n in range(1, 349):
            await sandbox.send_message(chat, member, f"/idee {distinct_answer(n, 60)}")
    await sandbox.wait_idle(timeout=120)
    await facilitator_says(sandbox, fac, "/plenair")
    message = list_board(sandbox, fac)
    pages = [message.text]
    keeps = [label for label, _ in message.buttons if label.startswith("✔")]
    while forward := [data for label, data in message.buttons if "▶️" in label]:
        await sandbox.press_button(sandbox.private_chat(fac), fac, message.message_id, forward[0])
        await sandbox.wait_idle()
        pages.append(message.text)
        keeps += [label for label, _ in message.buttons if label.startswith("✔")]
    assert sorted(n for page in pages for n in numbered(page)) == list(range(1, 349))
    assert sorted(int(label.split()[1]) for label in keeps) == list(range(1, 349))
    assert all(page.count("↳ (1) Tafel 1: ") == len(numbered(page)) for page in pages)

    # Undone on the last page: the page stays, the list is one longer.
    last = numbered(message.text)[-1]
    await sandbox.press_button(
        sandbox.private_chat(fac), fac, message.message_id, message.button_data(f"✖ {last} los")
    )
    await sandbox.wait_idle()
    assert sandbox.callback_answers[-1].text == f"Punt {last} staat weer los."
    assert "van 349" in message.text
    assert not refused(sandbox)
