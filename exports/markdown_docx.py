"""A tiny Markdown → DOCX converter for the texts our templates produce, and its escaping.

Supported (and nothing more): ``#`` to ``####`` headings, paragraphs (lines joined; a line
ending in ``\\`` or two spaces is a line break), ``- ``/``* ``/``+ `` bullets (indented by
two or more spaces: a bullet under a bullet), ``1. `` numbered items (the number is kept as
written), ``> `` quotes (shown as a notice), ``---`` rules (an empty paragraph),
``**bold**`` and ``*italic*``, and tables in the GitHub way (a head row, a ``|---|---|``
row, then the rows). A table cell of only underscores (``___``) is a line to write on; ten
or more (``__________``) give room for a signature. A backslash before ASCII punctuation is
an escape: the Word text shows the character itself, so text escaped with
:func:`escape_markdown` comes out exactly as it was typed. Characters XML cannot hold are
dropped.

Every file gets the look of :mod:`exports.docx_look`: A4, the deck's colours, a header with
the kind of document (and CONCEPT while the model is not confirmed), page numbers.

:func:`template_to_docx` converts a Markdown *template* (Jinja2, as in
``exports/templates/overeenkomst.md.j2``) into a Word template for docxtpl: the same text and
look, with the ``{{ … }}`` placeholders kept, and a line holding only ``{% … %}`` tags
turned into docxtpl's paragraph tags (``{%p … %}``; between table rows ``{%tr … %}``).
"""

from __future__ import annotations

import io
import re
import string
from dataclasses import dataclass, field

from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, RGBColor
from docx.text.run import Run

from exports.docx_look import (
    ACCENT,
    BODY_PT,
    TEXT_W_CM,
    Cell,
    Writer,
    new_document,
    set_title,
    xml_safe,
)
from exports.fonts import text_width
from exports.pptx_look import MUTED
from flows.texts import plain

__all__ = ["escape_markdown", "markdown_to_docx", "template_to_docx", "xml_safe"]

# Escaped everywhere: these change Markdown wherever they stand (emphasis, code, links,
# HTML and entities, tables, strike-through, a heading's closing '#') — and the backslash.
_ALWAYS = re.compile(r"([\\`*_\[\]<>|~&#])")
# Escaped at the start of a line: headings, quotes, list markers, setext underlines.
_LINE_START = re.compile(r"^([>+=-])")
_ORDERED = re.compile(r"^(\d+)([.)])")


def escape_markdown(text: str) -> str:
    """Text that Markdown shows literally, wherever it is placed in a line.

    Markdown characters get a backslash; line breaks become Markdown hard breaks
    (``\\`` at the end of the line) so a multi-line answer stays inside its list item or
    paragraph; outer whitespace and characters XML cannot hold are dropped.
    """
    lines = xml_safe(text).replace("\r\n", "\n").replace("\r", "\n").strip().split("\n")
    out = []
    for line in lines:
        line = _ALWAYS.sub(r"\\\1", line.strip())
        line = _LINE_START.sub(r"\\\1", line)
        line = _ORDERED.sub(r"\1\\\2", line)
        out.append(line)
    return "\\\n".join(out)


# --- inline: escapes, **bold**, *italic* -------------------------------------------------

_PUNCTUATION = frozenset(string.punctuation)
_BREAK = "\n"  # a hard line break inside a paragraph
_JINJA_SPAN = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)


@dataclass
class _Piece:
    text: str
    bold: bool = False
    italic: bool = False


def _tokens(text: str, template: bool) -> list[tuple[str, str]]:
    """("text", s) and ("mark", "*"/"**") tokens; in a template, Jinja tags are text."""
    if "*" not in text and "\\" not in text:
        return [("text", text)] if text else []
    tokens: list[tuple[str, str]] = []
    i, buf = 0, []
    spans = {m.start(): m.end() for m in _JINJA_SPAN.finditer(text)} if template else {}
    while i < len(text):
        ch = text[i]
        if i in spans:
            buf.append(text[i : spans[i]])
            i = spans[i]
        elif ch == "\\" and i + 1 < len(text) and text[i + 1] in _PUNCTUATION:
            buf.append(text[i + 1])
            i += 2
        elif ch == "*":
            mark = "**" if text.startswith("**", i) else "*"
            if buf:
                tokens.append(("text", "".join(buf)))
                buf = []
            tokens.append(("mark", mark))
            i += len(mark)
        else:
            buf.append(ch)
            i += 1
    if buf:
        tokens.append(("text", "".join(buf)))
    return tokens


def _inline(text: str, template: bool = False) -> list[_Piece]:
    """Split inline Markdown into runs; unmatched ``*``/``**`` stay literal text."""
    tokens = _tokens(text, template)
    # Pair the marks; a mark without a partner is text.
    paired: set[int] = set()
    open_at: dict[str, int] = {}
    for n, (kind, value) in enumerate(tokens):
        if kind != "mark":
            continue
        if value in open_at:
            paired.update((open_at.pop(value), n))
        else:
            open_at[value] = n
    pieces: list[_Piece] = []
    bold = italic = False
    for n, (kind, value) in enumerate(tokens):
        if kind == "mark" and n in paired:
            if value == "**":
                bold = not bold
            else:
                italic = not italic
            continue
        pieces.append(_Piece(value, bold, italic))
    return pieces


def plain_text(text: str) -> str:
    """Inline Markdown as the reader sees it (no marks, escapes resolved)."""
    return "".join(p.text for p in _inline(text))


# --- blocks --------------------------------------------------------------------------------


@dataclass
class _Block:
    kind: str  # "heading", "para", "bullet", "number", "quote", "rule", "table", "jinja"
    level: int = 0
    label: str = ""  # the number of a numbered item, e.g. "1."
    lines: list[str] = field(default_factory=list)
    rows: list[list[str] | str] = field(default_factory=list)  # a table; str: a Jinja row


_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
_BULLET = re.compile(r"^( *)[-*+]\s+(.*)$")
_NUMBER = re.compile(r"^\s{0,3}(\d{1,9}[.)])\s+(.*)$")
_TEMPLATE_NUMBER = re.compile(r"^\s{0,3}(\{\{[^}]*\}\}[.)])\s+(.*)$")
_QUOTE = re.compile(r"^\s{0,3}>\s?(.*)$")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_TABLE_ROW = re.compile(r"^\s{0,3}\|")
_TABLE_DELIMITER = re.compile(r"^\s{0,3}\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_JINJA_LINE = re.compile(r"^\s*(\{%.*?%\}\s*)+$")
_JINJA_TAG = re.compile(r"\{%-?\s*(.*?)\s*-?%\}", re.DOTALL)
_WRITE_LINE = re.compile(r"^_{3,}$")
_TALL_LINE = 10  # underscores that ask for room to sign


def _cells(line: str, template: bool) -> list[str]:
    """The cells of a table row: split on '|' that is not escaped (nor inside a Jinja tag)."""
    line = line.strip()
    spans = [(m.start(), m.end()) for m in _JINJA_SPAN.finditer(line)] if template else []
    cells, start, i = [], 0, 0
    while i < len(line):
        inside = next((end for begin, end in spans if begin <= i < end), None)
        if inside is not None:
            i = inside
            continue
        if line[i] == "\\":
            i += 2
            continue
        if line[i] == "|":
            cells.append(line[start:i])
            start = i + 1
        i += 1
    cells.append(line[start:])
    if cells and not cells[0].strip():
        cells = cells[1:]  # the leading '|'
    if cells and not cells[-1].strip() and line.endswith("|") and not line.endswith("\\|"):
        cells = cells[:-1]  # the closing '|'
    return [c.strip() for c in cells]


def _logical_lines(markdown: str, template: bool) -> list[str]:
    """The lines; in a template without comments and with a tag spread over lines joined."""
    text = markdown.replace("\r\n", "\n").replace("\r", "\n")
    if not template:
        return text.split("\n")
    text = re.sub(r"\{#.*?#\}", "", text, flags=re.DOTALL)
    lines: list[str] = []
    for line in text.split("\n"):
        if lines and lines[-1].count("{%") > lines[-1].count("%}"):
            lines[-1] += " " + line.strip()
        else:
            lines.append(line)
    return lines


def _blocks(markdown: str, template: bool = False) -> list[_Block]:
    blocks: list[_Block] = []
    current: _Block | None = None
    lines = _logical_lines(markdown, template)
    n = 0
    while n < len(lines):
        line = lines[n].rstrip("\n")
        n += 1
        if not line.strip():
            current = None
            continue
        if template and _JINJA_LINE.match(line):
            if current is not None and current.kind == "table":  # right after a row
                current.rows.extend(_JINJA_TAG.findall(line))
                continue
            for statement in _JINJA_TAG.findall(line):
                blocks.append(_Block("jinja", lines=[statement]))
            current = None
            continue
        if current is not None and current.kind == "table" and _TABLE_ROW.match(line):
            current.rows.append(_cells(line, template))
            continue
        if (
            _TABLE_ROW.match(line)
            and n < len(lines)
            and _TABLE_DELIMITER.match(lines[n])
            and "|" in lines[n]
        ):
            current = _Block("table", rows=[_cells(line, template)])
            blocks.append(current)
            n += 1  # the delimiter row
            continue
        if _RULE.match(line):
            blocks.append(_Block("rule"))
            current = None
        elif m := _HEADING.match(line):
            heading = _Block("heading", level=len(m.group(1)), lines=[m.group(2)])
            blocks.append(heading)
            # A heading ends with its line, unless a hard break carries it on (a goal
            # typed over two lines).
            current = heading if _hard_break(line)[1] else None
        elif m := _BULLET.match(line):
            current = _Block("bullet", level=2 if len(m.group(1)) >= 2 else 1, lines=[m.group(2)])
            blocks.append(current)
        elif (m := _NUMBER.match(line)) or (template and (m := _TEMPLATE_NUMBER.match(line))):
            current = _Block("number", label=m.group(1), lines=[m.group(2)])
            blocks.append(current)
        elif (m := _QUOTE.match(line)) and (current is None or current.kind == "quote"):
            if current is None:
                current = _Block("quote")
                blocks.append(current)
            current.lines.append(m.group(1))
        elif current is not None and current.kind != "table":
            current.lines.append(line.strip())  # continuation of a paragraph or item
            if current.kind == "heading" and not _hard_break(line)[1]:
                current = None
        else:
            current = _Block("para", lines=[line.strip()])
            blocks.append(current)
    return blocks


def _hard_break(line: str) -> tuple[str, bool]:
    """(line without its break marker, True) for a line ending in an unescaped '\\' or '  '."""
    if line.endswith("  "):
        return line.rstrip(), True
    backslashes = len(line) - len(line.rstrip("\\"))
    if backslashes % 2 == 1:
        return line[:-1], True
    return line, False


def _join_lines(lines: list[str]) -> str:
    """The lines of a block as one inline text; hard breaks become _BREAK."""
    out = ""
    for n, line in enumerate(lines):
        last = n == len(lines) - 1
        text, hard = _hard_break(line) if not last else (line, False)
        if n and not out.endswith(_BREAK):
            out += " "
        out += text.strip() if not hard else text.lstrip()
        if hard:
            out += _BREAK
    return out


def _add_runs(paragraph, text: str, template: bool = False, *, bold: bool = False) -> None:
    # Emphasis may span a hard break (a multi-line name in **bold**): pair the marks over the
    # whole text, then break the runs.
    for piece in _inline(text, template):
        for n, segment in enumerate(piece.text.split(_BREAK)):
            if n:
                paragraph.add_run().add_break(WD_BREAK.LINE)
            clean = xml_safe(segment)
            if not clean:
                continue
            if not template or "{%" not in clean:
                _run(paragraph._p, clean, piece.bold or bold, piece.italic)
                continue
            # In a Word template the {% … %} tags are grey, so an editor tells them from the
            # text; a tag leaves nothing in the filled-in file, so its colour never shows.
            for part in _STATEMENT.split(clean):
                if part:
                    tag = part.startswith("{%") and part.endswith("%}")
                    colour = TAG_COLOUR if tag else None
                    _run(paragraph._p, part, piece.bold or bold, piece.italic, colour)


_STATEMENT = re.compile(r"(\{%.*?%\})")
TAG_COLOUR = MUTED


def _run(p, text: str, bold: bool, italic: bool, colour: str | None = None) -> None:
    """A run of text, built directly: python-docx's ``add_run`` handles text a character at
    a time, a noticeable cost in a report of thousands of answers."""
    r = OxmlElement("w:r")
    if bold or italic or colour:
        rpr = OxmlElement("w:rPr")
        if bold:
            rpr.append(OxmlElement("w:b"))
        if italic:
            rpr.append(OxmlElement("w:i"))
        if colour:
            colour_el = OxmlElement("w:color")
            colour_el.set(qn("w:val"), colour)
            rpr.append(colour_el)
        r.append(rpr)
    if "\t" in text:  # a tab is an element of its own
        Run(r, None).text = text
    else:
        t = OxmlElement("w:t")
        t.text = text
        if text[0].isspace() or text[-1].isspace():
            t.set(qn("xml:space"), "preserve")
        r.append(t)
    p.append(r)


# --- tables --------------------------------------------------------------------------------

PT_PER_CM = 72 / 2.54
CELL_PAD_CM = 0.45  # the cell's inner margins and a little air
LABEL_W_CM = 3.0  # the label column of a form (Naam, Functie, Datum, Handtekening)
GAP_W_CM = 0.8  # between two columns of lines, so they do not run into one
FORM_COL_MAX_CM = (TEXT_W_CM - LABEL_W_CM - GAP_W_CM) / 2  # room to write for one party


def _is_line(cell: str) -> bool:
    return bool(_WRITE_LINE.match(cell))


def _widths(rows: list[list[str]], columns: int, form: bool) -> list[float]:
    """Column widths in cm; a form's columns to write in are separated by gaps."""
    if form:
        parties = max(columns - 1, 1)
        room = TEXT_W_CM - LABEL_W_CM - GAP_W_CM * (parties - 1)
        rest = min(FORM_COL_MAX_CM, room / parties)
        widths = [LABEL_W_CM]
        for c in range(1, columns):
            widths += [GAP_W_CM, rest] if c > 1 else [rest]
        return widths
    # Each column as wide as its longest cell (measured with the font's metrics), when the
    # page allows; else narrow columns keep their width and the wide ones share the rest.
    natural = [1.2] * columns
    for r, row in enumerate(rows):
        for c, cell in enumerate(row[:columns]):
            width = text_width(plain_text(cell), BODY_PT, bold=r == 0) / PT_PER_CM + CELL_PAD_CM
            natural[c] = max(natural[c], width)
    total = sum(natural)
    if total <= TEXT_W_CM:
        return [w * TEXT_W_CM / total for w in natural]
    fixed: dict[int, float] = {}
    while True:
        free = [c for c in range(columns) if c not in fixed]
        share = (TEXT_W_CM - sum(fixed.values())) / len(free)
        narrow = [c for c in free if natural[c] <= share]
        if not narrow or len(narrow) == len(free):
            break
        fixed.update({c: natural[c] for c in narrow})
    free = [c for c in range(columns) if c not in fixed]
    room = TEXT_W_CM - sum(fixed.values())
    wide = sum(natural[c] for c in free)
    return [fixed[c] if c in fixed else room * natural[c] / wide for c in range(columns)]


def _gapped(items: list, gap) -> list:
    out: list = []
    for n, item in enumerate(items):
        out += [gap, item] if n else [item]
    return out


def _add_table(writer: Writer, block: _Block, template: bool) -> None:
    rows = [r for r in block.rows if isinstance(r, list)]
    columns = max(len(r) for r in rows)
    form = any(_is_line(c) for r in rows[1:] for c in r)
    widths = _widths(rows, columns, form)
    header = any(c for c in rows[0])
    layout: list[list[Cell]] = []
    texts: list[list[str] | str] = []
    for r, row in enumerate(block.rows):
        if r == 0 and not header:
            continue
        if isinstance(row, str):  # a Jinja row (template): docxtpl's {%tr … %}
            layout.append([Cell() for _ in range(columns)])
            texts.append(row)
            continue
        row = [*row, *([""] * (columns - len(row)))][:columns]
        head = header and r == 0
        layout.append(
            [
                Cell(
                    line=_is_line(c),
                    tall=_is_line(c) and len(c) >= _TALL_LINE,
                    rule=form and head and n > 0,
                )
                for n, c in enumerate(row)
            ]
        )
        texts.append(row)
    if form:  # an empty gap column before every column to write in but the first
        layout = [[row[0], *_gapped(row[1:], Cell())] for row in layout]
        texts = [t if isinstance(t, str) else [t[0], *_gapped(t[1:], "")] for t in texts]
    filled = writer.table(layout, widths, header=header, form=form)
    for r, (row_text, paragraphs) in enumerate(zip(texts, filled, strict=True)):
        if isinstance(row_text, str):
            _run(paragraphs[0]._p, f"{{%tr {row_text} %}}", False, False, TAG_COLOUR)
            continue
        head = header and r == 0 and any(row_text)
        for c, (text, paragraph) in enumerate(zip(row_text, paragraphs, strict=True)):
            if _is_line(text):
                continue
            _add_runs(paragraph, text, template, bold=head or (form and c == 0))
            if head and form:
                for run in paragraph.runs:
                    run.font.color.rgb = RGBColor.from_string(ACCENT)


# --- documents -----------------------------------------------------------------------------


def _fill(document, markdown: str, template: bool) -> str | None:
    """Write the blocks into the document; returns the first heading's text."""
    writer = Writer(document)
    first_heading = None
    for block in _blocks(markdown, template):
        if block.kind == "jinja":
            _run(writer.paragraph()._p, f"{{%p {block.lines[0]} %}}", False, False, TAG_COLOUR)
            continue
        if block.kind == "table":
            _add_table(writer, block, template)
            continue
        if block.kind == "rule":
            writer.paragraph()
            continue
        text = _join_lines(block.lines)
        if block.kind == "heading":
            paragraph = writer.paragraph(f"Heading {min(block.level, 4)}")
            if first_heading is None:
                first_heading = "".join(p.text for p in _inline(text, template))
        elif block.kind == "bullet":
            paragraph = writer.paragraph("List Bullet 2" if block.level == 2 else "List Bullet")
        elif block.kind == "number":
            paragraph = writer.paragraph()
            paragraph.paragraph_format.left_indent = Cm(0.75)
            paragraph.paragraph_format.first_line_indent = Cm(-0.75)
            paragraph.add_run(block.label + "\t")
        elif block.kind == "quote":
            paragraph = writer.paragraph("Intense Quote")
        else:
            paragraph = writer.paragraph()
        _add_runs(paragraph, text, template)
    return first_heading


def _save(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def markdown_to_docx(
    markdown: str,
    *,
    lang: str = "nl",
    title: str | None = None,
    kind: str = "",
    concept: bool = False,
) -> bytes:
    """Convert our small Markdown dialect to a .docx file (bytes) in our A4 look.

    ``kind`` names the document in the header ("Samenwerkingsovereenkomst"); ``concept``
    puts CONCEPT at the header's right."""
    mark = plain("export.concept_kop", lang) if concept else ""
    document = new_document(lang, kind=kind, concept_mark=mark)
    first_heading = _fill(document, markdown, template=False)
    set_title(document, title or first_heading or "")
    return _save(document)


def template_to_docx(source: str, *, lang: str = "nl", kind: str = "") -> bytes:
    """A Word template for docxtpl from a Markdown template (Jinja2): same text, same look.

    The header says CONCEPT when the template's ``concept`` variable is true."""
    mark = "{% if concept %}" + plain("export.concept_kop", lang) + "{% endif %}"
    document = new_document(lang, kind=kind, concept_mark=mark)
    first_heading = _fill(document, source, template=True)
    set_title(document, first_heading or "")
    return _save(document)
