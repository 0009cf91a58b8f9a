"""One subgroup fills the whole map in a Telegram group, end to end over HTTP."""

from __future__ import annotations

import io
import logging
import zipfile

from pptx import Presentation

from bot.sandbox import Sandbox
from flows.kaart import Kolom
from tests.bot.story import (
    board,
    current_question,
    facilitator_says,
    group_done,
    new_workshop,
    questions,
    reply_to_question,
    values_plenary,
    workshop_with_groups,
)

GOAL = "de gebiedsontwikkeling Noord"


async def stored(bot, chat_id: int) -> dict[int, list[str]]:
    """What SQLite holds for the subgroup of a chat, per column number."""
    storage = bot.storage
    subgroup = await storage.find_subgroup_by_chat(chat_id, None)
    answers = await storage.list_answers(subgroup.id)
    by_column: dict[int, list[str]] = {int(k): [] for k in Kolom}
    for answer in answers:
        by_column[int(answer.kolom)].append(answer.text)
    return by_column


def _holds(data: bytes, secret: str) -> bool:
    """Whether a file, or any file inside it when it is a zip (PPTX, DOCX), holds secret."""
    if data.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return any(secret.encode() in archive.read(name) for name in archive.namelist())
    return secret.encode() in data


def deck_texts(data: bytes) -> list[str]:
    deck = Presentation(io.BytesIO(data))
    return [
        shape.text_frame.text
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_text_frame
    ]


async def test_three_members_fill_all_five_columns(sandbox: Sandbox, bot, caplog):
    caplog.set_level(logging.DEBUG)
    # The bot was built before this level was set: let the scheduler speak as at DEBUG.
    caplog.set_level(logging.DEBUG, logger="apscheduler")
    fac = sandbox.add_user("Fatima", username="fatima")
    anna, bram, chris = (sandbox.add_user(n) for n in ("Anna", "Bram", "Chris"))
    group = sandbox.add_group("Tafel 1")

    code = await new_workshop(sandbox, fac, GOAL)
    await sandbox.send_message(group, anna, f"/join {code}")
    await sandbox.wait_idle()
    assert "Welkom, Tafel 1" in sandbox.bot_messages(group)[0].text
    assert "facilitator start zo" in sandbox.last_bot_message(group).text
    assert questions(sandbox, group) == []
    await facilitator_says(sandbox, fac, "/begin")
    assert "Kolom 1 van 5: Waarden" in current_question(sandbox, group).text
    assert GOAL in current_question(sandbox, group).text

    # Column 1, three ways of answering; Bram edits his answer; one is delivered twice.
    await reply_to_question(sandbox, group, anna, "Iedereen doet mee")
    bram_msg = await sandbox.send_message(group, bram, "/idee Bewoners wordn gehoord")
    await sandbox.send_message(group, chris, "Een groene, veilige wijk")
    sandbox.duplicate_last_update()
    await sandbox.wait_idle()
    await sandbox.edit_message(group, bram_msg["message_id"], "/idee Bewoners worden gehoord")
    await sandbox.wait_idle()
    assert await stored(bot, group.id) == {
        1: ["Iedereen doet mee", "Bewoners worden gehoord", "Een groene, veilige wijk"],
        2: [],
        3: [],
        4: [],
        5: [],
    }
    assert sandbox.reactions(group, bram_msg["message_id"]) == ["✍"]
    await sandbox.wait_until(lambda: "Bewoners worden gehoord" in board(sandbox, group).text)
    assert "3 antwoorden" in board(sandbox, group).text

    # Column 1 done by button; the group waits for the values plenary, which the
    # facilitator confirms; then columns 2–5, each ended with /klaar.
    # Three members decide together: Anna asks the group, Bram agrees.
    await sandbox.press_button(group, anna, board(sandbox, group).message_id, text="Klaar")
    await sandbox.wait_idle()
    asked = sandbox.last_bot_message(group)
    assert "Zijn jullie klaar?" in asked.text
    await sandbox.press_button(group, bram, asked, text="Ja, we zijn klaar")
    await sandbox.wait_idle()
    assert "Wacht nu op de plenaire ronde" in sandbox.last_bot_message(group).text
    shown = await values_plenary(sandbox, fac)
    assert "Bewoners worden gehoord" in shown
    assert "Jullie waarden: " in current_question(sandbox, group).text
    assert any(
        m.text.startswith("Stap 4:") and ". Bewoners worden gehoord" in m.text
        for m in sandbox.bot_messages(group)
    )
    plan = {
        2: ["We geven en nemen", "Gelijkwaardige partners"],
        3: ["Goed luisteren"],
        4: ["Tijd en budget", "Een vaste plek om te overleggen"],
        5: ["Gemeente, voor 1 maart: buurtavond organiseren"],
    }
    for column, texts in plan.items():
        assert f"Kolom {column} van 5" in current_question(sandbox, group).text
        for i, text in enumerate(texts):
            author = (anna, bram, chris)[i % 3]
            if i % 2:
                await sandbox.send_message(group, author, f"/idee {text}")
            else:
                await reply_to_question(sandbox, group, author, text)
        await sandbox.wait_idle()
        await group_done(sandbox, group, chris, agree=anna)

    assert "kaart is af" in sandbox.last_bot_message(group).text
    await sandbox.send_message(group, chris, "/klaar")
    await sandbox.wait_idle()
    assert "al af" in sandbox.last_bot_message(group).text
    asked = [q.text.split("\n")[0] for q in questions(sandbox, group)]
    assert asked == [
        f"Kolom {n} van 5: {name}"
        for n, name in [
            (1, "Waarden"),
            (2, "Relaties"),
            (3, "Handelen"),
            (4, "Voorwaarden"),
            (5, "Acties"),
        ]
    ]
    assert await stored(bot, group.id) == {
        1: ["Iedereen doet mee", "Bewoners worden gehoord", "Een groene, veilige wijk"],
        **plan,
    }

    # The facilitator gets the PowerPoint with every answer.
    fac_chat = sandbox.private_chat(fac)
    await sandbox.send_message(fac_chat, fac, "/export")
    await sandbox.wait_idle()
    decks = [
        d
        for d in sandbox.documents(fac_chat)
        if d.file_name.endswith(".pptx") and "sjabloon" not in d.file_name
    ]
    # The deck to project, and its appendix with every subgroup's map.
    document, appendix = sorted(decks, key=lambda d: "bijlage" in d.file_name)
    assert "bijlage-subgroepen" in appendix.file_name
    assert document.file_name.startswith("partnerschapkaart-de-gebiedsontwikkeling-noord-")
    assert document.file_name.endswith(".pptx")
    text = "\n".join([*deck_texts(document.data), *deck_texts(appendix.data)])
    for texts in (*plan.values(), ["Iedereen doet mee", "Bewoners worden gehoord"]):
        for answer in texts:
            assert answer in text

    # The token never shows in an exported file (zipped ones are opened) ...
    for exported in sandbox.documents(fac_chat):
        assert not _holds(exported.data, sandbox.token.split(":")[1])
    # ... nor in the logs, at any level.
    assert caplog.records
    assert not [r for r in caplog.records if sandbox.token in r.getMessage()]
    assert not [r for r in caplog.records if sandbox.token.split(":")[1] in r.getMessage()]


async def test_the_subgroup_continues_after_a_restart(sandbox: Sandbox, bot):
    fac = sandbox.add_user("Fatima")
    anna, bram = sandbox.add_user("Anna"), sandbox.add_user("Bram")
    group = sandbox.add_group("Tafel 2")
    await workshop_with_groups(sandbox, fac, GOAL, (group, anna))
    for column in range(1, 3):
        await sandbox.send_message(group, anna, f"/idee antwoord {column}")
        await sandbox.wait_idle()
        await sandbox.send_message(group, anna, "/klaar")
        await sandbox.wait_idle()
        if column == 1:
            await values_plenary(sandbox, fac)
    await sandbox.send_message(group, bram, "/idee eerste in kolom 3")
    await sandbox.wait_idle()

    await bot.stop()
    # Messages sent while the bot is down wait at Telegram and arrive after the restart.
    await sandbox.send_message(group, bram, "/idee tweede in kolom 3")
    reactions = len(sandbox.calls_named("setMessageReaction"))
    await bot.start()
    # Wait until the waiting answer was taken (the bot's ✍ on it), not only for a quiet
    # moment: right after a start the first getUpdates may not have come yet.
    await sandbox.wait_until(
        lambda: len(sandbox.calls_named("setMessageReaction")) > reactions, timeout=30
    )
    await sandbox.wait_idle()

    assert await stored(bot, group.id) == {
        1: ["antwoord 1"],
        2: ["antwoord 2"],
        3: ["eerste in kolom 3", "tweede in kolom 3"],
        4: [],
        5: [],
    }
    # The same question is not asked again; the group just goes on in column 3.
    assert len(questions(sandbox, group)) == 3
    await group_done(sandbox, group, anna, agree=bram)
    assert "Kolom 4 van 5" in current_question(sandbox, group).text


async def test_a_question_decided_before_a_crash_is_sent_after_the_restart(sandbox: Sandbox, bot):
    fac, anna = sandbox.add_user("Fatima"), sandbox.add_user("Anna")
    group = sandbox.add_group("Tafel 3")
    await workshop_with_groups(sandbox, fac, GOAL, (group, anna))
    await sandbox.send_message(group, anna, "/idee iets")
    await sandbox.wait_idle()
    await bot.stop()
    # As if the bot stored "column 2" and died before it could ask the question.
    storage_bot = await bot.start()
    storage = storage_bot.app.bot_data.services.storage
    subgroup = await storage.find_subgroup_by_chat(group.id, None)
    from flows.subgroep import Status, SubgroepStand

    await storage.change_subgroup_state(
        subgroup,
        SubgroepStand(Status.BEANTWOORDT, Kolom.RELATIES),
        kind="klaar",
        actor_id=anna.id,
        source=None,
        now="2026-11-29T10:00:00",
    )
    await bot.stop()
    await bot.start()
    await sandbox.wait_idle()
    assert "Kolom 2 van 5" in current_question(sandbox, group).text


async def test_a_closed_column_keeps_its_final_board_without_buttons(sandbox: Sandbox, bot):
    fac, anna = sandbox.add_user("Fatima"), sandbox.add_user("Anna")
    group = sandbox.add_group("Tafel 4")
    await workshop_with_groups(sandbox, fac, GOAL, (group, anna))
    first_board = board(sandbox, group)
    await sandbox.send_message(group, anna, "/idee een")
    await sandbox.send_message(group, anna, "/idee twee")
    await sandbox.send_message(group, anna, "/klaar")
    await sandbox.wait_idle()
    assert first_board.buttons == []
    assert "1 Waarden: 2 antwoorden" in first_board.text
    assert "twee" in first_board.text
