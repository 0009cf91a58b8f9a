"""What a use case asks the shell to do: plain values, no Telegram objects."""

from __future__ import annotations

from dataclasses import dataclass, field

from flows.kaart import Kolom
from flows.texts import Html


@dataclass(frozen=True)
class Button:
    label: str
    data: str  # callback data, at most 64 bytes


@dataclass(frozen=True)
class Say:
    """Send a message to a chat (and forum topic)."""

    chat_id: int
    thread_id: int | None
    text: Html
    reply_to: int | None = None
    buttons: tuple[tuple[Button, ...], ...] = ()


@dataclass(frozen=True)
class AskQuestion:
    """Send the message that belongs to a subgroup's current state (question or wait)."""

    subgroup_id: int


@dataclass(frozen=True)
class RefreshBoard:
    """Bring the subgroup's board message up to date (debounced by the shell)."""

    subgroup_id: int


@dataclass(frozen=True)
class FreezeBoard:
    """Show a closed column's final answers on its old board, without buttons."""

    subgroup_id: int
    kolom: Kolom
    chat_id: int
    message_id: int


@dataclass(frozen=True)
class Broadcast:
    """Make sure each of these subgroups has the message of its current state.

    The shell sends them in the background, as fast as Telegram's limits allow, and
    never twice: a subgroup whose message is out already is skipped.
    """

    subgroup_ids: tuple[int, ...]


@dataclass(frozen=True)
class ShowDraft:
    """Show the plenary's current list: as a new message in a chat, or edited in place.

    With ``final_column`` the board of that (just confirmed) column is left as the final
    list without buttons.
    """

    workshop_id: int
    chat_id: int | None = None
    thread_id: int | None = None
    final_column: Kolom | None = None


@dataclass(frozen=True)
class ShowStatus:
    """Post the status board in a chat; it is then kept up to date in place."""

    workshop_id: int
    chat_id: int
    thread_id: int | None


@dataclass(frozen=True)
class RefreshStatus:
    """Something changed that the status board shows (debounced by the shell)."""

    workshop_id: int


@dataclass(frozen=True)
class SendVote:
    """Send each subgroup a message to vote on the items of a column's list."""

    workshop_id: int
    kolom: Kolom
    subgroup_ids: tuple[int, ...]
    votes_each: int


@dataclass(frozen=True)
class CloseVotes:
    """Close the voting messages of a column, showing the outcome."""

    workshop_id: int
    kolom: Kolom


@dataclass(frozen=True)
class React:
    """Put a reaction on a message, the cheap way to say 'noted'."""

    chat_id: int
    message_id: int
    emoji: str = "✍"


@dataclass(frozen=True)
class SendDocument:
    chat_id: int
    thread_id: int | None
    file_name: str
    data: bytes
    caption: Html


Action = (
    Say
    | AskQuestion
    | RefreshBoard
    | FreezeBoard
    | Broadcast
    | ShowDraft
    | ShowStatus
    | RefreshStatus
    | SendVote
    | CloseVotes
    | React
    | SendDocument
)


@dataclass
class Outcome:
    """Everything a use case wants shown, in order; ``toast`` answers a button press."""

    actions: list[Action] = field(default_factory=list)
    toast: str | None = None

    def add(self, *actions: Action) -> Outcome:
        self.actions.extend(actions)
        return self
