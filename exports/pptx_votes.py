"""The votes slide(s): the items of the joint model that got votes, most first, with their
column; 14 pt or more, continued on a next slide when the list is long."""

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
from flows.kaart import FILL_ORDER

NAME_VOTES = "Stemmen"
VOTE_SIZES = (22, 20, 18, 16, 14)
ITEM_MAX = 200  # a very long item is shortened here; it stands in full on the map


def vote_lines(data: WorkshopData) -> list[str]:
    """'12 stemmen: Iedereen kan meedoen (1 Waarden)', most votes first."""
    lang = data.lang
    items = [
        (item.votes, index, kolom, item)
        for index, kolom in enumerate(FILL_ORDER)
        for item in data.model.get(kolom, ())
        if item.votes > 0 and clean_text(item.text).strip()
    ]
    items.sort(key=lambda t: (-t[0], t[1]))
    lines = []
    for votes, _, kolom, item in items:
        count = (
            text("export.stemmen_een", lang)
            if votes == 1
            else text("export.stemmen_veel", lang, aantal=votes)
        )
        column = f"{int(kolom)} {text(f'kolom.{kolom.key}', lang)}"
        item_text = shorten(clean_text(item.text).strip(), ITEM_MAX)
        lines.append(f"{count}: {item_text} ({column})")
    return lines


def add_vote_slides(prs, data: WorkshopData, badge_text: str | None) -> int:
    """The votes over as many slides as needed (none when nobody voted); returns how many."""
    lines = vote_lines(data)
    if not lines:
        return 0
    lang = data.lang
    goal = shorten(clean_text(data.goal).strip(), GOAL_MAX)
    title = text("export.stemmen_titel", lang)
    block = title_block(
        _page_title(title, lang, 2), _goal_line(goal, data.date, lang, 99, 99), badge_text
    )
    top = block.box.top + block.box.height + 16
    box = Box(block.box.left, top, CONTENT_W, SLIDE_H - MARGIN_BOTTOM - top)
    left, _, right, _ = PLAIN_INSETS
    room = box.width - left - right
    limit = box.height - 4

    def entries(size: float, chunk: list[str]) -> list[tuple[str, float, bool, float]]:
        return [(line, size, False, size * 0.4) for line in chunk]

    pages: list[list[str]] = []
    size = VOTE_SIZES[-1]
    for candidate in VOTE_SIZES:
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
        shape.name = NAME_VOTES
        fill_shape(shape, None, None)
        _write_lines(shape, entries(size, chunk), lambda _index: INK, lang)
    return len(pages)


__all__ = ["NAME_VOTES", "add_vote_slides", "vote_lines"]
