"""The action plan: numbered actions in two columns, at least 8 a slide, every text in full.

Each action is one paragraph: its number (bold, in the acties colour) and what is to be done,
then on a line of its own who, when and the condition it serves. The actions flow down the
left column, then the right one, then on to a next slide, like the long columns of the map
(:func:`exports.pptx_fit.paginate_parts`: measured with Arial's metrics, long words with
soft hyphens, an action longer than a whole column split between words, never cut). On the
last slide the actions are spread over both columns, which are only as tall as they need.

The size is the largest of PLAN_SIZES at which every slide but the last holds at least
PLAN_MIN_PER_SLIDE actions. Two columns instead of a table with a column per field: the who
and when of an action are short, so a table row is as tall as its "what" cell and most of
its width stays empty; in two columns the text fills the slide. Eight actions of 300
characters need about 2 × 30 lines of column: 12 pt is the size at which they fit (14 pt
needs about 2 × 35 lines, more than a slide has); shorter actions get 14–18 pt.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Sequence
from dataclasses import replace

from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Pt

from exports.pptx_fit import Para, paginate_parts, para_space_pt
from exports.pptx_layout import title_block
from exports.pptx_look import (
    BODY_FILL,
    BODY_INSETS,
    BULLET_INDENT,
    COLOURS,
    GOAL_MAX,
    INK,
    MARGIN_BOTTOM,
    MARGIN_X,
    QUESTION_INK,
    SLIDE_H,
    Box,
    clean_text,
    shorten,
)
from exports.pptx_map import (
    add_badge,
    add_text,
    add_title,
    fill_shape,
    format_paragraph,
    text_frame,
)
from exports.pptx_slide_base import CONTENT_W, GAP, NAME_PLAN, _goal_line, _page_title, text
from flows.kaart import Kolom
from flows.texts import plain

PLAN_SIZES = (18, 17, 16, 15, 14, 13, 12)  # largest first; 12 only for long actions
PLAN_MIN_PER_SLIDE = 8
PLAN_COLUMNS = 2
CONDITION_MAX = 70  # the linked condition is a reference: its start says which one
_NUMBER = re.compile(r"\d+\. ")


def _reference(condition: str) -> str:
    """The linked condition, shortened: the full one is on the map and in the CSV."""
    return shorten(" ".join(clean_text(condition).split()), CONDITION_MAX)


def plan_boxes(top: float) -> list[Box]:
    """The columns of a plan slide, side by side under the title."""
    width = (CONTENT_W - (PLAN_COLUMNS - 1) * GAP) / PLAN_COLUMNS
    height = SLIDE_H - MARGIN_BOTTOM - top
    return [Box(MARGIN_X + i * (width + GAP), top, width, height) for i in range(PLAN_COLUMNS)]


def _measure_box(box: Box) -> Box:
    """The box pptx_fit measures: its room leaves a bullet indent, which the plan has not
    (the number starts the line), so it measures a box that much wider."""
    return Box(box.left, box.top, box.width + BULLET_INDENT, box.height)


def action_paras(rows: Sequence[tuple[str, str, str, str]], lang: str) -> list[Para]:
    """One paragraph per action: "12. what", then who · when · condition on a line of its own."""
    labels = (text("actie.wie", lang), text("actie.wanneer", lang))
    condition_label = text("export.plan_voorwaarde", lang)
    paras = []
    for what, who, when, condition in rows:
        what, who, when = (clean_text(c).strip() for c in (what, who, when))
        reference = _reference(condition)
        if not (what or who or when or reference):
            continue
        facts = [
            f"{label}: {value}" for label, value in zip(labels, (who, when), strict=True) if value
        ]
        if reference:
            facts.append(f"{condition_label}: {reference}")
        paras.append(
            Para(
                text=f"{len(paras) + 1}. {what}".rstrip(),
                sources="\n" + " · ".join(facts) if facts else "",
                lang=lang,
            )
        )
    return paras


def _starts(page: Sequence[Sequence[Para]]) -> int:
    """How many actions start on a slide (the rest of a split one does not count)."""
    return sum(1 for part in page for para in part if para.bullet)


def _one_slide(paras: Sequence[Para], boxes: Sequence[Box], size: float, height: float):
    """The paragraphs over the columns cut to height, when they fit one slide; else None."""
    parts = [_measure_box(replace(box, height=height)) for box in boxes]
    try:
        pages = paginate_parts(paras, parts, size)
    except ValueError:  # not even one line fits
        return None
    return pages[0] if len(pages) == 1 else None


def _balanced(
    page: Sequence[Sequence[Para]], boxes: Sequence[Box], size: float
) -> tuple[list[list[Para]], float]:
    """The last slide's actions spread over its columns: the lowest column height at which
    they still fit, so the columns end about level and no box stands mostly empty."""
    paras = [para for part in page for para in part]
    low, high = 0.0, boxes[0].height
    best = _one_slide(paras, boxes, size, high) or [list(part) for part in page]
    while high - low > 2:
        middle = (low + high) / 2
        found = _one_slide(paras, boxes, size, middle)
        if found is None:
            low = middle
        else:
            high, best = middle, found
    return best, math.ceil(high) if high < boxes[0].height else boxes[0].height


def plan_layout(
    paras: Sequence[Para], boxes: Sequence[Box]
) -> tuple[list[list[list[Para]]], float, float]:
    """The paragraphs per slide and column, the size, and the height of the last slide's
    columns. The size is the largest at which every slide but the last holds at least
    PLAN_MIN_PER_SLIDE actions, else the smallest."""
    parts = [_measure_box(box) for box in boxes]
    pages: list[list[list[Para]]] = []
    chosen = PLAN_SIZES[-1]
    for size in PLAN_SIZES:
        pages = paginate_parts(paras, parts, size)
        if all(_starts(page) >= PLAN_MIN_PER_SLIDE for page in pages[:-1]):
            chosen = size
            break
    last, height = _balanced(pages[-1], boxes, chosen)
    return [*pages[:-1], last], chosen, height


def write_actions(shape, paras: Sequence[Para], size: float, lang: str) -> None:
    """The actions into a column: the number bold in colour, the facts on their own line."""
    _, colour = COLOURS[Kolom.ACTIES]
    frame = text_frame(shape, BODY_INSETS)
    for index, para in enumerate(paras):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        format_paragraph(paragraph, size, space=para_space_pt(size))
        if para.note:
            add_text(paragraph, para.text, size, QUESTION_INK, lang, italic=True)
            continue
        number = _NUMBER.match(para.text) if para.bullet else None
        rest = para.text
        if number:
            add_text(paragraph, number.group(), size, colour, lang, bold=True)
            rest = para.text[number.end() :]
        if rest:
            add_text(paragraph, rest, size, INK, lang)
        if para.sources:
            add_text(paragraph, para.sources, size, QUESTION_INK, lang)


def add_plan_slides(
    prs,
    rows: Sequence[tuple[str, str, str, str]],
    goal: str,
    date: datetime.date,
    badge_text: str | None,
    lang: str,
) -> int:
    """The action plan over as many slides as needed; returns how many."""
    title = text("actie.titel", lang)
    goal = shorten(clean_text(goal).strip(), GOAL_MAX)
    block = title_block(
        _page_title(title, lang, 2), _goal_line(goal, date, lang, 99, 99), badge_text
    )
    boxes = plan_boxes(block.box.top + block.box.height + 12)
    paras = action_paras(rows, lang)
    if not paras:
        empty = clean_text(plain("export.geen_antwoorden", lang))
        paras = [Para(text=empty, bullet=False, note=True)]
    pages, size, last_height = plan_layout(paras, boxes)
    _, line = COLOURS[Kolom.ACTIES]
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
        for index, (box, part) in enumerate(zip(boxes, page, strict=False)):
            if not part:
                continue  # never an empty box
            if page_no == len(pages):
                box = replace(box, height=last_height)
            shape = slide.shapes.add_shape(
                MSO_SHAPE.RECTANGLE, Pt(box.left), Pt(box.top), Pt(box.width), Pt(box.height)
            )
            shape.name = NAME_PLAN + (f" ({index + 1})" if index else "")
            fill_shape(shape, BODY_FILL, line)
            write_actions(shape, part, size, lang)
    return len(pages)
