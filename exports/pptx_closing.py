"""The closing round's slide(s) at the end of the deck: what we learned, what we take home.

The method's learning outcomes ("Leeropbrengsten") ask what the participants learned of
co-creation, dialogue and each other's knowledge, and what they take into their own
practice. Each question in bold with its answers under it; 14 pt or more, continued on a
next slide when the answers are many. A very long answer is shortened here; the
participation report and the JSON have it in full.
"""

from __future__ import annotations

from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Pt

from exports.model import WorkshopData
from exports.pptx_layout import title_block
from exports.pptx_look import GOAL_MAX, INK, MARGIN_BOTTOM, SLIDE_H, Box, clean_text, shorten
from exports.pptx_map import add_badge, add_title, fill_shape
from exports.pptx_slide_base import (
    CONTENT_W,
    PLAIN_INSETS,
    _goal_line,
    _page_title,
    _text_lines_height,
    _write_lines,
    text,
)

NAME_CLOSING = "Terugblik"
CLOSING_SIZES = (22, 20, 18, 16, 14)
ANSWER_MAX = 300
QUESTIONS = (("geleerd", "afsluiten.vraag_geleerd"), ("meenemen", "afsluiten.vraag_mee"))

Line = tuple[str, bool]  # text, bold (a question)


def closing_lines(data: WorkshopData) -> list[Line]:
    """Each question (bold) with its answers; empty when nobody answered."""
    if not data.closing:
        return []
    lines: list[Line] = []
    for question, key in QUESTIONS:
        answers = [
            shorten(clean_text(t).strip(), ANSWER_MAX) for t in data.closing_answers(question)
        ]
        lines.append((text(key, data.lang), True))
        lines += [(f"• {a}", False) for a in answers if a] or [
            (text("afsluiten.geen", data.lang), False)
        ]
    return lines


def add_closing_slides(prs, data: WorkshopData, badge_text: str | None) -> int:
    """The closing round over as many slides as needed (none without answers)."""
    lines = closing_lines(data)
    if not lines:
        return 0
    lang = data.lang
    goal = shorten(clean_text(data.goal).strip(), GOAL_MAX)
    title = text("afsluiten.titel", lang)
    block = title_block(
        _page_title(title, lang, 2), _goal_line(goal, data.date, lang, 99, 99), badge_text
    )
    top = block.box.top + block.box.height + 16
    box = Box(block.box.left, top, CONTENT_W, SLIDE_H - MARGIN_BOTTOM - top)
    left, _, right, _ = PLAIN_INSETS
    room = box.width - left - right
    limit = box.height - 4

    def entries(size: float, chunk: list[Line]) -> list[tuple[str, float, bool, float]]:
        return [(t, size, bold, size * (0.8 if bold else 0.3)) for t, bold in chunk]

    pages: list[list[Line]] = []
    size = CLOSING_SIZES[-1]
    for candidate in CLOSING_SIZES:
        if _text_lines_height(entries(candidate, lines), room) <= limit:
            size, pages = candidate, [lines]
            break
    if not pages:
        pages = [[]]
        for line in lines:
            if pages[-1] and _text_lines_height(entries(size, [*pages[-1], line]), room) > limit:
                pages.append([])
            pages[-1].append(line)
    for number, chunk in enumerate(pages, start=1):
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        add_title(
            slide,
            block.box,
            block.sizes,
            _page_title(title, lang, number),
            _goal_line(goal, data.date, lang, number, len(pages)),
            lang,
        )
        if block.badge and badge_text:
            add_badge(slide, block.badge, badge_text, lang)
        shape = slide.shapes.add_shape(
            MSO_SHAPE.RECTANGLE, Pt(box.left), Pt(box.top), Pt(box.width), Pt(box.height)
        )
        shape.name = NAME_CLOSING
        fill_shape(shape, None, None)
        _write_lines(shape, entries(size, chunk), lambda _index: INK, lang)
    return len(pages)


__all__ = ["NAME_CLOSING", "add_closing_slides", "closing_lines"]
