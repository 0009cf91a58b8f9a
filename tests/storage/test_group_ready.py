"""Storage of a /klaar put to the group: one open question a subgroup, settled once."""

from flows.kaart import Kolom
from flows.subgroep import SubgroepStand
from storage import Storage

NOW = "2026-11-29T10:00:00.000+00:00"
LATER = "2026-11-29T10:01:00.000+00:00"


async def _subgroup(storage: Storage):
    workshop = await storage.create_workshop(
        code="a", goal="doel", facilitator_id=1, plenary_chat_id=1, lang="nl", now=NOW
    )
    subgroup = await storage.add_subgroup(
        workshop_id=workshop.id, name="Tafel 1", chat_id=-5, thread_id=None,
        stand=SubgroepStand.start(), actor_id=1, now=NOW,
    )  # fmt: skip
    await storage.upsert_participant(
        workshop_id=workshop.id, user_id=7, first_name="Cees", username=None,
        subgroup_id=subgroup.id, now=NOW,
    )  # fmt: skip
    return workshop, subgroup


async def _ask(storage: Storage, workshop, subgroup):
    return await storage.ask_group_ready(
        workshop_id=workshop.id, subgroup_id=subgroup.id, kolom=Kolom.WAARDEN,
        state_changed_at=subgroup.state_changed_at, user_id=7, now=NOW, deadline=LATER,
    )  # fmt: skip


async def test_a_question_is_open_until_settled_once_and_its_id_is_never_reused(storage):
    workshop, subgroup = await _subgroup(storage)
    first = await _ask(storage, workshop, subgroup)
    assert await storage.open_group_ready(subgroup.id) == first
    assert [r.id for r in await storage.open_group_readies()] == [first.id]
    await storage.set_group_ready_message(first.id, 42)
    assert (await storage.get_group_ready(first.id)).message_id == 42

    assert await storage.settle_group_ready(first.id, "nee", LATER)
    assert not await storage.settle_group_ready(first.id, "ja", LATER)  # once
    assert await storage.open_group_ready(subgroup.id) is None
    assert (await storage.get_group_ready(first.id)).outcome == "nee"

    second = await _ask(storage, workshop, subgroup)
    assert second.id > first.id


async def test_forgetting_the_asker_leaves_the_question_without_who(storage):
    workshop, subgroup = await _subgroup(storage)
    asked = await _ask(storage, workshop, subgroup)
    await storage.forget_participant(workshop.id, 7, keep_answers=True, now=LATER)
    assert (await storage.get_group_ready(asked.id)).user_id is None
