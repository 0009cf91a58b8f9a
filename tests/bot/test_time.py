"""Heads-ups about time survive a restart of the bot and come once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.sandbox import Sandbox
from tests.bot.conftest import BotProcess
from tests.bot.story import facilitator_says, values_plenary, workshop_with_groups


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 29, 10, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def forward(self, minutes: float) -> None:
        self.now += timedelta(minutes=minutes)


def texts(sandbox: Sandbox, chat) -> list[str]:
    return [m.text for m in sandbox.bot_messages(chat)]


async def test_the_five_minute_warning_comes_after_a_restart_during_stap_4(
    sandbox: Sandbox, db_path
):
    clock = FakeClock()
    bot = BotProcess(sandbox, db_path, clock=clock, manual_time=True)
    await bot.start()
    fac, anna = sandbox.add_user("Fatima"), sandbox.add_user("Anna")
    group = sandbox.add_group("Tafel 1")
    facilitator = sandbox.private_chat(fac)
    try:
        await workshop_with_groups(sandbox, fac, "de wijk", (group, anna))
        await sandbox.send_message(group, anna, "/idee Veilige straten")
        await sandbox.send_message(group, anna, "/klaar")
        await sandbox.wait_idle()
        await values_plenary(sandbox, fac)  # stap 4 starts now, 60 minutes

        clock.forward(31)
        await bot.tick()
        [half_time] = [t for t in texts(sandbox, group) if t.startswith("⏳")]
        assert "helft" in half_time
        assert any(
            t.startswith("⏳ Stap 4: de andere kolommen") and "De helft van de tijd is om" in t
            for t in texts(sandbox, facilitator)
        )

        await bot.stop()
        clock.forward(25)  # minute 56, while the bot is down
        await bot.start()
        await bot.tick()
        assert any("Nog 4 minuten" in t for t in texts(sandbox, group))
        clock.forward(1)
        await bot.tick()  # a minute later: nothing is said twice
        warnings = [t for t in texts(sandbox, group) if t.startswith("⏳")]
        assert len(warnings) == 2  # half time and five minutes before: each once
        assert "helft" in warnings[0]
        assert "Nog 4 minuten" in warnings[1]
        late = [t for t in texts(sandbox, facilitator) if "Achter op schema" in t]
        assert late
        assert "Tafel 1" in late[-1]
    finally:
        await bot.stop()


async def test_the_facilitator_sets_the_time_of_a_step(sandbox: Sandbox, db_path):
    clock = FakeClock()
    bot = BotProcess(sandbox, db_path, clock=clock, manual_time=True)
    await bot.start()
    fac, anna = sandbox.add_user("Fatima"), sandbox.add_user("Anna")
    group = sandbox.add_group("Tafel 1")
    try:
        await workshop_with_groups(sandbox, fac, "de wijk", (group, anna))
        assert "45 minuten" in await facilitator_says(sandbox, fac, "/tijd")
        assert "20 minuten" in await facilitator_says(sandbox, fac, "/tijd 20")
        for bad in ("0", "drie", "999", "²"):
            assert "Geef het aantal minuten" in await facilitator_says(sandbox, fac, f"/tijd {bad}")
        clock.forward(9)
        await bot.tick()
        assert not any("helft" in t for t in texts(sandbox, group))  # of 20 minutes, not yet
        clock.forward(1)
        await bot.tick()
        assert any("helft" in t for t in texts(sandbox, group))
    finally:
        await bot.stop()
