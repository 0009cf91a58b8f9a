"""The use cases: verbs that receive storage and a clock and return what to show.

Handlers call exactly one of these. Nothing here talks to Telegram; the shell carries out
the returned ``Outcome``.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot import views
from bot.actions import (
    AskQuestion,
    FreezeBoard,
    Outcome,
    React,
    RefreshBoard,
    Say,
    SendDocument,
)
from bot.incoming import Incoming
from exports.files import export_file_name
from exports.model import MapData, MapItem
from exports.pptx_map import build_map_deck
from flows import antwoord
from flows.kaart import Kolom
from flows.subgroep import Context, Gebeurtenis, Geweigerd, SubgroepStand, advance
from flows.texts import language_for, plain, render
from storage import ChatAlreadyLinked, Storage
from storage.models import Subgroup, Workshop

Clock = Callable[[], datetime]

MAX_GOAL_CHARS = 200
# Join codes: 15 characters from 31 that are hard to confuse (no 0/o, 1/l/i):
# 31**15 ≈ 2**74 possibilities, typed in three groups of five.
CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
CODE_LENGTH = 15


def new_join_code() -> str:
    """A join code that cannot be guessed, e.g. 'k7m2p-9qx3h-zabw4'."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 5] for i in range(0, CODE_LENGTH, 5))


def normalise_code(typed: str) -> str:
    """Read a typed code forgivingly: case, spaces and dashes do not matter."""
    raw = "".join(ch for ch in typed.lower() if ch.isalnum())
    return "-".join(raw[i : i + 5] for i in range(0, len(raw), 5))


def _stamp(clock: Clock) -> str:
    return clock().isoformat(timespec="milliseconds")


def _say(inc: Incoming, key: str, lang: str, **params: object) -> Say:
    return Say(inc.chat_id, inc.thread_id, render(key, lang, **params), reply_to=inc.message_id)


@dataclass(frozen=True)
class Services:
    """What every use case needs: the storage, the clock and the bot's public name."""

    storage: Storage
    clock: Clock
    bot_username: str


async def create_workshop(s: Services, inc: Incoming, goal: str) -> Outcome:
    """Start a workshop with its goal; the person who asks becomes its facilitator."""
    lang = language_for(inc.language_code)
    goal = antwoord.clean(goal).replace("\n", " ")
    if not goal:
        return Outcome().add(_say(inc, "nieuw.geen_doel", lang))
    if len(goal) > MAX_GOAL_CHARS:
        return Outcome().add(_say(inc, "nieuw.doel_te_lang", lang, max=MAX_GOAL_CHARS))
    workshop = await s.storage.create_workshop(
        code=new_join_code(),
        goal=goal,
        facilitator_id=inc.user_id,
        plenary_chat_id=inc.chat_id,
        lang=lang,
        now=_stamp(s.clock),
        source=inc.source,
    )
    link = f"https://t.me/{s.bot_username}?startgroup={workshop.code}"
    return Outcome().add(
        _say(inc, "nieuw.gemaakt", lang, doel=workshop.goal, code=workshop.code, link=link)
    )


async def join_subgroup(s: Services, inc: Incoming, typed_code: str) -> Outcome:
    """Make this group chat (or forum topic) a subgroup of the workshop with this code."""
    lang = language_for(inc.language_code)
    if not inc.in_group:
        return Outcome().add(_say(inc, "join.alleen_in_groep", lang))
    existing = await s.storage.find_subgroup_by_chat(inc.chat_id, inc.thread_id)
    if existing is not None:
        workshop = await s.storage.get_workshop(existing.workshop_id)
        assert workshop is not None
        return Outcome().add(
            _say(inc, "join.al_subgroep", workshop.lang, subgroep=existing.name, doel=workshop.goal)
        )
    if not typed_code.strip():
        return Outcome().add(_say(inc, "join.geen_code", lang))
    workshop = await s.storage.find_workshop_by_code(normalise_code(typed_code))
    if workshop is None:
        return Outcome().add(_say(inc, "join.onbekende_code", lang))
    if workshop.ended_at is not None:
        return Outcome().add(_say(inc, "join.workshop_voorbij", workshop.lang))
    name = inc.topic_name or inc.chat_title or f"Subgroep {inc.chat_id}"
    try:
        subgroup = await s.storage.add_subgroup(
            workshop_id=workshop.id,
            name=name,
            chat_id=inc.chat_id,
            thread_id=inc.thread_id,
            stand=SubgroepStand.start(),
            actor_id=inc.user_id,
            now=_stamp(s.clock),
        )
    except ChatAlreadyLinked:
        return Outcome()  # the same /join delivered twice: the first one answered
    await _register(s, workshop, subgroup, inc)
    welcome = render("join.welkom", workshop.lang, subgroep=subgroup.name, doel=workshop.goal)
    return Outcome().add(Say(inc.chat_id, inc.thread_id, welcome), AskQuestion(subgroup.id))


async def _register(s: Services, workshop: Workshop, subgroup: Subgroup, inc: Incoming) -> int:
    participant = await s.storage.upsert_participant(
        workshop_id=workshop.id,
        user_id=inc.user_id,
        first_name=inc.first_name,
        username=inc.username,
        subgroup_id=subgroup.id,
        now=_stamp(s.clock),
    )
    return participant.id


async def _subgroup_here(s: Services, inc: Incoming) -> tuple[Workshop, Subgroup] | None:
    subgroup = await s.storage.find_subgroup_by_chat(inc.chat_id, inc.thread_id)
    if subgroup is None:
        return None
    workshop = await s.storage.get_workshop(subgroup.workshop_id)
    assert workshop is not None
    return workshop, subgroup


async def capture_answer(
    s: Services, inc: Incoming, text: str | None, *, explicit: bool
) -> Outcome:
    """Store an answer for the subgroup's current column, once, then acknowledge it.

    ``explicit`` is true for /idee and replies to the bot: those always get a reply when
    they cannot be stored. A plain message that is not an answer is left alone.
    """
    found = await _subgroup_here(s, inc)
    if found is None:
        if explicit:
            return Outcome().add(
                _say(inc, "weigering.geen_subgroep", language_for(inc.language_code))
            )
        return Outcome()
    workshop, subgroup = found
    lang = workshop.lang
    if not subgroup.stand.answering:
        if explicit:
            kolom = views.column_name(subgroup.stand.kolom, lang)
            return Outcome().add(_say(inc, "weigering.wacht_antwoord", lang, kolom=kolom))
        return Outcome()
    checked = antwoord.check(text)
    if not checked.ok:
        if not explicit and checked.reason == "weigering.leeg_antwoord":
            return Outcome()
        return Outcome().add(
            _say(
                inc,
                checked.reason or "",
                lang,
                lengte=len(checked.text),
                max=antwoord.MAX_ANSWER_CHARS,
            )
        )
    participant_id = await _register(s, workshop, subgroup, inc)
    _, created = await s.storage.add_answer(
        workshop_id=workshop.id,
        subgroup_id=subgroup.id,
        kolom=subgroup.stand.kolom,
        text=checked.text,
        participant_id=participant_id,
        source_chat_id=inc.chat_id,
        source_message_id=inc.message_id,
        now=_stamp(s.clock),
    )
    if not created:
        return Outcome()  # delivered twice: stored and acknowledged the first time
    return Outcome().add(React(inc.chat_id, inc.message_id), RefreshBoard(subgroup.id))


async def refuse_media(s: Services, inc: Incoming) -> Outcome:
    """Explain kindly that only text goes on the map."""
    found = await _subgroup_here(s, inc)
    lang = found[0].lang if found else language_for(inc.language_code)
    return Outcome().add(_say(inc, "weigering.geen_tekst", lang))


async def edit_answer(s: Services, inc: Incoming, text: str) -> Outcome:
    """Follow an edit of a message that was stored as an answer."""
    answer = await s.storage.find_answer_by_source(inc.chat_id, inc.message_id)
    if answer is None:
        return Outcome()
    workshop = await s.storage.get_workshop(answer.workshop_id)
    assert workshop is not None
    checked = antwoord.check(text)
    if not checked.ok:
        key = (
            "weigering.bewerking_te_lang"
            if checked.reason == "weigering.te_lang"
            else checked.reason
        )
        return Outcome().add(
            _say(
                inc,
                key or "",
                workshop.lang,
                lengte=len(checked.text),
                max=antwoord.MAX_ANSWER_CHARS,
            )
        )
    if checked.text != answer.text:
        await s.storage.edit_answer(answer.id, checked.text, _stamp(s.clock))
    return Outcome().add(RefreshBoard(answer.subgroup_id))


async def move_subgroup(
    s: Services,
    inc: Incoming,
    gebeurtenis: Gebeurtenis,
    *,
    source: str,
    pressed_for: tuple[int, int] | None = None,
) -> Outcome:
    """Apply /klaar or /terug (typed, or pressed as a button) to this chat's subgroup."""
    found = await _subgroup_here(s, inc)
    if found is None:
        return Outcome().add(_say(inc, "weigering.geen_subgroep", language_for(inc.language_code)))
    workshop, subgroup = found
    lang = workshop.lang
    if pressed_for is not None and pressed_for != (subgroup.id, int(subgroup.stand.kolom)):
        return Outcome(toast=plain("weigering.knop_verlopen", lang))
    count = await s.storage.count_answers(subgroup.id, subgroup.stand.kolom)
    try:
        new = advance(subgroup.stand, gebeurtenis, Context(answers_in_column=count))
    except Geweigerd as refusal:
        params = {
            k: views.column_name(v, lang) if isinstance(v, Kolom) else v
            for k, v in refusal.params.items()
        }
        if pressed_for is not None:
            return Outcome(toast=plain(refusal.reason, lang, **params))
        return Outcome().add(_say(inc, refusal.reason, lang, **params))
    # When nothing changes (delivered twice, or another member moved the group at the
    # same moment) the state is whatever won; either way its question must be out, and
    # AskQuestion sends only what has not been sent yet.
    changed = await s.storage.change_subgroup_state(
        subgroup,
        new,
        kind=gebeurtenis.value,
        actor_id=inc.user_id,
        source=source,
        now=_stamp(s.clock),
    )
    outcome = Outcome()
    if changed and subgroup.board_message_id and subgroup.chat_id is not None:
        outcome.add(
            FreezeBoard(
                subgroup.id, subgroup.stand.kolom, subgroup.chat_id, subgroup.board_message_id
            )
        )
    return outcome.add(AskQuestion(subgroup.id))


async def show_map(s: Services, inc: Incoming) -> Outcome:
    """Show the subgroup's map so far, column by column."""
    found = await _subgroup_here(s, inc)
    if found is None:
        return Outcome().add(_say(inc, "weigering.geen_subgroep", language_for(inc.language_code)))
    workshop, subgroup = found
    answers = await s.storage.list_answers(subgroup.id)
    return Outcome().add(
        *(
            Say(inc.chat_id, inc.thread_id, part)
            for part in views.map_overview(workshop, subgroup, answers)
        )
    )


async def workshop_for_chat(s: Services, inc: Incoming) -> Workshop | None:
    """The workshop this chat belongs to: its subgroup's, the one started here, or the
    latest one this person facilitates (in a private chat)."""
    found = await _subgroup_here(s, inc)
    if found is not None:
        return found[0]
    workshop = await s.storage.latest_workshop_of_plenary_chat(inc.chat_id)
    if workshop is None and inc.chat_type == "private":
        workshop = await s.storage.latest_workshop_of_facilitator(inc.user_id)
    return workshop


async def export_map(s: Services, inc: Incoming) -> Outcome:
    """Send the facilitator the PowerPoint with every subgroup's map."""
    lang = language_for(inc.language_code)
    workshop = await workshop_for_chat(s, inc)
    if workshop is None:
        return Outcome().add(_say(inc, "weigering.geen_workshop", lang))
    if inc.user_id != workshop.facilitator_id or inc.anonymous_admin:
        return Outcome().add(_say(inc, "weigering.alleen_facilitator", workshop.lang))
    subgroups = await s.storage.list_subgroups(workshop.id)
    if not subgroups:
        return Outcome().add(_say(inc, "export.leeg", workshop.lang))
    today = s.clock().date()
    maps = []
    for subgroup in subgroups:
        answers = await s.storage.list_answers(subgroup.id)
        columns = {
            kolom: [MapItem(a.text, a.author) for a in answers if a.kolom == kolom]
            for kolom in Kolom
        }
        maps.append(
            MapData(
                goal=workshop.goal,
                title=subgroup.name,
                columns=columns,
                date=today,
                lang=workshop.lang,
                concept=not all(g.stand.finished_map for g in subgroups),
            )
        )
    data = build_map_deck(maps)
    return Outcome().add(
        SendDocument(
            inc.chat_id,
            inc.thread_id,
            export_file_name(workshop.goal, today, "pptx"),
            data,
            render("export.bijschrift", workshop.lang, doel=workshop.goal),
        )
    )


async def show_help(s: Services, inc: Incoming) -> Outcome:
    """Explain the bot in at most two screens: participants first, then the facilitator."""
    workshop = await workshop_for_chat(s, inc)
    lang = workshop.lang if workshop else language_for(inc.language_code)
    outcome = Outcome().add(Say(inc.chat_id, inc.thread_id, render("help.groep", lang)))
    if workshop is None or workshop.facilitator_id == inc.user_id or not inc.in_group:
        outcome.add(Say(inc.chat_id, inc.thread_id, render("help.facilitator", lang)))
    return outcome
