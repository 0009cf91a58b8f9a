"""The offline demo: a scripted subgroup fills the whole map against the sandbox."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from bot.app import RunningBot, Settings, build_application
from bot.sandbox import Sandbox, TranscriptEvent

GOAL = "de gebiedsontwikkeling van Noord"

# (member, how, text): how is "reply" (to the bot's question), "idee" or "plain".
SCRIPT: dict[int, list[tuple[str, str, str]]] = {
    1: [
        ("Anna", "reply", "Bewoners voelen zich thuis en veilig in hun buurt"),
        ("Bram", "idee", "Iedereen kan meedoen, ook wie weinig tijd of geld heeft"),
        ("Chris", "plain", "Beslissingen nemen we samen, niet over bewoners heen"),
        ("Anna", "reply", "Er is meer groen en ruimte om te spelen"),
    ],
    2: [
        ("Bram", "reply", "Gelijkwaardige partners: iedereen geeft en krijgt iets"),
        ("Chris", "idee", "De gemeente luistert eerst en stuurt daarna pas"),
        ("Anna", "plain", "We vertrouwen elkaar en komen afspraken na"),
    ],
    3: [
        (
            "Chris",
            "reply",
            "Professionals gaan de wijk in in plaats van achter het bureau te blijven",
        ),
        ("Anna", "idee", "Bewoners brengen hun kennis van de buurt in"),
        ("Bram", "reply", "Iedereen kan goed luisteren en vragen stellen"),
    ],
    4: [
        ("Anna", "reply", "Een vaste plek in de wijk om elkaar te ontmoeten"),
        ("Chris", "idee", "Budget dat bewoners zelf mogen besteden"),
        ("Bram", "plain", "Tijd voor professionals om aan te sluiten bij bewonersavonden"),
    ],
    5: [
        ("Chris", "reply", "Gemeente, voor 1 maart: eerste buurtavond organiseren"),
        ("Anna", "idee", "Bewonerscommissie, in april: wensen voor het groen ophalen"),
        ("Bram", "reply", "Welzijnswerk, elke maand: spreekuur in het buurthuis"),
    ],
}


@dataclass
class TranscriptPrinter:
    """Prints the conversation as it happens, readable for a person."""

    started: float

    def __call__(self, event: TranscriptEvent) -> None:
        if event.kind in ("rate_limited", "edit_markup", "delete"):
            return
        when = f"{time.monotonic() - self.started:5.1f}s"
        where = event.chat_title + (f" › {event.topic}" if event.topic else "")
        text = event.text
        if event.kind == "edit" and event.actor.startswith("🤖"):
            text = "(bord bijgewerkt) " + text.split("\n", 1)[0]
        elif event.kind == "reaction":
            text = f"{text} bij bericht #{event.message_id}"
        body = text.replace("\n", "\n" + " " * 12)
        print(f"{when}  [{where}] {event.actor}: {body}", flush=True)


def _fresh_database(out_dir: Path) -> Path:
    """A new demo database in out_dir, so every run starts from an empty workshop."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for stale in out_dir.glob("demo.sqlite3*"):
        stale.unlink()
    return out_dir / "demo.sqlite3"


async def run_demo(out_dir: Path, *, quiet: bool = False) -> int:
    """Run the scripted workshop, print the transcript, write the PPTX into out_dir."""
    db_path = _fresh_database(out_dir)
    started = time.monotonic()
    async with Sandbox(bot_username="partnerschapkaart_bot") as sandbox:
        if not quiet:
            sandbox.on_event(TranscriptPrinter(started))
        settings = Settings(
            token=sandbox.token,
            base_url=sandbox.base_url,
            db_path=db_path,
            board_delay=0.2,
            poll_timeout=1,
        )
        bot = RunningBot(build_application(settings), poll_timeout=1)
        await bot.start()
        try:
            document = await _play(sandbox)
        finally:
            await bot.stop()
    path = out_dir / document.file_name
    path.write_bytes(document.data)
    print(f"\nDe kaart staat in: {path}  ({time.monotonic() - started:.1f} s)")
    return 0


async def _play(sandbox: Sandbox):
    fac = sandbox.add_user("Fatima", username="fatima_facilitator")
    members = {n: sandbox.add_user(n) for n in ("Anna", "Bram", "Chris")}
    group = sandbox.add_group("Tafel 1", members=list(members.values()))
    fac_chat = sandbox.private_chat(fac)

    await sandbox.send_message(fac_chat, fac, f"/nieuw {GOAL}")
    await sandbox.wait_idle()
    code = sandbox.last_bot_message(fac_chat).text.split("/join ")[1].split()[0]
    await sandbox.add_bot_to_group(group, members["Anna"], start_payload=code)
    await sandbox.wait_idle()

    for column, lines in SCRIPT.items():
        for name, how, text in lines:
            user = members[name]
            if how == "idee":
                await sandbox.send_message(group, user, f"/idee {text}")
            elif how == "reply":
                question = [m for m in sandbox.bot_messages(group) if m.force_reply][-1]
                await sandbox.send_message(group, user, text, reply_to=question.message_id)
            else:
                await sandbox.send_message(group, user, text)
            await sandbox.wait_idle(quiet=0.1)
        if column == 3:
            await sandbox.send_message(group, members["Anna"], "/kaart")
            await sandbox.wait_idle(quiet=0.1)
        closer = members["Chris"] if column % 2 else members["Bram"]
        await sandbox.send_message(group, closer, "/klaar")
        await sandbox.wait_idle(quiet=0.3)

    await sandbox.send_message(fac_chat, fac, "/export")
    await sandbox.wait_until(lambda: sandbox.documents(fac_chat), timeout=20)
    return sandbox.documents(fac_chat)[-1]
