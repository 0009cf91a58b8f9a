"""The action plan as a table (what, who, when, linked condition) over as many slides as needed.

The table gets the largest size at which it fits one slide; otherwise 14 pt, with the header
row repeated on every slide and a row taller than a slide split between words.
"""

from __future__ import annotations

import datetime
import math
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR
from pptx.oxml.ns import qn
from pptx.util import Pt

from exports.pptx_fit import breaks_words, line_count, line_height_pt, line_spans
from exports.pptx_layout import title_block
from exports.pptx_look import (
    COLOURS,
    GOAL_MAX,
    INK,
    MARGIN_BOTTOM,
    MARGIN_X,
    SLIDE_H,
    clean_text,
    shorten,
)
from exports.pptx_map import add_badge, add_text, add_title, format_paragraph
from exports.pptx_slide_base import CONTENT_W, NAME_PLAN, _goal_line, _page_title, text
from flows.kaart import Kolom
from flows.texts import plain

# -- the action plan ------------------------------------------------------------------------------

TABLE_SIZES = (18, 17, 16, 15, 14)  # never below 14 pt: it is projected
CONDITION_MAX = 70  # the linked condition is a reference: its start says which one
TABLE_HEAD_SIZE = 14
CELL_INSETS = (6.0, 4.0, 6.0, 4.0)
COLUMN_SHARES = (0.40, 0.17, 0.15, 0.28)
TABLE_LINE = "B9B2C9"
ROW_FILLS = ("FFFFFF", "F6F3FA")


@dataclass(frozen=True)
class PlanRow:
    cells: tuple[str, str, str, str]
    continued: bool = False  # the rest of a row that did not fit the previous slide


def _reference(condition: str) -> str:
    """The linked condition, shortened: the full one is on the map and in the CSV."""
    return shorten(" ".join(clean_text(condition).split()), CONDITION_MAX)


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
    """The largest size at which the plan fits one slide without broken words, else 14 pt
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
    plan_rows = [
        PlanRow((*(clean_text(c).strip() for c in r[:3]), _reference(r[3]))) for r in rows
    ]
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
