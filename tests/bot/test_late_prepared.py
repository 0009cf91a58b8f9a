"""A paper table's late answers are proposed into the plenary's list before /typ's unit of
work (so the write lock is not held meanwhile): the list that comes out is exactly the one
made inside it, and a regrouping made on a list that changed meanwhile is not used."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime, timedelta
from itertools import count
from pathlib import Path

import pytest

from bot.incoming import Incoming
from bot.usecases import (
    Services,
    add_paper_table,
    begin,
    create_workshop,
    edit_draft,
    prepare_typed,
    start_plenary,
    type_paper_answers,
)
from bot.usecases.unit import handle
from flows import plenair
from storage import Storage

EVAL_SET = Path(__file__).resolve().parent.parent / "data" / "merge_eval_nl.json"
TABLES = 4


def _texts() -> list[str]:
    sets = json.loads(EVAL_SET.read_text("utf-8"))["sets"]
    return [t for s in sets if s["kind"] == "wijk" for cluster in s["clusters"] for t in cluster]


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(milliseconds=10)
        return self.now


class Facilitator:
    """Types commands in a private chat, each a use case in its unit of work."""

    def __init__(self, s: Services) -> None:
        self.s = s
        self.ids = count(1)

    def inc(self, text: str) -> Incoming:
        return Incoming(
            chat_id=1, chat_type="private", chat_title=None, thread_id=None,
            topic_name=None, message_id=next(self.ids), user_id=1, first_name="Fatima",
            username=None, language_code="nl", text=text, reply_to_bot=False,
            reply_to_person=False, anonymous_admin=False,
        )  # fmt: skip

    async def says(self, text: str, use_case, rest: str | None = None) -> None:
        inc = self.inc(text)
        work = use_case(self.s, inc) if rest is None else use_case(self.s, inc, rest)
        await handle(self.s, work, source=inc.source)

    async def edits(self, command: str, rest: str) -> None:
        await self.says(command, lambda s, inc, r: edit_draft(s, inc, command, r), rest)


async def _plenary(path: Path) -> None:
    """Four paper tables typed their values; the plenary runs; one item changed by hand."""
    texts = _texts()
    storage = await Storage.open(path)
    fac = Facilitator(Services(storage=storage, clock=Clock(), bot_username="bot"))
    try:
        await fac.says("/nieuw", create_workshop, "de wijk")
        for t in range(TABLES):
            await fac.says("/tafel", add_paper_table, f"Tafel {t + 1}")
        await fac.says("/begin", begin)
        for t in range(TABLES):
            lines = "\n".join(texts[t:40:TABLES])
            await fac.says("/typ", type_paper_answers, f"{t + 1} waarden\n{lines}")
        await fac.says("/plenair", start_plenary)
        await fac.edits("/tekst", "2 Elkaar vertrouwen")
    finally:
        await storage.close()


LATE = "3 waarden\n" + "\n".join(_texts()[40:48])


async def _typed_late(path: Path, *, prepare: bool, edit_between: bool = False):
    """/typ with late answers (prepared before its unit of work, or not); the list after it,
    and how often the unit of work itself regrouped."""
    storage = await Storage.open(path)
    s = Services(storage=storage, clock=Clock(), bot_username="bot")
    fac = Facilitator(s)
    fac.ids = count(1000)
    inside = []
    try:
        inc = fac.inc(f"/typ {LATE}")
        prepared = await prepare_typed(s, inc, LATE) if prepare else None
        if edit_between:  # a co-facilitator was quicker
            await fac.edits("/weg", "1")
        real = plenair.take_in_late

        def counted(*args, **kwargs):
            inside.append(1)
            return real(*args, **kwargs)

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(plenair, "take_in_late", counted)
            await handle(s, type_paper_answers(s, inc, LATE, prepared), source=inc.source)
        workshop = await storage.latest_workshop()
        draft = await storage.get_draft(workshop.id, workshop.plenary_column)
        return draft.items, prepared, len(inside)
    finally:
        await storage.close()


async def test_late_answers_prepared_before_the_unit_of_work_give_the_same_list(tmp_path):
    start = tmp_path / "start.sqlite3"
    await _plenary(start)
    for name in ("prepared", "inside"):
        shutil.copy(start, tmp_path / f"{name}.sqlite3")

    items, prepared, regrouped = await _typed_late(tmp_path / "prepared.sqlite3", prepare=True)
    expected, _, _ = await _typed_late(tmp_path / "inside.sqlite3", prepare=False)

    assert prepared is not None
    assert regrouped == 0  # the unit of work took the prepared list
    assert items == expected
    assert len(plenair.answer_ids(items)) == 48  # every late answer is on the list
    assert any(item.text == "Elkaar vertrouwen" and not item.auto for item in items)


async def test_a_list_that_changed_meanwhile_is_regrouped_inside_the_unit_of_work(tmp_path):
    start = tmp_path / "start.sqlite3"
    await _plenary(start)
    for name in ("prepared", "inside"):
        shutil.copy(start, tmp_path / f"{name}.sqlite3")

    items, prepared, regrouped = await _typed_late(
        tmp_path / "prepared.sqlite3", prepare=True, edit_between=True
    )
    expected, _, _ = await _typed_late(
        tmp_path / "inside.sqlite3", prepare=False, edit_between=True
    )

    assert prepared is not None
    assert regrouped == 1  # made on the list before the edit: not used
    assert items == expected
