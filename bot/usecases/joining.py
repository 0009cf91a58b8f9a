"""Use cases that set a workshop up: create it, join subgroups, paper tables, helpers."""

from __future__ import annotations

from bot import views
from bot.actions import AskQuestion, Button, Outcome, RefreshStatus, Say
from bot.buttons import AnswerCofacilitator, YesNo
from bot.incoming import Incoming
from bot.usecases.common import (
    Refused,
    Services,
    code_attempt_refused,
    facilitated_workshop,
    note_code,
    register,
    reply,
)
from bot.usecases.followup import material_for
from bot.usecases.plenary import LateRegrouping, prepare_late_answers, take_in_late_answers
from flows import antwoord
from flows.bewerking import compare_lines
from flows.fase import Fase, start_stand
from flows.kaart import Kolom, parse_kolom
from flows.texts import Html, language_for, plain, plain_n, render
from storage import ChatAlreadyLinked
from storage.models import Answer, Subgroup, Workshop

MAX_GOAL_CHARS = 200
MAX_NAME_CHARS = 60
MAX_TOPICS = 25
def normalise_code(typed: str) -> str:
    """Read a typed code forgivingly: case, spaces and dashes do not matter."""
    raw = "".join(ch for ch in typed.lower() if ch.isalnum())
    return "-".join(raw[i : i + 5] for i in range(0, len(raw), 5))


async def create_workshop(s: Services, inc: Incoming, goal: str) -> Outcome:
    """Start a workshop with its goal; the person who asks becomes its facilitator."""
    lang = language_for(inc.language_code)
    goal = antwoord.clean(goal).replace("\n", " ")
    if not goal:
        return reply(inc, "nieuw.geen_doel", lang)
    if len(goal) > MAX_GOAL_CHARS:
        return reply(inc, "nieuw.doel_te_lang", lang, max=MAX_GOAL_CHARS)
    if inc.anonymous_admin:
        return reply(inc, "weigering.anoniem", lang)
    workshop = await s.storage.create_workshop(
        code=s.new_code(),
        cofac_code=s.new_code().replace("-", ""),
        goal=goal,
        facilitator_id=inc.user_id,
        plenary_chat_id=inc.chat_id,
        lang=lang,
        now=s.stamp(),
        source=inc.source,
    )
    # The workshop just made is the one this person's commands are about from now on.
    await s.storage.choose_workshop(inc.user_id, workshop.id, s.stamp())
    link = f"https://t.me/{s.bot_username}?startgroup={workshop.code}"
    text = render("nieuw.gemaakt", lang, doel=workshop.goal, code=workshop.code, link=link)
    return Outcome().add(
        Say(inc.chat_id, inc.thread_id, await _with_switch_hint(s, inc, text, lang),
            reply_to=inc.message_id)
    )  # fmt: skip


async def _with_switch_hint(s: Services, inc: Incoming, text: Html, lang: str) -> Html:
    """The text, and how to switch when this person has more than one open workshop."""
    if len(await s.storage.active_workshops_of_facilitator(inc.user_id)) < 2:
        return text
    return Html(text + "\n\n" + render("kies.meer_workshops", lang))


def _welcome(workshop: Workshop, subgroup: Subgroup, inc_chat: int, thread: int | None) -> Say:
    return Say(
        inc_chat,
        thread,
        render("join.welkom", workshop.lang, subgroep=subgroup.name, doel=workshop.goal),
    )


async def join_subgroup(s: Services, inc: Incoming, typed_code: str) -> Outcome:
    """Make this group chat (or forum topic) a subgroup of the workshop with this code."""
    lang = language_for(inc.language_code)
    if not inc.in_group:
        return reply(inc, "join.alleen_in_groep", lang)
    existing = await s.storage.find_subgroup_by_chat(inc.chat_id, inc.thread_id)
    if existing is not None:
        workshop = await s.storage.get_workshop(existing.workshop_id)
        assert workshop is not None
        return reply(
            inc, "join.al_subgroep", workshop.lang, subgroep=existing.name, doel=workshop.goal
        )
    if not typed_code.strip():
        return reply(inc, "join.geen_code", lang)
    if refused := code_attempt_refused(s, inc):
        return refused
    workshop = await s.storage.find_workshop_by_code(normalise_code(typed_code))
    note_code(s, inc, right=workshop is not None)
    if workshop is None:
        return reply(inc, "join.onbekende_code", lang)
    if workshop.fase is Fase.AFGEROND:
        return reply(inc, "join.workshop_voorbij", workshop.lang)
    if refused := await _plenary_refusal(s, inc):
        return refused
    untitled = plain("join.naamloze_groep", workshop.lang)
    name = (inc.topic_name or inc.chat_title or untitled)[:MAX_NAME_CHARS]
    try:
        subgroup = await s.storage.add_subgroup(
            workshop_id=workshop.id,
            name=name,
            chat_id=inc.chat_id,
            thread_id=inc.thread_id,
            stand=start_stand(workshop.fase),
            actor_id=inc.user_id,
            now=s.stamp(),
        )
    except ChatAlreadyLinked:
        return Outcome()  # the same /join delivered twice: the first one answered
    await register(s, workshop, subgroup, inc)
    return Outcome().add(
        _welcome(workshop, subgroup, inc.chat_id, inc.thread_id),
        *await _first_meeting(s, workshop, inc.chat_id, inc.thread_id),
        AskQuestion(subgroup.id),
        RefreshStatus(workshop.id),
    )


async def _first_meeting(
    s: Services, workshop: Workshop, chat_id: int, thread_id: int | None
) -> list[Say]:
    """In a follow-up: the first meeting's values, the mixed group's starting material."""
    material = await material_for(s, workshop)
    return [Say(chat_id, thread_id, material)] if material else []


async def _plenary_refusal(s: Services, inc: Incoming) -> Outcome | None:
    """A reply when this chat is the plenary group of an open workshop and the sender is
    not one of its facilitators: only they may make it a subgroup."""
    for plenary in await s.storage.active_workshops_of_plenary_chat(inc.chat_id):
        if inc.anonymous_admin or not await s.storage.is_facilitator(plenary, inc.user_id):
            return reply(inc, "join.plenaire_groep", plenary.lang, doel=plenary.goal)
    return None


async def plan_topics(s: Services, inc: Incoming, typed: str) -> tuple[Workshop, list[str]]:
    """Check a request for N forum topics; the names to create, or Refused."""
    workshop = await facilitated_workshop(s, inc)
    if inc.chat_type != "supergroup" or not inc.is_forum:
        raise Refused(reply(inc, "onderwerpen.geen_forum", workshop.lang))
    count = typed.strip()
    if not (count.isascii() and count.isdigit()) or not 1 <= int(count) <= MAX_TOPICS:
        raise Refused(reply(inc, "onderwerpen.gebruik", workshop.lang, max=MAX_TOPICS))
    existing = await s.storage.list_subgroups(workshop.id)
    start = len(existing) + 1
    names = [
        render("onderwerpen.naam", workshop.lang, nummer=n)
        for n in range(start, start + int(count))
    ]
    return workshop, names


async def join_topic(
    s: Services, workshop: Workshop, inc: Incoming, thread_id: int, name: str
) -> Outcome:
    """Make a topic the bot just created a subgroup."""
    subgroup = await s.storage.add_subgroup(
        workshop_id=workshop.id,
        name=name,
        chat_id=inc.chat_id,
        thread_id=thread_id,
        stand=start_stand(workshop.fase),
        actor_id=inc.user_id,
        now=s.stamp(),
    )
    return Outcome().add(
        _welcome(workshop, subgroup, inc.chat_id, thread_id),
        *await _first_meeting(s, workshop, inc.chat_id, thread_id),
        AskQuestion(subgroup.id),
    )


async def add_paper_table(s: Services, inc: Incoming, typed_name: str) -> Outcome:
    """Add a subgroup without a chat (a paper table); the facilitator types its answers."""
    workshop = await facilitated_workshop(s, inc)
    name = antwoord.clean(typed_name).replace("\n", " ")[:MAX_NAME_CHARS]
    if not name:
        return reply(inc, "tafel.gebruik", workshop.lang)
    subgroup = await s.storage.add_subgroup(
        workshop_id=workshop.id,
        name=name,
        chat_id=None,
        thread_id=None,
        stand=start_stand(workshop.fase),
        actor_id=inc.user_id,
        now=s.stamp(),
    )
    return reply(
        inc, "tafel.gemaakt", workshop.lang, naam=subgroup.name, nummer=subgroup.number
    ).add(RefreshStatus(workshop.id))


def _read_typed(typed: str) -> tuple[int, Kolom, list[antwoord.Controle]] | None:
    """'3 waarden' and one answer per line below: the table's number, the column and each
    line checked as an answer; None when the first line is not like that."""
    head, _, body = typed.partition("\n")
    parts = head.split(maxsplit=2)
    number = parts[0] if parts else ""
    kolom = parse_kolom(parts[1]) if len(parts) > 1 else None
    if len(parts) > 2:  # '/typ 3 waarden eerste antwoord' on one line
        body = parts[2] + "\n" + body
    if not (number.isascii() and number.isdigit() and len(number) < 6) or kolom is None:
        return None
    return int(number), kolom, [antwoord.check(line) for line in body.split("\n")]


async def prepare_typed(s: Services, inc: Incoming, typed: str) -> LateRegrouping | None:
    """Before /typ's unit of work (read only): answers typed for the list under discussion
    are proposed into it already, so the write lock is not held meanwhile."""
    read = _read_typed(typed)
    if read is None or await s.storage.was_handled(inc.source):
        return None
    try:
        workshop = await facilitated_workshop(s, inc)
    except Refused:
        return None
    number, kolom, lines = read
    subgroup = await s.storage.find_subgroup_by_number(workshop.id, number)
    if subgroup is None or not subgroup.paper or workshop.fase is Fase.AFGEROND:
        return None
    texts = [checked.text for checked in lines if checked.ok]
    return await prepare_late_answers(s, workshop, kolom, subgroup.name, texts)


async def type_paper_answers(
    s: Services, inc: Incoming, typed: str, prepared: LateRegrouping | None = None
) -> Outcome:
    """Store a paper table's answers: '/typ 3 waarden' and one answer per line below
    (``prepared``: their place on the list under discussion, made before; see
    prepare_typed)."""
    workshop = await facilitated_workshop(s, inc)
    read = _read_typed(typed)
    if read is None:
        return reply(inc, "tafel.typ_gebruik", workshop.lang)
    number, kolom, lines = read
    subgroup = await s.storage.find_subgroup_by_number(workshop.id, number)
    if subgroup is None or not subgroup.paper:
        return reply(inc, "tafel.onbekend", workshop.lang, nummer=number)
    if workshop.fase is Fase.AFGEROND:
        return reply(inc, "weigering.workshop_afgerond", workshop.lang)
    stored = 0
    for part, checked in enumerate(lines):
        if not checked.ok:
            continue
        _, created = await s.storage.add_answer(
            workshop_id=workshop.id,
            subgroup_id=subgroup.id,
            kolom=kolom,
            text=checked.text,
            participant_id=None,
            source_chat_id=inc.chat_id,
            source_message_id=inc.message_id,
            source_part=part,
            now=s.stamp(),
        )
        stored += created
    if not any(c.ok for c in lines):
        return reply(inc, "tafel.typ_gebruik", workshop.lang)
    late = await take_in_late_answers(s, workshop, kolom, prepared)
    return reply(
        inc,
        "tafel.opgeslagen",
        workshop.lang,
        aantal=plain_n("aantal.antwoorden", stored, workshop.lang),
        naam=subgroup.name,
        kolom=views.column_name(kolom, workshop.lang),
    ).add(RefreshStatus(workshop.id), *late.actions)


async def edit_paper_answers(
    s: Services,
    inc: Incoming,
    workshop: Workshop,
    subgroup: Subgroup,
    answers: list[Answer],
    typed: str | None,
) -> Outcome:
    """Follow an edit of a '/typ' message: each line's answer changes with its line; a
    line added is a new answer, a line taken out takes its answer off the map.

    ``typed`` is the text after '/typ' (None when the edit no longer starts with it)."""
    lang = workshop.lang
    kolom = answers[0].kolom
    read = _read_typed(typed) if typed is not None else None
    if read is None or read[:2] != (subgroup.number, kolom):
        # Moving answers to another table or column is a new /typ, not an edit.
        head = f"{subgroup.number} {views.column_name(kolom, lang).lower()}"
        return reply(inc, "bewerking.typ_kop", lang, kop=head)
    new = [checked.text for checked in read[2] if checked.ok]
    if not new:
        return reply(inc, "tafel.typ_gebruik", lang)
    changes = compare_lines([a.text for a in answers], new)
    params = {"naam": subgroup.name, "kolom": views.column_name(kolom, lang)}
    if changes.nothing:
        return reply(inc, "bewerking.typ_niets", lang, **params)
    for index, text in changes.changed:
        await s.storage.edit_answer(answers[index].id, text, s.stamp())
    await s.storage.remove_answers([answers[index].id for index in changes.removed])
    next_part = max(a.source_part for a in answers) + 1
    for offset, text in enumerate(changes.added):
        await s.storage.add_answer(
            workshop_id=workshop.id,
            subgroup_id=subgroup.id,
            kolom=kolom,
            text=text,
            participant_id=None,
            source_chat_id=inc.chat_id,
            source_message_id=inc.message_id,
            source_part=next_part + offset,
            now=s.stamp(),
        )
    return reply(
        inc,
        "bewerking.typ_bijgewerkt",
        lang,
        veranderd=len(changes.changed),
        nieuw=len(changes.added),
        weg=len(changes.removed),
        **params,
    ).add(RefreshStatus(workshop.id), *(await take_in_late_answers(s, workshop, kolom)).actions)


async def cofacilitator_link(s: Services, inc: Incoming) -> Outcome:
    """Ask the person replied to whether they co-facilitate, or give a link that does it."""
    workshop = await facilitated_workshop(s, inc)
    lang = workshop.lang
    if inc.reply_to_user_id and not inc.reply_to_bot:
        name = inc.reply_to_name or ""
        if await s.storage.is_facilitator(workshop, inc.reply_to_user_id):
            return reply(inc, "cofac.al_facilitator", lang, naam=name)
        # Only their own yes makes them co-facilitator: the buttons ask them.
        offer = await s.storage.offer_cofacilitator(workshop.id, inc.reply_to_user_id, s.stamp())
        buttons = ((
            Button(plain("cofac.knop_ja", lang), AnswerCofacilitator(offer, YesNo.YES).data),
            Button(plain("cofac.knop_nee", lang), AnswerCofacilitator(offer, YesNo.NO).data),
        ),)  # fmt: skip
        text = render("cofac.vraag", lang, naam=name, doel=workshop.goal)
        return Outcome().add(
            Say(inc.chat_id, inc.thread_id, text, reply_to=inc.message_id, buttons=buttons)
        )
    link = f"https://t.me/{s.bot_username}?start=cofac-{workshop.cofac_code}"
    return reply(inc, "cofac.link", lang, link=link)


async def answer_cofacilitator(s: Services, inc: Incoming, offer_id: int, yes: bool) -> Outcome:
    """The person asked to co-facilitate pressed yes or no; a press by anyone else changes
    nothing."""
    offer = await s.storage.get_cofacilitator_offer(offer_id)
    if offer is None:
        return Outcome(toast=plain("cofac.al_beantwoord", language_for(inc.language_code)))
    workshop = await s.storage.get_workshop(offer.workshop_id)
    assert workshop is not None  # an offer goes with its workshop
    lang = workshop.lang
    if inc.user_id != offer.user_id:
        return Outcome(toast=plain("knop.niet_voor_jou", lang))
    await s.storage.close_cofacilitator_offer(offer.id)
    if workshop.fase is Fase.AFGEROND:
        return Outcome(toast=plain("weigering.workshop_afgerond", lang))
    if not yes:
        return Outcome(toast=plain("cofac.nee_kort", lang)).add(
            Say(inc.chat_id, inc.thread_id, render("cofac.nee", lang, naam=inc.first_name))
        )
    await s.storage.add_cofacilitator(workshop.id, inc.user_id, s.stamp())
    await s.storage.choose_workshop(inc.user_id, workshop.id, s.stamp())
    return Outcome(toast=plain("cofac.ja_kort", lang)).add(
        Say(inc.chat_id, inc.thread_id, render("cofac.toegevoegd", lang, naam=inc.first_name))
    )


async def become_cofacilitator(s: Services, inc: Incoming, code: str) -> Outcome:
    """Someone opened a co-facilitator link in a private chat with the bot."""
    if refused := code_attempt_refused(s, inc):
        return refused
    workshop = await s.storage.find_workshop_by_cofac_code(code)
    note_code(s, inc, right=workshop is not None)
    if workshop is None or workshop.fase is Fase.AFGEROND:
        return reply(inc, "cofac.onbekend")
    # Opening the link is the person's own yes. Their commands are about this workshop now.
    await s.storage.add_cofacilitator(workshop.id, inc.user_id, s.stamp())
    await s.storage.choose_workshop(inc.user_id, workshop.id, s.stamp())
    text = render("cofac.welkom", workshop.lang, doel=workshop.goal)
    return Outcome().add(
        Say(inc.chat_id, inc.thread_id, await _with_switch_hint(s, inc, text, workshop.lang),
            reply_to=inc.message_id)
    )  # fmt: skip
