"""Logging that never shows the bot token."""

from __future__ import annotations

import logging
import re

_TOKEN_IN_URL = re.compile(r"bot\d+:[A-Za-z0-9_-]+")
_TOKEN = re.compile(r"\b\d{5,}:[A-Za-z0-9_-]{20,}\b")


def redact(text: str) -> str:
    """Replace anything that looks like a bot token."""
    return _TOKEN.sub("<token>", _TOKEN_IN_URL.sub("bot<token>", text))


class RedactingFormatter(logging.Formatter):
    """Formats as usual, then removes tokens (also from tracebacks)."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


# PARTNERSCHAPKAART_LOG_LEVEL
LEVELS = {"DEBUG": logging.DEBUG, "INFO": logging.INFO, "WARNING": logging.WARNING,
          "ERROR": logging.ERROR}  # fmt: skip


def setup_logging(level: int = logging.INFO) -> None:
    """Log to stderr; the HTTP client's request lines (which hold the token) stay off."""
    handler = logging.StreamHandler()
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    quiet_loggers()


def quiet_loggers() -> None:
    """httpx logs every request URL, token included, at INFO; aiosqlite every query with
    its parameters and python-telegram-bot every Bot API call with its texts (answers,
    names, links) at DEBUG: keep them at WARNING, whatever the level. apscheduler (the
    job queue) logs each run of the clock job, twice a minute: only at DEBUG."""
    for name in ("httpx", "httpcore", "aiosqlite", "telegram.Bot", "telegram.ext.ExtBot"):
        logging.getLogger(name).setLevel(logging.WARNING)
    debug = logging.getLogger().getEffectiveLevel() <= logging.DEBUG
    logging.getLogger("apscheduler").setLevel(logging.DEBUG if debug else logging.WARNING)
