"""Role play for a subgroup that is not mixed: some members take on a missing role.

The method: "Eventueel als er geen gemengde groep is (professionals, burgers,
beleidsmakers, etc.): een rolverdeling maken onder de deelnemers." ``/rollen`` hands out
the roles a subgroup misses; the bot then reminds each member of their perspective
(``PERSPECTIEF``) in its prompts.

Who plays a role, in this order: members who did not tell their role (they lose no
perspective), then members whose own role is also held by someone who keeps it, and,
only to cover a role nobody has, a member whose own role is not a wanted one (anders).
The last member with a wanted role always keeps it: giving that away would only swap one
missing perspective for another. So a group with at least as many members as wanted
roles always ends up mixed.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence

from flows.indeling import Deelnemer, Rol

GEWENST: tuple[Rol, ...] = (Rol.BURGER, Rol.PROFESSIONAL, Rol.BELEIDSMAKER)

# Catalogue keys for the one-line reminder of a role's point of view.
PERSPECTIEF: dict[Rol, str] = {rol: f"rollen.perspectief.{rol.value}" for rol in Rol}


def ontbrekende_rollen(
    leden: Sequence[Deelnemer], *, gewenst: Sequence[Rol] = GEWENST
) -> tuple[Rol, ...]:
    """The wanted roles no member has, in the order of ``gewenst``."""
    present = {lid.rol for lid in leden}
    return tuple(rol for rol in gewenst if rol not in present)


def is_gemengd(leden: Sequence[Deelnemer], *, gewenst: Sequence[Rol] = GEWENST) -> bool:
    """True when every wanted role is someone's own role in the group."""
    return not ontbrekende_rollen(leden, gewenst=gewenst)


def deel_rollen_uit(
    leden: Sequence[Deelnemer], *, seed: int = 0, gewenst: Sequence[Rol] = GEWENST
) -> dict[int, Rol]:
    """The play-role of each member who gets one (id → role); the others keep their own.

    Only missing roles are handed out, each first to one member, then on while that makes
    the group's perspectives more even (a role held by k members gives one away only to a
    role held by k - 2 or fewer). Played roles differ in count by at most 1. The seed picks
    who, among equally suited members, plays. Nothing is missing: an empty dict.
    """
    missing = ontbrekende_rollen(leden, gewenst=gewenst)
    if not missing:
        return {}
    rng = random.Random(seed)
    members = list(leden)
    rng.shuffle(members)
    # The perspectives the group has: own roles, plus play-roles as they are handed out.
    count: Counter[Rol] = Counter(lid.rol for lid in members if lid.rol is not None)
    holders: dict[Rol, list[Deelnemer]] = {}
    for lid in members:
        if lid.rol is not None:
            holders.setdefault(lid.rol, []).append(lid)
    uitgedeeld: dict[int, Rol] = {}

    def give(lid: Deelnemer) -> None:
        # The missing role fewest play so far; ties in the order of ``gewenst``.
        rol = min(missing, key=lambda r: count[r])
        uitgedeeld[lid.id] = rol
        count[rol] += 1
        if lid.rol is not None:
            count[lid.rol] -= 1
            holders[lid.rol].remove(lid)

    for lid in members:
        if lid.rol is None:
            give(lid)
    while True:
        lowest = min(count[r] for r in missing)
        # The role with most holders gives one away; wanted roles before anders on a tie.
        sources = sorted(
            (rol for rol, who in holders.items() if who),
            key=lambda rol: (-count[rol], rol not in gewenst),
        )
        source = next((rol for rol in sources if count[rol] >= lowest + 2), None)
        if source is None and lowest == 0:
            # Cover a role nobody has with a member whose own role is not a wanted one.
            source = next((rol for rol in sources if rol not in gewenst), None)
        if source is None:
            return uitgedeeld
        give(holders[source][0])


def gespeelde_rol(lid: Deelnemer, uitgedeeld: dict[int, Rol]) -> Rol | None:
    """The role whose perspective a member takes: the play-role if any, else their own."""
    return uitgedeeld.get(lid.id, lid.rol)
