"""Data the sandbox keeps and hands out: users, chats, sent messages and documents,
callback answers, API calls, transcript events, and the Bot API error."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple


@dataclass
class SandboxUser:
    """A Telegram user played by the driver."""

    id: int
    first_name: str
    username: str | None = None
    language_code: str | None = "nl"
    last_name: str | None = None
    is_bot: bool = False

    def to_dict(self) -> dict:
        d: dict[str, Any] = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        if self.last_name:
            d["last_name"] = self.last_name
        if self.username:
            d["username"] = self.username
        if self.language_code and not self.is_bot:
            d["language_code"] = self.language_code
        return d

    @property
    def display_name(self) -> str:
        return self.first_name + (f" {self.last_name}" if self.last_name else "")


@dataclass
class SandboxChat:
    """A private chat, group or supergroup (optionally a forum)."""

    id: int
    type: str  # "private" | "group" | "supergroup"
    title: str | None = None
    is_forum: bool = False
    user: SandboxUser | None = None  # the other party of a private chat
    bot_status: str = "member"  # member | administrator | left | kicked
    bot_rights: dict[str, bool] = field(default_factory=dict)
    owner_id: int | None = None
    admin_ids: set[int] = field(default_factory=set)
    member_ids: set[int] = field(default_factory=set)
    removed_ids: set[int] = field(default_factory=set)  # removed by an admin: cannot post
    topics: dict[int, str] = field(default_factory=dict)
    migrated_to: int | None = None
    migrated_from: int | None = None

    @property
    def is_group(self) -> bool:
        return self.type in ("group", "supergroup")

    @property
    def bot_is_admin(self) -> bool:
        return self.bot_status == "administrator"

    @property
    def label(self) -> str:
        return self.title or (self.user.display_name if self.user else str(self.id))

    def to_dict(self) -> dict:
        d: dict[str, Any] = {"id": self.id, "type": self.type}
        if self.type == "private" and self.user is not None:
            d["first_name"] = self.user.first_name
            if self.user.last_name:
                d["last_name"] = self.user.last_name
            if self.user.username:
                d["username"] = self.user.username
        else:
            d["title"] = self.title
            if self.type == "group":
                d["all_members_are_administrators"] = False
        if self.is_forum:
            d["is_forum"] = True
        return d


@dataclass
class SentMessage:
    """A message the bot sent, in its current state (the object is updated on edits)."""

    chat_id: int
    message_id: int
    text: str  # visible plain text (the caption for documents)
    html: str  # the text as HTML (the original when sent with parse_mode HTML)
    reply_markup: dict | None  # as sent: inline_keyboard, force_reply, remove_keyboard, ...
    thread_id: int | None
    reply_to_message_id: int | None
    kind: str = "text"  # text | document | poll
    parse_mode: str | None = None
    entities: list[dict] = field(default_factory=list)
    edits: int = 0
    deleted: bool = False
    history: list[tuple[str, str, dict | None]] = field(default_factory=list)
    date: int = 0
    disable_notification: bool = False

    @property
    def buttons(self) -> list[tuple[str, str | None]]:
        """All inline buttons as (label, callback_data or url)."""
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        return [(b.get("text", ""), b.get("callback_data", b.get("url"))) for r in rows for b in r]

    def button_data(self, label_contains: str) -> str:
        """callback_data of the first inline button whose label contains the text."""
        for label, data in self.buttons:
            if label_contains in label:
                assert data is not None
                return data
        raise AssertionError(f"no button with {label_contains!r} in {self.buttons!r}")

    @property
    def force_reply(self) -> bool:
        return bool((self.reply_markup or {}).get("force_reply"))


@dataclass
class SentDocument:
    chat_id: int
    message_id: int
    file_name: str
    data: bytes
    caption: str | None
    mime_type: str
    file_id: str
    thread_id: int | None


@dataclass
class CallbackAnswer:
    query_id: str
    text: str | None
    show_alert: bool
    url: str | None
    user_id: int
    chat_id: int | None
    message_id: int | None
    data: str | None


class ApiCall(NamedTuple):
    method: str
    params: dict
    time: float  # time.monotonic()


@dataclass
class TranscriptEvent:
    seq: int
    time: float
    chat_id: int
    chat_title: str
    thread_id: int | None
    topic: str | None
    actor: str
    kind: str  # message, media, edit, press, service, bot_message, bot_edit, ...
    text: str
    message_id: int | None = None

    def format(self) -> str:
        where = self.chat_title + (f" › {self.topic}" if self.topic else "")
        ref = f" #{self.message_id}" if self.message_id is not None else ""
        body = self.text.replace("\n", "\n    ")
        return f"[{where}]{ref} {self.actor} ({self.kind}): {body}"


class ApiError(Exception):
    def __init__(self, description: str, code: int = 400, parameters: dict | None = None) -> None:
        super().__init__(description)
        self.description = description
        self.code = code
        self.parameters = parameters


@dataclass
class StoredMessage:
    message: dict  # the Message dict as delivered (no nested reply_to_message)
    from_bot: bool
    deleted: bool = False
    sent: SentMessage | None = None


@dataclass
class StoredFile:
    file_id: str
    unique_id: str
    name: str
    mime_type: str
    data: bytes
    path: str
