"""A tiny Markdown → DOCX converter for the texts our templates produce, and its escaping.

Supported (and nothing more): ``#``/``##``/``###`` headings, paragraphs (lines joined; a line
ending in ``\\`` or two spaces is a line break), ``- ``/``* ``/``+ `` bullets, ``1. ``
numbered items (the number is kept as written), ``> `` quotes, ``---`` rules (an empty
paragraph), ``**bold**`` and ``*italic*``. A backslash before ASCII punctuation is an escape:
the Word text shows the character itself, so text escaped with :func:`escape_markdown`
comes out exactly as it was typed. Characters XML cannot hold are dropped.
"""

from __future__ import annotations

import io
import re
import string
from dataclasses import dataclass, field

from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Cm

# Characters XML 1.0 cannot hold: C0 controls except tab, LF and CR; lone surrogates;
# U+FFFE and U+FFFF.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# Escaped everywhere: these change Markdown wherever they stand (emphasis, code, links,
# HTML and entities, tables, strike-through, a heading's closing '#') — and the backslash.
_ALWAYS = re.compile(r"([\\`*_\[\]<>|~&#])")
# Escaped at the start of a line: headings, quotes, list markers, setext underlines.
_LINE_START = re.compile(r"^([>+=-])")
_ORDERED = re.compile(r"^(\d+)([.)])")


def xml_safe(text: str) -> str:
    """Text without the characters XML (and so Word) cannot hold."""
    return _XML_INVALID.sub("", text)


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


@dataclass
class _Piece:
    text: str
    bold: bool = False
    italic: bool = False


def _inline(text: str) -> list[_Piece]:
    """Split inline Markdown into runs; unmatched ``*``/``**`` stay literal text."""
    tokens: list[tuple[str, str]] = []  # ("text", s) or ("mark", "*"/"**")
    i, buf = 0, []
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text) and text[i + 1] in _PUNCTUATION:
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


# --- blocks --------------------------------------------------------------------------------


@dataclass
class _Block:
    kind: str  # "heading", "para", "bullet", "number", "quote", "rule"
    level: int = 0
    label: str = ""  # the number of a numbered item, e.g. "1."
    lines: list[str] = field(default_factory=list)


_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
_BULLET = re.compile(r"^\s{0,3}[-*+]\s+(.*)$")
_NUMBER = re.compile(r"^\s{0,3}(\d{1,9}[.)])\s+(.*)$")
_QUOTE = re.compile(r"^\s{0,3}>\s?(.*)$")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")


def _blocks(markdown: str) -> list[_Block]:
    blocks: list[_Block] = []
    current: _Block | None = None
    for raw in markdown.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.rstrip("\n")
        if not line.strip():
            current = None
            continue
        if _RULE.match(line):
            blocks.append(_Block("rule"))
            current = None
        elif m := _HEADING.match(line):
            blocks.append(_Block("heading", level=len(m.group(1)), lines=[m.group(2)]))
            current = None
        elif m := _BULLET.match(line):
            current = _Block("bullet", lines=[m.group(1)])
            blocks.append(current)
        elif m := _NUMBER.match(line):
            current = _Block("number", label=m.group(1), lines=[m.group(2)])
            blocks.append(current)
        elif (m := _QUOTE.match(line)) and (current is None or current.kind == "quote"):
            if current is None:
                current = _Block("quote")
                blocks.append(current)
            current.lines.append(m.group(1))
        elif current is not None:
            current.lines.append(line.strip())  # continuation of a paragraph or item
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


def _add_runs(paragraph, text: str) -> None:
    # Split on hard breaks first so a break never sits inside an escape sequence.
    for n, segment in enumerate(text.split(_BREAK)):
        if n:
            paragraph.add_run().add_break(WD_BREAK.LINE)
        for piece in _inline(segment):
            clean = xml_safe(piece.text)
            if not clean:
                continue
            run = paragraph.add_run(clean)
            if piece.bold:
                run.bold = True
            if piece.italic:
                run.italic = True


def _set_language(document, lang: str) -> None:
    tag = {"nl": "nl-NL", "en": "en-GB"}.get(lang, lang)
    rpr = document.styles["Normal"].element.get_or_add_rPr()
    lang_el = rpr.find(qn("w:lang"))
    if lang_el is None:
        lang_el = rpr.makeelement(qn("w:lang"), {})
        rpr.append(lang_el)
    lang_el.set(qn("w:val"), tag)


def markdown_to_docx(markdown: str, *, lang: str = "nl", title: str | None = None) -> bytes:
    """Convert our small Markdown dialect to a .docx file (bytes)."""
    document = Document()
    _set_language(document, lang)
    first_heading = None
    for block in _blocks(markdown):
        text = _join_lines(block.lines)
        if block.kind == "heading":
            paragraph = document.add_heading(level=min(block.level, 9))
            if first_heading is None:
                first_heading = "".join(p.text for p in _inline(text))
        elif block.kind == "bullet":
            paragraph = document.add_paragraph(style="List Bullet")
        elif block.kind == "number":
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.left_indent = Cm(0.75)
            paragraph.paragraph_format.first_line_indent = Cm(-0.75)
            paragraph.add_run(block.label + "\t")
        elif block.kind == "quote":
            paragraph = document.add_paragraph(style="Intense Quote")
        elif block.kind == "rule":
            document.add_paragraph()
            continue
        else:
            paragraph = document.add_paragraph()
        _add_runs(paragraph, text)
    document.core_properties.title = xml_safe(title or first_heading or "")[:255]
    document.core_properties.language = {"nl": "nl-NL", "en": "en-GB"}.get(lang, lang)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
