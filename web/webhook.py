"""The webhook route on the live board's web server: Telegram POSTs updates here.

Every request must carry Telegram's ``X-Telegram-Bot-Api-Secret-Token`` header with the
secret the bot gave in setWebhook, compared in constant time; without it: 403 and nothing
is read further. The answer is 200 only once the update was handled (its changes
committed); 500 makes Telegram deliver it again; 503 while the bot starts or stops.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Awaitable, Callable
from typing import Protocol

from aiohttp import web

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# An update is far smaller; the board's own limit (16 KB) is too small for a long
# message that replies to another long one.
MAX_UPDATE_BYTES = 1024 * 1024


class Receiver(Protocol):
    ready: bool

    def receive(self, data: object) -> Awaitable[bool]: ...


def add_webhook_route(
    path: str, secret: str, receiver: Callable[[], Receiver | None]
) -> Callable[[web.Application], None]:
    """What the board's server calls to add the route (``BoardServer.routes``)."""
    expected = secret.encode()

    async def webhook(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, expected):
            return web.Response(status=403, text="forbidden")
        current = receiver()
        if current is None or not current.ready:
            return web.Response(status=503, text="starting or stopping")
        body = await request.content.read(MAX_UPDATE_BYTES + 1)
        if len(body) > MAX_UPDATE_BYTES:
            return web.Response(status=413, text="too large")
        try:
            data = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            return web.Response(status=400, text="not JSON")
        handled = await current.receive(data)
        if not handled:
            return web.Response(status=500, text="not handled; send it again")
        return web.Response(status=200)

    def add(app: web.Application) -> None:
        app.router.add_post(path, webhook)

    return add
