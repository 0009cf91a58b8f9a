"""People: roles and networks, splitting them over subgroups, role play in a subgroup."""

from __future__ import annotations

from bot.actions import Button, Outcome, Say
from bot.buttons import ChooseRole
from bot.incoming import Incoming
from bot.usecases.common import (
    Refused,
    Services,
    code_attempt_refused,
    facilitated_workshop,
    note_code,
    reply,
    subgroup_here,
)
from bot.usecases.joining import normalise_code
from flows import antwoord
from flows.fase import Fase
from flows.indeling import (
    Deelnemer,
    HomogeneIndeling,
    Indeling,
    IndelingFout,
    Rol,
    controleer,
    stel_homogene_indeling_voor,
    stel_indeling_voor,
    verplaats,
)
from flows.rollen import PERSPECTIEF, deel_rollen_uit, is_gemengd
from flows.texts import Html, plain, render
from storage.models import Participant, Workshop

MAX_NETWORK_CHARS = 60


def role_buttons(workshop: Workshop) -> tuple[tuple[Button, ...], ...]:
    """One button per role; the data names the workshop, so any chat can carry it."""
    return tuple(
        (Button(plain(f"rol.{rol.value}", workshop.lang), ChooseRole(workshop.id, rol).data),)
        for rol in Rol
    )


async def _my_workshop(s: Services, inc: Incoming) -> tuple[Workshop, Participant]:
    """The workshop this person takes part in here, registering them when needed."""
    found = await subgroup_here(s, inc)
    workshop = found[0] if found else None
    if workshop is None:
        workshop = await s.storage.latest_workshop_of_plenary_chat(inc.chat_id)
    if workshop is None and not inc.in_group:
        workshop = await s.storage.latest_workshop_of_participant(inc.user_id)
    if workshop is None:
        raise Refused(reply(inc, "rol.geen_workshop"))
    participant = await s.storage.upsert_participant(
        workshop_id=workshop.id, user_id=inc.user_id, first_name=inc.first_name,
        username=inc.username, subgroup_id=found[1].id if found else None, now=s.stamp(),
    )  # fmt: skip
    return workshop, participant


async def register_by_link(s: Services, inc: Incoming, code: str) -> Outcome:
    """Someone opened the workshop's link in a private chat: note them, ask their role."""
    if refused := code_attempt_refused(s, inc):
        return refused
    workshop = await s.storage.find_workshop_by_code(normalise_code(code))
    note_code(s, inc, right=workshop is not None)
    if workshop is None or workshop.fase is Fase.AFGEROND:
        return reply(inc, "join.onbekende_code")
    await s.storage.upsert_participant(
        workshop_id=workshop.id, user_id=inc.user_id, first_name=inc.first_name,
        username=inc.username, subgroup_id=None, now=s.stamp(),
    )  # fmt: skip
    text = render("rol.welkom", workshop.lang, doel=workshop.goal, naam=inc.first_name)
    return Outcome().add(Say(inc.chat_id, inc.thread_id, text, buttons=role_buttons(workshop)))


async def ask_role(s: Services, inc: Incoming) -> Outcome:
    """Show the role buttons: /rol."""
    workshop, _ = await _my_workshop(s, inc)
    text = render("rol.vraag", workshop.lang)
    return Outcome().add(
        Say(inc.chat_id, inc.thread_id, text, reply_to=inc.message_id,
            buttons=role_buttons(workshop))
    )  # fmt: skip


async def choose_role(s: Services, inc: Incoming, workshop_id: int, role: str) -> Outcome:
    """A role button was pressed: store the role of whoever pressed it."""
    workshop = await s.storage.get_workshop(workshop_id)
    if workshop is None or role not in {r.value for r in Rol}:
        return Outcome(toast=plain("weigering.knop_onbekend", "nl"))
    if not await _belongs(s, inc, workshop):  # a forged button for another workshop
        return Outcome(toast=plain("weigering.knop_onbekend", workshop.lang))
    participant = await s.storage.upsert_participant(
        workshop_id=workshop.id, user_id=inc.user_id, first_name=inc.first_name,
        username=inc.username, subgroup_id=None, now=s.stamp(),
    )  # fmt: skip
    await s.storage.set_participant_profile(participant.id, role=role)
    return Outcome(
        toast=plain("rol.gekozen", workshop.lang, rol=plain(f"rol.{role}", workshop.lang))
    )


async def _belongs(s: Services, inc: Incoming, workshop: Workshop) -> bool:
    """Whether the chat the button was pressed in is one of this workshop's chats."""
    found = await subgroup_here(s, inc)
    if found is not None:
        return found[0].id == workshop.id
    if inc.chat_id == workshop.plenary_chat_id:
        return True
    if inc.in_group:
        return False
    people = await s.storage.list_participants(workshop.id)
    return any(p.user_id == inc.user_id for p in people)


async def set_network(s: Services, inc: Incoming, typed: str) -> Outcome:
    """Store the person's network or organisation: /netwerk Wijkteam Noord."""
    workshop, participant = await _my_workshop(s, inc)
    network = antwoord.clean(typed).replace("\n", " ")[:MAX_NETWORK_CHARS]
    if not network:
        return reply(inc, "netwerk.gebruik", workshop.lang)
    await s.storage.set_participant_profile(participant.id, network=network)
    return reply(inc, "netwerk.gezet", workshop.lang, netwerk=network)


def _deelnemer(p: Participant) -> Deelnemer:
    rol = Rol(p.role) if p.role in {r.value for r in Rol} else None
    return Deelnemer(p.id, p.first_name, rol, p.network)


def _describe(workshop: Workshop, groups: list[list[int]], people: dict[int, Participant],
              names: list[str], homogeneous: HomogeneIndeling | None = None) -> Html:  # fmt: skip
    """The proposed split as the facilitator reads it; in a homogeneous workshop each
    group with its role (after /verplaats, as the people in it now are)."""
    lang = workshop.lang
    if homogeneous is None and workshop.homogeneous:
        roles = [{_deelnemer(people[pid]).rol for pid in group} for group in groups]
        homogeneous = HomogeneIndeling(
            Indeling(tuple(tuple(g) for g in groups)),
            tuple(r.pop() if len(r) == 1 else None for r in roles),
        )
    lines = [render("indeling.homogeen_kop" if homogeneous else "indeling.kop", lang)]
    for n, (group, name) in enumerate(zip(groups, names, strict=True), start=1):
        members = []
        for pid in group:
            p = people[pid]
            extra = ", ".join(x for x in (p.role and plain(f"rol.{p.role}", lang), p.network) if x)
            members.append(f"{p.first_name} ({extra})" if extra else p.first_name)
        if homogeneous is None:
            lines.append(
                render("indeling.groep", lang, nummer=n, naam=name, leden=", ".join(members))
            )
            continue
        rol = homogeneous.rollen[n - 1]
        label = plain(f"rol.{rol.value}", lang) if rol else plain("indeling.gemengd", lang)
        lines.append(render("indeling.rol_groep", lang, nummer=n, naam=name, rol=label,
                            leden=", ".join(members)))  # fmt: skip
    if homogeneous is not None:
        lines += _left_out(homogeneous, people, lang)
    lines.append(render("indeling.uitleg", lang))
    return Html("\n".join(lines))


def _left_out(split: HomogeneIndeling, people: dict[int, Participant], lang: str) -> list[Html]:
    """Why some people are not in a group of their own role, kindly, one line each."""
    lines = [Html("")]
    for rol, ids, why in split.zonder_eigen_groep:
        key = "indeling.te_weinig_rol" if why == "te_weinig" else "indeling.geen_groep_over"
        names = ", ".join(people[i].first_name for i in ids)
        lines.append(render(key, lang, rol=plain(f"rol.{rol.value}", lang), namen=names))
    if split.zonder_rol:
        names = ", ".join(people[i].first_name for i in split.zonder_rol)
        lines.append(render("indeling.zonder_rol", lang, namen=names))
    return lines if len(lines) > 1 else []


async def _split_context(s: Services, workshop: Workshop):
    people = {p.id: p for p in await s.storage.list_participants(workshop.id)}
    facilitators = [p.id for p in people.values()
                    if await s.storage.is_facilitator(workshop, p.user_id)]  # fmt: skip
    for pid in facilitators:
        people.pop(pid)
    subgroups = [g for g in await s.storage.list_subgroups(workshop.id) if not g.paper]
    return people, subgroups


async def propose_split(s: Services, inc: Incoming, typed: str) -> Outcome:
    """Propose a split of the registered participants: /indelen 3 (then /verplaats, /indelen ok)."""
    workshop = await facilitated_workshop(s, inc)
    lang = workshop.lang
    people, subgroups = await _split_context(s, workshop)
    typed = typed.strip().lower()
    if typed in ("ok", "bevestig", "confirm"):
        return await _confirm_split(s, inc, workshop, people, subgroups)
    if not (typed.isascii() and typed.isdigit() and 1 <= int(typed) <= 25):
        return reply(inc, "indeling.gebruik", lang)
    count = int(typed)
    if len(subgroups) < count:
        return reply(inc, "indeling.te_weinig_groepen", lang, aantal=count, groepen=len(subgroups))
    deelnemers = [_deelnemer(p) for p in people.values()]
    homogeneous = None
    try:
        if workshop.homogeneous:  # the first meeting: groups of one role
            homogeneous = stel_homogene_indeling_voor(deelnemers, count, seed=workshop.id)
            split = homogeneous.indeling
        else:
            split = stel_indeling_voor(deelnemers, count, seed=workshop.id)
    except IndelingFout as fout:
        return reply(inc, fout.reason, lang, **fout.params)
    groups = [list(g) for g in split.groepen]
    await s.storage.set_split_proposal(workshop.id, groups)
    names = [g.name for g in subgroups[:count]]
    return Outcome().add(
        Say(inc.chat_id, inc.thread_id, _describe(workshop, groups, people, names, homogeneous))
    )


async def move_in_split(s: Services, inc: Incoming, typed: str) -> Outcome:
    """Move someone in the proposed split: /verplaats Anna 2."""
    workshop = await facilitated_workshop(s, inc)
    lang = workshop.lang
    if not workshop.split_proposal:
        return reply(inc, "indeling.geen_voorstel", lang)
    people, subgroups = await _split_context(s, workshop)
    name, _, number = typed.strip().rpartition(" ")
    matches = [p for p in people.values() if p.first_name.lower() == name.strip().lower()]
    if len(matches) != 1 or not (number.isascii() and number.isdigit() and len(number) < 3):
        return reply(inc, "indeling.verplaats_gebruik", lang)
    try:
        moved = verplaats(Indeling(tuple(tuple(g) for g in workshop.split_proposal)),
                          matches[0].id, int(number))  # fmt: skip
    except IndelingFout as fout:
        return reply(inc, "indeling.verplaats_kan_niet", lang, reden=fout.reason)
    groups = [list(g) for g in moved.groepen]
    await s.storage.set_split_proposal(workshop.id, groups)
    names = [g.name for g in subgroups[: len(groups)]]
    return Outcome().add(
        Say(inc.chat_id, inc.thread_id, _describe(workshop, groups, people, names))
    )


async def _confirm_split(s, inc, workshop, people, subgroups) -> Outcome:
    lang = workshop.lang
    if not workshop.split_proposal:
        return reply(inc, "indeling.geen_voorstel", lang)
    groups = workshop.split_proposal
    try:
        controleer(Indeling(tuple(tuple(g) for g in groups)),
                   [_deelnemer(p) for p in people.values() if any(p.id in g for g in groups)],
                   len(groups))  # fmt: skip
    except IndelingFout:
        return reply(inc, "indeling.verouderd", lang)
    targets = subgroups[: len(groups)]
    await s.storage.assign_participants(
        {pid: target.id for group, target in zip(groups, targets, strict=True) for pid in group}
    )
    await s.storage.set_split_proposal(workshop.id, None)
    outcome = reply(inc, "indeling.bevestigd", lang, aantal=len(groups))
    for group, target in zip(groups, targets, strict=True):
        for pid in group:
            # A private message reaches everyone who opened the bot once; the plenary
            # list (above) reaches the rest.
            outcome.add(Say(people[pid].user_id, None,
                            render("indeling.jouw_groep", lang, naam=target.name)))  # fmt: skip
    return outcome


async def hand_out_roles(s: Services, inc: Incoming) -> Outcome:
    """In a subgroup that is not mixed, hand out the missing roles to play: /rollen."""
    found = await subgroup_here(s, inc)
    if found is None:
        return reply(inc, "weigering.geen_subgroep")
    workshop, subgroup = found
    lang = workshop.lang
    members = [p for p in await s.storage.list_participants(workshop.id)
               if p.subgroup_id == subgroup.id and p.present]  # fmt: skip
    leden = [_deelnemer(p) for p in members]
    if is_gemengd(leden):
        return reply(inc, "rollen.al_gemengd", lang)
    handed = deel_rollen_uit(leden, seed=subgroup.id)
    if not handed:
        return reply(inc, "rollen.te_weinig", lang)
    await s.storage.set_play_roles({pid: rol.value for pid, rol in handed.items()})
    names = {p.id: p.first_name for p in members}
    lines = [render("rollen.kop", lang)]
    for pid, rol in handed.items():
        label = plain(f"rol.{rol.value}", lang)
        perspective = plain(PERSPECTIEF[rol], lang)
        lines.append(render("rollen.regel", lang, naam=names[pid], rol=label,
                            perspectief=Html(perspective)))  # fmt: skip
    return Outcome().add(Say(inc.chat_id, inc.thread_id, Html("\n".join(lines))))


async def toggle_homogeneous(s: Services, inc: Incoming) -> Outcome:
    """Mark the workshop as homogeneous-first (groups of one kind) or mixed: /homogeen."""
    workshop = await facilitated_workshop(s, inc)
    await s.storage.set_homogeneous(workshop.id, not workshop.homogeneous)
    key = "homogeen.aan" if not workshop.homogeneous else "homogeen.uit"
    return reply(inc, key, workshop.lang)
