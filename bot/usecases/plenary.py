"""Use cases of a plenary round: propose the merged list, let the facilitator edit it."""

from __future__ import annotations

import asyncio
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace

from bot.actions import Outcome, React, ShowDraft
from bot.incoming import Incoming
from bot.usecases.common import Refused, Services, facilitated_workshop, reply
from flows import plenair
from flows.kaart import Kolom
from flows.merge import MergeInput, propose_items
from flows.texts import plain
from storage.models import PlenaryDraft, Workshop

# The list a change was made on: (column, version), as shown on a button or the live board.
Seen = tuple[int, int]


def working_list(stored: PlenaryDraft) -> plenair.Draft:
    """A stored draft's items as the list the facilitator edits."""
    return plenair.Draft(stored.kolom, stored.items)


def undo_history(stored: PlenaryDraft) -> plenair.History:
    """A stored draft's earlier lists, newest last, as the editor's undo history."""
    return plenair.History(tuple(plenair.Draft(stored.kolom, h) for h in stored.history))


async def open_draft(s: Services, workshop: Workshop, kolom: Kolom) -> PlenaryDraft:
    """The column's draft; the first time, proposed by merging all subgroups' answers."""
    existing = await s.storage.get_draft(workshop.id, kolom)
    if existing is not None:
        return existing
    names = {g.id: g.name for g in await s.storage.list_subgroups(workshop.id)}
    answers = await s.storage.list_workshop_answers(workshop.id, kolom)
    proposals = propose_items(
        [MergeInput(a.id, a.text, names[a.subgroup_id]) for a in answers], lang=workshop.lang
    )
    draft, _ = await s.storage.start_draft(
        workshop.id, kolom, plenair.draft_from_proposals(kolom, proposals).items
    )
    return draft


async def current_draft(
    s: Services, inc: Incoming, *, allow_voting: bool = False, seen: Seen | None = None
) -> tuple[Workshop, PlenaryDraft]:
    """The list under discussion, for its facilitator; Refused when there is none, when
    participants are voting on it (its numbers must not shift under their votes), or when
    the change was made on another list or version than this one (``seen``)."""
    workshop = await facilitated_workshop(s, inc)
    if not workshop.fase.plenary or workshop.plenary_column is None:
        raise Refused(reply(inc, "plenair.fout.geen_plenair", workshop.lang))
    draft = await s.storage.get_draft(workshop.id, workshop.plenary_column)
    assert draft is not None, "a plenary column always has its draft"
    if seen is not None and seen != (int(draft.kolom), draft.version):
        raise Refused(reply(inc, "plenair.fout.verouderd", workshop.lang))
    if draft.voting and not allow_voting:
        raise Refused(reply(inc, "plenair.fout.stemmen_loopt", workshop.lang))
    return workshop, draft


async def edit_draft(s: Services, inc: Incoming, command: str, args: str) -> Outcome:
    """Apply a typed edit (/samen, /splits, /tekst, /weg, /erbij, /zet) to the draft."""
    try:
        edit = plenair.parse_edit(command, args)
    except plenair.PlenairFout as fout:
        workshop, _ = await current_draft(s, inc)
        return reply(inc, fout.reason, workshop.lang, **fout.params)
    return await apply_draft_edit(s, inc, edit)


async def apply_draft_edit(
    s: Services, inc: Incoming, edit: plenair.Edit, *, seen: Seen | None = None
) -> Outcome:
    """Apply an edit, typed or made on the live board (which names the list it saw)."""
    workshop, stored = await current_draft(s, inc, seen=seen)
    try:
        before = working_list(stored)
        answers = {}
        if edit.op in (plenair.Op.SPLIT, plenair.Op.PICK):
            answers = await _answer_sources(s, workshop, stored.kolom)
        after = plenair.apply_edit(before, edit, answers)
    except plenair.PlenairFout as fout:
        return reply(inc, fout.reason, workshop.lang, **fout.params)
    return await save_edit(s, inc, workshop, stored, after)


async def undo_edit(
    s: Services, inc: Incoming, *, pressed_for: Seen | None = None, seen: Seen | None = None
) -> Outcome:
    """Take back the facilitator's last edit of the draft (typed, or pressed under the list
    of this column and version: an older copy of the list must not undo a newer edit)."""
    workshop, stored = await current_draft(s, inc, seen=seen)
    if pressed_for is not None and pressed_for != (int(stored.kolom), stored.version):
        return Outcome(toast=plain("weigering.knop_verlopen", workshop.lang))
    try:
        history, previous = undo_history(stored).undo()
    except plenair.PlenairFout as fout:
        return reply(inc, fout.reason, workshop.lang)
    # A list from before a late answer came in gets it proposed in again.
    previous = await _with_late_answers(s, workshop, stored, previous)
    saved = await s.storage.save_draft(stored, previous.items, [d.items for d in history.drafts])
    if saved is None:
        return reply(inc, "plenair.fout.tegelijk", workshop.lang)
    return Outcome().add(React(inc.chat_id, inc.message_id, "👌"), ShowDraft(workshop.id))


async def remove_by_button(
    s: Services, inc: Incoming, kolom: int, version: int, position: int
) -> Outcome:
    """The facilitator pressed 🗑 under an item of the draft."""
    workshop, stored = await current_draft(s, inc)
    if int(stored.kolom) != kolom or stored.version != version or stored.confirmed:
        return Outcome(toast=plain("weigering.knop_verlopen", workshop.lang))
    try:
        after = plenair.remove(working_list(stored), position)
    except plenair.PlenairFout as fout:
        return Outcome(toast=plain(fout.reason, workshop.lang, **fout.params))
    outcome = await save_edit(s, inc, workshop, stored, after, react=False)
    outcome.toast = plain("plenair.verwijderd", workshop.lang, nummer=position)
    return outcome


async def decide_by_button(
    s: Services, inc: Incoming, kolom: int, version: int, position: int, *, together: bool
) -> Outcome:
    """The facilitator pressed ✔ (keep together) or ✖ (undo) under a group the bot
    suggested: accepted, it is final; undone, its answers stand apart again."""
    workshop, stored = await current_draft(s, inc)
    if int(stored.kolom) != kolom or stored.version != version or stored.confirmed:
        return Outcome(toast=plain("weigering.knop_verlopen", workshop.lang))
    op = plenair.Op.ACCEPT if together else plenair.Op.SPLIT
    edit = plenair.Edit(op, (position,))
    try:
        before = working_list(stored)
        answers = {} if together else await _answer_sources(s, workshop, stored.kolom)
        if not 1 <= position <= len(before.items) or not before.items[position - 1].suggested:
            raise plenair.PlenairFout("plenair.fout.geen_voorstel", nummer=position)
        after = plenair.apply_edit(before, edit, answers)
    except plenair.PlenairFout as fout:
        return Outcome(toast=plain(fout.reason, workshop.lang, **fout.params))
    outcome = await save_edit(s, inc, workshop, stored, after, react=False)
    key = "plenair.voorstel_samen" if together else "plenair.voorstel_los"
    outcome.toast = plain(key, workshop.lang, nummer=position)
    return outcome


async def hint_by_button(
    s: Services, inc: Incoming, kolom: int, version: int, pair: tuple[int, int], *, join: bool
) -> Outcome:
    """The facilitator pressed 🤝 (merge) or ≠ (they differ) under a "looks like" hint of
    the list. Only a hint the list shows at this version can be pressed."""
    workshop, stored = await current_draft(s, inc)
    if int(stored.kolom) != kolom or stored.version != version or stored.confirmed:
        return Outcome(toast=plain("weigering.knop_verlopen", workshop.lang))
    before = working_list(stored)
    answers = await _answer_sources(s, workshop, stored.kolom)
    if plenair.Hint(*pair) not in plenair.hints(before, answers, workshop.lang):
        return Outcome(toast=plain("plenair.fout.geen_hint", workshop.lang))
    op = plenair.Op.MERGE if join else plenair.Op.APART
    try:
        after = plenair.apply_edit(before, plenair.Edit(op, pair), answers)
    except plenair.PlenairFout as fout:  # pragma: no cover - a shown hint is always valid
        return Outcome(toast=plain(fout.reason, workshop.lang, **fout.params))
    outcome = await save_edit(s, inc, workshop, stored, after, react=False)
    key = "plenair.hint_samen" if join else "plenair.hint_apart"
    outcome.toast = plain(key, workshop.lang, a=pair[0], b=pair[1])
    return outcome


async def take_in_late_answers(
    s: Services, workshop: Workshop, kolom: Kolom, prepared: LateRegrouping | None = None
) -> Outcome:
    """Answers came in for a column whose list is being made (a paper table typed them
    during the plenary): propose them into the list, leaving every manual change as it is.

    ``prepared`` is the same regrouping made before the unit of work (prepare_late_answers);
    it is taken when it was made from exactly this list and these answers."""
    if not workshop.fase.plenary or workshop.plenary_column is not kolom:
        return Outcome()
    stored = await s.storage.get_draft(workshop.id, kolom)
    if stored is None or stored.confirmed or stored.voting:
        return Outcome()  # while voting the numbers stay; the next change takes them in
    before = working_list(stored)
    answers = await _answer_sources(s, workshop, stored.kolom)
    after = _as_prepared(prepared, stored, answers)
    if after is None:
        after = plenair.take_in_late(before, answers, stored.left_out, workshop.lang) or before
    if after.items == before.items:
        return Outcome()
    if await s.storage.save_draft(stored, after.items, stored.history) is None:
        return Outcome()  # changed meanwhile: that change takes them in
    return Outcome().add(ShowDraft(workshop.id))


async def _with_late_answers(
    s: Services,
    workshop: Workshop,
    stored: PlenaryDraft,
    draft: plenair.Draft,
    left_out: Sequence[int] | None = None,
) -> plenair.Draft:
    """The list with the column's late answers proposed in (the same list when none)."""
    answers = await _answer_sources(s, workshop, stored.kolom)
    gone = stored.left_out if left_out is None else left_out
    return plenair.take_in_late(draft, answers, gone, workshop.lang) or draft


@dataclass(frozen=True)
class LateRegrouping:
    """Late answers proposed into the list before their unit of work (outside the write
    lock, off the event loop), with what it was made from. The new answers have no ids
    yet: they stand in as the next numbers, in the order they were typed."""

    items: tuple[plenair.Item, ...]  # the list it started from
    left_out: tuple[int, ...]
    answers: Mapping[int, tuple[str, str]]  # the column's answers, the new ones stand-ins
    stand_ins: tuple[int, ...]
    result: plenair.Draft | None


async def prepare_late_answers(
    s: Services, workshop: Workshop, kolom: Kolom, subgroup: str, texts: Sequence[str]
) -> LateRegrouping | None:
    """Regroup the list with answers about to be stored (read only; None when they will
    not be late answers of the list under discussion)."""
    if not texts or not workshop.fase.plenary or workshop.plenary_column is not kolom:
        return None
    stored = await s.storage.get_draft(workshop.id, kolom)
    if stored is None or stored.confirmed or stored.voting:
        return None
    answers = await _answer_sources(s, workshop, kolom)
    first = _highest_id(answers, stored) + 1
    stand_ins = tuple(range(first, first + len(texts)))
    answers |= {a: (text, subgroup) for a, text in zip(stand_ins, texts, strict=True)}
    left_out = tuple(stored.left_out)
    result = await asyncio.to_thread(
        plenair.take_in_late, working_list(stored), answers, left_out, workshop.lang
    )
    return LateRegrouping(stored.items, left_out, answers, stand_ins, result)


def _highest_id(answers: Collection[int], stored: PlenaryDraft) -> int:
    """The highest answer id the column's answers and its list name (0 when none)."""
    return max([0, *answers, *plenair.answer_ids(stored.items), *stored.left_out])


def _as_prepared(
    prepared: LateRegrouping | None, stored: PlenaryDraft, answers: Mapping[int, tuple[str, str]]
) -> plenair.Draft | None:
    """The prepared regrouping with the new answers' real ids, when it was made from
    exactly this list and these answers (the real ids in the stand-ins' order); else None."""
    if prepared is None or (prepared.items, prepared.left_out) != (
        stored.items,
        tuple(stored.left_out),
    ):
        return None
    known = set(prepared.answers) - set(prepared.stand_ins)
    new = sorted(set(answers) - known)
    if len(new) != len(prepared.stand_ins) or (new and new[0] <= _highest_id(known, stored)):
        return None
    real = dict(zip(prepared.stand_ins, new, strict=True))
    if {real.get(a, a): source for a, source in prepared.answers.items()} != answers:
        return None
    if prepared.result is None:
        return working_list(stored)
    return replace(
        prepared.result,
        items=tuple(
            replace(item, answer_ids=tuple(real.get(a, a) for a in item.answer_ids))
            for item in prepared.result.items
        ),
    )


async def save_edit(
    s: Services,
    inc: Incoming,
    workshop: Workshop,
    stored: PlenaryDraft,
    after: plenair.Draft,
    *,
    react: bool = True,
) -> Outcome:
    """Store an edited list (the one before it goes on the undo history) and show it.
    Answers the edit took off the list stay off when late answers are proposed in."""
    before = working_list(stored)
    history = undo_history(stored).push(before)
    dropped = plenair.answer_ids(before.items) - plenair.answer_ids(after.items)
    left_out = sorted({*stored.left_out, *dropped})
    after = await _with_late_answers(s, workshop, stored, after, left_out)
    saved = await s.storage.save_draft(
        stored, after.items, [d.items for d in history.drafts], left_out=left_out
    )
    if saved is None:
        return reply(inc, "plenair.fout.tegelijk", workshop.lang)
    outcome = Outcome()
    if react:
        outcome.add(React(inc.chat_id, inc.message_id, "👌"))
    return outcome.add(ShowDraft(workshop.id))


async def _answer_sources(
    s: Services, workshop: Workshop, kolom: Kolom
) -> dict[int, tuple[str, str]]:
    names = {g.id: g.name for g in await s.storage.list_subgroups(workshop.id)}
    return {
        a.id: (a.text, names[a.subgroup_id])
        for a in await s.storage.list_workshop_answers(workshop.id, kolom)
    }


async def turn_list_page(
    s: Services, inc: Incoming, column: int, version: int, page: int
) -> Outcome:
    """The facilitator pressed ◀️ or ▶️ under a long list: its board shows that page now
    (also after the list was confirmed), and keeps it while the list is edited."""
    workshop = await facilitated_workshop(s, inc)
    kolom = Kolom(column) if column in {int(k) for k in Kolom} else None
    draft = await s.storage.get_draft(workshop.id, kolom) if kolom is not None else None
    if (
        draft is None
        or draft.version != version
        or (draft.chat_id, draft.message_id) != (inc.chat_id, inc.message_id)
    ):
        return Outcome(toast=plain("weigering.knop_verlopen", workshop.lang))
    await s.storage.set_draft_page(workshop.id, draft.kolom, page)
    return Outcome().add(ShowDraft(workshop.id, final_column=draft.kolom))
