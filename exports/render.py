"""Render a PowerPoint or Word file to PNG pages, to look at what the exports produce.

    python -m exports.render FILE.pptx|FILE.docx [OUTDIR]

Uses LibreOffice (``soffice --headless --convert-to pdf``) and poppler's ``pdftoppm``. Writes
OUTDIR/<name>-<page>.png (OUTDIR defaults to the file's folder) and prints their paths.
Exits with 1 and one line of explanation when a tool is missing or a step fails.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

RESOLUTION = 50  # dots per inch: a 16:9 slide becomes 667 × 375 pixels
DOCUMENT_RESOLUTION = 80  # an A4 page becomes 661 × 935 pixels: small print stays legible
TIMEOUT = 180  # seconds per step


def render(pptx: Path, outdir: Path, resolution: int | None = None) -> list[Path]:
    """The PNG pages of a .pptx or .docx in outdir (raises RuntimeError with a one-line
    reason)."""
    if resolution is None:
        resolution = DOCUMENT_RESOLUTION if pptx.suffix == ".docx" else RESOLUTION
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    pdftoppm = shutil.which("pdftoppm")
    if not soffice:
        raise RuntimeError("LibreOffice (soffice) is not installed; cannot render slides")
    if not pdftoppm:
        raise RuntimeError("pdftoppm (poppler-utils) is not installed; cannot render slides")
    if not pptx.is_file():
        raise RuntimeError(f"no such file: {pptx}")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        # A private profile: works next to a running LibreOffice and leaves no traces.
        profile = Path(work, "profile").as_uri()
        _run(
            [
                soffice,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                work,
                str(pptx),
            ],
            "soffice",
        )
        pdf = Path(work, pptx.stem + ".pdf")
        if not pdf.is_file():
            raise RuntimeError(f"soffice made no PDF of {pptx}")
        prefix = outdir / pptx.stem
        _run([pdftoppm, "-png", "-r", str(resolution), str(pdf), str(prefix)], "pdftoppm")
    return sorted(outdir.glob(f"{pptx.stem}-*.png"))


def _run(command: list[str], name: str) -> None:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        raise RuntimeError(f"{name} took longer than {TIMEOUT} s") from exc
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise RuntimeError(f"{name} failed: {detail[-1] if detail else done.returncode}")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or len(args) > 2 or args[0] in ("-h", "--help"):
        print("usage: python -m exports.render FILE.pptx|FILE.docx [OUTDIR]", file=sys.stderr)
        return 2
    pptx = Path(args[0])
    outdir = Path(args[1]) if len(args) > 1 else pptx.parent
    try:
        pages = render(pptx, outdir)
    except RuntimeError as exc:
        print(f"render: {exc}", file=sys.stderr)
        return 1
    for page in pages:
        print(page)
    return 0


if __name__ == "__main__":
    sys.exit(main())
