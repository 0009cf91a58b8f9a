"""Edits and names, end to end: a fixed line of a typed paper table changes that answer
only; an edit after the column was confirmed, or after the end, is not taken and the
person hears why; a name or group title with broken characters joins like any other."""

from __future__ import annotations

from bot.sandbox import Sandbox
from flows.fase import Fase
from flows.kaart import Kolom
from tests.bot.story import facilitator_says, replies_to, workshop_with_groups

TYPED = "/typ 2 waarden\nEen groene wijk\nIedereen doet mee\nVeilige stratn"


async def _paper_table(sandbox: Sandbox, bot):
    """A workshop in stap 2 with one group chat and paper table 2, whose values the
    facilitator typed in one message; returns (facilitator, that message, the table)."""
    fac, anna = sandbox.add_user("Fatima"), sandbox.add_user("Anna")
    group = sandbox.add_group("Tafel 1")
    await workshop_with_groups(sandbox, fac, "de wijk", (group, anna))
    assert "subgroep 2" in await facilitator_says(sandbox, fac, "/tafel Tafel 2")
    typed = await sandbox.send_message(sandbox.private_chat(fac), fac, TYPED)
    await sandbox.wait_idle()
    workshop = await bot.storage.latest_workshop_of_facilitator(fac.id)
    table = await bot.storage.find_subgroup_by_number(workshop.id, 2)
    return fac, typed, table


async def _texts(bot, subgroup_id: int, kolom: Kolom = Kolom.WAARDEN) -> list[str]:
    return [a.text for a in await bot.storage.list_answers(subgroup_id, kolom)]


async def _edit(sandbox: Sandbox, chat, message: dict, text: str) -> list[str]:
    """Edit a message; what the bot answered to it since."""
    before = len(replies_to(sandbox, chat, message))
    await sandbox.edit_message(chat, message, text)
    await sandbox.wait_idle()
    return replies_to(sandbox, chat, message)[before:]


async def test_fixing_one_line_of_a_typed_paper_table_fixes_that_answer_only(sandbox, bot):
    fac, typed, table = await _paper_table(sandbox, bot)
    assert await _texts(bot, table.id) == ["Een groene wijk", "Iedereen doet mee", "Veilige stratn"]

    said = await _edit(sandbox, fac, typed, TYPED.replace("stratn", "straten"))
    assert await _texts(bot, table.id) == [
        "Een groene wijk",
        "Iedereen doet mee",
        "Veilige straten",
    ]
    assert len(said) == 1, said
    assert "Veranderd: 1. Nieuw: 0. Weggehaald: 0." in said[0], said

    # Delivered again (or edited to the same text): nothing changes twice.
    said = await _edit(sandbox, fac, typed, TYPED.replace("stratn", "straten"))
    assert await _texts(bot, table.id) == [
        "Een groene wijk",
        "Iedereen doet mee",
        "Veilige straten",
    ]
    assert "niets veranderd" in said[0], said


async def test_lines_added_or_removed_in_an_edit_are_added_or_removed_and_the_facilitator_hears_it(
    sandbox, bot
):
    fac, typed, table = await _paper_table(sandbox, bot)
    # Line 2 goes, line 3 gets a typo fixed, a fourth line comes.
    edited = "/typ 2 waarden\nEen groene wijk\nVeilige straten\nSamen beslissen"
    said = await _edit(sandbox, fac, typed, edited)
    assert sorted(await _texts(bot, table.id)) == sorted(
        ["Een groene wijk", "Veilige straten", "Samen beslissen"]
    )
    assert len(said) == 1, said
    assert "Veranderd: 1. Nieuw: 1. Weggehaald: 1." in said[0], said


async def test_an_edit_cannot_move_typed_answers_to_another_table_or_column(sandbox, bot):
    fac, typed, table = await _paper_table(sandbox, bot)
    for header in ("/typ 1 waarden", "/typ 2 relaties", "/idee"):
        said = await _edit(sandbox, fac, typed, TYPED.replace("/typ 2 waarden", header))
        assert len(said) == 1, said
        assert "Er is niets veranderd" in said[0], said
    assert await _texts(bot, table.id) == ["Een groene wijk", "Iedereen doet mee", "Veilige stratn"]
    assert await _texts(bot, table.id, Kolom.RELATIES) == []


async def test_an_answer_edited_after_its_column_was_confirmed_is_kept_and_the_member_hears_why(
    sandbox, bot
):
    fac, anna = sandbox.add_user("Fatima"), sandbox.add_user("Anna")
    group = sandbox.add_group("Tafel 1")
    await workshop_with_groups(sandbox, fac, "de wijk", (group, anna))
    answer = await sandbox.send_message(group, anna, "/idee Iedereen doet mee")
    await sandbox.send_message(group, anna, "/klaar")
    await sandbox.wait_idle()
    await facilitator_says(sandbox, fac, "/plenair")
    await facilitator_says(sandbox, fac, "/bevestig")
    subgroup = await bot.storage.find_subgroup_by_chat(group.id, None)
    workshop = await bot.storage.get_workshop(subgroup.workshop_id)
    assert workshop.fase is Fase.KOLOMMEN

    said = await _edit(sandbox, group, answer, "/idee Iedereen doet altijd mee")
    assert await _texts(bot, subgroup.id) == ["Iedereen doet mee"]
    assert len(said) == 1, said
    assert "Ik sla je aanpassing niet op" in said[0], said
    assert "Waarden is al vastgesteld" in said[0], said

    # A later column that nobody confirmed yet still takes edits.
    later = await sandbox.send_message(group, anna, "/idee We geven en nemen")
    await sandbox.wait_idle()
    await _edit(sandbox, group, later, "/idee We geven en nemen, allebei")
    assert await _texts(bot, subgroup.id, Kolom.RELATIES) == ["We geven en nemen, allebei"]


async def test_an_answer_edited_after_the_end_is_kept_and_the_member_hears_why(sandbox, bot):
    fac, anna = sandbox.add_user("Fatima"), sandbox.add_user("Anna")
    group = sandbox.add_group("Tafel 1")
    await workshop_with_groups(sandbox, fac, "de wijk", (group, anna))
    answer = await sandbox.send_message(group, anna, "/idee Een groene wijk")
    await sandbox.wait_idle()
    await facilitator_says(sandbox, fac, "/einde")
    subgroup = await bot.storage.find_subgroup_by_chat(group.id, None)
    assert (await bot.storage.get_workshop(subgroup.workshop_id)).fase is Fase.AFGEROND

    said = await _edit(sandbox, group, answer, "/idee Een groene en veilige wijk")
    assert await _texts(bot, subgroup.id) == ["Een groene wijk"]
    assert len(said) == 1, said
    assert "De workshop is klaar" in said[0], said


async def test_a_typed_table_edited_after_its_column_was_confirmed_is_kept(sandbox, bot):
    fac, typed, table = await _paper_table(sandbox, bot)
    await facilitator_says(sandbox, fac, "/plenair")
    await facilitator_says(sandbox, fac, "/bevestig")
    said = await _edit(sandbox, fac, typed, TYPED.replace("stratn", "straten"))
    assert await _texts(bot, table.id) == ["Een groene wijk", "Iedereen doet mee", "Veilige stratn"]
    assert "Waarden is al vastgesteld" in said[0], said


async def test_broken_characters_in_a_group_title_or_a_first_name_do_not_stop_join(sandbox, bot):
    fac = sandbox.add_user("Fatima")
    anna = sandbox.add_user("An\ud800na\u202e")
    group = sandbox.add_group("Tafel \udc00 één\ufffe")
    await workshop_with_groups(sandbox, fac, "de wijk", (group, anna))
    welcome = sandbox.bot_messages(group)[0].text
    assert "Welkom, Tafel één" in welcome, welcome
    subgroup = await bot.storage.find_subgroup_by_chat(group.id, None)
    assert subgroup.name == "Tafel één"
    [person] = await bot.storage.list_participants(subgroup.workshop_id)
    assert person.first_name == "Anna"
    # And the group works: its answer is stored under the cleaned name.
    await sandbox.send_message(group, anna, "/idee Iedereen doet mee")
    await sandbox.wait_idle()
    [answer] = await bot.storage.list_answers(subgroup.id)
    assert answer.author == "Anna"
