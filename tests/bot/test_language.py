"""Dutch by default, English complete: per workshop, per private chat, in the menus."""

from __future__ import annotations

import pytest

from bot.sandbox import Sandbox
from tests.bot.story import current_question, facilitator_says, new_workshop


@pytest.mark.parametrize(
    ("scope", "lang", "expected"),
    [
        ({"type": "all_group_chats"}, "", ["idee", "klaar", "terug", "kaart", "join", "help"]),
        ({"type": "all_group_chats"}, "en", ["idea", "done", "back", "map", "join", "help"]),
        ({"type": "all_private_chats"}, "", ["nieuw", "begin", "plenair", "scherm", "bevestig",
                                             "status", "tijd", "taal", "export", "sjabloon",
                                             "workshop", "help"]),
        ({"type": "all_private_chats"}, "en", ["new", "begin", "plenary", "screen", "confirm",
                                               "status", "time", "language", "export", "template",
                                               "workshop", "help"]),
    ],
)  # fmt: skip
async def test_menus_per_scope_and_language(sandbox: Sandbox, bot, scope, lang, expected):
    menu = sandbox.commands(scope, lang)
    assert [c["command"] for c in menu] == expected
    assert all(c["description"] for c in menu)


async def test_the_facilitator_switches_a_workshop_to_english(sandbox: Sandbox, bot):
    fac, anna = sandbox.add_user("Fatima"), sandbox.add_user("Anna")
    group = sandbox.add_group("Table 1")
    code = await new_workshop(sandbox, fac, "the new neighbourhood")
    assert "now in English" in await facilitator_says(sandbox, fac, "/language en")
    await sandbox.send_message(group, anna, f"/join {code}")
    await sandbox.wait_idle()
    assert sandbox.bot_messages(group)[0].text.startswith("Welcome, Table 1!")
    await facilitator_says(sandbox, fac, "/begin")
    assert "Column 1 of 5: Values" in current_question(sandbox, group).text
    assert "nu in het Nederlands" in await facilitator_says(sandbox, fac, "/taal nl")


async def test_a_private_chat_follows_the_users_telegram_language(sandbox: Sandbox, bot):
    john = sandbox.add_user("John", language_code="en-GB")
    chat = sandbox.private_chat(john)
    await sandbox.send_message(chat, john, "/help")
    await sandbox.wait_idle()
    assert sandbox.bot_messages(chat)[0].text.startswith("How the partnership map works")


async def test_a_subgroup_can_mute_reminders_and_the_facilitator_turn_them_off(
    sandbox: Sandbox, bot
):
    fac, anna = sandbox.add_user("Fatima"), sandbox.add_user("Anna")
    group = sandbox.add_group("Tafel 1")
    code = await new_workshop(sandbox, fac, "de wijk")
    await sandbox.send_message(group, anna, f"/join {code}")
    await sandbox.send_message(group, anna, "/stil")
    await sandbox.wait_idle()
    assert "geen herinneringen meer" in sandbox.last_bot_message(group).text
    subgroup = await bot.storage.find_subgroup_by_chat(group.id, None)
    assert subgroup.reminders_muted
    assert "geen herinneringen meer" in await facilitator_says(sandbox, fac, "/herinneringen uit")
    workshop = await bot.storage.get_workshop(subgroup.workshop_id)
    assert workshop.reminders_off
    assert "/herinneringen uit" in await facilitator_says(sandbox, fac, "/herinneringen misschien")
