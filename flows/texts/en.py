"""English texts (plain, short sentences)."""

MESSAGES: dict[str, str] = {
    "kolom.waarden": "Values",
    "kolom.relaties": "Relations",
    "kolom.handelen": "Acting",
    "kolom.voorwaarden": "Conditions",
    "kolom.acties": "Actions",
    "vraag.waarden": (
        "When is {doel} a success for you? Think of the ideal situation, your dream. "
        "Leave aside how things are now and any obstacles."
    ),
    "vraag.relaties": (
        "How do the partners relate to each other to reach those values? "
        "What does each partner give and get?"
    ),
    "vraag.handelen": "What does that ask of the partners' actions and skills?",
    "vraag.voorwaarden": "Which conditions are needed for that acting and those relations?",
    "vraag.acties": "Which actions do we take? Say what, who and when.",
    "export.kaart_titel": "Partnership map: {doel}",
    "export.concept": "Draft",
    "export.vervolg": "continued",
    "export.rtl_hint": "Fill in from right to left: start at 1 Values",
    "export.geen_antwoorden": "(still empty)",
}
