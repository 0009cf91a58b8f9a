"""Fitting text into the body boxes of a slide: measuring, font size and pagination.

Each text is measured with ``exports.fonts`` (cached); a body gets the largest size at which
it fits, and when it does not fit at the smallest size its paragraphs are paginated over
continuation boxes (a paragraph longer than a whole box is split between words).

A paragraph with a language is hyphenated for the box it is set in: the words wider than the
box get soft hyphens (``fonts.hyphenate``), and it is measured, paginated and written with
them, so what is measured is what is drawn. Paragraphs come out of :func:`paginate` that way.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from exports import fonts
from exports.model import MapItem
from exports.pptx_look import BODY_INSETS, BULLET_INDENT, Box, clean_text

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
    variants: tuple[str, ...] = ()  # for the slide's notes: the answers it was merged from
    lang: str | None = None  # hyphenate words too wide for the box in this language; None: not

    @property
    def full(self) -> str:
        return self.text + self.author + self.sources


def _item_para(
    item: MapItem, codes: dict[str, str] | None = None, lang: str | None = None
) -> Para | None:
    """The paragraph of one item; with codes, its sources as short codes ("N, Z")."""
    text = clean_text(item.text).strip()
    if not text:
        return None
    author = clean_text(item.author or "").strip()
    sources = [s for s in (clean_text(s).strip() for s in item.sources) if s]
    separator = ", "
    if codes:
        # Short codes stay together on one line: "(N, Z, W)" never breaks inside.
        sources = [codes.get(s, s) for s in sources]
        separator = ",\u00a0"
    return Para(
        text=text,
        author=f" — {author}" if author else "",
        sources=f" ({separator.join(sources)})" if sources else "",
        variants=tuple(v for v in (clean_text(v).strip() for v in item.variants) if v),
        lang=lang,
    )


# Measuring is the hot spot of a big deck: the same text is measured at several sizes, then
# again while paginating. Cache per (text, width, size, bold).
@lru_cache(maxsize=65536)
def line_spans(
    text: str, width_pt: float, size: float, bold: bool = False
) -> tuple[tuple[int, int], ...]:
    """fonts.wrap, cached."""
    return tuple(fonts.wrap(text, width_pt, size, bold))


@lru_cache(maxsize=65536)
def hyphenated(
    text: str, width_pt: float, size: float, bold: bool = False, lang: str | None = None
) -> str:
    """text with soft hyphens in the words wider than width_pt (fonts.hyphenate, cached);
    text itself without a language."""
    return fonts.default_measurer().hyphenate(text, width_pt, size, bold, lang) if lang else text


def set_para(para: Para, room_w: float, size: float) -> Para:
    """The paragraph as it is set in room_w at size: soft hyphens in the words too wide."""
    if not para.lang:
        return para
    parts = tuple(
        hyphenated(t, room_w, size, para.bold, para.lang) if t else t
        for t in (para.text, para.author, para.sources)
    )
    if parts == (para.text, para.author, para.sources):
        return para
    return replace(para, text=parts[0], author=parts[1], sources=parts[2])


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
    return round(size * 0.25, 1)


def _body_room(box: Box) -> tuple[float, float]:
    left, top, right, bottom = BODY_INSETS
    return box.width - left - right - BULLET_INDENT, box.height - top - bottom


def para_height(para: Para, room_w: float, size: float) -> float:
    """Height of one body paragraph (lines plus the space before it) in room_w."""
    full = hyphenated(para.full, room_w, size, para.bold, para.lang) if para.lang else para.full
    lines = line_count(full, room_w, size, para.bold)
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
    """Split para after keep_lines lines, between words (or at a soft hyphen, which becomes a
    hyphen); None when that is not possible."""
    para = set_para(para, room_w, size)
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
    head_text = full[: spans[j - 1][1]]
    if head_text.endswith(fonts.SOFT_HYPHEN):
        head_text = head_text[:-1] + "-"  # the part ends the box: the hyphen is drawn
    head = replace(para, text=head_text, author="", sources="")
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
        para = set_para(queue.popleft(), room_w, size)
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
            plain_para = replace(para, text=para.full, author="", sources="")
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


def content_height(paras: Sequence[Para], box: Box, size: float) -> float:
    """Height the paragraphs need in the box's width (however tall the box is)."""
    room_w, _ = _body_room(box)
    return sum(para_height(para, room_w, size) for para in paras)


def paginate_parts(
    paras: Sequence[Para], parts: Sequence[Box], size: float
) -> list[list[list[Para]]]:
    """Paragraphs over slides of len(parts) sub-columns each (all parts the same size)."""
    boxes = paginate(paras, parts[0], size)
    count = len(parts)
    return [boxes[i : i + count] for i in range(0, len(boxes), count)]
