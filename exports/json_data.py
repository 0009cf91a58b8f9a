"""The complete workshop as JSON, and back: the data export and the offline round trip."""

from __future__ import annotations

import datetime
import json
from typing import Any

from exports.model import (
    READABLE_SCHEMA_VERSIONS,
    SCHEMA_VERSION,
    AnswerRecord,
    ClosingRecord,
    ModelItem,
    ParticipantRecord,
    PhaseRecord,
    SubgroupRecord,
    WorkshopData,
)
from flows.kaart import Kolom


class WorkshopFileError(ValueError):
    """A JSON file that is not a workshop export we can read; the message says why."""


def to_json(data: WorkshopData) -> bytes:
    """The workshop as UTF-8 JSON: every answer with author, column, subgroup and time,
    every model item with the ids of the answers it came from, the closing round's answers,
    and for a follow-up its first meeting (as a workshop of its own, under "previous")."""
    return json.dumps(_doc(data), ensure_ascii=False, indent=2).encode("utf-8")


def _doc(data: WorkshopData) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,  # the shape this writer gives, whatever was read
        "goal": data.goal,
        "lang": data.lang,
        "date": data.date.isoformat(),
        "created_at": data.created_at,
        "phase": data.phase,
        "final": data.final,
        "homogeneous": data.homogeneous,
        "phases": [{"phase": p.phase, "at": p.at} for p in data.phases],
        "subgroups": [
            {"number": g.number, "name": g.name, "kind": g.kind, "members": list(g.members),
             "roles": list(g.roles)}
            for g in data.subgroups
        ],
        "participants": [
            {"name": p.name, "subgroup": p.subgroup, "role": p.role, "network": p.network}
            for p in data.participants
        ],
        "answers": [
            {"id": a.id, "column": int(a.kolom), "column_key": a.kolom.key, "text": a.text,
             "subgroup": a.subgroup, "author": a.author, "created_at": a.created_at,
             "edited_at": a.edited_at}
            for a in data.answers
        ],
        "model": {
            kolom.key: {
                "column": int(kolom),
                "confirmed": kolom in data.confirmed,
                "items": [
                    {"text": i.text, "answer_ids": list(i.answer_ids),
                     "subgroups": list(i.subgroups), "votes": i.votes}
                    for i in data.model.get(kolom, ())
                ],
            }
            for kolom in Kolom
        },
        "closing": [
            {"question": c.question, "text": c.text, "author": c.author,
             "created_at": c.created_at}
            for c in data.closing
        ],
        "previous": _doc(data.previous) if data.previous is not None else None,
    }  # fmt: skip
    return doc


def from_json(raw: bytes | str) -> WorkshopData:
    """Read a workshop export back; WorkshopFileError when it is not one we know."""
    try:
        doc = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise WorkshopFileError(f"not valid JSON: {exc}") from None
    if not isinstance(doc, dict) or "schema_version" not in doc:
        raise WorkshopFileError("not a partnerschapkaart export (no schema_version)")
    if doc["schema_version"] not in READABLE_SCHEMA_VERSIONS:
        readable = ", ".join(str(v) for v in READABLE_SCHEMA_VERSIONS)
        raise WorkshopFileError(
            f"schema version {doc['schema_version']!r} is not supported (this version reads "
            f"{readable})"
        )
    try:
        return _read(doc)
    except (KeyError, TypeError, ValueError) as exc:
        raise WorkshopFileError(f"the export is incomplete or damaged: {exc!r}") from None


def _read(doc: dict[str, Any]) -> WorkshopData:
    model = {}
    confirmed = set()
    for key, column in doc["model"].items():
        kolom = Kolom(int(column.get("column") or [k for k in Kolom if k.key == key][0]))
        model[kolom] = tuple(
            ModelItem(
                str(i["text"]),
                tuple(int(x) for x in i.get("answer_ids", ())),
                tuple(str(s) for s in i.get("subgroups", ())),
                int(i.get("votes", 0)),
            )
            for i in column["items"]
        )
        if column.get("confirmed"):
            confirmed.add(kolom)
    return WorkshopData(
        goal=str(doc["goal"]),
        lang=str(doc.get("lang", "nl")),
        date=datetime.date.fromisoformat(doc["date"]),
        created_at=str(doc.get("created_at", "")),
        phase=str(doc["phase"]),
        homogeneous=bool(doc.get("homogeneous", False)),
        phases=tuple(PhaseRecord(str(p["phase"]), str(p["at"])) for p in doc.get("phases", ())),
        subgroups=tuple(
            SubgroupRecord(int(g["number"]), str(g["name"]), str(g.get("kind", "chat")),
                           tuple(g.get("members", ())), tuple(g.get("roles", ())))
            for g in doc["subgroups"]
        ),
        participants=tuple(
            ParticipantRecord(str(p["name"]), p.get("subgroup"), p.get("role"), p.get("network"))
            for p in doc.get("participants", ())
        ),
        answers=tuple(
            AnswerRecord(int(a["id"]), str(a["text"]), Kolom(int(a["column"])),
                         str(a["subgroup"]), a.get("author"), str(a.get("created_at", "")),
                         a.get("edited_at"))
            for a in doc["answers"]
        ),
        model=model,
        confirmed=frozenset(confirmed),
        schema_version=int(doc["schema_version"]),
        closing=tuple(
            ClosingRecord(str(c["question"]), str(c["text"]), c.get("author"),
                          str(c.get("created_at", "")))
            for c in doc.get("closing", ())
        ),
        previous=_read(doc["previous"]) if doc.get("previous") else None,
    )  # fmt: skip
