"""Forget me, delete a workshop, retention: personal data does not outstay its welcome."""

from __future__ import annotations

import io
import json
import logging
import re
import zipfile
from datetime import UTC, datetime, timedelta

import pytest

from bot import usecases
from bot.sandbox import Sandbox
from flows.kaart import Kolom
from tests.bot.conftest import BotProcess
from tests.bot.story import facilitator_says, new_workshop, workshop_with_groups
from tests.bot.test_crash_points import A2, B1, G1, G2, PLENARY, SCRIPT, play
from tests.bot.world import FakeClock as WorldClock
from tests.bot.world import FakeTelegram, World


async def _workshop(sandbox: Sandbox):
    fac, anna, bram = (sandbox.add_user(n, username=n.lower()) for n in ("Fatima", "Anna", "Bram"))
    group = sandbox.add_group("Tafel 1")
    await workshop_with_groups(sandbox, fac, "de wijk", (group, anna))
    await sandbox.send_message(group, anna, "/idee Veilige straten")
    await sandbox.send_message(group, bram, "/idee Meer groen")
    await sandbox.wait_idle()
    return fac, anna, bram, group


async def _export(sandbox: Sandbox, fac) -> None:
    """/export, given the time building the files takes on a busy machine."""
    await sandbox.send_message(sandbox.private_chat(fac), fac, "/export")
    await sandbox.wait_idle(timeout=60)


@pytest.mark.parametrize(("label", "kept"), [("zonder naam", True), ("en mijn antwoorden", False)])
async def test_a_participant_is_forgotten_at_their_choice(sandbox: Sandbox, bot, label, kept):
    fac, anna, bram, group = await _workshop(sandbox)
    await sandbox.send_message(group, anna, "/vergeet")
    await sandbox.wait_idle()
    offer = sandbox.last_bot_message(group)
    await sandbox.press_button(group, anna, offer.message_id, text=label)
    await sandbox.wait_idle()
    assert "Gedaan" in sandbox.callback_answers[-1].text

    storage = bot.storage
    workshop = await storage.latest_workshop_of_facilitator(fac.id)
    people = {p.user_id: p for p in await storage.list_participants(workshop.id)}
    assert anna.id not in people
    assert bram.id in people
    rows = await storage.db.fetch_all(
        "SELECT first_name, username, user_id FROM participants WHERE workshop_id = ?",
        (workshop.id,),
    )
    assert not [r for r in rows if r["first_name"] == "Anna" or r["username"] == "anna"]
    texts = [a.text for a in await storage.list_workshop_answers(workshop.id)]
    assert ("Veilige straten" in texts) is kept
    assert "Meer groen" in texts
    authors = {a.text: a.author for a in await storage.list_workshop_answers(workshop.id)}
    if kept:  # without a name: like an answer typed in from paper, not by a "—"
        assert authors["Veilige straten"] is None
    assert len(people) == 1  # nobody stands in for her (a nameless member to remind)
    # The export no longer names her.
    await _export(sandbox, fac)
    [data] = [
        d for d in sandbox.documents(sandbox.private_chat(fac)) if d.file_name.endswith(".json")
    ]
    doc = json.loads(data.data)
    assert [p["name"] for p in doc["participants"]] == ["Bram"]
    assert [g["members"] for g in doc["subgroups"]] == [["Bram"]]
    assert {a["text"]: a["author"] for a in doc["answers"]}.get("Veilige straten") is None
    assert "anna" not in data.data.decode().lower()


async def test_the_facilitator_deletes_the_whole_workshop(sandbox: Sandbox, bot):
    fac, anna, _, group = await _workshop(sandbox)
    await facilitator_says(sandbox, fac, "/verwijder")
    offer = sandbox.last_bot_message(sandbox.private_chat(fac))
    # A participant pressing the facilitator's button is refused.
    await sandbox.press_button(sandbox.private_chat(fac), anna, offer.message_id, check=False,
                               callback_data=offer.buttons[0][1])  # fmt: skip
    await sandbox.wait_idle()
    assert "alleen de facilitator" in sandbox.callback_answers[-1].text
    await sandbox.press_button(sandbox.private_chat(fac), fac, offer.message_id, text="verwijder")
    await sandbox.wait_idle()
    assert await bot.storage.find_subgroup_by_chat(group.id, None) is None
    count = await bot.storage.db.fetch_one("SELECT COUNT(*) AS n FROM answers")
    assert count["n"] == 0


async def test_ended_workshops_are_purged_after_the_retention_period(sandbox: Sandbox, db_path):
    class Clock:
        now = datetime(2026, 11, 29, 10, 0, tzinfo=UTC)

        def __call__(self):
            return self.now

    clock = Clock()
    bot = BotProcess(sandbox, db_path, clock=clock, manual_time=True)
    bot.settings = bot.settings.__class__(**{**bot.settings.__dict__, "retention_days": 30})
    await bot.start()
    try:
        fac, _, _, group = await _workshop(sandbox)
        await facilitator_says(sandbox, fac, "/einde")
        clock.now += timedelta(days=29)
        await bot.tick()
        assert await bot.storage.find_subgroup_by_chat(group.id, None) is not None
        clock.now += timedelta(days=2)
        await bot.tick()
        assert await bot.storage.find_subgroup_by_chat(group.id, None) is None
        answers = await bot.storage.db.fetch_one("SELECT COUNT(*) AS n FROM answers")
        assert answers["n"] == 0
    finally:
        await bot.stop()


# --- forgetting leaves nothing behind -------------------------------------------------

NAME = "Xanthippe"
USERNAME = "xanthippe_vlinder"
USER_ID = 7306615249
VALUE = "Wekelijks kwispelcafé in de Vlinderhof"  # her value, merged and edited in plenary
EXAMPLE = "Bij ons regelt buurthuis De Kwispelhoek het busje"  # quoted back by a reminder
SILENT = "Zonnebloemsoep op vrijdag bij de Pruimenboom"  # written in silence, privately
# Words that are hers alone: a fragment of an answer is as telling as the whole.
FRAGMENTS = ("Vlinderhof", "kwispelcafé", "Kwispelhoek", "Zonnebloemsoep", "Pruimenboom")


def _traces(data: bytes) -> list[str]:
    """What of her is still in these bytes: name, username, id, answer texts."""
    found = [t for t in (NAME, USERNAME, VALUE, EXAMPLE, SILENT, *FRAGMENTS)
             if t.encode() in data or t.lower().encode() in data.lower()]  # fmt: skip
    if re.search(rb"(?<![0-9])%d(?![0-9])" % USER_ID, data):
        found.append(f"id {USER_ID} as a number in text")
    if USER_ID.to_bytes(6, "big") in data:  # as SQLite stores the integer in a record
        found.append(f"id {USER_ID} as a stored integer")
    return found


def _in_files(documents) -> dict[str, list[str]]:
    """Her traces per exported file (inside the zip of a pptx or docx as well)."""
    traces = {}
    for doc in documents:
        parts = [doc.data]
        if doc.data[:2] == b"PK":
            with zipfile.ZipFile(io.BytesIO(doc.data)) as archive:
                parts = [archive.read(n) for n in archive.namelist()]
        traces[doc.file_name] = [t for part in parts for t in _traces(part)]
    return {name: found for name, found in traces.items() if found}


def _database_files(db_path) -> dict[str, bytes]:
    files = {}
    for suffix in ("", "-wal", "-journal"):
        path = db_path.with_name(db_path.name + suffix)
        if path.exists():
            files[path.name] = path.read_bytes()
    return files


class _Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 29, 10, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def forward(self, minutes: float) -> None:
        self.now += timedelta(minutes=minutes)


async def test_forgetting_with_her_answers_leaves_no_trace_in_the_database_exports_or_logs(
    sandbox: Sandbox, db_path, caplog
):
    caplog.set_level(logging.DEBUG)
    clock = _Clock()
    bot = BotProcess(sandbox, db_path, clock=clock, manual_time=True)
    await bot.start()
    fac = sandbox.add_user("Fatima")
    her = sandbox.add_user(NAME, username=USERNAME, user_id=USER_ID)
    bram, cees = sandbox.add_user("Bram"), sandbox.add_user("Cees")
    group = sandbox.add_group("Tafel 1", members=[her, bram, cees])
    try:
        code = await new_workshop(sandbox, fac, "de wijk")
        await sandbox.send_message(group, bram, f"/join {code}")
        await sandbox.send_message(group, her, "/rol")
        await sandbox.wait_idle()
        roles = sandbox.last_bot_message(group)
        await sandbox.press_button(group, her, roles.message_id, roles.buttons[0][1])
        await facilitator_says(sandbox, fac, "/stilschrijven 3")
        await facilitator_says(sandbox, fac, "/begin")

        # Stap 2: the others talk, she is quiet; the bot invites her by name.
        for minute, who, text in ((1, bram, "Respect"), (1, cees, "Vertrouwen"),
                                  (2, bram, "Eerlijkheid"), (2, cees, "Samen doen"),
                                  (4, bram, "Open zijn")):  # fmt: skip
            clock.forward(minute)
            await sandbox.send_message(group, who, f"/idee {text}")
            await sandbox.wait_idle()
        assert any(m.text.startswith(f"{NAME}, wat denk jij") for m in sandbox.bot_messages(group))
        await sandbox.send_message(group, her, f"/idee {VALUE}")
        await sandbox.send_message(group, bram, "/klaar")
        await sandbox.wait_idle()

        # Stap 3: her value is merged with Bram's, reworded, voted on (she votes too).
        await facilitator_says(sandbox, fac, "/plenair")
        workshop = await bot.storage.latest_workshop_of_facilitator(fac.id)
        texts = [i.text for i in (await bot.storage.get_draft(workshop.id, Kolom.WAARDEN)).items]
        await facilitator_says(
            sandbox, fac, f"/samen {texts.index(VALUE) + 1} {texts.index('Respect') + 1}"
        )
        texts = [i.text for i in (await bot.storage.get_draft(workshop.id, Kolom.WAARDEN)).items]
        await facilitator_says(sandbox, fac, f"/tekst {texts.index(VALUE) + 1} {VALUE}, met hond")
        await facilitator_says(sandbox, fac, "/stemmen 2")
        vote = sandbox.last_bot_message(group)
        await sandbox.press_button(group, her, vote.message_id, text="1. ")
        await sandbox.press_button(group, bram, vote.message_id, text="2. ")
        await sandbox.wait_idle()
        await facilitator_says(sandbox, fac, "/telling")
        await facilitator_says(sandbox, fac, "/bevestig")

        # Stap 4: her example from home is quoted back to the group, with her name.
        clock.forward(3)
        await sandbox.send_message(group, her, f"/idee {EXAMPLE}")
        await sandbox.wait_idle()
        assert any("Kwispelhoek" in m.text for m in sandbox.bot_messages(group))
        await sandbox.send_message(group, bram, "/idee Korte lijnen")
        await sandbox.send_message(group, bram, "/klaar")
        await sandbox.send_message(group, cees, "/klaar")  # the group agrees
        # Column 3 is written in silence: her answer comes from her private chat.
        await sandbox.send_message(sandbox.private_chat(her), her, SILENT)
        await sandbox.send_message(sandbox.private_chat(bram), bram, "Elkaar bellen")
        await sandbox.wait_idle()
        await sandbox.send_message(group, bram, "/klaar")
        await sandbox.wait_idle()
        assert any(f"({NAME})" in m.text for m in sandbox.bot_messages(group))
        assert _traces(b"".join(_database_files(db_path).values()))  # she is in there now

        # She asks to be forgotten, answers and all.
        mine = sandbox.private_chat(her)
        await sandbox.send_message(mine, her, "/vergeet")
        await sandbox.wait_idle()
        offer = sandbox.last_bot_message(mine)
        await sandbox.press_button(mine, her, offer.message_id, text="en mijn antwoorden")
        await sandbox.wait_idle()
        assert "Gedaan" in sandbox.callback_answers[-1].text

        # The database as it is on disk while the bot runs on: file and write-ahead log.
        assert {n: _traces(b) for n, b in _database_files(db_path).items() if _traces(b)} == {}
        # The others' answers are all still there.
        kept = {a.text for a in await bot.storage.list_workshop_answers(workshop.id)}
        assert {"Respect", "Vertrouwen", "Korte lijnen", "Elkaar bellen"} <= kept

        # Exports made afterwards: none of the files holds her.
        await _export(sandbox, fac)
        documents = sandbox.documents(sandbox.private_chat(fac))
        assert {d.file_name.rsplit(".", 1)[1] for d in documents} >= {"json", "md"}
        assert _in_files(documents) == {}
        values = json.loads(next(d.data for d in documents if d.file_name.endswith(".json")))
        merged = values["model"]["waarden"]["items"]
        assert "Respect" in [i["text"] for i in merged]  # the merged item keeps Bram's words
    finally:
        await bot.stop()

    # And once the bot stopped (its last checkpoint done).
    assert {n: _traces(b) for n, b in _database_files(db_path).items() if _traces(b)} == {}
    logged = caplog.text + "\n".join(r.getMessage() for r in caplog.records)
    assert caplog.records
    assert _traces(logged.encode()) == []


async def test_forgetting_during_a_vote_takes_her_item_off_and_stops_the_vote(tmp_path):
    """Use cases driven directly: Bram's only value is on the list being voted on."""
    world = await World(tmp_path / "vote.sqlite3", WorldClock(), FakeTelegram()).start()
    try:
        voted = next(i for i, step in enumerate(SCRIPT) if step.name == "stem")
        for index in range(voted + 2):  # up to the second vote
            await play(world, index)
        workshop = await world.storage.latest_workshop()
        before = await world.storage.get_draft(workshop.id, workshop.plenary_column)
        assert before.voting
        assert "Iedereen doet mee" in [i.text for i in before.items]
        inc = World.incoming(G1, A2, None, message_id=8000)
        handled = await world.deliver(
            lambda s: usecases.forget_confirmed(s, inc, workshop.id, "w"), "cb:forget"
        )
        assert "gewist" in handled.outcome.toast

        after = await world.storage.get_draft(workshop.id, workshop.plenary_column)
        assert [i.text for i in after.items] == ["Samen beslissen", "Vertrouwen"]
        assert not any(i.text == "Iedereen doet mee" for h in after.history for i in h)
        assert not after.voting
        assert after.version > before.version  # buttons on the old list are refused
        assert await world.storage.vote_counts(workshop.id, after.kolom) == ({}, 0)
        told = world.telegram.texts_to(PLENARY.chat_id)
        assert any("van de lijst gehaald: 1 Waarden" in t for t in told)
        assert any("stemmen gestopt" in t for t in told)
        assert "Bram" not in "\n".join(told[-2:])
        # A vote pressed on the old voting message is refused kindly, not counted.
        press = World.incoming(G2, B1, None, message_id=8001)
        late = await world.deliver(
            lambda s: usecases.vote(s, press, int(after.kolom), before.version, 2, 1), "cb:late"
        )
        assert "gesloten" in late.outcome.toast
    finally:
        await world.stop()
