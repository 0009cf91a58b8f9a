"""The slides of the workshop deck besides the maps: title, comparison and action plan.

Each builder lays out first (every text measured with the cached helpers of
:mod:`exports.pptx_layout`) and then writes python-pptx shapes with the helpers of
:mod:`exports.pptx_map`, so what was measured is what renders: auto-fit off, word wrap on,
exact line spacing, nothing below 12 pt. Long content continues on next slides; a text longer
than a whole box or page is split between words, never cut.
"""

from __future__ import annotations

import datetime
import math
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Pt

from exports.pptx_layout import (
    BODY_SIZES,
    COLOURS,
    GOAL_MAX,
    INK,
    MARGIN_BOTTOM,
    MARGIN_X,
    MIN_BODY_SIZE,
    MUTED,
    SLIDE_H,
    SLIDE_W,
    Box,
    Para,
    body_room,
    breaks_words,
    clean_text,
    date_text,
    line_count,
    line_height_pt,
    line_spans,
    page_subtitle,
    paginate,
    para_height,
    para_space_pt,
    shorten,
    split_para,
    title_block,
)
from exports.pptx_map import (
    NAME_CONCEPT,
    add_badge,
    add_text,
    add_title,
    fill_shape,
    format_paragraph,
    text_frame,
    write_paras,
)
from flows.kaart import MAP_ORDER, Kolom
from flows.texts import plain

# catalogue: move to flows/texts


def text(key: str, lang: str, **params: object) -> str:
    """A text of this module (Dutch when the language is unknown), cleaned for the file."""
    return clean_text(plain(key, lang, **params))


# Shape names, so a reader (and the tests) can find the parts.
NAME_GOAL = "Doel"
NAME_FACTS = "Gegevens"
NAME_CHIP = "Kolom {}"
NAME_SHARED = "Gedeeld"
NAME_OWN = "Eigen {}"
NAME_SHARED_HEAD = "Kop gedeeld"
NAME_OWN_HEAD = "Kop eigen"
NAME_PLAN = "Actieplan"

CONTENT_W = SLIDE_W - 2 * MARGIN_X
GAP = 8.0
PLAIN_INSETS = (4.0, 2.0, 4.0, 2.0)


def _box_shape(slide, box: Box, kind=MSO_SHAPE.RECTANGLE):
    return slide.shapes.add_shape(kind, Pt(box.left), Pt(box.top), Pt(box.width), Pt(box.height))


def _text_lines_height(lines: Sequence[tuple[str, float, bool, float]], width: float) -> float:
    """Height of paragraphs (text, size, bold, space before) set in width (insets off)."""
    return sum(
        line_count(t, width, size, bold) * line_height_pt(size) + space
        for t, size, bold, space in lines
    )


def _write_lines(shape, lines, colour_of, lang: str, insets=PLAIN_INSETS, anchor=MSO_ANCHOR.TOP):
    frame = text_frame(shape, insets, anchor)
    for index, (t, size, bold, space) in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        format_paragraph(paragraph, size, space=space)
        add_text(paragraph, t, size, colour_of(index), lang, bold=bold)


# -- the title slide ----------------------------------------------------------------------------

GOAL_SIZES = (30, 28, 26, 24, 22, 20, 18, 16, 14)
FACT_SIZE = 18
NOTE_SIZE = 14
CHIP_SIZE = 14
DECK_TITLE_SIZE = 44


@dataclass(frozen=True)
class TitleFacts:
    goal: str
    date: datetime.date
    subgroups: int
    participants: int
    roles: tuple[str, ...]
    final: bool
    lang: str


def add_title_slide(prs, facts: TitleFacts) -> None:
    lang = facts.lang
    badge_text = None if facts.final else clean_text(plain("export.concept", lang))
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    block = title_block(" ", " ", badge_text)
    if block.badge and badge_text:
        add_badge(slide, block.badge, badge_text, lang)

    left, width = MARGIN_X + 40, CONTENT_W - 80
    room = width - PLAIN_INSETS[0] - PLAIN_INSETS[2]
    top = 92.0
    # The deck title, in the title placeholder.
    title_lines = [(text("deck.titel", lang), DECK_TITLE_SIZE, True, 0.0)]
    title_h = math.ceil(_text_lines_height(title_lines, room) + PLAIN_INSETS[1] + 8)
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = Pt(left), Pt(top), Pt(width), Pt(title_h)
    _write_lines(shape, title_lines, lambda _: INK, lang)
    top += title_h + 6

    # Facts, bottom up: the column chips, then the facts box; the goal takes what is left.
    chip_h = 44.0
    chip_top = SLIDE_H - MARGIN_BOTTOM - 12 - chip_h
    facts_lines = [(text("deck.datum", lang, datum=date_text(facts.date, lang)), FACT_SIZE)]
    facts_lines.append(
        (
            text("deck.aantallen", lang, groepen=facts.subgroups, deelnemers=facts.participants),
            FACT_SIZE,
        )
    )
    roles = [r for r in (clean_text(r).strip() for r in facts.roles) if r]
    if roles:
        facts_lines.append((text("deck.rollen", lang, rollen=", ".join(roles)), FACT_SIZE))
    status = "deck.definitief" if facts.final else "deck.concept_uitleg"
    facts_lines.append((text(status, lang), NOTE_SIZE))
    lines = [(t, size, False, 6.0 if i else 0.0) for i, (t, size) in enumerate(facts_lines)]
    # A very long roles line must not push the rest off the slide: shorten it to fit.
    max_facts_h = 150.0
    while _text_lines_height(lines, room) > max_facts_h and len(lines[2][0]) > 40:
        t, size, bold, space = lines[2]
        lines[2] = (shorten(t, max(40, len(t) * 2 // 3)), size, bold, space)
    facts_h = math.ceil(_text_lines_height(lines, room) + PLAIN_INSETS[1] + PLAIN_INSETS[3] + 1)
    facts_top = chip_top - 18 - facts_h

    goal_room_h = facts_top - 14 - top - PLAIN_INSETS[1] - PLAIN_INSETS[3]
    goal = clean_text(facts.goal).strip()
    goal_lines = None
    for size in GOAL_SIZES:
        candidate = [(goal, size, False, 0.0)]
        if _text_lines_height(candidate, room) <= goal_room_h:
            goal_lines = candidate
            break
    if goal_lines is None:  # an absurdly long goal: the first part, at the smallest size
        size = GOAL_SIZES[-1]
        max_lines = max(1, int(goal_room_h // line_height_pt(size)))
        spans = line_spans(goal, room, size)
        cut = shorten(goal[: spans[max_lines - 1][1]], spans[max_lines - 1][1])
        while _text_lines_height([(cut, size, False, 0.0)], room) > goal_room_h:
            cut = shorten(cut, len(cut) - 5)
        goal_lines = [(cut, size, False, 0.0)]
    goal_h = _text_lines_height(goal_lines, room) + PLAIN_INSETS[1] + PLAIN_INSETS[3] + 1
    shape = slide.shapes.add_textbox(Pt(left), Pt(top), Pt(width), Pt(goal_h))
    shape.name = NAME_GOAL
    _write_lines(shape, goal_lines, lambda _: INK, lang)

    shape = slide.shapes.add_textbox(Pt(left), Pt(facts_top), Pt(width), Pt(facts_h))
    shape.name = NAME_FACTS
    last = len(lines) - 1
    _write_lines(shape, lines, lambda i: MUTED if i == last else INK, lang)

    # The five columns as on the map, as a reminder of the method.
    chip_w = (CONTENT_W - 4 * GAP) / 5
    for position, kolom in enumerate(MAP_ORDER):
        box = Box(MARGIN_X + position * (chip_w + GAP), chip_top, chip_w, chip_h)
        chip = _box_shape(slide, box)
        chip.name = NAME_CHIP.format(int(kolom))
        fill, line = COLOURS[kolom]
        fill_shape(chip, fill, line)
        name = clean_text(f"{int(kolom)} {plain(f'kolom.{kolom.key}', lang)}")
        _write_lines(
            chip, [(name, CHIP_SIZE, True, 0.0)], lambda _: INK, lang, anchor=MSO_ANCHOR.MIDDLE
        )
        chip.text_frame.paragraphs[0].alignment = PP_ALIGN.CENTER


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
    one slide without a broken word, else 12 pt over as many slides as needed."""
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
    prs, comp: Comparison, goal: str, date: datetime.date, badge_text: str | None, lang: str
) -> int:
    """The slides of one column's comparison; returns how many."""
    kolom = comp.kolom
    name = clean_text(f"{int(kolom)} {plain(f'kolom.{kolom.key}', lang)}")
    title = text("vergelijk.titel", lang, kolom=name)
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


def _page_title(title: str, lang: str, page: int) -> str:
    """The title, with "(vervolg)" on continuation slides."""
    return title + (f" ({clean_text(plain('export.vervolg', lang))})" if page > 1 else "")


def _goal_line(goal: str, date: datetime.date, lang: str, page: int, pages: int) -> str:
    """'<goal> · 29-11-2026 · 2/3' (the page only when there are more)."""
    return page_subtitle(goal, date, lang, 1, 1) + (f" · {page}/{pages}" if pages > 1 else "")


def _page(pages: list[list[Para]], index: int) -> list[Para]:
    return pages[index] if index < len(pages) else []


# -- the action plan ------------------------------------------------------------------------------

TABLE_SIZES = (16, 15, 14, 13, 12)
TABLE_HEAD_SIZE = 14
CELL_INSETS = (6.0, 4.0, 6.0, 4.0)
COLUMN_SHARES = (0.40, 0.17, 0.15, 0.28)
TABLE_LINE = "B9B2C9"
ROW_FILLS = ("FFFFFF", "F6F3FA")


@dataclass(frozen=True)
class PlanRow:
    cells: tuple[str, str, str, str]
    continued: bool = False  # the rest of a row that did not fit the previous slide


def column_widths() -> list[float]:
    widths = [round(CONTENT_W * share, 1) for share in COLUMN_SHARES]
    widths[-1] = round(CONTENT_W - sum(widths[:-1]), 1)
    return widths


def _cell_room(width: float) -> float:
    return width - CELL_INSETS[0] - CELL_INSETS[2]


def row_height(cells: Sequence[str], size: float, bold: bool = False) -> float:
    """Height of a table row: its tallest cell, plus the cell insets."""
    lines = max(
        line_count(c, _cell_room(w), size, bold) if c else 1
        for c, w in zip(cells, column_widths(), strict=True)
    )
    return lines * line_height_pt(size) + CELL_INSETS[1] + CELL_INSETS[3] + 1


def _split_row(row: PlanRow, keep: int, size: float) -> tuple[PlanRow, PlanRow] | None:
    """The first keep lines of every cell, and the rest; None when nothing would move."""
    heads, tails = [], []
    for cell, width in zip(row.cells, column_widths(), strict=True):
        spans = line_spans(cell, _cell_room(width), size) if cell else ((0, 0),)
        if len(spans) <= keep:
            heads.append(cell)
            tails.append("")
        else:
            heads.append(cell[: spans[keep - 1][1]])
            tails.append(cell[spans[keep][0] :])
    if not any(tails) or not any(heads):
        return None
    return PlanRow(tuple(heads), row.continued), PlanRow(tuple(tails), True)


def paginate_rows(
    rows: Sequence[PlanRow], header: Sequence[str], room_h: float, size: float
) -> list[list[PlanRow]]:
    """Rows per slide under a repeated header row; a row taller than a slide is split
    between lines (words) of its cells."""
    avail = room_h - row_height(header, TABLE_HEAD_SIZE, bold=True)
    line = line_height_pt(size)
    extra = CELL_INSETS[1] + CELL_INSETS[3] + 1
    pages: list[list[PlanRow]] = [[]]
    used = 0.0
    queue = deque(rows)
    while queue:
        row = queue.popleft()
        needed = row_height(row.cells, size)
        if used + needed <= avail + 1e-6:
            pages[-1].append(row)
            used += needed
            continue
        keep = math.floor((avail - used - extra + 1e-6) / line)
        parts = None
        if needed > avail + 1e-6 and (keep >= 2 or (not pages[-1] and keep >= 1)):
            parts = _split_row(row, keep, size)
        if parts is None and not pages[-1]:
            raise ValueError("table page too small for one line")
        if parts is not None:
            pages[-1].append(parts[0])
            queue.appendleft(parts[1])
        else:
            queue.appendleft(row)
        pages.append([])
        used = 0.0
    if not pages[-1] and len(pages) > 1:
        pages.pop()
    return pages


def plan_layout(rows: Sequence[PlanRow], header: Sequence[str], room_h: float):
    """The largest size at which the plan fits one slide without broken words, else 12 pt
    over as many slides as needed."""
    widths = column_widths()
    for size in TABLE_SIZES:
        pages = paginate_rows(rows, header, room_h, size)
        if size == TABLE_SIZES[-1]:
            return pages, size
        broken = any(
            breaks_words(c, _cell_room(w), size)
            for r in rows
            for c, w in zip(r.cells, widths, strict=True)
        )
        if len(pages) == 1 and not broken:
            return pages, size
    raise AssertionError("unreachable")


def _cell_border(cell, colour: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    for tag in ("a:lnL", "a:lnR", "a:lnT", "a:lnB"):
        ln = tc_pr.find(qn(tag))
        if ln is not None:
            tc_pr.remove(ln)
    # Schema order: lnL, lnR, lnT, lnB before any fill.
    for index, tag in enumerate(("a:lnL", "a:lnR", "a:lnT", "a:lnB")):
        ln = tc_pr.makeelement(qn(tag), {"w": str(Pt(0.75)), "cmpd": "sng"})
        solid = ln.makeelement(qn("a:solidFill"), {})
        solid.append(solid.makeelement(qn("a:srgbClr"), {"val": colour}))
        ln.append(solid)
        tc_pr.insert(index, ln)


def _write_cell(cell, value: str, size: float, colour: str, fill: str, lang: str, bold=False):
    cell.margin_left, cell.margin_top, cell.margin_right, cell.margin_bottom = (
        Pt(v) for v in CELL_INSETS
    )
    cell.vertical_anchor = MSO_ANCHOR.TOP
    _cell_border(cell, TABLE_LINE)
    cell.fill.solid()
    cell.fill.fore_color.rgb = RGBColor.from_string(fill)
    frame = cell.text_frame
    frame.word_wrap = True
    paragraph = frame.paragraphs[0]
    format_paragraph(paragraph, size)
    add_text(paragraph, value, size, colour, lang, bold=bold)


def add_plan_slides(
    prs,
    rows: Sequence[tuple[str, str, str, str]],
    goal: str,
    date: datetime.date,
    badge_text: str | None,
    lang: str,
) -> int:
    """The action plan as a table over as many slides as needed; returns how many."""
    title = text("actie.titel", lang)
    goal = shorten(clean_text(goal).strip(), GOAL_MAX)
    block = title_block(
        _page_title(title, lang, 2), _goal_line(goal, date, lang, 99, 99), badge_text
    )
    top = block.box.top + block.box.height + 12
    room_h = SLIDE_H - MARGIN_BOTTOM - top
    header = tuple(
        text(k, lang) for k in ("actie.wat", "actie.wie", "actie.wanneer", "actie.voorwaarde")
    )
    plan_rows = [PlanRow(tuple(clean_text(c).strip() for c in r)) for r in rows]
    plan_rows = [r for r in plan_rows if any(r.cells)]
    if not plan_rows:
        plan_rows = [PlanRow((clean_text(plain("export.geen_antwoorden", lang)), "", "", ""))]
    pages, size = plan_layout(plan_rows, header, room_h)
    head_fill, _ = COLOURS[Kolom.ACTIES]
    widths = column_widths()
    for page_no, page in enumerate(pages, start=1):
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        add_title(
            slide,
            block.box,
            block.sizes,
            _page_title(title, lang, page_no),
            _goal_line(goal, date, lang, page_no, len(pages)),
            lang,
        )
        if block.badge and badge_text:
            add_badge(slide, block.badge, badge_text, lang)
        heights = [row_height(header, TABLE_HEAD_SIZE, bold=True)]
        heights += [row_height(r.cells, size) for r in page]
        graphic = slide.shapes.add_table(
            len(page) + 1, 4, Pt(MARGIN_X), Pt(top), Pt(CONTENT_W), Pt(sum(heights))
        )
        graphic.name = NAME_PLAN
        table = graphic.table
        table.first_row = True
        table.horz_banding = False
        for index, width in enumerate(widths):
            table.columns[index].width = Pt(width)
        for index, height in enumerate(heights):
            table.rows[index].height = Pt(height)
        for col, value in enumerate(header):
            _write_cell(table.cell(0, col), value, TABLE_HEAD_SIZE, INK, head_fill, lang, bold=True)
        for row_no, row in enumerate(page, start=1):
            fill = ROW_FILLS[(row_no - 1) % 2]
            for col, value in enumerate(row.cells):
                _write_cell(table.cell(row_no, col), value, size, INK, fill, lang)
    return len(pages)


__all__ = [
    "NAME_CHIP",
    "NAME_CONCEPT",
    "NAME_FACTS",
    "NAME_GOAL",
    "NAME_OWN",
    "NAME_OWN_HEAD",
    "NAME_PLAN",
    "NAME_SHARED",
    "NAME_SHARED_HEAD",
    "Comparison",
    "TitleFacts",
    "add_comparison_slides",
    "add_plan_slides",
    "add_title_slide",
    "text",
]
