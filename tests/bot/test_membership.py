"""Who left a subgroup's chat, or was removed from it, no longer counts: the group does not
wait for them, the bot does not name them, and what they send in private is not kept."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from telegram import Bot

from bot.polling import ALLOWED_UPDATES
from bot.sandbox import Sandbox
from tests.bot.conftest import BotProcess
from tests.bot.story import facilitator_says, new_workshop


def _kinds(updates) -> list[str]:
    return [next(k for k in u.to_dict() if k != "update_id") for u in updates]


async def test_telegram_tells_who_left_with_a_service_message_and_to_an_admin_bot_that_asks(
    sandbox: Sandbox,
):
    anna, cees = sandbox.add_user("Anna"), sandbox.add_user("Cees")
    plain_group = sandbox.add_group("Tafel 1", members=[anna, cees])
    admin_group = sandbox.add_group("Tafel 2", supergroup=True, bot_is_admin=True,
                                    members=[anna, cees])  # fmt: skip
    async with Bot(sandbox.token, base_url=sandbox.base_url) as bot:
        assert await bot.get_updates(timeout=0, allowed_updates=["message"]) == ()
        await sandbox.leave_group(plain_group, cees, removed_by=anna)
        await sandbox.leave_group(admin_group, cees, service_message=False)
        # Not asked for: an admin bot hears nothing of a group that hides service messages.
        updates = await bot.get_updates(timeout=0, allowed_updates=ALLOWED_UPDATES)
        assert _kinds(updates) == ["message"]
        assert updates[0].message.left_chat_member.id == cees.id
        with pytest.raises(ValueError, match="removed"):
            await sandbox.send_message(plain_group, cees, "Ik ben er nog")

        # Asked for (as the bot does), it hears who comes and goes.
        await sandbox.add_member(admin_group, cees, service_message=False)
        await sandbox.leave_group(admin_group, cees, service_message=False)
        offset = updates[-1].update_id + 1
        updates = await bot.get_updates(offset=offset, timeout=0, allowed_updates=ALLOWED_UPDATES)
        assert _kinds(updates) == ["chat_member", "chat_member"]
        joined, left = (u.chat_member for u in updates)
        assert (joined.old_chat_member.status, joined.new_chat_member.status) == ("left", "member")
        assert (left.old_chat_member.status, left.new_chat_member.status) == ("member", "left")
        assert left.new_chat_member.user.id == cees.id


async def _silent_group(sandbox: Sandbox, *, admin: bool):
    """A group of three writing in silence; Anna and Bram wrote and are done."""
    fac = sandbox.add_user("Fatima")
    anna, bram, cees = (sandbox.add_user(n) for n in ("Anna", "Bram", "Cees"))
    group = sandbox.add_group("Tafel 1", supergroup=admin, bot_is_admin=admin)
    code = await new_workshop(sandbox, fac, "de wijk")
    await sandbox.send_message(group, anna, f"/join {code}")
    await sandbox.wait_idle()
    for person in (bram, cees):
        await sandbox.add_member(group, person)
    await sandbox.wait_idle()
    await facilitator_says(sandbox, fac, "/stilschrijven")
    await facilitator_says(sandbox, fac, "/begin")
    for person, text in ((anna, "Veilige straten"), (bram, "Meer groen"), (cees, "Een buurthuis")):
        await sandbox.send_message(sandbox.private_chat(person), person, text)
    for person in (anna, bram):
        await sandbox.send_message(sandbox.private_chat(person), person, "/klaar")
    await sandbox.wait_idle()
    assert not [m for m in sandbox.bot_messages(group) if "in stilte" in m.text]
    return fac, anna, bram, cees, group


@pytest.mark.parametrize(
    ("how", "admin"),
    [("removed, with the group's service message", False),
     ("left, seen only as chat_member by an admin bot", True)],
)  # fmt: skip
async def test_the_silent_column_does_not_wait_for_who_left(sandbox: Sandbox, bot, how, admin):
    fac, anna, bram, cees, group = await _silent_group(sandbox, admin=admin)

    if admin:  # a group that hides join and leave messages
        await sandbox.leave_group(group, cees, service_message=False)
    else:
        await sandbox.leave_group(group, cees, removed_by=fac)
    await sandbox.wait_idle()

    # The two who are still there were done: their answers are shown now.
    [revealed] = [m for m in sandbox.bot_messages(group) if "in stilte" in m.text]
    assert "Veilige straten (Anna)" in revealed.text
    assert "Meer groen (Bram)" in revealed.text

    # What Cees sends in private now is not kept for the group, and she is told kindly.
    private = sandbox.private_chat(cees)
    await sandbox.send_message(private, cees, "Nog een idee")
    await sandbox.wait_idle()
    assert "niet meer in de groep" in sandbox.last_bot_message(private).text
    subgroup = await bot.storage.find_subgroup_by_chat(group.id, None)
    assert "Nog een idee" not in [a.text for a in await bot.storage.list_answers(subgroup.id)]

    # Back in the group, she counts again.
    await sandbox.add_member(group, cees, service_message=not admin)
    await sandbox.wait_idle()
    await sandbox.send_message(private, cees, "Nog een idee")
    await sandbox.wait_idle()
    assert "Nog een idee" in [a.text for a in await bot.storage.list_answers(subgroup.id)]


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 29, 10, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


async def test_a_reminder_to_take_part_does_not_name_who_left(sandbox: Sandbox, db_path):
    clock = FakeClock()
    bot = BotProcess(sandbox, db_path, clock=clock, manual_time=True)
    await bot.start()
    try:
        fac = sandbox.add_user("Fatima")
        anna, bram, cees, dewi = (sandbox.add_user(n) for n in ("Anna", "Bram", "Cees", "Dewi"))
        group = sandbox.add_group("Tafel 1")
        code = await new_workshop(sandbox, fac, "de wijk")
        await sandbox.send_message(group, anna, f"/join {code}")
        await sandbox.wait_idle()
        for person in (bram, cees, dewi):
            await sandbox.add_member(group, person)
        await sandbox.wait_idle()
        await facilitator_says(sandbox, fac, "/begin")
        for person, text in ((anna, "Veilige straten"), (anna, "Samen beslissen"),
                             (bram, "Meer groen"), (bram, "Een buurthuis")):  # fmt: skip
            await sandbox.send_message(group, person, f"/idee {text}")
        await sandbox.leave_group(group, cees)
        await sandbox.wait_idle()

        clock.now += timedelta(minutes=6)
        await bot.tick()
        [nudge] = [m.text for m in sandbox.bot_messages(group) if "Vertel het ons" in m.text]
        assert nudge.startswith("Dewi, wat denk jij?")
        assert "Cees" not in nudge
    finally:
        await bot.stop()


async def test_time_keeping_goes_on_after_someone_is_done_writing_in_silence(
    sandbox: Sandbox, db_path
):
    # A member done writing in silence is no chat line for the reminder policy; it used to
    # stop every later round of time-keeping (no reminders, no heads-ups) with an error.
    clock = FakeClock()
    bot = BotProcess(sandbox, db_path, clock=clock, manual_time=True)
    await bot.start()
    try:
        fac, anna, bram = (sandbox.add_user(n) for n in ("Fatima", "Anna", "Bram"))
        group = sandbox.add_group("Tafel 1")
        code = await new_workshop(sandbox, fac, "de wijk")
        await sandbox.send_message(group, anna, f"/join {code}")
        await sandbox.add_member(group, bram)
        await sandbox.wait_idle()
        await facilitator_says(sandbox, fac, "/stilschrijven")
        await facilitator_says(sandbox, fac, "/begin")
        await sandbox.send_message(sandbox.private_chat(anna), anna, "Veilige straten")
        await sandbox.send_message(sandbox.private_chat(anna), anna, "/klaar")
        await sandbox.wait_idle()

        clock.now += timedelta(minutes=23)  # past half of stap 2's 45 minutes
        await bot.tick()
        assert any("helft" in m.text for m in sandbox.bot_messages(group))
    finally:
        await bot.stop()
