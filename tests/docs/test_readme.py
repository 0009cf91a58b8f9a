"""The README and docs/ are read in a clone: every link must work there, without network."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")


def _anchors(text: str) -> set[str]:
    """GitHub's anchors for the headings: lower case, punctuation dropped, spaces to '-'."""
    found = set()
    for heading in re.findall(r"^#+ (.+)$", text, flags=re.MULTILINE):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        found.add(slug)
    return found


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_link_stays_inside_the_repository_and_resolves(doc: Path) -> None:
    text = doc.read_text(encoding="utf-8")
    for target in LINK.findall(text):
        assert "://" not in target, f"{doc.name} links outside the repository: {target}"
        path, _, anchor = target.partition("#")
        file = (doc.parent / path).resolve() if path else doc
        assert file.is_relative_to(ROOT), f"{doc.name} links outside the repository: {target}"
        assert file.exists(), f"{doc.name} links to a missing file: {target}"
        if anchor and file.suffix == ".md":
            assert anchor in _anchors(file.read_text(encoding="utf-8")), (
                f"{doc.name} links to a missing heading: {target}"
            )


def test_the_method_is_described_in_the_repository() -> None:
    text = (ROOT / "docs" / "werkwijze.md").read_text(encoding="utf-8")
    for column in ("Waarden", "Relaties", "Handelen", "Voorwaarden", "Acties"):
        assert column in text
    assert "rechts naar links" in text
    assert "docs/werkwijze.md" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_names_where_the_data_lives_where_it_shows_export() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    offline = text[text.index("**Offline:**"):]
    offline = offline[: offline.index("\n## ")]
    assert "out/demo.sqlite3" in offline
    assert "partnerschapkaart.sqlite3" in offline
