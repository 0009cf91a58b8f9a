"""`make screens`: the demo workshop, photographed on the room's screen.

Runs the offline demo and, while its live board is up, opens the projector view and the
control view in headless Chromium and writes 1920×1080 screenshots (and the control view
on a phone) to the output folder, so anyone can see the board without Telegram.
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

from bot.demo import ScreenLinks, run_demo
from web import browser

SHOTS = {
    # moment → (file, link, width, height)
    "plenair": (
        ("scherm-plenair.png", "projector", 1920, 1080),
        ("bediening.png", "control", 1920, 1080),
        ("bediening-telefoon.png", "control", 390, 844),
    ),
    "voortgang": (("scherm-voortgang.png", "projector", 1920, 1080),),
}


def _shoot(out: Path, moment: str, links: ScreenLinks, written: list[Path]) -> None:
    driver = browser.chromium()
    try:
        for name, which, width, height in SHOTS[moment]:
            browser.resize(driver, width, height, mobile=width < 600)
            driver.get(getattr(links, which))
            deadline = time.monotonic() + 10
            while not driver.execute_script("return document.body.dataset.ready === '1'"):
                if time.monotonic() > deadline:
                    raise TimeoutError(f"the {which} view did not show the board")
                time.sleep(0.05)
            time.sleep(0.3)  # let fonts and layout settle
            path = out / name
            driver.save_screenshot(str(path))
            written.append(path)
    finally:
        driver.quit()


async def make_screens(out: Path) -> list[Path]:
    written: list[Path] = []

    async def look(moment: str, links: ScreenLinks) -> None:
        await asyncio.to_thread(_shoot, out, moment, links, written)

    await run_demo(out, quiet=True, on_screen=look, web="127.0.0.1:0")
    return written


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "out")
    why_not = browser.available()
    if why_not is not None:
        print(f"make screens: {why_not}", file=sys.stderr)
        return 2
    for path in asyncio.run(make_screens(out)):
        print(f"  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
