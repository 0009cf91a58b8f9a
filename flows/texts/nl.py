"""Nederlandse teksten (taalniveau B1: korte zinnen, gewone woorden)."""

MESSAGES: dict[str, str] = {
    # De kolommen van de kaart en hun vragen (uit de werkwijze).
    "kolom.waarden": "Waarden",
    "kolom.relaties": "Relaties",
    "kolom.handelen": "Handelen",
    "kolom.voorwaarden": "Voorwaarden",
    "kolom.acties": "Acties",
    "vraag.waarden": (
        "Wanneer is {doel} voor jullie geslaagd? Denk aan de ideale situatie, jullie droom. "
        "Los van hoe het nu gaat en los van beren op de weg."
    ),
    "vraag.relaties": (
        "Hoe gaan de partners met elkaar om, om die waarden te halen? "
        "Wat geeft en wat krijgt ieder?"
    ),
    "vraag.handelen": "Wat vraagt dat van het handelen en de vaardigheden van de partners?",
    "vraag.voorwaarden": (
        "Welke voorwaarden zijn nodig om zo te handelen en de relaties goed te houden?"
    ),
    "vraag.acties": "Welke acties nemen we? Zeg wat, wie en wanneer.",
    # Exports (PowerPoint).
    "export.kaart_titel": "Partnerschapkaart: {doel}",
    "export.concept": "Concept",
    "export.vervolg": "vervolg",
    "export.rtl_hint": "Van rechts naar links invullen: begin bij 1 Waarden",
    "export.geen_antwoorden": "(nog leeg)",
}
