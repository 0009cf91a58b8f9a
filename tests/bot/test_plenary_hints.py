"""The "looks like" hints on the plenary list, end to end: answers the merge left apart because
they share too little are named under each other ("≈ Lijkt op punt 2."), and the
facilitator merges them (🤝) or says they differ (≠) in one tap; a hint said to differ
never comes back, and forged or old hint buttons change nothing."""

from __future__ import annotations

from bot.sandbox import Sandbox
from flows.kaart import Kolom
from tests.bot.story import facilitator_says, workshop_with_groups
from tests.bot.test_plenary_suggestions import STALE, the_list

NOORD = ["Meer groen in de wijk", "mantelzorgers worden gezien"]
ZUID = ["meer bomen en groen", "Aandacht voor mantelzorgers", "schone straten"]


async def _plenary(sandbox: Sandbox):
    fac = sandbox.add_user("Fatima")
    anna, bram = sandbox.add_user("Anna"), sandbox.add_user("Bram")
    noord, zuid = sandbox.add_group("Noord"), sandbox.add_group("Zuid")
    await workshop_with_groups(sandbox, fac, "de wijk", (noord, anna), (zuid, bram))
    for chat, member, values in ((noord, anna, NOORD), (zuid, bram, ZUID)):
        for value in values:
            await sandbox.send_message(chat, member, f"/idee {value}")
        await sandbox.send_message(chat, member, "/klaar")
    await sandbox.wait_idle()
    await facilitator_says(sandbox, fac, "/plenair")
    return fac, the_list(sandbox, fac)


def number_of(text: str, item: str) -> int:
    line = next(line for line in text.split("\n") if f". {item} (" in line)
    return int(line.split(".", 1)[0])


def hint_under(text: str, number: int) -> str | None:
    lines = text.split("\n")
    at = next(k for k, line in enumerate(lines) if line.startswith(f"{number}. "))
    after = lines[at + 1] if at + 1 < len(lines) else ""
    return after.strip() if after.strip().startswith("≈") else None


async def _items(bot, fac) -> list:
    workshop = await bot.storage.latest_workshop_of_facilitator(fac.id)
    return list((await bot.storage.get_draft(workshop.id, Kolom.WAARDEN)).items)


async def test_alike_items_are_hinted_and_merged_in_one_tap(sandbox, bot):
    fac, shown = await _plenary(sandbox)
    text = shown.text
    groen, bomen = number_of(text, NOORD[0]), number_of(text, ZUID[0])
    zorg, aandacht = number_of(text, NOORD[1]), number_of(text, ZUID[1])
    first, second = sorted((groen, bomen))
    assert hint_under(text, first) == f"≈ Lijkt op punt {second}.", text
    assert hint_under(text, min(zorg, aandacht)) == f"≈ Lijkt op punt {max(zorg, aandacht)}."
    assert hint_under(text, number_of(text, ZUID[2])) is None  # "schone straten": alone
    assert "Die punten lijken op elkaar." in text
    labels = [label for label, _ in shown.buttons]
    assert f"🤝 {first}+{second}" in labels, labels
    assert f"≠ {first}/{second}" in labels, labels

    join = shown.button_data(f"🤝 {first}+{second}")
    await sandbox.press_button(fac, fac, shown.message_id, join)
    await sandbox.wait_idle()
    assert sandbox.callback_answers[-1].text == f"Punt {first} en {second} staan nu samen."
    items = await _items(bot, fac)
    merged = next(i for i in items if len(i.answer_ids) == 2)
    assert merged.subgroups == ("Noord", "Zuid") or merged.subgroups == ("Zuid", "Noord")
    after = the_list(sandbox, fac).text
    assert "↳ (1)" in after  # both wordings stay with the merged item
    assert after.count("≈ Lijkt op punt") == 1  # the mantelzorg hint is still there


async def test_saying_they_differ_ends_the_hint_for_good(sandbox, bot):
    fac, shown = await _plenary(sandbox)
    text = shown.text
    first, second = sorted((number_of(text, NOORD[1]), number_of(text, ZUID[1])))
    before = await _items(bot, fac)

    await sandbox.press_button(fac, fac, shown.message_id, shown.button_data(f"≠ {first}/{second}"))
    await sandbox.wait_idle()
    assert sandbox.callback_answers[-1].text == (
        f"Punt {first} en {second} blijven los. De bot vraagt het niet meer."
    )
    after = await _items(bot, fac)
    assert [i.text for i in after] == [i.text for i in before]  # nothing else changed
    shown = the_list(sandbox, fac)
    assert hint_under(shown.text, first) is None, shown.text
    assert shown.text.count("≈ Lijkt op punt") == 1  # only the groen hint is left

    # Another edit later (an added item) does not bring the hint back.
    await facilitator_says(sandbox, fac, "/erbij Mantelzorg telt mee")
    shown = the_list(sandbox, fac)
    assert hint_under(shown.text, first) is None, shown.text

    # Typed, the same: /apart on the groen pair.
    text = shown.text
    a, b = sorted((number_of(text, NOORD[0]), number_of(text, ZUID[0])))
    await facilitator_says(sandbox, fac, f"/apart {a} {b}")
    assert "≈ Lijkt op punt" not in the_list(sandbox, fac).text
    assert len(await _items(bot, fac)) == len(after) + 1  # nothing merged, nothing lost


async def test_forged_and_old_hint_buttons_change_nothing(sandbox, bot):
    fac, shown = await _plenary(sandbox)
    text = shown.text
    first, second = sorted((number_of(text, NOORD[0]), number_of(text, ZUID[0])))
    schoon = number_of(text, ZUID[2])
    workshop = await bot.storage.latest_workshop_of_facilitator(fac.id)
    version = (await bot.storage.get_draft(workshop.id, Kolom.WAARDEN)).version
    items = await _items(bot, fac)
    forged = {
        # A pair the list does not hint: typed by hand, it would merge two other items.
        f"pd:1:{version}:h{first}-{schoon}": "Die tip staat niet meer op de lijst.",
        f"pd:1:{version}:d{first}-99": "Die tip staat niet meer op de lijst.",
        f"pd:1:{version}:h{second}-{first}": "Die tip staat niet meer op de lijst.",
        f"pd:1:{version + 3}:h{first}-{second}": STALE,
        f"pd:2:{version}:h{first}-{second}": STALE,
    }
    for data, toast in forged.items():
        await sandbox.press_button(fac, fac, shown.message_id, data, check=False)
        await sandbox.wait_idle()
        assert toast in (sandbox.callback_answers[-1].text or ""), data
        assert await _items(bot, fac) == items, data

    # Once the list changed, the old hint button is old.
    data = shown.button_data(f"🤝 {first}+{second}")
    await facilitator_says(sandbox, fac, "/erbij Groen en schoon")
    await sandbox.press_button(fac, fac, shown.message_id, data, check=False)
    await sandbox.wait_idle()
    assert STALE in (sandbox.callback_answers[-1].text or "")
    assert len(await _items(bot, fac)) == len(items) + 1
