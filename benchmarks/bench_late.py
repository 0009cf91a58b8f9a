"""What a paper table's late answers cost while the plenary runs.

A paper table typed in during the plenary (``/typ 3 waarden`` and its lines) has its
answers proposed into the list under discussion, next to the bot's untouched items; the
facilitator's own items stay as they are (bot/usecases/plenary.py, flows/plenair.py
``take_in_late``). That regrouping used to run inside /typ's unit of work, holding the
write lock, on the event loop (every chat waited). Now the bot makes it before the unit
of work, in a thread (``prepare_typed``), and the unit of work takes it when the list and
the answers are still exactly what it was made from.

This plays a plenary of the values with N answers from 20 paper tables on a real SQLite
file (the answers of ``bench_merge.make_answers``, and the hand-grouped answers of
``tests/data/merge_eval_nl.json`` over and over for words of real workshops), lets the
facilitator change one item by hand, then types 7 late answers at a time, 8 times, both
ways. It prints per /typ how long the write lock is held, the regrouping before it and the
longest the event loop stood still, whether both ways give the same list, and for
comparison ``/plenair``, whose first proposal over every answer runs in its unit of work.

Run from the repository root: ``.venv/bin/python benchmarks/bench_late.py [n ...]``.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from itertools import count
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from bench_merge import make_answers  # noqa: E402

from bot.incoming import Incoming  # noqa: E402
from bot.usecases import (  # noqa: E402
    Services,
    add_paper_table,
    begin,
    create_workshop,
    edit_draft,
    prepare_typed,
    start_plenary,
    type_paper_answers,
)
from bot.usecases.unit import handle  # noqa: E402
from flows.merge_meaning import zipf_nl  # noqa: E402
from storage import Storage  # noqa: E402

SIZES = (100, 697, 2_500)
TABLES = 20
LATE_EACH, ROUNDS = 7, 8
FAC = 1
EVAL_SET = HERE.parent / "tests" / "data" / "merge_eval_nl.json"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(milliseconds=10)
        return self.now


def real_texts() -> list[str]:
    """The hand-grouped answers of several kinds of workshop."""
    sets = json.loads(EVAL_SET.read_text("utf-8"))["sets"]
    return [t for s in sets for cluster in s["clusters"] for t in cluster]


def texts_for(kind: str, n: int) -> list[str]:
    if kind == "generated":
        return [a.text for a in make_answers(n + LATE_EACH * ROUNDS, seed=2026)]
    real = real_texts()
    return [real[i % len(real)] for i in range(n + LATE_EACH * ROUNDS)]


_ids = count(1)


def _inc(text: str) -> Incoming:
    return Incoming(
        chat_id=FAC, chat_type="private", chat_title=None, thread_id=None, topic_name=None,
        message_id=next(_ids), user_id=FAC, first_name="Fatima", username=None,
        language_code="nl", text=text, reply_to_bot=False, reply_to_person=False,
        anonymous_admin=False,
    )  # fmt: skip


async def _say(s: Services, command: str, use_case, rest: str | None = None) -> None:
    inc = _inc(f"{command} {rest or ''}")
    work = use_case(s, inc) if rest is None else use_case(s, inc, rest)
    await handle(s, work, source=inc.source)


def _typ_inc(table: int, lines: list[str]) -> tuple[Incoming, str]:
    typed = f"{table} waarden\n" + "\n".join(lines)
    return _inc(f"/typ {typed}"), typed


async def _typ(s: Services, table: int, lines: list[str]) -> None:
    inc, typed = _typ_inc(table, lines)
    await handle(s, type_paper_answers(s, inc, typed), source=inc.source)


class LoopWatch:
    """The longest time the event loop could not run anything else (every chat waits)."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._task: asyncio.Task[None] | None = None

    async def _tick(self) -> None:
        last = time.perf_counter()
        while True:
            await asyncio.sleep(0.001)
            now = time.perf_counter()
            self.longest = max(self.longest, now - last)
            last = now

    def __enter__(self) -> LoopWatch:
        self._task = asyncio.get_running_loop().create_task(self._tick())
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._task is not None
        self._task.cancel()


async def measure(n: int, kind: str, *, prepare: bool) -> dict:
    """``prepare``: as the bot does now, the late answers are regrouped before /typ's unit
    of work (prepare_typed, in a thread); else inside it, as before."""
    texts = texts_for(kind, n)
    with tempfile.TemporaryDirectory() as tmp:
        storage = await Storage.open(Path(tmp) / "bench.sqlite3")
        s = Services(storage=storage, clock=Clock(), bot_username="bot")
        try:
            await _say(s, "/nieuw", create_workshop, "de wijk")
            for t in range(TABLES):
                await _say(s, "/tafel", add_paper_table, f"Tafel {t + 1}")
            await _say(s, "/begin", begin)
            for t in range(TABLES):
                await _typ(s, t + 1, texts[t:n:TABLES])
            started = time.perf_counter()
            await _say(s, "/plenair", start_plenary)  # the first proposal, over every answer
            plenary = time.perf_counter() - started
            await _say(s, "/tekst", lambda s, inc, rest: edit_draft(s, inc, "/tekst", rest),
                       "1 Vertrouwen in elkaar")  # fmt: skip
            late = texts[n:]
            locked, before, stalls = [], [], []
            for r in range(ROUNDS):
                inc, typed = _typ_inc(r % TABLES + 1, late[r * LATE_EACH : (r + 1) * LATE_EACH])
                with LoopWatch() as watch:
                    started = time.perf_counter()
                    prepared = await prepare_typed(s, inc, typed) if prepare else None
                    ready = time.perf_counter()
                    await handle(s, type_paper_answers(s, inc, typed, prepared), source=inc.source)
                    locked.append(time.perf_counter() - ready)
                    before.append(ready - started)
                stalls.append(watch.longest)
            workshop = await storage.latest_workshop()
            draft = await storage.get_draft(workshop.id, workshop.plenary_column)
        finally:
            await storage.close()
    return {
        "answers": n,
        "kind": kind,
        "items": draft.items,
        "locked_ms": statistics.median(locked) * 1000,
        "locked_max_ms": max(locked) * 1000,
        "before_ms": statistics.median(before) * 1000,
        "stall_ms": statistics.median(stalls) * 1000,
        "plenair_ms": plenary * 1000,
    }


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or list(SIZES)
    zipf_nl()  # loaded once per process, as in the running bot
    print(f"late answers in the plenary: {LATE_EACH} typed at a time, {ROUNDS} times, after "
          "one manual change. Per /typ (median): the write lock held (its unit of work; "
          "max), the regrouping before it, the longest the event loop stood still; and "
          "/plenair's first proposal over every answer, in its unit of work")  # fmt: skip
    for kind in ("generated", "real"):
        for n in sizes:
            inside = asyncio.run(measure(n, kind, prepare=False))
            now = asyncio.run(measure(n, kind, prepare=True))
            same = "the same list" if now["items"] == inside["items"] else "LISTS DIFFER"
            print(f"  {n:>5} answers ({kind}), {len(now['items'])} items, {same}; "
                  f"/plenair {now['plenair_ms']:.0f} ms")  # fmt: skip
            for label, r in (("regrouped inside (before)", inside), ("prepared (now)", now)):
                print(
                    f"    {label:26} lock {r['locked_ms']:6.0f} ms (max {r['locked_max_ms']:5.0f})"
                    f", before it {r['before_ms']:5.0f} ms, loop still {r['stall_ms']:5.0f} ms"
                )


if __name__ == "__main__":
    main()
