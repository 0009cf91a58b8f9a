"""The second meeting: what the groups of one kind shared and where they differed.

The method: "Eventueel kunnen eerst de partners van de 'eigen' groep het model invullen
(homogene bijeenkomst) en vervolgens in dialoog gaan met elkaar over de verschillen en
overeenkomsten om van daaruit tot een gezamenlijk model te komen (heterogene
bijeenkomst)." ``vergelijk`` puts one column of the first meeting side by side: the items
more than one group named, and per group what only it named. The bot shows it to the mixed
groups as their starting material; the export shows every column (exports.pptx_compare).

Pure: answers in, comparison out (merging similar answers as the plenary proposal does).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from flows.indeling import Rol
from flows.merge import MergeInput, propose_items
from flows.texts import plain


@dataclass(frozen=True)
class Vergelijking:
    """One column compared over groups."""

    gedeeld: tuple[tuple[str, tuple[str, ...]], ...]  # (item, the groups that named it)
    eigen: tuple[tuple[str, tuple[str, ...]], ...]  # (group, the items only it named)


def vergelijk(
    antwoorden: Sequence[MergeInput], groepen: Sequence[str] = (), *, lang: str = "nl"
) -> Vergelijking:
    """Compare the answers of one column over the groups that gave them.

    Shared items come first by how many groups named them; each group's own items in the
    order of ``groepen`` (then any other group, in the order of the answers)."""
    items = propose_items([a for a in antwoorden if a.text.strip()], lang=lang)
    shared = sorted((i for i in items if len(i.subgroups) > 1), key=lambda i: -len(i.subgroups))
    order = list(dict.fromkeys([*groepen, *(a.subgroup for a in antwoorden)]))
    own: dict[str, list[str]] = {}
    for item in items:
        if len(item.subgroups) == 1:
            own.setdefault(item.subgroups[0], []).append(item.text)
    return Vergelijking(
        gedeeld=tuple((i.text, tuple(i.subgroups)) for i in shared),
        eigen=tuple((g, tuple(own[g])) for g in order if own.get(g)),
    )


def rol_van_groep(rollen: Iterable[str | None]) -> str | None:
    """The role a group of the homogeneous meeting stands for, from its members' roles.

    ``/indelen`` with ``/homogeen`` makes groups of one role; someone whose role got no group
    of its own may join one (flows.indeling.stel_homogene_indeling_voor). So the group's role
    is the one more than half of its members with a role have; None when no role has that
    (a mixed group of the people left over) or nobody told their role."""
    counts = Counter(r for r in rollen if r)
    if not counts:
        return None
    rol, n = counts.most_common(1)[0]
    return rol if 2 * n > sum(counts.values()) else None


def groep_met_rol(naam: str, rollen: Iterable[str | None], lang: str) -> str:
    """A group of the first meeting as the follow-up shows it: with the role it stood for,
    "Tafel 2 (burgers)"; just its name when it stood for no one role."""
    rol = rol_van_groep(rollen)
    if rol not in {r.value for r in Rol}:
        return naam
    return plain("vervolg.groep_met_rol", lang, groep=naam,
                 rol=plain(f"vervolg.groep_rol.{rol}", lang))  # fmt: skip
