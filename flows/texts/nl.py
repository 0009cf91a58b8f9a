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
        "Denk nog niet aan hoe het nu gaat. Denk ook nog niet aan wat lastig is."
    ),
    "vraag.relaties": (
        "Welke relaties hebben de partners nodig om die waarden te halen? "
        "Hoe gaan ze met elkaar om?"
    ),
    "vraag.handelen": "Wat moeten de partners daarvoor doen? En wat moeten ze daarvoor kunnen?",
    "vraag.voorwaarden": (
        "Welke voorwaarden zijn nodig om zo te handelen en de relaties goed te houden?"
    ),
    "vraag.acties": (
        "Welke acties brengen jullie waarden dichterbij? Zulke acties leiden tot succes. "
        "Zeg wat, wie en wanneer."
    ),
    # Exports (PowerPoint).
    "export.kaart_titel": "Partnerschapkaart: {doel}",
    # issue 11 slides: the questions in one short line in the map's column headers
    "vraag_kort.waarden": "Wat vinden we belangrijk?",
    "vraag_kort.relaties": "Hoe gaan we met elkaar om?",
    "vraag_kort.handelen": "Wat doen en kunnen we?",
    "vraag_kort.voorwaarden": "Wat is daarvoor nodig?",
    "vraag_kort.acties": "Wat doen we, wie en wanneer?",
    "export.vragen_titel": "De vragen van de kaart",
    "export.varianten": "Samengevoegd uit deze antwoorden:",
    "export.stemmen_titel": "De stemmen: wat het meest gekozen is",
    "export.stemmen_een": "1 stem",
    "export.stemmen_veel": "{aantal} stemmen",
    "export.concept": "Concept",
    # Actieplan in de PowerPoint: het label voor de gekoppelde voorwaarde.
    "export.plan_voorwaarde": "Voorwaarde",
    # Word-bestanden (overeenkomst en participatieverslag): kop- en voettekst.
    "export.concept_kop": "CONCEPT",
    "export.pagina": "Pagina {pagina} van {totaal}",
    "export.soort_overeenkomst": "Samenwerkingsovereenkomst",
    "export.soort_verslag": "Participatieverslag",
    "export.vervolg": "vervolg",
    # A group of the first (homogeneous) meeting, named with the role it stands for.
    "vervolg.groep_met_rol": "{groep} ({rol})",
    "vervolg.groep_rol.professional": "professionals",
    "vervolg.groep_rol.beleidsmaker": "beleidsmakers",
    "vervolg.groep_rol.burger": "burgers",
    "vervolg.groep_rol.anders": "andere rollen",
    # The projector's panel in a follow-up: the first meeting's starting material.
    "web.eerste.kop": "Uit de eerste bijeenkomst",
    "web.eerste.bevestigd": "Samen vastgesteld",
    "web.eerste.gedeeld": "Meer groepen noemden",
    "web.eerste.eigen": "Eén groep noemde",
    "export.rtl_hint": "Van rechts naar links invullen: begin bij 1 Waarden",
    "export.geen_antwoorden": "(nog leeg)",
    # Algemeen
    "kolom.kop": "{nummer} {naam}",
    # Workshop maken en meedoen
    "nieuw.gemaakt": (
        "Je workshop staat klaar: <b>{doel}</b>\n\n"
        "De code om mee te doen is:\n<code>{code}</code>\n\n"
        "Zo maak je een subgroep:\n"
        "1. Maak een Telegram-groep per subgroep (of een onderwerp in een forumgroep).\n"
        "2. Zet de bot in die groep met deze link:\n{link}\n"
        "   Of zet de bot er zelf in en typ daar: <code>/join {code}</code>\n\n"
        "Zijn alle subgroepen er? Typ dan /begin. Dan krijgt elke subgroep de eerste vraag. "
        "Typ /help voor alles wat je als facilitator kunt doen."
    ),
    "nieuw.geen_doel": (
        "Zet het doel van de workshop achter het commando. Bijvoorbeeld:\n"
        "<code>/nieuw de gebiedsontwikkeling Noord</code>"
    ),
    "nieuw.doel_te_lang": "Dat doel is te lang. Houd het onder de {max} tekens.",
    "join.welkom": (
        "Welkom, <b>{subgroep}</b>! Jullie doen mee aan de workshop over <b>{doel}</b>.\n\n"
        "Samen vullen jullie de partnerschapkaart in. De kaart heeft vijf kolommen. "
        "Je vult ze in van <b>rechts naar links</b>: eerst de waarden, dan relaties, "
        "handelen, voorwaarden en als laatste de acties.\n\n"
        "Let steeds op deze vier dingen:\n"
        "💬 Het is een <b>dialoog</b>: bouw voort op elkaar en stel vragen.\n"
        "🔁 Het gaat om <b>wederkerigheid</b>: wat geeft en krijgt ieder?\n"
        "🤝 <b>Help elkaar</b> om mee te doen.\n"
        "🌱 Partners mogen <b>verschillende waarden</b> hebben. Zoek de win-win.\n\n"
        "Zo geef je een antwoord: tik op een vraag van mij en kies <i>Beantwoorden</i>. "
        "Of typ <code>/idee</code> met je antwoord erachter. Eén idee per bericht."
    ),
    "join.geen_code": (
        "Typ de code die je van de facilitator kreeg achter het commando. Bijvoorbeeld:\n"
        "<code>/join abcde-fghjk-mnpqr</code>"
    ),
    "join.onbekende_code": (
        "Die code ken ik niet. Kijk of je hem goed hebt overgenomen, of vraag de "
        "facilitator om de code."
    ),
    "join.alleen_in_groep": (
        "Een subgroep werkt in een groepschat. Zet mij in de groep van jullie subgroep en "
        "typ daar <code>/join</code> met de code."
    ),
    "join.al_subgroep": (
        "Deze chat is al de subgroep <b>{subgroep}</b> van de workshop over <b>{doel}</b>. "
        "Jullie kunnen gewoon verder."
    ),
    "join.workshop_voorbij": "Deze workshop is al afgelopen. Je kunt niet meer meedoen.",
    # De vraag per kolom en het bord
    "vraag.bericht": (
        "<b>Kolom {nummer} van 5: {naam}</b>\n{vraag}\n<i>💡 {principe}</i>{basis}\n\n"
        "Antwoord op dit bericht of met <code>/idee</code>. Eén idee per bericht. "
        "Klaar? Typ /klaar."
    ),
    "vraag.placeholder": "Jouw antwoord voor {naam}",
    "bord.kop": "<b>{nummer} {naam}</b>: {aantal} antwoorden",
    "bord.kop_een": "<b>{nummer} {naam}</b>: 1 antwoord",
    "bord.leeg": "Nog geen antwoorden. Wie begint?",
    "bord.regel": "• {tekst}",
    "bord.regel_auteur": "• {tekst} <i>({auteur})</i>",
    "bord.meer": "… en nog {aantal}. Zie /kaart.",
    "knop.klaar": "✅ Klaar met deze kolom",
    "knop.terug": "↩️ Vorige kolom",
    "knop.kaart": "🗺 Kaart",
    "wacht.kaart_af": (
        "Jullie kaart is af! 🎉 Alle vijf kolommen zijn ingevuld.\n"
        "Bekijk hem met /kaart. Wil je nog iets aanpassen? Typ /terug."
    ),
    "wacht.plenair": (
        "Jullie zijn klaar met kolom {nummer} {naam}. Goed gedaan!\n"
        "Wacht nu op de plenaire ronde. Wil je nog iets toevoegen? Typ /terug."
    ),
    # De kaart
    "kaart.titel": "<b>Kaart van {subgroep}</b>\nDoel: {doel}",
    "kaart.kolom": "\n<b>{nummer} {naam}</b>",
    "kaart.kolom_nu": "\n<b>{nummer} {naam}</b> ← hier zijn jullie nu",
    "kaart.leeg": "<i>(nog leeg)</i>",
    # Weigeringen en uitleg bij verkeerde invoer
    "weigering.klaar_zonder_antwoorden": (
        "Bij {kolom} staat nog geen antwoord. Geef eerst minstens één antwoord. "
        "Daarna kun je /klaar typen."
    ),
    "weigering.terug_eerste_kolom": "Jullie zijn al bij de eerste kolom: {kolom}.",
    "weigering.wacht_al": (
        "Jullie zijn al klaar met {kolom}. Wil je toch nog iets toevoegen? Typ /terug."
    ),
    "weigering.kaart_al_af": "Jullie kaart is al af. Wil je nog iets aanpassen? Typ /terug.",
    "weigering.nog_niet_verder": "Deze subgroep kan nog niet verder dan {kolom}.",
    "weigering.welke_kolom": "Zeg welke kolom. Bijvoorbeeld: 2 of relaties.",
    "weigering.leeg_antwoord": (
        "Ik zie geen tekst. Typ je antwoord achter /idee. Bijvoorbeeld:\n"
        "<code>/idee Iedereen doet mee</code>"
    ),
    "weigering.geen_tekst": (
        "Ik kan alleen tekst op de kaart zetten. Een foto, sticker of ander bestand sla ik "
        "niet op. Typ je idee als tekst, dan zet ik het erbij."
    ),
    "weigering.te_lang": (
        "Dit antwoord is te lang: {lengte} tekens. Er passen er hooguit {max}. "
        "Knip het in stukken en stuur elk stuk apart. Dan komt elk stuk op de kaart."
    ),
    "weigering.bewerking_te_lang": (
        "Je aangepaste antwoord is te lang ({lengte} tekens, hooguit {max}). "
        "Ik houd de oude tekst op de kaart."
    ),
    "weigering.wacht_antwoord": (
        "Jullie wachten nu op de volgende stap. Ik heb dit antwoord niet opgeslagen. "
        "Wil je iets toevoegen aan {kolom}? Typ eerst /terug."
    ),
    "weigering.alleen_facilitator": (
        "Dit kan alleen de facilitator van de workshop. Vraag het hem of haar even."
    ),
    "weigering.geen_subgroep": (
        "Deze chat hoort nog niet bij een workshop. Typ <code>/join</code> met de code die "
        "je van de facilitator kreeg."
    ),
    "weigering.geen_workshop": (
        "Ik vind hier geen workshop. Start er een met <code>/nieuw</code> en het doel."
    ),
    "weigering.knop_verlopen": "Deze knop hoort bij een eerdere stap. Kijk naar de laatste vraag.",
    "weigering.knop_onbekend": "Deze knop ken ik niet.",
    "weigering.onbekend_commando": "Dat commando ken ik niet. Typ /help voor wat ik kan.",
    # Export
    "export.bijschrift": (
        "De resultaten van de workshop over <b>{doel}</b>. Je krijgt de kaart als PowerPoint, "
        "een concept voor de samenwerkingsovereenkomst en het participatieverslag. "
        "Ook de kaart van elke subgroep (bijlage), het actieplan, een leeg A3-sjabloon en alle "
        "gegevens."
    ),
    "export.leeg": "Er zijn nog geen subgroepen. Er valt nog niets te exporteren.",
    # Hulp
    "help.groep": (
        "<b>Zo werkt de partnerschapkaart</b>\n"
        "Samen vullen jullie vijf kolommen in, van rechts naar links: waarden, relaties, "
        "handelen, voorwaarden en acties. Ik stel per kolom één vraag.\n\n"
        "<b>Een antwoord geven</b>\n"
        "• Tik op mijn vraag en kies <i>Beantwoorden</i>, of\n"
        "• typ <code>/idee</code> met je antwoord erachter.\n"
        "Eén idee per bericht. Aanpassen kan: bewerk je bericht.\n\n"
        "<b>Commando's</b>\n"
        "/klaar – vraag de groep of deze kolom af is\n"
        "/terug – terug naar de vorige kolom\n"
        "/kaart – laat de kaart tot nu toe zien\n"
        "/join <i>code</i> – maak van deze groep een subgroep\n"
        "/help – deze uitleg"
    ),
    "help.facilitator": (
        "<b>Voor de facilitator</b>\n"
        "/nieuw <i>doel</i> – maak een workshop en krijg de code\n"
        "/begin – stap 2: de subgroepen krijgen de vraag over de waarden\n"
        "/plenair – start de plenaire ronde (na stap 2 en na stap 4)\n"
        "/samen 1 2 · /splits · /tekst · /kies · /akkoord · /weg · /erbij · /zet · /ongedaan"
        " – pas de lijst aan\n"
        "/scherm – de lijst op het grote scherm, en bedienen op je telefoon\n"
        "/stemmen · /telling – laat iedereen stemmen, tel de stemmen\n"
        "/bevestig – de lijst is goed, ga door\n"
        "/status – hoe ver is elke subgroep\n"
        "/verder <i>nr</i> · /heropen <i>kolom</i> – stuur subgroepen bij\n"
        "/tafel <i>naam</i> · /typ <i>nr kolom</i> – een papieren tafel\n"
        "/onderwerpen <i>N</i> – maak N onderwerpen in een forumgroep\n"
        "/cofac – laat iemand meehelpen · /workshop – kies je workshop\n"
        "/homogeen · /vervolg – eerst groepen van één soort, daarna gemengd\n"
        "/afsluiten – de terugblik: wat leerden we, wat nemen we mee\n"
        "/einde – sluit af\n"
        "/export – de kaart als PowerPoint\n\n"
        "<b>Tip:</b> maak de bot beheerder van elke groep. Dan ziet de bot ook gewone "
        "berichten. Niemand hoeft dan nog op Beantwoorden te tikken. Zonder beheer ziet de bot "
        "alleen antwoorden op zijn vragen en /idee."
    ),
    # Het menu van commando's
    "menu.idee": "Geef een antwoord: /idee en je tekst",
    "menu.klaar": "Vraag de groep of deze kolom af is",
    "menu.terug": "Terug naar de vorige kolom",
    # De groep besluit samen dat een kolom klaar is (issue 12)
    "knop.groep_ja": "✅ Ja, we zijn klaar",
    "knop.groep_nee": "✋ Nee, nog niet",
    "groepsklaar.vraag": (
        "{naam} wil de kolom {kolom} afsluiten. Zijn jullie klaar? "
        "Zegt niemand nee? Dan sluit ik de kolom over een minuut."
    ),
    "groepsklaar.ja": "{naam} zegt ook ja. De kolom {kolom} is klaar.",
    "groepsklaar.tijd": "Niemand zei nee. De kolom {kolom} is klaar.",
    "groepsklaar.nee": "{naam} wil nog even doorgaan. Jullie kunnen gewoon verder met antwoorden.",
    "groepsklaar.vervallen": "Deze vraag is niet meer open.",
    "groepsklaar.niet_open": "Deze vraag is niet meer open.",
    "groepsklaar.al_gevraagd": "Je vroeg het al. We wachten even op de anderen.",
    # Closing answers typed in a private chat, with more than one closing round open.
    "afsluiten.welke": (
        "Er lopen meer terugblikken. Bij welke workshop hoort dit antwoord? Tik erop."
    ),
    "afsluiten.knop_vervolg": "{doel} (vervolg)",
    "afsluiten.bewaard": "Bewaard bij de terugblik van {doel}.",
    "afsluiten.al_bewaard": "Dit antwoord is al bewaard.",
    "afsluiten.kwijt": "Ik vind je antwoord niet meer. Stuur het nog een keer.",
    "menu.kaart": "Laat de kaart tot nu toe zien",
    "menu.help": "Uitleg over de bot",
    "menu.nieuw": "Facilitator: maak een workshop met een doel",
    "menu.export": "Facilitator: krijg de kaart als PowerPoint",
    "menu.join": "Maak van deze groep een subgroep (met code)",
    "menu.begin": "Facilitator: start stap 2, de vraag over de waarden",
    "menu.plenair": "Facilitator: start de plenaire ronde",
    "menu.bevestig": "Facilitator: de lijst is goed, ga door",
    "menu.status": "Facilitator: hoe ver is elke subgroep",
    "menu.tijd": "Facilitator: de tijd van deze stap",
    "menu.taal": "Facilitator: taal van de workshop (nl of en)",
    "menu.sjabloon": "Lege kaarten om te printen",
    # De opdrachtregel
    "cli.geen_token": (
        "partnerschapkaart: TELEGRAM_BOT_TOKEN ontbreekt. "
        "Maak een bot bij @BotFather en zet het token in deze variabele. "
        "Zonder token: probeer 'partnerschapkaart demo'."
    ),
    # Beheer (issue 13): back-up, terugzetten en fouten in de instellingen.
    "cli.bewaardagen": (
        "partnerschapkaart: PARTNERSCHAPKAART_RETENTION_DAYS='{waarde}' is geen aantal dagen. "
        "Schrijf een heel getal, zoals 90. Met 0 bewaar ik alles."
    ),
    "cli.sjablonen_map": (
        "partnerschapkaart: de map met sjablonen {map} bestaat niet. "
        "Kijk of PARTNERSCHAPKAART_TEMPLATES of --templates klopt."
    ),
    "cli.db_map": (
        "partnerschapkaart: de map {map} voor de database {db} bestaat niet. "
        "Maak de map eerst, of kies een andere plek."
    ),
    "cli.db_schrijven": (
        "partnerschapkaart: ik kan niet schrijven in {map}, waar de database {db} staat. "
        "De bot moet in die map en in het bestand kunnen schrijven."
    ),
    "cli.geen_database": (
        "partnerschapkaart: {db} is geen database van partnerschapkaart. Kies het goede bestand."
    ),
    "cli.database_te_nieuw": (
        "partnerschapkaart: de database {db} komt van een nieuwere versie van partnerschapkaart "
        "(schema {versie}, deze versie kent tot {laatste}). "
        "Installeer de nieuwe versie, of zet een oudere back-up terug."
    ),
    "cli.db_en_json": "partnerschapkaart: kies --db of --from-json, niet allebei.",
    "cli.uit_is_bestand": (
        "partnerschapkaart: {map} is een bestand, geen map. Kies met --out een map."
    ),
    "cli.uit_schrijven": "partnerschapkaart: ik kan niet schrijven in {map}: {fout}",
    "cli.geen_db_bestand": (
        "partnerschapkaart: er is geen database op {db}. "
        "Kies er een met --db of met PARTNERSCHAPKAART_DB."
    ),
    "cli.bestand_bestaat": (
        "partnerschapkaart: {bestand} bestaat al. Ik schrijf er niet overheen. "
        "Kies een nieuwe naam."
    ),
    "cli.niet_lezen": "partnerschapkaart: ik kan {bestand} niet lezen: {fout}",
    "cli.backup_klaar": "Back-up gemaakt: {bestand}",
    "cli.terugzetten_bot_actief": (
        "partnerschapkaart: er draait een bot op {db} (computer {host}, proces {pid}). "
        "Stop die eerst. Zet daarna de back-up terug."
    ),
    "cli.teruggezet": "Teruggezet: {bestand} staat nu op {db}.",
    "cli.teruggezet_oud": "De oude database staat apart in {oud}.",
    "cli.token_geweigerd": (
        "partnerschapkaart: Telegram weigert het token in TELEGRAM_BOT_TOKEN. "
        "Kopieer het opnieuw uit @BotFather."
    ),
    "cli.geen_verbinding": "partnerschapkaart: geen verbinding met de Bot API op {url}: {fout}",
    # Aanpassingen (issue 14): wat niet meer kan, en een aangepast /typ-bericht.
    "bewerking.kolom_vastgesteld": (
        "Ik sla je aanpassing niet op. {kolom} is al vastgesteld in de plenaire ronde. "
        "Zo blijft de kaart gelijk aan wat jullie samen hebben besloten."
    ),
    "bewerking.workshop_afgerond": (
        "Ik sla je aanpassing niet op. De workshop is klaar. De kaart blijft zoals hij is."
    ),
    "bewerking.typ_bijgewerkt": (
        "Aangepast: de antwoorden van {naam} bij {kolom}. "
        "Veranderd: {veranderd}. Nieuw: {nieuw}. Weggehaald: {weg}."
    ),
    "bewerking.typ_niets": "Er is niets veranderd bij {naam}, {kolom}. Ik zie dezelfde antwoorden.",
    "bewerking.typ_kop": (
        "Er is niets veranderd. Laat de eerste regel staan: <code>/typ {kop}</code>. "
        "Horen de antwoorden bij een andere tafel of kolom? "
        "Typ ze dan opnieuw in een nieuw bericht."
    ),
    # Eén bot per database.
    "cli.al_actief": (
        "partnerschapkaart: er draait al een bot op {db} (computer {host}, proces {pid}, "
        "sinds {sinds}). Stop die eerst, of kies een andere database."
    ),
    "cli.database": "partnerschapkaart: ik kan de database {db} niet openen: {fout}",
    # Fasen van de workshop (de stappen van de werkwijze)
    "fase.naam.opening": "stap {stap}: opening",
    "fase.naam.waarden": "stap {stap}: waarden in de subgroepen",
    "fase.naam.plenair_waarden": "stap {stap}: plenair over de waarden",
    "fase.naam.kolommen": "stap {stap}: de andere kolommen in de subgroepen",
    "fase.naam.plenair_model": "stap {stap}: plenair over het hele model",
    "fase.naam.afgerond": "stap {stap}: afgerond",
    "fase.begonnen": (
        "Stap 2 is begonnen. De vraag over de waarden is nu bij {aantal}.\n"
        "Klaar met de waarden? Typ /plenair voor de plenaire ronde. "
        "Met /status zie je hoe ver iedereen is."
    ),
    "fase.einde": "De workshop is afgesloten. Met /export krijg je de kaart als PowerPoint.",
    "fase.fout.al_begonnen": "De workshop is al begonnen. We zijn nu bij {fase}.",
    "fase.fout.geen_plenair_nu": (
        "Een plenaire ronde kan nu niet. We zijn bij {fase}. "
        "De plenaire rondes komen na stap 2 en na stap 4."
    ),
    "fase.fout.niets_te_bevestigen": (
        "Er is nu niets te bevestigen. We zijn bij {fase}. Start eerst /plenair."
    ),
    "fase.fout.al_afgelopen": "De workshop is al afgesloten.",
    "fase.fout.tegelijk": (
        "Iemand anders veranderde net de stap van de workshop. Kijk met /status waar we zijn."
    ),
    # Wachten in de subgroep
    "wacht.start": (
        "Fijn dat jullie er zijn! De facilitator start zo. Dan krijgen jullie hier de eerste vraag."
    ),
    "wacht.plenair_bezig": (
        "Nu is de plenaire ronde. Kijk mee op het scherm en praat mee. "
        "Daarna gaan jullie hier verder."
    ),
    "wacht.afgerond": (
        "De workshop over {doel} is klaar. Dank jullie wel voor het meedenken! "
        "De facilitator stuurt jullie het model."
    ),
    "vraag.waarden_basis": "<b>De waarden die jullie samen hebben vastgesteld:</b>",
    "weigering.nog_niet_begonnen": "De facilitator is nog niet begonnen. Even geduld.",
    "weigering.plenair_bezig": (
        "Nu is de plenaire ronde. Ik heb dit niet opgeslagen. Zeg het in de plenaire ronde, "
        "Of bewaar het tot jullie hier weer verder gaan."
    ),
    "weigering.workshop_afgerond": "De workshop is klaar. Ik sla niets meer op.",
    "weigering.anoniem": (
        "Je stuurt als anonieme beheerder. Dan weet ik niet wie je bent. "
        "Zet 'Anoniem blijven' uit in je beheerdersrechten, of stuur het in een privéchat."
    ),
    # Forumonderwerpen
    "onderwerpen.geen_forum": (
        "Dit werkt in een groep met onderwerpen (forum). Zet onderwerpen aan in de "
        "groepsinstellingen, of maak een aparte groep per subgroep."
    ),
    "onderwerpen.gebruik": "Zeg hoeveel subgroepen. Bijvoorbeeld: /onderwerpen 3 (hooguit {max}).",
    "onderwerpen.naam": "Subgroep {nummer}",
    "onderwerpen.geen_recht": (
        "Ik mag hier geen onderwerpen maken. Maak mij beheerder met het recht "
        "'Onderwerpen beheren' en probeer het opnieuw."
    ),
    # Papieren tafels
    "tafel.gebruik": "Geef de tafel een naam. Bijvoorbeeld: <code>/tafel Tafel 3</code>",
    "tafel.gemaakt": (
        "<b>{naam}</b> is subgroep {nummer}. Typ de antwoorden van deze tafel zo:\n"
        "<code>/typ {nummer} waarden</code>\nmet daaronder elk antwoord op een eigen regel."
    ),
    "tafel.typ_gebruik": (
        "Zo typ je antwoorden van een papieren tafel:\n"
        "<code>/typ 3 waarden</code>\nmet daaronder elk antwoord op een eigen regel. "
        "Het getal is het nummer van de tafel, daarna de kolom."
    ),
    "tafel.onbekend": "Er is geen papieren tafel met nummer {nummer}. Kijk bij /status.",
    "tafel.opgeslagen": "Opgeslagen: {aantal} van {naam} bij {kolom}.",
    # Co-facilitatoren
    "cofac.toegevoegd": "{naam} helpt nu mee als facilitator.",
    "cofac.link": (
        "Wil iemand meehelpen als facilitator? Stuur hem of haar deze link:\n{link}\n"
        "Of antwoord in een groep op een bericht van die persoon met /cofac."
    ),
    "cofac.onbekend": "Deze link werkt niet (meer). Vraag de facilitator om een nieuwe.",
    "cofac.welkom": (
        "Je helpt nu mee als facilitator bij <b>{doel}</b>. Typ /help om te zien wat je kunt doen."
    ),
    # Subgroepen sturen
    "verder.gebruik": "Zeg welke subgroep. Bijvoorbeeld: /verder 2. Het nummer staat bij /status.",
    "verder.niet_nu": "Dat kan alleen als de subgroepen aan het werk zijn (stap 2 of 4).",
    "verder.kan_niet": "{naam} kan nu niet verder. Verder gaan kan pas in de volgende stap.",
    "verder.gedaan": "{naam} gaat verder met {kolom}.",
    "heropen.niet_nu": "Een kolom opnieuw openen kan in stap 4.",
    "heropen.gebruik": "Zeg welke kolom. Bijvoorbeeld: /heropen 3 of /heropen handelen.",
    "heropen.gedaan": "Alle subgroepen werken nu weer aan {kolom}.",
    # Plenaire ronde
    "plenair.kop": "<b>Plenair: {kolom}</b>\n<i>{fase}</i>",
    # Voorstel, varianten en netwerk-punten in de plenaire lijst (issue 12)
    "plenair.varianten": "    ↳ {varianten}",
    "plenair.voorstel_uitleg": (
        "🔗 Die antwoorden zette de bot bij elkaar. Klopt dat? "
        "Tik ✔ om ze samen te houden, of ✖ om ze weer los te zetten."
    ),
    "plenair.varianten_uitleg": (
        "↳ Zo zeiden de subgroepen het. Kies een van hun zinnen als tekst: "
        "/kies 1 2 (punt 1, zin 2). Of schrijf zelf: /tekst 1 nieuwe tekst."
    ),
    "plenair.netwerk_uitleg": (
        "📍 Dit klinkt als één netwerk. Hoe zeg je het zo dat het ook elders werkt?"
    ),
    "plenair.voorstel_samen": "Punt {nummer} blijft samen.",
    "plenair.voorstel_los": "Punt {nummer} staat weer los.",
    "plenair.fout.geen_voorstel": (
        "Punt {nummer} is geen voorstel van de bot. Die staan in de lijst met 🔗."
    ),
    "plenair.fout.geen_varianten": "Punt {nummer} komt niet uit antwoorden. Er is niets te kiezen.",
    "plenair.fout.variant": (
        "Punt {nummer} heeft {aantal} zinnen om uit te kiezen. "
        "Zin {variant} is er niet."
    ),
    "knop.voorstel_samen": "✔ {nummer} samen",
    "knop.voorstel_los": "✖ {nummer} los",
    # Punten die op elkaar lijken maar niet samen staan: de begeleider beslist
    "plenair.lijkt_op": "    ≈ Lijkt op punt {ander}.",
    "plenair.lijkt_op_uitleg": (
        "≈ Die punten lijken op elkaar. Is het hetzelfde? Tik 🤝 om ze samen te voegen. "
        "Niet hetzelfde? Tik ≠. Of typ /apart 1 2."
    ),
    "plenair.hint_samen": "Punt {a} en {b} staan nu samen.",
    "plenair.hint_apart": "Punt {a} en {b} blijven los. De bot vraagt het niet meer.",
    "plenair.fout.geen_hint": "Die tip staat niet meer op de lijst.",
    "plenair.fout.geen_antwoorden": (
        "Punt {nummer} komt niet uit antwoorden. Het kan niet op een ander punt lijken."
    ),
    "knop.hint_samen": "🤝 {a}+{b}",
    "knop.hint_apart": "≠ {a}/{b}",
    "web.lijkt_op": "Lijkt op punt {ander}",
    "web.knop.hint_samen": "Samenvoegen",
    "web.knop.hint_apart": "Niet hetzelfde",
    "web.voorstel": "Voorstel van de bot: klopt het?",
    "web.knop.akkoord": "Samen",
    "web.knop.los": "Los",
    "web.knop.kies": "Kies",
    "plenair.leeg": "<i>Er zijn nog geen antwoorden. Voeg zelf iets toe met /erbij.</i>",
    "plenair.item": "{nummer}. {tekst} <i>({groepen})</i>",
    "plenair.item_een_groep": "{nummer}. {tekst} <i>({groepen})</i> 🌱",
    "plenair.stemmen": " · {aantal}",
    "plenair.winwin": (
        "🌱 Die waarde noemde maar één subgroep. Partners mogen verschillende waarden hebben. "
        "Vraag: hoe maken we er een win-win van?"
    ),
    "plenair.uitleg": (
        "\n<b>Aanpassen:</b> /samen 1 2 · /splits 1 · /tekst 1 nieuwe tekst · /weg 1 · "
        "/erbij tekst · /zet 3 1 · /ongedaan\n<b>Klaar?</b> Typ /bevestig of tik op ✅."
    ),
    "plenair.bevestigd": "\n✅ <b>Bevestigd.</b>",
    "plenair.verwijderd": "Punt {nummer} is weg.",
    "plenair.waarden_bevestigd": (
        "De waarden zijn vastgesteld en gaan naar {aantal}. Daar begint stap 4: kolom 2 "
        "tot en met 5. Klaar? Typ /plenair voor de tweede plenaire ronde."
    ),
    "plenair.overzicht_kop": "<b>Het samenwerkingsmodel voor {doel}</b>",
    "plenair.overzicht_uitleg": (
        "\nKijk nog één keer samen naar het hele model. Klopt het? Typ /bevestig. "
        "Dan staat het model vast."
    ),
    "plenair.model_klaar": (
        "Het samenwerkingsmodel is definitief! 🎉 Typ /export voor de PowerPoint."
    ),
    "plenair.fout.geen_plenair": "Er loopt nu geen plenaire ronde. Start er een met /plenair.",
    "plenair.fout.gebruik": "Zo gebruik je /{command}: zie de uitleg onder de lijst.",
    "plenair.fout.onbekend_commando": "{command} ken ik niet. Kijk bij de uitleg onder de lijst.",
    "plenair.fout.nummer": "Punt {nummer} bestaat niet. De lijst heeft {aantal} punten.",
    "plenair.fout.zelfde_item": "Je noemt punt {nummer} twee keer. Kies twee verschillende punten.",
    "plenair.fout.niet_splitsen": "Punt {nummer} komt uit één antwoord. Dat kan ik niet splitsen.",
    "plenair.fout.antwoord_onbekend": (
        "Punt {nummer} kan ik niet meer splitsen. Een antwoord waar het uit komt is er niet meer."
    ),
    "plenair.fout.leeg": "Er staat geen tekst. Typ de tekst achter het commando.",
    "plenair.fout.te_lang": "Die tekst is te lang ({lengte} tekens). Hooguit {max}.",
    "plenair.fout.stemmen": "Het aantal stemmen bij punt {nummer} klopt niet ({stemmen}).",
    "plenair.fout.niets_ongedaan": "Er is niets om ongedaan te maken.",
    "plenair.fout.tegelijk": (
        "Iemand anders paste de lijst net aan. Kijk naar de nieuwe lijst en probeer het opnieuw."
    ),
    "plenair.fout.verouderd": (
        "De lijst is net veranderd. Kijk naar de nieuwe lijst en bevestig dan opnieuw."
    ),
    "plenair.fout.al_bevestigd": "{kolom} is al bevestigd.",
    "knop.ongedaan": "↩️ Ongedaan maken",
    "knop.bevestig": "✅ Bevestigen",
    "knop.model_vaststellen": "✅ Model vaststellen",
    # Status
    "status.kop": "<b>Status: {doel}</b>\n{fase}, sinds {minuten} min",
    "status.geen_groepen": "Nog geen subgroepen.",
    "status.stand.nieuw": "wacht op de start",
    "status.stand.beantwoordt": "bij {kolom}",
    "status.stand.wacht": "klaar t/m {kolom}",
    "status.groep": (
        "{nummer}. <b>{naam}</b>: {stand}, {minuten} min, {leden}\n"
        "    antwoorden in kolom 1 t/m 5: {aantallen}"
    ),
    "status.papier": (
        "{nummer}. <b>{naam}</b> (papier)\n    antwoorden in kolom 1 t/m 5: {aantallen}"
    ),
    "status.voet": "<i>Verandert er iets? Dan pas ik dit overzicht aan.</i>",
    "export.gezamenlijk": "Gezamenlijk model",
    # Stemmen (prioriteren)
    "stemmen.gestart": (
        "Het stemmen is begonnen in {groepen}. Ieder heeft {stemmen}. "
        "Typ /telling als iedereen gestemd heeft. Dan zet ik de lijst in volgorde."
    ),
    "stemmen.gebruik": (
        "Zeg hoeveel stemmen ieder krijgt, van 1 tot {max}. Bijvoorbeeld: /stemmen 3"
    ),
    "stemmen.loopt_al": "Het stemmen loopt al. Typ /telling om de stemmen te tellen.",
    "stemmen.te_weinig": "Stemmen heeft pas zin bij twee punten of meer.",
    "stemmen.niet_bezig": "Er loopt geen stemming. Start er een met /stemmen.",
    "stemmen.vraag": (
        "🗳 <b>Stem op de belangrijkste punten van {kolom}</b>\n"
        "Je hebt {stemmen}. Tik op een punt om te stemmen. Nog eens tikken haalt je "
        "stem weg."
    ),
    "stemmen.jouw_stemmen": "Jouw stemmen: {punten}. Nog {over} over.",
    "stemmen.op": (
        "Je stemmen zijn op (je had er {max}). Tik op een gekozen punt om die stem terug te nemen."
    ),
    "stemmen.gesloten": "Het stemmen is gesloten.",
    "stemmen.geteld": "Er is gestemd door {mensen}. De lijst staat nu in volgorde van stemmen.",
    "stemmen.uitslag": "🗳 <b>Uitslag voor {kolom}</b>",
    "stemmen.uitslag_regel": "{nummer}. {tekst}: {aantal}",
    "plenair.item_kort": "{nummer}. {tekst}",
    "plenair.fout.stemmen_loopt": (
        "De deelnemers stemmen nu op deze lijst. Typ eerst /telling. Daarna kun je weer aanpassen."
    ),
    # Export en sjablonen
    "export.sjabloon_fout": "Je eigen sjabloon voor de overeenkomst werkt niet: {fout}",
    "export.te_groot": "{naam} is te groot om via Telegram te sturen (meer dan 50 MB).",
    "sjabloon.bijschrift": (
        "Lege partnerschapkaarten: op A3 om te printen en 16:9 voor het scherm."
    ),
    # PowerPoint: titeldia, vergelijking, actieplan, lege sjablonen
    "deck.titel": "Partnerschapkaart",
    "deck.doel": "Doel: {doel}",
    "deck.datum": "Datum: {datum}",
    "deck.aantallen": "Subgroepen: {groepen} · Deelnemers: {deelnemers}",
    "deck.rollen": "Aanwezige rollen: {rollen}",
    "deck.concept_uitleg": "Concept: het samenwerkingsmodel is nog niet vastgesteld.",
    "deck.definitief": "Definitieve versie: het samenwerkingsmodel is vastgesteld.",
    "vergelijk.titel": "{kolom}: wat de groepen delen en waar ze verschillen",
    "vergelijk.gedeeld": "Door meer groepen genoemd",
    "vergelijk.eigen": "Door één groep genoemd",
    "vergelijk.geen": "(geen)",
    "actie.titel": "Actieplan",
    "actie.wat": "Actie",
    "actie.wie": "Wie",
    "actie.wanneer": "Wanneer",
    "actie.voorwaarde": "Gekoppelde voorwaarde",
    "sjabloon.titel": "Partnerschapkaart",
    "sjabloon.titel_doel": "Partnerschapkaart: {doel}",
    "sjabloon.invullen": "Groep: ………………………    Datum: ………………",
    "sjabloon.doel_leeg": "……………………",
    "sjabloon.principes": "Houd bij alle stappen in de gaten:",
    "principe.dialoog": "Dialoog",
    "principe.dialoog_uitleg": "Het gaat om een dialoog: luisteren en vragen stellen.",
    "principe.wederkerigheid": "Wederkerigheid",
    "principe.wederkerigheid_uitleg": "Het gaat om wederkerigheid: ieder geeft en krijgt.",
    # issue 12 taal: aantallen als enkel- en meervoud (flows.texts.render_n), en stap 4
    # die bouwt op alle waarden van de plenaire ronde.
    "aantal.subgroepen.een": "1 subgroep",
    "aantal.subgroepen.meer": "{aantal} subgroepen",
    "aantal.antwoorden.een": "1 antwoord",
    "aantal.antwoorden.meer": "{aantal} antwoorden",
    "aantal.stemmen.een": "1 stem",
    "aantal.stemmen.meer": "{aantal} stemmen",
    "aantal.mensen.een": "1 persoon",
    "aantal.mensen.meer": "{aantal} mensen",
    "aantal.actief.een": "1 lid actief",
    "aantal.actief.meer": "{aantal} leden actief",
    "stap4.waarden_kop": (
        "<b>Stap 4: bouw verder op jullie waarden</b>\n"
        "Deze waarden noemden jullie samen in de plenaire ronde. Ga van deze waarden uit. "
        "Hoe ziet jullie ideale samenwerking eruit?"
    ),
    "stap4.waarden_vervolg": "<b>Jullie waarden, vervolg</b>",
    "vraag.inspiratie": (
        "💭 Zoek inspiratie in documenten, instrumenten en procedures. "
        "Of in wat mensen in je netwerk goed kunnen."
    ),
    "vraag.waarden_kort": "📌 Jullie waarden: {waarden} (alle waarden: /kaart)",
    "principe.meedoen": "Elkaar helpen",
    "principe.meedoen_uitleg": "Help elkaar om actief deel te nemen.",
    "principe.winwin": "Verschillende waarden → win-win",
    "principe.winwin_uitleg": (
        "Partners kunnen verschillende waarden hebben. Hoe maak je het win-win?"
    ),
    # Actieplan (CSV)
    "csv.wat": "Wat",
    "csv.wie": "Wie",
    "csv.wanneer": "Wanneer",
    "csv.voorwaarde": "Voorwaarde",
    "csv.subgroepen": "Subgroepen",
    "csv.tekst": "Oorspronkelijke tekst",
    "plenair.fout.net_bevestigd": (
        "Iemand anders heeft dit net bevestigd. Kijk naar de nieuwe lijst voor je verder gaat."
    ),
    # Grenzen van Telegram (issue 14): nooit stil iets weglaten
    "klaar.al_gedaan": (
        "Dat is net al gedaan. Jullie groep is nu {stand}. Kijk naar de nieuwste vraag."
    ),
    "rollen.meer": "🎭 … en nog {aantal} rollen. Ze staan in het bericht met de rollen.",
    "plenair.pagina": (
        "<i>Je ziet punt {van} t/m {tot} van {aantal}. "
        "Tik op ◀️ of ▶️ voor de andere punten.</i>"
    ),
    "status.pagina": (
        "<i>Je ziet subgroep {van} t/m {tot} van {aantal}. "
        "Tik op ◀️ of ▶️ voor de andere subgroepen.</i>"
    ),
    "knop.pagina_terug": "◀️ {van}–{tot}",
    "knop.pagina_verder": "{van}–{tot} ▶️",
    "stemmen.deel": (
        "<i>Hier staan punt {van} t/m {tot} van {aantal}. "
        "De andere punten staan in de berichten hieronder.</i>"
    ),
    "stemmen.vervolg": (
        "🗳 <b>Stemmen op {kolom}, vervolg</b>\n<i>Punt {van} t/m {tot} van {aantal}.</i>"
    ),
    "stemmen.uitslag_boven": "🗳 De uitslag staat in het bericht hierboven.",
    # Tijd
    "tijd.groep.half": (
        "⏳ De helft van de tijd voor deze stap is om. Nog ongeveer {minuten} minuten."
    ),
    "tijd.groep.laatste": (
        "⏳ Nog {minuten} minuten. Rond jullie kolom af en typ /klaar als jullie klaar zijn."
    ),
    "tijd.facilitator.half": "⏳ <b>{fase}</b>\nDe helft van de tijd is om. Nog {minuten} minuten.",
    "tijd.facilitator.laatste": "⏳ <b>{fase}</b>\nNog {minuten} minuten.",
    "tijd.facilitator.om": "⏰ <b>{fase}</b>\nDe tijd is om. Ga door als je zover bent.",
    "tijd.achter": "{tekst}\nAchter op schema: {groepen}. Met /verder zet je een groep door.",
    "tijd.gebruik": "Geef het aantal minuten, van {min} tot {max}. Bijvoorbeeld: /tijd 45",
    "tijd.gezet": "⏳ <b>{fase}</b>\nDeze stap duurt nu {minuten} minuten.",
    "tijd.stand": (
        "<b>{fase}</b>\nDeze stap duurt {minuten} minuten. Er zijn er {verstreken} voorbij. "
        "Ander aantal? Typ bijvoorbeeld /tijd 45"
    ),
    "tijd.geen_klok": "De workshop is klaar. Er loopt geen tijd meer.",
    # Taal en herinneringen
    "taal.gebruik": "Kies de taal van de workshop: /taal nl of /taal en.",
    "taal.gezet": "De workshop is nu in het Nederlands.",
    "herinnering.gebruik": "Typ /herinneringen uit of /herinneringen aan.",
    "herinnering.uit": (
        "Ik stuur de subgroepen geen herinneringen meer. Aanzetten: /herinneringen aan."
    ),
    "herinnering.aan": "Ik stuur de subgroepen weer af en toe een herinnering.",
    "herinnering.stil": (
        "Oké, ik stuur jullie geen herinneringen meer. Toch weer graag? Typ /stil nog eens."
    ),
    "herinnering.niet_stil": "Oké, ik stuur jullie weer af en toe een herinnering.",
    # Herinneringen (de vier principes)
    "principe.regel.waarden": "Partners mogen verschillende waarden hebben. Waar zit de win-win?",
    "principe.regel.relaties": "Wat geeft en wat krijgt elke partner?",
    "principe.regel.handelen": "Denk aan de dialoog: hoe luisteren partners en vragen ze door?",
    "principe.regel.voorwaarden": "Wat is nodig zodat iedereen actief kan meedoen?",
    "principe.regel.acties": "Levert elke actie iets op voor alle partners?",
    "herinnering.meedoen.een": "{namen}, wat denk jij? Vertel het ons.",
    "herinnering.meedoen.meer": "{namen}, wat denken jullie? Vertel het ons.",
    "herinnering.generaliseren": (
        "Mooi voorbeeld: <i>{antwoord}</i>. Hoe zou dat werken in een ander netwerk?"
    ),
    "herinnering.dialoog": (
        "Veel ideeën! Reageer ook op elkaar: vraag door, vul aan of zeg het als je het anders ziet."
    ),
    # Mensen: rollen, netwerken, indeling, rollenspel
    "rol.professional": "Professional",
    "rol.beleidsmaker": "Beleidsmaker",
    "rol.burger": "Burger",
    "rol.anders": "Iets anders",
    "rol.welkom": (
        "Welkom, {naam}! Je doet mee aan de workshop over <b>{doel}</b>.\nWat is jouw rol? "
        "Tik op een knop. Typ daarna /netwerk en de naam van je organisatie of netwerk."
    ),
    "rol.vraag": "Wat is jouw rol? Tik op een knop.",
    "rol.gekozen": "Dank je! Je rol is: {rol}.",
    "rol.geen_workshop": (
        "Ik weet niet bij welke workshop je hoort. "
        "Open de link van de facilitator of typ /rol in de groep van de workshop."
    ),
    "netwerk.gebruik": (
        "Typ je netwerk of organisatie achter het commando. Bijvoorbeeld: /netwerk Wijkteam Noord"
    ),
    "netwerk.gezet": "Dank je! Je netwerk is: {netwerk}.",
    "indeling.kop": (
        "<b>Voorstel voor de subgroepen</b>\n"
        "Mensen uit hetzelfde netwerk zitten zo veel mogelijk apart. "
        "De rollen zijn verdeeld."
    ),
    "indeling.groep": "<b>{nummer}. {naam}</b>: {leden}",
    "indeling.uitleg": "\nAanpassen: /verplaats Anna 2. Goed zo? Typ /indelen ok.",
    "indeling.gebruik": "Zeg in hoeveel subgroepen. Bijvoorbeeld: /indelen 3. Daarna: /indelen ok.",
    "indeling.te_weinig_groepen": (
        "Er zijn {groepen} subgroepen. Maak er eerst {aantal}, dan kan ik de mensen indelen."
    ),
    "indeling.geen_voorstel": "Er is nog geen voorstel. Typ eerst /indelen en het aantal groepen.",
    "indeling.verplaats_gebruik": "Zeg wie en naar welke groep. Bijvoorbeeld: /verplaats Anna 2",
    "indeling.verplaats_kan_niet": (
        "Dat kan niet in deze indeling. Kijk naar de nummers van de groepen."
    ),
    "indeling.verouderd": (
        "Het voorstel klopt niet meer (er kwamen mensen bij). Typ /indelen opnieuw."
    ),
    "indeling.bevestigd": (
        "De indeling staat. Ik stuur iedereen die mij een bericht stuurde zijn groep. "
        "Lees de lijst ook voor in de zaal."
    ),
    "indeling.jouw_groep": "Je zit in <b>{naam}</b>. Ga naar die groep in Telegram.",
    "indeling.fout.aantal_te_klein": "Kies minstens één subgroep.",
    "indeling.fout.te_weinig_deelnemers": (
        "Er zijn {deelnemers} deelnemers. Dat is te weinig voor {aantal} subgroepen."
    ),
    "indeling.fout.dubbele_deelnemer": "Iemand staat twee keer in de lijst.",
    "indeling.fout.aantal_groepen": "De indeling heeft {groepen} groepen, niet {aantal}.",
    "indeling.fout.lege_groep": "Groep {groep} is leeg.",
    "indeling.fout.onbekende_deelnemer": "Die deelnemer ken ik niet.",
    "indeling.fout.dubbel_ingedeeld": "Iemand staat in twee groepen.",
    "indeling.fout.niet_ingedeeld": "Iemand is nog niet ingedeeld.",
    "indeling.fout.al_ingedeeld": "Die deelnemer is al ingedeeld.",
    "indeling.fout.groepnummer": "Groep {groep} bestaat niet. Er zijn {aantal} groepen.",
    "indeling.fout.al_in_groep": "Die deelnemer zit al in groep {groep}.",
    "rollen.kop": (
        "<b>Rollenspel</b>: deze groep is niet gemengd. Een paar mensen spelen een andere rol:"
    ),
    "rollen.regel": "🎭 {naam} speelt <b>{rol}</b>. {perspectief}",
    # issue 12 vervolg: groepen van één soort, de vervolgbijeenkomst, de terugblik
    "indeling.homogeen_kop": (
        "<b>Voorstel: groepen van één soort</b>\n"
        "Elke groep heeft één rol. Mensen uit hetzelfde netwerk zitten zo veel mogelijk apart."
    ),
    "indeling.rol_groep": "<b>{nummer}. {naam}</b> · {rol}: {leden}",
    "indeling.gemengd": "gemengd",
    "indeling.te_weinig_rol": (
        "Te weinig mensen met de rol {rol} voor een eigen groep: {namen}. "
        "Ze zitten nu in de groep die het best past."
    ),
    "indeling.geen_groep_over": (
        "Er zijn meer rollen dan groepen. Daarom heeft {rol} geen eigen groep: {namen}. "
        "Ze zitten nu in de groep die het best past."
    ),
    "indeling.zonder_rol": (
        "Nog zonder rol: {namen}. Vraag hen een rol te kiezen met /rol. "
        "Typ daarna /indelen opnieuw."
    ),
    "vervolg.gemaakt": (
        "De vervolgbijeenkomst over <b>{doel}</b> staat klaar. "
        "Nu werken we in gemengde groepen: elke groep heeft verschillende rollen.\n\n"
        "1. Maak een groep per subgroep en zet mij erin.\n"
        "2. Typ daar: /join {code}\nOf deel deze link: {link}\n"
        "3. Typ hier /indelen en het aantal groepen. Ik meng de rollen en houd netwerken apart."
    ),
    "vervolg.uitgenodigd": "Ik heb hen uitgenodigd in hun eigen chat met mij: {namen}.",
    "vervolg.niemand": (
        "Niemand meldde zich aan met de link van de eerste bijeenkomst. "
        "Deel daarom de link van deze nieuwe workshop."
    ),
    "vervolg.uitnodiging": (
        "Hallo {naam}! Er komt een tweede bijeenkomst over <b>{doel}</b>. "
        "Nu praat je in een gemengde groep, met andere rollen samen. "
        "Je rol en netwerk weet ik nog. De facilitator deelt de groepen in. "
        "Ik laat je weten in welke groep je zit.\nDoe je niet mee? Typ dan /vergeet."
    ),
    "vervolg.niet_homogeen": (
        "Een vervolg maak ik van een workshop met eerst groepen van één soort (/homogeen). "
        "Deze workshop had gemengde groepen. Begin een nieuwe met /nieuw."
    ),
    "vervolg.te_vroeg": (
        "De eerste bijeenkomst is nog bezig. Maak het vervolg als de laatste plenaire ronde "
        "begonnen is, of na /einde."
    ),
    "vervolg.is_vervolg": "Dit is de vervolgbijeenkomst al. De code is {code}.",
    "vervolg.al_gemaakt": "Deze workshop heeft al een vervolg. De code is {code}.",
    "vervolg.start_kop": "<b>Uit de eerste bijeenkomst</b>, in groepen van één soort:",
    "vervolg.start_bevestigd": "<b>De waarden die jullie samen vaststelden:</b>",
    "vervolg.start_gedeeld": "<b>Dit noemden meer groepen:</b>",
    "vervolg.start_eigen": "<b>Alleen {groep} noemde:</b>",
    "vervolg.start_regel": "• {tekst}",
    "vervolg.start_regel_groepen": "• {tekst} ({groepen})",
    "vervolg.start_vraag": (
        "Praat erover: waar zijn jullie het over eens? "
        "En hoe maak je van de verschillen een win-win?"
    ),
    "vervolg.export_titel": (
        "Eerste bijeenkomst, {kolom}: wat de groepen delen en waar ze verschillen"
    ),
    "afsluiten.vraag_geleerd": "Wat hebben we geleerd?",
    "afsluiten.vraag_mee": "Wat nemen we mee naar huis?",
    "afsluiten.groep": (
        "<b>Tot slot: een korte terugblik</b>\n"
        "1. <b>Wat hebben we geleerd?</b> Over samenwerken als partners, over de dialoog, "
        "over wat je van anderen hoorde.\nTyp: /geleerd en je antwoord.\n"
        "2. <b>Wat nemen we mee naar huis?</b> Wat ga je doen in je eigen werk of buurt?\n"
        "Typ: /meenemen en je antwoord."
    ),
    "afsluiten.gestart": (
        "De groepen hebben de twee vragen van de terugblik gekregen. "
        "De antwoorden komen in de export. Typ /export als iedereen klaar is."
    ),
    "afsluiten.te_vroeg": (
        "De terugblik hoort bij het einde. "
        "Begin eerst de plenaire ronde over het model met /plenair."
    ),
    "afsluiten.al_bezig": "De terugblik loopt al. De antwoorden komen in de export.",
    "afsluiten.geen_groepen": (
        "Er zijn geen groepen in een chat. Vraag de terugblik dan in de zaal."
    ),
    "afsluiten.gebruik": (
        "Typ je antwoord achter het commando. Bijvoorbeeld: /geleerd Ik weet nu wat burgers "
        "belangrijk vinden."
    ),
    "afsluiten.niet_open": "Er is nu geen terugblik. De facilitator start die met /afsluiten.",
    "afsluiten.titel": "Terugblik: wat we leerden en meenemen",
    "afsluiten.geen": "(nog geen antwoorden)",
    "rollen.al_gemengd": "Deze groep is al gemengd. Een rollenspel is niet nodig.",
    "rollen.te_weinig": (
        "Ik weet de rollen van deze groep nog niet. Laat iedereen eerst /rol kiezen."
    ),
    "rollen.in_vraag": "🎭 {naam} kijkt als {rol}",
    "rollen.perspectief.burger": (
        "Jij kijkt als <b>burger</b>: wat merk je ervan in je eigen leven en buurt?"
    ),
    "rollen.perspectief.professional": (
        "Jij kijkt als <b>professional</b>: wat betekent dit voor je werk met mensen?"
    ),
    "rollen.perspectief.beleidsmaker": (
        "Jij kijkt als <b>beleidsmaker</b>: welke regels, geld en afspraken zijn nodig?"
    ),
    "rollen.perspectief.anders": (
        "Jij kijkt vanuit je <b>eigen rol</b>: wat zie jij dat anderen missen?"
    ),
    "homogeen.aan": (
        "De workshop werkt eerst met groepen van één soort "
        "(alleen burgers, alleen professionals, …). "
        "/indelen maakt nu groepen van één rol. "
        "In de PowerPoint zie je per kolom wat de groepen delen en waar ze verschillen. "
        "Daarna maakt /vervolg de gemengde bijeenkomst."
    ),
    "homogeen.uit": "De workshop werkt met gemengde groepen.",
    "menu.rol": "Kies je rol (burger, professional, …)",
    "menu.netwerk": "Zeg van welk netwerk of welke organisatie je bent",
    # Stil schrijven
    "stil.aan": (
        "Stil schrijven staat aan voor: {kolommen}. "
        "Iedereen stuurt eerst privé zijn antwoorden aan mij. "
        "Als iedereen klaar is (of met /onthul), zet ik ze samen in de groep."
    ),
    "stil.aan_anoniem": (
        "Stil schrijven staat aan voor: {kolommen}, zonder namen. "
        "Iedereen stuurt eerst privé zijn antwoorden aan mij. "
        "Als iedereen klaar is (of met /onthul), zet ik ze samen in de groep."
    ),
    "stil.uit": "Stil schrijven staat uit. Antwoorden komen weer meteen in de groep.",
    "stil.alle_kolommen": "alle kolommen",
    "stil.gebruik": (
        "Zo gebruik je het: "
        "/stilschrijven (alle kolommen), /stilschrijven 2 3, /stilschrijven anoniem "
        "of /stilschrijven uit."
    ),
    "stil.in_vraag": (
        "🤫 <b>Stil schrijven:</b> stuur je antwoorden eerst privé aan mij. "
        "Typ daar /klaar als je klaar bent. "
        "Als iedereen klaar is, zet ik alles samen hier neer."
    ),
    "stil.geen_groep": (
        "Ik weet niet in welke subgroep je zit. Doe eerst mee in de groep van je subgroep."
    ),
    "stil.niet_nu": "Nu is er geen stil schrijven. Geef je antwoord in de groep van je subgroep.",
    "stil.klaar": "Dank je! Als iedereen klaar is, zet ik alle antwoorden samen in de groep.",
    "stil.onthuld": "🤫 <b>Dit schreven jullie in stilte bij {kolom}:</b>",
    "stil.onthuld_alle": "Ik heb alle stil geschreven antwoorden in de groepen gezet.",
    "stil.niets": "Er zijn geen stil geschreven antwoorden om te laten zien.",
    # Privacy
    "vergeet.vraag": (
        "Wil je dat ik je gegevens wis uit de workshop over <b>{doel}</b>? "
        "Ik wis dan je naam, gebruikersnaam en Telegram-nummer. "
        "Kies wat er met je antwoorden gebeurt:"
    ),
    "vergeet.knop_anoniem": "Wis mij, houd mijn antwoorden zonder naam",
    "vergeet.knop_wissen": "Wis mij en mijn antwoorden",
    "vergeet.gedaan_anoniem": "Gedaan. Je naam is weg; je antwoorden staan er nog, zonder naam.",
    "vergeet.gedaan_gewist": "Gedaan. Je naam en je antwoorden zijn gewist.",
    "vergeet.niets": "Ik had geen gegevens van jou in deze workshop.",
    "vergeet.geen_workshop": (
        "Ik vind geen workshop waar je aan meedoet. Typ /vergeet in de groep van de workshop."
    ),
    "verwijder.vraag": (
        "Wil je de workshop over <b>{doel}</b> helemaal verwijderen? "
        "Alle antwoorden, namen en lijsten gaan dan weg. Dat kan niet ongedaan."
    ),
    "verwijder.knop": "Ja, verwijder alles",
    "verwijder.gedaan": "De workshop is verwijderd, met alles wat erin stond.",
    "verwijder.al_weg": "Deze workshop is al verwijderd.",
    "menu.vergeet": "Wis je gegevens uit de workshop",
    "vergeet.lijst_aangepast": (
        "Iemand vroeg de bot om zijn of haar antwoorden te wissen. "
        "Ze zijn ook van de lijst gehaald: {kolommen}."
    ),
    "vergeet.stemming_gestopt": (
        "Daarom is het stemmen gestopt: de lijst is veranderd. Typ /stemmen om opnieuw te beginnen."
    ),
    "join.te_vaak": (
        "Dat was te vaak een verkeerde code. Probeer het over {minuten} min. opnieuw."
    ),
    "weigering.kolom_buiten_stap": "{kolom} hoort niet bij deze stap van de workshop.",
    "join.naamloze_groep": "Groep zonder naam",
    # Beheer (issue 13): het logniveau.
    "cli.logniveau": (
        "partnerschapkaart: PARTNERSCHAPKAART_LOG_LEVEL='{waarde}' ken ik niet. "
        "Kies DEBUG, INFO, WARNING of ERROR."
    ),
    # Toestemming: wie weg is telt niet mee, meehelpen alleen met een eigen ja, kies je workshop
    "join.plenaire_groep": (
        "Deze groep is de plenaire groep van de workshop over <b>{doel}</b>. "
        "Daarom kan ze geen subgroep worden. Alleen de facilitator kan dat doen."
    ),
    "cofac.vraag": (
        "{naam}, wil je meehelpen als facilitator bij <b>{doel}</b>? "
        "Alleen jij kunt op de knoppen tikken."
    ),
    "cofac.knop_ja": "Ja, ik help mee",
    "cofac.knop_nee": "Nee, liever niet",
    "cofac.al_facilitator": "{naam} helpt al mee als facilitator.",
    "cofac.al_beantwoord": "Deze vraag is al beantwoord.",
    "cofac.ja_kort": "Dank je! Je helpt nu mee. Typ /help in je privéchat met mij.",
    "cofac.nee": "{naam} helpt liever niet mee als facilitator. Dat is goed.",
    "cofac.nee_kort": "Goed. Je helpt niet mee.",
    "knop.niet_voor_jou": "Deze knop is voor iemand anders.",
    "kies.welke": (
        "Je hebt meer dan één workshop. Over welke gaat dit? Tik erop. "
        "Typ daarna je opdracht nog een keer."
    ),
    "kies.andere": "Wil je aan een andere workshop werken? Tik erop.",
    "kies.welke_workshop": "Je hebt meer dan één workshop. Aan welke werk je nu? Tik erop.",
    "kies.nu": "Je opdrachten aan mij gaan nu over <b>{doel}</b>.",
    "kies.gekozen": "Gekozen.",
    "kies.nieuwste": "Hier staan je {aantal} nieuwste workshops.",
    "kies.in_prive": "Kies je workshop in je privéchat met mij. Typ daar /workshop.",
    "kies.meer_workshops": (
        "Je hebt meer workshops. Je opdrachten aan mij gaan nu over deze. "
        "Wil je wisselen? Typ /workshop."
    ),
    "stil.niet_in_groep": (
        "Je zit niet meer in de groep <b>{groep}</b>. Daarom bewaar ik niet wat je hier stuurt."
    ),
    "menu.workshop": "Facilitator: kies aan welke workshop je werkt",
    # Het scherm voor de zaal (/scherm) en de bediening
    "menu.scherm": "Facilitator: de lijst op het grote scherm",
    "scherm.links": (
        "📺 <b>Het scherm voor de zaal</b>\n"
        "Open deze link op de beamer. Mensen thuis kunnen hem ook openen. "
        "Ze kunnen alleen kijken.\n{link}\n\n"
        "Zet het scherm uit met /scherm uit."
    ),
    "scherm.bediening": (
        "🎛 <b>De lijst bedienen</b>\n"
        "Pas de lijst aan op je telefoon of laptop. De zaal ziet het meteen.\n"
        "Deze link is alleen voor jou. Deel hem niet. Hij werkt 12 uur.\n{link}"
    ),
    "scherm.knop": "🎛 Bedienen",
    "scherm.gestopt": "Het scherm is uit. De oude links werken niet meer.",
    "scherm.was_uit": "Het scherm stond al uit.",
    "scherm.gebruik": "Typ /scherm voor de links, of /scherm uit om het scherm te stoppen.",
    "scherm.afgerond": "De workshop is afgelopen. Er is geen scherm meer.",
    "scherm.niet_aan": (
        "Deze bot laat geen scherm zien. De beheerder kan het aanzetten met "
        "PARTNERSCHAPKAART_WEB."
    ),
    # Het scherm in de browser (web/static): teksten die de server geeft
    "web.home": (
        "Dit is het scherm van de Partnerschapkaart-bot. "
        "Open de link die de facilitator kreeg met /scherm."
    ),
    "web.geen_toegang": "Deze link werkt niet. Vraag de facilitator om een nieuwe link.",
    "web.link_verlopen": "Deze link is verlopen. Typ /scherm in de chat met mij voor een nieuwe.",
    "web.scherm_uit": "Het scherm is uit. De facilitator kan het weer aanzetten met /scherm.",
    "web.alleen_facilitator": "Alleen de facilitator kan de lijst aanpassen.",
    "web.alleen_kijken": "Met deze link kun je alleen kijken.",
    "web.fout_verzoek": "Dat ging mis. Laad de pagina opnieuw.",
    "web.generaliseren": "Klinkt dit als één netwerk? Hoe werkt het in een ander netwerk?",
    "cli.web_adres": (
        "partnerschapkaart: PARTNERSCHAPKAART_WEB='{adres}' is geen adres. "
        "Schrijf host:poort, bijvoorbeeld 127.0.0.1:8080, of laat het leeg voor geen scherm."
    ),
    "cli.public_url": (
        "partnerschapkaart: PARTNERSCHAPKAART_PUBLIC_URL='{adres}' is geen webadres. "
        "Schrijf bijvoorbeeld https://scherm.example.nl"
    ),
    "cli.web_bezet": "partnerschapkaart: het scherm kan niet op {adres} draaien: {fout}",
    # Webhook (PARTNERSCHAPKAART_WEBHOOK_*): één regel per fout, voor wie de bot start
    "cli.webhook_url": (
        "partnerschapkaart: PARTNERSCHAPKAART_WEBHOOK_URL moet een https-adres met een pad "
        "zijn, zoals https://bot.example.nl/telegram (niet: {adres})."
    ),
    "cli.webhook_pad": (
        "partnerschapkaart: het pad {pad} van PARTNERSCHAPKAART_WEBHOOK_URL is al van het "
        "scherm. Kies een ander pad, zoals bot.example.nl/telegram."
    ),
    "cli.webhook_poort": (
        "partnerschapkaart: PARTNERSCHAPKAART_WEBHOOK_URL heeft poort {poort}. Telegram stuurt "
        "alleen naar poort 443, 80, 88 of 8443. Zet de reverse proxy op een van die poorten."
    ),
    "cli.webhook_zonder_web": (
        "partnerschapkaart: de webhook heeft de webserver nodig. Zet PARTNERSCHAPKAART_WEB "
        "op host:poort, of laat PARTNERSCHAPKAART_WEBHOOK_URL leeg."
    ),
    "cli.webhook_geheim": (
        "partnerschapkaart: PARTNERSCHAPKAART_WEBHOOK_SECRET mag alleen letters, cijfers, _ "
        "en - hebben, 1 tot 256 tekens."
    ),
    "cli.webhook_verbindingen": (
        "partnerschapkaart: PARTNERSCHAPKAART_WEBHOOK_MAX_CONNECTIONS moet een getal van 1 "
        "tot 100 zijn (niet: {waarde})."
    ),
    "cli.webhook_geweigerd": "partnerschapkaart: Telegram weigert de webhook {adres}: {fout}",
    # Het scherm in de browser: knoppen en labels van de pagina's
    "web.titel": "Partnerschapkaart",
    "web.verbinding_weg": "Verbinding weg – opnieuw verbinden…",
    "web.verbonden": "Verbonden",
    "web.geen_plenair": "Er loopt nu geen plenaire ronde. Hier zie je hoe de kaart nu is.",
    "web.groepen_bezig": "De groepen zijn aan het werk",
    "web.kolom_leeg": "Nog geen punten in deze kolom.",
    "web.stemmen_bezig": "Zoveel mensen stemden al: {aantal}",
    "web.stemmen_n": "Stemmen: {aantal}",
    "web.variant_kop": "Samengevoegd uit:",
    "web.een_groep": "Alleen genoemd door {groep}. Wat is de win-win?",
    "web.bevestigd": "Bevestigd",
    "web.minuten_over": "Nog {minuten} min.",
    "web.minuten": "{minuten} min.",
    "web.antwoorden": "Antwoorden per kolom",
    "web.leden": "Leden",
    "web.papier": "Op papier",
    "web.punt": "punt {nummer}",
    "web.knop.samenvoegen": "Samenvoegen",
    "web.knop.splitsen": "Splitsen",
    "web.knop.tekst": "Tekst",
    "web.knop.opslaan": "Opslaan",
    "web.knop.annuleren": "Annuleren",
    "web.knop.weg": "Weg",
    "web.knop.omhoog": "Omhoog",
    "web.knop.omlaag": "Omlaag",
    "web.knop.erbij": "Erbij",
    "web.knop.ongedaan": "Ongedaan",
    "web.knop.stemmen": "Stemmen starten",
    "web.knop.telling": "Stemmen tellen",
    "web.knop.bevestig": "Bevestigen",
    "web.bevestig_vraag": "Deze lijst bevestigen? Daarna gaan we verder met de volgende stap.",
    "web.selecteer": "Kies punt {nummer}",
    "web.gekozen": "{aantal} gekozen",
    "web.sleep_uitleg": (
        "Sleep een punt op een ander punt om ze samen "
        "te voegen. Of tik twee punten aan en kies Samenvoegen."
    ),
    "web.nieuw_punt": "Nieuw punt",
    "web.stemmen_per_persoon": "Stemmen per persoon",
    "web.bezig": "Even bezig…",
    "web.stand.nieuw": "wacht op de start",
    "web.stand.beantwoordt": "is bezig",
    "web.stand.wacht": "is klaar en wacht",
    "web.model_uitleg": (
        "Kijk samen naar alle vijf kolommen. Is het goed? Stel dan het model vast."
    ),
    "web.knop.model_vaststellen": "Model vaststellen",
    "web.afgerond": "De workshop is klaar. Dank je wel! De facilitator deelt het model.",
}
