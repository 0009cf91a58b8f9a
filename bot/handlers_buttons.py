"""Button presses: the data says what it was shown for; it is checked against now."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import assert_never

from telegram import Message, Update

from bot import usecases
from bot.actions import Outcome
from bot.buttons import (
    AnswerClosing,
    AnswerCofacilitator,
    AnswerGroupReady,
    ApartHint,
    Back,
    ButtonPress,
    ChooseRole,
    ChooseWorkshop,
    Confirm,
    DeleteWorkshop,
    Done,
    Forget,
    JoinHint,
    KeepGroup,
    ListPage,
    LooseGroup,
    RemoveItem,
    ShowMap,
    StatusPage,
    UndoEdit,
    Vote,
    YesNo,
    parse,
)
from bot.context import BotContext
from bot.handlers_common import run, with_chat_size
from bot.incoming import Incoming, read_message
from flows.subgroep import Gebeurtenis
from flows.texts import language_for, plain


async def button(update: Update, context: BotContext) -> None:
    """Handle a button; its data names the state it was shown for, checked against now."""
    query = update.callback_query
    if query is None:
        return
    message = query.message if isinstance(query.message, Message) else None
    press = parse(query.data or "")
    if message is None or press is None:
        # Always answer, or the spinner on the button keeps turning.
        lang = language_for(query.from_user.language_code if query.from_user else None)
        await query.answer(plain("weigering.knop_onbekend", lang))
        return
    inc = read_message(message, query.from_user, context.bot.id)
    if isinstance(press, Done):  # who may decide alone depends on who is in the chat
        inc = await with_chat_size(context.bot, inc)
    work = use_case_for(press, context.services, inc, source=f"cb:{query.id}")
    outcome = await run(context, work, f"cb:{query.id}")
    await query.answer(outcome.toast)


def use_case_for(
    press: ButtonPress, s: usecases.Services, inc: Incoming, *, source: str
) -> Awaitable[Outcome]:
    """The use case a press asks for; whether it is stale or allowed is for that use case."""
    match press:
        case Done(subgroup_id, column):
            return usecases.move_subgroup(
                s, inc, Gebeurtenis.KLAAR, source=source, pressed_for=(subgroup_id, column)
            )
        case Back(subgroup_id, column):
            return usecases.move_subgroup(
                s, inc, Gebeurtenis.TERUG, source=source, pressed_for=(subgroup_id, column)
            )
        case ShowMap():
            return usecases.show_map(s, inc)
        case RemoveItem(column, version, position):
            return usecases.remove_by_button(s, inc, column, version, position)
        case KeepGroup(column, version, position):
            return usecases.decide_by_button(s, inc, column, version, position, together=True)
        case LooseGroup(column, version, position):
            return usecases.decide_by_button(s, inc, column, version, position, together=False)
        case JoinHint(column, version, first, second):
            return usecases.hint_by_button(s, inc, column, version, (first, second), join=True)
        case ApartHint(column, version, first, second):
            return usecases.hint_by_button(s, inc, column, version, (first, second), join=False)
        case UndoEdit(column, version):
            return usecases.undo_edit(s, inc, pressed_for=(column, version))
        case Confirm(0, _):  # the whole model: there is one, so no version to compare
            return usecases.confirm(s, inc, version=None, column=0)
        case Confirm(column, version):
            return usecases.confirm(s, inc, version=version, column=column)
        case ListPage(column, version, page):
            return usecases.turn_list_page(s, inc, column, version, page)
        case StatusPage(workshop_id, page):
            return usecases.turn_status_page(s, inc, workshop_id, page)
        case Vote(column, version, votes_each, position):
            return usecases.vote(s, inc, column, version, votes_each, position)
        case ChooseRole(workshop_id, role):
            return usecases.choose_role(s, inc, workshop_id, role.value)
        case Forget(workshop_id, how):
            return usecases.forget_confirmed(s, inc, workshop_id, how.value)
        case DeleteWorkshop(workshop_id):
            return usecases.delete_confirmed(s, inc, workshop_id)
        case AnswerCofacilitator(offer_id, answer):
            return usecases.answer_cofacilitator(s, inc, offer_id, answer is YesNo.YES)
        case AnswerGroupReady(ready_id, answer):
            return usecases.answer_group_ready(s, inc, ready_id, answer is YesNo.YES)
        case ChooseWorkshop(workshop_id):
            return usecases.choose_workshop(s, inc, workshop_id)
        case AnswerClosing(workshop_id, question):
            return usecases.closing_answer_chosen(s, inc, workshop_id, question.value)
        case _:
            assert_never(press)
