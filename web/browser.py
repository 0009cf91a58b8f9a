"""Debian's headless Chromium, driven by Selenium through its own chromium-driver: for the
live board's browser tests and for `make screens` (test tools, not a runtime dependency)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
DRIVER = ("/usr/bin/chromedriver",)
# Chromium's own calls home would be refused on a closed network, many at a time.
FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-extensions",
    "--hide-scrollbars", "--force-device-scale-factor=1", "--lang=nl",
)  # fmt: skip


def _first(paths: tuple[str, ...], name: str) -> str | None:
    for path in paths:
        if Path(path).exists():
            return path
    return shutil.which(name)


def available() -> str | None:
    """Why no browser can run here (a line to show), or None when one can."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    if _first(CHROMIUM, "chromium") is None or _first(DRIVER, "chromedriver") is None:
        return "Chromium is not installed (apt-get install chromium chromium-driver)"
    return None


def chromium(width: int = 1920, height: int = 1080) -> Any:
    """A new headless Chromium window of this size (its own empty profile)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = _first(CHROMIUM, "chromium") or CHROMIUM[0]
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--window-size={width},{height}")
    options.add_argument(f"--user-data-dir={tempfile.mkdtemp(prefix='pk-chromium-')}")
    service = Service(executable_path=_first(DRIVER, "chromedriver") or DRIVER[0])
    driver = webdriver.Chrome(options=options, service=service)
    resize(driver, width, height)
    return driver


def resize(driver: Any, width: int, height: int, *, mobile: bool = False) -> None:
    """Make the page's viewport exactly width × height CSS pixels (the window's frame
    would otherwise take part of it)."""
    driver.set_window_size(width, height + 200)
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
    )
