"""The live board over HTTP: what the room's screen shows, and changes from both shells."""

from __future__ import annotations

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
        assert first["mode"] == "plenary" and first["current"] == 1
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
        assert lone["one_group"] and lone["variants"] == []
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
