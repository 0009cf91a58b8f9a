"""Clean, safe file names for what we export."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

MAX_SLUG = 60


class ExportError(Exception):
    """An export that cannot be made; the message says why (e.g. a broken template)."""


@dataclass(frozen=True)
class ExportFile:
    name: str
    data: bytes


def slug(text: str, limit: int = MAX_SLUG) -> str:
    """Lower-case ASCII words joined by '-': no path separators, no control characters."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return words[:limit].rstrip("-") or "workshop"


def export_file_name(goal: str, date: dt.date, extension: str, *, kind: str = "") -> str:
    """E.g. 'partnerschapkaart-gebiedsontwikkeling-noord-2026-11-29.pptx'."""
    middle = f"-{kind}" if kind else ""
    return f"partnerschapkaart-{slug(goal)}{middle}-{date.isoformat()}.{extension}"
