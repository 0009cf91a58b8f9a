"""Stopped after every write of every use case, the bot restarts, Telegram delivers the
update again, and the workshop ends as if nothing happened, and goes on.

A workshop is played through its use cases directly (tests/bot/world.py: a real SQLite
file, a fake clock, the real shell sending to a fake Telegram). For each step that
writes, the test first runs it whole and counts its writes: those of its unit of work,
then those of sending what it decided (outbox rows deleted, prompts recorded). Then, for
each N, it runs the step again from the same start and stops the 'process' at write N
(storage's crash seam raises; the connection closes with nothing half-committed), starts
a new process on the same file, which sends what the outbox still holds, lets Telegram
deliver the update again, and plays the next steps. The database must end the same as
without the crash, every message of the crash-free run must have reached its chat, and
nothing may be sent twice except a message whose send was under way when the process
stopped (Telegram had it, the bot had not yet written that down).
"""

from __future__ import annotations

import shutil
import sqlite3
from collections import Counter
from collections.abc import Awaitable, Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from bot import usecases
from bot.actions import Outcome
from bot.incoming import Incoming
from bot.usecases import Services
from flows.subgroep import Gebeurtenis
from storage.db import SimulatedCrash
from tests.bot.world import Chat, FakeClock, FakeTelegram, Person, World

FAC = Person(1, "Fatima")
A1, A2, B1, B2 = Person(11, "Anna"), Person(12, "Bram"), Person(21, "Chris"), Person(22, "Dewi")
PLENARY = Chat(1, None)
G1, G2 = Chat(-101, "Tafel 1"), Chat(-102, "Tafel 2")


def private(person: Person) -> Chat:
    return Chat(person.user_id, None)


Factory = Callable[[Services, Incoming], Awaitable[Outcome]]


@dataclass(frozen=True)
class Step:
    name: str
    chat: Chat
    person: Person
    text: str
    run: Factory
    button: bool = False  # a button press: the update is a callback query
    watched: bool = False  # a use case the crash points are tried for
    atomic: bool = True  # False: a slow use case that only reads (the export)


async def _code(s: Services) -> str:
    workshop = await s.storage.latest_workshop()
    assert workshop is not None
    return workshop.code


async def _workshop_id(s: Services) -> int:
    workshop = await s.storage.latest_workshop()
    assert workshop is not None
    return workshop.id


def joins(s, inc):
    async def go():
        return await usecases.join_subgroup(s, inc, await _code(s))

    return go()


def registers(s, inc):
    async def go():
        return await usecases.register_by_link(s, inc, await _code(s))

    return go()


def answer(s, inc):
    return usecases.capture_answer(s, inc, inc.text, explicit=True)


def done(s, inc):
    return usecases.move_subgroup(s, inc, Gebeurtenis.KLAAR, source=inc.source)


def command(use_case, rest: str = ""):
    return lambda s, inc: use_case(s, inc, rest) if rest is not None else use_case(s, inc)


def bare(use_case):
    return lambda s, inc: use_case(s, inc)


def draft_edit(word: str, rest: str):
    return lambda s, inc: usecases.edit_draft(s, inc, word, rest)


def votes_for(position: int):
    def press(s, inc):
        async def go():
            workshop = await s.storage.latest_workshop()
            draft = await s.storage.get_draft(workshop.id, workshop.plenary_column)
            kolom = int(workshop.plenary_column)
            return await usecases.vote(s, inc, kolom, draft.version, 2, position)

        return go()

    return press


def forgets(s, inc):
    async def go():
        return await usecases.forget_confirmed(s, inc, await _workshop_id(s), "a")

    return go()


def deletes(s, inc):
    async def go():
        return await usecases.delete_confirmed(s, inc, await _workshop_id(s))

    return go()


SCRIPT: tuple[Step, ...] = (
    Step("/nieuw", PLENARY, FAC, "/nieuw de wijk", command(usecases.create_workshop, "de wijk"),
         watched=True),
    Step("registreer", private(A1), A1, "/start code", registers),
    Step("registreer", private(A2), A2, "/start code", registers),
    Step("registreer", private(B1), B1, "/start code", registers),
    Step("registreer", private(B2), B2, "/start code", registers),
    Step("/join", G1, A1, "/join code", joins, watched=True),
    Step("/join", G2, B1, "/join code", joins),
    Step("/tafel", PLENARY, FAC, "/tafel Tafel 3", command(usecases.add_paper_table, "Tafel 3"),
         watched=True),
    Step("/indelen 2", PLENARY, FAC, "/indelen 2", command(usecases.propose_split, "2")),
    Step("/indelen ok", PLENARY, FAC, "/indelen ok", command(usecases.propose_split, "ok"),
         watched=True),
    Step("/begin", PLENARY, FAC, "/begin", bare(usecases.begin), watched=True),
    Step("antwoord", G1, A1, "Een veilige buurt", answer, watched=True),
    Step("antwoord", G1, A2, "Iedereen doet mee", answer),
    Step("antwoord", G2, B1, "Een veilige buurt voor iedereen", answer),
    Step("antwoord", G2, B2, "Samen beslissen", answer),
    Step("/klaar", G1, A1, "/klaar", done, watched=True),  # asks the group
    Step("/klaar ja", G1, A2, "/klaar", done, watched=True),  # a second member: closes
    Step("/verder 2", PLENARY, FAC, "/verder 2", command(usecases.move_subgroup_on, "2"),
         watched=True),
    Step("/plenair", PLENARY, FAC, "/plenair", bare(usecases.start_plenary), watched=True),
    Step("/weg 1", PLENARY, FAC, "/weg 1", draft_edit("/weg", "1"), watched=True),
    Step("/erbij", PLENARY, FAC, "/erbij Vertrouwen", draft_edit("/erbij", "Vertrouwen"),
         watched=True),
    Step("/stemmen 2", PLENARY, FAC, "/stemmen 2", command(usecases.start_vote, "2"),
         watched=True),
    Step("stem", G1, A1, "stem 1", votes_for(1), button=True, watched=True),
    Step("stem", G2, B1, "stem 1", votes_for(1), button=True),
    Step("/telling", PLENARY, FAC, "/telling", bare(usecases.count_votes), watched=True),
    Step("/bevestig waarden", PLENARY, FAC, "/bevestig", bare(usecases.confirm), watched=True),
    Step("antwoord", G1, A1, "Gelijkwaardig", answer),
    Step("antwoord", G2, B1, "Iedereen geeft en krijgt", answer),
    Step("/klaar", G1, A1, "/klaar", done),
    Step("/klaar ja", G1, A2, "/klaar", done),
    Step("/heropen 2", PLENARY, FAC, "/heropen 2", command(usecases.reopen_column, "2"),
         watched=True),
    Step("/vergeet", G2, B2, "/vergeet", bare(usecases.forget_me)),
    Step("vergeet-knop", G2, B2, "vergeet", forgets, button=True, watched=True),
    Step("/plenair model", PLENARY, FAC, "/plenair", bare(usecases.start_plenary), watched=True),
    Step("/bevestig relaties", PLENARY, FAC, "/bevestig", bare(usecases.confirm), watched=True),
    Step("/export", PLENARY, FAC, "/export", bare(usecases.export_map), watched=True,
         atomic=False),
    Step("/einde", PLENARY, FAC, "/einde", bare(usecases.end_workshop), watched=True),
    Step("/verwijder", PLENARY, FAC, "/verwijder", bare(usecases.delete_workshop)),
    Step("verwijder-knop", PLENARY, FAC, "verwijder", deletes, button=True, watched=True),
)  # fmt: skip
GOES_ON = 2  # steps played after the one that crashed: the workshop can go on


async def play(world: World, index: int) -> None:
    """Telegram delivers step ``index`` of the script (the same update every time)."""
    step = SCRIPT[index]
    world.clock.forward(1)
    # The same id at every delivery; above the fake Telegram's own message ids, as a
    # chat numbers a member's message after the bot's messages it came after.
    inc = World.incoming(step.chat, step.person, step.text, message_id=1_000_000 + index)
    source = f"cb:{index}" if step.button else inc.source
    await world.deliver(lambda s: step.run(s, inc), source, atomic=step.atomic)


def dump(path: Path) -> dict[str, set[tuple]]:
    """Every table as a reader sees it, without the ids Telegram gave messages (a message
    sent again gets a new one) and without the outbox (emptied by then)."""
    tables: dict[str, set[tuple]] = {}
    with closing(sqlite3.connect(path)) as conn, conn:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN"
            " ('outbox', 'sqlite_sequence', 'schema_migrations')"
        )]  # fmt: skip
        for name in names:
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info({name})")]
            kept = [c for c in columns if "message_id" not in c]
            rows = conn.execute(f"SELECT {', '.join(kept)} FROM {name}").fetchall()
            tables[name] = set(rows)
    return tables


@dataclass(frozen=True)
class Start:
    """The moment before a watched step: the database and the clock."""

    index: int
    db: Path
    clock_at: object


@dataclass(frozen=True)
class Outcomes:
    tables: dict[str, set[tuple]]
    sent: Counter
    writes: int
    in_flight: Counter  # what the stopped process sent during the step


async def _record_starts(tmp: Path, every_step: bool = False) -> list[Start]:
    """Play the script once, copying the database before each watched step."""
    clock, telegram = FakeClock(), FakeTelegram()
    path = tmp / "script.sqlite3"
    world = await World(path, clock, telegram).start()
    starts = []
    for index, step in enumerate(SCRIPT):
        if step.watched or every_step:
            await world.stop()
            copy = tmp / f"start-{index}.sqlite3"
            shutil.copy(path, copy)
            starts.append(Start(index, copy, clock.now))
            await world.start()
        await play(world, index)
    await world.stop()
    return starts


async def _run_from(
    start: Start, tmp: Path, crash_at: int | None, *, twice: bool = False
) -> Outcomes:
    """The watched step and the ones after it, stopped at write ``crash_at`` if given."""
    path = tmp / f"run-{start.index}-{crash_at}-{twice}.sqlite3"
    shutil.copy(start.db, path)
    clock, telegram = FakeClock(start.clock_at), FakeTelegram()  # type: ignore[arg-type]
    world = await World(path, clock, telegram).start()
    before = world.storage.db.writes
    if crash_at is not None:
        world.storage.db.crash_after_writes = crash_at - 1
    try:
        await play(world, start.index)
    except SimulatedCrash:
        in_flight = _sent(telegram)
        await world.stop()  # killed: nothing more is written or sent
        world = await World(path, clock, telegram).start()  # sends what the outbox holds
        clock.forward(-1)  # Telegram delivers the same update again, at the same time
        await play(world, start.index)
        crashed = True
    else:
        crashed, in_flight = False, Counter()
        if twice:  # Telegram delivers the update again, without any crash
            clock.forward(-1)
            await play(world, start.index)
    writes = world.storage.db.writes - before
    assert crash_at is None or crashed, f"write {crash_at} was never reached"
    for index in range(start.index + 1, min(start.index + 1 + GOES_ON, len(SCRIPT))):
        await play(world, index)
    await world.stop()
    return Outcomes(dump(path), _sent(telegram), writes, in_flight)


def _sent(telegram: FakeTelegram) -> Counter:
    """Every message and every file that reached a chat."""
    return Counter(telegram.sent) + Counter(telegram.documents)


def table(rows: list[tuple[str, int, bool, int]]) -> str:
    """use case × crash point → recovered, as the test prints it."""
    width = max(len(name) for name, *_ in rows)
    by_case: dict[str, list[str]] = {}
    for name, point, recovered, repeated in rows:
        mark = f"{point}:{'yes' if recovered else 'NO'}" + (f"(+{repeated})" if repeated else "")
        by_case.setdefault(name, []).append(mark)
    lines = [f"{'use case':<{width}}  stopped after write N: recovered? (+messages sent twice)"]
    lines += [f"{name:<{width}}  {' '.join(marks)}" for name, marks in by_case.items()]
    return "\n".join(lines)


async def test_every_crash_point_of_every_use_case_recovers(tmp_path, capsys):
    starts = await _record_starts(tmp_path)
    rows: list[tuple[str, int, bool, int]] = []
    failures = []
    for start in starts:
        name = SCRIPT[start.index].name
        clean = await _run_from(start, tmp_path, crash_at=None)
        assert clean.writes > 0, name
        for point in range(1, clean.writes + 1):
            crashed = await _run_from(start, tmp_path, crash_at=point)
            missing = clean.sent - crashed.sent
            twice = crashed.sent - clean.sent
            repeated = sum(twice.values())
            # Only a message under way when the process stopped may come twice: Telegram
            # had it, the bot had not written that down (each lane has one under way).
            recovered = (
                crashed.tables == clean.tables and not missing and not twice - crashed.in_flight
            )
            rows.append((name, point, recovered, repeated))
            if not recovered:
                changed = [t for t in clean.tables if clean.tables[t] != crashed.tables.get(t)]
                failures.append((name, point, changed, list(missing), repeated))
    with capsys.disabled():
        print("\n" + table(rows))
    assert len({name for name, *_ in rows}) == sum(step.watched for step in SCRIPT)
    assert not failures, failures


async def test_every_update_delivered_twice_changes_things_once(tmp_path):
    """/weg 1 removes one item, /erbij adds one, /tafel makes one table, a second press on
    a vote does not take the vote back, a second /bevestig confirms nothing more."""
    differs = []
    for start in await _record_starts(tmp_path, every_step=True):
        once = await _run_from(start, tmp_path, crash_at=None)
        twice = await _run_from(start, tmp_path, crash_at=None, twice=True)
        if twice.tables != once.tables or twice.sent != once.sent:
            differs.append(SCRIPT[start.index].name)
    assert not differs
