"""People: roles and networks, a split over subgroups, role play in a group of one kind."""

from __future__ import annotations

from bot.sandbox import Sandbox
from tests.bot.people_steps import register
from tests.bot.story import current_question, facilitator_says, new_workshop


async def test_registration_split_and_everyone_told_where_to_go(sandbox: Sandbox, bot):
    fac = sandbox.add_user("Fatima")
    code = await new_workshop(sandbox, fac, "de wijk")
    groups = [sandbox.add_group(f"Tafel {n}") for n in (1, 2)]
    starter = sandbox.add_user("Starter")
    for group in groups:
        await sandbox.send_message(group, starter, f"/join {code}")
    await sandbox.wait_idle()
    people = [
        await register(sandbox, code, "Anna", "Burger", "Buurtvereniging"),
        await register(sandbox, code, "Bram", "Professional", "Wijkteam Noord"),
        await register(sandbox, code, "Chris", "Professional", "Wijkteam Noord"),
        await register(sandbox, code, "Dewi", "Beleidsmaker", "Gemeente"),
    ]
    assert "Dank je! Je rol is: Burger." in [a.text for a in sandbox.callback_answers]

    shown = await facilitator_says(sandbox, fac, "/indelen 2")
    lines = [line for line in shown.splitlines() if line[:2] in ("1.", "2.")]
    assert len(lines) == 2
    # Bram and Chris, of the same network, are split.
    assert not any("Bram" in line and "Chris" in line for line in lines)
    target = "1" if "Anna" not in lines[0] else "2"
    moved = await facilitator_says(sandbox, fac, f"/verplaats Anna {target}")
    assert "Anna" in [ln for ln in moved.splitlines() if ln.startswith(f"{target}.")][0]
    assert "verplaats" in await facilitator_says(sandbox, fac, "/verplaats Niemand 1")

    assert "De indeling staat" in await facilitator_says(sandbox, fac, "/indelen ok")
    for user in people:
        told = sandbox.last_bot_message(sandbox.private_chat(user)).text
        assert told.startswith("Je zit in Tafel ")
    stored = await bot.storage.list_participants(
        (await bot.storage.latest_workshop_of_facilitator(fac.id)).id
    )
    placed = {p.first_name: p.subgroup_id for p in stored if p.first_name != "Starter"}
    assert placed["Anna"] is not None
    assert placed["Bram"] != placed["Chris"]


async def test_a_group_of_one_kind_gets_roles_to_play_in_its_prompts(sandbox: Sandbox, bot):
    fac = sandbox.add_user("Fatima")
    code = await new_workshop(sandbox, fac, "de wijk")
    group = sandbox.add_group("Burgers")
    members = [sandbox.add_user(n) for n in ("Anna", "Bram", "Chris", "Dewi")]
    for member in members:
        await sandbox.send_message(group, member, f"/join {code}" if member is members[0]
                                   else "/rol")  # fmt: skip
        await sandbox.wait_idle(quiet=0.1)
        ask = sandbox.last_bot_message(group)
        if ask.buttons:
            await sandbox.press_button(group, member, ask.message_id, text="Burger")
    await sandbox.send_message(group, members[0], "/rol")
    await sandbox.wait_idle(quiet=0.1)
    await sandbox.press_button(group, members[0], sandbox.last_bot_message(group).message_id,
                               text="Burger")  # fmt: skip
    await sandbox.send_message(group, members[1], "/rollen")
    await sandbox.wait_idle()
    handed = sandbox.last_bot_message(group).text
    assert handed.startswith("Rollenspel")
    assert "speelt Professional" in handed
    assert "speelt Beleidsmaker" in handed
    await facilitator_says(sandbox, fac, "/begin")
    question = current_question(sandbox, group).text
    assert "kijkt als Professional" in question
    assert "kijkt als Beleidsmaker" in question


async def test_a_split_of_110_people_is_shown_in_full_over_several_messages(sandbox: Sandbox, bot):
    fac = sandbox.add_user("Fatima")
    code = await new_workshop(sandbox, fac, "de wijk")
    starter = sandbox.add_user("Starter")
    for n in (1, 2, 3):
        await sandbox.send_message(sandbox.add_group(f"Tafel {n}"), starter, f"/join {code}")
    names = [f"Deelnemer{n:03d} Vandebuurtverenigingnoord" for n in range(1, 111)]
    for name in names:
        person = sandbox.add_user(name)
        await sandbox.send_message(sandbox.private_chat(person), person, f"/start {code}")
    await sandbox.wait_idle(timeout=60)

    shown = await facilitator_says(sandbox, fac, "/indelen 3")
    # More than Telegram takes in one message, so it came as several; nobody is missing.
    assert len(shown) > 4096
    for name in names:
        assert name.split()[0] in shown
