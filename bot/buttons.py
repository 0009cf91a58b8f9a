"""Inline buttons: each kind, what its callback data looks like, and reading it back.

Telegram returns a button's callback data as we wrote it, at most 64 bytes, but anyone can
send any string in its place. So ``parse`` is the only way in: it gives the button we could
have made, typed, or None. Whether a well-formed button is stale (an earlier column, an
older list, a column that does not exist) or not this person's to press is for the use case
to decide: it says so in a toast.

Each kind names its data once, in ``WIRE``; encoding and parsing are both derived from it,
so they cannot drift apart. The data of a kind must never change: buttons already in chats
keep their old data.
"""

from __future__ import annotations

import re
import string
import typing
from collections.abc import Callable
from dataclasses import dataclass, fields
from enum import Enum, StrEnum
from typing import ClassVar, TypeAlias

from flows.indeling import Rol

# Telegram's limit for callback data, in bytes.
MAX_DATA_BYTES = 64
# A number on the wire: ASCII digits without sign or leading zero ('²' and '٣' are digits to
# str.isdigit(), not to us), below a billion so that every kind fits in 64 bytes.
_NUMBER = "0|[1-9][0-9]{0,8}"
_NUMBER_LIMIT = 10**9


class _Press:
    """What all kinds share: ``WIRE`` is their data, with each field's name in braces."""

    WIRE: ClassVar[str]

    def __post_init__(self) -> None:
        # A number that could not be read back must fail here, not as a dead button.
        for field in fields(self):
            value = getattr(self, field.name)
            if isinstance(value, int) and not 0 <= value < _NUMBER_LIMIT:
                raise ValueError(f"{type(self).__name__}.{field.name} = {value} does not fit")

    @property
    def data(self) -> str:
        """The callback data of this button."""
        return self.WIRE.format(**{f.name: _on_wire(getattr(self, f.name)) for f in fields(self)})


def _on_wire(value: object) -> str:
    return str(value.value) if isinstance(value, Enum) else str(value)


class Forgetting(StrEnum):
    """What /vergeet removes of the person who presses."""

    ANONYMISE = "a"  # their name; their answers stay, without it
    ERASE = "w"  # their name and their answers


@dataclass(frozen=True)
class Done(_Press):
    """'Klaar' under a subgroup's board: done with the column the board was shown for."""

    WIRE: ClassVar[str] = "klaar:{subgroup_id}:{column}"
    subgroup_id: int
    column: int  # a stamp the use case compares with now, so any number goes


@dataclass(frozen=True)
class Back(_Press):
    """'Terug' under a subgroup's board: back to the column before."""

    WIRE: ClassVar[str] = "terug:{subgroup_id}:{column}"
    subgroup_id: int
    column: int


@dataclass(frozen=True)
class ShowMap(_Press):
    """'Kaart' under a subgroup's board: show the map so far (the stamp is not checked)."""

    WIRE: ClassVar[str] = "kaart:{subgroup_id}:{column}"
    subgroup_id: int
    column: int


@dataclass(frozen=True)
class RemoveItem(_Press):
    """🗑 under the facilitator's list: remove the item at this position."""

    WIRE: ClassVar[str] = "pd:{column}:{version}:w{position}"
    column: int
    version: int
    position: int


@dataclass(frozen=True)
class KeepGroup(_Press):
    """'✔ Samen' under a group the bot suggested on the list: keep it as it is."""

    WIRE: ClassVar[str] = "pd:{column}:{version}:j{position}"
    column: int
    version: int
    position: int


@dataclass(frozen=True)
class LooseGroup(_Press):
    """'✖ Los' under a group the bot suggested on the list: its answers apart again."""

    WIRE: ClassVar[str] = "pd:{column}:{version}:l{position}"
    column: int
    version: int
    position: int


@dataclass(frozen=True)
class JoinHint(_Press):
    """'🤝 3+7' under a "looks like" hint on the list: merge the two items."""

    WIRE: ClassVar[str] = "pd:{column}:{version}:h{first}-{second}"
    column: int
    version: int
    first: int
    second: int


@dataclass(frozen=True)
class ApartHint(_Press):
    """'≠ 3/7' under a "looks like" hint on the list: they differ, do not ask again."""

    WIRE: ClassVar[str] = "pd:{column}:{version}:d{first}-{second}"
    column: int
    version: int
    first: int
    second: int


@dataclass(frozen=True)
class UndoEdit(_Press):
    """'Ongedaan maken' under the facilitator's list: take back the last edit."""

    WIRE: ClassVar[str] = "pd:{column}:{version}:u"
    column: int
    version: int


@dataclass(frozen=True)
class Confirm(_Press):
    """'Bevestig' under the facilitator's list of a column, as it was at that version."""

    WIRE: ClassVar[str] = "pd:{column}:{version}:ok"
    column: int  # 0 is the whole model, whatever the version
    version: int


@dataclass(frozen=True)
class ListPage(_Press):
    """◀️ or ▶️ under a long list of a column: show that page of the list, as it was at
    that version."""

    WIRE: ClassVar[str] = "pd:{column}:{version}:p{page}"
    column: int
    version: int
    page: int


@dataclass(frozen=True)
class StatusPage(_Press):
    """◀️ or ▶️ under a status board with more subgroups than one message holds."""

    WIRE: ClassVar[str] = "sb:{workshop_id}:{page}"
    workshop_id: int
    page: int


# 'Model vaststellen' under the last look at the whole model: make it final.
CONFIRM_MODEL = Confirm(column=0, version=0)


@dataclass(frozen=True)
class Vote(_Press):
    """An item on a voting message: add or take back a vote for it."""

    WIRE: ClassVar[str] = "st:{column}:{version}:{votes_each}:{position}"
    column: int
    version: int
    votes_each: int
    position: int


@dataclass(frozen=True)
class ChooseRole(_Press):
    """A role button: whoever presses it has this role in this workshop."""

    WIRE: ClassVar[str] = "rol:{workshop_id}:{role}"
    workshop_id: int
    role: Rol


@dataclass(frozen=True)
class Forget(_Press):
    """A /vergeet button: forget whoever presses it in this workshop."""

    WIRE: ClassVar[str] = "vg:{workshop_id}:{how}"
    workshop_id: int
    how: Forgetting


@dataclass(frozen=True)
class DeleteWorkshop(_Press):
    """The /verwijder button: the facilitator deletes the whole workshop."""

    WIRE: ClassVar[str] = "del:{workshop_id}"
    workshop_id: int


class YesNo(StrEnum):
    """Yes or no to a question only the person asked may answer."""

    YES = "j"
    NO = "n"


@dataclass(frozen=True)
class AnswerCofacilitator(_Press):
    """Yes or no under '/cofac' as a reply: only the person asked may press it."""

    WIRE: ClassVar[str] = "cf:{offer_id}:{answer}"
    offer_id: int
    answer: YesNo


@dataclass(frozen=True)
class AnswerGroupReady(_Press):
    """Yes or no under a member's /klaar put to the group; the id names that question,
    which must still be open in the chat where it is pressed."""

    WIRE: ClassVar[str] = "gk:{ready_id}:{answer}"
    ready_id: int
    answer: YesNo


@dataclass(frozen=True)
class ChooseWorkshop(_Press):
    """A workshop to choose: whoever presses it works on this one (if they facilitate it)."""

    WIRE: ClassVar[str] = "ws:{workshop_id}"
    workshop_id: int


class ClosingQuestion(StrEnum):
    """The two questions of the closing round."""

    LEARNED = "g"  # /geleerd: what have we learned?
    TAKE_HOME = "m"  # /meenemen: what do we take home?


@dataclass(frozen=True)
class AnswerClosing(_Press):
    """A workshop under a closing answer typed in a private chat when more than one of the
    person's closing rounds is open: the answer (the message the question replies to) goes
    to this one."""

    WIRE: ClassVar[str] = "sl:{workshop_id}:{question}"
    workshop_id: int
    question: ClosingQuestion


ButtonPress: TypeAlias = (
    Done
    | Back
    | ShowMap
    | RemoveItem
    | KeepGroup
    | LooseGroup
    | JoinHint
    | ApartHint
    | UndoEdit
    | Confirm
    | ListPage
    | StatusPage
    | Vote
    | ChooseRole
    | Forget
    | DeleteWorkshop
    | AnswerCofacilitator
    | AnswerGroupReady
    | ChooseWorkshop
    | AnswerClosing
)
KINDS: tuple[type[ButtonPress], ...] = typing.get_args(ButtonPress)


@dataclass(frozen=True)
class _Reader:
    """Reads the data of one kind: a pattern from its WIRE, and how to read each field."""

    kind: type[ButtonPress]
    pattern: re.Pattern[str]
    readers: dict[str, Callable[[str], object]]

    @classmethod
    def of(cls, kind: type[ButtonPress]) -> _Reader:
        types = typing.get_type_hints(kind)
        regex, readers = "", {}
        for literal, name, _, _ in string.Formatter().parse(kind.WIRE):
            regex += re.escape(literal)
            if name:
                field_type = types[name]
                if issubclass(field_type, Enum):  # only its own values
                    members = {_on_wire(m): m for m in field_type}
                    regex += f"(?P<{name}>{'|'.join(map(re.escape, members))})"
                    readers[name] = members.__getitem__
                else:
                    regex += f"(?P<{name}>{_NUMBER})"
                    readers[name] = int
        return cls(kind, re.compile(regex), readers)

    def read(self, data: str) -> ButtonPress | None:
        found = self.pattern.fullmatch(data)
        if found is None:
            return None
        values = found.groupdict()
        return self.kind(**{name: self.readers[name](text) for name, text in values.items()})


_READERS = tuple(_Reader.of(kind) for kind in KINDS)


def parse(data: str) -> ButtonPress | None:
    """The button this data was made for; None for anything we could not have made."""
    if len(data) > MAX_DATA_BYTES or not data.isascii():
        return None
    for reader in _READERS:
        if (press := reader.read(data)) is not None:
            return press
    return None
