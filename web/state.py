"""What the live board shows: the workshop as one JSON-ready dict, read from storage.

The same state goes to the projector and to the control view (``control`` tells the page
which one it is). Item numbers are the list's positions, the numbers every change names.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import Any

from bot.views import column_name, phase_name
from bot.views_plenary import minutes_since
from flows import tijd
from flows.fase import Fase
from flows.herinneringen_signalen import notice
from flows.kaart import FILL_ORDER, Kolom
from flows.merge import MergeInput
from flows.plenair import Draft, looks_like
from flows.texts import CATALOGUES, DEFAULT_LANGUAGE, plain
from flows.vervolg import Vergelijking, groep_met_rol, vergelijk
from storage import Store
from storage.models import Answer, PlenaryDraft, Workshop


def page_texts(lang: str) -> dict[str, str]:
    """Every label the pages show, in the workshop's language (Dutch where one is missing)."""
    texts = {k: v for k, v in CATALOGUES[DEFAULT_LANGUAGE].items() if k.startswith("web.")}
    texts.update({k: v for k, v in CATALOGUES.get(lang, {}).items() if k.startswith("web.")})
    return texts


def _mode(workshop: Workshop) -> str:
    if workshop.fase.plenary:
        return "plenary" if workshop.plenary_column is not None else "model"
    if workshop.fase is Fase.AFGEROND:
        return "ended"
    if workshop.fase.subgroups_work:
        return "progress"
    return "waiting"


def _items(
    workshop: Workshop,
    draft: PlenaryDraft,
    answers: dict[int, Answer],
    names: dict[int, str],
    subgroup_count: int,
    live_votes: dict[int, int] | None,
) -> list[dict[str, Any]]:
    lang = workshop.lang
    question = plain("web.generaliseren", lang)
    alike: dict[int, int] = {}
    if answers and not draft.confirmed and not draft.voting:
        sources = {a.id: (a.text, names.get(a.subgroup_id, "")) for a in answers.values()}
        alike = looks_like(Draft(draft.kolom, draft.items), sources, lang)
    items = []
    for n, item in enumerate(draft.items, start=1):
        variants = [
            {"text": answers[a].text, "group": names.get(answers[a].subgroup_id, "")}
            for a in item.answer_ids
            if a in answers
        ]
        votes = live_votes.get(n, 0) if live_votes is not None else item.votes
        items.append(
            {
                "number": n,
                "text": item.text,
                "groups": list(item.subgroups),
                "variants": variants if len(variants) > 1 else [],
                "one_group": draft.kolom is Kolom.WAARDEN
                and len(item.subgroups) == 1
                and subgroup_count > 1,
                "specific": question if notice(item.text) is not None else None,
                "votes": votes,
                "can_split": len(item.answer_ids) > 1,
                # A group the bot made that the facilitator did not keep or undo yet.
                "suggested": item.suggested and not draft.confirmed,
                # Another item this one looks like, for the facilitator to merge or not.
                "looks_like": alike.get(n),
            }
        )
    return items


async def read_board(store: Store, workshop_id: int, now: datetime) -> dict[str, Any] | None:
    """The board of one workshop as it stands now; None when the workshop is gone."""
    workshop = await store.get_workshop(workshop_id)
    if workshop is None:
        return None
    lang = workshop.lang
    subgroups = await store.list_subgroups(workshop.id)
    names = {g.id: g.name for g in subgroups}
    drafts = {d.kolom: d for d in await store.list_drafts(workshop.id)}
    current = workshop.plenary_column if workshop.fase.plenary else None
    draft = drafts.get(current) if current is not None else None
    voters = 0
    live_votes: dict[int, int] | None = None
    if draft is not None and draft.voting:
        live_votes, voters = await store.vote_counts(workshop.id, draft.kolom)
    columns = []
    for kolom in FILL_ORDER:
        stored = drafts.get(kolom)
        items: list[dict[str, Any]] = []
        if stored is not None:
            answers = {}
            if stored is draft:
                answers = {a.id: a for a in await store.list_workshop_answers(workshop.id, kolom)}
            items = _items(
                workshop, stored, answers, names, len(subgroups),
                live_votes if stored is draft else None,
            )  # fmt: skip
        status = "open"
        if stored is not None and stored.confirmed:
            status = "confirmed"
        if kolom == current:
            status = "current"
        columns.append(
            {
                "number": int(kolom),
                "name": column_name(kolom, lang),
                "question": plain(f"vraag.{kolom.key}", lang, doel=workshop.goal),
                "status": status,
                "items": items,
            }
        )
    counts = await store.answer_counts(workshop.id)
    members = await store.active_members(workshop.id)
    mode = _mode(workshop)
    first_meeting = None
    if mode in ("waiting", "progress") or current is Kolom.WAARDEN:
        first_meeting = await _first_meeting(store, workshop)
    return {
        "lang": lang,
        "texts": page_texts(lang),
        "goal": workshop.goal,
        "phase": phase_name(workshop.fase, lang),
        "mode": mode,
        "current": int(current) if current is not None else None,
        "version": draft.version if draft is not None else None,
        "voting": bool(draft and draft.voting),
        "votes_each": draft.votes_each if draft is not None else 0,
        "voters": voters,
        "confirmed": bool(draft and draft.confirmed),
        "can_undo": bool(draft and draft.history and not draft.voting and not draft.confirmed),
        "minutes_left": _minutes_left(workshop, now),
        "columns": columns,
        "subgroups": [
            {
                "number": g.number,
                "name": g.name,
                "paper": g.paper,
                "column": int(g.stand.kolom),
                "column_name": column_name(g.stand.kolom, lang),
                "status": g.stand.status.value,
                "status_label": plain(f"web.stand.{g.stand.status.value}", lang),
                "counts": [counts.get(g.id, {}).get(k, 0) for k in FILL_ORDER],
                "members": members.get(g.id, 0),
                "minutes": minutes_since(g.state_changed_at, now),
            }
            for g in subgroups
        ],
        # A follow-up's starting material, while the groups work and in its values plenary.
        "first_meeting": first_meeting,
    }


@lru_cache(maxsize=32)
def _compare(answers: tuple[MergeInput, ...], groups: tuple[str, ...], lang: str) -> Vergelijking:
    """The first meeting compared, once per set of answers: the board is read again at every
    change of the follow-up, while the first meeting (finished) stays the same."""
    return vergelijk(answers, groups, lang=lang)


async def _first_meeting(store: Store, workshop: Workshop) -> dict[str, Any] | None:
    """A follow-up's starting material, as the groups and the plenary chat get it: the first
    meeting's confirmed values, the values more than one of its groups named and those only
    one group named, each group with the role it stood for ("Tafel 2 (burgers)"). None for
    a workshop that is no follow-up (or whose first meeting is gone)."""
    if workshop.previous_id is None:
        return None
    previous = await store.get_workshop(workshop.previous_id)
    if previous is None:
        return None
    lang = workshop.lang
    people = await store.list_participants(previous.id)
    labels = {
        g.id: groep_met_rol(g.name, (p.role for p in people if p.subgroup_id == g.id), lang)
        for g in await store.list_subgroups(previous.id)
    }
    draft = await store.get_draft(previous.id, Kolom.WAARDEN)
    confirmed = [i.text for i in draft.items] if draft is not None and draft.confirmed else []
    answers = [
        MergeInput(a.id, a.text, labels[a.subgroup_id])
        for a in await store.list_workshop_answers(previous.id, Kolom.WAARDEN)
        if not a.hidden and a.subgroup_id in labels
    ]
    compared = _compare(tuple(answers), tuple(labels.values()), lang)
    return {
        "confirmed": confirmed,
        "shared": [{"text": text, "groups": list(groups)} for text, groups in compared.gedeeld],
        "own": [{"group": group, "items": list(items)} for group, items in compared.eigen],
    }


def _minutes_left(workshop: Workshop, now: datetime) -> int | None:
    minutes = tijd.minutes_for(workshop.fase, workshop.durations)
    if not minutes:
        return None
    return max(0, minutes - minutes_since(workshop.phase_changed_at, now))
