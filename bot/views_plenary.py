"""Messages of the plenary chat: the facilitator's list, the whole model, the status."""

from __future__ import annotations

from datetime import datetime

from bot.actions import Button
from bot.buttons import CONFIRM_MODEL, Confirm, RemoveItem, UndoEdit, Vote
from bot.views import chunk, column_label, column_name, phase_name
from flows.kaart import FILL_ORDER, Kolom
from flows.texts import Html, plain, render
from storage.models import PlenaryDraft, Subgroup, Workshop

# Item texts on the board are cut at this length; the full text stays in the model.
BOARD_ITEM_CHARS = 160
# Trash buttons are shown for at most this many items (8 per row, Telegram's maximum).
BUTTON_ITEMS = 40


def draft_board(
    workshop: Workshop, draft: PlenaryDraft, subgroup_count: int
) -> tuple[Html, tuple[tuple[Button, ...], ...]]:
    """The list the facilitator edits in a plenary round, with its buttons."""
    lang = workshop.lang
    kolom = draft.kolom
    lines: list[str] = [
        render(
            "plenair.kop",
            lang,
            kolom=column_label(kolom, lang),
            fase=phase_name(workshop.fase, lang),
        )
    ]
    if not draft.items:
        lines.append(render("plenair.leeg", lang))
    for n, item in enumerate(draft.items, start=1):
        text = item.text
        if len(text) > BOARD_ITEM_CHARS:
            text = text[:BOARD_ITEM_CHARS].rstrip() + "…"
        groups = item.subgroups
        key = "plenair.item"
        if kolom is Kolom.WAARDEN and len(groups) == 1 and subgroup_count > 1:
            key = "plenair.item_een_groep"  # a value of one subgroup: look for the win-win
        lines.append(render(key, lang, nummer=n, tekst=text, groepen=", ".join(groups)))
        if item.votes:
            lines[-1] += render("plenair.stemmen", lang, aantal=item.votes)
    if (
        kolom is Kolom.WAARDEN
        and subgroup_count > 1
        and any(len(i.subgroups) == 1 for i in draft.items)
    ):
        lines.append(render("plenair.winwin", lang))
    if draft.confirmed:
        lines.append(render("plenair.bevestigd", lang))
        return Html(chunk([Html(x) for x in lines], 4000)[0]), ()
    lines.append(render("plenair.uitleg", lang))
    stamp = (int(kolom), draft.version)
    trash = [
        Button(f"🗑 {n}", RemoveItem(*stamp, n).data)
        for n in range(1, min(len(draft.items), BUTTON_ITEMS) + 1)
    ]
    rows = [tuple(trash[i : i + 8]) for i in range(0, len(trash), 8)]
    rows.append(
        (
            Button(plain("knop.ongedaan", lang), UndoEdit(*stamp).data),
            Button(plain("knop.bevestig", lang), Confirm(*stamp).data),
        )
    )
    return Html(chunk([Html(x) for x in lines], 4000)[0]), tuple(rows)


def model_overview(
    workshop: Workshop, drafts: list[PlenaryDraft]
) -> tuple[Html, tuple[tuple[Button, ...], ...]]:
    """The last look at all five columns before the model is made final."""
    lang = workshop.lang
    by_column = {d.kolom: d for d in drafts}
    lines: list[Html] = [render("plenair.overzicht_kop", lang, doel=workshop.goal)]
    for kolom in FILL_ORDER:
        lines.append(render("kaart.kolom", lang, nummer=int(kolom), naam=column_name(kolom, lang)))
        items = by_column[kolom].items if kolom in by_column else ()
        if not items:
            lines.append(render("kaart.leeg", lang))
        for item in items:
            text = item.text
            if len(text) > BOARD_ITEM_CHARS:
                text = text[:BOARD_ITEM_CHARS].rstrip() + "…"
            lines.append(render("bord.regel", lang, tekst=text))
    if workshop.fase.plenary:
        lines.append(render("plenair.overzicht_uitleg", lang))
        buttons = ((Button(plain("knop.model_vaststellen", lang), CONFIRM_MODEL.data),),)
    else:
        buttons = ()
    return chunk(lines, 4000)[0], buttons


def status_board(
    workshop: Workshop,
    subgroups: list[Subgroup],
    counts: dict[int, dict[Kolom, int]],
    active: dict[int, int],
    now: datetime,
) -> Html:
    """One screen for the facilitator: per subgroup its column, answers and members."""
    lang = workshop.lang
    lines: list[Html] = [
        render(
            "status.kop",
            lang,
            doel=workshop.goal,
            fase=phase_name(workshop.fase, lang),
            minuten=minutes_since(workshop.phase_changed_at, now),
        )
    ]
    if not subgroups:
        lines.append(render("status.geen_groepen", lang))
    for g in subgroups:
        per_column = counts.get(g.id, {})
        numbers = " · ".join(str(per_column.get(k, 0)) for k in FILL_ORDER)
        where = column_label(g.stand.kolom, lang)
        state = plain(f"status.stand.{g.stand.status.value}", lang, kolom=where)
        key = "status.papier" if g.paper else "status.groep"
        lines.append(
            render(
                key,
                lang,
                nummer=g.number,
                naam=g.name,
                stand=state,
                aantallen=numbers,
                leden=active.get(g.id, 0),
                minuten=minutes_since(g.state_changed_at, now),
            )
        )
    lines.append(render("status.voet", lang))
    return chunk(lines, 4000)[0]


def minutes_since(since: str, now: datetime) -> int:
    """Whole minutes from a stored moment to now (0 for a moment that cannot be read)."""
    try:
        then = datetime.fromisoformat(since)
    except ValueError:
        return 0
    if then.tzinfo is None and now.tzinfo is not None:
        then = then.replace(tzinfo=now.tzinfo)
    return max(0, int((now - then).total_seconds() // 60))


def vote_message(
    workshop: Workshop, draft: PlenaryDraft, votes_each: int
) -> tuple[Html, tuple[tuple[Button, ...], ...]]:
    """The message on which participants vote: one button per item of the list."""
    lang = workshop.lang
    lines: list[Html] = [
        render("stemmen.vraag", lang, kolom=column_label(draft.kolom, lang), stemmen=votes_each)
    ]
    rows = []
    for n, item in enumerate(draft.items[:BUTTON_ITEMS], start=1):
        text = item.text
        lines.append(render("plenair.item_kort", lang, nummer=n, tekst=_short(text, 200)))
        data = Vote(int(draft.kolom), draft.version, votes_each, n).data
        rows.append((Button(f"{n}. {_short(text, 40)}", data),))
    return chunk(lines, 4000)[0], tuple(rows)


def vote_closed(workshop: Workshop, draft: PlenaryDraft) -> Html:
    """A voting message after the count: the list in its new order, with the votes."""
    lang = workshop.lang
    lines: list[Html] = [render("stemmen.uitslag", lang, kolom=column_label(draft.kolom, lang))]
    for n, item in enumerate(draft.items, start=1):
        lines.append(
            render(
                "stemmen.uitslag_regel",
                lang,
                nummer=n,
                tekst=_short(item.text, 200),
                aantal=item.votes,
            )
        )
    return chunk(lines, 4000)[0]


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
