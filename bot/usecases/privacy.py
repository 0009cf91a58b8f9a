"""Use cases for personal data: forget me, delete a workshop, keep nothing for too long."""

from __future__ import annotations

import logging
from datetime import timedelta

from bot import views
from bot.actions import Button, Outcome, Say, ShowDraft
from bot.buttons import DeleteWorkshop, Forget, Forgetting
from bot.incoming import Incoming
from bot.usecases.common import Services, facilitated_workshop, reply, subgroup_here
from flows.texts import plain, render
from storage.models import Forgotten, Workshop

log = logging.getLogger(__name__)


async def forget_me(s: Services, inc: Incoming) -> Outcome:
    """Offer to remove the sender's personal data from this workshop: /vergeet. In a
    private chat after /vervolg, from the follow-up and from its first meeting: each gets
    its own question (their goal is the same, so the follow-up's says so)."""
    found = await subgroup_here(s, inc)
    workshops = [found[0]] if found else []
    if not workshops and not inc.in_group:
        workshops = await _my_meetings(s, inc.user_id)
    if not workshops:
        return reply(inc, "vergeet.geen_workshop")
    outcome = Outcome()
    for workshop in workshops:
        lang = workshop.lang
        anonymise = Forget(workshop.id, Forgetting.ANONYMISE)
        erase = Forget(workshop.id, Forgetting.ERASE)
        buttons = (
            (Button(plain("vergeet.knop_anoniem", lang), anonymise.data),),
            (Button(plain("vergeet.knop_wissen", lang), erase.data),),
        )
        goal = workshop.goal
        if len(workshops) > 1 and workshop.previous_id is not None:
            goal = plain("afsluiten.knop_vervolg", lang, doel=goal)
        text = render("vergeet.vraag", lang, doel=goal)
        outcome.add(Say(inc.chat_id, inc.thread_id, text, reply_to=inc.message_id,
                        buttons=buttons))  # fmt: skip
    return outcome


async def _my_meetings(s: Services, user_id: int) -> list[Workshop]:
    """The newest workshop this person takes part in, and when it is a follow-up, its
    first meeting too if they took part in that (newest first)."""
    latest = await s.storage.latest_workshop_of_participant(user_id)
    if latest is None:
        return []
    previous = await s.storage.get_workshop(latest.previous_id) if latest.previous_id else None
    if previous is None:
        return [latest]
    people = await s.storage.list_participants(previous.id)
    return [latest, previous] if any(p.user_id == user_id for p in people) else [latest]


async def forget_confirmed(s: Services, inc: Incoming, workshop_id: int, choice: str) -> Outcome:
    """The person pressed a forget button: forget whoever pressed it (never someone else)."""
    workshop = await s.storage.get_workshop(workshop_id)
    if workshop is None or choice not in ("a", "w"):
        return Outcome(toast=plain("weigering.knop_onbekend", "nl"))
    forgotten = await s.storage.forget_participant(
        workshop.id, inc.user_id, keep_answers=choice == "a", now=s.stamp()
    )
    if forgotten is None:
        return Outcome(toast=plain("vergeet.niets", workshop.lang))
    log.info("participant data forgotten on request in workshop %d", workshop.id)
    key = "vergeet.gedaan_anoniem" if choice == "a" else "vergeet.gedaan_gewist"
    return _lists_changed(workshop, forgotten, Outcome(toast=plain(key, workshop.lang)))


def _lists_changed(workshop: Workshop, forgotten: Forgotten, outcome: Outcome) -> Outcome:
    """Tell the plenary which lists lost erased answers (never whose), and show the
    list under discussion as it is now."""
    if not forgotten.columns:
        return outcome
    lang = workshop.lang
    columns = ", ".join(views.column_label(k, lang) for k in forgotten.columns)
    plenary = workshop.plenary_chat_id
    outcome.add(Say(plenary, None, render("vergeet.lijst_aangepast", lang, kolommen=columns)))
    if forgotten.votes_stopped:
        outcome.add(Say(plenary, None, render("vergeet.stemming_gestopt", lang)))
    if workshop.fase.plenary and workshop.plenary_column in forgotten.columns:
        outcome.add(ShowDraft(workshop.id))
    return outcome


async def delete_workshop(s: Services, inc: Incoming) -> Outcome:
    """Offer the facilitator to delete the whole workshop: /verwijder."""
    workshop = await facilitated_workshop(s, inc)
    buttons = ((Button(plain("verwijder.knop", workshop.lang), DeleteWorkshop(workshop.id).data),),)
    text = render("verwijder.vraag", workshop.lang, doel=workshop.goal)
    return Outcome().add(Say(inc.chat_id, inc.thread_id, text, reply_to=inc.message_id,
                             buttons=buttons))  # fmt: skip


async def delete_confirmed(s: Services, inc: Incoming, workshop_id: int) -> Outcome:
    """The facilitator confirmed: the workshop and everything in it are deleted."""
    workshop = await s.storage.get_workshop(workshop_id)
    if workshop is None:
        return Outcome(toast=plain("verwijder.al_weg", "nl"))
    if inc.anonymous_admin or not await s.storage.is_facilitator(workshop, inc.user_id):
        return Outcome(toast=plain("weigering.alleen_facilitator", workshop.lang))
    await s.storage.delete_workshop(workshop.id)
    log.info("workshop %d deleted by its facilitator", workshop.id)
    return Outcome(toast=plain("verwijder.gedaan", workshop.lang)).add(
        Say(inc.chat_id, inc.thread_id, render("verwijder.gedaan", workshop.lang))
    )


# Telegram keeps an undelivered update for 24 hours and the inbox hands a kept one to the
# handlers at the next start; a week later nobody can deliver it again.
HANDLED_UPDATES_DAYS = 7


async def purge_old(s: Services, retention_days: int | None) -> int:
    """Delete workshops that ended more than retention_days ago; how many went. Forget
    which updates were handled a week ago."""
    week_ago = s.clock() - timedelta(days=HANDLED_UPDATES_DAYS)
    await s.storage.forget_handled_before(week_ago.isoformat(timespec="milliseconds"))
    if not retention_days:
        return 0
    cutoff = (s.clock() - timedelta(days=retention_days)).isoformat(timespec="milliseconds")
    purged = await s.storage.purge_ended_before(cutoff)
    if purged:
        log.info("retention: deleted %d workshop(s) that ended over %d days ago",
                 purged, retention_days)  # fmt: skip
    return purged
