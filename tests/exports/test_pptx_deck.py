"""The complete workshop deck, checked the way a reader sees it: reopened with python-pptx."""

from __future__ import annotations

import dataclasses
import io
import random
import re

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.util import Emu

from exports import fonts
from exports.model import AnswerRecord, ModelItem, WorkshopData
from exports.pptx_deck import build_appendix, build_deck, participant_count
from exports.pptx_map import NAME_BODY, NAME_CONCEPT, NAME_HEADER
from exports.pptx_slides import NAME_OWN, NAME_PLAN, NAME_SHARED
from flows.kaart import Kolom
from flows.texts import CATALOGUES, plain
from tests.exports.sample import ANSWERS, sample_workshop

NL = CATALOGUES["nl"]
ACTIONS = [
    ("Buurtavond organiseren", "Gemeente", "voor 1 maart", "Een vaste plek in de wijk"),
    ("Spreekuur in het buurthuis", "Welzijnswerk", "elke maand", "Tijd voor professionals"),
]

# -- reading a deck --------------------------------------------------------------------------------


def open_deck(data: WorkshopData, actions=None):
    return Presentation(io.BytesIO(build_deck(data, actions)))


def open_appendix(data: WorkshopData):
    return Presentation(io.BytesIO(build_appendix(data)))


def pt(length) -> float:
    return Emu(length).pt


def named(slide, prefix: str):
    return [shape for shape in slide.shapes if shape.name.startswith(prefix)]


def title_of(slide) -> str:
    return slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""


def subtitle_of(slide) -> str:
    paragraphs = slide.shapes.title.text_frame.paragraphs
    return paragraphs[1].text if len(paragraphs) > 1 else ""


def map_slides(prs, map_title: str):
    """The slides of one map: map slides whose subtitle starts with its title."""
    return [
        slide
        for slide in prs.slides
        if named(slide, NAME_HEADER.format(""))
        and named(slide, NAME_BODY.format(""))
        and subtitle_of(slide).split(" · ")[0].removesuffix(" (vervolg)") == map_title
    ]


def comparison_slides(prs):
    return [slide for slide in prs.slides if named(slide, NAME_SHARED)]


def plan_slides(prs):
    return [slide for slide in prs.slides if named(slide, NAME_PLAN)]


def plan_actions_per_slide(prs) -> list[list[str]]:
    """The actions on each plan slide as a reader sees them ("3. what\nWie: …"); the rest of
    an action that continues from the previous column or slide is joined to it."""
    slides: list[list[str]] = []
    for slide in plan_slides(prs):
        slides.append([])
        for shape in sorted(named(slide, NAME_PLAN), key=lambda shape: shape.left):
            for paragraph in shape.text_frame.paragraphs:
                line = paragraph.text.replace("\v", "\n").replace(fonts.SOFT_HYPHEN, "")
                if not re.match(r"\d+\. ", line) and any(slides):
                    previous = next(s for s in reversed(slides) if s)
                    joint = "" if previous[-1].endswith("-") else " "
                    previous[-1] = previous[-1].removesuffix("-") + joint + line
                else:
                    slides[-1].append(line)
    return slides


def plan_actions(prs) -> list[str]:
    return [action for actions in plan_actions_per_slide(prs) for action in actions]


def plan_sizes(prs) -> set[float]:
    return {
        run.font.size.pt
        for slide in plan_slides(prs)
        for shape in named(slide, NAME_PLAN)
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
    }


def body_texts(slides, kolom: Kolom | None = None) -> list[str]:
    prefix = NAME_BODY.format(int(kolom) if kolom else "")
    return [
        paragraph.text.replace("\v", "\n").replace(fonts.SOFT_HYPHEN, "")
        for slide in slides
        for shape in named(slide, prefix)
        for paragraph in shape.text_frame.paragraphs
        if paragraph.runs
    ]


def header_order(slide) -> list[str]:
    headers = sorted(named(slide, NAME_HEADER.format("")), key=lambda shape: shape.left)
    return [shape.text_frame.paragraphs[0].text for shape in headers]


# -- no overflow, anywhere -------------------------------------------------------------------------


def _is_left_arrow(shape) -> bool:
    try:
        return shape.auto_shape_type == MSO_SHAPE.LEFT_ARROW
    except (ValueError, NotImplementedError):
        return False


def _paragraphs_height(paragraphs, room_w: float) -> float:
    total = 0.0
    for paragraph in paragraphs:
        if not paragraph.runs:
            continue
        sizes = {run.font.size.pt for run in paragraph.runs}
        assert len(sizes) == 1, paragraph.text
        size = sizes.pop()
        # A paragraph that is partly bold (the number of an action) measures as regular:
        # Arial's digits, full stop and space are as wide in bold.
        bold = all(run.font.bold for run in paragraph.runs)
        assert bold or all(
            set(run.text) <= set("0123456789. ") for run in paragraph.runs if run.font.bold
        ), paragraph.text
        indent = pt(int(paragraph._p.pPr.get("marL", "0")))
        space = paragraph.space_before.pt if paragraph.space_before is not None else 0.0
        total += fonts.paragraphs_height(
            [paragraph.text], room_w - indent, size, bold=bold, space_pt=space,
            line_pt=paragraph.line_spacing.pt,
        )  # fmt: skip
    return total


def min_size_ok(shape, paragraph) -> bool:
    """Content is at least 12 pt; only the column questions in headers may be smaller."""
    sizes = [run.font.size.pt for run in paragraph.runs]
    is_question = (
        shape.name.startswith(NAME_HEADER.format(""))
        and paragraph is not (shape.text_frame.paragraphs[0])
    )
    return all(size >= (10 if is_question else 12) for size in sizes)


def assert_no_overflow(prs) -> int:
    """Every text frame and every table cell holds its text at its size; returns how many
    boxes were checked."""
    checked = 0
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_table:
                table = shape.table
                for row in table.rows:
                    for index, cell in enumerate(row.cells):
                        room_w = (
                            pt(table.columns[index].width)
                            - pt(cell.margin_left)
                            - pt(cell.margin_right)
                        )
                        room_h = pt(row.height) - pt(cell.margin_top) - pt(cell.margin_bottom)
                        paragraphs = cell.text_frame.paragraphs
                        for paragraph in paragraphs:
                            assert all(r.font.size.pt >= 12 for r in paragraph.runs)
                        assert _paragraphs_height(paragraphs, room_w) <= room_h + 1e-6, cell.text
                        checked += 1
                continue
            if not shape.has_text_frame or not shape.text_frame.text:
                continue
            frame = shape.text_frame
            assert frame.auto_size == MSO_AUTO_SIZE.NONE, shape.name
            assert frame.word_wrap is True, shape.name
            width, height = pt(shape.width), pt(shape.height)
            if _is_left_arrow(shape):
                shaft, head = shape.adjustments[0], shape.adjustments[1]
                width, height = width - shaft * head * height, height * shaft
            room_w = width - pt(frame.margin_left) - pt(frame.margin_right)
            room_h = height - pt(frame.margin_top) - pt(frame.margin_bottom)
            for paragraph in frame.paragraphs:
                assert min_size_ok(shape, paragraph), (shape.name, paragraph.text)
            assert _paragraphs_height(frame.paragraphs, room_w) <= room_h + 1e-6, shape.name
            # And still inside the slide.
            assert shape.left >= 0, shape.name
            assert shape.top >= 0, shape.name
            assert shape.left + shape.width <= prs.slide_width + 1, shape.name
            assert shape.top + shape.height <= prs.slide_height + 1, shape.name
            checked += 1
    return checked


# -- the title slide -------------------------------------------------------------------------------


def facts_text(slide) -> str:
    return "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def test_title_slide_has_the_workshop_facts() -> None:
    data = sample_workshop(final=False)
    prs = open_deck(data)
    assert (prs.slide_width, prs.slide_height) == (Emu(12192000), Emu(6858000))
    first = prs.slides[0]
    text = facts_text(first)
    assert title_of(first) == "Partnerschapkaart"
    assert "de gebiedsontwikkeling van Noord" in text
    assert "29-11-2026" in text
    people = participant_count(data)
    assert people == 7  # 3 + 2 + 2 named members; the paper table has no names
    assert NL["deck.aantallen"].format(groepen=4, deelnemers=people) in text
    assert "burger, professional, beleidsmaker" in text
    (badge,) = named(first, NAME_CONCEPT)
    assert badge.text_frame.text == "Concept"
    assert NL["deck.concept_uitleg"] in text


def test_final_deck_has_no_concept_marks() -> None:
    prs = open_deck(sample_workshop(final=True))
    assert NL["deck.definitief"] in facts_text(prs.slides[0])
    for slide in prs.slides:
        assert not named(slide, NAME_CONCEPT)


def test_draft_marks_every_slide() -> None:
    prs = open_deck(dataclasses.replace(sample_workshop(final=False), homogeneous=True))
    assert all(named(slide, NAME_CONCEPT) for slide in prs.slides)


def test_english_deck() -> None:
    data = dataclasses.replace(sample_workshop(final=False), lang="en")
    prs = open_deck(data)
    assert title_of(prs.slides[0]) == "Partnership map"
    assert "Draft" in facts_text(prs.slides[0])
    (slide,) = map_slides(prs, plain("export.gezamenlijk", "en"))
    assert header_order(slide) == [
        "5 Actions",
        "4 Conditions",
        "3 Acting",
        "2 Relations",
        "1 Values",
    ]
    actions = plan_actions(open_deck(data, ACTIONS))
    assert actions[0] == (
        "1. Buurtavond organiseren\nWho: Gemeente · When: voor 1 maart · "
        "Condition: Een vaste plek in de wijk"
    )


# -- the joint map and the subgroup maps -----------------------------------------------------------


def test_joint_map_right_to_left_with_every_item_once() -> None:
    data = sample_workshop()
    prs = open_deck(data)
    slides = map_slides(prs, plain("export.gezamenlijk", "nl"))
    assert slides == [prs.slides[1]]  # right after the title slide
    slide = slides[0]
    assert header_order(slide) == [
        "5 Acties",
        "4 Voorwaarden",
        "3 Handelen",
        "2 Relaties",
        "1 Waarden",
    ]
    for kolom in Kolom:
        (header,) = named(slide, NAME_HEADER.format(int(kolom)))
        question = plain(f"vraag_kort.{kolom.key}", "nl")
        assert header.text_frame.paragraphs[1].text == question
    assert any(_is_left_arrow(shape) for shape in slide.shapes)
    texts = body_texts(slides)
    for kolom, items in data.model.items():
        column = body_texts(slides, kolom)
        for item in items:
            assert sum(t.count(item.text) for t in texts) == 1, item.text
            # Tafel 1 → T1; the codes never break apart (no-break spaces)
            codes = ",\u00a0".join("T" + g.split()[-1] for g in item.subgroups)
            expected = f"{item.text} ({codes})"
            assert expected in column, expected
    assert_no_overflow(prs)


def test_a_long_joint_model_continues_and_keeps_every_item() -> None:
    data = sample_workshop()
    many = tuple(
        ModelItem(
            f"Voorwaarde {i}: genoeg tijd en ruimte voor bewoners", (), ("Tafel 1", "Tafel 2")
        )
        for i in range(70)
    )
    long = ModelItem(" ".join(f"woord{i}" for i in range(700)), (), ("Tafel 3",))
    model = dict(data.model) | {Kolom.VOORWAARDEN: many, Kolom.HANDELEN: (long,)}
    prs = open_deck(dataclasses.replace(data, model=model))
    slides = map_slides(prs, plain("export.gezamenlijk", "nl"))
    assert len(slides) > 1
    assert header_order(slides[0])[0] == "5 Acties"
    for slide in slides[1:]:  # only the columns that continue
        assert header_order(slide) == ["4 Voorwaarden", "3 Handelen"][: len(header_order(slide))]
    texts = body_texts(slides, Kolom.VOORWAARDEN)
    for item in many:
        assert sum(t.count(item.text + " (") for t in texts) == 1
    parts = body_texts(slides, Kolom.HANDELEN)
    assert " ".join(parts).split() == (long.text + " (T3)").split()
    assert_no_overflow(prs)


def test_one_map_per_subgroup_with_authors_in_the_appendix() -> None:
    data = sample_workshop()
    main = open_deck(data)
    prs = open_appendix(data)
    assert len(prs.slides) == len(data.subgroups)
    for group in data.subgroups:
        assert not map_slides(main, group.name)  # the deck to project stays short
        slides = map_slides(prs, group.name)
        assert len(slides) == 1, group.name
        texts = body_texts(slides)
        for kolom, items in ANSWERS[group.name].items():
            column = body_texts(slides, kolom)
            for author, text in items:
                assert (f"{text} — {author}" if author else text) in column
        assert sum(len(items) for items in ANSWERS[group.name].values()) == len(
            [t for t in texts if t != plain("export.geen_antwoorden", "nl")]
        )


# -- the comparison (homogeneous round) ------------------------------------------------------------


def test_no_comparison_for_a_mixed_workshop() -> None:
    assert not comparison_slides(open_deck(sample_workshop()))


def test_comparison_per_column_when_homogeneous() -> None:
    data = dataclasses.replace(sample_workshop(), homogeneous=True)
    prs = open_deck(data)
    slides = comparison_slides(prs)
    assert len(slides) == 5
    names = [f"{int(k)} {plain(f'kolom.{k.key}', 'nl')}" for k in Kolom]
    for slide, name in zip(slides, names, strict=True):
        assert title_of(slide).startswith(NL["vergelijk.titel"].format(kolom=name))
    waarden = slides[0]
    (shared,) = named(waarden, NAME_SHARED)
    # "Iedereen kan meedoen" (Tafel 1) and "Iedereen kan mee doen" (Tafel 2) are one item.
    (line,) = [p.text for p in shared.text_frame.paragraphs if p.runs]
    assert line.startswith("Iedereen kan m")
    assert line.endswith("(Tafel 1, Tafel 2)")
    own = [
        (p.text, any(r.font.bold for r in p.runs))
        for shape in sorted(named(waarden, NAME_OWN.format("")), key=lambda s: s.left)
        for p in shape.text_frame.paragraphs
        if p.runs
    ]
    assert own == [
        ("Tafel 1", True),
        ("Bewoners voelen zich thuis en veilig", False),
        ("Tafel 2", True),
        ("Meer groen in de wijk", False),
        ("Tafel 3", True),
        ("Samen beslissen over de buurt", False),
        ("Tafel 4", True),
        ("Winkels en bedrijven blijven in de wijk", False),
    ]
    # A column where nothing is shared says so.
    (shared,) = named(slides[3], NAME_SHARED)
    assert shared.text_frame.text == NL["vergelijk.geen"]
    assert_no_overflow(prs)


def nonsense_words(seed: int, count: int) -> str:
    """Words no other answer shares, so the merge keeps every answer apart."""
    rnd = random.Random(seed)
    return " ".join(
        "".join(rnd.choice("bcdfghklmnprstvz") + rnd.choice("aeiou") for _ in range(4))
        for _ in range(count)
    )


def test_long_comparison_continues_with_headings_repeated() -> None:
    extra = {
        f"Groep {g}": {
            Kolom.RELATIES: [("X", f"Eigen punt {g}-{i}: " + nonsense_words(g * 100 + i, 7))
                             for i in range(12)]
        }
        for g in range(6)
    }  # fmt: skip
    data = dataclasses.replace(sample_workshop(extra=extra), homogeneous=True)
    prs = open_deck(data)
    slides = [s for s in comparison_slides(prs) if title_of(s).startswith("2 Relaties")]
    assert len(slides) > 1
    own = [
        p.text
        for slide in slides
        for shape in sorted(named(slide, NAME_OWN.format("")), key=lambda s: s.left)
        for p in shape.text_frame.paragraphs
        if p.runs
    ]
    for g in range(6):
        for i in range(12):
            assert sum(t.count(f"Eigen punt {g}-{i}:") for t in own) == 1
    assert any(t.endswith("(vervolg)") for t in own)
    assert_no_overflow(prs)


# -- the action plan -------------------------------------------------------------------------------


def test_action_plan_from_actions() -> None:
    prs = open_deck(sample_workshop(), ACTIONS)
    assert plan_actions(prs) == [
        "1. Buurtavond organiseren\nWie: Gemeente · Wanneer: voor 1 maart · "
        "Voorwaarde: Een vaste plek in de wijk",
        "2. Spreekuur in het buurthuis\nWie: Welzijnswerk · Wanneer: elke maand · "
        "Voorwaarde: Tijd voor professionals",
    ]
    assert title_of(prs.slides[-1]).startswith(NL["actie.titel"])
    assert_no_overflow(prs)


def test_action_plan_defaults_to_the_acties_of_the_model() -> None:
    data = sample_workshop()
    prs = open_deck(data)
    items = [i.text for i in data.model[Kolom.ACTIES]]
    assert plan_actions(prs) == [f"{n}. {text}" for n, text in enumerate(items, start=1)]


def test_a_long_action_plan_continues_without_losing_a_word() -> None:
    actions = [(f"Actie {i}: " + "iets doen " * (i % 7), f"Wie {i}", "juni", "") for i in range(60)]
    actions.append(("lang " * 800, "Iemand", "ooit", "voorwaarde " * 300))
    prs = open_deck(sample_workshop(), actions)
    assert len(plan_slides(prs)) > 2
    read = plan_actions(prs)
    assert len(read) == 61
    for number, (action, (what, who, *_)) in enumerate(zip(read, actions, strict=True), start=1):
        assert action.startswith(f"{number}. {what.strip()}\nWie: {who}")
    # The huge last action is split over columns and slides between words, nothing lost.
    what, facts = read[-1].split("\n")
    assert what.split() == ["61.", *actions[-1][0].split()]
    # The linked condition is a short reference on the slide (in full in the CSV).
    reference = facts.split("Voorwaarde: ")[1]
    assert reference.startswith("voorwaarde voorwaarde")
    assert reference.endswith("…")
    assert len(reference) <= 70
    assert_no_overflow(prs)


def test_a_realistic_action_plan_shows_at_least_8_actions_a_slide_at_14_pt() -> None:
    # It showed 2 a slide in a big workshop, at 12 pt.
    condition = "Een vaste plek in de wijk om elkaar te ontmoeten, ook in de avond en het weekend"
    actions = [
        (f"Buurtavond {i} organiseren over het groen en de speelplekken", "Gemeente",
         f"voor {i % 28 + 1} maart", condition)
        for i in range(40)
    ]  # fmt: skip
    prs = open_deck(sample_workshop(), actions)
    per_slide = plan_actions_per_slide(prs)
    assert all(len(actions) >= 8 for actions in per_slide[:-1])
    assert min(plan_sizes(prs)) >= 14
    assert len(plan_actions(prs)) == 40
    assert_no_overflow(prs)


def test_a_short_plan_spreads_over_both_columns_without_an_empty_box() -> None:
    # Four actions stood in the left column of a slide-high box, the right half empty.
    actions = [(f"Actie {i} voor de buurt", "Gemeente", "in mei", "") for i in range(4)]
    prs = open_deck(sample_workshop(), actions)
    (slide,) = plan_slides(prs)
    boxes = sorted(named(slide, NAME_PLAN), key=lambda shape: shape.left)
    assert [len(plan_actions_per_slide(prs)[0])] == [4]
    assert len(boxes) == 2
    assert all(box.text_frame.text.strip() for box in boxes)
    assert all(pt(box.height) < pt(prs.slide_height) / 3 for box in boxes)
    assert min(plan_sizes(prs)) == 18
    assert_no_overflow(prs)


def long_actions(count: int, seed: int = 7) -> list[tuple[str, str, str, str]]:
    """count actions of 300 characters, as in the benchmark's workshop."""
    from benchmarks.bench_export import WORDS

    rng = random.Random(seed)
    actions = []
    for i in range(count):
        words: list[str] = []
        while len(" ".join(words)) < 300:
            words.append(rng.choice(WORDS))
        what = " ".join(words)[:300].strip().capitalize()
        condition = "Een vaste plek in de wijk om elkaar te ontmoeten, ook in de avond"
        actions.append((what, "Gemeente en welzijnswerk", f"voor {i % 28 + 1} maart", condition))
    return actions


@pytest.mark.parametrize(("count", "most_slides"), [(8, 1), (16, 2), (40, 5)])
def test_eight_actions_of_300_characters_fit_a_slide_in_full(count: int, most_slides: int) -> None:
    # They gave 3 or 4 actions a slide.
    actions = long_actions(count)
    prs = open_deck(sample_workshop(), actions)
    assert len(plan_slides(prs)) <= most_slides
    assert min(plan_sizes(prs)) >= 12
    read = plan_actions(prs)
    assert [a.split("\n")[0] for a in read] == [
        f"{n}. {what}" for n, (what, *_) in enumerate(actions, start=1)
    ]
    assert_no_overflow(prs)


# -- hostile content -------------------------------------------------------------------------------

HOSTILE = [
    "x" * 4000,
    ("Heel lang antwoord met woorden " * 140)[:4000],
    "ctrl\x00\x01\x07\x0b\x0c\x1b\x7f\x85\ufffe\ud800 tekens",
    "{{ config }} {% raw %} {doel} {0}",
    "<script>alert('x')</script> & <b>vet</b> &amp;",
    "\u202eRTL override\u202c \u200fעברית\u200f مرحبا",
    "Emoji 🤝🏽👩‍👩‍👧 ❤️ 🇳🇱",
    "Regel een\r\nRegel twee\rRegel drie\n\n",
]


def hostile_workshop(homogeneous: bool) -> WorkshopData:
    data = sample_workshop(final=False)
    answers = list(data.answers)
    for index, text in enumerate(HOSTILE):
        for kolom in Kolom:
            answers.append(
                AnswerRecord(
                    1000 + index * 10 + int(kolom), text, kolom, "Tafel {{1}} <i>",
                    "Ann\x08a 🤝", "2026-11-29T11:00:00+00:00",
                )
            )  # fmt: skip
    model = {
        kolom: (*items, *(ModelItem(t, (), ("Tafel\x00 1", "<b>2</b>")) for t in HOSTILE))
        for kolom, items in data.model.items()
    }
    group = dataclasses.replace(data.subgroups[0], name="Tafel {{1}} <i>", roles=("rol\x01 🤝",))
    return dataclasses.replace(
        data,
        goal="{{ doel }} <b>" + "heel lang doel " * 300 + "\x00",
        answers=tuple(answers),
        model=model,
        subgroups=(*data.subgroups, group),
        homogeneous=homogeneous,
    )


@pytest.mark.parametrize("homogeneous", [False, True])
def test_hostile_content_gives_a_valid_deck(homogeneous: bool) -> None:
    data = hostile_workshop(homogeneous)
    actions = [(t, t[:300], "\x00morgen", t) for t in HOSTILE]
    prs = open_deck(data, actions)
    assert len(prs.slides) > 3
    joint = map_slides(prs, plain("export.gezamenlijk", "nl"))
    joined = "\n".join(body_texts(joint))
    assert "{{ config }} {% raw %} {doel} {0}" in joined
    assert "<script>alert('x')</script> & <b>vet</b> &amp;" in joined
    assert "\u202eRTL override\u202c \u200fעברית\u200f مرحبا" in joined
    assert "Emoji 🤝🏽👩‍👩‍👧 ❤️ 🇳🇱" in joined
    assert "ctrl tekens" in joined  # control characters dropped, the rest kept
    assert "Regel een\nRegel twee\nRegel drie" in joined
    assert "".join(body_texts(joint, Kolom.ACTIES)).count("x" * 100) >= 39
    assert_no_overflow(prs)
    appendix = open_appendix(data)
    assert any(s for s in map_slides(appendix, "Tafel {{1}} <i>"))
    assert_no_overflow(appendix)


def test_empty_workshop() -> None:
    data = dataclasses.replace(
        sample_workshop(final=False), subgroups=(), participants=(), answers=(), model={}
    )
    prs = open_deck(data)
    assert len(prs.slides) == 4  # title, the (empty) joint map, questions, (empty) action plan
    assert plan_actions(prs) == [plain("export.geen_antwoorden", "nl")]
    assert_no_overflow(prs)


def test_the_joint_map_notes_hold_the_answers_each_merged_item_came_from() -> None:
    data = sample_workshop()
    ids = {a.text: a.id for a in data.answers}
    merged = ModelItem(
        "Iedereen kan meedoen",
        (ids["Iedereen kan meedoen"], ids["Iedereen kan mee doen"]),
        ("Tafel 1", "Tafel 2"),
    )
    model = dict(data.model) | {Kolom.WAARDEN: (merged,)}
    prs = open_deck(dataclasses.replace(data, model=model))
    (slide,) = map_slides(prs, plain("export.gezamenlijk", "nl"))
    notes = slide.notes_slide.notes_text_frame.text
    assert "Iedereen kan meedoen (Tafel 1)" in notes
    assert "Iedereen kan mee doen (Tafel 2)" in notes
    assert plain("export.varianten", "nl") in notes
    # A subgroup's own map has no merged items, so no notes.
    tafel1 = map_slides(open_appendix(data), "Tafel 1")
    assert not tafel1[0].has_notes_slide


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_full_questions_follow_the_joint_map(lang: str) -> None:
    data = dataclasses.replace(sample_workshop(), lang=lang)
    prs = open_deck(data)
    slide = prs.slides[2]  # title, joint map, questions
    assert plain("export.vragen_titel", lang) in title_of(slide)
    (box,) = named(slide, "Vragen")
    for kolom in Kolom:
        assert plain(f"vraag.{kolom.key}", lang, doel=data.goal) in box.text_frame.text
    sizes = {run.font.size.pt for p in box.text_frame.paragraphs for run in p.runs}
    assert min(sizes) >= 14
    assert_no_overflow(prs)


def test_2500_answers_give_a_main_deck_that_can_be_projected() -> None:
    # It was one deck of 190 slides (244 before that), with 2 actions a slide.
    from benchmarks.bench_export import big_workshop

    data = big_workshop()
    prs = open_deck(data)
    joint = map_slides(prs, plain("export.gezamenlijk", "nl"))
    assert len(joint) <= 12  # 200 merged items at 14 pt or more
    assert len(prs.slides) <= 20
    appendix = open_appendix(data)
    for group in data.subgroups:
        assert 1 <= len(map_slides(appendix, group.name)) <= 10  # 125 answers each
    for deck in (prs, appendix):
        sizes = {
            run.font.size.pt
            for slide in deck.slides
            for shape in named(slide, NAME_BODY.format(""))
            for p in shape.text_frame.paragraphs
            for run in p.runs
        }
        assert min(sizes) >= 14


def test_the_votes_follow_the_questions_most_first() -> None:
    data = sample_workshop()
    model = {
        kolom: tuple(
            dataclasses.replace(item, votes=(index * 3 + int(kolom)) % 5)
            for index, item in enumerate(items)
        )
        for kolom, items in data.model.items()
    }
    model[Kolom.RELATIES] = (
        dataclasses.replace(model[Kolom.RELATIES][0], text="x" * 4000, votes=1),
        *model[Kolom.RELATIES][1:],
    )
    data = dataclasses.replace(data, model=model)
    prs = open_deck(data)
    votes = [s for s in prs.slides if plain("export.stemmen_titel", "nl") in title_of(s)]
    assert votes
    lines = [p.text for s in votes for shape in named(s, "Stemmen")
             for p in shape.text_frame.paragraphs]  # fmt: skip
    voted = [i for items in model.values() for i in items if i.votes]
    assert len(lines) == len(voted)
    counts = [int(line.split(" ", 1)[0]) for line in lines]
    assert counts == sorted(counts, reverse=True)
    assert lines[0].startswith("4 stemmen: ")
    assert any(line.startswith("1 stem: ") and "(2 Relaties)" in line for line in lines)
    assert_no_overflow(prs)
    # Nobody voted: no votes slide.
    plain_prs = open_deck(sample_workshop())
    assert not [s for s in plain_prs.slides if plain("export.stemmen_titel", "nl") in title_of(s)]
