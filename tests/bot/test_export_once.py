"""/export sends its files once per update: an update Telegram (or the inbox after a crash)
delivers again sends nothing more; a new /export sends a new set, with the data of now."""

from __future__ import annotations

import asyncio
import dataclasses
import json
from pathlib import Path

from bot.sandbox import Sandbox
from tests.bot.conftest import BotProcess
from tests.bot.story import workshop_with_groups
from tests.bot.test_webhook import WebhookBot


async def _workshop(sandbox: Sandbox):
    fac, anna = sandbox.add_user("Fatima"), sandbox.add_user("Anna")
    group = sandbox.add_group("Tafel 1")
    await workshop_with_groups(sandbox, fac, "de wijk", (group, anna))
    await sandbox.send_message(group, anna, "/idee Veilige straten")
    await sandbox.wait_idle()
    return fac, anna, group


async def _export(sandbox: Sandbox, fac) -> int:
    """/export in the facilitator's private chat; the update's id."""
    await sandbox.send_message(sandbox.private_chat(fac), fac, "/export")
    update_id = sandbox._last_driver_update_id
    assert update_id is not None
    await sandbox.wait_idle(timeout=60)  # building the files takes a while on a busy machine
    return update_id


def _answers_in(sandbox: Sandbox, chat) -> list[list[str]]:
    """The answers in each data file (JSON) the chat received, in order."""
    found = []
    for document in sandbox.documents(chat):
        if document.file_name.endswith(".json"):
            found.append(sorted(set(_texts(json.loads(document.data)))))
    return found


def _texts(value) -> list[str]:
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return [value] if value in ("Veilige straten", "Meer groen") else []


async def test_an_export_delivered_again_sends_its_files_once(sandbox: Sandbox, bot):
    fac, anna, group = await _workshop(sandbox)
    chat = sandbox.private_chat(fac)
    update_id = await _export(sandbox, fac)
    one_set = len(sandbox.documents(chat))
    assert one_set >= 5  # the deck, its appendix, the agreement, the plan, the data, ...

    sandbox.deliver_again(update_id)  # the same message once more
    await sandbox.wait_idle(timeout=60)
    assert len(sandbox.documents(chat)) == one_set

    # A new /export is a new request: a new set, with what changed since.
    await sandbox.send_message(group, anna, "/idee Meer groen")
    await sandbox.wait_idle()
    await _export(sandbox, fac)
    assert len(sandbox.documents(chat)) == 2 * one_set
    assert _answers_in(sandbox, chat) == [
        ["Veilige straten"],
        ["Meer groen", "Veilige straten"],
    ]


async def test_blank_maps_delivered_again_are_sent_once(sandbox: Sandbox, bot):
    fac = sandbox.add_user("Fatima")
    chat = sandbox.private_chat(fac)
    await sandbox.send_message(chat, fac, "/sjabloon")
    update_id = sandbox._last_driver_update_id
    await sandbox.wait_idle(timeout=60)
    one_set = len(sandbox.documents(chat))
    assert one_set >= 2  # A3 to print, 16:9 for the screen
    sandbox.deliver_again(update_id)
    await sandbox.wait_idle(timeout=60)
    assert len(sandbox.documents(chat)) == one_set


async def test_an_export_sent_just_before_a_crash_is_not_sent_again_after_the_restart(
    sandbox: Sandbox, db_path: Path
):
    bot = BotProcess(sandbox, db_path)
    await bot.start()
    try:
        fac, _, _ = await _workshop(sandbox)
        chat = sandbox.private_chat(fac)
        update_id = await _export(sandbox, fac)
        one_set = len(sandbox.documents(chat))
        assert one_set >= 5
        # The bot died after the files went out, before the update left the inbox.
        body = json.dumps(sandbox._all_updates[update_id])
        await bot.storage.keep_updates([(update_id, body)])
        await bot.stop()
        await bot.start()  # handles what the inbox kept
        await sandbox.wait_idle(timeout=60)
        assert await bot.storage.kept_updates() == []  # it was handled again ...
        assert len(sandbox.documents(chat)) == one_set  # ... and sent nothing twice
    finally:
        await bot.stop()


async def test_an_export_whose_webhook_answer_was_lost_sends_its_files_once(
    sandbox: Sandbox, db_path: Path
):
    bot = WebhookBot(sandbox, db_path)
    await bot.start()
    try:
        fac, _, _ = await _workshop(sandbox)
        sandbox.lose_webhook_replies(1)
        update_id = await _export(sandbox, fac)
        assert sandbox.webhook_statuses(update_id) == [200, 200]  # delivered twice
        assert 5 <= len(sandbox.documents(sandbox.private_chat(fac))) == len(
            {d.file_name for d in sandbox.documents(sandbox.private_chat(fac))}
        )
    finally:
        await bot.stop()


class _SlowExporter:
    """Makes the files as the bot does, after a pause: long enough for Telegram to give up
    waiting for the webhook's answer and deliver the update again meanwhile."""

    def __init__(self, exporter, pause: float) -> None:
        self.exporter = exporter
        self.pause = pause
        self.calls = 0

    async def export_set(self, data, template_dir):
        self.calls += 1
        await asyncio.sleep(self.pause)
        return await self.exporter.export_set(data, template_dir)

    async def template_set(self, goal, lang, date):
        return await self.exporter.template_set(goal, lang, date)


async def test_an_export_delivered_again_while_it_is_made_sends_its_files_once(
    sandbox: Sandbox, db_path: Path
):
    bot = WebhookBot(sandbox, db_path)
    running = await bot.start()
    try:
        fac, _, _ = await _workshop(sandbox)
        bot_data = running.app.bot_data
        slow = _SlowExporter(bot_data.services.exporter, pause=1.5)
        bot_data.services = dataclasses.replace(bot_data.services, exporter=slow)
        sandbox.webhook_timeout = 0.3  # Telegram stops waiting long before the files are made

        update_id = await _export(sandbox, fac)
        await sandbox.wait_until(lambda: 200 in sandbox.webhook_statuses(update_id), timeout=60)
        await sandbox.wait_idle(timeout=60)
        statuses = sandbox.webhook_statuses(update_id)
        assert statuses[0] is None, statuses  # it came again while being made
        documents = sandbox.documents(sandbox.private_chat(fac))
        assert len(documents) >= 5
        assert len(documents) == len({d.file_name for d in documents})  # one set
        assert slow.calls == 1  # made once, too
    finally:
        await bot.stop()
