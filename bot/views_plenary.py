"""Messages of the plenary chat: the facilitator's list, the whole model, the status.

A list can be longer than one Telegram message holds. The list and the status board are
edited in place, so they show one page at a time with ◀️ ▶️ to turn it and say which
part they show; a voting message goes as several messages; the whole model is sent as
several messages, with its button under the last.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from datetime import datetime

from bot.actions import Button
from bot.buttons import (
    CONFIRM_MODEL,
    ApartHint,
    Confirm,
    JoinHint,
    KeepGroup,
    ListPage,
    LooseGroup,
    RemoveItem,
    StatusPage,
    UndoEdit,
    Vote,
)
from bot.telegram_text import MESSAGE_LIMIT, page_ranges, visible_length
from bot.views import column_label, column_name, phase_title
from flows.herinneringen_signalen import notice
from flows.kaart import FILL_ORDER, Kolom
from flows.plenair import Draft, Item, looks_like, variants
from flows.texts import Html, plain, plain_n, render
from storage.models import PlenaryDraft, Subgroup, Workshop

# answer id → (text, subgroup): the wordings behind the items of a list.
Sources = Mapping[int, tuple[str, str]]

# Item texts on the board are cut at this length; the full text stays in the model.
BOARD_ITEM_CHARS = 160
# The names of the subgroups behind an item are cut at this length.
BOARD_GROUPS_CHARS = 120
# A page of a list shows at most this many items, each with its 🗑 or vote button (8 🗑
# per row, Telegram's most; with the other buttons well under its 100).
BUTTON_ITEMS = 40
# The highest numbers a page line can show, to keep room for it before it is known.
_ROOM_NUMBER = 10**6
# Telegram shows at most 100 buttons under a message; the page's item buttons (🗑, and ✔
# ✖ under a suggested group) leave room for ◀️ ▶️ and ↩️ ✅.
MAX_ITEM_BUTTONS = 96
# A variant of a merged item is cut at this length, all of an item's variants at this.
VARIANT_CHARS = 80
VARIANTS_CHARS = 400
# Signs after an item: the bot suggested this group; it sounds like one network.
SUGGESTED = "🔗"
SPECIFIC = "📍"


def _page_room(key: str, lang: str, **params: object) -> int:
    """Room to keep for a line that names a part of a list: its longest form."""
    big = {"van": _ROOM_NUMBER, "tot": _ROOM_NUMBER, "aantal": _ROOM_NUMBER}
    return visible_length(render(key, lang, **{**big, **params})) + 1


def _paged(
    head: list[str], lines: list[str], foot: list[str], page_key: str, lang: str
) -> list[range]:
    """The runs of ``lines`` that fit one message between ``head`` and ``foot`` (with the
    line that says which part it shows), at most BUTTON_ITEMS each."""
    fixed = sum(visible_length(x) + 1 for x in (*head, *foot))
    budget = MESSAGE_LIMIT - fixed - _page_room(page_key, lang)
    return page_ranges(lines, budget, BUTTON_ITEMS)


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@functools.lru_cache(maxsize=4096)
def sounds_specific(text: str) -> bool:
    """Whether an item sounds like one network (remembered: a list is shown again after
    every change, with mostly the same items)."""
    return notice(text) is not None


def variant_line(item: Item, sources: Sources, lang: str) -> str | None:
    """The wordings a merged item came from, numbered, with their subgroups, on one
    indented line ("↳ (1) Noord: … · (2) Zuid: …"); None for an item of one answer."""
    found = variants(item, sources)
    if len(found) < 2:
        return None
    parts: list[str] = []
    used = 0
    for v, (text, group) in enumerate(found, start=1):
        part = f"({v}) {group}: {_short(' '.join(text.split()), VARIANT_CHARS)}"
        if parts and used + len(part) > VARIANTS_CHARS:
            parts.append(f"+{len(found) - v + 1}")
            break
        parts.append(part)
        used += len(part) + 3
    return render("plenair.varianten", lang, varianten=" · ".join(parts))


def _within_buttons(runs: list[range], cost: Sequence[int]) -> list[range]:
    """The runs cut further where their items' buttons would pass MAX_ITEM_BUTTONS."""
    result = []
    for run in runs:
        start, used = run.start, 0
        for n in run:
            if n > start and used + cost[n] > MAX_ITEM_BUTTONS:
                result.append(range(start, n))
                start, used = n, 0
            used += cost[n]
        result.append(range(start, run.stop))
    return result


def draft_board(
    workshop: Workshop,
    draft: PlenaryDraft,
    subgroup_count: int,
    sources: Sources | None = None,
) -> tuple[Html, tuple[tuple[Button, ...], ...]]:
    """The list the facilitator edits in a plenary round, with its buttons: the page of it
    the facilitator turned to, when it does not fit one message. ``sources`` are the
    answers behind the items: a merged item shows their wordings under it."""
    lang = workshop.lang
    kolom = draft.kolom
    open_list = not draft.confirmed
    head = [
        render(
            "plenair.kop",
            lang,
            kolom=column_label(kolom, lang),
            fase=phase_title(workshop.fase, lang),
        )
    ]
    lines: list[str] = []
    any_variants = any_specific = False
    alike: dict[int, int] = {}
    if open_list and not draft.voting:
        alike = looks_like(Draft(kolom, draft.items), sources or {}, lang)
    for n, item in enumerate(draft.items, start=1):
        groups = item.subgroups
        key = "plenair.item"
        if kolom is Kolom.WAARDEN and len(groups) == 1 and subgroup_count > 1:
            key = "plenair.item_een_groep"  # a value of one subgroup: look for the win-win
        text = item.text
        if len(text) > BOARD_ITEM_CHARS:
            text = text[:BOARD_ITEM_CHARS].rstrip() + "…"
        named = _short(", ".join(groups), BOARD_GROUPS_CHARS)
        line = render(key, lang, nummer=n, tekst=text, groepen=named)
        if item.votes:
            votes = plain_n("aantal.stemmen", item.votes, lang)
            line += render("plenair.stemmen", lang, aantal=votes)
        if item.suggested and open_list:
            line += " " + SUGGESTED
        if open_list and sounds_specific(item.text):
            line += " " + SPECIFIC
            any_specific = True
        shown_variants = variant_line(item, sources or {}, lang)
        if shown_variants is not None:
            line += "\n" + shown_variants
            any_variants = True
        if n in alike:
            line += "\n" + render("plenair.lijkt_op", lang, ander=alike[n])
        lines.append(line)
    if not draft.items:
        lines.append(render("plenair.leeg", lang))
    foot: list[str] = []
    if (
        kolom is Kolom.WAARDEN
        and subgroup_count > 1
        and any(len(i.subgroups) == 1 for i in draft.items)
    ):
        foot.append(render("plenair.winwin", lang))
    if open_list:
        if any(i.suggested for i in draft.items):
            foot.append(render("plenair.voorstel_uitleg", lang))
        if any_variants:
            foot.append(render("plenair.varianten_uitleg", lang))
        if any_specific:
            foot.append(render("plenair.netwerk_uitleg", lang))
        if alike:
            foot.append(render("plenair.lijkt_op_uitleg", lang))
    foot.append(render("plenair.uitleg" if open_list else "plenair.bevestigd", lang))
    runs = _paged(head, lines, foot, "plenair.pagina", lang)
    if open_list and draft.items:
        cost = [1 + 2 * i.suggested + 2 * (n in alike) for n, i in enumerate(draft.items, 1)]
        runs = _within_buttons(runs, cost)
    page = min(max(draft.page, 1), len(runs))
    shown = runs[page - 1]
    where = []
    if len(runs) > 1:
        where = [render("plenair.pagina", lang, van=shown.start + 1, tot=shown.stop,
                        aantal=len(draft.items))]  # fmt: skip
    text = Html("\n".join([*head, *lines[shown.start : shown.stop], *where, *foot]))
    stamp = (int(kolom), draft.version)
    rows: list[tuple[Button, ...]] = []
    if open_list and draft.items:
        trash = [Button(f"🗑 {n}", RemoveItem(*stamp, n).data) for n in _numbers(shown)]
        rows.extend(tuple(trash[i : i + 8]) for i in range(0, len(trash), 8))
        decide: list[Button] = []
        for n in _numbers(shown):
            if draft.items[n - 1].suggested:
                decide.append(Button(plain("knop.voorstel_samen", lang, nummer=n),
                                     KeepGroup(*stamp, n).data))  # fmt: skip
                decide.append(Button(plain("knop.voorstel_los", lang, nummer=n),
                                     LooseGroup(*stamp, n).data))  # fmt: skip
            if n in alike:
                other = alike[n]
                decide.append(Button(plain("knop.hint_samen", lang, a=n, b=other),
                                     JoinHint(*stamp, n, other).data))  # fmt: skip
                decide.append(Button(plain("knop.hint_apart", lang, a=n, b=other),
                                     ApartHint(*stamp, n, other).data))  # fmt: skip
        rows.extend(tuple(decide[i : i + 4]) for i in range(0, len(decide), 4))
    turn = _turn_buttons(runs, page, lang, lambda p: ListPage(*stamp, p).data)
    if turn:
        rows.append(turn)
    if open_list:
        rows.append(
            (
                Button(plain("knop.ongedaan", lang), UndoEdit(*stamp).data),
                Button(plain("knop.bevestig", lang), Confirm(*stamp).data),
            )
        )
    return text, tuple(rows)


def _numbers(run: range) -> range:
    """The 1-based positions of a run of items."""
    return range(run.start + 1, run.stop + 1)


def _turn_buttons(runs: list[range], page: int, lang: str, data) -> tuple[Button, ...]:
    """◀️ to the page before and ▶️ to the page after, where there is one."""
    buttons = []
    if page > 1:
        before = runs[page - 2]
        label = plain("knop.pagina_terug", lang, van=before.start + 1, tot=before.stop)
        buttons.append(Button(label, data(page - 1)))
    if page < len(runs):
        after = runs[page]
        label = plain("knop.pagina_verder", lang, van=after.start + 1, tot=after.stop)
        buttons.append(Button(label, data(page + 1)))
    return tuple(buttons)


def model_overview(
    workshop: Workshop, drafts: list[PlenaryDraft], sources: Sources | None = None
) -> tuple[Html, tuple[tuple[Button, ...], ...]]:
    """The last look at all five columns before the model is made final, a merged item
    with the wordings it came from. It goes as a new message, as many as it takes, the
    button under the last."""
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
            shown_variants = variant_line(item, sources or {}, lang)
            if shown_variants is not None:
                lines.append(Html(shown_variants))
    if workshop.fase.plenary:
        lines.append(render("plenair.overzicht_uitleg", lang))
        buttons = ((Button(plain("knop.model_vaststellen", lang), CONFIRM_MODEL.data),),)
    else:
        buttons = ()
    return Html("\n".join(lines)), buttons


def status_board(
    workshop: Workshop,
    subgroups: list[Subgroup],
    counts: dict[int, dict[Kolom, int]],
    active: dict[int, int],
    now: datetime,
) -> tuple[Html, tuple[tuple[Button, ...], ...]]:
    """One screen for the facilitator: per subgroup its column, answers and members; the
    page of it the facilitator turned to, when there are more than one message holds."""
    lang = workshop.lang
    head = [
        render(
            "status.kop",
            lang,
            doel=workshop.goal,
            fase=phase_title(workshop.fase, lang),
            minuten=minutes_since(workshop.phase_changed_at, now),
        )
    ]
    lines: list[str] = []
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
                leden=plain_n("aantal.actief", active.get(g.id, 0), lang),
                minuten=minutes_since(g.state_changed_at, now),
            )
        )
    foot = [render("status.voet", lang)]
    runs = _paged(head, lines, foot, "status.pagina", lang)
    page = min(max(workshop.status_page, 1), len(runs))
    shown = runs[page - 1]
    part = []
    if len(runs) > 1:
        part = [render("status.pagina", lang, van=shown.start + 1, tot=shown.stop,
                       aantal=len(subgroups))]  # fmt: skip
    text = Html("\n".join([*head, *lines[shown.start : shown.stop], *part, *foot]))
    turn = _turn_buttons(runs, page, lang, lambda p: StatusPage(workshop.id, p).data)
    return text, ((turn,) if turn else ())


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
) -> list[tuple[Html, tuple[tuple[Button, ...], ...]]]:
    """The messages on which participants vote: one button per item of the list, as many
    messages as it takes (each says which items it holds)."""
    lang = workshop.lang
    kolom = column_label(draft.kolom, lang)
    head = render(
        "stemmen.vraag", lang, kolom=kolom, stemmen=plain_n("aantal.stemmen", votes_each, lang)
    )
    lines = [
        render("plenair.item_kort", lang, nummer=n, tekst=_short(item.text, 200))
        for n, item in enumerate(draft.items, start=1)
    ]
    # Room for the top of the first message (the question and which part it holds) or of
    # a next one (which part it holds), whichever is longer.
    room = max(
        visible_length(head) + 1 + _page_room("stemmen.deel", lang, kolom=kolom),
        _page_room("stemmen.vervolg", lang, kolom=kolom),
    )
    runs = page_ranges(lines, MESSAGE_LIMIT - room, BUTTON_ITEMS)
    messages = []
    for page, run in enumerate(runs, start=1):
        top = [head] if page == 1 else []
        if len(runs) > 1:
            key = "stemmen.deel" if page == 1 else "stemmen.vervolg"
            top.append(render(key, lang, kolom=kolom, van=run.start + 1, tot=run.stop,
                              aantal=len(lines)))  # fmt: skip
        text = Html("\n".join([*top, *lines[run.start : run.stop]]))
        rows = tuple(
            (
                Button(
                    f"{n}. {_short(draft.items[n - 1].text, 40)}",
                    Vote(int(draft.kolom), draft.version, votes_each, n).data,
                ),
            )
            for n in _numbers(run)
        )
        messages.append((text, rows))
    return messages


def vote_closed(workshop: Workshop, draft: PlenaryDraft, messages: int = 1) -> list[Html]:
    """The voting messages after the count: the list in its new order, with the votes, in
    at most ``messages`` messages (those the vote went out in). Item texts are cut
    shorter when that is what it takes."""
    lang = workshop.lang
    head = render("stemmen.uitslag", lang, kolom=column_label(draft.kolom, lang))
    for cut in (200, 100, 50, 25):
        lines = [
            render(
                "stemmen.uitslag_regel",
                lang,
                nummer=n,
                tekst=_short(item.text, cut),
                aantal=item.votes,
            )
            for n, item in enumerate(draft.items, start=1)
        ]
        runs = page_ranges(lines, MESSAGE_LIMIT - visible_length(head) - 1)
        if len(runs) <= max(messages, 1):
            break
    parts = [lines[run.start : run.stop] for run in runs]
    parts[0] = [head, *parts[0]]
    return [Html("\n".join(part)) for part in parts]
