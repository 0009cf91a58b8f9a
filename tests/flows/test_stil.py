"""Silent writing settings."""

import pytest

from flows.kaart import Kolom
from flows.stil import StilFout, anonymous, everyone_done, is_silent, parse_setting


@pytest.mark.parametrize(
    ("typed", "setting"),
    [
        ("", {"all": True, "anonymous": False}),
        ("aan", {"all": True, "anonymous": False}),
        ("uit", None),
        ("anoniem", {"all": True, "anonymous": True}),
        ("2 3", {"columns": [2, 3], "anonymous": False}),
        ("relaties, acties anoniem", {"columns": [2, 5], "anonymous": True}),
    ],
)
def test_the_facilitator_chooses_columns_and_anonymity(typed, setting):
    assert parse_setting(typed) == setting


@pytest.mark.parametrize("typed", ["7", "misschien", "2 x"])
def test_an_unreadable_setting_is_refused(typed):
    with pytest.raises(StilFout):
        parse_setting(typed)


def test_silent_columns_and_anonymity():
    setting = parse_setting("3 anoniem")
    assert is_silent(setting, Kolom.HANDELEN)
    assert not is_silent(setting, Kolom.RELATIES)
    assert anonymous(setting)
    assert not is_silent(None, Kolom.WAARDEN)


def test_the_reveal_waits_for_every_member():
    assert not everyone_done([1, 2, 3], [1, 2])
    assert everyone_done([1, 2, 3], [3, 2, 1, 4])
    assert not everyone_done([], [])
