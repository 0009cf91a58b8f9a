"""The JSON export holds the whole workshop and reads back to the same data."""

import json

import pytest

from exports.json_data import WorkshopFileError, from_json, to_json
from flows.kaart import Kolom
from tests.exports.sample import sample_workshop


def test_the_json_holds_every_answer_and_model_item_with_its_sources():
    data = sample_workshop()
    doc = json.loads(to_json(data))
    assert doc["schema_version"] == 2  # 2: "closing" and "previous" came with it
    assert doc["closing"] == []
    assert doc["previous"] is None
    assert doc["goal"] == data.goal
    assert len(doc["answers"]) == len(data.answers)
    first = doc["answers"][0]
    assert set(first) >= {"id", "text", "author", "column", "subgroup", "created_at"}
    waarden = doc["model"]["waarden"]
    assert waarden["confirmed"] is True
    assert all(item["answer_ids"] for item in waarden["items"])
    assert [g["name"] for g in doc["subgroups"]] == ["Tafel 1", "Tafel 2", "Tafel 3", "Tafel 4"]


@pytest.mark.parametrize("final", [True, False])
def test_reading_the_json_back_gives_the_same_workshop(final):
    data = sample_workshop(
        final=final,
        extra={
            "Tafel 1": {Kolom.WAARDEN: [("Anna", 'emoji 🤝🏽, ‘quotes’ "x", \u200f rtl, {{ x }}')]}
        },
    )
    assert from_json(to_json(data)) == data


def test_a_version_1_file_still_reads_as_a_workshop_without_closing_round_or_first_meeting():
    data = sample_workshop()
    doc = json.loads(to_json(data))
    doc["schema_version"] = 1
    del doc["closing"], doc["previous"]
    old = from_json(json.dumps(doc))
    assert old.closing == ()
    assert old.previous is None
    assert old.answers == data.answers
    assert json.loads(to_json(old))["schema_version"] == 2


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        (b"not json", "not valid JSON"),
        (b"[1, 2]", "no schema_version"),
        (b'{"schema_version": 99}', r"schema version 99 .* reads 1, 2\)"),
        (b'{"schema_version": 1, "goal": "x"}', "incomplete"),
        (b"\xff\xfe", "not valid JSON"),
    ],
)
def test_a_file_that_is_not_an_export_is_refused_with_the_reason(raw, says):
    with pytest.raises(WorkshopFileError, match=says):
        from_json(raw)
