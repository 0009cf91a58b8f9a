"""The action plan: what, who and when per action, as rows and as a CSV file for Excel.

Pure: ``action_plan_rows(data)`` and ``action_plan_csv(data) -> bytes``; no Telegram, no
database. The actions come from the joint model's acties list (confirmed or still a draft);
when the model has none yet, from every subgroup's acties answers.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

from exports.model import WorkshopData
from flows.acties import link_condition, parse_action
from flows.kaart import Kolom
from flows.texts import plain


@dataclass(frozen=True)
class ActionRow:
    """One action of the plan."""

    what: str
    who: str
    when: str
    condition: str | None  # the voorwaarde it serves, when one shares its words
    subgroups: tuple[str, ...]  # the subgroups that named it (may be empty)
    text: str  # the action as it was typed / merged


def column_texts(data: WorkshopData, kolom: Kolom) -> list[tuple[str, tuple[str, ...]]]:
    """(text, subgroups) per item of a column: the model's list, else all subgroups' answers.

    Answers that are the same apart from case and spacing become one item.
    """
    items = data.model.get(kolom, ())
    if items:
        return [(item.text, tuple(item.subgroups)) for item in items if item.text.strip()]
    merged: dict[str, tuple[str, list[str]]] = {}
    for answer in data.answers:
        if answer.kolom != kolom or not answer.text.strip():
            continue
        key = " ".join(answer.text.casefold().split())
        text, groups = merged.setdefault(key, (answer.text, []))
        if answer.subgroup not in groups:
            groups.append(answer.subgroup)
    return [(text, tuple(groups)) for text, groups in merged.values()]


CSV_HEADER_KEYS = ("csv.wat", "csv.wie", "csv.wanneer", "csv.voorwaarde", "csv.subgroepen",
                   "csv.tekst")  # fmt: skip


def action_plan_rows(data: WorkshopData) -> list[ActionRow]:
    """The actions of the workshop split into what / who / when, with their condition."""
    conditions = [text for text, _ in column_texts(data, Kolom.VOORWAARDEN)]
    rows = []
    for text, groups in column_texts(data, Kolom.ACTIES):
        parsed = parse_action(text)
        rows.append(
            ActionRow(
                what=parsed.what,
                who=parsed.who,
                when=parsed.when,
                condition=link_condition(text, conditions, data.lang),
                subgroups=groups,
                text=text,
            )
        )
    return rows


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Characters no spreadsheet wants: C0 controls except tab, line feed and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def safe_cell(text: str) -> str:
    """A cell value Excel shows as text: no formula, no control characters."""
    text = _CONTROL.sub("", text)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def _write(rows: Sequence[Sequence[str]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")


def action_plan_csv(data: WorkshopData, rows: Sequence[ActionRow] | None = None) -> bytes:
    """The action plan as CSV that opens right in Excel (Dutch settings) and LibreOffice.

    - Encoding UTF-8 with a byte order mark, so Excel reads accents and emoji correctly.
    - Delimiter ``;`` (what Excel expects where the decimal sign is a comma, as in Dutch),
      line ends CRLF, fields quoted by the ``csv`` module where needed (``;``, ``"``, line
      breaks inside a field are kept and quoted).
    - Columns: what, who, when, condition, subgroups, the original text; the header row is
      in the workshop's language (message catalogue keys ``csv.*``).
    - Formula injection: a field that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
      carriage return gets a leading apostrophe (``'``), so Excel and LibreOffice show it
      as text and never run it. Control characters other than tab, CR and LF are dropped.
      Every other character survives exactly.

    ``rows`` is the action plan when the caller has made it already (it takes a while).
    """
    header = tuple(plain(key, data.lang) for key in CSV_HEADER_KEYS)
    body = [
        (row.what, row.who, row.when, row.condition or "", ", ".join(row.subgroups), row.text)
        for row in (action_plan_rows(data) if rows is None else rows)
    ]
    return _write([header, *body])
