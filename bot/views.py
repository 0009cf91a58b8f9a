"""Turn stored data into the messages people see (Telegram HTML), in their language."""

from __future__ import annotations

import html

from bot.actions import Button
from bot.buttons import Back, Done, ShowMap
from bot.telegram_text import MESSAGE_LIMIT, page_ranges, split_html, visible_length
from flows.fase import Fase
from flows.herinneringen import PRINCIPLE_FOR_COLUMN
from flows.kaart import FILL_ORDER, Kolom
from flows.subgroep import Status, SubgroepStand
from flows.texts import Html, plain, render
from storage.models import Answer, Subgroup, Workshop

# The board lists at most this many answers; the full list is one /kaart away.
BOARD_ITEMS = 25
# The question names the first few confirmed values, each cut short; all of them came at
# the start of stap 4 (step4_values) and /kaart shows them again.
QUESTION_VALUES = 3
QUESTION_VALUE_CHARS = 40


def fits(text: str, limit: int = MESSAGE_LIMIT) -> bool:
    """Whether Telegram takes this HTML text as one message."""
    return visible_length(text) <= limit


def column_name(kolom: Kolom, lang: str) -> str:
    return plain(f"kolom.{kolom.key}", lang)


def column_label(kolom: Kolom, lang: str) -> str:
    """E.g. '2 Relaties'."""
    return plain("kolom.kop", lang, nummer=int(kolom), naam=column_name(kolom, lang))


def phase_name(fase: Fase, lang: str) -> str:
    """E.g. 'stap 3: plenair over de waarden'."""
    return plain(f"fase.naam.{fase.value}", lang, stap=fase.stap)


def phase_title(fase: Fase, lang: str) -> str:
    """The step's name on a line of its own: 'Stap 3: plenair over de waarden'."""
    name = phase_name(fase, lang)
    return name[:1].upper() + name[1:]


def question(
    workshop: Workshop,
    kolom: Kolom,
    values: list[str] | None = None,
    roles: list[tuple[str, str]] | None = None,
    silent: bool = False,
) -> Html:
    """The message that asks a column's question. It stays short, because a group sees
    one for every column: the question, its tip, from column 2 on the sources of
    inspiration and one line with the first values (all of them came once, at the start
    of stap 4, and /kaart shows them). It is one message (members answer it as a reply),
    so it shows as many role-play lines as fit and says how many more there are."""
    values = values if kolom is not Kolom.WAARDEN and values else []
    roles = roles or []
    shown_roles = len(roles)
    while True:
        text = _question(workshop, kolom, values, roles, shown_roles, silent)
        if fits(text) or shown_roles == 0:
            return text
        shown_roles -= 1


def _question(
    workshop: Workshop,
    kolom: Kolom,
    values: list[str],
    roles: list[tuple[str, str]],
    shown_roles: int,
    silent: bool,
) -> Html:
    lang = workshop.lang
    vraag = plain(f"vraag.{kolom.key}", lang, doel=workshop.goal)
    basis = Html("")
    if kolom is not Kolom.WAARDEN:  # stap 4: the method names where to look for ideas
        basis = Html("\n" + render("vraag.inspiratie", lang))
    if values:
        basis = Html(basis + "\n" + render("vraag.waarden_kort", lang, waarden=_few(values)))
    if silent:  # everyone writes first, privately; the group sees it all at once
        basis = Html(basis + "\n\n" + render("stil.in_vraag", lang))
    if roles:  # role play: each member is reminded of the perspective they take
        lines = [render("rollen.in_vraag", lang, naam=n, rol=r) for n, r in roles[:shown_roles]]
        if len(roles) > shown_roles:
            lines.append(render("rollen.meer", lang, aantal=len(roles) - shown_roles))
        basis = Html(basis + "\n\n" + "\n".join(lines))
    return render(
        "vraag.bericht",
        lang,
        nummer=int(kolom),
        naam=column_name(kolom, lang),
        vraag=vraag,
        basis=basis,
        principe=plain(PRINCIPLE_FOR_COLUMN[kolom], lang),
    )


def _few(values: list[str]) -> str:
    """The first values, short, on one line: 'Een veilige buurt; Iedereen doet mee …'."""
    few = [_cut_words(v.strip().rstrip(".!?;"), QUESTION_VALUE_CHARS)
           for v in values[:QUESTION_VALUES]]  # fmt: skip
    return "; ".join(few) + ("; …" if len(values) > QUESTION_VALUES else "")


def _cut_words(text: str, limit: int) -> str:
    """Cut at the last whole word before limit: 'Iedereen kan meedoen, ook …'."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,;:") + " …"


def step4_values(workshop: Workshop, values: list[str]) -> list[Html]:
    """All values the plenary confirmed, numbered, sent once when a subgroup starts stap 4:
    the method builds every column on all of them. As many messages as it takes, each
    within Telegram's limit; a message after the first says it goes on."""
    lang = workshop.lang
    head = render("stap4.waarden_kop", lang)
    more = render("stap4.waarden_vervolg", lang)
    lines = [
        render("plenair.item_kort", lang, nummer=n, tekst=v)
        for n, v in enumerate(values, start=1)
    ]
    budget = MESSAGE_LIMIT - max(visible_length(head), visible_length(more)) - 1
    messages: list[Html] = []
    for n, run in enumerate(page_ranges(lines, budget)):
        text = "\n".join([head if n == 0 else more, *lines[run.start : run.stop]])
        messages.extend(Html(part) for part in split_html(text))
    return messages


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


def placeholder(workshop: Workshop, kolom: Kolom) -> str:
    """The grey hint in the reply field (at most 64 characters)."""
    return plain("vraag.placeholder", workshop.lang, naam=column_name(kolom, workshop.lang))[:64]


def waiting(workshop: Workshop, stand: SubgroepStand) -> Html:
    """The message for a subgroup that does not answer now, saying why and what next."""
    lang = workshop.lang
    if stand.status is Status.NIEUW:
        return render("wacht.start", lang)
    if workshop.fase.plenary:
        return render("wacht.plenair_bezig", lang)
    if workshop.fase is Fase.AFGEROND:
        return render("wacht.afgerond", lang, doel=workshop.goal)
    if stand.finished_map:
        return render("wacht.kaart_af", lang)
    return render(
        "wacht.plenair", lang, nummer=int(stand.kolom), naam=column_name(stand.kolom, lang)
    )


def answer_line(answer: Answer, lang: str) -> Html:
    if answer.author:
        return render("bord.regel_auteur", lang, tekst=answer.text, auteur=answer.author)
    return render("bord.regel", lang, tekst=answer.text)


def board(workshop: Workshop, kolom: Kolom, answers: list[Answer]) -> Html:
    """The board of one column: how many answers and the latest of them, as many as fit
    (the older ones are counted, and /kaart shows them)."""
    lang = workshop.lang
    answers = [a for a in answers if not a.hidden]  # written in silence: not yet shown
    naam = column_name(kolom, lang)
    if len(answers) == 1:
        head = render("bord.kop_een", lang, nummer=int(kolom), naam=naam)
    else:
        head = render("bord.kop", lang, nummer=int(kolom), naam=naam, aantal=len(answers))
    if not answers:
        return Html(head + "\n" + render("bord.leeg", lang))
    lines = [_shorten(answer_line(a, lang)) for a in answers[-BOARD_ITEMS:]]
    while True:
        older = len(answers) - len(lines)
        more = [render("bord.meer", lang, aantal=older)] if older else []
        text = Html("\n".join([head, *more, *lines]))
        if fits(text) or len(lines) == 1:
            return text
        lines.pop(0)


def _shorten(line: Html, limit: int = 140) -> Html:
    """Keep board lines short; the whole text stays on the map."""
    visible = html.unescape(_strip_tags(line))
    if len(visible) <= limit:
        return line
    return Html(html.escape(visible[:limit].rstrip() + "…", quote=False))


def _strip_tags(text: str) -> str:
    """Drop our own tags; user text in it is escaped, so every '<' is one of ours."""
    out, inside = [], False
    for ch in text:
        if ch == "<":
            inside = True
        elif ch == ">":
            inside = False
        elif not inside:
            out.append(ch)
    return "".join(out)


def board_buttons(subgroup: Subgroup, lang: str) -> tuple[tuple[Button, ...], ...]:
    """The buttons under a board: done, back, map. Data names the state it belongs to."""
    stamp = (subgroup.id, int(subgroup.stand.kolom))
    return (
        (Button(plain("knop.klaar", lang), Done(*stamp).data),),
        (
            Button(plain("knop.terug", lang), Back(*stamp).data),
            Button(plain("knop.kaart", lang), ShowMap(*stamp).data),
        ),
    )


def map_overview(
    workshop: Workshop, subgroup: Subgroup, answers: list[Answer], values: list[str] | None = None
) -> list[Html]:
    """The subgroup's map so far, as one or more messages under Telegram's limit; first
    the values the plenary confirmed, which every column builds on."""
    lang = workshop.lang
    answers = [a for a in answers if not a.hidden]
    lines: list[Html] = [render("kaart.titel", lang, subgroep=subgroup.name, doel=workshop.goal)]
    if values:
        lines.append(Html("\n" + render("vraag.waarden_basis", lang)))
        lines.extend(
            render("plenair.item_kort", lang, nummer=n, tekst=v)
            for n, v in enumerate(values, start=1)
        )
    for kolom in FILL_ORDER:
        key = "kaart.kolom_nu" if kolom == subgroup.stand.kolom else "kaart.kolom"
        lines.append(render(key, lang, nummer=int(kolom), naam=column_name(kolom, lang)))
        in_column = [a for a in answers if a.kolom == kolom]
        if not in_column:
            lines.append(render("kaart.leeg", lang))
        for answer in in_column:
            lines.append(answer_line(answer, lang))
    return chunk(lines)


def chunk(lines: list[Html], limit: int = MESSAGE_LIMIT) -> list[Html]:
    """Join lines into messages of at most ``limit`` characters as Telegram counts them,
    splitting between lines; a line longer than that is cut inside (every character
    stays, its tags closed and opened again)."""
    messages: list[Html] = []
    for run in page_ranges(lines, limit):
        text = "\n".join(lines[run.start : run.stop])
        messages.extend(Html(part) for part in split_html(text, limit))
    return messages
