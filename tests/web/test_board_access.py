"""Who may see and change the live board, and when links stop working."""

from __future__ import annotations

import logging
from dataclasses import replace

import aiohttp
import pytest

from bot.sandbox import Sandbox
from tests.bot.story import current_question, facilitator_says
from tests.web.board import WebBot, init_data, items, open_page, plenary_with_screen
from tests.web.test_board_api import ANSWERS, act


async def stream_status(base: str, token: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as http:
        response = await http.get(
            f"{base}/api/stream", headers={"Authorization": f"Bearer {token}"}
        )
        if response.status != 200:
            return response.status, (await response.json())["message"]
        return 200, ""


async def session(base: str, data: str, workshop: int) -> tuple[int, dict]:
    async with aiohttp.ClientSession() as http:
        response = await http.post(
            f"{base}/api/session", json={"init_data": data, "workshop": workshop}
        )
        return response.status, await response.json()


async def test_the_mini_app_gives_control_to_the_facilitator_only(
    sandbox: Sandbox, web_bot, people, tables
):
    fac, m = people
    links = await plenary_with_screen(sandbox, fac, tables, ANSWERS)
    workshop = await web_bot.storage.latest_workshop_of_facilitator(fac.id)
    token = sandbox.token
    # The facilitator's own initData, signed with the bot's token: a control link.
    status, body = await session(web_bot.url, init_data(fac.id, token), workshop.id)
    assert status == 200, body
    async with open_page(web_bot.url, body["token"]) as page:
        assert page.states[0]["control"] is True
        version = page.states[0]["version"]
    # A participant's real initData: refused, and her changes too.
    status, refused = await session(web_bot.url, init_data(m["Anna"].id, token), workshop.id)
    assert status == 403
    assert "facilitator" in refused["message"]
    # Forged: signed with another token, tampered with, or too old.
    forged = init_data(fac.id, "123456:not-the-bots-token")
    tampered = init_data(m["Anna"].id, token).replace(str(m["Anna"].id), str(fac.id))
    for data in (forged, tampered, init_data(fac.id, token, age=7200), "", "hash=00"):
        status, refused = await session(web_bot.url, data, workshop.id)
        assert status == 401, (data, refused)
    # A control link forged from the projector token, or with its signature changed.
    control = links["control"]
    flipped = control[:-2] + ("AA" if not control.endswith("AA") else "BB")
    for fake in (flipped, "c1.e30.AAAA", links["screen"] + "x", "Bearer"):
        status, _ = await act(web_bot.url, fake, op="weg", column=1, version=version,
                              numbers=[1])  # fmt: skip
        assert status in (401, 403), fake
        assert (await stream_status(web_bot.url, fake))[0] in (401, 403)
    async with open_page(web_bot.url, links["screen"]) as page:
        assert len(items(page.states[0])) == 3


async def test_screen_off_revokes_every_link_and_closes_open_pages(
    sandbox: Sandbox, web_bot, people, tables
):
    fac, _ = people
    links = await plenary_with_screen(sandbox, fac, tables, ANSWERS)
    async with open_page(web_bot.url, links["screen"]) as page:
        said = await facilitator_says(sandbox, fac, "/scherm uit")
        assert "uit" in said
        assert "uit" in await page.wait_closed()
    assert (await stream_status(web_bot.url, links["screen"]))[0] == 401
    assert (await stream_status(web_bot.url, links["control"]))[0] == 403
    # Switched on again: new links; the old control link stays dead.
    again = await facilitator_says(sandbox, fac, "/scherm")
    assert links["screen"] not in again
    assert links["control"] not in again
    assert (await stream_status(web_bot.url, links["control"]))[0] == 403


async def test_only_a_facilitator_gets_links(sandbox: Sandbox, web_bot, people, tables):
    fac, m = people
    await plenary_with_screen(sandbox, fac, tables, ANSWERS)
    chat, anna = tables["Noord"]
    sent = await sandbox.send_message(chat, anna, "/scherm")
    await sandbox.wait_idle()
    replies = [x.text for x in sandbox.bot_messages(chat) if x.message_id > sent["message_id"]]
    assert replies
    assert "/scherm" not in " ".join(replies)
    assert "http" not in " ".join(replies)
    assert not sandbox.bot_messages(sandbox.private_chat(anna))


async def test_confirming_on_the_board_moves_every_subgroup_on(
    sandbox: Sandbox, web_bot, people, tables
):
    fac, _ = people
    links = await plenary_with_screen(sandbox, fac, tables, ANSWERS)
    async with open_page(web_bot.url, links["screen"]) as page:
        v = page.states[0]["version"]
        status, body = await act(web_bot.url, links["control"], op="bevestig", column=1,
                                 version=v)  # fmt: skip
        assert status == 200, body
        assert body["ok"], body
        assert body["state"]["columns"][0]["status"] == "confirmed"
        await page.until(lambda s: s["mode"] == "progress")
    await sandbox.wait_idle()
    for chat, _ in tables.values():
        assert "Kolom 2 van 5: Relaties" in current_question(sandbox, chat).text


async def test_the_workshop_ending_revokes_the_screen(sandbox: Sandbox, web_bot, people, tables):
    fac, _ = people
    links = await plenary_with_screen(sandbox, fac, tables, ANSWERS)
    await facilitator_says(sandbox, fac, "/einde")
    assert (await stream_status(web_bot.url, links["screen"]))[0] == 401
    assert "afgelopen" in await facilitator_says(sandbox, fac, "/scherm")


async def test_tokens_and_init_data_never_reach_the_log(
    sandbox: Sandbox, web_bot, people, tables, caplog
):
    caplog.set_level(logging.DEBUG)
    fac, _ = people
    links = await plenary_with_screen(sandbox, fac, tables, ANSWERS)
    workshop = await web_bot.storage.latest_workshop_of_facilitator(fac.id)
    data = init_data(fac.id, sandbox.token)
    await session(web_bot.url, data, workshop.id)
    async with open_page(web_bot.url, links["screen"]) as page:
        await act(web_bot.url, links["control"], op="weg", column=1,
                  version=page.states[0]["version"], numbers=[1])  # fmt: skip
    logged = "\n".join(r.getMessage() for r in caplog.records)
    for secret in (links["screen"], links["control"], data, data.split("hash=")[-1]):
        assert secret not in logged


@pytest.fixture
async def https_bot(sandbox: Sandbox, db_path):
    process = WebBot(sandbox, db_path)
    process.settings = replace(process.settings, public_url="https://board.example.org")
    await process.start()
    yield process
    await process.stop()


async def test_behind_https_the_control_link_is_a_mini_app_button(
    sandbox: Sandbox, https_bot, people, tables
):
    fac, _ = people
    chat = sandbox.private_chat(fac)
    await plenary_with_screen_https(sandbox, fac, tables)
    said = sandbox.bot_messages(chat)
    assert "https://board.example.org/scherm#" in said[-2].text
    # The control view opens as a Mini App (Telegram validates the https page and that
    # the chat is private); the signed link for a laptop stands beside it.
    assert said[-1].buttons
    assert said[-1].buttons[0][0] == "🎛 Bedienen"
    assert "https://board.example.org/bediening#c1." in said[-1].text


async def plenary_with_screen_https(sandbox: Sandbox, fac, tables) -> None:
    from tests.bot.story import new_workshop

    code = await new_workshop(sandbox, fac, "de wijk")
    for chat, member in tables.values():
        await sandbox.send_message(chat, member, f"/join {code}")
    await sandbox.wait_idle()
    await facilitator_says(sandbox, fac, "/scherm")
