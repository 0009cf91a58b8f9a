"""Who is in a subgroup's chat: someone who left or was removed no longer counts."""

from __future__ import annotations

import logging

from bot.actions import Outcome
from bot.usecases.common import Services
from bot.usecases.silent import everyone_done_writing, reveal

log = logging.getLogger(__name__)


async def member_left(s: Services, chat_id: int, user_id: int) -> Outcome:
    """Someone left (or was removed from) a chat: in its subgroups they are not waited for,
    not named, and what they write in private is not kept; a silent column that waited only
    for them is shown now."""
    left = await s.storage.note_member_left(chat_id, user_id, s.stamp())
    outcome = Outcome()
    for subgroup_id in left:
        subgroup = await s.storage.get_subgroup(subgroup_id)
        if subgroup is None:
            continue
        workshop = await s.storage.get_workshop(subgroup.workshop_id)
        assert workshop is not None
        if await everyone_done_writing(s, workshop, subgroup):
            outcome.add(*await reveal(s, workshop, subgroup))
    if left:
        log.info("a member left %d subgroup(s)", len(left))  # no name, no id: who is private
    return outcome


async def member_joined(
    s: Services, chat_id: int, user_id: int, first_name: str, username: str | None
) -> Outcome:
    """Someone came into a chat: back in the subgroups they had left; in a subgroup's own
    chat (not a forum, where a topic is the subgroup) a member from now on."""
    await s.storage.note_member_back(chat_id, user_id)
    subgroup = await s.storage.find_subgroup_by_chat(chat_id, None)
    if subgroup is not None:
        await s.storage.upsert_participant(
            workshop_id=subgroup.workshop_id, user_id=user_id, first_name=first_name,
            username=username, subgroup_id=subgroup.id, now=s.stamp(),
        )  # fmt: skip
    return Outcome()
