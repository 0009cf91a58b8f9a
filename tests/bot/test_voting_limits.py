"""Votes per person come from storage, whatever a button says (use cases driven
directly: a real SQLite file, a fake clock, a fake Telegram)."""

from __future__ import annotations

from bot import usecases
from tests.bot.test_crash_points import A1, G1, SCRIPT, play
from tests.bot.world import FakeClock, FakeTelegram, World


async def test_a_forged_vote_button_gives_no_more_votes_than_the_facilitator_allowed(tmp_path):
    world = await World(tmp_path / "votes.sqlite3", FakeClock(), FakeTelegram()).start()
    try:
        started = next(i for i, step in enumerate(SCRIPT) if step.name == "/stemmen 2")
        for index in range(started + 1):  # up to "/stemmen 2": two votes each
            await play(world, index)
        workshop = await world.storage.latest_workshop()
        draft = await world.storage.get_draft(workshop.id, workshop.plenary_column)
        assert draft.voting
        assert len(draft.items) >= 3
        toasts = []
        for position in (1, 2, 3):  # the button's data says 10 votes each
            inc = World.incoming(G1, A1, None, message_id=9000 + position)
            handled = await world.deliver(
                lambda s, inc=inc, position=position: usecases.vote(
                    s, inc, int(draft.kolom), draft.version, 10, position
                ),
                f"cb:forged-{position}",
            )
            toasts.append(handled.outcome.toast)
        counts, voters = await world.storage.vote_counts(workshop.id, draft.kolom)
        assert sum(counts.values()) == 2
        assert voters == 1
        assert "2" in toasts[-1]  # "you have used your 2 votes"
    finally:
        await world.stop()
