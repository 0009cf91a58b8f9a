"""The closing round's slide(s) at the end of the deck: what we learned, what we take home.

The method's learning outcomes ("Leeropbrengsten") ask what the participants learned of
co-creation, dialogue and each other's knowledge, and what they take into their own
practice. Each question in bold with its answers under it; 14 pt or more, continued on a
next slide when the answers are many. A very long answer is shortened here; the
participation report and the JSON have it in full.
"""

from __future__ import annotations

from exports.model import WorkshopData
from exports.pptx_lines import add_line_slides
from exports.pptx_look import clean_text, shorten
from exports.pptx_slide_base import text

NAME_CLOSING = "Terugblik"
ANSWER_MAX = 300
QUESTIONS = (("geleerd", "afsluiten.vraag_geleerd"), ("meenemen", "afsluiten.vraag_mee"))

Line = tuple[str, bool]  # text, bold (a question)


def closing_lines(data: WorkshopData) -> list[Line]:
    """Each question (bold) with its answers; empty when nobody answered."""
    if not data.closing:
        return []
    lines: list[Line] = []
    for question, key in QUESTIONS:
        answers = [
            shorten(clean_text(t).strip(), ANSWER_MAX) for t in data.closing_answers(question)
        ]
        lines.append((text(key, data.lang), True))
        lines += [(f"• {a}", False) for a in answers if a] or [
            (text("afsluiten.geen", data.lang), False)
        ]
    return lines


def add_closing_slides(prs, data: WorkshopData, badge_text: str | None) -> int:
    """The closing round over as many slides as needed (none without answers)."""
    lines = closing_lines(data)
    if not lines:
        return 0
    return add_line_slides(
        prs, data, badge_text, title=text("afsluiten.titel", data.lang), name=NAME_CLOSING,
        lines=[(line, bold, 0.8 if bold else 0.3) for line, bold in lines],
    )  # fmt: skip


__all__ = ["NAME_CLOSING", "add_closing_slides", "closing_lines"]
