"""The bot end to end: answers per second, answer latency, API calls per answer, memory.

Run: .venv/bin/python benchmarks/bench_bot.py [subgroups] [members] [answers_each]
The real bot polls the sandbox over real HTTP and stores in a real SQLite file. A
workshop of 20 subgroups (group chats) of 4 members begins stap 2; then every member
of every subgroup answers at once, round after round (/idee and replies to the
question), until each has given 10 answers (800 in all). An answer counts as stored
and acknowledged when the bot's setMessageReaction for it reaches the sandbox (the
bot stores the answer before it reacts). The sandbox's Telegram limits are off, so
the figures are the bot's own ceiling; the bot's own rate limiter is on as in
production, and so is the board debounce (board_delay 2.0 s).
"""

from __future__ import annotations

import asyncio
import math
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.app import RunningBot, Settings, build_application  # noqa: E402
from bot.sandbox import Sandbox  # noqa: E402

BOARD_DELAY = 2.0  # as in production


def rss_mb() -> float:
    """Resident memory of this process (bot and sandbox together) in MB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(p / 100 * len(ordered))))
    return ordered[rank - 1]


class Acknowledgements:
    """Answers sent, and when the bot's reaction to each reached the sandbox."""

    def __init__(self, sb: Sandbox) -> None:
        self.sb = sb
        self.sent_at: dict[tuple[int, int], float] = {}
        self.acked_at: dict[tuple[int, int], float] = {}
        self._seen = len(sb.calls)

    def collect(self) -> int:
        """Read the calls since last time; how many answers are acknowledged."""
        calls = self.sb.calls
        for call in calls[self._seen :]:
            if call.method.lower() == "setmessagereaction":
                key = (int(call.params["chat_id"]), int(call.params["message_id"]))
                if key in self.sent_at and key not in self.acked_at:
                    self.acked_at[key] = call.time
        self._seen = len(calls)
        return len(self.acked_at)


@dataclass
class BotResult:
    subgroups: int
    members: int
    answers_each: int
    startup_seconds: float = 0.0
    rss_idle_mb: float = 0.0
    rss_after_mb: float = 0.0
    sent: int = 0
    acknowledged: int = 0
    stored: int = 0
    window_seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    calls: Counter[str] = field(default_factory=Counter)
    calls_seconds: float = 0.0

    @property
    def expected(self) -> int:
        return self.subgroups * self.members * self.answers_each

    @property
    def per_second(self) -> float:
        return self.acknowledged / self.window_seconds if self.window_seconds else 0.0


async def measure(subgroups: int = 20, members: int = 4, answers_each: int = 10) -> BotResult:
    result = BotResult(subgroups, members, answers_each)
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "bot.sqlite3"
        async with Sandbox(rate_limits=False) as sb:
            settings = Settings(
                token=sb.token,
                base_url=sb.base_url,
                db_path=db_path,
                board_delay=BOARD_DELAY,
                poll_timeout=1,
            )
            bot = RunningBot(build_application(settings), poll_timeout=1)
            started = time.monotonic()
            await bot.start()
            try:
                await sb.wait_until(lambda: sb.calls_named("getUpdates"), timeout=30)
                result.startup_seconds = sb.calls_named("getUpdates")[0].time - started
                await sb.wait_idle()
                result.rss_idle_mb = rss_mb()
                await _workshop(sb, result)
                result.rss_after_mb = rss_mb()
            finally:
                await bot.stop()
        with closing(sqlite3.connect(db_path)) as db, db:
            result.stored = db.execute("SELECT COUNT(*) FROM answers").fetchone()[0]
    return result


async def _workshop(sb: Sandbox, result: BotResult) -> None:
    fac = sb.add_user("Fatima")
    private = sb.private_chat(fac)
    await sb.send_message(private, fac, "/nieuw de wijk van morgen")
    await sb.wait_idle()
    code = sb.last_bot_message(private).text.split("/join ")[1].split()[0]
    groups = []
    for n in range(1, result.subgroups + 1):
        people = [sb.add_user(f"Lid {n}.{k}") for k in range(1, result.members + 1)]
        group = sb.add_group(f"Tafel {n}", members=people)
        await sb.send_message(group, people[0], f"/join {code}")
        groups.append((group, people))
    await sb.wait_idle(timeout=30)
    await sb.send_message(private, fac, "/begin")

    def question(group):
        asked = [m for m in sb.bot_messages(group) if m.force_reply]
        return asked[-1] if asked else None

    await sb.wait_until(lambda: all(question(g) for g, _ in groups), timeout=30)
    # Let every debounced edit of the set-up pass, so the window holds answers only.
    await asyncio.sleep(BOARD_DELAY + 0.3)
    await sb.wait_idle(timeout=30)

    acks = Acknowledgements(sb)
    sent_at, acked_at, collect = acks.sent_at, acks.acked_at, acks.collect

    async def answer(group, member, n: int, text: str):
        # Every other answer is a reply to the question, the others are /idee.
        if n % 2:
            reply_to = question(group).message_id
            t = time.monotonic()
            msg = await sb.send_message(group, member, text, reply_to=reply_to)
        else:
            t = time.monotonic()
            msg = await sb.send_message(group, member, f"/idee {text}")
        sent_at[(group.id, msg["message_id"])] = t

    first_send = time.monotonic()
    for n in range(result.answers_each):
        # One round: every member of every subgroup answers at the same moment.
        await asyncio.gather(
            *(
                answer(group, member, n, f"Waarde {n + 1} van {member.first_name}")
                for group, people in groups
                for member in people
            )
        )
        want = len(sent_at)
        try:
            await sb.wait_until(lambda want=want: collect() >= want, timeout=60, interval=0.002)
        except AssertionError:
            break  # reported below: fewer acknowledged than sent
    collect()
    result.sent = len(sent_at)
    result.acknowledged = len(acked_at)
    last_ack = max(acked_at.values(), default=first_send)
    result.window_seconds = last_ack - first_send
    result.latencies_ms = [(acked_at[k] - sent_at[k]) * 1000 for k in acked_at]

    # Board edits are debounced: wait for the last one before counting the calls.
    await asyncio.sleep(BOARD_DELAY + 0.5)
    await sb.wait_idle(timeout=30)
    window = [c for c in sb.calls if c.time >= first_send and c.method.lower() != "getupdates"]
    result.calls = Counter(c.method for c in window)
    result.calls_seconds = (window[-1].time - first_send) if window else 0.0


def main() -> None:
    args = [int(a) for a in sys.argv[1:4]]
    r = asyncio.run(measure(*args))
    total_calls = sum(r.calls.values())
    per_answer = total_calls / r.acknowledged if r.acknowledged else float("nan")
    print(
        f"bot end to end: {r.subgroups} subgroups x {r.members} members x {r.answers_each} "
        f"answers = {r.expected} answers, {r.members * r.subgroups} at once per round"
    )
    print("  (sandbox over HTTP, Telegram limits off; real SQLite file; board_delay 2.0 s)")
    print(f"  start-up to first getUpdates   {r.startup_seconds * 1000:7.0f} ms")
    print(f"  memory idle (process RSS)      {r.rss_idle_mb:7.0f} MB  (bot and sandbox)")
    print(f"  memory after the workshop      {r.rss_after_mb:7.0f} MB")
    print(f"  answers acknowledged           {r.acknowledged:7d}     of {r.sent} sent")
    print(
        f"  throughput                     {r.per_second:7.1f} answers/s  "
        f"({r.window_seconds:.2f} s first send to last reaction)"
    )
    if r.latencies_ms:
        print(
            "  latency answer -> reaction     "
            f"p50 {percentile(r.latencies_ms, 50):6.1f} ms   "
            f"p95 {percentile(r.latencies_ms, 95):6.1f} ms   "
            f"p99 {percentile(r.latencies_ms, 99):6.1f} ms   "
            f"max {max(r.latencies_ms):6.1f} ms"
        )
    print(
        f"  Bot API calls per answer       {per_answer:7.2f}     "
        f"({total_calls} calls in {r.calls_seconds:.1f} s, getUpdates excluded, "
        "until the last board edit)"
    )
    for method, count in r.calls.most_common():
        share = count / r.acknowledged if r.acknowledged else float("nan")
        print(f"    {method:<28} {count:5d}   {share:5.2f} per answer")
    print(f"  answers in SQLite              {r.stored:7d}")
    if r.stored != r.expected or r.acknowledged != r.expected:
        print(
            f"  WARNING: expected {r.expected} answers stored and acknowledged, "
            f"found {r.stored} stored and {r.acknowledged} acknowledged"
        )


if __name__ == "__main__":
    main()
