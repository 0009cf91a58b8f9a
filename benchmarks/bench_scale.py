"""How many simultaneous workshops one bot process carries, and what runs out first:
Telegram's ~30 messages a second per bot, or the bot's CPU.

Run: .venv/bin/python benchmarks/bench_scale.py [N N ...] (default: 10 20 40 workshops)
The bot runs as its own process (`partnerschapkaart run`, as in production, with the live
board and its /metrics on) against the sandbox over HTTP; each Bot API call takes 40 ms
(about Telegram's), the sandbox's own limits are off, the bot's rate limiter is on.

A workshop: 4 subgroups (group chats) of 5 members in stap 4 (the values plenary done),
every member giving an answer (/idee) every 20 to 40 seconds, at random: a busy pace; after
every 10 answers of a subgroup, /klaar takes it to its next column (a new question and a
new board).

Time is compressed COMPRESSION times: N/COMPRESSION workshops run, their people answering
COMPRESSION times as fast, for WINDOW seconds. The bot then gets the updates and sends the
messages of N real workshops each second (its per-group board debounce merges a little
more than it would); that is the load each row reports.

Per N: updates per second, new messages per second (what Telegram's 30/s is about) and all
outgoing calls per second (new messages, edits and reactions; counted against 30/s too, the
careful reading), CPU time of the bot process per update, the p95 of an answer's
acknowledgement (answer sent → the bot's reaction arrives) and the p95 of handling from the
bot's own /metrics. Then the number of workshops at which each limit is reached, and their
ratio. The latencies depend on how busy the machine is (its load average is printed); CPU
time per update hardly does.
"""

from __future__ import annotations

import asyncio
import os
import random
import socket
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
from prometheus_client.parser import text_string_to_metric_families

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from bench_bot import Acknowledgements, percentile  # noqa: E402
from bench_parallel import _stop, cpu_seconds  # noqa: E402

from bot.ratelimit import NEW_MESSAGE_METHODS  # noqa: E402
from bot.sandbox import Sandbox  # noqa: E402

SUBGROUPS, MEMBERS = 4, 5
PACE = (20.0, 40.0)  # seconds between one member's answers, in real workshop time
PER_COLUMN = 10  # a subgroup's answers before it says /klaar
COMPRESSION = 2
WINDOW = 30.0  # wall-clock seconds of load per N
LATENCY = 0.04
TELEGRAM_PER_SECOND = 30


@dataclass
class Step:
    workshops: int
    seconds: float = 0.0
    answers: int = 0
    updates: int = 0
    new_messages: int = 0
    calls_out: int = 0  # every call but getUpdates
    cpu_seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    handling_p95_s: float = float("nan")

    def rate(self, count: int) -> float:
        """Per second: what N real workshops give."""
        return count / self.seconds

    @property
    def cpu_ms_per_update(self) -> float:
        return self.cpu_seconds * 1000 / max(self.updates, 1)

    @property
    def cpu_share(self) -> float:
        """Share of one core the bot uses for N workshops."""
        return self.cpu_seconds / self.seconds


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def _start(sb: Sandbox, db: Path, port: int):
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": sb.token, "TELEGRAM_API_BASE_URL": sb.base_url,
           "PARTNERSCHAPKAART_DB": str(db), "PARTNERSCHAPKAART_WEB": f"127.0.0.1:{port}",
           "PARTNERSCHAPKAART_LOG_LEVEL": "WARNING"}  # fmt: skip
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run", env=env,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    await sb.wait_until(lambda: sb.calls_named("getUpdates"), timeout=60)
    return process


async def _workshops(sb: Sandbox, n: int) -> list[tuple]:
    """n workshops in stap 4: each facilitator's /nieuw, the groups' /join, /begin, a value
    per group, and the values plenary (/plenair, /bevestig)."""
    groups: list[tuple] = []
    facilitators = []

    async def one(w: int) -> None:
        fac = sb.add_user(f"Facilitator {w}")
        private = sb.private_chat(fac)
        await sb.send_message(private, fac, f"/nieuw workshop {w}")
        await sb.wait_until(lambda: sb.bot_messages(private), timeout=120)
        code = sb.last_bot_message(private).text.split("/join ")[1].split()[0]
        mine = []
        for g in range(SUBGROUPS):
            people = [sb.add_user(f"Lid {w}.{g}.{k}") for k in range(MEMBERS)]
            group = sb.add_group(f"Tafel {w}.{g}", members=people)
            await sb.send_message(group, people[0], f"/join {code}")
            mine.append((group, people))
        await sb.wait_until(lambda: all(sb.bot_messages(g) for g, _ in mine), timeout=300)
        await sb.send_message(private, fac, "/begin")
        groups.extend(mine)
        facilitators.append((fac, private))

    await asyncio.gather(*(one(w) for w in range(n)))
    await _asked(sb, groups, 1)
    for group, people in groups:
        await sb.send_message(group, people[0], f"/idee Een waarde van {group.title}")
    await sb.wait_idle(timeout=300, quiet=0.5)
    for fac, private in facilitators:
        await sb.send_message(private, fac, "/plenair")
        await sb.wait_idle(timeout=300, quiet=0.2)
        await sb.send_message(private, fac, "/bevestig")
    await _asked(sb, groups, 2)
    await sb.wait_idle(timeout=300, quiet=0.5)
    return groups


async def _asked(sb: Sandbox, groups: list[tuple], questions: int) -> None:
    await sb.wait_until(
        lambda: all(sum(m.force_reply for m in sb.bot_messages(g)) >= questions
                    for g, _ in groups),
        timeout=300,
    )  # fmt: skip


async def _load(sb: Sandbox, groups: list[tuple], step: Step, pid: int) -> None:
    acks = Acknowledgements(sb)
    rng = random.Random(13)
    start = time.monotonic()
    end = start + WINDOW

    given: dict[int, int] = {}

    async def member(group, person) -> None:
        n = 0
        # Members do not all start at once: the first answer comes somewhere in a pace.
        await asyncio.sleep(rng.uniform(0, PACE[1]) / COMPRESSION)
        while time.monotonic() < end:
            sent = time.monotonic()
            msg = await sb.send_message(group, person, f"/idee Idee {n} van {person.first_name}")
            acks.sent_at[(group.id, msg["message_id"])] = sent
            n += 1
            given[group.id] = given.get(group.id, 0) + 1
            if given[group.id] % PER_COLUMN == 0:
                await sb.send_message(group, person, "/klaar")
            await asyncio.sleep(rng.uniform(*PACE) / COMPRESSION)

    calls_before = len(sb.calls)
    cpu_before = cpu_seconds(pid)
    await asyncio.gather(*(member(g, p) for g, people in groups for p in people))
    step.seconds = time.monotonic() - start
    step.cpu_seconds = cpu_seconds(pid) - cpu_before
    window = [c for c in sb.calls[calls_before:] if c.time <= start + step.seconds]
    step.new_messages = sum(c.method in NEW_MESSAGE_METHODS for c in window)
    step.calls_out = sum(c.method != "getUpdates" for c in window)
    step.answers = len(acks.sent_at)
    await sb.wait_until(lambda: acks.collect() >= len(acks.sent_at), timeout=300, interval=0.01)
    step.latencies_ms = [(acks.acked_at[k] - acks.sent_at[k]) * 1000 for k in acks.acked_at]


async def _scrape(port: int) -> dict:
    async with aiohttp.ClientSession() as session:
        async with session.get(f"http://127.0.0.1:{port}/metrics") as response:
            text = await response.text()
    return {f.name: f for f in text_string_to_metric_families(text)}


def _buckets(family) -> list[tuple[float, float]]:
    return sorted(
        (float(s.labels["le"]), s.value) for s in family.samples if s.name.endswith("_bucket")
    )


def _p95_between(before, after) -> float:
    """The histogram bucket that holds the 95th percentile of what came in between."""
    counts = [(le, a - b) for (le, a), (_, b) in zip(_buckets(after), _buckets(before),
                                                     strict=True)]  # fmt: skip
    total = counts[-1][1]
    return next(le for le, count in counts if count >= 0.95 * total)


async def measure(n: int) -> Step:
    """The load of n real workshops: n/COMPRESSION of them, COMPRESSION times as fast."""
    step = Step(n)
    with tempfile.TemporaryDirectory() as tmp:
        async with Sandbox(rate_limits=False, latency=LATENCY) as sb:
            port = _free_port()
            process = await _start(sb, Path(tmp) / "bot.sqlite3", port)
            try:
                groups = await _workshops(sb, max(1, n // COMPRESSION))
                before = await _scrape(port)
                await _load(sb, groups, step, process.pid)
                after = await _scrape(port)
            finally:
                await _stop(process)
    received = "partnerschapkaart_updates_received"
    step.updates = int(sum(s.value for s in after[received].samples if s.name.endswith("_total"))
                       - sum(s.value for s in before[received].samples
                             if s.name.endswith("_total")))  # fmt: skip
    handling = "partnerschapkaart_update_handling_seconds"
    step.handling_p95_s = _p95_between(before[handling], after[handling])
    return step


async def main(sizes: list[int]) -> None:
    print(f"N workshops in one process: {SUBGROUPS} subgroups x {MEMBERS} members, one answer "
          f"per member every {PACE[0]:.0f}-{PACE[1]:.0f} s, /klaar after {PER_COLUMN}; "
          f"N/{COMPRESSION} workshops at x{COMPRESSION} pace for {WINDOW:.0f} s per N; "
          f"Bot API calls take {LATENCY * 1000:.0f} ms; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")  # fmt: skip
    print(f"  {'N':>4} {'updates/s':>9} {'msgs/s':>7} {'calls/s':>8} {'CPU/update':>10} "
          f"{'CPU (1 core)':>12} {'ack p95':>8} {'handling p95':>12}")  # fmt: skip
    steps = []
    for n in sizes:
        step = await measure(n)
        steps.append(step)
        p95 = percentile(step.latencies_ms, 95) if step.latencies_ms else float("nan")
        print(f"  {n:4d} {step.rate(step.updates):9.2f} {step.rate(step.new_messages):7.2f} "
              f"{step.rate(step.calls_out):8.2f} {step.cpu_ms_per_update:8.1f}ms "
              f"{step.cpu_share * 100:11.1f}% {p95:6.0f}ms "
              f"{'<= ' + format(step.handling_p95_s, 'g') + ' s':>12}", flush=True)  # fmt: skip
    # Per workshop, from the largest N (the steadiest figures).
    big = steps[-1]
    calls_each = big.rate(big.calls_out) / big.workshops
    messages_each = big.rate(big.new_messages) / big.workshops
    cpu_each = big.cpu_share / big.workshops
    by_calls = TELEGRAM_PER_SECOND / calls_each
    by_messages = TELEGRAM_PER_SECOND / messages_each if messages_each else float("inf")
    by_cpu = 1 / cpu_each
    print(f"  per workshop: {messages_each:.3f} new messages/s, {calls_each:.2f} outgoing "
          f"calls/s (new messages, edits, reactions), {cpu_each * 100:.2f}% of a core")
    print(f"  Telegram's {TELEGRAM_PER_SECOND}/s is reached at ~{by_calls:.0f} workshops "
          f"counting every outgoing call (~{by_messages:.0f} counting new messages only); "
          f"one core at ~{by_cpu:.0f} workshops")
    print(f"  ratio CPU limit / Telegram limit: x{by_cpu / by_calls:.1f} "
          f"({'Telegram' if by_cpu > by_calls else 'the CPU'} is the bottleneck first)")


if __name__ == "__main__":
    asyncio.run(main([int(a) for a in sys.argv[1:]] or [10, 20, 40]))
