"""The one place that talks to Telegram: carry out a use case's Outcome."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Callable
from datetime import UTC, datetime

from telegram import (
    Bot,
    ForceReply,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    LinkPreviewOptions,
    ReactionTypeEmoji,
    ReplyParameters,
)
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    TelegramError,
    TimedOut,
)

from bot import views, views_plenary
from bot.actions import (
    Action,
    AskQuestion,
    Broadcast,
    Button,
    CloseVotes,
    FreezeBoard,
    Outcome,
    React,
    RefreshBoard,
    RefreshStatus,
    Say,
    SendDocument,
    SendVote,
    ShowDraft,
    ShowStatus,
)
from flows import stil
from flows.fase import Fase
from flows.kaart import Kolom
from flows.texts import Html, plain
from storage import Storage
from storage.models import Workshop

log = logging.getLogger(__name__)


def _keyboard(rows: tuple[tuple[Button, ...], ...]) -> InlineKeyboardMarkup | None:
    if not rows:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.label, callback_data=b.data) for b in row] for row in rows]
    )


# Network trouble on the way to Telegram (a dropped connection, a 5xx, a timeout) is
# retried a few times. A call that only changes what exists (an edit, a reaction) can be
# repeated safely. A new message whose request timed out may have arrived after all, and
# Telegram offers no idempotency key: repeating it could show people the same message
# twice. So a timed-out new message is repeated only where a missing one is worse than a
# double one: the question of a column (without it a subgroup cannot go on). A reply
# that times out is given up on; the user can simply ask again.
RETRY_DELAYS = (0.5, 1.0, 2.0)


async def with_retries(call, what: str, *, after_timeout: bool = True):
    """Run one Bot API call, retrying on network trouble; log every retry."""
    for attempt, delay in enumerate((*RETRY_DELAYS, None), start=1):
        try:
            return await call()
        except TimedOut:
            if delay is None or not after_timeout:
                raise
            log.warning("retrying %s after a timeout (attempt %d)", what, attempt + 1)
        except NetworkError as exc:
            if isinstance(exc, (BadRequest, Forbidden, ChatMigrated)) or delay is None:
                raise
            log.warning("retrying %s after %s (attempt %d)", what, exc.message, attempt + 1)
        await asyncio.sleep(delay)
    raise AssertionError("unreachable")  # pragma: no cover


def _moved(action: Action, new_chat_id: int) -> Action:
    """The same action for the chat's new id (AskQuestion re-reads it from storage)."""
    if hasattr(action, "chat_id"):
        return dataclasses.replace(action, chat_id=new_chat_id)
    return action


class Shell:
    """Sends what use cases decided, and keeps each subgroup's board up to date."""

    def __init__(
        self,
        bot: Bot,
        storage: Storage,
        *,
        board_delay: float = 2.0,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.bot = bot
        self.storage = storage
        self.board_delay = board_delay
        self.clock = clock
        self._pending_boards: dict[int, asyncio.Task[None]] = {}
        self._pending_status: dict[int, asyncio.Task[None]] = {}
        self._broadcasts: set[asyncio.Task[None]] = set()
        self._prompt_locks: dict[int, asyncio.Lock] = {}

    async def carry_out(self, outcome: Outcome) -> None:
        """Perform every action in order; one failing send does not stop the others."""
        for action in outcome.actions:
            try:
                await self._perform(action)
            except ChatMigrated as exc:
                # A group became a supergroup before we heard of it: move along, once.
                old = getattr(action, "chat_id", None)
                if isinstance(action, AskQuestion):
                    subgroup = await self.storage.get_subgroup(action.subgroup_id)
                    old = subgroup.chat_id if subgroup else None
                if old is not None:
                    for moved in await self.storage.move_chat(old, exc.new_chat_id):
                        self.broadcast((moved,))
                    log.info("chat %s moved to %s; sending again", old, exc.new_chat_id)
                    try:
                        await self._perform(_moved(action, exc.new_chat_id))
                    except TelegramError as again:
                        log.error("sending %s failed: %s", type(action).__name__, again)
            except Forbidden as exc:
                log.warning("cannot send to a chat (%s): %s", type(action).__name__, exc.message)
            except TelegramError as exc:
                log.error("sending %s failed: %s", type(action).__name__, exc)

    async def _perform(self, action: Action) -> None:
        match action:
            case Say():
                await self.say(action)
            case AskQuestion():
                await self.ask_question(action.subgroup_id)
            case RefreshBoard():
                self.schedule_board(action.subgroup_id)
            case FreezeBoard():
                await self.freeze_board(action)
            case Broadcast():
                self.broadcast(action.subgroup_ids)
            case ShowDraft():
                await self.show_draft(action)
            case ShowStatus():
                await self.show_status(action)
            case RefreshStatus():
                self.schedule_status(action.workshop_id)
            case SendVote():
                await self.send_votes(action)
            case CloseVotes():
                await self.close_votes(action)
            case React():
                await with_retries(
                    lambda: self.bot.set_message_reaction(
                        action.chat_id, action.message_id, [ReactionTypeEmoji(action.emoji)]
                    ),
                    "setMessageReaction",
                )
            case SendDocument():
                await with_retries(
                    lambda: self.bot.send_document(
                        action.chat_id,
                        InputFile(action.data, filename=action.file_name),
                        caption=action.caption or None,
                        parse_mode=ParseMode.HTML if action.caption else None,
                        message_thread_id=action.thread_id,
                    ),
                    "sendDocument",
                    after_timeout=False,
                )

    async def say(self, action: Say) -> int:
        message = await with_retries(
            lambda: self.bot.send_message(
                action.chat_id,
                action.text,
                parse_mode=ParseMode.HTML,
                message_thread_id=action.thread_id,
                reply_markup=_keyboard(action.buttons),
                reply_parameters=(
                    ReplyParameters(action.reply_to, allow_sending_without_reply=True)
                    if action.reply_to
                    else None
                ),
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            ),
            "sendMessage",
            after_timeout=False,
        )
        return message.message_id

    async def ask_question(self, subgroup_id: int) -> None:
        """Make sure the message for the subgroup's current state is out, exactly once."""
        lock = self._prompt_locks.setdefault(subgroup_id, asyncio.Lock())
        async with lock:
            subgroup = await self.storage.get_subgroup(subgroup_id)
            if subgroup is None or subgroup.chat_id is None or subgroup.prompt_message_id:
                return
            workshop = await self.storage.get_workshop(subgroup.workshop_id)
            assert workshop is not None
            stand = subgroup.stand
            if not stand.answering:
                sent = await with_retries(
                    lambda: self.bot.send_message(
                        subgroup.chat_id,
                        views.waiting(workshop, stand),
                        parse_mode=ParseMode.HTML,
                        message_thread_id=subgroup.topic_id,
                    ),
                    "sendMessage",
                )
                await self.storage.set_prompt_message(subgroup.id, stand, sent.message_id, None)
                return
            question = views.question(
                workshop,
                stand.kolom,
                await self._confirmed_values(workshop),
                await self._play_roles(workshop, subgroup.id),
                silent=stil.is_silent(workshop.silent, stand.kolom),
            )
            prompt = await with_retries(
                lambda: self.bot.send_message(
                    subgroup.chat_id,
                    question,
                    parse_mode=ParseMode.HTML,
                    message_thread_id=subgroup.topic_id,
                    reply_markup=ForceReply(
                        selective=False,
                        input_field_placeholder=views.placeholder(workshop, stand.kolom),
                    ),
                ),
                "sendMessage",
            )
            answers = await self.storage.list_answers(subgroup.id, stand.kolom)
            board = await with_retries(
                lambda: self.bot.send_message(
                    subgroup.chat_id,
                    views.board(workshop, stand.kolom, answers),
                    parse_mode=ParseMode.HTML,
                    message_thread_id=subgroup.topic_id,
                    reply_markup=_keyboard(views.board_buttons(subgroup, workshop.lang)),
                ),
                "sendMessage",
            )
            await self.storage.set_prompt_message(
                subgroup.id, stand, prompt.message_id, board.message_id
            )

    async def _confirmed_values(self, workshop: Workshop) -> list[str]:
        draft = await self.storage.get_draft(workshop.id, Kolom.WAARDEN)
        return [i["text"] for i in draft.items] if draft and draft.confirmed else []

    async def _play_roles(self, workshop: Workshop, subgroup_id: int) -> list[tuple[str, str]]:
        people = await self.storage.list_participants(workshop.id)
        return [
            (p.first_name, plain(f"rol.{p.play_role}", workshop.lang))
            for p in people
            if p.subgroup_id == subgroup_id and p.play_role
        ]

    def broadcast(self, subgroup_ids: tuple[int, ...]) -> None:
        """Send each subgroup its state's message, in the background and concurrently.

        Handling of incoming updates goes on meanwhile; the rate limiter paces the sends.
        """
        if not subgroup_ids:
            return
        task = asyncio.get_running_loop().create_task(self._broadcast(subgroup_ids))
        self._broadcasts.add(task)
        task.add_done_callback(self._broadcasts.discard)

    async def _broadcast(self, subgroup_ids: tuple[int, ...]) -> None:
        results = await asyncio.gather(
            *(self.ask_question(sid) for sid in subgroup_ids), return_exceptions=True
        )
        for sid, result in zip(subgroup_ids, results, strict=True):
            if isinstance(result, BaseException):
                log.error("broadcast to subgroup %d failed: %s", sid, result)

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
            text, buttons = views_plenary.model_overview(
                workshop, await self.storage.list_drafts(workshop.id)
            )
            await self.say(Say(action.chat_id, action.thread_id, text, buttons=buttons))
            return
        draft = await self.storage.get_draft(workshop.id, kolom)
        if draft is None:
            return
        text, buttons = views_plenary.draft_board(workshop, draft, len(subgroups))
        if action.chat_id is not None and action.final_column is None:
            message_id = await self.say(
                Say(action.chat_id, action.thread_id, text, buttons=buttons)
            )
            await self.storage.set_draft_message(
                workshop.id, kolom, action.chat_id, action.thread_id, message_id
            )
        elif draft.chat_id is not None and draft.message_id is not None:
            await self._edit(draft.chat_id, draft.message_id, text, buttons)

    async def _edit(
        self, chat_id: int, message_id: int, text: str, buttons: tuple[tuple[Button, ...], ...]
    ) -> None:
        try:
            await with_retries(
                lambda: self.bot.edit_message_text(
                    text,
                    chat_id=chat_id,
                    message_id=message_id,
                    parse_mode=ParseMode.HTML,
                    reply_markup=_keyboard(buttons),
                ),
                "editMessageText",
            )
        except BadRequest as exc:
            if "not modified" not in exc.message:
                raise

    async def send_votes(self, action: SendVote) -> None:
        """Send the voting message to each subgroup and remember where it went."""
        workshop = await self.storage.get_workshop(action.workshop_id)
        draft = await self.storage.get_draft(action.workshop_id, action.kolom)
        if workshop is None or draft is None:
            return
        text, buttons = views_plenary.vote_message(workshop, draft, action.votes_each)
        for subgroup_id in action.subgroup_ids:
            subgroup = await self.storage.get_subgroup(subgroup_id)
            if subgroup is None or subgroup.chat_id is None:
                continue
            try:
                message_id = await self.say(
                    Say(subgroup.chat_id, subgroup.topic_id, text, buttons=buttons)
                )
            except Forbidden as exc:
                log.warning("cannot send a vote to subgroup %d: %s", subgroup_id, exc.message)
                continue
            await self.storage.add_vote_message(
                workshop.id, action.kolom, subgroup.chat_id, message_id
            )

    async def close_votes(self, action: CloseVotes) -> None:
        """Replace each voting message by the outcome, without buttons."""
        workshop = await self.storage.get_workshop(action.workshop_id)
        draft = await self.storage.get_draft(action.workshop_id, action.kolom)
        if workshop is None or draft is None:
            return
        text = views_plenary.vote_closed(workshop, draft)
        for chat_id, message_id in await self.storage.take_vote_messages(workshop.id, action.kolom):
            try:
                await self._edit(chat_id, message_id, text, ())
            except TelegramError as exc:
                log.warning("closing a vote message failed: %s", exc)

    async def _status_text(self, workshop: Workshop) -> str:
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
        message_id = await self.say(
            Say(action.chat_id, action.thread_id, Html(await self._status_text(workshop)))
        )
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
            workshop = await self.storage.get_workshop(workshop_id)
            if workshop is None or workshop.status_message_id is None:
                return
            assert workshop.status_chat_id is not None
            await self._edit(
                workshop.status_chat_id,
                workshop.status_message_id,
                await self._status_text(workshop),
                (),
            )
        except Exception:  # a status board that fails to refresh must never stop the bot
            log.exception("refreshing the status of workshop %d failed", workshop_id)

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
                    reply_markup=_keyboard(views.board_buttons(subgroup, workshop.lang)),
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

    async def flush_boards(self) -> None:
        """Wait for pending refreshes and broadcasts (at shutdown, so none is half done)."""
        pending = [
            t
            for t in (
                *self._pending_boards.values(),
                *self._pending_status.values(),
                *self._broadcasts,
            )
            if not t.done()
        ]
        if pending:
            await asyncio.gather(*pending, return_exceptions=True)
