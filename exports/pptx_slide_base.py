"""What the slides besides the maps share: their texts, shape names and writing helpers.

The title, comparison and action-plan slides (:mod:`exports.pptx_title`,
:mod:`exports.pptx_compare`, :mod:`exports.pptx_plan`) lay out first, every text measured
with the cached helpers of :mod:`exports.pptx_fit`, and then write python-pptx shapes with
the helpers of :mod:`exports.pptx_map`, so what was measured is what renders: auto-fit off,
word wrap on, exact line spacing, nothing below 14 pt.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR
from pptx.util import Pt

from exports.pptx_fit import line_count, line_height_pt
from exports.pptx_layout import page_subtitle
from exports.pptx_look import MARGIN_X, SLIDE_W, Box, clean_text
from exports.pptx_map import add_text, format_paragraph, text_frame
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


def _page_title(title: str, lang: str, page: int) -> str:
    """The title, with "(vervolg)" on continuation slides."""
    return title + (f" ({clean_text(plain('export.vervolg', lang))})" if page > 1 else "")


def _goal_line(goal: str, date: datetime.date, lang: str, page: int, pages: int) -> str:
    """'<goal> · 29-11-2026 · 2/3' (the page only when there are more)."""
    return page_subtitle(goal, date, lang, 1, 1) + (f" · {page}/{pages}" if pages > 1 else "")
