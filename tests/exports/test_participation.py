"""The participation report, checked as a civil servant reads it: the Markdown, and the Word
file reopened."""

from __future__ import annotations

import dataclasses
import io

import pytest
from docx import Document
from docx.oxml.ns import qn

from exports.markdown_docx import escape_markdown
from exports.model import ModelItem, ParticipantRecord, PhaseRecord
from exports.participation import render_report_markdown, report_context, report_docx
from flows.kaart import Kolom
from tests.exports.sample import ANSWERS, sample_workshop
from tests.exports.test_agreement import HOSTILE

HEADINGS_NL = [
    "Participatieverslag: de gebiedsontwikkeling van Noord",
    "1. Wie deden er mee",
    "2. Hoe we het deden",
    "3. Wat er is gezegd",
    "3.1 Waarden",
    "3.2 Relaties",
    "3.3 Handelen",
    "3.4 Voorwaarden",
    "3.5 Acties",
    "4. Waar de groepen het eens waren en waar niet",
    "Waarden die meer groepen noemden",
    "Waarden die maar één groep noemde",
    "Stemmen",
    "5. Wat eruit kwam",
    "Het gezamenlijke model",
    "Waarden",
    "Relaties",
    "Handelen",
    "Voorwaarden",
    "Acties",
    "Het actieplan",
    "Hoe verder",
]
NAMES = {n for g in ANSWERS.values() for items in g.values() for n, _ in items if n}


def merged_workshop(*, final: bool = True):
    """The sample workshop after a plenary that merged values and voted on them."""
    data = sample_workshop(final=final)
    by_text = {a.text: a for a in data.answers}
    one, two = by_text["Iedereen kan meedoen"], by_text["Iedereen kan mee doen"]
    thuis = by_text["Bewoners voelen zich thuis en veilig"]
    values = (
        ModelItem("Iedereen kan meedoen", (one.id, two.id), ("Tafel 1", "Tafel 2"), 5),
        ModelItem("Een veilige buurt", (thuis.id,), ("Tafel 1",), 2),
        ModelItem("Meer groen in de wijk", (by_text["Meer groen in de wijk"].id,), ("Tafel 2",)),
        ModelItem("Elkaar kennen in de straat", (), (), 1),  # added in the plenary
    )  # "Samen beslissen …" (Tafel 3) and "Winkels …" (Tafel 4) left out
    participants = (
        ParticipantRecord("Anna", "Tafel 1", "burger", "Bewonersvereniging Noord"),
        ParticipantRecord("Bram", "Tafel 1", "professional", "Gemeente Noord"),
        ParticipantRecord("Chris", "Tafel 1", None, None),
        ParticipantRecord("Dewi", "Tafel 2", "burger", "Bewonersvereniging Noord"),
        ParticipantRecord("Erik", "Tafel 2", "beleidsmaker", "Gemeente Noord"),
        ParticipantRecord("Gijs", "Tafel 3", "burger", None),
        ParticipantRecord("Hanna", "Tafel 3", "professional", "Welzijn Noord"),
    )
    phases = (
        PhaseRecord("opening", "2026-11-29T09:00:00+00:00"),
        PhaseRecord("waarden", "2026-11-29T09:15:00+00:00"),
        PhaseRecord("plenair_waarden", "2026-11-29T10:00:00+00:00"),
        PhaseRecord("kolommen", "2026-11-29T10:30:00+00:00"),
        PhaseRecord("plenair_model", "2026-11-29T11:30:00+00:00"),
        *([PhaseRecord("afgerond", "2026-11-29T12:15:00+00:00")] if final else []),
    )
    return dataclasses.replace(
        data,
        model={**data.model, Kolom.WAARDEN: values},
        participants=participants,
        phases=phases,
    )


def _docx(data_bytes: bytes):
    return Document(io.BytesIO(data_bytes))


def _render(data):
    markdown = render_report_markdown(data)
    return markdown, _docx(report_docx(markdown, lang=data.lang, concept=not data.final))


def _texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def _cells(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


def _section(texts: list[str], start: str, end: str) -> list[str]:
    return texts[texts.index(start) : texts.index(end)]


def _everything(document) -> str:
    parts = _texts(document)
    for table in document.tables:
        parts += [" | ".join(row) for row in _cells(table)]
    parts += [p.text for p in document.sections[0].header.paragraphs]
    return "\n".join(parts)


def test_sections_in_order():
    _, document = _render(merged_workshop())
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == HEADINGS_NL


def test_who_took_part_roles_and_numbers_organisations_and_subgroups():
    _, document = _render(merged_workshop())
    texts = _texts(document)
    assert "Er deden 7 mensen mee via Telegram. Er was ook 1 papieren tafel in de zaal." in texts
    roles, groups = document.tables[:2]
    assert _cells(roles) == [
        ["Rol", "Aantal mensen"],
        ["burger", "3"],
        ["professional", "2"],
        ["beleidsmaker", "1"],
        ["Geen rol genoemd", "1"],
    ]
    assert "Bewonersvereniging Noord: 2 mensen" in texts
    assert "Welzijn Noord: 1 persoon" in texts
    assert _cells(groups) == [
        ["Subgroep", "Hoe", "Mensen", "Antwoorden"],
        ["Tafel 1", "Telegram-groep", "3", "6"],
        ["Tafel 2", "Telegram-groep", "2", "6"],
        ["Tafel 3", "Telegram-groep", "2", "5"],
        ["Tafel 4", "Papieren tafel", "niet bekend", "2"],
    ]


def test_names_nobody_and_says_so():
    # Nobody is asked whether their name may appear, so no participant is named anywhere.
    markdown, document = _render(merged_workshop())
    text = _everything(document)
    assert "In dit verslag staan geen namen van deelnemers." in text
    for name in NAMES:
        assert name not in markdown
        assert name not in text


def test_how_the_method_the_steps_dates_and_times_in_dutch_time():
    _, document = _render(merged_workshop())
    texts = _texts(document)
    how = _section(texts, "2. Hoe we het deden", "3. Wat er is gezegd")
    assert any("We gebruikten de partnerschapkaart." in t for t in how)
    assert any(t.startswith("De workshop was hybride.") for t in how)
    steps = next(t for t in document.tables if _cells(t)[0][0] == "Stap")
    assert _cells(steps) == [
        ["Stap", "Wat", "Datum", "Van", "Tot"],
        ["1", "Opening", "29 november 2026", "10:00", "10:15"],
        ["2", "Waarden in de subgroepen", "29 november 2026", "10:15", "11:00"],
        ["3", "Plenair over de waarden", "29 november 2026", "11:00", "11:30"],
        ["4", "De andere kolommen in de subgroepen", "29 november 2026", "11:30", "12:30"],
        ["5", "Plenair over het hele model", "29 november 2026", "12:30", "13:15"],
        ["6", "Afgerond", "29 november 2026", "13:15", "-"],
    ]


def test_every_answer_grouped_as_merged_with_its_variants():
    _, document = _render(merged_workshop())
    paragraphs = document.paragraphs
    texts = _texts(document)
    said = _section(texts, "3.1 Waarden", "3.2 Relaties")
    assert "De vraag was: Wanneer is de gebiedsontwikkeling van Noord voor jullie geslaagd?" in (
        " ".join(said)
    )
    start = texts.index("3.1 Waarden")
    styled = [
        (p.style.name, p.text) for p in paragraphs[start : texts.index("3.2 Relaties")] if p.text
    ]
    bullets = [(s, t) for s, t in styled if s.startswith("List Bullet")]
    assert bullets == [
        ("List Bullet", "Iedereen kan meedoen (Tafel 1, Tafel 2): 5 stemmen"),
        ("List Bullet 2", "Tafel 2: Iedereen kan mee doen"),  # the other wording
        ("List Bullet", "Een veilige buurt (Tafel 1): 2 stemmen"),
        ("List Bullet 2", "Tafel 1: Bewoners voelen zich thuis en veilig"),
        ("List Bullet", "Meer groen in de wijk (Tafel 2)"),
        ("List Bullet", "Elkaar kennen in de straat: 1 stem (toegevoegd in de plenaire ronde)"),
        ("List Bullet", "Tafel 3"),
        ("List Bullet 2", "Samen beslissen over de buurt"),
        ("List Bullet", "Tafel 4"),
        ("List Bullet 2", "Winkels en bedrijven blijven in de wijk"),
    ]
    assert "Deze antwoorden staan niet in het gezamenlijke model:" in said
    # Every answer of every column is in the report.
    body = "\n".join(texts)
    for table in ANSWERS.values():
        for items in table.values():
            for _, answer in items:
                assert answer in body, answer


def test_where_subgroups_agreed_and_differed_and_the_votes():
    _, document = _render(merged_workshop())
    texts = _texts(document)
    shared = _section(
        texts, "Waarden die meer groepen noemden", "Waarden die maar één groep noemde"
    )
    assert shared[1:] == ["Iedereen kan meedoen (Tafel 1, Tafel 2)"]
    own = _section(texts, "Waarden die maar één groep noemde", "Stemmen")
    assert own[1:] == ["Tafel 1", "Een veilige buurt", "Tafel 2", "Meer groen in de wijk"]
    votes = _section(texts, "Stemmen", "5. Wat eruit kwam")
    assert votes[2:] == [
        "1.\tIedereen kan meedoen (Waarden): 5 stemmen",
        "2.\tEen veilige buurt (Waarden): 2 stemmen",
        "3.\tElkaar kennen in de straat (Waarden): 1 stem",
    ]


def test_no_votes_and_nothing_shared_say_so():
    data = sample_workshop()
    only_one = {k: v for k, v in data.model.items() if k != Kolom.WAARDEN}
    data = dataclasses.replace(
        data, model={**only_one, Kolom.WAARDEN: data.model[Kolom.WAARDEN][:1]}
    )
    _, document = _render(data)
    texts = _texts(document)
    assert "Er is niet gestemd." in texts
    assert "Er is geen waarde die meer groepen noemden." in texts


def test_what_came_of_it_the_model_and_the_action_plan():
    _, document = _render(merged_workshop())
    texts = _texts(document)
    result = _section(texts, "Het gezamenlijke model", "Het actieplan")
    assert result[1] == "De deelnemers hebben samen dit model vastgesteld:"
    assert result[2:7] == [
        "Waarden",
        "Iedereen kan meedoen",
        "Een veilige buurt",
        "Meer groen in de wijk",
        "Elkaar kennen in de straat",
    ]
    plan = "\n".join(_section(texts, "Het actieplan", "Hoe verder"))
    assert "buurtavond organiseren\nWie: Gemeente. Wanneer: voor 1 maart." in plan


def test_interim_report_while_the_model_is_not_confirmed():
    markdown, document = _render(merged_workshop(final=False))
    assert "**Let op: dit is een tussenverslag.**" in markdown
    header = "\n".join(p.text for p in document.sections[0].header.paragraphs)
    assert header == "Participatieverslag\tCONCEPT"
    texts = _texts(document)
    assert "Dit is het model tot nu toe. Het is nog niet helemaal vastgesteld." in texts
    assert "Waarden (vastgesteld)" in texts
    assert "Relaties (nog niet vastgesteld)" in texts
    steps = next(t for t in document.tables if _cells(t)[0][0] == "Stap")
    assert _cells(steps)[-1] == [
        "5",
        "Plenair over het hele model",
        "29 november 2026",
        "12:30",
        "-",
    ]
    _, final = _render(merged_workshop(final=True))
    assert [p.text for p in final.sections[0].header.paragraphs] == ["Participatieverslag"]


def test_a_column_the_plenary_did_not_discuss_lists_every_answer_per_group():
    data = merged_workshop(final=False)
    data = dataclasses.replace(data, model={Kolom.WAARDEN: data.model[Kolom.WAARDEN]})
    _, document = _render(data)
    texts = _texts(document)
    acties = _section(texts, "3.5 Acties", "4. Waar de groepen het eens waren en waar niet")
    assert "Er kwamen 4 antwoorden. Deze kolom is nog niet plenair besproken." in acties
    assert "De antwoorden per groep:" in acties
    assert acties[-2:] == ["Tafel 4", "Ondernemersvereniging, in mei: markt op het plein"]


def test_same_a4_look_as_the_agreement():
    _, document = _render(merged_workshop())
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    footer = section.footer._element
    assert [t.text.strip() for t in footer.iter(qn("w:instrText"))] == ["PAGE", "NUMPAGES"]
    assert document.styles["Normal"].font.name == "Arial"


@pytest.mark.parametrize("answer", HOSTILE)
def test_hostile_answers_appear_literally(answer):
    data = sample_workshop(extra={"Tafel 3": {Kolom.RELATIES: [(None, answer)]}})
    markdown, document = _render(data)
    assert f"- **{escape_markdown(answer)}** (Tafel 3)\n" in markdown
    assert "49" not in markdown
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert f"{answer.strip()} (Tafel 3)" in bullets
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == HEADINGS_NL


def test_hostile_goal_subgroup_and_network_stay_inert():
    data = merged_workshop()
    data = dataclasses.replace(
        data,
        goal="{{ 7*7 }} <w:p/> # kop\x00",
        participants=(
            *data.participants,
            ParticipantRecord("Zoë", "Tafel 1", "**rol** | x", "Netwerk\n| a | b |"),
        ),
    )
    markdown, document = _render(data)
    text = _everything(document)
    assert "Participatieverslag: {{ 7*7 }} <w:p/> # kop" in text
    assert "**rol** | x | 1" in text  # one table cell with the role, the count in the next
    assert "Netwerk | a | b |: 1 persoon" in text
    assert "49" not in markdown


def test_english():
    data = dataclasses.replace(merged_workshop(final=False), lang="en")
    markdown, document = _render(data)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:3] == [
        "Participation report: de gebiedsontwikkeling van Noord",
        "1. Who took part",
        "2. How we did it",
    ]
    assert "This report holds no names of participants." in "\n".join(_texts(document))
    assert "| 1 | Opening | 29 November 2026 | 10:00 | 10:15 |" in markdown
    header = [p.text for p in document.sections[0].header.paragraphs]
    assert header == ["Participation report\tDRAFT"]


def test_context_counts_answers_per_column():
    context = report_context(merged_workshop())
    assert [k["aantal"] for k in context["kolommen"]] == [6, 3, 3, 3, 4]
    assert [k["bevestigd"] for k in context["kolommen"]] == [True] * 5


def test_a_big_workshop_gives_every_answer():
    extra = {
        f"Tafel {g}": {k: [(None, f"Antwoord {g}-{int(k)}-{n}") for n in range(12)] for k in Kolom}
        for g in range(5, 10)
    }
    data = dataclasses.replace(sample_workshop(extra=extra), model={})
    _, document = _render(data)
    bullets = {p.text for p in document.paragraphs if p.style.name == "List Bullet 2"}
    for g, columns in extra.items():
        for items in columns.values():
            for _, answer in items:
                assert answer in bullets, (g, answer)
