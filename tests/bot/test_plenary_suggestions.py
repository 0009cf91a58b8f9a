"""The plenary list end to end: the bot's groups are suggestions the facilitator keeps or
undoes one by one, every merged item keeps the wordings it came from (one can be picked
as the text), items that sound like one network are marked, and answers that come in late
never overwrite what the facilitator did."""

from __future__ import annotations

from dataclasses import replace

from bot.sandbox import Sandbox, SentMessage
from flows.kaart import Kolom
from tests.bot.story import facilitator_says, workshop_with_groups

NOORD = ["Bewoners voelen zich thuis en veilig in hun buurt", "Korte lijnen", "Samen beslissen"]
ZUID = [
    "Een veilige buurt voor iedereen",
    "korte lijnen tussen partners",
    "Bij ons in de wijk doet De Sleutel veel",
]
VARIANTS = (
    "↳ (1) Noord: Bewoners voelen zich thuis en veilig in hun buurt"
    " · (2) Zuid: Een veilige buurt voor iedereen"
)
STALE = "Deze knop hoort bij een eerdere stap."


async def _values_plenary(sandbox: Sandbox, *, table: bool = False):
    """Noord and Zuid named their values (and a paper table 3 was made); the facilitator
    starts the plenary. Returns (facilitator, the list message)."""
    fac = sandbox.add_user("Fatima")
    anna, bram = sandbox.add_user("Anna"), sandbox.add_user("Bram")
    noord, zuid = sandbox.add_group("Noord"), sandbox.add_group("Zuid")
    await workshop_with_groups(sandbox, fac, "de wijk", (noord, anna), (zuid, bram))
    if table:
        assert "subgroep 3" in await facilitator_says(sandbox, fac, "/tafel Tafel 3")
    for chat, member, values in ((noord, anna, NOORD), (zuid, bram, ZUID)):
        for value in values:
            await sandbox.send_message(chat, member, f"/idee {value}")
        await sandbox.send_message(chat, member, "/klaar")
    await sandbox.wait_idle()
    await facilitator_says(sandbox, fac, "/plenair")
    return fac, the_list(sandbox, fac)


def the_list(sandbox: Sandbox, fac) -> SentMessage:
    lists = [m for m in sandbox.bot_messages(fac) if "Plenair: 1 Waarden" in m.text]
    assert lists, "no plenary list"
    return lists[-1]


def line_of(message: SentMessage, number: int) -> str:
    return next(line for line in message.text.split("\n") if line.startswith(f"{number}. "))


async def _items(bot, fac) -> list:
    workshop = await bot.storage.latest_workshop_of_facilitator(fac.id)
    draft = await bot.storage.get_draft(workshop.id, Kolom.WAARDEN)
    return list(draft.items)


async def test_the_list_shows_each_suggested_group_with_its_wordings_and_the_one_network_item(
    sandbox, bot
):
    fac, shown = await _values_plenary(sandbox)
    text = shown.text
    # The bot's groups are marked as suggestions, each with the wordings it was made from.
    assert line_of(shown, 1).endswith("🔗"), text
    assert line_of(shown, 2).endswith("🔗"), text
    assert VARIANTS in text, text
    assert "(1) Noord: Korte lijnen · (2) Zuid: korte lijnen tussen partners" in text, text
    assert "Die antwoorden zette de bot bij elkaar" in text
    # The answer about one network is marked, with the question to generalise it.
    sleutel = next(line for line in text.split("\n") if "De Sleutel" in line)
    assert sleutel.endswith("📍"), sleutel
    assert "Hoe zeg je het zo dat het ook elders werkt?" in text
    # A keep and an undo button under each suggested group, none under the single answers.
    labels = [label for label, _ in shown.buttons]
    assert {"✔ 1 samen", "✖ 1 los", "✔ 2 samen", "✖ 2 los"} <= set(labels), labels
    assert not any(label.startswith(("✔ 3", "✔ 4")) for label in labels), labels


async def test_picking_a_variant_makes_it_the_wording_and_keeps_the_others(sandbox, bot):
    fac, shown = await _values_plenary(sandbox)
    assert line_of(shown, 1).endswith("🔗")

    await facilitator_says(sandbox, fac, "/kies 1 1")
    shown = the_list(sandbox, fac)
    assert line_of(shown, 1).startswith(
        "1. Bewoners voelen zich thuis en veilig in hun buurt (Noord, Zuid)"
    ), shown.text
    assert not line_of(shown, 1).endswith("🔗")  # the facilitator's now
    assert VARIANTS in shown.text  # every wording stays with the item
    item = (await _items(bot, fac))[0]
    assert len(item.answer_ids) == 2
    assert not item.auto

    # A variant that is not there gets a kind reply and changes nothing.
    said = await facilitator_says(sandbox, fac, "/kies 1 5")
    assert "Punt 1 heeft 2 zinnen om uit te kiezen. Zin 5 is er niet." in said
    assert (await _items(bot, fac))[0] == item


async def test_each_suggested_group_is_kept_or_undone_in_one_tap(sandbox, bot):
    fac, shown = await _values_plenary(sandbox)
    old_keep = shown.button_data("✔ 1 samen")
    items = await _items(bot, fac)
    assert [len(i.answer_ids) for i in items[:2]] == [2, 2]

    await sandbox.press_button(fac, fac, shown.message_id, shown.button_data("✔ 2 samen"))
    await sandbox.wait_idle()
    assert sandbox.callback_answers[-1].text == "Punt 2 blijft samen."
    shown = the_list(sandbox, fac)
    assert not line_of(shown, 2).endswith("🔗")
    assert "✔ 2 samen" not in [label for label, _ in shown.buttons]

    await sandbox.press_button(fac, fac, shown.message_id, shown.button_data("✖ 1 los"))
    await sandbox.wait_idle()
    assert sandbox.callback_answers[-1].text == "Punt 1 staat weer los."
    after = await _items(bot, fac)
    assert [i.text for i in after[:2]] == [NOORD[0], ZUID[0]]  # apart again, as answered
    assert not any(i.suggested for i in after)
    assert after[2] == replace(items[1], auto=False)  # kept together, as accepted

    # A button from the list as it was before: a kind word, and nothing changes.
    await sandbox.press_button(fac, fac, shown.message_id, old_keep, check=False)
    await sandbox.wait_idle()
    assert STALE in (sandbox.callback_answers[-1].text or "")
    assert await _items(bot, fac) == after


async def test_forged_suggestion_buttons_change_nothing(sandbox, bot):
    fac, shown = await _values_plenary(sandbox)
    workshop = await bot.storage.latest_workshop_of_facilitator(fac.id)
    draft = await bot.storage.get_draft(workshop.id, Kolom.WAARDEN)
    forged = {
        f"pd:1:{draft.version + 5}:j1": STALE,  # a version that never was
        f"pd:2:{draft.version}:j1": STALE,  # another column
        f"pd:1:{draft.version}:j3": "Punt 3 is geen voorstel van de bot",  # a single answer
        f"pd:1:{draft.version}:l99": "Punt 99 is geen voorstel van de bot",
        f"pd:1:{draft.version}:j": "Deze knop",  # malformed: not a button at all
        f"pd:1:{draft.version}:j01": "Deze knop",
    }
    for data, toast in forged.items():
        await sandbox.press_button(fac, fac, shown.message_id, data, check=False)
        await sandbox.wait_idle()
        assert toast in (sandbox.callback_answers[-1].text or ""), (data, toast)
    after = await bot.storage.get_draft(workshop.id, Kolom.WAARDEN)
    assert (after.items, after.version) == (draft.items, draft.version)

    # Someone else pressing a real button changes nothing either.
    anna = sandbox.add_user("Eve")
    await sandbox.press_button(fac, anna, shown.message_id, shown.button_data("✔ 1 samen"))
    await sandbox.wait_idle()
    after = await bot.storage.get_draft(workshop.id, Kolom.WAARDEN)
    assert (after.items, after.version) == (draft.items, draft.version)


async def test_a_late_answer_is_proposed_in_and_never_overwrites_a_manual_change(sandbox, bot):
    fac, shown = await _values_plenary(sandbox, table=True)
    items = await _items(bot, fac)
    samen = next(n for n, i in enumerate(items, 1) if i.text == "Samen beslissen")
    sleutel = next(n for n, i in enumerate(items, 1) if "Sleutel" in i.text)
    # The facilitator merges two items by hand and rewords the result.
    await facilitator_says(sandbox, fac, f"/samen {samen} {sleutel}")
    merged_at = min(samen, sleutel)
    await facilitator_says(sandbox, fac, f"/tekst {merged_at} Samen beslissen met De Sleutel")
    manual = (await _items(bot, fac))[merged_at - 1]

    # Paper table 3's values are typed in late, during the plenary.
    await facilitator_says(
        sandbox, fac, "/typ 3 waarden\nSamen beslissen\nVeilige buurt\nIets heel nieuws"
    )
    after = await _items(bot, fac)
    assert after[merged_at - 1] == manual  # the manual change stands exactly as it was
    assert sum(1 for i in after if "Samen beslissen" == i.text) == 1  # a new item, apart
    veilig = after[0]
    assert veilig.suggested
    assert len(veilig.answer_ids) == 3
    assert after[-1].text == "Iets heel nieuws"
    assert not after[-1].suggested
    shown = the_list(sandbox, fac)
    assert "(3) Tafel 3: Veilige buurt" in shown.text, shown.text

    # Undone by the facilitator: the late answers stay on the list.
    await facilitator_says(sandbox, fac, "/ongedaan")
    undone = await _items(bot, fac)
    assert undone[merged_at - 1].text == "Samen beslissen"  # the rewording is undone
    assert undone[merged_at - 1].answer_ids == manual.answer_ids  # the merge is not
    assert any(i.text == "Iets heel nieuws" for i in undone)
    assert len(undone[0].answer_ids) == 3

    # What the facilitator took off stays off when more answers come in.
    nieuw = next(n for n, i in enumerate(undone, 1) if i.text == "Iets heel nieuws")
    await facilitator_says(sandbox, fac, f"/weg {nieuw}")
    await facilitator_says(sandbox, fac, "/typ 3 waarden\nNog een waarde")
    final = [i.text for i in await _items(bot, fac)]
    assert "Iets heel nieuws" not in final
    assert "Nog een waarde" in final
