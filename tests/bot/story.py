"""Steps that let an end-to-end test read like a workshop."""

from __future__ import annotations

import re

from bot.sandbox import Sandbox, SentMessage

CODE = re.compile(r"/join ([a-z0-9]{5}-[a-z0-9]{5}-[a-z0-9]{5})")


async def new_workshop(sandbox: Sandbox, facilitator, goal: str) -> str:
    """The facilitator starts a workshop in a private chat; returns the join code."""
    chat = sandbox.private_chat(facilitator)
    await sandbox.send_message(chat, facilitator, f"/nieuw {goal}")
    await sandbox.wait_idle()
    found = CODE.search(sandbox.last_bot_message(chat).text)
    assert found, sandbox.last_bot_message(chat).text
    return found.group(1)


async def facilitator_says(sandbox: Sandbox, facilitator, text: str) -> str:
    """The facilitator types in their private chat with the bot; returns the bot's reply."""
    chat = sandbox.private_chat(facilitator)
    sent = await sandbox.send_message(chat, facilitator, text)
    await sandbox.wait_idle()
    said = [m.text for m in sandbox.bot_messages(chat) if m.message_id > sent["message_id"]]
    return "\n".join(said)


async def workshop_with_groups(sandbox: Sandbox, facilitator, goal: str, *groups) -> str:
    """Start a workshop, let each (chat, member) join, and begin stap 2; returns the code."""
    code = await new_workshop(sandbox, facilitator, goal)
    for chat, member in groups:
        await sandbox.send_message(chat, member, f"/join {code}")
    await sandbox.wait_idle()
    await facilitator_says(sandbox, facilitator, "/begin")
    return code


async def values_plenary(sandbox: Sandbox, facilitator) -> str:
    """Run the values plenary with the proposed list as it is; returns the list shown."""
    shown = await facilitator_says(sandbox, facilitator, "/plenair")
    await facilitator_says(sandbox, facilitator, "/bevestig")
    return shown


def questions(sandbox: Sandbox, chat, thread_id: int | None = None) -> list[SentMessage]:
    """The column questions the bot asked, in order (they come with a reply field)."""
    return [m for m in sandbox.bot_messages(chat, thread_id) if m.force_reply]


def current_question(sandbox: Sandbox, chat, thread_id: int | None = None) -> SentMessage:
    asked = questions(sandbox, chat, thread_id)
    assert asked, "the bot asked no question yet"
    return asked[-1]


def board(sandbox: Sandbox, chat, thread_id: int | None = None) -> SentMessage:
    """The latest board message (the one with the done button)."""
    boards = [
        m
        for m in sandbox.bot_messages(chat, thread_id)
        if any("Klaar" in label for label, _ in m.buttons)
    ]
    assert boards, "no board message"
    return boards[-1]


async def reply_to_question(
    sandbox: Sandbox, chat, user, text: str, thread_id: int | None = None
) -> dict:
    question = current_question(sandbox, chat, thread_id)
    return await sandbox.send_message(
        chat, user, text, reply_to=question.message_id, thread_id=thread_id
    )


async def group_done(
    sandbox: Sandbox, chat, member, *, agree=None, thread_id: int | None = None
) -> dict:
    """``member`` types /klaar; when the bot asks the group, ``agree`` taps yes (a group
    of two or more decides together). Returns the /klaar message."""
    sent = await sandbox.send_message(chat, member, "/klaar", thread_id=thread_id)
    await sandbox.wait_idle()
    asked = [
        m
        for m in sandbox.bot_messages(chat, thread_id)
        if m.message_id > sent["message_id"]
        and any((d or "").startswith("gk:") for _, d in m.buttons)
    ]
    if asked and agree is not None:
        yes = next(d for _, d in asked[-1].buttons if (d or "").endswith(":j"))
        await sandbox.press_button(chat, agree, asked[-1], yes)
        await sandbox.wait_idle()
    return sent


def replies_to(sandbox: Sandbox, chat, message: dict) -> list[str]:
    """What the bot said in reply to a given message."""
    return [
        m.text for m in sandbox.bot_messages(chat) if m.reply_to_message_id == message["message_id"]
    ]


GROUP_ANONYMOUS_BOT = {
    "id": 1087968824,
    "is_bot": True,
    "first_name": "Group",
    "username": "GroupAnonymousBot",
}


async def send_as_anonymous_admin(sandbox: Sandbox, group, stand_in, text: str) -> dict:
    """An anonymous group admin sends ``text``: Telegram sets sender_chat to the group and
    from to GroupAnonymousBot. The driver's send_message cannot set those fields, but
    send_media lets fields override the message, so this sends a "location" whose
    location is removed (null) and that carries the text instead. ``stand_in`` is only
    the driver-side sender for the transcript."""
    entity = {"type": "bot_command", "offset": 0, "length": len(text.split(maxsplit=1)[0])}
    return await sandbox.send_media(
        group,
        stand_in,
        "location",
        location=None,
        text=text,
        entities=[entity],
        sender_chat=group.to_dict(),
        **{"from": GROUP_ANONYMOUS_BOT},
    )


async def workshop_state(storage, workshop_id: int) -> dict:
    """Everything a command could change in a workshop, as plain comparable values."""
    workshop = await storage.get_workshop(workshop_id)
    subgroups = await storage.list_subgroups(workshop_id)
    return {
        "fase": workshop.fase,
        "plenary_column": workshop.plenary_column,
        "ended_at": workshop.ended_at,
        "subgroups": [(g.number, g.name, g.chat_id, g.stand) for g in subgroups],
        "answers": {
            g.number: [(a.kolom, a.text) for a in await storage.list_answers(g.id)]
            for g in subgroups
        },
        "drafts": [
            (d.kolom, d.items, d.history, d.version, d.confirmed_at)
            for d in await storage.list_drafts(workshop_id)
        ],
        "events": [(e.kind, e.to_state) for e in await storage.list_events(workshop_id)],
    }


async def says_quickly(sandbox: Sandbox, user, text: str, quiet: float | None = None) -> str:
    """Like facilitator_says, with a shorter quiet time: for tables of many small steps."""
    chat = sandbox.private_chat(user)
    sent = await sandbox.send_message(chat, user, text)
    await sandbox.wait_idle(quiet)
    said = [m.text for m in sandbox.bot_messages(chat) if m.message_id > sent["message_id"]]
    return "\n".join(said)


async def send_text_as_anonymous_admin(
    sandbox: Sandbox, group, stand_in, text: str, reply_to: int | None = None
) -> dict:
    """Like send_as_anonymous_admin, for plain text (no command entity), optionally as a
    reply to one of the bot's messages."""
    return await sandbox.send_media(
        group,
        stand_in,
        "location",
        reply_to=reply_to,
        location=None,
        text=text,
        sender_chat=group.to_dict(),
        **{"from": GROUP_ANONYMOUS_BOT},
    )


def delete_by_user(sandbox: Sandbox, chat, message: dict) -> None:
    """A member deletes their own message. Telegram tells bots nothing about deletions,
    so the sandbox only marks it deleted; no update goes to the bot."""
    stored = sandbox._stored(chat.id, message["message_id"])
    assert stored is not None
    assert not stored.from_bot
    stored.deleted = True
