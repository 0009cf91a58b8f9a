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
    TelegramError,
)

from bot import views
from bot.actions import (
    Action,
    AskGroupReady,
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
    SettleGroupReady,
    ShowDraft,
    ShowStatus,
)
from bot.outbox import OutboxSender
from bot.shell_boards import BoardMessages
from bot.shell_plenary import PlenaryMessages
from bot.telegram_calls import keyboard, with_retries
from bot.telegram_text import split_html
from bot.usecases.unit import Handled
from flows import stil
from flows.fase import Fase
from flows.kaart import Kolom
from flows.texts import plain
from storage import Store
from storage.models import Workshop

log = logging.getLogger(__name__)


def _moved(action: Action, new_chat_id: int) -> Action:
    """The same action for the chat's new id (AskQuestion re-reads it from storage)."""
    if hasattr(action, "chat_id"):
        return dataclasses.replace(action, chat_id=new_chat_id)
    return action


class Shell(BoardMessages, PlenaryMessages):
    """Sends what use cases decided, and keeps each subgroup's board up to date."""

    def __init__(
        self,
        bot: Bot,
        storage: Store,
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
        self.outbox = OutboxSender(storage, self.perform)

    def send(self, handled: Handled) -> None:
        """Hand a use case's messages to the outbox lanes; returns at once."""
        self.outbox.submit(handled.queued)

    async def carry_out(self, outcome: Outcome) -> None:
        """Perform every action now, in order (for what no use case decided: a refusal
        before any use case ran, a chat that moved)."""
        for action in outcome.actions:
            await self.perform(action)

    async def perform(self, action: Action) -> None:
        """Carry out one action; a failing send is logged and does not stop the others."""
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
            case RefreshStatus(at_once=True):
                await self.refresh_status(action.workshop_id)
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
            case AskGroupReady():
                asked = Say(action.chat_id, action.thread_id, action.text, buttons=action.buttons)
                await self.storage.set_group_ready_message(action.ready_id, await self.say(asked))
            case SettleGroupReady():
                ready = await self.storage.get_group_ready(action.ready_id)
                if ready is not None and ready.message_id:
                    await self._edit(action.chat_id, ready.message_id, action.text, ())
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
        """Send a message; a text over Telegram's limit goes as several, the buttons under
        the last one. Returns the id of the last."""
        parts = split_html(action.text)
        message_id = 0
        for n, part in enumerate(parts):
            first, last = n == 0, n == len(parts) - 1
            message = await with_retries(
                lambda part=part, first=first, last=last: self.bot.send_message(
                    action.chat_id,
                    part,
                    parse_mode=ParseMode.HTML,
                    message_thread_id=action.thread_id,
                    reply_markup=keyboard(action.buttons) if last else None,
                    reply_parameters=(
                        ReplyParameters(action.reply_to, allow_sending_without_reply=True)
                        if action.reply_to and first
                        else None
                    ),
                    link_preview_options=LinkPreviewOptions(is_disabled=True),
                ),
                "sendMessage",
                after_timeout=False,
            )
            message_id = message.message_id
        return message_id

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
            values = await self._confirmed_values(workshop)
            answers = await self.storage.list_answers(subgroup.id, stand.kolom)
            if (
                workshop.fase is Fase.KOLOMMEN
                and stand.kolom is Kolom.RELATIES
                and values
                and not answers
            ):
                # Stap 4 starts here: once, all values the plenary confirmed, numbered.
                for part in views.step4_values(workshop, values):
                    await with_retries(
                        lambda part=part: self.bot.send_message(
                            subgroup.chat_id,
                            part,
                            parse_mode=ParseMode.HTML,
                            message_thread_id=subgroup.topic_id,
                        ),
                        "sendMessage",
                    )
            question = views.question(
                workshop,
                stand.kolom,
                values,
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
            board = await with_retries(
                lambda: self.bot.send_message(
                    subgroup.chat_id,
                    views.board(workshop, stand.kolom, answers),
                    parse_mode=ParseMode.HTML,
                    message_thread_id=subgroup.topic_id,
                    reply_markup=keyboard(views.board_buttons(subgroup, workshop.lang)),
                ),
                "sendMessage",
            )
            await self.storage.set_prompt_message(
                subgroup.id, stand, prompt.message_id, board.message_id
            )

    async def _confirmed_values(self, workshop: Workshop) -> list[str]:
        draft = await self.storage.get_draft(workshop.id, Kolom.WAARDEN)
        return [i.text for i in draft.items] if draft and draft.confirmed else []

    async def _play_roles(self, workshop: Workshop, subgroup_id: int) -> list[tuple[str, str]]:
        people = await self.storage.list_participants(workshop.id)
        return [
            (p.first_name, plain(f"rol.{p.play_role}", workshop.lang))
            for p in people
            if p.subgroup_id == subgroup_id and p.play_role and p.present
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
                    reply_markup=keyboard(buttons),
                ),
                "editMessageText",
            )
        except BadRequest as exc:
            if "not modified" not in exc.message:
                raise

    def busy(self) -> bool:
        """True while a message is on its way: the outbox, a board or status edit, a
        broadcast."""
        pending = (*self._pending_boards.values(), *self._pending_status.values(),
                   *self._broadcasts)  # fmt: skip
        return self.outbox.busy() or any(not t.done() for t in pending)

    async def flush_boards(self) -> None:
        """Wait for the outbox, pending refreshes and broadcasts (at shutdown, so none is
        half done)."""
        await self.outbox.close()
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
