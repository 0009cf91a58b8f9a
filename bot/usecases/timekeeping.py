"""Keeping time: heads-ups at half time and five minutes before the end of a step."""

from __future__ import annotations

from datetime import datetime

from bot import views
from bot.actions import Outcome, RefreshStatus, Say
from bot.incoming import Incoming
from bot.usecases import group_ready
from bot.usecases.common import Services, facilitated_workshop, reply
from bot.usecases.reminding import consider_reminder
from flows import tijd
from flows.fase import Fase
from flows.texts import render
from storage.models import Workshop


def _started(workshop: Workshop) -> datetime | None:
    try:
        return datetime.fromisoformat(workshop.phase_changed_at)
    except ValueError:
        return None


async def tick(s: Services) -> Outcome:
    """Send the heads-ups that are due now, each once, and close the columns whose group
    agreed by keeping silent (called every half minute)."""
    # A /klaar nobody said no to in time closes its column (and a void question closes).
    outcome = await group_ready.settle_due(s)
    now = s.clock()
    for workshop in await s.storage.active_workshops():
        started = _started(workshop)
        if started is None:
            continue
        minutes = tijd.minutes_for(workshop.fase, workshop.durations)
        sent = await s.storage.sources_seen(workshop.id, f"tijd:{workshop.id}:")
        for notice in tijd.due(workshop.fase, started, minutes, now, sent,
                               workshop_id=workshop.id):  # fmt: skip
            if await s.storage.record_once(workshop.id, notice.key, "tijd", s.stamp()):
                outcome.add(*await _tell(s, workshop, notice, started, minutes or 1, now))
        if workshop.fase.subgroups_work:
            # A quiet member is noticed with time, not only when someone answers.
            for subgroup in await s.storage.list_subgroups(workshop.id):
                outcome.add(*await consider_reminder(s, workshop, subgroup))
    return outcome


async def _tell(
    s: Services,
    workshop: Workshop,
    notice: tijd.Tijdmelding,
    started: datetime,
    minutes: int,
    now: datetime,
) -> list[Say | RefreshStatus]:
    lang = workshop.lang
    fase_name = views.phase_title(workshop.fase, lang)
    subgroups = await s.storage.list_subgroups(workshop.id)
    said: list[Say | RefreshStatus] = []
    if workshop.fase.subgroups_work and notice.melding is not tijd.Melding.OM:
        key = f"tijd.groep.{notice.melding.value}"
        for g in subgroups:
            if g.chat_id is not None and g.stand.answering:
                said.append(Say(g.chat_id, g.topic_id,
                                render(key, lang, minuten=notice.minuten_over)))  # fmt: skip
    fraction = (now - started).total_seconds() / (minutes * 60)
    behind = [
        g.name for g in subgroups
        if workshop.fase.subgroups_work and not g.paper
        and tijd.is_behind(workshop.fase, g.stand, fraction)
    ]  # fmt: skip
    text = render(f"tijd.facilitator.{notice.melding.value}", lang, fase=fase_name,
                  minuten=notice.minuten_over)  # fmt: skip
    if behind:
        text = render("tijd.achter", lang, tekst=text, groepen=", ".join(behind))
    said.append(Say(workshop.plenary_chat_id, None, text))
    said.append(RefreshStatus(workshop.id))
    return said


async def set_duration(s: Services, inc: Incoming, typed: str) -> Outcome:
    """Set the current step's duration in minutes: /tijd 45."""
    workshop = await facilitated_workshop(s, inc)
    lang = workshop.lang
    typed = typed.strip()
    if workshop.fase is Fase.AFGEROND:
        return reply(inc, "tijd.geen_klok", lang)
    if not typed:
        started = _started(workshop)
        minutes = tijd.minutes_for(workshop.fase, workshop.durations) or 0
        passed = int((s.clock() - started).total_seconds() // 60) if started else 0
        return reply(inc, "tijd.stand", lang, fase=views.phase_title(workshop.fase, lang),
                     minuten=minutes, verstreken=passed)  # fmt: skip
    if not (typed.isascii() and typed.isdigit()
            and tijd.MIN_MINUTES <= int(typed) <= tijd.MAX_MINUTES):  # fmt: skip
        return reply(inc, "tijd.gebruik", lang, min=tijd.MIN_MINUTES, max=tijd.MAX_MINUTES)
    await s.storage.set_duration(workshop, workshop.fase.value, int(typed))
    return reply(inc, "tijd.gezet", lang, fase=views.phase_title(workshop.fase, lang),
                 minuten=int(typed))  # fmt: skip
