"""The reminder policy decides the same from its tally as from the whole column.

A subgroup of four plays seeded random stretches of stap 4 through the use cases (a real
SQLite file, a fake clock): answers about their own network or not, replies to each
other, quiet minutes, the next column and back. After every step the decision the bot
makes now (reminder_due: a few counted reads) is compared with the decision made by
reading every answer of the column and all chat since it started, as before.
"""

from __future__ import annotations

import random
from collections import Counter

from benchmarks.bench_reminders import decide_by_reading_everything
from bot import usecases
from bot.usecases.reminding import reminder_due
from flows.subgroep import Gebeurtenis
from tests.bot.world import Chat, FakeClock, FakeTelegram, Person, World

FAC = Person(1, "Fatima")
MEMBERS = (Person(11, "Anna"), Person(12, "Bram"), Person(13, "Chris"), Person(14, "Dewi"))
PLENARY, GROUP = Chat(1, None), Chat(-101, "Tafel 1")
TEXTS = (
    "Elkaar op tijd informeren",
    "Bij ons in de wijk doen we dat zo",
    "Korte lijnen met de GGD",
    "Samen de agenda maken",
    "Met Jan van het wijkteam praten",
    "Goed luisteren",
)


class Play:
    def __init__(self, world: World) -> None:
        self.world = world
        self.message_id = 1000

    async def say(self, chat: Chat, person: Person, text: str, use_case) -> None:
        self.message_id += 1
        inc = World.incoming(chat, person, text, self.message_id)
        await self.world.deliver(lambda s: use_case(s, inc), inc.source)

    async def decisions(self) -> tuple[object, object]:
        s = self.world.services
        subgroup = await s.storage.find_subgroup_by_chat(GROUP.chat_id, None)
        workshop = await s.storage.get_workshop(subgroup.workshop_id)
        people = [
            p for p in await s.storage.list_participants(workshop.id)
            if p.subgroup_id == subgroup.id
        ]  # fmt: skip
        if not subgroup.stand.answering:
            return None, None
        return (
            await reminder_due(s, workshop, subgroup, people),
            await decide_by_reading_everything(s, workshop, subgroup, people),
        )


def answer(s, inc):
    return usecases.capture_answer(s, inc, inc.text, explicit=True)


def move(event: Gebeurtenis):
    return lambda s, inc: usecases.move_subgroup(s, inc, event, source=inc.source)


async def _in_stap_4(tmp_path) -> Play:
    world = await World(tmp_path / "w.sqlite3", FakeClock(), FakeTelegram()).start()
    play = Play(world)
    await play.say(
        PLENARY, FAC, "/nieuw", lambda s, i: usecases.create_workshop(s, i, "de wijk")
    )
    code = (await world.services.storage.latest_workshop()).code
    await play.say(GROUP, MEMBERS[0], "/join", lambda s, i: usecases.join_subgroup(s, i, code))
    await play.say(PLENARY, FAC, "/begin", usecases.begin)
    for member in MEMBERS:
        await play.say(GROUP, member, "Iedereen doet mee", answer)
    await play.say(GROUP, MEMBERS[0], "/klaar", move(Gebeurtenis.KLAAR))
    await play.say(PLENARY, FAC, "/plenair", usecases.start_plenary)
    await play.say(PLENARY, FAC, "/bevestig", usecases.confirm)
    return play


async def _play(tmp_path, seed: int) -> Counter:
    """One seeded stretch; the kinds of reminder that were due on the way."""
    rng = random.Random(seed)
    play = await _in_stap_4(tmp_path)
    world = play.world
    try:
        due: Counter = Counter()
        talkative = MEMBERS[: rng.choice((2, 3, 4))]  # the others stay quiet for a while
        replies = 0.15 if seed % 2 else 0.0  # half the groups only post answers
        for _ in range(STEPS):
            roll = rng.random()
            who = rng.choice(talkative if rng.random() < 0.9 else MEMBERS)
            if roll < 0.6:
                await play.say(GROUP, who, rng.choice(TEXTS), answer)
            elif roll < 0.6 + replies:
                await play.say(GROUP, who, "Wat bedoel je?", usecases.note_reply)
            elif roll < 0.77:
                await world.deliver(usecases.tick, None)  # time-keeping asks the policy too
            elif roll < 0.785:
                await play.say(GROUP, who, "/klaar", move(Gebeurtenis.KLAAR))
            elif roll < 0.795:
                await play.say(GROUP, who, "/terug", move(Gebeurtenis.TERUG))
            world.clock.forward(rng.choice((0, 0.05, 0.2, 0.3, 0.5, 1, 2.5, 6)))
            now, before = await play.decisions()
            assert now == before, (seed, world.clock.now)
            if now is not None:
                due[now.kind.value] += 1
    finally:
        await world.stop()
    return due


STEPS = 250


async def test_the_tally_decides_as_reading_everything_would(tmp_path):
    due: Counter = Counter()
    for seed in range(6):
        (tmp_path / str(seed)).mkdir()
        due += await _play(tmp_path / str(seed), seed)
    # Every rule came to a decision on the way, so each was compared.
    assert all(due[kind] for kind in ("meedoen", "generaliseren", "dialoog")), due


async def test_time_keeping_goes_on_while_a_group_writes_in_silence(tmp_path):
    """Someone done writing in silence is no chat line: the policy, asked by the clock,
    looks past it (it used to stop time-keeping with an error)."""
    world = await World(tmp_path / "w.sqlite3", FakeClock(), FakeTelegram()).start()
    play = Play(world)
    anna = MEMBERS[0]
    try:
        await play.say(
            PLENARY, FAC, "/nieuw", lambda s, i: usecases.create_workshop(s, i, "de wijk")
        )
        code = (await world.services.storage.latest_workshop()).code
        await play.say(PLENARY, FAC, "/stil", lambda s, i: usecases.set_silent(s, i, "waarden"))
        await play.say(GROUP, anna, "/join", lambda s, i: usecases.join_subgroup(s, i, code))
        await play.say(
            GROUP, anna, "", lambda s, i: usecases.note_new_members(s, i, [(12, "Bram", None)])
        )
        await play.say(PLENARY, FAC, "/begin", usecases.begin)
        mine = Chat(anna.user_id, None)
        await play.say(
            mine, anna, "Iedereen doet mee", lambda s, i: usecases.private_answer(s, i, i.text)
        )
        await play.say(mine, anna, "/klaar", usecases.private_done)
        for _ in range(3):
            world.clock.forward(10)
            await world.deliver(usecases.tick, None)  # raised ValueError('silent_done')
        # Bram, who wrote nothing yet, is not nudged: nobody has answered in the open.
        assert all("Bram" not in text for text in world.telegram.texts_to(GROUP.chat_id))
    finally:
        await world.stop()
