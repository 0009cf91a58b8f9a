"""Storage for consent: who left a chat, offers to co-facilitate, the workshop chosen."""

from flows.subgroep import SubgroepStand
from storage import Storage

NOW = "2026-11-29T10:00:00.000+00:00"
FORUM = -1000000000001


async def _workshop(storage: Storage, code: str, facilitator: int = 1):
    return await storage.create_workshop(
        code=code, goal=f"doel {code}", facilitator_id=facilitator, plenary_chat_id=facilitator,
        lang="nl", now=NOW,
    )  # fmt: skip


async def _topic(storage: Storage, workshop_id: int, thread_id: int):
    return await storage.add_subgroup(
        workshop_id=workshop_id, name=f"Onderwerp {thread_id}", chat_id=FORUM,
        thread_id=thread_id, stand=SubgroepStand.start(), actor_id=1, now=NOW,
    )  # fmt: skip


async def _member(storage: Storage, workshop_id: int, subgroup_id: int | None, user_id: int = 7):
    return await storage.upsert_participant(
        workshop_id=workshop_id, user_id=user_id, first_name="Cees", username=None,
        subgroup_id=subgroup_id, now=NOW,
    )  # fmt: skip


async def test_who_leaves_a_forum_leaves_its_topics_in_every_workshop(storage: Storage):
    one, two = await _workshop(storage, "a"), await _workshop(storage, "b")
    topic_one, topic_two = await _topic(storage, one.id, 3), await _topic(storage, two.id, 5)
    await _member(storage, one.id, topic_one.id)
    await _member(storage, two.id, topic_two.id)
    await _member(storage, two.id, topic_two.id, user_id=8)  # someone else stays

    left = await storage.note_member_left(FORUM, 7, NOW)
    assert sorted(left) == sorted([topic_one.id, topic_two.id])
    assert await storage.note_member_left(FORUM, 7, NOW) == []  # said twice: nothing new
    people = [*await storage.list_participants(one.id), *await storage.list_participants(two.id)]
    assert {(p.user_id, p.present) for p in people} == {(7, False), (8, True)}

    assert sorted(await storage.note_member_back(FORUM, 7)) == sorted(left)
    assert all(p.present for p in await storage.list_participants(one.id))


async def test_only_being_seen_in_the_subgroup_brings_someone_back(storage: Storage):
    workshop = await _workshop(storage, "a")
    topic = await _topic(storage, workshop.id, 3)
    await _member(storage, workshop.id, topic.id)
    await storage.note_member_left(FORUM, 7, NOW)
    # A private chat (a role, the workshop's link) says nothing about the group.
    assert not (await _member(storage, workshop.id, None)).present
    assert (await _member(storage, workshop.id, topic.id)).present


async def test_an_offer_to_co_facilitate_is_answered_once(storage: Storage):
    workshop = await _workshop(storage, "a")
    offer = await storage.offer_cofacilitator(workshop.id, 7, NOW)
    assert await storage.offer_cofacilitator(workshop.id, 7, NOW) == offer  # asked again
    found = await storage.get_cofacilitator_offer(offer)
    assert (found.workshop_id, found.user_id) == (workshop.id, 7)
    assert await storage.close_cofacilitator_offer(offer)
    assert not await storage.close_cofacilitator_offer(offer)
    assert await storage.get_cofacilitator_offer(offer) is None


async def test_a_choice_counts_only_while_the_person_facilitates(storage: Storage):
    mine, theirs = await _workshop(storage, "a", facilitator=1), await _workshop(storage, "b", 2)
    await storage.choose_workshop(1, mine.id, NOW)
    assert (await storage.chosen_workshop(1)).id == mine.id
    await storage.choose_workshop(1, theirs.id, NOW)
    assert await storage.chosen_workshop(1) is None  # not hers to work on
    await storage.add_cofacilitator(theirs.id, 1, NOW)
    assert (await storage.chosen_workshop(1)).id == theirs.id
    assert [w.id for w in await storage.active_workshops_of_facilitator(1)] == [mine.id, theirs.id]
    await storage.delete_workshop(theirs.id)
    assert await storage.chosen_workshop(1) is None
