"""What one answer costs the reminder policy, with 10, 1,000 and 5,000 answers in a column.

The policy is asked after every answer. It used to read the whole column (and all chat
since the column started) each time, so an answer cost more the fuller the column was.
Now it reads a tally: counts that stop where the policy stops counting, the reminders
sent, and the last few minutes. This prints, per column size, the time of one answer
(the whole use case in its unit of work, on a real SQLite file) the way it is now and
the way it was before, and the ratio to the smallest column.

Run from the repository root: ``.venv/bin/python benchmarks/bench_reminders.py``.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.actions import Say  # noqa: E402
from bot.incoming import Incoming  # noqa: E402
from bot.usecases import Services, capture_answer  # noqa: E402
from bot.usecases import reminding as reminding_module  # noqa: E402
from bot.usecases.unit import handle  # noqa: E402
from flows.fase import Fase  # noqa: E402
from flows.herinneringen import (  # noqa: E402
    ChatEvent,
    EventKind,
    Member,
    Reminder,
    ReminderKind,
    SubgroupView,
    decide,
)
from flows.kaart import Kolom  # noqa: E402
from flows.subgroep import SubgroepStand  # noqa: E402
from storage import Storage  # noqa: E402
from storage.models import Participant, Subgroup, Workshop  # noqa: E402

SIZES = (10, 1_000, 5_000)
MEASURED = 60  # answers timed per size and way
GROUP = -500
MEMBERS = 4


async def decide_by_reading_everything(
    s: Services, workshop: Workshop, subgroup: Subgroup, people: list[Participant]
) -> Reminder | None:
    """The policy's decision the way it was made before: every answer of the column and
    all activity since it started, read and turned into events each time."""
    names = {p.id: p.first_name for p in people}
    answers = await s.storage.list_answers(subgroup.id, subgroup.stand.kolom)
    activity = await s.storage.list_activity(subgroup.id, subgroup.state_changed_at)
    at = datetime.fromisoformat
    events = [
        ChatEvent(at=at(a.created_at), kind=EventKind.ANSWER, member_id=a.participant_id,
                  member_name=a.author or "", text=a.text, kolom=a.kolom, ref=str(a.id))
        for a in answers
    ]  # fmt: skip
    for act in activity:
        if act.kind == "reminder_sent":
            events.append(
                ChatEvent(at=at(act.at), kind=EventKind.REMINDER_SENT, kolom=act.kolom,
                          reminder=ReminderKind(act.detail["reminder"]),
                          member_ids=tuple(act.detail.get("member_ids", ())),
                          ref=act.detail.get("ref"))
            )  # fmt: skip
        else:
            events.append(
                ChatEvent(at=at(act.at), kind=EventKind(act.kind), member_id=act.participant_id,
                          member_name=names.get(act.participant_id or 0, ""))
            )  # fmt: skip
    events.sort(key=lambda e: e.at)
    view = SubgroupView(
        members=tuple(Member(p.id, p.first_name) for p in people),
        kolom=subgroup.stand.kolom,
        fase=workshop.fase,
        column_started=at(subgroup.state_changed_at),
        sees_messages=any(a.kind != "reminder_sent" for a in activity),
    )
    return decide(view, events, s.clock(), reminding_module._policy(workshop, subgroup))


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


async def _column_with(path: Path, size: int) -> tuple[Services, Clock, int]:
    """A subgroup of four in stap 4 whose column already holds ``size`` answers, one every
    ten seconds; returns the services, the clock and the first free message id."""
    clock = Clock()
    storage = await Storage.open(path)
    s = Services(storage=storage, clock=clock, bot_username="bot")
    stamp = s.stamp
    workshop = await storage.create_workshop(
        code="bench-rem", goal="de wijk", facilitator_id=1, plenary_chat_id=1, lang="nl",
        now=stamp(),
    )  # fmt: skip
    await storage.change_phase(
        workshop, Fase.KOLOMMEN, moves=[], plenary_column=None, actor_id=1, source=None,
        now=stamp(),
    )  # fmt: skip
    subgroup = await storage.add_subgroup(
        workshop_id=workshop.id, name="Tafel 1", chat_id=GROUP, thread_id=None,
        stand=SubgroepStand.start(Kolom.RELATIES), actor_id=1, now=stamp(),
    )  # fmt: skip
    people = [
        await storage.upsert_participant(
            workshop_id=workshop.id, user_id=100 + m, first_name=f"Lid {m}", username=None,
            subgroup_id=subgroup.id, now=stamp(),
        )
        for m in range(MEMBERS)
    ]  # fmt: skip
    for n in range(size):
        clock.now += timedelta(seconds=10)
        await storage.add_answer(
            workshop_id=workshop.id, subgroup_id=subgroup.id, kolom=Kolom.RELATIES,
            text=f"Antwoord {n} over samen werken", participant_id=people[n % 3].id,
            source_chat_id=GROUP, source_message_id=n + 1, now=stamp(),
        )  # fmt: skip
    return s, clock, size + 1


def _answer(message_id: int) -> Incoming:
    return Incoming(
        chat_id=GROUP, chat_type="group", chat_title="Tafel 1", thread_id=None,
        topic_name=None, message_id=message_id, user_id=100, first_name="Lid 0",
        username=None, language_code="nl", text=f"Nog een antwoord {message_id}",
        reply_to_bot=True, reply_to_person=False, anonymous_admin=False,
    )  # fmt: skip


async def _old_consider(s: Services, workshop: Workshop, subgroup: Subgroup) -> list[Say]:
    """consider_reminder as it was: the same, with the decision read the old way."""
    with mock.patch.object(reminding_module, "reminder_due", decide_by_reading_everything):
        return await _new_consider(s, workshop, subgroup)


_new_consider = reminding_module.consider_reminder


async def _answers(size: int, *, before: bool, each, count: int = MEASURED) -> list[float]:
    """Give ``count`` answers in a column of ``size``; ``each(run)`` measures one answer."""
    with tempfile.TemporaryDirectory() as tmp:
        s, clock, message_id = await _column_with(Path(tmp) / "bench.sqlite3", size)
        patch = mock.patch(
            "bot.usecases.answering.consider_reminder",
            _old_consider if before else _new_consider,
        )
        figures = []
        try:
            with patch:
                for n in range(count):
                    clock.now += timedelta(seconds=10)
                    inc = _answer(message_id + n)

                    async def run(inc: Incoming = inc) -> None:
                        work = capture_answer(s, inc, inc.text, explicit=True)
                        await handle(s, work, source=inc.source)

                    figures.append(await each(s, run))
        finally:
            await s.storage.close()
        return figures


async def _time(s: Services, run) -> float:
    started = time.perf_counter()
    await run()
    return (time.perf_counter() - started) * 1000


STEP = 10  # SQLite calls the progress handler every STEP virtual machine instructions


async def _sql_steps(s: Services, run) -> float:
    """The SQLite virtual machine instructions one answer takes: the work of its queries,
    the same on every machine and under any load."""
    count = [0]

    def tick() -> int:
        count[0] += STEP
        return 0

    connections = (s.storage.db._conn, s.storage.db._reader)  # a measurement, not the bot
    for conn in connections:
        await conn.set_progress_handler(tick, STEP)
    await run()
    for conn in connections:
        await conn.set_progress_handler(None, STEP)
    return count[0]


async def per_answer_ms(size: int, *, before: bool) -> float:
    """The median time of one answer in a column of ``size`` answers, in milliseconds."""
    return statistics.median(await _answers(size, before=before, each=_time))


async def sql_steps_per_answer(size: int, *, before: bool, count: int = MEASURED) -> float:
    """The median SQLite instructions of one answer in a column of ``size`` answers."""
    return statistics.median(await _answers(size, before=before, each=_sql_steps, count=count))


async def main() -> None:
    print(f"One answer (capture_answer in its unit of work, median of {MEASURED}), with the")
    print("reminder policy asked as the bot does; a subgroup of four, answers 10 s apart.")
    print("Time depends on the machine and its load; SQLite instructions do not.")
    print(f"{'answers in column':>18}  {'':>6}  {'ms':>8}  {'ratio':>6}"
          f"  {'SQL steps':>10}  {'ratio':>6}")  # fmt: skip
    await per_answer_ms(SIZES[0], before=False)  # warm up: the first run loads and caches
    for before in (False, True):
        way = "before" if before else "now"
        rows = [
            (size, await per_answer_ms(size, before=before),
             await sql_steps_per_answer(size, before=before))
            for size in SIZES
        ]  # fmt: skip
        base_ms, base_steps = rows[0][1], rows[0][2]
        for size, ms, steps in rows:
            print(f"{size:>18,}  {way:>6}  {ms:>8.2f}  {ms / base_ms:>5.2f}x"
                  f"  {steps:>10,.0f}  {steps / base_steps:>5.2f}x")  # fmt: skip
        if not before:
            now_rows = rows
    largest = now_rows[-1]
    print(f"At {largest[0]:,} answers in a column an answer now costs"
          f" {largest[1] / now_rows[0][1]:.2f}x the time and"
          f" {largest[2] / now_rows[0][2]:.2f}x the SQL work of one at {SIZES[0]}"
          f" (before: {rows[-1][1] / rows[0][1]:.1f}x and {rows[-1][2] / rows[0][2]:.1f}x).")


if __name__ == "__main__":
    asyncio.run(main())
