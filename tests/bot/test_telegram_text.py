"""Long messages are split under Telegram's limit, each part valid HTML."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.sandbox.html_text import parse_html
from bot.telegram_text import MESSAGE_LIMIT, split_html, utf16_len


def visible(part: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", "", part))


def test_a_short_text_stays_one_message():
    assert split_html("<b>Hallo</b> &amp; welkom") == ["<b>Hallo</b> &amp; welkom"]


def test_a_long_list_is_split_where_lines_end_with_its_tags_closed_and_reopened():
    lines = [f"{n}. Anna van de Buurtvereniging &amp; het wijkteam Noord" for n in range(1, 200)]
    text = "<b>De indeling</b>\n<i>" + "\n".join(lines) + "</i>\nLees de lijst voor."
    parts = split_html(text)
    assert len(parts) >= 3
    for part in parts:
        assert utf16_len(visible(part)) <= MESSAGE_LIMIT
        parse_html(part)  # valid Telegram HTML: raises otherwise
        assert part.count("<i>") == part.count("</i>")
    # Nothing lost, nothing added but the line breaks where it was cut.
    assert "".join(visible(p) for p in parts).replace("\n", "") == visible(text).replace("\n", "")
    assert all(not visible(p).startswith("\n") for p in parts)


def test_one_line_longer_than_the_limit_is_cut_inside_the_line_not_inside_an_entity():
    answer = "Ik &amp; jij " * 800  # 7,200 characters on one line
    parts = split_html(f"• <b>Anna</b>: {answer}")
    assert len(parts) == 2
    for part in parts:
        assert utf16_len(visible(part)) <= MESSAGE_LIMIT
        parse_html(part)
        assert "&amp" not in part.replace("&amp;", "")


def test_emoji_count_as_telegram_counts_them():
    text = "🌱" * 3000  # 6,000 UTF-16 units
    parts = split_html(text)
    assert [utf16_len(p) for p in parts] == [4096, 1904]


@given(st.lists(st.text(alphabet="ab &<>é🌱\n", min_size=0, max_size=300), max_size=40))
def test_any_escaped_text_is_split_into_valid_parts_that_keep_every_character(lines):
    text = "<b>" + "\n".join(html.escape(line) for line in lines) + "</b>"
    parts = split_html(text, limit=200)
    for part in parts:
        assert utf16_len(visible(part)) <= 200
        parse_html(part)
    # Every character that shows is kept (parts of nothing but white space are dropped:
    # Telegram refuses an empty message).
    joined = "".join(visible(p) for p in parts)
    assert re.sub(r"\s", "", joined) == re.sub(r"\s", "", visible(text))


@pytest.mark.parametrize("limit", [1, 5, 50])
def test_small_limits_still_terminate(limit):
    assert split_html("<b>" + "x" * 120 + "</b>", limit=limit)
