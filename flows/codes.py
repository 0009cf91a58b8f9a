"""Guarding join codes and links against guessing: a few free tries, then waiting.

A code has at least 64 bits of randomness, so guessing is hopeless anyway; the guard
makes trying many codes from one chat slow on top of that. State lives in memory: the
one who guesses cannot restart the bot, and a restart only forgets who was waiting.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta

# Join codes: 15 characters from 31 that are hard to confuse (no 0/o, 1/l/i):
# 31**15 ≈ 2**74 possibilities, typed in three groups of five.
CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
CODE_LENGTH = 15


def new_join_code(choose=secrets.choice) -> str:
    """A join code that cannot be guessed, e.g. 'k7m2p-9qx3h-zabw4'."""
    raw = "".join(choose(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 5] for i in range(0, CODE_LENGTH, 5))

FREE_TRIES = 5
FIRST_WAIT = timedelta(seconds=30)
LONGEST_WAIT = timedelta(hours=1)


@dataclass
class _Tries:
    failures: int = 0
    blocked_until: datetime | None = None


@dataclass
class CodeGuard:
    """Counts wrong codes per chat; after FREE_TRIES every wrong code doubles the wait."""

    tries: dict[int, _Tries] = field(default_factory=dict)

    def wait_left(self, chat_id: int, now: datetime) -> timedelta | None:
        """How long this chat must still wait before trying a code, or None."""
        state = self.tries.get(chat_id)
        if state is None or state.blocked_until is None or state.blocked_until <= now:
            return None
        return state.blocked_until - now

    def failed(self, chat_id: int, now: datetime) -> None:
        """Note a wrong code from this chat."""
        state = self.tries.setdefault(chat_id, _Tries())
        state.failures += 1
        extra = state.failures - FREE_TRIES
        if extra > 0:
            wait = min(FIRST_WAIT * (2 ** (extra - 1)), LONGEST_WAIT)
            state.blocked_until = now + wait

    def succeeded(self, chat_id: int) -> None:
        """A right code: this chat starts afresh."""
        self.tries.pop(chat_id, None)
