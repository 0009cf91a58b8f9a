"""One chat never holds up another: a flooded chat or a paced broadcast waits for its own
share of Telegram's limits, while an answer in another workshop is stored and
acknowledged meanwhile.

Telegram allows a group 20 messages a minute (the sandbox enforces it, and the bot's own
limiter keeps to it). The tests do not time anything: they show the order of events. The
other workshop's answer is acknowledged while the busy chat still waits for most of its
messages, which it can only get a minute or more later.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.sandbox import Sandbox
from tests.bot.conftest import BotProcess
from tests.bot.story import CODE


async def _other_workshop(sandbox: Sandbox) -> tuple[object, object]:
    """A second workshop with one subgroup in stap 2: its group and a member."""
    fac = sandbox.add_user("Yara")
    member = sandbox.add_user("Zeno")
    group = sandbox.add_group("Elders", members=[member])
    private = sandbox.private_chat(fac)
    await sandbox.send_message(private, fac, "/nieuw de andere wijk")
    await sandbox.wait_until(lambda: sandbox.bot_messages(private))
    code = CODE.search(sandbox.last_bot_message(private).text).group(1)
    await sandbox.send_message(group, member, f"/join {code}")
    await sandbox.send_message(private, fac, "/begin")
    await sandbox.wait_until(lambda: any(m.force_reply for m in sandbox.bot_messages(group)))
    return group, member


async def _answer_is_acknowledged(sandbox: Sandbox, group, member) -> None:
    sent = await sandbox.send_message(group, member, "/idee Iedereen doet mee")
    await sandbox.wait_until(lambda: sandbox.reactions(group, sent), timeout=10)


@pytest.fixture
async def limited(tmp_path) -> AsyncIterator[Sandbox]:
    """The sandbox with Telegram's limits on, and the bot running against it."""
    async with Sandbox(rate_limits=True) as sandbox:
        bot = BotProcess(sandbox, tmp_path / "bot.sqlite3")
        await bot.start()
        try:
            yield sandbox
        finally:
            await bot.stop()


async def test_a_flooded_chat_does_not_hold_up_another_workshop(limited: Sandbox):
    sandbox = limited
    other_group, other_member = await _other_workshop(sandbox)
    # Someone sends /help 40 times in a group: 80 replies at 20 a minute.
    busy = sandbox.add_group("Druk")
    flooder = sandbox.add_user("Flip")
    for _ in range(40):
        await sandbox.send_message(busy, flooder, "/help")
    await sandbox.wait_until(lambda: sandbox.bot_messages(busy))

    await _answer_is_acknowledged(sandbox, other_group, other_member)
    # The flooded chat is still far from its 80 replies: the answer did not wait.
    assert len(sandbox.bot_messages(busy)) <= 40


async def test_a_paced_broadcast_does_not_hold_up_another_workshop(limited: Sandbox):
    sandbox = limited
    other_group, other_member = await _other_workshop(sandbox)
    # A forum with 15 topic subgroups: /begin sends 30 messages to one supergroup, which
    # Telegram lets through at 20 a minute.
    fac = sandbox.add_user("Fatima")
    starter = sandbox.add_user("Sam")
    forum = sandbox.add_group("Noord", forum=True, supergroup=True, bot_is_admin=True,
                              members=[starter])  # fmt: skip
    private = sandbox.private_chat(fac)
    await sandbox.send_message(private, fac, "/nieuw de wijk")
    await sandbox.wait_until(lambda: sandbox.bot_messages(private))
    code = CODE.search(sandbox.last_bot_message(private).text).group(1)
    for n in range(1, 16):
        topic = sandbox.add_topic(forum, f"Tafel {n}", by=starter)
        await sandbox.send_message(forum, starter, f"/join {code}", thread_id=topic)
    await sandbox.send_message(private, fac, "/begin")
    await sandbox.wait_until(
        lambda: any(m.force_reply for m in sandbox.bot_messages(forum)), timeout=60
    )

    await _answer_is_acknowledged(sandbox, other_group, other_member)
    questions = [m for m in sandbox.bot_messages(forum) if m.force_reply]
    assert len(questions) < 15  # the broadcast is still being paced
