"""The reminder policy (flows.herinneringen): timely, kind, rare; tested with a fake clock."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.replay_reminders import MEMBERS, SCRIPT, run
from flows.fase import Fase
from flows.herinneringen import (
    PRINCIPLE_FOR_COLUMN,
    ChatEvent,
    EventKind,
    Member,
    Policy,
    Reminder,
    ReminderKind,
    SubgroupView,
    decide,
    join_names,
    looks_network_specific,
)
from flows.kaart import Kolom

T0 = datetime(2025, 5, 13, 13, 0, tzinfo=UTC)
ANNA, BRAM, CHANTAL, DIRK = (
    Member(1, "Anna"),
    Member(2, "Bram"),
    Member(3, "Chantal"),
    Member(4, "Dirk"),
)
GROUP = (ANNA, BRAM, CHANTAL, DIRK)
POLICY = Policy()
GENERAL = "Elkaar op tijd informeren"  # an answer no rule reacts to on its own


def at(minutes: float) -> datetime:
    """The fake clock: minutes after the column started."""
    return T0 + timedelta(minutes=minutes)


def view(kolom=Kolom.RELATIES, fase=Fase.KOLOMMEN, members=GROUP, **kw) -> SubgroupView:
    return SubgroupView(members, kolom, fase, T0, **kw)


def answer(minute, who, text=GENERAL, kolom=Kolom.RELATIES) -> ChatEvent:
    return ChatEvent(
        at(minute), EventKind.ANSWER, who.id, who.first_name, text, kolom, ref=f"a{minute}"
    )


def chat(minute, who, kind=EventKind.MESSAGE, text="Wat bedoel je?") -> ChatEvent:
    return ChatEvent(at(minute), kind, who.id, who.first_name, text)


def sent(reminder: Reminder, minute, kolom=Kolom.RELATIES) -> ChatEvent:
    return reminder.as_sent(at(minute), kolom)


# Anna and Bram talk, Chantal said one thing, Dirk nothing: spread so no burst forms.
TALKERS = [
    answer(1, ANNA),
    answer(2.5, BRAM),
    answer(3.5, CHANTAL),
    chat(3.7, ANNA, EventKind.REPLY_TO_OTHER),
    answer(4, ANNA),
    answer(5, BRAM),
]


# --- the principle line per column ------------------------------------------------------


def test_every_column_has_its_own_principle_line():
    assert set(PRINCIPLE_FOR_COLUMN) == set(Kolom)
    assert len(set(PRINCIPLE_FOR_COLUMN.values())) == len(Kolom)
    for kolom, key in PRINCIPLE_FOR_COLUMN.items():
        assert key == f"principe.regel.{kolom.key}"


@pytest.mark.parametrize(
    ("names", "lang", "joined"),
    [
        ([], "nl", ""),
        (["Anna"], "nl", "Anna"),
        (["Anna", "Bram"], "nl", "Anna en Bram"),
        (["Anna", "Bram", "Chantal"], "nl", "Anna, Bram en Chantal"),
        (["Anna", "Bram"], "en", "Anna and Bram"),
    ],
)
def test_names_are_joined_as_people_say_them(names, lang, joined):
    assert join_names(names, lang) == joined


# --- the generalising heuristic ---------------------------------------------------------

SPECIFIC = [
    ("bij ons in de wijk doen we dat met het buurthuis De Sleutel", "bij ons"),
    ("Bij ons werkt dat prima", "Bij ons"),
    ("In onze wijk is er een WhatsApp-groep", "In onze wijk"),
    ("onze school heeft een ouderkamer", "onze school"),
    ("Bij mij op het werk gaat dat anders", "Bij mij op het werk"),
    ("Hier in Lelystad kennen we elkaar", "Hier in"),
    ("Ons team belt elke nieuwe bewoner", "Ons team"),
    ("In mijn buurt helpen buren elkaar", "In mijn buurt"),
    ("Met onze club organiseren we een feest", "Met onze club"),
    ("Wij doen dat op ons werk met intervisie", "op ons werk"),
    ("De buurtapp van mijn straat", "van mijn straat"),
    ("Samenwerken met Wijkteam Noord", "Wijkteam Noord"),
    ("Vraag het aan Jan", "Jan"),
    ("We bellen altijd met Marieke", "Marieke"),
    ("Elke dinsdag koffie in De Til", "De Til"),
    ("Zoals bij Humanitas", "Humanitas"),
    ("Net als in Amsterdam-Noord", "Amsterdam-Noord"),
    ("De GGD komt langs bij nieuwe ouders", "GGD"),
    ("Het CJG verwijst door", "CJG"),
    ("Via het WMO-loket regelen", "WMO"),
    ("Stichting Present helpt met klussen", "Stichting Present"),
    ("de gemeente Utrecht betaalt mee", "gemeente Utrecht"),
    ("Woningcorporatie Portaal belt huurders", "Woningcorporatie Portaal"),
    ("Basisschool De Regenboog doet mee", "Basisschool De Regenboog"),
    ("Huiswerkhulp in de bibliotheek Oost", "bibliotheek Oost"),
    ("Een bankje op de Kerkstraat", "Kerkstraat"),
    ("Bewoners van de Stationsweg praten mee", "Stationsweg"),
]

GENERAL_ANSWERS = [
    "Gemeente luistert naar bewoners",
    "Korte lijnen",
    "Bewoners worden serieus genomen",
    "Elkaar op tijd informeren",
    "Iedereen kan meedoen, ook wie weinig tijd heeft",
    "Professionals nemen de tijd om te luisteren",
    "Wij als bewoners denken mee",
    "Een vast aanspreekpunt in de wijk",
    "Samen beslissen over de buurt",
    "Bewoners kennen hun buurt het best",
    "Onze waarden staan op papier",
    "Onderweg elkaar blijven helpen",
    "Vertrouwen: Doen wat je zegt",
    "Regelmatig evalueren. Wat ging goed?",
    "De woningcorporatie betrekt huurders vroeg",
    "Een stichting oprichten voor het beheer",
    "Elke school een vaste contactpersoon",
    "Een buurthuis als ontmoetingsplek",
    "Koffie op het dorpsplein",
    "Goede ICT voor iedereen",
    "Plan B klaar hebben",
    "Gelijkwaardigheid, Respect, Vertrouwen",
    "Duidelijke taal; Geen jargon",
    "- Luisteren\n- Samen doen",
    "Een WhatsApp-groep per straat",
    "Kennis delen via Teams of Zoom",
    "SAMEN BESLISSEN IS BELANGRIJK",
    "Respect voor de Gemeente en voor Bewoners",
    "Wat geven partners aan elkaar en wat krijgen ze terug?",
]


@pytest.mark.parametrize(("text", "fragment"), SPECIFIC)
def test_answers_about_ones_own_network_are_noticed(text, fragment):
    noticed = looks_network_specific(text)
    assert noticed is not None
    assert f"'{fragment}'" in noticed


@pytest.mark.parametrize("text", GENERAL_ANSWERS)
def test_general_answers_are_left_alone(text):
    assert looks_network_specific(text) is None


# --- taking part ------------------------------------------------------------------------


def test_the_quiet_member_is_invited_by_first_name_after_five_minutes():
    assert decide(view(), TALKERS, at(4.9), POLICY) is None
    reminder = decide(view(), TALKERS, at(5), POLICY)
    assert reminder is not None
    assert reminder.kind is ReminderKind.MEEDOEN
    assert reminder.key == "herinnering.meedoen.een"
    assert reminder.params == {"namen": "Dirk"}
    assert reminder.member_ids == (DIRK.id,)
    # The reason goes to the log: ids and counts, never a name.
    assert f"#{DIRK.id}" in reminder.reason
    assert "Dirk" not in reminder.reason


def test_several_quiet_members_are_invited_together_without_counts():
    events = [answer(1, ANNA), answer(2.5, BRAM), answer(4, ANNA), answer(5, BRAM)]
    reminder = decide(view(), events, at(6), POLICY)
    assert reminder is not None
    assert reminder.key == "herinnering.meedoen.meer"
    assert reminder.params == {"namen": "Chantal en Dirk"}
    # It never shames: the message gets names only, no numbers of who said what.
    assert not any(ch.isdigit() for value in reminder.params.values() for ch in value)


def test_a_chat_line_counts_as_taking_part():
    events = [*TALKERS, chat(4.5, DIRK)]
    assert decide(view(sees_messages=True), events, at(6), POLICY) is None


def test_nobody_is_invited_while_only_one_person_talks_in_a_larger_group():
    events = [answer(1, ANNA), answer(3, ANNA), answer(4.5, ANNA)]
    assert decide(view(), events, at(7), POLICY) is None


def test_in_a_pair_one_talker_is_enough():
    events = [answer(1, ANNA), answer(3, ANNA)]
    reminder = decide(view(members=(ANNA, BRAM)), events, at(6), POLICY)
    assert reminder is not None
    assert reminder.params == {"namen": "Bram"}


HANDELEN_TALK = ((43, ANNA), (44, BRAM), (45, ANNA), (46, BRAM))


def test_the_same_person_is_invited_at_most_once_per_column():
    first = decide(view(), TALKERS, at(5), POLICY)
    assert first is not None
    events = [*TALKERS, sent(first, 5), answer(20, ANNA), answer(30, BRAM)]
    assert decide(view(), events, at(40), POLICY) is None
    # In the next column Dirk may be invited again, once.
    nxt = replace(view(kolom=Kolom.HANDELEN), column_started=at(41))
    later = [
        *events,
        answer(43, ANNA, kolom=Kolom.HANDELEN),
        answer(44, BRAM, kolom=Kolom.HANDELEN),
    ]
    later += [answer(45, ANNA, kolom=Kolom.HANDELEN), answer(46, BRAM, kolom=Kolom.HANDELEN)]
    again = decide(nxt, later, at(47), POLICY)
    assert again is not None
    assert again.kind is ReminderKind.MEEDOEN
    assert DIRK.id in again.member_ids


def test_another_quiet_member_is_invited_after_the_cap_but_not_the_same_one_again():
    first = decide(view(), TALKERS, at(5), POLICY)
    assert first is not None
    events = [*TALKERS, sent(first, 5)]
    bigger = view(members=(*GROUP, Member(5, "Eva")))
    second = decide(bigger, events, at(13), POLICY)
    assert second is not None
    assert second.params == {"namen": "Eva"}


# --- generalising -----------------------------------------------------------------------


def test_a_fresh_answer_from_ones_own_network_gets_the_translation_question():
    events = [answer(2.5, ANNA, "Bij ons in de wijk doen we dat met buurthuis De Sleutel")]
    reminder = decide(view(), events, at(3), POLICY)
    assert reminder is not None
    assert reminder.kind is ReminderKind.GENERALISEREN
    assert reminder.key == "herinnering.generaliseren"
    assert reminder.params["antwoord"].startswith("Bij ons in de wijk")
    assert reminder.ref == "a2.5"
    # The reason goes to the log: which answer and what kind of sign, not its words or author.
    assert reminder.reason == "answer a2.5 looks specific to one network (own-network phrase)"


def test_a_stale_answer_is_not_brought_up_again():
    events = [answer(2.5, ANNA, "Bij ons werkt dat prima")]
    assert decide(view(), events, at(2.5 + 3.5), POLICY) is None


def test_generalising_is_asked_at_most_once_per_column():
    events = [answer(2.5, ANNA, "Bij ons werkt dat prima")]
    first = decide(view(), events, at(3), POLICY)
    assert first is not None
    events += [sent(first, 3), answer(20, BRAM, "Samen met de GGD"), answer(20, CHANTAL)]
    events += [answer(19, DIRK)]
    assert decide(view(), events, at(20.5), POLICY) is None
    # With a higher limit it asks about the new answer, never about the old one again.
    two = replace(POLICY, generalise_per_column=2)
    second = decide(view(), events, at(20.5), two)
    assert second is not None
    assert second.ref == "a20"


def test_no_generalising_in_stap_2_where_values_may_be_a_dream():
    stap2 = view(kolom=Kolom.WAARDEN, fase=Fase.WAARDEN)
    events = [answer(2.5, ANNA, "Bij ons in de wijk is iedereen welkom", kolom=Kolom.WAARDEN)]
    assert decide(stap2, events, at(3), POLICY) is None
    assert decide(view(), [answer(2.5, ANNA, "Bij ons in de wijk")], at(3), POLICY)


# --- dialogue ---------------------------------------------------------------------------


def burst(n, start=2.0, step=0.5, kolom=Kolom.RELATIES):
    people = (ANNA, BRAM, CHANTAL, DIRK)
    return [answer(start + i * step, people[i % 4], kolom=kolom) for i in range(n)]


def test_a_burst_of_answers_without_reactions_asks_to_build_on_each_other():
    reminder = decide(view(), burst(6), at(4.5), POLICY)
    assert reminder is not None
    assert reminder.kind is ReminderKind.DIALOOG
    assert reminder.key == "herinnering.dialoog"
    assert "answers only" in reminder.reason


def test_with_answers_alone_the_bot_waits_for_a_bigger_burst():
    assert decide(view(), burst(5), at(4.5), POLICY) is None
    seen = decide(view(sees_messages=True), burst(5), at(4.5), POLICY)
    assert seen is not None
    assert seen.kind is ReminderKind.DIALOOG


@pytest.mark.parametrize("kind", [EventKind.REPLY_TO_OTHER, EventKind.MESSAGE])
def test_a_burst_with_reactions_in_it_is_a_dialogue(kind):
    events = [*burst(7), chat(3.2, BRAM, kind)]
    assert decide(view(sees_messages=True), events, at(5.5), POLICY) is None


def test_answers_spread_out_or_from_one_person_are_no_burst():
    assert decide(view(), burst(6, step=1.5), at(10), POLICY) is None
    alone = [answer(2 + i * 0.5, ANNA) for i in range(8)]
    assert decide(view(members=(ANNA,)), alone, at(6), POLICY) is None


def test_a_second_dialogue_reminder_only_after_many_more_answers():
    first = decide(view(), burst(6), at(4.5), POLICY)
    assert first is not None
    events = [*burst(6), sent(first, 4.5), *burst(9, start=20, step=0.4)]
    assert decide(view(), events, at(24), POLICY) is None
    events.append(answer(23.8, ANNA))
    again = decide(view(), events, at(24), POLICY)
    assert again is not None
    assert again.kind is ReminderKind.DIALOOG


# --- priority, cap, mute ----------------------------------------------------------------


def test_taking_part_comes_before_generalising_and_generalising_before_dialogue():
    events = [*burst(6, start=4), answer(6.5, ANNA, "Bij ons werkt dat")]
    # Chantal and Dirk answered in the burst, so nobody is quiet: generalising wins.
    assert decide(view(), events, at(6.6), POLICY).kind is ReminderKind.GENERALISEREN
    quiet = [*events, answer(6.5, BRAM)]
    group = (*GROUP, Member(5, "Eva"))
    assert decide(view(members=group), quiet, at(6.6), POLICY).kind is ReminderKind.MEEDOEN


def test_no_second_reminder_within_the_cap():
    first = decide(view(), TALKERS, at(5), POLICY)
    assert first is not None
    events = [*TALKERS, sent(first, 5), *burst(6, start=8)]
    assert decide(view(), events, at(5 + 8 - 0.01), POLICY) is None
    assert decide(view(), events, at(5 + 8), POLICY) is not None


def test_the_cap_is_configurable():
    first = decide(view(), TALKERS, at(5), POLICY)
    events = [*TALKERS, sent(first, 5), *burst(6, start=8)]
    assert decide(view(), events, at(11), replace(POLICY, cap=timedelta(minutes=6))) is not None
    assert decide(view(), events, at(11), POLICY) is None


def test_nothing_in_the_first_minutes_of_a_column():
    events = [answer(0.5, ANNA, "Bij ons werkt dat prima")]
    assert decide(view(), events, at(1.9), POLICY) is None
    assert decide(view(), events, at(2), POLICY) is not None


@pytest.mark.parametrize(
    "policy", [replace(POLICY, muted=True), replace(POLICY, facilitator_off=True)]
)
def test_muted_or_switched_off_means_silence(policy):
    for events, minute in ((TALKERS, 5), (burst(6), 4.5), ([answer(2, ANNA, "Bij ons")], 3)):
        assert decide(view(), events, at(minute), POLICY) is not None
        assert decide(view(), events, at(minute), policy) is None


@pytest.mark.parametrize(
    "subgroup",
    [view(answering=False), view(fase=Fase.PLENAIR_WAARDEN), view(fase=Fase.AFGEROND)],
)
def test_no_reminders_while_a_subgroup_waits_or_in_a_plenary(subgroup):
    assert decide(subgroup, TALKERS, at(5), POLICY) is None


def test_a_sent_reminder_becomes_an_event():
    reminder = Reminder(ReminderKind.MEEDOEN, "herinnering.meedoen.een", member_ids=(4,))
    event = reminder.as_sent(at(5), Kolom.ACTIES)
    assert event.kind is EventKind.REMINDER_SENT
    assert (event.reminder, event.member_ids, event.kolom) == (ReminderKind.MEEDOEN, (4,), 5)


# --- properties over random chats -------------------------------------------------------

KINDS = st.sampled_from([EventKind.ANSWER] * 4 + [EventKind.MESSAGE, EventKind.REPLY_TO_OTHER])
TEXTS = st.sampled_from([GENERAL, "Bij ons werkt dat", "Samen met de GGD", "Korte lijnen"])
STEP = st.tuples(
    st.integers(min_value=0, max_value=240),  # seconds since the previous event
    KINDS,
    st.sampled_from(GROUP),
    TEXTS,
    st.sampled_from([False] * 7 + [True]),  # the subgroup moves on after this event
)


def simulate(steps, policy, sees_messages=True):
    """Feed a random chat to decide() like the bot would; return the reminder events."""
    events: list[ChatEvent] = []
    kolom, started, now = Kolom.RELATIES, T0, T0
    for gap, kind, who, text, move_on in steps:
        now += timedelta(seconds=gap)
        column = kolom if kind is EventKind.ANSWER else None
        events.append(ChatEvent(now, kind, who.id, who.first_name, text, column))
        subgroup = SubgroupView(GROUP, kolom, Fase.KOLOMMEN, started, sees_messages=sees_messages)
        reminder = decide(subgroup, events, now, policy)
        if reminder is not None:
            events.append(reminder.as_sent(now, kolom))
        if move_on and kolom.next is not None:
            kolom, started = kolom.next, now
            events.append(ChatEvent(now, EventKind.COLUMN_CHANGED, kolom=kolom))
    return [e for e in events if e.kind is EventKind.REMINDER_SENT]


@settings(max_examples=200, deadline=None)
@given(st.lists(STEP, max_size=80), st.integers(min_value=1, max_value=15), st.booleans())
def test_no_two_reminders_ever_within_the_cap(steps, cap_minutes, sees_messages):
    policy = replace(POLICY, cap=timedelta(minutes=cap_minutes))
    reminders = simulate(steps, policy, sees_messages)
    for earlier, later in zip(reminders, reminders[1:], strict=False):
        assert later.at - earlier.at >= policy.cap


@settings(max_examples=200, deadline=None)
@given(st.lists(STEP, max_size=80))
def test_taking_part_never_invites_the_same_person_twice_in_a_column(steps):
    invited = [
        (e.kolom, member)
        for e in simulate(steps, replace(POLICY, cap=timedelta(minutes=1)))
        if e.reminder is ReminderKind.MEEDOEN
        for member in e.member_ids
    ]
    assert len(invited) == len(set(invited))


@settings(max_examples=100, deadline=None)
@given(st.lists(STEP, max_size=60), st.sampled_from(["muted", "facilitator_off"]))
def test_a_muted_or_switched_off_subgroup_never_gets_a_reminder(steps, switch):
    assert simulate(steps, replace(POLICY, **{switch: True})) == []


# --- the replay -------------------------------------------------------------------------


@pytest.mark.parametrize("sees_messages", [True, False])
def test_the_replayed_hour_gets_a_handful_of_reminders_spaced_by_the_cap(sees_messages):
    sent_reminders = run(sees_messages=sees_messages)
    assert 3 <= len(sent_reminders) <= 6
    kinds = {kind for _, kind, _ in sent_reminders}
    assert ReminderKind.MEEDOEN in kinds
    assert ReminderKind.GENERALISEREN in kinds
    assert all(reason for _, _, reason in sent_reminders)
    # Reasons are logged: no member's name and no word of an answer in any of them.
    said = [text for _, what, _, text in SCRIPT if what == "answer"]
    words = {w for text in said for w in re.findall(r"\w{4,}", text)} - {"answer", "answers"}
    for _, _, reason in sent_reminders:
        assert not [m.first_name for m in MEMBERS if m.first_name in reason], reason
        assert not [w for w in words if re.search(rf"\b{re.escape(w)}\b", reason)], reason
    times = [datetime.combine(T0.date(), clock, UTC) for clock, _, _ in sent_reminders]
    assert all(b - a >= POLICY.cap for a, b in zip(times, times[1:], strict=False))
