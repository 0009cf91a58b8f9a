"""The sandbox Bot API, exercised over real HTTP with python-telegram-bot's own Bot."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest
from telegram import (
    Bot,
    BotCommand,
    ForceReply,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    ReactionTypeEmoji,
    ReplyParameters,
    Update,
)
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    EndPointNotFound,
    Forbidden,
    InvalidToken,
    RetryAfter,
)
from telegram.ext import ApplicationBuilder, CallbackQueryHandler, CommandHandler, MessageHandler
from telegram.ext import filters as F

from bot.sandbox import Sandbox, parse_html
from bot.sandbox.html_text import EntityParseError


@pytest.fixture
async def sandbox():
    async with Sandbox() as sb:
        yield sb


@pytest.fixture
async def bot(sandbox):
    b = Bot(sandbox.token, base_url=sandbox.base_url, base_file_url=sandbox.base_file_url)
    async with b:
        yield b


def keyboard(*pairs: tuple[str, str]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(t, callback_data=d) for t, d in pairs]])


# --------------------------------------------------------------------------- basics


async def test_get_me_and_urls(sandbox, bot):
    me = await bot.get_me()
    assert me.username == "partnerschapkaart_bot"
    assert me.id == sandbox.bot_id == 123456
    assert me.is_bot
    assert me.first_name == "Partnerschapkaart"
    assert sandbox.base_url == f"http://127.0.0.1:{sandbox.port}/bot"
    assert sandbox.calls_named("getMe")


async def test_wrong_token_is_rejected(sandbox):
    wrong = Bot("123456:wrong-TOKEN", base_url=sandbox.base_url)
    try:
        with pytest.raises(InvalidToken):
            await wrong.initialize()
    finally:
        await wrong.shutdown()


async def test_unknown_method_and_error_shapes(sandbox, bot):
    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("sendTelepathy", api_kwargs={"chat_id": 1})
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{sandbox.base_url}{sandbox.token}/sendTelepathy") as resp:
            assert resp.status == 404
            assert await resp.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
        async with http.get(f"{sandbox.base_url}1:nope/getMe") as resp:
            assert resp.status == 401
            assert await resp.json() == {
                "ok": False,
                "error_code": 401,
                "description": "Unauthorized",
            }
        # JSON bodies are accepted too
        chat = sandbox.private_chat(sandbox.add_user("Jet"))
        url = f"{sandbox.base_url}{sandbox.token}/sendMessage"
        async with http.post(
            url, json={"chat_id": chat.id, "text": "<i>hoi</i>", "parse_mode": "HTML"}
        ) as resp:
            body = await resp.json()
            assert body["ok"]
            assert body["result"]["entities"][0]["type"] == "italic"
        async with http.post(url, data={"chat_id": str(chat.id), "text": "x" * 5000}) as resp:
            assert resp.status == 400
            assert await resp.json() == {
                "ok": False,
                "error_code": 400,
                "description": "Bad Request: message is too long",
            }


# --------------------------------------------------------------------------- sending


async def test_send_html_message_with_inline_keyboard(sandbox, bot):
    anna = sandbox.add_user("Anna")
    chat = sandbox.private_chat(anna)
    msg = await bot.send_message(
        chat.id,
        "<b>Welkom</b> bij de &lt;kaart&gt; &amp; 😀 <i>succes</i>",
        parse_mode="HTML",
        reply_markup=keyboard(("Ja", "ans:1"), ("Nee", "ans:0")),
    )
    assert isinstance(msg, Message)
    assert msg.api_kwargs == {}
    assert msg.text == "Welkom bij de <kaart> & 😀 succes"
    assert [(e.type, e.offset, e.length) for e in msg.entities] == [
        ("bold", 0, 6),
        ("italic", 27, 6),  # the emoji counts as two UTF-16 code units
    ]
    assert msg.text_html == "<b>Welkom</b> bij de &lt;kaart&gt; &amp; 😀 <i>succes</i>"
    assert msg.reply_markup.inline_keyboard[0][1].callback_data == "ans:0"

    sent = sandbox.last_bot_message(chat)
    assert sent.message_id == msg.message_id
    assert sent.text == msg.text
    assert sent.html.startswith("<b>Welkom</b>")
    assert sent.buttons == [("Ja", "ans:1"), ("Nee", "ans:0")]
    assert sent.button_data("Nee") == "ans:0"


async def test_force_reply_and_reply_parameters(sandbox, bot):
    anna = sandbox.add_user("Anna")
    group = sandbox.add_group("Werkgroep")
    question = await bot.send_message(
        group.id, "Wat is jullie doel?", reply_markup=ForceReply(selective=True)
    )
    assert question.reply_markup is None  # Telegram echoes only inline keyboards
    assert sandbox.last_bot_message(group).force_reply
    answer = await sandbox.send_message(group, anna, "Samen leren", reply_to=question.message_id)
    assert answer["reply_to_message"]["text"] == "Wat is jullie doel?"
    thanks = await bot.send_message(
        group.id, "Dank!", reply_parameters=ReplyParameters(answer["message_id"])
    )
    assert thanks.reply_to_message.text == "Samen leren"
    assert sandbox.last_bot_message(group).reply_to_message_id == answer["message_id"]
    with pytest.raises(BadRequest, match="(?i)message to be replied not found"):
        await bot.send_message(group.id, "x", reply_parameters=ReplyParameters(999))


async def test_text_validation_errors(sandbox, bot):
    chat = sandbox.private_chat(sandbox.add_user("Bo"))
    with pytest.raises(BadRequest, match="(?i)can't parse entities: Unsupported start tag"):
        await bot.send_message(chat.id, "1 < 2 <oops>", parse_mode="HTML")
    with pytest.raises(BadRequest, match="(?i)can't parse entities: Can't find end tag"):
        await bot.send_message(chat.id, "<b>open", parse_mode="HTML")
    with pytest.raises(BadRequest, match="(?i)Unmatched end tag"):
        await bot.send_message(chat.id, "<b>x</i>", parse_mode="HTML")
    with pytest.raises(BadRequest, match="(?i)message is too long"):
        await bot.send_message(chat.id, "x" * 4097)
    with pytest.raises(BadRequest, match="(?i)message is too long"):
        await bot.send_message(chat.id, "😀" * 2049)  # 4098 UTF-16 code units
    with pytest.raises(BadRequest, match="(?i)message text is empty"):
        await bot.send_message(chat.id, "   ")
    with pytest.raises(BadRequest, match="(?i)message text is empty"):
        await bot.send_message(chat.id, "<b></b>", parse_mode="HTML")
    # markup does not count: 4096 visible characters are fine
    ok = await bot.send_message(chat.id, "<b>" + "x" * 4096 + "</b>", parse_mode="HTML")
    assert len(ok.text) == 4096
    with pytest.raises(BadRequest, match="(?i)BUTTON_DATA_INVALID"):
        await bot.send_message(chat.id, "kies", reply_markup=keyboard(("a", "é" * 33)))
    many = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(str(i), callback_data=str(i)) for i in range(r * 8, r * 8 + 8)]
            for r in range(13)
        ]
    )
    with pytest.raises(BadRequest, match="(?i)REPLY_MARKUP_TOO_LONG"):
        await bot.send_message(chat.id, "te veel", reply_markup=many)
    with pytest.raises(BadRequest, match="(?i)chat not found"):
        await bot.send_message(-42, "hallo")
    assert len(sandbox.bot_messages(chat)) == 1  # only the valid one was stored


async def test_edit_message_text_and_markup(sandbox, bot):
    chat = sandbox.private_chat(sandbox.add_user("Cas"))
    msg = await bot.send_message(chat.id, "Stap 1", reply_markup=keyboard(("Verder", "next")))
    edited = await bot.edit_message_text(
        "<b>Stap 2</b>",
        chat_id=chat.id,
        message_id=msg.message_id,
        parse_mode="HTML",
        reply_markup=keyboard(("Klaar", "done")),
    )
    assert edited.text == "Stap 2"
    assert edited.edit_date is not None
    sent = sandbox.last_bot_message(chat)
    assert (sent.text, sent.html, sent.edits) == ("Stap 2", "<b>Stap 2</b>", 1)
    assert sent.history[0][0] == "Stap 1"
    assert sent.buttons == [("Klaar", "done")]
    with pytest.raises(BadRequest, match="(?i)message is not modified"):
        await bot.edit_message_text(
            "<b>Stap 2</b>",
            chat_id=chat.id,
            message_id=msg.message_id,
            parse_mode="HTML",
            reply_markup=keyboard(("Klaar", "done")),
        )
    # editing without reply_markup removes the keyboard, as on Telegram
    await bot.edit_message_text(
        "<b>Stap 2</b>", chat_id=chat.id, message_id=msg.message_id, parse_mode="HTML"
    )
    assert sent.reply_markup is None
    assert sent.edits == 2
    await bot.edit_message_reply_markup(chat.id, msg.message_id, reply_markup=keyboard(("x", "y")))
    assert sent.buttons == [("x", "y")]
    with pytest.raises(BadRequest, match="(?i)message to edit not found"):
        await bot.edit_message_text("x", chat_id=chat.id, message_id=999)
    assert await bot.delete_message(chat.id, msg.message_id)
    assert sandbox.bot_messages(chat) == []
    assert sandbox.bot_messages(chat, include_deleted=True)[0].deleted
    with pytest.raises(BadRequest, match="(?i)message to edit not found"):
        await bot.edit_message_text("y", chat_id=chat.id, message_id=msg.message_id)


async def test_send_document_round_trip(bot):
    async with Sandbox(max_upload_bytes=1000) as sandbox:
        b = Bot(sandbox.token, base_url=sandbox.base_url, base_file_url=sandbox.base_file_url)
        async with b:
            chat = sandbox.private_chat(sandbox.add_user("Dirk"))
            data = bytes(range(256)) * 3
            msg = await b.send_document(
                chat.id,
                data,
                filename="partnerschapkaart groep 1.pptx",
                caption="<b>Jullie kaart</b>",
                parse_mode="HTML",
            )
            assert msg.document.file_name == "partnerschapkaart groep 1.pptx"
            assert msg.document.file_size == len(data)
            assert msg.caption == "Jullie kaart"
            [doc] = sandbox.documents(chat)
            assert (doc.file_name, doc.data, doc.caption) == (
                msg.document.file_name,
                data,
                "Jullie kaart",
            )
            assert "presentation" in doc.mime_type
            # download through getFile and base_file_url
            tg_file = await b.get_file(msg.document.file_id)
            assert bytes(await tg_file.download_as_bytearray()) == data
            # resend by file_id
            again = await b.send_document(chat.id, msg.document.file_id)
            assert again.document.file_id == msg.document.file_id
            with pytest.raises(BadRequest, match="(?i)file is too big"):
                await b.send_document(chat.id, b"x" * 1001, filename="groot.bin")
            with pytest.raises(BadRequest, match="(?i)message caption is too long"):
                await b.send_document(chat.id, b"x", filename="a.txt", caption="c" * 1025)


# --------------------------------------------------------------------------- updates


async def test_get_updates_delivers_command_and_offset_confirms(sandbox, bot):
    anna = sandbox.add_user("Anna", username="anna")
    chat = sandbox.private_chat(anna)
    sent = await sandbox.send_message(chat, anna, "/start workshop42")
    [update] = await bot.get_updates(timeout=0)
    assert update.message.text == "/start workshop42"
    assert update.message.from_user.username == "anna"
    [entity] = update.message.entities
    assert (entity.type, entity.offset, entity.length) == ("bot_command", 0, 6)
    assert update.message.message_id == sent["message_id"]
    # not confirmed yet: delivered again
    assert [u.update_id for u in await bot.get_updates(timeout=0)] == [update.update_id]
    assert await bot.get_updates(offset=update.update_id + 1, timeout=0) == ()
    assert sandbox.pending_updates == []


async def test_long_polling_waits_until_a_message_arrives(sandbox, bot):
    anna = sandbox.add_user("Anna")
    group = sandbox.add_group("Groep")
    # The poll's own timeout is an hour away: if it ends, the message ended it.
    poll = asyncio.create_task(bot.get_updates(timeout=3600))
    await sandbox.wait_until(lambda: sandbox.calls_named("getUpdates"))
    for _ in range(3):  # other calls come and go while the poll waits
        await bot.get_me()
    assert not poll.done()
    await sandbox.send_message(group, anna, f"/idee@{sandbox.bot_username} meer koffie")
    await sandbox.wait_until(poll.done, message="the waiting poll to return the message")
    updates = poll.result()
    assert [u.message.text for u in updates] == [f"/idee@{sandbox.bot_username} meer koffie"]
    assert updates[0].message.entities[0].length == len("/idee@partnerschapkaart_bot")
    # a long poll that nothing arrives for ends empty at its timeout
    assert await bot.get_updates(offset=updates[0].update_id + 1, timeout=0.3) == ()


async def test_second_poller_terminates_the_first_with_conflict(sandbox, bot):
    first = asyncio.create_task(bot.get_updates(timeout=3))
    await asyncio.sleep(0.1)
    async with Bot(sandbox.token, base_url=sandbox.base_url) as other:  # a 2nd bot instance
        second = asyncio.create_task(other.get_updates(timeout=0.2))
        with pytest.raises(Conflict):
            await asyncio.wait_for(first, 2)
        assert await second == ()


async def test_forum_topics(sandbox, bot):
    anna = sandbox.add_user("Anna")
    forum = sandbox.add_group("Workshop", forum=True, bot_is_admin=True)
    assert forum.id < -1_000_000_000_000
    tid = sandbox.add_topic(forum, "Groep Blauw", by=anna)
    msg = await sandbox.send_message(forum, anna, "ons idee", thread_id=tid)
    updates = await bot.get_updates(timeout=0)
    assert updates[0].message.forum_topic_created.name == "Groep Blauw"
    assert updates[0].message.message_id == tid
    m = updates[1].message
    assert m.is_topic_message
    assert m.message_thread_id == tid
    assert m.reply_to_message.message_id == tid
    assert m.reply_to_message.forum_topic_created
    assert msg["text"] == "ons idee"

    reply = await bot.send_message(forum.id, "Genoteerd", message_thread_id=tid)
    assert reply.message_thread_id == tid
    assert reply.is_topic_message
    assert sandbox.last_bot_message(forum, thread_id=tid).text == "Genoteerd"
    assert sandbox.bot_messages(forum, thread_id=0) == []
    with pytest.raises(BadRequest, match="(?i)message thread not found"):
        await bot.send_message(forum.id, "x", message_thread_id=tid + 100)

    topic = await bot.create_forum_topic(forum.id, "Groep Rood")
    assert topic.name == "Groep Rood"
    assert sandbox.topic_id(forum, "Groep Rood") == (topic.message_thread_id)
    await bot.send_message(forum.id, "Welkom rood", message_thread_id=topic.message_thread_id)

    plain = sandbox.add_group("Gewoon", supergroup=True, bot_is_admin=False)
    with pytest.raises(BadRequest, match="(?i)the chat is not a forum"):
        await bot.create_forum_topic(plain.id, "x")
    no_rights = sandbox.add_group("Forum zonder rechten", forum=True)
    with pytest.raises(BadRequest, match="(?i)not enough rights to create a topic"):
        await bot.create_forum_topic(no_rights.id, "x")


async def test_buttons_callbacks_and_answers(sandbox, bot):
    anna = sandbox.add_user("Anna")
    chat = sandbox.private_chat(anna)
    msg = await bot.send_message(
        chat.id, "Kies", reply_markup=keyboard(("Ja", "v:1"), ("Nee", "v:0"))
    )
    await sandbox.press_button(chat, anna, msg.message_id, text="Nee")
    [update] = await bot.get_updates(timeout=0)
    q = update.callback_query
    assert q.data == "v:0"
    assert q.from_user.id == anna.id
    assert q.message.message_id == msg.message_id
    assert q.message.text == "Kies"
    assert await bot.answer_callback_query(q.id, text="Opgeslagen")
    assert sandbox.callback_answers[-1].text == "Opgeslagen"
    assert sandbox.callback_answers[-1].data == "v:0"
    with pytest.raises(BadRequest, match="(?i)query ID is invalid"):
        await bot.answer_callback_query(q.id, text="twee keer")
    with pytest.raises(AssertionError, match="no button"):
        await sandbox.press_button(chat, anna, msg.message_id, "v:9")


async def test_redelivery_and_service_updates(sandbox, bot):
    anna = sandbox.add_user("Anna")
    group = sandbox.add_group("Oude groep", bot_member=False, owner=anna)
    with pytest.raises(Forbidden, match="(?i)not a member"):
        await bot.send_message(group.id, "hoi")
    await sandbox.add_bot_to_group(group, anna, start_payload="ws-7")
    await sandbox.send_message(group, anna, "gewoon bericht")
    dup = sandbox.duplicate_last_update()
    updates = await bot.get_updates(timeout=0)
    kinds = [
        "my_chat_member"
        if u.my_chat_member
        else ("service" if u.message.new_chat_members else u.message.text)
        for u in updates
    ]
    assert kinds == [
        "my_chat_member",
        "service",
        f"/start@{sandbox.bot_username} ws-7",
        "gewoon bericht",
        "gewoon bericht",
    ]
    assert updates[-1].update_id == dup["update_id"]
    assert updates[-1].message.message_id == updates[-2].message.message_id
    assert updates[0].my_chat_member.new_chat_member.status == "member"

    new = await sandbox.migrate_to_supergroup(group)
    updates = await bot.get_updates(offset=updates[-1].update_id + 1, timeout=0)
    assert updates[0].message.migrate_to_chat_id == new.id
    assert updates[1].message.migrate_from_chat_id == group.id
    with pytest.raises(ChatMigrated) as info:
        await bot.send_message(group.id, "hoi")
    assert info.value.new_chat_id == new.id
    await bot.send_message(new.id, "hoi supergroep")

    await sandbox.remove_bot(new, anna)
    with pytest.raises(Forbidden, match="(?i)bot was kicked from the supergroup chat"):
        await bot.send_message(new.id, "hoi")
    updates = await bot.get_updates(offset=updates[-1].update_id + 1, timeout=0)
    assert updates[-1].my_chat_member.new_chat_member.status == "kicked"


async def test_rate_limits_give_retry_after(monkeypatch):
    monkeypatch.setenv("PTB_TIMEDELTA", "true")  # PTB 22 warns on int retry_after otherwise
    async with Sandbox(rate_limits=True, rate_chat=(2, 1.0), rate_group=(3, 60.0)) as sandbox:
        b = Bot(sandbox.token, base_url=sandbox.base_url)
        async with b:
            chat = sandbox.private_chat(sandbox.add_user("Eva"))
            await b.send_message(chat.id, "1")
            await b.send_message(chat.id, "2")
            with pytest.raises(RetryAfter) as info:
                await b.send_message(chat.id, "3")
            assert info.value.retry_after.total_seconds() == 1
            assert sandbox.rate_limited_count == 1
            await asyncio.sleep(1.05)
            await b.send_message(chat.id, "3")  # window passed

            group = sandbox.add_group("Snel", supergroup=True)
            for i in range(3):
                await b.send_message(group.id, str(i))
                await asyncio.sleep(0.5)  # stay under the per-chat limit
            with pytest.raises(RetryAfter) as info:
                await b.send_message(group.id, "4")
            assert 55 <= info.value.retry_after.total_seconds() <= 60
            assert sandbox.rate_limited_count == 2


# --------------------------------------------------------------------------- shapes


async def test_every_result_and_update_parses_with_ptb(sandbox, bot):
    anna = sandbox.add_user("Anna", username="anna")
    forum = sandbox.add_group("Forum", forum=True, bot_is_admin=True, owner=anna)
    tid = sandbox.add_topic(forum, "Topic", by=anna)
    chat = sandbox.private_chat(anna)

    await bot.set_my_commands([BotCommand("start", "Begin"), BotCommand("idee", "Idee")])
    assert [c.command for c in await bot.get_my_commands()] == ["start", "idee"]
    assert sandbox.commands()[1]["command"] == "idee"
    assert await bot.delete_my_commands()
    assert (await bot.get_chat(forum.id)).is_forum
    assert (await bot.get_chat(chat.id)).first_name == "Anna"
    assert (await bot.get_chat_member(forum.id, anna.id)).status == "creator"
    assert (await bot.get_chat_member(forum.id, sandbox.bot_id)).can_manage_topics
    admins = await bot.get_chat_administrators(forum.id)
    assert {a.user.id for a in admins} == {anna.id, sandbox.bot_id}
    m = await bot.send_message(forum.id, "peiling", message_thread_id=tid)
    assert await bot.pin_chat_message(forum.id, m.message_id)
    assert sandbox.pinned(forum) == [m.message_id]
    assert await bot.set_message_reaction(forum.id, m.message_id, ReactionTypeEmoji("👍"))
    assert sandbox.reactions(forum, m.message_id) == ["👍"]
    with pytest.raises(BadRequest, match="(?i)REACTION_INVALID"):
        await bot.set_message_reaction(forum.id, m.message_id, "🦄x")
    poll_msg = await bot.send_poll(
        forum.id, "Welke kleur?", ["Rood", "Blauw"], message_thread_id=tid
    )
    assert poll_msg.poll.options[1].text == "Blauw"
    assert poll_msg.api_kwargs == {}
    poll = await bot.stop_poll(forum.id, poll_msg.message_id)
    assert poll.is_closed
    assert await bot.send_chat_action(chat.id, "typing")

    for kind in (
        "photo",
        "sticker",
        "voice",
        "video",
        "document",
        "location",
        "poll",
        "contact",
        "animation",
    ):
        caption = "bijschrift" if kind in ("photo", "video") else None
        await sandbox.send_media(forum, anna, kind, thread_id=tid, caption=caption)
    user_msg = await sandbox.send_message(chat, anna, "tipfout")
    await sandbox.edit_message(chat, user_msg, "typfout")
    await sandbox.press_button(
        chat,
        anna,
        (await bot.send_message(chat.id, "k", reply_markup=keyboard(("a", "b")))).message_id,
        "b",
    )

    updates = await bot.get_updates(timeout=0)
    assert all(isinstance(u, Update) for u in updates)
    kinds = [u.effective_message and u.effective_message.effective_attachment for u in updates]
    assert sum(1 for k in kinds if k) == 9
    for u in updates:
        if u.message and not u.message.animation:
            assert u.message.api_kwargs == {}, u.message.api_kwargs
        assert u.api_kwargs == {}
    assert updates[-2].edited_message.text == "typfout"
    assert updates[-2].edited_message.edit_date
    assert updates[-1].callback_query.data == "b"


# --------------------------------------------------------------------------- driver


async def test_wait_idle_with_a_real_application(sandbox):
    replies: list[str] = []

    async def start(update, context):
        await update.effective_message.reply_text(f"Welkom, {update.effective_user.first_name}!")

    async def echo(update, context):
        await asyncio.sleep(0.05)
        await update.effective_chat.send_message(update.effective_message.text.upper())

    async def pressed(update, context):
        await update.callback_query.answer("Top")
        replies.append(update.callback_query.data)

    app = (
        ApplicationBuilder()
        .token(sandbox.token)
        .base_url(sandbox.base_url)
        .base_file_url(sandbox.base_file_url)
        .build()
    )
    app.add_handler(CommandHandler("start", start))
    app.add_handler(MessageHandler(F.TEXT & ~F.COMMAND, echo))
    app.add_handler(CallbackQueryHandler(pressed))
    lines: list[str] = []
    sandbox.on_event(lambda e: lines.append(e.format()))
    async with app:
        await app.start()
        await app.updater.start_polling(timeout=1, poll_interval=0)
        try:
            anna = sandbox.add_user("Anna")
            chat = sandbox.private_chat(anna)
            await sandbox.send_message(chat, anna, "/start")
            await sandbox.send_message(chat, anna, "hallo")
            await sandbox.wait_idle(quiet=0.2)
            assert [m.text for m in sandbox.bot_messages(chat)] == ["Welkom, Anna!", "HALLO"]
            sent = await app.bot.send_message(
                chat.id, "Klaar?", reply_markup=keyboard(("Ja", "ok"))
            )
            await sandbox.press_button(chat, anna, sent.message_id, "ok")
            await sandbox.wait_until(lambda: replies == ["ok"], timeout=3)
            await sandbox.wait_idle(quiet=0.2)
            assert sandbox.callback_answers[-1].text == "Top"
        finally:
            await app.updater.stop()
            await app.stop()
    assert sandbox.pending_updates == []
    transcript = sandbox.transcript()
    assert "Anna (message): /start" in transcript
    assert "HALLO" in transcript
    assert "\n".join(lines) == transcript


async def test_wait_idle_explains_when_nobody_polls(sandbox):
    anna = sandbox.add_user("Anna")
    await sandbox.send_message(anna, anna, "hallo?")
    with pytest.raises(AssertionError, match="is the bot polling"):
        await sandbox.wait_idle(quiet=0.05, timeout=0.2)
    with pytest.raises(AssertionError, match="waiting for"):
        await sandbox.wait_until(lambda: False, timeout=0.1)


async def test_privacy_mode_filters_group_messages():
    async with Sandbox(privacy_mode=True) as sandbox:
        anna = sandbox.add_user("Anna")
        group = sandbox.add_group("Groep")
        await sandbox.send_message(group, anna, "gewoon gepraat")
        await sandbox.send_message(group, anna, "/help")
        assert [u["message"]["text"] for u in sandbox.pending_updates] == ["/help"]
        assert "gewoon gepraat" in sandbox.transcript(group)  # still visible in the chat


# --------------------------------------------------------------------------- HTML parser


def test_html_parser_units():
    text, ents = parse_html(
        '  <a href="https://x.nl/?a=1&amp;b=2">link</a> <tg-spoiler>s</tg-spoiler> '
    )
    assert text == "link s"
    assert ents[0] == {
        "type": "text_link",
        "offset": 0,
        "length": 4,
        "url": "https://x.nl/?a=1&b=2",
    }
    assert ents[1]["type"] == "spoiler"
    assert parse_html("&#65;&#x42; &foo; a & b > c")[0] == "AB &foo; a & b > c"
    text, ents = parse_html(
        '<blockquote expandable>q</blockquote><span class="tg-spoiler">z</span>'
    )
    assert [e["type"] for e in ents] == ["expandable_blockquote", "spoiler"]
    for bad in ("a < b", "<b>x", "</b>", "<span>x</span>", "<br/>", '<a href="x>y</a>'):
        with pytest.raises(EntityParseError):
            parse_html(bad)
