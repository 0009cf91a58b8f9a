"""The blank map templates (A3 to print, 16:9 for the plenary), reopened with python-pptx."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_FILL
from pptx.util import Emu, Mm

from exports.pptx_map import NAME_BODY, NAME_HEADER
from exports.pptx_template import NAME_PRINCIPLES, blank_template
from flows.kaart import Kolom
from flows.texts import CATALOGUES as TEXTS
from flows.texts import plain
from tests.exports.test_pptx_deck import assert_no_overflow, header_order, named

GOAL = "de gebiedsontwikkeling Noord"


def open_template(goal, lang, size):
    return Presentation(io.BytesIO(blank_template(goal, lang, size)))


def all_text(slide) -> str:
    return "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def test_a3_is_420_by_297_mm() -> None:
    prs = open_template(GOAL, "nl", "a3")
    assert abs(prs.slide_width - Mm(420)) <= Mm(1)
    assert abs(prs.slide_height - Mm(297)) <= Mm(1)
    assert len(prs.slides) == 1


def test_wide_is_16_by_9() -> None:
    prs = open_template(GOAL, "nl", "16:9")
    assert prs.slide_width == Emu(12192000)
    assert prs.slide_height == Emu(6858000)


def test_unknown_size_is_refused() -> None:
    with pytest.raises(ValueError, match="size"):
        blank_template(GOAL, "nl", "a4")  # type: ignore[arg-type]


@pytest.mark.parametrize("size", ["a3", "16:9"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_five_empty_columns_with_questions_and_the_principles(size: str, lang: str) -> None:
    prs = open_template(GOAL, lang, size)
    slide = prs.slides[0]
    names = [f"{int(k)} {plain(f'kolom.{k.key}', lang)}" for k in reversed(Kolom)]
    assert header_order(slide) == names
    for kolom in Kolom:
        (header,) = named(slide, NAME_HEADER.format(int(kolom)))
        question = plain(f"vraag.{kolom.key}", lang, doel=GOAL)
        assert header.text_frame.paragraphs[1].text == question
        (body,) = named(slide, NAME_BODY.format(int(kolom)))
        assert body.text_frame.text == ""
        assert body.height > header.height  # room to write
    text = all_text(slide)
    for key in ("dialoog", "wederkerigheid", "meedoen", "winwin"):
        assert TEXTS[lang][f"principe.{key}"] in text
        assert TEXTS[lang][f"principe.{key}_uitleg"] in text
    assert plain("export.rtl_hint", lang) in text
    assert GOAL in slide.shapes.title.text_frame.text
    assert_no_overflow(prs)


def test_principles_as_the_method_names_them() -> None:
    text = all_text(open_template(None, "nl", "a3").slides[0]).lower()
    for words in ("dialoog", "wederkerigheid", "actief deel te nemen", "verschillende", "win-win"):
        assert words in text


def test_without_a_goal_there_is_a_line_to_write_it_on() -> None:
    slide = open_template(None, "nl", "a3").slides[0]
    (header,) = named(slide, NAME_HEADER.format(int(Kolom.WAARDEN)))
    dots = TEXTS["nl"]["sjabloon.doel_leeg"]
    assert header.text_frame.paragraphs[1].text == plain("vraag.waarden", "nl", doel=dots)
    assert slide.shapes.title.text_frame.paragraphs[0].text == TEXTS["nl"]["sjabloon.titel"]


@pytest.mark.parametrize("size", ["a3", "16:9"])
def test_ready_to_print_no_dark_fills(size: str) -> None:
    prs = open_template(GOAL, "nl", size)
    slide = prs.slides[0]
    assert slide._element.cSld.bg is None  # no background of its own: the plain white one
    for shape in slide.shapes:
        if shape.has_text_frame and shape.fill.type == MSO_FILL.SOLID:
            rgb: RGBColor = shape.fill.fore_color.rgb
            assert sum(rgb) / 3 > 200, shape.name  # light colours only
    band = [s for s in named(slide, NAME_PRINCIPLES) if s.name == NAME_PRINCIPLES]
    assert band
    assert band[0].top > max(s.top for s in named(slide, NAME_BODY.format("")))


def test_wide_columns_start_a_bulleted_list_at_16_pt() -> None:
    slide = open_template(GOAL, "nl", "16:9").slides[0]
    (body,) = named(slide, NAME_BODY.format(int(Kolom.ACTIES)))
    p_pr = body.text_frame.paragraphs[0]._p.pPr
    assert p_pr.find("{http://schemas.openxmlformats.org/drawingml/2006/main}buChar") is not None
    end = body.text_frame.paragraphs[0]._p.find(
        "{http://schemas.openxmlformats.org/drawingml/2006/main}endParaRPr"
    )
    assert end.get("sz") == "1600"


def test_hostile_goal_gives_a_valid_template() -> None:
    goal = "{{ x }} <b>\x00\u202e🤝 " + "heel lang doel " * 300
    for size in ("a3", "16:9"):
        prs = open_template(goal, "nl", size)
        assert "{{ x }} <b>\u202e🤝" in prs.slides[0].shapes.title.text_frame.text
        assert_no_overflow(prs)
