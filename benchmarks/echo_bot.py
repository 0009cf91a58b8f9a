"""A minimal python-telegram-bot bot to compare with: it reacts ✍ to every text.

Idiomatic PTB: ApplicationBuilder, one MessageHandler, run_polling, one update at a time.
It stores nothing; what it costs is the floor any PTB bot pays per message.
"""

from __future__ import annotations

import os

from telegram import Update
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters


async def react(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Acknowledge the message with a reaction."""
    if update.effective_message is not None:
        await update.effective_message.set_reaction("✍")


def main() -> None:
    app = (
        ApplicationBuilder()
        .token(os.environ["TELEGRAM_BOT_TOKEN"])
        .base_url(os.environ["TELEGRAM_API_BASE_URL"])
        .build()
    )
    app.add_handler(MessageHandler(filters.TEXT, react))
    app.run_polling(poll_interval=0, timeout=1)


if __name__ == "__main__":
    main()
