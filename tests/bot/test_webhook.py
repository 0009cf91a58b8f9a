"""Webhook mode end to end: the real Application with its web server, the sandbox
delivering updates by HTTP POST as Telegram does, a real SQLite file (issue 13)."""

from __future__ import annotations

import asyncio
import re
import socket
import sqlite3
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import aiohttp
import pytest

from bot.cli import settings_from_env
from bot.sandbox import Sandbox
from bot.webhook import WebhookConfig, WebhookRefused
from tests.bot.conftest import BotProcess
from tests.bot.story import new_workshop, reply_to_question, workshop_with_groups
from tests.bot.test_service import cli, one_line, place  # noqa: F401 (fixture)

SECRET = "test-secret_for-the-webhook"
HEADER = "X-Telegram-Bot-Api-Secret-Token"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class WebhookBot(BotProcess):
    """The bot in webhook mode: its web server on a free port of 127.0.0.1, the webhook
    on a path of it."""

    def __init__(self, sandbox: Sandbox, db_path: Path, **kwargs) -> None:
        super().__init__(sandbox, db_path, **kwargs)
        port = free_port()
        self.hook_url = f"http://127.0.0.1:{port}/telegram/updates"
        self.settings = replace(
            self.settings,
            web=f"127.0.0.1:{port}",
            webhook=WebhookConfig(self.hook_url, SECRET, max_connections=10),
        )

    @property
    def base(self) -> str:
        assert self.running is not None
        return self.running.app.bot_data.board.public_url


@pytest.fixture
async def hook_bot(sandbox: Sandbox, db_path: Path) -> AsyncIterator[WebhookBot]:
    process = WebhookBot(sandbox, db_path)
    await process.start()
    yield process
    await process.stop()


async def answers_of(storage, workshop_id: int) -> list[str]:
    texts = []
    for subgroup in await storage.list_subgroups(workshop_id):
        texts += [a.text for a in await storage.list_answers(subgroup.id)]
    return texts


async def post(url: str, body: dict, headers: dict[str, str]) -> int:
    async with aiohttp.ClientSession() as session:
        async with session.post(url, json=body, headers=headers) as response:
            return response.status


async def test_a_workshop_runs_on_updates_telegram_posts(sandbox: Sandbox, hook_bot):
    [set_webhook] = sandbox.calls_named("setWebhook")
    assert set_webhook.params["url"] == hook_bot.hook_url
    assert set_webhook.params["secret_token"] == SECRET
    assert set_webhook.params["max_connections"] == 10
    assert set_webhook.params["drop_pending_updates"] is False
    assert "chat_member" in set_webhook.params["allowed_updates"]
    assert sandbox.webhook_url == hook_bot.hook_url

    fac, anna = sandbox.add_user("Fatima"), sandbox.add_user("Anna")
    group = sandbox.add_group("Tafel Noord")
    await workshop_with_groups(sandbox, fac, "de wijk", (group, anna))
    sent = await reply_to_question(sandbox, group, anna, "Iedereen doet mee")
    await sandbox.wait_idle()

    assert sandbox.reactions(group, sent["message_id"]) == ["✍"]
    workshop = await hook_bot.storage.latest_workshop()
    assert await answers_of(hook_bot.storage, workshop.id) == ["Iedereen doet mee"]
    # Every update came by POST and was answered 200; polling was never used.
    assert sandbox.webhook_deliveries
    assert {d.status for d in sandbox.webhook_deliveries} == {200}
    assert not sandbox.calls_named("getUpdates")

    # /healthz on the same port sees the updates the webhook brought.
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{hook_bot.base}/healthz") as response:
            report = await response.json()
    assert response.status == 200
    assert report["last_update"] is not None
    assert report["bot_api"]["reachable"] is True


def nieuw_update(update_id: int, user) -> dict:
    """A private /nieuw from this user, as Telegram POSTs it."""
    person = {"id": user.id, "is_bot": False, "first_name": user.first_name}
    return {
        "update_id": update_id,
        "message": {
            "message_id": 1, "date": 1_800_000_000, "from": person,
            "chat": {"id": user.id, "type": "private", "first_name": user.first_name},
            "text": "/nieuw de wijk",
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        },
    }  # fmt: skip


@pytest.mark.parametrize("headers", [{}, {HEADER: "not-the-secret"}, {HEADER: SECRET + "x"}])
async def test_a_request_without_the_secret_is_refused_and_changes_nothing(
    sandbox: Sandbox, hook_bot, headers
):
    fac = sandbox.add_user("Fatima")
    sandbox.private_chat(fac)
    status = await post(hook_bot.hook_url, nieuw_update(7, fac), headers)
    assert status == 403
    assert await hook_bot.storage.latest_workshop() is None
    assert not sandbox.bot_messages(fac)
    # The same update with the secret is handled: the refusal was the secret's doing.
    assert await post(hook_bot.hook_url, nieuw_update(7, fac), {HEADER: SECRET}) == 200
    await sandbox.wait_idle()
    assert await hook_bot.storage.latest_workshop() is not None


async def test_an_answer_whose_acknowledgement_was_lost_is_kept_once(sandbox: Sandbox, hook_bot):
    fac, anna = sandbox.add_user("Fatima"), sandbox.add_user("Anna")
    group = sandbox.add_group("Tafel Noord")
    await workshop_with_groups(sandbox, fac, "de wijk", (group, anna))
    # The bot handles the answer and says 200, but the answer never reaches Telegram.
    sandbox.lose_webhook_replies(1)
    sent = await reply_to_question(sandbox, group, anna, "Iedereen doet mee")
    await sandbox.wait_idle()

    update_id = sandbox._last_driver_update_id
    assert sandbox.webhook_statuses(update_id) == [200, 200]  # delivered twice
    workshop = await hook_bot.storage.latest_workshop()
    assert await answers_of(hook_bot.storage, workshop.id) == ["Iedereen doet mee"]
    assert sandbox.reactions(group, sent["message_id"]) == ["✍"]
    reacted = [c for c in sandbox.calls_named("setMessageReaction")
               if int(c.params["message_id"]) == sent["message_id"]]  # fmt: skip
    assert len(reacted) == 1


async def test_an_update_whose_handling_failed_is_answered_with_an_error_and_comes_again(
    sandbox: Sandbox, hook_bot
):
    fac, anna = sandbox.add_user("Fatima"), sandbox.add_user("Anna")
    group = sandbox.add_group("Tafel Noord")
    await workshop_with_groups(sandbox, fac, "de wijk", (group, anna))
    storage = hook_bot.storage
    mark_handled = storage.mark_handled
    failures = []

    async def locked_once(source: str, now: str) -> bool:
        if not failures:
            failures.append(source)
            raise sqlite3.OperationalError("database is locked")
        return await mark_handled(source, now)

    storage.mark_handled = locked_once
    sent = await reply_to_question(sandbox, group, anna, "Iedereen doet mee")
    await sandbox.wait_idle()

    assert failures  # the first try failed
    update_id = sandbox._last_driver_update_id
    assert sandbox.webhook_statuses(update_id) == [500, 200]
    workshop = await storage.latest_workshop()
    assert await answers_of(storage, workshop.id) == ["Iedereen doet mee"]
    assert sandbox.reactions(group, sent["message_id"]) == ["✍"]


async def test_updates_sent_while_the_bot_was_down_come_after_the_restart(
    sandbox: Sandbox, db_path: Path
):
    process = WebhookBot(sandbox, db_path)
    await process.start()
    fac = sandbox.add_user("Fatima")
    await new_workshop(sandbox, fac, "de wijk")
    await process.stop()
    assert sandbox.webhook_url == process.hook_url  # stopping keeps the webhook

    await sandbox.send_message(sandbox.private_chat(fac), fac, "/nieuw het park")
    await process.start()
    try:
        await sandbox.wait_idle()
        workshop = await process.storage.latest_workshop()
        assert workshop.goal == "het park"
    finally:
        await process.stop()


async def test_starting_again_with_polling_deletes_the_webhook(sandbox: Sandbox, db_path: Path):
    process = WebhookBot(sandbox, db_path)
    await process.start()
    fac = sandbox.add_user("Fatima")
    await new_workshop(sandbox, fac, "de wijk")
    await process.stop()
    # While the webhook stands, getUpdates is refused as Telegram does.
    async with aiohttp.ClientSession() as session:
        async with session.post(f"{sandbox.base_url}{sandbox.token}/getUpdates") as response:
            assert response.status == 409

    polling = BotProcess(sandbox, db_path)
    await polling.start()
    try:
        assert sandbox.webhook_url == ""
        assert sandbox.calls_named("deleteWebhook")
        await new_workshop(sandbox, fac, "het park")
        workshop = await polling.storage.latest_workshop()
        assert workshop.goal == "het park"
        assert sandbox.calls_named("getUpdates")
    finally:
        await polling.stop()


async def test_healthz_says_when_the_webhook_no_longer_points_here(
    sandbox: Sandbox, db_path: Path
):
    process = WebhookBot(sandbox, db_path)
    config = replace(process.settings.webhook, watch_seconds=0.05)
    process.settings = replace(process.settings, webhook=config)
    await process.start()
    try:
        async with aiohttp.ClientSession() as session:
            url = f"{process.base}/healthz"

            async def status() -> int:
                async with session.get(url) as response:
                    return response.status

            assert await status() == 200
            # Another bot on this token switched to polling: Telegram no longer sends here.
            async with session.post(f"{sandbox.base_url}{sandbox.token}/deleteWebhook"):
                pass
            for _ in range(200):
                if await status() == 503:
                    break
                await asyncio.sleep(0.05)
            async with session.get(url) as response:
                report = await response.json()
        assert response.status == 503
        assert "elsewhere" in report["bot_api"]["error"]
    finally:
        await process.stop()


async def test_a_webhook_telegram_refuses_stops_the_start_with_the_reason(
    sandbox: Sandbox, db_path: Path
):
    process = WebhookBot(sandbox, db_path)
    url = "http://bot.example.nl/telegram"  # Telegram takes https only
    process.settings = replace(process.settings, webhook=WebhookConfig(url, SECRET))
    with pytest.raises(WebhookRefused, match="(?i)https url"):
        await process.start()
    assert process.running is not None
    await process.running.stop()
    assert sandbox.webhook_url == ""


def test_without_a_secret_one_is_derived_from_the_token(monkeypatch):
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:abc")
    monkeypatch.setenv("PARTNERSCHAPKAART_WEB", "127.0.0.1:8443")
    monkeypatch.setenv("PARTNERSCHAPKAART_WEBHOOK_URL", "https://bot.example.nl/telegram")
    monkeypatch.delenv("PARTNERSCHAPKAART_WEBHOOK_SECRET", raising=False)
    webhook = settings_from_env().webhook
    assert re.fullmatch(r"[A-Za-z0-9_-]{1,256}", webhook.secret)  # as Telegram allows
    assert "abc" not in webhook.secret
    assert webhook.max_connections == 40
    assert webhook.path == "/telegram"
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:abd")
    assert settings_from_env().webhook.secret != webhook.secret  # another bot, another secret
    monkeypatch.setenv("PARTNERSCHAPKAART_WEBHOOK_SECRET", "mijn-eigen_geheim")
    monkeypatch.setenv("PARTNERSCHAPKAART_WEBHOOK_MAX_CONNECTIONS", "100")
    webhook = settings_from_env().webhook
    assert (webhook.secret, webhook.max_connections) == ("mijn-eigen_geheim", 100)
    monkeypatch.delenv("PARTNERSCHAPKAART_WEBHOOK_URL")
    assert settings_from_env().webhook is None  # long polling


# -- settings that cannot work: one line, exit code 2, before the network ----------------

WEBHOOK_ENV = {"TELEGRAM_BOT_TOKEN": "1:x", "PARTNERSCHAPKAART_WEB": "127.0.0.1:0"}


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"PARTNERSCHAPKAART_WEBHOOK_URL": "ftp://bot.example.nl/telegram"}, "ftp://"),
        ({"PARTNERSCHAPKAART_WEBHOOK_URL": "bot.example.nl/telegram"}, "bot.example.nl"),
        ({"PARTNERSCHAPKAART_WEBHOOK_URL": "https://bot.example.nl"}, "https://bot.example.nl"),
        ({"PARTNERSCHAPKAART_WEBHOOK_URL": "http://bot.example.nl/telegram"}, "http://"),
        ({"PARTNERSCHAPKAART_WEBHOOK_URL": "https://bot.example.nl:8080/t"}, "8080"),
        ({"PARTNERSCHAPKAART_WEBHOOK_URL": "https://bot.example.nl/healthz"}, "/healthz"),
        ({"PARTNERSCHAPKAART_WEBHOOK_URL": "https://bot.example.nl/telegram",
          "PARTNERSCHAPKAART_WEB": ""}, "PARTNERSCHAPKAART_WEB"),
        ({"PARTNERSCHAPKAART_WEBHOOK_URL": "https://bot.example.nl/telegram",
          "PARTNERSCHAPKAART_WEBHOOK_SECRET": "geen geheim!"}, "PARTNERSCHAPKAART_WEBHOOK_SECRET"),
        ({"PARTNERSCHAPKAART_WEBHOOK_URL": "https://bot.example.nl/telegram",
          "PARTNERSCHAPKAART_WEBHOOK_MAX_CONNECTIONS": "0"}, "0"),
        ({"PARTNERSCHAPKAART_WEBHOOK_URL": "https://bot.example.nl/telegram",
          "PARTNERSCHAPKAART_WEBHOOK_MAX_CONNECTIONS": "101"}, "101"),
        ({"PARTNERSCHAPKAART_WEBHOOK_URL": "https://bot.example.nl/telegram",
          "PARTNERSCHAPKAART_WEBHOOK_MAX_CONNECTIONS": "veel"}, "veel"),
    ],
)  # fmt: skip
def test_a_webhook_setting_that_cannot_work_is_one_line(place, env, named):  # noqa: F811
    line = one_line(cli(place, "run", **{**WEBHOOK_ENV, **env}))
    assert "PARTNERSCHAPKAART_WEB" in line
    assert named in line
    assert not (place / "partnerschapkaart.sqlite3").exists()  # stopped before anything
