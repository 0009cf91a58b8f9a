"""Bad input in the workshop's phases gets a clear reply and leaves a consistent state."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
import pytest_asyncio

from bot.sandbox import Sandbox, SandboxChat, SandboxUser
from flows.fase import Fase
from flows.kaart import Kolom
from tests.bot.conftest import BotProcess
from tests.bot.story import (
    board,
    new_workshop,
    replies_to,
    reply_to_question,
    says_quickly,
    values_plenary,
    workshop_state,
    workshop_with_groups,
)

QUIET = None  # wait_idle: the bot says when it is busy (refusals are one quick reply)
PHASES = ["opening", "waarden", "plenair_waarden", "kolommen", "plenair_model"]


@dataclass
class Stage:
    """One workshop, brought to one phase; its facilitator types in a private chat."""

    fac: SandboxUser
    member: SandboxUser
    group: SandboxChat
    workshop_id: int


@dataclass
class Stages:
    sandbox: Sandbox
    bot: BotProcess
    at: dict[str, Stage]


async def _to_phase(sandbox: Sandbox, phase: str, n: int) -> tuple[SandboxUser, ...]:
    fac, member = sandbox.add_user(f"Fac{n}"), sandbox.add_user(f"Lid{n}")
    group = sandbox.add_group(f"Tafel {phase}")
    if phase == "opening":
        code = await new_workshop(sandbox, fac, f"workshop {phase}")
        await sandbox.send_message(group, member, f"/join {code}")
        await sandbox.wait_idle(QUIET)
        return fac, member, group
    await workshop_with_groups(sandbox, fac, f"workshop {phase}", (group, member))
    if phase == "waarden":
        return fac, member, group
    await sandbox.send_message(group, member, "/idee Iedereen doet mee")
    await sandbox.send_message(group, member, "/idee Een groene wijk")
    await sandbox.wait_idle(QUIET)
    if phase == "plenair_waarden":
        await says_quickly(sandbox, fac, "/plenair")
        return fac, member, group
    await values_plenary(sandbox, fac)
    if phase == "kolommen":
        return fac, member, group
    await sandbox.send_message(group, member, "/idee We geven en nemen")
    await sandbox.wait_idle(QUIET)
    await says_quickly(sandbox, fac, "/plenair")
    return fac, member, group


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def stages(tmp_path_factory):
    """Five workshops in one bot, one per phase; the tests on them must change nothing."""
    async with Sandbox() as sandbox:
        process = BotProcess(sandbox, tmp_path_factory.mktemp("phases") / "w.sqlite3")
        await process.start()
        try:
            at = {}
            for n, phase in enumerate(PHASES):
                fac, member, group = await _to_phase(sandbox, phase, n)
                subgroup = await process.storage.find_subgroup_by_chat(group.id, None)
                at[phase] = Stage(fac, member, group, subgroup.workshop_id)
                workshop = await process.storage.get_workshop(subgroup.workshop_id)
                assert workshop.fase == Fase(phase)
            yield Stages(sandbox, process, at)
        finally:
            await process.stop()


module_loop = pytest.mark.asyncio(loop_scope="module")

WRONG_PHASE = [
    ("opening", "/plenair", "Een plenaire ronde kan nu niet. We zijn bij stap 1: opening."),
    ("opening", "/bevestig", "Er is nu niets te bevestigen. We zijn bij stap 1: opening."),
    ("waarden", "/bevestig", "Er is nu niets te bevestigen. We zijn bij stap 2"),
    ("kolommen", "/bevestig", "Er is nu niets te bevestigen. We zijn bij stap 4"),
    ("waarden", "/begin", "De workshop is al begonnen. We zijn nu bij stap 2"),
    ("plenair_model", "/begin", "De workshop is al begonnen. We zijn nu bij stap 5"),
    ("waarden", "/heropen 2", "Een kolom opnieuw openen kan in stap 4."),
    ("plenair_waarden", "/heropen 2", "Een kolom opnieuw openen kan in stap 4."),
    ("kolommen", "/heropen", "Zeg welke kolom."),
    ("kolommen", "/heropen 1", "Zeg welke kolom."),
    ("kolommen", "/heropen 9", "Zeg welke kolom."),
    ("kolommen", "/heropen koffie", "Zeg welke kolom."),
    ("waarden", "/verder", "Zeg welke subgroep."),
    ("waarden", "/verder abc", "Zeg welke subgroep."),
    ("waarden", "/verder 99", "Zeg welke subgroep."),
    ("waarden", "/verder -1", "Zeg welke subgroep."),
    ("waarden", "/verder 99999999999999999999999", "Zeg welke subgroep."),
    ("waarden", "/verder ²", "Zeg welke subgroep."),
    ("opening", "/verder 1", "Dat kan alleen als de subgroepen aan het werk zijn"),
    ("plenair_waarden", "/verder 1", "Dat kan alleen als de subgroepen aan het werk zijn"),
    ("waarden", "/typ 1 waarden\nEen antwoord", "Er is geen papieren tafel met nummer 1."),
    ("waarden", "/typ 7 waarden\nEen antwoord", "Er is geen papieren tafel met nummer 7."),
    ("waarden", "/typ", "Zo typ je antwoorden van een papieren tafel"),
    ("waarden", "/typ waarden 1\nEen antwoord", "Zo typ je antwoorden van een papieren tafel"),
    ("waarden", "/typ 1 koffie\nEen antwoord", "Zo typ je antwoorden van een papieren tafel"),
    ("waarden", "/typ ² waarden\nEen antwoord", "Zo typ je antwoorden van een papieren tafel"),
    ("waarden", "/typ 99999999999999999999 waarden\nx", "Zo typ je antwoorden van een papieren"),
    ("waarden", "/samen 1 2", "Er loopt nu geen plenaire ronde."),
    ("kolommen", "/ongedaan", "Er loopt nu geen plenaire ronde."),
    ("plenair_waarden", "/tekst 9 Nieuwe tekst", "Punt 9 bestaat niet. De lijst heeft 2 punten."),
    ("plenair_waarden", "/weg 0", "Punt 0 bestaat niet. De lijst heeft 2 punten."),
    ("plenair_waarden", "/zet 1 99", "Punt 99 bestaat niet. De lijst heeft 2 punten."),
    ("plenair_waarden", "/samen 1 3", "Punt 3 bestaat niet. De lijst heeft 2 punten."),
    ("plenair_waarden", "/weg 1 2 99", "Punt 99 bestaat niet. De lijst heeft 2 punten."),
    ("plenair_waarden", "/tekst 1", "Zo gebruik je /tekst"),
    ("plenair_waarden", "/ongedaan", "Er is niets om ongedaan te maken."),
]


@module_loop
@pytest.mark.parametrize(("phase", "command", "expected"), WRONG_PHASE)
async def test_a_facilitator_command_that_does_not_fit_gets_a_clear_reply(
    stages: Stages, phase: str, command: str, expected: str
):
    stage = stages.at[phase]
    storage = stages.bot.storage
    before = await workshop_state(storage, stage.workshop_id)
    said = await says_quickly(stages.sandbox, stage.fac, command)
    assert said.startswith(expected), said
    assert "\n\n" not in said  # one short reply, not a list or a board
    assert await workshop_state(storage, stage.workshop_id) == before


@module_loop
@pytest.mark.parametrize("where", ["subgroup", "private"])
async def test_an_unknown_command_gets_help_and_another_bots_command_is_ignored(
    stages: Stages, where: str
):
    sandbox, stage = stages.sandbox, stages.at["waarden"]
    chat, user = (stage.group, stage.member) if where == "subgroup" else (stage.fac, stage.fac)
    chat = sandbox._chat(chat)
    before = await workshop_state(stages.bot.storage, stage.workshop_id)
    mine = await sandbox.send_message(chat, user, "/foo")
    theirs = await sandbox.send_message(chat, user, "/export@otherbot")
    await sandbox.wait_idle(QUIET)
    assert replies_to(sandbox, chat, mine) == [
        "Dat commando ken ik niet. Typ /help voor wat ik kan."
    ]
    assert replies_to(sandbox, chat, theirs) == []
    assert sandbox.documents(chat) == []
    assert await workshop_state(stages.bot.storage, stage.workshop_id) == before


@module_loop
@pytest.mark.parametrize("how", ["/klaar", "/idee Nog een idee", "reply", "/terug"])
async def test_subgroup_input_during_a_plenary_round_is_refused_kindly(stages: Stages, how: str):
    sandbox, stage = stages.sandbox, stages.at["plenair_waarden"]
    before = await workshop_state(stages.bot.storage, stage.workshop_id)
    if how == "reply":
        sent = await reply_to_question(sandbox, stage.group, stage.member, "Nog een idee")
    else:
        sent = await sandbox.send_message(stage.group, stage.member, how)
    await sandbox.wait_idle(QUIET)
    [said] = replies_to(sandbox, stage.group, sent)
    assert said.startswith("Nu is de plenaire ronde."), said
    assert await workshop_state(stages.bot.storage, stage.workshop_id) == before


@module_loop
async def test_a_subgroup_button_from_before_the_plenary_is_stale(stages: Stages):
    sandbox, stage = stages.sandbox, stages.at["plenair_waarden"]
    before = await workshop_state(stages.bot.storage, stage.workshop_id)
    old_board = board(sandbox, stage.group)
    data = old_board.button_data("Klaar")
    await sandbox.press_button(stage.group, stage.member, old_board.message_id, data, check=False)
    await sandbox.wait_idle(QUIET)
    assert sandbox.callback_answers[-1].text == (
        "Deze knop hoort bij een eerdere stap. Kijk naar de laatste vraag."
    )
    assert await workshop_state(stages.bot.storage, stage.workshop_id) == before


def _plenary_board(sandbox: Sandbox, fac) -> object:
    boards = [m for m in sandbox.bot_messages(fac) if any("🗑" in b for b, _ in m.buttons)]
    assert boards, "no plenary board"
    return boards[-1]


FORGED = [
    ("pd:9:9:w99", "Deze knop hoort bij een eerdere stap. Kijk naar de laatste vraag."),
    ("pd:1:{v}:w99", "Punt 99 bestaat niet. De lijst heeft 2 punten."),
    ("pd:1:{v}:w0", "Punt 0 bestaat niet. De lijst heeft 2 punten."),
    ("pd:1:1:zz", "Deze knop ken ik niet."),
    ("pd:1:1:w", "Deze knop ken ik niet."),
    ("pd:1:1:ok:extra", "Deze knop ken ik niet."),
    ("pd:99999999999:1:ok", "Deze knop ken ik niet."),
    ("pd:²:1:ok", "Deze knop ken ik niet."),
    ("pd:1:1:w²", "Deze knop ken ik niet."),
    ("klaar:²:1", "Deze knop ken ik niet."),
    ("pd:" + "9" * 67, "Deze knop ken ik niet."),
    ("\u202e" * 35, "Deze knop ken ik niet."),
]


@module_loop
@pytest.mark.parametrize(("data", "toast"), FORGED)
async def test_a_forged_plenary_button_is_refused_and_changes_nothing(
    stages: Stages, data: str, toast: str
):
    sandbox, stage = stages.sandbox, stages.at["plenair_waarden"]
    before = await workshop_state(stages.bot.storage, stage.workshop_id)
    [draft] = (d for d in await stages.bot.storage.list_drafts(stage.workshop_id))
    data = data.replace("{v}", str(draft.version))
    assert len(data.encode()) <= 64 or data.startswith(("pd:999", "\u202e"))
    said_before = len(sandbox.bot_messages(stage.fac))
    await sandbox.press_button(
        stage.fac, stage.fac, _plenary_board(sandbox, stage.fac).message_id, data, check=False
    )
    await sandbox.wait_idle(QUIET)
    assert sandbox.callback_answers[-1].text == toast
    assert len(sandbox.bot_messages(stage.fac)) == said_before
    assert await workshop_state(stages.bot.storage, stage.workshop_id) == before


# ---------------------------------------------------------------- tests that change state


@pytest.fixture
async def plenary(sandbox: Sandbox, bot):
    """A workshop in its values plenary: two items on the list, shown to the facilitator."""
    fac, cofac, anna = (
        sandbox.add_user("Fatima"),
        sandbox.add_user("Cees"),
        sandbox.add_user("Anna"),
    )
    group = sandbox.add_group("Tafel 1")
    await workshop_with_groups(sandbox, fac, "de wijk", (group, anna))
    await sandbox.send_message(group, anna, "/idee Iedereen doet mee")
    await sandbox.send_message(group, anna, "/idee Een groene wijk")
    await sandbox.wait_idle(QUIET)
    await says_quickly(sandbox, fac, "/plenair")
    subgroup = await bot.storage.find_subgroup_by_chat(group.id, None)
    return fac, cofac, anna, group, subgroup.workshop_id


async def _add_cofacilitator(sandbox: Sandbox, fac, helper) -> None:
    said = await says_quickly(sandbox, fac, "/cofac")
    code = said.split("start=cofac-", 1)[1].split()[0]
    assert "Je helpt nu mee" in await says_quickly(sandbox, helper, f"/start cofac-{code}")


async def _draft(bot, workshop_id: int, kolom: Kolom):
    return await bot.storage.get_draft(workshop_id, kolom)


async def test_a_trash_button_pressed_after_the_list_changed_is_stale(sandbox, bot, plenary):
    fac, _, _, _, workshop_id = plenary
    old = _plenary_board(sandbox, fac)
    trash_1 = old.button_data("🗑 1")
    await says_quickly(sandbox, fac, "/zet 2 1")  # the list changed: item 1 is another one
    draft = await _draft(bot, workshop_id, Kolom.WAARDEN)
    await sandbox.press_button(fac, fac, old.message_id, trash_1, check=False)
    await sandbox.wait_idle(QUIET)
    assert sandbox.callback_answers[-1].text.startswith("Deze knop hoort bij een eerdere stap")
    assert await _draft(bot, workshop_id, Kolom.WAARDEN) == draft
    assert len(draft.items) == 2


async def test_an_undo_button_on_an_older_list_does_not_undo_a_newer_edit(sandbox, bot, plenary):
    fac, _, _, _, workshop_id = plenary
    await says_quickly(sandbox, fac, "/tekst 1 Iedereen hoort erbij")
    old = _plenary_board(sandbox, fac)  # a copy of the list with one edit to undo
    undo = old.button_data("↩️ Ongedaan maken")
    await says_quickly(sandbox, fac, "/erbij Vertrouwen")  # a newer edit (another facilitator)
    draft = await _draft(bot, workshop_id, Kolom.WAARDEN)
    await sandbox.press_button(fac, fac, old.message_id, undo, check=False)
    await sandbox.wait_idle(QUIET)
    assert sandbox.callback_answers[-1].text.startswith("Deze knop hoort bij een eerdere stap")
    assert await _draft(bot, workshop_id, Kolom.WAARDEN) == draft  # "Vertrouwen" stays
    # The undo button of the current list takes back the newest edit.
    current = _plenary_board(sandbox, fac)
    await sandbox.press_button(fac, fac, current.message_id, current.button_data(
        "↩️ Ongedaan maken"))  # fmt: skip
    await sandbox.wait_idle(QUIET)
    texts = [i.text for i in (await _draft(bot, workshop_id, Kolom.WAARDEN)).items]
    assert "Vertrouwen" not in texts
    assert "Iedereen hoort erbij" in texts


async def test_a_confirm_button_pressed_after_the_list_changed_is_stale(sandbox, bot, plenary):
    fac, _, _, _, workshop_id = plenary
    old = _plenary_board(sandbox, fac)
    confirm = old.button_data("Bevestigen")
    await says_quickly(sandbox, fac, "/tekst 1 Iedereen hoort erbij")
    await sandbox.press_button(fac, fac, old.message_id, confirm, check=False)
    await sandbox.wait_idle(QUIET)
    assert sandbox.last_bot_message(fac).text == (
        "De lijst is net veranderd. Kijk naar de nieuwe lijst en bevestig dan opnieuw."
    )
    draft = await _draft(bot, workshop_id, Kolom.WAARDEN)
    assert not draft.confirmed
    assert (await bot.storage.get_workshop(workshop_id)).fase is Fase.PLENAIR_WAARDEN
    # The current button still works.
    await sandbox.press_button(fac, fac, _plenary_board(sandbox, fac).message_id, text="Bevestigen")
    await sandbox.wait_idle(QUIET)
    assert (await bot.storage.get_workshop(workshop_id)).fase is Fase.KOLOMMEN


@pytest.fixture
async def model_plenary(sandbox: Sandbox, bot):
    """A workshop in the plenary on the whole model, at column 2 (Relaties)."""
    fac, cofac, anna = (
        sandbox.add_user("Fatima"),
        sandbox.add_user("Cees"),
        sandbox.add_user("Anna"),
    )
    group = sandbox.add_group("Tafel 1")
    await workshop_with_groups(sandbox, fac, "de wijk", (group, anna))
    await sandbox.send_message(group, anna, "/idee Iedereen doet mee")
    await sandbox.wait_idle(QUIET)
    await values_plenary(sandbox, fac)
    await sandbox.send_message(group, anna, "/idee We geven en nemen")
    await sandbox.send_message(group, anna, "/klaar")
    await sandbox.send_message(group, anna, "/idee Goed luisteren")
    await sandbox.wait_idle(QUIET)
    assert "Plenair: 2 Relaties" in await says_quickly(sandbox, fac, "/plenair")
    subgroup = await bot.storage.find_subgroup_by_chat(group.id, None)
    return fac, cofac, anna, group, subgroup.workshop_id


@pytest.mark.parametrize("pressed", ["the same ✅ twice", "the model's ✅ during a column"])
async def test_a_confirm_button_for_another_list_does_not_confirm_this_one(
    sandbox, bot, model_plenary, pressed: str
):
    fac, _, _, _, workshop_id = model_plenary
    relaties = _plenary_board(sandbox, fac)
    if pressed == "the same ✅ twice":
        data = relaties.button_data("Bevestigen")
        await sandbox.press_button(fac, fac, relaties.message_id, data)
        await sandbox.wait_idle(QUIET)
        assert (await _draft(bot, workshop_id, Kolom.RELATIES)).confirmed
        assert (await bot.storage.get_workshop(workshop_id)).plenary_column is Kolom.HANDELEN
        # A double tap: the second press arrives before the keyboard was taken away.
        await sandbox.press_button(fac, fac, relaties.message_id, data, check=False)
        current = Kolom.HANDELEN
    else:
        await sandbox.press_button(fac, fac, relaties.message_id, "pd:0:0:ok", check=False)
        current = Kolom.RELATIES
    await sandbox.wait_idle(QUIET)
    assert not (await _draft(bot, workshop_id, current)).confirmed
    workshop = await bot.storage.get_workshop(workshop_id)
    assert (workshop.fase, workshop.plenary_column) == (Fase.PLENAIR_MODEL, current)
    assert "De lijst is net veranderd" in sandbox.last_bot_message(fac).text


async def _confirm_at_once(sandbox: Sandbox, fac, cofac) -> tuple[dict, dict]:
    """Both type /bevestig before the bot handled either."""
    first = await sandbox.send_message(fac, fac, "/bevestig")
    second = await sandbox.send_message(cofac, cofac, "/bevestig")
    await sandbox.wait_idle(QUIET)
    return first, second


def _confirmations(state: dict) -> list:
    return [e for e in state["events"] if e[0] in ("column_confirmed", "phase")]


async def test_two_facilitators_confirming_the_values_at_once_move_one_phase(sandbox, bot, plenary):
    fac, cofac, _, _, workshop_id = plenary
    await _add_cofacilitator(sandbox, fac, cofac)
    before = _confirmations(await workshop_state(bot.storage, workshop_id))
    await _confirm_at_once(sandbox, fac, cofac)
    after = await workshop_state(bot.storage, workshop_id)
    assert after["fase"] is Fase.KOLOMMEN
    assert _confirmations(after)[len(before) :] == [
        ("column_confirmed", "1"),
        ("phase", "kolommen"),
    ]


async def test_the_second_of_two_values_confirmations_hears_it_is_already_confirmed(
    sandbox, bot, plenary
):
    fac, cofac, _, _, _ = plenary
    await _add_cofacilitator(sandbox, fac, cofac)
    first, second = await _confirm_at_once(sandbox, fac, cofac)
    [said] = replies_to(sandbox, sandbox.private_chat(cofac), second)
    assert "al bevestigd" in said or "veranderd" in said or "net" in said, said


async def test_two_facilitators_confirming_a_model_column_at_once_confirm_it_once(
    sandbox, bot, model_plenary
):
    fac, cofac, _, _, workshop_id = model_plenary
    await _add_cofacilitator(sandbox, fac, cofac)
    first, second = await _confirm_at_once(sandbox, fac, cofac)
    workshop = await bot.storage.get_workshop(workshop_id)
    assert (workshop.fase, workshop.plenary_column) == (Fase.PLENAIR_MODEL, Kolom.HANDELEN)
    assert not (await _draft(bot, workshop_id, Kolom.HANDELEN)).confirmed
    [said] = replies_to(sandbox, sandbox.private_chat(cofac), second)
    assert "al bevestigd" in said or "veranderd" in said or "net bevestigd" in said, said


async def test_a_garbage_number_of_topics_gets_the_usage(sandbox: Sandbox, bot):
    fac = sandbox.add_user("Fatima")
    forum = sandbox.add_group("Workshop", forum=True, bot_is_admin=True)
    await sandbox.send_message(forum, fac, "/nieuw de wijk")
    await sandbox.wait_idle(QUIET)
    for typed in ("²", "0", "99", "drie", "99999999999999999999999"):
        sent = await sandbox.send_message(forum, fac, f"/onderwerpen {typed}")
        await sandbox.wait_idle(QUIET)
        [said] = replies_to(sandbox, forum, sent)
        assert said.startswith("Zeg hoeveel subgroepen."), (typed, said)
    assert forum.topics == {}
