"""Use cases of a subgroup at work: answers, done and back, its map."""

from __future__ import annotations

from bot import views
from bot.actions import AskQuestion, Outcome, React, RefreshBoard, RefreshStatus, Say
from bot.incoming import Incoming
from bot.usecases import group_ready
from bot.usecases.common import Services, register, reply, say, subgroup_here
from bot.usecases.joining import edit_paper_answers
from bot.usecases.reminding import consider_reminder
from bot.usecases.silent import reveal
from flows import antwoord, stil
from flows.fase import Fase, grenzen
from flows.kaart import Kolom
from flows.subgroep import Context, Gebeurtenis, Geweigerd, Status, advance
from flows.texts import language_for, plain
from storage.models import Subgroup, Workshop


async def capture_answer(
    s: Services, inc: Incoming, text: str | None, *, explicit: bool
) -> Outcome:
    """Store an answer for the subgroup's current column, once, then acknowledge it.

    ``explicit`` is true for /idee and replies to the bot: those always get a reply when
    they cannot be stored. A plain message that is not an answer is left alone.
    """
    found = await subgroup_here(s, inc)
    if found is None:
        return reply(inc, "weigering.geen_subgroep") if explicit else Outcome()
    workshop, subgroup = found
    lang = workshop.lang
    if not subgroup.stand.answering:
        if not explicit:
            return Outcome()
        return reply(
            inc,
            _why_not_answering(workshop.fase),
            lang,
            kolom=views.column_name(subgroup.stand.kolom, lang),
        )
    checked = antwoord.check(text)
    if not checked.ok:
        if not explicit and checked.reason == "weigering.leeg_antwoord":
            return Outcome()
        return reply(
            inc, checked.reason or "", lang, lengte=len(checked.text), max=antwoord.MAX_ANSWER_CHARS
        )
    # An anonymous admin writes as the group: the answer has no author.
    participant_id = None if inc.anonymous_admin else await register(s, workshop, subgroup, inc)
    _, created = await s.storage.add_answer(
        workshop_id=workshop.id,
        subgroup_id=subgroup.id,
        kolom=subgroup.stand.kolom,
        text=checked.text,
        participant_id=participant_id,
        source_chat_id=inc.chat_id,
        source_message_id=inc.message_id,
        now=s.stamp(),
    )
    if not created:
        return Outcome()  # delivered twice: stored and acknowledged the first time
    return Outcome().add(
        React(inc.chat_id, inc.message_id),
        RefreshBoard(subgroup.id),
        RefreshStatus(workshop.id),
        *await consider_reminder(s, workshop, subgroup),
    )


def _why_not_answering(fase: Fase) -> str:
    if fase is Fase.OPENING:
        return "weigering.nog_niet_begonnen"
    if fase.plenary:
        return "weigering.plenair_bezig"
    if fase is Fase.AFGEROND:
        return "weigering.workshop_afgerond"
    return "weigering.wacht_antwoord"


async def refuse_media(s: Services, inc: Incoming) -> Outcome:
    """Explain kindly that only text goes on the map."""
    found = await subgroup_here(s, inc)
    return reply(inc, "weigering.geen_tekst", found[0].lang if found else None)


# The commands whose edit is a paper table's answers, one a line.
TYPE_COMMANDS = frozenset({"typ", "type"})


async def edit_answer(s: Services, inc: Incoming, text: str, command: str | None = None) -> Outcome:
    """Follow an edit of a message that was stored as an answer (or, for a paper table,
    as one answer a line); ``command`` is the command the edited message starts with."""
    answers = await s.storage.list_answers_by_source(inc.chat_id, inc.message_id)
    if not answers:
        return Outcome()
    answer = answers[0]
    workshop = await s.storage.get_workshop(answer.workshop_id)
    assert workshop is not None
    if refused := await _too_late_to_edit(s, inc, workshop, answer.kolom):
        return refused
    subgroup = await s.storage.get_subgroup(answer.subgroup_id)
    if subgroup is not None and subgroup.paper:
        typed = text if command in TYPE_COMMANDS else None
        return await edit_paper_answers(s, inc, workshop, subgroup, answers, typed)
    checked = antwoord.check(text)
    if not checked.ok:
        key = "weigering.bewerking_te_lang" if checked.reason == "weigering.te_lang" else None
        return reply(
            inc,
            key or checked.reason or "",
            workshop.lang,
            lengte=len(checked.text),
            max=antwoord.MAX_ANSWER_CHARS,
        )
    if checked.text != answer.text:
        await s.storage.edit_answer(answer.id, checked.text, s.stamp())
    return Outcome().add(RefreshBoard(answer.subgroup_id))


async def _too_late_to_edit(
    s: Services, inc: Incoming, workshop: Workshop, kolom: Kolom
) -> Outcome | None:
    """Why an edit is not taken any more, as a reply: the workshop ended, or the plenary
    confirmed the column (the map and the confirmed list must keep saying the same)."""
    if workshop.fase is Fase.AFGEROND:
        return reply(inc, "bewerking.workshop_afgerond", workshop.lang)
    draft = await s.storage.get_draft(workshop.id, kolom)
    if draft is not None and draft.confirmed:
        name = views.column_name(kolom, workshop.lang)
        return reply(inc, "bewerking.kolom_vastgesteld", workshop.lang, kolom=name)
    return None


async def move_subgroup(
    s: Services,
    inc: Incoming,
    gebeurtenis: Gebeurtenis,
    *,
    source: str,
    pressed_for: tuple[int, int] | None = None,
) -> Outcome:
    """Apply /klaar or /terug (typed, or pressed as a button) to this chat's subgroup."""
    found = await subgroup_here(s, inc)
    if found is None:
        return reply(inc, "weigering.geen_subgroep")
    workshop, subgroup = found
    lang = workshop.lang
    stamp = (subgroup.id, int(subgroup.stand.kolom))
    if pressed_for is not None and (pressed_for != stamp or not subgroup.stand.answering):
        return Outcome(toast=plain("weigering.knop_verlopen", lang))
    if pressed_for is None and not _saw_current_state(subgroup, inc):
        # Typed before the message of the group's current state reached the chat: meant
        # for the state before, which another member's /klaar (or the facilitator) ended.
        # Like a button of an earlier step, it does not move the group again.
        where = plain(
            f"status.stand.{subgroup.stand.status.value}",
            lang,
            kolom=views.column_label(subgroup.stand.kolom, lang),
        )
        done_already = say(inc, "klaar.al_gedaan", lang, stand=where)
        return Outcome().add(done_already, AskQuestion(subgroup.id))
    revealed: list = []
    if gebeurtenis is Gebeurtenis.KLAAR and stil.is_silent(workshop.silent, subgroup.stand.kolom):
        # Done with a silent column: first everyone sees what was written.
        revealed = await reveal(s, workshop, subgroup)
    try:
        if not workshop.fase.subgroups_work:
            raise Geweigerd(_why_not_answering(workshop.fase))
        count = await s.storage.count_answers(subgroup.id, subgroup.stand.kolom)
        ctx = Context(answers_in_column=count, grenzen=grenzen(workshop.fase))
        new = advance(subgroup.stand, gebeurtenis, ctx)
    except Geweigerd as refusal:
        params = {
            k: views.column_name(v, lang) if isinstance(v, Kolom) else v
            for k, v in refusal.params.items()
        }
        params.setdefault("kolom", views.column_name(subgroup.stand.kolom, lang))
        if pressed_for is not None:
            return Outcome(toast=plain(refusal.reason, lang, **params)).add(*revealed)
        return Outcome().add(*revealed, say(inc, refusal.reason, lang, **params))
    also: list = []
    if gebeurtenis is Gebeurtenis.KLAAR:
        # A column closes for everyone only when the group agrees (or is one member).
        pressed = pressed_for is not None
        decided = await group_ready.klaar(s, inc, workshop, subgroup, pressed=pressed)
        if isinstance(decided, Outcome):
            return Outcome(toast=decided.toast).add(*revealed, *decided.actions)
        also = decided
    closed = await group_ready.close_column(
        s, workshop, subgroup, new, actor_id=inc.user_id, source=source, kind=gebeurtenis
    )
    return Outcome().add(*revealed, *also, *closed.actions)


def _saw_current_state(subgroup: Subgroup, inc: Incoming) -> bool:
    """Whether a typed command was sent after the message of the subgroup's current state
    (its question, or why it waits): a chat numbers its messages in the order they came,
    the bot's and the members' alike. A group that has not started yet has no such state."""
    if subgroup.stand.status is Status.NIEUW:
        return True
    prompt = subgroup.prompt_message_id
    return prompt is not None and inc.message_id > prompt


async def show_map(s: Services, inc: Incoming) -> Outcome:
    """Show the subgroup's map so far, column by column."""
    found = await subgroup_here(s, inc)
    if found is None:
        return reply(inc, "weigering.geen_subgroep", language_for(inc.language_code))
    workshop, subgroup = found
    answers = await s.storage.list_answers(subgroup.id)
    values = await s.storage.get_draft(workshop.id, Kolom.WAARDEN)
    confirmed = [i.text for i in values.items] if values and values.confirmed else []
    parts = views.map_overview(workshop, subgroup, answers, confirmed)
    return Outcome().add(*(Say(inc.chat_id, inc.thread_id, part) for part in parts))
