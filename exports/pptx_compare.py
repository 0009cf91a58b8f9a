"""Comparison slides: per column, what the subgroups share and what each named on its own.

Long content continues on next slides; an item longer than a whole box is split between
words, never cut.
"""

from __future__ import annotations

import datetime
import math
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

from exports.pptx_fit import (
    Para,
    body_room,
    breaks_words,
    line_height_pt,
    paginate,
    para_height,
    para_space_pt,
    split_para,
)
from exports.pptx_layout import title_block
from exports.pptx_look import (
    BODY_SIZES,
    COLOURS,
    GOAL_MAX,
    INK,
    MARGIN_BOTTOM,
    MARGIN_X,
    MIN_BODY_SIZE,
    SLIDE_H,
    Box,
    clean_text,
    shorten,
)
from exports.pptx_map import add_badge, add_title, fill_shape, write_paras
from exports.pptx_slide_base import (
    CONTENT_W,
    GAP,
    NAME_OWN,
    NAME_OWN_HEAD,
    NAME_SHARED,
    NAME_SHARED_HEAD,
    _box_shape,
    _goal_line,
    _page_title,
    _write_lines,
    text,
)
from flows.kaart import Kolom
from flows.texts import plain

# -- comparison: what the groups share and where they differ ---------------------------------

HEAD_SIZE = 14
HEAD_INSETS = (8.0, 5.0, 8.0, 5.0)


@dataclass(frozen=True)
class Comparison:
    """One column compared over the subgroups (homogeneous round)."""

    kolom: Kolom
    shared: list[Para]  # items named by more than one subgroup, with their sources
    own: list[tuple[str, list[Para]]]  # per subgroup: the items only it named


def _comparison_boxes(top: float) -> tuple[Box, Box, Box, Box, Box]:
    """Shared header and body, own header and the two own bodies."""
    col_w = (CONTENT_W - 2 * GAP) / 3
    head_h = math.ceil(line_height_pt(HEAD_SIZE) + HEAD_INSETS[1] + HEAD_INSETS[3] + 1)
    body_top = top + head_h
    body_h = SLIDE_H - MARGIN_BOTTOM - body_top
    x = [MARGIN_X + i * (col_w + GAP) for i in range(3)]
    return (
        Box(x[0], top, col_w, head_h),
        Box(x[0], body_top, col_w, body_h),
        Box(x[1], top, 2 * col_w + GAP, head_h),
        Box(x[1], body_top, col_w, body_h),
        Box(x[2], body_top, col_w, body_h),
    )


def flow_grouped(
    groups: Sequence[tuple[str, Sequence[Para]]], box: Box, size: float, vervolg: str
) -> list[list[Para]]:
    """Flow groups (a bold heading and its items) through as many boxes as needed.

    A heading stays with the start of its first item; when a group continues in a next box
    its heading is repeated there with "(vervolg)". Items longer than a box are split
    between words, as on the maps."""
    room_w, room_h = body_room(box)
    line, space = line_height_pt(size), para_space_pt(size)
    eps = 1e-6
    pages: list[list[Para]] = [[]]
    used = 0.0
    for name, items in groups:
        heading = Para(text=name, bullet=False, bold=True)
        again = Para(text=f"{name} ({vervolg})", bullet=False, bold=True)
        head_h = para_height(heading, room_w, size)
        again_h = para_height(again, room_w, size)
        first = min(para_height(items[0], room_w, size), 2 * line + space) if items else 0.0
        if pages[-1] and used + head_h + first > room_h + eps:
            pages.append([])
            used = 0.0
        pages[-1].append(heading)
        used += head_h
        queue = deque(items)
        while queue:
            para = queue.popleft()
            needed = para_height(para, room_w, size)
            if used + needed <= room_h + eps:
                pages[-1].append(para)
                used += needed
                continue
            fresh = room_h - again_h
            keep = math.floor((room_h - used - space + eps) / line)
            only_heading = len(pages[-1]) == 1 and pages[-1][0].bold
            parts = None
            if needed > fresh + eps and (keep >= 2 or (only_heading and keep >= 1)):
                parts = split_para(para, keep, room_w, size)
                if parts is None and only_heading:
                    plain_para = Para(text=para.full, bullet=para.bullet, note=para.note)
                    parts = split_para(plain_para, keep, room_w, size)
            if parts is None and only_heading:
                raise ValueError("comparison box too small for a heading and one line")
            if parts is not None:
                pages[-1].append(parts[0])
                queue.appendleft(parts[1])
            else:
                queue.appendleft(para)
            pages.append([again])
            used = again_h
    if not pages[-1] and len(pages) > 1:
        pages.pop()
    return pages


def _comparison_layout(comp: Comparison, shared_box: Box, own_box: Box, vervolg: str, none: str):
    """The pages of both sides and the body size: the largest size at which everything fits
    one slide without a broken word, else 14 pt over as many slides as needed."""
    shared = comp.shared or [Para(text=none, bullet=False, note=True)]
    room_w, _ = body_room(shared_box)

    def pages_at(size: float):
        own_pages = (
            flow_grouped(comp.own, own_box, size, vervolg)
            if comp.own
            else [[Para(text=none, bullet=False, note=True)]]
        )
        return paginate(shared, shared_box, size), own_pages

    smallest = pages_at(MIN_BODY_SIZE)
    if len(smallest[0]) > 1 or len(smallest[1]) > 2:
        return (*smallest, MIN_BODY_SIZE)  # no larger size fits one slide either
    for size in BODY_SIZES[:-1]:
        shared_pages, own_pages = pages_at(size)
        paras = [p for page in shared_pages + own_pages for p in page]
        if (
            len(shared_pages) == 1
            and len(own_pages) <= 2
            and not any(breaks_words(p.full, room_w, size, p.bold) for p in paras)
        ):
            return shared_pages, own_pages, size
    return (*smallest, MIN_BODY_SIZE)


def add_comparison_slides(
    prs,
    comp: Comparison,
    goal: str,
    date: datetime.date,
    badge_text: str | None,
    lang: str,
    *,
    title_key: str = "vergelijk.titel",
) -> int:
    """The slides of one column's comparison; returns how many. ``title_key`` names the
    title (a follow-up shows its first meeting's comparison under its own title)."""
    kolom = comp.kolom
    name = clean_text(f"{int(kolom)} {plain(f'kolom.{kolom.key}', lang)}")
    title = text(title_key, lang, kolom=name)
    goal = shorten(clean_text(goal).strip(), GOAL_MAX)
    block = title_block(
        _page_title(title, lang, 2), _goal_line(goal, date, lang, 99, 99), badge_text
    )
    top = block.box.top + block.box.height + 10
    shared_head, shared_box, own_head, own_box, own_box2 = _comparison_boxes(top)
    vervolg = clean_text(plain("export.vervolg", lang))
    none = text("vergelijk.geen", lang)
    shared_pages, own_pages, size = _comparison_layout(comp, shared_box, own_box, vervolg, none)
    slides = max(len(shared_pages), math.ceil(len(own_pages) / 2))
    fill, line = COLOURS[kolom]
    heads = (text("vergelijk.gedeeld", lang), text("vergelijk.eigen", lang))
    for page in range(1, slides + 1):
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        add_title(
            slide,
            block.box,
            block.sizes,
            _page_title(title, lang, page),
            _goal_line(goal, date, lang, page, slides),
            lang,
        )
        if block.badge and badge_text:
            add_badge(slide, block.badge, badge_text, lang)
        for head_box, head_text, shape_name in (
            (shared_head, heads[0], NAME_SHARED_HEAD),
            (own_head, heads[1], NAME_OWN_HEAD),
        ):
            shape = _box_shape(slide, head_box)
            shape.name = shape_name
            fill_shape(shape, fill, line)
            _write_lines(
                shape, [(head_text, HEAD_SIZE, True, 0.0)], lambda _: INK, lang, HEAD_INSETS
            )
        chunks = [
            (shared_box, NAME_SHARED, _page(shared_pages, page - 1)),
            (own_box, NAME_OWN.format(1), _page(own_pages, 2 * page - 2)),
            (own_box2, NAME_OWN.format(2), _page(own_pages, 2 * page - 1)),
        ]
        for box, shape_name, paras in chunks:
            shape = _box_shape(slide, box)
            shape.name = shape_name
            fill_shape(shape, "FFFFFF", line)
            write_paras(shape, paras, size, line, lang)
    return slides


def _page(pages: list[list[Para]], index: int) -> list[Para]:
    return pages[index] if index < len(pages) else []
