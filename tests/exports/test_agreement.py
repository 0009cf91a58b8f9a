"""The draft agreement, checked as a reader sees it: the Markdown, and the DOCX reopened."""

from __future__ import annotations

import dataclasses
import io

import pytest
from docx import Document

from exports.agreement import (
    AgreementTemplateError,
    agreement_context,
    agreement_docx,
    render_agreement_markdown,
)
from exports.markdown_docx import escape_markdown, markdown_to_docx
from exports.model import ParticipantRecord
from flows.kaart import Kolom
from tests.exports.sample import ANSWERS, sample_workshop

HEADINGS_NL = [
    "Concept samenwerkingsovereenkomst: de gebiedsontwikkeling van Noord",
    "1. Partijen",
    "2. Doel",
    "3. Gedeelde waarden",
    "4. Hoe de partners met elkaar omgaan",
    "5. Wat de partners doen",
    "6. Voorwaarden",
    "7. Actieplan",
    "8. Evaluatie",
    "9. Looptijd en wijzigingen",
    "10. Ondertekening",
    "Partij 1",
    "Partij 2",
    "Partij 3",
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
    return markdown, _docx(agreement_docx(markdown, lang=data.lang))


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
    assert body.count("Handtekening: [handtekening]") == 3
    assert "[naam organisatie]" in body
    assert markdown.startswith("# Concept samenwerkingsovereenkomst")


def test_values_in_their_section():
    _, document = _render(sample_workshop())
    texts = _texts(document)
    start, end = (
        texts.index("3. Gedeelde waarden"),
        texts.index("4. Hoe de partners met elkaar omgaan"),
    )
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
    assert "Partij 1: Gemeente Noord" in _headings(document)
    assert "Organisatie: Gemeente Noord" in _texts(document)


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
    assert _headings(document)[0] == "Concept samenwerkingsovereenkomst: # {% if %} <i>Noord</i>"
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
    assert headings[0] == "Draft cooperation agreement: de gebiedsontwikkeling van Noord"
    assert headings[1:4] == ["1. Parties", "2. Goal", "3. Shared values"]
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
