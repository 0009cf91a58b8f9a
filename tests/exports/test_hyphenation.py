"""Long Dutch words on narrow columns break at their syllables (soft hyphens), only on the
slides, and the measured layout is what is drawn. Geometry only, no LibreOffice."""

from __future__ import annotations

import datetime
import io
import zipfile

from pptx import Presentation
from pptx.util import Emu

from exports import fonts
from exports.bundle import export_set
from exports.model import MapData, MapItem
from exports.pptx_map import NAME_BODY, build_map_deck
from flows.kaart import Kolom
from tests.exports.sample import sample_workshop
from tests.exports.test_pptx_deck import assert_no_overflow

SHY = fonts.SOFT_HYPHEN
COMPOUNDS = ("Bewonerscommissie", "Ondernemersvereniging", "Samenwerkingsovereenkomst")
# A long column of conditions leaves the values column its narrowest: the compounds do not
# fit a line there, the short words do.
CONDITIONS = [
    MapItem(f"Voorwaarde {i}: genoeg tijd en ruimte voor iedereen in de wijk", author=f"Lid {i}")
    for i in range(40)
]
VALUES = [MapItem(f"De {word} doet mee") for word in COMPOUNDS]


def pt(length) -> float:
    return Emu(length).pt


def narrow_map_deck():
    data = MapData(
        goal="de gebiedsontwikkeling Noord",
        title="Tafel 1",
        columns={Kolom.VOORWAARDEN: CONDITIONS, Kolom.WAARDEN: VALUES},
        date=datetime.date(2026, 11, 29),
    )
    return Presentation(io.BytesIO(build_map_deck([data])))


def body_words(prs, kolom: Kolom):
    """(word as written, room width, size) of every word in the column's bodies."""
    for slide in prs.slides:
        for shape in slide.shapes:
            if not shape.name.startswith(NAME_BODY.format(int(kolom))):
                continue
            frame = shape.text_frame
            for paragraph in frame.paragraphs:
                if not paragraph.runs:
                    continue
                room = (
                    pt(shape.width)
                    - pt(frame.margin_left)
                    - pt(frame.margin_right)
                    - pt(int(paragraph._p.pPr.get("marL", "0")))
                )
                size = paragraph.runs[0].font.size.pt
                for word in paragraph.text.split():
                    yield word, room, size


def test_a_long_compound_on_a_narrow_column_gets_soft_hyphens_and_stays_in_its_box() -> None:
    # It broke between any two letters without a hyphen ("Bewonerscomm/issie").
    prs = narrow_map_deck()
    words = list(body_words(prs, Kolom.WAARDEN))
    for compound in COMPOUNDS:
        (written, room, size) = next(w for w in words if w[0].replace(SHY, "") == compound)
        assert fonts.text_width(compound, size) > room  # it does not fit a line whole
        assert SHY in written  # so it gets its Dutch hyphenation points
        # Every line of it, with the hyphen drawn at the break, fits the column.
        lines = fonts.wrap(written, room, size)
        assert len(lines) > 1
        for start, end in lines:
            line = written[start:end]
            drawn = line.replace(SHY, "") + ("-" if line.endswith(SHY) else "")
            assert fonts.text_width(drawn, size) <= room
            assert line.endswith(SHY) or end == len(written)  # broken at a syllable only
    assert "Be\u00adwo\u00adners\u00adcom\u00admis\u00adsie" in " ".join(w for w, _, _ in words)
    assert_no_overflow(prs)


def test_no_word_is_wider_than_its_column_without_a_break_point_and_short_words_get_none() -> None:
    prs = narrow_map_deck()
    checked = 0
    for kolom in Kolom:
        for word, room, size in body_words(prs, kolom):
            plain_word = word.replace(SHY, "")
            if fonts.text_width(plain_word, size) <= room * fonts.WIDTH_SAFETY:
                assert SHY not in word, word  # words that fit are left alone
            else:
                parts = word.split(SHY)
                assert len(parts) > 1, word
                assert all(fonts.text_width(p + "-", size) <= room for p in parts), word
            checked += 1
    assert checked > 100


def test_the_text_stays_searchable() -> None:
    # A soft hyphen is invisible unless the line breaks there: without them the text is
    # exactly what was typed.
    texts = [w.replace(SHY, "") for w, _, _ in body_words(narrow_map_deck(), Kolom.WAARDEN)]
    assert " ".join(texts) == " ".join(item.text for item in VALUES)


def test_only_the_slides_get_soft_hyphens() -> None:
    data = sample_workshop(
        extra={
            "Tafel 1": {
                Kolom.WAARDEN: [("Anna", f"De {word} doet mee") for word in COMPOUNDS],
                Kolom.VOORWAARDEN: [("Bas", item.text) for item in CONDITIONS],
            }
        }
    )
    files = export_set(data)
    with_shy = []
    for file in files:
        if file.name.endswith((".pptx", ".docx")):
            with zipfile.ZipFile(io.BytesIO(file.data)) as archive:
                text = "".join(
                    archive.read(name).decode("utf-8")
                    for name in archive.namelist()
                    if name.endswith(".xml")
                )
        else:
            text = file.data.decode("utf-8-sig")
        if SHY in text or "&#173;" in text or "&shy;" in text:
            with_shy.append(file.name)
    # The deck's narrow columns have them; the agreement, the report, the action plan and
    # the data do not.
    assert with_shy
    assert all(name.endswith(".pptx") for name in with_shy), with_shy


def test_measuring_follows_the_soft_hyphens_as_a_renderer_does() -> None:
    size, room = 16.0, 100.0
    text = fonts.default_measurer().hyphenate("De Bewonerscommissie en wij", room, size)
    assert text == "De Be\u00adwo\u00adners\u00adcom\u00admis\u00adsie en wij"  # "De", "en" fit
    lines = [text[start:end] for start, end in fonts.wrap(text, room, size)]
    # The compound starts on the first line, after "De", with the part that fits; the hyphen
    # drawn there is counted.
    assert lines[0] == "De Be\u00adwo\u00ad"
    assert all(
        fonts.text_width(line.replace(SHY, "") + "-" * line.endswith(SHY), size) <= room
        for line in lines
    )
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
