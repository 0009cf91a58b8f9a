"""Thin handlers: read the update, call one use case, carry out its outcome."""

from __future__ import annotations

import logging

from telegram import ChatMember, ChatMemberRestricted, Message, Update
from telegram.error import BadRequest, Forbidden
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot import usecases
from bot.actions import Broadcast, Outcome
from bot.buttons import (
    ApartHint,
    Confirm,
    JoinHint,
    KeepGroup,
    LooseGroup,
    RemoveItem,
    UndoEdit,
    parse,
)
from bot.context import BotContext
from bot.handlers_buttons import button
from bot.handlers_common import run as _run
from bot.handlers_common import with_chat_size
from bot.incoming import Incoming, read_message
from bot.usecases.common import reply
from flows.antwoord import clean_name
from flows.plenair import COMMANDS as DRAFT_COMMANDS
from flows.subgroep import Gebeurtenis

log = logging.getLogger(__name__)


def _incoming(update: Update, context: BotContext) -> Incoming | None:
    message = update.effective_message
    if message is None:
        return None
    return read_message(message, update.effective_user, context.bot.id)


def _rest(message: Message | None) -> str:
    """The text after the command word (keeps line breaks, unlike context.args)."""
    parts = ((message.text if message else "") or "").split(maxsplit=1)
    return parts[1] if len(parts) > 1 else ""


def _command(use_case, *, with_text: bool = False, atomic: bool = True):
    """A handler that calls one use case with the incoming message (and its text)."""

    async def handle(update: Update, context: BotContext) -> None:
        inc = _incoming(update, context)
        if inc is None:
            return
        if with_text:
            work = use_case(context.services, inc, _rest(update.effective_message))
        else:
            work = use_case(context.services, inc)
        await _run(context, work, inc.source, atomic=atomic)

    handle.__doc__ = use_case.__doc__
    handle.__name__ = use_case.__name__
    return handle


def _with_text(use_case):
    """A handler that calls one use case with the message and the text after the command."""
    return _command(use_case, with_text=True)


async def start(update: Update, context: BotContext) -> None:
    """Handle /start: a deep-link code in a group, a co-facilitator link, or the help."""
    inc = _incoming(update, context)
    if inc is None:
        return
    payload = _rest(update.effective_message).strip()
    s = context.services
    if inc.in_group and payload:
        work = usecases.join_subgroup(s, inc, payload)
    elif payload.startswith("cofac-") and not inc.in_group:
        work = usecases.become_cofacilitator(s, inc, payload[6:])
    elif payload and not inc.in_group:
        work = usecases.register_by_link(s, inc, payload)
    else:
        work = usecases.show_help(s, inc)
    await _run(context, work, inc.source)


async def idea(update: Update, context: BotContext) -> None:
    """Capture an answer given as /idee <tekst>."""
    if inc := _incoming(update, context):
        text = _rest(update.effective_message)
        if inc.chat_type == "private":  # written in silence, before the group sees it
            await _run(context, usecases.private_answer(context.services, inc, text), inc.source)
            return
        work = usecases.capture_answer(context.services, inc, text, explicit=True)
        await _run(context, work, inc.source)


async def type_answers(update: Update, context: BotContext) -> None:
    """A paper table's answers (/typ); late ones find their place on the plenary's list
    before the unit of work, so the write lock is not held while they do."""
    if inc := _incoming(update, context):
        typed, s = _rest(update.effective_message), context.services
        prepared = await usecases.prepare_typed(s, inc, typed)
        await _run(context, usecases.type_paper_answers(s, inc, typed, prepared), inc.source)


async def group_text(update: Update, context: BotContext) -> None:
    """Capture a reply to the bot, or a plain message when the bot can see those."""
    inc = _incoming(update, context)
    if inc is None:
        return
    if inc.reply_to_person:
        # A reply to someone else is dialogue, not a new answer: noted, not stored.
        await _run(context, usecases.note_reply(context.services, inc), inc.source)
        return
    await _run(
        context,
        usecases.capture_answer(context.services, inc, inc.text, explicit=inc.reply_to_bot),
        inc.source,
    )


async def new_members(update: Update, context: BotContext) -> None:
    """People joined a subgroup's chat: note them as members (the bot itself excepted)."""
    inc = _incoming(update, context)
    message = update.effective_message
    if inc is None or message is None:
        return
    people = [
        (u.id, clean_name(u.first_name), clean_name(u.username) or None)
        for u in message.new_chat_members
        if not u.is_bot
    ]
    if people:
        await _run(context, usecases.note_new_members(context.services, inc, people), inc.source)


async def member_left_message(update: Update, context: BotContext) -> None:
    """Someone left a group or was removed (the service message): they no longer count."""
    message = update.effective_message
    gone = message.left_chat_member if message is not None else None
    if message is None or gone is None or gone.is_bot:  # the bot itself: my_chat_member
        return
    work = usecases.member_left(context.services, message.chat.id, gone.id)
    await _run(context, work, f"msg:{message.chat.id}:{message.message_id}")


def _inside(member: ChatMember) -> bool:
    """Whether a chat member's status means they are in the chat."""
    if isinstance(member, ChatMemberRestricted):
        return member.is_member
    return member.status in (ChatMember.MEMBER, ChatMember.ADMINISTRATOR, ChatMember.OWNER)


async def member_changed(update: Update, context: BotContext) -> None:
    """Someone joined or left a group (Telegram tells a bot that is admin there, also when
    the group shows no service message): note it."""
    changed = update.chat_member
    if changed is None:
        return
    person = changed.new_chat_member.user
    before, now = _inside(changed.old_chat_member), _inside(changed.new_chat_member)
    if person.is_bot or before == now:
        return
    chat_id, s = changed.chat.id, context.services
    source = f"cm:{chat_id}:{update.update_id}"  # the same when Telegram delivers it again
    if now:
        work = usecases.member_joined(s, chat_id, person.id, person.first_name, person.username)
    else:
        work = usecases.member_left(s, chat_id, person.id)
    await _run(context, work, source)


async def private_text(update: Update, context: BotContext) -> None:
    """A plain message in a private chat: an answer written in silence."""
    if inc := _incoming(update, context):
        await _run(context, usecases.private_answer(context.services, inc, inc.text), inc.source)


async def migrated(update: Update, context: BotContext) -> None:
    """The group became a supergroup and has a new chat id: follow it."""
    message = update.effective_message
    if message is not None and message.migrate_to_chat_id:
        moved = await context.services.storage.move_chat(
            message.chat.id, message.migrate_to_chat_id
        )
        log.info("chat %s moved to %s (upgraded to a supergroup)", message.chat.id,
                 message.migrate_to_chat_id)  # fmt: skip
        await context.shell.carry_out(Outcome().add(Broadcast(tuple(moved))))


async def group_media(update: Update, context: BotContext) -> None:
    """Explain that photos, stickers and the like cannot go on the map."""
    inc = _incoming(update, context)
    if inc is not None and inc.reply_to_bot:
        await _run(context, usecases.refuse_media(context.services, inc), inc.source)


async def edited(update: Update, context: BotContext) -> None:
    """Follow an edited answer (also one given as /idee, or a paper table's /typ)."""
    inc = _incoming(update, context)
    if inc is None or inc.text is None:
        return
    text, command = inc.text, None
    if text.startswith("/"):
        words = text[1:].split(maxsplit=1)
        command = words[0].split("@", 1)[0].lower() if words else ""
        text = _rest(update.effective_message)
    # An edit carries the same message id as the message: it is no new update to guard.
    await _run(context, usecases.edit_answer(context.services, inc, text, command), None)


async def done(update: Update, context: BotContext) -> None:
    """The subgroup is done with its column: /klaar (in private: done writing in silence)."""
    if inc := _incoming(update, context):
        if inc.chat_type == "private":
            await _run(context, usecases.private_done(context.services, inc), inc.source)
            return
        inc = await with_chat_size(context.bot, inc)
        await _run(
            context,
            usecases.move_subgroup(context.services, inc, Gebeurtenis.KLAAR, source=inc.source),
            inc.source,
        )


async def back(update: Update, context: BotContext) -> None:
    """The subgroup steps back one column: /terug."""
    if inc := _incoming(update, context):
        await _run(
            context,
            usecases.move_subgroup(context.services, inc, Gebeurtenis.TERUG, source=inc.source),
            inc.source,
        )


async def draft_edit(update: Update, context: BotContext) -> None:
    """Edit the plenary's list: /samen, /splits, /tekst, /weg, /erbij, /zet."""
    inc = _incoming(update, context)
    if inc is None or not inc.text:
        return
    command = inc.text.split(maxsplit=1)[0]
    await _run(
        context,
        usecases.edit_draft(context.services, inc, command, _rest(update.effective_message)),
        inc.source,
    )


async def topics(update: Update, context: BotContext) -> None:
    """Create N forum topics, each a subgroup: /onderwerpen <N>."""
    inc = _incoming(update, context)
    if inc is None:
        return
    try:
        workshop, names = await usecases.plan_topics(
            context.services, inc, _rest(update.effective_message)
        )
    except usecases.Refused as refused:
        await context.shell.carry_out(refused.outcome)
        return
    for name in names:
        try:
            topic = await context.bot.create_forum_topic(inc.chat_id, name)
        except (BadRequest, Forbidden) as exc:
            log.warning("creating a forum topic failed: %s", exc.message)
            await context.shell.carry_out(reply(inc, "onderwerpen.geen_recht", workshop.lang))
            return
        await _run(
            context,
            usecases.join_topic(context.services, workshop, inc, topic.message_thread_id, name),
            f"{inc.source}:topic:{topic.message_thread_id}",
        )


async def unknown_command(update: Update, context: BotContext) -> None:
    """Answer a command meant for us that we do not know; ignore other bots' commands."""
    inc = _incoming(update, context)
    if inc is None or not inc.text:
        return
    word = inc.text.split(maxsplit=1)[0]
    if "@" in word and word.split("@", 1)[1].lower() != (context.bot.username or "").lower():
        return
    await context.shell.carry_out(reply(inc, "weigering.onbekend_commando"))


async def keep_time(context: BotContext) -> None:
    """Every half minute: heads-ups about time and reminders that are due; old data purged.
    While the previous look is still busy, this one is skipped."""
    data = context.bot_data
    if data.keeping_time:
        return
    data.keeping_time = True
    try:
        await _run(context, usecases.tick(context.services), None)
        await usecases.purge_old(context.services, data.retention_days)
    finally:
        data.keeping_time = False


async def close_group_questions(context: BotContext) -> None:
    """Every few seconds: a column whose group said no objection within its minute closes
    (time-keeping does it too; this only makes it close close to the minute)."""
    if await context.services.storage.open_group_readies():
        await _run(context, usecases.settle_group_questions(context.services), None)


# Commands that give an answer: they need no order beyond their own chat's.
ANSWER_COMMANDS = frozenset({"idee", "idea"})


def is_barrier(update: object) -> bool:
    """True for an update that must wait for all before it, and hold up all after it: a
    command (a facilitator's step may close a column that other chats still answer) or a
    press on the plenary list; answers and other buttons only keep their own chat's order."""
    if not isinstance(update, Update):
        return False
    if update.callback_query is not None:
        press = parse(update.callback_query.data or "")
        return isinstance(
            press, RemoveItem | KeepGroup | LooseGroup | JoinHint | ApartHint | UndoEdit | Confirm
        )
    message = update.message
    if message is None or not message.text or not message.text.startswith("/"):
        return False
    words = message.text[1:].split(maxsplit=1)
    return not words or words[0].split("@", 1)[0].lower() not in ANSWER_COMMANDS


def all_handlers() -> list[BaseHandler]:
    """Every handler, in the order they are tried."""
    new = filters.UpdateType.MESSAGE
    groups = filters.ChatType.GROUPS
    media = (
        filters.PHOTO | filters.Sticker.ALL | filters.VOICE | filters.VIDEO | filters.AUDIO
        | filters.Document.ALL | filters.LOCATION | filters.POLL | filters.CONTACT
        | filters.ANIMATION | filters.VIDEO_NOTE
    )  # fmt: skip
    u = usecases
    return [
        CommandHandler(["nieuw", "new"], _with_text(u.create_workshop), filters=new),
        CommandHandler(["join", "doemee"], _with_text(u.join_subgroup), filters=new),
        CommandHandler("start", start, filters=new),
        CommandHandler(["idee", "idea"], idea, filters=new),
        CommandHandler(["klaar", "done"], done, filters=new),
        CommandHandler(["terug", "back"], back, filters=new),
        CommandHandler(["kaart", "map"], _command(u.show_map), filters=new),
        CommandHandler("export", _command(u.export_map, atomic=False), filters=new),
        CommandHandler(
            ["sjabloon", "template"], _command(u.send_templates, atomic=False), filters=new
        ),
        CommandHandler("help", _command(u.show_help), filters=new),
        CommandHandler("begin", _command(u.begin), filters=new),
        CommandHandler(["plenair", "plenary"], _command(u.start_plenary), filters=new),
        CommandHandler(["bevestig", "confirm"], _command(u.confirm), filters=new),
        CommandHandler(["ongedaan", "undo"], _command(u.undo_edit), filters=new),
        CommandHandler(list(DRAFT_COMMANDS), draft_edit, filters=new),
        CommandHandler(["stemmen", "vote"], _with_text(u.start_vote), filters=new),
        CommandHandler(["telling", "count"], _command(u.count_votes), filters=new),
        CommandHandler(["einde", "end"], _command(u.end_workshop), filters=new),
        CommandHandler(["verder", "next"], _with_text(u.move_subgroup_on), filters=new),
        CommandHandler(["heropen", "reopen"], _with_text(u.reopen_column), filters=new),
        CommandHandler("status", _command(u.show_status), filters=new),
        CommandHandler(["tijd", "time"], _with_text(u.set_duration), filters=new),
        CommandHandler(["taal", "language"], _with_text(u.set_language), filters=new),
        CommandHandler(
            ["herinneringen", "reminders"], _with_text(u.reminders_for_workshop), filters=new
        ),  # fmt: skip
        CommandHandler(["stil", "mute"], _command(u.mute_subgroup), filters=new),
        CommandHandler(["stilschrijven", "silent"], _with_text(u.set_silent), filters=new),
        CommandHandler(["onthul", "reveal"], _command(u.reveal_now), filters=new),
        CommandHandler(["rol", "role"], _command(u.ask_role), filters=new),
        CommandHandler(["vergeet", "forget"], _command(u.forget_me), filters=new),
        CommandHandler(["verwijder", "delete"], _command(u.delete_workshop), filters=new),
        CommandHandler(["netwerk", "network"], _with_text(u.set_network), filters=new),
        CommandHandler(["indelen", "groups"], _with_text(u.propose_split), filters=new),
        CommandHandler(["verplaats", "reassign"], _with_text(u.move_in_split), filters=new),
        CommandHandler(["rollen", "roles"], _command(u.hand_out_roles), filters=new),
        CommandHandler(["homogeen", "homogeneous"], _command(u.toggle_homogeneous), filters=new),
        CommandHandler(["vervolg", "followup"], _command(u.create_followup), filters=new),
        CommandHandler(["afsluiten", "closing"], _command(u.start_closing), filters=new),
        CommandHandler(["geleerd", "learned"], _with_text(u.closing_learned), filters=new),
        CommandHandler(["meenemen", "takehome"], _with_text(u.closing_take_home), filters=new),
        CommandHandler(["tafel", "table"], _with_text(u.add_paper_table), filters=new),
        CommandHandler(["typ", "type"], type_answers, filters=new),
        CommandHandler(["onderwerpen", "topics"], topics, filters=new),
        CommandHandler(["scherm", "screen"], _with_text(u.screen), filters=new),
        CommandHandler(["cofac", "cofacilitator"], _command(u.cofacilitator_link), filters=new),
        CommandHandler("workshop", _command(u.which_workshop), filters=new),
        MessageHandler(filters.COMMAND & new, unknown_command),
        MessageHandler(groups & new & filters.TEXT, group_text),
        MessageHandler(filters.ChatType.PRIVATE & new & filters.TEXT, private_text),
        MessageHandler(groups & filters.StatusUpdate.NEW_CHAT_MEMBERS, new_members),
        MessageHandler(groups & filters.StatusUpdate.LEFT_CHAT_MEMBER, member_left_message),
        ChatMemberHandler(member_changed, ChatMemberHandler.CHAT_MEMBER),
        MessageHandler(filters.StatusUpdate.MIGRATE, migrated),
        MessageHandler(groups & new & media, group_media),
        MessageHandler(filters.UpdateType.EDITED_MESSAGE & filters.TEXT, edited),
        CallbackQueryHandler(button),
    ]
