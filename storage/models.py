"""Plain values that storage hands out; never raw rows."""

from __future__ import annotations

from dataclasses import dataclass

from flows.fase import Fase
from flows.kaart import Kolom
from flows.plenair import Item
from flows.subgroep import Status, SubgroepStand


@dataclass(frozen=True)
class Workshop:
    id: int
    code: str
    goal: str
    facilitator_id: int
    plenary_chat_id: int
    lang: str
    fase: Fase
    created_at: str
    ended_at: str | None
    phase_changed_at: str
    plenary_column: Kolom | None  # the column under discussion in a plenary round
    status_chat_id: int | None
    status_thread_id: int | None
    status_message_id: int | None
    cofac_code: str | None
    durations: dict[str, int]  # the facilitator's own minutes per step
    reminders_off: bool
    reminder_cap_minutes: int
    homogeneous: bool = False
    split_proposal: list[list[int]] | None = None  # participant ids per group
    silent: dict | None = None  # silent writing: {"all": bool, "columns": [...], "anonymous": bool}
    status_page: int = 1  # the page of the status board shown, when it has more than one
    previous_id: int | None = None  # a follow-up (/vervolg): the first meeting's workshop
    closing_at: str | None = None  # when the closing round (/afsluiten) started


@dataclass(frozen=True)
class Subgroup:
    id: int
    workshop_id: int
    number: int  # 1, 2, … within the workshop, as the facilitator refers to it
    name: str
    chat_id: int | None
    thread_id: int  # 0 when the subgroup is a whole chat, not a forum topic
    stand: SubgroepStand
    prompt_message_id: int | None
    board_message_id: int | None
    joined_at: str
    state_changed_at: str
    reminders_muted: bool = False

    @property
    def paper(self) -> bool:
        """A paper table: no chat, the facilitator types its answers."""
        return self.chat_id is None

    @property
    def topic_id(self) -> int | None:
        """The forum topic to send to, or None for a plain group chat."""
        return self.thread_id or None


@dataclass(frozen=True)
class Participant:
    id: int
    workshop_id: int
    user_id: int
    first_name: str
    username: str | None
    subgroup_id: int | None
    role: str | None = None
    network: str | None = None
    play_role: str | None = None
    left_at: str | None = None  # when they left (or were removed from) their subgroup's chat

    @property
    def present(self) -> bool:
        """Still in their subgroup's chat (as far as the bot saw)."""
        return self.left_at is None


@dataclass(frozen=True)
class CofacilitatorOffer:
    """A facilitator asked this person to co-facilitate; only their own yes makes it so."""

    id: int
    workshop_id: int
    user_id: int


@dataclass(frozen=True)
class Answer:
    id: int
    workshop_id: int
    subgroup_id: int
    kolom: Kolom
    text: str
    participant_id: int | None
    author: str | None  # the participant's first name, joined in for display
    source_chat_id: int
    source_message_id: int
    created_at: str
    edited_at: str | None
    hidden: bool = False  # written in silence, not shown to the group yet
    source_part: int = 0  # which line of its message (a paper table's /typ has several)


@dataclass(frozen=True)
class Event:
    id: int
    workshop_id: int
    subgroup_id: int | None
    kind: str
    from_state: str | None
    to_state: str | None
    actor_id: int | None
    source: str | None
    at: str


def stand_from(status: str, column_no: int) -> SubgroepStand:
    return SubgroepStand(Status(status), Kolom(column_no))


def stand_label(stand: SubgroepStand) -> str:
    """How a state is written in the event log, e.g. 'beantwoordt:2'."""
    return f"{stand.status}:{int(stand.kolom)}"


@dataclass(frozen=True)
class PlenaryDraft:
    """The facilitator's working list for one column, as stored."""

    workshop_id: int
    kolom: Kolom
    items: tuple[Item, ...]
    history: tuple[tuple[Item, ...], ...]  # earlier lists for undo, newest last
    version: int
    chat_id: int | None
    thread_id: int | None
    message_id: int | None
    confirmed_at: str | None
    voting: bool = False
    votes_each: int = 3  # in the running (or last) vote
    page: int = 1  # the page of the list its board shows, when it has more than one
    # Answers the facilitator took off the list: a late answer is proposed in, these not.
    left_out: tuple[int, ...] = ()

    @property
    def confirmed(self) -> bool:
        return self.confirmed_at is not None


@dataclass(frozen=True)
class Activity:
    """Something that happened in a subgroup besides an answer."""

    kind: str  # "reply_to_other", "message", "reminder_sent"
    participant_id: int | None
    kolom: Kolom | None
    detail: dict
    at: str


@dataclass(frozen=True)
class Forgotten:
    """What forgetting a person changed beyond their own data."""

    columns: tuple[Kolom, ...] = ()  # plenary lists their erased answers were taken off
    votes_stopped: tuple[Kolom, ...] = ()  # of those, the ones being voted on


@dataclass(frozen=True)
class Lease:
    """The bot process that runs on a database: where, which process, since when, and
    when it last said it still runs."""

    host: str
    pid: int
    since: str
    heartbeat: str


@dataclass(frozen=True)
class ClosingAnswer:
    """An answer in the closing round: what someone learned, or takes home."""

    id: int
    question: str  # "geleerd" or "meenemen"
    text: str
    author: str | None  # the participant's first name; None once they are forgotten
    created_at: str


@dataclass(frozen=True)
class GroupReady:
    """A member's /klaar put to the group: open until a yes, a no, or the deadline."""

    id: int
    workshop_id: int
    subgroup_id: int
    kolom: Kolom
    state_changed_at: str  # the subgroup's state it was asked in began then
    user_id: int | None  # who asked (None once they asked to be forgotten)
    asked_at: str
    deadline: str
    message_id: int | None  # the question in the chat, once sent
    closed_at: str | None
    outcome: str | None  # "ja", "nee", "tijd", "vervallen"
