"""German: speech verbs (with separable particles and Konjunktiv I), speakers, citation cues."""

from __future__ import annotations

from pipeline.lang import FEMININE, MASCULINE, CitationWords, Pronoun, QuoteWords, words

# Weak verbs by stem; `conjugate` gives present, past (singular, plural), Konjunktiv and participle.
_WEAK = (
    "sag erklär beton mein ergänz kritisier warn forder bericht erzähl bestätig versicher bekräftig beklag "
    "klag antwort entgegn lob mahn appellier frag kommentier schilder äußer erläuter resümier bilanzier "
    "bedauer schimpf argumentier begründ beteuer behaupt bemängel monier verteidig zitier räum kündig teil "
    "füg stell erinner präzisier"
)
_INSEPARABLE = ("be", "er", "ver", "ent", "zer", "emp", "miss", "wider", "unter", "über")
# Strong and mixed verbs, written out: present, past singular and plural, participle.
_STRONG = (
    "schreibt schrieb schrieben geschrieben unterstreicht unterstrich unterstrichen widerspricht widersprach "
    "widersprachen widersprochen ruft rief riefen gerufen verweist verwies verwiesen weist wies wiesen "
    "gibt gab gaben gegeben heißt hieß verspricht versprach versprachen versprochen gesteht gestand "
    "gestanden hebt hob hoben gehoben rät riet rieten geraten nennt nannte nannten genannt spricht sprach "
    "sprachen gesprochen mitteilte mitteilt mitteilten ankündigte ankündigt hinzufügte einräumte einräumt "
    "bekanntgab bekanntgibt hervorhob klarstellte angab"
)


def conjugate(stem: str) -> list[str]:
    """er sagt, sagte, sie sagten, sagen, Konjunktiv sage, participle gesagt (no ge- after be-, er-, ver-
    …, nor for -ieren)."""
    t = "et" if stem.endswith(("t", "d", "chn", "ffn", "gn")) else "t"
    participle = stem + t if stem.startswith(_INSEPARABLE) or stem.endswith("ier") else "ge" + stem + t
    plural = stem + ("n" if stem.endswith(("el", "er")) else "en")  # "bemängeln", "äußern"
    return [stem + t, stem + t[:-1] + "te", stem + t[:-1] + "ten", plural, stem + "e", participle]


_FORMS = frozenset(f for stem in _WEAK.split() for f in conjugate(stem)) | words(_STRONG)
SPEECH = _FORMS - {"sprach", "sprachen", "spricht", "nennt", "nannte", "nannten", "genannt", "gesprochen"}
COGNITION = words(
    "glaubt glaubte denkt dachte hofft hoffte fürchtet fürchtete befürchtet befürchtete vermutet vermutete "
    "schätzt schätzte findet fand rechnet rechnete erwartet erwartete zweifelt zweifelte"
)
# Separable verbs: the particle closes the clause ("Er fügte hinzu, …", "Das Amt teilte mit, dass …").
_SEPARABLE = (
    "fügte hinzu|fügt hinzu|teilte mit|teilt mit|teilten mit|räumte ein|räumt ein|kündigte an|kündigt an|"
    "gab zu|gibt zu|hob hervor|hebt hervor|stellte klar|stellt klar|wies darauf hin|weist darauf hin|"
    "gab an|gibt an|gab bekannt|gibt bekannt|sprach sich aus|führte aus|führt aus|merkte an|merkt an|"
    "stellte fest|stellt fest|hielt fest|hält fest|schränkte ein|schränkt ein|wandte ein|wendet ein|"
    "deutete an|deutet an|machte deutlich|macht deutlich|fasste zusammen|fasst zusammen|legte nach|legt nach"
).split("|")
_PARTICIPLES = frozenset(f for f in _FORMS if f.startswith("ge") or f.endswith("iert")) | words(
    "angekündigt mitgeteilt eingeräumt hinzugefügt"
)

# "nach Angaben der Polizei", "nach Informationen des Spiegel": the source follows
_SOURCE_NOUNS = (
    "angaben",
    "informationen",
    "ansicht",
    "einschätzung",
    "darstellung",
    "auskunft",
    "recherchen",
    "worten",
)

_HONORIFICS: dict[str, str | None] = {"herr": MASCULINE, "frau": FEMININE, "dr": None, "prof": None}
_ROLES_MASCULINE = words(
    "bürgermeister oberbürgermeister minister ministerpräsident präsident kanzler sprecher vorsitzender "
    "chef direktor leiter geschäftsführer landrat abgeordneter stadtrat sprecher trainer kapitän "
    "landwirt händler anwohner bewohner forscher wissenschaftler experte professor arzt lehrer polizist "
    "kommissar richter staatsanwalt anwalt ingenieur architekt pfarrer bischof gründer inhaber besitzer "
    "vorstand vorstandschef betriebsrat gewerkschafter unternehmer bauer fahrer pilot ankläger verteidiger "
    "gutachter sachverständiger angeklagter ermittler museumsdirektor kurator"
)
_ROLES_FEMININE = words(
    "bürgermeisterin oberbürgermeisterin ministerin ministerpräsidentin präsidentin kanzlerin sprecherin "
    "vorsitzende chefin direktorin leiterin geschäftsführerin landrätin abgeordnete stadträtin trainerin "
    "kapitänin landwirtin händlerin anwohnerin bewohnerin forscherin wissenschaftlerin expertin "
    "professorin ärztin lehrerin polizistin kommissarin richterin staatsanwältin anwältin ingenieurin "
    "architektin pfarrerin gründerin inhaberin besitzerin unternehmerin bäuerin fahrerin pilotin "
    "vereinsvorsitzende anklägerin verteidigerin gutachterin sachverständige ermittlerin kuratorin"
)
_ROLES: dict[str, str | None] = {
    **dict.fromkeys(_ROLES_MASCULINE, MASCULINE),
    **dict.fromkeys(_ROLES_FEMININE, FEMININE),
    **dict.fromkeys(words("senator gouverneur kanzleramt stadt landes bundes sprecherteam"), None),
}

QUOTES = QuoteWords(
    code="de",
    speech_verbs=SPEECH | _PARTICIPLES,
    cognition_verbs=COGNITION,
    stance_verbs=frozenset(),
    clause_verbs=SPEECH | COGNITION | _PARTICIPLES | frozenset(_SEPARABLE),
    object_verbs=words("nannte nennt bezeichnete bezeichnet sprach spricht"),
    recipient_verbs=frozenset(),
    light_verbs=frozenset(),
    multiword_cues=tuple(_SEPARABLE),
    according_to=(
        *(
            f"nach {noun} {article}"
            for noun in _SOURCE_NOUNS
            for article in ("von", "der", "des", "vom", "eines", "einer")
        ),
        "laut",
        "nach einem bericht der",
        "nach einem bericht des",
        "nach einem bericht von",
    ),
    according_to_after=("zufolge",),
    source_compounds=(
        "angaben",
        "informationen",
        "recherchen",
        "berichten",
        "bericht",
        "meldung",
        "meldungen",
    ),
    quote_tag_words=("so",),
    complementizers=words("dass daß"),
    question_words=words("ob wie warum wann"),
    pronouns={
        "ihm": Pronoun(MASCULINE, True),
        "er": Pronoun(MASCULINE, True),
        "sie": Pronoun(
            FEMININE, True, also_plural=True
        ),  # also "they": resolved only to a woman named before
        "es": Pronoun(None, False),
        "wir": Pronoun(None, False, plural=True),
        "ich": Pronoun(None, True),
        "man": Pronoun(None, False),
    },
    honorifics=_HONORIFICS,
    roles=_ROLES,
    feminine_role_suffixes=("in",),
    speaker_nouns=words(
        "sprecher sprecherin ministerium regierung polizei stadt verwaltung unternehmen konzern verband "
        "gewerkschaft partei verein behörde amt gericht staatsanwaltschaft mitteilung erklärung bericht "
        "bürgermeister bürgermeisterin minister ministerin vorsitzende vorsitzender chef chefin"
    ),
    group_words=words(
        "quellen kreise delegierte andere viele einige manche mehrere zahlreiche kritiker anwohner bewohner experten beobachter fachleute eltern "
        "händler landwirte bürger menschen leute fans mitglieder befürworter gegner"
        " fahrgäste pendler patienten anleger verbraucher kunden beschäftigte schüler opfer reisende juristen"
    ),
    infinitive_markers=frozenset(),
    quantity_verbs=frozenset(),
    abstract_suffixes=("ung", "heit", "keit", "ismus", "tion", "schaft"),
    non_speakers=words("studie studien daten zahlen umfrage analyse bericht berichte beiträge posts"),
    organisation_words=words(
        "ministerium regierung polizei stadtverwaltung verwaltung unternehmen konzern verband gewerkschaft "
        "partei verein behörde amt gericht museum staatsanwaltschaft rathaus landkreis kreis gemeinde stadtwerke "
        "bank gmbh ag institut universität hochschule stiftung kammer bund bundesamt landesamt "
        "agentur zeitung rundfunk sender"
    ),
    document_words=words("mitteilung erklärung stellungnahme schreiben bericht studie gutachten urteil"),
    organisation_suffixes=(
        "ministerium",
        "verwaltung",
        "amt",
        "dienst",
        "gesellschaft",
        "verband",
        "verein",
        "werke",
        "werk",
        "bank",
        "kasse",
        "behörde",
        "gericht",
        "polizei",
        "feuerwehr",
        "partei",
        "gewerkschaft",
        "institut",
        "zentrum",
        "kommission",
        "agentur",
        "fraktion",
        "konzern",
        "unternehmen",
        "klinikum",
        "krankenhaus",
        "universität",
        "hochschule",
        "stiftung",
        "kammer",
        "rathaus",
        "bahn",
        "präsidium",
        "komitee",
        "kanzlei",
        "regierung",
        "staatsanwaltschaft",
        "verbund",
        "betrieb",
        "betriebe",
        "gmbh",
        "ag",
    ),
    role_suffixes=(
        "vorsitzende",
        "vorsitzender",
        "sprecher",
        "sprecherin",
        "meister",
        "meisterin",
        "leiter",
        "leiterin",
        "chef",
        "chefin",
        "direktor",
        "direktorin",
        "minister",
        "ministerin",
        "präsident",
        "präsidentin",
        "trainer",
        "trainerin",
        "vorstand",
        "führer",
        "führerin",
        "rat",
        "rätin",
        "anwalt",
        "anwältin",
        "beauftragte",
        "beauftragter",
        "dezernent",
        "dezernentin",
        "autor",
        "autorin",
        "kommissar",
        "kommissarin",
        "referent",
        "referentin",
        "experte",
        "expertin",
        "forscher",
        "forscherin",
        "politiker",
        "politikerin",
        "arzt",
        "ärztin",
        "login",
        "loge",
        "wirt",
        "wirtin",
        "händler",
        "händlerin",
        "pächter",
        "pächterin",
        "verteidiger",
        "verteidigerin",
        "kandidat",
        "kandidatin",
        "geschäftsführer",
        "geschäftsführerin",
        "bürgermeister",
        "bürgermeisterin",
        "landrat",
        "landrätin",
        "richter",
        "richterin",
        "pfarrer",
        "pfarrerin",
        "lehrer",
        "lehrerin",
        "koordinator",
        "koordinatorin",
        "manager",
        "managerin",
        "sekretär",
        "sekretärin",
        "berater",
        "beraterin",
        "analyst",
        "analystin",
        "mediziner",
        "medizinerin",
        "wissenschaftler",
        "wissenschaftlerin",
        "ingenieur",
        "ingenieurin",
        "beamter",
        "beamtin",
        "ermittler",
        "ermittlerin",
    ),
    generic_organisation_nouns=words(
        "band mannschaft team unternehmen konzern firma verein klub club behörde verband gesellschaft veranstalter verbund betreiber "
        "regionalligist bundesligist zweitligist drittligist organisation gruppe sender zulieferer hersteller"
    ),
    capitalised_nouns=True,
    any_kind_nouns=words("behörde einrichtung institution organisation"),
    kind_synonyms={"unternehmen": words("konzern firma gruppe"), "konzern": words("unternehmen gruppe")},
    outlet_nouns=words("zeitung blatt magazin sender nachrichtenmagazin wochenzeitung tageszeitung agentur"),
    age_words=("jährige", "jähriger", "jährigen"),
    determiner_gender={"der": MASCULINE, "die": FEMININE, "des": MASCULINE},
    plural_article_is_feminine=True,
    indefinite_determiners=words("ein eine einer eines einem einen"),
    object_determiners=words("dem den des einem einen eines"),
    title_markers=("mit dem Titel", "unter dem Titel", "titel"),
    issue_verbs=("veröffentlichte", "verschickte", "gab"),
    determiners=words("der die das den dem des ein eine einer eines einem einen sein seine ihr ihre"),
    definite_articles=words("der die das den dem des"),
    name_particles=words("von van de der zu"),
    leading_words=words("aber und doch jedoch auch dann nun zudem außerdem denn so da als wenn"),
    lead_in_words=("Aber", "Und", "Doch", "Jedoch", "Auch", "Dann", "Nun", "Zudem", "Außerdem"),
    lead_phrase_words=tuple(
        "Am Im In Nach Vor Bei Auf Gestern Heute Dazu Außerdem Zudem Deshalb Daher Dann Später Zuvor Bereits "
        "Auch Zum Zur Beim Seit Mit Für Gegenüber Angesichts Trotz Wegen Während Bislang Inzwischen Jetzt Nun "
        "Damals Anschließend Darüber Dabei Hierzu Dort Schon Zugleich Gleichzeitig Allerdings Noch Gleich Kurz "
        "Erst Wenig".split()
    ),
    skip_between=words(
        "auch noch bereits schon jedoch aber zudem ebenfalls dagegen daraufhin außerdem indes allerdings nun "
        "weiter ferner gleichzeitig zuvor später inzwischen erneut nochmals damals"
    ),
    relative_words=words("der die das welcher welche welches"),
    prepositions=words("am im in bei gegenüber vor nach"),
    not_before_verb=words("zu von mit für auf"),
    speaker_followers=words("am im in bei von des der dem den die das"),
    affiliation_words=words("von des der"),
    place_links=("in", "im", "von"),
    cut_words=words("am im in bei mit von"),
    conjunctions_and=("und",),
    and_word="und",
    plural_verb_endings=("en",),
    clause_breaks=("aber", "während", "obwohl", "doch"),
    time_words=words("Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag gestern heute"),
    time_prepositions=words("am an"),
    cue_adverbials=(r"seinerseits", r"ihrerseits", r"darüber\s+hinaus"),
    time_phrases=(
        r"in\s+der\s+vergangenen\s+Woche",
        r"im\s+(?:vergangenen\s+)?(?:Jahr|Monat|Herbst|Winter|Frühjahr|Sommer)",
    ),
    verb_second=True,
    clause_introducers=(",", ":", "dass", "daß", "ob"),
    as_words=("Wie",),
    source_tail_words=("so",),
    possessives={"seinen": MASCULINE, "seiner": MASCULINE, "ihren": FEMININE, "ihrer": FEMININE},
    age_descriptor=r"\b(\d{1,3})-[Jj]ährige",
    age_mentions=(r"\b{age}-[Jj]ährige[rn]?\s", r"\s\({age}\)", r",\s*{age}\s*,", r",\s*{age}\s+Jahre\s+alt"),
    relatives={
        "nachbar": MASCULINE,
        "nachbarin": FEMININE,
        "ehefrau": FEMININE,
        "ehemann": MASCULINE,
        "sohn": MASCULINE,
        "tochter": FEMININE,
        "bruder": MASCULINE,
        "schwester": FEMININE,
        "freund": MASCULINE,
        "freundin": FEMININE,
        "kollege": MASCULINE,
        "kollegin": FEMININE,
        "partner": MASCULINE,
        "partnerin": FEMININE,
        "lebensgefährte": MASCULINE,
        "lebensgefährtin": FEMININE,
        "witwe": FEMININE,
        "witwer": MASCULINE,
        "enkel": MASCULINE,
        "enkelin": FEMININE,
        "neffe": MASCULINE,
        "nichte": FEMININE,
    },
    objects_after_tell=(),
    auxiliaries=words("hat hatte haben hatten ist war sind waren wird wurde werden"),
    passive_auxiliaries=words("wurde wurden worden"),
    modals=words("soll sollte sollten muss müssen kann können"),
    work_title_words=(
        "sogenannte",
        "sogenannten",
        "sog.",
        "Titel",
        "Film",
        "Buch",
        "Motto",
        "Schlagwort",
        "Wort",
    ),
    minor_title_words=words("der die das und von im in"),
    agency_trailers=("mit material von", "mitarbeit:", "mit informationen von"),
    reader_comment_markers=("kommentare", "leserkommentare"),
    impersonal_sources=("in", "aus", "von", "bei", "seitens"),
    verb_particles=(
        "mit",
        "an",
        "hinzu",
        "ein",
        "zu",
        "hervor",
        "klar",
        "bekannt",
        "aus",
        "fest",
        "deutlich",
        "zusammen",
        "nach",
    ),
    konjunktiv_forms=words(
        "sei seien habe werde könne müsse solle wolle dürfe gebe liege stehe gehe komme bleibe brauche "
        "wisse hätten wären würden"
    ),
)

CITATIONS = CitationWords(
    code="de",
    study_compound_endings=(
        "studie",
        "umfrage",
        "untersuchung",
        "analyse",
        "erhebung",
        "auswertung",
        "statistik",
        "prognose",
        "gutachten",
        "bericht",
    ),
    staff_nouns=(
        "redakteur",
        "redakteurin",
        "reporter",
        "reporterin",
        "korrespondent",
        "korrespondentin",
        "moderator",
        "moderatorin",
        "kolumnist",
        "kolumnistin",
        "journalist",
        "journalistin",
        "kommentator",
        "kommentatorin",
    ),
    spoken_to=(r"bei", r"im", r"gegenüber", r"dem", r"der", r"in\s+der"),
    in_a_report=(r"in\s+(?:einem|ihrem|seinem)(?:\s+neuen)?",),
    report_nouns=words("Bericht Studie Analyse"),
    platform_prepositions=words("auf in"),
    indefinite_articles=words("einem einer"),
    compound_sources=tuple(
        words(
            "Bericht Berichten Berichts Recherche Recherchen Meldung Interview Umfrage Informationen Angaben "
            "Reporter Reporterin Journalist Journalistin Korrespondent Korrespondentin Sendung Dokumentation "
            "Podcast Artikel Analyse Gespräch Studie Prognose Erhebung Auswertung Politbarometer "
            "Deutschlandtrend Trendbarometer Magazin Talkshow Radio Fernsehen"
        )
    ),
    anonymous_posts=words("beiträge posts nachrichten videos"),
    posting_words=words(
        "sagte schrieb postete teilte erklärte veröffentlichte wandte beitrag video post nachricht mitteilung"
    ),
    forward_cues=(
        ("attr", "interview interviews", r"interviews?\s+(?:mit)"),
        ("attr", "gespräch", r"gespräch\s+mit"),
        ("attr", "laut gegenüber", r"(?:laut|gegenüber)"),
        (
            "attr",
            "angaben informationen recherchen berichten",
            r"(?<=[Nn]ach )(?:angaben|informationen|recherchen|berichten)\s+(?:der|des|von|vom)",
        ),
        ("attr", "berufung", r"(?<=[Uu]nter )berufung\s+auf"),
        (
            "study",
            "berechnungen schätzungen daten zahlen messungen",
            r"(?<=[Nn]ach )(?:berechnungen|schätzungen|daten|zahlen|messungen)\s+(?:der|des|von|vom)",
        ),
        ("on", "sagte sagt erklärte betonte", r"(?:sagte|sagt|erklärte|betonte)\s+(?:im|in\s+der|bei)"),
        (
            "attr",
            "berichtet berichtete berichteten meldet meldete meldeten schreibt schrieb",
            r"(?:berichtet|berichtete|berichteten|meldet|meldete|meldeten|schreibt|schrieb)",
        ),
        (
            "attr",
            "sagte sagt erklärte bestätigte betonte verriet erzählte äußerte",
            r"(?:sagte|sagt|erklärte|bestätigte|betonte|verriet|erzählte|äußerte)(?:\s+(?:er|sie|es))?"
            r"(?:\s+gegenüber)?(?=\s+(?:der|dem|den|des)\s)",
        ),
        ("attr", "zitiert zitierte", r"zitierte?\s+von"),
        (
            "study",
            "studie umfrage untersuchung untersuchungen analyse analysen bericht erhebung erhebungen auswertung "
            "auswertungen statistik daten zahlen messungen report prognose gutachten",
            r"(?-i:Studie|Umfrage|Untersuchung(?:en)?|Analysen?|Bericht|Erhebung(?:en)?|Auswertung(?:en)?|Statistik|"
            r"Daten|Zahlen|Messungen|Report|Prognose|Gutachten)(?:\s+im\s+Auftrag)?\s+(?:der|des|von|vom)",
        ),
        ("src", "material", r"(?<=[Mm]it )material\s+(?:von|der|des)(?:\s+nachrichtenagentur(?:en)?)?"),
        (
            "journal",
            "fachzeitschrift zeitschrift fachjournal",
            r"(?:fachzeitschrift|zeitschrift|fachjournal)",
        ),
        (
            "study",
            "forscher forscherinnen wissenschaftler wissenschaftlerinnen experten",
            r"(?:forscher(?:innen)?|wissenschaftler(?:innen)?|experten)\s+(?:des|der|vom|von)",
        ),
        (
            "study",
            "bilanz monatsbilanz jahresbilanz halbjahresbilanz",
            r"(?:bilanz|monatsbilanz|jahresbilanz|halbjahresbilanz)\s+(?:des|der|vom|von)",
        ),
        ("src", "erschien", r"erschien\s+(?:zuerst|ursprünglich)\s+(?:bei|in|auf|im)"),
        ("on", "schrieb schreibt postete", r"(?:schrieb|schreibt|postete)\s+(?:auf|bei|im)"),
    ),
    backward_cues=(
        (
            "verb",
            "berichtet berichtete berichteten meldet meldete meldeten schreibt schrieb zufolge zitiert zitierte",
            r"(?:berichtet|berichtete|berichteten|meldet|meldete|meldeten|schreibt|schrieb|zufolge|zitiert|zitierte)",
        ),
        (
            "media",
            "hatte hat enthüllte enthüllt veröffentlichte veröffentlicht zeigte zeigt widmete",
            r"(?:(?:hatte|hat)(?=[^.!?\n]{0,80}?\b(?:berichtet|gemeldet|geschrieben|enthüllt|veröffentlicht|"
            r"recherchiert|aufgedeckt)\b)|enthüllte|enthüllt|veröffentlichte|veröffentlicht|zeigte|zeigt|widmete)",
        ),
        (
            "noun",
            "bericht recherche recherchen umfrage studie analyse daten interview informationen",
            r"(?-i:Bericht|Recherchen?|Umfrage|Studie|Analyse|Daten|Interview|Informationen)",
        ),
    ),
    time_words=words(
        "montag dienstag mittwoch donnerstag freitag samstag sonntag sonnabend heute gestern morgen januar "
        "februar märz april mai juni juli august september oktober november dezember"
    ),
    lead_words=words(
        "wie laut auch dann doch aber und zudem nun ein eine unser unsere der die das den dem des"
    ),
    outlet_words=words(
        "zeitung tageszeitung zeitschrift magazin nachrichten rundschau kurier anzeiger tagblatt tageblatt "
        "allgemeine rundfunk fernsehen presse wochenblatt volksstimme tagespost"
    ),
    outlet_suffixes=(
        "zeitung",
        "blatt",
        "kurier",
        "anzeiger",
        "nachrichten",
        "rundschau",
        "post",
        "presse",
        "spiegel",
        "echo",
        "rundfunk",
        "funk",
        "fernsehen",
        "magazin",
        "bote",
        "stimme",
        "news",
    ),
    person_words=words("sprecher sprecherin präsident ministerin minister chef chefin"),
    organisation_words=words(
        "universität institut stiftung bundesamt amt verband kommission ministerium forschung zentrum "
        "hochschule gesellschaft bundesbank agentur bund dienst netz museum rat verein werk"
    ),
    # heads whose genitive adjective takes -es in the nominative ("des Statistischen Bundesamtes" ->
    # "Statistisches Bundesamt"); other organisation heads are masculine or feminine
    neuter_heads=(
        "institut",
        "amt",
        "netz",
        "museum",
        "werk",
        "zentrum",
        "ministerium",
        "gericht",
        "büro",
        "bündnis",
        "komitee",
        "forum",
        "kreuz",
        "archiv",
        "observatorium",
        "labor",
        "klinikum",
        "unternehmen",
    ),
    descriptor_nouns=(
        r"Zeitung",
        r"Tageszeitung",
        r"Wochenzeitung",
        r"Boulevardzeitung",
        r"Boulevardblatt",
        r"Nachrichtenagentur",
        r"Agentur",
        r"Magazin",
        r"Magazins",
        r"Nachrichtenmagazins",
        r"Senders",
        r"Blattes",
        r"Nachrichtenmagazin",
        r"Wochenmagazin",
        r"Sender",
        r"Fernsehsender",
        r"Nachrichtensender",
        r"Radiosender",
        r"Rundfunk",
        r"Portal",
        r"Nachrichtenportal",
        r"Onlineportal",
        r"Blatt",
        r"Wochenblatt",
    ),
    anaphoric_outlet_nouns=("Zeitung", "Blatt", "Sender", "Agentur", "Magazin", "Nachrichtenagentur"),
    generic_items=frozenset(
        "agenturen|agentur|eigene recherche|redaktion|archiv|archivbild|symbolbild|privat".split("|")
    ),
    source_labels=(r"Quellen?", r"Quelle\(n\)", r"Mit\s+Material\s+von"),
    photo_labels=(r"Fotos?", r"Bild(?:er)?", r"Bildquelle", r"Titelbild"),
    label_last_words=words("quelle quellen quelle(n) von foto fotos bild bilder bildquelle titelbild"),
    country="DE",
)
