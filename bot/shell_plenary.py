"""The plenary chat's messages: the facilitator's list, votes, and the status board."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Callable
from datetime import datetime

from telegram import Bot
from telegram.error import Forbidden, TelegramError

from bot import views_plenary
from bot.actions import Button, CloseVotes, Say, SendVote, ShowDraft, ShowStatus
from flows.fase import Fase
from flows.kaart import FILL_ORDER, Kolom
from flows.texts import Html, render
from storage import Store
from storage.models import Subgroup, Workshop

log = logging.getLogger(__name__)


class PlenaryMessages:
    """Shows and edits what the facilitator sees; mixed into the Shell."""

    bot: Bot
    storage: Store
    board_delay: float
    clock: Callable[[], datetime]
    _pending_status: dict[int, asyncio.Task[None]]

    async def say(self, action: Say) -> int:  # provided by the Shell
        raise NotImplementedError

    async def _edit(
        self, chat_id: int, message_id: int, text: str, buttons: tuple[tuple[Button, ...], ...]
    ) -> None:  # provided by the Shell
        raise NotImplementedError

    async def show_draft(self, action: ShowDraft) -> None:
        """Send or edit the plenary board (the list of one column, or the whole model)."""
        workshop = await self.storage.get_workshop(action.workshop_id)
        if workshop is None:
            return
        subgroups = [g for g in await self.storage.list_subgroups(workshop.id)]
        kolom = action.final_column or workshop.plenary_column
        if kolom is None:
            if workshop.fase is not Fase.PLENAIR_MODEL or action.chat_id is None:
                return
            sources = {}
            for column in FILL_ORDER:
                sources.update(await self._sources(workshop.id, column, subgroups))
            text, buttons = views_plenary.model_overview(
                workshop, await self.storage.list_drafts(workshop.id), sources
            )
            await self.say(Say(action.chat_id, action.thread_id, text, buttons=buttons))
            return
        draft = await self.storage.get_draft(workshop.id, kolom)
        if draft is None:
            return
        posting = action.chat_id is not None and action.final_column is None
        if posting:  # a new board starts at the first page of the list
            draft = dataclasses.replace(draft, page=1)
        sources = await self._sources(workshop.id, kolom, subgroups)
        text, buttons = views_plenary.draft_board(workshop, draft, len(subgroups), sources)
        if posting:
            assert action.chat_id is not None
            message_id = await self.say(
                Say(action.chat_id, action.thread_id, text, buttons=buttons)
            )
            await self.storage.set_draft_message(
                workshop.id, kolom, action.chat_id, action.thread_id, message_id
            )
        elif draft.chat_id is not None and draft.message_id is not None:
            await self._edit(draft.chat_id, draft.message_id, text, buttons)

    async def _sources(
        self, workshop_id: int, kolom: Kolom, subgroups: list[Subgroup]
    ) -> dict[int, tuple[str, str]]:
        """The answers of a column with their subgroup's name: the wordings behind items."""
        names = {g.id: g.name for g in subgroups}
        return {
            a.id: (a.text, names.get(a.subgroup_id, ""))
            for a in await self.storage.list_workshop_answers(workshop_id, kolom)
        }

    async def send_votes(self, action: SendVote) -> None:
        """Send the voting messages to each subgroup and remember where they went."""
        workshop = await self.storage.get_workshop(action.workshop_id)
        draft = await self.storage.get_draft(action.workshop_id, action.kolom)
        if workshop is None or draft is None:
            return
        messages = views_plenary.vote_message(workshop, draft, action.votes_each)
        for subgroup_id in action.subgroup_ids:
            subgroup = await self.storage.get_subgroup(subgroup_id)
            if subgroup is None or subgroup.chat_id is None:
                continue
            try:
                for text, buttons in messages:
                    message_id = await self.say(
                        Say(subgroup.chat_id, subgroup.topic_id, text, buttons=buttons)
                    )
                    await self.storage.add_vote_message(
                        workshop.id, action.kolom, subgroup.chat_id, message_id
                    )
            except Forbidden as exc:
                log.warning("cannot send a vote to subgroup %d: %s", subgroup_id, exc.message)
                continue

    async def close_votes(self, action: CloseVotes) -> None:
        """Replace each chat's voting messages by the outcome, without buttons."""
        workshop = await self.storage.get_workshop(action.workshop_id)
        draft = await self.storage.get_draft(action.workshop_id, action.kolom)
        if workshop is None or draft is None:
            return
        per_chat: dict[int, list[int]] = {}
        for chat_id, message_id in await self.storage.take_vote_messages(workshop.id, action.kolom):
            per_chat.setdefault(chat_id, []).append(message_id)
        for chat_id, message_ids in per_chat.items():
            message_ids.sort()  # in the order they were sent
            parts = views_plenary.vote_closed(workshop, draft, len(message_ids))
            rest = render("stemmen.uitslag_boven", workshop.lang)
            for n, message_id in enumerate(message_ids):
                try:
                    await self._edit(chat_id, message_id, parts[n] if n < len(parts) else rest, ())
                except TelegramError as exc:
                    log.warning("closing a vote message failed: %s", exc)

    async def _status_board(
        self, workshop: Workshop
    ) -> tuple[Html, tuple[tuple[Button, ...], ...]]:
        return views_plenary.status_board(
            workshop,
            await self.storage.list_subgroups(workshop.id),
            await self.storage.answer_counts(workshop.id),
            await self.storage.active_members(workshop.id),
            self.clock(),
        )

    async def show_status(self, action: ShowStatus) -> None:
        """Post the status board and remember it, so later changes edit it in place."""
        workshop = await self.storage.get_workshop(action.workshop_id)
        if workshop is None:
            return
        # A new status board starts at its first page.
        text, buttons = await self._status_board(dataclasses.replace(workshop, status_page=1))
        message_id = await self.say(Say(action.chat_id, action.thread_id, text, buttons=buttons))
        await self.storage.set_status_message(
            workshop.id, action.chat_id, action.thread_id, message_id
        )

    def schedule_status(self, workshop_id: int) -> None:
        """Refresh the status board soon; changes arriving meanwhile share one edit."""
        pending = self._pending_status.get(workshop_id)
        if pending is not None and not pending.done():
            return
        self._pending_status[workshop_id] = asyncio.get_running_loop().create_task(
            self._refresh_status_later(workshop_id)
        )

    async def _refresh_status_later(self, workshop_id: int) -> None:
        await asyncio.sleep(self.board_delay)
        try:
            await self.refresh_status(workshop_id)
        except Exception:  # a status board that fails to refresh must never stop the bot
            log.exception("refreshing the status of workshop %d failed", workshop_id)

    async def refresh_status(self, workshop_id: int) -> None:
        """Edit the status board to show how things stand now, on the page it shows."""
        workshop = await self.storage.get_workshop(workshop_id)
        if workshop is None or workshop.status_message_id is None:
            return
        assert workshop.status_chat_id is not None
        text, buttons = await self._status_board(workshop)
        await self._edit(workshop.status_chat_id, workshop.status_message_id, text, buttons)
