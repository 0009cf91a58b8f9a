"""What a paper table's late answers cost while the plenary runs.

A paper table typed in during the plenary (``/typ 3 waarden`` and its lines) has its
answers proposed into the list under discussion, next to the bot's untouched items; the
facilitator's own items stay as they are (bot/usecases/plenary.py, flows/plenair.py
``take_in_late``). That happens inside the use case's unit of work, so the write lock is
held meanwhile, and on the event loop, so every chat waits too.

This plays a plenary of the values with N answers from 20 paper tables on a real SQLite
file (the answers of ``bench_merge.make_answers``, and the hand-grouped answers of
``tests/data/merge_eval_nl.json`` over and over for words of real workshops), lets the
facilitator change one item by hand, then types 7 late answers at a time, 8 times. It
prints, per N, the time of one such ``/typ`` (the whole use case in its unit of work:
how long the write lock is held) and of the regrouping in it, and for comparison the time
of ``/plenair``, whose first proposal over every answer runs in its unit of work too.

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
from unittest import mock

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
    start_plenary,
    type_paper_answers,
)
from bot.usecases.unit import handle  # noqa: E402
from flows import plenair  # noqa: E402
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


async def _typ(s: Services, table: int, lines: list[str]) -> None:
    await _say(s, "/typ", type_paper_answers, f"{table} waarden\n" + "\n".join(lines))


async def measure(n: int, kind: str) -> dict:
    texts = texts_for(kind, n)
    regroup: list[float] = []
    real_take_in_late = plenair.take_in_late

    def timed(*args, **kwargs):
        started = time.perf_counter()
        try:
            return real_take_in_late(*args, **kwargs)
        finally:
            regroup.append(time.perf_counter() - started)

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
            times, cpu = [], []
            with mock.patch.object(plenair, "take_in_late", timed):
                for r in range(ROUNDS):
                    lines = late[r * LATE_EACH : (r + 1) * LATE_EACH]
                    started, started_cpu = time.perf_counter(), time.process_time()
                    await _typ(s, r % TABLES + 1, lines)
                    times.append(time.perf_counter() - started)
                    cpu.append(time.process_time() - started_cpu)
            workshop = await storage.latest_workshop()
            draft = await storage.get_draft(workshop.id, workshop.plenary_column)
            items = len(draft.items)
        finally:
            await storage.close()
    return {
        "answers": n,
        "kind": kind,
        "items": items,
        "typ_ms": statistics.median(times) * 1000,
        "typ_max_ms": max(times) * 1000,
        "typ_cpu_ms": statistics.median(cpu) * 1000,
        "regroup_ms": statistics.median(regroup) * 1000,
        "plenair_ms": plenary * 1000,
    }


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or list(SIZES)
    zipf_nl()  # loaded once per process, as in the running bot
    print(f"late answers in the plenary: {LATE_EACH} typed at a time, {ROUNDS} times, after "
          "one manual change; median (max) of one /typ in its unit of work, the regrouping "
          "in it, and /plenair (the first proposal, over every answer)")  # fmt: skip
    for kind in ("generated", "real"):
        for n in sizes:
            r = asyncio.run(measure(n, kind))
            print(
                f"  {r['answers']:>5} answers ({kind:9}) -> {r['items']:>4} items: /typ "
                f"{r['typ_ms']:6.0f} ms (max {r['typ_max_ms']:5.0f}, CPU {r['typ_cpu_ms']:5.0f}), "
                "regrouping "
                f"{r['regroup_ms']:5.0f} ms; /plenair {r['plenair_ms']:5.0f} ms"
            )


if __name__ == "__main__":
    main()
