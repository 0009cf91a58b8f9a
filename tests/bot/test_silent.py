"""Silent writing: members write privately; the group sees it all at once."""

from __future__ import annotations

from bot.sandbox import Sandbox
from tests.bot.story import board, current_question, facilitator_says, new_workshop


async def test_a_silent_column_is_revealed_when_everyone_is_done(sandbox: Sandbox, bot):
    fac = sandbox.add_user("Fatima")
    anna, bram = sandbox.add_user("Anna"), sandbox.add_user("Bram")
    group = sandbox.add_group("Tafel 1", members=[anna, bram])
    code = await new_workshop(sandbox, fac, "de wijk")
    await sandbox.send_message(group, anna, f"/join {code}")
    await sandbox.send_message(group, bram, "/rol")
    await sandbox.wait_idle()
    assert "alle kolommen" in await facilitator_says(sandbox, fac, "/stilschrijven")
    await facilitator_says(sandbox, fac, "/begin")
    assert "Stil schrijven" in current_question(sandbox, group).text

    for user, text in ((anna, "Veilige straten"), (bram, "Meer groen"), (anna, "Samen beslissen")):
        await sandbox.send_message(sandbox.private_chat(user), user, text)
    await sandbox.wait_idle()
    # Nothing shows in the group while people write.
    assert not any("Veilige straten" in m.text for m in sandbox.bot_messages(group))
    assert "Nog geen antwoorden" in board(sandbox, group).text

    await sandbox.send_message(sandbox.private_chat(anna), anna, "/klaar")
    await sandbox.wait_idle()
    assert not any("in stilte" in m.text for m in sandbox.bot_messages(group))
    await sandbox.send_message(sandbox.private_chat(bram), bram, "/klaar")
    await sandbox.wait_idle()
    [revealed] = [m for m in sandbox.bot_messages(group) if "in stilte" in m.text]
    assert "Veilige straten (Anna)" in revealed.text
    assert "Meer groen (Bram)" in revealed.text
    await sandbox.wait_until(lambda: "3 antwoorden" in board(sandbox, group).text)


async def test_anonymous_silent_writing_and_the_facilitator_reveals(sandbox: Sandbox, bot):
    fac, anna = sandbox.add_user("Fatima"), sandbox.add_user("Anna")
    group = sandbox.add_group("Tafel 1")
    code = await new_workshop(sandbox, fac, "de wijk")
    await sandbox.send_message(group, anna, f"/join {code}")
    await sandbox.wait_idle()
    assert "zonder namen" in await facilitator_says(sandbox, fac, "/stilschrijven 1 anoniem")
    await facilitator_says(sandbox, fac, "/begin")
    await sandbox.send_message(sandbox.private_chat(anna), anna, "/idee Veilige straten")
    await sandbox.wait_idle()
    assert "in de groepen gezet" in await facilitator_says(sandbox, fac, "/onthul")
    [revealed] = [m for m in sandbox.bot_messages(group) if "in stilte" in m.text]
    assert "Veilige straten" in revealed.text
    assert "Anna" not in revealed.text
    assert "geen stil geschreven" in await facilitator_says(sandbox, fac, "/onthul")


async def test_a_private_answer_outside_silent_writing_is_sent_back_kindly(sandbox: Sandbox, bot):
    fac, anna = sandbox.add_user("Fatima"), sandbox.add_user("Anna")
    group = sandbox.add_group("Tafel 1")
    code = await new_workshop(sandbox, fac, "de wijk")
    await sandbox.send_message(group, anna, f"/join {code}")
    await sandbox.wait_idle()
    await facilitator_says(sandbox, fac, "/begin")
    chat = sandbox.private_chat(anna)
    await sandbox.send_message(chat, anna, "Veilige straten")
    await sandbox.wait_idle()
    assert "Geef je antwoord in de groep" in sandbox.last_bot_message(chat).text
    subgroup = await bot.storage.find_subgroup_by_chat(group.id, None)
    assert await bot.storage.list_answers(subgroup.id) == []
