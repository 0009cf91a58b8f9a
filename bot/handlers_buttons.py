"""Button presses: the data says what it was shown for; it is checked against now."""

from __future__ import annotations

from telegram import Message, Update

from bot import usecases
from bot.context import BotContext
from bot.handlers_common import run
from bot.incoming import read_message
from flows.subgroep import Gebeurtenis
from flows.texts import language_for, plain

BUTTON_EVENTS = {"klaar": Gebeurtenis.KLAAR, "terug": Gebeurtenis.TERUG}


async def button(update: Update, context: BotContext) -> None:
    """Handle a button; its data names the state it was shown for, checked against now."""
    query = update.callback_query
    if query is None:
        return
    message = query.message if isinstance(query.message, Message) else None
    parts = (query.data or "").split(":")
    if message is None or not _well_formed(parts):
        lang = language_for(query.from_user.language_code if query.from_user else None)
        await query.answer(plain("weigering.knop_onbekend", lang))
        return
    inc = read_message(message, query.from_user, context.bot.id)
    services = context.services
    if parts[0] == "vg":
        work = usecases.forget_confirmed(services, inc, int(parts[1]), parts[2])
    elif parts[0] == "del":
        work = usecases.delete_confirmed(services, inc, int(parts[1]))
    elif parts[0] == "rol":
        work = usecases.choose_role(services, inc, int(parts[1]), parts[2])
    elif parts[0] == "kaart":
        work = usecases.show_map(services, inc)
    elif parts[0] == "st":
        kolom, version, votes_each, position = (int(p) for p in parts[1:])
        work = usecases.vote(services, inc, kolom, version, votes_each, position)
    elif parts[0] in BUTTON_EVENTS:
        work = usecases.move_subgroup(
            services,
            inc,
            BUTTON_EVENTS[parts[0]],
            source=f"cb:{query.id}",
            pressed_for=(int(parts[1]), int(parts[2])),
        )
    elif parts[3] == "ok":
        version = int(parts[2]) if parts[1] != "0" else None
        work = usecases.confirm(services, inc, version=version, column=int(parts[1]))
    elif parts[3] == "u":
        work = usecases.undo_edit(services, inc)
    else:
        work = usecases.remove_by_button(
            services, inc, int(parts[1]), int(parts[2]), int(parts[3][1:])
        )
    outcome = await run(context, work, f"cb:{query.id}")
    await query.answer(outcome.toast)


def _number(part: str, max_digits: int = 9) -> bool:
    """ASCII digits only: '²' is a digit to str.isdigit() but int() refuses it."""
    return part.isascii() and part.isdigit() and len(part) <= max_digits


def _well_formed(parts: list[str]) -> bool:
    """Button data we could have made: 'klaar:12:3', 'pd:2:7:ok' / 'pd:2:7:w4' / 'pd:2:7:u',
    or a vote 'st:2:7:3:4' (column, version, votes each, item)."""
    if len(parts) == 3 and parts[0] in (*BUTTON_EVENTS, "kaart"):
        return all(_number(p) for p in parts[1:])
    if len(parts) == 3 and parts[0] == "vg":
        return _number(parts[1]) and parts[2] in ("a", "w")
    if len(parts) == 2 and parts[0] == "del":
        return _number(parts[1])
    if len(parts) == 3 and parts[0] == "rol":
        return _number(parts[1]) and parts[2].isascii() and parts[2].isalpha()
    if len(parts) == 5 and parts[0] == "st":
        return all(_number(p) for p in parts[1:])
    if len(parts) == 4 and parts[0] == "pd":
        numbers_ok = all(_number(p) for p in parts[1:3])
        op = parts[3]
        return numbers_ok and (op in ("ok", "u") or (op[:1] == "w" and _number(op[1:], 4)))
    return False
