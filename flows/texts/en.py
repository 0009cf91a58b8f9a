"""English texts (plain, short sentences)."""

MESSAGES: dict[str, str] = {
    # The columns of the map and their questions (from the method).
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
        "Which relations do the partners need to reach those values? "
        "How do they treat each other?"
    ),
    "vraag.handelen": "What does that ask of the partners' actions and skills?",
    "vraag.voorwaarden": (
        "Which conditions are needed to act like that and keep the relations good?"
    ),
    "vraag.acties": (
        "Which actions bring your values closer? Such actions lead to success. "
        "Say what, who and when."
    ),
    # Exports (PowerPoint).
    "export.kaart_titel": "Partnership map: {doel}",
    # issue 11 slides: the questions in one short line in the map's column headers
    "vraag_kort.waarden": "What matters to us?",
    "vraag_kort.relaties": "How do we treat each other?",
    "vraag_kort.handelen": "What do we do and know?",
    "vraag_kort.voorwaarden": "What does it take?",
    "vraag_kort.acties": "What do we do, who, when?",
    "export.vragen_titel": "The questions of the map",
    "export.varianten": "Merged from these answers:",
    "export.stemmen_titel": "The votes: what was chosen most",
    "export.stemmen_een": "1 vote",
    "export.stemmen_veel": "{aantal} votes",
    "export.concept": "Draft",
    # Action plan in the PowerPoint: the label of the linked condition.
    "export.plan_voorwaarde": "Condition",
    # Word files (agreement and participation report): header and footer.
    "export.concept_kop": "DRAFT",
    "export.pagina": "Page {pagina} of {totaal}",
    "export.soort_overeenkomst": "Cooperation agreement",
    "export.soort_verslag": "Participation report",
    "export.vervolg": "continued",
    # A group of the first (homogeneous) meeting, named with the role it stands for.
    "vervolg.groep_met_rol": "{groep} ({rol})",
    "vervolg.groep_rol.professional": "professionals",
    "vervolg.groep_rol.beleidsmaker": "policy makers",
    "vervolg.groep_rol.burger": "citizens",
    "vervolg.groep_rol.anders": "other roles",
    # The projector's panel in a follow-up: the first meeting's starting material.
    "web.eerste.kop": "From the first meeting",
    "web.eerste.bevestigd": "Agreed together",
    "web.eerste.gedeeld": "Named by more groups",
    "web.eerste.eigen": "Named by one group",
    "export.rtl_hint": "Fill in from right to left: start at 1 Values",
    "export.geen_antwoorden": "(still empty)",
    # General
    "kolom.kop": "{nummer} {naam}",
    # Creating a workshop and joining it
    "nieuw.gemaakt": (
        "Your workshop is ready: <b>{doel}</b>\n\n"
        "The code to join is:\n<code>{code}</code>\n\n"
        "How to make a subgroup:\n"
        "1. Make a Telegram group per subgroup (or a topic in a forum group).\n"
        "2. Add the bot to that group with this link:\n{link}\n"
        "   Or add the bot yourself and type there: <code>/join {code}</code>\n\n"
        "Are all subgroups there? Then type /begin. Each subgroup gets the first question. "
        "Type /help for everything you can do as a facilitator."
    ),
    "nieuw.geen_doel": (
        "Put the goal of the workshop after the command. For example:\n"
        "<code>/new the area development North</code>"
    ),
    "nieuw.doel_te_lang": "That goal is too long. Keep it under {max} characters.",
    "join.welkom": (
        "Welcome, <b>{subgroep}</b>! You are taking part in the workshop on <b>{doel}</b>.\n\n"
        "Together you fill in the partnership map. The map has five columns. "
        "You fill them in from <b>right to left</b>: first the values, then relations, "
        "acting, conditions and finally the actions.\n\n"
        "Keep these four things in mind:\n"
        "💬 It is a <b>dialogue</b>: build on each other and ask questions.\n"
        "🔁 It is about <b>reciprocity</b>: what does each partner give and get?\n"
        "🤝 <b>Help each other</b> take part.\n"
        "🌱 Partners may have <b>different values</b>. Look for the win-win.\n\n"
        "How to answer: tap a question of mine and choose <i>Reply</i>. "
        "Or type <code>/idea</code> followed by your answer. One idea per message."
    ),
    "join.geen_code": (
        "Type the code you got from the facilitator after the command. For example:\n"
        "<code>/join abcde-fghjk-mnpqr</code>"
    ),
    "join.onbekende_code": (
        "I don't know that code. Check that you copied it correctly, or ask the "
        "facilitator for the code."
    ),
    "join.alleen_in_groep": (
        "A subgroup works in a group chat. Add me to your subgroup's group and "
        "type <code>/join</code> there with the code."
    ),
    "join.al_subgroep": (
        "This chat is already the subgroup <b>{subgroep}</b> of the workshop on <b>{doel}</b>. "
        "You can just carry on."
    ),
    "join.workshop_voorbij": "This workshop has already ended. You can no longer join.",
    # The question per column and the board
    "vraag.bericht": (
        "<b>Column {nummer} of 5: {naam}</b>\n{vraag}\n<i>💡 {principe}</i>{basis}\n\n"
        "Reply to this message or use <code>/idea</code>. One idea per message. "
        "Done? Type /done."
    ),
    "vraag.placeholder": "Your answer for {naam}",
    "bord.kop": "<b>{nummer} {naam}</b>: {aantal} answers",
    "bord.kop_een": "<b>{nummer} {naam}</b>: 1 answer",
    "bord.leeg": "No answers yet. Who goes first?",
    "bord.regel": "• {tekst}",
    "bord.regel_auteur": "• {tekst} <i>({auteur})</i>",
    "bord.meer": "… and {aantal} more. See /map.",
    "knop.klaar": "✅ Done with this column",
    "knop.terug": "↩️ Previous column",
    "knop.kaart": "🗺 Map",
    "wacht.kaart_af": (
        "Your map is finished! 🎉 All five columns are filled in.\n"
        "See it with /map. Want to change something? Type /back."
    ),
    "wacht.plenair": (
        "You are done with column {nummer} {naam}. Well done!\n"
        "Now wait for the plenary round. Want to add something? Type /back."
    ),
    # The map
    "kaart.titel": "<b>Map of {subgroep}</b>\nGoal: {doel}",
    "kaart.kolom": "\n<b>{nummer} {naam}</b>",
    "kaart.kolom_nu": "\n<b>{nummer} {naam}</b> ← you are here now",
    "kaart.leeg": "<i>(still empty)</i>",
    # Refusals and help with wrong input
    "weigering.klaar_zonder_antwoorden": (
        "There is no answer for {kolom} yet. First give at least one answer. "
        "Then you can type /done."
    ),
    "weigering.terug_eerste_kolom": "You are already at the first column: {kolom}.",
    "weigering.wacht_al": (
        "You are already done with {kolom}. Still want to add something? Type /back."
    ),
    "weigering.kaart_al_af": "Your map is already finished. Want to change something? Type /back.",
    "weigering.nog_niet_verder": "This subgroup cannot go further than {kolom} yet.",
    "weigering.welke_kolom": "Say which column. For example: 2 or relations.",
    "weigering.leeg_antwoord": (
        "I don't see any text. Type your answer after /idea. For example:\n"
        "<code>/idea Everyone takes part</code>"
    ),
    "weigering.geen_tekst": (
        "I can only put text on the map. I don't save a photo, sticker or other file. "
        "Type your idea as text and I will add it."
    ),
    "weigering.te_lang": (
        "This answer is too long: {lengte} characters. At most {max} fit. "
        "Cut it into parts and send each part separately. Then each part goes on the map."
    ),
    "weigering.bewerking_te_lang": (
        "Your edited answer is too long ({lengte} characters, at most {max}). "
        "I keep the old text on the map."
    ),
    "weigering.wacht_antwoord": (
        "You are waiting now. I did not save this answer. Want to add something "
        "to {kolom}? First type /back."
    ),
    "weigering.alleen_facilitator": (
        "Only the facilitator of the workshop can do this. Please ask them."
    ),
    "weigering.geen_subgroep": (
        "This chat is not part of a workshop yet. Type <code>/join</code> with the code "
        "you got from the facilitator."
    ),
    "weigering.geen_workshop": (
        "I can't find a workshop here. Start one with <code>/new</code> and the goal."
    ),
    "weigering.knop_verlopen": "This button belongs to an earlier step. Look at the last question.",
    "weigering.knop_onbekend": "I don't know this button.",
    "weigering.onbekend_commando": "I don't know that command. Type /help to see what I can do.",
    # Export
    "export.bijschrift": (
        "The results of the workshop on <b>{doel}</b>. You get the map as PowerPoint, "
        "a draft cooperation agreement and the participation report. "
        "Also every subgroup's map (appendix), the action plan, a blank A3 template and all "
        "data."
    ),
    "export.leeg": "There are no subgroups yet. There is nothing to export yet.",
    # Help
    "help.groep": (
        "<b>How the partnership map works</b>\n"
        "Together you fill in five columns, from right to left: values, relations, "
        "acting, conditions and actions. I ask one question per column.\n\n"
        "<b>Giving an answer</b>\n"
        "• Tap my question and choose <i>Reply</i>, or\n"
        "• type <code>/idea</code> followed by your answer.\n"
        "One idea per message. To change an answer, edit your message.\n\n"
        "<b>Commands</b>\n"
        "/done – ask the group if this column is finished\n"
        "/back – back to the previous column\n"
        "/map – show the map so far\n"
        "/join <i>code</i> – make this group a subgroup\n"
        "/help – this explanation"
    ),
    "help.facilitator": (
        "<b>For the facilitator</b>\n"
        "/new <i>goal</i> – create a workshop and get the code\n"
        "/begin – step 2: the subgroups get the question about values\n"
        "/plenary – start the plenary round (after step 2 and after step 4)\n"
        "/merge 1 2 · /split · /text · /pick · /accept · /remove · /add · /move · /undo"
        " – edit the list\n"
        "/screen – the list on the big screen, and control it from your phone\n"
        "/vote · /count – let everyone vote, count the votes\n"
        "/confirm – the list is good, go on\n"
        "/status – how far each subgroup is\n"
        "/next <i>no.</i> · /reopen <i>column</i> – steer subgroups\n"
        "/table <i>name</i> · /type <i>no. column</i> – a paper table\n"
        "/topics <i>N</i> – make N topics in a forum group\n"
        "/cofac – let someone help · /workshop – choose your workshop\n"
        "/homogeneous · /followup – first groups of one kind, then mixed\n"
        "/closing – the look back: what did we learn, what do we take home\n"
        "/end – close the workshop\n"
        "/export – the map as PowerPoint\n\n"
        "<b>Tip:</b> make the bot an admin of each group. Then it also sees normal "
        "messages and nobody has to reply to the question. Without admin rights the bot "
        "only sees replies to its questions and /idea."
    ),
    # The command menu
    "menu.idee": "Give an answer: /idea and your text",
    "menu.klaar": "Ask the group if this column is done",
    "menu.terug": "Go back to the previous column",
    # The group decides together that a column is done (issue 12)
    "knop.groep_ja": "✅ Yes, we're done",
    "knop.groep_nee": "✋ No, not yet",
    "groepsklaar.vraag": (
        "{naam} wants to close the column {kolom}. Are you all done? "
        "If nobody says no, I close the column in a minute."
    ),
    "groepsklaar.ja": "{naam} says yes too. The column {kolom} is done.",
    "groepsklaar.tijd": "Nobody said no. The column {kolom} is done.",
    "groepsklaar.nee": "{naam} wants to go on a little longer. Just keep answering.",
    "groepsklaar.vervallen": "This question is no longer open.",
    "groepsklaar.niet_open": "This question is no longer open.",
    "groepsklaar.al_gevraagd": "You asked already. We wait for the others.",
    # Closing answers typed in a private chat, with more than one closing round open.
    "afsluiten.welke": (
        "More than one look back is open. Which workshop is this answer for? Tap it."
    ),
    "afsluiten.knop_vervolg": "{doel} (follow-up)",
    "afsluiten.bewaard": "Kept in the look back of {doel}.",
    "afsluiten.al_bewaard": "This answer is kept already.",
    "afsluiten.kwijt": "I cannot find your answer any more. Please send it again.",
    "menu.kaart": "Show the map so far",
    "menu.help": "How the bot works",
    "menu.nieuw": "Facilitator: start a workshop with a goal",
    "menu.export": "Facilitator: get the map as PowerPoint",
    "menu.join": "Make this group a subgroup (with a code)",
    "menu.begin": "Facilitator: start step 2, the question about values",
    "menu.plenair": "Facilitator: start the plenary round",
    "menu.bevestig": "Facilitator: the list is good, go on",
    "menu.status": "Facilitator: how far each subgroup is",
    "menu.tijd": "Facilitator: the time of this step",
    "menu.taal": "Facilitator: language of the workshop (nl or en)",
    "menu.sjabloon": "Blank maps to print",
    # The command line
    "cli.geen_token": (
        "partnerschapkaart: TELEGRAM_BOT_TOKEN is not set. "
        "Create a bot with @BotFather and put its token in this variable. "
        "Without a token, try 'partnerschapkaart demo'."
    ),
    # Administration (issue 13): backup, restore and mistakes in the settings.
    "cli.bewaardagen": (
        "partnerschapkaart: PARTNERSCHAPKAART_RETENTION_DAYS='{waarde}' is not a number of "
        "days. Write a whole number, like 90. With 0 I keep everything."
    ),
    "cli.sjablonen_map": (
        "partnerschapkaart: the templates folder {map} does not exist. "
        "Check PARTNERSCHAPKAART_TEMPLATES or --templates."
    ),
    "cli.db_map": (
        "partnerschapkaart: the folder {map} for the database {db} does not exist. "
        "Create the folder first, or choose another place."
    ),
    "cli.db_schrijven": (
        "partnerschapkaart: I cannot write in {map}, where the database {db} is. "
        "The bot must be able to write in that folder and in the file."
    ),
    "cli.geen_database": (
        "partnerschapkaart: {db} is not a partnerschapkaart database. Choose the right file."
    ),
    "cli.database_te_nieuw": (
        "partnerschapkaart: the database {db} comes from a newer version of partnerschapkaart "
        "(schema {versie}, this version knows up to {laatste}). "
        "Install the new version, or restore an older backup."
    ),
    "cli.db_en_json": "partnerschapkaart: choose --db or --from-json, not both.",
    "cli.uit_is_bestand": (
        "partnerschapkaart: {map} is a file, not a folder. Choose a folder with --out."
    ),
    "cli.uit_schrijven": "partnerschapkaart: I cannot write in {map}: {fout}",
    "cli.geen_db_bestand": (
        "partnerschapkaart: there is no database at {db}. "
        "Choose one with --db or with PARTNERSCHAPKAART_DB."
    ),
    "cli.bestand_bestaat": (
        "partnerschapkaart: {bestand} already exists. I do not write over it. "
        "Choose a new name."
    ),
    "cli.niet_lezen": "partnerschapkaart: I cannot read {bestand}: {fout}",
    "cli.backup_klaar": "Backup made: {bestand}",
    "cli.terugzetten_bot_actief": (
        "partnerschapkaart: a bot runs on {db} (computer {host}, process {pid}). "
        "Stop it first. Then restore the backup."
    ),
    "cli.teruggezet": "Restored: {bestand} is now at {db}.",
    "cli.teruggezet_oud": "The old database is kept aside in {oud}.",
    "cli.token_geweigerd": (
        "partnerschapkaart: Telegram rejects the token in TELEGRAM_BOT_TOKEN. "
        "Copy it again from @BotFather."
    ),
    "cli.geen_verbinding": "partnerschapkaart: cannot reach the Bot API at {url}: {fout}",
    # Edits (issue 14): what can no longer change, and an edited /type message.
    "bewerking.kolom_vastgesteld": (
        "I did not save your change. {kolom} was already confirmed in the plenary round. "
        "That way the map stays the same as what you decided together."
    ),
    "bewerking.workshop_afgerond": (
        "I did not save your change. The workshop has ended. The map stays as it is."
    ),
    "bewerking.typ_bijgewerkt": (
        "Updated: the answers of {naam} for {kolom}. "
        "Changed: {veranderd}. New: {nieuw}. Removed: {weg}."
    ),
    "bewerking.typ_niets": "Nothing changed for {naam}, {kolom}. I see the same answers.",
    "bewerking.typ_kop": (
        "Nothing changed. Keep the first line as it was: <code>/type {kop}</code>. "
        "Do the answers belong to another table or column? "
        "Then type them again in a new message."
    ),
    # One bot per database.
    "cli.al_actief": (
        "partnerschapkaart: a bot is already running on {db} (computer {host}, process {pid}, "
        "since {sinds}). Stop it first, or choose another database."
    ),
    "cli.database": "partnerschapkaart: cannot open the database {db}: {fout}",
    # Phases of the workshop (the steps of the method)
    "fase.naam.opening": "step {stap}: opening",
    "fase.naam.waarden": "step {stap}: values in the subgroups",
    "fase.naam.plenair_waarden": "step {stap}: plenary on the values",
    "fase.naam.kolommen": "step {stap}: the other columns in the subgroups",
    "fase.naam.plenair_model": "step {stap}: plenary on the whole model",
    "fase.naam.afgerond": "step {stap}: finished",
    "fase.begonnen": (
        "Step 2 has started. The question about values is now with {aantal}.\n"
        "Done with the values? Type /plenary for the plenary round. "
        "Use /status to see how far everyone is."
    ),
    "fase.einde": "The workshop is closed. Use /export to get the map as PowerPoint.",
    "fase.fout.al_begonnen": "The workshop has already started. We are now at {fase}.",
    "fase.fout.geen_plenair_nu": (
        "A plenary round is not possible now. We are at {fase}. "
        "The plenary rounds come after step 2 and after step 4."
    ),
    "fase.fout.niets_te_bevestigen": (
        "There is nothing to confirm now. We are at {fase}. First start /plenary."
    ),
    "fase.fout.al_afgelopen": "The workshop is already closed.",
    "fase.fout.tegelijk": (
        "Someone else just changed the step of the workshop. Use /status to see where we are."
    ),
    # Waiting in the subgroup
    "wacht.start": (
        "Great that you are here! The facilitator will start soon. "
        "Then you get the first question here."
    ),
    "wacht.plenair_bezig": (
        "It is the plenary round now. Watch the screen and join the talk. "
        "After that you carry on here."
    ),
    "wacht.afgerond": (
        "The workshop on {doel} is finished. Thank you for thinking along! "
        "The facilitator will send you the model."
    ),
    "vraag.waarden_basis": "<b>The values you agreed on together:</b>",
    "weigering.nog_niet_begonnen": "The facilitator has not started yet. Please wait a moment.",
    "weigering.plenair_bezig": (
        "It is the plenary round now. I did not save this. Say it in the plenary round, "
        "or keep it until you carry on."
    ),
    "weigering.workshop_afgerond": "The workshop is finished. I no longer save anything.",
    "weigering.anoniem": (
        "You are sending as an anonymous admin. Then I don't know who you are. "
        "Turn off 'Remain anonymous' in your admin rights, or send it in a private chat."
    ),
    # Forum topics
    "onderwerpen.geen_forum": (
        "This works in a group with topics (forum). Turn on topics in the "
        "group settings, or make a separate group per subgroup."
    ),
    "onderwerpen.gebruik": "Say how many subgroups. For example: /topics 3 (at most {max}).",
    "onderwerpen.naam": "Subgroup {nummer}",
    "onderwerpen.geen_recht": (
        "I am not allowed to make topics here. Make me an admin with the right "
        "'Manage topics' and try again."
    ),
    # Paper tables
    "tafel.gebruik": "Give the table a name. For example: <code>/table Table 3</code>",
    "tafel.gemaakt": (
        "<b>{naam}</b> is subgroup {nummer}. Type the answers of this table like this:\n"
        "<code>/type {nummer} values</code>\nwith each answer on its own line below it."
    ),
    "tafel.typ_gebruik": (
        "How to type the answers of a paper table:\n"
        "<code>/type 3 values</code>\nwith each answer on its own line below it. "
        "The number is the table's number, then the column."
    ),
    "tafel.onbekend": "There is no paper table with number {nummer}. Check /status.",
    "tafel.opgeslagen": "Saved: {aantal} from {naam} for {kolom}.",
    # Co-facilitators
    "cofac.toegevoegd": "{naam} now helps as a facilitator.",
    "cofac.link": (
        "Does someone want to help as a facilitator? Send them this link:\n{link}\n"
        "Or, in a group, reply to a message from that person with /cofac."
    ),
    "cofac.onbekend": "This link does not work (any more). Ask the facilitator for a new one.",
    "cofac.welkom": (
        "You now help as a facilitator of <b>{doel}</b>. Type /help to see what you can do."
    ),
    # Steering subgroups
    "verder.gebruik": "Say which subgroup. For example: /next 2. The number is in /status.",
    "verder.niet_nu": "This only works while the subgroups are at work (step 2 or 4).",
    "verder.kan_niet": "{naam} cannot go further now. They are as far as this step allows.",
    "verder.gedaan": "{naam} goes on with {kolom}.",
    "heropen.niet_nu": "You can reopen a column in step 4.",
    "heropen.gebruik": "Say which column. For example: /reopen 3 or /reopen acting.",
    "heropen.gedaan": "All subgroups are working on {kolom} again.",
    # Plenary round
    "plenair.kop": "<b>Plenary: {kolom}</b>\n<i>{fase}</i>",
    # Suggestions, variants and one-network items in the plenary list (issue 12)
    "plenair.varianten": "    ↳ {varianten}",
    "plenair.voorstel_uitleg": (
        "🔗 The bot put these answers together. Is that right? "
        "Tap ✔ to keep them together, or ✖ to set them apart again."
    ),
    "plenair.varianten_uitleg": (
        "↳ This is how the subgroups said it. Choose one of their wordings: "
        "/pick 1 2 (item 1, wording 2). Or write your own: /text 1 new text."
    ),
    "plenair.netwerk_uitleg": (
        "📍 This sounds like one network. How do you say it so it works elsewhere too?"
    ),
    "plenair.voorstel_samen": "Item {nummer} stays together.",
    "plenair.voorstel_los": "Item {nummer} is apart again.",
    "plenair.fout.geen_voorstel": (
        "Item {nummer} is not a suggestion of the bot. Those have a 🔗 in the list."
    ),
    "plenair.fout.geen_varianten": (
        "Item {nummer} does not come from answers. "
        "There is nothing to choose."
    ),
    "plenair.fout.variant": (
        "Item {nummer} has {aantal} wordings to choose from. "
        "There is no wording {variant}."
    ),
    "knop.voorstel_samen": "✔ {nummer} together",
    "knop.voorstel_los": "✖ {nummer} apart",
    # Items that look alike but are not together: the facilitator decides
    "plenair.lijkt_op": "    ≈ Looks like item {ander}.",
    "plenair.lijkt_op_uitleg": (
        "≈ These items look alike. Are they the same? Tap 🤝 to merge them. "
        "Not the same? Tap ≠. Or type /different 1 2."
    ),
    "plenair.hint_samen": "Items {a} and {b} are together now.",
    "plenair.hint_apart": "Items {a} and {b} stay apart. The bot will not ask again.",
    "plenair.fout.geen_hint": "That tip is not on the list any more.",
    "plenair.fout.geen_antwoorden": (
        "Item {nummer} does not come from answers. It cannot look like another item."
    ),
    "knop.hint_samen": "🤝 {a}+{b}",
    "knop.hint_apart": "≠ {a}/{b}",
    "web.lijkt_op": "Looks like item {ander}",
    "web.knop.hint_samen": "Merge",
    "web.knop.hint_apart": "Not the same",
    "web.voorstel": "The bot's suggestion: is it right?",
    "web.knop.akkoord": "Together",
    "web.knop.los": "Apart",
    "web.knop.kies": "Choose",
    "plenair.leeg": "<i>There are no answers yet. Add something yourself with /add.</i>",
    "plenair.item": "{nummer}. {tekst} <i>({groepen})</i>",
    "plenair.item_een_groep": "{nummer}. {tekst} <i>({groepen})</i> 🌱",
    "plenair.stemmen": " · {aantal}",
    "plenair.winwin": (
        "🌱 Only one subgroup named this value. Partners may have different values. "
        "Ask: how do we make it a win-win?"
    ),
    "plenair.uitleg": (
        "\n<b>Edit:</b> /merge 1 2 · /split 1 · /text 1 new text · /remove 1 · "
        "/add text · /move 3 1 · /undo\n<b>Done?</b> Type /confirm or tap ✅."
    ),
    "plenair.bevestigd": "\n✅ <b>Confirmed.</b>",
    "plenair.verwijderd": "Item {nummer} is removed.",
    "plenair.waarden_bevestigd": (
        "The values are agreed and go to {aantal}. There step 4 starts: columns 2 "
        "to 5. Done? Type /plenary for the second plenary round."
    ),
    "plenair.overzicht_kop": "<b>The collaboration model for {doel}</b>",
    "plenair.overzicht_uitleg": (
        "\nLook at the whole model together one last time. Is it right? Type /confirm. "
        "Then the model is final."
    ),
    "plenair.model_klaar": "The collaboration model is final! 🎉 Type /export for the PowerPoint.",
    "plenair.fout.geen_plenair": "There is no plenary round now. Start one with /plenary.",
    "plenair.fout.gebruik": "How to use /{command}: see the explanation below the list.",
    "plenair.fout.onbekend_commando": (
        "I don't know {command}. See the explanation below the list."
    ),
    "plenair.fout.nummer": "Item {nummer} does not exist. The list has {aantal} items.",
    "plenair.fout.zelfde_item": "You name item {nummer} twice. Choose two different items.",
    "plenair.fout.niet_splitsen": "Item {nummer} comes from one answer. I cannot split it.",
    "plenair.fout.antwoord_onbekend": "I can no longer split item {nummer}.",
    "plenair.fout.leeg": "There is no text. Type the text after the command.",
    "plenair.fout.te_lang": "That text is too long ({lengte} characters). At most {max}.",
    "plenair.fout.stemmen": "Item {nummer} got a strange number of votes ({stemmen}).",
    "plenair.fout.niets_ongedaan": "There is nothing to undo.",
    "plenair.fout.tegelijk": (
        "Someone else just changed the list. Look at the new list and try again."
    ),
    "plenair.fout.verouderd": (
        "The list has just changed. Look at the new list and then confirm again."
    ),
    "plenair.fout.al_bevestigd": "{kolom} is already confirmed.",
    "knop.ongedaan": "↩️ Undo",
    "knop.bevestig": "✅ Confirm",
    "knop.model_vaststellen": "✅ Make the model final",
    # Status
    "status.kop": "<b>Status: {doel}</b>\n{fase}, for {minuten} min",
    "status.geen_groepen": "No subgroups yet.",
    "status.stand.nieuw": "waiting for the start",
    "status.stand.beantwoordt": "at {kolom}",
    "status.stand.wacht": "done up to {kolom}",
    "status.groep": (
        "{nummer}. <b>{naam}</b>: {stand}, {minuten} min, {leden}\n"
        "    answers in columns 1 to 5: {aantallen}"
    ),
    "status.papier": (
        "{nummer}. <b>{naam}</b> (paper)\n    answers in columns 1 to 5: {aantallen}"
    ),
    "status.voet": "<i>When something changes, I update this overview.</i>",
    "export.gezamenlijk": "Joint model",
    # Voting (prioritising)
    "stemmen.gestart": (
        "Voting has started in {groepen}. Everyone has {stemmen}. "
        "Type /count when everyone has voted. Then I put the list in order."
    ),
    "stemmen.gebruik": (
        "Say how many votes each person gets, from 1 to {max}. For example: /vote 3"
    ),
    "stemmen.loopt_al": "Voting is already going on. Type /count to count the votes.",
    "stemmen.te_weinig": "Voting only makes sense with two items or more.",
    "stemmen.niet_bezig": "There is no vote going on. Start one with /vote.",
    "stemmen.vraag": (
        "🗳 <b>Vote for the most important items of {kolom}</b>\n"
        "You have {stemmen}. Tap an item to vote. Tap it again to take your "
        "vote back."
    ),
    "stemmen.jouw_stemmen": "Your votes: {punten}. {over} left.",
    "stemmen.op": (
        "You have used all your votes (you had {max}). Tap a chosen item to take that vote back."
    ),
    "stemmen.gesloten": "Voting is closed.",
    "stemmen.geteld": "Votes came from {mensen}. The list is now in order of votes.",
    "stemmen.uitslag": "🗳 <b>Result for {kolom}</b>",
    "stemmen.uitslag_regel": "{nummer}. {tekst}: {aantal}",
    "plenair.item_kort": "{nummer}. {tekst}",
    "plenair.fout.stemmen_loopt": (
        "The participants are voting on this list now. First type /count. Then you can edit again."
    ),
    # Export and templates
    "export.sjabloon_fout": "Your own agreement template does not work: {fout}",
    "export.te_groot": "{naam} is too large to send through Telegram (over 50 MB).",
    "sjabloon.bijschrift": "Blank partnership maps: A3 to print and 16:9 for the screen.",
    # PowerPoint: title slide, comparison, action plan, blank templates
    "deck.titel": "Partnership map",
    "deck.doel": "Goal: {doel}",
    "deck.datum": "Date: {datum}",
    "deck.aantallen": "Subgroups: {groepen} · Participants: {deelnemers}",
    "deck.rollen": "Roles present: {rollen}",
    "deck.concept_uitleg": "Draft: the model of cooperation is not confirmed yet.",
    "deck.definitief": "Final version: the model of cooperation is confirmed.",
    "vergelijk.titel": "{kolom}: what the groups share and where they differ",
    "vergelijk.gedeeld": "Named by more than one group",
    "vergelijk.eigen": "Named by one group only",
    "vergelijk.geen": "(none)",
    "actie.titel": "Action plan",
    "actie.wat": "Action",
    "actie.wie": "Who",
    "actie.wanneer": "When",
    "actie.voorwaarde": "Linked condition",
    "sjabloon.titel": "Partnership map",
    "sjabloon.titel_doel": "Partnership map: {doel}",
    "sjabloon.invullen": "Group: ………………………    Date: ………………",
    "sjabloon.doel_leeg": "……………………",
    "sjabloon.principes": "Keep in mind at every step:",
    "principe.dialoog": "Dialogue",
    "principe.dialoog_uitleg": "It is a dialogue: listen and ask questions.",
    "principe.wederkerigheid": "Reciprocity",
    "principe.wederkerigheid_uitleg": "It is about reciprocity: everyone gives and gets.",
    # issue 12 language: counts in singular and plural (flows.texts.render_n), and step 4
    # that builds on all values of the plenary.
    "aantal.subgroepen.een": "1 subgroup",
    "aantal.subgroepen.meer": "{aantal} subgroups",
    "aantal.antwoorden.een": "1 answer",
    "aantal.antwoorden.meer": "{aantal} answers",
    "aantal.stemmen.een": "1 vote",
    "aantal.stemmen.meer": "{aantal} votes",
    "aantal.mensen.een": "1 person",
    "aantal.mensen.meer": "{aantal} people",
    "aantal.actief.een": "1 member active",
    "aantal.actief.meer": "{aantal} members active",
    "stap4.waarden_kop": (
        "<b>Step 4: build on your values</b>\n"
        "You named these values together in the plenary. Start from them. "
        "What does your ideal cooperation look like?"
    ),
    "stap4.waarden_vervolg": "<b>Your values, continued</b>",
    "vraag.inspiratie": (
        "💭 Look for inspiration in documents, tools and procedures. "
        "Or in what people in your network are good at."
    ),
    "vraag.waarden_kort": "📌 Your values: {waarden} (all values: /map)",
    "principe.meedoen": "Help each other",
    "principe.meedoen_uitleg": "Help each other to take an active part.",
    "principe.winwin": "Different values → win-win",
    "principe.winwin_uitleg": "Partners may have different values. How do you make it win-win?",
    # Action plan (CSV)
    "csv.wat": "What",
    "csv.wie": "Who",
    "csv.wanneer": "When",
    "csv.voorwaarde": "Condition",
    "csv.subgroepen": "Subgroups",
    "csv.tekst": "Original text",
    "plenair.fout.net_bevestigd": (
        "Someone else confirmed this a moment ago. Look at the new list before you go on."
    ),
    # Telegram's limits (issue 14): never leave something out silently
    "klaar.al_gedaan": (
        "That was just done already. Your group is now {stand}. Look at the latest question."
    ),
    "rollen.meer": "🎭 … and {aantal} more roles. They are in the message with the roles.",
    "plenair.pagina": (
        "<i>You see item {van} to {tot} of {aantal}. "
        "Tap ◀️ or ▶️ for the other items.</i>"
    ),
    "status.pagina": (
        "<i>You see subgroup {van} to {tot} of {aantal}. "
        "Tap ◀️ or ▶️ for the other subgroups.</i>"
    ),
    "knop.pagina_terug": "◀️ {van}–{tot}",
    "knop.pagina_verder": "{van}–{tot} ▶️",
    "stemmen.deel": (
        "<i>Here are item {van} to {tot} of {aantal}. "
        "The other items are in the messages below.</i>"
    ),
    "stemmen.vervolg": (
        "🗳 <b>Vote on {kolom}, continued</b>\n<i>Item {van} to {tot} of {aantal}.</i>"
    ),
    "stemmen.uitslag_boven": "🗳 The result is in the message above.",
    # Time
    "tijd.groep.half": (
        "⏳ Half of the time for this step has passed. About {minuten} minutes left."
    ),
    "tijd.groep.laatste": (
        "⏳ {minuten} minutes left. Round off your column and type /done when you are ready."
    ),
    "tijd.facilitator.half": (
        "⏳ <b>{fase}</b>\nHalf of the time has passed. {minuten} minutes left."
    ),
    "tijd.facilitator.laatste": "⏳ <b>{fase}</b>\n{minuten} minutes left.",
    "tijd.facilitator.om": "⏰ <b>{fase}</b>\nThe time is up. Go on when you are ready.",
    "tijd.achter": "{tekst}\nBehind schedule: {groepen}. With /next you move a group on.",
    "tijd.gebruik": "Give the number of minutes, from {min} to {max}. For example: /time 45",
    "tijd.gezet": "⏳ <b>{fase}</b>\nThis step now takes {minuten} minutes.",
    "tijd.stand": (
        "<b>{fase}</b>\nThis step takes {minuten} minutes. {verstreken} have passed. "
        "Another number? Type for example /time 45"
    ),
    "tijd.geen_klok": "The workshop has ended. No time is running.",
    # Language and reminders
    "taal.gebruik": "Choose the workshop's language: /language nl or /language en.",
    "taal.gezet": "The workshop is now in English.",
    "herinnering.gebruik": "Type /reminders off or /reminders on.",
    "herinnering.uit": (
        "I will not send the subgroups reminders any more. To turn them on: /reminders on."
    ),
    "herinnering.aan": "I will send the subgroups a reminder now and then again.",
    "herinnering.stil": (
        "Okay, I will not send you reminders any more. Want them back? Type /mute again."
    ),
    "herinnering.niet_stil": "Okay, I will send you a reminder now and then again.",
    # Reminders (the four principles)
    "principe.regel.waarden": "Partners may hold different values. Where is the win-win?",
    "principe.regel.relaties": "What does each partner give, and what do they get?",
    "principe.regel.handelen": "Think of dialogue: how do partners listen and ask further?",
    "principe.regel.voorwaarden": "What is needed so everyone can take an active part?",
    "principe.regel.acties": "Does each action bring something to every partner?",
    "herinnering.meedoen.een": "{namen}, what do you think? Tell us.",
    "herinnering.meedoen.meer": "{namen}, what do you think? Tell us.",
    "herinnering.generaliseren": (
        "Good example: <i>{antwoord}</i>. How would that work in another network?"
    ),
    "herinnering.dialoog": (
        "Lots of ideas! React to each other too: ask, add, or say so if you see it differently."
    ),
    # People: roles, networks, split, role play
    "rol.professional": "Professional",
    "rol.beleidsmaker": "Policy maker",
    "rol.burger": "Citizen",
    "rol.anders": "Something else",
    "rol.welkom": (
        "Welcome, {naam}! "
        "You take part in the workshop on <b>{doel}</b>.\nWhat is your role? Tap a button. "
        "Then type /network and the name of your organisation or network."
    ),
    "rol.vraag": "What is your role? Tap a button.",
    "rol.gekozen": "Thank you! Your role is: {rol}.",
    "rol.geen_workshop": (
        "I do not know which workshop you belong to. "
        "Open the facilitator's link or type /role in the workshop's group."
    ),
    "netwerk.gebruik": (
        "Type your network or organisation after the command. For example: "
        "/network Neighbourhood team North"
    ),
    "netwerk.gezet": "Thank you! Your network is: {netwerk}.",
    "indeling.kop": (
        "<b>Proposal for the subgroups</b>\n"
        "People from the same network are apart as much as possible. "
        "The roles are spread."
    ),
    "indeling.groep": "<b>{nummer}. {naam}</b>: {leden}",
    "indeling.uitleg": "\nAdjust: /reassign Anna 2. Good like this? Type /groups ok.",
    "indeling.gebruik": "Say into how many subgroups. For example: /groups 3. Then: /groups ok.",
    "indeling.te_weinig_groepen": (
        "There are {groepen} subgroups. Make {aantal} first, then I can split the people."
    ),
    "indeling.geen_voorstel": (
        "There is no proposal yet. Type /groups and the number of groups first."
    ),
    "indeling.verplaats_gebruik": "Say who and to which group. For example: /reassign Anna 2",
    "indeling.verplaats_kan_niet": (
        "That is not possible in this split. Look at the numbers of the groups."
    ),
    "indeling.verouderd": "The proposal is out of date (people joined). Type /groups again.",
    "indeling.bevestigd": (
        "The split is set. I send everyone who ever messaged me their group. "
        "Read the list out in the room too."
    ),
    "indeling.jouw_groep": "You are in <b>{naam}</b>. Go to that group in Telegram.",
    "indeling.fout.aantal_te_klein": "Choose at least one subgroup.",
    "indeling.fout.te_weinig_deelnemers": (
        "There are {deelnemers} participants. That is too few for {aantal} subgroups."
    ),
    "indeling.fout.dubbele_deelnemer": "Someone is on the list twice.",
    "indeling.fout.aantal_groepen": "The split has {groepen} groups, not {aantal}.",
    "indeling.fout.lege_groep": "Group {groep} is empty.",
    "indeling.fout.onbekende_deelnemer": "I do not know that participant.",
    "indeling.fout.dubbel_ingedeeld": "Someone is in two groups.",
    "indeling.fout.niet_ingedeeld": "Someone is not in a group yet.",
    "indeling.fout.al_ingedeeld": "That participant is in a group already.",
    "indeling.fout.groepnummer": "Group {groep} does not exist. There are {aantal} groups.",
    "indeling.fout.al_in_groep": "That participant is in group {groep} already.",
    "rollen.kop": "<b>Role play</b>: this group is not mixed. A few people play another role:",
    "rollen.regel": "🎭 {naam} plays <b>{rol}</b>. {perspectief}",
    # issue 12 follow-up: groups of one kind, the second meeting, the closing round
    "indeling.homogeen_kop": (
        "<b>Proposal: groups of one kind</b>\n"
        "Each group has one role. People from the same network are kept apart where possible."
    ),
    "indeling.rol_groep": "<b>{nummer}. {naam}</b> · {rol}: {leden}",
    "indeling.gemengd": "mixed",
    "indeling.te_weinig_rol": (
        "Too few people with the role {rol} for a group of their own: {namen}. "
        "They are in the group that fits best."
    ),
    "indeling.geen_groep_over": (
        "There are more roles than groups. So {rol} has no group of its own: {namen}. "
        "They are in the group that fits best."
    ),
    "indeling.zonder_rol": (
        "No role yet: {namen}. Ask them to choose one with /role. Then type /split again."
    ),
    "vervolg.gemaakt": (
        "The follow-up meeting on <b>{doel}</b> is ready. "
        "Now we work in mixed groups: each group has different roles.\n\n"
        "1. Make a group per subgroup and add me to it.\n"
        "2. Type there: /join {code}\nOr share this link: {link}\n"
        "3. Type /split here with the number of groups. I mix the roles and keep networks apart."
    ),
    "vervolg.uitgenodigd": "I invited them in their own chat with me: {namen}.",
    "vervolg.niemand": (
        "Nobody registered with the link of the first meeting. "
        "So share the link of this new workshop."
    ),
    "vervolg.uitnodiging": (
        "Hello {naam}! There is a second meeting on <b>{doel}</b>. "
        "This time you talk in a mixed group, together with other roles. "
        "I still know your role and network. The facilitator makes the groups. "
        "I will tell you which group is yours.\nNot taking part? Type /forget."
    ),
    "vervolg.niet_homogeen": (
        "I make a follow-up of a workshop that first had groups of one kind (/homogeneous). "
        "This workshop had mixed groups. Start a new one with /new."
    ),
    "vervolg.te_vroeg": (
        "The first meeting is still going on. Make the follow-up once the last plenary round "
        "has started, or after /end."
    ),
    "vervolg.is_vervolg": "This is the follow-up meeting already. Its code is {code}.",
    "vervolg.al_gemaakt": "This workshop has a follow-up already. Its code is {code}.",
    "vervolg.start_kop": "<b>From the first meeting</b>, in groups of one kind:",
    "vervolg.start_bevestigd": "<b>The values you agreed on together:</b>",
    "vervolg.start_gedeeld": "<b>Named by more than one group:</b>",
    "vervolg.start_eigen": "<b>Named by {groep} only:</b>",
    "vervolg.start_regel": "• {tekst}",
    "vervolg.start_regel_groepen": "• {tekst} ({groepen})",
    "vervolg.start_vraag": (
        "Talk about it: where do you agree? And how do you turn the differences into a win-win?"
    ),
    "vervolg.export_titel": "First meeting, {kolom}: what the groups share and where they differ",
    "afsluiten.vraag_geleerd": "What have we learned?",
    "afsluiten.vraag_mee": "What do we take home?",
    "afsluiten.groep": (
        "<b>To close: a short look back</b>\n"
        "1. <b>What have we learned?</b> About working as partners, about the dialogue, "
        "about what you heard from others.\nType: /learned and your answer.\n"
        "2. <b>What do we take home?</b> What will you do in your own work or neighbourhood?\n"
        "Type: /takehome and your answer."
    ),
    "afsluiten.gestart": (
        "The groups have the two questions of the look back. "
        "The answers go into the export. Type /export when everyone is done."
    ),
    "afsluiten.te_vroeg": (
        "The look back belongs at the end. First start the plenary round on the model "
        "with /plenary."
    ),
    "afsluiten.al_bezig": "The look back is going on already. The answers go into the export.",
    "afsluiten.geen_groepen": "No group works in a chat. Ask the look back in the room then.",
    "afsluiten.gebruik": (
        "Type your answer after the command. For example: /learned I now know what citizens "
        "find important."
    ),
    "afsluiten.niet_open": "There is no look back now. The facilitator starts it with /closing.",
    "afsluiten.titel": "Looking back: what we learned and take home",
    "afsluiten.geen": "(no answers yet)",
    "rollen.al_gemengd": "This group is mixed already. No role play is needed.",
    "rollen.te_weinig": "I do not know this group's roles yet. Let everyone choose /role first.",
    "rollen.in_vraag": "🎭 {naam} speaks as {rol}",
    "rollen.perspectief.burger": (
        "You speak as a <b>citizen</b>: what does it mean for your own life and neighbourhood?"
    ),
    "rollen.perspectief.professional": (
        "You speak as a <b>professional</b>: what does this mean for your work with people?"
    ),
    "rollen.perspectief.beleidsmaker": (
        "You speak as a <b>policy maker</b>: which rules, money and agreements are needed?"
    ),
    "rollen.perspectief.anders": (
        "You speak from <b>your own role</b>: what do you see that others miss?"
    ),
    "homogeen.aan": (
        "The workshop first works with groups of one kind (only citizens, only professionals, …). "
        "/split now makes groups of one role. "
        "The PowerPoint shows per column what the groups share and where they differ. "
        "Then /followup makes the mixed meeting."
    ),
    "homogeen.uit": "The workshop works with mixed groups.",
    "menu.rol": "Choose your role (citizen, professional, …)",
    "menu.netwerk": "Say which network or organisation you are from",
    # Silent writing
    "stil.aan": (
        "Silent writing is on for: {kolommen}. "
        "Everyone first sends their answers to me privately. "
        "When everyone is done (or with /reveal), I put them in the group together."
    ),
    "stil.aan_anoniem": (
        "Silent writing is on for: {kolommen}, without names. "
        "Everyone first sends their answers to me privately. "
        "When everyone is done (or with /reveal), I put them in the group together."
    ),
    "stil.uit": "Silent writing is off. Answers go straight into the group again.",
    "stil.alle_kolommen": "all columns",
    "stil.gebruik": (
        "How to use it: /silent (all columns), /silent 2 3, /silent anonymous or /silent off."
    ),
    "stil.in_vraag": (
        "🤫 <b>Silent writing:</b> first send your answers to me privately. "
        "Type /done there when you are ready. "
        "When everyone is done, I put it all here together."
    ),
    "stil.geen_groep": "I do not know which subgroup you are in. Join your subgroup's group first.",
    "stil.niet_nu": "There is no silent writing now. Give your answer in your subgroup's group.",
    "stil.klaar": "Thank you! When everyone is done, I put all answers in the group together.",
    "stil.onthuld": "🤫 <b>This is what you wrote in silence for {kolom}:</b>",
    "stil.onthuld_alle": "I put all answers written in silence in the groups.",
    "stil.niets": "There are no answers written in silence to show.",
    # Privacy
    "vergeet.vraag": (
        "Do you want me to remove your data from the workshop on <b>{doel}</b>? "
        "I then remove your name, username and Telegram number. "
        "Choose what happens to your answers:"
    ),
    "vergeet.knop_anoniem": "Remove me, keep my answers without a name",
    "vergeet.knop_wissen": "Remove me and my answers",
    "vergeet.gedaan_anoniem": "Done. Your name is gone; your answers stay, without a name.",
    "vergeet.gedaan_gewist": "Done. Your name and your answers are removed.",
    "vergeet.niets": "I had no data of yours in this workshop.",
    "vergeet.geen_workshop": (
        "I cannot find a workshop you take part in. Type /forget in the workshop's group."
    ),
    "verwijder.vraag": (
        "Do you want to delete the workshop on <b>{doel}</b> completely? "
        "All answers, names and lists will be gone. This cannot be undone."
    ),
    "verwijder.knop": "Yes, delete everything",
    "verwijder.gedaan": "The workshop is deleted, with everything in it.",
    "verwijder.al_weg": "This workshop is already deleted.",
    "menu.vergeet": "Remove your data from the workshop",
    "vergeet.lijst_aangepast": (
        "Someone asked the bot to remove their answers. They are off the list too: {kolommen}."
    ),
    "vergeet.stemming_gestopt": (
        "So the vote has stopped: the list changed. Type /vote to start again."
    ),
    "join.te_vaak": "That was a wrong code too often. Try again in {minuten} min.",
    "weigering.kolom_buiten_stap": "{kolom} does not belong to this step of the workshop.",
    "join.naamloze_groep": "Group without a name",
    # Administration (issue 13): the log level.
    "cli.logniveau": (
        "partnerschapkaart: PARTNERSCHAPKAART_LOG_LEVEL='{waarde}' is not a level I know. "
        "Choose DEBUG, INFO, WARNING or ERROR."
    ),
    # Consent: who left no longer counts, co-facilitating only with one's own yes, choose a workshop
    "join.plenaire_groep": (
        "This group is the plenary group of the workshop on <b>{doel}</b>. "
        "So it cannot become a subgroup. Only the facilitator can do that."
    ),
    "cofac.vraag": (
        "{naam}, do you want to help as a facilitator of <b>{doel}</b>? "
        "Only you can tap the buttons."
    ),
    "cofac.knop_ja": "Yes, I will help",
    "cofac.knop_nee": "No, thank you",
    "cofac.al_facilitator": "{naam} already helps as a facilitator.",
    "cofac.al_beantwoord": "This question has been answered already.",
    "cofac.ja_kort": "Thank you! You now help. Type /help in your private chat with me.",
    "cofac.nee": "{naam} would rather not help as a facilitator. That is fine.",
    "cofac.nee_kort": "Fine. You do not help.",
    "knop.niet_voor_jou": "This button is for someone else.",
    "kies.welke": (
        "You have more than one workshop. Which one is this about? Tap it. "
        "Then type your command again."
    ),
    "kies.andere": "Do you want to work on another workshop? Tap it.",
    "kies.welke_workshop": "You have more than one workshop. Which one do you work on now? Tap it.",
    "kies.nu": "Your commands to me are now about <b>{doel}</b>.",
    "kies.gekozen": "Chosen.",
    "kies.nieuwste": "These are your {aantal} newest workshops.",
    "kies.in_prive": "Choose your workshop in your private chat with me. Type /workshop there.",
    "kies.meer_workshops": (
        "You have more workshops. Your commands to me are now about this one. "
        "Want to switch? Type /workshop."
    ),
    "stil.niet_in_groep": (
        "You are no longer in the group <b>{groep}</b>. So I do not keep what you send here."
    ),
    "menu.workshop": "Facilitator: choose which workshop you work on",
    # The room's screen (/screen) and the control view
    "menu.scherm": "Facilitator: the list on the big screen",
    "scherm.links": (
        "📺 <b>The screen for the room</b>\n"
        "Open this link on the projector. People at home can open it too. "
        "They can only watch.\n{link}\n\n"
        "Turn the screen off with /screen off."
    ),
    "scherm.bediening": (
        "🎛 <b>Control the list</b>\n"
        "Change the list on your phone or laptop. The room sees it at once.\n"
        "This link is only for you. Do not share it. It works for 12 hours.\n{link}"
    ),
    "scherm.knop": "🎛 Control",
    "scherm.gestopt": "The screen is off. The old links no longer work.",
    "scherm.was_uit": "The screen was already off.",
    "scherm.gebruik": "Type /screen for the links, or /screen off to stop the screen.",
    "scherm.afgerond": "The workshop has ended. There is no screen any more.",
    "scherm.niet_aan": (
        "This bot shows no screen. Whoever runs it can switch it on with PARTNERSCHAPKAART_WEB."
    ),
    # The screen in the browser (web/static): texts the server gives
    "web.home": (
        "This is the screen of the Partnerschapkaart bot. "
        "Open the link the facilitator got with /screen."
    ),
    "web.geen_toegang": "This link does not work. Ask the facilitator for a new link.",
    "web.link_verlopen": "This link has expired. Type /screen in the chat with me for a new one.",
    "web.scherm_uit": "The screen is off. The facilitator can turn it on again with /screen.",
    "web.alleen_facilitator": "Only the facilitator can change the list.",
    "web.alleen_kijken": "With this link you can only watch.",
    "web.fout_verzoek": "Something went wrong. Reload the page.",
    "web.generaliseren": "Does this sound like one network? How would it work in another network?",
    "cli.web_adres": (
        "partnerschapkaart: PARTNERSCHAPKAART_WEB='{adres}' is not an address. "
        "Write host:port, for example 127.0.0.1:8080, or leave it empty for no screen."
    ),
    "cli.public_url": (
        "partnerschapkaart: PARTNERSCHAPKAART_PUBLIC_URL='{adres}' is not a web address. "
        "Write for example https://screen.example.org"
    ),
    "cli.web_bezet": "partnerschapkaart: the screen cannot run on {adres}: {fout}",
    # Webhook (PARTNERSCHAPKAART_WEBHOOK_*): one line per mistake, for whoever starts the bot
    "cli.webhook_url": (
        "partnerschapkaart: PARTNERSCHAPKAART_WEBHOOK_URL must be an https address with a "
        "path, like https://bot.example.org/telegram (not: {adres})."
    ),
    "cli.webhook_pad": (
        "partnerschapkaart: the path {pad} of PARTNERSCHAPKAART_WEBHOOK_URL belongs to the "
        "screen. Choose another path, like bot.example.org/telegram."
    ),
    "cli.webhook_poort": (
        "partnerschapkaart: PARTNERSCHAPKAART_WEBHOOK_URL has port {poort}. Telegram only "
        "sends to port 443, 80, 88 or 8443. Put the reverse proxy on one of those ports."
    ),
    "cli.webhook_zonder_web": (
        "partnerschapkaart: the webhook needs the web server. Set PARTNERSCHAPKAART_WEB to "
        "host:port, or leave PARTNERSCHAPKAART_WEBHOOK_URL empty."
    ),
    "cli.webhook_geheim": (
        "partnerschapkaart: PARTNERSCHAPKAART_WEBHOOK_SECRET may only have letters, digits, _ "
        "and -, 1 to 256 characters."
    ),
    "cli.webhook_verbindingen": (
        "partnerschapkaart: PARTNERSCHAPKAART_WEBHOOK_MAX_CONNECTIONS must be a number from 1 "
        "to 100 (not: {waarde})."
    ),
    "cli.webhook_geweigerd": "partnerschapkaart: Telegram refuses the webhook {adres}: {fout}",
    # The screen in the browser: the pages' buttons and labels
    "web.titel": "Partnership map",
    "web.verbinding_weg": "Connection lost – reconnecting…",
    "web.verbonden": "Connected",
    "web.geen_plenair": "There is no plenary round right now. Here you see the map as it is now.",
    "web.groepen_bezig": "The groups are at work",
    "web.kolom_leeg": "No items in this column yet.",
    "web.stemmen_bezig": "People who voted so far: {aantal}",
    "web.stemmen_n": "Votes: {aantal}",
    "web.variant_kop": "Merged from:",
    "web.een_groep": "Only named by {groep}. What is the win-win?",
    "web.bevestigd": "Confirmed",
    "web.minuten_over": "{minuten} min. left",
    "web.minuten": "{minuten} min.",
    "web.antwoorden": "Answers per column",
    "web.leden": "Members",
    "web.papier": "On paper",
    "web.punt": "item {nummer}",
    "web.knop.samenvoegen": "Merge",
    "web.knop.splitsen": "Split",
    "web.knop.tekst": "Text",
    "web.knop.opslaan": "Save",
    "web.knop.annuleren": "Cancel",
    "web.knop.weg": "Remove",
    "web.knop.omhoog": "Up",
    "web.knop.omlaag": "Down",
    "web.knop.erbij": "Add",
    "web.knop.ongedaan": "Undo",
    "web.knop.stemmen": "Start voting",
    "web.knop.telling": "Count the votes",
    "web.knop.bevestig": "Confirm",
    "web.bevestig_vraag": "Confirm this list? Then we go on to the next step.",
    "web.selecteer": "Choose item {nummer}",
    "web.gekozen": "{aantal} chosen",
    "web.sleep_uitleg": (
        "Drag an item onto another item to merge "
        "them. Or tap two items and choose Merge."
    ),
    "web.nieuw_punt": "New item",
    "web.stemmen_per_persoon": "Votes per person",
    "web.bezig": "One moment…",
    "web.stand.nieuw": "waiting for the start",
    "web.stand.beantwoordt": "at work",
    "web.stand.wacht": "done and waiting",
    "web.model_uitleg": (
        "Look at all five columns together. Is it right? Then confirm the model."
    ),
    "web.knop.model_vaststellen": "Confirm the model",
    "web.afgerond": "The workshop is over. Thank you! The facilitator shares the model.",
}
