"""Who may see and change the live board: projector tokens, control links, Mini App data.

- The projector link carries a random token stored with the workshop.
- A control link is signed by the server: workshop, person, expiry and the projector token's
  tag, so switching the screen off (or on anew) revokes every control link made with it.
- In Telegram, the Mini App's ``initData`` is checked as Telegram documents it (HMAC-SHA256
  keyed with the bot token), then exchanged for a control link.

Pure functions of their inputs and the clock; nothing here logs a token.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from urllib.parse import parse_qsl

# A projector token: 24 random bytes (192 bits), URL-safe.
TOKEN_BYTES = 24
# How long a control link works; a workshop day, not longer.
CONTROL_SECONDS = 12 * 3600
# How old Telegram's initData may be when it is exchanged for a control link.
INIT_DATA_MAX_AGE = 3600
_CONTROL_PREFIX = "c1"


def new_screen_token() -> str:
    """An unguessable projector token."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def screen_tag(screen_token: str) -> str:
    """A short fingerprint of a projector token, put in control links (not the token)."""
    return hashlib.sha256(screen_token.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Control:
    """What a valid control link says: who may change which workshop's board."""

    workshop_id: int
    user_id: int
    tag: str
    expires: int


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Signer:
    """Signs and reads control links with a key derived from the bot token."""

    def __init__(self, bot_token: str) -> None:
        self._bot_token = bot_token.encode()
        self._key = hmac.new(b"partnerschapkaart-bediening", self._bot_token, "sha256").digest()

    def control_token(
        self, workshop_id: int, user_id: int, screen_token: str, now: float,
        seconds: int = CONTROL_SECONDS,
    ) -> str:  # fmt: skip
        """A control link for one person and workshop, valid ``seconds`` from now."""
        payload = json.dumps(
            {"w": workshop_id, "u": user_id, "t": screen_tag(screen_token),
             "e": int(now) + seconds},
            separators=(",", ":"),
        ).encode()  # fmt: skip
        body = f"{_CONTROL_PREFIX}.{_b64(payload)}"
        return f"{body}.{_b64(self._sign(body.encode()))}"

    def read_control(self, token: str, now: float) -> Control | None:
        """The control link's claims, or None when it is forged, malformed or expired."""
        parts = token.split(".")
        if len(parts) != 3 or parts[0] != _CONTROL_PREFIX or len(token) > 512:
            return None
        body = f"{parts[0]}.{parts[1]}".encode()
        try:
            signature = _unb64(parts[2])
            claims = json.loads(_unb64(parts[1]))
        except (ValueError, UnicodeDecodeError):
            return None
        if not hmac.compare_digest(signature, self._sign(body)):
            return None
        try:
            control = Control(
                int(claims["w"]), int(claims["u"]), str(claims["t"]), int(claims["e"])
            )
        except (KeyError, TypeError, ValueError):
            return None
        return control if control.expires > now else None

    def _sign(self, body: bytes) -> bytes:
        return hmac.new(self._key, body, "sha256").digest()

    def read_init_data(
        self, init_data: str, now: float, max_age: int = INIT_DATA_MAX_AGE
    ) -> int | None:
        """The Telegram user id in a Mini App's initData, or None when it is not signed by
        Telegram for this bot, or too old."""
        return user_of_init_data(init_data, self._bot_token.decode(), now, max_age)


def init_data_hash(fields: dict[str, str], bot_token: str) -> str:
    """The hash Telegram puts in initData for these fields (what a client receives)."""
    check = "\n".join(f"{k}={v}" for k, v in sorted(fields.items()) if k != "hash")
    secret = hmac.new(b"WebAppData", bot_token.encode(), "sha256").digest()
    return hmac.new(secret, check.encode(), "sha256").hexdigest()


def user_of_init_data(init_data: str, bot_token: str, now: float, max_age: int) -> int | None:
    """Check initData as Telegram documents it; the user's id, or None."""
    if not init_data or len(init_data) > 8192:
        return None
    try:
        pairs = parse_qsl(init_data, keep_blank_values=True, strict_parsing=True)
    except ValueError:
        return None
    fields = dict(pairs)
    if len(fields) != len(pairs) or "hash" not in fields:
        return None
    if not hmac.compare_digest(fields["hash"], init_data_hash(fields, bot_token)):
        return None
    try:
        auth_date = int(fields.get("auth_date", ""))
        user = json.loads(fields.get("user", ""))
        user_id = int(user["id"])
    except (ValueError, TypeError, KeyError):
        return None
    if not 0 <= now - auth_date <= max_age:
        return None
    return user_id
