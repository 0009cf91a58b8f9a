"""The partnership map as a PowerPoint deck (16:9): one slide per map, plus continuations.

Pure builder: ``build_map_deck(maps) -> bytes``. The five columns stand as on the paper map,
left to right 5 Acties … 1 Waarden, with an arrow that shows the map is filled from right
to left. Every text box is measured (``exports.fonts``) before it is written; auto-fit is
off, so what we measured is what renders. Nothing is ever cut: when a column does not fit
at the smallest body size the map continues on a next slide, and an answer that is longer
than a whole column is split between words over several slides.

The layout (sizes, geometry, pagination) is decided in :mod:`exports.pptx_layout`; this
module turns it into python-pptx shapes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Pt

from exports.model import MapData
from exports.pptx_layout import (
    ARROW_FILL,
    ARROW_HEAD,
    ARROW_SHAFT,
    ARROW_TEXT_SIZE,
    BADGE_FILL,
    BADGE_INK,
    BADGE_INSETS,
    BADGE_LINE,
    BADGE_SIZE,
    BODY_FILL,
    BODY_INSETS,
    BULLET_INDENT,
    COLOURS,
    FONT,
    HEADER_INSETS,
    HEADER_NAME_SIZE,
    HEADER_QUESTION_SIZE,
    HEADER_QUESTION_SPACE,
    INK,
    MUTED,
    QUESTION_INK,
    SLIDE_H,
    SLIDE_W,
    TITLE_INSETS,
    TITLE_SUB_SPACE,
    Box,
    Geometry,
    Para,
    clean_text,
    header_texts,
    layout_map,
    line_height_pt,
    para_space_pt,
)
from flows.kaart import MAP_ORDER, Kolom

__all__ = [
    "NAME_BODY",
    "NAME_CONCEPT",
    "NAME_HEADER",
    "NAME_RTL",
    "NAME_TITLE",
    "build_map_deck",
    "clean_text",
]

LANGUAGE_IDS = {"nl": MSO_LANGUAGE_ID.DUTCH, "en": MSO_LANGUAGE_ID.ENGLISH_UK}

# Shape names, so a reader (and the tests) can find the parts of a map slide.
NAME_TITLE = "Titel"
NAME_CONCEPT = "Concept"
NAME_RTL = "Invulrichting"
NAME_HEADER = "Kop {}"  # column number
NAME_BODY = "Kolom {}"

# -- writing text into shapes -----------------------------------------------------------------


def _frame(shape, insets: tuple[float, float, float, float], anchor=MSO_ANCHOR.TOP):
    frame = shape.text_frame
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.word_wrap = True
    frame.margin_left, frame.margin_top, frame.margin_right, frame.margin_bottom = (
        Pt(v) for v in insets
    )
    frame.vertical_anchor = anchor
    return frame


def _format_paragraph(
    paragraph,
    size: float,
    *,
    space: float = 0.0,
    indent: float = 0.0,
    bullet_colour: str | None = None,
    align=PP_ALIGN.LEFT,
) -> None:
    paragraph.alignment = align
    paragraph.line_spacing = Pt(line_height_pt(size))
    paragraph.space_before = Pt(space)
    paragraph.space_after = Pt(0)
    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.set("marL", str(Pt(indent)))
    p_pr.set("indent", str(-Pt(indent) if bullet_colour else 0))
    if bullet_colour:
        colour = etree.SubElement(p_pr, qn("a:buClr"))
        etree.SubElement(colour, qn("a:srgbClr"), val=bullet_colour)
        etree.SubElement(p_pr, qn("a:buFont"), typeface=FONT)
        etree.SubElement(p_pr, qn("a:buChar"), char="•")
    else:
        etree.SubElement(p_pr, qn("a:buNone"))


def _add_text(
    paragraph,
    text: str,
    size: float,
    colour: str,
    lang: str,
    *,
    bold: bool = False,
    italic: bool = False,
) -> None:
    """Add text as runs; a newline becomes a line break inside the paragraph."""
    for index, segment in enumerate(text.split("\n")):
        if index:
            paragraph.add_line_break()
        if not segment:
            continue
        run = paragraph.add_run()
        run.text = segment
        font = run.font
        font.name = FONT
        font.size = Pt(size)
        font.bold = bold
        font.italic = italic
        font.color.rgb = RGBColor.from_string(colour)
        font.language_id = LANGUAGE_IDS.get(lang, MSO_LANGUAGE_ID.DUTCH)


def _fill(shape, fill: str | None, line: str | None, line_pt: float = 0.75) -> None:
    if fill:
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string(fill)
    else:
        shape.fill.background()
    if line:
        shape.line.color.rgb = RGBColor.from_string(line)
        shape.line.width = Pt(line_pt)
    else:
        shape.line.fill.background()
    shape.shadow.inherit = False


# -- one map ------------------------------------------------------------------------------------


def _add_map_slides(prs, data: MapData) -> None:
    layout = layout_map(data)
    geo, lang = layout.geo, layout.lang
    for page in range(1, layout.pages + 1):
        slide = prs.slides.add_slide(prs.slide_layouts[5])  # "Title Only"
        _add_title(slide, geo, layout.title, layout.subtitle(page), lang)
        if geo.badge and layout.badge_text:
            _add_badge(slide, geo.badge, layout.badge_text, lang)
        _add_arrow(slide, geo.arrow, layout.hint, lang)
        for position, kolom in enumerate(MAP_ORDER):
            name, question = header_texts(kolom, lang, layout.goal)
            _add_header(slide, geo.header(position), kolom, name, question, lang)
            chunk = layout.chunk(kolom, page)
            _add_body(slide, geo.body(position), kolom, chunk, layout.column_size[kolom], lang)


def _add_title(slide, geo: Geometry, title: str, subtitle: str, lang: str) -> None:
    shape = slide.shapes.title
    shape.name = NAME_TITLE
    box = geo.title
    shape.left, shape.top, shape.width, shape.height = (
        Pt(box.left),
        Pt(box.top),
        Pt(box.width),
        Pt(box.height),
    )
    frame = _frame(shape, TITLE_INSETS)
    big, small = geo.title_sizes
    first = frame.paragraphs[0]
    _format_paragraph(first, big)
    _add_text(first, title, big, INK, lang, bold=True)
    second = frame.add_paragraph()
    _format_paragraph(second, small, space=TITLE_SUB_SPACE)
    _add_text(second, subtitle, small, MUTED, lang)


def _add_badge(slide, box: Box, text: str, lang: str) -> None:
    shape = slide.shapes.add_shape(
        MSO_SHAPE.ROUNDED_RECTANGLE, Pt(box.left), Pt(box.top), Pt(box.width), Pt(box.height)
    )
    shape.name = NAME_CONCEPT
    _fill(shape, BADGE_FILL, BADGE_LINE, 1.25)
    frame = _frame(shape, BADGE_INSETS, MSO_ANCHOR.MIDDLE)
    paragraph = frame.paragraphs[0]
    _format_paragraph(paragraph, BADGE_SIZE, align=PP_ALIGN.CENTER)
    _add_text(paragraph, text, BADGE_SIZE, BADGE_INK, lang, bold=True)


def _add_arrow(slide, box: Box, hint: str, lang: str) -> None:
    shape = slide.shapes.add_shape(
        MSO_SHAPE.LEFT_ARROW, Pt(box.left), Pt(box.top), Pt(box.width), Pt(box.height)
    )
    shape.name = NAME_RTL
    shape.adjustments[0] = ARROW_SHAFT
    shape.adjustments[1] = ARROW_HEAD
    _fill(shape, ARROW_FILL, None)
    frame = _frame(shape, (4.0, 0.0, 4.0, 0.0), MSO_ANCHOR.MIDDLE)
    paragraph = frame.paragraphs[0]
    _format_paragraph(paragraph, ARROW_TEXT_SIZE, align=PP_ALIGN.CENTER)
    _add_text(paragraph, hint, ARROW_TEXT_SIZE, QUESTION_INK, lang)


def _add_header(slide, box: Box, kolom: Kolom, name: str, question: str, lang: str) -> None:
    shape = slide.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, Pt(box.left), Pt(box.top), Pt(box.width), Pt(box.height)
    )
    shape.name = NAME_HEADER.format(int(kolom))
    fill, line = COLOURS[kolom]
    _fill(shape, fill, line)
    frame = _frame(shape, HEADER_INSETS)
    first = frame.paragraphs[0]
    _format_paragraph(first, HEADER_NAME_SIZE)
    _add_text(first, name, HEADER_NAME_SIZE, INK, lang, bold=True)
    second = frame.add_paragraph()
    _format_paragraph(second, HEADER_QUESTION_SIZE, space=HEADER_QUESTION_SPACE)
    _add_text(second, question, HEADER_QUESTION_SIZE, QUESTION_INK, lang)


def _add_body(slide, box: Box, kolom: Kolom, paras: Sequence[Para], size: float, lang: str) -> None:
    shape = slide.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, Pt(box.left), Pt(box.top), Pt(box.width), Pt(box.height)
    )
    shape.name = NAME_BODY.format(int(kolom))
    _, line = COLOURS[kolom]
    _fill(shape, BODY_FILL, line)
    frame = _frame(shape, BODY_INSETS)
    for index, para in enumerate(paras):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        _format_paragraph(
            paragraph,
            size,
            space=para_space_pt(size),
            indent=BULLET_INDENT,
            bullet_colour=line if para.bullet else None,
        )
        if para.note:
            _add_text(paragraph, para.text, size, MUTED, lang, italic=True)
            continue
        _add_text(paragraph, para.text, size, INK, lang)
        if para.author:
            _add_text(paragraph, para.author, size, MUTED, lang)
        if para.sources:
            _add_text(paragraph, para.sources, size, MUTED, lang)


# -- the deck -----------------------------------------------------------------------------------


def build_map_deck(maps: Sequence[MapData]) -> bytes:
    """A 16:9 deck with every map as one slide (plus continuation slides when needed)."""
    prs = Presentation()
    prs.slide_width = Pt(SLIDE_W)
    prs.slide_height = Pt(SLIDE_H)
    for data in maps:
        _add_map_slides(prs, data)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
