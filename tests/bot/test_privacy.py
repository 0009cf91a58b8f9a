"""Forget me, delete a workshop, retention: personal data does not outstay its welcome."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from bot.sandbox import Sandbox
from tests.bot.conftest import BotProcess
from tests.bot.story import facilitator_says, workshop_with_groups


async def _workshop(sandbox: Sandbox):
    fac, anna, bram = (sandbox.add_user(n, username=n.lower()) for n in ("Fatima", "Anna", "Bram"))
    group = sandbox.add_group("Tafel 1")
    await workshop_with_groups(sandbox, fac, "de wijk", (group, anna))
    await sandbox.send_message(group, anna, "/idee Veilige straten")
    await sandbox.send_message(group, bram, "/idee Meer groen")
    await sandbox.wait_idle()
    return fac, anna, bram, group


@pytest.mark.parametrize(("label", "kept"), [("zonder naam", True), ("en mijn antwoorden", False)])
async def test_a_participant_is_forgotten_at_their_choice(sandbox: Sandbox, bot, label, kept):
    fac, anna, bram, group = await _workshop(sandbox)
    await sandbox.send_message(group, anna, "/vergeet")
    await sandbox.wait_idle()
    offer = sandbox.last_bot_message(group)
    await sandbox.press_button(group, anna, offer.message_id, text=label)
    await sandbox.wait_idle()
    assert "Gedaan" in sandbox.callback_answers[-1].text

    storage = bot.storage
    workshop = await storage.latest_workshop_of_facilitator(fac.id)
    people = {p.user_id: p for p in await storage.list_participants(workshop.id)}
    assert anna.id not in people
    assert bram.id in people
    rows = await storage.db.fetch_all(
        "SELECT first_name, username, user_id FROM participants WHERE workshop_id = ?",
        (workshop.id,),
    )
    assert not [r for r in rows if r["first_name"] == "Anna" or r["username"] == "anna"]
    texts = [a.text for a in await storage.list_workshop_answers(workshop.id)]
    assert ("Veilige straten" in texts) is kept
    assert "Meer groen" in texts
    authors = {a.text: a.author for a in await storage.list_workshop_answers(workshop.id)}
    if kept:
        assert authors["Veilige straten"] != "Anna"
    # The export no longer names her.
    await facilitator_says(sandbox, fac, "/export")
    [data] = [
        d for d in sandbox.documents(sandbox.private_chat(fac)) if d.file_name.endswith(".json")
    ]
    doc = json.loads(data.data)
    assert "Anna" not in [p["name"] for p in doc["participants"]]
    assert "Anna" not in [a["author"] for a in doc["answers"]]
    assert "anna" not in data.data.decode()


async def test_the_facilitator_deletes_the_whole_workshop(sandbox: Sandbox, bot):
    fac, anna, _, group = await _workshop(sandbox)
    await facilitator_says(sandbox, fac, "/verwijder")
    offer = sandbox.last_bot_message(sandbox.private_chat(fac))
    # A participant pressing the facilitator's button is refused.
    await sandbox.press_button(sandbox.private_chat(fac), anna, offer.message_id, check=False,
                               callback_data=offer.buttons[0][1])  # fmt: skip
    await sandbox.wait_idle()
    assert "alleen de facilitator" in sandbox.callback_answers[-1].text
    await sandbox.press_button(sandbox.private_chat(fac), fac, offer.message_id, text="verwijder")
    await sandbox.wait_idle()
    assert await bot.storage.find_subgroup_by_chat(group.id, None) is None
    count = await bot.storage.db.fetch_one("SELECT COUNT(*) AS n FROM answers")
    assert count["n"] == 0


async def test_ended_workshops_are_purged_after_the_retention_period(sandbox: Sandbox, db_path):
    class Clock:
        now = datetime(2026, 11, 29, 10, 0, tzinfo=UTC)

        def __call__(self):
            return self.now

    clock = Clock()
    bot = BotProcess(sandbox, db_path, clock=clock, manual_time=True)
    bot.settings = bot.settings.__class__(**{**bot.settings.__dict__, "retention_days": 30})
    await bot.start()
    try:
        fac, _, _, group = await _workshop(sandbox)
        await facilitator_says(sandbox, fac, "/einde")
        clock.now += timedelta(days=29)
        await bot.tick()
        assert await bot.storage.find_subgroup_by_chat(group.id, None) is not None
        clock.now += timedelta(days=2)
        await bot.tick()
        assert await bot.storage.find_subgroup_by_chat(group.id, None) is None
        answers = await bot.storage.db.fetch_one("SELECT COUNT(*) AS n FROM answers")
        assert answers["n"] == 0
    finally:
        await bot.stop()
