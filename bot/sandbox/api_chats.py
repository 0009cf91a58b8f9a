"""Bot API: chats, members, administrators and forum topics."""

from __future__ import annotations

from typing import Any

from .core import SandboxCore
from .models import SandboxChat, SandboxUser
from .validation import TOPIC_COLORS, TOPIC_ICON_COLOR, bad


class ChatsApi(SandboxCore):
    """getChat, chat members, leaveChat and forum topics."""

    def _api_getChat(self, p: dict, files: dict) -> dict:
        chat = self._resolve_chat(p.get("chat_id"))
        info = chat.to_dict()
        info.update(
            {
                "accent_color_id": 0,
                "max_reaction_count": 11,
                "accepted_gift_types": {
                    "unlimited_gifts": False,
                    "limited_gifts": False,
                    "unique_gifts": False,
                    "premium_subscription": False,
                    "gifts_from_channels": False,
                },
            }
        )
        pins = self._pinned.get(chat.id)
        if pins:
            stored = self._stored(chat.id, pins[-1])
            if stored is not None:
                info["pinned_message"] = self._plain(stored)
        return info

    def _member_dict(self, chat: SandboxChat, user: SandboxUser) -> dict:
        if user.id == self.bot.id:
            status = chat.bot_status if chat.is_group else "member"
        elif chat.type == "private":
            status = "member" if chat.id == user.id else "left"
        elif user.id == chat.owner_id:
            status = "creator"
        elif user.id in chat.admin_ids:
            status = "administrator"
        elif user.id in chat.member_ids:
            status = "member"
        elif user.id in chat.removed_ids:
            status = "kicked"
        else:
            status = "left"
        d: dict[str, Any] = {"status": status, "user": user.to_dict()}
        if status == "creator":
            d["is_anonymous"] = False
        elif status == "administrator":
            rights = self._full_rights()
            if user.id == self.bot.id:
                rights.update(chat.bot_rights)
            d.update(rights)
            d["can_be_edited"] = False
            d["is_anonymous"] = False
        elif status == "kicked":
            d["until_date"] = 0
        return d

    @staticmethod
    def _full_rights() -> dict[str, bool]:
        return {
            "can_manage_chat": True,
            "can_delete_messages": True,
            "can_manage_video_chats": True,
            "can_restrict_members": True,
            "can_promote_members": False,
            "can_change_info": True,
            "can_invite_users": True,
            "can_post_stories": False,
            "can_edit_stories": False,
            "can_delete_stories": False,
            "can_pin_messages": True,
            "can_manage_topics": True,
        }

    def _api_getChatMember(self, p: dict, files: dict) -> dict:
        chat = self._resolve_chat(p.get("chat_id"))
        uid = int(p.get("user_id") or 0)
        user = self.bot if uid == self.bot.id else self.users.get(uid)
        if user is None:
            raise bad("user not found")
        return self._member_dict(chat, user)

    def _api_getChatAdministrators(self, p: dict, files: dict) -> list[dict]:
        chat = self._resolve_chat(p.get("chat_id"))
        if not chat.is_group:
            raise bad("there are no administrators in the private chat")
        ids = ([chat.owner_id] if chat.owner_id else []) + sorted(chat.admin_ids)
        result = [self._member_dict(chat, self.users[i]) for i in ids if i in self.users]
        if chat.bot_is_admin:
            result.append(self._member_dict(chat, self.bot))
        return result

    def _api_getChatMemberCount(self, p: dict, files: dict) -> int:
        chat = self._resolve_chat(p.get("chat_id"))
        if chat.type == "private":
            return 2
        return len(chat.member_ids | chat.admin_ids | ({chat.owner_id} - {None})) + 1

    def _api_leaveChat(self, p: dict, files: dict) -> bool:
        chat = self._resolve_chat(p.get("chat_id"))
        if chat.is_group:
            chat.bot_status = "left"
            self._emit(chat, self._bot_actor(), "service", "left the group")
        return True

    def _api_createForumTopic(self, p: dict, files: dict) -> dict:
        chat = self._resolve_chat(p.get("chat_id"))
        if not chat.is_forum:
            raise bad("the chat is not a forum")
        if not (chat.bot_is_admin and chat.bot_rights.get("can_manage_topics", True)):
            raise bad("not enough rights to create a topic")
        name = str(p.get("name") or "")
        if not name.strip():
            raise bad("TOPIC_TITLE_EMPTY")
        if len(name) > 128:
            raise bad("TOPIC_NAME_INVALID")
        color = int(p.get("icon_color") or TOPIC_ICON_COLOR)
        if color not in TOPIC_COLORS:
            raise bad("TOPIC_ICON_COLOR_INVALID")
        thread_id = self._create_topic(chat, self.bot, name, color, from_bot=True)
        topic = {"message_thread_id": thread_id, "name": name, "icon_color": color}
        if p.get("icon_custom_emoji_id"):
            topic["icon_custom_emoji_id"] = p["icon_custom_emoji_id"]
        return topic

    def _create_topic(
        self, chat: SandboxChat, creator: SandboxUser, name: str, color: int, *, from_bot: bool
    ) -> int:
        thread_id = self._next_message_id(chat.id)
        chat.topics[thread_id] = name
        msg = self._new_message(chat, creator, message_id=thread_id)
        msg["message_thread_id"] = thread_id
        msg["is_topic_message"] = True
        msg["forum_topic_created"] = {"name": name, "icon_color": color}
        self._store(chat, msg, from_bot=from_bot)
        actor = self._bot_actor() if from_bot else creator.display_name
        self._emit(
            chat,
            actor,
            "topic",
            f"created topic “{name}”",
            thread_id=thread_id,
            message_id=thread_id,
        )
        if not from_bot:
            self._enqueue("message", msg)
        return thread_id

    def _api_editForumTopic(self, p: dict, files: dict) -> bool:
        chat = self._resolve_chat(p.get("chat_id"))
        thread_id = int(p.get("message_thread_id") or 0)
        if thread_id not in chat.topics:
            raise bad("message thread not found")
        if p.get("name"):
            chat.topics[thread_id] = str(p["name"])
        return True
