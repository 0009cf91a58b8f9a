"""Text measuring for the exports: how many lines, and how much height, a text needs in a box.

The decks name "Arial" as their font, and we measure with Liberation Sans, which has the
same advance width as Arial for every glyph (it is metric-compatible by design; LibreOffice
draws Arial text with it when Arial is missing). The two font files ship with this package
(SIL Open Font License, see fonts_data/LICENSE-LiberationSans.txt), so measuring does not
depend on what the machine has installed. Without a font file we fall back to a
conservative per-character estimate. Everything is in points.

Wrapping follows what PowerPoint and LibreOffice do: break at spaces (a trailing space hangs
off the line), start a new line at a hard break, split a word that does not fit the rest of
the line at a soft hyphen (U+00AD; the hyphen then drawn is counted), and break a word that
is longer than the whole line and has no soft hyphen that helps between characters.
:func:`Measurer.hyphenate` puts soft hyphens, at the language's hyphenation points (pyphen),
into the words that are wider than a line, so those break as a reader expects
("Bewoners-" / "commissie"). LibreOffice breaks at a soft hyphen without drawing the hyphen
(it draws it only with hyphenation on, which a .pptx cannot ask for without letting
PowerPoint break any word anywhere), so it never needs more lines than measured.

Widths are summed per character (kerning ignored, which only makes a text look a little
wider); the available width is used in full, less a hair for rounding.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import pyphen
from PIL import ImageFont

LINE_FACTOR = 1.2  # line height = 1.2 × font size; the builder sets exactly this spacing
DEFAULT_INSETS = (7.2, 3.6, 7.2, 3.6)  # left, top, right, bottom: PowerPoint's default
TAB_PT = 72.0  # a tab jumps to the next default tab stop: at most one inch
WIDTH_SAFETY = 0.995  # rounding only: the metrics are Arial's own
FALLBACK_EM = 0.6  # estimate per character when no font file is available
_WIDE_FALLBACK_EM = 0.9  # ... for the widest Latin letters
_WIDE_EM = 1.3  # emoji and East Asian wide characters (rendered by a fallback font)
_MISSING_EM = 1.0  # a character the measuring font does not have

_FONT_DIRS = (
    str(Path(__file__).parent / "fonts_data"),  # shipped with the package: Liberation Sans
    "/usr/share/fonts/truetype/liberation2",
    "/usr/share/fonts/truetype/liberation",
    "/usr/share/fonts/TTF",
    "/usr/local/share/fonts",
    "/Library/Fonts",
)
_REGULAR = "LiberationSans-Regular.ttf"  # metric-compatible with Arial, the deck's font
_BOLD = "LiberationSans-Bold.ttf"
_REF_SIZE = 1000  # load fonts at this size and scale: widths in em with good precision

# Break opportunities: ordinary spaces, tabs and zero-width space (not the no-break spaces).
_SPACE_CHARS = (
    " \t\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u200b\u205f\u3000"
)
_HARD_BREAKS = "\n\v\u2028\u2029"
_HARD_BREAK = re.compile(f"[{_HARD_BREAKS}]")
_WORD = re.compile("[^" + re.escape(_SPACE_CHARS) + "]+")
_TOKEN = re.compile("[^" + re.escape(_SPACE_CHARS + _HARD_BREAKS) + "]+")  # a word, no breaks
SOFT_HYPHEN = "\u00ad"  # invisible unless a line breaks at it; then drawn as "-"
_HYPHEN = "-"
_LETTERS = re.compile(r"[^\W\d_]{4,}")  # the runs of letters a hyphenation dictionary splits
_WIDEST_EM = 2.0  # wider than any character we measure (the widest are 1.5 em)
_DICTIONARIES = {"nl": "nl_NL", "en": "en_GB"}


@lru_cache(maxsize=4)
def _dictionary(lang: str) -> pyphen.Pyphen:
    return pyphen.Pyphen(lang=_DICTIONARIES.get(lang, "nl_NL"))


@lru_cache(maxsize=8192)
def hyphenate_word(word: str, lang: str = "nl") -> str:
    """word with a soft hyphen at each hyphenation point of its runs of letters."""
    dictionary = _dictionary(lang)

    def runs(match: re.Match[str]) -> str:
        return dictionary.inserted(match.group(), hyphen=SOFT_HYPHEN)

    return _LETTERS.sub(runs, word)


def _find_font(name: str) -> Path | None:
    for directory in _FONT_DIRS:
        path = Path(directory) / name
        if path.is_file():
            return path
    return None


class Measurer:
    """Measures text with one regular and one bold font file (or the fallback estimate)."""

    def __init__(self, regular: Path | str | None, bold: Path | str | None = None) -> None:
        bold = bold or regular
        self._fonts: dict[bool, ImageFont.FreeTypeFont | None] = {
            False: ImageFont.truetype(str(regular), _REF_SIZE) if regular else None,
            True: ImageFont.truetype(str(bold), _REF_SIZE) if bold else None,
        }
        self._missing: dict[bool, float | None] = {}
        for is_bold, font in self._fonts.items():
            # The width the font gives to a character it does not have (.notdef).
            self._missing[is_bold] = font.getlength("\U0010fffd") if font else None
        self._char_em = lru_cache(maxsize=8192)(self._char_em_uncached)
        # Words repeat a lot in a workshop: their widths are cached too.
        self._word_em = lru_cache(maxsize=65536)(self._word_em_uncached)

    @property
    def uses_font_file(self) -> bool:
        return self._fonts[False] is not None

    @classmethod
    def from_system(cls) -> Measurer:
        regular = _find_font(_REGULAR)
        bold = _find_font(_BOLD)
        return cls(regular, bold)

    # -- widths -----------------------------------------------------------------------------

    def _char_em_uncached(self, ch: str, bold: bool) -> float:
        """The advance width of one character, in em."""
        category = unicodedata.category(ch)
        if category in ("Mn", "Me", "Cf"):
            return 0.0  # combining marks, joiners, direction marks, variation selectors
        code = ord(ch)
        if (
            code > 0xFFFF
            or 0x2600 <= code <= 0x27BF
            or unicodedata.east_asian_width(ch) in ("W", "F")
        ):
            return _WIDE_EM
        font = self._fonts[bold]
        if font is None:
            return _WIDE_FALLBACK_EM if ch in "MWmw@%" else FALLBACK_EM
        width = font.getlength(ch)
        if width == self._missing[bold] and width < _MISSING_EM * _REF_SIZE:
            return _MISSING_EM
        return width / _REF_SIZE

    def _word_em_uncached(self, word: str, bold: bool) -> float:
        """The width of a word without tabs, in em."""
        return sum(self._char_em(ch, bold) for ch in word)

    def word_width(self, word: str, size_pt: float, bold: bool = False) -> float:
        """text_width of a word without tabs (cached)."""
        return self._word_em(word, bold) * size_pt

    def text_width(self, text: str, size_pt: float, bold: bool = False) -> float:
        """Width of a single line of text in points (tabs count as a full inch)."""
        total = 0.0
        for ch in text:
            if ch == "\t":
                total += TAB_PT / size_pt
            else:
                total += self._char_em(ch, bold)
        return total * size_pt

    # -- wrapping ---------------------------------------------------------------------------

    def wrap(
        self, text: str, width_pt: float, size_pt: float, bold: bool = False
    ) -> list[tuple[int, int]]:
        """The lines text wraps to in width_pt, as (start, end) offsets into text.

        An empty text is one (empty) line. Whitespace at a line break belongs to no line.
        """
        avail = width_pt * WIDTH_SAFETY
        lines: list[tuple[int, int]] = []
        start = 0
        for brk in _HARD_BREAK.finditer(text):
            self._wrap_segment(text, start, brk.start(), avail, size_pt, bold, lines)
            start = brk.end()
        self._wrap_segment(text, start, len(text), avail, size_pt, bold, lines)
        return lines

    def _wrap_segment(
        self,
        text: str,
        start: int,
        end: int,
        avail: float,
        size: float,
        bold: bool,
        lines: list[tuple[int, int]],
    ) -> None:
        line_start: int | None = None
        line_end = start
        line_w = 0.0
        pos = start
        for match in _WORD.finditer(text, start, end):
            gap_w = self.text_width(text[pos : match.start()], size, bold)
            word_w = self.word_width(match.group(), size, bold)
            if line_start is None:
                # First word of the segment: leading whitespace is rendered, so it counts.
                line_start, line_end, line_w = self._place(
                    text, start, match.end(), gap_w, avail, size, bold, lines
                )
            elif line_w + gap_w + word_w <= avail:
                line_end = match.end()
                line_w += gap_w + word_w
            else:
                # A word with soft hyphens starts on this line when a part of it fits.
                cut = self._hyphen_cut(
                    text, match.start(), match.end(), avail - line_w - gap_w, size, bold
                )
                lines.append((line_start, cut or line_end))
                line_start, line_end, line_w = self._place(
                    text, cut or match.start(), match.end(), 0.0, avail, size, bold, lines
                )
            pos = match.end()
        if line_start is None:
            lines.append((start, end))  # empty or only whitespace: still one line
        else:
            lines.append((line_start, line_end))

    def _place(
        self,
        text: str,
        start: int,
        end: int,
        lead_w: float,
        avail: float,
        size: float,
        bold: bool,
        lines: list[tuple[int, int]],
    ) -> tuple[int, int, float]:
        """Put text[start:end] (a word, maybe with leading space) on a fresh line.

        A word longer than the line is split at the last soft hyphen that fits (the line
        then ends with the soft hyphen, drawn as a hyphen), else between characters (never
        before a combining mark or joiner); full lines go to lines, the open last line is
        returned.
        """
        cur_start = start
        while True:
            width = self.text_width(text[cur_start:end], size, bold)
            if width <= avail:
                return cur_start, end, width
            cut = self._hyphen_cut(text, cur_start, end, avail, size, bold)
            if cut is None:
                cut = self._char_cut(text, cur_start, end, avail, size, bold)
            if cut >= end:  # one character wider than the line: it stands alone
                return cur_start, end, width
            lines.append((cur_start, cut))
            cur_start = cut

    def _hyphen_cut(
        self, text: str, start: int, end: int, room: float, size: float, bold: bool
    ) -> int | None:
        """The end (just after a soft hyphen) of the longest part of text[start:end] that
        fits room with its hyphen drawn; None when none does."""
        if SOFT_HYPHEN not in text[start:end]:
            return None
        room -= self.text_width(_HYPHEN, size, bold)
        best = None
        width = 0.0
        for index in range(start, end):
            ch = text[index]
            if ch == SOFT_HYPHEN and index > start:
                if width > room:
                    break
                best = index + 1
            width += TAB_PT if ch == "\t" else self._char_em(ch, bold) * size
        return best

    def _char_cut(
        self, text: str, start: int, end: int, avail: float, size: float, bold: bool
    ) -> int:
        """Where a line of text[start:end] that is too long breaks between characters."""
        width = 0.0
        for index in range(start, end):
            ch = text[index]
            ch_w = TAB_PT if ch == "\t" else self._char_em(ch, bold) * size
            if width + ch_w > avail and index > start and not _glues_to_previous(ch):
                return index
            width += ch_w
        return end

    def line_count(self, text: str, width_pt: float, size_pt: float, bold: bool = False) -> int:
        return len(self.wrap(text, width_pt, size_pt, bold))

    def hyphenate(
        self, text: str, width_pt: float, size_pt: float, bold: bool = False, lang: str = "nl"
    ) -> str:
        """text with soft hyphens in the words wider than width_pt (and only in those), at the
        hyphenation points of lang; a word that has soft hyphens already is left alone."""
        avail = width_pt * WIDTH_SAFETY

        def word(match: re.Match[str]) -> str:
            token = match.group()
            if (
                len(token) * _WIDEST_EM * size_pt <= avail
                or SOFT_HYPHEN in token
                or self.word_width(token, size_pt, bold) <= avail
            ):
                return token
            return hyphenate_word(token, lang)

        return _TOKEN.sub(word, text)

    def breaks_words(self, text: str, width_pt: float, size_pt: float, bold: bool = False) -> bool:
        """Whether some word of text is wider than width_pt (and so is broken mid-word)."""
        avail = width_pt * WIDTH_SAFETY
        return any(
            self.text_width(match.group(), size_pt, bold) > avail
            for segment in _HARD_BREAK.split(text)
            for match in _WORD.finditer(segment)
        )

    # -- heights ----------------------------------------------------------------------------

    def paragraphs_height(
        self,
        paragraphs: Sequence[str],
        width_pt: float,
        size_pt: float,
        *,
        bold: bool = False,
        space_pt: float = 0.0,
        line_pt: float | None = None,
    ) -> float:
        """Height of paragraphs set in width_pt (the room for text, insets already off).

        space_pt is the spacing before each paragraph; it is counted for the first one too,
        which is at most that much too cautious.
        """
        line = line_pt if line_pt is not None else size_pt * LINE_FACTOR
        return sum(
            self.line_count(text, width_pt, size_pt, bold) * line + space_pt for text in paragraphs
        )

    def fits(
        self,
        paragraphs: Sequence[str],
        width_pt: float,
        height_pt: float,
        size_pt: float,
        *,
        insets: tuple[float, float, float, float] = DEFAULT_INSETS,
        indent_pt: float = 0.0,
        bold: bool = False,
        space_pt: float = 0.0,
        line_pt: float | None = None,
    ) -> bool:
        """Whether paragraphs fit a box of width_pt × height_pt without overflowing."""
        left, top, right, bottom = insets
        room_w = width_pt - left - right - indent_pt
        room_h = height_pt - top - bottom
        if room_w <= 0 or room_h <= 0:
            return not paragraphs
        needed = self.paragraphs_height(
            paragraphs, room_w, size_pt, bold=bold, space_pt=space_pt, line_pt=line_pt
        )
        return needed <= room_h + 1e-6


def _glues_to_previous(ch: str) -> bool:
    code = ord(ch)
    return (
        unicodedata.category(ch) in ("Mn", "Me", "Cf")
        or 0x1F3FB <= code <= 0x1F3FF  # emoji skin tone modifiers
        or 0xFE00 <= code <= 0xFE0F
    )


@lru_cache(maxsize=1)
def default_measurer() -> Measurer:
    """The measurer the exports use: Liberation Sans (Arial's metrics), else the estimate."""
    return Measurer.from_system()


def text_width(text: str, size_pt: float, bold: bool = False) -> float:
    return default_measurer().text_width(text, size_pt, bold)


def wrap(text: str, width_pt: float, size_pt: float, bold: bool = False) -> list[tuple[int, int]]:
    return default_measurer().wrap(text, width_pt, size_pt, bold)


def line_count(text: str, width_pt: float, size_pt: float, bold: bool = False) -> int:
    return default_measurer().line_count(text, width_pt, size_pt, bold)


def breaks_words(text: str, width_pt: float, size_pt: float, bold: bool = False) -> bool:
    return default_measurer().breaks_words(text, width_pt, size_pt, bold)


def paragraphs_height(
    paragraphs: Sequence[str],
    width_pt: float,
    size_pt: float,
    *,
    bold: bool = False,
    space_pt: float = 0.0,
    line_pt: float | None = None,
) -> float:
    return default_measurer().paragraphs_height(
        paragraphs, width_pt, size_pt, bold=bold, space_pt=space_pt, line_pt=line_pt
    )


def fits(
    paragraphs: Sequence[str],
    width_pt: float,
    height_pt: float,
    size_pt: float,
    *,
    insets: tuple[float, float, float, float] = DEFAULT_INSETS,
    indent_pt: float = 0.0,
    bold: bool = False,
    space_pt: float = 0.0,
    line_pt: float | None = None,
) -> bool:
    """Whether the paragraphs of a text frame fit its box (width/height of the shape)."""
    return default_measurer().fits(
        paragraphs,
        width_pt,
        height_pt,
        size_pt,
        insets=insets,
        indent_pt=indent_pt,
        bold=bold,
        space_pt=space_pt,
        line_pt=line_pt,
    )
