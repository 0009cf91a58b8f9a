"""The subgroup's board: one message per column, edited (debounced) as answers come in."""

from __future__ import annotations

import asyncio
import logging

from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot import views
from bot.actions import FreezeBoard
from bot.telegram_calls import keyboard, with_retries
from storage import Store

log = logging.getLogger(__name__)


class BoardMessages:
    """Keeps each subgroup's board up to date; mixed into the Shell."""

    bot: Bot
    storage: Store
    board_delay: float
    _pending_boards: dict[int, asyncio.Task[None]]

    def schedule_board(self, subgroup_id: int) -> None:
        """Refresh the board soon; answers arriving meanwhile share one edit."""
        pending = self._pending_boards.get(subgroup_id)
        if pending is not None and not pending.done():
            return
        self._pending_boards[subgroup_id] = asyncio.get_running_loop().create_task(
            self._refresh_board_later(subgroup_id)
        )

    async def _refresh_board_later(self, subgroup_id: int) -> None:
        await asyncio.sleep(self.board_delay)
        try:
            await self.refresh_board(subgroup_id)
        except Exception:  # a board that fails to refresh must never stop the bot
            log.exception("refreshing the board of subgroup %d failed", subgroup_id)

    async def refresh_board(self, subgroup_id: int) -> None:
        """Edit the board message to show the column's answers now."""
        subgroup = await self.storage.get_subgroup(subgroup_id)
        if subgroup is None or subgroup.chat_id is None or not subgroup.board_message_id:
            return
        workshop = await self.storage.get_workshop(subgroup.workshop_id)
        assert workshop is not None
        answers = await self.storage.list_answers(subgroup.id, subgroup.stand.kolom)
        try:
            await with_retries(
                lambda: self.bot.edit_message_text(
                    views.board(workshop, subgroup.stand.kolom, answers),
                    chat_id=subgroup.chat_id,
                    message_id=subgroup.board_message_id,
                    parse_mode=ParseMode.HTML,
                    reply_markup=keyboard(views.board_buttons(subgroup, workshop.lang)),
                ),
                "editMessageText",
            )
        except BadRequest as exc:
            if "not modified" not in exc.message:
                raise

    async def freeze_board(self, action: FreezeBoard) -> None:
        """Leave a closed column's board with its final answers and no buttons."""
        subgroup = await self.storage.get_subgroup(action.subgroup_id)
        if subgroup is None:
            return
        workshop = await self.storage.get_workshop(subgroup.workshop_id)
        assert workshop is not None
        answers = await self.storage.list_answers(subgroup.id, action.kolom)
        try:
            await with_retries(
                lambda: self.bot.edit_message_text(
                    views.board(workshop, action.kolom, answers),
                    chat_id=action.chat_id,
                    message_id=action.message_id,
                    parse_mode=ParseMode.HTML,
                ),
                "editMessageText",
            )
        except BadRequest as exc:
            if "not modified" not in exc.message:
                raise
