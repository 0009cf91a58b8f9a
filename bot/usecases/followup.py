"""The second meeting and the closing round.

``/vervolg`` makes the mixed follow-up of a homogeneous workshop: the same people, split
over mixed groups (``/indelen`` in the follow-up mixes roles), with the first meeting's
values and the comparison of its groups as starting material. ``/afsluiten`` opens the
closing round of the method's learning outcomes: what have we learned, what do we take
home; the answers go into the export.
"""

from __future__ import annotations

from bot.actions import Outcome, React, Say
from bot.incoming import Incoming
from bot.usecases.common import (
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
from flows.texts import Html, plain, render
from flows.vervolg import rol_van_groep, vergelijk
from storage.models import Workshop

# The phases a first meeting can have a follow-up in: its model is being (or was) made.
FOLLOWUP_PHASES = (Fase.PLENAIR_MODEL, Fase.AFGEROND)
# The closing round belongs at the end: in the plenary on the model, or after it.
CLOSING_PHASES = (Fase.PLENAIR_MODEL, Fase.AFGEROND)


async def group_labels(s: Services, workshop: Workshop) -> dict[int, str]:
    """Each subgroup's name, with the role it stands for ("Tafel 1 · Burger"): in a
    homogeneous meeting that is what the group is (flows.vervolg.rol_van_groep)."""
    people = await s.storage.list_participants(workshop.id)
    labels = {}
    for g in await s.storage.list_subgroups(workshop.id):
        rol = rol_van_groep(p.role for p in people if p.subgroup_id == g.id)
        if rol is not None:
            labels[g.id] = f"{g.name} · {plain(f'rol.{rol}', workshop.lang)}"
        else:
            labels[g.id] = g.name
    return labels


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


async def _closing_workshop(s: Services, inc: Incoming) -> tuple[Workshop | None, int | None]:
    """The workshop a closing answer is for, and the subgroup it was given in."""
    found = await subgroup_here(s, inc)
    if found is not None:
        return found[0], found[1].id
    if inc.in_group:
        return await s.storage.latest_workshop_of_plenary_chat(inc.chat_id), None
    workshop = await s.storage.latest_workshop_of_participant(inc.user_id)
    if workshop is None:
        workshop = await persons_workshop(s, inc, ask=False)
    return workshop, None


async def closing_answer(s: Services, inc: Incoming, question: str, typed: str) -> Outcome:
    """Keep an answer of the closing round: /geleerd … or /meenemen …, in a group or in
    the private chat with the bot."""
    workshop, subgroup_id = await _closing_workshop(s, inc)
    lang = workshop.lang if workshop else None
    if workshop is None or workshop.closing_at is None:
        return reply(inc, "afsluiten.niet_open", lang)
    checked = antwoord.check(typed)
    if not checked.ok:
        key = "afsluiten.gebruik" if checked.reason == "weigering.leeg_antwoord" else None
        return reply(inc, key or checked.reason or "", lang, lengte=len(checked.text),
                     max=antwoord.MAX_ANSWER_CHARS)  # fmt: skip
    participant_id = None
    if not inc.anonymous_admin:
        participant = await s.storage.upsert_participant(
            workshop_id=workshop.id, user_id=inc.user_id, first_name=inc.first_name,
            username=inc.username, subgroup_id=subgroup_id, now=s.stamp(),
        )  # fmt: skip
        participant_id = participant.id
    await s.storage.add_closing_answer(
        workshop_id=workshop.id, participant_id=participant_id, question=question,
        text=checked.text, source=inc.source, now=s.stamp(),
    )  # fmt: skip
    return Outcome().add(React(inc.chat_id, inc.message_id))


async def closing_learned(s: Services, inc: Incoming, typed: str) -> Outcome:
    """/geleerd …: what someone learned."""
    return await closing_answer(s, inc, "geleerd", typed)


async def closing_take_home(s: Services, inc: Incoming, typed: str) -> Outcome:
    """/meenemen …: what someone takes home."""
    return await closing_answer(s, inc, "meenemen", typed)
