"""Driver side: users send, edit and press; updates are delivered (again)."""

from __future__ import annotations

import asyncio
import json
import re
import secrets
from typing import Any

from .core import SandboxCore
from .html_text import utf16_len
from .models import SandboxChat, SandboxUser, SentMessage


class MessagesDriver(SandboxCore):
    """Users send messages and media, edit them, and press inline buttons."""

    def _delivered(self, chat: SandboxChat, msg: dict) -> bool:
        """Privacy mode: what a bot that is no admin receives in groups."""
        if not self.privacy_mode or not chat.is_group or chat.bot_is_admin:
            return True
        text = msg.get("text") or ""
        if text.startswith("/"):
            return True
        reply = msg.get("reply_to_message")
        if reply and (reply.get("from") or {}).get("id") == self.bot.id:
            return not msg.get("is_topic_message") or reply["message_id"] != msg.get(
                "message_thread_id"
            )
        return False

    def _check_user_can_post(self, chat: SandboxChat, user: SandboxUser) -> None:
        if chat.migrated_to is not None:
            raise ValueError(f"{chat.label} was migrated to {chat.migrated_to}")
        if chat.type == "private" and chat.id != user.id:
            raise ValueError(f"{user.display_name} is not the user of private chat {chat.id}")
        if chat.is_group:
            if user.id in chat.removed_ids:
                raise ValueError(f"{user.display_name} was removed from {chat.label}")
            chat.member_ids.add(user.id)

    def _user_thread(
        self, chat: SandboxChat, thread_id: int | None, reply_to: int | None
    ) -> int | None:
        if thread_id is not None:
            if chat.is_forum and thread_id not in chat.topics:
                raise ValueError(f"no topic {thread_id} in {chat.label}")
            return thread_id
        if reply_to is not None and chat.is_forum:
            target = self._stored(chat.id, reply_to)
            if target is not None and target.message.get("is_topic_message"):
                return target.message.get("message_thread_id")
        return None

    def _reply_id(self, chat: SandboxChat, reply_to: Any) -> int | None:
        if reply_to is None:
            return None
        mid = self._mid(reply_to)
        if self._stored(chat.id, mid) is None:
            raise ValueError(f"no message {mid} in {chat.label}")
        return mid

    @staticmethod
    def _command_entities(text: str) -> list[dict]:
        m = re.match(r"/[A-Za-z0-9_]{1,64}(@[A-Za-z0-9_]{3,64})?", text)
        if not m:
            return []
        return [{"type": "bot_command", "offset": 0, "length": utf16_len(m.group(0))}]

    async def send_message(
        self,
        chat: SandboxChat | SandboxUser | int,
        user: SandboxUser,
        text: str,
        *,
        reply_to: int | SentMessage | dict | None = None,
        thread_id: int | None = None,
        entities: list[dict] | None = None,
    ) -> dict:
        """The user sends a text message; returns the Message dict as delivered."""
        chat = self._chat(chat)
        self._check_user_can_post(chat, user)
        reply_id = self._reply_id(chat, reply_to)
        thread = self._user_thread(chat, thread_id, reply_id)
        msg = self._new_message(chat, user, thread_id=thread, reply_to=reply_id)
        msg["text"] = text
        ents = list(entities) if entities is not None else self._command_entities(text)
        if ents:
            msg["entities"] = ents
        self._store(chat, msg, from_bot=False)
        self._emit(
            chat, user.display_name, "message", text, thread_id=thread, message_id=msg["message_id"]
        )
        if self._delivered(chat, msg):
            self._enqueue("message", msg)
        await asyncio.sleep(0)
        return msg

    async def send_media(
        self,
        chat: SandboxChat | SandboxUser | int,
        user: SandboxUser,
        kind: str,
        *,
        caption: str | None = None,
        thread_id: int | None = None,
        reply_to: int | SentMessage | dict | None = None,
        **fields: Any,
    ) -> dict:
        """The user sends a photo, sticker, voice, video, document, location, poll,
        contact or animation (plausible minimal objects; ``fields`` override them)."""
        chat = self._chat(chat)
        self._check_user_can_post(chat, user)
        reply_id = self._reply_id(chat, reply_to)
        thread = self._user_thread(chat, thread_id, reply_id)
        msg = self._new_message(chat, user, thread_id=thread, reply_to=reply_id)
        uid = secrets.token_hex(6)

        def file_obj(**extra: Any) -> dict:
            return {"file_id": f"AgAC{kind}{uid}", "file_unique_id": f"AQAD{uid}", **extra}

        media: dict[str, dict[str, Any]] = {
            "photo": {
                "photo": [
                    file_obj(width=90, height=67, file_size=1200),
                    file_obj(width=1280, height=960, file_size=120_000),
                ]
            },
            "sticker": {
                "sticker": file_obj(
                    type="regular",
                    width=512,
                    height=512,
                    is_animated=False,
                    is_video=False,
                    emoji="👍",
                )
            },
            "voice": {"voice": file_obj(duration=3, mime_type="audio/ogg", file_size=9000)},
            "video": {
                "video": file_obj(
                    width=640, height=360, duration=5, mime_type="video/mp4", file_size=500_000
                )
            },
            "document": {
                "document": file_obj(
                    file_name="notities.pdf", mime_type="application/pdf", file_size=20_000
                )
            },
            "location": {"location": {"latitude": 52.0907, "longitude": 5.1214}},
            "contact": {
                "contact": {
                    "phone_number": "+31600000000",
                    "first_name": user.first_name,
                    "user_id": user.id,
                }
            },
            "animation": {
                "animation": file_obj(
                    width=320, height=240, duration=2, file_name="a.mp4", mime_type="video/mp4"
                ),
                "document": file_obj(file_name="a.mp4", mime_type="video/mp4"),
            },
            "poll": {
                "poll": {
                    "id": f"6{uid}",
                    "question": "Wat vinden jullie?",
                    "options": [
                        {"text": "Ja", "voter_count": 0, "persistent_id": "0"},
                        {"text": "Nee", "voter_count": 0, "persistent_id": "1"},
                    ],
                    "total_voter_count": 0,
                    "is_closed": False,
                    "is_anonymous": True,
                    "type": "regular",
                    "allows_multiple_answers": False,
                    "allows_revoting": False,
                    "members_only": False,
                }
            },
        }
        if kind not in media:
            raise ValueError(f"unknown media kind {kind!r}; one of {sorted(media)}")
        if caption is not None and kind not in ("photo", "video", "voice", "document", "animation"):
            raise ValueError(f"{kind} has no caption")
        msg.update(media[kind])
        if caption is not None:
            msg["caption"] = caption
        msg.update(fields)
        self._store(chat, msg, from_bot=False)
        self._emit(
            chat,
            user.display_name,
            "media",
            f"[{kind}]" + (f" {caption}" if caption else ""),
            thread_id=thread,
            message_id=msg["message_id"],
        )
        if self._delivered(chat, msg):
            self._enqueue("message", msg)
        await asyncio.sleep(0)
        return msg

    async def edit_message(
        self, chat: SandboxChat | SandboxUser | int, message_id: int | dict, new_text: str
    ) -> dict:
        """The user edits one of their own text messages (an ``edited_message`` update)."""
        chat = self._chat(chat)
        mid = self._mid(message_id)
        stored = self._stored(chat.id, mid)
        if stored is None or stored.from_bot or stored.deleted:
            raise ValueError(f"no user message {mid} in {chat.label}")
        msg = stored.message
        msg["text"] = new_text
        msg.pop("entities", None)
        ents = self._command_entities(new_text)
        if ents:
            msg["entities"] = ents
        msg["edit_date"] = self._now()
        sender = (msg.get("from") or {}).get("first_name", "?")
        self._emit(
            chat, sender, "edit", new_text, thread_id=msg.get("message_thread_id"), message_id=mid
        )
        if self._delivered(chat, msg):
            self._enqueue("edited_message", dict(msg))
        await asyncio.sleep(0)
        return msg

    async def press_button(
        self,
        chat: SandboxChat | SandboxUser | int,
        user: SandboxUser,
        message_id: int | SentMessage | dict,
        callback_data: str | None = None,
        *,
        text: str | None = None,
        check: bool = True,
    ) -> dict:
        """The user presses an inline button (by callback_data, or by a label substring
        via ``text``); returns the CallbackQuery dict. With check=True the button must be
        on the message's current keyboard."""
        chat = self._chat(chat)
        mid = self._mid(message_id)
        stored = self._stored(chat.id, mid)
        if stored is None:
            raise ValueError(f"no message {mid} in {chat.label}")
        buttons = [
            b
            for row in (stored.message.get("reply_markup") or {}).get("inline_keyboard", [])
            for b in row
        ]
        if text is not None:
            match = [b for b in buttons if text in b.get("text", "") and "callback_data" in b]
            if not match:
                raise AssertionError(f"no button labelled {text!r} on message {mid}: {buttons}")
            callback_data = match[0]["callback_data"]
        if callback_data is None:
            raise ValueError("give callback_data or text")
        if check and (
            stored.deleted or not any(b.get("callback_data") == callback_data for b in buttons)
        ):
            raise AssertionError(
                f"message {mid} in {chat.label} has no button with callback_data "
                f"{callback_data!r} (deleted={stored.deleted}); buttons: {buttons}"
            )
        if chat.is_group:
            if user.id in chat.removed_ids:
                raise ValueError(f"{user.display_name} was removed from {chat.label}")
            chat.member_ids.add(user.id)
        qid = str(next(self._query_ids))
        query = {
            "id": qid,
            "from": user.to_dict(),
            "message": dict(stored.message),
            "chat_instance": str(abs(chat.id) * 7919 % 10**12),
            "data": callback_data,
        }
        self._queries[qid] = query
        label = next(
            (b.get("text") for b in buttons if b.get("callback_data") == callback_data), "?"
        )
        self._emit(
            chat,
            user.display_name,
            "press",
            f"[{label}] ({callback_data})",
            thread_id=stored.message.get("message_thread_id"),
            message_id=mid,
        )
        self._enqueue("callback_query", query)
        await asyncio.sleep(0)
        return query

    def deliver_again(self, update_id: int) -> dict:
        """Queue an earlier update again with the same content (fresh update_id)."""
        original = self._all_updates[update_id]
        payload = {k: v for k, v in original.items() if k != "update_id"}
        ((kind, body),) = payload.items()
        if kind == "callback_query":
            self._queries[body["id"]] = body
        return self._enqueue(kind, json.loads(json.dumps(body)))

    def duplicate_last_update(self) -> dict:
        if self._last_driver_update_id is None:
            raise ValueError("no update was sent yet")
        return self.deliver_again(self._last_driver_update_id)
