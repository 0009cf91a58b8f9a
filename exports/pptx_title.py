"""The title slide of the workshop deck: the method, the goal, the date, the numbers of
subgroups and participants, the roles present, and the five columns as on the map.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass

from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Pt

from exports.pptx_fit import line_height_pt, line_spans
from exports.pptx_layout import date_text, title_block
from exports.pptx_look import (
    COLOURS,
    INK,
    MARGIN_BOTTOM,
    MARGIN_X,
    MUTED,
    SLIDE_H,
    Box,
    clean_text,
    shorten,
)
from exports.pptx_map import add_badge, fill_shape
from exports.pptx_slide_base import (
    CONTENT_W,
    GAP,
    NAME_CHIP,
    NAME_FACTS,
    NAME_GOAL,
    PLAIN_INSETS,
    _box_shape,
    _text_lines_height,
    _write_lines,
    text,
)
from flows.kaart import MAP_ORDER
from flows.texts import plain

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
