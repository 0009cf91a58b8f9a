"""The live board in a real browser: Debian's headless Chromium, driven by Selenium.

The bot runs in the test's event loop; every browser call runs in a thread beside it
(``Browser.do``), so the bot keeps serving the page while the test waits on the browser.
Without Chromium the tests are skipped on a developer's machine and fail in CI, which
installs it (`.ci/run`).
"""

from __future__ import annotations

import asyncio
import os
import re
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import pytest

from bot.sandbox import Sandbox
from tests.bot.story import current_question, facilitator_says
from tests.web.board import SCREEN_LINK, init_data, plenary_with_screen
from tests.web.test_board_api import ANSWERS, chat_list
from web import browser

_missing = browser.available()
if _missing is not None and os.environ.get("CI") != "true":
    pytest.skip(_missing, allow_module_level=True)


class Browser:
    """One Chromium window, used from the test's event loop."""

    def __init__(self, driver: Any) -> None:
        self.driver = driver

    async def do(self, action: Callable[[Any], Any]) -> Any:
        return await asyncio.to_thread(action, self.driver)

    async def open(self, url: str, *, width: int = 1920, height: int = 1080) -> None:
        def go(d: Any) -> None:
            browser.resize(d, width, height, mobile=width < 600)
            d.get("about:blank")
            d.get(url)

        await self.do(go)

    async def until(self, check: Callable[[Any], Any], wait: float = 5.0) -> Any:
        """Poll the page until ``check(driver)`` gives something true; that value."""
        deadline = time.monotonic() + wait
        while True:
            found = await self.do(check)
            if found:
                return found
            if time.monotonic() > deadline:
                if os.environ.get("BOARD_SCREENSHOT"):
                    await self.do(lambda d: d.save_screenshot(os.environ["BOARD_SCREENSHOT"]))
                raise TimeoutError(f"the page did not get there: {await self.do(_body_text)}")
            await asyncio.sleep(0.05)

    async def ready(self) -> None:
        await self.until(lambda d: d.execute_script("return document.body.dataset.ready"))

    async def texts(self, testid: str) -> list[str]:
        return await self.do(lambda d: _texts(d, testid))

    async def click(self, testid: str) -> None:
        """Click the element as a user would; the page may redraw it meanwhile (a state
        from the stream), then the new one is clicked."""
        from selenium.common.exceptions import StaleElementReferenceException

        def go(d: Any) -> None:
            for _ in range(20):
                try:
                    _one(d, testid).click()
                    return
                except StaleElementReferenceException:
                    time.sleep(0.05)
            raise AssertionError(f"{testid} kept changing under the click")

        await self.do(go)


def _all(driver: Any, testid: str) -> list[Any]:
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, f'[data-testid="{testid}"]')


def _one(driver: Any, testid: str) -> Any:
    found = _all(driver, testid)
    assert found, f"no [data-testid={testid}] on the page"
    return found[0]


def _body_text(driver: Any) -> str:
    return driver.execute_script("return document.body.innerText")[:600]


def _texts(driver: Any, testid: str) -> list[str]:
    """The visible texts of every element with this test id, read in one go."""
    return driver.execute_script(
        "return [...document.querySelectorAll(arguments[0])].map(e => e.innerText.trim())",
        f'[data-testid="{testid}"]',
    )


def _item_texts(driver: Any) -> list[str]:
    return _texts(driver, "item-text")


@pytest.fixture(scope="module")
def chromium():
    driver = browser.chromium()
    yield driver
    driver.quit()


@pytest.fixture
def page(chromium) -> Browser:
    return Browser(chromium)


async def _plenary(sandbox: Sandbox, people, tables) -> dict:
    fac, _ = people
    return await plenary_with_screen(sandbox, fac, tables, ANSWERS)


async def test_the_projector_shows_the_proposal_and_a_chat_change_without_a_reload(
    sandbox: Sandbox, web_bot, people, tables, page: Browser
):
    fac, _ = people
    links = await _plenary(sandbox, people, tables)
    await page.open(f"{links['base']}#{links['screen']}")
    await page.ready()
    shown = await page.do(_item_texts)
    assert shown == ["Een veilige buurt voor iedereen", "Iedereen doet mee", "Schone straten"]
    # The bot's group is shown as its suggestion.
    assert len(await page.texts("suggested")) == 1
    # Both wordings of the merged item stay visible, with their group.
    variants = " ".join(await page.texts("variant"))
    assert "Bewoners voelen zich thuis en veilig in hun buurt" in variants
    assert "Noord" in variants
    # Readable from the back of the room: list items at least 28 px at 1920×1080.
    size = await page.do(lambda d: d.execute_script(
        "return parseFloat(getComputedStyle(document.querySelector("
        "'[data-testid=item-text]')).fontSize)"))  # fmt: skip
    assert size >= 28
    assert await page.do(lambda d: d.execute_script("return document.documentElement.lang")) == "nl"

    await page.do(lambda d: d.execute_script("window.__sameLoad = true"))
    await facilitator_says(sandbox, fac, "/samen 2 3")
    # How fast it arrives is measured in `make bench` (bench_board.py), not asserted here.
    await page.until(lambda d: len(_item_texts(d)) == 2)
    assert await page.do(lambda d: d.execute_script("return window.__sameLoad === true"))


async def test_a_merge_by_tap_and_one_by_drag_on_the_control_view_reach_the_chat(
    sandbox: Sandbox, web_bot, people, tables, page: Browser
):
    fac, _ = people
    links = await _plenary(sandbox, people, tables)
    await page.open(f"{links['base'].replace('/scherm', '/bediening')}#{links['control']}",
                    width=390, height=844)  # fmt: skip
    await page.ready()
    assert await page.do(_item_texts) == [
        "Een veilige buurt voor iedereen", "Iedereen doet mee", "Schone straten"
    ]  # fmt: skip

    # The bot's group is a suggestion: one tap keeps it.
    assert len(await page.texts("suggested")) == 1
    await page.click("accept-1")
    await page.until(lambda d: not _texts(d, "suggested"))

    # By tap: choose 3, then 2; the first chosen gives the wording.
    await page.click("select-3")
    await page.click("select-2")
    await page.click("merge")
    await page.until(lambda d: _item_texts(d) == ["Een veilige buurt voor iedereen",
                                                   "Schone straten"])  # fmt: skip
    await sandbox.wait_idle()
    assert _numbered(chat_list(sandbox, fac)) == [
        "Een veilige buurt voor iedereen", "Schone straten"
    ]  # fmt: skip
    assert "(1) Noord: Iedereen doet mee" in chat_list(sandbox, fac)  # kept as a variant

    # By drag: item 2 dropped onto item 1 (item 1 keeps its wording).
    def drag(d: Any) -> None:
        from selenium.webdriver.common.action_chains import ActionChains

        handle, target = _one(d, "drag-2"), _all(d, "item")[0]
        actions = ActionChains(d)
        actions.click_and_hold(handle).move_by_offset(0, -10).move_to_element(target)
        actions.move_by_offset(0, 2).release().perform()

    await page.do(drag)
    await page.until(lambda d: _item_texts(d) == ["Een veilige buurt voor iedereen"])
    await sandbox.wait_idle()
    listed = chat_list(sandbox, fac)
    assert _numbered(listed) == ["Een veilige buurt voor iedereen"]
    assert "Zuid: Schone straten" in listed  # kept as a variant

    # One tap on a wording makes it the item's text; the others stay with it.
    await page.click("pick-1-1")
    wording = "Bewoners voelen zich thuis en veilig in hun buurt"
    await page.until(lambda d: _item_texts(d) == [wording])
    await sandbox.wait_idle()
    assert _numbered(chat_list(sandbox, fac)) == [wording]
    assert "Zuid: Schone straten" in chat_list(sandbox, fac)


def _numbered(listed: str) -> list[str]:
    """The items of the chat's list, without their subgroups and signs."""
    return re.findall(r"^\d+\. (.+?) \(", listed, re.MULTILINE)


async def test_the_control_view_works_by_keyboard_alone(
    sandbox: Sandbox, web_bot, people, tables, page: Browser
):
    fac, _ = people
    links = await _plenary(sandbox, people, tables)
    await page.open(f"{links['base'].replace('/scherm', '/bediening')}#{links['control']}")
    await page.ready()

    def tab_to(testid: str) -> Callable[[Any], None]:
        """Press Tab until the focus is on ``testid``, then Enter (as a keyboard user)."""

        def go(d: Any) -> None:
            from selenium.webdriver.common.action_chains import ActionChains
            from selenium.webdriver.common.keys import Keys

            for _ in range(120):
                ActionChains(d).send_keys(Keys.TAB).perform()
                focused = d.switch_to.active_element.get_attribute("data-testid")
                if focused == testid:
                    ActionChains(d).send_keys(Keys.ENTER).perform()
                    return
            raise AssertionError(f"Tab never reached {testid}")

        return go

    def retype(text: str) -> Callable[[Any], None]:
        """Select all in the focused field (Ctrl+A), type ``text`` and press Enter."""

        def go(d: Any) -> None:
            from selenium.webdriver.common.action_chains import ActionChains
            from selenium.webdriver.common.keys import Keys

            chain = ActionChains(d).key_down(Keys.CONTROL).send_keys("a").key_up(Keys.CONTROL)
            chain.send_keys(text, Keys.ENTER).perform()

        return go

    # Merge 1 and 3.
    await page.do(tab_to("select-1"))
    await page.do(tab_to("select-3"))
    await page.do(tab_to("merge"))
    await page.until(lambda d: len(_item_texts(d)) == 2)
    # Rephrase item 2 and save with Enter.
    await page.do(tab_to("edit-2"))
    await page.until(lambda d: d.switch_to.active_element.get_attribute("data-testid")
                     == "edit-input")  # fmt: skip
    await page.do(retype("Iedereen kan meedoen"))
    await page.until(lambda d: "Iedereen kan meedoen" in _item_texts(d))
    # Move it up, then confirm the list.
    await page.do(tab_to("up-2"))
    await page.until(lambda d: _item_texts(d)[0] == "Iedereen kan meedoen")
    await page.do(tab_to("confirm"))
    await page.do(tab_to("confirm-yes"))
    await page.until(lambda d: d.execute_script("return document.body.dataset.mode") == "progress")
    await sandbox.wait_idle()
    listed = chat_list(sandbox, fac)
    assert "Bevestigd" in listed
    assert listed.index("Iedereen kan meedoen") < listed.index("Een veilige buurt")
    # Confirmed on the board: every subgroup has the next question.
    for chat, _ in tables.values():
        assert "Kolom 2 van 5: Relaties" in current_question(sandbox, chat).text


async def test_a_participant_or_a_forged_link_sees_nothing(
    sandbox: Sandbox, web_bot, people, tables, page: Browser
):
    _, m = people
    links = await _plenary(sandbox, people, tables)
    workshop = await web_bot.storage.latest_workshop_of_facilitator(people[0].id)
    control = links["base"].replace("/scherm", "/bediening")
    participant = init_data(m["Anna"].id, sandbox.token)
    for url in (
        f"{control}?w={workshop.id}#tgWebAppData={quote(participant)}&tgWebAppVersion=8.0",
        f"{control}#{links['control'][:-3]}abc",
        f"{links['base']}#not-a-token-at-all",
    ):
        await page.open(url)
        await page.until(lambda d: d.execute_script("return document.body.dataset.fatal"))
        assert not await page.do(_item_texts)
        assert "Schone straten" not in await page.do(_body_text)


# WCAG 2.2 AA contrast (1.4.3), measured on the rendered page: every element with its own
# visible text, its colour over the first opaque background behind it; 4.5:1, or 3:1 for
# large text (24 px, or 18.66 px bold). Disabled controls are exempt, as WCAG says.
CONTRAST = """
const lum = (c) => { const [r, g, b] = c.map(v => { v /= 255;
  return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
const rgba = (s) => { const m = s.match(/[\\d.]+/g).map(Number);
  return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
const over = (top, under) => top.slice(0, 3).map((v, i) => v * top[3] + under[i] * (1 - top[3]));
const background = (el) => { const layers = [];
  for (let e = el; e; e = e.parentElement) { const c = rgba(getComputedStyle(e).backgroundColor);
    if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; } }
  let colour = [255, 255, 255];
  for (const layer of layers.reverse()) colour = over(layer, colour);
  return colour; };
const failures = [];
for (const el of document.querySelectorAll('body *')) {
  const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
  if (!own || !el.getClientRects().length || el.closest('[hidden],[aria-hidden=true]')) continue;
  if (el.closest('button:disabled, input:disabled')) continue;
  const style = getComputedStyle(el);
  if (style.visibility === 'hidden' || Number(style.opacity) === 0) continue;
  const bg = background(el), fg = over(rgba(style.color), bg);
  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  const ratio = (a + 0.05) / (b + 0.05), size = parseFloat(style.fontSize);
  const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
  if (ratio < (large ? 3 : 4.5))
    failures.push(`${el.textContent.trim().slice(0, 30)}: ${ratio.toFixed(2)}`);
}
return failures;
"""


async def test_both_views_meet_wcag_aa_contrast(
    sandbox: Sandbox, web_bot, people, tables, page: Browser
):
    fac, _ = people
    links = await _plenary(sandbox, people, tables)
    await facilitator_says(sandbox, fac, "/stemmen 2")  # the voting banner and counts too
    control = f"{links['base'].replace('/scherm', '/bediening')}#{links['control']}"
    for url, width, height in (
        (f"{links['base']}#{links['screen']}", 1920, 1080),
        (control, 1920, 1080),
        (control, 390, 844),
    ):
        await page.open(url, width=width, height=height)
        await page.ready()
        assert await page.do(lambda d: d.execute_script(CONTRAST)) == [], url


async def test_the_mini_app_opens_the_control_view_for_the_facilitator_in_english(
    sandbox: Sandbox, web_bot, people, tables, page: Browser
):
    fac, _ = people
    links = await _plenary(sandbox, people, tables)
    await facilitator_says(sandbox, fac, "/taal en")
    workshop = await web_bot.storage.latest_workshop_of_facilitator(fac.id)
    control = links["base"].replace("/scherm", "/bediening")
    data = quote(init_data(fac.id, sandbox.token))
    await page.open(f"{control}?w={workshop.id}#tgWebAppData={data}&tgWebAppVersion=8.0")
    await page.ready()
    assert await page.do(lambda d: d.execute_script("return document.documentElement.lang")) == "en"
    assert "Merge" in await page.texts("merge")
    # The secret is gone from the address bar once read.
    assert "tgWebAppData" not in await page.do(lambda d: d.current_url)
    # Every control is a target of at least 24 × 24 CSS pixels (WCAG 2.2, 2.5.8).
    small = await page.do(lambda d: d.execute_script(
        "return [...document.querySelectorAll('button, input, textarea')]"
        ".filter(e => e.getClientRects().length)"
        ".map(e => e.getBoundingClientRect())"
        ".filter(r => r.width < 24 || r.height < 24).length"))  # fmt: skip
    assert small == 0
    await page.click("remove-3")
    await page.until(lambda d: len(_item_texts(d)) == 2)


async def test_after_a_dropped_connection_the_projector_shows_the_current_list(
    sandbox: Sandbox, web_bot, people, tables, page: Browser
):
    fac, _ = people
    links = await _plenary(sandbox, people, tables)
    await page.open(f"{links['base']}#{links['screen']}")
    await page.ready()
    await page.do(lambda d: d.execute_script("window.__sameLoad = true"))
    board = web_bot.board
    for streams in list(board._streams.values()):  # the network drops every open page
        for stream in list(streams):
            stream.close("")
    await facilitator_says(sandbox, fac, "/weg 3")  # a change while the page is away
    await page.until(lambda d: len(_item_texts(d)) == 2, wait=10)
    assert await page.do(lambda d: d.execute_script("return window.__sameLoad === true"))
    assert board.open_pages() == 1


HINTED = {
    "Noord": ["Meer groen in de wijk", "mantelzorgers worden gezien"],
    "Zuid": ["meer bomen en groen", "Aandacht voor mantelzorgers"],
}


async def test_the_control_view_merges_or_parts_items_that_look_alike(
    sandbox: Sandbox, web_bot, people, tables, page: Browser
):
    fac, _ = people
    links = await plenary_with_screen(sandbox, fac, tables, HINTED)
    # The room sees the question too: "≈ Lijkt op punt 3?" under the item on the projector.
    await page.open(f"{links['base']}#{links['screen']}")
    await page.ready()
    notes = await page.texts("looks-like")
    assert len(notes) == 2, notes
    assert all(re.fullmatch(r"≈\s*Lijkt op punt \d\?", n) for n in notes), notes

    await page.open(f"{links['base'].replace('/scherm', '/bediening')}#{links['control']}",
                    width=390, height=844)  # fmt: skip
    await page.ready()
    assert not await page.texts("looks-like")  # the control view has its own, with buttons
    texts = await page.do(_item_texts)
    assert len(texts) == 4, texts  # the merge itself left all four apart
    groen = sorted((texts.index(HINTED["Noord"][0]) + 1, texts.index(HINTED["Zuid"][0]) + 1))
    zorg = sorted((texts.index(HINTED["Noord"][1]) + 1, texts.index(HINTED["Zuid"][1]) + 1))
    hint = await page.texts(f"hint-{groen[0]}")
    assert hint, texts
    assert f"Lijkt op punt {groen[1]}" in hint[0], hint
    assert await page.texts(f"hint-{zorg[0]}")

    # "Niet hetzelfde": the hint goes, the items stay, and the chat list says so too.
    await page.click(f"hint-apart-{zorg[0]}-{zorg[1]}")
    await page.until(lambda d: not _texts(d, f"hint-{zorg[0]}"))
    assert len(await page.do(_item_texts)) == 4
    await sandbox.wait_idle()
    assert chat_list(sandbox, fac).count("≈ Lijkt op punt") == 1

    # "Samenvoegen": one item with both wordings, in the chat's list as well.
    texts = await page.do(_item_texts)
    groen = sorted((texts.index(HINTED["Noord"][0]) + 1, texts.index(HINTED["Zuid"][0]) + 1))
    await page.click(f"hint-join-{groen[0]}-{groen[1]}")
    await page.until(lambda d: len(_item_texts(d)) == 3)
    await sandbox.wait_idle()
    listed = chat_list(sandbox, fac)
    assert "≈ Lijkt op punt" not in listed
    assert "Noord: Meer groen in de wijk" in listed or "Zuid: meer bomen en groen" in listed


FIRST_MEETING_GEOMETRY = """
const box = (sel) => { const e = document.querySelector(sel); if (!e) return null;
  const r = e.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top,
  bottom: r.bottom, width: r.width}; };
const sizes = [...document.querySelectorAll('.first-meeting *')]
  .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
  .map(e => parseFloat(getComputedStyle(e).fontSize));
return {panel: box('[data-testid=first-meeting]'), main: box(arguments[0]),
        smallest: Math.min(...sizes), width: innerWidth, height: innerHeight};
"""


async def test_a_follow_ups_projector_shows_the_first_meeting_beside_the_list(
    sandbox: Sandbox, web_bot, page: Browser
):
    from tests.web.test_first_meeting import homogeneous_then_follow_up

    fac = sandbox.add_user("Fatima")
    _, followup = await homogeneous_then_follow_up(sandbox, fac, web_bot.storage)
    groups = {}
    for name in ("Gemengd 1", "Gemengd 2"):
        groups[name] = sandbox.add_group(name)
        await sandbox.send_message(groups[name], fac, f"/join {followup.code}")
    await sandbox.wait_idle()
    await facilitator_says(sandbox, fac, "/begin")
    link = SCREEN_LINK.search(await facilitator_says(sandbox, fac, "/scherm"))
    assert link
    await page.open(f"{link[1]}#{link[2]}")
    await page.ready()

    # While the groups work: the progress cards, and beside them the first meeting.
    assert await page.texts("first-meeting") != []
    panel = (await page.texts("first-meeting"))[0]
    assert panel.startswith("Uit de eerste bijeenkomst")
    assert "Samen vastgesteld" in panel
    groups_shown = await page.texts("fm-groups")
    assert groups_shown == ["Tafel 1 (burgers), Tafel 2 (professionals)"]
    assert await page.texts("fm-group") == ["Tafel 1 (burgers)", "Tafel 2 (professionals)"]
    assert "Korte lijnen met de gemeente" in await page.texts("fm-item")
    assert len(await page.texts("subgroup")) == 2  # the progress is still there
    geo = await page.do(lambda d: d.execute_script(FIRST_MEETING_GEOMETRY,
                                                   "[data-testid=progress]"))  # fmt: skip
    # Readable from the back of the room, inside the screen, and smaller than the main view.
    assert geo["smallest"] >= 24, geo
    assert geo["panel"]["right"] <= geo["width"], geo
    assert geo["panel"]["bottom"] <= geo["height"], geo
    assert geo["main"]["width"] >= 2.5 * geo["panel"]["width"], geo
    assert geo["main"]["right"] <= geo["panel"]["left"], geo
    if os.environ.get("BOARD_SCREENSHOT_FIRST"):
        await page.do(lambda d: d.save_screenshot(os.environ["BOARD_SCREENSHOT_FIRST"] + "-1.png"))

    # In the values plenary: the list is the main thing, the first meeting beside it.
    await sandbox.send_message(groups["Gemengd 1"], fac, "/idee Samen een veilige buurt")
    await sandbox.wait_idle()
    await facilitator_says(sandbox, fac, "/plenair")
    await page.until(lambda d: _item_texts(d))
    assert (await page.texts("first-meeting"))[0].startswith("Uit de eerste bijeenkomst")
    geo = await page.do(lambda d: d.execute_script(FIRST_MEETING_GEOMETRY,
                                                   "[data-testid=current-column]"))  # fmt: skip
    assert geo["smallest"] >= 24, geo
    assert geo["main"]["width"] >= 1.8 * geo["panel"]["width"], geo
    assert geo["panel"]["right"] <= geo["width"], geo
    assert geo["panel"]["bottom"] <= geo["height"], geo
    size = await page.do(lambda d: d.execute_script(
        "return parseFloat(getComputedStyle(document.querySelector("
        "'[data-testid=item-text]')).fontSize)"))  # fmt: skip
    assert size >= 28
    assert await page.do(lambda d: d.execute_script(CONTRAST)) == []
    if os.environ.get("BOARD_SCREENSHOT_FIRST"):
        await page.do(lambda d: d.save_screenshot(os.environ["BOARD_SCREENSHOT_FIRST"]))
    # Followed from home on a narrow window, the panel goes under the list, inside the window.
    await page.do(lambda d: browser.resize(d, 1000, 1000, mobile=False))
    await page.until(lambda d: d.execute_script(FIRST_MEETING_GEOMETRY, ".board")["panel"]["top"]
                     >= d.execute_script(FIRST_MEETING_GEOMETRY, ".board")["main"]["bottom"])
    geo = await page.do(lambda d: d.execute_script(FIRST_MEETING_GEOMETRY, ".board"))
    assert geo["panel"]["right"] <= geo["width"], geo
    assert geo["panel"]["bottom"] <= geo["height"] + 1, geo
    if os.environ.get("BOARD_SCREENSHOT_FIRST"):
        await page.do(lambda d: d.save_screenshot(os.environ["BOARD_SCREENSHOT_FIRST"] + "-n.png"))
