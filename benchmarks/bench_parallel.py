"""Chats in parallel against one update at a time, and against a minimal PTB bot.

Run: .venv/bin/python benchmarks/bench_parallel.py
Each bot runs as its own process (`partnerschapkaart run`, as in production) against the
sandbox over HTTP; the sandbox answers each Bot API call after 40 ms, about what a call to
Telegram's servers takes, and its rate limits are off (the bots' own limiters stay on).
Load: 10 groups × 3 members × 40 answers (/idee …), each group keeping at most 4 answers
unacknowledged, as people who wait a moment for the ✍ before typing on. An answer is
acknowledged when the bot's setMessageReaction for it reaches the sandbox.

Compared, in the same run:
- this bot as it runs: chats in parallel, each in order; messages go out per chat from
  the outbox while updates go on being handled;
- this bot one update at a time, each waiting for its messages to go out
  (PARTNERSCHAPKAART_SEQUENTIAL=1: python-telegram-bot's default way);
- a minimal PTB bot (benchmarks/echo_bot.py) that only reacts: the floor.
CPU and memory are the bot process's own (/proc), not the sandbox's.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench_bot import Acknowledgements, percentile  # noqa: E402

from bot.sandbox import Sandbox  # noqa: E402

GROUPS, MEMBERS, ANSWERS_EACH, IN_FLIGHT = 10, 3, 40, 4
LATENCY = 0.04
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def memory_mb(pid: int, key: str = "VmRSS") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


@dataclass
class Run:
    name: str
    answers: int = 0
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    cpu_ms_per_answer: float = 0.0
    rss_idle_mb: float = 0.0
    rss_after_mb: float = 0.0
    rss_peak_export_mb: float | None = None
    rss_after_export_mb: float | None = None

    @property
    def per_second(self) -> float:
        return self.answers / self.seconds if self.seconds else 0.0

    def p(self, q: float) -> float:
        return percentile(self.latencies_ms, q) if self.latencies_ms else float("nan")


async def _start(sb: Sandbox, command: list[str], env: dict[str, str]):
    process = await asyncio.create_subprocess_exec(
        *command, env={**os.environ, **env, "TELEGRAM_BOT_TOKEN": sb.token,
                       "TELEGRAM_API_BASE_URL": sb.base_url},
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    await sb.wait_until(lambda: sb.calls_named("getUpdates"), timeout=60)
    return process


async def _stop(process) -> None:
    process.terminate()
    try:
        await asyncio.wait_for(process.wait(), 30)
    except TimeoutError:
        process.kill()
        await process.wait()


async def _workshop(sb: Sandbox) -> tuple[list, object, object]:
    """/nieuw, every group joins, /begin: the groups, and the facilitator's chat."""
    fac = sb.add_user("Fatima")
    private = sb.private_chat(fac)
    await sb.send_message(private, fac, "/nieuw de wijk van morgen")
    await sb.wait_until(lambda: sb.bot_messages(private), timeout=30)
    code = sb.last_bot_message(private).text.split("/join ")[1].split()[0]
    groups = []
    for n in range(GROUPS):
        people = [sb.add_user(f"Lid {n}.{k}") for k in range(MEMBERS)]
        group = sb.add_group(f"Tafel {n}", members=people)
        await sb.send_message(group, people[0], f"/join {code}")
        groups.append((group, people))
    await sb.wait_until(lambda: len([m for g, _ in groups for m in sb.bot_messages(g)])
                        >= GROUPS, timeout=60)  # fmt: skip
    await sb.send_message(private, fac, "/begin")
    await sb.wait_until(
        lambda: all(any(m.force_reply for m in sb.bot_messages(g)) for g, _ in groups),
        timeout=60,
    )
    await asyncio.sleep(1.0)  # let the set-up's board edits pass
    return groups, fac, private


async def _load(sb: Sandbox, groups: list, run: Run) -> None:
    acks = Acknowledgements(sb)
    sent_at, acked_at, collect = acks.sent_at, acks.acked_at, acks.collect

    async def group_answers(group, people) -> None:
        mine: list[tuple[int, int]] = []
        for n in range(MEMBERS * ANSWERS_EACH):
            while sum(1 for k in mine if k not in acked_at) >= IN_FLIGHT:
                collect()
                await asyncio.sleep(0.002)
            member = people[n % MEMBERS]
            t = time.monotonic()
            msg = await sb.send_message(group, member, f"/idee Waarde {n} van {member.first_name}")
            key = (group.id, msg["message_id"])
            sent_at[key] = t
            mine.append(key)

    first = time.monotonic()
    await asyncio.gather(*(group_answers(g, p) for g, p in groups))
    await sb.wait_until(lambda: collect() >= len(sent_at), timeout=300, interval=0.005)
    run.answers = len(acked_at)
    run.seconds = max(acked_at.values()) - first
    run.latencies_ms = [(acked_at[k] - sent_at[k]) * 1000 for k in acked_at]


async def measure(name: str, command: list[str], env: dict[str, str], ours: bool) -> Run:
    run = Run(name)
    with tempfile.TemporaryDirectory() as tmp:
        env = {**env, "PARTNERSCHAPKAART_DB": str(Path(tmp) / "bot.sqlite3")}
        async with Sandbox(rate_limits=False, latency=LATENCY) as sb:
            process = await _start(sb, command, env)
            try:
                if ours:
                    groups, fac, private = await _workshop(sb)
                else:
                    groups = []
                    for n in range(GROUPS):
                        people = [sb.add_user(f"Lid {n}.{k}") for k in range(MEMBERS)]
                        groups.append((sb.add_group(f"Tafel {n}", members=people), people))
                    await asyncio.sleep(0.5)
                run.rss_idle_mb = memory_mb(process.pid)
                cpu_before = cpu_seconds(process.pid)
                await _load(sb, groups, run)
                run.cpu_ms_per_answer = (cpu_seconds(process.pid) - cpu_before) * 1000 / max(
                    run.answers, 1
                )
                run.rss_after_mb = memory_mb(process.pid)
                if ours:
                    await sb.send_message(private, fac, "/export")
                    await sb.wait_until(lambda: len(sb.calls_named("sendDocument")) >= 5,
                                        timeout=120)  # fmt: skip
                    await asyncio.sleep(2.0)
                    run.rss_peak_export_mb = memory_mb(process.pid, "VmHWM")
                    run.rss_after_export_mb = memory_mb(process.pid)
            finally:
                await _stop(process)
    return run


async def main() -> None:
    ours = [sys.executable, "-m", "bot.cli", "run"]
    runs = [
        await measure("this bot: chats in parallel", ours, {}, ours=True),
        await measure("this bot: one update at a time", ours,
                      {"PARTNERSCHAPKAART_SEQUENTIAL": "1"}, ours=True),  # fmt: skip
        await measure("minimal PTB bot (reacts only)",
                      [sys.executable, str(HERE / "echo_bot.py")], {}, ours=False),  # fmt: skip
    ]
    print(f"chats in parallel: {GROUPS} groups x {MEMBERS} members x {ANSWERS_EACH} answers, "
          f"at most {IN_FLIGHT} unacknowledged per group; Bot API answers after "
          f"{LATENCY * 1000:.0f} ms; each bot its own process")  # fmt: skip
    print(f"  {'':32} {'answers/s':>9} {'ack p50':>8} {'ack p95':>8} {'CPU/answer':>10} "
          f"{'RSS idle':>8} {'after':>6} {'export peak':>11} {'after':>6}")  # fmt: skip
    for r in runs:
        peak = f"{r.rss_peak_export_mb:8.0f} MB" if r.rss_peak_export_mb else f"{'-':>11}"
        after = f"{r.rss_after_export_mb:4.0f} MB" if r.rss_after_export_mb else f"{'-':>7}"
        print(f"  {r.name:32} {r.per_second:9.1f} {r.p(50):6.0f}ms {r.p(95):6.0f}ms "
              f"{r.cpu_ms_per_answer:8.1f}ms {r.rss_idle_mb:5.0f} MB {r.rss_after_mb:3.0f} MB "
              f"{peak} {after}")  # fmt: skip
    parallel, sequential, echo = runs
    speed_up = parallel.per_second / sequential.per_second
    print(f"  parallel / one at a time: answers/s x{speed_up:.2f} (target >= 2),"
          f" ack p95 x{parallel.p(95) / sequential.p(95):.2f} (target <= 0.5)")
    print(f"  parallel / minimal PTB bot: answers/s x{parallel.per_second / echo.per_second:.2f},"
          f" ack p95 x{parallel.p(95) / echo.p(95):.2f},"
          f" CPU per answer x{parallel.cpu_ms_per_answer / echo.cpu_ms_per_answer:.2f}")


if __name__ == "__main__":
    asyncio.run(main())
