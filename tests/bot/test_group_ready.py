"""The group decides together that a column is done: one member's /klaar asks the group.

A second member's yes closes the column at once, a no keeps it open, and without a no it
closes after a minute (also across a restart). A group of one closes at once.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.sandbox import Sandbox, SentMessage
from tests.bot.conftest import BotProcess
from tests.bot.story import (
    current_question,
    facilitator_says,
    replies_to,
    values_plenary,
    workshop_with_groups,
)

YES, NO = "Ja, we zijn klaar", "Nee, nog niet"


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 29, 10, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def forward(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def question_to_group(sandbox: Sandbox, chat) -> SentMessage:
    """The latest message that asks the group whether they are done."""
    asked = [m for m in sandbox.bot_messages(chat) if "Zijn jullie klaar?" in m.text]
    assert asked, "the group was not asked"
    return asked[-1]


def labels(message: SentMessage) -> list[str]:
    return [label for label, _ in message.buttons]


def column_asked(sandbox: Sandbox, chat) -> str:
    return current_question(sandbox, chat).text


async def at_column_2(sandbox: Sandbox, *members):
    """A workshop in stap 4 whose subgroup (all ``members``) answers column 2, each of
    them with an answer there; the facilitator moved the group past column 1."""
    fac = sandbox.add_user("Fatima")
    group = sandbox.add_group("Tafel 1", members=list(members))
    await workshop_with_groups(sandbox, fac, "de wijk", (group, members[0]))
    await sandbox.send_message(group, members[0], "/idee Veilige straten")
    await sandbox.wait_idle()
    await facilitator_says(sandbox, fac, "/verder 1")
    await values_plenary(sandbox, fac)
    assert "Kolom 2 van 5" in column_asked(sandbox, group)
    for n, member in enumerate(members):
        await sandbox.send_message(group, member, f"/idee We helpen elkaar {n}")
    await sandbox.wait_idle()
    return fac, group


async def test_the_first_klaar_asks_and_a_second_members_yes_closes(sandbox: Sandbox, bot):
    anna, bram = sandbox.add_user("Anna"), sandbox.add_user("Bram")
    _, group = await at_column_2(sandbox, anna, bram)

    await sandbox.send_message(group, anna, "/klaar")
    await sandbox.wait_idle()
    asked = question_to_group(sandbox, group)
    assert "Anna wil de kolom Relaties afsluiten" in asked.text
    assert "over een minuut" in asked.text
    assert any(YES in label for label in labels(asked))
    assert any(NO in label for label in labels(asked))
    assert "Kolom 2 van 5" in column_asked(sandbox, group)  # not closed yet

    await sandbox.press_button(group, bram, asked, text=YES)
    await sandbox.wait_idle()
    assert "Kolom 3 van 5" in column_asked(sandbox, group)  # the whole group goes on
    assert "Bram zegt ook ja" in asked.text  # the question says how it ended
    assert asked.buttons == []


async def test_a_no_keeps_the_column_open_and_later_answers_are_stored(sandbox: Sandbox, bot):
    anna, bram = sandbox.add_user("Anna"), sandbox.add_user("Bram")
    _, group = await at_column_2(sandbox, anna, bram)

    await sandbox.send_message(group, anna, "/klaar")
    await sandbox.wait_idle()
    asked = question_to_group(sandbox, group)
    old_yes = [data for label, data in asked.buttons if YES in label][0]
    await sandbox.press_button(group, bram, asked, text=NO)
    await sandbox.wait_idle()
    assert "Bram wil nog even doorgaan" in asked.text
    assert asked.buttons == []
    assert "Kolom 2 van 5" in column_asked(sandbox, group)

    await sandbox.send_message(group, anna, "/idee Eerlijk delen")
    await sandbox.wait_idle()
    subgroup = await bot.storage.find_subgroup_by_chat(group.id, None)
    assert "Eerlijk delen" in [a.text for a in await bot.storage.list_answers(subgroup.id, 2)]

    # The yes of the question that was answered no is not open any more.
    await sandbox.press_button(group, bram, asked, old_yes, check=False)
    await sandbox.wait_idle()
    assert "niet meer open" in (sandbox.callback_answers[-1].text or "")
    assert "Kolom 2 van 5" in column_asked(sandbox, group)


async def test_without_a_no_the_column_closes_after_a_minute(sandbox: Sandbox, db_path):
    clock = FakeClock()
    bot = BotProcess(sandbox, db_path, clock=clock, manual_time=True)
    await bot.start()
    try:
        anna, bram = sandbox.add_user("Anna"), sandbox.add_user("Bram")
        _, group = await at_column_2(sandbox, anna, bram)
        await sandbox.send_message(group, anna, "/klaar")
        await sandbox.wait_idle()
        asked = question_to_group(sandbox, group)

        clock.forward(50)
        await bot.tick()
        assert "Kolom 2 van 5" in column_asked(sandbox, group)  # still time to say no

        clock.forward(15)
        await bot.tick()
        assert "Kolom 3 van 5" in column_asked(sandbox, group)
        assert "Niemand zei nee" in asked.text
        assert asked.buttons == []
    finally:
        await bot.stop()


async def test_a_restart_between_the_question_and_its_deadline_still_closes(
    sandbox: Sandbox, db_path
):
    clock = FakeClock()
    bot = BotProcess(sandbox, db_path, clock=clock, manual_time=True)
    await bot.start()
    try:
        anna, bram = sandbox.add_user("Anna"), sandbox.add_user("Bram")
        _, group = await at_column_2(sandbox, anna, bram)
        await sandbox.send_message(group, anna, "/klaar")
        await sandbox.wait_idle()
        asked = question_to_group(sandbox, group)

        await bot.stop()  # down while the minute runs out
        clock.forward(90)
        await bot.start()
        await bot.tick()
        assert "Kolom 3 van 5" in column_asked(sandbox, group)
        assert "Niemand zei nee" in asked.text
    finally:
        await bot.stop()


async def test_a_group_of_one_closes_at_once(sandbox: Sandbox, bot):
    anna = sandbox.add_user("Anna")
    _, group = await at_column_2(sandbox, anna)

    await sandbox.send_message(group, anna, "/klaar")
    await sandbox.wait_idle()
    assert "Kolom 3 van 5" in column_asked(sandbox, group)
    assert not [m for m in sandbox.bot_messages(group) if "Zijn jullie klaar?" in m.text]


async def test_members_who_never_typed_count_and_who_left_does_not(sandbox: Sandbox, bot):
    anna, bram, chris = (sandbox.add_user(n) for n in ("Anna", "Bram", "Chris"))
    fac = sandbox.add_user("Fatima")
    # Bram and Chris were in the group before the bot came, and never type.
    group = sandbox.add_group("Tafel 1", members=[anna, bram, chris])
    await workshop_with_groups(sandbox, fac, "de wijk", (group, anna))
    await sandbox.send_message(group, anna, "/idee Veilige straten")
    await sandbox.send_message(group, anna, "/klaar")
    await sandbox.wait_idle()
    asked = question_to_group(sandbox, group)  # a group of three: asked, not closed
    assert "Anna wil de kolom Waarden afsluiten" in asked.text
    assert "Kolom 1 van 5" in column_asked(sandbox, group)
    await sandbox.press_button(group, bram, asked, text=YES)  # the silent member's yes
    await sandbox.wait_idle()
    assert "Bram zegt ook ja" in asked.text
    subgroup = await bot.storage.find_subgroup_by_chat(group.id, None)
    assert not subgroup.stand.answering  # stap 2: done, waiting for the plenary

    # In column 2 Bram and Chris have left: Anna is a group of one again.
    await values_plenary(sandbox, fac)
    await sandbox.leave_group(group, bram)
    await sandbox.leave_group(group, chris, removed_by=anna)
    await sandbox.send_message(group, anna, "/idee We helpen elkaar")
    await sandbox.send_message(group, anna, "/klaar")
    await sandbox.wait_idle()
    assert "Kolom 3 van 5" in column_asked(sandbox, group)
    assert not [m for m in sandbox.bot_messages(group) if "kolom Relaties afsluiten" in m.text]


async def test_the_same_members_second_klaar_does_not_close_another_members_does(
    sandbox: Sandbox, bot
):
    anna, bram = sandbox.add_user("Anna"), sandbox.add_user("Bram")
    _, group = await at_column_2(sandbox, anna, bram)

    await sandbox.send_message(group, anna, "/klaar")
    await sandbox.wait_idle()
    asked = question_to_group(sandbox, group)
    again = await sandbox.send_message(group, anna, "/klaar")
    await sandbox.wait_idle()
    assert any("Je vroeg het al" in t for t in replies_to(sandbox, group, again))
    await sandbox.press_button(group, anna, asked, text=YES)
    await sandbox.wait_idle()
    assert "Je vroeg het al" in (sandbox.callback_answers[-1].text or "")
    assert "Kolom 2 van 5" in column_asked(sandbox, group)
    assert len([m for m in sandbox.bot_messages(group) if "Zijn jullie klaar?" in m.text]) == 1

    # Bram's /klaar is a yes from a second member.
    await sandbox.send_message(group, bram, "/klaar")
    await sandbox.wait_idle()
    assert "Kolom 3 van 5" in column_asked(sandbox, group)
    assert "Bram zegt ook ja" in asked.text


async def test_forged_or_other_groups_button_data_gets_a_kind_reply(sandbox: Sandbox, bot):
    anna, bram = sandbox.add_user("Anna"), sandbox.add_user("Bram")
    dewi, erik = sandbox.add_user("Dewi"), sandbox.add_user("Erik")
    fac = sandbox.add_user("Fatima")
    one = sandbox.add_group("Tafel 1", members=[anna, bram])
    two = sandbox.add_group("Tafel 2", members=[dewi, erik])
    await workshop_with_groups(sandbox, fac, "de wijk", (one, anna), (two, dewi))
    for chat, people in ((one, (anna, bram)), (two, (dewi, erik))):
        for member in people:
            await sandbox.send_message(chat, member, f"/idee Iets van {member.first_name}")
    await sandbox.wait_idle()
    await sandbox.send_message(two, dewi, "/klaar")
    await sandbox.wait_idle()
    theirs = question_to_group(sandbox, two)
    their_yes = [data for label, data in theirs.buttons if YES in label][0]

    # Tafel 2's yes pressed in Tafel 1 (on some message of Tafel 1), and made-up ids.
    mine = sandbox.bot_messages(one)[-1]
    for data in (their_yes, "gk:999999:j", "gk:0:n"):
        await sandbox.press_button(one, bram, mine, data, check=False)
        await sandbox.wait_idle()
        assert "niet meer open" in (sandbox.callback_answers[-1].text or ""), data
    subgroup_one = await bot.storage.find_subgroup_by_chat(one.id, None)
    assert subgroup_one.stand.answering  # nothing moved in Tafel 1
    assert question_to_group(sandbox, two).buttons  # Tafel 2's question is still open

    await sandbox.press_button(two, erik, theirs, text=YES)
    await sandbox.wait_idle()
    subgroup_two = await bot.storage.find_subgroup_by_chat(two.id, None)
    assert not subgroup_two.stand.answering  # stap 2: done, waiting for the plenary


async def test_a_question_is_void_once_the_facilitator_moved_the_group(sandbox: Sandbox, db_path):
    clock = FakeClock()
    bot = BotProcess(sandbox, db_path, clock=clock, manual_time=True)
    await bot.start()
    try:
        anna, bram = sandbox.add_user("Anna"), sandbox.add_user("Bram")
        fac, group = await at_column_2(sandbox, anna, bram)
        await sandbox.send_message(group, anna, "/klaar")
        await sandbox.wait_idle()
        asked = question_to_group(sandbox, group)
        yes = [data for label, data in asked.buttons if YES in label][0]

        await facilitator_says(sandbox, fac, "/verder 1")
        assert "Kolom 3 van 5" in column_asked(sandbox, group)
        clock.forward(90)
        await bot.tick()
        assert "niet meer open" in asked.text
        assert "Kolom 3 van 5" in column_asked(sandbox, group)  # not closed twice

        await sandbox.press_button(group, bram, asked, yes, check=False)
        await sandbox.wait_idle()
        assert "niet meer open" in (sandbox.callback_answers[-1].text or "")
        assert "Kolom 3 van 5" in column_asked(sandbox, group)
    finally:
        await bot.stop()


async def test_the_facilitators_klaar_closes_at_once(sandbox: Sandbox, bot):
    anna, bram = sandbox.add_user("Anna"), sandbox.add_user("Bram")
    fac, group = await at_column_2(sandbox, anna, bram)

    await sandbox.send_message(group, fac, "/klaar")
    await sandbox.wait_idle()
    assert "Kolom 3 van 5" in column_asked(sandbox, group)
    assert not [m for m in sandbox.bot_messages(group) if "Zijn jullie klaar?" in m.text]
    # She steers; she does not become a member of the subgroup.
    subgroup = await bot.storage.find_subgroup_by_chat(group.id, None)
    people = await bot.storage.list_participants(subgroup.workshop_id)
    assert fac.id not in {p.user_id for p in people if p.subgroup_id == subgroup.id}
