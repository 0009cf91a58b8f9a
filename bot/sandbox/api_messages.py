"""Bot API: sending, editing, deleting, reacting to and pinning messages."""

from __future__ import annotations

import contextlib

from .core import SandboxCore
from .models import ApiError, SandboxChat, SentMessage
from .validation import as_bool, bad


class MessagesApi(SandboxCore):
    """sendMessage, edits, deletes, reactions, pins and chat actions."""

    def _api_sendChatAction(self, p: dict, files: dict) -> bool:
        chat = self._resolve_chat(p.get("chat_id"))
        self._resolve_thread(chat, p)
        return True

    def _finish_bot_message(
        self,
        chat: SandboxChat,
        msg: dict,
        sent: SentMessage,
        transcript_kind: str,
        transcript_text: str,
    ) -> dict:
        stored = self._store(chat, msg, from_bot=True)
        stored.sent = sent
        self._emit(
            chat,
            self._bot_actor(),
            transcript_kind,
            transcript_text,
            thread_id=sent.thread_id,
            message_id=sent.message_id,
        )
        return msg

    @staticmethod
    def _markup_summary(markup: dict | None) -> str:
        if not markup:
            return ""
        if "inline_keyboard" in markup:
            labels = [
                f"{b.get('text')}→{b.get('callback_data', b.get('url', ''))}"
                for row in markup["inline_keyboard"]
                for b in row
            ]
            return "\n[buttons: " + " | ".join(labels) + "]"
        if markup.get("force_reply"):
            return "\n[force reply]"
        return ""

    def _api_sendMessage(self, p: dict, files: dict) -> dict:
        chat = self._resolve_chat(p.get("chat_id"))
        thread_id = self._resolve_thread(chat, p)
        text, html_text, entities = self._format_text(
            p.get("text"), p.get("parse_mode"), p.get("entities")
        )
        markup = self._validate_markup(p.get("reply_markup"), chat)
        reply_to = self._resolve_reply(chat, p)
        self._check_rate("sendMessage", chat)
        msg = self._new_message(chat, self.bot, thread_id=thread_id, reply_to=reply_to)
        msg["text"] = text
        if entities:
            msg["entities"] = entities
        lpo = p.get("link_preview_options")
        if isinstance(lpo, dict) and lpo:
            msg["link_preview_options"] = lpo
        if self._message_markup(markup):
            msg["reply_markup"] = self._message_markup(markup)
        sent = SentMessage(
            chat_id=chat.id,
            message_id=msg["message_id"],
            text=text,
            html=html_text,
            reply_markup=markup,
            thread_id=thread_id,
            reply_to_message_id=reply_to,
            parse_mode=p.get("parse_mode") or None,
            entities=entities,
            date=msg["date"],
            disable_notification=as_bool(p.get("disable_notification", False)),
        )
        return self._finish_bot_message(
            chat, msg, sent, "message", text + self._markup_summary(markup)
        )

    def _api_editMessageText(self, p: dict, files: dict) -> dict:
        if p.get("inline_message_id"):
            raise bad("inline messages are not supported by the sandbox")
        chat = self._resolve_chat(p.get("chat_id"))
        stored = self._bot_stored(chat, p.get("message_id"), "message to edit not found")
        if not stored.from_bot or stored.sent is None:
            raise bad("message can't be edited")
        if stored.sent.kind != "text":
            raise bad("there is no text in the message to edit")
        text, html_text, entities = self._format_text(
            p.get("text"), p.get("parse_mode"), p.get("entities")
        )
        markup = self._validate_markup(p.get("reply_markup"))
        sent = stored.sent
        new_markup = self._message_markup(markup)
        if (
            text == sent.text
            and entities == sent.entities
            and new_markup == self._message_markup(sent.reply_markup)
        ):
            raise bad(
                "message is not modified: specified new message content and reply markup "
                "are exactly the same as a current content and reply markup of the message"
            )
        self._check_rate("editMessageText", chat)
        sent.history.append((sent.text, sent.html, sent.reply_markup))
        sent.text, sent.html, sent.entities = text, html_text, entities
        sent.reply_markup = markup
        sent.parse_mode = p.get("parse_mode") or None
        sent.edits += 1
        msg = stored.message
        msg["text"] = text
        msg.pop("entities", None)
        if entities:
            msg["entities"] = entities
        msg.pop("reply_markup", None)
        if new_markup:
            msg["reply_markup"] = new_markup
        msg["edit_date"] = self._now()
        self._emit(
            chat,
            self._bot_actor(),
            "edit",
            text + self._markup_summary(markup),
            thread_id=sent.thread_id,
            message_id=sent.message_id,
        )
        return dict(msg)

    def _api_editMessageReplyMarkup(self, p: dict, files: dict) -> dict:
        if p.get("inline_message_id"):
            raise bad("inline messages are not supported by the sandbox")
        chat = self._resolve_chat(p.get("chat_id"))
        stored = self._bot_stored(chat, p.get("message_id"), "message to edit not found")
        if not stored.from_bot or stored.sent is None:
            raise bad("message can't be edited")
        markup = self._validate_markup(p.get("reply_markup"))
        sent = stored.sent
        new_markup = self._message_markup(markup)
        if new_markup == self._message_markup(sent.reply_markup):
            raise bad(
                "message is not modified: specified new message content and reply markup "
                "are exactly the same as a current content and reply markup of the message"
            )
        sent.history.append((sent.text, sent.html, sent.reply_markup))
        sent.reply_markup = markup
        sent.edits += 1
        msg = stored.message
        msg.pop("reply_markup", None)
        if new_markup:
            msg["reply_markup"] = new_markup
        msg["edit_date"] = self._now()
        self._emit(
            chat,
            self._bot_actor(),
            "edit_markup",
            self._markup_summary(markup).strip() or "[buttons removed]",
            thread_id=sent.thread_id,
            message_id=sent.message_id,
        )
        return dict(msg)

    def _api_deleteMessage(self, p: dict, files: dict) -> bool:
        chat = self._resolve_chat(p.get("chat_id"))
        stored = self._bot_stored(chat, p.get("message_id"), "message to delete not found")
        if not stored.from_bot and chat.is_group:
            if not (chat.bot_is_admin and chat.bot_rights.get("can_delete_messages", True)):
                raise bad("message can't be deleted")
        stored.deleted = True
        if stored.sent is not None:
            stored.sent.deleted = True
        self._emit(
            chat,
            self._bot_actor(),
            "delete",
            "deleted a message",
            thread_id=stored.message.get("message_thread_id"),
            message_id=stored.message["message_id"],
        )
        return True

    def _api_deleteMessages(self, p: dict, files: dict) -> bool:
        ids = p.get("message_ids") or []
        for mid in ids:
            with contextlib.suppress(ApiError):
                self._api_deleteMessage({"chat_id": p.get("chat_id"), "message_id": mid}, files)
        return True

    def _api_setMessageReaction(self, p: dict, files: dict) -> bool:
        from telegram.constants import ReactionEmoji

        chat = self._resolve_chat(p.get("chat_id"))
        stored = self._bot_stored(chat, p.get("message_id"), "message to react not found")
        reaction = p.get("reaction") or []
        if not isinstance(reaction, list):
            raise bad("can't parse reaction types JSON object")
        allowed = {e.value for e in ReactionEmoji}
        emojis: list[str] = []
        for r in reaction:
            if not isinstance(r, dict) or r.get("type") != "emoji" or r.get("emoji") not in allowed:
                raise bad("REACTION_INVALID")
            emojis.append(r["emoji"])
        if len(emojis) > 1:
            raise bad("REACTIONS_TOO_MANY")
        key = (chat.id, stored.message["message_id"])
        self._reactions[key] = emojis
        self._emit(
            chat,
            self._bot_actor(),
            "reaction",
            " ".join(emojis) or "(reaction removed)",
            thread_id=stored.message.get("message_thread_id"),
            message_id=key[1],
        )
        return True

    def _api_pinChatMessage(self, p: dict, files: dict) -> bool:
        chat = self._resolve_chat(p.get("chat_id"))
        stored = self._bot_stored(chat, p.get("message_id"), "message to pin not found")
        if chat.is_group and not (
            chat.bot_is_admin and chat.bot_rights.get("can_pin_messages", True)
        ):
            raise bad("not enough rights to manage pinned messages in the chat")
        mid = stored.message["message_id"]
        pins = self._pinned.setdefault(chat.id, [])
        if mid in pins:
            pins.remove(mid)
        pins.append(mid)
        self._emit(chat, self._bot_actor(), "pin", "pinned a message", message_id=mid)
        return True

    def _api_unpinChatMessage(self, p: dict, files: dict) -> bool:
        chat = self._resolve_chat(p.get("chat_id"))
        pins = self._pinned.setdefault(chat.id, [])
        mid = p.get("message_id")
        if mid in (None, ""):
            if pins:
                pins.pop()
        elif int(mid) in pins:
            pins.remove(int(mid))
        return True

    def _api_unpinAllChatMessages(self, p: dict, files: dict) -> bool:
        chat = self._resolve_chat(p.get("chat_id"))
        self._pinned[chat.id] = []
        return True
