"""The live board over HTTP: what the room's screen shows, and changes from both shells."""

from __future__ import annotations

import itertools

import aiohttp

from bot.sandbox import Sandbox
from tests.bot.story import facilitator_says
from tests.web.board import items, open_page, plenary_with_screen

ANSWERS = {
    "Noord": ["Bewoners voelen zich thuis en veilig in hun buurt", "Iedereen doet mee"],
    "Zuid": ["Een veilige buurt voor iedereen", "Schone straten"],
}


async def test_the_screen_shows_the_list_and_follows_the_chat(
    sandbox: Sandbox, web_bot, people, tables
):
    fac, _ = people
    links = await plenary_with_screen(sandbox, fac, tables, ANSWERS)
    async with open_page(web_bot.url, links["screen"]) as page:
        first = page.states[0]
        assert first["mode"] == "plenary"
        assert first["current"] == 1
        assert first["control"] is False
        # The proposal merged two answers; both wordings stay visible, with their group.
        assert items(first) == [
            "Een veilige buurt voor iedereen", "Iedereen doet mee", "Schone straten"
        ]  # fmt: skip
        top = first["columns"][0]["items"][0]
        assert [(v["group"], v["text"]) for v in top["variants"]] == [
            ("Noord", "Bewoners voelen zich thuis en veilig in hun buurt"),
            ("Zuid", "Een veilige buurt voor iedereen"),
        ]
        assert top["groups"] == ["Zuid", "Noord"] or top["groups"] == ["Noord", "Zuid"]
        lone = first["columns"][0]["items"][1]
        assert lone["one_group"]
        assert lone["variants"] == []
        # A change typed in the chat reaches the open page without a reload.
        await facilitator_says(sandbox, fac, "/samen 2 3")
        merged = await page.until(lambda s: len(items(s)) == 2)
        assert items(merged) == ["Een veilige buurt voor iedereen", "Iedereen doet mee"]
        assert merged["version"] > first["version"]


async def test_a_projector_link_cannot_change_anything(sandbox: Sandbox, web_bot, people, tables):
    fac, _ = people
    links = await plenary_with_screen(sandbox, fac, tables, ANSWERS)
    async with aiohttp.ClientSession() as http:
        response = await http.post(
            f"{web_bot.url}/api/action",
            headers={"Authorization": f"Bearer {links['screen']}"},
            json={"request": "abcdefgh12", "op": "weg", "column": 1, "version": 1,
                  "numbers": [1]},
        )  # fmt: skip
        assert response.status == 403
        assert "alleen kijken" in (await response.json())["message"]


_REQUESTS = itertools.count(1)


async def act(base: str, token: str, **change) -> tuple[int, dict]:
    """A change from the control view, as the page sends it."""
    # A fresh id for every change (id() of a dict can come back once it is freed, and a
    # change with an id seen before is taken as sent twice).
    change.setdefault("request", f"req-{next(_REQUESTS):08d}")
    async with aiohttp.ClientSession() as http:
        response = await http.post(
            f"{base}/api/action", headers={"Authorization": f"Bearer {token}"}, json=change
        )
        return response.status, await response.json()


def chat_list(sandbox: Sandbox, fac) -> str:
    """The facilitator's plenary list in the chat, as it stands (edited in place)."""
    lists = [m for m in sandbox.bot_messages(sandbox.private_chat(fac)) if "Plenair" in m.text]
    return lists[-1].text


async def test_a_change_on_the_control_view_reaches_the_chat_list_and_every_screen(
    sandbox: Sandbox, web_bot, people, tables
):
    fac, _ = people
    links = await plenary_with_screen(sandbox, fac, tables, ANSWERS)
    async with (
        open_page(web_bot.url, links["screen"]) as room,
        open_page(web_bot.url, links["screen"]) as home,
    ):
        version = room.states[0]["version"]
        status, body = await act(
            web_bot.url, links["control"], op="samen", column=1, version=version, numbers=[3, 2]
        )
        assert status == 200, body
        assert body["ok"], body
        assert items(body["state"]) == ["Een veilige buurt voor iedereen", "Schone straten"]
        for page in (room, home):
            await page.until(lambda s: items(s) == items(body["state"]))
        await sandbox.wait_idle()
        assert "2. Schone straten" in chat_list(sandbox, fac)
        # The wording merged in stays with the item, as a variant.
        assert "↳ (1) Noord: Iedereen doet mee · (2) Zuid: Schone straten" in chat_list(
            sandbox, fac
        )

        # Rephrase, add, move and undo, each on the version it saw.
        v = body["state"]["version"]
        _, body = await act(web_bot.url, links["control"], op="tekst", column=1, version=v,
                            numbers=[2], text="Schone en hele straten")  # fmt: skip
        assert body["ok"]
        assert items(body["state"])[1] == "Schone en hele straten"
        v = body["state"]["version"]
        _, body = await act(web_bot.url, links["control"], op="erbij", column=1, version=v,
                            text="Ruimte voor jongeren")  # fmt: skip
        v = body["state"]["version"]
        _, body = await act(web_bot.url, links["control"], op="zet", column=1, version=v,
                            numbers=[3, 1])  # fmt: skip
        assert items(body["state"])[0] == "Ruimte voor jongeren"
        v = body["state"]["version"]
        _, body = await act(web_bot.url, links["control"], op="ongedaan", column=1, version=v)
        assert items(body["state"])[-1] == "Ruimte voor jongeren"
        await sandbox.wait_idle()
        assert "3. Ruimte voor jongeren" in chat_list(sandbox, fac)


async def test_a_change_on_an_old_version_is_refused_with_the_current_list(
    sandbox: Sandbox, web_bot, people, tables
):
    fac, _ = people
    links = await plenary_with_screen(sandbox, fac, tables, ANSWERS)
    async with open_page(web_bot.url, links["screen"]) as page:
        seen = page.states[0]["version"]
        await facilitator_says(sandbox, fac, "/weg 3")  # a co-facilitator's edit meanwhile
        status, body = await act(
            web_bot.url, links["control"], op="weg", column=1, version=seen, numbers=[1]
        )
        assert status == 200
        assert not body["ok"]
        assert "veranderd" in body["message"] or "oude" in body["message"], body["message"]
        assert items(body["state"]) == ["Een veilige buurt voor iedereen", "Iedereen doet mee"]
        # Sent twice (a retry after a network drop): done once.
        v = body["state"]["version"]
        change = {"request": "retry-12345", "op": "weg", "column": 1, "version": v,
                  "numbers": [2]}  # fmt: skip
        _, first = await act(web_bot.url, links["control"], **change)
        _, again = await act(web_bot.url, links["control"], **change)
        assert first["ok"]
        assert again["ok"]
        assert items(again["state"]) == ["Een veilige buurt voor iedereen"]


async def test_bad_requests_get_a_clear_message_and_change_nothing(
    sandbox: Sandbox, web_bot, people, tables
):
    fac, _ = people
    links = await plenary_with_screen(sandbox, fac, tables, ANSWERS)
    control, base = links["control"], web_bot.url
    v = 1
    async with open_page(base, links["screen"]) as page:
        v = page.states[0]["version"]
    for change in (
        {"op": "weg", "column": 1, "version": v, "numbers": [99]},
        {"op": "samen", "column": 1, "version": v, "numbers": [1, 1]},
        {"op": "tekst", "column": 1, "version": v, "numbers": [1], "text": "x" * 501},
        {"op": "tekst", "column": 1, "version": v, "numbers": [1], "text": "\u200b\x07"},
        {"op": "splits", "column": 1, "version": v, "numbers": [2]},
    ):
        status, body = await act(base, control, **change)
        assert status == 200, (change, body)
        assert not body["ok"], (change, body)
        assert body["message"], (change, body)
        assert len(items(body["state"])) == 3
    for bad in (
        {"op": "rm -rf", "column": 1, "version": v},
        {"op": "weg", "column": "1", "version": v, "numbers": [1]},
        {"op": "weg", "column": 1, "version": v, "numbers": [True]},
        {"op": "weg", "column": 1, "version": v, "numbers": list(range(500))},
        {"op": "weg", "column": 1, "version": v, "request": "x"},
    ):
        status, body = await act(base, control, **bad)
        assert status == 400, (bad, body)
        assert body["message"], (bad, body)
    async with aiohttp.ClientSession() as http:
        response = await http.post(
            f"{base}/api/action",
            headers={"Authorization": f"Bearer {control}"},
            data=b"{not json",
        )
        assert response.status == 400
    async with open_page(base, links["screen"]) as page:
        assert len(items(page.states[0])) == 3
        assert page.states[0]["version"] == v


async def test_the_whole_model_is_confirmed_from_the_board_and_the_screen_says_thanks(
    sandbox: Sandbox, web_bot, people, tables
):
    fac, _ = people
    links = await plenary_with_screen(sandbox, fac, tables, ANSWERS)
    async with open_page(web_bot.url, links["screen"]) as page:
        state = page.states[0]
        _, body = await act(web_bot.url, links["control"], op="bevestig", column=1,
                            version=state["version"])  # fmt: skip
        assert body["state"]["mode"] == "progress"
        await facilitator_says(sandbox, fac, "/plenair")  # stap 5: the model, column by column
        state = await page.until(lambda s: s["mode"] == "plenary" and s["current"] == 2)
        for column in (2, 3, 4, 5):
            _, body = await act(web_bot.url, links["control"], op="bevestig", column=column,
                                version=state["version"])  # fmt: skip
            assert body["ok"], body
            state = body["state"]
        assert state["mode"] == "model"
        assert [c["status"] for c in state["columns"]] == ["confirmed"] * 5
        _, body = await act(web_bot.url, links["control"], op="bevestig", column=0, version=0)
        assert body["ok"], body
        assert "klaar" in await page.wait_closed()
    await sandbox.wait_idle()
    for chat, _ in tables.values():
        assert "model" in sandbox.last_bot_message(chat).text.lower()


async def test_votes_show_live_on_the_screen(sandbox: Sandbox, web_bot, people, tables):
    fac, m = people
    links = await plenary_with_screen(sandbox, fac, tables, ANSWERS)
    async with open_page(web_bot.url, links["screen"]) as page:
        await facilitator_says(sandbox, fac, "/stemmen 2")
        await page.until(lambda s: s["voting"] and s["votes_each"] == 2)
        chat, anna = tables["Noord"]
        ballot = sandbox.last_bot_message(chat)
        await sandbox.press_button(chat, anna, ballot.message_id, text="Schone straten")
        voted = await page.until(lambda s: s["voters"] == 1)
        assert [i["votes"] for i in voted["columns"][0]["items"]] == [0, 0, 1]
        await facilitator_says(sandbox, fac, "/telling")
        counted = await page.until(lambda s: not s["voting"])
        assert items(counted)[0] == "Schone straten"
        assert counted["columns"][0]["items"][0]["votes"] == 1


async def test_the_screen_shows_the_bots_suggestion_and_the_control_view_keeps_or_undoes_it(
    sandbox: Sandbox, web_bot, people, tables
):
    fac, _ = people
    links = await plenary_with_screen(sandbox, fac, tables, ANSWERS)
    async with open_page(web_bot.url, links["screen"]) as page:
        first = page.states[0]
        assert [i["suggested"] for i in first["columns"][0]["items"]] == [True, False, False]
        v = first["version"]
        # Only a suggested group can be kept; a single answer gets a clear message.
        _, body = await act(web_bot.url, links["control"], op="akkoord", column=1, version=v,
                            numbers=[2])  # fmt: skip
        assert not body["ok"]
        assert "geen voorstel van de bot" in body["message"]
        _, body = await act(web_bot.url, links["control"], op="akkoord", column=1, version=v,
                            numbers=[1])  # fmt: skip
        assert body["ok"], body
        assert not body["state"]["columns"][0]["items"][0]["suggested"]
        await page.until(lambda s: not s["columns"][0]["items"][0]["suggested"])
        await sandbox.wait_idle()
        assert "🔗" not in chat_list(sandbox, fac)

        # Undone (back to the suggestion), then set apart: both wordings are items again.
        _, body = await act(web_bot.url, links["control"], op="ongedaan", column=1,
                            version=body["state"]["version"])  # fmt: skip
        assert body["state"]["columns"][0]["items"][0]["suggested"]
        _, body = await act(web_bot.url, links["control"], op="splits", column=1,
                            version=body["state"]["version"], numbers=[1])  # fmt: skip
        assert items(body["state"])[:2] == [
            "Bewoners voelen zich thuis en veilig in hun buurt",
            "Een veilige buurt voor iedereen",
        ]
        assert not any(i["suggested"] for i in body["state"]["columns"][0]["items"])
