"""Time a broadcast to many subgroups against the sandbox with Telegram's limits on.

Run: .venv/bin/python benchmarks/bench_broadcast.py [subgroups]
Prints the time the facilitator's /begin takes to reach every subgroup (its question
and its board), next to the least time Telegram's 30-messages-per-second limit allows; then
the same for the start of stap 4: /bevestig on the values sends every subgroup the
confirmed values, its next question and its board.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.app import RunningBot, Settings, build_application  # noqa: E402
from bot.sandbox import Sandbox  # noqa: E402

TELEGRAM_MESSAGES_PER_SECOND = 30
# The sandbox's per-chat window (3 messages per 3 s): wait it out after the joins so the
# broadcast is measured on its own.
CHAT_WINDOW_SECONDS = 3.2


@dataclass
class BroadcastResult:
    subgroups: int
    messages: int
    seconds: float
    lower_bound: float
    rate_limited: int
    questions_per_group: list[int]
    boards_per_group: list[int]
    values_per_group: list[int] | None = None  # the start of stap 4 only

    @property
    def ratio(self) -> float:
        return self.seconds / self.lower_bound


async def measure(
    subgroups: int = 25, db_dir: Path | None = None
) -> tuple[BroadcastResult, BroadcastResult]:
    """Join N subgroups, then time /begin until every subgroup has its question and board;
    then each names a value, and time /bevestig until each has the values and stap 4."""
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(db_dir or tmp) / "broadcast.sqlite3"
        async with Sandbox(rate_limits=True) as sb:
            settings = Settings(
                token=sb.token,
                base_url=sb.base_url,
                db_path=db_path,
                board_delay=0.2,
                poll_timeout=1,
            )
            bot = RunningBot(build_application(settings), poll_timeout=1)
            await bot.start()
            try:
                fac, groups, begin = await _run(sb, subgroups)
                return begin, await _step4(sb, fac, groups)
            finally:
                await bot.stop()


async def _run(sb: Sandbox, subgroups: int):
    fac = sb.add_user("Fatima")
    private = sb.private_chat(fac)
    await sb.send_message(private, fac, "/nieuw de broadcast")
    await sb.wait_idle()
    code = sb.last_bot_message(private).text.split("/join ")[1].split()[0]
    groups = []
    for n in range(1, subgroups + 1):
        member = sb.add_user(f"Lid {n}")
        group = sb.add_group(f"Tafel {n}", members=[member])
        await sb.send_message(group, member, f"/join {code}")
        groups.append(group)
    await sb.wait_idle(timeout=60)
    await asyncio.sleep(CHAT_WINDOW_SECONDS)
    limited_before = sb.rate_limited_count

    def questions(group) -> int:
        return sum(1 for m in sb.bot_messages(group) if m.force_reply)

    def boards(group) -> int:
        return sum(1 for m in sb.bot_messages(group) if m.buttons)

    started = time.perf_counter()
    await sb.send_message(private, fac, "/begin")
    await sb.wait_until(lambda: all(questions(g) and boards(g) for g in groups), timeout=60)
    seconds = time.perf_counter() - started
    await sb.wait_idle(timeout=30)
    messages = 2 * subgroups
    return fac, groups, BroadcastResult(
        subgroups=subgroups,
        messages=messages,
        seconds=seconds,
        lower_bound=messages / TELEGRAM_MESSAGES_PER_SECOND,
        rate_limited=sb.rate_limited_count - limited_before,
        questions_per_group=[questions(g) for g in groups],
        boards_per_group=[boards(g) for g in groups],
    )


async def _step4(sb: Sandbox, fac, groups) -> BroadcastResult:
    """Every subgroup names a value and is done; the facilitator confirms the values."""
    private = sb.private_chat(fac)
    for n, group in enumerate(groups, start=1):
        member = next(u for u in sb.users.values() if u.first_name == f"Lid {n}")
        await sb.send_message(group, member, f"/idee Waarde nummer {n}")
        await sb.send_message(group, member, "/klaar")
    await sb.wait_idle(timeout=120)
    await sb.send_message(private, fac, "/plenair")
    await sb.wait_idle(timeout=120)
    await asyncio.sleep(CHAT_WINDOW_SECONDS)
    limited_before = sb.rate_limited_count
    seen = {g.id: len(sb.bot_messages(g)) for g in groups}

    def new(group) -> list:
        return sb.bot_messages(group)[seen[group.id] :]

    def values(group) -> int:
        return sum(1 for m in new(group) if m.text.startswith("Stap 4"))

    def questions(group) -> int:
        return sum(1 for m in new(group) if m.force_reply)

    def boards(group) -> int:
        return sum(1 for m in new(group) if m.buttons)

    def arrived(group) -> bool:
        return bool(values(group) and questions(group) and boards(group))

    started = time.perf_counter()
    await sb.send_message(private, fac, "/bevestig")
    await sb.wait_until(lambda: all(arrived(g) for g in groups), timeout=120)
    seconds = time.perf_counter() - started
    await sb.wait_idle(timeout=60)
    messages = sum(len(new(g)) for g in groups)
    return BroadcastResult(
        subgroups=len(groups),
        messages=messages,
        seconds=seconds,
        lower_bound=messages / TELEGRAM_MESSAGES_PER_SECOND,
        rate_limited=sb.rate_limited_count - limited_before,
        questions_per_group=[questions(g) for g in groups],
        boards_per_group=[boards(g) for g in groups],
        values_per_group=[values(g) for g in groups],
    )


def main() -> None:
    subgroups = int(sys.argv[1]) if len(sys.argv) > 1 else 25
    begin, step4 = asyncio.run(measure(subgroups))
    for label, result in (("/begin", begin), ("/bevestig, start of stap 4", step4)):
        print(
            f"broadcast of {label} to {result.subgroups} subgroups ({result.messages} messages), "
            "sandbox limits on"
        )
        print(f"  time            {result.seconds:6.2f} s")
        print(
            f"  lower bound     {result.lower_bound:6.2f} s  "
            f"({TELEGRAM_MESSAGES_PER_SECOND} messages per second)"
        )
        print(f"  ratio           {result.ratio:6.2f}")
        print(f"  429 answers     {result.rate_limited:6d}")


if __name__ == "__main__":
    main()
