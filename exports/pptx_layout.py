"""Layout of the partnership map slides, decided before any shape is made.

The geometry of a map slide (title area, concept badge, arrow, column headers and bodies) and
:func:`layout_map`, which gives one map's texts, geometry, body sizes and the slide of every
paragraph; :mod:`exports.pptx_map` builds the slides. The look (sizes, colours) and the text
hygiene are in :mod:`exports.pptx_look`, measuring and pagination in :mod:`exports.pptx_fit`.
"""

from __future__ import annotations

import datetime
import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from exports import fonts
from exports.model import MapData
from exports.pptx_fit import (
    Para,
    _item_para,
    body_room,
    content_height,
    line_height_pt,
    paginate_parts,
)
from exports.pptx_look import (
    ARROW_HEAD,
    ARROW_SHAFT,
    ARROW_TEXT_SIZE,
    BADGE_INSETS,
    BADGE_SIZE,
    BODY_INSETS,
    BODY_SIZES,
    BULLET_INDENT,
    COL_GAP,
    COL_W,
    GOAL_MAX,
    HEADER_INSETS,
    HEADER_NAME_SIZE,
    HEADER_QUESTION_SIZE,
    HEADER_QUESTION_SPACE,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    MAX_SUBS,
    MIN_COL_W,
    MIN_SUB_W,
    SLIDE_H,
    SLIDE_W,
    SUB_GAP,
    TITLE_INSETS,
    TITLE_MAX_H,
    TITLE_SIZES,
    TITLE_SUB_SPACE,
    Box,
    clean_text,
    shorten,
)
from flows.kaart import MAP_ORDER, Kolom
from flows.texts import plain

# -- geometry of a map slide ------------------------------------------------------------------


@dataclass(frozen=True)
class Geometry:
    title: Box
    title_sizes: tuple[int, int]
    badge: Box | None
    arrow: Box
    header_h: float
    body_top: float
    widths: tuple[float, ...] = (COL_W,) * 5  # per position, left to right
    splits: tuple[int, ...] = (1,) * 5  # sub-columns per position

    def column_left(self, position: int) -> float:
        return MARGIN_X + sum(self.widths[:position]) + position * COL_GAP

    def header(self, position: int) -> Box:
        return Box(
            self.column_left(position),
            self.arrow.top + self.arrow.height + 8,
            self.widths[position],
            self.header_h,
        )

    def body(self, position: int) -> Box:
        return Box(
            self.column_left(position),
            self.body_top,
            self.widths[position],
            SLIDE_H - MARGIN_BOTTOM - self.body_top,
        )

    def parts(self, position: int) -> list[Box]:
        """The text boxes of a column body: one, or its sub-columns side by side."""
        body = self.body(position)
        count = self.splits[position]
        width = (body.width - (count - 1) * SUB_GAP) / count
        return [
            Box(body.left + i * (width + SUB_GAP), body.top, width, body.height)
            for i in range(count)
        ]

    def with_widths(self, widths: Sequence[float], splits: Sequence[int]) -> Geometry:
        return replace(self, widths=tuple(widths), splits=tuple(splits))


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
    question = plain(f"vraag_kort.{kolom.key}", lang)
    return clean_text(name), clean_text(question)


def full_question(kolom: Kolom, lang: str, goal: str) -> str:
    return clean_text(plain(f"vraag.{kolom.key}", lang, doel=goal))


def _header_height(name: str, question: str) -> float:
    left, top, right, bottom = HEADER_INSETS
    room = MIN_COL_W - left - right  # the narrowest a column gets
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


def _subtitle(data: MapData, title: str, page: int, pages: int, legend: str = "") -> str:
    text = page_subtitle(title, data.date, data.lang, page, pages)
    return f"{text} · {legend}" if legend else text


def source_codes(names: Sequence[str]) -> dict[str, str]:
    """A short code per subgroup name, for the sources of the joint map's items.

    "Subgroep Noord", "Subgroep Zuid" → "N", "Z"; "Tafel 1", "Tafel 2" → "T1", "T2"; when no
    short code tells them apart, "G1", "G2", … in order."""
    names = sorted(
        dict.fromkeys(n for n in names if n),
        key=lambda n: [int(p) if p.isdigit() else p.casefold() for p in re.split(r"(\d+)", n)],
    )
    if not names:
        return {}

    def last(name: str) -> str:
        return name.split()[-1] if name.split() else name

    def numbered(name: str) -> str:
        words = name.split()
        if len(words) > 1 and words[-1].isdigit():
            return words[0][0].upper() + words[-1]
        return ""

    strategies = (
        numbered,
        lambda n: last(n)[:1].upper(),
        lambda n: last(n)[:2].capitalize(),
        lambda n: last(n)[:3].capitalize(),
    )
    for strategy in strategies:
        codes = [strategy(n) for n in names]
        if all(codes) and len(set(codes)) == len(codes):
            return dict(zip(names, codes, strict=True))
    return {n: f"G{i}" for i, n in enumerate(names, start=1)}


def legend_text(codes: dict[str, str]) -> str:
    """'N = Subgroep Noord, Z = Subgroep Zuid': the key to the codes, for the subtitle."""
    return ", ".join(f"{code} = {name}" for name, code in codes.items())


# -- column widths ------------------------------------------------------------------------------


def column_widths(heights: Sequence[float]) -> tuple[list[float], list[int]]:
    """Widths that follow the content (its height at the default width), none narrower than
    MIN_COL_W, and how many sub-columns each gets (a wide column flows into two or three)."""
    avail = SLIDE_W - 2 * MARGIN_X - 4 * COL_GAP
    count = len(heights)
    fixed = [False] * count
    widths = [0.0] * count
    while True:
        free = avail - MIN_COL_W * sum(fixed)
        total = sum(h for h, f in zip(heights, fixed, strict=True) if not f) or 1.0
        widths = [MIN_COL_W if f else free * h / total for h, f in zip(heights, fixed, strict=True)]
        too_narrow = [i for i in range(count) if not fixed[i] and widths[i] < MIN_COL_W]
        if not too_narrow:
            break
        for i in too_narrow:
            fixed[i] = True
    splits = [max(1, min(MAX_SUBS, int((w + SUB_GAP) // (MIN_SUB_W + SUB_GAP)))) for w in widths]
    return widths, splits


def _widest_word_em(paras: Sequence[Para]) -> float:
    """The width of the widest word of these paragraphs, in em (points at 1 pt)."""
    return max(
        (fonts.text_width(word, 1.0, p.bold) for p in paras for word in p.full.split()),
        default=0.0,
    )


def _word_width(widest_em: float, size: float) -> float:
    """The column width at which no word (widest_em wide) has to break."""
    left, _, right, _ = BODY_INSETS
    return math.ceil(widest_em * size / fonts.WIDTH_SAFETY + left + right + BULLET_INDENT + 1)


def _splits(width: float) -> int:
    return max(1, min(MAX_SUBS, int((width + SUB_GAP) // (MIN_SUB_W + SUB_GAP))))


def _pages_at(paras: Sequence[Para], geo: Geometry, width: float, size: float) -> int:
    """Slides a column needs at this width (its sub-columns included)."""
    sized = geo.with_widths((width,) * 5, (_splits(width),) * 5)
    return len(paginate_parts(paras, sized.parts(0), size))


def _widths_for(
    columns: Sequence[Sequence[Para]],
    geo: Geometry,
    size: float,
    pages: int,
    widest: Sequence[float] | None,
) -> list[float] | None:
    """The narrowest width per column at which it needs at most ``pages`` slides (and, with
    widest, no word breaks), with the room left shared out as the content asks; None when
    the slide is not wide enough."""
    avail = SLIDE_W - 2 * MARGIN_X - 4 * COL_GAP
    # Quick refusal: the text's area (height × width of text) cannot shrink below what it
    # takes in a default column, give or take a little.
    room_w, room_h = body_room(geo.body(0))
    need = sum(content_height(paras, geo.body(0), size) for paras in columns) * room_w
    if need > 1.15 * pages * room_h * (avail - len(columns) * (geo.body(0).width - room_w)):
        return None
    widths: list[float] = []
    for position, paras in enumerate(columns):
        high = avail - (len(columns) - 1) * MIN_COL_W
        low = min(max(MIN_COL_W, _word_width(widest[position], size) if widest else 0.0), high)
        if _pages_at(paras, geo, low, size) <= pages:
            widths.append(low)
            continue
        if _pages_at(paras, geo, high, size) > pages:
            return None
        while high - low > 4:
            middle = (low + high) / 2
            if _pages_at(paras, geo, middle, size) <= pages:
                high = middle
            else:
                low = middle
        widths.append(math.ceil(high))
        if sum(widths) > avail:
            return None
    if sum(widths) > avail:
        return None
    # Share what is left in proportion to the widths.
    spare = avail - sum(widths)
    return [w + spare * w / sum(widths) for w in widths]


def map_pages(
    columns: Sequence[Sequence[Para]], geo: Geometry
) -> tuple[Geometry, list[list[list[list[Para]]]], float]:
    """One size for the whole map, the columns' widths and sub-columns, and the paragraphs
    of every column per slide and sub-column.

    The fewest slides, then no word broken, then the largest size: column widths follow
    their content (each column gets the narrowest width at which it needs no more slides,
    and if possible no narrower than its longest word), and a wide column flows into
    sub-columns. A very long map falls back to widths in proportion to the
    content."""
    widest = [_widest_word_em(paras) for paras in columns]
    for pages, whole in itertools.product((1, 2, 3), (True, False)):
        for size in BODY_SIZES:
            widths = _widths_for(columns, geo, size, pages, widest if whole else None)
            if widths is None:
                continue
            splits = [_splits(w) for w in widths]
            sized = geo.with_widths(widths, splits)
            result = [
                paginate_parts(paras, sized.parts(position), size)
                for position, paras in enumerate(columns)
            ]
            if max(len(r) for r in result) <= pages:
                return sized, result, size
    size = BODY_SIZES[-1]
    heights = [content_height(paras, geo.body(0), size) for paras in columns]
    widths, splits = column_widths(heights)
    sized = geo.with_widths(widths, splits)
    result = [
        paginate_parts(paras, sized.parts(position), size) for position, paras in enumerate(columns)
    ]
    return sized, result, size


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
    column_pages: dict[Kolom, list[list[list[Para]]]]  # per slide, per sub-column
    column_size: dict[Kolom, float]  # one size for the whole map: the same for every column
    legend: str = ""  # the key to the source codes ("N = Subgroep Noord, …")

    @property
    def lang(self) -> str:
        return self.data.lang

    @property
    def pages(self) -> int:
        return max(len(p) for p in self.column_pages.values())

    def subtitle(self, page: int) -> str:
        return _subtitle(self.data, self.map_title, page, self.pages, self.legend)

    def parts(self, kolom: Kolom, page: int) -> list[list[Para]]:
        """The paragraphs per sub-column on slide ``page`` (1-based; empty past its end)."""
        pages = self.column_pages[kolom]
        return pages[page - 1] if page <= len(pages) else []

    def chunk(self, kolom: Kolom, page: int) -> list[Para]:
        """The paragraphs of the column on slide ``page`` (1-based; empty past its end)."""
        return [para for part in self.parts(kolom, page) for para in part]


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
    names = [
        clean_text(s).strip() for kolom in MAP_ORDER for i in data.items(kolom) for s in i.sources
    ]
    codes = source_codes(names)
    legend = clean_text(legend_text(codes))
    longest_subtitle = _subtitle(data, map_title, 99, 99, legend)
    geo = _geometry(title, longest_subtitle, badge_text, lang, goal, hint)

    columns: list[list[Para]] = []
    for kolom in MAP_ORDER:
        paras = [p for p in (_item_para(i, codes, lang) for i in data.items(kolom)) if p]
        if not paras:
            empty = clean_text(plain("export.geen_antwoorden", lang))
            paras = [Para(text=empty, bullet=False, note=True)]
        columns.append(paras)
    geo, pages, size = map_pages(columns, geo)
    column_pages = dict(zip(MAP_ORDER, pages, strict=True))
    column_size = {kolom: size for kolom in MAP_ORDER}
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
        legend=legend,
    )
