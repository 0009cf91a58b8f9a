"""The live board: how fast a change reaches the room's screens, and what a page weighs.

Run: .venv/bin/python benchmarks/bench_board.py
The bot runs as its own process (`partnerschapkaart run`, as in production) against the
sandbox over HTTP, with its live board on a free port of 127.0.0.1. A workshop of 3
subgroups reaches the values plenary (30 answers) and the facilitator types /scherm.

- Change → screen: 10 projector views are open (streams read as a browser reads them).
  Changes come from both shells in turn: a typed /tekst in the chat, and the control view's
  rephrase (POST /api/action). For each change, the time from sending it to the moment
  each view has a state with the new wording; p50/p95 over all views and changes
  (target p95 < 300 ms).
- Page weight: the projector page with everything it loads (target < 200 KB, nothing from
  another host).
- Memory per open view: the bot process's RSS before and after 200 more open projector
  views, divided by 200.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import socket
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench_bot import percentile  # noqa: E402
from bench_parallel import _start, _stop, memory_mb  # noqa: E402

from bot.sandbox import Sandbox  # noqa: E402

VIEWS, CHANGES, MORE_VIEWS = 10, 40, 200
GROUPS, ANSWERS_EACH = 3, 10
LINK = re.compile(r"(http://\S+)/scherm#(\S+)")
CONTROL = re.compile(r"http://\S+/bediening#(\S+)")
ASSET = re.compile(r"""(?:src|href)=["']([^"']+)["']""")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class View:
    """One open projector page: the newest state's item texts, with arrival times."""

    def __init__(self) -> None:
        self.arrivals: dict[str, float] = {}  # a wording → when it first showed
        self.changed = asyncio.Event()

    async def follow(self, http: aiohttp.ClientSession, base: str, token: str) -> None:
        response = await http.get(f"{base}/api/stream",
                                  headers={"Authorization": f"Bearer {token}"})  # fmt: skip
        data: list[str] = []
        async for raw in response.content:
            line = raw.decode().rstrip("\n")
            if line.startswith("data:"):
                data.append(line[5:])
            elif not line and data:
                state = json.loads("".join(data))
                data = []
                now = time.perf_counter()
                for column in state.get("columns", []):
                    for item in column["items"]:
                        self.arrivals.setdefault(item["text"], now)
                self.changed.set()


async def _plenary(sb: Sandbox) -> tuple[object, object]:
    fac = sb.add_user("Fatima")
    private = sb.private_chat(fac)
    await sb.send_message(private, fac, "/nieuw de wijk van morgen")
    await sb.wait_until(lambda: sb.bot_messages(private), timeout=30)
    code = sb.last_bot_message(private).text.split("/join ")[1].split()[0]
    for n in range(GROUPS):
        person = sb.add_user(f"Lid {n}")
        group = sb.add_group(f"Tafel {n}", members=[person])
        await sb.send_message(group, person, f"/join {code}")
        await sb.wait_idle()
        if n == 0:
            await sb.send_message(private, fac, "/begin")
            await sb.wait_idle()
        for k in range(ANSWERS_EACH):
            await sb.send_message(group, person, f"/idee Waarde {k} van tafel {n}")
    await sb.wait_idle()
    await sb.send_message(private, fac, "/plenair")
    await sb.wait_idle()
    await sb.send_message(private, fac, "/scherm")
    await sb.wait_until(lambda: CONTROL.search(sb.last_bot_message(private).text), timeout=30)
    return fac, private


async def _page_weight(http: aiohttp.ClientSession, base: str) -> tuple[int, list[str]]:
    total, outside = 0, []
    seen: set[str] = set()
    todo = ["/scherm"]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        async with http.get(base + path) as response:
            body = await response.read()
        total += len(body)
        text = body.decode("utf-8", "replace")
        outside += [u for u in re.findall(r"https?://[^\s\"')]+", text)
                    if not u.startswith("http://www.w3.org/")]  # an XML namespace, not fetched
        for ref in ASSET.findall(text):
            if ref.startswith("/"):
                todo.append(ref)
            elif not ref.startswith(("#", "data:")):
                todo.append("/" + ref.lstrip("./") if "://" not in ref else ref)
    return total, outside


async def main() -> None:
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            "PARTNERSCHAPKAART_DB": str(Path(tmp) / "bot.sqlite3"),
            "PARTNERSCHAPKAART_WEB": f"127.0.0.1:{port}",
        }
        async with Sandbox(rate_limits=False) as sb:
            process = await _start(sb, [sys.executable, "-m", "bot.cli", "run"], env)
            try:
                fac, private = await _plenary(sb)
                said = "\n".join(m.text for m in sb.bot_messages(private)[-2:])
                base, token = LINK.search(said).groups()
                control = CONTROL.search(said)[1]
                connections = aiohttp.TCPConnector(limit=0)  # as many views as we open
                async with aiohttp.ClientSession(connector=connections) as http:
                    weight, outside = await _page_weight(http, base)
                    views = [View() for _ in range(VIEWS)]
                    readers = [asyncio.create_task(v.follow(http, base, token)) for v in views]
                    await _all_showing(views, readers)
                    latencies, by_shell = [], {"chat": [], "board": []}
                    for n in range(CHANGES):
                        wording = f"Samen sterk in de wijk {n}"
                        shell = "chat" if n % 2 == 0 else "board"
                        started = time.perf_counter()
                        if shell == "chat":
                            await sb.send_message(private, fac, f"/tekst 1 {wording}")
                        else:
                            version = await _version(http, base, token)
                            await http.post(
                                f"{base}/api/action",
                                headers={"Authorization": f"Bearer {control}"},
                                json={"request": f"bench-{n:04d}", "op": "tekst",
                                      "column": 1, "version": version, "numbers": [1],
                                      "text": wording},
                            )  # fmt: skip
                        deadline = time.monotonic() + 10
                        while not all(wording in v.arrivals for v in views):
                            if time.monotonic() > deadline:
                                raise TimeoutError(f"change {n} did not reach every view")
                            await asyncio.sleep(0.002)
                        for v in views:
                            ms = (v.arrivals[wording] - started) * 1000
                            latencies.append(ms)
                            by_shell[shell].append(ms)
                        await sb.wait_idle(0.05)
                    rss_before = memory_mb(process.pid)
                    more = [View() for _ in range(MORE_VIEWS)]
                    readers += [asyncio.create_task(v.follow(http, base, token)) for v in more]
                    await _all_showing(more, readers)
                    await asyncio.sleep(0.5)
                    rss_after = memory_mb(process.pid)
                    for reader in readers:
                        reader.cancel()
            finally:
                await _stop(process)
    print(f"live board: {VIEWS} open projector views, {CHANGES} changes (half typed in the "
          f"chat, half on the control view); the bot in its own process")  # fmt: skip
    print(f"  change -> every view: p50 {percentile(latencies, 50):.0f} ms, "
          f"p95 {percentile(latencies, 95):.0f} ms (target p95 < 300 ms); "
          f"chat p95 {percentile(by_shell['chat'], 95):.0f} ms, "
          f"control view p95 {percentile(by_shell['board'], 95):.0f} ms")  # fmt: skip
    print(f"  page weight: {weight / 1024:.1f} KB with everything it loads (target < 200 KB);"
          f" addresses of other hosts in it: {len(outside)}")  # fmt: skip
    per_view = (rss_after - rss_before) * 1024 / MORE_VIEWS
    print(f"  memory per open view: {per_view:.0f} KB (bot RSS {rss_before:.0f} MB -> "
          f"{rss_after:.0f} MB with {MORE_VIEWS} more views)")  # fmt: skip


async def _all_showing(views: list[View], readers: list[asyncio.Task]) -> None:
    deadline = time.monotonic() + 30
    while not all(v.arrivals for v in views):
        failed = [r for r in readers if r.done()]
        if failed:
            raise RuntimeError("a view stopped reading") from failed[0].exception()
        if time.monotonic() > deadline:
            showing = sum(1 for v in views if v.arrivals)
            raise TimeoutError(f"{showing} of {len(views)} views show the board")
        await asyncio.sleep(0.05)


async def _version(http: aiohttp.ClientSession, base: str, token: str) -> int:
    """The list's version as a page sees it (the control view sends it with a change)."""
    async with http.get(f"{base}/api/stream",
                        headers={"Authorization": f"Bearer {token}"}) as response:  # fmt: skip
        data = []
        async for raw in response.content:
            line = raw.decode().rstrip("\n")
            if line.startswith("data:"):
                data.append(line[5:])
            elif not line and data:
                return int(json.loads("".join(data))["version"])
    raise RuntimeError("no state")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONWARNINGS", "ignore")
    asyncio.run(main())
