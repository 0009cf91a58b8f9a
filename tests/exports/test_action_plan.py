"""The action plan CSV, reopened the way a spreadsheet reads it."""

from __future__ import annotations

import csv
import dataclasses
import io

import pytest

from exports.action_plan import CSV_HEADER_KEYS, ActionRow, action_plan_csv, action_plan_rows
from flows.kaart import Kolom
from flows.texts import plain
from tests.exports.sample import sample_workshop


def _read(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def test_rows_from_the_model():
    rows = action_plan_rows(sample_workshop())
    assert rows[0] == ActionRow(
        what="buurtavond organiseren",
        who="Gemeente",
        when="voor 1 maart",
        condition=None,
        subgroups=("Tafel 1",),
        text="Gemeente, voor 1 maart: buurtavond organiseren",
    )
    assert [(r.who, r.when) for r in rows] == [
        ("Gemeente", "voor 1 maart"),
        ("Bewonerscommissie", "in april"),
        ("Welzijnswerk", "elke maand"),
        ("Ondernemersvereniging", "in mei"),
    ]


def test_rows_fall_back_to_answers_and_merge_duplicates():
    same = "gemeente, voor 1 MAART:  buurtavond organiseren"
    data = sample_workshop(extra={"Tafel 2": {Kolom.ACTIES: [("Dewi", same)]}})
    data = dataclasses.replace(data, model={})
    rows = action_plan_rows(data)
    assert len(rows) == 4
    assert rows[0].subgroups == ("Tafel 1", "Tafel 2")


def test_rows_link_a_condition():
    action = "Wie: gemeente. Wat: budget voor bewoners regelen"
    data = sample_workshop(extra={"Tafel 5": {Kolom.ACTIES: [("Anna", action)]}})
    row = action_plan_rows(data)[-1]
    assert row.condition == "Budget dat bewoners zelf mogen besteden"
    assert (row.who, row.what) == ("gemeente", "budget voor bewoners regelen")


def test_csv_format():
    data = action_plan_csv(sample_workshop())
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data[3:].split(b"\r\n")
    assert lines[0] == ";".join(plain(k, "nl") for k in CSV_HEADER_KEYS).encode()
    assert lines[-1] == b""  # every line ends in CRLF
    assert b"\n" not in data.replace(b"\r\n", b"")
    rows = _read(data)
    assert rows[1] == [
        "buurtavond organiseren", "Gemeente", "voor 1 maart", "", "Tafel 1",
        "Gemeente, voor 1 maart: buurtavond organiseren",
    ]  # fmt: skip
    assert len(rows) == 5


def test_csv_header_in_english():
    data = dataclasses.replace(sample_workshop(), lang="en")
    assert _read(action_plan_csv(data))[0] == [plain(k, "en") for k in CSV_HEADER_KEYS]


@pytest.mark.parametrize(
    "text",
    [
        "Café “de Hoek” 👩🏽‍🤝‍👨🏻: koffie; thee",
        'Zeg "ja"; dan doen we het',
        "Regel één\nRegel twee; ‘drie’",
        "Windows\r\nregel",
        "\u200fשותפות\u200f en ü, é, ø",
    ],
)
def test_csv_texts_survive_exactly(text):
    data = sample_workshop(extra={"Tafel 5": {Kolom.ACTIES: [("Anna", text)]}})
    rows = _read(action_plan_csv(data))
    assert rows[-1][-1] == text
    parsed = rows[-1][:3]
    assert all(part in text for part in parsed if part)
    assert len(rows) == 6


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+31 6 1234", "'+31 6 1234"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("a\x00b\x07c", "abc"),
        ("gewoon = tekst", "gewoon = tekst"),
    ],
)
def test_csv_formula_injection(text, cell):
    data = sample_workshop(extra={"Tafel 9": {Kolom.ACTIES: [(None, text)]}})
    rows = _read(action_plan_csv(data))
    assert rows[-1][-1] == cell
