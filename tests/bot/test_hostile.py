"""Hostile and odd input, end to end: each gets a clear reply or is ignored on purpose,
the bot keeps working, and the exports stay valid and hold what was stored exactly.

One workshop (a facilitator, subgroups in stap 2 answering column 1) serves the whole
table. Every row gets its own subgroup chat, joined up front: the bot keeps Telegram's
limit of 20 messages a minute per group, and a row must not disturb the next one.
"""

from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import pytest
import pytest_asyncio
from docx import Document
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from bot.sandbox import Sandbox, SandboxChat, SandboxUser
from flows.fase import Fase
from flows.kaart import Kolom
from tests.bot.conftest import BotProcess
from tests.bot.story import (
    board,
    current_question,
    delete_by_user,
    facilitator_says,
    send_as_anonymous_admin,
    send_text_as_anonymous_admin,
    workshop_with_groups,
)

QUIET = None  # wait_idle: the bot says when it is busy (every row is one or two quick replies)
BOT = "partnerschapkaart_bot"

TOO_LONG = "Dit antwoord is te lang"
NO_TEXT = "Ik zie geen tekst."
ONLY_TEXT = "Ik kan alleen tekst op de kaart zetten."
NOT_JOINED = "Deze chat hoort nog niet bij een workshop."
ONLY_FACILITATOR = "Dit kan alleen de facilitator van de workshop."
ANONYMOUS = "Je stuurt als anonieme beheerder."
UNKNOWN_COMMAND = "Dat commando ken ik niet."
UNKNOWN_BUTTON = "Deze knop ken ik niet."
STALE_BUTTON = "Deze knop hoort bij een eerdere stap."
NO_ANSWER_YET = "Bij Waarden staat nog geen antwoord."
ALREADY = "Deze chat is al de subgroep"
EDIT_TOO_LONG = "Je aangepaste antwoord is te lang (10000 tekens, hooguit 4096)."


# ---------------------------------------------------------------- the workshop


@dataclass
class World:
    sandbox: Sandbox
    bot: BotProcess
    fac: SandboxUser
    code: str
    workshop_id: int
    admin: SandboxUser
    tafel_1: tuple[SandboxChat, SandboxUser]
    groups: dict[str, tuple[SandboxChat, SandboxUser]] = field(default_factory=dict)


@dataclass
class Here:
    """Where one row plays: its own group chat and member, in the shared workshop."""

    world: World
    group: SandboxChat
    member: SandboxUser
    # The last button press: the query, and the bot's last message id before it.
    pressed: tuple[dict, int] | None = None

    @property
    def sandbox(self) -> Sandbox:
        return self.world.sandbox

    @property
    def storage(self):
        return self.world.bot.storage

    async def say(self, text: str, **kwargs) -> dict:
        return await self.sandbox.send_message(self.group, self.member, text, **kwargs)

    async def reply(self, text: str) -> dict:
        """Answer by replying to the bot's question (Telegram's reply field)."""
        question = current_question(self.sandbox, self.group)
        return await self.say(text, reply_to=question.message_id)

    async def media(self, kind: str, *, reply: bool = True, **fields) -> dict:
        reply_to = current_question(self.sandbox, self.group).message_id if reply else None
        return await self.sandbox.send_media(
            self.group, self.member, kind, reply_to=reply_to, **fields
        )

    async def press(self, data: str, message_id: int | None = None) -> dict:
        """Press a button with this data on the group's board (or another message),
        whether that button is there or not."""
        if message_id is None:
            message_id = board(self.sandbox, self.group).message_id
        mark = max((m.message_id for m in self.sandbox.bot_messages(self.group)), default=0)
        query = await self.sandbox.press_button(
            self.group, self.member, message_id, data, check=False
        )
        self.pressed = (query, mark)
        return query

    async def settle(self) -> None:
        await self.sandbox.wait_idle(QUIET)

    async def answers(self) -> list[str]:
        subgroup = await self.storage.find_subgroup_by_chat(self.group.id, None)
        if subgroup is None:
            return []
        return [a.text for a in await self.storage.list_answers(subgroup.id)]


# ---------------------------------------------------------------- expectations


@dataclass(frozen=True)
class Stored:
    """Stored exactly as ``texts`` (all of the chat's answers), acknowledged with ✍."""

    texts: tuple[str, ...]


@dataclass(frozen=True)
class Refused:
    """One reply (a message, or a toast for a button) containing ``part``; the chat's
    answers are then exactly ``kept``."""

    part: str
    kept: tuple[str, ...] = ()


@dataclass(frozen=True)
class Ignored:
    """No reply and no new bot message; the chat's answers are then exactly ``kept``."""

    kept: tuple[str, ...] = ()


def stored(*texts: str) -> Stored:
    return Stored(texts)


def refused(part: str, *kept: str) -> Refused:
    return Refused(part, kept)


def ignored(*kept: str) -> Ignored:
    return Ignored(kept)


Send = Callable[[Here], Awaitable[dict]]


@dataclass(frozen=True)
class Row:
    id: str
    send: Send
    expect: Stored | Refused | Ignored
    joined: bool = True  # False: a group the bot is in but that belongs to no workshop
    then: Callable[[Here], Awaitable[None]] | None = None  # more to check afterwards


def board_shows(text: str) -> Callable[[Here], Awaitable[None]]:
    """The group's board (with its done button) shows ``text`` as typed."""

    async def check(h: Here) -> None:
        await h.sandbox.wait_until(
            lambda: any(text in line for line in board(h.sandbox, h.group).text.splitlines()),
            timeout=3,
            message=f"the board of {h.group.title} to show {text!r}",
        )

    return check


# ---------------------------------------------------------------- rows that take steps


def reply(text: str) -> Send:
    return lambda h: h.reply(text)


def say(text: str) -> Send:
    return lambda h: h.say(text)


def media(kind: str, *, as_reply: bool = True, **fields) -> Send:
    return lambda h: h.media(kind, reply=as_reply, **fields)


def press(data: str) -> Send:
    return lambda h: h.press(data)


def anonymous(text: str) -> Send:
    return lambda h: send_as_anonymous_admin(h.sandbox, h.group, h.world.admin, text)


async def _anonymous_reply(h: Here) -> dict:
    question = current_question(h.sandbox, h.group)
    return await send_text_as_anonymous_admin(
        h.sandbox, h.group, h.world.admin, "Anoniem: een veilige wijk", question.message_id
    )


def edit_answer(first: str, then: str) -> Send:
    """Answer, then edit that answer into ``then``; the edit is the row's message."""

    async def send(h: Here) -> dict:
        sent = await h.reply(first)
        await h.settle()
        assert await h.answers() == [first]
        return await h.sandbox.edit_message(h.group, sent, then)

    return send


async def _edit_chatter(h: Here) -> dict:
    """A reply to another member is conversation: editing it stores nothing either."""
    other = h.sandbox.add_user("Buur")
    first = await h.sandbox.send_message(h.group, other, "Wie begint er?")
    sent = await h.say("Ik niet", reply_to=first["message_id"])
    await h.settle()
    return await h.sandbox.edit_message(h.group, sent, "Ik wel: <b>iedereen</b> doet mee")


async def _delete_answer(h: Here) -> dict:
    sent = await h.reply("Dit haal ik weg")
    await h.settle()
    delete_by_user(h.sandbox, h.group, sent)
    return sent


async def _twice_delivered(h: Here) -> dict:
    sent = await h.reply("'; DELETE FROM answers; -- twee keer")
    h.sandbox.duplicate_last_update()
    return sent


async def _stale_done_button(h: Here) -> dict:
    """The group is done with column 1; the first board's done button is pressed again."""
    old = board(h.sandbox, h.group)
    await h.say("/idee Oud bord")
    await h.settle()
    data = old.button_data("Klaar")
    await h.say("/klaar")
    await h.settle()
    return await h.press(data, old.message_id)


async def _forged_for_this_group(h: Here) -> dict:
    """A done button for another column of this very group."""
    subgroup = await h.storage.find_subgroup_by_chat(h.group.id, None)
    return await h.press(f"klaar:{subgroup.id}:3")


async def _forged_delete(h: Here) -> dict:
    return await h.press(f"del:{h.world.workshop_id}")


async def _forged_confirm(h: Here) -> dict:
    return await h.press("pd:1:1:ok")


async def _migrated(h: Here) -> dict:
    """The group becomes a supergroup (a new chat id) mid-workshop; the member answers
    there. The fix belongs in the bot: follow migrate_to_chat_id / migrate_from_chat_id
    and move the subgroup to the new chat id."""
    new = await h.sandbox.migrate_to_supergroup(h.group, h.member)
    await h.settle()
    h.group = new
    return await h.say("/idee Na de upgrade naar supergroep")


async def _removed_and_readded(h: Here) -> dict:
    """The bot is removed from the subgroup's chat and added back; the group goes on."""
    await h.sandbox.remove_bot(h.group, h.member)
    await h.settle()
    await h.sandbox.add_bot_to_group(h.group, h.member)
    await h.settle()
    return await h.reply("Terug van weggeweest")


async def _readded_with_join(h: Here) -> dict:
    await h.sandbox.remove_bot(h.group, h.member)
    await h.settle()
    await h.sandbox.add_bot_to_group(h.group, h.member, start_payload=h.world.code)
    await h.settle()
    return await h.say(f"/join {h.world.code}")


# ---------------------------------------------------------------- the table

X4096 = ("Samen sterk. " * 400)[:4095] + "!"
EMOJI_LONG = "🌱" * 2000
ACTIONS = [
    "=cmd|' /C calc'!A0",
    '@SUM(1+1) "tussen" aanhalingstekens; en puntkomma',
    "Gemeente, voor 1 maart: buurtavond <b>organiseren</b>",
    "{{ 7*7 }} keer per jaar samen eten\nmet een tweede regel",
    "- '; DROP TABLE actions; --",
]
FAMILY = "👩\u200d👩\u200d👧\u200d👦"

ROWS = [
    # Long texts: Telegram's 4,096 is the limit; longer is refused kindly with its length.
    Row("4096-reply", reply(X4096), stored(X4096)),
    Row("4096-message-with-idee", say("/idee " + X4096[6:]), stored(X4096[6:])),
    Row("4096-plus-spaces", reply(X4096 + "   \n "), stored(X4096)),
    Row("4097-reply", reply(X4096 + "x"), refused(f"{TOO_LONG}: 4097 tekens")),
    Row("10000-reply", reply("a" * 10_000), refused(f"{TOO_LONG}: 10000 tekens")),
    Row("10000-idee", say("/idee " + "b" * 10_000), refused(f"{TOO_LONG}: 10000 tekens")),
    Row("10000-plain", say("c" * 10_000), refused(f"{TOO_LONG}: 10000 tekens")),
    Row("2000-emoji", reply(EMOJI_LONG), stored(EMOJI_LONG)),
    Row("many-lines", reply("regel\n" * 300), stored(("regel\n" * 300).strip())),
    # Empty and whitespace-only.
    Row("idee-empty", say("/idee"), refused(NO_TEXT)),
    Row("idee-spaces", say("/idee      "), refused(NO_TEXT)),
    Row("reply-spaces", reply("   "), refused(NO_TEXT)),
    Row("reply-newlines-tabs", reply("\n\t\n  \n"), refused(NO_TEXT)),
    Row("reply-nbsp-ideographic", reply("\u00a0\u3000\u2003"), refused(NO_TEXT)),
    Row("plain-spaces", say("  \t "), ignored()),
    # Zero-width and right-to-left override characters.
    Row(
        "zero-width-only",
        reply("\u200b\u200c\u2060"),
        refused(NO_TEXT),
    ),
    Row("zero-width-inside", reply("Samen\u200bwerken"), stored("Samen\u200bwerken")),
    Row("zwj-emoji-family", reply(FAMILY), stored(FAMILY)),
    Row(
        "rlo-leading",
        reply("\u202eIedereen doet mee"),
        stored("Iedereen doet mee"),
        then=board_shows("Iedereen doet mee"),
    ),
    Row("rlo-spoof", reply("Plan\u202egnp.exe"), stored("Plangnp.exe")),
    Row("rlo-only", reply("\u202e\u202d\u202c"), refused(NO_TEXT)),
    Row("bidi-isolates", reply("\u2066Wijk\u2069 \u2067Noord\u2069"), stored("Wijk Noord")),
    Row("hebrew-with-rlm", reply("שלום \u200fwijk"), stored("שלום \u200fwijk")),
    Row("arabic", reply("السلام عليكم في الحي"), stored("السلام عليكم في الحي")),
    # Control characters.
    Row("nul-bel-esc", reply("\x00\x07Samen\x1b[31m rood"), stored("Samen[31m rood")),
    Row("crlf", reply("Regel een\r\nRegel twee\rdrie"), stored("Regel een\nRegel twee\ndrie")),
    Row("del-and-c1", reply("a\x7fb\x85c\x9bd"), stored("abcd")),
    Row("controls-only", reply("\x00\x01\x1f\x7f"), refused(NO_TEXT)),
    Row("noncharacters", reply("rust\ufffe\uffffig"), stored("rustig")),
    # Emoji sequences.
    Row("emoji-simple", reply("🌱🤝💬"), stored("🌱🤝💬")),
    Row("emoji-flags", reply("🇳🇱🇪🇺🏳️‍🌈"), stored("🇳🇱🇪🇺🏳️‍🌈")),
    Row("emoji-skin-tones", reply("👍🏽👋🏿"), stored("👍🏽👋🏿")),
    Row("emoji-keycap", reply("1️⃣ eerst luisteren"), stored("1️⃣ eerst luisteren")),
    # HTML and Markdown markup is kept exactly as typed (and shown as text).
    Row(
        "html-bold",
        reply("<b>vet</b> & <i>"),
        stored("<b>vet</b> & <i>"),
        then=board_shows("<b>vet</b> & <i>"),
    ),
    Row("html-script", reply("<script>alert(1)</script>"), stored("<script>alert(1)</script>")),
    Row(
        "html-broken",
        reply("</code></pre><a href='javascript:x'>klik"),
        stored("</code></pre><a href='javascript:x'>klik"),
    ),
    Row("html-entities", reply("&lt;b&gt; &amp; &#65;"), stored("&lt;b&gt; &amp; &#65;")),
    Row(
        "markdown",
        reply("*vet* _schuin_ `code` [link](http://x.nl) ~~weg~~ ||geheim||"),
        stored("*vet* _schuin_ `code` [link](http://x.nl) ~~weg~~ ||geheim||"),
    ),
    # Template syntax: never run, never formatted.
    Row("jinja-expression", reply("{{ 7*7 }} keer"), stored("{{ 7*7 }} keer")),
    Row(
        "jinja-block",
        reply("{% for x in range(3) %}x{% endfor %}"),
        stored("{% for x in range(3) %}x{% endfor %}"),
    ),
    Row(
        "jinja-escape",
        reply("{{ ''.__class__.__mro__[1].__subclasses__() }}"),
        stored("{{ ''.__class__.__mro__[1].__subclasses__() }}"),
    ),
    Row(
        "format-string",
        reply("{doel} {0} %s %(x)s {kolom!r}"),
        stored("{doel} {0} %s %(x)s {kolom!r}"),
    ),
    # SQL-looking text, and a formula for a spreadsheet.
    Row("sql-drop", reply("'; DROP TABLE answers; --"), stored("'; DROP TABLE answers; --")),
    Row(
        "sql-bobby",
        say("/idee Robert'); DELETE FROM workshops;--"),
        stored("Robert'); DELETE FROM workshops;--"),
    ),
    Row("sql-or", reply('" OR 1=1 /*'), stored('" OR 1=1 /*')),
    Row(
        "csv-formula",
        reply('=HYPERLINK("http://x.nl";"klik")'),
        stored('=HYPERLINK("http://x.nl";"klik")'),
    ),
    # Every media type: as a reply to the question it gets an explanation; otherwise it is
    # people sharing things in their chat, and the bot stays quiet.
    Row("photo", media("photo"), refused(ONLY_TEXT)),
    Row("photo-with-caption", media("photo", caption="Iedereen doet mee"), refused(ONLY_TEXT)),
    Row("sticker", media("sticker"), refused(ONLY_TEXT)),
    Row("voice", media("voice"), refused(ONLY_TEXT)),
    Row("video", media("video"), refused(ONLY_TEXT)),
    Row("animation", media("animation"), refused(ONLY_TEXT)),
    Row("document", media("document"), refused(ONLY_TEXT)),
    Row("location", media("location"), refused(ONLY_TEXT)),
    Row("contact", media("contact"), refused(ONLY_TEXT)),
    Row("poll", media("poll"), refused(ONLY_TEXT)),
    Row("sticker-not-a-reply", media("sticker", as_reply=False), ignored()),
    Row("poll-not-a-reply", media("poll", as_reply=False), ignored()),
    # Edited and deleted messages.
    Row(
        "edit-to-hostile",
        edit_answer("Eerste versie", "<b>Tweede</b>\u202e versie {{ x }}"),
        stored("<b>Tweede</b> versie {{ x }}"),
        then=board_shows("<b>Tweede</b> versie {{ x }}"),
    ),
    Row(
        "edit-to-10000",
        edit_answer("Blijft staan", "d" * 10_000),
        refused(EDIT_TOO_LONG, "Blijft staan"),
    ),
    Row(
        "edit-to-empty",
        edit_answer("Blijft ook staan", "   "),
        refused(NO_TEXT, "Blijft ook staan"),
    ),
    Row("edit-of-chatter", _edit_chatter, ignored("Wie begint er?")),
    # Telegram does not tell bots about deleted messages: the answer stays on purpose
    # (a member takes it back with an edit, or the facilitator with /weg in the plenary).
    Row("deleted-answer", _delete_answer, stored("Dit haal ik weg")),
    Row("delivered-twice", _twice_delivered, stored("'; DELETE FROM answers; -- twee keer")),
    # A group the bot does not know.
    Row("unknown-group-idee", say("/idee hallo"), refused(NOT_JOINED), joined=False),
    Row("unknown-group-plain", say("gewoon kletsen <b>"), ignored(), joined=False),
    Row("unknown-group-photo", media("photo", as_reply=False), ignored(), joined=False),
    Row("unknown-group-klaar", say("/klaar"), refused(NOT_JOINED), joined=False),
    Row(
        "unknown-group-export", say("/export"), refused("Ik vind hier geen workshop"), joined=False
    ),
    # Commands with missing, extra or garbage arguments.
    Row("klaar-with-garbage", say("/klaar nu meteen; DROP"), refused(NO_ANSWER_YET)),
    Row("terug-at-first-column", say("/terug 99"), refused("Jullie zijn al bij de eerste kolom")),
    Row("join-again-garbage-code", say("/join '; DROP TABLE --"), refused(ALREADY)),
    Row("join-without-code", say("/join"), refused("Typ de code"), joined=False),
    Row(
        "join-garbage-code",
        say("/join {{ code }}' OR 1=1"),
        refused("Die code ken ik niet"),
        joined=False,
    ),
    Row("kaart-extra-args", say("/kaart 1 2 {{ 3 }}"), refused("Kaart van")),
    Row("idee-uppercase", say("/IDEE Hoofdletters"), stored("Hoofdletters")),
    Row("idee-multiline", say("/idee regel 1\nregel 2"), stored("regel 1\nregel 2")),
    Row("unknown-command", say("/vliegen hoog"), refused(UNKNOWN_COMMAND)),
    Row("unknown-command-for-me", say(f"/vliegen@{BOT}"), refused(UNKNOWN_COMMAND)),
    Row("idee-for-me", say(f"/idee@{BOT} Met mijn naam"), stored("Met mijn naam")),
    Row("export-by-member-garbage", say("/export ; rm -rf /"), refused(ONLY_FACILITATOR)),
    Row("begin-by-member", say("/begin {{ 7*7 }}"), refused(ONLY_FACILITATOR)),
    Row("verder-by-member", say("/verder -1 ²"), refused(ONLY_FACILITATOR)),
    # Commands for another bot are not for us.
    Row("export-otherbot", say("/export@otherbot"), ignored()),
    Row("idee-otherbot", say("/idee@otherbot niet voor jou"), ignored()),
    Row("klaar-otherbot", say("/klaar@otherbot"), ignored()),
    Row("unknown-otherbot", say("/vliegen@otherbot"), ignored()),
    # Stale and forged callback data.
    Row("stale-done-button", _stale_done_button, refused(STALE_BUTTON, "Oud bord")),
    Row("forged-other-subgroup", press("klaar:999999:1"), refused(STALE_BUTTON)),
    Row("forged-other-column", _forged_for_this_group, refused(STALE_BUTTON)),
    Row("forged-garbage", press("drop table"), refused(UNKNOWN_BUTTON)),
    Row("forged-empty", press(""), refused(UNKNOWN_BUTTON)),
    Row("forged-extra-part", press("klaar:1:1:extra"), refused(UNKNOWN_BUTTON)),
    Row("forged-superscript", press("terug:²:1"), refused(UNKNOWN_BUTTON)),
    Row("forged-64-bytes", press("pd:" + "9" * 61), refused(UNKNOWN_BUTTON)),
    Row("forged-delete-workshop", _forged_delete, refused(ONLY_FACILITATOR)),
    Row("forged-confirm", _forged_confirm, refused(ONLY_FACILITATOR)),
    Row("forged-vote", press("st:1:1:3:1"), refused("Het stemmen is gesloten.")),
    Row("forged-map-button", press("kaart:0:0"), refused("Kaart van")),
    # The group becomes a supergroup mid-workshop; the bot is removed and added again.
    Row(
        "migrated-to-supergroup",
        _migrated,
        stored("Na de upgrade naar supergroep"),
        then=board_shows("Na de upgrade naar supergroep"),
    ),
    Row(
        "removed-and-readded",
        _removed_and_readded,
        stored("Terug van weggeweest"),
        then=board_shows("Terug van weggeweest"),
    ),
    Row("readded-with-join-link", _readded_with_join, refused(ALREADY)),
    # Anonymous group admins: the bot cannot tell who they are.
    Row("anonymous-export", anonymous("/export"), refused(ANONYMOUS)),
    Row("anonymous-begin", anonymous("/begin"), refused(ANONYMOUS)),
    Row("anonymous-idee", anonymous("/idee Anoniem idee"), stored("Anoniem idee")),
    Row(
        "anonymous-reply",
        _anonymous_reply,
        stored("Anoniem: een veilige wijk"),
        then=board_shows("Anoniem: een veilige wijk"),
    ),
]

# Rows that show a known bug (strict xfail); empty since the last three were fixed.
XFAIL: dict[str, str] = {}


def _params():
    for row in ROWS:
        marks = [pytest.mark.xfail(strict=True, reason=XFAIL[row.id])] if row.id in XFAIL else []
        yield pytest.param(row, id=row.id, marks=marks)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def world(tmp_path_factory):
    async with Sandbox() as sandbox:
        process = BotProcess(sandbox, tmp_path_factory.mktemp("hostile") / "w.sqlite3")
        await process.start()
        try:
            fac, admin = sandbox.add_user("Fatima"), sandbox.add_user("Beheerder")
            anna, bram = sandbox.add_user("Anna"), sandbox.add_user("Bram")
            tafel_1, tafel_2 = sandbox.add_group("Tafel 1"), sandbox.add_group("Tafel 2")
            code = await workshop_with_groups(
                sandbox, fac, "de wijk <b>&</b> {{ doel }}", (tafel_1, anna), (tafel_2, bram)
            )
            await sandbox.send_message(tafel_1, anna, "/idee Iedereen doet mee")
            await sandbox.send_message(tafel_2, bram, "/idee Een groene wijk")
            subgroup = await process.storage.find_subgroup_by_chat(tafel_1.id, None)
            world = World(sandbox, process, fac, code, subgroup.workshop_id, admin, (tafel_1, anna))
            for n, row in enumerate(ROWS):
                group = sandbox.add_group(f"Rij {n} {row.id}")
                member = sandbox.add_user(f"Lid{n}")
                if row.joined:
                    await sandbox.send_message(group, member, f"/join {code}")
                world.groups[row.id] = (group, member)
            await sandbox.wait_idle(QUIET, timeout=60)
            yield world
        finally:
            await process.stop()


module_loop = pytest.mark.asyncio(loop_scope="module")


def _new_bot_messages(sandbox: Sandbox, chat: SandboxChat, after: int) -> list[str]:
    return [m.text for m in sandbox.bot_messages(chat) if m.message_id > after]


async def _keeps_working(h: Here, joined: bool) -> None:
    """The bot still answers /kaart in the row's chat."""
    sent = await h.say("/kaart")
    await h.settle()
    said = "\n".join(_new_bot_messages(h.sandbox, h.group, sent["message_id"]))
    if joined:
        assert f"Kaart van {h.group.title}" in said, said
    else:
        assert NOT_JOINED in said, said


@module_loop
@pytest.mark.parametrize("row", list(_params()))
async def test_hostile_input(world: World, row: Row, caplog: pytest.LogCaptureFixture):
    sandbox = world.sandbox
    group, member = world.groups[row.id]
    here = Here(world, group, member)
    if row.joined:
        assert "Kolom 1 van 5" in current_question(sandbox, group).text
    sent = await row.send(here)
    await here.settle()

    if here.pressed is not None:
        # A button: its toast, and any message the bot sent after the press.
        query, mark = here.pressed
        assert sent is query
        toasts = [a.text for a in sandbox.callback_answers if a.query_id == query["id"]]
        assert len(toasts) == 1, toasts  # every press is answered, or the spinner hangs
        said = [t for t in toasts if t] + _new_bot_messages(sandbox, here.group, mark)
        got_reaction = False
    else:
        said = _new_bot_messages(sandbox, here.group, sent["message_id"])
        got_reaction = bool(sandbox.reactions(here.group, sent))
    answers = await here.answers()
    expect = row.expect
    if isinstance(expect, Stored):
        assert said == [], said
        assert answers == list(expect.texts), said
        assert got_reaction
    elif isinstance(expect, Refused):
        assert len(said) == 1, said
        assert expect.part in said[0], said
        assert len(said[0]) < 400 or expect.part == "Kaart van", said
        assert answers == list(expect.kept)
    else:
        assert said == [], said
        assert answers == list(expect.kept)
    if not expect_kept(expect):
        assert not got_reaction
    assert sandbox.documents(here.group) == []
    if row.then is not None:
        await row.then(here)
    await _keeps_working(here, row.joined)
    assert _errors(caplog) == []


def _errors(caplog: pytest.LogCaptureFixture) -> list[str]:
    """What the bot logged as an error: a failed send, an exception in a handler."""
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


def expect_kept(expect: Stored | Refused | Ignored) -> tuple[str, ...]:
    return expect.texts if isinstance(expect, Stored) else expect.kept


# ---------------------------------------------------------------- the exports


def _pptx_columns(data: bytes) -> str:
    """The text of every column box of every map in the deck, in slide order, without
    whitespace and soft hyphens (as a search finds it): a long item continues on the next
    slide, a line break is a "\v", and a word too long for its column gets soft hyphens."""

    def texts(shapes):
        for shape in shapes:
            if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
                yield from texts(shape.shapes)
            elif shape.has_text_frame and shape.name.startswith("Kolom"):
                yield shape.text_frame.text

    deck = Presentation(io.BytesIO(data))
    text = "".join(t for slide in deck.slides for t in texts(slide.shapes))
    return _squeeze(text.replace("\u00ad", ""))


def _squeeze(text: str) -> str:
    return "".join(text.split())


@module_loop
async def test_the_export_reopens_and_holds_every_stored_answer_exactly(
    world: World, caplog: pytest.LogCaptureFixture
):
    sandbox, storage, fac = world.sandbox, world.bot.storage, world.fac
    stored_texts = [
        a.text
        for g in await storage.list_subgroups(world.workshop_id)
        for a in await storage.list_answers(g.id)
    ]
    # The values plenary takes every subgroup's answers; confirming puts them in the model.
    shown = await facilitator_says(sandbox, fac, "/plenair")
    assert shown.startswith("Plenair: 1 Waarden"), shown[:200]
    await sandbox.send_message(sandbox.private_chat(fac), fac, "/bevestig")
    # Over a hundred subgroups each get the confirmed values, then column 2's question and
    # board: three messages each, paced by Telegram's 30 a second.
    await sandbox.wait_idle(timeout=60)
    workshop = await storage.get_workshop(world.workshop_id)
    assert workshop.fase is Fase.KOLOMMEN
    [values] = [d for d in await storage.list_drafts(world.workshop_id) if d.confirmed]
    confirmed = [item.text for item in values.items]
    assert set(confirmed) <= set(stored_texts)

    # Tafel 1 works on to the acties: the action plan is made from those while the model
    # has none yet.
    tafel_1, anna = world.tafel_1
    for _ in range(3):
        await sandbox.send_message(tafel_1, anna, "/idee Iets")
        await sandbox.send_message(tafel_1, anna, "/klaar")
        await sandbox.wait_idle(QUIET)  # a /klaar counts for the question Anna saw
    for action in ACTIONS:
        await sandbox.send_message(tafel_1, anna, f"/idee {action}")
    await sandbox.wait_idle(QUIET)
    subgroup = await storage.find_subgroup_by_chat(tafel_1.id, None)
    assert [a.text for a in await storage.list_answers(subgroup.id, Kolom.ACTIES)] == ACTIONS
    stored_texts += [*ACTIONS, "Iets", "Iets", "Iets"]

    await sandbox.send_message(fac, fac, "/export nu; DROP TABLE {{ x }}")  # extra words
    # Building the deck of a hundred subgroups takes a while without any API call.
    await sandbox.wait_until(lambda: len(sandbox.documents(fac)) >= 5, timeout=60)
    await sandbox.wait_idle(QUIET)
    files = {d.file_name: d.data for d in sandbox.documents(fac)}
    by_ext = {
        name.rsplit(".", 1)[1]: name
        for name in files
        if "sjabloon" not in name and "participatieverslag" not in name
    }
    assert set(by_ext) >= {"pptx", "docx", "csv", "json", "md"}, sorted(files)

    doc = json.loads(files[by_ext["json"]])
    assert sorted(a["text"] for a in doc["answers"]) == sorted(stored_texts)
    assert doc["goal"] == "de wijk <b>&</b> {{ doel }}"
    assert [i["text"] for i in doc["model"]["waarden"]["items"]] == confirmed

    deck = _pptx_columns(files[by_ext["pptx"]])
    for text in stored_texts:
        assert _squeeze(text) in deck, text[:80]

    agreement = "\n".join(p.text for p in Document(io.BytesIO(files[by_ext["docx"]])).paragraphs)
    markdown = files[by_ext["md"]].decode("utf-8")
    assert "de wijk <b>&</b> {{ doel }}" in agreement  # the goal, not run as a template
    for text in confirmed:
        assert text in agreement, text[:80]
    assert "49 keer" not in agreement
    assert "49 keer" not in markdown
    [report] = [d for n, d in files.items() if "participatieverslag" in n and n.endswith(".docx")]
    said = "\n".join(p.text for p in Document(io.BytesIO(report)).paragraphs)
    assert "de wijk <b>&</b> {{ doel }}" in said
    for text in set(stored_texts):
        assert text in said, text[:80]  # every answer, as typed
    assert "49 keer" not in said

    raw_csv = files[by_ext["csv"]]
    assert raw_csv.startswith("\ufeff".encode())
    table = list(csv.reader(io.StringIO(raw_csv.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert all(len(r) == len(table[0]) for r in table), table
    assert [r[-1] for r in table[1:]] == [
        "'" + a if a.startswith(("=", "+", "-", "@")) else a for a in ACTIONS
    ]

    # And the bot still works in a subgroup after all of it.
    group, member = world.groups["4096-reply"]
    here = Here(world, group, member)
    await _keeps_working(here, joined=True)
    assert _errors(caplog) == []
