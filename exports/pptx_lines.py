"""Slides of plain text lines under a title (the votes, the closing round): one size for
all lines, the largest that fits one slide, else the smallest, continued on next slides."""

from __future__ import annotations

from collections.abc import Sequence

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
)

SIZES = (22, 20, 18, 16, 14)
# One line on a slide: its text, whether it is bold, and the room after it (× its size).
Line = tuple[str, bool, float]


def add_line_slides(
    prs,
    data: WorkshopData,
    badge_text: str | None,
    *,
    title: str,
    name: str,
    lines: Sequence[Line],
) -> int:
    """The lines over as many slides as needed, each slide's box named name; how many."""
    lang = data.lang
    goal = shorten(clean_text(data.goal).strip(), GOAL_MAX)
    block = title_block(
        _page_title(title, lang, 2), _goal_line(goal, data.date, lang, 99, 99), badge_text
    )
    top = block.box.top + block.box.height + 16
    box = Box(block.box.left, top, CONTENT_W, SLIDE_H - MARGIN_BOTTOM - top)
    left, _, right, _ = PLAIN_INSETS
    room = box.width - left - right
    limit = box.height - 4

    def entries(size: float, chunk: Sequence[Line]) -> list[tuple[str, float, bool, float]]:
        return [(t, size, bold, size * after) for t, bold, after in chunk]

    pages: list[list[Line]] = []
    size = SIZES[-1]
    for candidate in SIZES:
        if _text_lines_height(entries(candidate, lines), room) <= limit:
            size, pages = candidate, [list(lines)]
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
        shape.name = name
        fill_shape(shape, None, None)
        _write_lines(shape, entries(size, chunk), lambda _index: INK, lang)
    return len(pages)


__all__ = ["SIZES", "Line", "add_line_slides"]
