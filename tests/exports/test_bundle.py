"""The whole export set stays valid with hostile content, and file names stay safe."""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
import json

import pytest
from docx import Document
from pptx import Presentation

from exports.bundle import ExportError, export_set
from exports.files import export_file_name, slug
from exports.json_data import from_json
from flows.kaart import Kolom
from tests.exports.sample import sample_workshop

HOSTILE = [
    "x" * 4000,
    "control\x00\x07\x1b characters",
    "{{ 7*7 }} and {% for x in y %}",
    "<b>html</b> & <script>alert(1)</script>",
    "rechts\u200fnaar links \u202eomgekeerd",
    'emoji 👩🏽‍🤝‍👨🏻 en ‘quotes’ "dubbel"',
    "=SOM(A1:A9)",
]


@pytest.mark.parametrize(
    ("goal", "expected"),
    [
        ("../../etc/passwd", "etc-passwd"),
        ("De gebiedsontwikkeling van Noord!", "de-gebiedsontwikkeling-van-noord"),
        ('café\x00\n/\\:*?"<>|', "cafe"),
        ("🤝🤝", "workshop"),
        ("a" * 300, "a" * 60),
    ],
)
def test_file_names_hold_no_path_separators_or_control_characters(goal, expected):
    assert slug(goal) == expected
    name = export_file_name(goal, datetime.date(2026, 11, 29), "pptx")
    assert "/" not in name
    assert "\\" not in name
    assert ".." not in name
    assert name.isascii()
    assert name.isprintable()


def test_every_file_of_the_set_opens_with_hostile_answers_and_goal():
    data = sample_workshop(extra={"Tafel 1": {k: [("Anna", t) for t in HOSTILE] for k in Kolom}})
    data = dataclasses.replace(data, goal="../../etc/passwd")
    files = {f.name: f.data for f in export_set(data)}
    assert all(name.startswith("partnerschapkaart-etc-passwd-") for name in files)

    decks = [d for n, d in files.items() if n.endswith(".pptx") and "sjabloon" not in n]
    assert len(decks) == 2  # the deck to project and its appendix with the subgroups' maps
    text = "\n".join(
        s.text_frame.text
        for deck in decks
        for slide in Presentation(io.BytesIO(deck)).slides
        for s in slide.shapes
        if s.has_text_frame
    )
    assert "<script>alert(1)</script>" in text
    assert "{{ 7*7 }} and {% for x in y %}" in text
    assert "controlcharacters" in text.replace(" ", "") or "control characters" in text
    assert "👩🏽‍🤝‍👨🏻" in text

    documents = {n.split("-")[-4]: d for n, d in files.items() if n.endswith(".docx")}
    assert sorted(documents) == ["overeenkomst", "participatieverslag"]
    for docx in documents.values():
        words = "\n".join(p.text for p in Document(io.BytesIO(docx)).paragraphs)
        assert "{{ 7*7 }} and {% for x in y %}" in words
        assert "49" not in words
        assert "<b>html</b> & <script>alert(1)</script>" in words
        assert "x" * 4000 in words
        assert "control characters" in words

    [raw] = [d for n, d in files.items() if n.endswith(".csv")]
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert all(not cell.startswith("=") for row in rows for cell in row)

    [data_json] = [d for n, d in files.items() if n.endswith(".json")]
    assert json.loads(data_json)["goal"] == "../../etc/passwd"
    assert from_json(data_json) == data


def test_the_set_holds_the_agreement_and_the_participation_report():
    data = sample_workshop(final=False)
    names = [f.name.replace("partnerschapkaart-de-gebiedsontwikkeling-van-noord", "") for f in
             export_set(data)]  # fmt: skip
    assert names == [
        "-2026-11-29.pptx",
        "-bijlage-subgroepen-2026-11-29.pptx",
        "-overeenkomst-2026-11-29.docx",
        "-overeenkomst-2026-11-29.md",
        "-participatieverslag-2026-11-29.docx",
        "-participatieverslag-2026-11-29.md",
        "-actieplan-2026-11-29.csv",
        "-sjabloon-a3-2026-11-29.pptx",
        "-2026-11-29.json",
    ]
    files = {f.name.split("-")[-4]: f.data for f in export_set(data) if f.name.endswith("docx")}
    for kind, title in (("overeenkomst", "Samenwerkingsovereenkomst"),
                        ("participatieverslag", "Participatieverslag")):  # fmt: skip
        document = Document(io.BytesIO(files[kind]))
        header = [p.text for p in document.sections[0].header.paragraphs]
        assert header == [f"{title}\tCONCEPT"]
        assert document.paragraphs[0].text == f"{title}: de gebiedsontwikkeling van Noord"


def test_a_broken_report_template_is_an_export_error(tmp_path):
    (tmp_path / "participatieverslag.md.j2").write_text("{{ doel }\n", encoding="utf-8")
    with pytest.raises(ExportError, match=r"^participatieverslag\.md\.j2, regel 1: "):
        export_set(sample_workshop(), template_dir=tmp_path)
