"""Use cases that show where the workshop stands: status, help, and the export."""

from __future__ import annotations

from bot.actions import Outcome, Say, SendDocument, ShowStatus
from bot.incoming import Incoming
from bot.usecases.common import Services, facilitated_workshop, reply, workshop_for_chat
from exports.files import export_file_name
from exports.model import (
    AnswerRecord,
    MapData,
    MapItem,
    ModelItem,
    ParticipantRecord,
    PhaseRecord,
    SubgroupRecord,
    WorkshopData,
)
from exports.pptx_map import build_map_deck
from flows.fase import Fase
from flows.kaart import Kolom
from flows.texts import language_for, plain, render
from storage.models import Workshop


async def show_status(s: Services, inc: Incoming) -> Outcome:
    """Post the status board here; from now on it is kept up to date in place."""
    workshop = await facilitated_workshop(s, inc)
    return Outcome().add(ShowStatus(workshop.id, inc.chat_id, inc.thread_id))


async def workshop_data(s: Services, workshop: Workshop) -> WorkshopData:
    """Everything the exports need about a workshop, read from storage."""
    subgroups = await s.storage.list_subgroups(workshop.id)
    names = {g.id: g.name for g in subgroups}
    participants = await s.storage.list_participants(workshop.id)
    answers = await s.storage.list_workshop_answers(workshop.id)
    drafts = await s.storage.list_drafts(workshop.id)
    events = await s.storage.list_events(workshop.id)
    members: dict[int, list[str]] = {}
    for p in participants:
        if p.subgroup_id is not None:
            members.setdefault(p.subgroup_id, []).append(p.first_name)
    return WorkshopData(
        goal=workshop.goal,
        lang=workshop.lang,
        date=s.clock().date(),
        created_at=workshop.created_at,
        phase=workshop.fase.value,
        subgroups=tuple(
            SubgroupRecord(
                number=g.number,
                name=g.name,
                kind="paper" if g.paper else "topic" if g.topic_id else "chat",
                members=tuple(members.get(g.id, ())),
            )
            for g in subgroups
        ),
        participants=tuple(
            ParticipantRecord(name=p.first_name, subgroup=names.get(p.subgroup_id or 0))
            for p in participants
        ),
        answers=tuple(
            AnswerRecord(
                id=a.id,
                text=a.text,
                kolom=a.kolom,
                subgroup=names[a.subgroup_id],
                author=a.author,
                created_at=a.created_at,
                edited_at=a.edited_at,
            )
            for a in answers
        ),
        model={
            d.kolom: tuple(
                ModelItem(
                    i["text"],
                    tuple(i.get("answer_ids", ())),
                    tuple(i.get("subgroups", ())),
                    i.get("votes", 0),
                )
                for i in d.items
            )
            for d in drafts
        },
        confirmed=frozenset(d.kolom for d in drafts if d.confirmed),
        phases=(
            PhaseRecord(Fase.OPENING.value, workshop.created_at),
            *(PhaseRecord(e.to_state or "", e.at) for e in events if e.kind == "phase"),
        ),
    )


async def joint_model(s: Services, workshop: Workshop) -> dict[Kolom, list[MapItem]]:
    """The plenary's confirmed (or, before that, draft) items per column."""
    model: dict[Kolom, list[MapItem]] = {k: [] for k in Kolom}
    for draft in await s.storage.list_drafts(workshop.id):
        model[draft.kolom] = [
            MapItem(i["text"], None, tuple(i.get("subgroups", ()))) for i in draft.items
        ]
    return model


async def build_deck(s: Services, workshop: Workshop) -> bytes:
    """The PowerPoint: the joint model first (once a plenary began), then each subgroup."""
    today = s.clock().date()
    final = workshop.fase is Fase.AFGEROND
    maps = []
    if await s.storage.list_drafts(workshop.id):
        maps.append(
            MapData(
                goal=workshop.goal,
                title=plain("export.gezamenlijk", workshop.lang),
                columns=await joint_model(s, workshop),
                date=today,
                lang=workshop.lang,
                concept=not final,
            )
        )
    subgroups = await s.storage.list_subgroups(workshop.id)
    for subgroup in subgroups:
        answers = await s.storage.list_answers(subgroup.id)
        columns = {
            kolom: [MapItem(a.text, a.author) for a in answers if a.kolom == kolom]
            for kolom in Kolom
        }
        maps.append(
            MapData(
                goal=workshop.goal,
                title=subgroup.name,
                columns=columns,
                date=today,
                lang=workshop.lang,
                concept=not (final or subgroup.stand.finished_map),
            )
        )
    return build_map_deck(maps)


async def export_map(s: Services, inc: Incoming) -> Outcome:
    """Send the facilitator the PowerPoint of the joint model and every subgroup's map."""
    workshop = await facilitated_workshop(s, inc)
    if not await s.storage.list_subgroups(workshop.id):
        return reply(inc, "export.leeg", workshop.lang)
    data = await build_deck(s, workshop)
    name = export_file_name(workshop.goal, s.clock().date(), "pptx")
    caption = render("export.bijschrift", workshop.lang, doel=workshop.goal)
    return Outcome().add(SendDocument(inc.chat_id, inc.thread_id, name, data, caption))


async def show_help(s: Services, inc: Incoming) -> Outcome:
    """Explain the bot in at most two screens: participants first, then the facilitator."""
    workshop = await workshop_for_chat(s, inc)
    lang = workshop.lang if workshop else language_for(inc.language_code)
    outcome = Outcome().add(Say(inc.chat_id, inc.thread_id, render("help.groep", lang)))
    facilitates = workshop is not None and await s.storage.is_facilitator(workshop, inc.user_id)
    if facilitates or workshop is None or not inc.in_group:
        outcome.add(Say(inc.chat_id, inc.thread_id, render("help.facilitator", lang)))
    return outcome
