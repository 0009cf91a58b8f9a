"""Consent before power: nobody becomes co-facilitator without their own yes, a person with
several workshops chooses which one a command is about, and nobody but the facilitator
makes the plenary group a subgroup."""

from __future__ import annotations

import re

import pytest

from bot import usecases
from bot.sandbox import Sandbox
from tests.bot.story import (
    CODE,
    facilitator_says,
    new_workshop,
    replies_to,
    says_quickly,
    send_as_anonymous_admin,
    workshop_with_groups,
)
from tests.bot.world import Chat, FakeClock, FakeTelegram, Person, World

NO_WORKSHOP = "Ik vind hier geen workshop."


async def _asked_to_help(sandbox: Sandbox, bot, fac, cees):
    """The facilitator answers /cofac to Cees's message in a subgroup's chat."""
    anna = sandbox.add_user("Anna")
    group = sandbox.add_group("Tafel 1")
    await workshop_with_groups(sandbox, fac, "de wijk", (group, anna))
    hello = await sandbox.send_message(group, cees, "Ik help wel mee")
    command = await sandbox.send_message(group, fac, "/cofac", reply_to=hello["message_id"])
    await sandbox.wait_idle()
    [question] = [m for m in sandbox.bot_messages(group) if m.reply_to_message_id
                  == command["message_id"]]  # fmt: skip
    workshop = await bot.storage.latest_workshop_of_facilitator(fac.id)
    return anna, group, question, workshop


def _toast(sandbox: Sandbox) -> str:
    return sandbox.callback_answers[-1].text or ""


async def test_co_facilitating_needs_the_persons_own_yes(sandbox: Sandbox, bot):
    fac, cees = sandbox.add_user("Fatima"), sandbox.add_user("Cees")
    anna, group, question, workshop = await _asked_to_help(sandbox, bot, fac, cees)

    # Asked, not made: Cees cannot steer the workshop yet.
    assert question.text.startswith("Cees, wil je meehelpen als facilitator bij de wijk?")
    assert not await bot.storage.is_facilitator(workshop, cees.id)
    assert (await says_quickly(sandbox, cees, "/status")).startswith(NO_WORKSHOP)

    # Someone else's press changes nothing.
    await sandbox.press_button(group, anna, question.message_id, text="Ja")
    await sandbox.wait_idle()
    assert _toast(sandbox) == "Deze knop is voor iemand anders."
    assert not await bot.storage.is_facilitator(workshop, anna.id)
    assert not await bot.storage.is_facilitator(workshop, cees.id)

    # Cees's own yes does it.
    await sandbox.press_button(group, cees, question.message_id, text="Ja")
    await sandbox.wait_idle()
    assert _toast(sandbox).startswith("Dank je! Je helpt nu mee.")
    assert sandbox.last_bot_message(group).text == "Cees helpt nu mee als facilitator."
    assert await bot.storage.is_facilitator(workshop, cees.id)
    assert "Status: de wijk" in await says_quickly(sandbox, cees, "/status")

    # The question is answered: pressing again does nothing more.
    await sandbox.press_button(group, cees, question.message_id, text="Nee")
    await sandbox.wait_idle()
    assert _toast(sandbox) == "Deze vraag is al beantwoord."
    assert await bot.storage.is_facilitator(workshop, cees.id)


async def test_saying_no_to_co_facilitating_leaves_everything_as_it_was(sandbox: Sandbox, bot):
    fac, cees = sandbox.add_user("Fatima"), sandbox.add_user("Cees")
    _, group, question, workshop = await _asked_to_help(sandbox, bot, fac, cees)
    await sandbox.press_button(group, cees, question.message_id, text="Nee")
    await sandbox.wait_idle()
    assert "niet mee" in sandbox.last_bot_message(group).text
    assert not await bot.storage.is_facilitator(workshop, cees.id)
    assert (await says_quickly(sandbox, cees, "/status")).startswith(NO_WORKSHOP)


async def test_the_co_facilitator_link_counts_only_when_the_person_opens_it_privately(
    sandbox: Sandbox, bot
):
    fac, cees = sandbox.add_user("Fatima"), sandbox.add_user("Cees")
    group = sandbox.add_group("Tafel 1")
    await workshop_with_groups(sandbox, fac, "de wijk", (group, sandbox.add_user("Anna")))
    link = re.search(r"start=(cofac-[a-z0-9]+)", await says_quickly(sandbox, fac, "/cofac"))
    assert link
    workshop = await bot.storage.latest_workshop_of_facilitator(fac.id)
    # Typed in a group, the link's code is no join code and makes nobody co-facilitator.
    await sandbox.send_message(group, cees, f"/start {link.group(1)}")
    await sandbox.wait_idle()
    assert not await bot.storage.is_facilitator(workshop, cees.id)
    # Opened in a private chat, it is Cees's own step.
    said = await says_quickly(sandbox, cees, f"/start {link.group(1)}")
    assert "Je helpt nu mee als facilitator bij de wijk" in said
    assert await bot.storage.is_facilitator(workshop, cees.id)


async def _choose(sandbox: Sandbox, user, goal: str) -> str:
    """Press the button of the workshop with this goal under the bot's last question."""
    chat = sandbox.private_chat(user)
    question = sandbox.last_bot_message(chat)
    await sandbox.press_button(chat, user, question.message_id, text=goal)
    await sandbox.wait_idle()
    return sandbox.last_bot_message(chat).text


async def test_a_facilitator_with_several_workshops_chooses_which_one(sandbox: Sandbox, bot):
    fac = sandbox.add_user("Fatima")
    for goal in ("de wijk", "het dorp", "een oefening"):
        await new_workshop(sandbox, fac, goal)
    # The workshop made last is the one her commands are about.
    assert "Status: een oefening" in await facilitator_says(sandbox, fac, "/status")
    await facilitator_says(sandbox, fac, "/verwijder")
    await _choose(sandbox, fac, "verwijder alles")

    # Two open workshops, none chosen: she is asked, and nothing is done yet.
    asked = await facilitator_says(sandbox, fac, "/status")
    assert "meer dan één workshop" in asked
    assert "Status:" not in asked
    chat = sandbox.private_chat(fac)
    assert [label for label, _ in sandbox.last_bot_message(chat).buttons] == [
        "het dorp",
        "de wijk",
    ]
    assert "gaan nu over de wijk" in await _choose(sandbox, fac, "de wijk")
    assert "Status: de wijk" in await facilitator_says(sandbox, fac, "/status")
    assert "Status: de wijk" in await facilitator_says(sandbox, fac, "/status")  # remembered

    # /workshop says which one, and changes it.
    shown = await facilitator_says(sandbox, fac, "/workshop")
    assert "gaan nu over de wijk" in shown
    assert "gaan nu over het dorp" in await _choose(sandbox, fac, "het dorp")
    assert "Status: het dorp" in await facilitator_says(sandbox, fac, "/status")

    # A forged button for her workshop gives nobody else a way in.
    bert = sandbox.add_user("Bert")
    await says_quickly(sandbox, bert, "/help")
    workshop = await bot.storage.chosen_workshop(fac.id)
    helped = sandbox.last_bot_message(sandbox.private_chat(bert))
    await sandbox.press_button(bert, bert, helped.message_id, f"ws:{workshop.id}", check=False)
    await sandbox.wait_idle()
    assert _toast(sandbox) == "Deze knop is voor iemand anders."
    assert (await says_quickly(sandbox, bert, "/status")).startswith(NO_WORKSHOP)


async def test_saying_yes_to_help_makes_that_workshop_the_one_commands_are_about(
    sandbox: Sandbox, bot
):
    fac, cees = sandbox.add_user("Fatima"), sandbox.add_user("Cees")
    made = await facilitator_says(sandbox, cees, "/nieuw het dorp")
    assert "meer workshops" not in made
    _, group, question, _ = await _asked_to_help(sandbox, bot, fac, cees)
    await sandbox.press_button(group, cees, question.message_id, text="Ja")
    await sandbox.wait_idle()
    assert "Status: de wijk" in await says_quickly(sandbox, cees, "/status")
    shown = await says_quickly(sandbox, cees, "/workshop")
    assert "gaan nu over de wijk" in shown
    assert "gaan nu over het dorp" in await _choose(sandbox, cees, "het dorp")
    assert "Status: het dorp" in await says_quickly(sandbox, cees, "/status")


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
    assert refusal.startswith("Deze groep is de plenaire groep van de workshop over de wijk.")
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


async def test_the_chosen_workshop_stays_chosen_after_it_ends(sandbox: Sandbox, bot):
    # Another workshop still open must not take over: her export is of the one she ran.
    fac = sandbox.add_user("Fatima")
    await new_workshop(sandbox, fac, "een oefening")
    await new_workshop(sandbox, fac, "de wijk")
    assert "afgesloten" in await facilitator_says(sandbox, fac, "/einde")
    assert "Status: de wijk" in await facilitator_says(sandbox, fac, "/status")
    shown = await facilitator_says(sandbox, fac, "/workshop")
    assert "gaan nu over de wijk" in shown
    assert [label for label, _ in sandbox.last_bot_message(sandbox.private_chat(fac)).buttons] \
        == ["een oefening"]  # fmt: skip


async def test_the_choice_of_many_long_workshops_fits_one_message_and_says_it_is_cut(tmp_path):
    telegram = FakeTelegram()
    world = await World(tmp_path / "w.sqlite3", FakeClock(), telegram).start()
    try:
        fatima = Person(5, "Fatima")
        chat = Chat(fatima.user_id, None)
        for n in range(12):
            goal = f"{n:02d} " + "lang doel " * 19  # near the 200 characters a goal may have
            await world.deliver(lambda s, goal=goal, n=n: usecases.create_workshop(
                s, World.incoming(chat, fatima, None, n + 1), goal), f"msg:5:{n + 1}")  # fmt: skip
        # None chosen (the chosen one is gone): /status asks.
        await world.storage.delete_workshop((await world.storage.chosen_workshop(5)).id)
        handled = await world.deliver(
            lambda s: usecases.show_status(s, World.incoming(chat, fatima, "/status", 99)),
            "msg:5:99",
        )
        [question] = handled.outcome.actions
        assert "11 nieuwste" not in question.text
        assert "10 nieuwste" in question.text
        buttons = [b for row in question.buttons for b in row]
        assert len(buttons) == 10
        assert buttons[0].label.startswith("10 lang doel")  # the newest first
        assert all(len(b.label) <= 40 and len(b.data.encode()) <= 64 for b in buttons)
    finally:
        await world.stop()
