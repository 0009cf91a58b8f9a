"""Driver side: users, chats, topics, and what users do to the bot's membership."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

from .core import SandboxCore
from .models import SandboxChat, SandboxUser
from .validation import TOPIC_ICON_COLOR


class ChatsDriver(SandboxCore):
    """Creates users, groups and topics; adds, promotes, removes and blocks the bot."""

    def add_user(
        self,
        first_name: str,
        *,
        username: str | None = None,
        language_code: str | None = "nl",
        user_id: int | None = None,
        last_name: str | None = None,
    ) -> SandboxUser:
        uid = user_id if user_id is not None else next(self._user_ids)
        while user_id is None and uid in self.users:
            uid = next(self._user_ids)
        user = SandboxUser(
            id=uid,
            first_name=first_name,
            username=username,
            language_code=language_code,
            last_name=last_name,
        )
        self.users[uid] = user
        return user

    def add_group(
        self,
        title: str,
        *,
        forum: bool = False,
        supergroup: bool = False,
        bot_is_admin: bool = False,
        bot_member: bool = True,
        owner: SandboxUser | None = None,
        admins: Iterable[SandboxUser] = (),
        members: Iterable[SandboxUser] = (),
        bot_rights: dict[str, bool] | None = None,
    ) -> SandboxChat:
        """A group the bot is already in (bot_member=False: not yet; use add_bot_to_group)."""
        is_super = supergroup or forum
        if is_super:
            cid = -next(self._supergroup_ids)
        else:
            cid = -next(self._group_ids)
        chat = SandboxChat(
            id=cid,
            type="supergroup" if is_super else "group",
            title=title,
            is_forum=forum,
            bot_status=("administrator" if bot_is_admin else "member") if bot_member else "left",
            bot_rights=dict(bot_rights or {}),
            owner_id=owner.id if owner else None,
            admin_ids={a.id for a in admins},
            member_ids={m.id for m in members},
        )
        self.chats[cid] = chat
        return chat

    def private_chat(self, user: SandboxUser) -> SandboxChat:
        chat = self.chats.get(user.id)
        if chat is None:
            chat = SandboxChat(id=user.id, type="private", user=user)
            self.chats[user.id] = chat
        return chat

    def set_bot_admin(self, chat: SandboxChat | int, is_admin: bool = True, **rights: bool) -> None:
        """Promote/demote the bot (queues a my_chat_member update as Telegram does)."""
        chat = self._chat(chat)
        old = self._member_dict(chat, self.bot)
        chat.bot_status = "administrator" if is_admin else "member"
        chat.bot_rights.update(rights)
        self._my_chat_member(chat, None, old)

    def make_admin(self, chat: SandboxChat | int, user: SandboxUser) -> None:
        chat = self._chat(chat)
        chat.admin_ids.add(user.id)

    def add_topic(
        self, chat: SandboxChat | int, name: str, *, by: SandboxUser | None = None
    ) -> int:
        """A user creates a forum topic; returns its message_thread_id."""
        chat = self._chat(chat)
        if not chat.is_forum:
            raise ValueError(f"{chat.label} is not a forum")
        creator = by or self._some_user(chat)
        return self._create_topic(chat, creator, name, TOPIC_ICON_COLOR, from_bot=False)

    def topic_id(self, chat: SandboxChat | int, name: str) -> int:
        """Thread id of the topic with that name (e.g. one the bot created)."""
        chat = self._chat(chat)
        for tid, tname in chat.topics.items():
            if tname == name:
                return tid
        raise KeyError(f"no topic {name!r} in {chat.label}: {sorted(chat.topics.values())}")

    def _some_user(self, chat: SandboxChat) -> SandboxUser:
        for uid in [chat.owner_id, *sorted(chat.admin_ids), *sorted(chat.member_ids)]:
            if uid in self.users:
                return self.users[uid]
        if not self.users:
            return self.add_user("Admin")
        return next(iter(self.users.values()))

    def _my_chat_member(self, chat: SandboxChat, by_user: SandboxUser | None, old: dict) -> dict:
        actor = by_user or self._some_user(chat)
        payload = {
            "chat": chat.to_dict(),
            "from": actor.to_dict(),
            "date": self._now(),
            "old_chat_member": old,
            "new_chat_member": self._member_dict(chat, self.bot),
        }
        return self._enqueue("my_chat_member", payload)

    async def add_member(
        self,
        chat: SandboxChat | int,
        user: SandboxUser,
        *,
        added_by: SandboxUser | None = None,
        service_message: bool = True,
    ) -> None:
        """``user`` joins the group (or ``added_by`` adds them): a new_chat_members service
        message, and a chat_member update for a bot that is admin and asked for those."""
        chat = self._chat(chat)
        old = self._member_dict(chat, user)
        chat.removed_ids.discard(user.id)
        chat.member_ids.add(user.id)
        actor = added_by or user
        self._emit(chat, actor.display_name, "service",
                   f"added {user.display_name}" if added_by else "joined the group")  # fmt: skip
        if service_message:
            msg = self._new_message(chat, actor)
            msg["new_chat_members"] = [user.to_dict()]
            msg["new_chat_member"] = user.to_dict()
            msg["new_chat_participant"] = user.to_dict()
            self._store(chat, msg, from_bot=False)
            self._enqueue("message", msg)
        self._chat_member(chat, actor, old, self._member_dict(chat, user))
        await asyncio.sleep(0)

    async def leave_group(
        self,
        chat: SandboxChat | int,
        user: SandboxUser,
        *,
        removed_by: SandboxUser | None = None,
        service_message: bool = True,
    ) -> None:
        """``user`` leaves the group, or ``removed_by`` (an admin) removes them, after which
        they cannot post there. Telegram puts a left_chat_member service message in the
        group (``service_message=False``: a group that hides them) and sends a chat_member
        update to a bot that is admin there, if the bot asked for those."""
        chat = self._chat(chat)
        old = self._member_dict(chat, user)
        chat.member_ids.discard(user.id)
        chat.admin_ids.discard(user.id)
        if removed_by is not None:
            chat.removed_ids.add(user.id)
        actor = removed_by or user
        self._emit(chat, actor.display_name, "service",
                   f"removed {user.display_name}" if removed_by else "left the group")  # fmt: skip
        if service_message:
            msg = self._new_message(chat, actor)
            msg["left_chat_member"] = user.to_dict()
            msg["left_chat_participant"] = user.to_dict()
            self._store(chat, msg, from_bot=False)
            self._enqueue("message", msg)
        self._chat_member(chat, actor, old, self._member_dict(chat, user))
        await asyncio.sleep(0)

    def _chat_member(self, chat: SandboxChat, actor: SandboxUser, old: dict, new: dict) -> None:
        """A chat_member update: Telegram sends them only to a bot that is admin there."""
        if not chat.bot_is_admin:
            return
        payload = {
            "chat": chat.to_dict(),
            "from": actor.to_dict(),
            "date": self._now(),
            "old_chat_member": old,
            "new_chat_member": new,
        }
        self._enqueue("chat_member", payload)

    async def add_bot_to_group(
        self,
        chat: SandboxChat | int,
        by_user: SandboxUser,
        start_payload: str | None = None,
        *,
        as_admin: bool | None = None,
    ) -> dict:
        """``by_user`` adds the bot: my_chat_member + new_chat_members service message;
        with ``start_payload`` also ``/start@bot PAYLOAD`` (a ?startgroup= deep link)."""
        chat = self._chat(chat)
        old = self._member_dict(chat, self.bot)
        if old["status"] in ("member", "administrator"):
            old = {"status": "left", "user": self.bot.to_dict()}
        if as_admin is not None:
            chat.bot_status = "administrator" if as_admin else "member"
        elif chat.bot_status not in ("administrator", "member"):
            chat.bot_status = "member"
        chat.member_ids.add(by_user.id)
        self._my_chat_member(chat, by_user, old)
        msg = self._new_message(chat, by_user)
        msg["new_chat_members"] = [self.bot.to_dict()]
        msg["new_chat_member"] = self.bot.to_dict()
        msg["new_chat_participant"] = self.bot.to_dict()
        self._store(chat, msg, from_bot=False)
        self._emit(
            chat,
            by_user.display_name,
            "service",
            f"added {self.bot.first_name}",
            message_id=msg["message_id"],
        )
        self._enqueue("message", msg)
        if start_payload is not None:
            await self.send_message(chat, by_user, f"/start@{self.bot_username} {start_payload}")
        await asyncio.sleep(0)
        return msg

    async def remove_bot(self, chat: SandboxChat | int, by_user: SandboxUser | None = None) -> dict:
        """The bot is kicked: a my_chat_member update; later sends fail with 403."""
        chat = self._chat(chat)
        old = self._member_dict(chat, self.bot)
        chat.bot_status = "kicked"
        self._emit(
            chat,
            by_user.display_name if by_user else "admin",
            "service",
            f"removed {self.bot.first_name}",
        )
        update = self._my_chat_member(chat, by_user, old)
        await asyncio.sleep(0)
        return update

    async def block_bot(self, user: SandboxUser) -> dict:
        """The user blocks the bot in private: sends then fail with 403."""
        chat = self.private_chat(user)
        old = {"status": "member", "user": self.bot.to_dict()}
        self._blocked.add(user.id)
        payload = {
            "chat": chat.to_dict(),
            "from": user.to_dict(),
            "date": self._now(),
            "old_chat_member": old,
            "new_chat_member": {"status": "kicked", "user": self.bot.to_dict(), "until_date": 0},
        }
        self._emit(chat, user.display_name, "service", "blocked the bot")
        update = self._enqueue("my_chat_member", payload)
        await asyncio.sleep(0)
        return update

    async def migrate_to_supergroup(
        self, chat: SandboxChat | int, by_user: SandboxUser | None = None
    ) -> SandboxChat:
        """Upgrade a basic group: new chat id, migrate_to/migrate_from service messages."""
        old = self._chat(chat)
        if old.type != "group":
            raise ValueError(f"{old.label} is not a basic group")
        new = SandboxChat(
            id=-next(self._supergroup_ids),
            type="supergroup",
            title=old.title,
            bot_status=old.bot_status,
            bot_rights=dict(old.bot_rights),
            owner_id=old.owner_id,
            admin_ids=set(old.admin_ids),
            member_ids=set(old.member_ids),
            migrated_from=old.id,
        )
        self.chats[new.id] = new
        actor = by_user or self._some_user(old)
        to_msg = self._new_message(old, actor)
        to_msg["migrate_to_chat_id"] = new.id
        self._store(old, to_msg, from_bot=False)
        old.migrated_to = new.id
        self._emit(old, actor.display_name, "service", f"upgraded the group to supergroup {new.id}")
        self._enqueue("message", to_msg)
        from_msg = self._new_message(new, actor)
        from_msg["migrate_from_chat_id"] = old.id
        self._store(new, from_msg, from_bot=False)
        self._enqueue("message", from_msg)
        await asyncio.sleep(0)
        return new
