"""The live board of a follow-up shows the first meeting's starting material: its confirmed
values, what its groups (each of one role) shared and where they differed."""

from __future__ import annotations

import datetime

from bot.sandbox import Sandbox
from tests.bot.conftest import bot  # noqa: F401 (fixture)
from tests.bot.people_steps import register
from tests.bot.story import facilitator_says, new_workshop
from web.state import read_board

NOW = datetime.datetime(2026, 12, 2, 10, 0, tzinfo=datetime.UTC)


async def homogeneous_then_follow_up(sandbox: Sandbox, fac, storage):
    """A first meeting in groups of one role (citizens at Tafel 1, professionals at Tafel
    2) whose values plenary confirmed its values, then its follow-up, not started yet;
    (first meeting, follow-up)."""
    code = await new_workshop(sandbox, fac, "de wijk")
    first_groups = [sandbox.add_group(n) for n in ("Tafel 1", "Tafel 2")]
    for group in first_groups:
        await sandbox.send_message(group, fac, f"/join {code}")
    await sandbox.wait_idle()
    await facilitator_says(sandbox, fac, "/homogeen")
    people = {}
    for name, role, network, group in (
        ("Anna", "Burger", "Buurtvereniging", first_groups[0]),
        ("Bram", "Burger", "Speeltuin", first_groups[0]),
        ("Chris", "Professional", "Wijkteam", first_groups[1]),
        ("Dewi", "Professional", "GGD", first_groups[1]),
    ):
        people[name] = (await register(sandbox, code, name, role, network), group)
    await facilitator_says(sandbox, fac, "/begin")
    for name, text in (
        ("Anna", "Een veilige buurt"),
        ("Bram", "Iedereen doet mee"),
        ("Chris", "een veilige buurt"),
        ("Dewi", "Korte lijnen met de gemeente"),
    ):
        user, group = people[name]
        await sandbox.send_message(group, user, f"/idee {text}")
    await sandbox.wait_idle()
    await facilitator_says(sandbox, fac, "/plenair")
    await facilitator_says(sandbox, fac, "/bevestig")
    await facilitator_says(sandbox, fac, "/plenair")
    said = await facilitator_says(sandbox, fac, "/vervolg")
    assert "Uit de eerste bijeenkomst" in said, said
    followup = await storage.latest_workshop_of_facilitator(fac.id)
    first = await storage.get_workshop(followup.previous_id)
    return first, followup


async def test_the_follow_ups_board_has_the_first_meetings_values_per_role(
    sandbox: Sandbox, bot  # noqa: F811 (the fixture)
):
    fac = sandbox.add_user("Fatima")
    first, followup = await homogeneous_then_follow_up(sandbox, fac, bot.storage)
    board = await read_board(bot.storage, followup.id, NOW)
    assert board["mode"] == "waiting"
    fm = board["first_meeting"]
    assert [v.lower() for v in fm["confirmed"]][:1] == ["een veilige buurt"]
    [shared] = fm["shared"]
    assert shared["text"].lower() == "een veilige buurt"
    assert shared["groups"] == ["Tafel 1 (burgers)", "Tafel 2 (professionals)"]
    assert fm["own"] == [
        {"group": "Tafel 1 (burgers)", "items": ["Iedereen doet mee"]},
        {"group": "Tafel 2 (professionals)", "items": ["Korte lijnen met de gemeente"]},
    ]
    assert board["texts"]["web.eerste.kop"] == "Uit de eerste bijeenkomst"
    # While the mixed groups work, and in the values plenary, it stays on the board.
    for name in ("Gemengd 1", "Gemengd 2"):
        await sandbox.send_message(sandbox.add_group(name), fac, f"/join {followup.code}")
    await sandbox.wait_idle()
    await facilitator_says(sandbox, fac, "/begin")
    board = await read_board(bot.storage, followup.id, NOW)
    assert board["mode"] == "progress"
    assert board["first_meeting"] == fm
    await facilitator_says(sandbox, fac, "/plenair")
    board = await read_board(bot.storage, followup.id, NOW)
    assert (board["mode"], board["current"]) == ("plenary", 1)
    assert board["first_meeting"] == fm
    # The first meeting itself is no follow-up: nothing to show there.
    assert (await read_board(bot.storage, first.id, NOW))["first_meeting"] is None
