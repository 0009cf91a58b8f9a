"""/metrics shows an operator what the bot does, in Prometheus's text format: counts only,
never a message text, a name or the token (issue 13)."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import aiohttp
from prometheus_client.parser import text_string_to_metric_families

from bot.sandbox import Sandbox
from bot.sandbox.faults import FaultPlan
from tests.bot.story import workshop_with_groups
from tests.web.board import WebBot

ANSWERS = {
    "Noord": ["Bewoners voelen zich thuis", "Iedereen doet mee", "Samen beslissen"],
    "Zuid": ["Een groene wijk", "Goed luisteren naar elkaar"],
}


async def scrape(web_bot: WebBot, token: str | None = None) -> tuple[int, str]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{web_bot.url}/metrics", headers=headers) as response:
            return response.status, await response.text()


def samples(text: str) -> dict[tuple[str, tuple], float]:
    """(sample name, sorted labels) → value."""
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def value(found: dict, name: str, **labels: str) -> float:
    return found.get((name, tuple(sorted(labels.items()))), 0.0)


async def until(check, attempts: int = 400) -> None:
    """Wait for a condition the bot reaches on its own (no fixed delay is asserted)."""
    for _ in range(attempts):
        if await check():
            return
        await asyncio.sleep(0.025)
    raise AssertionError("the condition was not reached")


async def test_metrics_count_updates_answers_calls_and_429s_without_any_text(
    sandbox: Sandbox, web_bot: WebBot, people
):
    fac, m = people
    noord, zuid = sandbox.add_group("Noord"), sandbox.add_group("Zuid")
    groups = {"Noord": (noord, m["Anna"]), "Zuid": (zuid, m["Dewi"])}
    await workshop_with_groups(sandbox, fac, "de wijk van morgen", *groups.values())
    # Telegram answers the first reaction with 429 (retry after 1 s): the bot waits, tries
    # again, and the answer is acknowledged all the same.
    sandbox.set_faults(
        FaultPlan(share=1, kinds=("429",), methods=frozenset({"setMessageReaction"}))
    )
    for name, texts in ANSWERS.items():
        chat, member = groups[name]
        for text in texts:
            await sandbox.send_message(chat, member, f"/idee {text}")
    await until(lambda: asyncio.sleep(0, bool(sandbox.faults_injected)))
    sandbox.set_faults(None)
    await sandbox.wait_idle()

    status, text = await scrape(web_bot)
    assert status == 200
    found = samples(text)
    sent = sum(len(texts) for texts in ANSWERS.values())
    assert value(found, "partnerschapkaart_answers_stored") == sent
    # /nieuw, two /join, /begin and the answers: every message the people sent.
    assert value(found, "partnerschapkaart_updates_received_total", kind="message") == 4 + sent
    received = sum(
        v for (n, _), v in found.items() if n == "partnerschapkaart_updates_received_total"
    )
    assert value(found, "partnerschapkaart_update_handling_seconds_count") == received
    assert value(found, "partnerschapkaart_bot_api_retry_after_total",
                 method="setMessageReaction") == len(sandbox.faults_injected) >= 1  # fmt: skip
    # Each try is a call: the sandbox saw as many as the bot counted.
    for method in ("sendMessage", "setMessageReaction"):
        assert value(found, "partnerschapkaart_bot_api_calls_total", method=method) == len(
            sandbox.calls_named(method)
        ), method
    # A long poll is always under way: the next may have left between scrape and count.
    polls = value(found, "partnerschapkaart_bot_api_calls_total", method="getUpdates")
    assert polls >= 1
    assert len(sandbox.calls_named("getUpdates")) - polls in (-1, 0, 1)
    assert value(found, "partnerschapkaart_bot_api_errors_total", method="sendMessage") == 0
    assert value(found, "partnerschapkaart_outbox_length") == 0
    # Counts only: no answer, goal, name or token.
    for secret in (*[t for texts in ANSWERS.values() for t in texts], "de wijk van morgen",
                   "Anna", "Dewi", "Fatima", "Noord", sandbox.token, sandbox.token.split(":")[1]):
        assert secret not in text, secret  # fmt: skip


async def test_the_outbox_length_is_what_waits_to_be_sent(
    sandbox: Sandbox, web_bot: WebBot, people
):
    fac, m = people
    noord = sandbox.add_group("Noord")
    await workshop_with_groups(sandbox, fac, "de wijk", (noord, m["Anna"]))
    # Telegram refuses new messages for a moment: the bot's reply waits in the outbox.
    sandbox.set_faults(FaultPlan(share=1, kinds=("429",), methods=frozenset({"sendMessage"})))
    await sandbox.send_message(noord, m["Anna"], "/kaart")

    async def waiting() -> bool:
        return value(samples((await scrape(web_bot))[1]), "partnerschapkaart_outbox_length") >= 1

    await until(waiting)
    sandbox.set_faults(None)
    await sandbox.wait_idle()
    found = samples((await scrape(web_bot))[1])
    assert value(found, "partnerschapkaart_outbox_length") == 0
    assert value(found, "partnerschapkaart_bot_api_retry_after_total", method="sendMessage") >= 1


async def test_with_a_metrics_token_only_its_bearer_may_read(sandbox: Sandbox, db_path):
    process = WebBot(sandbox, db_path)
    process.settings = replace(process.settings, metrics_token="geheim-voor-prometheus")
    await process.start()
    try:
        assert (await scrape(process))[0] == 401
        assert (await scrape(process, "iets-anders"))[0] == 401
        status, text = await scrape(process, "geheim-voor-prometheus")
        assert status == 200
        assert "partnerschapkaart_updates_received" in text
    finally:
        await process.stop()
