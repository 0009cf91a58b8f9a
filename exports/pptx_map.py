"""The partnership map as a PowerPoint deck (16:9): one slide per map, plus continuations.

Pure builder: ``build_map_deck(maps) -> bytes``. The five columns stand as on the paper map,
left to right 5 Acties … 1 Waarden, with an arrow that shows the map is filled from right
to left. Every text box is measured (``exports.fonts``) before it is written; auto-fit is
off, so what we measured is what renders. Nothing is ever cut: when a column does not fit
at the smallest body size the map continues on a next slide, and an answer that is longer
than a whole column is split between words over several slides.
"""

from __future__ import annotations

import io
import math
import re
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, replace

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Pt

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
LANGUAGE_IDS = {"nl": MSO_LANGUAGE_ID.DUTCH, "en": MSO_LANGUAGE_ID.ENGLISH_UK}

# Shape names, so a reader (and the tests) can find the parts of a map slide.
NAME_TITLE = "Titel"
NAME_CONCEPT = "Concept"
NAME_RTL = "Invulrichting"
NAME_HEADER = "Kop {}"  # column number
NAME_BODY = "Kolom {}"

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


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip() + "…"


# -- paragraphs of a column ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Para:
    """One paragraph of a column body: an item, part of an item, or the empty note."""

    text: str
    author: str = ""  # " — Anna"
    sources: str = ""  # " (Tafel 1, Tafel 2)"
    bullet: bool = True  # False for the continuation of a split item and the empty note
    note: bool = False  # the "(nog leeg)" note

    @property
    def full(self) -> str:
        return self.text + self.author + self.sources


def _item_para(item: MapItem) -> _Para | None:
    text = clean_text(item.text).strip()
    if not text:
        return None
    author = clean_text(item.author or "").strip()
    sources = [s for s in (clean_text(s).strip() for s in item.sources) if s]
    return _Para(
        text=text,
        author=f" — {author}" if author else "",
        sources=f" ({', '.join(sources)})" if sources else "",
    )


def _line_pt(size: float) -> float:
    return round(size * fonts.LINE_FACTOR, 2)


def _space_pt(size: float) -> float:
    return round(size * 0.35, 1)


@dataclass(frozen=True)
class _Box:
    left: float
    top: float
    width: float
    height: float


def _body_room(box: _Box) -> tuple[float, float]:
    left, top, right, bottom = BODY_INSETS
    return box.width - left - right - BULLET_INDENT, box.height - top - bottom


def _para_height(para: _Para, room_w: float, size: float) -> float:
    lines = fonts.line_count(para.full, room_w, size)
    return lines * _line_pt(size) + _space_pt(size)


def _body_fits(paras: Sequence[_Para], box: _Box, size: float) -> bool:
    return fonts.fits(
        [p.full for p in paras],
        box.width,
        box.height,
        size,
        insets=BODY_INSETS,
        indent_pt=BULLET_INDENT,
        space_pt=_space_pt(size),
        line_pt=_line_pt(size),
    )


def _split(para: _Para, keep_lines: int, room_w: float, size: float) -> tuple[_Para, _Para] | None:
    """Split para after keep_lines lines, between words; None when that is not possible."""
    full = para.full
    spans = fonts.wrap(full, room_w, size)
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


def _paginate(paras: Sequence[_Para], box: _Box, size: float) -> list[list[_Para]]:
    """Distribute paragraphs over as many boxes as needed; whole items move on, an item
    longer than a whole box is split at line (word) boundaries."""
    room_w, room_h = _body_room(box)
    line, space = _line_pt(size), _space_pt(size)
    pages: list[list[_Para]] = [[]]
    used = 0.0
    queue = deque(paras)
    while queue:
        para = queue.popleft()
        needed = _para_height(para, room_w, size)
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
        parts = _split(para, keep, room_w, size) if keep >= 2 or not pages[-1] else None
        if parts is None and not pages[-1]:
            # Author/sources alone longer than a box: split them as plain text.
            plain_para = _Para(text=para.full, bullet=para.bullet, note=para.note)
            parts = _split(plain_para, max(keep, 1), room_w, size)
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


def _column_pages(paras: Sequence[_Para], box: _Box) -> tuple[list[list[_Para]], float]:
    """The paragraphs per slide for one column and the font size for its body.

    The largest size at which everything fits, preferring one at which no word has to be
    broken in the middle."""
    room_w, _ = _body_room(box)
    fitting = [size for size in BODY_SIZES if _body_fits(paras, box, size)]
    for size in fitting:
        if not any(fonts.breaks_words(p.full, room_w, size) for p in paras):
            return [list(paras)], size
    if fitting:
        return [list(paras)], fitting[0]
    return _paginate(paras, box, MIN_BODY_SIZE), MIN_BODY_SIZE


# -- writing text into shapes -----------------------------------------------------------------


def _frame(shape, insets: tuple[float, float, float, float], anchor=MSO_ANCHOR.TOP):
    frame = shape.text_frame
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.word_wrap = True
    frame.margin_left, frame.margin_top, frame.margin_right, frame.margin_bottom = (
        Pt(v) for v in insets
    )
    frame.vertical_anchor = anchor
    return frame


def _format_paragraph(
    paragraph,
    size: float,
    *,
    space: float = 0.0,
    indent: float = 0.0,
    bullet_colour: str | None = None,
    align=PP_ALIGN.LEFT,
) -> None:
    paragraph.alignment = align
    paragraph.line_spacing = Pt(_line_pt(size))
    paragraph.space_before = Pt(space)
    paragraph.space_after = Pt(0)
    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.set("marL", str(Pt(indent)))
    p_pr.set("indent", str(-Pt(indent) if bullet_colour else 0))
    if bullet_colour:
        colour = etree.SubElement(p_pr, qn("a:buClr"))
        etree.SubElement(colour, qn("a:srgbClr"), val=bullet_colour)
        etree.SubElement(p_pr, qn("a:buFont"), typeface=FONT)
        etree.SubElement(p_pr, qn("a:buChar"), char="•")
    else:
        etree.SubElement(p_pr, qn("a:buNone"))


def _add_text(
    paragraph,
    text: str,
    size: float,
    colour: str,
    lang: str,
    *,
    bold: bool = False,
    italic: bool = False,
) -> None:
    """Add text as runs; a newline becomes a line break inside the paragraph."""
    for index, segment in enumerate(text.split("\n")):
        if index:
            paragraph.add_line_break()
        if not segment:
            continue
        run = paragraph.add_run()
        run.text = segment
        font = run.font
        font.name = FONT
        font.size = Pt(size)
        font.bold = bold
        font.italic = italic
        font.color.rgb = RGBColor.from_string(colour)
        font.language_id = LANGUAGE_IDS.get(lang, MSO_LANGUAGE_ID.DUTCH)


def _fill(shape, fill: str | None, line: str | None, line_pt: float = 0.75) -> None:
    if fill:
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string(fill)
    else:
        shape.fill.background()
    if line:
        shape.line.color.rgb = RGBColor.from_string(line)
        shape.line.width = Pt(line_pt)
    else:
        shape.line.fill.background()
    shape.shadow.inherit = False


# -- one map ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Geometry:
    title: _Box
    title_sizes: tuple[int, int]
    badge: _Box | None
    arrow: _Box
    header_h: float
    body_top: float

    def column_left(self, position: int) -> float:
        return MARGIN_X + position * (COL_W + COL_GAP)

    def header(self, position: int) -> _Box:
        return _Box(
            self.column_left(position), self.arrow.top + self.arrow.height + 8, COL_W, self.header_h
        )

    def body(self, position: int) -> _Box:
        return _Box(
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
        + fonts.line_count(title, room, big, bold=True) * _line_pt(big)
        + TITLE_SUB_SPACE
        + fonts.line_count(subtitle, room, small) * _line_pt(small)
    )


def _header_texts(kolom: Kolom, lang: str, goal: str) -> tuple[str, str]:
    name = f"{int(kolom)} {plain(f'kolom.{kolom.key}', lang)}"
    question = plain(f"vraag.{kolom.key}", lang, doel=goal)
    return clean_text(name), clean_text(question)


def _header_height(name: str, question: str) -> float:
    left, top, right, bottom = HEADER_INSETS
    room = COL_W - left - right
    return (
        top
        + bottom
        + fonts.line_count(name, room, HEADER_NAME_SIZE, bold=True) * _line_pt(HEADER_NAME_SIZE)
        + HEADER_QUESTION_SPACE
        + fonts.line_count(question, room, HEADER_QUESTION_SIZE) * _line_pt(HEADER_QUESTION_SIZE)
    )


def _geometry(
    title: str, longest_subtitle: str, badge_text: str | None, lang: str, goal: str, hint: str
) -> _Geometry:
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
        height = math.ceil(_line_pt(BADGE_SIZE) + top + bottom)
        badge = _Box(SLIDE_W - MARGIN_X - width, MARGIN_TOP + 4, width, height)
        title_w = content_w - width - 16
    sizes = TITLE_SIZES[-1]
    title_h = _title_height(title, longest_subtitle, title_w, sizes)
    for candidate in TITLE_SIZES:
        needed = _title_height(title, longest_subtitle, title_w, candidate)
        if needed <= TITLE_MAX_H:
            sizes, title_h = candidate, needed
            break
    title_h = math.ceil(max(title_h, badge.height if badge else 0))
    title_box = _Box(MARGIN_X, MARGIN_TOP, title_w, title_h)

    arrow_top = MARGIN_TOP + title_h + 8
    head = ARROW_HEAD * 26.0
    arrow_lines = fonts.line_count(hint, content_w - 2 * head - 8, ARROW_TEXT_SIZE)
    arrow_h = max(26.0, math.ceil(arrow_lines * _line_pt(ARROW_TEXT_SIZE) / ARROW_SHAFT + 1))
    arrow = _Box(MARGIN_X, arrow_top, content_w, arrow_h)

    header_h = math.ceil(max(_header_height(*_header_texts(k, lang, goal)) for k in MAP_ORDER))
    body_top = arrow_top + arrow_h + 8 + header_h
    return _Geometry(title_box, sizes, badge, arrow, header_h, body_top)


def _date_text(data: MapData) -> str:
    if data.lang == "nl":
        return data.date.strftime("%d-%m-%Y")
    return data.date.isoformat()


def _subtitle(data: MapData, title: str, page: int, pages: int) -> str:
    parts = [title + (f" ({plain('export.vervolg', data.lang)})" if page > 1 else "")]
    parts.append(_date_text(data))
    if pages > 1:
        parts.append(f"{page}/{pages}")
    return " · ".join(parts)


def _add_map_slides(prs, data: MapData) -> None:
    lang = data.lang
    goal = _shorten(clean_text(data.goal).strip(), GOAL_MAX)
    map_title = _shorten(clean_text(data.title).strip(), GOAL_MAX)
    title = clean_text(plain("export.kaart_titel", lang, doel=goal))
    hint = clean_text(plain("export.rtl_hint", lang))
    badge_text = clean_text(plain("export.concept", lang)) if data.concept else None
    # Measure the title with the longest subtitle it can get, so every slide of this map
    # has the same geometry.
    longest_subtitle = _subtitle(data, map_title, 99, 99)
    geo = _geometry(title, longest_subtitle, badge_text, lang, goal, hint)

    column_pages: dict[Kolom, list[list[_Para]]] = {}
    column_size: dict[Kolom, float] = {}
    for position, kolom in enumerate(MAP_ORDER):
        paras = [p for p in (_item_para(item) for item in data.columns.get(kolom, ())) if p]
        if not paras:
            empty = clean_text(plain("export.geen_antwoorden", lang))
            paras = [_Para(text=empty, bullet=False, note=True)]
        column_pages[kolom], column_size[kolom] = _column_pages(paras, geo.body(position))
    pages = max(len(p) for p in column_pages.values())

    for page in range(1, pages + 1):
        slide = prs.slides.add_slide(prs.slide_layouts[5])  # "Title Only"
        _add_title(slide, geo, title, _subtitle(data, map_title, page, pages), lang)
        if geo.badge and badge_text:
            _add_badge(slide, geo.badge, badge_text, lang)
        _add_arrow(slide, geo.arrow, hint, lang)
        for position, kolom in enumerate(MAP_ORDER):
            _add_header(slide, geo.header(position), kolom, *_header_texts(kolom, lang, goal), lang)
            chunk = column_pages[kolom][page - 1] if page <= len(column_pages[kolom]) else []
            _add_body(slide, geo.body(position), kolom, chunk, column_size[kolom], lang)


def _add_title(slide, geo: _Geometry, title: str, subtitle: str, lang: str) -> None:
    shape = slide.shapes.title
    shape.name = NAME_TITLE
    box = geo.title
    shape.left, shape.top, shape.width, shape.height = (
        Pt(box.left),
        Pt(box.top),
        Pt(box.width),
        Pt(box.height),
    )
    frame = _frame(shape, TITLE_INSETS)
    big, small = geo.title_sizes
    first = frame.paragraphs[0]
    _format_paragraph(first, big)
    _add_text(first, title, big, INK, lang, bold=True)
    second = frame.add_paragraph()
    _format_paragraph(second, small, space=TITLE_SUB_SPACE)
    _add_text(second, subtitle, small, MUTED, lang)


def _add_badge(slide, box: _Box, text: str, lang: str) -> None:
    shape = slide.shapes.add_shape(
        MSO_SHAPE.ROUNDED_RECTANGLE, Pt(box.left), Pt(box.top), Pt(box.width), Pt(box.height)
    )
    shape.name = NAME_CONCEPT
    _fill(shape, BADGE_FILL, BADGE_LINE, 1.25)
    frame = _frame(shape, BADGE_INSETS, MSO_ANCHOR.MIDDLE)
    paragraph = frame.paragraphs[0]
    _format_paragraph(paragraph, BADGE_SIZE, align=PP_ALIGN.CENTER)
    _add_text(paragraph, text, BADGE_SIZE, BADGE_INK, lang, bold=True)


def _add_arrow(slide, box: _Box, hint: str, lang: str) -> None:
    shape = slide.shapes.add_shape(
        MSO_SHAPE.LEFT_ARROW, Pt(box.left), Pt(box.top), Pt(box.width), Pt(box.height)
    )
    shape.name = NAME_RTL
    shape.adjustments[0] = ARROW_SHAFT
    shape.adjustments[1] = ARROW_HEAD
    _fill(shape, ARROW_FILL, None)
    frame = _frame(shape, (4.0, 0.0, 4.0, 0.0), MSO_ANCHOR.MIDDLE)
    paragraph = frame.paragraphs[0]
    _format_paragraph(paragraph, ARROW_TEXT_SIZE, align=PP_ALIGN.CENTER)
    _add_text(paragraph, hint, ARROW_TEXT_SIZE, QUESTION_INK, lang)


def _add_header(slide, box: _Box, kolom: Kolom, name: str, question: str, lang: str) -> None:
    shape = slide.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, Pt(box.left), Pt(box.top), Pt(box.width), Pt(box.height)
    )
    shape.name = NAME_HEADER.format(int(kolom))
    fill, line = COLOURS[kolom]
    _fill(shape, fill, line)
    frame = _frame(shape, HEADER_INSETS)
    first = frame.paragraphs[0]
    _format_paragraph(first, HEADER_NAME_SIZE)
    _add_text(first, name, HEADER_NAME_SIZE, INK, lang, bold=True)
    second = frame.add_paragraph()
    _format_paragraph(second, HEADER_QUESTION_SIZE, space=HEADER_QUESTION_SPACE)
    _add_text(second, question, HEADER_QUESTION_SIZE, QUESTION_INK, lang)


def _add_body(
    slide, box: _Box, kolom: Kolom, paras: Sequence[_Para], size: float, lang: str
) -> None:
    shape = slide.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, Pt(box.left), Pt(box.top), Pt(box.width), Pt(box.height)
    )
    shape.name = NAME_BODY.format(int(kolom))
    _, line = COLOURS[kolom]
    _fill(shape, BODY_FILL, line)
    frame = _frame(shape, BODY_INSETS)
    for index, para in enumerate(paras):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        _format_paragraph(
            paragraph,
            size,
            space=_space_pt(size),
            indent=BULLET_INDENT,
            bullet_colour=line if para.bullet else None,
        )
        if para.note:
            _add_text(paragraph, para.text, size, MUTED, lang, italic=True)
            continue
        _add_text(paragraph, para.text, size, INK, lang)
        if para.author:
            _add_text(paragraph, para.author, size, MUTED, lang)
        if para.sources:
            _add_text(paragraph, para.sources, size, MUTED, lang)


# -- the deck -----------------------------------------------------------------------------------


def build_map_deck(maps: Sequence[MapData]) -> bytes:
    """A 16:9 deck with every map as one slide (plus continuation slides when needed)."""
    prs = Presentation()
    prs.slide_width = Pt(SLIDE_W)
    prs.slide_height = Pt(SLIDE_H)
    for data in maps:
        _add_map_slides(prs, data)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
