"""Storage on real SQLite files."""

import sqlite3

import pytest

from flows.kaart import Kolom
from flows.subgroep import Status, SubgroepStand
from storage import ChatAlreadyLinked, Storage
from storage.migrations import MIGRATIONS

NOW = "2026-11-29T10:00:00.000+00:00"


async def _workshop_with_subgroup(storage: Storage):
    workshop = await storage.create_workshop(
        code="abcde-fghjk-mnpqr",
        goal="de wijk",
        facilitator_id=1,
        plenary_chat_id=1,
        lang="nl",
        now=NOW,
    )
    subgroup = await storage.add_subgroup(
        workshop_id=workshop.id,
        name="Tafel 1",
        chat_id=-100,
        thread_id=None,
        stand=SubgroepStand.start(),
        actor_id=1,
        now=NOW,
    )
    return workshop, subgroup


async def test_a_fresh_file_ends_on_the_latest_schema_in_wal_mode(tmp_path):
    store = await Storage.open(tmp_path / "new.sqlite3")
    assert await store.db.schema_version() == MIGRATIONS[-1][0]
    row = await store.db.fetch_one("PRAGMA journal_mode")
    assert row[0] == "wal"
    row = await store.db.fetch_one("PRAGMA foreign_keys")
    assert row[0] == 1
    await store.close()


async def test_reopening_a_file_applies_nothing_twice(tmp_path):
    path = tmp_path / "again.sqlite3"
    store = await Storage.open(path)
    workshop, _ = await _workshop_with_subgroup(store)
    await store.close()
    store = await Storage.open(path)
    assert (await store.get_workshop(workshop.id)).goal == "de wijk"
    rows = await store.db.fetch_all("SELECT version FROM schema_migrations")
    assert [r[0] for r in rows] == [v for v, _, _ in MIGRATIONS]
    await store.close()


async def test_an_old_file_is_migrated_to_the_latest_schema(tmp_path, monkeypatch):
    import storage.db as db_module

    path = tmp_path / "old.sqlite3"
    monkeypatch.setattr(db_module, "MIGRATIONS", MIGRATIONS[:1])
    store = await Storage.open(path)
    await store.close()
    monkeypatch.setattr(
        db_module,
        "MIGRATIONS",
        (*MIGRATIONS, (99, "a later column", "ALTER TABLE answers ADD COLUMN later TEXT")),
    )
    store = await Storage.open(path)
    assert await store.db.schema_version() == 99
    await store.close()


async def test_a_failing_migration_changes_nothing(tmp_path, monkeypatch):
    import storage.db as db_module

    path = tmp_path / "fail.sqlite3"
    broken = (*MIGRATIONS, (99, "broken", "CREATE TABLE half (x INTEGER); SELECT * FROM nowhere"))
    monkeypatch.setattr(db_module, "MIGRATIONS", broken)
    with pytest.raises(sqlite3.OperationalError):
        await Storage.open(path)
    monkeypatch.setattr(db_module, "MIGRATIONS", MIGRATIONS)
    store = await Storage.open(path)
    assert await store.db.schema_version() == MIGRATIONS[-1][0]
    assert await store.db.fetch_one("SELECT name FROM sqlite_master WHERE name = 'half'") is None
    await store.close()


async def test_the_same_message_is_stored_once(storage):
    workshop, subgroup = await _workshop_with_subgroup(storage)
    args = dict(
        workshop_id=workshop.id,
        subgroup_id=subgroup.id,
        kolom=Kolom.WAARDEN,
        text="Iedereen doet mee",
        participant_id=None,
        source_chat_id=-100,
        source_message_id=7,
        now=NOW,
    )
    first, created = await storage.add_answer(**args)
    again, created_again = await storage.add_answer(**{**args, "text": "anders"})
    assert created
    assert not created_again
    assert again.id == first.id
    assert again.text == "Iedereen doet mee"
    assert [a.text for a in await storage.list_answers(subgroup.id)] == ["Iedereen doet mee"]


async def test_an_edit_replaces_the_text_and_records_when(storage):
    workshop, subgroup = await _workshop_with_subgroup(storage)
    answer, _ = await storage.add_answer(
        workshop_id=workshop.id,
        subgroup_id=subgroup.id,
        kolom=Kolom.WAARDEN,
        text="oud",
        participant_id=None,
        source_chat_id=-100,
        source_message_id=8,
        now=NOW,
    )
    edited = await storage.edit_answer(answer.id, "nieuw", "2026-11-29T10:05:00")
    assert edited.text == "nieuw"
    assert edited.edited_at == "2026-11-29T10:05:00"
    assert edited.kolom is Kolom.WAARDEN


async def test_a_chat_can_be_one_subgroup_only(storage):
    workshop, _ = await _workshop_with_subgroup(storage)
    with pytest.raises(ChatAlreadyLinked):
        await storage.add_subgroup(
            workshop_id=workshop.id,
            name="nog eens",
            chat_id=-100,
            thread_id=None,
            stand=SubgroepStand.start(),
            actor_id=1,
            now=NOW,
        )


async def test_forum_topics_of_one_chat_are_separate_subgroups(storage):
    workshop, _ = await _workshop_with_subgroup(storage)
    for thread in (11, 12):
        await storage.add_subgroup(
            workshop_id=workshop.id,
            name=f"topic {thread}",
            chat_id=-200,
            thread_id=thread,
            stand=SubgroepStand.start(),
            actor_id=1,
            now=NOW,
        )
    found = await storage.find_subgroup_by_chat(-200, 12)
    assert found.name == "topic 12"
    assert found.topic_id == 12
    assert await storage.find_subgroup_by_chat(-200, None) is None


async def test_a_state_change_writes_its_history_and_happens_once_per_source(storage):
    workshop, subgroup = await _workshop_with_subgroup(storage)
    new = SubgroepStand(Status.BEANTWOORDT, Kolom.RELATIES)
    assert await storage.change_subgroup_state(
        subgroup, new, kind="klaar", actor_id=5, source="msg:-100:9", now=NOW
    )
    reread = await storage.get_subgroup(subgroup.id)
    assert reread.stand == new
    assert reread.prompt_message_id is None
    # The same command delivered again changes nothing.
    assert not await storage.change_subgroup_state(
        reread,
        SubgroepStand(Status.BEANTWOORDT, Kolom.HANDELEN),
        kind="klaar",
        actor_id=5,
        source="msg:-100:9",
        now=NOW,
    )
    assert (await storage.get_subgroup(subgroup.id)).stand == new
    events = await storage.list_events(workshop.id)
    assert [(e.kind, e.from_state, e.to_state) for e in events] == [
        ("workshop_created", None, "opening"),
        ("subgroup_joined", None, "beantwoordt:1"),
        ("klaar", "beantwoordt:1", "beantwoordt:2"),
    ]


async def test_a_change_from_a_stale_state_is_refused(storage):
    _, subgroup = await _workshop_with_subgroup(storage)
    two = SubgroepStand(Status.BEANTWOORDT, Kolom.RELATIES)
    assert await storage.change_subgroup_state(
        subgroup, two, kind="klaar", actor_id=1, source="a", now=NOW
    )
    # A second press computed from the old state (column 1) loses the race.
    assert not await storage.change_subgroup_state(
        subgroup,
        SubgroepStand(Status.WACHT, Kolom.WAARDEN),
        kind="klaar",
        actor_id=2,
        source="b",
        now=NOW,
    )
    assert (await storage.get_subgroup(subgroup.id)).stand == two


async def test_the_prompt_is_remembered_only_for_the_state_it_was_sent_for(storage):
    _, subgroup = await _workshop_with_subgroup(storage)
    assert [s.id for s in await storage.subgroups_awaiting_prompt()] == [subgroup.id]
    assert await storage.set_prompt_message(subgroup.id, subgroup.stand, 40, 41)
    assert await storage.subgroups_awaiting_prompt() == []
    stale = SubgroepStand(Status.BEANTWOORDT, Kolom.ACTIES)
    assert not await storage.set_prompt_message(subgroup.id, stale, 50, 51)


async def test_a_participant_is_recorded_once_and_keeps_the_latest_name(storage):
    workshop, subgroup = await _workshop_with_subgroup(storage)
    first = await storage.upsert_participant(
        workshop_id=workshop.id,
        user_id=42,
        first_name="Anna",
        username="anna",
        subgroup_id=subgroup.id,
        now=NOW,
    )
    again = await storage.upsert_participant(
        workshop_id=workshop.id,
        user_id=42,
        first_name="Anna B.",
        username=None,
        subgroup_id=None,
        now=NOW,
    )
    assert again.id == first.id
    assert again.first_name == "Anna B."
    assert again.subgroup_id == subgroup.id
    assert len(await storage.list_participants(workshop.id)) == 1


async def test_creating_a_workshop_twice_from_one_message_gives_one_workshop(storage):
    kwargs = dict(
        goal="de wijk", facilitator_id=1, plenary_chat_id=1, lang="nl", now=NOW, source="msg:1:1"
    )
    first = await storage.create_workshop(code="aaaaa-bbbbb-ccccc", **kwargs)
    second = await storage.create_workshop(code="ddddd-eeeee-fffff", **kwargs)
    assert second.id == first.id
    assert second.code == "aaaaa-bbbbb-ccccc"
