"""Telegram's HTML parse mode, re-implemented for the sandbox.

``parse_html(text)`` turns a Bot API HTML string into the visible plain text plus
Telegram ``MessageEntity`` dicts (offsets and lengths in UTF-16 code units), or raises
``EntityParseError`` with a description shaped like Telegram's own
("Bad Request: can't parse entities: ...").

The rules follow tdlib's ``parse_html`` (what the Bot API server uses):

* supported tags: b, strong, i, em, u, ins, s, strike, del, a (href), code, pre,
  tg-spoiler, span class="tg-spoiler", blockquote (optionally ``expandable``),
  tg-emoji (emoji-id);
* character references: &lt; &gt; &amp; &quot; and numeric (&#NN; &#xHH;); any other
  ``&`` is kept literally, as Telegram does;
* an unknown tag, a bare ``<``, an unbalanced or unclosed tag is an error.

Leading and trailing white space is trimmed like Telegram trims message text.
"""

from __future__ import annotations

import html
import re

__all__ = ["EntityParseError", "parse_html", "plain_entities_text", "utf16_len"]

_TAG_TO_ENTITY = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}

_NAMED_REFS = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_REF_RE = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{1,10});")
_NAME_CHARS = re.compile(r"[A-Za-z0-9\-]*")
_ATTR_NAME = re.compile(r"[A-Za-z0-9\-_]*")


class EntityParseError(ValueError):
    """Invalid Telegram HTML; ``str(exc)`` is the full Bot API description."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"Bad Request: can't parse entities: {reason}")
        self.reason = reason


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram's offsets and limits."""
    return len(text.encode("utf-16-le")) // 2


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def _decode_ref(text: str, i: int) -> tuple[str, int]:
    """Decode a character reference at text[i] == '&'; unknown ones stay literal."""
    m = _REF_RE.match(text, i)
    if m:
        body = m.group(1)
        char: str | None = None
        if body.startswith(("#x", "#X")):
            code = int(body[2:], 16)
        elif body.startswith("#"):
            code = int(body[1:])
        else:
            code = -1
            char = _NAMED_REFS.get(body)
        if code >= 0 and 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF:
            char = chr(code)
        if char is not None:
            return char, m.end()
    return "&", i + 1


def _decode_attr(value: str) -> str:
    out = []
    i = 0
    while i < len(value):
        if value[i] == "&":
            char, i = _decode_ref(value, i)
            out.append(char)
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def parse_html(text: str) -> tuple[str, list[dict]]:
    """Parse Telegram HTML into (visible text, entities). Raises EntityParseError."""
    out: list[str] = []
    pos16 = 0  # current UTF-16 length of the visible text
    # stack of open tags: (tag name, entity type or None, start offset, attributes)
    stack: list[tuple[str, str | None, int, dict[str, str]]] = []
    entities: list[dict] = []
    n = len(text)
    i = 0
    while i < n:
        c = text[i]
        if c == "&":
            char, i = _decode_ref(text, i)
            out.append(char)
            pos16 += utf16_len(char)
            continue
        if c != "<":
            j = i
            while j < n and text[j] not in "<&":
                j += 1
            chunk = text[i:j]
            out.append(chunk)
            pos16 += utf16_len(chunk)
            i = j
            continue

        begin = i
        i += 1
        if i < n and text[i] == "/":
            # end tag
            i += 1
            m = _NAME_CHARS.match(text, i)
            name = m.group(0).lower()
            i = m.end()
            if not stack:
                raise EntityParseError(
                    f"Unexpected end tag at byte offset {_byte_offset(text, begin)}"
                )
            while i < n and text[i] in " \t\r\n":
                i += 1
            if i >= n or text[i] != ">":
                raise EntityParseError(
                    f"Can't find end of end tag at byte offset {_byte_offset(text, begin)}"
                )
            open_name, etype, start, attrs = stack[-1]
            if name != open_name:
                raise EntityParseError(
                    f"Unmatched end tag at byte offset {_byte_offset(text, begin)}, "
                    f'expected "</{open_name}>", found "</{name}>"'
                )
            stack.pop()
            i += 1
            length = pos16 - start
            if etype is not None and length > 0:
                entity: dict = {"type": etype, "offset": start, "length": length}
                if etype == "text_link":
                    url = attrs.get("href", "")
                    if not url:
                        continue
                    m_user = re.fullmatch(r"tg://user\?id=(\d+)", url)
                    if m_user:
                        entity = {
                            "type": "text_mention",
                            "offset": start,
                            "length": length,
                            "user": {"id": int(m_user.group(1)), "is_bot": False, "first_name": ""},
                        }
                    else:
                        entity["url"] = url
                elif etype == "custom_emoji":
                    entity["custom_emoji_id"] = attrs.get("emoji-id", "")
                elif etype == "blockquote" and "expandable" in attrs:
                    entity["type"] = "expandable_blockquote"
                elif etype == "code" and stack and stack[-1][0] == "pre":
                    lang = attrs.get("class", "")
                    if lang.startswith("language-"):
                        # becomes the language of the enclosing pre entity
                        stack[-1][3]["language"] = lang[len("language-") :]
                        continue
                elif etype == "pre" and attrs.get("language"):
                    entity["language"] = attrs["language"]
                entities.append(entity)
            continue

        # start tag
        m = _NAME_CHARS.match(text, i)
        name = m.group(0).lower()
        i = m.end()
        if name not in _TAG_TO_ENTITY:
            raise EntityParseError(
                f'Unsupported start tag "{name}" at byte offset {_byte_offset(text, begin)}'
            )
        attrs: dict[str, str] = {}
        while True:
            while i < n and text[i] in " \t\r\n":
                i += 1
            if i >= n:
                raise EntityParseError(
                    f"Unclosed start tag at byte offset {_byte_offset(text, begin)}"
                )
            if text[i] == ">":
                i += 1
                break
            if text[i] == "/" and i + 1 < n and text[i + 1] == ">":
                raise EntityParseError(
                    f'Unsupported self-closing tag "{name}" at byte offset '
                    f"{_byte_offset(text, begin)}"
                )
            am = _ATTR_NAME.match(text, i)
            attr = am.group(0).lower()
            if not attr:
                raise EntityParseError(
                    f'Empty attribute name in the tag "{name}" at byte offset '
                    f"{_byte_offset(text, begin)}"
                )
            i = am.end()
            while i < n and text[i] in " \t\r\n":
                i += 1
            if i < n and text[i] != "=":
                # attribute without a value (e.g. <blockquote expandable>)
                attrs[attr] = ""
                continue
            if i >= n:
                raise EntityParseError(
                    f"Unclosed start tag at byte offset {_byte_offset(text, begin)}"
                )
            i += 1  # '='
            while i < n and text[i] in " \t\r\n":
                i += 1
            if i >= n:
                raise EntityParseError(
                    f"Unclosed start tag at byte offset {_byte_offset(text, begin)}"
                )
            if text[i] in "\"'":
                quote = text[i]
                end = text.find(quote, i + 1)
                if end < 0:
                    raise EntityParseError(
                        f"Unclosed start tag at byte offset {_byte_offset(text, begin)}"
                    )
                value = text[i + 1 : end]
                i = end + 1
            else:
                j = i
                while j < n and text[j] not in " \t\r\n>":
                    j += 1
                value = text[i:j]
                i = j
            attrs[attr] = _decode_attr(value)
        etype = _TAG_TO_ENTITY[name]
        if name == "span" and attrs.get("class") != "tg-spoiler":
            raise EntityParseError('Tag "span" must have class "tg-spoiler"')
        if name == "tg-emoji" and not attrs.get("emoji-id"):
            raise EntityParseError(
                "Custom emoji entity must contain a valid custom emoji identifier"
            )
        stack.append((name, etype, pos16, attrs))

    if stack:
        raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')

    visible = "".join(out)
    return _trim(visible, entities)


def _trim(text: str, entities: list[dict]) -> tuple[str, list[dict]]:
    """Trim surrounding white space like Telegram and shift/clip the entities."""
    stripped_left = text.lstrip()
    shift = utf16_len(text) - utf16_len(stripped_left)
    result = stripped_left.rstrip()
    total = utf16_len(result)
    fixed: list[dict] = []
    for ent in entities:
        start = max(ent["offset"] - shift, 0)
        end = min(ent["offset"] + ent["length"] - shift, total)
        if end > start:
            fixed.append({**ent, "offset": start, "length": end - start})
    fixed.sort(key=lambda e: (e["offset"], -e["length"]))
    return result, fixed


def plain_entities_text(text: str) -> str:
    """Text without parse mode: only trimmed (Telegram trims surrounding white space)."""
    return text.strip()


def to_html(text: str) -> str:
    """Escape plain text so it reads the same in HTML parse mode."""
    return html.escape(text, quote=False)
