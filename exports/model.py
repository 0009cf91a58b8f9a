"""The data the exports are built from: plain values, no Telegram and no database."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from flows.kaart import Kolom
from flows.vervolg import groep_met_rol


@dataclass(frozen=True)
class MapItem:
    """One answer on the map."""

    text: str
    author: str | None = None  # display name; None for merged items / paper tables
    sources: tuple[str, ...] = ()  # subgroup names that named it (joint map), may be empty
    variants: tuple[str, ...] = ()  # the answers a merged item came from ("text (Tafel 1)")


@dataclass(frozen=True)
class MapData:
    """One filled-in partnership map (a subgroup's, or the joint model)."""

    goal: str  # the workshop's goal, e.g. "de gebiedsontwikkeling Noord"
    title: str  # e.g. "Subgroep Tafel 1" or "Gezamenlijk model"
    columns: Mapping[Kolom, Sequence[MapItem]]  # missing columns = empty
    date: datetime.date
    lang: str = "nl"
    concept: bool = True  # show a visible "Concept" mark until the model is confirmed

    def items(self, kolom: Kolom) -> Sequence[MapItem]:
        """The items of one column; empty when the column is missing."""
        return self.columns.get(kolom, ())


# The whole workshop, as every export (and the JSON round trip) sees it. Bump the schema
# version when the JSON gains keys or a field changes meaning; readers refuse versions they
# do not know. 2 added "closing" (the closing round) and "previous" (a follow-up's first
# meeting); a version 1 file has neither, and reads as a workshop without them.
SCHEMA_VERSION = 2
READABLE_SCHEMA_VERSIONS = (1, 2)


@dataclass(frozen=True)
class SubgroupRecord:
    """A subgroup: a group chat, a forum topic, or a paper table."""

    number: int
    name: str
    kind: str  # "chat", "topic" or "paper"
    members: tuple[str, ...] = ()  # first names of those who took part
    roles: tuple[str, ...] = ()  # roles present (professional, beleidsmaker, burger, …)


@dataclass(frozen=True)
class ParticipantRecord:
    name: str
    subgroup: str | None
    role: str | None = None
    network: str | None = None  # the person's organisation or network


@dataclass(frozen=True)
class AnswerRecord:
    """One answer as a participant typed it (or the facilitator, for a paper table)."""

    id: int
    text: str
    kolom: Kolom
    subgroup: str
    author: str | None
    created_at: str
    edited_at: str | None = None


@dataclass(frozen=True)
class ModelItem:
    """An item of the joint model: merged from answers, or added by the facilitator."""

    text: str
    answer_ids: tuple[int, ...] = ()
    subgroups: tuple[str, ...] = ()
    votes: int = 0


@dataclass(frozen=True)
class PhaseRecord:
    """A step of the method the workshop went through, and when."""

    phase: str
    at: str


@dataclass(frozen=True)
class ClosingRecord:
    """An answer of the closing round (the method's learning outcomes)."""

    question: str  # "geleerd" (what have we learned) or "meenemen" (what do we take home)
    text: str
    author: str | None = None
    created_at: str = ""


@dataclass(frozen=True)
class WorkshopData:
    """Everything an export needs, read from storage (or from an exported JSON file)."""

    goal: str
    lang: str
    date: datetime.date  # the day the workshop was held (flows.tijd.workshop_day)
    created_at: str
    phase: str  # the current step (flows.fase.Fase value)
    subgroups: tuple[SubgroupRecord, ...]
    participants: tuple[ParticipantRecord, ...]
    answers: tuple[AnswerRecord, ...]
    model: Mapping[Kolom, tuple[ModelItem, ...]]  # the plenary's list per column
    confirmed: frozenset[Kolom]  # the columns whose list the plenary confirmed
    phases: tuple[PhaseRecord, ...] = ()
    homogeneous: bool = False  # groups of one kind first (burgers, professionals, …)
    schema_version: int = SCHEMA_VERSION
    closing: tuple[ClosingRecord, ...] = ()  # the closing round's answers
    # A follow-up (the mixed second meeting): the first meeting, in groups of one kind.
    previous: WorkshopData | None = None

    def closing_answers(self, question: str) -> list[str]:
        """The closing round's answers to one question, in the order they came."""
        return [c.text for c in self.closing if c.question == question]

    @property
    def final(self) -> bool:
        """True once the joint model is confirmed in full (stap 6)."""
        return self.phase == "afgerond" and set(Kolom) <= set(self.confirmed)

    def answers_of(self, subgroup: str, kolom: Kolom | None = None) -> list[AnswerRecord]:
        """A subgroup's answers (of one column, or all), in the order they came."""
        return [
            a for a in self.answers
            if a.subgroup == subgroup and (kolom is None or a.kolom == kolom)
        ]  # fmt: skip

    def roles_present(self) -> tuple[str, ...]:
        """Every role named by a participant or a subgroup, first-seen order."""
        seen = [p.role for p in self.participants if p.role]
        seen += [r for g in self.subgroups for r in g.roles]
        return tuple(dict.fromkeys(seen))

    def group_labels(self) -> dict[str, str]:
        """Each subgroup's name as the exports show it. In a homogeneous meeting (groups of
        one kind) with its role, "Tafel 2 (burgers)": there the role is what the group stands
        for. A group without one role (mixed, paper, nobody told) keeps its name."""
        if not self.homogeneous:
            return {g.name: g.name for g in self.subgroups}
        return {
            g.name: groep_met_rol(
                g.name, (p.role for p in self.participants if p.subgroup == g.name), self.lang
            )
            for g in self.subgroups
        }
