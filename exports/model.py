"""The data the exports are built from: plain values, no Telegram and no database."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from flows.kaart import Kolom


@dataclass(frozen=True)
class MapItem:
    """One answer on the map."""

    text: str
    author: str | None = None  # display name; None for merged items / paper tables
    sources: tuple[str, ...] = ()  # subgroup names that named it (joint map), may be empty


@dataclass(frozen=True)
class MapData:
    """One filled-in partnership map (a subgroup's, or the joint model)."""

    goal: str  # the workshop's goal, e.g. "de gebiedsontwikkeling Noord"
    title: str  # e.g. "Subgroep Tafel 1" or "Gezamenlijk model"
    columns: Mapping[Kolom, Sequence[MapItem]]  # missing columns = empty
    date: datetime.date
    lang: str = "nl"
    concept: bool = True  # show a visible "Concept" mark until the model is confirmed

    def items(self, kolom: Kolom) -> Sequence[MapItem]:
        """The items of one column; empty when the column is missing."""
        return self.columns.get(kolom, ())
