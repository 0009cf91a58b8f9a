"""Thin handlers: read the update, call one use case, carry out its outcome."""

from __future__ import annotations

import logging

from telegram import Message, Update
from telegram.ext import BaseHandler as _BaseHandler
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot import usecases
from bot.actions import Outcome
from bot.context import BotContext
from bot.incoming import Incoming, read_message
from flows.subgroep import Gebeurtenis
from flows.texts import language_for, render

log = logging.getLogger(__name__)


def _incoming(update: Update, context: BotContext) -> Incoming | None:
    message = update.effective_message
    if message is None:
        return None
    return read_message(message, update.effective_user, context.bot.id)


def _rest(message: Message) -> str:
    """The text after the command word (keeps line breaks, unlike context.args)."""
    parts = (message.text or "").split(maxsplit=1)
    return parts[1] if len(parts) > 1 else ""


async def _run(context: BotContext, outcome: Outcome) -> None:
    await context.shell.carry_out(outcome)


async def new_workshop(update: Update, context: BotContext) -> None:
    """Start a workshop: /nieuw <doel>."""
    if inc := _incoming(update, context):
        await _run(
            context,
            await usecases.create_workshop(context.services, inc, _rest(update.effective_message)),
        )


async def join(update: Update, context: BotContext) -> None:
    """Make this group a subgroup: /join <code>."""
    if inc := _incoming(update, context):
        await _run(
            context,
            await usecases.join_subgroup(context.services, inc, _rest(update.effective_message)),
        )


async def start(update: Update, context: BotContext) -> None:
    """Handle /start: a deep-link join code in a group, or the help in a private chat."""
    inc = _incoming(update, context)
    if inc is None:
        return
    payload = _rest(update.effective_message)
    if inc.in_group and payload:
        await _run(context, await usecases.join_subgroup(context.services, inc, payload))
    else:
        await _run(context, await usecases.show_help(context.services, inc))


async def idea(update: Update, context: BotContext) -> None:
    """Capture an answer given as /idee <tekst>."""
    if inc := _incoming(update, context):
        text = _rest(update.effective_message)
        await _run(
            context, await usecases.capture_answer(context.services, inc, text, explicit=True)
        )


async def group_text(update: Update, context: BotContext) -> None:
    """Capture a reply to the bot, or a plain message when the bot can see those."""
    inc = _incoming(update, context)
    if inc is None or inc.reply_to_person:
        return  # a reply to someone else is dialogue, not a new answer
    await _run(
        context,
        await usecases.capture_answer(context.services, inc, inc.text, explicit=inc.reply_to_bot),
    )


async def group_media(update: Update, context: BotContext) -> None:
    """Explain that photos, stickers and the like cannot go on the map."""
    inc = _incoming(update, context)
    if inc is not None and inc.reply_to_bot:
        await _run(context, await usecases.refuse_media(context.services, inc))


async def edited(update: Update, context: BotContext) -> None:
    """Follow an edited answer (also one given as /idee)."""
    inc = _incoming(update, context)
    if inc is None or inc.text is None:
        return
    text = inc.text
    if text.startswith("/"):
        text = _rest(update.effective_message)
    await _run(context, await usecases.edit_answer(context.services, inc, text))


async def done(update: Update, context: BotContext) -> None:
    """The subgroup is done with its column: /klaar."""
    if inc := _incoming(update, context):
        await _run(
            context,
            await usecases.move_subgroup(
                context.services, inc, Gebeurtenis.KLAAR, source=inc.source
            ),
        )


async def back(update: Update, context: BotContext) -> None:
    """The subgroup steps back one column: /terug."""
    if inc := _incoming(update, context):
        await _run(
            context,
            await usecases.move_subgroup(
                context.services, inc, Gebeurtenis.TERUG, source=inc.source
            ),
        )


async def show_map(update: Update, context: BotContext) -> None:
    """Show the map so far: /kaart."""
    if inc := _incoming(update, context):
        await _run(context, await usecases.show_map(context.services, inc))


async def export(update: Update, context: BotContext) -> None:
    """Send the facilitator the PowerPoint: /export."""
    if inc := _incoming(update, context):
        await _run(context, await usecases.export_map(context.services, inc))


async def help_text(update: Update, context: BotContext) -> None:
    """Explain what the bot does: /help."""
    if inc := _incoming(update, context):
        await _run(context, await usecases.show_help(context.services, inc))


async def unknown_command(update: Update, context: BotContext) -> None:
    """Answer a command meant for us that we do not know; ignore other bots' commands."""
    inc = _incoming(update, context)
    if inc is None or not inc.text:
        return
    word = inc.text.split(maxsplit=1)[0]
    if "@" in word and word.split("@", 1)[1].lower() != (context.bot.username or "").lower():
        return
    lang = language_for(inc.language_code)
    await _run(
        context,
        Outcome().add(
            usecases.Say(
                inc.chat_id,
                inc.thread_id,
                render("weigering.onbekend_commando", lang),
                reply_to=inc.message_id,
            )
        ),
    )


BUTTON_EVENTS = {"klaar": Gebeurtenis.KLAAR, "terug": Gebeurtenis.TERUG}


async def button(update: Update, context: BotContext) -> None:
    """Handle a board button; data is 'action:subgroup:column', checked against the state."""
    query = update.callback_query
    if query is None:
        return
    message = query.message if isinstance(query.message, Message) else None
    parts = (query.data or "").split(":")
    valid = (
        message is not None
        and len(parts) == 3
        and parts[0] in (*BUTTON_EVENTS, "kaart")
        and parts[1].isdigit()
        and parts[2].isdigit()
    )
    if not valid:
        lang = language_for(query.from_user.language_code if query.from_user else None)
        await query.answer(render("weigering.knop_onbekend", lang))
        return
    inc = read_message(message, query.from_user, context.bot.id)
    if parts[0] == "kaart":
        outcome = await usecases.show_map(context.services, inc)
    else:
        outcome = await usecases.move_subgroup(
            context.services,
            inc,
            BUTTON_EVENTS[parts[0]],
            source=f"cb:{query.id}",
            pressed_for=(int(parts[1]), int(parts[2])),
        )
    await query.answer(outcome.toast)
    await _run(context, outcome)


def all_handlers() -> list[_BaseHandler]:
    """Every handler, in the order they are tried."""
    groups = filters.ChatType.GROUPS
    media = (
        filters.PHOTO
        | filters.Sticker.ALL
        | filters.VOICE
        | filters.VIDEO
        | filters.AUDIO
        | filters.Document.ALL
        | filters.LOCATION
        | filters.POLL
        | filters.CONTACT
        | filters.ANIMATION
        | filters.VIDEO_NOTE
    )
    new = filters.UpdateType.MESSAGE
    return [
        CommandHandler(["nieuw", "new"], new_workshop, filters=new),
        CommandHandler(["join", "doemee"], join, filters=new),
        CommandHandler("start", start, filters=new),
        CommandHandler(["idee", "idea"], idea, filters=new),
        CommandHandler(["klaar", "done"], done, filters=new),
        CommandHandler(["terug", "back"], back, filters=new),
        CommandHandler(["kaart", "map"], show_map, filters=new),
        CommandHandler("export", export, filters=new),
        CommandHandler("help", help_text, filters=new),
        MessageHandler(filters.COMMAND & filters.UpdateType.MESSAGE, unknown_command),
        MessageHandler(groups & filters.UpdateType.MESSAGE & filters.TEXT, group_text),
        MessageHandler(groups & filters.UpdateType.MESSAGE & media, group_media),
        MessageHandler(filters.UpdateType.EDITED_MESSAGE & filters.TEXT, edited),
        CallbackQueryHandler(button),
    ]
