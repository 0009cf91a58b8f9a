"""The participation report (participatieverslag): how the surroundings took part.

Since the Omgevingswet a municipality reports how it involved the people around a plan,
what they said, and where they agreed and disagreed. This report gives that for a workshop:
who took part (roles and numbers), how (the method, the steps, dates and times), what was
said per column (every answer, grouped as the plenary merged them, with the original
wordings), where the subgroups agreed and differed (values only one subgroup named, the
votes), and what came of it (the joint model and the action plan).

Names: the bot asks nobody whether their name may appear in a report, so the report names
no participant at all (it says so). Organisations and networks are named, with numbers.

Pure: ``report_context(data)``, ``render_report_markdown(data) -> str`` and
``report_docx(markdown) -> bytes``. The text lives in Jinja2 templates
(``exports/templates/participatieverslag.md.j2`` and ``participatieverslag.en.md.j2``); a
facilitator's template folder may hold its own (see :mod:`exports.md_templates`). The Word
file has the agreement's look (:mod:`exports.docx_look`).

Variables available to templates
--------------------------------
``doel``, ``taal``, ``datum``, ``concept``, ``definitief``
    As in the agreement (:mod:`exports.agreement`).
``deelnemers``
    ``aantal`` (everyone who joined), ``per_rol`` (``rol``, ``aantal``), ``zonder_rol``
    (how many gave no role), ``netwerken`` (``naam``, ``aantal``).
``subgroepen`` (list)
    ``naam``, ``soort`` ("chat", "topic" or "paper"), ``aantal`` (people; None for a paper
    table), ``antwoorden`` (how many answers).
``papier`` / ``online`` (int)
    How many subgroups were paper tables / Telegram groups or topics.
``homogeen`` (bool)
    Groups of one kind first, then mixed.
``stappen`` (list)
    Each step the workshop went through, in order: ``stap`` (1–6), ``naam`` ("Opening",
    …), ``datum`` (a date), ``begin`` and ``eind`` ("HH:MM" in Dutch time; ``eind`` is None
    for the last step).
``kolommen`` (list, in the order they were filled)
    ``nummer``, ``naam``, ``vraag`` (the question as asked), ``bevestigd`` (bool),
    ``besproken`` (the plenary has a list for it), ``aantal`` (answers), ``punten`` (the
    plenary's list: ``tekst``, ``subgroepen``, ``stemmen``, ``varianten`` — the answers it
    came from whose wording differs: ``tekst``, ``subgroep`` — and ``toegevoegd``: added in
    the plenary, from no answer) and ``los`` (answers in no item, per subgroup:
    ``subgroep``, ``antwoorden``).
``gedeeld`` (list) / ``eigen`` (list)
    Values more subgroups named (``tekst``, ``subgroepen``) / per subgroup the values only
    it named (``subgroep``, ``waarden``).
``stemmen`` (list)
    Items that got votes, most first: ``kolom``, ``tekst``, ``stemmen``.
``acties`` (list)
    The action plan, as in the agreement.
``terugblik``
    The closing round (the method's learning outcomes), without names: ``geleerd`` (what
    we learned) and ``meenemen`` (what we take home), each a list of answers.
``eerste_bijeenkomst``
    For a follow-up (the mixed second meeting), its first meeting in groups of one kind:
    ``datum``, ``subgroepen`` (how many), ``gedeeld`` and ``eigen`` as above, each group
    named with the role it stood for ("Tafel 2 (burgers)"); else None.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from exports.action_plan import ActionRow, action_plan_rows, column_texts
from exports.agreement import action_dicts, one_line
from exports.markdown_docx import markdown_to_docx
from exports.md_templates import render_markdown
from exports.model import AnswerRecord, WorkshopData
from flows.fase import Fase
from flows.kaart import FILL_ORDER, Kolom
from flows.texts import plain
from flows.tijd import WORKSHOP_TIMEZONE

BASE = "participatieverslag"


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def _local(moment: str) -> datetime | None:
    try:
        when = datetime.fromisoformat(moment)
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(ZoneInfo(WORKSHOP_TIMEZONE))


def _steps(data: WorkshopData) -> list[dict[str, Any]]:
    known = {f.value: f for f in Fase}
    moments = [
        (known[p.phase], when)
        for p in data.phases
        if p.phase in known and (when := _local(p.at)) is not None
    ]
    steps = []
    for n, (fase, when) in enumerate(moments):
        after = moments[n + 1][1] if n + 1 < len(moments) else None
        name = plain(f"fase.naam.{fase.value}", data.lang, stap=fase.stap)
        name = name.split(": ", 1)[-1]
        steps.append(
            {
                "stap": fase.stap,
                "naam": name[:1].upper() + name[1:],
                "datum": when.date(),
                "begin": when.strftime("%H:%M"),
                "eind": after.strftime("%H:%M") if after is not None else None,
            }
        )
    return steps


def _participants(data: WorkshopData) -> dict[str, Any]:
    roles = Counter(one_line(p.role) for p in data.participants if one_line(p.role))
    networks = Counter(one_line(p.network) for p in data.participants if one_line(p.network))
    return {
        "aantal": len(data.participants),
        "per_rol": [{"rol": r, "aantal": n} for r, n in roles.most_common()],
        "zonder_rol": sum(1 for p in data.participants if not one_line(p.role)),
        "netwerken": [{"naam": k, "aantal": n} for k, n in networks.most_common()],
    }


def _columns(data: WorkshopData) -> list[dict[str, Any]]:
    by_id = {a.id: a for a in data.answers}
    columns = []
    for kolom in FILL_ORDER:
        answers = [a for a in data.answers if a.kolom == kolom]
        model = data.model.get(kolom, ())
        used: set[int] = set()
        items = []
        for item in model:
            sources = [by_id[i] for i in item.answer_ids if i in by_id]
            used.update(a.id for a in sources)
            variants = [
                {"tekst": a.text, "subgroep": a.subgroup}
                for a in sources
                if _key(a.text) != _key(item.text)
            ]
            items.append(
                {
                    "tekst": item.text,
                    "subgroepen": list(item.subgroups),
                    "stemmen": item.votes,
                    "varianten": variants,
                    "toegevoegd": not sources,
                }
            )
        loose: dict[str, list[str]] = {}
        for a in answers:
            if a.id not in used and a.text.strip():
                loose.setdefault(a.subgroup, []).append(a.text)
        columns.append(
            {
                "nummer": int(kolom),
                "naam": plain(f"kolom.{kolom.key}", data.lang),
                "vraag": plain(f"vraag.{kolom.key}", data.lang, doel=data.goal),
                "bevestigd": kolom in data.confirmed,
                "besproken": bool(model),
                "aantal": len(answers),
                "punten": items,
                "los": [{"subgroep": g, "antwoorden": t} for g, t in loose.items()],
            }
        )
    return columns


def _agreement_on_values(
    data: WorkshopData, labels: dict[str, str] | None = None
) -> tuple[list[dict], list[dict]]:
    """Values more than one group named, and per group those only it named; ``labels``
    names the groups (default: their names)."""
    shared, own = [], {}
    for text, named_by in column_texts(data, Kolom.WAARDEN):
        groups = tuple((labels or {}).get(g, g) for g in named_by)
        if len(groups) > 1:
            shared.append({"tekst": text, "subgroepen": list(groups)})
        elif len(groups) == 1:
            own.setdefault(groups[0], []).append(text)
    named = [(labels or {}).get(g.name, g.name) for g in data.subgroups]
    order = {name: n for n, name in enumerate(named)}
    eigen = [
        {"subgroep": g, "waarden": own[g]} for g in sorted(own, key=lambda g: order.get(g, 1e9))
    ]
    return shared, eigen


def _votes(data: WorkshopData) -> list[dict[str, Any]]:
    voted = [
        {"kolom": plain(f"kolom.{k.key}", data.lang), "tekst": i.text, "stemmen": i.votes}
        for k in FILL_ORDER
        for i in data.model.get(k, ())
        if i.votes > 0
    ]
    return sorted(voted, key=lambda v: -v["stemmen"])


def _answers_per_subgroup(answers: Sequence[AnswerRecord]) -> Counter:
    return Counter(a.subgroup for a in answers)


def report_context(data: WorkshopData, rows: Sequence[ActionRow] | None = None) -> dict[str, Any]:
    """The variables a template sees (see the module docstring)."""
    counts = _answers_per_subgroup(data.answers)
    shared, own = _agreement_on_values(data)
    return {
        "doel": data.goal,
        "taal": data.lang,
        "datum": data.date,
        "concept": not data.final,
        "definitief": data.final,
        "deelnemers": _participants(data),
        "subgroepen": [
            {
                "naam": one_line(g.name),
                "soort": g.kind,
                "aantal": None if g.kind == "paper" else len(g.members),
                "antwoorden": counts.get(g.name, 0),
            }
            for g in data.subgroups
        ],
        "papier": sum(1 for g in data.subgroups if g.kind == "paper"),
        "online": sum(1 for g in data.subgroups if g.kind != "paper"),
        "homogeen": data.homogeneous,
        "stappen": _steps(data),
        "kolommen": _columns(data),
        "gedeeld": shared,
        "eigen": own,
        "stemmen": _votes(data),
        "acties": action_dicts(action_plan_rows(data) if rows is None else rows),
        "terugblik": {
            "geleerd": [one_line(t) for t in data.closing_answers("geleerd")],
            "meenemen": [one_line(t) for t in data.closing_answers("meenemen")],
        },
        "eerste_bijeenkomst": _first_meeting(data.previous),
    }


def _first_meeting(previous: WorkshopData | None) -> dict[str, Any] | None:
    """What the groups of one kind shared and where they differed, for a follow-up; each
    group named with its role ("Tafel 2 (burgers)")."""
    if previous is None:
        return None
    shared, own = _agreement_on_values(previous, previous.group_labels())
    return {
        "datum": previous.date,
        "subgroepen": len(previous.subgroups),
        "gedeeld": shared,
        "eigen": own,
    }


def render_report_markdown(
    data: WorkshopData,
    template_dir: Path | None = None,
    *,
    context: dict[str, Any] | None = None,
) -> str:
    """The participation report as Markdown, from the template for the workshop's language."""
    context = report_context(data) if context is None else context
    return render_markdown(BASE, data.lang, context, template_dir)


def report_docx(markdown: str, *, lang: str = "nl", concept: bool = False) -> bytes:
    """The report as a Word file in the agreement's look; CONCEPT while not confirmed."""
    kind = plain("export.soort_verslag", lang)
    return markdown_to_docx(markdown, lang=lang, kind=kind, concept=concept)
