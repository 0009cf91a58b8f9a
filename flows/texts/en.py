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
    # The command menu
    "menu.idee": "Give an answer: /idee and your text",
    "menu.klaar": "This column is done, go to the next one",
    "menu.terug": "Go back to the previous column",
    "menu.kaart": "Show the map so far",
    "menu.help": "How the bot works",
    "menu.nieuw": "Facilitator: start a workshop with a goal",
    "menu.export": "Facilitator: get the map as PowerPoint",
    "menu.join": "Make this group a subgroup (with a code)",
    # The command line
    "cli.geen_token": (
        "partnerschapkaart: TELEGRAM_BOT_TOKEN is not set. "
        "Create a bot with @BotFather and put its token in this variable. "
        "Without a token, try 'partnerschapkaart demo'."
    ),
    "cli.token_geweigerd": (
        "partnerschapkaart: Telegram rejects the token in TELEGRAM_BOT_TOKEN. "
        "Copy it again from @BotFather."
    ),
    "cli.geen_verbinding": "partnerschapkaart: cannot reach the Bot API at {url}: {fout}",
}
