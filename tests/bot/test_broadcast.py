"""A broadcast reaches 25 subgroups exactly once, within Telegram's limits."""

from __future__ import annotations

import logging

from benchmarks.bench_broadcast import measure


async def test_a_phase_change_reaches_25_subgroups_once_without_a_429(tmp_path, caplog):
    caplog.set_level(logging.WARNING)
    result = await measure(25, db_dir=tmp_path)
    print(
        f"\nbroadcast: {result.seconds:.2f} s for {result.messages} messages, "
        f"lower bound {result.lower_bound:.2f} s, ratio {result.ratio:.2f}"
    )
    assert result.questions_per_group == [1] * 25
    assert result.boards_per_group == [1] * 25
    assert result.rate_limited == 0
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
