"""Names and titles are stored cleaned like answers, whoever hands them to storage: a lone
surrogate (broken UTF-16 that Telegram passes on) cannot be stored as UTF-8 otherwise."""

from __future__ import annotations

from flows.subgroep import SubgroepStand

NOW = "2026-11-29T10:00:00.000+00:00"


async def test_a_title_and_a_name_with_broken_characters_are_stored_cleaned(storage):
    workshop = await storage.create_workshop(
        code="abcde-fghjk-mnpqr", goal="de wijk", facilitator_id=1, plenary_chat_id=1,
        lang="nl", now=NOW,
    )  # fmt: skip
    subgroup = await storage.add_subgroup(
        workshop_id=workshop.id, name="Tafel\ud800 \u202e1\n", chat_id=-100, thread_id=None,
        stand=SubgroepStand.start(), actor_id=1, now=NOW,
    )  # fmt: skip
    assert subgroup.name == "Tafel 1"
    person = await storage.upsert_participant(
        workshop_id=workshop.id, user_id=7, first_name="\udc00An\ufffena", username="an\ud83d",
        subgroup_id=subgroup.id, now=NOW,
    )  # fmt: skip
    assert (person.first_name, person.username) == ("Anna", "an")
    [again] = await storage.list_participants(workshop.id)
    assert again == person
