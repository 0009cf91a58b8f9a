"""The second meeting and the closing round.

``/vervolg`` makes the mixed follow-up of a homogeneous workshop: the same people, split
over mixed groups (``/indelen`` in the follow-up mixes roles), with the first meeting's
values and the comparison of its groups as starting material. ``/afsluiten`` opens the
closing round of the method's learning outcomes: what have we learned, what do we take
home; the answers go into the export.
"""

from __future__ import annotations

from datetime import timedelta

from bot.actions import Button, Outcome, React, Say
from bot.buttons import AnswerClosing, ClosingQuestion
from bot.incoming import Incoming
from bot.usecases.common import (
    MAX_WORKSHOP_CHOICES,
    Refused,
    Services,
    facilitated_workshop,
    persons_workshop,
    reply,
    subgroup_here,
)
from flows import antwoord
from flows.fase import Fase
from flows.kaart import Kolom
from flows.merge import MergeInput
from flows.texts import Html, language_for, plain, render
from flows.vervolg import groep_met_rol, vergelijk
from storage.models import Workshop

# The phases a first meeting can have a follow-up in: its model is being (or was) made.
FOLLOWUP_PHASES = (Fase.PLENAIR_MODEL, Fase.AFGEROND)
# The closing round belongs at the end: in the plenary on the model, or after it.
CLOSING_PHASES = (Fase.PLENAIR_MODEL, Fase.AFGEROND)
# In a private chat an answer goes to a closing round that is open: its workshop runs, or
# ended but the round opened this long ago at most (it often comes after the model).
CLOSING_AFTER_END = timedelta(hours=12)
QUESTIONS = {ClosingQuestion.LEARNED: "geleerd", ClosingQuestion.TAKE_HOME: "meenemen"}
MAX_CLOSING_LABEL = 40


async def group_labels(s: Services, workshop: Workshop) -> dict[int, str]:
    """Each subgroup's name, with the role it stands for ("Tafel 1 (burgers)"), as the
    export and the room's screen name it: in a homogeneous meeting that is what the group is
    (flows.vervolg.groep_met_rol)."""
    people = await s.storage.list_participants(workshop.id)
    lang = workshop.lang
    return {
        g.id: groep_met_rol(g.name, (p.role for p in people if p.subgroup_id == g.id), lang)
        for g in await s.storage.list_subgroups(workshop.id)
    }


async def starting_material(s: Services, previous: Workshop, lang: str) -> Html:
    """The first meeting's values for the mixed groups: the values the plenary confirmed,
    those more than one group named, and what each group named on its own."""
    labels = await group_labels(s, previous)
    lines = [render("vervolg.start_kop", lang)]
    draft = await s.storage.get_draft(previous.id, Kolom.WAARDEN)
    if draft is not None and draft.confirmed and draft.items:
        lines += [Html(""), render("vervolg.start_bevestigd", lang)]
        lines += [render("vervolg.start_regel", lang, tekst=i.text) for i in draft.items]
    answers = [
        MergeInput(a.id, a.text, labels[a.subgroup_id])
        for a in await s.storage.list_workshop_answers(previous.id)
        if a.kolom is Kolom.WAARDEN and not a.hidden and a.subgroup_id in labels
    ]
    compared = vergelijk(answers, list(labels.values()), lang=lang)
    if compared.gedeeld:
        lines += [Html(""), render("vervolg.start_gedeeld", lang)]
        lines += [
            render("vervolg.start_regel_groepen", lang, tekst=text, groepen=", ".join(groups))
            for text, groups in compared.gedeeld
        ]
    for group, items in compared.eigen:
        lines += [Html(""), render("vervolg.start_eigen", lang, groep=group)]
        lines += [render("vervolg.start_regel", lang, tekst=text) for text in items]
    lines += [Html(""), render("vervolg.start_vraag", lang)]
    return Html("\n".join(lines))


async def material_for(s: Services, workshop: Workshop) -> Html | None:
    """The starting material of a follow-up; None for a workshop that is no follow-up (or
    whose first meeting was deleted)."""
    if workshop.previous_id is None:
        return None
    previous = await s.storage.get_workshop(workshop.previous_id)
    if previous is None:
        return None
    return await starting_material(s, previous, workshop.lang)


async def create_followup(s: Services, inc: Incoming) -> Outcome:
    """Make the mixed second meeting of a homogeneous workshop: /vervolg."""
    workshop = await facilitated_workshop(s, inc)
    lang = workshop.lang
    if workshop.previous_id is not None:
        return reply(inc, "vervolg.is_vervolg", lang, code=workshop.code)
    if not workshop.homogeneous:
        return reply(inc, "vervolg.niet_homogeen", lang)
    if workshop.fase not in FOLLOWUP_PHASES:
        return reply(inc, "vervolg.te_vroeg", lang)
    existing = await s.storage.find_followup(workshop.id)
    if existing is not None:
        return reply(inc, "vervolg.al_gemaakt", lang, code=existing.code)
    followup, people = await s.storage.create_followup(
        workshop,
        code=s.new_code(),
        cofac_code=s.new_code().replace("-", ""),
        facilitator_id=inc.user_id,
        plenary_chat_id=inc.chat_id,
        now=s.stamp(),
    )
    # The follow-up is the one this person's commands are about from now on.
    await s.storage.choose_workshop(inc.user_id, followup.id, s.stamp())
    link = f"https://t.me/{s.bot_username}?startgroup={followup.code}"
    outcome = reply(inc, "vervolg.gemaakt", lang, doel=followup.goal, code=followup.code,
                    link=link)  # fmt: skip
    outcome.add(Say(inc.chat_id, inc.thread_id, await starting_material(s, workshop, lang)))
    if people:
        names = ", ".join(p.first_name for p in people)
        outcome.add(Say(inc.chat_id, inc.thread_id,
                        render("vervolg.uitgenodigd", lang, namen=names)))  # fmt: skip
    else:
        outcome.add(Say(inc.chat_id, inc.thread_id, render("vervolg.niemand", lang)))
    for p in people:
        # A private message reaches everyone who opened the bot once.
        outcome.add(Say(p.user_id, None, render("vervolg.uitnodiging", lang, naam=p.first_name,
                                                doel=followup.goal)))  # fmt: skip
    return outcome


async def start_closing(s: Services, inc: Incoming) -> Outcome:
    """Open the closing round: every subgroup gets the two questions (/afsluiten)."""
    workshop = await facilitated_workshop(s, inc)
    lang = workshop.lang
    if workshop.fase not in CLOSING_PHASES:
        return reply(inc, "afsluiten.te_vroeg", lang)
    if not await s.storage.start_closing(workshop.id, s.stamp()):
        return reply(inc, "afsluiten.al_bezig", lang)
    chats = [g for g in await s.storage.list_subgroups(workshop.id) if not g.paper]
    if not chats:
        return reply(inc, "afsluiten.geen_groepen", lang)
    outcome = reply(inc, "afsluiten.gestart", lang)
    for g in chats:
        outcome.add(Say(g.chat_id, g.topic_id, render("afsluiten.groep", lang)))
    return outcome


async def _open_rounds(s: Services, inc: Incoming) -> list[Workshop]:
    """This person's workshops whose closing round is open, oldest first."""
    since = (s.clock() - CLOSING_AFTER_END).isoformat(timespec="milliseconds")
    return await s.storage.open_closing_rounds(inc.user_id, since)


async def _closing_workshop(
    s: Services, inc: Incoming, question: str
) -> tuple[Workshop | None, int | None]:
    """The workshop a closing answer is for, and the subgroup it was given in. In a private
    chat: the person's workshop whose closing round is open; with more than one open,
    Refused with a button per workshop (the tap keeps the answer)."""
    found = await subgroup_here(s, inc)
    if found is not None:
        return found[0], found[1].id
    if inc.in_group:
        return await s.storage.latest_workshop_of_plenary_chat(inc.chat_id), None
    open_ones = await _open_rounds(s, inc)
    if len(open_ones) == 1:
        return open_ones[0], None
    if len(open_ones) > 1:
        raise Refused(_which_round(inc, open_ones, question))
    # None open: said in the language of the person's latest workshop.
    workshop = await s.storage.latest_workshop_of_participant(inc.user_id)
    if workshop is None:
        workshop = await persons_workshop(s, inc, ask=False)
    raise Refused(reply(inc, "afsluiten.niet_open", workshop.lang if workshop else None))


def _which_round(inc: Incoming, workshops: list[Workshop], question: str) -> Outcome:
    """Ask which workshop a closing answer is for: a button per workshop, newest first. The
    question replies to the typed answer, so a tap finds it there."""
    lang = workshops[-1].lang
    kind = next(k for k, v in QUESTIONS.items() if v == question)
    shown = workshops[-MAX_WORKSHOP_CHOICES:]
    buttons = tuple(
        (Button(_round_label(w), AnswerClosing(w.id, kind).data),) for w in reversed(shown)
    )
    text = render("afsluiten.welke", lang)
    if len(shown) < len(workshops):  # never cut silently
        text = Html(text + "\n" + render("kies.nieuwste", lang, aantal=len(shown)))
    return Outcome().add(
        Say(inc.chat_id, inc.thread_id, text, reply_to=inc.message_id, buttons=buttons)
    )


def _round_label(workshop: Workshop) -> str:
    """A workshop's button: its goal, and whether it is the follow-up (both have one goal)."""
    goal = workshop.goal
    if len(goal) > MAX_CLOSING_LABEL:
        goal = goal[: MAX_CLOSING_LABEL - 1] + "…"
    if workshop.previous_id is None:
        return goal
    return plain("afsluiten.knop_vervolg", workshop.lang, doel=goal)


async def closing_answer(s: Services, inc: Incoming, question: str, typed: str) -> Outcome:
    """Keep an answer of the closing round: /geleerd … or /meenemen …, in a group or in
    the private chat with the bot."""
    if not inc.in_group and not antwoord.check(typed).ok:
        # Asking which workshop only makes sense for an answer that can be kept.
        open_ones = await _open_rounds(s, inc)
        if open_ones:
            return _refuse_text(inc, typed, open_ones[-1].lang)
    workshop, subgroup_id = await _closing_workshop(s, inc, question)
    lang = workshop.lang if workshop else None
    if workshop is None or workshop.closing_at is None:
        return reply(inc, "afsluiten.niet_open", lang)
    checked = antwoord.check(typed)
    if not checked.ok:
        return _refuse_text(inc, typed, lang)
    await _keep(s, inc, workshop, subgroup_id, question, checked.text, inc.source)
    return Outcome().add(React(inc.chat_id, inc.message_id))


def _refuse_text(inc: Incoming, typed: str, lang: str | None) -> Outcome:
    """Why a typed closing answer cannot be kept (empty, too long, …), kindly."""
    checked = antwoord.check(typed)
    key = "afsluiten.gebruik" if checked.reason == "weigering.leeg_antwoord" else None
    return reply(inc, key or checked.reason or "", lang, lengte=len(checked.text),
                 max=antwoord.MAX_ANSWER_CHARS)  # fmt: skip


async def _keep(
    s: Services,
    inc: Incoming,
    workshop: Workshop,
    subgroup_id: int | None,
    question: str,
    text: str,
    source: str,
) -> bool:
    """Store a closing answer once per typed message; False if it was kept before."""
    participant_id = None
    if not inc.anonymous_admin:
        participant = await s.storage.upsert_participant(
            workshop_id=workshop.id, user_id=inc.user_id, first_name=inc.first_name,
            username=inc.username, subgroup_id=subgroup_id, now=s.stamp(),
        )  # fmt: skip
        participant_id = participant.id
    return await s.storage.add_closing_answer(
        workshop_id=workshop.id, participant_id=participant_id, question=question,
        text=text, source=source, now=s.stamp(),
    )  # fmt: skip


async def closing_answer_chosen(
    s: Services, inc: Incoming, workshop_id: int, question: str
) -> Outcome:
    """A workshop was tapped under a closing answer typed in a private chat: keep the
    answer (the message the question replies to) in that workshop's closing round."""
    open_ones = {w.id: w for w in await _open_rounds(s, inc)}
    workshop = open_ones.get(workshop_id)
    if workshop is None or inc.in_group:
        lang = language_for(inc.language_code)
        return Outcome(toast=plain("afsluiten.niet_open", lang))
    lang = workshop.lang
    parts = (inc.reply_to_text or "").split(maxsplit=1)  # like the command: after its word
    checked = antwoord.check(parts[1] if len(parts) > 1 else "")
    if inc.reply_to_message_id is None or not checked.ok:
        return Outcome(toast=plain("afsluiten.kwijt", lang))
    source = f"msg:{inc.chat_id}:{inc.reply_to_message_id}"  # the typed message: kept once
    kind = QUESTIONS[ClosingQuestion(question)]  # the button's code: "g" or "m"
    if not await _keep(s, inc, workshop, None, kind, checked.text, source):
        return Outcome(toast=plain("afsluiten.al_bewaard", lang))
    toast = plain("afsluiten.bewaard", lang, doel=_round_label(workshop))
    return Outcome(toast=toast).add(React(inc.chat_id, inc.reply_to_message_id))


async def closing_learned(s: Services, inc: Incoming, typed: str) -> Outcome:
    """/geleerd …: what someone learned."""
    return await closing_answer(s, inc, "geleerd", typed)


async def closing_take_home(s: Services, inc: Incoming, typed: str) -> Outcome:
    """/meenemen …: what someone takes home."""
    return await closing_answer(s, inc, "meenemen", typed)
