"""The export of the second meeting (the first meeting's comparison) and of the closing
round (what we learned, what we take home): deck, participation report and JSON."""

from __future__ import annotations

import dataclasses
import io

from pptx import Presentation

from exports.json_data import from_json, to_json
from exports.model import ClosingRecord, ModelItem, ParticipantRecord
from exports.participation import render_report_markdown
from exports.pptx_closing import NAME_CLOSING
from exports.pptx_deck import build_deck
from exports.pptx_slide_base import NAME_OWN, NAME_SHARED
from flows.kaart import Kolom
from tests.exports.sample import sample_workshop

CLOSING = (
    ClosingRecord("geleerd", "Burgers weten veel van hun buurt", "Anna", "2026-11-29T12:00"),
    ClosingRecord("meenemen", "Elke maand samen koffie", "Bram", "2026-11-29T12:01"),
    ClosingRecord("geleerd", "Luisteren kost tijd en levert veel op", None, "2026-11-29T12:02"),
)


def _slides(data) -> list[str]:
    deck = Presentation(io.BytesIO(build_deck(data)))
    return ["\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
            for slide in deck.slides]  # fmt: skip


def test_the_closing_round_is_the_decks_last_slide_and_a_section_of_the_report():
    data = dataclasses.replace(sample_workshop(), closing=CLOSING)
    deck = Presentation(io.BytesIO(build_deck(data)))
    last = deck.slides[len(deck.slides) - 1]
    [box] = [s for s in last.shapes if s.name == NAME_CLOSING]
    lines = box.text_frame.text.splitlines()
    assert lines == [
        "Wat hebben we geleerd?",
        "• Burgers weten veel van hun buurt",
        "• Luisteren kost tijd en levert veel op",
        "Wat nemen we mee naar huis?",
        "• Elke maand samen koffie",
    ]
    report = render_report_markdown(data)
    section = report.split("### Terugblik: wat we leerden en meenemen", 1)[1]
    section = section.split("### Hoe verder", 1)[0]
    assert "- Burgers weten veel van hun buurt\n- Luisteren kost tijd en levert veel op" in section
    assert "- Elke maand samen koffie" in section
    assert "Anna" not in section
    assert "Bram" not in section


def test_without_a_closing_round_there_is_no_closing_slide_or_section():
    data = sample_workshop()
    assert not any("Terugblik" in s for s in _slides(data))
    assert "Terugblik" not in render_report_markdown(data)


def test_a_follow_up_shows_its_first_meetings_comparison():
    first = dataclasses.replace(sample_workshop(), homogeneous=True)
    followup = dataclasses.replace(sample_workshop(), previous=first)
    titled = [s for s in _slides(followup) if "Eerste bijeenkomst, 1 Waarden" in s]
    assert titled
    assert "Iedereen kan meedoen" in titled[0] or "Iedereen kan mee doen" in titled[0]
    assert not any("Eerste bijeenkomst" in s for s in _slides(first))
    report = render_report_markdown(followup)
    assert "### In de eerste bijeenkomst" in report
    assert "### In de eerste bijeenkomst" not in render_report_markdown(first)


def test_the_json_keeps_the_closing_round_and_the_first_meeting():
    first = dataclasses.replace(sample_workshop(), homogeneous=True, closing=CLOSING[:1])
    data = dataclasses.replace(sample_workshop(final=False), previous=first, closing=CLOSING)
    assert from_json(to_json(data)) == data


def _homogeneous_first_meeting(lang: str = "nl"):
    """The sample as a first meeting in groups of one role: Tafel 1 citizens, Tafel 2
    professionals, Tafel 3 policy makers with one citizen who had no group of her own, and
    the paper table (nobody registered, so no role)."""
    base = sample_workshop()
    roles = {"Tafel 1": ["burger", "burger"], "Tafel 2": ["professional", "professional"],
             "Tafel 3": ["beleidsmaker", "beleidsmaker", "burger"]}  # fmt: skip
    people = tuple(
        ParticipantRecord(f"{group}-{n}", group, role)
        for group, rs in roles.items()
        for n, role in enumerate(rs)
    )
    values = (ModelItem("Iedereen kan meedoen", (2, 8), ("Tafel 1", "Tafel 2")),
              *(i for i in base.model[Kolom.WAARDEN] if "mee" not in i.text))  # fmt: skip
    model = {**base.model, Kolom.WAARDEN: values}
    return dataclasses.replace(base, homogeneous=True, participants=people, lang=lang,
                               model=model)  # fmt: skip


def test_the_follow_ups_export_names_each_first_meeting_group_with_its_role():
    followup = dataclasses.replace(sample_workshop(), previous=_homogeneous_first_meeting())
    deck = Presentation(io.BytesIO(build_deck(followup)))
    [values] = [
        slide for slide in deck.slides
        if any(s.has_text_frame and "Eerste bijeenkomst, 1 Waarden" in s.text_frame.text
               for s in slide.shapes)
    ]  # fmt: skip
    boxes = {s.name: s.text_frame.text for s in values.shapes if s.has_text_frame}
    shared = boxes[NAME_SHARED].replace("\u00a0", " ")
    assert "– Tafel 1 (burgers), Tafel 2 (professionals)" in shared
    own = boxes[NAME_OWN.format(1)] + "\n" + boxes[NAME_OWN.format(2)]
    headings = [line for line in own.splitlines() if line.startswith("Tafel")]
    # Each group with its own values, and the paper table (no role known) by its name.
    assert headings == ["Tafel 1 (burgers)", "Tafel 2 (professionals)",
                        "Tafel 3 (beleidsmakers)", "Tafel 4"]  # fmt: skip
    report = render_report_markdown(followup)
    section = report.split("### In de eerste bijeenkomst", 1)[1]
    assert "– Tafel 1 (burgers), Tafel 2 (professionals)" in section
    assert "- **Tafel 3 (beleidsmakers)**" in section
    assert "- **Tafel 4**" in section
    # The follow-up's own (mixed) groups keep their plain names.
    assert "(burgers)" not in report.split("### In de eerste bijeenkomst", 1)[0]


def test_in_english_the_roles_are_english_too():
    first = _homogeneous_first_meeting("en")
    followup = dataclasses.replace(sample_workshop(), lang="en", previous=first)
    report = render_report_markdown(followup)
    assert "Tafel 1 (citizens), Tafel 2 (professionals)" in report
    assert "Tafel 3 (policy makers)" in report
