"""Only a workshop's facilitators steer it; nobody else, and no other workshop, changes it."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

import pytest
import pytest_asyncio

from bot.sandbox import Sandbox, SandboxChat, SandboxUser
from flows.fase import Fase
from flows.subgroep import Status
from tests.bot.conftest import BotProcess
from tests.bot.story import (
    facilitator_says,
    replies_to,
    says_quickly,
    send_as_anonymous_admin,
    workshop_state,
    workshop_with_groups,
)

# Every command that only a facilitator (or co-facilitator) may give.
FACILITATOR_COMMANDS = [
    "/begin",
    "/plenair",
    "/bevestig",
    "/samen 1 2",
    "/splits 1",
    "/tekst 1 x",
    "/weg 1",
    "/erbij x",
    "/zet 2 1",
    "/kies 1 1",
    "/akkoord 1",
    "/ongedaan",
    "/einde",
    "/verder 1",
    "/heropen 2",
    "/status",
    "/tafel X",
    "/typ 1 waarden",
    "/onderwerpen 2",
    "/cofac",
    "/export",
    "/stemmen 2",
    "/telling",
    "/tijd 30",
    "/taal en",
    "/herinneringen uit",
    "/stilschrijven",
    "/onthul",
    "/indelen 2",
    "/verplaats Pim 1",
    "/homogeen",
    "/vervolg",
    "/afsluiten",
    "/verwijder",
]

QUIET = None  # wait_idle: the bot says when it is busy (refusals are one quick reply)
ONLY_FACILITATOR = "Dit kan alleen de facilitator van de workshop."
NO_WORKSHOP = "Ik vind hier geen workshop."
ANONYMOUS = "Je stuurt als anonieme beheerder."
COFAC_LINK = re.compile(r"start=cofac-([a-z0-9]+)")


@dataclass
class World:
    """Workshop A (two subgroups, in its values plenary) and workshop B, side by side."""

    sandbox: Sandbox
    bot: BotProcess
    fac_a: SandboxUser
    fac_b: SandboxUser
    code_a: str
    stranger: SandboxUser
    admin: SandboxUser
    group_a: SandboxChat
    group_b: SandboxChat
    workshop_a: int
    workshop_b: int
    participant_b: SandboxUser | None = None


async def _workshop_id(bot: BotProcess, group: SandboxChat) -> int:
    subgroup = await bot.storage.find_subgroup_by_chat(group.id, None)
    return subgroup.workshop_id


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def world(tmp_path_factory):
    async with Sandbox() as sandbox:
        process = BotProcess(sandbox, tmp_path_factory.mktemp("authorization") / "w.sqlite3")
        await process.start()
        try:
            fac_a, fac_b = sandbox.add_user("Fatima"), sandbox.add_user("Bert")
            anna, bram, dora = (sandbox.add_user(n) for n in ("Anna", "Bram", "Dora"))
            stranger, admin = sandbox.add_user("Sam"), sandbox.add_user("Beheerder")
            group_a, group_a2 = sandbox.add_group("Tafel A1"), sandbox.add_group("Tafel A2")
            group_b = sandbox.add_group("Tafel B1")
            code_a = await workshop_with_groups(
                sandbox, fac_a, "de wijk", (group_a, anna), (group_a2, bram)
            )
            await workshop_with_groups(sandbox, fac_b, "het dorp", (group_b, dora))
            for chat, user, text in (
                (group_a, anna, "Iedereen doet mee"),
                (group_a, anna, "Een groene wijk"),
                (group_a2, bram, "Veilig spelen"),
                (group_b, dora, "Een levend dorp"),
            ):
                await sandbox.send_message(chat, user, f"/idee {text}")
            await sandbox.wait_idle(QUIET)
            await says_quickly(sandbox, fac_a, "/plenair")
            world = World(
                sandbox,
                process,
                fac_a,
                fac_b,
                code_a,
                stranger,
                admin,
                group_a,
                group_b,
                await _workshop_id(process, group_a),
                await _workshop_id(process, group_b),
                participant_b=dora,
            )
            state = await workshop_state(process.storage, world.workshop_a)
            assert state["fase"] is Fase.PLENAIR_WAARDEN
            assert len(state["drafts"][0][1]) >= 2, state["drafts"]
            yield world
        finally:
            await process.stop()


@pytest.mark.asyncio(loop_scope="module")
@pytest.mark.parametrize("command", FACILITATOR_COMMANDS)
async def test_only_a_facilitator_may_give_the_command(world: World, command: str):
    sandbox, storage = world.sandbox, world.bot.storage
    # A fresh subgroup chat per command: the bot keeps Telegram's limit of 20 messages
    # a minute per group, which the five tries of all commands in one chat would pass.
    group, participant = sandbox.add_group(f"Tafel {command}"), sandbox.add_user("Pim")
    await sandbox.send_message(group, participant, f"/join {world.code_a}")
    await sandbox.wait_idle(QUIET)
    assert await storage.find_subgroup_by_chat(group.id, None) is not None
    before_a = await workshop_state(storage, world.workshop_a)
    before_b = await workshop_state(storage, world.workshop_b)
    tries = [
        # (a) a participant, in their own subgroup's chat
        (group, await sandbox.send_message(group, participant, command)),
        # (b) a stranger, in a private chat with the bot
        (
            sandbox.private_chat(world.stranger),
            await sandbox.send_message(world.stranger, world.stranger, command),
        ),
        # (c) workshop B's facilitator, typing in workshop A's subgroup chat
        (group, await sandbox.send_message(group, world.fac_b, command)),
        # (d) an anonymous admin of A's subgroup chat (sender_chat is the group)
        (group, await send_as_anonymous_admin(sandbox, group, world.admin, command)),
        # (e) a participant of workshop B, typing in workshop A's subgroup chat
        (group, await sandbox.send_message(group, world.participant_b, command)),
    ]
    await sandbox.wait_idle(QUIET)

    expected = [ONLY_FACILITATOR, NO_WORKSHOP, ONLY_FACILITATOR, ANONYMOUS, ONLY_FACILITATOR]
    for (chat, sent), start in zip(tries, expected, strict=True):
        said = replies_to(sandbox, chat, sent)
        assert len(said) == 1, (command, sent["from"], said)
        assert said[0].startswith(start), (command, sent["from"], said)
        assert len(said[0]) < 300
    assert await workshop_state(storage, world.workshop_a) == before_a
    assert await workshop_state(storage, world.workshop_b) == before_b
    assert sandbox.documents(group) == []
    assert sandbox.documents(world.stranger) == []


async def _cofacilitator_by_reply(sandbox: Sandbox, fac, helper, group) -> None:
    """The facilitator answers /cofac to the helper's message in a subgroup chat; the
    helper says yes."""
    hello = await sandbox.send_message(group, helper, "Ik help wel mee")
    command = await sandbox.send_message(group, fac, "/cofac", reply_to=hello["message_id"])
    await sandbox.wait_idle(QUIET)
    [question] = [m for m in sandbox.bot_messages(group)
                  if m.reply_to_message_id == command["message_id"]]  # fmt: skip
    await sandbox.press_button(group, helper, question.message_id, text="Ja")
    await sandbox.wait_idle(QUIET)
    assert sandbox.last_bot_message(group).text == (
        f"{helper.first_name} helpt nu mee als facilitator."
    )


async def _cofacilitator_by_link(sandbox: Sandbox, fac, helper, group) -> None:
    """The facilitator asks for the link; the helper opens it in a private chat."""
    link = COFAC_LINK.search(await says_quickly(sandbox, fac, "/cofac"))
    assert link, sandbox.last_bot_message(sandbox.private_chat(fac)).text
    said = await says_quickly(sandbox, helper, f"/start cofac-{link.group(1)}")
    assert "Je helpt nu mee als facilitator bij de wijk" in said


@pytest.mark.parametrize(
    "who", ["facilitator", "co-facilitator by reply", "co-facilitator by link"]
)
async def test_the_facilitator_and_co_facilitators_may_steer(sandbox: Sandbox, bot, who: str):
    fac, anna, cees = sandbox.add_user("Fatima"), sandbox.add_user("Anna"), sandbox.add_user("Cees")
    group = sandbox.add_group("Tafel 1")
    await workshop_with_groups(sandbox, fac, "de wijk", (group, anna))
    await sandbox.send_message(group, anna, "/idee Iedereen doet mee")
    await sandbox.wait_idle(QUIET)
    steerer = fac
    if who == "co-facilitator by reply":
        await _cofacilitator_by_reply(sandbox, fac, cees, group)
        steerer = cees
    elif who == "co-facilitator by link":
        await _cofacilitator_by_link(sandbox, fac, cees, group)
        steerer = cees
    workshop_id = await _workshop_id(bot, group)

    assert "Status: de wijk" in await says_quickly(sandbox, steerer, "/status")
    assert "is subgroep 2" in await says_quickly(sandbox, steerer, "/tafel Tafel 9")
    assert "Plenair: 1 Waarden" in await says_quickly(sandbox, steerer, "/plenair")
    await says_quickly(sandbox, steerer, "/tekst 1 Iedereen hoort erbij")
    [draft] = await bot.storage.list_drafts(workshop_id)
    assert [i.text for i in draft.items] == ["Iedereen hoort erbij"]
    assert "vastgesteld" in await says_quickly(sandbox, steerer, "/bevestig")
    assert (await bot.storage.get_workshop(workshop_id)).fase is Fase.KOLOMMEN
    await facilitator_says(sandbox, steerer, "/export")  # building the deck takes a while
    names = [d.file_name for d in sandbox.documents(steerer)]
    assert any(n.endswith(".pptx") for n in names), names


def _export_text(sandbox: Sandbox, user) -> str:
    """All text of every file the export sent (the map, the agreement, the action list...),
    with its file names; zipped Office files are read as their XML without tags."""
    parts = []
    for document in sandbox.documents(user):
        parts.append(document.file_name)
        if document.data[:2] == b"PK":
            with zipfile.ZipFile(io.BytesIO(document.data)) as archive:
                for name in archive.namelist():
                    if name.endswith(".xml"):
                        xml = archive.read(name).decode("utf-8", "replace")
                        parts.append(re.sub(r"<[^>]+>", "", xml))
        else:
            parts.append(document.data.decode("utf-8", "replace"))
    return "\n".join(parts)


async def test_a_subgroup_sees_and_moves_only_its_own_workshop(sandbox: Sandbox, bot):
    fac_a, fac_b = sandbox.add_user("Fatima"), sandbox.add_user("Bert")
    anna, dora = sandbox.add_user("Anna"), sandbox.add_user("Dora")
    group_a, group_b = sandbox.add_group("Tafel A"), sandbox.add_group("Tafel B")
    await workshop_with_groups(sandbox, fac_a, "de wijk", (group_a, anna))
    await workshop_with_groups(sandbox, fac_b, "het dorp", (group_b, dora))
    await sandbox.send_message(group_a, anna, "/idee Alleen van A")
    await sandbox.send_message(group_b, dora, "/idee Alleen van B")
    await sandbox.wait_idle(QUIET)
    workshop_b = await _workshop_id(bot, group_b)
    before_b = await workshop_state(bot.storage, workshop_b)

    # A's map shows A's answer only.
    shown = await sandbox.send_message(group_a, anna, "/kaart")
    await sandbox.wait_idle(QUIET)
    map_text = "\n".join(
        m.text for m in sandbox.bot_messages(group_a) if m.message_id > shown["message_id"]
    )
    assert "Alleen van A" in map_text
    assert "Alleen van B" not in map_text
    assert "het dorp" not in map_text

    # /klaar in A moves A's subgroup, not B's.
    await sandbox.send_message(group_a, anna, "/klaar")
    await sandbox.wait_idle(QUIET)
    subgroup_a = await bot.storage.find_subgroup_by_chat(group_a.id, None)
    assert subgroup_a.stand.status is Status.WACHT
    assert await workshop_state(bot.storage, workshop_b) == before_b
    assert "Wacht nu op de plenaire ronde" not in sandbox.last_bot_message(group_b).text

    # B's facilitator exports B's map only; A's facilitator A's only.
    for fac, mine, theirs in (
        (fac_b, "Alleen van B", "Alleen van A"),
        (fac_a, "Alleen van A", "Alleen van B"),
    ):
        await facilitator_says(sandbox, fac, "/export")  # building the deck takes a while
        text = _export_text(sandbox, fac)
        assert ".pptx" in text
        assert mine in text
        assert theirs not in text
