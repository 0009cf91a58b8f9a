"""The unit of work on a real SQLite file: all or nothing, the inbox, the outbox, and
updates that change things once."""

from __future__ import annotations

import asyncio

import pytest

from storage import Storage
from storage.db import SimulatedCrash, split_statements

NOW = "2026-11-29T10:00:00.000+00:00"
LATER = "2026-12-07T10:00:00.000+00:00"


async def _new_workshop(storage: Storage, code: str = "abcde-fghjk-mnpqr"):
    return await storage.create_workshop(
        code=code, goal="de wijk", facilitator_id=1, plenary_chat_id=1, lang="nl", now=NOW
    )


async def test_a_unit_of_work_commits_all_of_its_writes_or_none(storage):
    async def use_case_that_dies_at_its_last_write():
        async with storage.unit_of_work():
            await _new_workshop(storage)
            await storage.mark_handled("msg:1:1", NOW)
            storage.db.crash_after_writes = 0
            await storage.add_to_outbox([("c1", "{}")], NOW)

    with pytest.raises(SimulatedCrash):
        await use_case_that_dies_at_its_last_write()
    storage.db.crashed = False
    assert await storage.latest_workshop() is None
    assert await storage.pending_outbox() == []
    assert await storage.mark_handled("msg:1:1", NOW)  # not handled: it can run again


async def test_inside_a_unit_of_work_reads_see_its_writes_and_others_do_not(storage):
    seen_outside = []
    inside = asyncio.Event()
    go_on = asyncio.Event()

    async def reader():
        await inside.wait()
        seen_outside.append(await storage.latest_workshop())
        go_on.set()

    task = asyncio.create_task(reader())
    async with storage.unit_of_work():
        workshop = await _new_workshop(storage)
        assert await storage.latest_workshop() == workshop
        inside.set()
        await go_on.wait()
    await task
    assert seen_outside == [None]  # another task never sees a half-done unit of work
    assert await storage.latest_workshop() == workshop


async def test_an_update_is_handled_once_until_a_week_has_passed(storage):
    assert not await storage.was_handled("cb:77")
    assert await storage.mark_handled("cb:77", NOW)
    assert await storage.was_handled("cb:77")
    assert not await storage.mark_handled("cb:77", NOW)
    await storage.forget_handled_before(LATER)
    assert await storage.mark_handled("cb:77", LATER)


async def test_the_outbox_keeps_order_and_forgets_what_was_sent(storage):
    ids = await storage.add_to_outbox([("c1", "a"), ("c2", "b"), ("c1", "c")], NOW)
    assert ids == sorted(ids)
    assert len(set(ids)) == 3
    await storage.outbox_sent(ids[1])
    pending = await storage.pending_outbox()
    assert [(r.id, r.lane, r.action) for r in pending] == [(ids[0], "c1", "a"), (ids[2], "c1", "c")]


async def test_the_inbox_keeps_updates_until_they_are_handled(storage):
    await storage.keep_updates([(10, '{"update_id": 10}'), (11, '{"update_id": 11}')])
    await storage.keep_updates([(11, '{"update_id": 11}')])  # fetched again: kept once
    assert await storage.kept_updates() == ['{"update_id": 10}', '{"update_id": 11}']
    await storage.updates_done(10)
    assert await storage.kept_updates() == ['{"update_id": 11}']


def test_a_migration_is_split_where_sqlite_says_a_statement_ends():
    script = """
        CREATE TABLE a (x TEXT DEFAULT ';');  -- a comment; with a semicolon
        CREATE TRIGGER t AFTER INSERT ON a BEGIN
            UPDATE a SET x = 'q;';
            DELETE FROM a WHERE x = '';
        END;
        -- only a comment;
        SELECT 1
    """
    statements = split_statements(script)
    assert len(statements) == 3
    assert statements[1].strip().startswith(("-- a comment", "CREATE TRIGGER"))
    assert statements[1].rstrip().endswith("END;")
    assert statements[2].endswith("SELECT 1")  # the comment before it comes along
