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


async def test_a_suggestion_and_the_answers_taken_off_the_list_read_back(storage, workshop_id):
    suggested = (Item("vertrouwen", (1, 2), ("A", "B"), auto=True), ITEMS[1])
    first, _ = await storage.start_draft(workshop_id, Kolom.WAARDEN, suggested)
    assert first.items == suggested
    assert first.left_out == ()
    items, _ = await _raw(storage, workshop_id)
    assert '"auto":true' in items
    assert items.count('"auto"') == 1
    saved = await storage.save_draft(first, suggested[1:], [suggested], left_out=[2, 1])
    assert saved.left_out == (1, 2)
    again = await storage.save_draft(saved, (), [suggested, suggested[1:]])
    assert again.left_out == (1, 2)  # kept when not named


async def test_a_list_from_before_the_upgrade_counts_every_answer_as_seen(tmp_path, monkeypatch):
    import storage.db as db_module
    from storage.migrations import MIGRATIONS

    path = tmp_path / "v10.sqlite3"
    monkeypatch.setattr(db_module, "MIGRATIONS", tuple(m for m in MIGRATIONS if m[0] <= 10))
    store = await Storage.open(path)
    workshop = await store.create_workshop(
        code="abcde-fghjk-mnpqr", goal="de wijk", facilitator_id=1, plenary_chat_id=1,
        lang="nl", now=NOW,
    )  # fmt: skip
    async with store.db.transaction() as conn:
        await conn.execute(
            "INSERT INTO subgroups (id, workshop_id, name, status, column_no, joined_at,"
            " state_changed_at) VALUES (1, ?, 'A', 'wacht', 1, ?, ?)",
            (workshop.id, NOW, NOW),
        )
        for answer in (7, 8):
            await conn.execute(
                "INSERT INTO answers (id, workshop_id, subgroup_id, column_no, text,"
                " source_chat_id, source_message_id, created_at) VALUES (?, ?, 1, 1, 'x', 1, ?, ?)",
                (answer, workshop.id, answer, NOW),
            )
        await conn.execute(
            "INSERT INTO plenary_drafts (workshop_id, column_no, items) VALUES (?, 1, ?)",
            (workshop.id, '[{"text":"x","answer_ids":[7]}]'),  # answer 8 was removed
        )
    await store.close()
    monkeypatch.setattr(db_module, "MIGRATIONS", MIGRATIONS)
    store = await Storage.open(path)
    draft = await store.get_draft(workshop.id, Kolom.WAARDEN)
    assert set(draft.left_out) == {7, 8}
    await store.close()
