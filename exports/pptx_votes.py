"""The votes slide(s): the items of the joint model that got votes, most first, with their
column; 14 pt or more, continued on a next slide when the list is long."""

from __future__ import annotations

from exports.model import WorkshopData
from exports.pptx_lines import add_line_slides
from exports.pptx_look import clean_text, shorten
from exports.pptx_slide_base import text
from flows.kaart import FILL_ORDER

NAME_VOTES = "Stemmen"
ITEM_MAX = 200  # a very long item is shortened here; it stands in full on the map


def vote_lines(data: WorkshopData) -> list[str]:
    """'12 stemmen: Iedereen kan meedoen (1 Waarden)', most votes first."""
    lang = data.lang
    items = [
        (item.votes, index, kolom, item)
        for index, kolom in enumerate(FILL_ORDER)
        for item in data.model.get(kolom, ())
        if item.votes > 0 and clean_text(item.text).strip()
    ]
    items.sort(key=lambda t: (-t[0], t[1]))
    lines = []
    for votes, _, kolom, item in items:
        count = (
            text("export.stemmen_een", lang)
            if votes == 1
            else text("export.stemmen_veel", lang, aantal=votes)
        )
        column = f"{int(kolom)} {text(f'kolom.{kolom.key}', lang)}"
        item_text = shorten(clean_text(item.text).strip(), ITEM_MAX)
        lines.append(f"{count}: {item_text} ({column})")
    return lines


def add_vote_slides(prs, data: WorkshopData, badge_text: str | None) -> int:
    """The votes over as many slides as needed (none when nobody voted); returns how many."""
    lines = vote_lines(data)
    if not lines:
        return 0
    return add_line_slides(
        prs, data, badge_text, title=text("export.stemmen_titel", data.lang), name=NAME_VOTES,
        lines=[(line, False, 0.4) for line in lines],
    )  # fmt: skip


__all__ = ["NAME_VOTES", "add_vote_slides", "vote_lines"]
