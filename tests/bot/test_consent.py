"""Consent before power: nobody but the facilitator makes the plenary group a subgroup."""

from __future__ import annotations

import pytest

from bot.sandbox import Sandbox
from tests.bot.story import CODE, new_workshop, replies_to, send_as_anonymous_admin


@pytest.mark.parametrize("who", ["member", "anonymous admin"])
async def test_only_the_facilitator_makes_the_plenary_group_a_subgroup(
    sandbox: Sandbox, bot, who
):
    fac, mo, bert = sandbox.add_user("Fatima"), sandbox.add_user("Mo"), sandbox.add_user("Bert")
    plenary = sandbox.add_group("Plenair", members=[fac, mo])
    made = await sandbox.send_message(plenary, fac, "/nieuw de wijk")
    await sandbox.wait_idle()
    [code_a] = CODE.findall(replies_to(sandbox, plenary, made)[0])
    code_b = await new_workshop(sandbox, bert, "het dorp")

    if who == "member":
        tried = await sandbox.send_message(plenary, mo, f"/join {code_b}")
    else:
        tried = await send_as_anonymous_admin(sandbox, plenary, mo, f"/join {code_b}")
    await sandbox.wait_idle()
    [refusal] = replies_to(sandbox, plenary, tried)
    assert refusal.startswith("Deze groep is de plenaire groep van de workshop de wijk.")
    assert await bot.storage.find_subgroup_by_chat(plenary.id, None) is None

    # The facilitator's own steps there still work.
    begun = await sandbox.send_message(plenary, fac, "/begin")
    await sandbox.wait_idle()
    assert replies_to(sandbox, plenary, begun)[0].startswith("Stap 2 is begonnen.")

    # The facilitator may make it a subgroup (of her own workshop, here).
    await sandbox.send_message(plenary, fac, f"/join {code_a}")
    await sandbox.wait_idle()
    subgroup = await bot.storage.find_subgroup_by_chat(plenary.id, None)
    assert subgroup is not None
    assert subgroup.workshop_id == (await bot.storage.find_workshop_by_code(code_a)).id

