"""What a use case asks the shell to do: plain values, no Telegram objects."""

from __future__ import annotations

import base64
import dataclasses
import json
from dataclasses import dataclass, field

from flows.kaart import Kolom
from flows.texts import Html


@dataclass(frozen=True)
class Button:
    label: str
    data: str = ""  # callback data, at most 64 bytes
    url: str | None = None  # a link button instead
    web_app: str | None = None  # a Mini App button (private chats only, https)


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

    With ``final_column`` the board of that column is edited in place: after it was
    confirmed, as the final list without edit buttons, or on another page.
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
    """Something changed that the status board shows (debounced by the shell; at once
    when the facilitator turned its page)."""

    workshop_id: int
    at_once: bool = False


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
class AskGroupReady:
    """Put a member's /klaar to the group: the question with its yes and no buttons. The
    shell remembers which message it is, so how it ended can be shown on it."""

    ready_id: int
    chat_id: int
    thread_id: int | None
    text: Html
    buttons: tuple[tuple[Button, ...], ...] = ()


@dataclass(frozen=True)
class SettleGroupReady:
    """Show how the group's question ended on the question itself, without its buttons."""

    ready_id: int
    chat_id: int
    text: Html


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
    | AskGroupReady
    | SettleGroupReady
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


# --- The outbox: actions as rows -----------------------------------------------------
# An action a use case decided is written to the outbox in the same transaction as the
# state change, then sent. Its lane keeps order where order matters (one chat, one
# subgroup, one workshop's plenary list) and lets lanes go in parallel.

_KINDS: dict[str, type] = {
    cls.__name__: cls
    for cls in (
        Say, AskQuestion, RefreshBoard, FreezeBoard, ShowDraft, ShowStatus, RefreshStatus,
        SendVote, CloseVotes, React, AskGroupReady, SettleGroupReady, SendDocument,
    )
}  # fmt: skip


def lane_of(action: Action, chat_of_subgroup: dict[int, int | None]) -> str:
    """The lane an action is sent in: the chat it goes to (a subgroup's chat for its
    question and board, so a welcome comes before the question), else its workshop."""
    match action:
        case AskQuestion() | RefreshBoard():
            chat = chat_of_subgroup.get(action.subgroup_id)
            return f"c{chat}" if chat is not None else f"s{action.subgroup_id}"
        case SendVote(subgroup_ids=(only,)) if chat_of_subgroup.get(only) is not None:
            return f"c{chat_of_subgroup[only]}"
        case ShowDraft(chat_id=None) | RefreshStatus() | SendVote() | CloseVotes():
            return f"w{action.workshop_id}"
        case _:
            return f"c{action.chat_id}"  # type: ignore[union-attr]


def repeatable(action: Action) -> bool:
    """True when carrying it out twice shows nothing twice: a reaction, an edit in place."""
    edits = React | RefreshBoard | RefreshStatus | FreezeBoard | CloseVotes | SettleGroupReady
    return isinstance(action, edits) or (isinstance(action, ShowDraft) and action.chat_id is None)


def stored_actions(outcome: Outcome) -> list[Action]:
    """The outcome's actions as they go into the outbox: a broadcast becomes one question
    per subgroup, a vote one voting message per subgroup, so one cut short by a crash goes
    on where it stopped."""
    actions: list[Action] = []
    for action in outcome.actions:
        if isinstance(action, Broadcast):
            actions.extend(AskQuestion(sid) for sid in dict.fromkeys(action.subgroup_ids))
        elif isinstance(action, SendVote) and len(action.subgroup_ids) > 1:
            actions.extend(
                dataclasses.replace(action, subgroup_ids=(sid,))
                for sid in dict.fromkeys(action.subgroup_ids)
            )
        else:
            actions.append(action)
    return actions


def encode(action: Action) -> str:
    """An action as a JSON text (a file's bytes in base64: it waits in the outbox like a
    message, so a crash or an update delivered again never sends it twice)."""
    if type(action).__name__ not in _KINDS:
        raise TypeError(f"{type(action).__name__} does not go into the outbox")
    fields = {f.name: getattr(action, f.name) for f in dataclasses.fields(action)}
    if isinstance(action, SendDocument):
        fields["data"] = base64.b64encode(action.data).decode("ascii")
    if "buttons" in fields:
        fields["buttons"] = [
            [[b.label, b.data] + ([b.url, b.web_app] if b.url or b.web_app else []) for b in row]
            for row in fields["buttons"]
        ]
    return json.dumps({"kind": type(action).__name__, **fields}, ensure_ascii=False)


def decode(text: str) -> Action:
    """The action an outbox row holds."""
    fields = json.loads(text)
    cls = _KINDS[fields.pop("kind")]
    for name in ("text", "caption"):
        if name in fields:
            fields[name] = Html(fields[name])
    if cls is SendDocument:
        fields["data"] = base64.b64decode(fields["data"])
    if "buttons" in fields:
        fields["buttons"] = tuple(
            tuple(Button(*button) for button in row) for row in fields["buttons"]
        )
    for name in ("kolom", "final_column"):
        if fields.get(name) is not None:
            fields[name] = Kolom(fields[name])
    if "subgroup_ids" in fields:
        fields["subgroup_ids"] = tuple(fields["subgroup_ids"])
    return cls(**fields)
