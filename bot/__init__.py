"""The Telegram shell of Partnerschapkaart."""

import os

# python-telegram-bot 22 warns (and, with warnings as errors, fails) when it builds a
# RetryAfter with an int delay unless told to use timedelta everywhere, as v23 will.
os.environ.setdefault("PTB_TIMEDELTA", "true")
