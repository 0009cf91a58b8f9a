"""The bot as co-facilitator: at most one kind reminder now and then, when it helps."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from bot.actions import Outcome, Say
from bot.incoming import Incoming
from bot.usecases.common import Services, register, subgroup_here
from flows.herinneringen import (
    ChatEvent,
    EventKind,
    Member,
    Policy,
    Reminder,
    ReminderKind,
    SubgroupView,
    decide,
    join_names,
)
from flows.texts import render
from storage.models import Subgroup, Workshop

log = logging.getLogger(__name__)


# Activity the reminder policy reads as chat lines; other activity (a member done writing in
# silence, in a private chat) is not something the group said.
_CHAT_KINDS = frozenset({EventKind.MESSAGE.value, EventKind.REPLY_TO_OTHER.value})


def _at(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp)


async def consider_reminder(s: Services, workshop: Workshop, subgroup: Subgroup) -> list[Say]:
    """Ask the reminder policy about this subgroup now; the reminder to send, if any."""
    if subgroup.chat_id is None or not subgroup.stand.answering:
        return []
    people = [
        p for p in await s.storage.list_participants(workshop.id) if p.subgroup_id == subgroup.id
    ]
    names = {p.id: p.first_name for p in people}
    # Who left the chat is not waited for, nor named as 'not heard yet'.
    people = [p for p in people if p.present]
    answers = await s.storage.list_answers(subgroup.id, subgroup.stand.kolom)
    activity = await s.storage.list_activity(subgroup.id, subgroup.state_changed_at)
    events = [
        ChatEvent(at=_at(a.created_at), kind=EventKind.ANSWER, member_id=a.participant_id,
                  member_name=a.author or "", text=a.text, kolom=a.kolom, ref=str(a.id))
        for a in answers
    ]  # fmt: skip
    for act in activity:
        if act.kind == "reminder_sent":
            events.append(
                ChatEvent(at=_at(act.at), kind=EventKind.REMINDER_SENT, kolom=act.kolom,
                          reminder=ReminderKind(act.detail["reminder"]),
                          member_ids=tuple(act.detail.get("member_ids", ())),
                          ref=act.detail.get("ref"))
            )  # fmt: skip
        elif act.kind in _CHAT_KINDS:
            events.append(
                ChatEvent(at=_at(act.at), kind=EventKind(act.kind),
                          member_id=act.participant_id,
                          member_name=names.get(act.participant_id or 0, ""))
            )  # fmt: skip
    events.sort(key=lambda e: e.at)
    view = SubgroupView(
        members=tuple(Member(p.id, p.first_name) for p in people),
        kolom=subgroup.stand.kolom,
        fase=workshop.fase,
        column_started=_at(subgroup.state_changed_at),
        sees_messages=any(a.kind in _CHAT_KINDS for a in activity),
    )
    policy = Policy(
        cap=timedelta(minutes=workshop.reminder_cap_minutes),
        muted=subgroup.reminders_muted,
        facilitator_off=workshop.reminders_off,
    )
    reminder = decide(view, events, s.clock(), policy)
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
