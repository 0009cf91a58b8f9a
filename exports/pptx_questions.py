"""The questions slide: the full question of every column, which the map's headers shorten
to one line. It follows the joint map in the deck."""

from __future__ import annotations

import datetime

from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Pt

from exports.pptx_layout import full_question, header_texts, title_block
from exports.pptx_look import GOAL_MAX, INK, MARGIN_BOTTOM, SLIDE_H, Box, clean_text, shorten
from exports.pptx_map import add_badge, add_title, fill_shape
from exports.pptx_slide_base import (
    CONTENT_W,
    PLAIN_INSETS,
    _goal_line,
    _text_lines_height,
    _write_lines,
    text,
)
from flows.kaart import FILL_ORDER

NAME_QUESTIONS = "Vragen"
QUESTION_SIZES = (22, 20, 18, 16, 14)


def add_questions_slide(
    prs, goal: str, date: datetime.date, badge_text: str | None, lang: str
) -> None:
    goal = shorten(clean_text(goal).strip(), GOAL_MAX)
    title = text("export.vragen_titel", lang)
    subtitle = _goal_line(goal, date, lang, 1, 1)
    block = title_block(title, subtitle, badge_text)
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    add_title(slide, block.box, block.sizes, title, subtitle, lang)
    if block.badge and badge_text:
        add_badge(slide, block.badge, badge_text, lang)
    top = block.box.top + block.box.height + 16
    box = Box(block.box.left, top, CONTENT_W, SLIDE_H - MARGIN_BOTTOM - top)
    left, _, right, _ = PLAIN_INSETS
    room = box.width - left - right
    lines: list[tuple[str, float, bool, float]] = []
    for size in QUESTION_SIZES:
        lines = []
        for kolom in FILL_ORDER:
            name, _ = header_texts(kolom, lang, goal)
            lines.append((name, size, True, size * 0.8 if lines else 0.0))
            lines.append((full_question(kolom, lang, goal), size, False, 2.0))
        if _text_lines_height(lines, room) <= box.height - 4:
            break
    shape = slide.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, Pt(box.left), Pt(box.top), Pt(box.width), Pt(box.height)
    )
    shape.name = NAME_QUESTIONS
    fill_shape(shape, None, None)
    _write_lines(shape, lines, lambda _index: INK, lang)
