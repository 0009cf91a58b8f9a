"""The look of the deck's slides and the text hygiene every slide builder shares.

Geometry of the slide, colours, font sizes and insets; :func:`clean_text` and
:func:`shorten` for what goes into the file; :class:`Box`, a rectangle in points. Measuring
and fitting text is in :mod:`exports.pptx_fit`, the layout of a map in
:mod:`exports.pptx_layout`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from flows.kaart import Kolom

# -- look -------------------------------------------------------------------------------------

FONT = "Arial"  # what the file asks for; measured with Liberation Sans (same metrics)
SLIDE_W, SLIDE_H = 960.0, 540.0  # 13.333 × 7.5 in, in points
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 24.0, 16.0, 18.0
COL_GAP = 8.0
COL_W = (SLIDE_W - 2 * MARGIN_X - 4 * COL_GAP) / 5
MIN_COL_W = 130.0  # a column's width follows its content, but never narrower than this
SUB_GAP = 6.0  # between the two (or three) sub-columns of a long column
MIN_SUB_W = 150.0  # a column flows into sub-columns only when each is at least this wide
MAX_SUBS = 3

BODY_SIZES = (18, 17, 16, 15, 14)  # largest first; never below 14 pt (read from the back)
MIN_BODY_SIZE = BODY_SIZES[-1]
BODY_INSETS = (8.0, 6.0, 8.0, 6.0)
BULLET_INDENT = 13.0  # hanging indent; wider than a bullet at 16 pt, so text starts here
HEADER_INSETS = (6.0, 5.0, 6.0, 6.0)
HEADER_NAME_SIZE = 16
HEADER_QUESTION_SIZE = 13  # the short question; the full ones are on the questions slide
HEADER_QUESTION_SPACE = 3.0
TITLE_SIZES = ((26, 16), (24, 15), (22, 14), (20, 13), (18, 12))  # (title, subtitle)
TITLE_INSETS = (2.0, 2.0, 2.0, 2.0)
TITLE_MAX_H = 66.0  # the title grows beyond this only when even the smallest size needs it
TITLE_SUB_SPACE = 2.0
ARROW_TEXT_SIZE = 12
ARROW_SHAFT = 0.76  # leftArrow adj1: shaft thickness as a share of the height
ARROW_HEAD = 0.6  # leftArrow adj2: head length as a share of the height
BADGE_SIZE = 14
BADGE_INSETS = (10.0, 4.0, 10.0, 4.0)
GOAL_MAX = 160  # the goal is repeated in title and question; longer goals are shortened

INK = "1F2933"
MUTED = "667085"
QUESTION_INK = "3B4451"
ARROW_FILL = "C9D3E0"  # visible on a projector, dark text still reads on it
BADGE_FILL, BADGE_LINE, BADGE_INK = "FFF1D6", "D9822B", "8A4300"
BODY_FILL = "FFFFFF"
# Calm colour per column: (header fill, line and bullet colour).
COLOURS: dict[Kolom, tuple[str, str]] = {
    Kolom.ACTIES: ("E4DCF0", "7E6AA8"),
    Kolom.VOORWAARDEN: ("F8DCCB", "C0764A"),
    Kolom.HANDELEN: ("FBEBC0", "B08A1E"),
    Kolom.RELATIES: ("D6EBDB", "4E8A5E"),
    Kolom.WAARDEN: ("D3E5F3", "3F78A8"),
}

# -- text hygiene -----------------------------------------------------------------------------

# Characters an XML 1.0 document cannot hold (or that python-pptx would escape), except tab
# and newline: other C0 controls, DEL and C1 controls, U+FFFE/U+FFFF and lone surrogates.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Text that can go into the file: line ends normalised, unsafe characters dropped.

    Emoji, accents, quotes and direction marks are kept exactly.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _UNSAFE.sub("", text)


def shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip() + "…"


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    width: float
    height: float
