"""Turn stored data into the messages people see (Telegram HTML), in their language."""

from __future__ import annotations

import html

from bot.actions import Button
from bot.buttons import Back, Done, ShowMap
from flows.fase import Fase
from flows.herinneringen import PRINCIPLE_FOR_COLUMN
from flows.kaart import FILL_ORDER, Kolom
from flows.subgroep import Status, SubgroepStand
from flows.texts import Html, plain, render
from storage.models import Answer, Subgroup, Workshop

# Telegram's limit for one message, with room for a header line.
MESSAGE_LIMIT = 4096
_CHUNK = 3800
# The board lists this many answers; the full list is one /kaart away.
BOARD_ITEMS = 25


def telegram_length(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units (an emoji often counts two)."""
    return len(text.encode("utf-16-le")) // 2


def column_name(kolom: Kolom, lang: str) -> str:
    return plain(f"kolom.{kolom.key}", lang)


def column_label(kolom: Kolom, lang: str) -> str:
    """E.g. '2 Relaties'."""
    return plain("kolom.kop", lang, nummer=int(kolom), naam=column_name(kolom, lang))


def phase_name(fase: Fase, lang: str) -> str:
    """E.g. 'stap 3: plenair over de waarden'."""
    return plain(f"fase.naam.{fase.value}", lang, stap=fase.stap)


def question(
    workshop: Workshop,
    kolom: Kolom,
    values: list[str] | None = None,
    roles: list[tuple[str, str]] | None = None,
    silent: bool = False,
) -> Html:
    """The message that asks a column's question; from column 2 on with the values the
    plenary confirmed, because the method builds every column on them."""
    lang = workshop.lang
    vraag = plain(f"vraag.{kolom.key}", lang, doel=workshop.goal)
    basis = Html("")
    if kolom is not Kolom.WAARDEN and values:
        shown = [render("bord.regel", lang, tekst=_cut(v, 200)) for v in values[:20]]
        if len(values) > len(shown):
            shown.append(render("bord.meer", lang, aantal=len(values) - len(shown)))
        basis = Html("\n\n" + render("vraag.waarden_basis", lang) + "\n" + "\n".join(shown))
    if silent:  # everyone writes first, privately; the group sees it all at once
        basis = Html(basis + "\n\n" + render("stil.in_vraag", lang))
    if roles:  # role play: each member is reminded of the perspective they take
        lines = [render("rollen.in_vraag", lang, naam=n, rol=r) for n, r in roles]
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
    """The board of one column: how many answers and the latest of them."""
    lang = workshop.lang
    answers = [a for a in answers if not a.hidden]  # written in silence: not yet shown
    naam = column_name(kolom, lang)
    if len(answers) == 1:
        head = render("bord.kop_een", lang, nummer=int(kolom), naam=naam)
    else:
        head = render("bord.kop", lang, nummer=int(kolom), naam=naam, aantal=len(answers))
    if not answers:
        return Html(head + "\n" + render("bord.leeg", lang))
    shown = answers[-BOARD_ITEMS:]
    lines = [_shorten(answer_line(a, lang)) for a in shown]
    if len(answers) > len(shown):
        lines.insert(0, render("bord.meer", lang, aantal=len(answers) - len(shown)))
    text = Html(head + "\n" + "\n".join(lines))
    return text if telegram_length(text) <= MESSAGE_LIMIT else Html(head)


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


def map_overview(workshop: Workshop, subgroup: Subgroup, answers: list[Answer]) -> list[Html]:
    """The subgroup's map so far, as one or more messages under Telegram's limit."""
    lang = workshop.lang
    answers = [a for a in answers if not a.hidden]
    lines: list[Html] = [render("kaart.titel", lang, subgroep=subgroup.name, doel=workshop.goal)]
    for kolom in FILL_ORDER:
        key = "kaart.kolom_nu" if kolom == subgroup.stand.kolom else "kaart.kolom"
        lines.append(render(key, lang, nummer=int(kolom), naam=column_name(kolom, lang)))
        in_column = [a for a in answers if a.kolom == kolom]
        if not in_column:
            lines.append(render("kaart.leeg", lang))
        for answer in in_column:
            lines.extend(_split_long(answer, lang))
    return chunk(lines)


def _split_long(answer: Answer, lang: str) -> list[Html]:
    line = answer_line(answer, lang)
    if telegram_length(line) <= _CHUNK:
        return [line]
    # A very long answer is shown in pieces; every character stays. 1,000 characters
    # stay under the limit even when each is escaped (&amp;) or counts double (emoji).
    pieces = [answer.text[i : i + 1000] for i in range(0, len(answer.text), 1000)]
    return [render("bord.regel", lang, tekst=p) for p in pieces]


def chunk(lines: list[Html], limit: int = _CHUNK) -> list[Html]:
    """Join lines into messages of at most ``limit`` characters, splitting between lines."""
    messages: list[Html] = []
    current = ""
    for line in lines:
        candidate = f"{current}\n{line}" if current else line
        if telegram_length(candidate) > limit and current:
            messages.append(Html(current))
            current = line
        else:
            current = candidate
    if current:
        messages.append(Html(current))
    return messages
