"""Bot API: receiving updates (long polling; webhooks in :mod:`.webhook`) and the bot's
identity."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time

from .core import SandboxCore
from .models import ApiError
from .validation import bad
from .webhook import WebhookMixin


class UpdatesApi(WebhookMixin, SandboxCore):
    """getUpdates, getMe and session methods (webhooks: :mod:`.webhook`)."""

    async def _api_getUpdates(self, p: dict, files: dict) -> list[dict]:
        offset = p.get("offset")
        offset = int(offset) if offset is not None else None
        limit = max(1, min(100, int(p.get("limit") or 100)))
        timeout = max(0.0, float(p.get("timeout") or 0))
        self._webhook_conflict()
        self._confirm(offset)
        if p.get("allowed_updates") is not None:
            self._allow(p["allowed_updates"])
        self._poll_seq += 1
        seq = self._poll_seq
        self._waiter_seq += 1
        my_waiter = self._waiter_seq
        self._wake_pollers()  # an older long poll is terminated (409), as Telegram does
        deadline = time.monotonic() + timeout
        while True:
            if self._stopping:
                return []
            self._webhook_conflict()
            if my_waiter != self._waiter_seq:
                raise ApiError(
                    "Conflict: terminated by other getUpdates request; make sure that only "
                    "one bot instance is running",
                    409,
                )
            batch = self._pending[:limit]
            if batch:
                for update in batch:
                    self._fetched_in.setdefault(update["update_id"], seq)
                self._last_activity = time.monotonic()
                return batch
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return []
            event = self._update_event
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), remaining)

    def _allow(self, kinds: object) -> None:
        """Remember the kinds of update the bot wants (an empty list: the default). As at
        Telegram, it holds for updates made from now on, not for those already waiting."""
        if isinstance(kinds, str):
            kinds = json.loads(kinds) if kinds.startswith("[") else [kinds]
        if not isinstance(kinds, list):
            raise bad("allowed_updates must be a list of strings")
        self._allowed_updates = frozenset(map(str, kinds)) or None

    def _api_getMe(self, p: dict, files: dict) -> dict:
        return {
            **self.bot.to_dict(),
            "can_join_groups": True,
            "can_read_all_group_messages": not self.privacy_mode,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    def _api_logOut(self, p: dict, files: dict) -> bool:
        return True

    def _api_close(self, p: dict, files: dict) -> bool:
        return True
