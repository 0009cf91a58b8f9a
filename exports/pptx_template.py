"""Blank partnership maps for the preparation of a workshop, as the method asks.

``blank_template(goal, lang, size) -> bytes``: one slide with the five empty columns (number,
name and question; the goal filled into the question of 1 Waarden, or a dotted line to write
it on), the right-to-left cue, and the four principles in a band at the bottom.

* ``size="a3"``: A3 landscape (420 × 297 mm), the sheet the subgroups fill in on paper;
* ``size="16:9"``: the empty map the facilitator fills in on screen during the plenary; its
  columns hold an empty bulleted paragraph at 16 pt, so typing starts a bulleted list.

Light colours only (no dark backgrounds), so it prints well. Every text is measured with
:mod:`exports.fonts`: nothing overflows at its size.
"""

from __future__ import annotations

import math
from typing import Literal

from lxml import etree
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR
from pptx.util import Pt

from exports.pptx_fit import line_count, line_height_pt
from exports.pptx_look import (
    ARROW_HEAD,
    ARROW_SHAFT,
    ARROW_TEXT_SIZE,
    BODY_INSETS,
    BULLET_INDENT,
    COLOURS,
    GOAL_MAX,
    INK,
    MUTED,
    QUESTION_INK,
    Box,
    clean_text,
    shorten,
)
from exports.pptx_map import (
    NAME_BODY,
    NAME_HEADER,
    NAME_TITLE,
    add_arrow,
    add_text,
    fill_shape,
    format_paragraph,
    new_presentation,
    text_frame,
    to_bytes,
)
from flows.kaart import MAP_ORDER
from flows.texts import plain

__all__ = ["NAME_PRINCIPLES", "SIZES", "blank_template"]

# catalogue: move to flows/texts
PRINCIPLES = ("dialoog", "wederkerigheid", "meedoen", "winwin")

NAME_PRINCIPLES = "Principes"
NAME_FILL_IN = "Invullen"

A3_W, A3_H = 420 / 25.4 * 72, 297 / 25.4 * 72  # 1190.55 × 841.89 pt
SIZES: dict[str, tuple[float, float]] = {"a3": (A3_W, A3_H), "16:9": (960.0, 540.0)}

BAND_FILL, BAND_LINE = "F3F4F6", "C9CED6"
PLAIN_INSETS = (4.0, 2.0, 4.0, 2.0)


def _t(key: str, lang: str, **params: object) -> str:
    return clean_text(plain(key, lang, **params))


def _height(paragraphs, width: float, insets=PLAIN_INSETS) -> float:
    """Height of (text, size, bold, space before) paragraphs in a box of width."""
    room = width - insets[0] - insets[2]
    return (
        sum(
            line_count(t, room, size, bold) * line_height_pt(size) + sp
            for t, size, bold, sp in paragraphs
        )
        + insets[1]
        + insets[3]
    )


def _write(shape, paragraphs, colours, lang: str, insets=PLAIN_INSETS, anchor=MSO_ANCHOR.TOP):
    frame = text_frame(shape, insets, anchor)
    for index, (t, size, bold, space) in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        format_paragraph(paragraph, size, space=space)
        add_text(paragraph, t, size, colours[index], lang, bold=bold)


def _rect(slide, box: Box, name: str, fill: str | None, line: str | None):
    shape = slide.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, Pt(box.left), Pt(box.top), Pt(box.width), Pt(box.height)
    )
    shape.name = name
    fill_shape(shape, fill, line)
    return shape


def blank_template(goal: str | None, lang: str, size: Literal["a3", "16:9"]) -> bytes:
    """An empty partnership map to print (A3) or to fill in on screen (16:9)."""
    if size not in SIZES:
        raise ValueError(f"unknown template size: {size!r}")
    width, height = SIZES[size]
    scale = width / 960.0
    margin_x, margin_top, margin_bottom = 24 * scale, 16 * scale, 18 * scale
    gap = 8 * scale
    content_w = width - 2 * margin_x
    title_size, sub_size = round(26 * scale), round(14 * scale)
    name_size, question_size = round(16 * scale), round(11 * scale)
    band_head_size, band_size = round(13 * scale), max(12, round(12 * scale))
    body_size = 16

    goal_text = shorten(clean_text(goal or "").strip(), GOAL_MAX)
    prs = new_presentation(width, height)
    slide = prs.slides.add_slide(prs.slide_layouts[5])

    # Title and a line to write the group and the date on.
    title = (
        _t("sjabloon.titel_doel", lang, doel=goal_text) if goal_text else _t("sjabloon.titel", lang)
    )
    title_paras = [
        (title, title_size, True, 0.0),
        (_t("sjabloon.invullen", lang), sub_size, False, 4.0),
    ]
    title_h = math.ceil(_height(title_paras, content_w) + 1)
    shape = slide.shapes.title
    shape.name = NAME_TITLE
    shape.left, shape.top, shape.width, shape.height = (
        Pt(margin_x), Pt(margin_top), Pt(content_w), Pt(title_h)
    )  # fmt: skip
    _write(shape, title_paras, (INK, MUTED), lang)

    # The right-to-left cue.
    hint = clean_text(plain("export.rtl_hint", lang))
    arrow_base = 26 * scale
    arrow_size = round(ARROW_TEXT_SIZE * scale)
    arrow_lines = line_count(hint, content_w - 2 * ARROW_HEAD * arrow_base - 8, arrow_size)
    arrow_h = max(arrow_base, math.ceil(arrow_lines * line_height_pt(arrow_size) / ARROW_SHAFT + 1))
    arrow_top = margin_top + title_h + gap
    add_arrow(slide, Box(margin_x, arrow_top, content_w, arrow_h), hint, lang, arrow_size)

    # The four principles in a band at the bottom: a heading and four cells.
    band_heading = _t("sjabloon.principes", lang)
    cell_w = (content_w - 5 * gap) / 4
    cells = [
        [
            (_t(f"principe.{key}", lang), band_size, True, 0.0),
            (_t(f"principe.{key}_uitleg", lang), band_size, False, 2.0),
        ]
        for key in PRINCIPLES
    ]
    heading_h = _height([(band_heading, band_head_size, True, 0.0)], content_w - 2 * gap)
    cells_h = max(_height(c, cell_w) for c in cells)
    band_h = math.ceil(heading_h + cells_h + 2 * gap + 2)
    band_top = height - margin_bottom - band_h
    _rect(slide, Box(margin_x, band_top, content_w, band_h), NAME_PRINCIPLES, BAND_FILL, BAND_LINE)
    head = slide.shapes.add_textbox(
        Pt(margin_x + gap), Pt(band_top + gap / 2), Pt(content_w - 2 * gap), Pt(heading_h + 1)
    )
    head.name = f"{NAME_PRINCIPLES} kop"
    _write(head, [(band_heading, band_head_size, True, 0.0)], (INK,), lang)
    for index, (key, paragraphs) in enumerate(zip(PRINCIPLES, cells, strict=True)):
        left = margin_x + gap + index * (cell_w + gap)
        box = slide.shapes.add_textbox(
            Pt(left), Pt(band_top + gap / 2 + heading_h + gap / 2), Pt(cell_w), Pt(cells_h + 1)
        )
        box.name = f"{NAME_PRINCIPLES} {key}"
        _write(box, paragraphs, (INK, QUESTION_INK), lang)

    # The five columns: number and name, the question, and room to write.
    col_w = (content_w - 4 * gap) / 5
    doel = goal_text or _t("sjabloon.doel_leeg", lang)
    headers = []
    for kolom in MAP_ORDER:
        name = clean_text(f"{int(kolom)} {plain(f'kolom.{kolom.key}', lang)}")
        question = clean_text(plain(f"vraag.{kolom.key}", lang, doel=doel))
        headers.append([(name, name_size, True, 0.0), (question, question_size, False, 3.0)])
    header_insets = (8.0, 6.0, 8.0, 7.0)
    header_h = math.ceil(max(_height(h, col_w, header_insets) for h in headers) + 1)
    header_top = arrow_top + arrow_h + gap
    body_top = header_top + header_h
    body_h = band_top - gap - body_top
    for position, (kolom, paragraphs) in enumerate(zip(MAP_ORDER, headers, strict=True)):
        left = margin_x + position * (col_w + gap)
        fill, line = COLOURS[kolom]
        header = _rect(
            slide,
            Box(left, header_top, col_w, header_h),
            NAME_HEADER.format(int(kolom)),
            fill,
            line,
        )
        _write(header, paragraphs, (INK, QUESTION_INK), lang, header_insets)
        body = _rect(
            slide, Box(left, body_top, col_w, body_h), NAME_BODY.format(int(kolom)), "FFFFFF", line
        )
        frame = text_frame(body, BODY_INSETS)
        paragraph = frame.paragraphs[0]
        # An empty bulleted paragraph: typing on screen starts a list at the map's size.
        format_paragraph(paragraph, body_size, indent=BULLET_INDENT, bullet_colour=line)
        end = paragraph._p.find(qn_a("endParaRPr"))
        if end is None:
            end = etree.SubElement(paragraph._p, qn_a("endParaRPr"))
        end.set("lang", "nl-NL" if lang == "nl" else "en-GB")
        end.set("sz", str(body_size * 100))
        end.set("dirty", "0")
    return to_bytes(prs)


def qn_a(tag: str) -> str:
    return "{http://schemas.openxmlformats.org/drawingml/2006/main}" + tag
