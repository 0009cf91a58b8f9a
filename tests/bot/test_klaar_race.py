"""A typed /klaar (or /terug) counts for the column its sender saw, like the ✅ button;
in a group of two or more, the first /klaar asks and a second member's closes."""

from __future__ import annotations

from bot.sandbox import Sandbox
from tests.bot.story import current_question, facilitator_says, group_done, new_workshop
from tests.bot.test_crash_points import A1, A2, G1, SCRIPT, answer, done, play
from tests.bot.world import FakeClock, FakeTelegram, World


async def _group_at_column_5_after_2_3_4(sandbox: Sandbox, fac, group, members):
    code = await new_workshop(sandbox, fac, "de wijk")
    await sandbox.send_message(group, members[0], f"/join {code}")
    await sandbox.wait_idle()
    await facilitator_says(sandbox, fac, "/begin")
    await sandbox.send_message(group, members[0], "/idee Veilige straten")
    await sandbox.wait_idle()
    await facilitator_says(sandbox, fac, "/plenair")
    await facilitator_says(sandbox, fac, "/bevestig")
    for text in ("We geven en nemen", "Goed luisteren", "Een vaste plek"):
        await sandbox.send_message(group, members[0], f"/idee {text}")
        await sandbox.send_message(group, members[0], "/klaar")
        await sandbox.wait_idle()
    assert "Kolom 5 van 5" in current_question(sandbox, group).text


async def test_three_members_typing_klaar_at_once_move_the_group_one_column(sandbox: Sandbox, bot):
    fac = sandbox.add_user("Fatima")
    members = [sandbox.add_user(n) for n in ("Anna", "Bram", "Chris")]
    group = sandbox.add_group("Tafel 1")
    await _group_at_column_5_after_2_3_4(sandbox, fac, group, members)
    assert "2 Relaties" in await facilitator_says(sandbox, fac, "/heropen 2")
    assert "Kolom 2 van 5" in current_question(sandbox, group).text
    for m in members[1:]:  # three members the bot knows
        await sandbox.send_message(group, m, f"/idee Ook {m.first_name} doet mee")
    await sandbox.wait_idle()

    # All three saw the question of column 2 and type /klaar at the same moment: the
    # first asks the group, the second is a yes from another member and closes it.
    sent = [await sandbox.send_message(group, m, "/klaar") for m in members]
    await sandbox.wait_idle()

    assert "Kolom 3 van 5" in current_question(sandbox, group).text
    replies = {
        n: [m.text for m in sandbox.bot_messages(group) if m.reply_to_message_id == s["message_id"]]
        for n, s in enumerate(sent)
    }
    # The last one is told kindly that it was done already; nothing moved again.
    assert replies[1] == []
    assert len(replies[2]) == 1
    assert "3 Handelen" in replies[2][0]

    # Once they have seen the question of column 3, a /klaar counts again.
    await group_done(sandbox, group, members[1], agree=members[2])
    assert "Kolom 4 van 5" in current_question(sandbox, group).text


async def test_two_members_typing_terug_at_once_step_back_one_column(sandbox: Sandbox, bot):
    fac = sandbox.add_user("Fatima")
    members = [sandbox.add_user(n) for n in ("Anna", "Bram")]
    group = sandbox.add_group("Tafel 1")
    await _group_at_column_5_after_2_3_4(sandbox, fac, group, members)

    for m in members:
        await sandbox.send_message(group, m, "/terug")
    await sandbox.wait_idle()

    assert "Kolom 4 van 5" in current_question(sandbox, group).text


async def test_a_klaar_typed_before_the_next_question_arrived_does_not_count_again(tmp_path):
    """Driven directly, so the question of column 3 is surely out (and numbered) before
    the later two /klaar are handled: they were typed before it, so they meant column 2."""
    world = await World(tmp_path / "race.sqlite3", FakeClock(), FakeTelegram()).start()
    try:
        heropen = next(i for i, step in enumerate(SCRIPT) if step.name == "/heropen 2")
        for index in range(heropen):  # Tafel 1 is at column 3 by now
            await play(world, index)
        chat_count = world.telegram._ids  # a chat numbers all its messages in one count
        await world.deliver(
            lambda s: answer(s, World.incoming(G1, A1, "Goed luisteren", next(chat_count))),
            "answer-3",
        )
        await play(world, heropen)
        subgroup = await world.storage.find_subgroup_by_chat(G1.chat_id, None)
        assert int(subgroup.stand.kolom) == 2

        # Anna asks the group, Bram's /klaar closes column 2; both type it once more.
        typed = [World.incoming(G1, p, "/klaar", next(chat_count)) for p in (A1, A2, A1, A2)]
        for inc in typed:
            await world.deliver(lambda s, inc=inc: done(s, inc), inc.source)

        subgroup = await world.storage.find_subgroup_by_chat(G1.chat_id, None)
        assert int(subgroup.stand.kolom) == 3
        told = [t for t in world.telegram.texts_to(G1.chat_id) if "net al gedaan" in t]
        assert len(told) == 2
        assert "3 Handelen" in told[0]
    finally:
        await world.stop()
