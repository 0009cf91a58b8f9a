"""Silent writing: answers written privately to the bot, revealed together in the group."""

from __future__ import annotations

from bot import views
from bot.actions import Outcome, React, RefreshBoard, Say
from bot.incoming import Incoming
from bot.usecases.common import Refused, Services, facilitated_workshop, reply
from flows import antwoord, stil
from flows.kaart import Kolom
from flows.texts import Html, render
from storage.models import Participant, Subgroup, Workshop


async def set_silent(s: Services, inc: Incoming, typed: str) -> Outcome:
    """Turn silent writing on or off: /stilschrijven [aan|uit|anoniem|<kolommen>]."""
    workshop = await facilitated_workshop(s, inc)
    try:
        setting = stil.parse_setting(typed)
    except stil.StilFout as fout:
        return reply(inc, str(fout), workshop.lang)
    await s.storage.set_silent(workshop.id, setting)
    if setting is None:
        return reply(inc, "stil.uit", workshop.lang)
    which = (
        render("stil.alle_kolommen", workshop.lang)
        if setting.get("all")
        else ", ".join(views.column_label(k, workshop.lang) for k in _columns(setting))
    )
    key = "stil.aan_anoniem" if stil.anonymous(setting) else "stil.aan"
    return reply(inc, key, workshop.lang, kolommen=which)


def _columns(setting: dict) -> list[Kolom]:
    return [Kolom(n) for n in setting.get("columns", [])]


async def _silent_writer(s: Services, inc: Incoming) -> tuple[Workshop, Participant, Subgroup]:
    """The sender's workshop, participant and subgroup, when that subgroup is writing in
    silence now; Refused with the reason otherwise."""
    workshop = await s.storage.latest_workshop_of_participant(inc.user_id)
    people = await s.storage.list_participants(workshop.id) if workshop else []
    me = next((p for p in people if p.user_id == inc.user_id), None)
    subgroup = await s.storage.get_subgroup(me.subgroup_id) if me and me.subgroup_id else None
    if workshop is None or me is None or subgroup is None:
        raise Refused(reply(inc, "stil.geen_groep"))
    if not me.present:  # left or removed: what they send is not the group's any more
        raise Refused(reply(inc, "stil.niet_in_groep", workshop.lang, groep=subgroup.name))
    if not (subgroup.stand.answering and stil.is_silent(workshop.silent, subgroup.stand.kolom)):
        raise Refused(reply(inc, "stil.niet_nu", workshop.lang))
    return workshop, me, subgroup


async def private_answer(s: Services, inc: Incoming, text: str | None) -> Outcome:
    """An answer typed in a private chat: kept hidden while the column is written in silence."""
    workshop, me, subgroup = await _silent_writer(s, inc)
    lang = workshop.lang
    checked = antwoord.check(text)
    if not checked.ok:
        return reply(inc, checked.reason or "", lang, lengte=len(checked.text),
                     max=antwoord.MAX_ANSWER_CHARS)  # fmt: skip
    await s.storage.add_answer(
        workshop_id=workshop.id, subgroup_id=subgroup.id, kolom=subgroup.stand.kolom,
        text=checked.text, participant_id=me.id, source_chat_id=inc.chat_id,
        source_message_id=inc.message_id, now=s.stamp(), hidden=True,
    )  # fmt: skip
    return Outcome().add(React(inc.chat_id, inc.message_id))


async def private_done(s: Services, inc: Incoming) -> Outcome:
    """A member is done writing in silence; when all are, the answers are revealed."""
    workshop, me, subgroup = await _silent_writer(s, inc)
    lang = workshop.lang
    await s.storage.add_activity(
        workshop_id=workshop.id, subgroup_id=subgroup.id, kind="silent_done",
        participant_id=me.id, kolom=subgroup.stand.kolom, detail=None, now=s.stamp(),
    )  # fmt: skip
    outcome = reply(inc, "stil.klaar", lang)
    if await everyone_done_writing(s, workshop, subgroup):
        outcome.add(*await reveal(s, workshop, subgroup))
    return outcome


async def everyone_done_writing(s: Services, workshop: Workshop, subgroup: Subgroup) -> bool:
    """True when the subgroup writes in silence now and everyone still in it said done."""
    if not (subgroup.stand.answering and stil.is_silent(workshop.silent, subgroup.stand.kolom)):
        return False
    members = [p.id for p in await s.storage.list_participants(workshop.id)
               if p.subgroup_id == subgroup.id and p.present]  # fmt: skip
    done = [a.participant_id for a in await s.storage.list_activity(
        subgroup.id, subgroup.state_changed_at) if a.kind == "silent_done"]  # fmt: skip
    return stil.everyone_done(members, [d for d in done if d is not None])


async def reveal(s: Services, workshop: Workshop, subgroup: Subgroup) -> list[Say | RefreshBoard]:
    """Show the group everything written in silence for its column, at once."""
    if subgroup.chat_id is None:
        return []
    answers = await s.storage.reveal_answers(subgroup.id, subgroup.stand.kolom)
    if not answers:
        return []
    lang = workshop.lang
    hide = stil.anonymous(workshop.silent)
    lines = [render("stil.onthuld", lang, kolom=views.column_label(subgroup.stand.kolom, lang))]
    for a in answers:
        if hide or not a.author:
            lines.append(render("bord.regel", lang, tekst=a.text))
        else:
            lines.append(render("bord.regel_auteur", lang, tekst=a.text, auteur=a.author))
    return [
        *(Say(subgroup.chat_id, subgroup.topic_id, part) for part in views.chunk(
            [Html(x) for x in lines])),
        RefreshBoard(subgroup.id),
    ]  # fmt: skip


async def reveal_now(s: Services, inc: Incoming) -> Outcome:
    """The facilitator reveals what every subgroup wrote in silence so far: /onthul."""
    workshop = await facilitated_workshop(s, inc)
    outcome = Outcome()
    for subgroup in await s.storage.list_subgroups(workshop.id):
        if subgroup.stand.answering:
            outcome.add(*await reveal(s, workshop, subgroup))
    if not outcome.actions:
        return reply(inc, "stil.niets", workshop.lang)
    return outcome.add(*reply(inc, "stil.onthuld_alle", workshop.lang).actions)
