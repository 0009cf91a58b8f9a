"""The partnership map deck, checked the way a reader sees it: reopened with python-pptx."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.oxml.ns import qn
from pptx.util import Emu

from exports import fonts
from exports.model import MapData, MapItem
from exports.pptx_map import NAME_BODY, NAME_CONCEPT, NAME_HEADER, build_map_deck
from flows.kaart import Kolom
from flows.texts import plain

DATE = datetime.date(2025, 5, 12)
GOAL = "de gebiedsontwikkeling Noord"

SPECIAL_ITEMS = {
    Kolom.WAARDEN: [
        MapItem("Iedereen doet mee 🤝🏽", author="Anna"),
        MapItem("Er is financiële ruimte voor bewonersorganisaties"),
    ],
    Kolom.RELATIES: [
        MapItem('We zeggen het ‘zo’ en "dit" gewoon', sources=("Tafel 1", "Tafel 2")),
        MapItem("\u200fשותפות שווה\u200f", author="Dana", sources=("Tafel 3",)),
    ],
    Kolom.HANDELEN: [
        MapItem("Geen <b>html</b> maar tekst"),
        MapItem("Ook {{ jinja }} blijft staan"),
    ],
    Kolom.VOORWAARDEN: [MapItem("Regel één\nRegel twee")],
    Kolom.ACTIES: [MapItem("Wijkavond organiseren (wie: Piet, wanneer: juni)", author="Piet")],
}


def make_map(columns=None, **kwargs) -> MapData:
    values = {
        "goal": GOAL,
        "title": "Subgroep Tafel 1",
        "columns": SPECIAL_ITEMS if columns is None else columns,
        "date": DATE,
    }
    values.update(kwargs)
    return MapData(**values)


def open_deck(*maps: MapData):
    return Presentation(io.BytesIO(build_map_deck(maps)))


def pt(length) -> float:
    return Emu(length).pt


def named(slide, prefix: str):
    return [shape for shape in slide.shapes if shape.name.startswith(prefix)]


def body_paragraph_texts(prs, kolom: Kolom | None = None) -> list[str]:
    """Every paragraph of the column bodies (all or one) in the deck, slide by slide, with
    line breaks as newlines, as a search finds them (soft hyphens are invisible)."""
    return [
        paragraph.text.replace("\v", "\n").replace(fonts.SOFT_HYPHEN, "")
        for slide in prs.slides
        for shape in named(slide, NAME_BODY.format(int(kolom) if kolom else ""))
        for paragraph in shape.text_frame.paragraphs
        if paragraph.runs
    ]


def header_names(slide) -> list[str]:
    headers = sorted(named(slide, NAME_HEADER.format("")), key=lambda shape: shape.left)
    return [shape.text_frame.paragraphs[0].text for shape in headers]


def has_bullet(paragraph) -> bool:
    p_pr = paragraph._p.pPr
    return p_pr is not None and p_pr.find(qn("a:buChar")) is not None


def is_left_arrow(shape) -> bool:
    try:
        return shape.auto_shape_type == MSO_SHAPE.LEFT_ARROW
    except (ValueError, NotImplementedError):  # placeholders, text boxes
        return False


def frame_room(shape) -> tuple[float, float]:
    """Room for text inside a shape: the box minus its insets (the shaft for an arrow)."""
    frame = shape.text_frame
    width, height = pt(shape.width), pt(shape.height)
    if is_left_arrow(shape):
        shaft, head = shape.adjustments[0], shape.adjustments[1]
        width, height = width - shaft * head * height, height * shaft
    return (
        width - pt(frame.margin_left) - pt(frame.margin_right),
        height - pt(frame.margin_top) - pt(frame.margin_bottom),
    )


def needed_height(shape, room_w: float) -> float:
    """Measured height of a text frame's paragraphs, each at its own size and spacing."""
    total = 0.0
    for paragraph in shape.text_frame.paragraphs:
        if not paragraph.runs:
            continue
        sizes = {run.font.size.pt for run in paragraph.runs}
        assert len(sizes) == 1
        size = sizes.pop()
        bold = any(run.font.bold for run in paragraph.runs)
        indent = pt(int(paragraph._p.pPr.get("marL", "0")))
        total += fonts.paragraphs_height(
            [paragraph.text],
            room_w - indent,
            size,
            bold=bold,
            space_pt=paragraph.space_before.pt if paragraph.space_before is not None else 0.0,
            line_pt=paragraph.line_spacing.pt,
        )
    return total


def assert_no_overflow(prs) -> None:
    for slide in prs.slides:
        for shape in slide.shapes:
            if not shape.has_text_frame or not shape.text_frame.text:
                continue
            frame = shape.text_frame
            assert frame.auto_size == MSO_AUTO_SIZE.NONE, shape.name
            assert frame.word_wrap is True, shape.name
            room_w, room_h = frame_room(shape)
            assert needed_height(shape, room_w) <= room_h + 1e-6, shape.name


def assert_bodies_fit(prs) -> None:
    """The fonts.fits check for every column body, with values read from the file."""
    checked = 0
    for slide in prs.slides:
        for shape in named(slide, NAME_BODY.format("")):
            paragraphs = [p for p in shape.text_frame.paragraphs if p.runs]
            if not paragraphs:
                continue
            sizes = {run.font.size.pt for p in paragraphs for run in p.runs}
            assert len(sizes) == 1, shape.name
            size = sizes.pop()
            assert size >= 12
            frame = shape.text_frame
            first = paragraphs[0]
            assert fonts.fits(
                [p.text for p in paragraphs],
                pt(shape.width),
                pt(shape.height),
                size,
                insets=tuple(
                    pt(v)
                    for v in (
                        frame.margin_left,
                        frame.margin_top,
                        frame.margin_right,
                        frame.margin_bottom,
                    )
                ),
                indent_pt=pt(int(first._p.pPr.get("marL"))),
                space_pt=first.space_before.pt,
                line_pt=first.line_spacing.pt,
            ), shape.name
            checked += 1
    assert checked


# -- the deck ---------------------------------------------------------------------------------


def test_slide_is_16_by_9() -> None:
    prs = open_deck(make_map())
    assert prs.slide_width == Emu(12192000)  # 13.333 in
    assert prs.slide_height == Emu(6858000)  # 7.5 in
    assert len(prs.slides) == 1


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("nl", ["5 Acties", "4 Voorwaarden", "3 Handelen", "2 Relaties", "1 Waarden"]),
        ("en", ["5 Actions", "4 Conditions", "3 Acting", "2 Relations", "1 Values"]),
    ],
)
def test_columns_stand_right_to_left_as_on_paper(lang: str, expected: list[str]) -> None:
    prs = open_deck(make_map(lang=lang))
    slide = prs.slides[0]
    assert header_names(slide) == expected
    # Each header carries its column's question, in one short line, beneath the name.
    for kolom in Kolom:
        (header,) = named(slide, NAME_HEADER.format(int(kolom)))
        question = plain(f"vraag_kort.{kolom.key}", lang)
        assert header.text_frame.paragraphs[1].text == question
        assert len(question.split()) <= 6
    title = slide.shapes.title.text_frame.text
    assert plain("export.kaart_titel", lang, doel=GOAL) in title
    assert "Subgroep Tafel 1" in title


def test_every_item_appears_in_full_exactly_once() -> None:
    prs = open_deck(make_map())
    texts = body_paragraph_texts(prs)
    for items in SPECIAL_ITEMS.values():
        for item in items:
            assert sum(text.count(item.text) for text in texts) == 1, item.text
    joined = "\n".join(texts)
    assert "Iedereen doet mee 🤝🏽 — Anna" in joined
    assert "\u200fשותפות שווה\u200f — Dana (T3)" in joined
    assert "gewoon (T1,\u00a0T2)" in joined
    assert_no_overflow(prs)
    assert_bodies_fit(prs)


def test_author_and_sources_are_lighter_runs() -> None:
    prs = open_deck(make_map())
    (body,) = named(prs.slides[0], NAME_BODY.format(int(Kolom.RELATIES)))
    runs = body.text_frame.paragraphs[1].runs
    assert [run.text for run in runs] == ["\u200fשותפות שווה\u200f", " — Dana", " (T3)"]
    assert runs[0].font.color.rgb != runs[1].font.color.rgb
    assert runs[1].font.color.rgb == runs[2].font.color.rgb


def test_control_characters_are_dropped_and_the_file_opens() -> None:
    columns = {
        Kolom.WAARDEN: [
            MapItem("a\x00b\x07c\x1b\x0b\x0cd\ufffe\uffffe\ud800f\x7f\tg", author="An\x08na")
        ]
    }
    prs = open_deck(make_map(columns, goal="doel\x01", title="Tafel\x02 1"))
    assert body_paragraph_texts(prs, Kolom.WAARDEN) == ["abcdef\tg — Anna"]
    assert "doel" in prs.slides[0].shapes.title.text_frame.text
    assert "Tafel 1" in prs.slides[0].shapes.title.text_frame.text


def test_empty_column_says_so() -> None:
    prs = open_deck(make_map({}))
    for kolom in Kolom:
        (body,) = named(prs.slides[0], NAME_BODY.format(int(kolom)))
        assert body.text_frame.text == plain("export.geen_antwoorden", "nl")


def body_size(slide, kolom: Kolom) -> float:
    (body,) = named(slide, NAME_BODY.format(int(kolom)))
    return body.text_frame.paragraphs[0].runs[0].font.size.pt


def test_a_short_map_uses_the_largest_size() -> None:
    slide = open_deck(make_map({Kolom.HANDELEN: [MapItem("Kort")]})).slides[0]
    assert {body_size(slide, kolom) for kolom in Kolom} == {18}


def test_one_answer_size_on_a_slide_and_never_below_14_pt() -> None:
    # Before: a full column got 12 pt beside 16 pt in a short one.
    columns = dict(SPECIAL_ITEMS) | {Kolom.VOORWAARDEN: MANY_ITEMS}
    prs = open_deck(make_map(columns))
    assert len(prs.slides) > 1
    for slide in prs.slides:
        sizes = {
            run.font.size.pt
            for shape in slide.shapes
            if shape.name.startswith("Kolom ")
            for paragraph in shape.text_frame.paragraphs
            for run in paragraph.runs
        }
        assert len(sizes) == 1, sizes
        assert min(sizes) >= 14, sizes
    assert_no_overflow(prs)
    assert_bodies_fit(prs)


def test_sources_are_short_codes_with_a_key_in_the_subtitle() -> None:
    names = ("Subgroep Noord", "Subgroep Zuid", "Subgroep West")
    columns = {Kolom.WAARDEN: [MapItem("Iedereen doet mee", sources=names)]}
    prs = open_deck(make_map(columns))
    assert body_paragraph_texts(prs, Kolom.WAARDEN) == ["Iedereen doet mee (N,\u00a0Z,\u00a0W)"]
    title = prs.slides[0].shapes.title.text_frame.text
    assert "N = Subgroep Noord, W = Subgroep West, Z = Subgroep Zuid" in title


def test_a_column_is_wide_enough_for_its_longest_word() -> None:
    # "ondernemersverenigingen" is wider than a fifth of the slide at 18 pt.
    columns = dict(SPECIAL_ITEMS) | {
        Kolom.ACTIES: [MapItem("Afspraak met ondernemersverenigingen")]
    }
    slide = open_deck(make_map(columns)).slides[0]
    for kolom in Kolom:
        size = body_size(slide, kolom)
        assert size == 18
        (body,) = named(slide, NAME_BODY.format(int(kolom)))
        frame = body.text_frame
        room = (
            pt(body.width)
            - pt(frame.margin_left)
            - pt(frame.margin_right)
            - pt(int(frame.paragraphs[0]._p.pPr.get("marL")))
        )
        assert not any(fonts.breaks_words(p.text, room, size) for p in frame.paragraphs)


LONG_ITEM = " ".join(f"woord{i}" for i in range(600))[:4000].rstrip()
MANY_ITEMS = [
    MapItem(f"Voorwaarde nummer {i}: genoeg tijd en ruimte", author=f"Lid {i}") for i in range(60)
]


def test_long_columns_continue_on_next_slides_without_cutting() -> None:
    assert len(LONG_ITEM) > 3900
    columns = {
        Kolom.VOORWAARDEN: MANY_ITEMS,
        Kolom.HANDELEN: [MapItem(LONG_ITEM, author="Sam")],
        Kolom.WAARDEN: [MapItem("Gelijkwaardigheid")],
    }
    prs = open_deck(make_map(columns))
    slides = list(prs.slides)
    assert len(slides) > 1
    vervolg = f"({plain('export.vervolg', 'nl')})"
    for index, slide in enumerate(slides):
        # The first slide has every column, a continuation only those that continue.
        expected = ["5 Acties", "4 Voorwaarden", "3 Handelen", "2 Relaties", "1 Waarden"]
        names = header_names(slide)
        assert names == (expected if index == 0 else [n for n in expected if n in names])
        if index:
            assert "2 Relaties" not in names
            assert "1 Waarden" not in names
        for shape in named(slide, NAME_BODY.format("")):
            assert shape.text_frame.text.strip(), shape.name  # never an empty box
        title = slide.shapes.title.text_frame.text
        assert (vervolg in title) == (index > 0)
        assert f"{index + 1}/{len(slides)}" in title

    texts = body_paragraph_texts(prs)
    for item in MANY_ITEMS:
        assert sum(text.count(f"{item.text} — {item.author}") for text in texts) == 1
    assert sum(text.count("Gelijkwaardigheid") for text in texts) == 1

    # The long answer is split between words over several slides, in order, nothing lost.
    parts = [
        paragraph
        for slide in slides
        for shape in named(slide, NAME_BODY.format(int(Kolom.HANDELEN)))
        for paragraph in shape.text_frame.paragraphs
        if paragraph.runs
    ]
    assert len(parts) > 1
    assert has_bullet(parts[0])
    assert not any(has_bullet(p) for p in parts[1:])
    assert " ".join(p.text for p in parts).split() == (LONG_ITEM + " — Sam").split()
    assert parts[-1].runs[-1].text == " — Sam"

    assert_no_overflow(prs)
    assert_bodies_fit(prs)


def test_a_long_word_without_spaces_is_split_too() -> None:
    word = "x" * 4000
    prs = open_deck(make_map({Kolom.ACTIES: [MapItem(word)]}, lang="en"))
    assert len(prs.slides) > 1
    assert "(continued)" in prs.slides[1].shapes.title.text_frame.text
    assert "".join(body_paragraph_texts(prs, Kolom.ACTIES)) == word
    assert_no_overflow(prs)
    assert_bodies_fit(prs)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_concept_mark(lang: str) -> None:
    mark = plain("export.concept", lang)
    draft = open_deck(make_map(lang=lang, concept=True)).slides[0]
    (badge,) = named(draft, NAME_CONCEPT)
    assert badge.text_frame.text == mark
    final = open_deck(make_map(lang=lang, concept=False)).slides[0]
    assert not named(final, NAME_CONCEPT)
    assert all(mark not in shape.text_frame.text for shape in final.shapes if shape.has_text_frame)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_right_to_left_cue(lang: str) -> None:
    slide = open_deck(make_map(lang=lang)).slides[0]
    arrows = [shape for shape in slide.shapes if is_left_arrow(shape)]
    assert len(arrows) == 1
    assert arrows[0].text_frame.text == plain("export.rtl_hint", lang)
    assert arrows[0].width > slide.part.package.presentation_part.presentation.slide_width // 2


def test_several_maps_give_slides_in_order() -> None:
    titles = ["Subgroep Tafel 1", "Subgroep Tafel 2", "Gezamenlijk model"]
    prs = open_deck(*(make_map(title=title, concept=(title != titles[-1])) for title in titles))
    assert len(prs.slides) == 3
    for slide, title in zip(prs.slides, titles, strict=True):
        assert title in slide.shapes.title.text_frame.text
    assert not named(prs.slides[2], NAME_CONCEPT)
    assert named(prs.slides[0], NAME_CONCEPT)


def test_long_goal_and_title_still_fit() -> None:
    goal = "de gebiedsontwikkeling van de hele regio Noord " * 3
    prs = open_deck(make_map(goal=goal.strip(), title="Subgroep met een heel lange naam " * 3))
    assert_no_overflow(prs)


def test_no_maps_gives_an_empty_deck() -> None:
    assert len(Presentation(io.BytesIO(build_map_deck([]))).slides) == 0


# -- measuring ----------------------------------------------------------------------------------


def test_fits_grows_with_text() -> None:
    short = ["Kort"]
    long = ["Een veel langere zin die zeker over meerdere regels loopt. " * 10]
    assert fonts.fits(short, 170, 40, 16)
    assert not fonts.fits(long, 170, 40, 16)
    assert fonts.paragraphs_height(long, 150, 12) > fonts.paragraphs_height(short, 150, 12)


def test_wrap_keeps_every_character() -> None:
    text = "aaaa " * 50 + "b" * 300 + "\nnieuwe regel"
    spans = fonts.wrap(text, 120, 12)
    assert all(fonts.text_width(text[a:b], 12) <= 120 for a, b in spans)
    assert "".join(text[a:b] for a, b in spans).replace(" ", "") == text.replace(" ", "").replace(
        "\n", ""
    )


def test_fallback_estimate_without_font_file() -> None:
    estimate = fonts.Measurer(None)
    assert not estimate.uses_font_file
    assert estimate.text_width("abcdefghij", 10) == pytest.approx(60)
    assert estimate.line_count("woord " * 40, 100, 12) > 1


def test_text_is_measured_with_arials_widths_from_the_package() -> None:
    # Arial's advance widths (units of 2048 per em): a 1139, M 1706, W 1933, space 569.
    # A wider stand-in font made every column look fuller than Arial draws it.
    measurer = fonts.Measurer.from_system()
    assert measurer.uses_font_file
    expected = (1139 + 1706 + 1933 + 569) / 2048 * 1000
    assert measurer.text_width("aMW ", 1000) == pytest.approx(expected, rel=1e-3)
    assert fonts._find_font(fonts._REGULAR).is_relative_to(Path(fonts.__file__).parent)
    assert fonts._find_font(fonts._BOLD).is_relative_to(Path(fonts.__file__).parent)


def test_a_line_may_use_the_whole_width_of_its_box() -> None:
    text = "Samen sterker in de wijk"
    width = fonts.text_width(text, 16)
    assert fonts.line_count(text, width * 1.006, 16) == 1
    assert fonts.line_count(text, width * 0.98, 16) == 2


def test_the_arrow_is_filled_visibly() -> None:
    (arrow,) = [s for s in open_deck(make_map()).slides[0].shapes if is_left_arrow(s)]
    red, green, blue = arrow.fill.fore_color.rgb
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    assert luminance < 225  # the old fill (EEF1F5, 240) was nearly white on a projector


def test_three_subgroups_joint_map_on_two_slides_at_14_pt_or_more() -> None:
    # 32 values and 6 items in every other column took 7 slides, six of them nearly empty.
    from tests.exports.sample import three_group_map

    prs = open_deck(three_group_map())
    assert len(prs.slides) <= 2
    sizes = {
        run.font.size.pt
        for slide in prs.slides
        for shape in named(slide, NAME_BODY.format(""))
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
    }
    assert min(sizes) >= 14
    # The values flow into two sub-columns, wider than the short columns.
    waarden = named(prs.slides[0], NAME_BODY.format(int(Kolom.WAARDEN)))
    assert len(waarden) == 2
    acties = named(prs.slides[0], NAME_BODY.format(int(Kolom.ACTIES)))
    assert sum(pt(s.width) for s in waarden) > pt(acties[0].width)
    for slide in prs.slides:
        for shape in named(slide, NAME_BODY.format("")):
            assert shape.text_frame.text.strip(), shape.name
    assert_no_overflow(prs)
    assert_bodies_fit(prs)
    texts = body_paragraph_texts(prs)
    for kolom in Kolom:
        for item in three_group_map().items(kolom):
            assert sum(t.startswith(item.text + " (") for t in texts) == 1, item.text
