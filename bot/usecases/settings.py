"""Use cases that change how the bot behaves: language, reminders."""

from __future__ import annotations

from bot.actions import Outcome
from bot.incoming import Incoming
from bot.usecases.common import Services, facilitated_workshop, reply, subgroup_here
from flows.texts import CATALOGUES


async def set_language(s: Services, inc: Incoming, typed: str) -> Outcome:
    """Set the workshop's language for every chat in it: /taal nl or /taal en."""
    workshop = await facilitated_workshop(s, inc)
    lang = typed.strip().lower()[:2]
    if lang not in CATALOGUES:
        return reply(inc, "taal.gebruik", workshop.lang)
    await s.storage.set_language(workshop.id, lang)
    return reply(inc, "taal.gezet", lang)


async def reminders_for_workshop(s: Services, inc: Incoming, typed: str) -> Outcome:
    """The facilitator turns the bot's reminders off or on: /herinneringen uit|aan."""
    workshop = await facilitated_workshop(s, inc)
    choice = typed.strip().lower()
    if choice not in ("uit", "aan", "off", "on"):
        return reply(inc, "herinnering.gebruik", workshop.lang)
    off = choice in ("uit", "off")
    await s.storage.set_reminders_off(workshop.id, off)
    return reply(inc, "herinnering.uit" if off else "herinnering.aan", workshop.lang)


async def mute_subgroup(s: Services, inc: Incoming) -> Outcome:
    """A subgroup mutes (or unmutes) the bot's unprompted reminders: /stil."""
    found = await subgroup_here(s, inc)
    if found is None:
        return reply(inc, "weigering.geen_subgroep")
    workshop, subgroup = found
    muted = not subgroup.reminders_muted
    await s.storage.set_reminders_muted(subgroup.id, muted)
    return reply(inc, "herinnering.stil" if muted else "herinnering.niet_stil", workshop.lang)
