"""The method's two meetings and its closing round, end to end against the sandbox.

First a meeting in groups of one kind (/homogeen: /indelen makes groups of one role),
then /vervolg: the same people in mixed groups, starting from what the first groups
shared and where they differed; at the end a short closing round whose answers go into
the export.
"""

from __future__ import annotations

import io
import json

from pptx import Presentation

from bot.sandbox import Sandbox
from flows.fase import Fase
from tests.bot.people_steps import register
from tests.bot.story import facilitator_says, new_workshop

ONLY_FACILITATOR = "Dit kan alleen de facilitator van de workshop."


def group_lines(shown: str, count: int) -> list[str]:
    lines = [line for line in shown.splitlines() if line[:2] in {f"{n}." for n in range(1, 10)}]
    assert len(lines) == count, shown
    return lines


async def test_with_homogeneous_on_the_split_makes_groups_of_one_role(sandbox: Sandbox, bot):
    fac = sandbox.add_user("Fatima")
    code = await new_workshop(sandbox, fac, "de wijk")
    for name in ("Tafel 1", "Tafel 2"):
        await sandbox.send_message(sandbox.add_group(name), fac, f"/join {code}")
    await sandbox.wait_idle()
    for name, role, network in (
        ("Anna", "Burger", "Buurtvereniging"),
        ("Bram", "Burger", "Speeltuin"),
        ("Chris", "Professional", "Wijkteam Noord"),
        ("Dewi", "Professional", "Wijkteam Noord"),
        ("Erik", "Professional", "GGD"),
        ("Fleur", "Beleidsmaker", "Gemeente"),
    ):
        await register(sandbox, code, name, role, network)

    assert "groepen van één soort" in await facilitator_says(sandbox, fac, "/homogeen")
    shown = await facilitator_says(sandbox, fac, "/indelen 2")
    lines = group_lines(shown, 2)
    professionals = next(line for line in lines if "· Professional:" in line)
    citizens = next(line for line in lines if "· Burger:" in line)
    for name in ("Chris", "Dewi", "Erik"):
        assert name in professionals
    for name in ("Anna", "Bram"):
        assert name in citizens
    # The one policy maker is too few for a group of her own: the facilitator hears why.
    assert "Te weinig mensen met de rol Beleidsmaker voor een eigen groep: Fleur." in shown
    # A move keeps the labels true: the professionals' group with Anna is mixed now.
    number = professionals[0]
    moved = group_lines(await facilitator_says(sandbox, fac, f"/verplaats Anna {number}"), 2)
    assert "· gemengd:" in next(line for line in moved if "Anna" in line)
    await facilitator_says(sandbox, fac, "/indelen 2")
    assert "De indeling staat" in await facilitator_says(sandbox, fac, "/indelen ok")
    workshop = await bot.storage.latest_workshop_of_facilitator(fac.id)
    people = [p for p in await bot.storage.list_participants(workshop.id)
              if p.user_id != fac.id]  # fmt: skip
    for role in ("burger", "professional"):
        assert len({p.subgroup_id for p in people if p.role == role}) == 1

    # Switched off again, /indelen mixes the roles as before.
    await facilitator_says(sandbox, fac, "/homogeen")
    mixed = group_lines(await facilitator_says(sandbox, fac, "/indelen 2"), 2)
    assert all("Burger" in line and "Professional" in line for line in mixed)


async def _first_meeting(sandbox: Sandbox, fac, code: str, groups) -> dict:
    """Four people register; citizens work in the first group, professionals in the other;
    the values plenary confirms and the model plenary starts."""
    people = {}
    for name, role, network, group in (
        ("Anna", "Burger", "Buurtvereniging", groups[0]),
        ("Bram", "Burger", "Speeltuin", groups[0]),
        ("Chris", "Professional", "Wijkteam", groups[1]),
        ("Dewi", "Professional", "GGD", groups[1]),
    ):
        people[name] = (await register(sandbox, code, name, role, network), group)
    await facilitator_says(sandbox, fac, "/begin")
    for name, text in (
        ("Anna", "Een veilige buurt"),
        ("Bram", "Iedereen doet mee"),
        ("Chris", "een veilige buurt"),
        ("Dewi", "Korte lijnen met de gemeente"),
    ):
        user, group = people[name]
        await sandbox.send_message(group, user, f"/idee {text}")
    await sandbox.wait_idle()
    return {name: user for name, (user, _) in people.items()}


async def test_the_follow_up_has_the_same_people_in_mixed_groups_and_starts_from_the_first(
    sandbox: Sandbox, bot
):
    fac = sandbox.add_user("Fatima")
    code = await new_workshop(sandbox, fac, "de wijk")
    first_groups = [sandbox.add_group(n) for n in ("Burgers", "Professionals")]
    for group in first_groups:
        await sandbox.send_message(group, fac, f"/join {code}")
    await sandbox.wait_idle()
    await facilitator_says(sandbox, fac, "/homogeen")
    people = await _first_meeting(sandbox, fac, code, first_groups)

    # Too early, and not for a participant.
    assert "nog bezig" in await facilitator_says(sandbox, fac, "/vervolg")
    await facilitator_says(sandbox, fac, "/plenair")
    await facilitator_says(sandbox, fac, "/bevestig")
    assert "nog bezig" in await facilitator_says(sandbox, fac, "/followup")
    await facilitator_says(sandbox, fac, "/plenair")
    said = await facilitator_says(sandbox, people["Anna"], "/vervolg")
    assert said.startswith(ONLY_FACILITATOR) or "geen workshop" in said.lower(), said
    first = await bot.storage.latest_workshop_of_facilitator(fac.id)
    assert first.fase is Fase.PLENAIR_MODEL
    assert await bot.storage.find_followup(first.id) is None

    shown = await facilitator_says(sandbox, fac, "/vervolg")
    assert "vervolgbijeenkomst over <b>de wijk</b>" not in shown  # plain text in the chat
    assert "De vervolgbijeenkomst over de wijk staat klaar" in shown
    # The starting material: what the groups of one kind shared and where they differed.
    assert "Uit de eerste bijeenkomst" in shown
    assert "Dit noemden meer groepen:" in shown
    [shared] = [line for line in shown.splitlines() if "veilige buurt (" in line.lower()
                and line.startswith("•")]  # fmt: skip
    assert "Burgers (burgers)" in shared
    assert "Professionals (professionals)" in shared
    assert "Alleen Professionals (professionals) noemde:" in shown
    assert "• Korte lijnen met de gemeente" in shown
    assert "De waarden die jullie samen vaststelden:" in shown
    assert "Ik heb hen uitgenodigd in hun eigen chat met mij: Anna, Bram, Chris, Dewi." in shown
    for name, user in people.items():
        invitation = sandbox.last_bot_message(sandbox.private_chat(user)).text
        assert invitation.startswith(f"Hallo {name}! Er komt een tweede bijeenkomst over de wijk")

    followup = await bot.storage.latest_workshop_of_facilitator(fac.id)
    assert followup.previous_id == first.id
    assert not followup.homogeneous
    copied = {p.first_name: p for p in await bot.storage.list_participants(followup.id)}
    assert sorted(copied) == sorted(people)
    assert copied["Anna"].role == "burger"
    assert copied["Dewi"].network == "GGD"
    # Asked again, in the follow-up or back in the first meeting, the bot names its code.
    assert followup.code in await facilitator_says(sandbox, fac, "/vervolg")
    private = sandbox.private_chat(fac)
    for goal_button in ("first meeting", "follow-up"):
        await facilitator_says(sandbox, fac, "/workshop")
        choice = sandbox.last_bot_message(private)
        assert len(choice.buttons) == 1, (goal_button, choice.buttons)
        await sandbox.press_button(private, fac, choice.message_id, text="de wijk")
        await sandbox.wait_idle()
        if goal_button == "first meeting":
            again = await facilitator_says(sandbox, fac, "/vervolg")
            assert f"Deze workshop heeft al een vervolg. De code is {followup.code}." in again

    # The mixed groups join the follow-up: each gets the first meeting's material.
    new_code = followup.code
    mixed_groups = [sandbox.add_group(n) for n in ("Gemengd 1", "Gemengd 2")]
    for group in mixed_groups:
        await sandbox.send_message(group, fac, f"/join {new_code}")
    await sandbox.wait_idle()
    for group in mixed_groups:
        texts = [m.text for m in sandbox.bot_messages(group)]
        assert any("Uit de eerste bijeenkomst" in t and "Korte lijnen" in t for t in texts)
    # /indelen mixes the roles now: each group a citizen and a professional.
    lines = group_lines(await facilitator_says(sandbox, fac, "/indelen 2"), 2)
    assert all("Burger" in line and "Professional" in line for line in lines), lines
    assert "De indeling staat" in await facilitator_says(sandbox, fac, "/indelen ok")

    # In the follow-up's values plenary the first meeting is on the screen too.
    await facilitator_says(sandbox, fac, "/begin")
    placed = {p.first_name: p.subgroup_id for p in await bot.storage.list_participants(
        followup.id)}  # fmt: skip
    chats = {g.id: g.chat_id for g in await bot.storage.list_subgroups(followup.id)}
    by_chat = {g.id: g for g in mixed_groups}
    await sandbox.send_message(by_chat[chats[placed["Anna"]]], people["Anna"],
                               "/idee Samen een veilige buurt")  # fmt: skip
    await sandbox.wait_idle()
    plenary = await facilitator_says(sandbox, fac, "/plenair")
    assert "Uit de eerste bijeenkomst" in plenary
    await facilitator_says(sandbox, fac, "/bevestig")
    await facilitator_says(sandbox, fac, "/einde")

    # The follow-up's export shows the first meeting's comparison.
    await facilitator_says(sandbox, fac, "/export")
    files = {d.file_name: d.data for d in sandbox.documents(sandbox.private_chat(fac))}
    [deck] = [data for name, data in files.items() if name.endswith(".pptx")
              and "sjabloon" not in name and "bijlage" not in name]  # fmt: skip
    slides = ["\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
              for slide in Presentation(io.BytesIO(deck)).slides]  # fmt: skip
    [values] = [s for s in slides if "Eerste bijeenkomst, 1 Waarden" in s]
    assert "Korte lijnen met de gemeente" in values
    [data] = [data for name, data in files.items() if name.endswith(".json")]
    doc = json.loads(data)
    assert doc["schema_version"] == 2
    assert doc["previous"]["schema_version"] == 2
    assert doc["previous"]["homogeneous"] is True
    assert {a["text"] for a in doc["previous"]["answers"]} >= {"Korte lijnen met de gemeente"}
    [report] = [data for name, data in files.items()
                if "participatieverslag" in name and name.endswith(".md")]  # fmt: skip
    assert "### In de eerste bijeenkomst" in report.decode()


async def test_a_follow_up_only_of_a_homogeneous_workshop(sandbox: Sandbox, bot):
    fac = sandbox.add_user("Fatima")
    await new_workshop(sandbox, fac, "het dorp")
    await facilitator_says(sandbox, fac, "/einde")
    said = await facilitator_says(sandbox, fac, "/vervolg")
    assert "Deze workshop had gemengde groepen" in said
    workshop = await bot.storage.latest_workshop_of_facilitator(fac.id)
    assert await bot.storage.find_followup(workshop.id) is None


async def test_the_closing_round_answers_go_into_the_export(sandbox: Sandbox, bot):
    fac, anna, bram = (sandbox.add_user(n) for n in ("Fatima", "Anna", "Bram"))
    group = sandbox.add_group("Tafel 1")
    code = await new_workshop(sandbox, fac, "de wijk")
    await sandbox.send_message(group, anna, f"/join {code}")
    await sandbox.wait_idle()
    await facilitator_says(sandbox, fac, "/begin")
    await sandbox.send_message(group, anna, "/idee Een veilige buurt")
    await sandbox.wait_idle()

    # Too early for the closing round; nobody can answer before it opens.
    assert "hoort bij het einde" in await facilitator_says(sandbox, fac, "/afsluiten")
    early = await sandbox.send_message(group, anna, "/geleerd Te vroeg")
    await sandbox.wait_idle()
    assert "Er is nu geen terugblik" in sandbox.last_bot_message(group).text
    await sandbox.send_message(sandbox.private_chat(anna), anna, "/geleerd Ook te vroeg")
    await sandbox.wait_idle()
    assert "Er is nu geen terugblik" in sandbox.last_bot_message(sandbox.private_chat(anna)).text
    await facilitator_says(sandbox, fac, "/plenair")
    await facilitator_says(sandbox, fac, "/bevestig")
    await facilitator_says(sandbox, fac, "/plenair")

    # Only the facilitator opens it.
    await sandbox.send_message(group, bram, "/afsluiten")
    await sandbox.wait_idle()
    assert sandbox.last_bot_message(group).text.startswith(ONLY_FACILITATOR)
    assert "twee vragen van de terugblik" in await facilitator_says(sandbox, fac, "/afsluiten")
    asked = sandbox.last_bot_message(group).text
    assert "Wat hebben we geleerd?" in asked
    assert "Wat nemen we mee naar huis?" in asked
    assert "De terugblik loopt al" in await facilitator_says(sandbox, fac, "/closing")

    learned = await sandbox.send_message(group, anna, "/geleerd Burgers weten veel van de buurt")
    await sandbox.send_message(group, bram, "/learned Luisteren werkt")
    await sandbox.send_message(sandbox.private_chat(anna), anna, "/meenemen Vaker samen koffie")
    await sandbox.send_message(group, bram, "/meenemen")  # nothing typed: how to, kindly
    await sandbox.wait_idle()
    assert sandbox.reactions(group, learned) == ["✍"]
    assert "Typ je antwoord achter het commando" in sandbox.last_bot_message(group).text
    assert early["message_id"] < learned["message_id"]

    await facilitator_says(sandbox, fac, "/export")
    files = {d.file_name: d.data for d in sandbox.documents(sandbox.private_chat(fac))}
    [deck] = [data for name, data in files.items() if name.endswith(".pptx")
              and "sjabloon" not in name and "bijlage" not in name]  # fmt: skip
    slides = Presentation(io.BytesIO(deck)).slides
    last = "\n".join(s.text_frame.text for s in slides[len(slides) - 1].shapes if s.has_text_frame)
    assert "Terugblik: wat we leerden en meenemen" in last
    for text in ("Burgers weten veel van de buurt", "Luisteren werkt", "Vaker samen koffie"):
        assert text in last
    assert "Te vroeg" not in last
    [report] = [data.decode() for name, data in files.items()
                if "participatieverslag" in name and name.endswith(".md")]  # fmt: skip
    section = report.split("### Terugblik", 1)[1]
    assert "**Wat hebben we geleerd?**\n\n- Burgers weten veel van de buurt\n- Luisteren werkt" in (
        section
    )
    assert "- Vaker samen koffie" in section
    assert "Anna" not in section  # the report names nobody
    [data] = [data for name, data in files.items() if name.endswith(".json")]
    closing = json.loads(data)["closing"]
    assert [(c["question"], c["text"]) for c in closing] == [
        ("geleerd", "Burgers weten veel van de buurt"),
        ("geleerd", "Luisteren werkt"),
        ("meenemen", "Vaker samen koffie"),
    ]


async def test_after_vervolg_private_closing_answers_and_vergeet_reach_the_right_meeting(
    sandbox: Sandbox, bot
):
    fac = sandbox.add_user("Fatima")
    code = await new_workshop(sandbox, fac, "de wijk")
    first_groups = [sandbox.add_group(n) for n in ("Burgers", "Professionals")]
    for group in first_groups:
        await sandbox.send_message(group, fac, f"/join {code}")
    await sandbox.wait_idle()
    await facilitator_says(sandbox, fac, "/homogeen")
    people = await _first_meeting(sandbox, fac, code, first_groups)
    anna, bram = people["Anna"], people["Bram"]
    await facilitator_says(sandbox, fac, "/plenair")
    await facilitator_says(sandbox, fac, "/bevestig")
    await facilitator_says(sandbox, fac, "/plenair")
    assert "twee vragen van de terugblik" in await facilitator_says(sandbox, fac, "/afsluiten")
    first = await bot.storage.latest_workshop_of_facilitator(fac.id)
    await facilitator_says(sandbox, fac, "/vervolg")
    followup = await bot.storage.find_followup(first.id)

    # The follow-up is Anna's newest workshop; her answer goes to the round that is open.
    private = sandbox.private_chat(anna)
    learned = await sandbox.send_message(private, anna, "/geleerd Burgers weten veel")
    await sandbox.wait_idle()
    assert sandbox.reactions(private, learned) == ["✍"]
    assert [c.text for c in await bot.storage.list_closing_answers(first.id)] == [
        "Burgers weten veel"
    ]

    # The follow-up gets as far as its own closing round.
    mixed = sandbox.add_group("Gemengd 1")
    await sandbox.send_message(mixed, fac, f"/join {followup.code}")
    await sandbox.wait_idle()
    await facilitator_says(sandbox, fac, "/begin")
    await sandbox.send_message(mixed, anna, "/idee Samen een veilige buurt")
    await sandbox.wait_idle()
    for command in ("/plenair", "/bevestig", "/plenair", "/afsluiten"):
        await facilitator_says(sandbox, fac, command)

    # Two rounds open for Bram: the bot asks which one, and his tap keeps what he typed.
    private = sandbox.private_chat(bram)
    typed = await sandbox.send_message(private, bram, "/meenemen Vaker samen koffie")
    await sandbox.wait_idle()
    asked = sandbox.last_bot_message(private)
    assert "Bij welke workshop hoort dit antwoord?" in asked.text
    assert [label for label, _ in asked.buttons] == ["de wijk (vervolg)", "de wijk"]
    assert await bot.storage.list_closing_answers(first.id) != []  # Anna's only, so far
    first_button = asked.buttons[1][1]
    await sandbox.press_button(private, bram, asked, first_button)
    await sandbox.wait_idle()
    assert "Bewaard bij de terugblik van de wijk" in (sandbox.callback_answers[-1].text or "")
    assert sandbox.reactions(private, typed) == ["✍"]
    # A second tap (on either button) keeps it once.
    await sandbox.press_button(private, bram, asked, asked.buttons[0][1])
    await sandbox.wait_idle()
    assert "al bewaard" in (sandbox.callback_answers[-1].text or "")
    kept = [(c.question, c.text) for c in await bot.storage.list_closing_answers(first.id)]
    assert kept == [("geleerd", "Burgers weten veel"), ("meenemen", "Vaker samen koffie")]
    assert await bot.storage.list_closing_answers(followup.id) == []
    # A button without a typed answer to keep, or for a round that is not his: kindly.
    invitation = [m for m in sandbox.bot_messages(private) if "tweede bijeenkomst" in m.text][0]
    await sandbox.press_button(private, bram, invitation, f"sl:{followup.id}:g", check=False)
    await sandbox.wait_idle()
    assert "Stuur het nog een keer" in (sandbox.callback_answers[-1].text or "")
    await sandbox.press_button(private, bram, asked, "sl:999999:g", check=False)
    await sandbox.wait_idle()
    assert "geen terugblik" in (sandbox.callback_answers[-1].text or "")
    assert await bot.storage.list_closing_answers(followup.id) == []

    # In a group nothing changed: the answer belongs to that group's workshop.
    await sandbox.send_message(mixed, anna, "/geleerd Gemengd werkt")
    await sandbox.wait_idle()
    assert [c.text for c in await bot.storage.list_closing_answers(followup.id)] == [
        "Gemengd werkt"
    ]

    # /vergeet in the private chat reaches both meetings: Dewi's answer is in the first.
    dewi = people["Dewi"]
    private = sandbox.private_chat(dewi)
    await sandbox.send_message(private, dewi, "/vergeet")
    await sandbox.wait_idle()
    offers = [m for m in sandbox.bot_messages(private) if "gegevens wis" in m.text]
    assert len(offers) == 2
    assert "over de wijk (vervolg)?" in offers[0].text
    assert "over de wijk?" in offers[1].text
    await sandbox.press_button(private, dewi, offers[1], text="en mijn antwoorden")
    await sandbox.wait_idle()
    assert "Gedaan" in (sandbox.callback_answers[-1].text or "")
    texts = {a.text for a in await bot.storage.list_workshop_answers(first.id)}
    assert "Korte lijnen met de gemeente" not in texts
    assert dewi.id not in {p.user_id for p in await bot.storage.list_participants(first.id)}
