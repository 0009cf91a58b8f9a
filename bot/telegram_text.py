"""Telegram's 4,096-character limit for a message, applied to our HTML.

Telegram counts the text as the reader sees it (tags gone, ``&amp;`` one character) in
UTF-16 code units. A longer text is split where a line ends, each part a valid HTML
fragment: a tag that is open where the text is cut is closed at the end of the part and
opened again at the start of the next. A single line longer than the limit is cut within
the line, never inside a tag or an entity.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

MESSAGE_LIMIT = 4096
CAPTION_LIMIT = 1024
_ATOM = re.compile(r"<[^>]*>|&#?\w+;|.", re.DOTALL)
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z-]+)")


def utf16_len(text: str) -> int:
    """Length as Telegram counts it."""
    return len(text.encode("utf-16-le")) // 2


def visible_length(text: str) -> int:
    """The length Telegram counts for an HTML text: tags gone, an entity one character."""
    return utf16_len(html.unescape(re.sub(r"<[^>]*>", "", text)))


def page_ranges(lines: Sequence[str], budget: int, most: int | None = None) -> list[range]:
    """The lines in runs that each fit one message: joined by line breaks at most ``budget``
    long (as Telegram counts) and at most ``most`` lines. A line longer than the budget
    gets a run of its own; the caller keeps lines short enough. Always one run at least."""
    runs: list[range] = []
    start, used = 0, 0
    for n, line in enumerate(lines):
        width = visible_length(line) + 1  # and its line break
        full = most is not None and n - start >= most
        if n > start and (used + width > budget or full):
            runs.append(range(start, n))
            start, used = n, 0
        used += width
    runs.append(range(start, len(lines)))
    return runs


def split_html(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """The text as one or more valid HTML messages, each at most ``limit`` long."""
    if utf16_len(html.unescape(re.sub(r"<[^>]*>", "", text))) <= limit:
        return [text]
    parts: list[str] = []
    current: list[str] = []
    seen = 0  # visible length of current
    open_tags: list[str] = []  # the opening tags in force, outermost first
    line_end: tuple[int, list[str]] | None = None  # last '\n' in current, and tags then
    reopened = 0  # tags that open the current part, carried over from the one before

    def cut(at: int, tags: list[str], skip_newline: bool) -> None:
        nonlocal current, seen, line_end, reopened
        kept, rest = current[:at], current[at + 1 if skip_newline else at :]
        parts.append("".join(kept) + "".join(_closing(t) for t in reversed(tags)))
        current = list(tags) + rest
        seen = sum(_visible(atom) for atom in rest)
        line_end, reopened = None, len(tags)

    for atom in _ATOM.findall(text):
        if atom.startswith("<") and atom.endswith(">"):
            if atom.startswith("</"):
                name = _name(atom)
                for i in range(len(open_tags) - 1, -1, -1):
                    if _name(open_tags[i]) == name:
                        del open_tags[i]
                        break
            elif not atom.endswith("/>"):
                open_tags.append(atom)
            current.append(atom)
            continue
        width = _visible(atom)
        if seen + width > limit:
            if line_end is not None and line_end[0] > reopened:
                cut(line_end[0], line_end[1], skip_newline=True)
            else:
                cut(len(current), open_tags, skip_newline=False)
        if atom == "\n":
            line_end = (len(current), list(open_tags))
        current.append(atom)
        seen += width
    if current:
        parts.append("".join(current))
    return [p for p in parts if html.unescape(re.sub(r"<[^>]*>", "", p)).strip()]


def _visible(atom: str) -> int:
    return utf16_len(html.unescape(atom)) if not atom.startswith("<") else 0


def _name(tag: str) -> str:
    found = _TAG_NAME.match(tag)
    return found.group(1).lower() if found else ""


def _closing(opening: str) -> str:
    return f"</{_name(opening)}>"
