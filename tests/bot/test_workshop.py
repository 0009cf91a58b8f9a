"""The whole workshop, stap 1 → 6, with group chats, a forum topic and a paper table."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation

from bot.sandbox import Sandbox
from flows.fase import Fase
from flows.kaart import Kolom
from tests.bot.story import current_question, facilitator_says, group_done, new_workshop

VALUES = {
    "Tafel 1": ["Iedereen kan meedoen", "Bewoners beslissen mee"],
    "Tafel 2": ["Iedereen kan mee doen", "Een groene wijk"],
    "Subgroep 3": ["Veilige straten", "Meer groen in de straat"],
}
PAPER_VALUES = ["Ondernemers blijven in de wijk"]
LATER = {  # per column 2–5, per subgroup: one answer
    2: "We geven en nemen",
    3: "Goed luisteren",
    4: "Een vaste plek",
    5: "Gemeente, voor 1 maart: buurtavond",
}


def board_items(text: str) -> list[str]:
    """The items of a plenary board, without their numbers and subgroup names."""
    items = []
    for line in text.splitlines():
        head, dot, rest = line.partition(". ")
        if dot and head.isdigit():
            items.append(rest.rsplit(" (", 1)[0])
    return items


@pytest.fixture
def people(sandbox: Sandbox):
    fac = sandbox.add_user("Fatima")
    members = {n: sandbox.add_user(n) for n in ("Anna", "Bram", "Chris", "Dewi", "Erik",
                                                "Gijs", "Hanna")}  # fmt: skip
    return fac, members


async def test_a_facilitator_runs_the_six_steps_with_every_kind_of_subgroup(
    sandbox: Sandbox, bot, people
):
    fac, m = people
    t1 = sandbox.add_group("Tafel 1", members=[m["Anna"], m["Bram"], m["Chris"]])
    t2 = sandbox.add_group("Tafel 2", members=[m["Dewi"], m["Erik"]])
    forum = sandbox.add_group(
        "Forum",
        forum=True,
        supergroup=True,
        bot_is_admin=True,
        members=[fac, m["Gijs"], m["Hanna"]],
    )

    # Stap 1: the workshop, two group chats, a topic the bot creates, a paper table.
    code = await new_workshop(sandbox, fac, "de wijk van morgen")
    await sandbox.send_message(t1, m["Anna"], f"/join {code}")
    await sandbox.send_message(t2, m["Dewi"], f"/join {code}")
    await sandbox.send_message(forum, fac, "/onderwerpen 1")
    await sandbox.wait_idle()
    topic = sandbox.topic_id(forum, "Subgroep 3")
    reply = await facilitator_says(sandbox, fac, "/tafel Tafel 4")
    assert "subgroep 4" in reply
    chats = {"Tafel 1": (t1, None), "Tafel 2": (t2, None), "Subgroep 3": (forum, topic)}
    for chat, thread in chats.values():
        assert "facilitator start zo" in sandbox.last_bot_message(chat, thread).text

    # Stap 2: every subgroup is asked the values only.
    assert "nu bij 3 subgroepen." in await facilitator_says(sandbox, fac, "/begin")
    answerers = {"Tafel 1": m["Anna"], "Tafel 2": m["Erik"], "Subgroep 3": m["Hanna"]}
    # Only one member of each group answers. The others count too, also those who never
    # type (Bram and Chris in Tafel 1): a second member agrees to each /klaar. The topic's
    # only known member is Hanna: she closes alone.
    agreeing = {"Tafel 1": m["Bram"], "Tafel 2": m["Dewi"]}
    for name, (chat, thread) in chats.items():
        assert "Kolom 1 van 5: Waarden" in current_question(sandbox, chat, thread).text
        for value in VALUES[name]:
            await sandbox.send_message(chat, answerers[name], f"/idee {value}", thread_id=thread)
        await group_done(sandbox, chat, answerers[name], agree=agreeing.get(name), thread_id=thread)
    await facilitator_says(sandbox, fac, "/typ 4 waarden\n" + "\n".join(PAPER_VALUES))
    for chat, thread in chats.values():
        assert "Wacht nu op de plenaire ronde" in sandbox.last_bot_message(chat, thread).text

    # Stap 3: near-duplicates across subgroups are one item naming both; the two green
    # values are worded too differently for the bot, so the facilitator merges them by
    # hand and confirms.
    shown = await facilitator_says(sandbox, fac, "/plenair")
    [everyone] = [line for line in shown.splitlines() if line.startswith("1. Iedereen kan mee")]
    assert everyone.endswith("(Tafel 1, Tafel 2) 🔗")  # the bot's suggestion
    # Both wordings stay with the item, each with its subgroup.
    assert "Tafel 1: Iedereen kan meedoen" in shown
    assert "Tafel 2: Iedereen kan mee doen" in shown
    green = [n for n, item in enumerate(board_items(shown), start=1) if "roen" in item]
    assert len(green) == 2, shown
    await facilitator_says(sandbox, fac, f"/samen {green[0]} {green[1]}")
    await facilitator_says(sandbox, fac, "/bevestig")
    workshop = await bot.storage.latest_workshop_of_facilitator(fac.id)
    assert workshop.fase is Fase.KOLOMMEN
    confirmed = [i.text for i in (await bot.storage.get_draft(workshop.id, Kolom.WAARDEN)).items]
    assert len([v for v in confirmed if "roen" in v]) == 1
    assert "Ondernemers blijven in de wijk" in confirmed

    # All confirmed values reach every subgroup, numbered, at the start of stap 4; the
    # question of column 2 names the first of them.
    for chat, thread in chats.values():
        [start] = [m.text for m in sandbox.bot_messages(chat, thread)
                   if m.text.startswith("Stap 4:")]  # fmt: skip
        for n, value in enumerate(confirmed, start=1):
            assert f"\n{n}. {value}" in start
        question = current_question(sandbox, chat, thread).text
        assert "Kolom 2 van 5: Relaties" in question
        assert f"Jullie waarden: {confirmed[0]}" in question

    # Stap 4: every subgroup fills columns 2–5 at its own pace.
    for column, text in LATER.items():
        for name, (chat, thread) in chats.items():
            assert f"Kolom {column} van 5" in current_question(sandbox, chat, thread).text
            await sandbox.send_message(
                chat, answerers[name], f"/idee {text} ({name})", thread_id=thread
            )
            await group_done(
                sandbox, chat, answerers[name], agree=agreeing.get(name), thread_id=thread
            )
        await facilitator_says(sandbox, fac, f"/typ 4 {column}\n{text} (Tafel 4)")
    for chat, thread in chats.values():
        assert "kaart is af" in sandbox.last_bot_message(chat, thread).text

    # Stap 5: column by column, then the last look at all five.
    shown = await facilitator_says(sandbox, fac, "/plenair")
    assert "Plenair: 2 Relaties" in shown
    for chat, thread in chats.values():
        assert "plenaire ronde" in sandbox.last_bot_message(chat, thread).text
    for _column in (2, 3, 4, 5):
        shown = await facilitator_says(sandbox, fac, "/bevestig")
    assert "samenwerkingsmodel voor de wijk van morgen" in shown
    assert "definitief" in await facilitator_says(sandbox, fac, "/bevestig")

    # Stap 6: the model is final; every subgroup is told; the export holds it.
    workshop = await bot.storage.get_workshop(workshop.id)
    assert workshop.fase is Fase.AFGEROND
    drafts = {d.kolom: d for d in await bot.storage.list_drafts(workshop.id)}
    assert sorted(drafts) == list(Kolom)
    assert all(d.confirmed for d in drafts.values())
    for column, text in LATER.items():
        model = [i.text for i in drafts[Kolom(column)].items]
        for name in (*chats, "Tafel 4"):
            assert any(f"{text} ({name})" in item or text in item for item in model)
    for chat, thread in chats.values():
        assert "klaar. Dank jullie wel" in sandbox.last_bot_message(chat, thread).text

    await facilitator_says(sandbox, fac, "/export")
    documents = sandbox.documents(sandbox.private_chat(fac))
    [document] = [
        d
        for d in documents
        if d.file_name.endswith(".pptx")
        and "sjabloon" not in d.file_name
        and "bijlage" not in d.file_name
    ]
    deck = Presentation(io.BytesIO(document.data))
    joint = deck.slides[1]  # after the title slide
    bodies = {s.name: s.text_frame.text for s in joint.shapes if s.has_text_frame}
    assert "Gezamenlijk model" in "\n".join(bodies.values())
    for kolom, draft in drafts.items():
        for item in draft.items:
            assert item.text in bodies[f"Kolom {int(kolom)}"]


async def test_a_late_subgroup_joins_the_current_step(sandbox: Sandbox, bot, people):
    fac, m = people
    early, late = sandbox.add_group("Vroeg"), sandbox.add_group("Laat")
    code = await new_workshop(sandbox, fac, "de wijk")
    await sandbox.send_message(early, m["Anna"], f"/join {code}")
    await sandbox.wait_idle()
    await facilitator_says(sandbox, fac, "/begin")
    await sandbox.send_message(early, m["Anna"], "/idee Veilige straten")
    await sandbox.send_message(early, m["Anna"], "/klaar")
    await sandbox.wait_idle()
    await facilitator_says(sandbox, fac, "/plenair")
    await facilitator_says(sandbox, fac, "/bevestig")
    await sandbox.send_message(late, m["Bram"], f"/join {code}")
    await sandbox.wait_idle()
    question = current_question(sandbox, late).text
    assert "Kolom 2 van 5: Relaties" in question
    assert "Veilige straten" in question


async def test_the_facilitator_moves_a_lagging_group_on_and_reopens_a_column(
    sandbox: Sandbox, bot, people
):
    fac, m = people
    fast, slow = sandbox.add_group("Snel"), sandbox.add_group("Traag")
    code = await new_workshop(sandbox, fac, "de wijk")
    for group, member in ((fast, m["Anna"]), (slow, m["Bram"])):
        await sandbox.send_message(group, member, f"/join {code}")
    await sandbox.wait_idle()
    await facilitator_says(sandbox, fac, "/begin")
    await sandbox.send_message(fast, m["Anna"], "/idee Veilige straten")
    await sandbox.wait_idle()
    await facilitator_says(sandbox, fac, "/plenair")
    await facilitator_says(sandbox, fac, "/bevestig")
    await sandbox.send_message(fast, m["Anna"], "/idee Samen")
    await sandbox.send_message(fast, m["Anna"], "/klaar")
    await sandbox.wait_idle()
    assert "Kolom 3 van 5" in current_question(sandbox, fast).text
    assert "Kolom 2 van 5" in current_question(sandbox, slow).text

    assert "Traag gaat verder met 3 Handelen" in await facilitator_says(sandbox, fac, "/verder 2")
    assert "Kolom 3 van 5" in current_question(sandbox, slow).text
    assert "2 Relaties" in await facilitator_says(sandbox, fac, "/heropen relaties")
    for group in (fast, slow):
        assert "Kolom 2 van 5" in current_question(sandbox, group).text


async def test_the_status_board_is_one_message_kept_up_to_date(sandbox: Sandbox, bot, people):
    fac, m = people
    group = sandbox.add_group("Tafel 1")
    code = await new_workshop(sandbox, fac, "de wijk")
    await sandbox.send_message(group, m["Anna"], f"/join {code}")
    await sandbox.wait_idle()
    await facilitator_says(sandbox, fac, "/begin")
    await facilitator_says(sandbox, fac, "/status")
    private = sandbox.private_chat(fac)
    [status] = [msg for msg in sandbox.bot_messages(private) if msg.text.startswith("Status")]
    assert "Tafel 1: bij 1 Waarden" in status.text
    await sandbox.send_message(group, m["Anna"], "/idee Veilige straten")
    await sandbox.send_message(group, m["Bram"], "/idee Groen")
    await sandbox.wait_idle()
    await sandbox.wait_until(lambda: "antwoorden in kolom 1 t/m 5: 2 · 0" in status.text)
    assert "2 leden actief" in status.text
    assert len([msg for msg in sandbox.bot_messages(private) if msg.text.startswith("Status")]) == 1


async def test_participants_vote_and_the_counts_order_the_list(sandbox: Sandbox, bot, people):
    fac, m = people
    t1, t2 = sandbox.add_group("Tafel 1"), sandbox.add_group("Tafel 2")
    code = await new_workshop(sandbox, fac, "de wijk")
    await sandbox.send_message(t1, m["Anna"], f"/join {code}")
    await sandbox.send_message(t2, m["Dewi"], f"/join {code}")
    await sandbox.wait_idle()
    await facilitator_says(sandbox, fac, "/begin")
    for text in ("Veilige straten", "Meer speelplekken", "Schone lucht"):
        await sandbox.send_message(t1, m["Anna"], f"/idee {text}")
    await sandbox.wait_idle()
    await facilitator_says(sandbox, fac, "/plenair")
    assert "begonnen in 2 subgroepen. Ieder heeft 2 stemmen." in await facilitator_says(
        sandbox, fac, "/stemmen 2"
    )
    # Edits wait until the votes are counted: the numbers must not shift.
    assert "stemmen nu" in await facilitator_says(sandbox, fac, "/weg 1")

    ballots = {chat.id: sandbox.last_bot_message(chat) for chat in (t1, t2)}
    assert [label.split(". ", 1)[1] for label, _ in ballots[t1.id].buttons] == [
        "Veilige straten",
        "Meer speelplekken",
        "Schone lucht",
    ]

    async def press(chat, user, label):
        await sandbox.press_button(chat, user, ballots[chat.id].message_id, text=label)
        await sandbox.wait_idle()
        return sandbox.callback_answers[-1].text

    assert "Nog 1 over" in await press(t1, m["Anna"], "Schone lucht")
    assert "Nog 1 over" in await press(t1, m["Bram"], "Schone lucht")
    await press(t1, m["Anna"], "Meer speelplekken")
    assert "op" in await press(t1, m["Anna"], "Veilige straten")  # a third vote does not count
    assert "Nog 1 over" in await press(t1, m["Anna"], "Meer speelplekken")  # taken back
    await press(t2, m["Dewi"], "Schone lucht")
    await press(t2, m["Erik"], "Meer speelplekken")

    shown = await facilitator_says(sandbox, fac, "/telling")
    assert "Er is gestemd door 4 mensen." in shown
    workshop = await bot.storage.latest_workshop_of_facilitator(fac.id)
    draft = await bot.storage.get_draft(workshop.id, Kolom.WAARDEN)
    assert [(i.text, i.votes) for i in draft.items] == [
        ("Schone lucht", 3),
        ("Meer speelplekken", 1),
        ("Veilige straten", 0),
    ]
    assert ballots[t1.id].buttons == []
    assert "Uitslag" in ballots[t1.id].text
    # A ballot pressed after the count changes nothing.
    await sandbox.press_button(t2, m["Dewi"], ballots[t2.id].message_id, "st:1:1:2:3", check=False)
    await sandbox.wait_idle()
    assert sandbox.callback_answers[-1].text == "Het stemmen is gesloten."
