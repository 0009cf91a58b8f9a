"""The look of our Word files (the agreement and the participation report): A4, the deck's
colours, a header that says CONCEPT while the model is not confirmed, page numbers.

:func:`new_document` makes an empty document with that look; :class:`Writer` adds
paragraphs and tables to it. The writer builds the XML directly: python-docx looks a style
up by name on every ``add_paragraph`` (milliseconds each), which made a report of 2,500
answers take seconds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from exports.pptx_look import BADGE_FILL, BADGE_INK, BADGE_LINE, COLOURS, FONT, INK, MUTED
from flows.kaart import Kolom
from flows.texts import plain

PAGE_W_CM, PAGE_H_CM = 21.0, 29.7  # A4
MARGIN_CM = 2.5
TEXT_W_CM = PAGE_W_CM - 2 * MARGIN_CM
BODY_PT = 11
# The deck's colours: the values column's blue for headings and table heads.
ACCENT = COLOURS[Kolom.WAARDEN][1]
ACCENT_FILL = COLOURS[Kolom.WAARDEN][0]
GRID = "C9CED6"  # table lines
_VAL = qn("w:val")

# (size in pt, colour, space before, space after) per heading level
HEADINGS = {1: (20, INK, 0, 10), 2: (14, ACCENT, 16, 4), 3: (12, INK, 10, 2), 4: (11, ACCENT, 8, 2)}

# Characters XML 1.0 cannot hold: C0 controls except tab, LF and CR; lone surrogates;
# U+FFFE and U+FFFF.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Text without the characters XML (and so Word) cannot hold."""
    return _XML_INVALID.sub("", text)


def _word_lang(lang: str) -> str:
    return {"nl": "nl-NL", "en": "en-GB"}.get(lang, lang)


def _fonts(rpr, name: str = FONT) -> None:
    """Set every script's font; drop theme fonts, which would win over the name in Word."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if attr.endswith("Theme"):
            del fonts.attrib[attr]
    for script in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(script), name)


def _language(rpr, lang: str) -> None:
    element = rpr.find(qn("w:lang"))
    if element is None:
        element = OxmlElement("w:lang")
        rpr.append(element)
    element.set(qn("w:val"), _word_lang(lang))


# The order Word requires of a paragraph's properties (ECMA-376 CT_PPr); Word refuses a
# file whose elements are out of order, LibreOffice does not mind.
_PPR_ORDER = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
    "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct "
    "autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing "
    "mirrorIndents suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl "
    "divId cnfStyle rPr sectPr pPrChange"
).split()


def _add_to_ppr(ppr, element) -> None:
    """Put element into a w:pPr where the schema wants it."""
    name = element.tag.split("}")[1]
    later = {qn(f"w:{n}") for n in _PPR_ORDER[_PPR_ORDER.index(name) + 1 :]}
    for child in ppr:
        if child.tag in later:
            child.addprevious(element)
            return
    ppr.append(element)


def _border(ppr_or_tcpr, side: str, colour: str, size: int = 6, space: int = 1) -> None:
    """A line on one side of a paragraph (w:pBdr) or table cell (w:tcBorders)."""
    paragraph = ppr_or_tcpr.tag == qn("w:pPr")
    tag = "w:pBdr" if paragraph else "w:tcBorders"
    borders = ppr_or_tcpr.find(qn(tag))
    if borders is None:
        borders = OxmlElement(tag)
        if paragraph:
            _add_to_ppr(ppr_or_tcpr, borders)
        else:
            ppr_or_tcpr.append(borders)
    line = OxmlElement(f"w:{side}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(size))
    line.set(qn("w:space"), str(space if tag == "w:pBdr" else 0))
    line.set(qn("w:color"), colour)
    borders.append(line)


def _shade(element, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    if element.tag == qn("w:pPr"):
        _add_to_ppr(element, shading)
    else:
        element.append(shading)


def _style_look(document, lang: str) -> None:
    styles = document.styles
    normal = styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    normal.font.color.rgb = RGBColor.from_string(INK)
    rpr = normal.element.get_or_add_rPr()
    _fonts(rpr)
    _language(rpr, lang)
    fmt = normal.paragraph_format
    fmt.space_after = Pt(6)
    fmt.line_spacing = 1.15
    for level, (size, colour, before, after) in HEADINGS.items():
        style = styles[f"Heading {level}"]
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = RGBColor.from_string(colour)
        _fonts(style.element.get_or_add_rPr())
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(after)
        style.paragraph_format.keep_with_next = True
    # The title gets a line in the deck's blue under it.
    _border(styles["Heading 1"].element.get_or_add_pPr(), "bottom", ACCENT, size=12, space=4)
    # A quote is a notice (the concept warning): the deck's concept badge colours.
    quote = styles["Intense Quote"]
    quote.font.italic = False
    quote.font.color.rgb = RGBColor.from_string(BADGE_INK)
    _fonts(quote.element.get_or_add_rPr())
    ppr = quote.element.get_or_add_pPr()
    for old in ppr.findall(qn("w:pBdr")) + ppr.findall(qn("w:shd")):
        ppr.remove(old)
    _border(ppr, "left", BADGE_LINE, size=24, space=6)
    _shade(ppr, BADGE_FILL)
    quote.paragraph_format.left_indent = Cm(0.3)
    quote.paragraph_format.right_indent = Cm(0)
    quote.paragraph_format.space_before = Pt(6)
    quote.paragraph_format.space_after = Pt(10)
    for name in ("List Bullet", "List Bullet 2"):
        styles[name].paragraph_format.space_after = Pt(3)


def _field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A Word field (PAGE, NUMPAGES): Word and LibreOffice fill in the number."""
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None),
                       ("text", shown), ("end", None)):  # fmt: skip
        run = paragraph.add_run()
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {text} "
            run._r.append(instr)
        elif kind == "text":
            run.text = text or ""
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)


def _header_and_footer(document, lang: str, kind: str, concept_mark: str) -> None:
    section = document.sections[0]
    for name in ("Header", "Footer"):  # the built-in stops are for US Letter: one on A4's
        stops = document.styles[name].paragraph_format.tab_stops  # right edge instead
        stops.clear_all()
        stops.add_tab_stop(Cm(TEXT_W_CM), WD_TAB_ALIGNMENT.RIGHT)
    header = section.header.paragraphs[0]
    label = header.add_run(xml_safe(kind))
    label.font.size = Pt(9)
    label.font.color.rgb = RGBColor.from_string(MUTED)
    if concept_mark:
        header.add_run("\t")
        mark = header.add_run(concept_mark)
        mark.bold = True
        mark.font.size = Pt(10)
        mark.font.color.rgb = RGBColor.from_string(BADGE_INK)
    _border(header._p.get_or_add_pPr(), "bottom", GRID, size=4, space=4)

    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    words = plain("export.pagina", lang, pagina="\x00", totaal="\x01")
    for piece in re.split("([\x00\x01])", words):
        if piece == "\x00":
            _field(footer, "PAGE", "1")
        elif piece == "\x01":
            _field(footer, "NUMPAGES", "1")
        elif piece:
            footer.add_run(piece)
    for run in footer.runs:
        run.font.size = Pt(9)
        run.font.color.rgb = RGBColor.from_string(MUTED)


def new_document(lang: str, *, kind: str, concept_mark: str = ""):
    """An empty A4 document in our look: ``kind`` (e.g. "Samenwerkingsovereenkomst") at the
    left of the header, ``concept_mark`` (e.g. "CONCEPT", or nothing) at its right, and
    "Pagina X van Y" in the footer."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(PAGE_W_CM), Cm(PAGE_H_CM)
    section.left_margin = section.right_margin = Cm(MARGIN_CM)
    section.top_margin = section.bottom_margin = Cm(MARGIN_CM)
    section.header_distance = section.footer_distance = Cm(1.2)
    _style_look(document, lang)
    _header_and_footer(document, lang, kind, concept_mark)
    document.core_properties.language = _word_lang(lang)
    return document


# -- writing ---------------------------------------------------------------------------------


@dataclass
class Cell:
    """A table cell: its paragraph is filled by the caller; ``line`` makes it a line to write
    on (``tall`` gives room for a signature)."""

    line: bool = False
    tall: bool = False
    rule: bool = False  # the head of a column to write in: a line in the deck's blue


class Writer:
    """Adds paragraphs and tables at the end of a document's body, fast."""

    def __init__(self, document) -> None:
        self.document = document
        body = document.element.body
        self._end = body.sectPr  # new blocks go before the section properties
        self._styles: dict[str, str] = {}

    def style_id(self, name: str) -> str:
        if name not in self._styles:
            self._styles[name] = self.document.styles[name].style_id
        return self._styles[name]

    def _place(self, element) -> None:
        if self._end is not None:
            self._end.addprevious(element)
        else:
            self.document.element.body.append(element)

    def paragraph(self, style: str | None = None) -> Paragraph:
        p = OxmlElement("w:p")
        if style:
            ppr = OxmlElement("w:pPr")
            style_el = OxmlElement("w:pStyle")
            style_el.set(_VAL, self.style_id(style))
            ppr.append(style_el)
            p.append(ppr)
        self._place(p)
        return Paragraph(p, self.document._body)

    def _keep_with_previous(self) -> None:
        """The paragraph that introduces a form stays on its page (a template's own
        ``{%p … %}`` paragraphs in between, which docxtpl removes, keep with it too)."""
        before = self._end.getprevious() if self._end is not None else None
        while before is not None and before.tag == qn("w:p"):
            text = "".join(before.itertext())
            if text.strip():
                ppr = before.find(qn("w:pPr"))
                if ppr is None:
                    ppr = OxmlElement("w:pPr")
                    before.insert(0, ppr)
                if ppr.find(qn("w:keepNext")) is None:
                    _add_to_ppr(ppr, OxmlElement("w:keepNext"))
            if not text.startswith("{%p "):
                return
            before = before.getprevious()

    def table(
        self,
        rows: Sequence[Sequence[Cell]],
        widths_cm: Sequence[float],
        *,
        header: bool = True,
        form: bool = False,
    ) -> list[list[Paragraph]]:
        """A table; returns the paragraph of each cell to fill. A form table (lines to
        write on) has no grid; other tables have a light grid and a coloured head row."""
        tbl = OxmlElement("w:tbl")
        tbl_pr = OxmlElement("w:tblPr")
        width = OxmlElement("w:tblW")
        width.set(qn("w:w"), str(round(sum(widths_cm) * 567)))
        width.set(qn("w:type"), "dxa")
        tbl_pr.append(width)
        if not form:
            borders = OxmlElement("w:tblBorders")
            for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
                line = OxmlElement(f"w:{side}")
                line.set(qn("w:val"), "single")
                line.set(qn("w:sz"), "4")
                line.set(qn("w:space"), "0")
                line.set(qn("w:color"), GRID)
                borders.append(line)
            tbl_pr.append(borders)
        layout = OxmlElement("w:tblLayout")
        layout.set(qn("w:type"), "fixed")
        tbl_pr.append(layout)
        margins = OxmlElement("w:tblCellMar")
        for side, twips in (("left", 85), ("right", 85)):
            margin = OxmlElement(f"w:{side}")
            margin.set(qn("w:w"), str(twips))
            margin.set(qn("w:type"), "dxa")
            margins.append(margin)
        tbl_pr.append(margins)
        tbl.append(tbl_pr)
        grid = OxmlElement("w:tblGrid")
        for w in widths_cm:
            col = OxmlElement("w:gridCol")
            col.set(qn("w:w"), str(round(w * 567)))
            grid.append(col)
        tbl.append(grid)
        out: list[list[Paragraph]] = []
        for r, row in enumerate(rows):
            tr = OxmlElement("w:tr")
            tr_pr = OxmlElement("w:trPr")
            tr_pr.append(OxmlElement("w:cantSplit"))
            is_head = header and r == 0
            if is_head:
                tr_pr.append(OxmlElement("w:tblHeader"))  # repeated on every page
            if any(c.line for c in row):
                height = OxmlElement("w:trHeight")
                tall = any(c.tall for c in row)
                height.set(qn("w:val"), str(round((1.9 if tall else 0.9) * 567)))
                height.set(qn("w:hRule"), "atLeast")
                tr_pr.append(height)
            tr.append(tr_pr)
            # A form (the signatures) stays on one page: each row keeps with the next.
            keep = form and r < len(rows) - 1
            paragraphs = []
            for c, cell in enumerate(row):
                tc = OxmlElement("w:tc")
                tc_pr = OxmlElement("w:tcPr")
                tc_w = OxmlElement("w:tcW")
                tc_w.set(qn("w:w"), str(round(widths_cm[c] * 567)))
                tc_w.set(qn("w:type"), "dxa")
                tc_pr.append(tc_w)
                if cell.line:
                    _border(tc_pr, "bottom", INK, size=6)
                elif cell.rule:
                    _border(tc_pr, "bottom", ACCENT, size=12)
                if is_head and not form:
                    _shade(tc_pr, ACCENT_FILL)
                if any(c.line for c in row):  # labels stand on the line, beside it
                    v_align = OxmlElement("w:vAlign")
                    v_align.set(qn("w:val"), "bottom")
                    tc_pr.append(v_align)
                tc.append(tc_pr)
                p = OxmlElement("w:p")
                ppr = p.get_or_add_pPr()
                spacing = OxmlElement("w:spacing")
                spacing.set(qn("w:before"), "40")
                spacing.set(qn("w:after"), "40")
                if keep:
                    ppr.insert(0, OxmlElement("w:keepNext"))
                ppr.append(spacing)
                tc.append(p)
                tr.append(tc)
                paragraph = Paragraph(p, self.document._body)
                paragraphs.append(paragraph)
            tbl.append(tr)
            out.append(paragraphs)
        if form:
            self._keep_with_previous()
        self._place(tbl)
        # Two tables in a row would melt into one in Word: a paragraph keeps them apart.
        self.paragraph()
        return out


def set_title(document, title: str) -> None:
    document.core_properties.title = xml_safe(title)[:255]
