"""A realistic finished workshop for export tests (three tables and a paper table)."""

from __future__ import annotations

import datetime

from exports.model import (
    AnswerRecord,
    MapData,
    MapItem,
    ModelItem,
    ParticipantRecord,
    PhaseRecord,
    SubgroupRecord,
    WorkshopData,
)
from flows.kaart import Kolom

ANSWERS = {
    "Tafel 1": {
        Kolom.WAARDEN: [("Anna", "Bewoners voelen zich thuis en veilig"),
                        ("Bram", "Iedereen kan meedoen")],
        Kolom.RELATIES: [("Bram", "Gelijkwaardige partners: iedereen geeft en krijgt iets")],
        Kolom.HANDELEN: [("Chris", "Professionals gaan de wijk in")],
        Kolom.VOORWAARDEN: [("Anna", "Een vaste plek in de wijk om elkaar te ontmoeten")],
        Kolom.ACTIES: [("Chris", "Gemeente, voor 1 maart: buurtavond organiseren")],
    },
    "Tafel 2": {
        Kolom.WAARDEN: [("Dewi", "Iedereen kan mee doen"), ("Erik", "Meer groen in de wijk")],
        Kolom.RELATIES: [("Erik", "Partners zijn gelijkwaardig")],
        Kolom.HANDELEN: [("Dewi", "Goed luisteren naar elkaar")],
        Kolom.VOORWAARDEN: [("Erik", "Budget dat bewoners zelf mogen besteden")],
        Kolom.ACTIES: [("Dewi", "Bewonerscommissie, in april: wensen voor het groen ophalen")],
    },
    "Tafel 3": {
        Kolom.WAARDEN: [("Gijs", "Samen beslissen over de buurt")],
        Kolom.RELATIES: [("Hanna", "We vertrouwen elkaar en komen afspraken na")],
        Kolom.HANDELEN: [("Gijs", "Iedereen kan goed luisteren en vragen stellen")],
        Kolom.VOORWAARDEN: [("Hanna", "Tijd voor professionals om bij bewonersavonden te zijn")],
        Kolom.ACTIES: [("Gijs", "Welzijnswerk, elke maand: spreekuur in het buurthuis")],
    },
    "Tafel 4": {
        Kolom.WAARDEN: [(None, "Winkels en bedrijven blijven in de wijk")],
        Kolom.ACTIES: [(None, "Ondernemersvereniging, in mei: markt op het plein")],
    },
}  # fmt: skip


def sample_workshop(*, final: bool = True, extra: dict | None = None) -> WorkshopData:
    """The sample workshop; ``extra`` adds answers {subgroup: {kolom: [(author, text)]}}."""
    answers: list[AnswerRecord] = []
    tables = {name: dict(cols) for name, cols in ANSWERS.items()}
    for name, cols in (extra or {}).items():
        for kolom, items in cols.items():
            tables.setdefault(name, {}).setdefault(kolom, [])
            tables[name][kolom] = [*tables[name][kolom], *items]
    for name, cols in tables.items():
        for kolom, items in cols.items():
            for author, text in items:
                answers.append(
                    AnswerRecord(
                        id=len(answers) + 1,
                        text=text,
                        kolom=kolom,
                        subgroup=name,
                        author=author,
                        created_at=f"2026-11-29T10:{len(answers):02d}:00+00:00",
                    )
                )
    model: dict[Kolom, tuple[ModelItem, ...]] = {}
    for kolom in Kolom:
        model[kolom] = tuple(
            ModelItem(a.text, (a.id,), (a.subgroup,)) for a in answers if a.kolom == kolom
        )
    subgroups = tuple(
        SubgroupRecord(
            number=n, name=name, kind="paper" if name == "Tafel 4" else "chat",
            members=tuple(dict.fromkeys(a.author for a in answers
                                        if a.subgroup == name and a.author)),
        )
        for n, name in enumerate(tables, start=1)
    )  # fmt: skip
    participants = tuple(
        ParticipantRecord(name=m, subgroup=g.name, role=role, network=None)
        for g in subgroups
        for m, role in zip(g.members, ("burger", "professional", "beleidsmaker"), strict=False)
    )
    return WorkshopData(
        goal="de gebiedsontwikkeling van Noord",
        lang="nl",
        date=datetime.date(2026, 11, 29),
        created_at="2026-11-29T09:00:00+00:00",
        phase="afgerond" if final else "plenair_model",
        subgroups=subgroups,
        participants=participants,
        answers=tuple(answers),
        model=model,
        confirmed=frozenset(Kolom) if final else frozenset({Kolom.WAARDEN}),
        phases=(
            PhaseRecord("opening", "2026-11-29T09:00:00+00:00"),
            PhaseRecord("afgerond", "2026-11-29T12:30:00+00:00"),
        ),
    )


# A realistic joint map of three subgroups: 32 confirmed values, 6 items in each other column
# (issue 11 counted 7 slides for it, six of them with four empty columns).
THREE_GROUPS = ("Subgroep Noord", "Subgroep Zuid", "Subgroep West")
_VALUES = [
    "Bewoners voelen zich thuis en veilig", "Iedereen kan meedoen", "Meer groen in de wijk",
    "Samen beslissen over de buurt", "Winkels en bedrijven blijven in de wijk",
    "Jongeren hebben een eigen plek", "Ouderen wonen zo lang mogelijk thuis",
    "Een schone straat", "Kinderen spelen veilig buiten", "We kennen onze buren",
    "Eerlijke kansen voor iedereen", "Goede verbindingen met het centrum",
    "Betaalbare woningen", "Ruimte voor initiatieven van bewoners", "Respect voor elkaar",
    "Openheid over plannen van de gemeente", "Vertrouwen tussen bewoners en gemeente",
    "Een levendig plein", "Rust in de avond", "Duurzame energie in de wijk",
    "Zorg dichtbij huis", "Sport en bewegen voor alle leeftijden", "Cultuur in de buurt",
    "Ondernemersverenigingen doen mee", "Nieuwkomers voelen zich welkom",
    "Minder overlast van verkeer", "Een buurthuis dat open is", "Werk in de wijk",
    "Trots op onze geschiedenis", "Iedereen wordt gehoord", "Taal is geen drempel",
    "Vrijwilligers krijgen waardering",
]  # fmt: skip
_OTHERS = {
    Kolom.RELATIES: [
        "Gelijkwaardige partners: iedereen geeft en krijgt iets",
        "We vertrouwen elkaar en komen afspraken na", "Korte lijnen met de wijkagent",
        "De gemeente luistert echt", "Bewoners en ondernemers werken samen",
        "Scholen zijn partner in de wijk",
    ],
    Kolom.HANDELEN: [
        "Professionals gaan de wijk in", "Goed luisteren naar elkaar",
        "Vragen stellen voordat we oordelen", "Afspraken op papier zetten",
        "Elkaar op tijd informeren", "Fouten durven toegeven",
    ],
    Kolom.VOORWAARDEN: [
        "Een vaste plek in de wijk om elkaar te ontmoeten",
        "Budget dat bewoners zelf mogen besteden",
        "Tijd voor professionals om bij bewonersavonden te zijn", "Een vast aanspreekpunt",
        "Vertaling voor wie de taal nog leert", "Avonden op tijden dat werkenden kunnen",
    ],
    Kolom.ACTIES: [
        "Gemeente, voor 1 maart: buurtavond organiseren",
        "Bewonerscommissie, in april: wensen voor het groen ophalen",
        "Welzijnswerk, elke maand: spreekuur in het buurthuis",
        "Ondernemersvereniging, in mei: markt op het plein",
        "Woningcorporatie, voor de zomer: speelplek opknappen",
        "Wijkteam, elk kwartaal: nieuwsbrief met de stand van zaken",
    ],
}  # fmt: skip


def three_group_map(lang: str = "nl") -> MapData:
    """The joint map of the realistic three-subgroup workshop."""

    def sources(i: int) -> tuple[str, ...]:
        return THREE_GROUPS[: 1 + i % 3] if i % 2 else (THREE_GROUPS[i % 3],)

    columns = {Kolom.WAARDEN: [MapItem(t, None, sources(i)) for i, t in enumerate(_VALUES)]}
    for kolom, texts in _OTHERS.items():
        columns[kolom] = [MapItem(t, None, sources(i)) for i, t in enumerate(texts)]
    return MapData(
        goal="de gebiedsontwikkeling van Noord",
        title="Gezamenlijk model",
        columns=columns,
        date=datetime.date(2026, 11, 29),
        lang=lang,
        concept=False,
    )
