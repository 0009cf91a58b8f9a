"""What counts as an answer: cleaning and checking text typed by a participant."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# Telegram's own limit for one message; an answer can be as long as a message.
MAX_ANSWER_CHARS = 4096

# Bidirectional embeddings, overrides and isolates can make text display as something
# else than it is ("spoofing"); the plain marks U+200E/U+200F are kept because people
# who write Arabic or Hebrew next to Dutch need them.
_BIDI_CONTROLS = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
_KEEP_CONTROLS = {"\n", "\t"}


@dataclass(frozen=True)
class Controle:
    """The outcome of checking a text: the cleaned text, or the reason it is refused."""

    text: str
    reason: str | None = None  # message-catalogue key when refused

    @property
    def ok(self) -> bool:
        return self.reason is None


def clean(text: str) -> str:
    """Drop control and bidi-override characters, normalise line ends, trim."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    kept = []
    for ch in text:
        if ch in _KEEP_CONTROLS:
            kept.append(ch)
        elif ch in _BIDI_CONTROLS:
            continue
        elif unicodedata.category(ch) in ("Cc", "Cs") or ch in ("\ufffe", "\uffff"):
            continue
        else:
            kept.append(ch)
    lines = [line.strip() for line in "".join(kept).split("\n")]
    # Collapse runs of empty lines but keep the writer's paragraphs.
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def clean_name(text: str | None) -> str:
    """A first name, username, group title or topic name cleaned like an answer, on one
    line: a lone surrogate or other broken character cannot reach the database."""
    return " ".join(clean(text or "").split())


def _visible(ch: str) -> bool:
    return not unicodedata.category(ch).startswith(("Z", "C"))


def check(text: str | None) -> Controle:
    """Clean a typed answer and say whether it can be stored."""
    if text is None:
        return Controle("", "weigering.geen_tekst")
    cleaned = clean(text)
    if not any(_visible(ch) for ch in cleaned):
        # Only spaces or invisible characters (zero-width spaces and joiners, word
        # joiners): nothing would show on the map.
        return Controle("", "weigering.leeg_antwoord")
    if len(cleaned) > MAX_ANSWER_CHARS:
        return Controle(cleaned, "weigering.te_lang")
    return Controle(cleaned)
