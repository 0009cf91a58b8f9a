"""The partnership map as a PowerPoint deck (16:9): one slide per map, plus continuations.

Pure builder: ``build_map_deck(maps) -> bytes``. The five columns stand as on the paper map,
left to right 5 Acties … 1 Waarden, with an arrow that shows the map is filled from right
to left. Every text box is measured (``exports.fonts``) before it is written; auto-fit is
off, so what we measured is what renders. Nothing is ever cut: when a column does not fit
at the smallest body size the map continues on a next slide, and an answer that is longer
than a whole column is split between words over several slides.

The layout is decided in :mod:`exports.pptx_layout` (the look in :mod:`exports.pptx_look`,
fitting and pagination in :mod:`exports.pptx_fit`); this module turns it into python-pptx
shapes.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Sequence

from lxml import etree
from pptx import Presentation
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Pt

from exports.fonts import SOFT_HYPHEN
from exports.model import MapData
from exports.pptx_fit import Para, line_height_pt, para_space_pt
from exports.pptx_layout import Geometry, header_texts, layout_map
from exports.pptx_look import (
    ARROW_FILL,
    ARROW_HEAD,
    ARROW_SHAFT,
    ARROW_TEXT_SIZE,
    BADGE_FILL,
    BADGE_INK,
    BADGE_INSETS,
    BADGE_LINE,
    BADGE_SIZE,
    BODY_FILL,
    BODY_INSETS,
    BULLET_INDENT,
    COLOURS,
    FONT,
    HEADER_INSETS,
    HEADER_NAME_SIZE,
    HEADER_QUESTION_SIZE,
    HEADER_QUESTION_SPACE,
    INK,
    MUTED,
    QUESTION_INK,
    SLIDE_H,
    SLIDE_W,
    TITLE_INSETS,
    TITLE_SUB_SPACE,
    Box,
    clean_text,
)
from flows.kaart import MAP_ORDER, Kolom
from flows.texts import plain

__all__ = [
    "NAME_BODY",
    "NAME_CONCEPT",
    "NAME_FRAME",
    "NAME_HEADER",
    "NAME_RTL",
    "NAME_TITLE",
    "add_map_slides",
    "build_map_deck",
    "clean_text",
    "new_presentation",
    "to_bytes",
]

LANGUAGE_IDS = {"nl": MSO_LANGUAGE_ID.DUTCH, "en": MSO_LANGUAGE_ID.ENGLISH_UK}

# Shape names, so a reader (and the tests) can find the parts of a map slide.
NAME_TITLE = "Titel"
NAME_CONCEPT = "Concept"
NAME_RTL = "Invulrichting"
NAME_HEADER = "Kop {}"  # column number
NAME_BODY = "Kolom {}"  # a sub-column after the first: "Kolom 1 (2)"
NAME_FRAME = "Rand {}"  # the outline around a column of sub-columns

# -- writing text into shapes -----------------------------------------------------------------

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


_ANCHORS = {MSO_ANCHOR.TOP: "t", MSO_ANCHOR.MIDDLE: "ctr", MSO_ANCHOR.BOTTOM: "b"}


def text_frame(shape, insets: tuple[float, float, float, float], anchor=MSO_ANCHOR.TOP):
    """The shape's text frame with auto-fit off, word wrap on and the given insets (what
    python-pptx's setters write, set on bodyPr directly: much faster)."""
    frame = shape.text_frame
    body_pr = frame._txBody.bodyPr
    for name, value in zip(("lIns", "tIns", "rIns", "bIns"), insets, strict=True):
        body_pr.set(name, str(Pt(value)))
    body_pr.set("wrap", "square")
    body_pr.set("anchor", _ANCHORS.get(anchor, "t"))
    for tag in ("noAutofit", "normAutofit", "spAutoFit"):
        for old in body_pr.findall(_A + tag):
            body_pr.remove(old)
    body_pr.insert(
        0 if body_pr.find(_A + "prstTxWarp") is None else 1, etree.Element(_A + "noAutofit")
    )
    return frame


# Paragraphs, runs and fills are written as XML directly: python-pptx's property setters
# re-search the element tree on every call, which made a big deck take seconds. What is
# written is exactly what those setters write.
_ALIGN = {PP_ALIGN.LEFT: "l", PP_ALIGN.CENTER: "ctr", PP_ALIGN.RIGHT: "r"}
_LANG_TAGS = {"nl": "nl-NL", "en": "en-GB"}


def _centipoints(value: float) -> str:
    return str(int(Pt(value) / 127))  # the same rounding as python-pptx's Pt → spcPts


def _spacing(parent, tag: str, value: float) -> None:
    spacing = etree.SubElement(parent, _A + tag)
    etree.SubElement(spacing, _A + "spcPts", val=_centipoints(value))


def _solid(parent, colour: str) -> None:
    fill = etree.SubElement(parent, _A + "solidFill")
    etree.SubElement(fill, _A + "srgbClr", val=colour)


def format_paragraph(
    paragraph,
    size: float,
    *,
    space: float = 0.0,
    indent: float = 0.0,
    bullet_colour: str | None = None,
    align=PP_ALIGN.LEFT,
) -> None:
    """Alignment, exact line spacing, space before, hanging indent and bullet (or none)."""
    p = paragraph._p
    p_pr = p.find(_A + "pPr")
    if p_pr is None:
        p_pr = etree.Element(_A + "pPr")
        p.insert(0, p_pr)
    for child in list(p_pr):
        p_pr.remove(child)
    p_pr.set("marL", str(Pt(indent)))
    p_pr.set("indent", str(-Pt(indent) if bullet_colour else 0))
    p_pr.set("algn", _ALIGN.get(align, "l"))
    _spacing(p_pr, "lnSpc", line_height_pt(size))
    _spacing(p_pr, "spcBef", space)
    _spacing(p_pr, "spcAft", 0.0)
    if bullet_colour:
        colour = etree.SubElement(p_pr, _A + "buClr")
        etree.SubElement(colour, _A + "srgbClr", val=bullet_colour)
        etree.SubElement(p_pr, _A + "buFont", typeface=FONT)
        etree.SubElement(p_pr, _A + "buChar", char="•")
    else:
        etree.SubElement(p_pr, _A + "buNone")


def add_text(
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
    p = paragraph._p
    end = p.find(_A + "endParaRPr")
    attrs = {
        "lang": _LANG_TAGS.get(lang, "nl-NL"),
        "sz": str(round(size * 100)),
        "b": "1" if bold else "0",
        "i": "1" if italic else "0",
    }
    for index, segment in enumerate(text.split("\n")):
        elements = []
        if index:
            elements.append(etree.Element(_A + "br"))
        if segment:
            run = etree.Element(_A + "r")
            r_pr = etree.SubElement(run, _A + "rPr", attrs)
            _solid(r_pr, colour)
            etree.SubElement(r_pr, _A + "latin", typeface=FONT)
            etree.SubElement(run, _A + "t").text = segment
            elements.append(run)
        for element in elements:
            if end is None:
                p.append(element)
            else:
                end.addprevious(element)


def fill_shape(shape, fill: str | None, line: str | None, line_pt: float = 0.75) -> None:
    """Solid fill (or none), outline (or none) and no shadow, in the shape's spPr."""
    sp_pr = shape._element.spPr
    for tag in ("noFill", "solidFill", "gradFill", "blipFill", "pattFill", "grpFill", "ln",
                "effectLst"):  # fmt: skip
        for old in sp_pr.findall(_A + tag):
            sp_pr.remove(old)
    if fill:
        _solid(sp_pr, fill)
    else:
        etree.SubElement(sp_pr, _A + "noFill")
    ln = etree.SubElement(sp_pr, _A + "ln")
    if line:
        ln.set("w", str(Pt(line_pt)))
        _solid(ln, line)
    else:
        etree.SubElement(ln, _A + "noFill")
    etree.SubElement(sp_pr, _A + "effectLst")
    # The theme's effect style 2 draws a shadow in some renderers despite the empty list.
    effect_ref = shape._element.find(_P + "style/" + _A + "effectRef")
    if effect_ref is not None:
        effect_ref.set("idx", "0")


# -- one map ------------------------------------------------------------------------------------


def add_map_slides(prs, data: MapData) -> int:
    """Add the slides of one map (one, plus continuations) to prs; returns how many.

    A continuation slide shows only the columns that continue on it."""
    layout = layout_map(data)
    geo, lang = layout.geo, layout.lang
    size = layout.column_size[MAP_ORDER[0]]
    common: list = []  # badge and arrow of the first slide, copied onto the others
    headers: dict[Kolom, object] = {}  # likewise the column headers
    for page in range(1, layout.pages + 1):
        slide = prs.slides.add_slide(prs.slide_layouts[5])  # "Title Only"
        _add_title(slide, geo, layout.title, layout.subtitle(page), lang)
        if page == 1:
            if geo.badge and layout.badge_text:
                add_badge(slide, geo.badge, layout.badge_text, lang)
            add_arrow(slide, geo.arrow, layout.hint, lang)
            common = [shape._element for shape in slide.shapes if shape.name != NAME_TITLE]
        else:
            _copy_shapes(slide, common)
        for position, kolom in enumerate(MAP_ORDER):
            parts = layout.parts(kolom, page)
            if page > 1 and not any(parts):
                continue
            if page == 1:
                name, question = header_texts(kolom, lang, layout.goal)
                add_header(slide, geo.header(position), kolom, name, question, lang)
                headers[kolom] = slide.shapes[-1]._element
            else:
                _copy_shapes(slide, [headers[kolom]])
            boxes = geo.parts(position)
            if len(boxes) == 1:
                add_body(slide, boxes[0], kolom, parts[0] if parts else [], size, lang)
                continue
            add_frame(slide, geo.body(position), kolom)
            for index, box in enumerate(boxes):
                chunk = parts[index] if index < len(parts) else []
                add_body(slide, box, kolom, chunk, size, lang, part=index)
        add_variant_notes(slide, [layout.chunk(kolom, page) for kolom in MAP_ORDER], lang)
    return layout.pages


def variant_notes(columns: Sequence[Sequence[Para]], lang: str) -> str:
    """The notes of a map slide: for every merged item on it, the answers it came from
    (without the soft hyphens of the slide)."""
    lines = []
    for paras in columns:
        for para in paras:
            if para.bullet and para.variants:
                lines.append(f"• {para.full.replace(SOFT_HYPHEN, '')}")
                lines.append(plain("export.varianten", lang))
                lines.extend(f"   – {variant}" for variant in para.variants)
    return "\n".join(lines)


def add_variant_notes(slide, columns: Sequence[Sequence[Para]], lang: str) -> None:
    text = variant_notes(columns, lang)
    if text:
        slide.notes_slide.notes_text_frame.text = text


def _copy_shapes(slide, elements) -> None:
    """Copy shapes (no pictures or links: plain autoshapes) onto slide, with fresh ids."""
    tree = slide.shapes._spTree
    next_id = slide.shapes._next_shape_id
    for offset, element in enumerate(elements):
        clone = copy.deepcopy(element)
        clone.find(".//" + _P + "cNvPr").set("id", str(next_id + offset))
        tree.append(clone)


def _add_title(slide, geo: Geometry, title: str, subtitle: str, lang: str) -> None:
    add_title(slide, geo.title, geo.title_sizes, title, subtitle, lang)


def add_title(
    slide, box: Box, sizes: tuple[int, int], title: str, subtitle: str, lang: str
) -> None:
    """Fill the slide's title placeholder: a bold title and a lighter subtitle line."""
    shape = slide.shapes.title
    shape.name = NAME_TITLE
    shape.left, shape.top, shape.width, shape.height = (
        Pt(box.left),
        Pt(box.top),
        Pt(box.width),
        Pt(box.height),
    )
    frame = text_frame(shape, TITLE_INSETS)
    big, small = sizes
    first = frame.paragraphs[0]
    format_paragraph(first, big)
    add_text(first, title, big, INK, lang, bold=True)
    second = frame.add_paragraph()
    format_paragraph(second, small, space=TITLE_SUB_SPACE)
    add_text(second, subtitle, small, MUTED, lang)


def add_badge(slide, box: Box, text: str, lang: str) -> None:
    shape = slide.shapes.add_shape(
        MSO_SHAPE.ROUNDED_RECTANGLE, Pt(box.left), Pt(box.top), Pt(box.width), Pt(box.height)
    )
    shape.name = NAME_CONCEPT
    fill_shape(shape, BADGE_FILL, BADGE_LINE, 1.25)
    frame = text_frame(shape, BADGE_INSETS, MSO_ANCHOR.MIDDLE)
    paragraph = frame.paragraphs[0]
    format_paragraph(paragraph, BADGE_SIZE, align=PP_ALIGN.CENTER)
    add_text(paragraph, text, BADGE_SIZE, BADGE_INK, lang, bold=True)


def add_arrow(slide, box: Box, hint: str, lang: str, size: float = ARROW_TEXT_SIZE) -> None:
    shape = slide.shapes.add_shape(
        MSO_SHAPE.LEFT_ARROW, Pt(box.left), Pt(box.top), Pt(box.width), Pt(box.height)
    )
    shape.name = NAME_RTL
    shape.adjustments[0] = ARROW_SHAFT
    shape.adjustments[1] = ARROW_HEAD
    fill_shape(shape, ARROW_FILL, None)
    frame = text_frame(shape, (4.0, 0.0, 4.0, 0.0), MSO_ANCHOR.MIDDLE)
    paragraph = frame.paragraphs[0]
    format_paragraph(paragraph, size, align=PP_ALIGN.CENTER)
    add_text(paragraph, hint, size, QUESTION_INK, lang)


def add_header(slide, box: Box, kolom: Kolom, name: str, question: str, lang: str) -> None:
    shape = slide.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, Pt(box.left), Pt(box.top), Pt(box.width), Pt(box.height)
    )
    shape.name = NAME_HEADER.format(int(kolom))
    fill, line = COLOURS[kolom]
    fill_shape(shape, fill, line)
    frame = text_frame(shape, HEADER_INSETS)
    first = frame.paragraphs[0]
    format_paragraph(first, HEADER_NAME_SIZE)
    add_text(first, name, HEADER_NAME_SIZE, INK, lang, bold=True)
    second = frame.add_paragraph()
    format_paragraph(second, HEADER_QUESTION_SIZE, space=HEADER_QUESTION_SPACE)
    add_text(second, question, HEADER_QUESTION_SIZE, QUESTION_INK, lang)


def add_frame(slide, box: Box, kolom: Kolom) -> None:
    """The outlined box around a column that flows into sub-columns."""
    shape = slide.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, Pt(box.left), Pt(box.top), Pt(box.width), Pt(box.height)
    )
    shape.name = NAME_FRAME.format(int(kolom))
    _, line = COLOURS[kolom]
    fill_shape(shape, BODY_FILL, line)


def add_body(
    slide,
    box: Box,
    kolom: Kolom,
    paras: Sequence[Para],
    size: float,
    lang: str,
    *,
    part: int | None = None,
) -> None:
    """A column body; with part, one sub-column inside the column's frame (no outline)."""
    shape = slide.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, Pt(box.left), Pt(box.top), Pt(box.width), Pt(box.height)
    )
    shape.name = NAME_BODY.format(int(kolom)) + (f" ({part + 1})" if part else "")
    _, line = COLOURS[kolom]
    if part is None:
        fill_shape(shape, BODY_FILL, line)
    else:
        fill_shape(shape, None, None)
    write_paras(shape, paras, size, line, lang)


def write_paras(shape, paras: Sequence[Para], size: float, colour: str, lang: str) -> None:
    """Write body paragraphs (bullets in colour, bold headings, muted notes) into a shape,
    with BODY_INSETS and the hanging BULLET_INDENT the layout measured with."""
    line = colour
    frame = text_frame(shape, BODY_INSETS)
    for index, para in enumerate(paras):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        format_paragraph(
            paragraph,
            size,
            space=para_space_pt(size),
            indent=BULLET_INDENT,
            bullet_colour=line if para.bullet else None,
        )
        if para.note:
            add_text(paragraph, para.text, size, MUTED, lang, italic=True)
            continue
        if para.bold:
            add_text(paragraph, para.full, size, INK, lang, bold=True)
            continue
        add_text(paragraph, para.text, size, INK, lang)
        if para.author:
            add_text(paragraph, para.author, size, MUTED, lang)
        if para.sources:
            add_text(paragraph, para.sources, size, MUTED, lang)


# -- the deck -----------------------------------------------------------------------------------


def new_presentation(width_pt: float = SLIDE_W, height_pt: float = SLIDE_H):
    """An empty presentation of the given size (16:9 by default)."""
    prs = Presentation()
    prs.slide_width = Pt(width_pt)
    prs.slide_height = Pt(height_pt)
    return prs


def to_bytes(prs) -> bytes:
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def build_map_deck(maps: Sequence[MapData]) -> bytes:
    """A 16:9 deck with every map as one slide (plus continuation slides when needed)."""
    prs = new_presentation()
    for data in maps:
        add_map_slides(prs, data)
    return to_bytes(prs)
