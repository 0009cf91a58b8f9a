"""What counts as an answer."""

import pytest

from flows.antwoord import MAX_ANSWER_CHARS, check, clean


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("  Iedereen doet mee  ", "Iedereen doet mee"),
        ("a\x00b\x07c\x1bd", "abcd"),
        ("regel 1\r\nregel 2", "regel 1\nregel 2"),
        ("een\n\n\n\ntwee", "een\n\ntwee"),
        ("rechts\u202eom", "rechtsom"),  # a right-to-left override would spoof the text
        ("\u2066isolaat\u2069", "isolaat"),
        ("مرحبا\u200f partners", "مرحبا\u200f partners"),  # a plain RTL mark stays
        ("👩🏽‍🤝‍👨🏻 samen", "👩🏽‍🤝‍👨🏻 samen"),  # emoji sequences (with ZWJ) stay whole
        ("<b>vet</b> & {{ x }}", "<b>vet</b> & {{ x }}"),  # markup is text, escaped later
    ],
)
def test_cleaning_keeps_what_people_typed_and_drops_control_characters(typed, kept):
    assert clean(typed) == kept


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        (None, "weigering.geen_tekst"),
        ("", "weigering.leeg_antwoord"),
        ("   \n\t ", "weigering.leeg_antwoord"),
        ("\x00\x01", "weigering.leeg_antwoord"),
        ("x" * (MAX_ANSWER_CHARS + 1), "weigering.te_lang"),
    ],
)
def test_answers_that_cannot_be_stored_say_why(typed, reason):
    result = check(typed)
    assert not result.ok
    assert result.reason == reason


def test_an_answer_of_the_maximum_length_is_accepted_whole():
    result = check("y" * MAX_ANSWER_CHARS)
    assert result.ok
    assert len(result.text) == MAX_ANSWER_CHARS
