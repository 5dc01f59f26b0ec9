"""French: speech verbs (present, passé composé, inverted "a-t-elle ajouté"), speakers, citation cues."""

from __future__ import annotations

from pipeline.lang import FEMININE, MASCULINE, CitationWords, Pronoun, QuoteWords, words

# Regular -er verbs by lemma; `conjugate` gives the forms the rules meet in news copy.
_REGULAR = (
    "déclarer affirmer expliquer ajouter estimer souligner préciser indiquer raconter insister assurer confier "
    "lancer résumer dénoncer regretter déplorer marteler noter observer juger considérer soupirer ironiser "
    "annoncer commenter détailler nuancer tempérer plaider témoigner relater trancher glisser confirmer "
    "exclamer inquiéter indigner féliciter agacer emporter protester critiquer fustiger saluer lâcher "
    "souffler argumenter demander rétorquer répliquer avouer concéder nier interroger qualifier évoquer "
    "parler accuser reprocher alerter insister prévenir raconter rapporter résumer signaler analyser plaisanter "
    "amuser enthousiasmer tonner pester alarmer insurger désoler étonner interroger constater avancer "
    "murmurer enchaîner invoquer objecter appeler"
)
# Irregular forms, written out: present singular and plural, imperfect, participle.
_IRREGULAR = (
    "dit disent disait disaient dit écrit écrivent écrivait écrit répond répondent répondait répondu "
    "reconnaît reconnaissent reconnaissait reconnu admet admettent admettait admis promet promettent "
    "promettait promis conclut concluent concluait conclu poursuit poursuivent poursuivait poursuivi "
    "prévient préviennent prévenait prévenu avertit avertissent avertissait averti réagit réagissent "
    "réagissait réagi dément démentent démentait démenti rappelle rappellent rappelait rappelé "
    "martèle martèlent considère considèrent tempère concède concèdent décrit décrivent décrivait sourit "
    "souriait rit reprend reprenait dénonçaient dénonçait souvient rappelle réjouit réjouissent réjouissait "
    "réjoui soutient soutiennent soutenait soutenaient soutenu"
)


def conjugate(lemma: str) -> list[str]:
    """Present (singular, plural), imperfect (singular, plural) and participle of an -er verb."""
    stem = lemma[:-2]
    return [stem + "e", stem + "ent", stem + "ait", stem + "aient", stem + "é"]


_FORMS = frozenset(f for lemma in _REGULAR.split() for f in conjugate(lemma)) | words(_IRREGULAR)
_FORMS = (
    _FORMS | {"s'" + f for f in _FORMS if f[:1] in "aeéiou"} | {"s’" + f for f in _FORMS if f[:1] in "aeéiou"}
)
_PARTICIPLES = tuple(
    sorted(f for f in _FORMS if f.endswith(("é", "u", "i", "is", "it")) and not f.startswith("s"))
)
_PRESENT = _FORMS - frozenset(_PARTICIPLES) | {"dit", "écrit", "décrit"}
_AUXILIARIES = ("a", "ont", "avait", "avaient", "aurait")
# A reflexive verb takes "être", and its participle agrees: "s'est félicitée", "se sont réjouis".
_REFLEXIVE_AUXILIARIES = ("s'est", "s’est", "se sont", "s'était", "s’était")
_AGREEMENT = ("", "e", "s", "es")
# "a déclaré", "ont affirmé", "avait expliqué": the passé composé and plus-que-parfait as cues.
_COMPOUND = tuple(f"{aux} {participle}" for aux in _AUXILIARIES for participle in _PARTICIPLES) + tuple(
    f"{aux} {participle}{ending}"
    for aux in _REFLEXIVE_AUXILIARIES
    for participle in _PARTICIPLES
    if participle.endswith(("é", "i"))
    for ending in _AGREEMENT
)
_INVERTED = r"-(?:t-)?(?:il|elle|ils|elles|on)\b"
# "a-t-elle ajouté", "a-t-il déclaré": an inverted compound tense after a quotation.
_AUXILIARY_CUE = (
    r"(?:a-t|ont|avait|avaient|aurait)-(?:il|elle|ils|elles|on)\s+(?:" + "|".join(_PARTICIPLES) + ")"
)
COGNITION = words("pense pensait croit croyait espère espérait craint craignait doute estime juge considère")

_ROLES_MASCULINE = words(
    "maire ministre président directeur porte-parole préfet député sénateur adjoint conseiller secrétaire "
    "délégué responsable chef patron avocat procureur juge commissaire chercheur professeur médecin "
    "infirmier agriculteur habitant riverain commerçant gérant fondateur élu candidat entraîneur "
    "capitaine syndicaliste militant retraité propriétaire boulanger pêcheur chauffeur"
)
_ROLES_FEMININE = words(
    "présidente directrice préfète députée sénatrice adjointe conseillère déléguée cheffe patronne avocate "
    "procureure commissaire chercheuse professeure infirmière agricultrice habitante riveraine commerçante "
    "gérante fondatrice élue candidate entraîneuse militante retraitée propriétaire boulangère pêcheuse "
    "chauffeuse mère"
)

_OBJECT = frozenset(
    f
    for lemma in (
        "qualifier",
        "évoquer",
        "parler",
        "accuser",
        "reprocher",
        "invoquer",
        "réclamer",
        "vanter",
        "appeler",
    )
    for f in conjugate(lemma)
) | words("décrit décrivent décrivait défend défendent défendait défendu")
# "s'est dite « soulagée »": "se dire" and an adjective, the quoted words the object
_SAID_ONESELF = (
    *(f"{aux} dit{ending}" for aux in _REFLEXIVE_AUXILIARIES for ending in _AGREEMENT),
    "se dit",
    "se disent",
)

QUOTES = QuoteWords(
    code="fr",
    speech_verbs=_PRESENT | frozenset(_PARTICIPLES),
    cognition_verbs=COGNITION,
    stance_verbs=frozenset(),
    clause_verbs=(_PRESENT | frozenset(_PARTICIPLES) | frozenset(_COMPOUND) | COGNITION) - _OBJECT,
    object_verbs=_OBJECT | frozenset(_SAID_ONESELF),
    recipient_verbs=frozenset(),
    light_verbs=frozenset(),
    multiword_cues=_COMPOUND + _SAID_ONESELF,
    according_to=("selon", "d'après", "d’après", "de l'avis de"),
    according_to_initial=("pour", "aux yeux de", "aux yeux du"),
    complementizers=words("que qu' qu’"),
    question_words=words("si comment pourquoi"),
    inverted_pronoun=_INVERTED,
    auxiliary_cue=_AUXILIARY_CUE,
    pronouns={
        "lui": Pronoun(MASCULINE, True),
        "il": Pronoun(MASCULINE, True),
        "elle": Pronoun(FEMININE, True),
        "ils": Pronoun(None, False, plural=True),
        "elles": Pronoun(None, False, plural=True),
        "on": Pronoun(None, False),
        "je": Pronoun(None, True),
        "nous": Pronoun(None, False, plural=True),
    },
    honorifics={"m": MASCULINE, "mme": FEMININE, "mlle": FEMININE, "me": None, "dr": None, "pr": None},
    roles={**dict.fromkeys(_ROLES_MASCULINE, MASCULINE), **dict.fromkeys(_ROLES_FEMININE, FEMININE)},
    speaker_nouns=words(
        "opposition porte-parole ministère gouvernement préfecture mairie police gendarmerie entreprise société syndicat "
        "association communiqué direction maire ministre président présidente"
    ),
    group_words=words(
        "sources délégués d'autres autres certains certaines plusieurs beaucoup nombre habitants riverains experts observateurs critiques "
        "opposants parents commerçants agriculteurs élus syndicats"
        " passagers usagers voyageurs patients investisseurs consommateurs clients salariés élèves victimes"
    ),
    infinitive_markers=frozenset(),
    quantity_verbs=words("ajouté ajoute"),
    abstract_suffixes=("tion", "ment", "ité", "isme", "ance", "ence", "age", "ure"),
    non_speakers=words(
        "étude études données chiffres sondage enquête rapport publications messages bilan acte"
    ),
    organisation_words=words(
        "ministère gouvernement préfecture mairie police gendarmerie entreprise société syndicat association "
        "communauté conseil agence institut université fondation banque groupe tribunal parquet région cour "
        "présidence service "
        "département commune ville office compagnie"
    ),
    document_words=words("communiqué lettre courrier rapport étude document jugement arrêt"),
    generic_organisation_nouns=words(
        "collectivité équipe formation fédération entreprise société groupe club association organisme compagnie syndicat firme opérateur enseigne "
        "constructeur fabricant direction"
    ),
    any_kind_nouns=words("organisme établissement institution"),
    kind_synonyms={"municipalité": words("mairie ville commune"), "entreprise": words("société groupe")},
    outlet_nouns=words("quotidien journal hebdomadaire magazine chaîne radio agence site"),
    age_words=("ans",),
    determiner_gender={"le": MASCULINE, "la": FEMININE},
    indefinite_determiners=words("un une des"),
    title_markers=("intitulé", "intitulée", "baptisé", "baptisée"),
    issue_verbs=("a publié", "a diffusé", "a envoyé"),
    determiners=words("le la les l' un une des du son sa ses leur leurs ce cette"),
    definite_articles=words("le la les l'"),
    name_particles=words("de du des d' la le"),
    leading_words=words("mais et puis ainsi pourtant cependant alors donc or car aussi selon d'après pour"),
    lead_in_words=("Mais", "Et", "Puis", "Ainsi", "Pourtant", "Cependant", "Alors", "Or"),
    skip_between=words(
        "aussi encore déjà pourtant toutefois également se s' le la les lui leur y en l' a ont avait avaient"
    ),
    reflexives=words("se s'"),
    object_clitics=words("le la les"),
    dative_clitics=words("lui leur"),
    participle_endings=("é", "ée", "és", "ées", "i", "ie", "is", "ies", "u", "ue", "us", "ues", "it", "ite"),
    relative_words=words("qui que dont où lequel laquelle"),
    prepositions=words("à au aux en dans lors devant auprès"),
    not_before_verb=words("de du des à pour sans"),
    speaker_followers=words("qui de du à au en"),
    affiliation_words=words("de du des"),
    place_links=("de", "du", "des", "d'", "d’"),
    cut_words=words("qui à au en devant lors"),
    conjunctions_and=("et",),
    and_word="et",
    clause_breaks=("mais", "alors que", "tandis que", "bien que", "quand", "lorsque"),
    time_words=words("lundi mardi mercredi jeudi vendredi samedi dimanche hier"),
    day_parts=words("matin soir midi après-midi"),
    head_initial=True,
    cue_adverbials=(
        r"par\s+ailleurs",
        r"de\s+son\s+côté",
        r"pour\s+sa\s+part",
        r"en\s+outre",
        r"quant\s+à\s+(?:lui|elle)",
    ),
    time_phrases=(
        r"la\s+semaine\s+dernière",
        r"la\s+veille",
        r"le\s+lendemain",
        r"plus\s+tôt",
        r"l['’]an\s+dernier",
        r"en\s+(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)",
        r"(?:ce|cette)\s+(?:semaine|matin|soir)",
        r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+(?:matin|soir)",
    ),
    clause_introducers=(":", "que", "qu'", "qu’", "si"),
    elided_determiners=("l'", "l’", "L'", "L’"),
    as_words=("Comme",),
    recipient_prepositions=(
        "à",
        "au",
        "aux",
        "sur",
        "dans",
    ),  # "a prévenu sur France Bleu la vice-présidente"
    possessives={"ses": None, "son": None, "sa": None},
    naming_participles=words(
        "jugé jugée jugés jugées qualifié qualifiée qualifiés qualifiées décrit décrite décrits décrites dénoncé dénoncée dénoncés dénoncées salué saluée salués saluées"
    ),
    agent_words=("par",),
    age_descriptor=r"\b(\d{1,3})\s+ans\b",
    age_mentions=(r",\s*{age}\s+ans\b", r"\s\({age}(?:\s+ans)?\)", r"\b[âa]gée?\s+de\s+{age}\s+ans\b"),
    relatives={
        "voisin": MASCULINE,
        "voisine": FEMININE,
        "épouse": FEMININE,
        "femme": FEMININE,
        "mari": MASCULINE,
        "fils": MASCULINE,
        "fille": FEMININE,
        "frère": MASCULINE,
        "sœur": FEMININE,
        "ami": MASCULINE,
        "amie": FEMININE,
        "compagnon": MASCULINE,
        "compagne": FEMININE,
        "collègue": None,
        "veuve": FEMININE,
        "veuf": MASCULINE,
        "cousin": MASCULINE,
        "cousine": FEMININE,
        "neveu": MASCULINE,
        "nièce": FEMININE,
        "petit-fils": MASCULINE,
        "petite-fille": FEMININE,
    },
    auxiliaries=words("a ont avait avaient est sont était"),
    modals=words("doit doivent peut peuvent"),
    work_title_words=(
        "dit",
        "dite",
        "baptisé",
        "baptisée",
        "intitulé",
        "intitulée",
        "film",
        "livre",
        "slogan",
        "mot",
    ),
    minor_title_words=words("le la les de du des et en"),
    agency_trailers=("avec afp", "avec reuters", "avec ap"),
    reader_comment_markers=("commentaires", "réactions"),
)

CITATIONS = CitationWords(
    code="fr",
    staff_nouns=(
        "journaliste",
        "rédacteur",
        "rédactrice",
        "présentateur",
        "présentatrice",
        "chroniqueur",
        "chroniqueuse",
        "correspondant",
        "correspondante",
        "éditorialiste",
        "reporter",
        "animateur",
        "animatrice",
    ),
    spoken_to=(
        r"à",
        r"au",
        r"sur",
        r"dans",
        r"au\s+micro\s+d(?:e|u|e\s+la)",
        r"sur\s+l['’]antenne\s+d(?:e|u)",
    ),
    in_a_report=(r"dans\s+un(?:\s+nouveau)?",),
    report_nouns=words("rapport étude"),
    platform_prepositions=words("sur en"),
    indefinite_articles=words("un une"),
    contracted_articles={"du": "Le", "au": "Le", "aux": "Les", "des": "Les"},
    anonymous_posts=words("publications messages vidéos"),
    posting_words=words(
        "écrit publié annoncé accuse dénonce réagi message vidéo publication post communiqué"
    ),
    forward_cues=(
        ("attr", "interview interviews", r"interviews?\s+(?:accordée?\s+)?(?:à|au|aux|avec)"),
        ("attr", "entretien", r"entretien\s+(?:accordé\s+)?(?:à|au|aux|avec)"),
        ("attr", "selon", r"selon"),
        ("attr", "informations", r"(?<=les )informations\s+(?:du|de\s+la|de|d['’]|des)"),
        (
            "on",
            "exprimé exprimée invité invitée interviewé interviewée",
            r"(?:exprimée?|invitée?|interviewée?)\s+(?:sur|de)",
        ),
        ("attr", "après", r"(?<=[dD]['’])après"),
        (
            "attr",
            "rapporte rapportent rapportait rapporté révèle révèlent révélé rappelle rappelé écrit",
            r"(?:rapporte|rapportent|rapportait|rapporté(?:\s+par)?|révèle|révèlent|révélé|rappelle|rappelé|écrit)"
            r"(?:\s+(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|aujourd'hui))?",
        ),
        (
            "attr",
            "déclaré indiqué confié affirmé expliqué assuré dit précisé raconté annoncé souligné confirmé détaillé "
            "reconnu admis glissé martelé",
            r"(?:déclaré|indiqué|confié|affirmé|expliqué|assuré|dit|précisé|raconté|annoncé|souligné|confirmé|"
            r"détaillé|reconnu|admis|glissé|martelé)\s+(?:à|aux?)",
        ),
        (
            "attr",
            "interrogé interrogée interrogés cité citée cités relayé relayée repris",
            r"(?:interrogée?s?|citée?s?|relayée?s?|repris)\s+par",
        ),
        (
            "attr",
            "auprès micro antenne plateau colonnes",
            r"(?:auprès|micro|antenne|plateau|colonnes)\s+(?:d['’]|de|du|des)",
        ),
        ("attr", "calculs", r"(?<=les )calculs\s+(?:d['’]|de|du|des)"),
        (
            "study",
            "étude enquête rapport sondage analyse données chiffres statistiques bulletin bilan panorama baromètre",
            r"(?:étude|enquête|rapport|sondage|analyse|données|chiffres|statistiques|bulletin|bilan|panorama|"
            r"baromètre)(?:\s+(?:publiée?s?|réalisée?s?|"
            r"menée?s?))?\s+(?:par|de|du|des|dans)",
        ),
        ("study", "sondage", r"sondage(?=\s+(?-i:[A-Z]))"),
        ("journal", "revue", r"(?:la\s+)?revue"),
        (
            "study",
            "publiée publiées publié publiés parue parues paru parus réalisée réalisé",
            r"(?:publiée?s?|parue?s?|réalisée?s?)(?:\s+(?:en\s+)?\w+)?\s+(?:par|dans)",
        ),
        (
            "study",
            "chercheurs chercheuses scientifiques",
            r"(?:chercheu(?:rs|ses)|scientifiques)\s+(?:de\s+l['’]|de\s+la|du|des|de)",
        ),
        (
            "attr",
            "révélée révélées révélés rapportée rapportées",
            r"(?:révélée?s?|rapportée?s?)\s+par",
        ),
        ("on", "écrit publié", r"(?:écrit|publié)\s+sur"),
    ),
    backward_cues=(
        (
            "media",
            "consacré consacre publié publie évoqué évoque cité cite interrogé interroge salue regrette juge "
            "estime critique dénonce affirme écrit souligne note affirmait",
            r"(?:consacré|consacre|publié|publie|évoqué|évoque|cité|cite|interrogé|interroge|salue|regrette|juge|"
            r"estime|critique|dénonce|affirme|écrit|souligne|note|affirmait)",
        ),
        (
            "verb",
            "rapporte rapporté révèle révélé écrit indique",
            r"(?:rapporte|rapporté|révèle|révélé|écrit|indique)",
        ),
    ),
    time_words=words(
        "lundi mardi mercredi jeudi vendredi samedi dimanche janvier février mars avril mai juin juillet août "
        "septembre octobre novembre décembre"
    ),
    lead_words=words("comme selon mais et puis ainsi un une notre le la les"),
    outlet_words=words(
        "quotidien hebdomadaire courrier dépêche dépêches gazette télégramme parisien matin soir journal"
    ),
    person_words=words("porte-parole ministre président présidente"),
    organisation_words=words(
        "université fondation banque agence observatoire conseil institut mission direction commission "
        "centre comité office autorité fédération association syndicat ministère caisse haut haute"
    ),
    body_name_links=(
        "de la",
        "de l'",
        "de l’",
        "d'",
        "d’",
        "de",
        "du",
        "des",
        "et de",
        "et des",
        "et du",
        "pour la",
        "pour le",
        "pour les",
        "pour l'",
        "pour l’",
        "contre la",
        "contre le",
        "contre les",
    ),
    body_name_stops=words(
        "a ont avait avaient est sont était sera qui que qu' dont pour sur dans en à au aux avec par selon "
        "publié publiée publiés publiées paru parue rendu rendue cité citée le la les un une ce cette mardi "
        "lundi mercredi jeudi vendredi samedi dimanche"
    ),
    body_participle_endings=("é", "ée", "és", "ées", "ait", "aient"),  # and an imperfect: "relevait"
    descriptor_nouns=(
        r"quotidien",
        r"journal",
        r"hebdomadaire",
        r"magazine",
        r"agence",
        r"chaîne",
        r"radio",
        r"site",
    ),
    anaphoric_outlet_nouns=("quotidien", "journal", "hebdomadaire", "chaîne", "agence"),
    generic_items=frozenset("agences|rédaction".split("|")),
    source_labels=(r"Sources?", r"Sources\s+et\s+références"),
    photo_labels=(r"Crédits?\s+photos?", r"Crédit", r"Photographie", r"Photo"),
    label_last_words=words("source sources références crédit crédits photo photos photographie"),
    country="FR",
)
