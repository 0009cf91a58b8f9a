"""The reminder policy: when the bot, as co-facilitator, nudges a subgroup, and when not.

The method asks facilitators to keep four principles alive (dialogue, reciprocity, helping
each other take part, win-win for different values) and, in stap 4, to pull groups from
their own network's specifics towards general traits. The bot does this in two ways:

- **prompted**: every column question carries one short principle line
  (``PRINCIPLE_FOR_COLUMN``); it costs no extra message, so it has no cap;
- **unprompted**: ``decide`` looks at a subgroup's recent chat and returns at most one
  reminder, or None. Unprompted reminders are rare on purpose: one per subgroup per
  ``Policy.cap``, none while muted or switched off by the facilitator.

Everything here is pure: the bot feeds in what it saw (``ChatEvent``) and the time.
A sent reminder is recorded as a ``reminder_sent`` event (``Reminder.as_sent``), so the
events are the only memory the policy needs.

The rules look at a ``ColumnTally``: answers counted per member, who said something, the
reminders sent and the last few minutes of events. ``decide`` builds it from the events;
the bot asks after every answer and builds the same tally from a few counted reads
(``decide_on``), so asking costs the same in a full column as in an empty one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from flows.fase import Fase

# looks_network_specific is part of this module's API; it lives next door for size.
from flows.herinneringen_signalen import looks_network_specific, notice  # noqa: F401
from flows.kaart import Kolom

# The principle line that comes with each column's question (a catalogue key).
PRINCIPLE_FOR_COLUMN: dict[Kolom, str] = {
    Kolom.WAARDEN: "principe.regel.waarden",  # different values: where is the win-win?
    Kolom.RELATIES: "principe.regel.relaties",  # reciprocity: what does each give and get?
    Kolom.HANDELEN: "principe.regel.handelen",  # dialogue: listening and asking is acting
    Kolom.VOORWAARDEN: "principe.regel.voorwaarden",  # taking part: what lets everyone join?
    Kolom.ACTIES: "principe.regel.acties",  # reciprocity and win-win: does each action pay?
}


class ReminderKind(StrEnum):
    """What an unprompted reminder is about."""

    MEEDOEN = "meedoen"  # help each other take part: invite the quiet ones
    GENERALISEREN = "generaliseren"  # stap 4: how would this work in another network?
    DIALOOG = "dialoog"  # build on each other instead of only posting


class EventKind(StrEnum):
    """What the bot saw happen in a subgroup's chat."""

    ANSWER = "answer"  # a captured answer: always visible to the bot
    MESSAGE = "message"  # a plain chat line: only visible with privacy mode off
    REPLY_TO_OTHER = "reply_to_other"  # a member replies to another member: idem
    REMINDER_SENT = "reminder_sent"  # the bot sent an unprompted reminder
    COLUMN_CHANGED = "column_changed"  # the subgroup moved to another column


# What counts as taking part: anything a member says, not only captured answers.
_CONTRIBUTIONS = frozenset({EventKind.ANSWER, EventKind.MESSAGE, EventKind.REPLY_TO_OTHER})
# What counts as reacting to each other.
_REACTIONS = frozenset({EventKind.MESSAGE, EventKind.REPLY_TO_OTHER})


@dataclass(frozen=True)
class ChatEvent:
    """One thing that happened in a subgroup's chat, as plain values."""

    at: datetime
    kind: EventKind
    member_id: int | None = None
    member_name: str = ""
    text: str = ""
    kolom: Kolom | None = None  # None for chat lines: then the time decides the column
    reminder: ReminderKind | None = None  # reminder_sent: which kind
    member_ids: tuple[int, ...] = ()  # reminder_sent: the members it addressed
    ref: str | None = None  # an answer's id; reminder_sent: the answer it was about


@dataclass(frozen=True)
class Member:
    """A subgroup member as the policy needs them: an id and a first name."""

    id: int
    first_name: str


@dataclass(frozen=True)
class SubgroupView:
    """What the policy needs to know about a subgroup besides its chat."""

    members: tuple[Member, ...]
    kolom: Kolom
    fase: Fase
    column_started: datetime
    answering: bool = True  # False while the subgroup waits (nothing to nudge)
    sees_messages: bool = False  # privacy mode off: the bot sees chat lines and replies


@dataclass(frozen=True)
class Policy:
    """The reminder settings; the defaults aim at a few reminders per hour."""

    # At most one unprompted reminder per subgroup per cap. With four columns in a
    # 60-minute stap 4 that allows ~7 per hour in theory; the rules below fire far less.
    cap: timedelta = timedelta(minutes=8)
    # Let a group read a new question before nudging it.
    column_grace: timedelta = timedelta(minutes=2)
    # Taking part: someone has said nothing in this column after quiet_after, while at
    # least quiet_min_talkers others have quiet_talker_answers answers or more each.
    quiet_after: timedelta = timedelta(minutes=5)
    quiet_talker_answers: int = 2
    quiet_min_talkers: int = 2  # in a pair, one talker is enough
    # Dialogue: dialogue_answers answers from at least dialogue_min_members members within
    # dialogue_window and nobody reacted to anyone. When the bot sees chat lines it knows
    # the silence is real, so a smaller burst is enough; with answers alone the group may
    # be talking where the bot cannot see, so it waits for a bigger burst.
    dialogue_window: timedelta = timedelta(minutes=5)
    dialogue_answers: int = 6
    dialogue_answers_visible: int = 5
    dialogue_min_members: int = 2
    # A second dialogue reminder in a column only after this many more answers.
    dialogue_repeat_answers: int = 10
    # Generalising: only in stap 4 by default. In stap 2 the method asks for the ideal
    # situation, a dream, and a concrete example from home is a good way to get there.
    generalise_phases: frozenset[Fase] = frozenset({Fase.KOLOMMEN})
    # Ask about an answer only while it is fresh; later the group has moved on.
    generalise_fresh: timedelta = timedelta(minutes=3)
    generalise_per_column: int = 1
    muted: bool = False  # the subgroup muted reminders
    facilitator_off: bool = False  # the facilitator switched reminders off for everyone

    @property
    def recent(self) -> timedelta:
        """How far back the rules look at single events (the rest they only count)."""
        return max(self.dialogue_window, self.generalise_fresh)


@dataclass(frozen=True)
class Reminder:
    """One unprompted reminder: a catalogue key, its parameters and why it fired."""

    kind: ReminderKind
    key: str
    params: Mapping[str, str] = field(default_factory=dict, hash=False)
    # Plain English, for logs and the replay report: counts, columns and ids only, never a
    # name or the words of an answer (logs must not hold them).
    reason: str = ""
    member_ids: tuple[int, ...] = ()
    ref: str | None = None  # generalising: the answer it is about

    def as_sent(self, at: datetime, kolom: Kolom) -> ChatEvent:
        """The reminder_sent event to record once the bot has sent this reminder."""
        return ChatEvent(
            at=at,
            kind=EventKind.REMINDER_SENT,
            kolom=kolom,
            reminder=self.kind,
            member_ids=self.member_ids,
            ref=self.ref,
        )


_AND = {"nl": "en", "en": "and"}


def join_names(names: Sequence[str], lang: str = "nl") -> str:
    """Names as one phrase: "Anna", "Anna en Bram", "Anna, Bram en Chantal"."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {_AND.get(lang, _AND['nl'])} {names[-1]}"


def in_column(view: SubgroupView, event: ChatEvent) -> bool:
    """Whether an event belongs to the subgroup's current column: an answer or a reminder
    by its column, a chat line by its time."""
    if event.kolom is not None:
        return event.kolom is view.kolom
    return event.at >= view.column_started


@dataclass(frozen=True)
class ColumnTally:
    """What the rules need to know about the subgroup's current column.

    Built from every event (``of``), or by the bot from a few counted reads, so that the
    cost of asking does not grow with the column: the rules look at counts per member,
    at the reminders sent, and at the last few minutes (``Policy.recent``) only.
    """

    answers: Mapping[int | None, int]  # answers per member (counted up to what rules need)
    heard: frozenset[int | None]  # members who answered or said something in this column
    recent: tuple[ChatEvent, ...]  # this column's events (no reminders) of the recent past
    sent: tuple[ChatEvent, ...]  # reminders sent in this column, oldest first
    answers_after_dialogue: int  # answers since the last dialogue reminder (counted up to
    # Policy.dialogue_repeat_answers; 0 when there was none)
    sees_messages: bool  # the bot sees chat lines and replies
    last_sent: datetime | None  # the last reminder sent, in any column

    @classmethod
    def of(
        cls, view: SubgroupView, past: Sequence[ChatEvent], now: datetime, policy: Policy
    ) -> ColumnTally:
        """The tally of a column from all its events so far (none after ``now``)."""
        mine = sorted((e for e in past if in_column(view, e)), key=lambda e: e.at)
        events = [e for e in mine if e.kind is not EventKind.REMINDER_SENT]
        sent = tuple(e for e in mine if e.kind is EventKind.REMINDER_SENT)
        answers = [e for e in events if e.kind is EventKind.ANSWER]
        dialogue = [e for e in sent if e.reminder is ReminderKind.DIALOOG]
        last = dialogue[-1].at if dialogue else None
        return cls(
            answers=Counter(e.member_id for e in answers),
            heard=frozenset(e.member_id for e in events if e.kind in _CONTRIBUTIONS),
            recent=tuple(e for e in events if e.at >= now - policy.recent),
            sent=sent,
            answers_after_dialogue=sum(e.at > last for e in answers) if last else 0,
            sees_messages=view.sees_messages or any(e.kind in _REACTIONS for e in past),
            last_sent=max(
                (e.at for e in past if e.kind is EventKind.REMINDER_SENT), default=None
            ),
        )

    def sent_of(self, kind: ReminderKind) -> list[ChatEvent]:
        return [e for e in self.sent if e.reminder is kind]


Rule = Callable[[SubgroupView, ColumnTally, datetime, Policy], Reminder | None]


def _minutes(delta: timedelta) -> str:
    return f"{delta.total_seconds() / 60:g}"


def _meedoen(
    view: SubgroupView, col: ColumnTally, now: datetime, policy: Policy
) -> Reminder | None:
    if now - view.column_started < policy.quiet_after:
        return None
    invited = {m for e in col.sent_of(ReminderKind.MEEDOEN) for m in e.member_ids}
    quiet = [m for m in view.members if m.id not in col.heard and m.id not in invited]
    talkers = [
        m for m in view.members if col.answers.get(m.id, 0) >= policy.quiet_talker_answers
    ]
    needed = max(1, min(policy.quiet_min_talkers, len(view.members) - 1))
    if not quiet or len(talkers) < needed:
        return None
    names = [m.first_name for m in quiet]
    # The message names the quiet ones and nothing else: no counts, no comparison.
    key = "herinnering.meedoen.een" if len(quiet) == 1 else "herinnering.meedoen.meer"
    return Reminder(
        kind=ReminderKind.MEEDOEN,
        key=key,
        params={"namen": join_names(names)},
        reason=(
            f"{'members' if len(quiet) > 1 else 'member'} "
            f"{', '.join(f'#{m.id}' for m in quiet)} not heard in {view.kolom.key} after "
            f"{_minutes(now - view.column_started)} min, while {len(talkers)} others have "
            f"{policy.quiet_talker_answers}+ answers each"
        ),
        member_ids=tuple(m.id for m in quiet),
    )


def _answer_ref(e: ChatEvent) -> str:
    return e.ref if e.ref is not None else f"{e.member_id}@{e.at.isoformat()}"


def _excerpt(text: str, limit: int = 60) -> str:
    """The answer, shortened at a word for quoting it back."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[:limit].rsplit(" ", 1)[0] + "…"


def _generaliseren(
    view: SubgroupView, col: ColumnTally, now: datetime, policy: Policy
) -> Reminder | None:
    if view.fase not in policy.generalise_phases:
        return None
    done = col.sent_of(ReminderKind.GENERALISEREN)
    if len(done) >= policy.generalise_per_column:
        return None
    asked = {e.ref for e in done}
    answers = [e for e in col.recent if e.kind is EventKind.ANSWER]
    for answer in reversed(answers):  # the newest fresh answer first
        if now - answer.at > policy.generalise_fresh:
            break
        ref = _answer_ref(answer)
        found = notice(answer.text) if ref not in asked else None
        if found is not None:
            return Reminder(
                kind=ReminderKind.GENERALISEREN,
                key="herinnering.generaliseren",
                params={"antwoord": _excerpt(answer.text), "naam": answer.member_name},
                reason=f"answer {ref} looks specific to one network ({found.signaal})",
                member_ids=(answer.member_id,) if answer.member_id is not None else (),
                ref=ref,
            )
    return None


def _dialoog(
    view: SubgroupView, col: ColumnTally, now: datetime, policy: Policy
) -> Reminder | None:
    before = col.sent_of(ReminderKind.DIALOOG)
    last = before[-1].at if before else None
    # Once per column, unless many more answers pile up after the first reminder.
    if last is not None and col.answers_after_dialogue < policy.dialogue_repeat_answers:
        return None
    since = now - policy.dialogue_window
    window = [e for e in col.recent if e.at >= since and (last is None or e.at > last)]
    answers = [e for e in window if e.kind is EventKind.ANSWER]
    needed = policy.dialogue_answers_visible if col.sees_messages else policy.dialogue_answers
    members = {e.member_id for e in answers}
    if any(e.kind in _REACTIONS for e in window):
        return None
    if len(answers) < needed or len(members) < policy.dialogue_min_members:
        return None
    seen = "chat visible" if col.sees_messages else "answers only"
    return Reminder(
        kind=ReminderKind.DIALOOG,
        key="herinnering.dialoog",
        reason=(
            f"{len(answers)} answers from {len(members)} members within "
            f"{_minutes(policy.dialogue_window)} min and no reactions to each other ({seen})"
        ),
    )


# Priority order. Taking part first: a person left out in one column tends to stay out
# for the rest of the session, and inviting them is the kindest, most useful nudge.
# Generalising next: it refers to one fresh answer and goes stale within minutes.
# Dialogue last: it is a pattern, not a moment; if it still holds after the cap it fires then.
_RULES: tuple[Rule, ...] = (_meedoen, _generaliseren, _dialoog)


def may_remind(view: SubgroupView, now: datetime, policy: Policy) -> bool:
    """False when no reminder can come now whatever happened (muted, switched off, the
    subgroup waits, or its column just started): then nothing needs to be looked at."""
    if policy.muted or policy.facilitator_off:
        return False
    if not view.answering or not view.fase.subgroups_work:
        return False
    return now - view.column_started >= policy.column_grace


def decide_on(
    view: SubgroupView, tally: ColumnTally, now: datetime, policy: Policy
) -> Reminder | None:
    """The one unprompted reminder a subgroup should get now, or None, from its tally."""
    if not may_remind(view, now, policy):
        return None
    if tally.last_sent is not None and now - tally.last_sent < policy.cap:
        return None
    for rule in _RULES:
        reminder = rule(view, tally, now, policy)
        if reminder is not None:
            return reminder
    return None


def decide(
    view: SubgroupView,
    events: Sequence[ChatEvent],
    now: datetime,
    policy: Policy,
) -> Reminder | None:
    """The one unprompted reminder a subgroup should get now, or None."""
    if not may_remind(view, now, policy):
        return None
    past = [e for e in events if e.at <= now]
    return decide_on(view, ColumnTally.of(view, past, now, policy), now, policy)
