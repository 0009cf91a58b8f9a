"""What the use cases need to know about an incoming message, read off the update."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import Message, User

from flows.antwoord import clean_name


@dataclass(frozen=True)
class Incoming:
    chat_id: int
    chat_type: str  # "private", "group", "supergroup", "channel"
    chat_title: str | None
    thread_id: int | None  # forum topic, None outside topics
    topic_name: str | None
    message_id: int
    user_id: int
    first_name: str
    username: str | None
    language_code: str | None
    text: str | None
    reply_to_bot: bool  # a reply to one of the bot's own messages
    reply_to_person: bool  # a reply to someone else's message (dialogue, not an answer)
    anonymous_admin: bool  # sent on behalf of the group (sender_chat set)
    is_forum: bool = False
    reply_to_user_id: int | None = None  # whose message this replies to (not the topic start)
    reply_to_name: str | None = None
    # Set by the live board's control view, which acts on one workshop it names (there
    # is no chat to find the workshop by).
    workshop_id: int | None = None
    change_key: str | None = None  # the control view's change, instead of a message id
    # How many are in this group chat as Telegram counts them (bots too); read only for
    # /klaar, so that members the bot never saw (in the group before it came) count.
    chat_size: int | None = None
    # The message this one replies to: its id and text (a button under the bot's question
    # to a typed message finds that message here).
    reply_to_message_id: int | None = None
    reply_to_text: str | None = None

    @property
    def in_group(self) -> bool:
        return self.chat_type in ("group", "supergroup")

    @property
    def source(self) -> str:
        """A key that is the same each time Telegram delivers this message (or the
        control view sends this change)."""
        if self.change_key is not None:
            return self.change_key
        return f"msg:{self.chat_id}:{self.message_id}"


def _name(text: str | None) -> str | None:
    return None if text is None else clean_name(text)


def read_message(message: Message, user: User | None, bot_id: int) -> Incoming:
    """Read the facts of a message; the topic's own creation message is not a reply.

    Names and titles are cleaned like answers: Telegram passes on broken characters (a
    lone surrogate) that would make storing them fail."""
    chat = message.chat
    thread_id = message.message_thread_id if message.is_topic_message else None
    replied = message.reply_to_message
    topic_name = None
    if replied is not None and replied.forum_topic_created is not None:
        topic_name = _name(replied.forum_topic_created.name)
        if replied.message_id == thread_id:
            replied = None  # in a topic every message "replies" to the topic's start
    reply_to_bot = bool(replied and replied.from_user and replied.from_user.id == bot_id)
    reply_to_person = bool(replied and not reply_to_bot)
    sender = user or message.from_user
    replied_to = replied.from_user if replied else None
    return Incoming(
        chat_id=chat.id,
        chat_type=chat.type,
        chat_title=_name(chat.title),
        thread_id=thread_id,
        topic_name=topic_name,
        message_id=message.message_id,
        user_id=sender.id if sender else 0,
        first_name=clean_name(sender.first_name if sender else ""),
        username=(_name(sender.username) or None) if sender else None,
        language_code=sender.language_code if sender else None,
        text=message.text,
        reply_to_bot=reply_to_bot,
        reply_to_person=reply_to_person,
        anonymous_admin=message.sender_chat is not None and message.sender_chat.id == chat.id,
        is_forum=bool(chat.is_forum),
        reply_to_user_id=replied_to.id if replied_to else None,
        reply_to_name=_name(replied_to.first_name) if replied_to else None,
        reply_to_message_id=replied.message_id if replied else None,
        reply_to_text=replied.text if replied else None,
    )
