"""The sandbox's webhooks behave as Telegram documents them: POSTs with the secret header,
each chat's updates in order, a failed delivery tried again, getUpdates refused."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp import web

from bot.sandbox import Sandbox


class Receiver:
    """A web server standing in for a bot: records what arrives, answers as told."""

    def __init__(self) -> None:
        self.received: list[tuple[int, str | None]] = []
        self.answers: list[int] = []  # statuses to answer first, then 200
        self.url = ""
        self._runner: web.AppRunner | None = None

    async def _hook(self, request: web.Request) -> web.Response:
        update = await request.json()
        self.received.append(
            (update["update_id"], request.headers.get("X-Telegram-Bot-Api-Secret-Token"))
        )
        return web.Response(status=self.answers.pop(0) if self.answers else 200)

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/hook", self._hook)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.url = f"http://127.0.0.1:{self._runner.addresses[0][1]}/hook"

    async def stop(self) -> None:
        assert self._runner is not None
        await self._runner.cleanup()


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    r = Receiver()
    await r.start()
    yield r
    await r.stop()


async def call(sandbox: Sandbox, method: str, **params) -> tuple[int, dict]:
    async with aiohttp.ClientSession() as session:
        async with session.post(f"{sandbox.base_url}{sandbox.token}/{method}",
                                json=params) as response:  # fmt: skip
            return response.status, await response.json()


async def test_updates_are_posted_with_the_secret_and_polling_is_refused(
    sandbox: Sandbox, receiver: Receiver
):
    status, _ = await call(sandbox, "setWebhook", url=receiver.url, secret_token="abc_DEF-1")
    assert status == 200
    anna = sandbox.add_user("Anna")
    await sandbox.send_message(sandbox.private_chat(anna), anna, "hallo")
    await sandbox.wait_idle()
    assert [secret for _, secret in receiver.received] == ["abc_DEF-1"]
    status, body = await call(sandbox, "getUpdates")
    assert status == 409
    assert "webhook is active" in body["description"]
    _, info = await call(sandbox, "getWebhookInfo")
    assert info["result"]["url"] == receiver.url
    assert info["result"]["max_connections"] == 40
    assert info["result"]["pending_update_count"] == 0

    assert (await call(sandbox, "deleteWebhook"))[0] == 200
    await sandbox.send_message(sandbox.private_chat(anna), anna, "nog eens")
    status, body = await call(sandbox, "getUpdates")
    assert status == 200
    assert [u["message"]["text"] for u in body["result"]] == ["nog eens"]


async def test_a_failed_delivery_comes_again_and_the_chat_waits_for_it(
    sandbox: Sandbox, receiver: Receiver
):
    await call(sandbox, "setWebhook", url=receiver.url)
    receiver.answers = [500, 502]
    anna = sandbox.add_user("Anna")
    chat = sandbox.private_chat(anna)
    await sandbox.send_message(chat, anna, "een")
    await sandbox.send_message(chat, anna, "twee")
    await sandbox.wait_idle()
    ids = [update_id for update_id, _ in receiver.received]
    # The first came three times (two errors, then 200); the second only after it.
    assert ids[:3] == [ids[0]] * 3
    assert len(ids) == 4
    assert ids[3] != ids[0]
    assert sandbox.webhook_statuses(ids[0]) == [500, 502, 200]
    _, info = await call(sandbox, "getWebhookInfo")
    assert "502" in info["result"]["last_error_message"]


@pytest.mark.parametrize(
    ("params", "refusal"),
    [
        ({"url": "http://bot.example.nl/hook"}, "HTTPS URL"),
        ({"url": "https://bot.example.nl:8080/hook"}, "ports 80, 88, 443 or 8443"),
        ({"url": "https://bot.example.nl/hook", "secret_token": "geen geheim"}, "secret token"),
        ({"url": "https://bot.example.nl/hook", "max_connections": 101}, "max_connections"),
    ],
)
async def test_a_webhook_telegram_refuses_is_refused(sandbox: Sandbox, params, refusal):
    status, body = await call(sandbox, "setWebhook", **params)
    assert status == 400
    assert refusal in body["description"]
    assert sandbox.webhook_url == ""


async def test_no_answer_at_all_is_tried_again(sandbox: Sandbox, receiver: Receiver):
    url = receiver.url
    await receiver.stop()  # nobody listens
    await call(sandbox, "setWebhook", url=url)
    anna = sandbox.add_user("Anna")
    await sandbox.send_message(sandbox.private_chat(anna), anna, "hallo")
    await sandbox.wait_until(lambda: bool(sandbox.webhook_deliveries))
    assert sandbox.webhook_deliveries[0].status is None
    await receiver.start()  # listening again, perhaps on another port
    await call(sandbox, "setWebhook", url=receiver.url)
    await sandbox.wait_idle()
    assert [t for t, _ in receiver.received] == [sandbox.webhook_deliveries[0].update_id]
