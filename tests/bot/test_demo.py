"""The README's first command: the offline demo runs a whole workshop and exports it."""

from __future__ import annotations

import io

from pptx import Presentation

from bot.demo import PAPER, SCRIPT, run_demo

COLUMN_TITLES = ["5 Acties", "4 Voorwaarden", "3 Handelen", "2 Relaties", "1 Waarden"]


def _slide_text(slide) -> str:
    return "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


async def test_the_demo_runs_all_six_steps_and_exports_the_joint_model(tmp_path, capsys):
    assert await run_demo(tmp_path) == 0
    [pptx] = list(tmp_path.glob("partnerschapkaart-*.pptx"))
    deck = Presentation(io.BytesIO(pptx.read_bytes()))
    joint = deck.slides[0]
    headers = sorted(
        (s for s in joint.shapes if s.has_text_frame and s.name.startswith("Kop ")),
        key=lambda s: s.left,
    )
    assert [h.text_frame.paragraphs[0].text for h in headers] == COLUMN_TITLES
    assert "Gezamenlijk model" in _slide_text(joint)
    # The facilitator's edits are in the joint model.
    assert "Elkaar helpen om mee te doen" in _slide_text(joint)
    assert "Samen beslissen over de buurt" not in _slide_text(joint)  # merged away
    everything = "\n".join(_slide_text(slide) for slide in deck.slides)
    for columns in SCRIPT.values():
        for lines in columns.values():
            for _, _, text in lines:
                assert text in everything
    for lines in PAPER.values():
        for text in lines:
            assert text in everything
    transcript = capsys.readouterr().out
    for step in (
        "Kolom 1 van 5: Waarden",
        "Plenair: 1 Waarden",
        "Kolom 5 van 5: Acties",
        "Plenair: 5 Acties",
        "samenwerkingsmodel is definitief",
    ):
        assert step in transcript
    assert str(pptx) in transcript
