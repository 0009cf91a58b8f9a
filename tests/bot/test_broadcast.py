"""A broadcast reaches 25 subgroups exactly once, within Telegram's limits: the questions
of /begin, and at the start of stap 4 the values, the next question and the board."""

from __future__ import annotations

import logging

from benchmarks.bench_broadcast import measure


async def test_a_phase_change_reaches_25_subgroups_once_without_a_429(tmp_path, caplog):
    caplog.set_level(logging.WARNING)
    begin, step4 = await measure(25, db_dir=tmp_path)
    for result in (begin, step4):
        print(
            f"\nbroadcast: {result.seconds:.2f} s for {result.messages} messages, "
            f"lower bound {result.lower_bound:.2f} s, ratio {result.ratio:.2f}"
        )
    assert begin.questions_per_group == [1] * 25
    assert begin.boards_per_group == [1] * 25
    assert begin.rate_limited == 0
    # Stap 4 sends each group its values, the next question and its board at once (and
    # freezes the old board): each arrives once. Its 429s are counted in `make bench`.
    assert step4.values_per_group == [1] * 25
    assert step4.questions_per_group == [1] * 25
    assert step4.boards_per_group == [1] * 25
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
