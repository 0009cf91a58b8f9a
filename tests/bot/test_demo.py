"""The README's first command: the offline demo writes a complete map."""

from __future__ import annotations

import io

from pptx import Presentation

from bot.demo import SCRIPT, run_demo

COLUMN_TITLES = ["5 Acties", "4 Voorwaarden", "3 Handelen", "2 Relaties", "1 Waarden"]


async def test_the_demo_writes_the_map_with_every_answer(tmp_path, capsys):
    assert await run_demo(tmp_path) == 0
    [pptx] = list(tmp_path.glob("partnerschapkaart-*.pptx"))
    deck = Presentation(io.BytesIO(pptx.read_bytes()))
    first_map = deck.slides[0]
    headers = sorted(
        (s for s in first_map.shapes if s.has_text_frame and s.name.startswith("Kop ")),
        key=lambda s: s.left,
    )
    assert [h.text_frame.paragraphs[0].text for h in headers] == COLUMN_TITLES
    everything = "\n".join(
        s.text_frame.text for slide in deck.slides for s in slide.shapes if s.has_text_frame
    )
    for lines in SCRIPT.values():
        for _, _, text in lines:
            assert text in everything
    transcript = capsys.readouterr().out
    assert "Kolom 1 van 5: Waarden" in transcript
    assert "Jullie kaart is af!" in transcript
    assert str(pptx) in transcript
