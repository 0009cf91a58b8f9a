"""`make docs-image`: the README's picture of the joint map, rendered from the demo's deck.

Run: .venv/bin/python docs/kaart_voorbeeld.py [OUTDIR] (after `make demo`; OUTDIR defaults to
out/). Renders the main deck with LibreOffice (``exports.render``), takes the first slide of
the joint map at 1280 pixels wide and writes it, reduced to a palette of 128 colours and
optimised, to docs/kaart-voorbeeld.png (about 100 KB).
"""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402
from pptx import Presentation  # noqa: E402

from exports.pptx_map import NAME_HEADER  # noqa: E402
from exports.render import render  # noqa: E402

TARGET = ROOT / "docs" / "kaart-voorbeeld.png"
WIDTH_PX = 1280
COLOURS = 128
LIMIT_BYTES = 250_000


def main_deck(outdir: Path) -> Path:
    """The deck to project (not the appendix or the blank templates) in outdir."""
    decks = [
        path
        for path in sorted(outdir.glob("partnerschapkaart-*.pptx"))
        if "-bijlage-" not in path.name and "-sjabloon-" not in path.name
    ]
    if not decks:
        raise SystemExit(f"no deck in {outdir}: run make demo first")
    return decks[-1]


def joint_map_page(deck: Path) -> int:
    """The number (1-based) of the first map slide: the joint map follows the title slide."""
    prs = Presentation(io.BytesIO(deck.read_bytes()))
    for number, slide in enumerate(prs.slides, start=1):
        if any(shape.name == NAME_HEADER.format(1) for shape in slide.shapes):
            return number
    raise SystemExit(f"no map slide in {deck}")


def main(argv: list[str]) -> int:
    outdir = Path(argv[0]) if argv else ROOT / "out"
    deck = main_deck(outdir)
    page = joint_map_page(deck)
    with tempfile.TemporaryDirectory() as work:
        try:
            # A 16:9 slide is 13.333 inches wide: 96 dots per inch give 1280 pixels.
            pages = render(deck, Path(work), resolution=round(WIDTH_PX / 13.333))
        except RuntimeError as exc:
            print(f"docs image: {exc}", file=sys.stderr)
            return 1
        image = Image.open(pages[page - 1]).convert("RGB")
    if image.width != WIDTH_PX:
        image = image.resize((WIDTH_PX, round(image.height * WIDTH_PX / image.width)))
    image = image.quantize(colors=COLOURS, method=Image.Quantize.MEDIANCUT)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    image.save(TARGET, optimize=True)
    size = TARGET.stat().st_size
    name = TARGET.relative_to(ROOT)
    print(f"{name}: slide {page} of {deck.name}, {image.width} px, {size:,} bytes")
    if size > LIMIT_BYTES:
        print(f"docs image: larger than {LIMIT_BYTES:,} bytes", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
