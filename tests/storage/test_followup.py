"""The second meeting's copy of the people, and the closing round's answers, on SQLite."""

from __future__ import annotations

from flows.fase import start_stand

NOW = "2026-11-29T12:00:00.000+00:00"


async def _workshop(storage, code="a1"):
    return await storage.create_workshop(
        code=code, cofac_code=f"c{code}", goal="de wijk", facilitator_id=1, plenary_chat_id=1,
        lang="nl", now=NOW,
    )  # fmt: skip


async def test_a_follow_up_copies_the_people_who_stayed_with_role_and_network(storage):
    first = await _workshop(storage)
    group = await storage.add_subgroup(
        workshop_id=first.id, name="Burgers", chat_id=-10, thread_id=None,
        stand=start_stand(first.fase), actor_id=1, now=NOW,
    )  # fmt: skip
    for user, name in ((1, "Fatima"), (2, "Anna"), (3, "Bram"), (4, "Chris")):
        p = await storage.upsert_participant(
            workshop_id=first.id, user_id=user, first_name=name, username=None,
            subgroup_id=group.id, now=NOW,
        )  # fmt: skip
        await storage.set_participant_profile(p.id, role="burger", network=f"net {user}")
    await storage.add_cofacilitator(first.id, 4, NOW)
    await storage.note_member_left(-10, 3, NOW)

    followup, people = await storage.create_followup(
        first, code="b2", cofac_code="cb2", facilitator_id=1, plenary_chat_id=1, now=NOW
    )
    assert followup.previous_id == first.id
    assert followup.goal == first.goal
    assert not followup.homogeneous
    # Not the facilitator, not a co-facilitator, not who left; in no subgroup yet.
    assert [(p.first_name, p.role, p.network, p.subgroup_id) for p in people] == [
        ("Anna", "burger", "net 2", None)
    ]
    assert await storage.is_facilitator(followup, 4)
    assert (await storage.find_followup(first.id)).id == followup.id
    assert await storage.find_followup(followup.id) is None
    # Deleting the first meeting leaves the follow-up, without its link.
    await storage.delete_workshop(first.id)
    assert (await storage.get_workshop(followup.id)).previous_id is None


async def test_closing_answers_are_kept_once_and_forgotten_with_their_author(storage):
    workshop = await _workshop(storage)
    anna = await storage.upsert_participant(workshop_id=workshop.id, user_id=2,
                                            first_name="Anna", username=None, subgroup_id=None,
                                            now=NOW)  # fmt: skip
    bram = await storage.upsert_participant(workshop_id=workshop.id, user_id=3,
                                            first_name="Bram", username=None, subgroup_id=None,
                                            now=NOW)  # fmt: skip
    assert await storage.start_closing(workshop.id, NOW)
    assert not await storage.start_closing(workshop.id, NOW)
    assert (await storage.get_workshop(workshop.id)).closing_at == NOW
    for who, question, text, source in (
        (anna, "geleerd", "Luisteren werkt", "msg:2:7"),
        (anna, "geleerd", "Luisteren werkt", "msg:2:7"),  # delivered twice
        (bram, "meenemen", "Samen koffie", "msg:-10:8"),
        (anna, "meenemen", "Meer vragen", "msg:-10:9"),
    ):
        await storage.add_closing_answer(workshop_id=workshop.id, participant_id=who.id,
                                         question=question, text=text, source=source,
                                         now=NOW)  # fmt: skip
    listed = await storage.list_closing_answers(workshop.id)
    assert [(c.question, c.text, c.author) for c in listed] == [
        ("geleerd", "Luisteren werkt", "Anna"),
        ("meenemen", "Samen koffie", "Bram"),
        ("meenemen", "Meer vragen", "Anna"),
    ]
    await storage.forget_participant(workshop.id, 2, keep_answers=True, now=NOW)
    listed = await storage.list_closing_answers(workshop.id)
    assert [(c.text, c.author) for c in listed] == [
        ("Luisteren werkt", None), ("Samen koffie", "Bram"), ("Meer vragen", None)
    ]
    rows = await storage.db.fetch_all("SELECT source FROM closing_answers ORDER BY id")
    assert not any(r["source"].startswith("msg:2:") for r in rows)
    await storage.forget_participant(workshop.id, 3, keep_answers=False, now=NOW)
    assert [c.text for c in await storage.list_closing_answers(workshop.id)] == [
        "Luisteren werkt", "Meer vragen"
    ]
