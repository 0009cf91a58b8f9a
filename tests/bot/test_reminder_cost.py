"""An answer costs the reminder policy the same in a full column as in an empty one.

Measured in SQLite virtual machine instructions (benchmarks/bench_reminders.py), which
do not depend on the machine or its load: no timed assertion. `make bench` prints the
times.
"""

from __future__ import annotations

from benchmarks.bench_reminders import sql_steps_per_answer


async def test_an_answer_in_a_full_column_costs_what_it_costs_in_an_empty_one():
    small = await sql_steps_per_answer(10, before=False, count=9)
    full = await sql_steps_per_answer(2_000, before=False, count=9)
    assert full <= small * 1.1, (small, full)


async def test_reading_the_whole_column_as_before_would_be_seen_to_grow():
    small = await sql_steps_per_answer(10, before=True, count=3)
    full = await sql_steps_per_answer(2_000, before=True, count=3)
    assert full > small * 10, (small, full)
