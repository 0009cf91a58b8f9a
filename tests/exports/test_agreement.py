"""The draft agreement, checked as a reader sees it: the Markdown, and the DOCX reopened."""

from __future__ import annotations

import dataclasses
import io
import shutil
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import RGBColor

from exports.agreement import (
    DEFAULT_TEMPLATE_DIR,
    AgreementTemplateError,
    agreement_context,
    agreement_docx,
    agreement_files,
    render_agreement_markdown,
)
from exports.markdown_docx import escape_markdown, markdown_to_docx, template_to_docx
from exports.model import ParticipantRecord
from exports.pptx_look import COLOURS, INK
from exports.word_template import BUILT_IN, word_name, word_template
from flows.kaart import Kolom
from tests.exports.sample import ANSWERS, sample_workshop

HEADINGS_NL = [
    "Samenwerkingsovereenkomst: de gebiedsontwikkeling van Noord",
    "Partijen",
    "Overwegingen",
    "Gedeelde waarden",
    "Artikel 1. Doel",
    "Artikel 2. Afspraken",
    "2.1 Hoe de partners met elkaar omgaan",
    "2.2 Wat de partners doen",
    "2.3 Voorwaarden",
    "Artikel 3. Acties",
    "Artikel 4. Looptijd en evaluatie",
    "Artikel 5. Kosten",
    "Artikel 6. Contactpersonen",
    "Artikel 7. Als de partijen het niet eens zijn",
    "Artikel 8. Wijzigen en stoppen",
    "Artikel 9. Juridisch niet bindend",
    "Artikel 10. Ondertekening",
]
NOTICE_NL = "Let op: dit is een concept."

HOSTILE = [
    "{{ 7*7 }}",
    "{% raw %}",
    "{% for %}",
    "# kop",
    "**vet**",
    "<b>x</b>",
    "<script>alert(1)</script>",
    "- geen lijst",
    "1. geen nummer",
    "> geen citaat",
    "[link](http://x) en ![img](y)",
    "a | b | c",
    "_schuin_ en `code` en ~~weg~~",
    "&amp; &copy;",
    "back\\slash\\",
    "rechts\u202elinks",
    "\u200fשותפות שווה\u200f",
    "Samen 👩🏽‍🤝‍👨🏻 en café “de Hoek” en 'quotes'",
    "===",
    "Iedereen " + "doet mee en " * 333 + "einde",  # about 4,000 characters
]


def _docx(data_bytes: bytes) -> Document:
    return Document(io.BytesIO(data_bytes))


def _texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def _headings(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]


def _render(data, **kwargs) -> tuple[str, Document]:
    markdown = render_agreement_markdown(data, **kwargs)
    return markdown, _docx(agreement_docx(markdown, lang=data.lang, concept=not data.final))


def _cells(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


def test_headings_in_order():
    _, document = _render(sample_workshop())
    assert _headings(document) == HEADINGS_NL


def test_sections_hold_the_answers_exactly():
    markdown, document = _render(sample_workshop())
    body = "\n".join(_texts(document))
    for table in ANSWERS.values():
        for kolom in (Kolom.WAARDEN, Kolom.RELATIES, Kolom.HANDELEN, Kolom.VOORWAARDEN):
            for _, text in table.get(kolom, []):
                assert text in _texts(document), text  # one bullet per item
    # The action plan: what, who and when of every action.
    for what, who, when in [
        ("buurtavond organiseren", "Gemeente", "voor 1 maart"),
        ("wensen voor het groen ophalen", "Bewonerscommissie", "in april"),
        ("spreekuur in het buurthuis", "Welzijnswerk", "elke maand"),
        ("markt op het plein", "Ondernemersvereniging", "in mei"),
    ]:
        assert f"{what}\nWie: {who}. Wanneer: {when}." in body
    assert "over zes maanden" in body
    assert "[naam organisatie]" in body
    assert markdown.startswith("# Samenwerkingsovereenkomst: ")


def test_values_in_their_section():
    _, document = _render(sample_workshop())
    texts = _texts(document)
    start, end = (texts.index("Gedeelde waarden"), texts.index("Artikel 1. Doel"))
    assert "Bewoners voelen zich thuis en veilig" in texts[start:end]
    bullets = [p for p in document.paragraphs if p.style.name == "List Bullet"]
    assert any(p.text == "Meer groen in de wijk" for p in bullets)


def test_concept_notice_only_while_not_final():
    markdown, document = _render(sample_workshop(final=False))
    assert NOTICE_NL in markdown
    assert any(p.text.startswith(NOTICE_NL) for p in document.paragraphs)
    bold = [r.text for p in document.paragraphs for r in p.runs if r.bold]
    assert NOTICE_NL in bold
    markdown, document = _render(sample_workshop(final=True))
    assert NOTICE_NL not in markdown
    assert not any(NOTICE_NL in t for t in _texts(document))


def test_empty_sections_say_so():
    data = sample_workshop()
    data = dataclasses.replace(data, model={}, answers=())
    _, document = _render(data)
    texts = _texts(document)
    for line in [
        "Dit deel is nog leeg: er zijn nog geen waarden genoteerd.",
        "Dit deel is nog leeg: er zijn nog geen afspraken over de relaties genoteerd.",
        "Dit deel is nog leeg: er is nog niets genoteerd over het handelen.",
        "Dit deel is nog leeg: er zijn nog geen voorwaarden genoteerd.",
        "Dit deel is nog leeg: er zijn nog geen acties genoteerd.",
    ]:
        assert line in texts


def test_parties_from_networks_and_roles():
    data = sample_workshop()
    data = dataclasses.replace(
        data,
        participants=(
            ParticipantRecord("Anna", "Tafel 1", "professional", "Gemeente Noord"),
            ParticipantRecord("Bram", "Tafel 1", "burger", None),
        ),
    )
    parties = agreement_context(data)["partijen"]
    assert parties == [
        {"naam": "Gemeente Noord", "rol": "professional", "nummer": 1},
        {"naam": None, "rol": "burger", "nummer": 2},
    ]
    _, document = _render(data)
    signatures = _cells(document.tables[-1])
    assert signatures[0][1:] == ["Partij 1: Gemeente Noord", "", "Partij 2: [naam organisatie]"]
    contacts = _cells(document.tables[0])
    assert [row[0] for row in contacts] == [
        "Partij",
        "Gemeente Noord",
        "Partij 2: [naam organisatie]",
    ]


@pytest.mark.parametrize("answer", HOSTILE)
def test_hostile_answers_appear_literally(answer):
    data = sample_workshop(extra={"Tafel 1": {Kolom.WAARDEN: [("Anna", answer)]}})
    markdown, document = _render(data)
    # The Markdown holds the escaped text as one bullet, never as structure or template code.
    assert f"- {escape_markdown(answer)}\n" in markdown
    assert "49" not in markdown
    # The Word text is exactly what was typed, as a bullet of the values section.
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert answer.strip() in bullets
    assert _headings(document) == HEADINGS_NL


def test_hostile_goal_and_action():
    data = dataclasses.replace(
        sample_workshop(extra={"Tafel 5": {Kolom.ACTIES: [("Anna", "**Iedereen**: {{ 7*7 }}")]}}),
        goal="# {% if %} <i>Noord</i>",
    )
    markdown, document = _render(data)
    assert _headings(document)[0] == "Samenwerkingsovereenkomst: # {% if %} <i>Noord</i>"
    body = "\n".join(_texts(document))
    assert "{{ 7*7 }}\nWie: **Iedereen**." in body
    assert "49" not in markdown


def test_characters_xml_cannot_hold_are_dropped():
    data = sample_workshop(extra={"Tafel 1": {Kolom.WAARDEN: [("Anna", "a\x00b\x07c\ufffe")]}})
    markdown, document = _render(data)
    assert "\x00" not in markdown
    assert "abc" in _texts(document)
    # The converter itself never crashes on them either.
    document = _docx(markdown_to_docx("# Kop\x00\n\ntekst\x0b met \x1f rommel"))
    assert _texts(document) == ["Kop", "tekst met  rommel"]


def test_multiline_answer_stays_in_its_bullet():
    answer = "Regel één\n# geen kop\n- geen lijst"
    data = sample_workshop(extra={"Tafel 1": {Kolom.WAARDEN: [("Anna", answer)]}})
    _, document = _render(data)
    assert answer in [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert _headings(document) == HEADINGS_NL


def test_english():
    data = dataclasses.replace(sample_workshop(final=False), lang="en")
    markdown, document = _render(data)
    headings = _headings(document)
    assert headings[0] == "Cooperation agreement: de gebiedsontwikkeling van Noord"
    assert headings[1:5] == ["Parties", "Considerations", "Shared values", "Article 1. Goal"]
    assert "Please note: this is a draft." in markdown
    assert "Who: Gemeente. When: voor 1 maart." in "\n".join(_texts(document))
    assert "29 November 2026" in markdown


def test_custom_template_folder_overrides(tmp_path):
    (tmp_path / "overeenkomst.md.j2").write_text(
        "# Convenant {{ doel }}\n\n{% for w in waarden %}\n* {{ w.tekst }}\n{% endfor %}\n",
        encoding="utf-8",
    )
    markdown, document = _render(sample_workshop(), template_dir=tmp_path)
    assert _headings(document) == ["Convenant de gebiedsontwikkeling van Noord"]
    assert "* Iedereen kan meedoen" in markdown
    # An English workshop uses the folder's generic template before the built-in English one.
    english = dataclasses.replace(sample_workshop(), lang="en")
    assert render_agreement_markdown(english, tmp_path).startswith("# Convenant")
    # A language-specific template wins over the generic one.
    (tmp_path / "overeenkomst.en.md.j2").write_text("# Covenant {{ doel }}\n", encoding="utf-8")
    assert render_agreement_markdown(english, tmp_path) == (
        "# Covenant de gebiedsontwikkeling van Noord\n"
    )


def test_empty_custom_folder_falls_back_to_the_default(tmp_path):
    markdown = render_agreement_markdown(sample_workshop(), tmp_path)
    assert markdown == render_agreement_markdown(sample_workshop())


@pytest.mark.parametrize(
    ("source", "line", "detail"),
    [
        ("# Titel\n\n{{ doel }\n", 3, "unexpected '}'"),
        ("# Titel\n\n{% for x in waarden %}\n- {{ x.tekst }}\n", 4, "Unexpected end of template"),
        ("# Titel\n\nTekst\n\n{{ onbekend }}\n", 5, "'onbekend' is undefined"),
        ("# Titel\n{{ doel.__class__.__mro__ }}\n", 2, "unsafe"),
        ("# Titel\n\n\n{{ 1 / 0 }}\n", 4, "division by zero"),
    ],
)
def test_broken_template_names_file_and_line(tmp_path, source, line, detail):
    (tmp_path / "overeenkomst.md.j2").write_text(source, encoding="utf-8")
    with pytest.raises(AgreementTemplateError) as info:
        render_agreement_markdown(sample_workshop(), tmp_path)
    message = str(info.value)
    assert message.startswith(f"overeenkomst.md.j2, regel {line}: "), message
    assert detail in message
    assert info.value.line == line


def test_broken_template_message_in_english(tmp_path):
    (tmp_path / "overeenkomst.md.j2").write_text("{{ doel }\n", encoding="utf-8")
    data = dataclasses.replace(sample_workshop(), lang="en")
    with pytest.raises(AgreementTemplateError, match=r"^overeenkomst\.md\.j2, line 1: "):
        render_agreement_markdown(data, tmp_path)


def test_converter_inline_and_blocks():
    markdown = (
        "# Kop\n\nEen **vette** en *schuine* zin\nover twee regels.\n\n"
        "- punt een\n- punt **twee**\n\n3. derde\n\n> citaat\n\n---\n\n"
        "Los * sterretje en 2 ** 3 en \\*geen\\* nadruk.\n"
    )
    document = _docx(markdown_to_docx(markdown))
    texts = _texts(document)
    assert texts[:3] == ["Kop", "Een vette en schuine zin over twee regels.", "punt een"]
    assert texts[4] == "3.\tderde"
    assert "Los * sterretje en 2 ** 3 en *geen* nadruk." in texts
    runs = document.paragraphs[1].runs
    assert [(r.text, bool(r.bold), bool(r.italic)) for r in runs] == [
        ("Een ", False, False),
        ("vette", True, False),
        (" en ", False, False),
        ("schuine", False, True),
        (" zin over twee regels.", False, False),
    ]
    assert document.core_properties.title == "Kop"


# -- the agreement as Dutch organisations write one -------------------------------------------


def _header(document) -> str:
    return "\n".join(p.text for p in document.sections[0].header.paragraphs)


def _xml(part) -> str:
    return part.element.xml if hasattr(part, "element") else part._element.xml


def test_a4_with_margins_arial_and_the_decks_colours_in_the_headings():
    _, document = _render(sample_workshop())
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    margins = (section.left_margin, section.right_margin, section.top_margin, section.bottom_margin)
    assert [round(m.cm, 1) for m in margins] == [2.5] * 4
    assert document.styles["Normal"].font.name == "Arial"
    blue = RGBColor.from_string(COLOURS[Kolom.WAARDEN][1])
    assert document.styles["Heading 2"].font.color.rgb == blue
    assert document.styles["Heading 1"].font.color.rgb == RGBColor.from_string(INK)
    # No theme font left that Word would show instead of Arial.
    assert "asciiTheme" not in document.styles["Heading 1"].element.xml


def test_concept_in_the_header_until_the_model_is_confirmed():
    _, draft = _render(sample_workshop(final=False))
    assert _header(draft) == "Samenwerkingsovereenkomst\tCONCEPT"
    _, final = _render(sample_workshop(final=True))
    assert _header(final) == "Samenwerkingsovereenkomst"
    english = dataclasses.replace(sample_workshop(final=False), lang="en")
    _, document = _render(english)
    assert _header(document) == "Cooperation agreement\tDRAFT"


def test_page_x_of_y_in_the_footer_as_word_fields():
    _, document = _render(sample_workshop())
    footer = document.sections[0].footer
    xml = _xml(footer)
    assert "PAGE" in xml
    assert "NUMPAGES" in xml
    instructions = [t.text.strip() for t in footer._element.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert footer.paragraphs[0].text == "Pagina 1 van 1"  # the fields' placeholders


def test_says_plainly_it_is_an_intentieovereenkomst_that_does_not_bind():
    markdown, document = _render(sample_workshop())
    body = "\n".join(_texts(document))
    assert "**Soort overeenkomst:** intentieovereenkomst." in markdown
    assert "De afspraken zijn niet juridisch bindend." in body
    assert "Dan moeten ze dat samen besluiten en hier duidelijk opschrijven." in body
    english, _ = _render(dataclasses.replace(sample_workshop(), lang="en"))
    assert "The agreements are not legally binding." in english


def test_the_considerations_say_why_with_the_maps_values():
    _, document = _render(sample_workshop())
    texts = _texts(document)
    why = texts[texts.index("Overwegingen") : texts.index("Artikel 1. Doel")]
    assert "Ze willen samen werken aan de gebiedsontwikkeling van Noord." in why
    for table in ANSWERS.values():
        for _, value in table.get(Kolom.WAARDEN, []):
            assert value in why


def _bottom_line(cell) -> bool:
    borders = cell._tc.tcPr.find(qn("w:tcBorders"))
    return borders is not None and borders.find(qn("w:bottom")) is not None


def test_the_parties_side_by_side_with_lines_to_sign():
    _, document = _render(sample_workshop())  # three parties: two side by side, then one
    pair, single = document.tables[1:]
    assert _cells(pair) == [
        ["", "Partij 1: [naam organisatie]", "", "Partij 2: [naam organisatie]"],
        ["Naam", "", "", ""],
        ["Functie", "", "", ""],
        ["Datum", "", "", ""],
        ["Handtekening", "", "", ""],
    ]
    assert [row[0] for row in _cells(single)] == ["", "Naam", "Functie", "Datum", "Handtekening"]
    assert _cells(single)[0][1] == "Partij 3: [naam organisatie]"
    for row in pair.rows[1:]:
        # A line to write on for each party; the gap between them has none.
        assert [_bottom_line(c) for c in row.cells] == [False, True, False, True]
    heights = [row.height for row in pair.rows[1:]]
    assert heights[-1] > 2 * heights[0]  # room for a signature
    # The lines are there in the Markdown too.
    markdown = render_agreement_markdown(sample_workshop())
    assert "| Handtekening | __________ | __________ |" in markdown


def test_contact_persons_per_party():
    _, document = _render(sample_workshop())
    assert _cells(document.tables[0]) == [
        ["Partij", "Contactpersoon", "Telefoon en e-mail"],
        *[[f"Partij {n}: [naam organisatie]", "[naam]", "[telefoon en e-mail]"] for n in (1, 2, 3)],
    ]


# -- the agreement as a Word template (docxtpl) -------------------------------------------------


def _all_texts(document) -> list[str]:
    texts = _texts(document)
    for table in document.tables:
        texts += [" | ".join(row) for row in _cells(table)]
    return texts


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_shipped_word_template_gives_the_same_agreement(tmp_path, lang):
    name = word_name(lang)
    shutil.copy(DEFAULT_TEMPLATE_DIR / name, tmp_path / name)
    data = dataclasses.replace(sample_workshop(final=False), lang=lang)
    markdown, from_markdown = agreement_files(data)
    markdown_too, from_word = agreement_files(data, tmp_path)
    assert markdown_too == markdown  # the Markdown still comes from the Markdown template
    word = _docx(from_word)
    assert _all_texts(word) == _all_texts(_docx(from_markdown))
    assert _header(word) == _header(_docx(from_markdown))
    assert (round(word.sections[0].page_width.cm, 1)) == 21.0
    assert word.core_properties.title.endswith("de gebiedsontwikkeling van Noord")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_shipped_word_templates_are_made_from_the_markdown_templates(lang):
    source = (DEFAULT_TEMPLATE_DIR / BUILT_IN[lang]).read_text(encoding="utf-8")
    fresh = zipfile.ZipFile(io.BytesIO(word_template(source, lang)))
    shipped = zipfile.ZipFile(DEFAULT_TEMPLATE_DIR / word_name(lang))
    parts = [n for n in fresh.namelist() if n.endswith(".xml") and "docProps" not in n]
    for part in parts:
        assert shipped.read(part) == fresh.read(part), (
            f"{part} differs: run python -m exports.word_template"
        )


WORD_HOSTILE = [
    "</w:t></w:r></w:p><w:p><w:r><w:t>ingeschoven",
    "{{ 7*7 }} en {% if true %}ja{% endif %}",
    "{%p if false %}",
    "<b>x</b> & <script>alert(1)</script>",
    "bel\x07 formfeed\x0c nul\x00 einde",
    "Regel één\nregel twee",
    "Woord" * 800,
]


def test_a_word_template_keeps_hostile_text_inert(tmp_path):
    shutil.copy(DEFAULT_TEMPLATE_DIR / "overeenkomst.docx", tmp_path / "overeenkomst.docx")
    data = sample_workshop(extra={"Tafel 1": {Kolom.WAARDEN: [("Anna", t) for t in WORD_HOSTILE]}})
    data = dataclasses.replace(data, goal="de wijk {{ doel }} <w:p/>")
    _, word = agreement_files(data, tmp_path)
    document = _docx(word)
    texts = _all_texts(document)
    assert "Samenwerkingsovereenkomst: de wijk {{ doel }} <w:p/>" in texts
    for answer in WORD_HOSTILE[:4]:
        assert answer in texts
    assert "bel formfeed nul einde" in texts
    assert "Regel één\nregel twee" in texts  # a line break in the same bullet
    assert "Woord" * 800 in texts
    assert "49" not in "\n".join(texts)
    assert _headings(document)[1:] == HEADINGS_NL[1:]


def test_a_word_template_of_the_organisation_is_used(tmp_path):
    own = template_to_docx(
        "# Convenant {{ doel }}\n\n{% for w in waarden %}\n- {{ w.tekst }}\n{% endfor %}\n"
    )
    (tmp_path / "overeenkomst.docx").write_bytes(own)
    markdown, word = agreement_files(sample_workshop(), tmp_path)
    document = _docx(word)
    assert _headings(document) == ["Convenant de gebiedsontwikkeling van Noord"]
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert bullets[:2] == ["Bewoners voelen zich thuis en veilig", "Iedereen kan meedoen"]
    assert markdown.startswith("# Samenwerkingsovereenkomst")  # the Markdown stays the default
    # A language's own Word template wins over the general one.
    (tmp_path / "overeenkomst.en.docx").write_bytes(template_to_docx("# Covenant {{ doel }}\n"))
    english = dataclasses.replace(sample_workshop(), lang="en")
    assert _headings(_docx(agreement_files(english, tmp_path)[1])) == [
        "Covenant de gebiedsontwikkeling van Noord"
    ]


@pytest.mark.parametrize(
    ("content", "detail"),
    [
        (template_to_docx("# Titel\n\n{{ doel }\n"), "unexpected '}'"),
        (template_to_docx("# Titel\n\n{{ onbekend }}\n"), "'onbekend' is undefined"),
        (template_to_docx("# Titel\n\n{{ doel.__class__.__mro__ }}\n"), "unsafe"),
        (b"dit is geen Word-bestand", "geen Word-bestand (.docx)"),
    ],
)
def test_a_broken_word_template_names_the_file(tmp_path, content, detail):
    (tmp_path / "overeenkomst.docx").write_bytes(content)
    with pytest.raises(AgreementTemplateError) as info:
        agreement_files(sample_workshop(), tmp_path)
    assert str(info.value).startswith("overeenkomst.docx: "), str(info.value)
    assert detail in str(info.value)


def test_converter_tables_nested_bullets_and_lines():
    markdown = (
        "| Kop \\| één | Kop twee |\n|---|:---:|\n| **vet** | a \\| b |\n\n"
        "- punt\n  - eronder\n\n"
        "| | Partij |\n|---|---|\n| Naam | ___ |\n| Handtekening | __________ |\n"
    )
    document = _docx(markdown_to_docx(markdown))
    grid, form = document.tables
    assert _cells(grid) == [["Kop | één", "Kop twee"], ["vet", "a | b"]]
    assert grid.rows[1].cells[0].paragraphs[0].runs[0].bold
    styles = [(p.style.name, p.text) for p in document.paragraphs if p.text]
    assert styles == [("List Bullet", "punt"), ("List Bullet 2", "eronder")]
    assert [_bottom_line(r.cells[1]) for r in form.rows] == [True, True, True]
    assert form.rows[2].height > form.rows[1].height


def test_template_conversion_keeps_placeholders_and_makes_paragraph_tags():
    source = (
        "{# uitleg #}\n# Titel {{ doel }}\n\n{% for w in waarden %}\n- **{{ w.tekst }}**\n"
        "{% endfor %}\n\n| A | B |\n|---|---|\n{% for a in acties %}\n| {{ a.wat }} | x |\n"
        "{% endfor %}\n"
    )
    document = _docx(template_to_docx(source))
    assert _texts(document)[:4] == [
        "Titel {{ doel }}",
        "{%p for w in waarden %}",
        "{{ w.tekst }}",
        "{%p endfor %}",
    ]
    assert [row[0] for row in _cells(document.tables[0])] == [
        "A",
        "{%tr for a in acties %}",
        "{{ a.wat }}",
        "{%tr endfor %}",
    ]
    assert "uitleg" not in "\n".join(_texts(document))
    assert _header(document) == "\t{% if concept %}CONCEPT{% endif %}"
