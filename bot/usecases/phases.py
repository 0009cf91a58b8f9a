"""Use cases with which the facilitator moves the workshop through the method's steps."""

from __future__ import annotations

from datetime import datetime

from bot import views
from bot.actions import Broadcast, Outcome, RefreshStatus, Say, ShowDraft
from bot.incoming import Incoming
from bot.usecases.common import Services, facilitated_workshop, reply
from bot.usecases.followup import material_for
from bot.usecases.plenary import open_draft
from flows.fase import Fase, FaseFout, Stap, grenzen, subgroup_stand_after, volgende
from flows.kaart import Kolom, parse_kolom
from flows.subgroep import Context, Gebeurtenis, Geweigerd, advance
from flows.texts import plain_n
from storage.models import Workshop


async def _enter(
    s: Services, inc: Incoming, workshop: Workshop, stap: Stap, *, plenary_column: Kolom | None
) -> tuple[Workshop, list[int]] | Outcome:
    """Move the workshop and all its subgroups to the next phase; the subgroups to tell."""
    try:
        new = volgende(workshop.fase, stap)
    except FaseFout as fout:
        return reply(
            inc, fout.reason, workshop.lang, fase=views.phase_name(workshop.fase, workshop.lang)
        )
    subgroups = await s.storage.list_subgroups(workshop.id)
    moves = [(g, subgroup_stand_after(new, g.stand)) for g in subgroups]
    changed = await s.storage.change_phase(
        workshop,
        new,
        moves=moves,
        plenary_column=plenary_column,
        actor_id=inc.user_id,
        source=inc.source,
        now=s.stamp(),
    )
    if not changed:
        return reply(inc, "fase.fout.tegelijk", workshop.lang)
    moved = await s.storage.get_workshop(workshop.id)
    assert moved is not None
    return moved, [g.id for g in subgroups if not g.paper]


async def begin(s: Services, inc: Incoming) -> Outcome:
    """Start stap 2: every subgroup gets the values question."""
    workshop = await facilitated_workshop(s, inc)
    entered = await _enter(s, inc, workshop, Stap.BEGIN, plenary_column=None)
    if isinstance(entered, Outcome):
        return entered
    workshop, to_tell = entered
    return reply(
        inc, "fase.begonnen", workshop.lang,
        aantal=plain_n("aantal.subgroepen", len(to_tell), workshop.lang),
    ).add(
        Broadcast(tuple(to_tell)), RefreshStatus(workshop.id)
    )


async def start_plenary(s: Services, inc: Incoming) -> Outcome:
    """Start a plenary round (stap 3 or 5), or show its list again if it runs already."""
    workshop = await facilitated_workshop(s, inc)
    if workshop.fase.plenary:
        return Outcome().add(ShowDraft(workshop.id, inc.chat_id, inc.thread_id))
    first = Kolom.WAARDEN if workshop.fase is Fase.WAARDEN else Kolom.RELATIES
    entered = await _enter(s, inc, workshop, Stap.PLENAIR, plenary_column=first)
    if isinstance(entered, Outcome):
        return entered
    workshop, to_tell = entered
    await open_draft(s, workshop, first)
    outcome = Outcome()
    if first is Kolom.WAARDEN and (material := await material_for(s, workshop)):
        # A follow-up: the first meeting's values next to this one's, in the plenary.
        outcome.add(Say(inc.chat_id, inc.thread_id, material))
    return outcome.add(
        ShowDraft(workshop.id, inc.chat_id, inc.thread_id),
        Broadcast(tuple(to_tell)),
        RefreshStatus(workshop.id),
    )


async def confirm(
    s: Services, inc: Incoming, *, version: int | None = None, column: int | None = None
) -> Outcome:
    """Confirm the plenary's list (typed, or pressed with the column and version seen; column
    0 is the whole model) and go on."""
    workshop = await facilitated_workshop(s, inc)
    lang = workshop.lang
    if version is None and column is None and await _just_confirmed_by_another(s, workshop, inc):
        return reply(inc, "plenair.fout.net_bevestigd", lang)
    if not workshop.fase.plenary:
        return reply(
            inc, "fase.fout.niets_te_bevestigen", lang, fase=views.phase_name(workshop.fase, lang)
        )
    kolom = workshop.plenary_column
    if column is not None and column != int(kolom or 0):
        # A button of another list (a double tap after the list moved on): versions
        # restart per column, so only the column tells the lists apart.
        return reply(inc, "plenair.fout.verouderd", lang)
    if kolom is None:  # the last look at the whole model: confirming makes it final
        entered = await _enter(s, inc, workshop, Stap.BEVESTIG, plenary_column=None)
        if isinstance(entered, Outcome):
            return entered
        workshop, to_tell = entered
        return reply(inc, "plenair.model_klaar", lang).add(
            Broadcast(tuple(to_tell)), RefreshStatus(workshop.id)
        )
    draft = await s.storage.get_draft(workshop.id, kolom)
    assert draft is not None
    if draft.voting:
        return reply(inc, "plenair.fout.stemmen_loopt", lang)
    if version is not None and version != draft.version:
        return reply(inc, "plenair.fout.verouderd", lang)
    if not await s.storage.confirm_draft(draft, actor_id=inc.user_id, now=s.stamp()):
        return reply(inc, "plenair.fout.al_bevestigd", lang, kolom=views.column_name(kolom, lang))
    outcome = Outcome().add(ShowDraft(workshop.id, final_column=kolom))
    if workshop.fase is Fase.PLENAIR_WAARDEN:
        entered = await _enter(s, inc, workshop, Stap.BEVESTIG, plenary_column=None)
        if isinstance(entered, Outcome):
            return entered
        workshop, to_tell = entered
        return outcome.add(
            *reply(
                inc, "plenair.waarden_bevestigd", lang,
                aantal=plain_n("aantal.subgroepen", len(to_tell), lang),
            ).actions,
            Broadcast(tuple(to_tell)),
            RefreshStatus(workshop.id),
        )
    nxt = kolom.next
    if not await s.storage.set_plenary_column(workshop, nxt, expected=kolom):
        return reply(inc, "fase.fout.tegelijk", lang)
    if nxt is not None:
        refreshed = await s.storage.get_workshop(workshop.id)
        assert refreshed is not None
        await open_draft(s, refreshed, nxt)
    return outcome.add(ShowDraft(workshop.id, inc.chat_id, inc.thread_id))


# A typed /bevestig says nothing about which list it meant. When another facilitator
# confirmed a moment ago, two people confirmed the same list at once: the second one must
# not confirm the next list, which nobody has looked at yet.
CONFIRM_GRACE_SECONDS = 5.0


async def _just_confirmed_by_another(s: Services, workshop: Workshop, inc: Incoming) -> bool:
    last = await s.storage.last_event(workshop.id, ("column_confirmed", "phase"))
    if last is None or last.actor_id == inc.user_id:
        return False
    try:
        when = datetime.fromisoformat(last.at)
    except ValueError:
        return False
    return (s.clock() - when).total_seconds() < CONFIRM_GRACE_SECONDS


async def end_workshop(s: Services, inc: Incoming) -> Outcome:
    """End the workshop now, wherever it is."""
    workshop = await facilitated_workshop(s, inc)
    entered = await _enter(s, inc, workshop, Stap.EINDE, plenary_column=None)
    if isinstance(entered, Outcome):
        return entered
    workshop, to_tell = entered
    return reply(inc, "fase.einde", workshop.lang).add(
        Broadcast(tuple(to_tell)), RefreshStatus(workshop.id)
    )


async def move_subgroup_on(s: Services, inc: Incoming, typed: str) -> Outcome:
    """Move a lagging subgroup to its next column: /verder <nummer>."""
    workshop = await facilitated_workshop(s, inc)
    number = typed.strip().lstrip("#")
    subgroup = (
        await s.storage.find_subgroup_by_number(workshop.id, int(number))
        if number.isascii() and number.isdigit() and len(number) < 6
        else None
    )
    if subgroup is None:
        return reply(inc, "verder.gebruik", workshop.lang)
    if not workshop.fase.subgroups_work:
        return reply(inc, "verder.niet_nu", workshop.lang)
    try:
        new = advance(subgroup.stand, Gebeurtenis.DOORGAAN, Context(grenzen=grenzen(workshop.fase)))
    except Geweigerd:
        return reply(inc, "verder.kan_niet", workshop.lang, naam=subgroup.name)
    await s.storage.change_subgroup_state(
        subgroup, new, kind="doorgaan", actor_id=inc.user_id, source=inc.source, now=s.stamp()
    )
    return reply(
        inc,
        "verder.gedaan",
        workshop.lang,
        naam=subgroup.name,
        kolom=views.column_label(new.kolom, workshop.lang),
    ).add(Broadcast((subgroup.id,)), RefreshStatus(workshop.id))


async def reopen_column(s: Services, inc: Incoming, typed: str) -> Outcome:
    """Reopen a column for every subgroup (stap 4): /heropen <kolom>."""
    workshop = await facilitated_workshop(s, inc)
    kolom = parse_kolom(typed) if typed.strip() else None
    limits = grenzen(workshop.fase)
    if workshop.fase is not Fase.KOLOMMEN:
        return reply(inc, "heropen.niet_nu", workshop.lang)
    if kolom is None or not limits.floor <= kolom <= limits.ceiling:
        return reply(inc, "heropen.gebruik", workshop.lang)
    told = []
    for subgroup in await s.storage.list_subgroups(workshop.id):
        new = advance(subgroup.stand, Gebeurtenis.HEROPEN, Context(grenzen=limits, target=kolom))
        if new != subgroup.stand and await s.storage.change_subgroup_state(
            subgroup, new, kind="heropen", actor_id=inc.user_id, source=None, now=s.stamp()
        ):
            told.append(subgroup.id)
    return reply(
        inc, "heropen.gedaan", workshop.lang, kolom=views.column_label(kolom, workshop.lang)
    ).add(Broadcast(tuple(told)), RefreshStatus(workshop.id))
