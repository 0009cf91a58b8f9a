"""Use cases that show where the workshop stands: status, help, and the export."""

from __future__ import annotations

from bot.actions import Outcome, RefreshStatus, Say, SendDocument, ShowStatus
from bot.incoming import Incoming
from bot.usecases.common import Services, facilitated_workshop, reply, say, workshop_for_chat
from exports.files import ExportError, ExportFile
from exports.model import (
    AnswerRecord,
    ClosingRecord,
    ModelItem,
    ParticipantRecord,
    PhaseRecord,
    SubgroupRecord,
    WorkshopData,
)
from flows.fase import Fase
from flows.texts import Html, language_for, plain, render
from flows.tijd import workshop_day
from storage.models import Workshop


async def show_status(s: Services, inc: Incoming) -> Outcome:
    """Post the status board here; from now on it is kept up to date in place."""
    workshop = await facilitated_workshop(s, inc)
    return Outcome().add(ShowStatus(workshop.id, inc.chat_id, inc.thread_id))


async def turn_status_page(s: Services, inc: Incoming, workshop_id: int, page: int) -> Outcome:
    """The facilitator pressed ◀️ or ▶️ under the status board: it shows that page now, and
    keeps it while it is kept up to date."""
    workshop = await s.storage.get_workshop(workshop_id)
    if workshop is None:
        return Outcome(toast=plain("weigering.knop_onbekend", language_for(inc.language_code)))
    if inc.anonymous_admin or not await s.storage.is_facilitator(workshop, inc.user_id):
        return Outcome(toast=plain("weigering.alleen_facilitator", workshop.lang))
    if (workshop.status_chat_id, workshop.status_message_id) != (inc.chat_id, inc.message_id):
        return Outcome(toast=plain("weigering.knop_verlopen", workshop.lang))
    await s.storage.set_status_page(workshop.id, page)
    return Outcome().add(RefreshStatus(workshop.id, at_once=True))


async def workshop_data(
    s: Services, workshop: Workshop, *, with_previous: bool = True
) -> WorkshopData:
    """Everything the exports need about a workshop, read from storage; for a follow-up
    also its first meeting (whose comparison goes into the follow-up's export)."""
    previous = None
    if with_previous and workshop.previous_id is not None:
        first = await s.storage.get_workshop(workshop.previous_id)
        if first is not None:
            previous = await workshop_data(s, first, with_previous=False)
    closing = await s.storage.list_closing_answers(workshop.id)
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
        date=workshop_day(
            workshop.created_at, (e.at for e in events if e.kind == "phase")
        ),
        created_at=workshop.created_at,
        phase=workshop.fase.value,
        subgroups=tuple(
            SubgroupRecord(
                number=g.number,
                name=g.name,
                kind="paper" if g.paper else "topic" if g.topic_id else "chat",
                members=tuple(members.get(g.id, ())),
                roles=tuple(
                    dict.fromkeys(p.role for p in participants if p.subgroup_id == g.id and p.role)
                ),
            )
            for g in subgroups
        ),
        participants=tuple(
            ParticipantRecord(
                name=p.first_name,
                subgroup=names.get(p.subgroup_id or 0),
                role=p.role,
                network=p.network,
            )
            for p in participants
        ),
        homogeneous=workshop.homogeneous,
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
            d.kolom: tuple(ModelItem(i.text, i.answer_ids, i.subgroups, i.votes) for i in d.items)
            for d in drafts
        },
        confirmed=frozenset(d.kolom for d in drafts if d.confirmed),
        phases=(
            PhaseRecord(Fase.OPENING.value, workshop.created_at),
            *(PhaseRecord(e.to_state or "", e.at) for e in events if e.kind == "phase"),
        ),
        closing=tuple(ClosingRecord(c.question, c.text, c.author, c.created_at) for c in closing),
        previous=previous,
    )


# Telegram's upload limit for bots on the cloud Bot API.
MAX_UPLOAD_BYTES = 50 * 1024 * 1024


async def export_map(s: Services, inc: Incoming) -> Outcome:
    """Send the facilitator the export set: the PowerPoint, the draft agreement, the
    action plan, the A3 template and the data."""
    workshop = await facilitated_workshop(s, inc)
    if not await s.storage.list_subgroups(workshop.id):
        return reply(inc, "export.leeg", workshop.lang)
    data = await workshop_data(s, workshop)
    try:
        files = await s.exporter.export_set(data, s.template_dir)
    except ExportError as exc:
        return reply(inc, "export.sjabloon_fout", workshop.lang, fout=str(exc))
    return _documents(
        inc, files, render("export.bijschrift", workshop.lang, doel=workshop.goal), workshop.lang
    )


async def send_templates(s: Services, inc: Incoming) -> Outcome:
    """Send blank map templates (A3 to print, 16:9 for the screen): /sjabloon."""
    workshop = await workshop_for_chat(s, inc)
    lang = workshop.lang if workshop else language_for(inc.language_code)
    files = await s.exporter.template_set(
        workshop.goal if workshop else None, lang, s.clock().date()
    )
    return _documents(inc, files, render("sjabloon.bijschrift", lang), lang)


def _documents(inc: Incoming, files: list[ExportFile], caption: str, lang: str) -> Outcome:
    outcome = Outcome()
    for n, file in enumerate(files):
        if len(file.data) > MAX_UPLOAD_BYTES:
            outcome.add(say(inc, "export.te_groot", lang, naam=file.name))
            continue
        outcome.add(
            SendDocument(
                inc.chat_id, inc.thread_id, file.name, file.data, caption if n == 0 else Html("")
            )
        )
    return outcome


async def show_help(s: Services, inc: Incoming) -> Outcome:
    """Explain the bot in at most two screens: participants first, then the facilitator."""
    workshop = await workshop_for_chat(s, inc)
    lang = workshop.lang if workshop else language_for(inc.language_code)
    outcome = Outcome().add(Say(inc.chat_id, inc.thread_id, render("help.groep", lang)))
    facilitates = workshop is not None and await s.storage.is_facilitator(workshop, inc.user_id)
    if facilitates or workshop is None or not inc.in_group:
        outcome.add(Say(inc.chat_id, inc.thread_id, render("help.facilitator", lang)))
    return outcome
