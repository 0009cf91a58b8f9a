"""The README's first command: the offline demo runs a whole workshop and exports it."""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import logging
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pptx import Presentation

from benchmarks.bench_language import (
    MIN_WORDS,
    DemoLanguage,
    describe,
    language_of,
    score,
)
from bot.demo import PAPER, SCRIPT, run_demo
from bot.sandbox import TranscriptEvent

COLUMN_TITLES = ["5 Acties", "4 Voorwaarden", "3 Handelen", "2 Relaties", "1 Waarden"]


def _slide_text(slide) -> str:
    return "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


@dataclass(frozen=True)
class DemoRun:
    folder: Path  # the export set and the demo's database
    transcript: str  # what `make demo` prints
    log: list[str]  # what the bot logged at INFO and above, as "LEVEL name: message"
    events: list[TranscriptEvent]  # everything said in it, as the sandbox saw it


class _Kept(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname} {record.name}: {record.getMessage()}")


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> DemoRun:
    """One run of the demo, shared by the tests that look at what it made."""
    folder = tmp_path_factory.mktemp("demo")
    printed = io.StringIO()
    events: list[TranscriptEvent] = []
    kept, root = _Kept(), logging.getLogger()
    level = root.level
    root.addHandler(kept)
    root.setLevel(logging.INFO)  # as `partnerschapkaart run` logs
    try:
        with contextlib.redirect_stdout(printed):
            # The screen on any free port: another test may run a demo at the same time.
            assert asyncio.run(run_demo(folder, web="127.0.0.1:0", listen=events.append)) == 0
    finally:
        root.removeHandler(kept)
        root.setLevel(level)
    return DemoRun(folder, printed.getvalue(), kept.lines, events)


def test_the_log_at_info_holds_no_scheduler_lines_no_texts_and_no_token(demo: DemoRun):
    assert any("ready" in line for line in demo.log), demo.log  # the log was captured
    # The clock job runs every 0.05 s in the demo (every 30 s in production): its runs
    # are no news, and it never overlaps itself.
    assert not [line for line in demo.log if "apscheduler" in line], demo.log[:5]
    assert not [line for line in demo.log if "maximum number of running instances" in line]
    said = [text for columns in SCRIPT.values() for lines in columns.values()
            for _, how, text in lines if how != "wacht"]  # fmt: skip
    said += [text for lines in PAPER.values() for text in lines]
    for line in demo.log:
        assert not [text for text in said if text in line], line
        assert "sandbox-TOKEN" not in line, line  # the demo's bot token
        assert not re.search(r"\d{5,}:[A-Za-z0-9_-]{20,}", line), line


def test_the_readability_measure_counts_dutch_syllables_words_and_sentences():
    from benchmarks.bench_language import own_words, plain_text, syllables

    assert [syllables(w) for w in ("waarden", "buurt", "iedereen", "gebied", "krijgt")] == [
        2, 1, 3, 2, 1]  # fmt: skip
    text = plain_text("<b>Kolom 2</b>: Wie geeft wat?\nWe helpen &amp; luisteren.\n[force reply]")
    assert text == "Kolom 2: Wie geeft wat?\nWe helpen & luisteren."
    found = score(text)
    assert (found.words, found.sentences, found.syllables) == (7, 2, 11)  # "2" is no word
    assert abs(found.flesch_douma - (206.84 - 0.77 * 1100 / 7 - 0.93 * 7 / 2)) < 1e-9
    assert own_words("Mooi voorbeeld: Bij ons.", ["Bij ons"]).split() == ["Mooi", "voorbeeld:", "."]


def test_every_longer_bot_message_in_the_demo_reads_easily(demo: DemoRun):
    """Flesch-Douma of the bot's own words (what people typed taken out) stays above 50 for
    every message of MIN_WORDS words or more; `make bench` prints the figures."""
    language: DemoLanguage = language_of(demo.events)
    print("\n" + describe(language.own, "the bot's own words"))
    assert len(language.own.scored()) > 30  # the measure saw the conversation
    assert all(score(m).words >= MIN_WORDS for _, m in language.own.scored())
    worst, text = language.own.worst
    assert worst > 50, text


def test_the_demo_runs_all_six_steps_and_exports_the_joint_model(demo: DemoRun):
    tmp_path = demo.folder
    # The whole export set: map, agreement and participation report (Word and Markdown),
    # action plan, templates, data.
    names = sorted(p.name for p in tmp_path.glob("partnerschapkaart-*"))
    kinds = sorted(
        re.sub(
            r"^partnerschapkaart-de-gebiedsontwikkeling-van-noord-|"
            r"\d{4}-\d{2}-\d{2}",
            "",
            name,
        )
        for name in names
    )
    assert kinds == [
        ".json",
        ".pptx",
        "actieplan-.csv",
        "bijlage-subgroepen-.pptx",
        "overeenkomst-.docx",
        "overeenkomst-.md",
        "participatieverslag-.docx",
        "participatieverslag-.md",
        "sjabloon-16x9-.pptx",
        "sjabloon-a3-.pptx",
    ], names
    [pptx] = [
        p
        for p in tmp_path.glob("partnerschapkaart-*.pptx")
        if "sjabloon" not in p.name and "bijlage" not in p.name
    ]
    [appendix] = tmp_path.glob("partnerschapkaart-*-bijlage-subgroepen-*.pptx")
    deck = Presentation(io.BytesIO(pptx.read_bytes()))
    # The joint map fits one slide: the questions slide follows it.
    assert "De vragen van de kaart" in _slide_text(deck.slides[2])
    joint = deck.slides[1]  # after the title slide
    headers = sorted(
        (s for s in joint.shapes if s.has_text_frame and s.name.startswith("Kop ")),
        key=lambda s: s.left,
    )
    assert [h.text_frame.paragraphs[0].text for h in headers] == COLUMN_TITLES
    assert "Gezamenlijk model" in _slide_text(joint)
    # The facilitator's edits are in the joint model.
    assert "Elkaar helpen om mee te doen" in _slide_text(joint)
    assert "Samen beslissen over de buurt" not in _slide_text(joint)  # merged away
    appendix_deck = Presentation(io.BytesIO(appendix.read_bytes()))
    everything = "\n".join(
        _slide_text(slide) for d in (deck, appendix_deck) for slide in d.slides
    )
    for columns in SCRIPT.values():
        for lines in columns.values():
            for _, how, text in lines:
                if how in ("reply", "idee", "plain"):  # answers; not talk or waiting
                    assert text in everything
    for lines in PAPER.values():
        for text in lines:
            assert text in everything
    transcript = demo.transcript
    for step in (
        "Kolom 1 van 5: Waarden",
        "Plenair: 1 Waarden",
        "Kolom 5 van 5: Acties",
        "Plenair: 5 Acties",
        "samenwerkingsmodel is definitief",
    ):
        assert step in transcript
    assert str(pptx) in transcript
    # The bot reminds where the script calls for it, and nowhere else.
    reminders = [
        line for line in transcript.splitlines()
        if any(k in line for k in ("wat denk", "Mooi voorbeeld", "Reageer ook",
                                    "verschillende waarden hebben. Vraag"))
    ]  # fmt: skip
    assert len(reminders) == 4, reminders
    win_win, quiet, own_network, dialogue = reminders
    assert "Die waarde noemde maar één subgroep" in win_win  # the values plenary
    assert "[Tafel 1] 🤖 Partnerschapkaart: Anna, wat denk jij?" in quiet
    assert "[Tafel 2]" in own_network
    assert "De Sleutel" in own_network
    assert "Tafel 3] 🤖 Partnerschapkaart: Veel ideeën! Reageer ook op elkaar" in dialogue


def _deck_texts(data: bytes) -> list[str]:
    deck = Presentation(io.BytesIO(data))
    return [_slide_text(slide) for slide in deck.slides]


def test_the_closing_round_of_the_demo_reaches_the_deck_the_report_and_the_data(demo: DemoRun):
    """Each table sees the closing questions before anyone answers them, and what was
    learned ends up on the deck's last slide, in the participation report and the data."""
    lines = demo.transcript.splitlines()
    for who, text in (("Anna", "willen vaak hetzelfde"), ("Gijs", "Doorvragen helpt")):
        answered = next(i for i, line in enumerate(lines) if f"{who}: /" in line and text in line)
        chat = re.search(r"\[(.*?)\]", lines[answered])[1]  # "Tafel 1", "Noord (forum) › …"
        asked = next(i for i, line in enumerate(lines)
                     if f"[{chat}] 🤖" in line and "Tot slot: een korte terugblik" in line)
        assert asked < answered, (lines[asked], lines[answered])
    [pptx] = [p for p in demo.folder.glob("*noord-2026-*.pptx")]
    last = _deck_texts(pptx.read_bytes())[-1]
    assert "Doorvragen helpt: dan snap je elkaar beter" in last
    assert "Ik vraag bewoners eerder om mee te denken" in last
    [report] = demo.folder.glob("*participatieverslag-*.md")
    assert "Bewoners en de gemeente willen vaak hetzelfde" in report.read_text(encoding="utf-8")
    [data] = demo.folder.glob("*noord-2026-*.json")
    doc = json.loads(data.read_text(encoding="utf-8"))
    assert doc["schema_version"] == 2
    closing = doc["closing"]
    assert [c["question"] for c in closing] == ["geleerd", "meenemen", "geleerd"]


def test_the_command_line_export_and_the_json_round_trip_give_the_same_deck(
    demo: DemoRun, tmp_path, capsys
):
    from bot.cli import main

    chat_dir, cli_dir, json_dir = demo.folder, tmp_path / "cli", tmp_path / "json"
    assert main(["export", "--db", str(chat_dir / "demo.sqlite3"), "--out", str(cli_dir)]) == 0
    [exported_json] = cli_dir.glob("*.json")
    assert main(["export", "--from-json", str(exported_json), "--out", str(json_dir)]) == 0

    def deck(folder):
        [pptx] = [
            p for p in folder.glob("*.pptx") if "sjabloon" not in p.name and "bijlage" not in p.name
        ]
        return _deck_texts(pptx.read_bytes())

    assert deck(cli_dir) == deck(chat_dir)
    # The demo's room met on 29 November 2026 (simulated time); the command line export
    # runs today, whatever today is, and still says when the room met.
    assert "Datum: 29-11-2026" in deck(cli_dir)[0]
    assert all("-2026-11-29." in p.name for p in cli_dir.iterdir() if "sjabloon" not in p.name)
    assert deck(json_dir) == deck(cli_dir)
    for name in ("overeenkomst", "participatieverslag", "actieplan"):
        [a] = [p for p in cli_dir.iterdir() if name in p.name and p.suffix != ".docx"]
        [b] = [p for p in json_dir.iterdir() if name in p.name and p.suffix != ".docx"]
        assert a.read_bytes() == b.read_bytes()


async def test_an_export_made_years_later_carries_the_day_the_workshop_was_held(demo: DemoRun):
    from bot.usecases.common import Services
    from bot.usecases.reporting import workshop_data
    from exports.bundle import export_set
    from storage import Storage

    years_later = datetime(2031, 5, 4, 12, 0, tzinfo=UTC)
    storage = await Storage.open(demo.folder / "demo.sqlite3")
    try:
        workshop = await storage.latest_workshop()
        assert workshop is not None
        data = await workshop_data(Services(storage, lambda: years_later, "bot"), workshop)
    finally:
        await storage.close()
    assert data.date == date(2026, 11, 29)
    files = export_set(data)
    assert all("2026-11-29" in f.name for f in files), [f.name for f in files]
    assert any("Datum: 29-11-2026" in text for text in _deck_texts(files[0].data))


def test_export_problems_are_one_clear_line_and_exit_code_2(tmp_path, capsys):
    from bot.cli import main

    broken = tmp_path / "broken.json"
    broken.write_text('{"schema_version": 7}')
    assert main(["export", "--from-json", str(broken), "--out", str(tmp_path)]) == 2
    assert main(["export", "--db", str(tmp_path / "none.sqlite3")]) == 2
    errors = capsys.readouterr().err.strip().splitlines()
    assert len(errors) == 2
    assert "schema version 7" in errors[0]
    assert "no database" in errors[1]


def test_the_template_command_writes_a3_and_16x9(tmp_path):
    from bot.cli import main

    assert main(["template", "--goal", "de wijk", "--out", str(tmp_path)]) == 0
    sizes = {}
    for path in tmp_path.glob("*.pptx"):
        deck = Presentation(io.BytesIO(path.read_bytes()))
        sizes[path.name.split("sjabloon-")[1][:5]] = (deck.slide_width, deck.slide_height)
    assert sizes["a3-20"][0] > sizes["a3-20"][1]  # landscape
    assert abs(sizes["a3-20"][0] / 36000 - 420) < 1  # 420 mm wide
    assert sizes["16x9-"][0] * 9 == sizes["16x9-"][1] * 16
