"""Silent writing: members first write answers privately, revealed together in the group.

It keeps one voice from dominating: everyone writes before anyone reads. The facilitator
turns it on for the whole workshop or for some columns, and chooses whether the reveal
shows who wrote what.
"""

from __future__ import annotations

from collections.abc import Iterable

from flows.kaart import Kolom, parse_kolom


class StilFout(ValueError):
    """A setting that cannot be read; the message is a catalogue key."""


def parse_setting(typed: str) -> dict | None:
    """Read '/stilschrijven [aan|uit|anoniem|<kolommen>]' into a setting (None is off)."""
    words = typed.lower().replace(",", " ").split()
    if not words or words == ["aan"] or words == ["on"]:
        return {"all": True, "anonymous": False}
    if words in (["uit"], ["off"]):
        return None
    anonymous = any(w in ("anoniem", "anonymous") for w in words)
    rest = [w for w in words if w not in ("anoniem", "anonymous", "aan", "on")]
    if not rest:
        return {"all": True, "anonymous": anonymous}
    columns = [parse_kolom(w) for w in rest]
    if any(k is None for k in columns):
        raise StilFout("stil.gebruik")
    return {"columns": sorted({int(k) for k in columns if k}), "anonymous": anonymous}


def is_silent(setting: dict | None, kolom: Kolom) -> bool:
    """True when answers for this column are written in silence first."""
    if not setting:
        return False
    return bool(setting.get("all")) or int(kolom) in setting.get("columns", [])


def anonymous(setting: dict | None) -> bool:
    """True when the reveal does not show who wrote what."""
    return bool(setting and setting.get("anonymous"))


def everyone_done(members: Iterable[int], done: Iterable[int]) -> bool:
    """True when every known member said they are done writing (and there is someone)."""
    members = set(members)
    return bool(members) and members <= set(done)
