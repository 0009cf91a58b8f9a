"""Layout of the partnership map slides, decided before any shape is made.

The look (geometry, colours, font sizes), the text hygiene, and every sizing decision:
each text is measured with ``exports.fonts``; a column gets the largest body size at which
it fits, and when it does not fit at the smallest size its items are paginated over
continuation slides (an item longer than a whole column is split between words).
:func:`layout_map` gives the result for one map; :mod:`exports.pptx_map` builds the slides.
"""

from __future__ import annotations

import datetime
import math
import re
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from exports import fonts
from exports.model import MapData, MapItem
from flows.kaart import MAP_ORDER, Kolom
from flows.texts import plain

# -- look -------------------------------------------------------------------------------------

FONT = "Arial"  # what the file asks for; measured with DejaVu Sans (wider), see fonts.py
SLIDE_W, SLIDE_H = 960.0, 540.0  # 13.333 × 7.5 in, in points
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 24.0, 16.0, 18.0
COL_GAP = 8.0
COL_W = (SLIDE_W - 2 * MARGIN_X - 4 * COL_GAP) / 5

BODY_SIZES = (16, 15, 14, 13, 12)  # largest first; never below 12 pt
MIN_BODY_SIZE = BODY_SIZES[-1]
BODY_INSETS = (8.0, 6.0, 8.0, 6.0)
BULLET_INDENT = 13.0  # hanging indent; wider than a bullet at 16 pt, so text starts here
HEADER_INSETS = (8.0, 6.0, 8.0, 7.0)
HEADER_NAME_SIZE = 16
HEADER_QUESTION_SIZE = 11
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
ARROW_FILL = "EEF1F5"
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


# -- paragraphs of a column ---------------------------------------------------------------------


@dataclass(frozen=True)
class Para:
    """One paragraph of a column body: an item, part of an item, or the empty note."""

    text: str
    author: str = ""  # " — Anna"
    sources: str = ""  # " (Tafel 1, Tafel 2)"
    bullet: bool = True  # False for the continuation of a split item and the empty note
    note: bool = False  # the "(nog leeg)" note
    bold: bool = False  # a heading inside a body (e.g. a subgroup name on a comparison slide)

    @property
    def full(self) -> str:
        return self.text + self.author + self.sources


def _item_para(item: MapItem) -> Para | None:
    text = clean_text(item.text).strip()
    if not text:
        return None
    author = clean_text(item.author or "").strip()
    sources = [s for s in (clean_text(s).strip() for s in item.sources) if s]
    return Para(
        text=text,
        author=f" — {author}" if author else "",
        sources=f" ({', '.join(sources)})" if sources else "",
    )


# Measuring is the hot spot of a big deck: the same text is measured at several sizes, then
# again while paginating. Cache per (text, width, size, bold).
@lru_cache(maxsize=65536)
def line_spans(
    text: str, width_pt: float, size: float, bold: bool = False
) -> tuple[tuple[int, int], ...]:
    """fonts.wrap, cached."""
    return tuple(fonts.wrap(text, width_pt, size, bold))


def line_count(text: str, width_pt: float, size: float, bold: bool = False) -> int:
    """fonts.line_count, cached."""
    return len(line_spans(text, width_pt, size, bold))


@lru_cache(maxsize=65536)
def breaks_words(text: str, width_pt: float, size: float, bold: bool = False) -> bool:
    """fonts.breaks_words, cached."""
    return fonts.breaks_words(text, width_pt, size, bold)


def line_height_pt(size: float) -> float:
    return round(size * fonts.LINE_FACTOR, 2)


def para_space_pt(size: float) -> float:
    return round(size * 0.35, 1)


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    width: float
    height: float


def _body_room(box: Box) -> tuple[float, float]:
    left, top, right, bottom = BODY_INSETS
    return box.width - left - right - BULLET_INDENT, box.height - top - bottom


def para_height(para: Para, room_w: float, size: float) -> float:
    """Height of one body paragraph (lines plus the space before it) in room_w."""
    lines = line_count(para.full, room_w, size, para.bold)
    return lines * line_height_pt(size) + para_space_pt(size)


def body_room(box: Box) -> tuple[float, float]:
    """Room for text in a body box: width (insets and bullet indent off) and height."""
    return _body_room(box)


def _body_fits(paras: Sequence[Para], box: Box, size: float) -> bool:
    # The same sum as fonts.fits with BODY_INSETS and BULLET_INDENT, per paragraph (bold
    # headings measure bold) and with cached line counts.
    # Stops measuring as soon as the box is full: most long columns overflow early.
    room_w, room_h = _body_room(box)
    if room_w <= 0 or room_h <= 0:
        return not paras
    limit = room_h + 1e-6
    if len(paras) * (line_height_pt(size) + para_space_pt(size)) > limit:
        return False  # at least one line each does not fit
    used = 0.0
    for para in paras:
        used += para_height(para, room_w, size)
        if used > limit:
            return False
    return True


def split_para(para: Para, keep_lines: int, room_w: float, size: float) -> tuple[Para, Para] | None:
    """Split para after keep_lines lines, between words; None when that is not possible."""
    full = para.full
    spans = line_spans(full, room_w, size, para.bold)
    limit = len(para.text)
    j = min(keep_lines, len(spans) - 1)
    # The head must end inside the text (author and sources stay with the last part) and
    # the tail must still hold some text.
    while j >= 1 and (spans[j - 1][1] > limit or spans[j][0] >= limit):
        j -= 1
    if j < 1:
        return None
    head = replace(para, text=full[: spans[j - 1][1]], author="", sources="")
    tail = replace(para, text=para.text[spans[j][0] :], bullet=False)
    return head, tail


def paginate(paras: Sequence[Para], box: Box, size: float) -> list[list[Para]]:
    """Distribute paragraphs over as many boxes as needed; whole items move on, an item
    longer than a whole box is split at line (word) boundaries."""
    room_w, room_h = _body_room(box)
    line, space = line_height_pt(size), para_space_pt(size)
    pages: list[list[Para]] = [[]]
    used = 0.0
    queue = deque(paras)
    while queue:
        para = queue.popleft()
        needed = para_height(para, room_w, size)
        if used + needed <= room_h + 1e-6:
            pages[-1].append(para)
            used += needed
            continue
        if needed <= room_h + 1e-6 and pages[-1]:
            pages.append([])  # fits a fresh box: move the whole item on
            used = 0.0
            queue.appendleft(para)
            continue
        keep = math.floor((room_h - used - space + 1e-6) / line)
        parts = split_para(para, keep, room_w, size) if keep >= 2 or not pages[-1] else None
        if parts is None and not pages[-1]:
            # Author/sources alone longer than a box: split them as plain text.
            plain_para = Para(text=para.full, bullet=para.bullet, note=para.note, bold=para.bold)
            parts = split_para(plain_para, max(keep, 1), room_w, size)
            if parts is None:  # cannot happen for a box that holds one line; be safe
                raise ValueError("column box too small for a single line of text")
        if parts is None:
            pages.append([])
            used = 0.0
            queue.appendleft(para)
            continue
        head, tail = parts
        pages[-1].append(head)
        pages.append([])
        used = 0.0
        queue.appendleft(tail)
    if not pages[-1] and len(pages) > 1:
        pages.pop()
    return pages


def _column_pages(paras: Sequence[Para], box: Box) -> tuple[list[list[Para]], float]:
    """The paragraphs per slide for one column and the font size for its body.

    The largest size at which everything fits, preferring one at which no word has to be
    broken in the middle."""
    room_w, _ = _body_room(box)
    if not _body_fits(paras, box, MIN_BODY_SIZE):  # then no larger size fits either
        return paginate(paras, box, MIN_BODY_SIZE), MIN_BODY_SIZE
    fitting = [size for size in BODY_SIZES if _body_fits(paras, box, size)]
    for size in fitting:
        if not any(breaks_words(p.full, room_w, size, p.bold) for p in paras):
            return [list(paras)], size
    if fitting:
        return [list(paras)], fitting[0]
    return paginate(paras, box, MIN_BODY_SIZE), MIN_BODY_SIZE


# -- geometry of a map slide ------------------------------------------------------------------


@dataclass(frozen=True)
class Geometry:
    title: Box
    title_sizes: tuple[int, int]
    badge: Box | None
    arrow: Box
    header_h: float
    body_top: float

    def column_left(self, position: int) -> float:
        return MARGIN_X + position * (COL_W + COL_GAP)

    def header(self, position: int) -> Box:
        return Box(
            self.column_left(position), self.arrow.top + self.arrow.height + 8, COL_W, self.header_h
        )

    def body(self, position: int) -> Box:
        return Box(
            self.column_left(position),
            self.body_top,
            COL_W,
            SLIDE_H - MARGIN_BOTTOM - self.body_top,
        )


def _title_height(title: str, subtitle: str, width: float, sizes: tuple[int, int]) -> float:
    left, top, right, bottom = TITLE_INSETS
    room = width - left - right
    big, small = sizes
    return (
        top
        + bottom
        + fonts.line_count(title, room, big, bold=True) * line_height_pt(big)
        + TITLE_SUB_SPACE
        + fonts.line_count(subtitle, room, small) * line_height_pt(small)
    )


def header_texts(kolom: Kolom, lang: str, goal: str) -> tuple[str, str]:
    name = f"{int(kolom)} {plain(f'kolom.{kolom.key}', lang)}"
    question = plain(f"vraag.{kolom.key}", lang, doel=goal)
    return clean_text(name), clean_text(question)


def _header_height(name: str, question: str) -> float:
    left, top, right, bottom = HEADER_INSETS
    room = COL_W - left - right
    return (
        top
        + bottom
        + fonts.line_count(name, room, HEADER_NAME_SIZE, bold=True)
        * line_height_pt(HEADER_NAME_SIZE)
        + HEADER_QUESTION_SPACE
        + fonts.line_count(question, room, HEADER_QUESTION_SIZE)
        * line_height_pt(HEADER_QUESTION_SIZE)
    )


@dataclass(frozen=True)
class TitleBlock:
    """The title area of a slide: title box, (title, subtitle) sizes and the concept badge."""

    box: Box
    sizes: tuple[int, int]
    badge: Box | None


def title_block(title: str, longest_subtitle: str, badge_text: str | None) -> TitleBlock:
    """Title and subtitle at the largest sizes that keep the title area low, with room for
    the concept badge at the right when there is one."""
    content_w = SLIDE_W - 2 * MARGIN_X
    badge = None
    title_w = content_w
    if badge_text:
        left, top, right, bottom = BADGE_INSETS
        width = math.ceil(
            fonts.text_width(badge_text, BADGE_SIZE, bold=True) / fonts.WIDTH_SAFETY
            + left
            + right
            + 4
        )
        height = math.ceil(line_height_pt(BADGE_SIZE) + top + bottom)
        badge = Box(SLIDE_W - MARGIN_X - width, MARGIN_TOP + 4, width, height)
        title_w = content_w - width - 16
    sizes = TITLE_SIZES[-1]
    title_h = _title_height(title, longest_subtitle, title_w, sizes)
    for candidate in TITLE_SIZES:
        needed = _title_height(title, longest_subtitle, title_w, candidate)
        if needed <= TITLE_MAX_H:
            sizes, title_h = candidate, needed
            break
    title_h = math.ceil(max(title_h, badge.height if badge else 0))
    return TitleBlock(Box(MARGIN_X, MARGIN_TOP, title_w, title_h), sizes, badge)


def _geometry(
    title: str, longest_subtitle: str, badge_text: str | None, lang: str, goal: str, hint: str
) -> Geometry:
    content_w = SLIDE_W - 2 * MARGIN_X
    block = title_block(title, longest_subtitle, badge_text)
    title_box, sizes, badge = block.box, block.sizes, block.badge
    title_h = title_box.height

    arrow_top = MARGIN_TOP + title_h + 8
    head = ARROW_HEAD * 26.0
    arrow_lines = fonts.line_count(hint, content_w - 2 * head - 8, ARROW_TEXT_SIZE)
    arrow_h = max(26.0, math.ceil(arrow_lines * line_height_pt(ARROW_TEXT_SIZE) / ARROW_SHAFT + 1))
    arrow = Box(MARGIN_X, arrow_top, content_w, arrow_h)

    header_h = math.ceil(max(_header_height(*header_texts(k, lang, goal)) for k in MAP_ORDER))
    body_top = arrow_top + arrow_h + 8 + header_h
    return Geometry(title_box, sizes, badge, arrow, header_h, body_top)


def date_text(date: datetime.date, lang: str) -> str:
    if lang == "nl":
        return date.strftime("%d-%m-%Y")
    return date.isoformat()


def page_subtitle(title: str, date: datetime.date, lang: str, page: int, pages: int) -> str:
    """'Tafel 1 (vervolg) · 29-11-2026 · 2/3': what, when, and which page of how many."""
    parts = [title + (f" ({plain('export.vervolg', lang)})" if page > 1 else "")]
    parts.append(date_text(date, lang))
    if pages > 1:
        parts.append(f"{page}/{pages}")
    return " · ".join(parts)


def _subtitle(data: MapData, title: str, page: int, pages: int) -> str:
    return page_subtitle(title, data.date, data.lang, page, pages)


# -- one map ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MapLayout:
    """One map laid out: its texts, the geometry shared by all its slides, and per column
    the body font size and the paragraphs on each slide."""

    data: MapData
    goal: str
    map_title: str
    title: str
    hint: str
    badge_text: str | None
    geo: Geometry
    column_pages: dict[Kolom, list[list[Para]]]
    column_size: dict[Kolom, float]

    @property
    def lang(self) -> str:
        return self.data.lang

    @property
    def pages(self) -> int:
        return max(len(p) for p in self.column_pages.values())

    def subtitle(self, page: int) -> str:
        return _subtitle(self.data, self.map_title, page, self.pages)

    def chunk(self, kolom: Kolom, page: int) -> list[Para]:
        """The paragraphs of the column on slide ``page`` (1-based; empty past its end)."""
        pages = self.column_pages[kolom]
        return pages[page - 1] if page <= len(pages) else []


def layout_map(data: MapData) -> MapLayout:
    """Texts, geometry, body sizes and the slide of every paragraph for one map."""
    lang = data.lang
    goal = shorten(clean_text(data.goal).strip(), GOAL_MAX)
    map_title = shorten(clean_text(data.title).strip(), GOAL_MAX)
    title = clean_text(plain("export.kaart_titel", lang, doel=goal))
    hint = clean_text(plain("export.rtl_hint", lang))
    badge_text = clean_text(plain("export.concept", lang)) if data.concept else None
    # Measure the title with the longest subtitle it can get, so every slide of this map
    # has the same geometry.
    longest_subtitle = _subtitle(data, map_title, 99, 99)
    geo = _geometry(title, longest_subtitle, badge_text, lang, goal, hint)

    column_pages: dict[Kolom, list[list[Para]]] = {}
    column_size: dict[Kolom, float] = {}
    for position, kolom in enumerate(MAP_ORDER):
        paras = [p for p in (_item_para(item) for item in data.columns.get(kolom, ())) if p]
        if not paras:
            empty = clean_text(plain("export.geen_antwoorden", lang))
            paras = [Para(text=empty, bullet=False, note=True)]
        column_pages[kolom], column_size[kolom] = _column_pages(paras, geo.body(position))
    return MapLayout(
        data=data,
        goal=goal,
        map_title=map_title,
        title=title,
        hint=hint,
        badge_text=badge_text,
        geo=geo,
        column_pages=column_pages,
        column_size=column_size,
    )
