"""Plenary drafts on real SQLite: typed items in and out, the same JSON on disk as before."""

import pytest

from flows.kaart import Kolom
from flows.plenair import Item
from storage import Storage

NOW = "2026-11-29T10:00:00.000+00:00"
ITEMS = (
    Item("vertrouwen", (1, 2, 5), ("A", "B", "C"), 0),
    Item("Ondernemers blijven in de wijk", (), (), 3),
)


@pytest.fixture
async def workshop_id(storage):
    workshop = await storage.create_workshop(
        code="abcde-fghjk-mnpqr",
        goal="de wijk",
        facilitator_id=1,
        plenary_chat_id=1,
        lang="nl",
        now=NOW,
    )
    return workshop.id


async def _raw(storage: Storage, workshop_id: int) -> tuple[str, str]:
    row = await storage.db.fetch_one(
        "SELECT items, history FROM plenary_drafts WHERE workshop_id = ?", (workshop_id,)
    )
    return row["items"], row["history"]


async def test_a_started_draft_reads_back_as_the_same_items(storage, workshop_id):
    draft, created = await storage.start_draft(workshop_id, Kolom.WAARDEN, ITEMS)
    assert created
    assert draft.items == ITEMS
    assert draft.history == ()
    assert await storage.get_draft(workshop_id, Kolom.WAARDEN) == draft


async def test_items_are_stored_as_the_json_of_before(storage, workshop_id):
    await storage.start_draft(workshop_id, Kolom.WAARDEN, ITEMS[:1])
    items, history = await _raw(storage, workshop_id)
    assert items == (
        '[{"text":"vertrouwen","answer_ids":[1,2,5],"subgroups":["A","B","C"],"votes":0}]'
    )
    assert history == "[]"


async def test_a_stored_item_without_its_optional_keys_reads_with_defaults(storage, workshop_id):
    async with storage.db.transaction() as conn:
        await conn.execute(
            "INSERT INTO plenary_drafts (workshop_id, column_no, items, history)"
            " VALUES (?, 1, ?, ?)",
            (workshop_id, '[{"text":"vrede"}]', '[[{"text":"vrede","votes":2}]]'),
        )
    draft = await storage.get_draft(workshop_id, Kolom.WAARDEN)
    assert draft.items == (Item("vrede"),)
    assert draft.history == ((Item("vrede", votes=2),),)


async def test_a_saved_list_keeps_its_undo_history_in_order(storage, workshop_id):
    first, _ = await storage.start_draft(workshop_id, Kolom.WAARDEN, ITEMS)
    saved = await storage.save_draft(first, ITEMS[1:], [ITEMS, ITEMS[:1]])
    assert saved.items == ITEMS[1:]
    assert saved.history == (ITEMS, ITEMS[:1])
    assert saved.version == first.version + 1
    _, history = await _raw(storage, workshop_id)
    assert history.startswith('[[{"text":"vertrouwen","answer_ids":[1,2,5],')


async def test_a_list_saved_from_a_stale_version_is_refused(storage, workshop_id):
    first, _ = await storage.start_draft(workshop_id, Kolom.WAARDEN, ITEMS)
    assert await storage.save_draft(first, ITEMS[:1], [ITEMS]) is not None
    assert await storage.save_draft(first, (), [ITEMS]) is None
    assert (await storage.get_draft(workshop_id, Kolom.WAARDEN)).items == ITEMS[:1]
