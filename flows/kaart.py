"""The partnership map (de partnerschapkaart): five columns, filled right to left."""

from __future__ import annotations

from enum import IntEnum


class Kolom(IntEnum):
    """A column of the map, numbered in the order it is filled (1 = rightmost)."""

    WAARDEN = 1
    RELATIES = 2
    HANDELEN = 3
    VOORWAARDEN = 4
    ACTIES = 5

    @property
    def key(self) -> str:
        """Short lower-case key, used in the message catalogue and in storage."""
        return self.name.lower()

    @property
    def next(self) -> Kolom | None:
        """The column filled after this one, or None after acties."""
        return Kolom(self + 1) if self < Kolom.ACTIES else None

    @property
    def previous(self) -> Kolom | None:
        """The column filled before this one, or None before waarden."""
        return Kolom(self - 1) if self > Kolom.WAARDEN else None


FIRST = Kolom.WAARDEN
LAST = Kolom.ACTIES

# The order in which the columns are filled (1 → 5) ...
FILL_ORDER: tuple[Kolom, ...] = tuple(Kolom)
# ... and the order in which they stand on the paper map, left to right (5 → 1).
MAP_ORDER: tuple[Kolom, ...] = tuple(reversed(FILL_ORDER))


def parse_kolom(value: str | int) -> Kolom | None:
    """Read a column from its number or its (Dutch or English) name; None if unknown."""
    if isinstance(value, int):
        return Kolom(value) if 1 <= value <= 5 else None
    cleaned = value.strip().lower()
    if cleaned.isdigit():
        return parse_kolom(int(cleaned))
    aliases = {
        "values": Kolom.WAARDEN,
        "relations": Kolom.RELATIES,
        "relationships": Kolom.RELATIES,
        "acting": Kolom.HANDELEN,
        "conditions": Kolom.VOORWAARDEN,
        "actions": Kolom.ACTIES,
    }
    for kolom in Kolom:
        if cleaned == kolom.key:
            return kolom
    return aliases.get(cleaned)
