"""The bot as co-facilitator: at most one kind reminder now and then, when it helps."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from bot.actions import Outcome, Say
from bot.incoming import Incoming
from bot.usecases.common import Services, register, subgroup_here
from flows.herinneringen import (
    ChatEvent,
    ColumnTally,
    EventKind,
    Member,
    Policy,
    Reminder,
    ReminderKind,
    SubgroupView,
    decide_on,
    in_column,
    join_names,
    may_remind,
)
from flows.texts import render
from storage.models import Activity, Participant, Subgroup, Workshop

log = logging.getLogger(__name__)


# Activity the reminder policy reads as chat lines; other activity (a member done writing in
# silence, in a private chat) is not something the group said.
_CHAT_KINDS = frozenset({EventKind.MESSAGE.value, EventKind.REPLY_TO_OTHER.value})


def _at(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp)


def _stamp(moment: datetime) -> str:
    """A moment as stored (as Services.stamp writes it), to compare with stored ones."""
    return moment.isoformat(timespec="milliseconds")


# The activity the policy counts as chat lines between members (the other kinds are
# reminders sent, and being done writing in silence).
CHAT = (EventKind.MESSAGE.value, EventKind.REPLY_TO_OTHER.value)


def _policy(workshop: Workshop, subgroup: Subgroup) -> Policy:
    return Policy(
        cap=timedelta(minutes=workshop.reminder_cap_minutes),
        muted=subgroup.reminders_muted,
        facilitator_off=workshop.reminders_off,
    )


def _sent(act: Activity) -> ChatEvent:
    return ChatEvent(
        at=_at(act.at), kind=EventKind.REMINDER_SENT, kolom=act.kolom,
        reminder=ReminderKind(act.detail["reminder"]),
        member_ids=tuple(act.detail.get("member_ids", ())), ref=act.detail.get("ref"),
    )  # fmt: skip


async def reminder_due(
    s: Services, workshop: Workshop, subgroup: Subgroup, people: list[Participant]
) -> Reminder | None:
    """What the reminder policy decides for this subgroup now.

    It reads a tally of the column, not the column: counts that stop where the policy
    stops counting, the reminders sent, and the last few minutes. Asking costs the same
    with ten answers in a column as with thousands.
    """
    now, policy = s.clock(), _policy(workshop, subgroup)
    until, started = _stamp(now), subgroup.state_changed_at
    kolom = subgroup.stand.kolom
    view = SubgroupView(
        members=tuple(Member(p.id, p.first_name) for p in people),
        kolom=kolom,
        fase=workshop.fase,
        column_started=_at(started),
        sees_messages=await s.storage.has_activity(subgroup.id, CHAT, started),
    )
    if not may_remind(view, now, policy):
        return None
    reminders = [
        (act.at, _sent(act))
        for act in await s.storage.list_activity(subgroup.id, started, ("reminder_sent",))
        if act.at <= until
    ]
    last_sent = max((e.at for _, e in reminders), default=None)
    if last_sent is not None and now - last_sent < policy.cap:
        return None  # what decide_on would say; the rest need not be read
    sent = sorted(((at, e) for at, e in reminders if in_column(view, e)), key=lambda r: r[1].at)
    names = {p.id: p.first_name for p in people}
    # The recent past, read with a second to spare and cut exactly here (a stored moment
    # has milliseconds, the clock microseconds).
    recent_since = now - policy.recent
    spare = _stamp(max(recent_since - timedelta(seconds=1), view.column_started))
    recent = [
        ChatEvent(at=_at(a.created_at), kind=EventKind.ANSWER, member_id=a.participant_id,
                  member_name=a.author or "", text=a.text, kolom=a.kolom, ref=str(a.id))
        for a in await s.storage.list_answers_since(
            subgroup.id, kolom, _stamp(recent_since - timedelta(seconds=1)), until
        )
    ]  # fmt: skip
    recent += [
        ChatEvent(at=_at(act.at), kind=EventKind(act.kind), member_id=act.participant_id,
                  member_name=names.get(act.participant_id or 0, ""))
        for act in await s.storage.list_activity(subgroup.id, max(spare, started), CHAT)
        if act.at <= until
    ]  # fmt: skip
    recent.sort(key=lambda e: e.at)
    member_ids = [m.id for m in view.members]
    answers = await s.storage.count_answers_per_person(
        subgroup.id, kolom, member_ids, until, max(1, policy.quiet_talker_answers)
    )
    chatted = await s.storage.people_active_since(subgroup.id, member_ids, CHAT, started, until)
    dialogue = [at for at, e in sent if e.reminder is ReminderKind.DIALOOG]
    after_dialogue = (
        await s.storage.count_answers_after(
            subgroup.id, kolom, dialogue[-1], until, policy.dialogue_repeat_answers
        )
        if dialogue
        else 0
    )
    tally = ColumnTally(
        answers=answers,
        heard=frozenset({m for m, n in answers.items() if n > 0} | chatted),
        recent=tuple(e for e in recent if e.at >= recent_since and in_column(view, e)),
        sent=tuple(e for _, e in sent),
        answers_after_dialogue=after_dialogue,
        sees_messages=view.sees_messages,
        last_sent=last_sent,
    )
    return decide_on(view, tally, now, policy)


async def consider_reminder(s: Services, workshop: Workshop, subgroup: Subgroup) -> list[Say]:
    """Ask the reminder policy about this subgroup now; the reminder to send, if any."""
    if subgroup.chat_id is None or not subgroup.stand.answering:
        return []
    people = [
        p for p in await s.storage.list_participants(workshop.id) if p.subgroup_id == subgroup.id
    ]
    # Who left the chat is not waited for, nor named as 'not heard yet'.
    people = [p for p in people if p.present]
    reminder = await reminder_due(s, workshop, subgroup, people)
    if reminder is None:
        return []
    await s.storage.add_activity(
        workshop_id=workshop.id, subgroup_id=subgroup.id, kind="reminder_sent",
        participant_id=None, kolom=subgroup.stand.kolom,
        detail={"reminder": reminder.kind.value, "member_ids": list(reminder.member_ids),
                "ref": reminder.ref},
        now=s.stamp(),
    )  # fmt: skip
    log.info("reminder %s for subgroup %d: %s", reminder.kind, subgroup.id, reminder.reason)
    names = {p.id: p.first_name for p in people}
    return [Say(subgroup.chat_id, subgroup.topic_id, _text(reminder, names, workshop.lang))]


def _text(reminder: Reminder, names: dict[int, str], lang: str) -> str:
    params = dict(reminder.params)
    if "namen" in params:  # names joined with the workshop's own "and"
        params["namen"] = join_names([names[m] for m in reminder.member_ids if m in names], lang)
    return render(reminder.key, lang, **params)


async def note_reply(s: Services, inc: Incoming) -> Outcome:
    """A member replied to another member: dialogue, which the reminders take into account."""
    found = await subgroup_here(s, inc)
    if found is None:
        return Outcome()
    workshop, subgroup = found
    participant_id = await register(s, workshop, subgroup, inc)
    await s.storage.add_activity(
        workshop_id=workshop.id, subgroup_id=subgroup.id, kind="reply_to_other",
        participant_id=participant_id, kolom=subgroup.stand.kolom, detail=None, now=s.stamp(),
    )  # fmt: skip
    return Outcome()


async def note_new_members(
    s: Services, inc: Incoming, people: list[tuple[int, str, str | None]]
) -> Outcome:
    """People joined a subgroup's chat: they are members, also before they say anything."""
    found = await subgroup_here(s, inc)
    if found is None:
        return Outcome()
    workshop, subgroup = found
    for user_id, first_name, username in people:
        await s.storage.upsert_participant(
            workshop_id=workshop.id, user_id=user_id, first_name=first_name,
            username=username, subgroup_id=subgroup.id, now=s.stamp(),
        )  # fmt: skip
    return Outcome()
