"""The complete workshop deck a facilitator takes home (16:9 PowerPoint).

``build_deck(data, actions=None) -> bytes``, in this order:

1. a title slide: the method, the goal, the date, how many subgroups and participants, the
   roles present, and "Concept" while the model is not confirmed;
2. the joint map (the plenary's model), each item with the subgroups that named it, and
   the full questions, and the votes (most first) when there were any;
3. for a homogeneous workshop, per column what the groups share and where they differ; for
   its follow-up (the mixed second meeting), the same for the first meeting;
4. the action plan as a table (what, who, when, linked condition);
5. the closing round: what we learned and what we take home (when anyone answered).

``build_appendix(data) -> bytes`` is the appendix deck: one map per subgroup, each answer
with its author, so the main deck stays short enough to project in a big workshop.

The maps are built by :mod:`exports.pptx_map` (continuation slides, one size 18→14 pt, never
overflowing); the other slides by :mod:`exports.pptx_slides`, with the same measuring.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from exports.model import AnswerRecord, MapData, MapItem, WorkshopData
from exports.pptx_closing import add_closing_slides
from exports.pptx_fit import Para
from exports.pptx_look import GOAL_MAX, clean_text, shorten
from exports.pptx_map import add_map_slides, new_presentation, to_bytes
from exports.pptx_questions import add_questions_slide
from exports.pptx_slides import (
    Comparison,
    TitleFacts,
    add_comparison_slides,
    add_plan_slides,
    add_title_slide,
)
from exports.pptx_votes import add_vote_slides
from flows.kaart import FILL_ORDER, Kolom
from flows.merge import MergeInput, propose_items
from flows.texts import plain

__all__ = ["build_appendix", "build_deck", "comparisons", "participant_count", "plan_rows"]

Action = tuple[str, str, str, str]  # what, who, when, linked condition
# A group's label behind a shared item stays on one line up to this length (a longer one
# may break between its words, so it never gets wider than its box).
NO_BREAK_MAX = 28


def participant_count(data: WorkshopData) -> int:
    """Everyone who took part: registered participants and subgroup members, each once."""
    people = {(p.subgroup, p.name) for p in data.participants}
    people |= {(g.name, m) for g in data.subgroups for m in g.members}
    return len(people)


def _by_subgroup(data: WorkshopData) -> dict[str, dict[Kolom, list[AnswerRecord]]]:
    grouped: dict[str, dict[Kolom, list[AnswerRecord]]] = defaultdict(lambda: defaultdict(list))
    for answer in data.answers:
        grouped[answer.subgroup][answer.kolom].append(answer)
    return grouped


def _joint_map(data: WorkshopData) -> MapData:
    by_id = {a.id: a for a in data.answers}

    def variants(item) -> tuple[str, ...]:
        answers = [by_id[i] for i in item.answer_ids if i in by_id]
        return tuple(f"{a.text} ({a.subgroup})" for a in answers)

    columns = {
        kolom: [MapItem(item.text, None, tuple(item.subgroups), variants(item)) for item in items]
        for kolom, items in data.model.items()
    }
    return MapData(
        goal=data.goal,
        title=plain("export.gezamenlijk", data.lang),
        columns=columns,
        date=data.date,
        lang=data.lang,
        concept=not data.final,
    )


def comparisons(data: WorkshopData) -> list[Comparison]:
    """Per column (in fill order): items more than one subgroup named (merged with
    flows.merge.propose_items) and, per subgroup, the items only it named. In a homogeneous
    meeting each group is named with its role ("Tafel 2 (burgers)"); the groups behind a
    shared item then follow a dash, not a second pair of brackets."""
    names = [g.name for g in data.subgroups]
    names += [a.subgroup for a in data.answers if a.subgroup not in names]
    names = list(dict.fromkeys(names))
    labels = data.group_labels()
    with_roles = any(labels.get(n, n) != n for n in names)

    def label(name: str) -> str:
        return clean_text(labels.get(name, name)).strip()

    def together(name: str) -> str:  # a short label never breaks inside: "Tafel 1 (burgers)"
        return name.replace(" ", "\u00a0") if len(name) <= NO_BREAK_MAX else name

    def sources(groups: Sequence[str]) -> str:
        if not with_roles:
            return " (" + ", ".join(label(g) for g in groups) + ")"
        return " – " + ", ".join(together(label(g)) for g in groups)

    result = []
    for kolom in FILL_ORDER:
        inputs = [
            MergeInput(a.id, a.text, a.subgroup)
            for a in data.answers
            if a.kolom == kolom and clean_text(a.text).strip()
        ]
        items = propose_items(inputs, lang=data.lang) if inputs else []
        shared = sorted((i for i in items if len(i.subgroups) > 1), key=lambda i: -len(i.subgroups))
        shared_paras = [
            Para(text=clean_text(i.text).strip(), sources=sources(i.subgroups))
            for i in shared
        ]
        own: dict[str, list[Para]] = defaultdict(list)
        for item in items:
            if len(item.subgroups) == 1 and clean_text(item.text).strip():
                own[item.subgroups[0]].append(Para(text=clean_text(item.text).strip()))
        groups = [
            (shorten(label(name), GOAL_MAX) or "?", own[name])
            for name in names
            if own.get(name)
        ]
        result.append(Comparison(kolom, shared_paras, groups))
    return result


def plan_rows(data: WorkshopData, actions: Sequence[Action] | None) -> list[Action]:
    """The rows of the action plan: the given actions, else the acties of the model (or,
    before there is a model, the subgroups' acties answers) as "what"."""
    if actions is not None:
        return [tuple(str(c or "") for c in (*a, "", "", "", ""))[:4] for a in actions]
    items = [i.text for i in data.model.get(Kolom.ACTIES, ())]
    if not items:
        items = [a.text for a in data.answers if a.kolom == Kolom.ACTIES]
    return [(t, "", "", "") for t in dict.fromkeys(items)]


def build_deck(data: WorkshopData, actions: Sequence[Action] | None = None) -> bytes:
    """The complete 16:9 workshop deck as .pptx bytes."""
    lang = data.lang
    badge = None if data.final else clean_text(plain("export.concept", lang))
    prs = new_presentation()
    add_title_slide(
        prs,
        TitleFacts(
            goal=data.goal,
            date=data.date,
            subgroups=len(data.subgroups),
            participants=participant_count(data),
            roles=data.roles_present(),
            final=data.final,
            lang=lang,
        ),
    )
    add_map_slides(prs, _joint_map(data))
    add_questions_slide(prs, data.goal, data.date, badge, lang)
    add_vote_slides(prs, data, badge)
    if data.homogeneous:
        for comparison in comparisons(data):
            add_comparison_slides(prs, comparison, data.goal, data.date, badge, lang)
    if data.previous is not None:  # the second meeting starts from the first one's groups
        for comparison in comparisons(data.previous):
            add_comparison_slides(prs, comparison, data.goal, data.date, badge, lang,
                                  title_key="vervolg.export_titel")  # fmt: skip
    add_plan_slides(prs, plan_rows(data, actions), data.goal, data.date, badge, lang)
    add_closing_slides(prs, data, badge)
    return to_bytes(prs)


def build_appendix(data: WorkshopData) -> bytes:
    """The appendix deck (16:9): every subgroup's map, each answer with its author. The main
    deck stays short enough to project; this one is for reading back."""
    prs = new_presentation()
    grouped = _by_subgroup(data)
    for group in data.subgroups:
        answers = grouped.get(group.name, {})
        columns = {
            kolom: [MapItem(a.text, a.author) for a in answers.get(kolom, ())] for kolom in Kolom
        }
        add_map_slides(
            prs,
            MapData(
                goal=data.goal,
                title=group.name,
                columns=columns,
                date=data.date,
                lang=data.lang,
                concept=not data.final,
            ),
        )
    return to_bytes(prs)
