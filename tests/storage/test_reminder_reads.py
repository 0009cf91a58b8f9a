"""The reads the reminder policy makes after every answer: counted only as far as asked,
and fine for a subgroup of any size."""

from __future__ import annotations

from flows.kaart import Kolom
from flows.subgroep import SubgroepStand

NOW = "2026-11-29T10:00:00.000+00:00"


async def test_answers_are_counted_per_person_up_to_the_limit_in_a_very_large_group(storage):
    workshop = await storage.create_workshop(
        code="abcde-fghjk-mnpqr", goal="de wijk", facilitator_id=1, plenary_chat_id=1,
        lang="nl", now=NOW,
    )  # fmt: skip
    subgroup = await storage.add_subgroup(
        workshop_id=workshop.id, name="Iedereen", chat_id=-100, thread_id=None,
        stand=SubgroepStand.start(), actor_id=1, now=NOW,
    )  # fmt: skip
    people = [
        await storage.upsert_participant(
            workshop_id=workshop.id, user_id=1000 + n, first_name=f"Lid {n}", username=None,
            subgroup_id=subgroup.id, now=NOW,
        )
        for n in range(700)
    ]  # fmt: skip
    for n in range(5):
        await storage.add_answer(
            workshop_id=workshop.id, subgroup_id=subgroup.id, kolom=Kolom.WAARDEN,
            text=f"Antwoord {n}", participant_id=people[0].id, source_chat_id=-100,
            source_message_id=n + 1, now=NOW,
        )  # fmt: skip
    await storage.add_activity(
        workshop_id=workshop.id, subgroup_id=subgroup.id, kind="reply_to_other",
        participant_id=people[-1].id, kolom=Kolom.WAARDEN, detail=None, now=NOW,
    )  # fmt: skip
    ids = [p.id for p in people]
    counts = await storage.count_answers_per_person(subgroup.id, Kolom.WAARDEN, ids, NOW, 2)
    assert len(counts) == 700
    assert counts[people[0].id] == 2  # five answers, counted as far as asked
    assert sum(counts.values()) == 2
    active = await storage.people_active_since(
        subgroup.id, ids, ("reply_to_other",), NOW, NOW
    )
    assert active == {people[-1].id}
