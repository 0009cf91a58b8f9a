"""Updates by webhook against updates by long polling: how fast answers are handled.

Run: .venv/bin/python benchmarks/bench_webhook.py
The same load as bench_parallel.py (10 groups × 3 members × 40 answers, at most 4
unacknowledged per group; each Bot API call answered after 40 ms), against the bot as it
runs in production (`partnerschapkaart run`, its own process), once with long polling and
once with PARTNERSCHAPKAART_WEBHOOK_URL set: the sandbox then POSTs every update to the
bot's web server as Telegram does (at most 40 requests at once, each chat's in order) and
waits for the bot's answer, which comes once the update is handled. The POST itself has no
added latency (Telegram's servers are near each other; the bot's are not: count the
round trip to the bot's server on top). An answer is acknowledged when the bot's
setMessageReaction for it reaches the sandbox.
"""

from __future__ import annotations

import asyncio
import os
import socket
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench_parallel import (  # noqa: E402
    ANSWERS_EACH,
    GROUPS,
    IN_FLIGHT,
    LATENCY,
    MEMBERS,
    Run,
    _load,
    _stop,
    _workshop,
    cpu_seconds,
)

from bot.sandbox import Sandbox  # noqa: E402


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def measure(name: str, webhook: bool) -> tuple[Run, int]:
    run = Run(name)
    port = free_port()
    env = {"PARTNERSCHAPKAART_WEB": f"127.0.0.1:{port}"}
    if webhook:
        env["PARTNERSCHAPKAART_WEBHOOK_URL"] = f"http://127.0.0.1:{port}/telegram"
    with tempfile.TemporaryDirectory() as tmp:
        env["PARTNERSCHAPKAART_DB"] = str(Path(tmp) / "bot.sqlite3")
        async with Sandbox(rate_limits=False, latency=LATENCY) as sb:
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot.cli", "run",
                env={**os.environ, **env, "TELEGRAM_BOT_TOKEN": sb.token,
                     "TELEGRAM_API_BASE_URL": sb.base_url},
                stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
            )  # fmt: skip
            ready = "setWebhook" if webhook else "getUpdates"
            await sb.wait_until(lambda: sb.calls_named(ready), timeout=60)
            try:
                groups, _, _ = await _workshop(sb)
                cpu_before = cpu_seconds(process.pid)
                await _load(sb, groups, run)
                run.cpu_ms_per_answer = (cpu_seconds(process.pid) - cpu_before) * 1000 / max(
                    run.answers, 1
                )
            finally:
                await _stop(process)
            polls = len(sb.calls_named("getUpdates"))
            posts = len(sb.webhook_deliveries)
    return run, posts if webhook else polls


async def main() -> None:
    runs = [await measure("long polling", webhook=False), await measure("webhook", webhook=True)]
    print(f"webhook vs long polling: {GROUPS} groups x {MEMBERS} members x {ANSWERS_EACH} "
          f"answers, at most {IN_FLIGHT} unacknowledged per group; Bot API answers after "
          f"{LATENCY * 1000:.0f} ms; the bot its own process")  # fmt: skip
    print(f"  {'':14} {'answers/s':>9} {'ack p50':>8} {'ack p95':>8} {'CPU/answer':>10} "
          f"{'requests':>9}")  # fmt: skip
    for run, requests in runs:
        print(f"  {run.name:14} {run.per_second:9.1f} {run.p(50):6.0f}ms {run.p(95):6.0f}ms "
              f"{run.cpu_ms_per_answer:8.1f}ms {requests:9d}")  # fmt: skip
    (polling, _), (webhook, _) = runs
    print(f"  webhook / polling: answers/s x{webhook.per_second / polling.per_second:.2f}, "
          f"ack p50 x{webhook.p(50) / polling.p(50):.2f}  (requests: getUpdates calls for "
          f"polling, POSTs for the webhook)")  # fmt: skip


if __name__ == "__main__":
    asyncio.run(main())
