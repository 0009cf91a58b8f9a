"""Replay: a scripted 60-minute stap-4 chat of one 4-person subgroup through the policy.

Measures how many unprompted reminders ``flows.herinneringen.decide`` produces in a
realistic hour, and why each fired. The script has what real groups do: a quick burst of
answers nobody reacts to, one member (Fatima) quiet for a long time, answers about the
writers' own network, and stretches where they do talk to each other.

The policy is asked after every chat event and once a minute in between (the bot's job
queue would do the same). It runs twice: as a bot that sees the chat (privacy mode off)
and as one that only sees captured answers (privacy mode on).

Run from the repository root: ``.venv/bin/python benchmarks/replay_reminders.py``.
"""

from __future__ import annotations

import sys
from collections import Counter
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

# Runnable as a plain script from the repo root: make ``flows`` importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flows.fase import Fase  # noqa: E402
from flows.herinneringen import (  # noqa: E402
    ChatEvent,
    EventKind,
    Member,
    Policy,
    ReminderKind,
    SubgroupView,
    decide,
)
from flows.kaart import Kolom  # noqa: E402

START = datetime(2025, 5, 13, 13, 0, tzinfo=UTC)
LENGTH = timedelta(minutes=60)
MEMBERS = (Member(1, "Anna"), Member(2, "Bram"), Member(3, "Fatima"), Member(4, "Joost"))
_IDS = {m.first_name: m.id for m in MEMBERS}

A, M, R, K = "answer", "message", "reply", "kolom"
# (minute:second, what, who, text). K lines move the subgroup to the next column.
SCRIPT: tuple[tuple[str, str, str, str], ...] = (
    # Kolom 2, relaties: a fast start, Fatima silent.
    ("00:00", K, "", "relaties"),
    ("01:10", A, "Anna", "Bewoners en professionals spreken elkaar als gelijken aan"),
    ("01:50", A, "Bram", "De gemeente geeft ruimte, bewoners geven tijd en kennis"),
    ("02:30", A, "Joost", "Bij ons in de wijk doen we dat met het buurthuis De Sleutel"),
    ("03:10", A, "Anna", "Korte lijnen tussen wijkteam en bewoners"),
    ("03:40", A, "Bram", "Elkaar op tijd informeren"),
    ("04:20", A, "Joost", "Vaste contactpersoon per straat"),
    ("04:50", A, "Anna", "Iedereen weet wat hij van de ander kan verwachten"),
    ("05:30", A, "Bram", "Professionals vragen door in plaats van zelf in te vullen"),
    ("06:40", A, "Joost", "Bewoners krijgen terugkoppeling op hun ideeën"),
    ("08:00", M, "Bram", "Zullen we er nog een paar over wederkerigheid doen?"),
    ("08:30", R, "Anna", "Ja, wat krijgen bewoners eigenlijk terug?"),
    ("09:30", A, "Anna", "Bewoners krijgen waardering en invloed terug"),
    ("11:30", M, "Fatima", "Ik lees mee hoor. Ik vind het nog lastig."),
    ("12:20", A, "Fatima", "Iedereen mag meepraten, ook zonder diploma"),
    ("13:00", A, "Bram", "De gemeente houdt zich aan afspraken"),
    # Kolom 3, handelen: another burst without reactions, then a real conversation.
    ("15:00", K, "", "handelen"),
    ("16:10", A, "Anna", "Actief luisteren"),
    ("16:40", A, "Joost", "Doorvragen naar wat iemand bedoelt"),
    ("17:10", A, "Bram", "Geen jargon gebruiken"),
    ("17:30", A, "Anna", "Afspraken nakomen"),
    (
        "18:00",
        A,
        "Joost",
        "Bij mij op het werk krijgen we daarvoor training van Stichting Buurtwerk",
    ),
    ("18:20", A, "Bram", "Open staan voor kritiek"),
    ("19:00", A, "Anna", "Tijd nemen voor een gesprek"),
    ("19:40", A, "Joost", "Bewoners ook zelf laten organiseren"),
    ("20:30", A, "Bram", "Eerlijk zeggen wat niet kan"),
    ("21:10", R, "Anna", "Bram, wat bedoel je met eerlijk zeggen?"),
    ("21:50", R, "Bram", "Dat je niet iets belooft wat de gemeente niet kan waarmaken"),
    ("22:30", M, "Joost", "Herkenbaar!"),
    ("23:00", A, "Fatima", "Geduld hebben met nieuwe mensen"),
    ("24:00", R, "Anna", "Mooi Fatima, dat mis ik vaak"),
    ("25:30", A, "Bram", "Samen de agenda maken"),
    ("27:00", A, "Anna", "Bewoners helpen elkaar op weg"),
    # Kolom 4, voorwaarden: a burst again, one answer from home, then they discuss.
    ("30:00", K, "", "voorwaarden"),
    ("31:10", A, "Joost", "Een vaste plek om te vergaderen"),
    ("31:40", A, "Anna", "Budget voor bewonersinitiatieven"),
    ("32:10", A, "Bram", "Tijd van professionals vrijmaken"),
    ("32:30", A, "Fatima", "Vertaling voor wie de taal nog leert"),
    ("32:50", A, "Anna", "Duidelijke afspraken op papier"),
    ("33:30", A, "Joost", "Bij ons in Zwolle-Zuid regelt de GGD de ruimte"),
    ("34:00", A, "Bram", "Ondersteuning bij het schrijven van een plan"),
    ("35:00", M, "Fatima", "Wat bedoel je met ondersteuning?"),
    ("35:40", R, "Bram", "Iemand die helpt met de aanvraag"),
    ("36:30", M, "Anna", "Goed idee, dat hebben veel bewoners nodig"),
    ("38:00", A, "Fatima", "Hulp bij aanvragen voor bewoners"),
    ("40:00", A, "Anna", "Kinderopvang tijdens het avondoverleg"),
    ("42:00", M, "Joost", "Zijn we klaar? Zullen we door naar acties?"),
    # Kolom 5, acties: they talk to each other now.
    ("45:00", K, "", "acties"),
    ("46:30", A, "Bram", "Elk kwartaal een buurtgesprek"),
    ("47:00", A, "Anna", "Een gezamenlijke agenda opstellen"),
    ("47:40", A, "Joost", "Met Jan van het wijkteam een startavond in de Dorpsstraat"),
    ("48:10", R, "Fatima", "Wie nodigt de bewoners uit?"),
    ("48:50", R, "Joost", "Dat kunnen wij doen via de nieuwsbrief"),
    ("50:00", A, "Fatima", "Bewoners nodigen zelf hun buren uit"),
    ("51:00", A, "Bram", "De wethouder komt één keer per jaar luisteren"),
    ("52:00", M, "Anna", "Goed, en wie schrijft het op?"),
    ("53:00", A, "Anna", "Verslag na elke bijeenkomst naar iedereen"),
    ("54:30", R, "Bram", "Zal ik dat doen?"),
    ("55:30", A, "Joost", "Evaluatie na een half jaar"),
    ("57:00", A, "Fatima", "Een welkomstgesprek voor nieuwe bewoners"),
    ("58:30", M, "Anna", "Mooi, dan zijn we rond"),
)

_KINDS = {A: EventKind.ANSWER, M: EventKind.MESSAGE, R: EventKind.REPLY_TO_OTHER}


def _at(clock: str) -> datetime:
    minutes, seconds = clock.split(":")
    return START + timedelta(minutes=int(minutes), seconds=int(seconds))


def _timeline(sees_messages: bool) -> list[ChatEvent]:
    """The script as events; without chat visibility only answers and column moves remain."""
    events: list[ChatEvent] = []
    kolom = Kolom.RELATIES
    for clock, what, who, text in SCRIPT:
        if what == K:
            kolom = Kolom[text.upper()]
            events.append(ChatEvent(_at(clock), EventKind.COLUMN_CHANGED, kolom=kolom))
        elif what == A or sees_messages:
            # Only answers belong to a column; chat lines are placed by time.
            events.append(
                ChatEvent(
                    _at(clock),
                    _KINDS[what],
                    member_id=_IDS[who],
                    member_name=who,
                    text=text,
                    kolom=kolom if what == A else None,
                )
            )
    return events


def run(
    sees_messages: bool = True, policy: Policy | None = None
) -> list[tuple[time, ReminderKind, str]]:
    """Replay the hour; return (clock time, kind, reason) for every reminder sent."""
    policy = policy or Policy()
    timeline = _timeline(sees_messages)
    minutes = [START + timedelta(minutes=m) for m in range(int(LENGTH / timedelta(minutes=1)))]
    moments = sorted({e.at for e in timeline} | set(minutes))
    seen: list[ChatEvent] = []
    sent: list[tuple[time, ReminderKind, str]] = []
    kolom, started = Kolom.RELATIES, START
    pending = iter(timeline)
    upcoming = next(pending, None)
    for now in moments:
        while upcoming is not None and upcoming.at <= now:
            seen.append(upcoming)
            if upcoming.kind is EventKind.COLUMN_CHANGED and upcoming.kolom is not None:
                kolom, started = upcoming.kolom, upcoming.at
            upcoming = next(pending, None)
        view = SubgroupView(MEMBERS, kolom, Fase.KOLOMMEN, started, sees_messages=sees_messages)
        reminder = decide(view, seen, now, policy)
        if reminder is not None:
            seen.append(reminder.as_sent(now, kolom))
            sent.append((now.time(), reminder.kind, reminder.reason))
    return sent


def _report(title: str, sent: list[tuple[time, ReminderKind, str]]) -> None:
    print(f"\n{title}")
    print(f"{'time':8}  {'+min':>5}  {'kind':13}  reason")
    for clock, kind, reason in sent:
        offset = datetime.combine(START.date(), clock, UTC) - START
        plus = f"{int(offset.total_seconds()) // 60:02d}:{int(offset.total_seconds()) % 60:02d}"
        print(f"{clock.isoformat():8}  {plus:>5}  {kind.value:13}  {reason}")
    counts = Counter(kind for _, kind, _ in sent)
    summary = ", ".join(f"{kind.value} {counts[kind]}" for kind in ReminderKind)
    print(f"total {len(sent)} in 60 min ({summary})")


def main() -> None:
    answers = sum(what == A for _, what, _, _ in SCRIPT)
    lines = sum(what in (M, R) for _, what, _, _ in SCRIPT)
    print(f"Replay: 60-minute stap 4, 4 members, {answers} answers, {lines} chat lines.")
    p = Policy()
    print(
        f"Policy: cap {p.cap}, grace {p.column_grace}, quiet after {p.quiet_after}, "
        f"dialogue {p.dialogue_answers} answers ({p.dialogue_answers_visible} when the chat "
        f"is visible) in {p.dialogue_window}, generalise once per column."
    )
    _report("Bot sees the chat (privacy mode off):", run(sees_messages=True))
    _report("Bot sees answers only (privacy mode on):", run(sees_messages=False))


if __name__ == "__main__":
    main()
