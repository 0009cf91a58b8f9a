"""The group decides together that a column is done.

A member's /klaar (or ✅) in a group of two or more asks the group, with a yes and a no
button. A second member's yes closes the column at once, a no from anyone keeps the group
answering, and without a no it closes after a minute: the clock job (``settle_due``) looks
at the stored deadline, so a restart in between still closes it. The question is about the
subgroup's state when it was asked: once that state changed (the facilitator moved the
group, the phase moved on), it is void.
"""

from __future__ import annotations

from datetime import datetime

from bot import views
from bot.actions import (
    Action,
    AskGroupReady,
    AskQuestion,
    Button,
    FreezeBoard,
    Outcome,
    RefreshStatus,
    SettleGroupReady,
)
from bot.buttons import AnswerGroupReady, YesNo
from bot.incoming import Incoming
from bot.usecases.common import Services, register, say, subgroup_here
from flows import groepsklaar
from flows.fase import grenzen
from flows.groepsklaar import Besluit, Vraag
from flows.subgroep import Context, Gebeurtenis, Geweigerd, SubgroepStand, advance
from flows.texts import language_for, plain, render
from storage.models import GroupReady, Subgroup, Workshop


def _vraag(ready: GroupReady) -> Vraag:
    return Vraag(vrager=ready.user_id or 0, deadline=datetime.fromisoformat(ready.deadline))


def _live(ready: GroupReady, workshop: Workshop, subgroup: Subgroup) -> bool:
    """Whether the question still stands: the group is in the state it was asked in."""
    return (
        workshop.fase.subgroups_work
        and subgroup.stand.answering
        and subgroup.stand.kolom == ready.kolom
        and subgroup.state_changed_at == ready.state_changed_at
    )


async def _settle(
    s: Services, workshop: Workshop, ready: GroupReady, outcome: str, key: str, **params: object
) -> list[Action]:
    """Close the question once, and show how it ended on it."""
    if not await s.storage.settle_group_ready(ready.id, outcome, s.stamp()):
        return []
    subgroup = await s.storage.get_subgroup(ready.subgroup_id)
    if subgroup is None or subgroup.chat_id is None:
        return []
    lang = workshop.lang
    text = render(key, lang, kolom=views.column_name(ready.kolom, lang), **params)
    return [SettleGroupReady(ready.id, subgroup.chat_id, text)]


async def open_question(
    s: Services, workshop: Workshop, subgroup: Subgroup
) -> tuple[GroupReady | None, list[Action]]:
    """The subgroup's question that still stands; a void one is closed on the way."""
    ready = await s.storage.open_group_ready(subgroup.id)
    if ready is None or _live(ready, workshop, subgroup):
        return ready, []
    return None, await _settle(s, workshop, ready, "vervallen", "groepsklaar.vervallen")


async def _members(s: Services, workshop: Workshop, subgroup: Subgroup) -> frozenset[int]:
    """The Telegram ids of the group's active members (who left does not count)."""
    people = await s.storage.list_participants(workshop.id)
    return frozenset(p.user_id for p in people if p.subgroup_id == subgroup.id and p.present)


def _people_in_chat(inc: Incoming, subgroup: Subgroup) -> int | None:
    """How many people are in the subgroup's own chat, the bot not counted (a facilitator
    who is in it is counted: better to ask once too often than to close over a member's
    head); None in a topic or when Telegram did not say."""
    if inc.chat_size is None or subgroup.topic_id is not None or inc.chat_id != subgroup.chat_id:
        return None
    return inc.chat_size - 1


async def _is_facilitator(s: Services, workshop: Workshop, inc: Incoming) -> bool:
    return not inc.anonymous_admin and await s.storage.is_facilitator(workshop, inc.user_id)


async def klaar(
    s: Services, inc: Incoming, workshop: Workshop, subgroup: Subgroup, *, pressed: bool
) -> Outcome | list[Action]:
    """A member's /klaar on a column that may close: an Outcome when the group is asked
    first (or was asked by this member already), else what closing it also shows."""
    facilitator = await _is_facilitator(s, workshop, inc)
    if not facilitator and not inc.anonymous_admin:  # who says /klaar is a member
        await register(s, workshop, subgroup, inc)
    ready, voided = await open_question(s, workshop, subgroup)
    besluit = groepsklaar.bij_klaar(
        _vraag(ready) if ready else None,
        inc.user_id,
        await _members(s, workshop, subgroup),
        facilitator=facilitator,
        in_chat=_people_in_chat(inc, subgroup),
    )
    lang = workshop.lang
    if besluit is Besluit.AL_GEVRAAGD:
        if pressed:
            return Outcome(toast=plain("groepsklaar.al_gevraagd", lang)).add(*voided)
        return Outcome().add(*voided, say(inc, "groepsklaar.al_gevraagd", lang))
    if besluit is Besluit.VRAAG:
        return Outcome().add(*voided, *await _ask(s, inc, workshop, subgroup))
    if ready is None:
        return voided
    return voided + await _settle(s, workshop, ready, "ja", "groepsklaar.ja", naam=inc.first_name)


async def _ask(s: Services, inc: Incoming, workshop: Workshop, subgroup: Subgroup) -> list[Action]:
    if subgroup.chat_id is None:
        return []
    ready = await s.storage.ask_group_ready(
        workshop_id=workshop.id,
        subgroup_id=subgroup.id,
        kolom=subgroup.stand.kolom,
        state_changed_at=subgroup.state_changed_at,
        user_id=inc.user_id,
        now=s.stamp(),
        deadline=groepsklaar.deadline(s.clock()).isoformat(timespec="milliseconds"),
    )
    lang = workshop.lang
    text = render(
        "groepsklaar.vraag",
        lang,
        naam=inc.first_name,
        kolom=views.column_name(subgroup.stand.kolom, lang),
    )
    buttons = (
        (
            Button(plain("knop.groep_ja", lang), AnswerGroupReady(ready.id, YesNo.YES).data),
            Button(plain("knop.groep_nee", lang), AnswerGroupReady(ready.id, YesNo.NO).data),
        ),
    )
    return [AskGroupReady(ready.id, subgroup.chat_id, subgroup.topic_id, text, buttons)]


async def close_column(
    s: Services,
    workshop: Workshop,
    subgroup: Subgroup,
    new: SubgroepStand,
    *,
    actor_id: int | None,
    source: str | None,
    kind: Gebeurtenis = Gebeurtenis.KLAAR,
) -> Outcome:
    """Move the subgroup to ``new`` (after /klaar: its next column, or waiting) and show
    it; the old column's board keeps its answers without buttons."""
    changed = await s.storage.change_subgroup_state(
        subgroup,
        new,
        kind=kind.value,
        actor_id=actor_id,
        source=source,
        now=s.stamp(),
    )
    # When nothing changed (delivered twice, or another member moved the group at the
    # same moment) the state is whatever won; either way its question must be out, and
    # AskQuestion sends only what has not been sent yet.
    outcome = Outcome()
    if changed and (ready := await s.storage.open_group_ready(subgroup.id)) is not None:
        # /terug (or the facilitator's /klaar) while the group was asked: no longer open.
        outcome.add(*await _settle(s, workshop, ready, "vervallen", "groepsklaar.vervallen"))
    if changed and subgroup.board_message_id and subgroup.chat_id is not None:
        outcome.add(
            FreezeBoard(
                subgroup.id, subgroup.stand.kolom, subgroup.chat_id, subgroup.board_message_id
            )
        )
    return outcome.add(AskQuestion(subgroup.id), RefreshStatus(workshop.id))


async def _next(s: Services, workshop: Workshop, subgroup: Subgroup) -> SubgroepStand:
    """Where the group goes when its column closes now; Geweigerd when it cannot."""
    count = await s.storage.count_answers(subgroup.id, subgroup.stand.kolom)
    ctx = Context(answers_in_column=count, grenzen=grenzen(workshop.fase))
    return advance(subgroup.stand, Gebeurtenis.KLAAR, ctx)


async def answer_group_ready(s: Services, inc: Incoming, ready_id: int, yes: bool) -> Outcome:
    """A member pressed yes or no under the group's question (only the one open here)."""
    found = await subgroup_here(s, inc)
    lang = found[0].lang if found else language_for(inc.language_code)
    not_open = Outcome(toast=plain("groepsklaar.niet_open", lang))
    if found is None:
        return not_open
    workshop, subgroup = found
    ready, voided = await open_question(s, workshop, subgroup)
    if ready is None or ready.id != ready_id:
        return not_open.add(*voided)
    facilitator = await _is_facilitator(s, workshop, inc)
    if not facilitator and not inc.anonymous_admin:  # who answers is a member
        await register(s, workshop, subgroup, inc)
    besluit = groepsklaar.bij_antwoord(_vraag(ready), inc.user_id, yes, facilitator=facilitator)
    if besluit is Besluit.AL_GEVRAAGD:
        return Outcome(toast=plain("groepsklaar.al_gevraagd", lang))
    if besluit is Besluit.GAAT_DOOR:
        return Outcome().add(
            *await _settle(s, workshop, ready, "nee", "groepsklaar.nee", naam=inc.first_name)
        )
    try:
        new = await _next(s, workshop, subgroup)
    except Geweigerd as refusal:  # its answers were taken back meanwhile
        settled = await _settle(s, workshop, ready, "vervallen", "groepsklaar.vervallen")
        kolom = views.column_name(subgroup.stand.kolom, lang)
        return Outcome(toast=plain(refusal.reason, lang, kolom=kolom)).add(*settled)
    settled = await _settle(s, workshop, ready, "ja", "groepsklaar.ja", naam=inc.first_name)
    closed = await close_column(s, workshop, subgroup, new, actor_id=inc.user_id,
                                source=inc.source)  # fmt: skip
    return Outcome().add(*settled, *closed.actions)


async def settle_due(s: Services) -> Outcome:
    """The clock: close the columns whose question nobody said no to in time, and close
    the questions that became void."""
    outcome = Outcome()
    now = s.clock()
    for ready in await s.storage.open_group_readies():
        subgroup = await s.storage.get_subgroup(ready.subgroup_id)
        workshop = await s.storage.get_workshop(ready.workshop_id)
        if subgroup is None or workshop is None:
            continue
        if not _live(ready, workshop, subgroup):
            outcome.add(*await _settle(s, workshop, ready, "vervallen", "groepsklaar.vervallen"))
            continue
        if not groepsklaar.verlopen(_vraag(ready), now):
            continue
        try:
            new = await _next(s, workshop, subgroup)
        except Geweigerd:
            outcome.add(*await _settle(s, workshop, ready, "vervallen", "groepsklaar.vervallen"))
            continue
        outcome.add(*await _settle(s, workshop, ready, "tijd", "groepsklaar.tijd"))
        closed = await close_column(
            s, workshop, subgroup, new, actor_id=None, source=f"groepsklaar:{ready.id}"
        )
        outcome.add(*closed.actions)
    return outcome
