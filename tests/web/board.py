"""Helpers for the live board's tests: a bot with its web server, and a page's stream."""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import urlencode

import aiohttp

from bot.sandbox import Sandbox
from tests.bot.conftest import BotProcess
from tests.bot.story import facilitator_says, new_workshop
from web.auth import init_data_hash

SCREEN_LINK = re.compile(r"(http://\S+/scherm)#(\S+)")
CONTROL_LINK = re.compile(r"(http://\S+/bediening)#(\S+)")


class WebBot(BotProcess):
    """The bot with its live board on a free port of 127.0.0.1."""

    def __init__(self, sandbox: Sandbox, db_path: Path, **kwargs) -> None:
        super().__init__(sandbox, db_path, **kwargs)
        from dataclasses import replace

        self.settings = replace(self.settings, web="127.0.0.1:0")

    @property
    def board(self):
        assert self.running is not None
        return self.running.app.bot_data.board

    @property
    def url(self) -> str:
        return self.board.public_url


def init_data(user_id: int, bot_token: str, *, age: float = 0, first_name: str = "Fatima") -> str:
    """initData as Telegram hands it to a Mini App opened by this user."""
    fields = {
        "auth_date": str(int(time.time() - age)),
        "query_id": "AAH-test",
        "user": json.dumps({"id": user_id, "first_name": first_name}, separators=(",", ":")),
    }
    fields["hash"] = init_data_hash(fields, bot_token)
    return urlencode(fields)


async def plenary_with_screen(sandbox: Sandbox, fac, groups: dict, answers: dict) -> dict:
    """A workshop whose subgroups gave ``answers`` (group name → texts), in the values
    plenary, with the screen on; the links /scherm gave."""
    code = await new_workshop(sandbox, fac, "de wijk")
    for chat, member in groups.values():
        await sandbox.send_message(chat, member, f"/join {code}")
    await sandbox.wait_idle()
    await facilitator_says(sandbox, fac, "/begin")
    for name, texts in answers.items():
        chat, member = groups[name]
        for text in texts:
            await sandbox.send_message(chat, member, f"/idee {text}")
    await sandbox.wait_idle()
    await facilitator_says(sandbox, fac, "/plenair")
    said = await facilitator_says(sandbox, fac, "/scherm")
    screen = SCREEN_LINK.search(said)
    control = CONTROL_LINK.search(said)
    assert screen, said
    assert control, said
    return {"screen": screen[2], "control": control[2], "said": said, "base": screen[1]}


class Page:
    """One open page's stream: the states (and a closing message) as they arrive."""

    def __init__(self, response: aiohttp.ClientResponse) -> None:
        self.response = response
        self.states: list[dict] = []
        self.closed: str | None = None
        self.arrived = asyncio.Event()
        self.times: list[float] = []

    async def read(self) -> None:
        event, data = "message", []
        async for raw in self.response.content:
            line = raw.decode().rstrip("\n")
            if line.startswith(":"):
                continue
            if line.startswith("event:"):
                event = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].strip())
            elif not line and data:
                body = json.loads("\n".join(data))
                if event == "state":
                    self.states.append(body)
                    self.times.append(time.perf_counter())
                elif event == "closed":
                    self.closed = body["message"]
                self.arrived.set()
                event, data = "message", []

    async def next_state(self, after: int, wait: float = 5.0) -> dict:
        """The first state after the first ``after`` ones."""
        deadline = time.monotonic() + wait
        while len(self.states) <= after:
            self.arrived.clear()
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no new state")
            await asyncio.wait_for(self.arrived.wait(), left)
        return self.states[after]

    async def until(self, check, wait: float = 5.0) -> dict:
        """The first state (from the newest seen) for which check(state) holds."""
        seen = max(0, len(self.states) - 1)
        deadline = time.monotonic() + wait
        while True:
            for state in self.states[seen:]:
                if check(state):
                    return state
            seen = len(self.states)
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no state matched; last: {self.states[-1:]}")
            self.arrived.clear()
            with_timeout = asyncio.wait_for(self.arrived.wait(), left)
            try:
                await with_timeout
            except TimeoutError:
                pass

    async def wait_closed(self, wait: float = 5.0) -> str:
        """The message of the stream's end (the link was switched off)."""
        deadline = time.monotonic() + wait
        while self.closed is None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("the stream was not closed")
            self.arrived.clear()
            try:
                await asyncio.wait_for(self.arrived.wait(), left)
            except TimeoutError:
                pass
        return self.closed


@asynccontextmanager
async def open_page(base: str, token: str) -> AsyncIterator[Page]:
    """Open the board's stream as a page does, and read it in the background."""
    async with aiohttp.ClientSession() as http:
        response = await http.get(
            f"{base}/api/stream", headers={"Authorization": f"Bearer {token}"}
        )
        assert response.status == 200, await response.text()
        page = Page(response)
        reader = asyncio.create_task(page.read())
        try:
            await page.next_state(0)
            yield page
        finally:
            reader.cancel()
            response.close()


def items(state: dict, column: int = 1) -> list[str]:
    return [i["text"] for i in state["columns"][column - 1]["items"]]
