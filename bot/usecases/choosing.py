"""Which workshop a person's private commands are about, when they run more than one."""

from __future__ import annotations

from bot.actions import Outcome, Say
from bot.incoming import Incoming
from bot.usecases.common import (
    Refused,
    Services,
    choose_workshop_question,
    persons_workshop,
    reply,
)
from flows.texts import Html, language_for, plain, render


async def which_workshop(s: Services, inc: Incoming) -> Outcome:
    """Say which workshop this person's commands are about; let them choose another:
    /workshop."""
    lang = language_for(inc.language_code)
    if inc.in_group:
        return reply(inc, "kies.in_prive", lang)
    open_ones = await s.storage.active_workshops_of_facilitator(inc.user_id)
    try:
        current = await persons_workshop(s, inc, ask=True)
    except Refused:  # several open, none chosen yet
        current = None
    if current is None:
        if not open_ones:
            return reply(inc, "weigering.geen_workshop", lang)
        return choose_workshop_question(inc, open_ones, render("kies.welke_workshop", lang))
    others = [w for w in open_ones if w.id != current.id]
    if not others:
        return reply(inc, "kies.nu", lang, doel=current.goal)
    question = Html(render("kies.nu", lang, doel=current.goal) + "\n" + render("kies.andere", lang))
    return choose_workshop_question(inc, others, question)


async def choose_workshop(s: Services, inc: Incoming, workshop_id: int) -> Outcome:
    """A workshop button was pressed: whoever pressed it works on that workshop now, if
    they (co-)facilitate it."""
    lang = language_for(inc.language_code)
    workshop = await s.storage.get_workshop(workshop_id)
    if workshop is None:
        return Outcome(toast=plain("weigering.knop_onbekend", lang))
    if inc.anonymous_admin or not await s.storage.is_facilitator(workshop, inc.user_id):
        return Outcome(toast=plain("knop.niet_voor_jou", lang))
    await s.storage.choose_workshop(inc.user_id, workshop.id, s.stamp())
    return Outcome(toast=plain("kies.gekozen", lang)).add(
        Say(inc.chat_id, inc.thread_id, render("kies.nu", lang, doel=workshop.goal))
    )
