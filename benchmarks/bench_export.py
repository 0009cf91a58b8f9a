"""Time the complete export set of a big workshop and its peak memory.

Run: .venv/bin/python benchmarks/bench_export.py
A workshop of 20 subgroups × 5 columns × 25 answers (2,500 answers, every tenth 300
characters long) goes through every export (PowerPoint, agreement and participation
report in Markdown and Word, action plan, A3 template, JSON). The figure is compared with
python-pptx itself saving a deck with the same number of text boxes and the same text: the
ratio says what our layout work (measuring, fitting, continuing on next slides) costs on
top of that.
"""

from __future__ import annotations

import datetime
import gc
import io
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pptx import Presentation  # noqa: E402
from pptx.util import Inches, Pt  # noqa: E402

from exports.bundle import export_set  # noqa: E402
from exports.model import (  # noqa: E402
    AnswerRecord,
    ModelItem,
    ParticipantRecord,
    SubgroupRecord,
    WorkshopData,
)
from flows.kaart import Kolom  # noqa: E402

WORDS = (
    "bewoners gemeente samen buurt wijk veilig groen spelen ontmoeten vertrouwen luisteren "
    "afspraken budget tijd professionals welzijn school zorg jongeren ouderen winkels plein "
    "buurthuis initiatief eerlijk open duidelijk snel korte lijnen meedoen beslissen kennis"
).split()


def big_workshop(subgroups: int = 20, per_column: int = 25, seed: int = 1) -> WorkshopData:
    """A finished workshop with subgroups × 5 × per_column answers."""
    rng = random.Random(seed)
    answers = []
    for g in range(1, subgroups + 1):
        for kolom in Kolom:
            for n in range(per_column):
                length = 45 if (len(answers) % 10) else 300
                words = []
                while len(" ".join(words)) < length:
                    words.append(rng.choice(WORDS))
                text = " ".join(words)[:length].strip().capitalize()
                if kolom is Kolom.ACTIES:
                    text = f"Gemeente, voor {n % 28 + 1} maart: {text}"
                answers.append(
                    AnswerRecord(id=len(answers) + 1, text=text, kolom=kolom,
                                 subgroup=f"Tafel {g}", author=f"Lid {n % 4 + 1}",
                                 created_at="2026-11-29T10:00:00+00:00")
                )  # fmt: skip
    model = {
        kolom: tuple(
            ModelItem(a.text, (a.id,), (a.subgroup,)) for a in answers if a.kolom == kolom
        )[:40]
        for kolom in Kolom
    }
    return WorkshopData(
        goal="de gebiedsontwikkeling van Noord",
        lang="nl",
        date=datetime.date(2026, 11, 29),
        created_at="2026-11-29T09:00:00+00:00",
        phase="afgerond",
        subgroups=tuple(
            SubgroupRecord(g, f"Tafel {g}", "chat", tuple(f"Lid {i}" for i in range(1, 5)))
            for g in range(1, subgroups + 1)
        ),
        participants=tuple(
            ParticipantRecord(f"Lid {i}", f"Tafel {g}", "burger")
            for g in range(1, subgroups + 1)
            for i in range(1, 5)
        ),
        answers=tuple(answers),
        model=model,
        confirmed=frozenset(Kolom),
    )


def _text_boxes(pptx: bytes) -> tuple[int, int, list[str]]:
    deck = Presentation(io.BytesIO(pptx))
    texts = [s.text_frame.text for slide in deck.slides for s in slide.shapes if s.has_text_frame]
    return len(deck.slides), len(texts), texts


def baseline(slides: int, texts: list[str]) -> float:
    """python-pptx alone: the same number of slides and text boxes, the same text, saved."""
    started = time.perf_counter()
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    per_slide = max(1, -(-len(texts) // max(slides, 1)))
    layout = deck.slide_layouts[6]
    for start in range(0, len(texts), per_slide):
        slide = deck.slides.add_slide(layout)
        for n, text in enumerate(texts[start : start + per_slide]):
            box = slide.shapes.add_textbox(
                Inches(0.2 + n % 5 * 2.6), Inches(1 + n // 5), Inches(2.5), Inches(1)
            )
            frame = box.text_frame
            frame.word_wrap = True
            frame.text = text
            for paragraph in frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(12)
    deck.save(io.BytesIO())
    return time.perf_counter() - started


def measure(repeats: int = 3) -> dict[str, float]:
    data = big_workshop()
    best = float("inf")
    files = []
    for _ in range(repeats):
        gc.collect()
        started = time.perf_counter()
        files = export_set(data)
        best = min(best, time.perf_counter() - started)
    deck = next(f for f in files if f.name.endswith(".pptx") and "sjabloon" not in f.name)
    slides, boxes, texts = _text_boxes(deck.data)
    base = min(baseline(slides, texts) for _ in range(repeats))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "answers": len(data.answers),
        "seconds": best,
        "peak_mb": peak_mb,
        "slides": slides,
        "text_boxes": boxes,
        "baseline_seconds": base,
        "ratio": best / base,
        "bytes": sum(len(f.data) for f in files),
        "files": len(files),
    }


def main() -> None:
    r = measure()
    print(
        f"export set of {r['answers']:.0f} answers ({r['slides']:.0f} slides, "
        f"{r['text_boxes']:.0f} text boxes, {r['bytes'] / 1e6:.1f} MB in {r['files']:.0f} files)"
    )
    print(f"  time (best of 3)          {r['seconds']:6.2f} s   (aim: under 3 s)")
    print(f"  peak memory (process RSS) {r['peak_mb']:6.0f} MB  (aim: under 300 MB)")
    print(
        f"  python-pptx alone         {r['baseline_seconds']:6.2f} s   "
        "(same slides, text boxes and text, saved)"
    )
    print(f"  ratio                     {r['ratio']:6.2f}")


if __name__ == "__main__":
    main()
