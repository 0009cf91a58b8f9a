"""Prioritising: participants vote on the items of a plenary list; the counts order it."""

from __future__ import annotations

from bot.actions import CloseVotes, Outcome, SendVote, ShowDraft
from bot.incoming import Incoming
from bot.usecases.common import Services, reply, subgroup_here
from bot.usecases.plenary import Seen, current_draft, save_edit, working_list
from flows import plenair
from flows.texts import plain, plain_n

DEFAULT_VOTES = 3
MAX_VOTES = 10


async def start_vote(
    s: Services, inc: Incoming, typed: str, *, seen: Seen | None = None
) -> Outcome:
    """Let every participant vote on the current list: /stemmen [votes each]."""
    workshop, stored = await current_draft(s, inc, seen=seen)
    lang = workshop.lang
    typed = typed.strip()
    if typed and not (typed.isascii() and typed.isdigit() and 1 <= int(typed) <= MAX_VOTES):
        return reply(inc, "stemmen.gebruik", lang, max=MAX_VOTES)
    votes_each = int(typed) if typed else DEFAULT_VOTES
    if stored.voting:
        return reply(inc, "stemmen.loopt_al", lang)
    if len(stored.items) < 2:
        return reply(inc, "stemmen.te_weinig", lang)
    if not await s.storage.start_voting(stored, votes_each):
        return reply(inc, "plenair.fout.tegelijk", lang)
    chats = [g.id for g in await s.storage.list_subgroups(workshop.id) if not g.paper]
    return reply(
        inc, "stemmen.gestart", lang,
        stemmen=plain_n("aantal.stemmen", votes_each, lang),
        groepen=plain_n("aantal.subgroepen", len(chats), lang),
    ).add(
        SendVote(workshop.id, stored.kolom, tuple(chats), votes_each)
    )


async def vote(
    s: Services, inc: Incoming, kolom: int, version: int, votes_each: int, position: int
) -> Outcome:
    """A participant pressed an item on a voting message: add or take back a vote. How
    many votes each person has comes from storage, whatever the button says."""
    found = await subgroup_here(s, inc)
    if found is None:
        return Outcome(toast=plain("weigering.knop_onbekend", "nl"))
    workshop, _ = found
    lang = workshop.lang
    draft = (
        await s.storage.get_draft(workshop.id, workshop.plenary_column)
        if (workshop.fase.plenary and workshop.plenary_column is not None)
        else None
    )
    if (
        draft is None
        or not draft.voting
        or int(draft.kolom) != kolom
        or draft.version != version
        or not 1 <= position <= len(draft.items)
    ):
        return Outcome(toast=plain("stemmen.gesloten", lang))
    allowed = draft.votes_each
    mine, counted = await s.storage.toggle_vote(draft, inc.user_id, position, allowed)
    if not counted:
        return Outcome(toast=plain("stemmen.op", lang, max=allowed))
    chosen = ", ".join(str(p) for p in mine) or "–"
    return Outcome(
        toast=plain("stemmen.jouw_stemmen", lang, punten=chosen, over=allowed - len(mine))
    )


async def count_votes(s: Services, inc: Incoming, *, seen: Seen | None = None) -> Outcome:
    """Close the vote and order the list by the counts: /telling."""
    workshop, stored = await current_draft(s, inc, allow_voting=True, seen=seen)
    lang = workshop.lang
    if not stored.voting:
        return reply(inc, "stemmen.niet_bezig", lang)
    counts, voters = await s.storage.vote_counts(workshop.id, stored.kolom)
    try:
        after = plenair.order_by_votes(working_list(stored), counts)
    except plenair.PlenairFout as fout:
        return reply(inc, fout.reason, lang, **fout.params)
    outcome = await save_edit(s, inc, workshop, stored, after)
    return outcome.add(
        CloseVotes(workshop.id, stored.kolom),
        *reply(inc, "stemmen.geteld", lang, mensen=plain_n("aantal.mensen", voters, lang)).actions,
        ShowDraft(workshop.id),
    )
