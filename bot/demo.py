"""The offline demo: a whole half-day workshop against the sandbox, as a transcript.

Three subgroups (two group chats and a topic of a forum group) and a paper table go
through the method's six steps: the facilitator opens, the groups name their values,
a plenary merges and confirms them, the groups fill columns 2 to 5, a second plenary
builds the joint model column by column, and the facilitator exports it.
"""

from __future__ import annotations

import asyncio
import re
import socket
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.app import RunningBot, Settings, build_application
from bot.sandbox import Sandbox, SentDocument, TranscriptEvent

GOAL = "de gebiedsontwikkeling van Noord"

# Per table, per column: (member, how, text). how: "reply" (to the bot's question),
# "idee", "plain" (a normal message, seen because the bot is admin there), "talk" (a
# reply to the previous member's message: dialogue, not an answer) or "wacht" (minutes
# pass without anyone typing).
SCRIPT: dict[str, dict[int, list[tuple[str, str, str]]]] = {
    "Tafel 1": {
        1: [
            ("Anna", "reply", "Bewoners voelen zich thuis en veilig in hun buurt"),
            ("Bram", "idee", "Iedereen kan meedoen, ook wie weinig tijd of geld heeft"),
            ("Chris", "plain", "Beslissingen nemen we samen met bewoners"),
        ],
        2: [
            # Anna stays quiet while Bram and Chris answer: the bot invites her, kindly.
            ("Bram", "reply", "Gelijkwaardige partners: iedereen geeft en krijgt iets"),
            ("Chris", "idee", "De gemeente luistert eerst en stuurt daarna pas"),
            ("Bram", "plain", "Bewoners krijgen op tijd informatie"),
            ("Chris", "reply", "Professionals nemen bewoners serieus"),
            ("", "wacht", "2"),
            ("Anna", "reply", "Jongeren praten ook mee, niet alleen de ouderen"),
        ],
        3: [("Chris", "reply", "Professionals gaan de wijk in")],
        4: [("Anna", "reply", "Een vaste plek in de wijk om elkaar te ontmoeten")],
        5: [("Chris", "reply", "Gemeente, voor 1 maart: eerste buurtavond organiseren")],
    },
    "Tafel 2": {
        1: [
            ("Dewi", "reply", "Iedereen kan mee doen"),
            ("Erik", "idee", "Meer groen in de wijk"),
            ("Fleur", "reply", "Een veilige buurt voor iedereen"),
        ],
        2: [("Erik", "reply", "Partners zijn gelijkwaardig")],
        3: [
            # An answer from the own network: the bot asks how it translates elsewhere.
            ("Dewi", "idee", "Bij ons in de wijk doen we dat met buurthuis De Sleutel"),
            ("Fleur", "reply", "Bewoners brengen hun kennis van de buurt in"),
            ("Erik", "reply", "Goed luisteren naar elkaar"),
        ],
        4: [("Erik", "idee", "Budget dat bewoners zelf mogen besteden")],
        5: [("Fleur", "reply", "Bewonerscommissie, in april: wensen voor het groen ophalen")],
    },
    "Tafel 3": {
        1: [
            ("Gijs", "reply", "Samen beslissen over de buurt"),
            ("Hanna", "idee", "Een groene wijk met ruimte om te spelen"),
        ],
        2: [("Hanna", "reply", "We vertrouwen elkaar en komen afspraken na")],
        3: [("Gijs", "idee", "Iedereen kan goed luisteren en vragen stellen")],
        4: [
            # Answers pile up without anyone reacting: the bot asks to build on each other.
            ("Hanna", "reply", "Tijd voor professionals om bij bewonersavonden te zijn"),
            ("Gijs", "idee", "Een potje geld voor kleine plannen"),
            ("Hanna", "idee", "Vergaderen op tijden dat werkende bewoners kunnen"),
            ("Gijs", "idee", "Een website met alle plannen"),
            ("Hanna", "idee", "Tolken voor wie de taal nog leert"),
            ("Gijs", "idee", "Een vaste contactpersoon per straat"),
            ("Hanna", "talk", "Gijs, wat bedoel je precies met een potje geld?"),
        ],
        5: [("Gijs", "idee", "Welzijnswerk, elke maand: spreekuur in het buurthuis")],
    },
}
# What the facilitator types for the paper table, per column.
# The closing round after the model is confirmed: (table, person, command, answer).
CLOSING = [
    ("Tafel 1", "Anna", "/geleerd", "Bewoners en de gemeente willen vaak hetzelfde"),
    ("Tafel 2", "Erik", "/meenemen", "Ik vraag bewoners eerder om mee te denken"),
    ("Tafel 3", "Gijs", "/geleerd", "Doorvragen helpt: dan snap je elkaar beter"),
]

PAPER: dict[int, list[str]] = {
    1: ["Iedereen doet mee", "Winkels en bedrijven blijven in de wijk"],
    2: ["Korte lijnen tussen bewoners en gemeente"],
    3: ["Afspraken nakomen"],
    4: ["Een vast aanspreekpunt bij de gemeente"],
    5: ["Ondernemersvereniging, in mei: markt op het plein"],
}
# How often the bot's clock job looks at the (simulated) time during the demo.
TICK_SECONDS = 0.05
MEMBERS = {"Tafel 1": ("Anna", "Bram", "Chris"), "Tafel 2": ("Dewi", "Erik", "Fleur"),
           "Tafel 3": ("Gijs", "Hanna")}  # fmt: skip


class DemoClock:
    """The workshop's own time: a half-day session played in seconds."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def forward(self, minutes: float) -> None:
        self.now += timedelta(minutes=minutes)


@dataclass
class TranscriptPrinter:
    """Prints the conversation as it happens, readable for a person."""

    clock: DemoClock

    def __call__(self, event: TranscriptEvent) -> None:
        if event.kind in ("rate_limited", "edit_markup", "delete", "service", "my_chat_member"):
            return
        when = self.clock().strftime("%H:%M")
        where = event.chat_title + (f" › {event.topic}" if event.topic else "")
        text = event.text
        if event.kind == "edit" and event.actor.startswith("🤖"):
            if text.startswith("Status:"):
                return  # the status board keeps itself up to date; once is enough to show
            text = "(bijgewerkt) " + text.split("\n", 1)[0]
        elif event.kind == "reaction":
            text = f"{text} bij bericht #{event.message_id}"
        text = re.sub(r"\n\[buttons: .*\]$", "  [knoppen]", text, flags=re.DOTALL)
        body = text.replace("\n", "\n" + " " * 5)
        print(f"{when}  [{where}] {event.actor}: {body.replace(chr(10), chr(10) + ' ' * 2)}",
              flush=True)  # fmt: skip


def _fresh_database(out_dir: Path) -> Path:
    """A new demo database in out_dir, so every run starts from an empty workshop."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for stale in out_dir.glob("demo.sqlite3*"):
        stale.unlink()
    return out_dir / "demo.sqlite3"


# The live board of the demo: this port when it is free, else any free one.
DEMO_WEB_PORT = 8080
# Called while the room's screen shows something worth a look: (moment, links).
OnScreen = Callable[[str, "ScreenLinks"], Awaitable[None]]


@dataclass(frozen=True)
class ScreenLinks:
    """The two links /scherm gave: for the projector, and the facilitator's control."""

    projector: str
    control: str


def _demo_address() -> str:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", DEMO_WEB_PORT))
        except OSError:
            return "127.0.0.1:0"
    return f"127.0.0.1:{DEMO_WEB_PORT}"


async def run_demo(
    out_dir: Path,
    *,
    quiet: bool = False,
    on_screen: OnScreen | None = None,
    web: str | None = None,
    listen: Callable[[TranscriptEvent], None] | None = None,
) -> int:
    """Run the scripted workshop, print the transcript, write the PPTX into out_dir.
    The room's screen runs on 127.0.0.1 while it plays (``on_screen`` may look at it):
    on ``web`` when given (tests: any free port), else on port 8080 when it is free.
    ``listen`` hears every event of the conversation (the language measure reads the
    bot's messages with it)."""
    db_path = _fresh_database(out_dir)
    started = time.monotonic()
    clock = DemoClock()
    async with Sandbox(bot_username="partnerschapkaart_bot") as sandbox:
        if not quiet:
            sandbox.on_event(TranscriptPrinter(clock))
        if listen is not None:
            sandbox.on_event(listen)
        settings = Settings(
            token=sandbox.token,
            base_url=sandbox.base_url,
            db_path=db_path,
            board_delay=0.2,
            poll_timeout=1,
            tick_seconds=TICK_SECONDS,
            web=web or _demo_address(),
        )
        bot = RunningBot(build_application(settings, clock), poll_timeout=1)
        await bot.start()
        if not quiet:
            print(f"Het scherm voor de zaal draait op {bot.app.bot_data.board.public_url} "
                  "zolang de demo loopt. Open de link die /scherm hieronder geeft.\n")  # fmt: skip
        try:
            documents = await Workshop(sandbox, clock, on_screen).play()
        finally:
            await bot.stop()
    print("\nDe bestanden van de workshop:")
    for document in {d.file_name: d for d in documents}.values():
        path = out_dir / document.file_name
        path.write_bytes(document.data)
        print(f"  {path}")
    print(f"({time.monotonic() - started:.1f} s)")
    return 0


class Workshop:
    """The scripted session: people, chats, and what they type when."""

    def __init__(
        self, sandbox: Sandbox, clock: DemoClock, on_screen: OnScreen | None = None
    ) -> None:
        self.sb = sandbox
        self.clock = clock
        self.on_screen = on_screen
        self.links: ScreenLinks | None = None
        self.fac = sandbox.add_user("Fatima", username="fatima_facilitator")
        self.people = {name: sandbox.add_user(name) for names in MEMBERS.values() for name in names}
        # The facilitator steers from a private chat with the bot, shown on the room's
        # screen (a group would work too, under Telegram's 20-messages-a-minute limit).
        self.plenary = sandbox.private_chat(self.fac)
        self.chats = {
            "Tafel 1": sandbox.add_group(
                "Tafel 1",
                members=[self.people[n] for n in MEMBERS["Tafel 1"]],
                bot_is_admin=True,
            ),
            "Tafel 2": sandbox.add_group(
                "Tafel 2",
                members=[self.people[n] for n in MEMBERS["Tafel 2"]],
                bot_is_admin=True,
            ),
        }
        self.forum = sandbox.add_group(
            "Noord (forum)",
            forum=True,
            supergroup=True,
            bot_is_admin=True,
            members=[self.people[n] for n in MEMBERS["Tafel 3"]],
        )
        self.topic = sandbox.add_topic(self.forum, "Tafel 3", by=self.people["Gijs"])
        self.chats["Tafel 3"] = self.forum
        self.threads = {"Tafel 1": None, "Tafel 2": None, "Tafel 3": self.topic}
        self._last_answer: dict[str, int] = {}

    async def _idle(self, quiet: float = 0.05) -> None:
        await self.sb.wait_idle(quiet=quiet)

    async def pass_time(self, minutes: float, settle: float = TICK_SECONDS * 2.5) -> None:
        """Let workshop time pass; the bot's clock job looks at it before we go on."""
        self.clock.forward(minutes)
        await asyncio.sleep(settle)
        await self._idle()

    async def facilitator(self, text: str) -> str:
        """Fatima types in the plenary chat; returns what the bot answered."""
        sent = await self.sb.send_message(self.plenary, self.fac, text)
        await self._idle(0.15)
        said = [m.text for m in self.sb.bot_messages(self.plenary)
                if m.message_id > sent["message_id"]]  # fmt: skip
        return "\n".join(said)

    async def tap_hint(self, sign: str, a: int, b: int) -> None:
        """Fatima taps 🤝 (merge) or ≠ (they differ) under a hint of the plenary list."""
        board = [m for m in self.sb.bot_messages(self.plenary) if m.text.startswith("Plenair")]
        first, second = sorted((a, b))
        wanted = f"{sign} {first}+{second}" if sign == "🤝" else f"{sign} {first}/{second}"
        data = next((d for label, d in board[-1].buttons if label == wanted), None)
        if data is None:
            raise AssertionError(f"no hint button {wanted!r} under the list")
        await self.sb.press_button(self.plenary, self.fac, board[-1], data)
        await self._idle(0.15)

    def hinted(self, number: int) -> int:
        """The item the list's hint under item ``number`` says it looks like."""
        board = [m for m in self.sb.bot_messages(self.plenary) if m.text.startswith("Plenair")]
        lines = board[-1].text.splitlines()
        at = next(k for k, line in enumerate(lines) if line.startswith(f"{number}. "))
        for line in lines[at + 1 :]:
            if re.match(r"\d+\. ", line):
                break
            found = re.search(r"≈ Lijkt op punt (\d+)", line)
            if found:
                return int(found[1])
        raise AssertionError(f"no hint under item {number}")

    def position(self, needle: str) -> int:
        """The number of the first item on the plenary list that contains needle."""
        board = [m for m in self.sb.bot_messages(self.plenary) if m.text.startswith("Plenair")]
        for line in board[-1].text.splitlines():
            found = re.match(r"(\d+)\. (.*)", line)
            if found and needle.lower() in found[2].lower():
                return int(found[1])
        raise AssertionError(f"{needle!r} not on the list")

    async def member(self, table: str, name: str, how: str, text: str) -> None:
        """One scripted line of a table; an answer takes a minute of workshop time."""
        if how == "wacht":  # a quiet spell: give the clock job ample time to notice it
            await self.pass_time(float(text), settle=TICK_SECONDS * 12)
            return
        chat, thread, user = self.chats[table], self.threads[table], self.people[name]
        reply_to = None
        if how == "reply":
            reply_to = [m for m in self.sb.bot_messages(chat, thread) if m.force_reply][-1]
            reply_to = reply_to.message_id
        elif how == "talk":  # a reaction to the previous answer: dialogue
            reply_to = self._last_answer[table]
        typed = f"/idee {text}" if how == "idee" else text
        sent = await self.sb.send_message(chat, user, typed, reply_to=reply_to, thread_id=thread)
        if how != "talk":
            self._last_answer[table] = sent["message_id"]
        await self.pass_time(1)

    async def fill(self, column: int) -> None:
        """Every table gives its answers for a column and says it is done."""
        for table, columns in SCRIPT.items():
            for name, how, text in columns[column]:
                await self.member(table, name, how, text)
            await self.done(table)
        lines = "\n".join(PAPER[column])
        await self.facilitator(f"/typ 4 {column}\n{lines}")

    async def done(self, table: str) -> None:
        """The last member says the table is done; the group is asked, and the first
        member agrees with a tap."""
        chat, thread = self.chats[table], self.threads[table]
        closer, agrees = (self.people[n] for n in (MEMBERS[table][-1], MEMBERS[table][0]))
        sent = await self.sb.send_message(chat, closer, "/klaar", thread_id=thread)
        await self._idle(0.1)
        asked = [
            m for m in self.sb.bot_messages(chat, thread)
            if m.message_id > sent["message_id"] and any(d.startswith("gk:") for _, d in m.buttons)
        ]  # fmt: skip
        if asked:
            yes = next(d for _, d in asked[-1].buttons if d.endswith(":j"))
            await self.sb.press_button(chat, agrees, asked[-1], yes)
            await self._idle(0.1)

    async def screen_on(self) -> None:
        """/scherm: the links to the room's screen and to the control view."""
        said = await self.facilitator("/scherm")
        projector = re.search(r"http://\S+/scherm#\S+", said)
        control = re.search(r"http://\S+/bediening#\S+", said)
        if projector and control:
            self.links = ScreenLinks(projector[0], control[0])

    async def look(self, moment: str) -> None:
        if self.on_screen is not None and self.links is not None:
            await self.on_screen(moment, self.links)

    async def play(self) -> list[SentDocument]:
        # Stap 1: the workshop, its subgroups and the paper table.
        reply = await self.facilitator(f"/nieuw {GOAL}")
        code = reply.split("/join ")[1].split()[0]
        await self.sb.add_bot_to_group(
            self.chats["Tafel 1"], self.people["Anna"], start_payload=code
        )
        await self.sb.send_message(self.chats["Tafel 2"], self.people["Dewi"], f"/join {code}")
        await self.sb.send_message(
            self.forum, self.people["Gijs"], f"/join {code}", thread_id=self.topic
        )
        await self._idle()
        await self.facilitator("/tafel Tafel 4")

        # Stap 2: values in the subgroups.
        await self.facilitator("/begin")
        await self.fill(1)
        await self.facilitator("/status")

        # Stap 3: the values plenary on the room's screen; the facilitator merges,
        # rephrases and confirms.
        await self.facilitator("/plenair")
        await self.screen_on()
        await self.look("plenair")
        # The bot did not put these together, but hints they look alike ("≈ Lijkt op
        # punt 6"): the room agrees, Fatima taps 🤝. One hint the room says no to (≠).
        await self.tap_hint("🤝", self.position("Beslissingen"), self.position("Samen beslissen"))
        safe = self.position("veilige buurt")
        await self.tap_hint("≠", safe, self.hinted(safe))
        await self.facilitator(
            f"/samen {self.position('Iedereen kan meedoen')} {self.position('Iedereen doet mee')}"
        )
        # A merged item keeps every wording: the room picks the one it likes best.
        await self.facilitator(f"/kies {self.position('veilige buurt')} 1")
        await self.facilitator("/bevestig")

        # Stap 4: columns 2 to 5 in the subgroups, building on the values; today the
        # facilitator gives it 20 minutes.
        await self.facilitator("/tijd 20")
        for column in (2, 3, 4, 5):
            await self.fill(column)
            if column == 3:
                await self.look("voortgang")

        # Stap 5: the model plenary, column by column, then the last look at all five.
        await self.facilitator("/plenair")
        await self.facilitator("/bevestig")  # relaties
        # 📍 marks an answer of one network: the room says it so it works elsewhere too.
        await self.facilitator(
            f"/tekst {self.position('De Sleutel')} Een buurthuis waar partners elkaar treffen"
        )
        await self.facilitator("/erbij Elkaar helpen om mee te doen")
        await self.facilitator("/bevestig")  # handelen
        await self.facilitator("/bevestig")  # voorwaarden
        await self.facilitator(f"/zet {self.position('Ondernemersvereniging')} 1")
        await self.facilitator("/bevestig")  # acties
        await self.facilitator("/bevestig")  # het hele model

        # The closing round: what did we learn, what do we take home (the method's
        # learning outcomes); the answers go into the export.
        await self.facilitator("/afsluiten")
        for table, name, command, text in CLOSING:
            chat, thread = self.chats[table], self.threads[table]
            # Telegram lets a bot send 20 messages a minute to a group, so the question can
            # take a moment to arrive: people answer once they see it.
            await self.sb.wait_until(
                lambda c=chat, t=thread, asked=command: any(
                    asked in m.text for m in self.sb.bot_messages(c, t)
                ),
                timeout=90,
            )
            await self.sb.send_message(
                chat, self.people[name], f"{command} {text}", thread_id=thread
            )
            await self.pass_time(1)

        # Stap 6: the export, and the blank templates for a next session.
        # The data file comes last in the export set, the 16:9 template last of /sjabloon.
        await self.sb.send_message(self.plenary, self.fac, "/export")
        await self.sb.wait_until(lambda: self._sent(".json"), timeout=20)
        await self.facilitator("/sjabloon")
        await self.sb.wait_until(lambda: self._sent("-sjabloon-16x9-"), timeout=20)
        return self.sb.documents(self.plenary)

    def _sent(self, part: str) -> bool:
        """True once a document whose name holds part reached the plenary chat."""
        return any(part in d.file_name for d in self.sb.documents(self.plenary))
