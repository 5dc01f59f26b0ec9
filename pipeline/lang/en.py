"""English: speech verbs, speakers, sentence shape, citation cues."""

from __future__ import annotations

from pipeline.lang import FEMININE, MASCULINE, CitationWords, Pronoun, QuoteWords, words

# --- verb forms ------------------------------------------------------------------------------------

_IRREGULAR = {
    "say": "say says said saying",
    "tell": "tell tells told telling",
    "write": "write writes wrote writing written",
    "think": "think thinks thought thinking",
    "feel": "feel feels felt feeling",
    "find": "find finds found finding",
    "know": "know knows knew knowing known",
    "show": "show shows showed showing shown",
    "read": "read reads reading",
    "quip": "quip quips quipped quipping",
    "admit": "admit admits admitted admitting",
    "label": "label labels labeled labelled labeling",
    "dub": "dub dubs dubbed dubbing",
    "seek": "seek seeks sought seeking",
    "plan": "plan plans planned planning",
    "slam": "slam slams slammed slamming",
    "regret": "regret regrets regretted regretting",
    "commit": "commit commits committed committing",
}


def inflect(verb: str) -> list[str]:
    """Base form, -s, past and -ing of an English verb (regular spelling rules, then the exceptions)."""
    if verb in _IRREGULAR:
        return _IRREGULAR[verb].split()
    if verb.endswith("e"):
        return [verb, verb + "s", verb + "d", verb[:-1] + "ing"]
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return [verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"]
    if verb.endswith(("s", "sh", "ch", "x")):
        return [verb, verb + "es", verb + "ed", verb + "ing"]
    return [verb, verb + "s", verb + "ed", verb + "ing"]


def forms(verbs: str) -> frozenset[str]:
    return frozenset(form for verb in set(verbs.split()) for form in inflect(verb))


SPEECH = forms(
    "say tell add note argue claim state explain announce report write tweet declare respond reply recall "
    "insist acknowledge admit deny ask urge promise pledge vow contend maintain warn predict confirm concede "
    "complain assert allege testify emphasize emphasise stress remark observe mention reveal disclose suggest "
    "propose recommend demand accuse criticize criticise blame praise describe call dub label question "
    "continue conclude agree caution charge boast joke quip shout yell chant exclaim muse counter retort "
    "estimate indicate signal hint speculate concur lament point tout inform advise post read "
    "explain recount admit reiterate stress underline insist concede"
)
COGNITION = forms(
    "think believe want hope expect fear worry feel know doubt wonder suspect show find seem"
) - words("showing finding feeling known shown seeming")
STANCE = forms(
    "endorse support oppose defend reject dismiss praise criticize criticise attack blast slam decry condemn "
    "cite propose seek urge decline refuse plan back welcome applaud challenge hail tout champion embrace "
    "favor favour prefer blame thank mock ridicule rebuke chide scold question dispute tweet retweet"
)
CLAUSE = forms(
    "say tell add note argue claim state explain write insist warn think believe know "
    "predict suggest hope fear worry feel expect admit acknowledge concede report find "
    "show estimate contend maintain agree assert allege deny reveal confirm"
)
OBJECT = forms(
    "call describe urge ask accuse promise pledge vow want label dub criticize criticise blame praise "
    "characterize characterise brand portray liken compare"
) | frozenset({"referred to", "referring to", "called for", "calls for"})
RECIPIENT = words(
    "tell tells told telling warn warned warns warning remind reminded assured informed convinced persuaded "
    "promised asked urged"
)
LIGHT = forms(
    "take give make receive start begin sign score lead win lose get go come run create include join move "
    "visit hold arrive return wear dress identify change originate appear play use send open hit meet "
    "become land stop walk sit stand hire fire buy sell pay own live die kill vote host attend air carry "
    "cover enter feature star watch"
)

_PRONOUNS = {
    "he": Pronoun(MASCULINE, True),
    "she": Pronoun(FEMININE, True),
    "they": Pronoun(None, False, plural=True),
    "it": Pronoun(None, False),
    "we": Pronoun(None, False, plural=True),
    "i": Pronoun(None, True),
    "you": Pronoun(None, True),
}

_HONORIFICS: dict[str, str | None] = {
    "mr": MASCULINE,
    "mrs": FEMININE,
    "ms": FEMININE,
    "miss": FEMININE,
    "sir": MASCULINE,
    "dame": FEMININE,
    "lord": MASCULINE,
    "lady": FEMININE,
    "dr": None,
    "prof": None,
    "rev": None,
}

_ROLES: dict[str, str | None] = {
    **dict.fromkeys(
        "president vice sen senator rep representative gov governor gen general secretary minister chancellor "
        "prime premier mayor judge justice chairman chairwoman chair spokesperson ambassador director chief ceo "
        "attorney speaker leader adviser advisor aide candidate nominee former lt col capt sgt maj adm "
        "commissioner sheriff founder professor coach pastor bishop councillor councilor head manager "
        "librarian programmer surveyor engineer inspector detective constable superintendent officer "
        "owner farmer teacher headteacher principal economist analyst scientist researcher doctor nurse "
        "surgeon consultant curator historian architect lawyer barrister solicitor campaigner organiser "
        "organizer volunteer resident landlord tenant driver pilot captain skipper trustee treasurer "
        "clerk deputy assistant executive editor reporter correspondent columnist anchor host author "
        "writer novelist poet artist musician singer actor composer designer chef baker fisherman "
        "environmental local shadow opposition party union council city county state federal regional "
        "district senior junior acting interim operations managing finance health education transport "
        "housing police fire defence defense foreign home justice culture sports club team coach "
        "manager captain referee striker midfielder goalkeeper".split(),
        None,
    ),
    **dict.fromkeys(
        "spokesman chairman congressman councilman businessman king prince pope father".split(), MASCULINE
    ),
    **dict.fromkeys(
        "spokeswoman chairwoman congresswoman councilwoman businesswoman queen princess mother actress".split(),
        FEMININE,
    ),
}

_SPEAKER_NOUNS = words(
    "opposition spokesman spokeswoman spokesperson spokespeople statement statements release official officials "
    "campaign campaigns ministry department agency company committee group source sources aide aides adviser "
    "advisers advisor advisors analyst analysts expert experts lawyer lawyers attorney attorneys senator "
    "president governor candidate leader leaders police prosecutor prosecutors court judge memo letter "
    "organization organisation party administration government office chairman chairwoman chair director "
    "secretary minister representative member members voters supporters critics residents people woman man "
    "friend author officer officers board council commission service network newspaper magazine paper "
    "lawmakers lawmaker republicans democrats team staff staffer staffers activists advocates opponents "
    "investigators spokesmen complaint lawsuit suit filing ad ads post tweet email emails account kremlin "
    "embassy foundation institute center centre union bank firm majority respondents americans others "
    "operator airline authority council club trust charity regulator insurer owner owners organisers "
    "organizers manager managers worker workers union unions mayor chief executive"
)
_GROUP_WORDS = words(
    "delegates others some many most several few critics officials residents people voters supporters opponents "
    "experts analysts observers lawmakers activists advocates economists scientists researchers sources "
    "witnesses neighbours neighbors parents teachers workers locals fans users readers commentators "
    "campaigners protesters protestors demonstrators members staff locals one another anyone everyone "
    "nobody somebody someone authorities forecasters investigators doctors nurses farmers owners "
    "republicans democrats americans respondents half third quarter majority"
    " traders prosecutors passengers commuters shoppers motorists patients students pupils families victims"
    " investors consumers customers employees travellers travelers"
)
_NON_SPEAKERS = words(
    "study studies research survey poll polls data figures numbers analysis review report reports "
    "findings results evidence paper papers records statistics estimates modelling modeling model models "
    "posts post tweets messages rumours rumors claims video videos footage images photos picture pictures "
    "map maps chart charts graph table list sign signs label labels website page headline headlines "
    "it this that which what there anyone everyone anybody everybody nobody whoever"
)
_ORGANISATION_WORDS = words(
    "committee ministry department house party campaign inc corp co ltd plc llc association university "
    "agency council commission kremlin administration government court company group institute foundation "
    "center centre bank union network post times news journal press reuters board service bureau police "
    "army navy senate congress parliament embassy fund club league organization organisation project "
    "authority trust society federation coalition alliance office council hospital school college academy "
    "airline airlines airways railway railways transport water energy power grid museum library gallery "
    "theatre theater orchestra church cathedral charity network broadcaster radio television tv studio "
    "studios team united city fc rovers athletic partners holdings group industries systems solutions "
    "services ventures capital motors labs laboratory carrier maker manufacturer producer retailer operator "
    "utility developer supplier insurer firm chain startup brand publisher lender ferries cooperative "
    "co-operative association guard coastguard"
)
_DOCUMENT_WORDS = words(
    "statement release letter memo report campaign ministry committee department agency company"
)

QUOTES = QuoteWords(
    code="en",
    speech_verbs=SPEECH,
    cognition_verbs=COGNITION,
    stance_verbs=STANCE,
    clause_verbs=CLAUSE,
    object_verbs=OBJECT,
    recipient_verbs=RECIPIENT,
    light_verbs=LIGHT,
    multiword_cues=(
        "according to",
        "pointed out",
        "points out",
        "pointing out",
        "went on to say",
        "referred to",
        "referring to",
        "called for",
        "calls for",
    ),
    according_to=("according to",),
    according_to_initial=("in the words of", "in the view of"),
    complementizers=words("that"),
    question_words=words("whether if how why what"),
    participle_suffix="ing",
    pronouns=_PRONOUNS,
    honorifics=_HONORIFICS,
    roles=_ROLES,
    speaker_nouns=_SPEAKER_NOUNS,
    group_words=_GROUP_WORDS,
    infinitive_markers=words("to"),
    quantity_verbs=words("added adds gained"),
    abstract_suffixes=("tion", "ment", "ity", "ism", "ness", "ance", "ence"),
    non_speakers=_NON_SPEAKERS,
    organisation_words=_ORGANISATION_WORDS,
    document_words=_DOCUMENT_WORDS | words("report study document paper ruling judgment verdict"),
    generic_organisation_nouns=words(
        "band side squad company firm group operator airline carrier utility club team organisation organization agency "
        "authority body business employer manufacturer maker retailer charity forecaster insurer lender "
        "developer chain network provider supplier union council"
    ),
    any_kind_nouns=words("body organisation organization institution authority agency"),
    kind_synonyms={"company": words("group firm"), "firm": words("company group")},
    outlet_nouns=words(
        "newspaper paper daily tabloid broadsheet broadcaster network channel magazine outlet website agency"
    ),
    age_words=("year-old",),
    indefinite_determiners=words("a an one some"),
    title_markers=("titled", "entitled", "called"),
    issue_verbs=("released", "issued", "put out", "sent", "published"),
    determiners=words(
        "the a an his her their its one another some many several this that these those our my your"
    ),
    definite_articles=words("the"),
    name_particles=words("de van von der al bin del la le of for the"),
    leading_words=words(
        "the a an but and yet so or when while as then still meanwhile however on in at after before if "
        "although though because since also now later earlier last this that these those there here"
    ),
    lead_in_words=(
        "But",
        "And",
        "Yet",
        "So",
        "Still",
        "Instead",
        "Now",
        "Then",
        "Also",
        "However",
        "Meanwhile",
        "Later",
        "Earlier",
        "Indeed",
    ),
    lead_phrase_words=tuple(
        "At In On During After Before Since Speaking Asked Later Earlier Last This Meanwhile However Still Yet "
        "Instead Separately Also Then Now For With Without Under Over When While As Although Though Because If "
        "Despite Amid Following Unlike Like Responding Addressing Writing Appearing Campaigning Standing Days "
        "Hours Weeks Months Years Back Pressed Challenged Interviewed".split()
    ),
    skip_between=words(
        "also later then has had have would will could may might previously reportedly repeatedly often "
        "again once frequently recently earlier first initially publicly privately simply just even "
        "never always still further separately quickly flatly"
    ),
    relative_words=words("that who which whom whose where when what"),
    prepositions=words("to in on at with during after before from of by for within over"),
    not_before_verb=words(
        "to of on in at for with by from about as into without whose own new first last such"
    ),
    speaker_followers=words("who in on at of for"),
    affiliation_words=words("for of at with from"),
    cut_words=words("on between in at with who which that during about after before from over to"),
    conjunctions_and=("and", "but"),
    and_word="and",
    clause_breaks=("but", "while", "whereas", "although", "though", "even as", "even though"),
    adverbial_openers=words(
        "during in on at after before since last this earlier later when while as over under for with by "
        "however but and meanwhile still yet now then also instead indeed"
    ),
    time_words=words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday yesterday today tonight"),
    time_adverbs=words("recently earlier later previously repeatedly again publicly privately often"),
    time_prepositions=words("on"),
    cue_adverbials=(r"for\s+(?:his|her|its|their)\s+part", r"meanwhile", r"in\s+addition"),
    time_phrases=(
        r"(?:last|this|next)\s+(?:week|month|year|spring|summer|autumn|fall|winter)",
        r"at\s+the\s+time",
    ),
    day_parts=words("morning afternoon evening night"),
    as_words=("As",),
    possessives={"his": MASCULINE, "her": FEMININE, "their": None},
    age_descriptor=r"\b(\d{1,3})-year-old\b",
    age_mentions=(r",\s*{age}\s*,", r"\b{age}-year-old\s", r"\s\({age}\)", r",\s*aged\s+{age}\b"),
    relatives={
        "neighbour": None,
        "neighbor": None,
        "wife": FEMININE,
        "husband": MASCULINE,
        "son": MASCULINE,
        "daughter": FEMININE,
        "brother": MASCULINE,
        "sister": FEMININE,
        "partner": None,
        "friend": None,
        "colleague": None,
        "widow": FEMININE,
        "widower": MASCULINE,
        "cousin": None,
        "niece": FEMININE,
        "nephew": MASCULINE,
        "grandson": MASCULINE,
        "granddaughter": FEMININE,
        "fiancée": FEMININE,
        "fiancé": MASCULINE,
        "girlfriend": FEMININE,
        "boyfriend": MASCULINE,
    },
    object_stop_words=(
        "during",
        "last",
        "when",
        "while",
        "because",
        "after",
        "before",
        "since",
        "until",
        "despite",
        "amid",
        "earlier",
        "later",
        "yesterday",
        "today",
        "this week",
    ),
    objects_after_tell=("reporters", "him", "her", "them", "us", "me"),
    auxiliaries=words("is are was were has have had will would can could did does do may might must should"),
    passive_auxiliaries=words("is are was were be been being"),
    naming_participles=words("described called branded labelled labeled termed criticised criticized hailed"),
    agent_words=("by",),
    modals=words("should must can could may might will would shall"),
    irregular_past=words(
        "said told wrote thought felt found knew showed sought struck threw made met went came took gave got ran "
        "saw began became left kept held brought spoke paid sent built lost won fell rose grew drove chose broke"
    ),
    not_verbs=words("was has does goes uses sees makes takes gives comes lives lies times series"),
    verb_particles=("up", "out", "off", "down", "back"),
    past_suffixes=("ed",),
    contractions=words("he she it that who there what here where"),
    work_title_words=(
        "so-called",
        "so called",
        "dubbed",
        "nicknamed",
        "titled",
        "entitled",
        "film",
        "book",
        "song",
        "show",
        "album",
        "movie",
        "series",
        "novel",
        "play",
        "headline",
        "slogan",
        "hashtag",
        "word",
        "term",
        "phrase",
        "sign",
        "banner",
        "label",
    ),
    minor_title_words=words("a an the of to in on for and or at by with from me my"),
    agency_trailers=(
        "additional reporting by",
        "reporting by",
        "editing by",
        "writing by",
        "compiled by",
        "with reporting from",
        "contributed reporting",
        "contributed to this report",
    ),
    reader_comment_markers=("comments", "reader comments", "readers' comments", "join the conversation"),
)

# --- citations -------------------------------------------------------------------------------------

_U = '(?-i:[A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĪĮİĶĹĽŁŃŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽ„"«])'

CITATIONS = CitationWords(
    code="en",
    staff_nouns=(
        "presenter",
        "editor",
        "reporter",
        "correspondent",
        "columnist",
        "journalist",
        "host",
        "anchor",
        "producer",
        "commentator",
    ),
    spoken_to=(r"to", r"on", r"in\s+an\s+interview\s+with"),
    in_a_report=(r"in\s+a(?:\s+new)?",),
    report_nouns=words("report study survey analysis"),
    platform_prepositions=words("on in"),
    indefinite_articles=words("a an"),
    anonymous_posts=words("posts messages videos"),
    posting_words=words(
        "said wrote posted tweeted shared announced post posts tweet message video statement"
    ),
    forward_cues=(
        ("attr", "according", r"according\s+to"),
        ("attr", "reported", r"reported\s+(?:by|in)"),
        ("attr", "told", r"told"),
        ("attr", "interview interviews", r"interviews?\s+(?:with|to)"),
        ("attr", "interviewed", r"interviewed\s+by"),
        ("attr", "speaking spoke", r"(?:speaking|spoke)\s+(?:to|with)"),
        (
            "attr",
            "comments remarks statement email e-mail message letter",
            r"(?:comments|remarks|statement|e-?mail|message|letter)\s+to",
        ),
        (
            "attr",
            "said says confirmed explained admitted added wrote acknowledged insisted conceded",
            r"(?:said|says|confirmed|explained|admitted|added|wrote|acknowledged|insisted|conceded)\s+to",
        ),
        (
            "attr",
            "obtained seen reviewed cited quoted contacted broadcast aired viewed verified analyzed analysed",
            r"(?:obtained|seen|reviewed|cited|quoted|contacted|broadcast|aired|viewed|verified|analy[sz]ed)\s+by",
        ),
        ("study", "published released", r"(?:published|released)(?:\s+(?:on|last|this)?\s*\w+day)?\s+by"),
        ("attr", "writing wrote", r"(?:writing|wrote)\s+(?:in|for)"),
        (
            "attr",
            "op-ed column editorial essay piece commentary",
            r"(?:op-ed|column|editorial|essay|piece|commentary)\s+(?:in|for|published\s+(?:in|by))",
        ),
        (
            "attr",
            "reports reported writes wrote reveals revealed notes noted adds added confirmed",
            r"(?:reports|reported|writes|wrote|reveals|revealed|notes|noted|adds|added|confirmed)(?=\s+(?:the\s+)?"
            + _U
            + ")",
        ),
        ("attr", "citing quoting", r"(?:citing|quoting)"),
        (
            "on",
            "said says told appeared appearing speaking spoke interviewed interview remarks comments noted added "
            "argued claimed wrote posted",
            r"(?:said|says|told|appeared|appearing|speaking|spoke|interviewed|interview|remarks|comments|noted|added|"
            r"argued|claimed|wrote|posted)\s+on",
        ),
        ("via", "via", r"(?-i:via)"),
        ("per", "per", r"(?-i:per)(?=\s+(?:the\s+)?" + _U + ")"),
        (
            "study",
            "study studies report survey poll analysis paper research data findings figures statistics estimates "
            "estimate investigation audit assessment census index forecast ranking",
            r"(?:stud(?:y|ies)|report|survey|poll|analysis|paper|research|data|findings|figures|statistics|estimates?|"
            r"investigation|audit|assessment|census|index|forecast|ranking)(?:\s+(?:published|released|conducted|"
            r"commissioned|carried\s+out|produced|compiled|issued|led|funded|put\s+out))?\s+(?:by|from|in|of)",
        ),
        ("study", "published", r"published\s+in(?:\s+the\s+journal)?"),
        ("journal", "journal", r"(?<=the )journal"),
        (
            "study",
            "researchers scientists economists",
            r"(?:researchers|scientists|economists)\s+(?:at|from|of|with)",
        ),
        (
            "study",
            "survey poll study",
            r"(?:survey|poll|study)\s+of\s+(?:[^,.;:\n]|(?<=\d)[,.](?=\d)){1,50}?\s+by",
        ),
        ("study", "poll survey", r"(?:poll|survey)(?=\s+" + _U + ")"),
        ("src", "reporting", r"reporting\s+(?:by|from)"),
        ("src", "published appeared", r"(?<=originally )(?:published|appeared)\s+(?:on|in|at|by)"),
        (
            "src",
            "published appeared ran posted",
            r"(?<=first )(?:published|appeared|ran|posted)\s+(?:on|in|at|by)",
        ),
        ("src", "republished", r"republished\s+(?:with\s+permission\s+)?(?:from|by)"),
    ),
    backward_cues=(
        (
            "verb",
            "reported reports reporting revealed reveals wrote writes learned learnt quoted cited published confirmed "
            "noted notes showed shows aired broadcast disclosed discloses",
            r"(?:reported|reports|reporting|revealed|reveals|wrote|writes|learned|learnt|quoted|cited|published|"
            r"confirmed|noted|notes|showed|shows|aired|broadcast|disclosed|discloses)",
        ),
        ("verb", "broke", r"broke\s+the\s+(?:news|story)"),
        (
            "media",
            "said says featured features listed lists included includes estimated estimates described describes "
            "covered covers highlighted highlights detailed details documented documents profiled profiles "
            "interviewed named ranked ranks uncovered exposed obtained calculated counted tallied found finds "
            "investigated analysed analyzed spoke",
            r"(?:said|says|featured|features|listed|lists|included|includes|estimated|estimates|described|describes|"
            r"covered|covers|highlighted|highlights|detailed|details|documented|documents|profiled|profiles|"
            r"interviewed|named|ranked|ranks|uncovered|exposed|obtained|calculated|counted|tallied|found|finds|"
            r"investigated|analy[sz]ed|spoke)(?!\s+(?:in\s+(?:a|its|an)\s+(?:statement|press\s+release|e-?mail)|"
            r"(?:that\s+)?(?:it|its|we|our)\b))",
        ),
        (
            "noun",
            "report story article investigation analysis interview poll survey tally count exclusive piece editorial "
            "op-ed documentary podcast broadcast reporting data study estimate estimates figures research findings "
            "review calculations projections",
            r"(?-i:report|story|article|investigation|analysis|interview|poll|survey|tally|count|exclusive|piece|"
            r"editorial|op-ed|documentary|podcast|broadcast|reporting|data|study|estimates?|figures|research|findings|"
            r"review|calculations|projections)",
        ),
        ("src", "contributed", r"contributed\s+(?:reporting\s+)?to\s+this\s+(?:report|story|article)"),
    ),
    time_words=words(
        "monday tuesday wednesday thursday friday saturday sunday tonight yesterday tomorrow january february "
        "march april may june july august september october november december jan feb mar apr jun jul aug sep "
        "sept oct nov dec"
    ),
    lead_words=words(
        "and but as also now then meanwhile earlier later separately yesterday today last on in at after before "
        "when while however still yet so or if since a an the our my his her their its this that these those"
    ),
    outlet_words=words(
        "news times journal herald tribune gazette telegraph chronicle magazine radio television tv courier "
        "observer express mail mirror inquirer examiner sentinel globe dispatch independent guardian insider "
        "weekly wire online argus advertiser beacon ledger enquirer citizen pioneer messenger mercury "
        "post-dispatch post-gazette courant intelligencer tribune-review journal-constitution newspaper daily "
        "newsletter broadcasting network channel newswire review-journal union-tribune star-telegram "
        "times-picayune star-ledger free-press today star sun record bulletin standard echo voice"
    ),
    outlet_suffixes=("post", "news"),
    outlet_prefixes=words("daily sunday weekly radio journal"),
    media_staff_words=words(
        "editor reporter correspondent columnist anchor presenter journalist commentator critic reviewer"
    ),
    person_words=words(
        "secretary minister president director spokesman spokeswoman spokesperson chief officer senator "
        "representative governor mayor general chairman chairwoman chair editor reporter correspondent "
        "columnist anchor host professor dr mr mrs ms sir lord judge ceo founder king queen prince pope"
    ),
    organisation_words=words(
        "university institute institution center centre foundation bank fund organization organisation agency "
        "council commission association society office department ministry bureau survey research journal "
        "lancet group trust watch international forum program programme service academy college school "
        "hospital clinic laboratory lab labs corporation consultancy consulting partners board authority "
        "administration committee federation union coalition network observatory index"
    ),
    descriptor_nouns=(
        r"newspapers?",
        r"daily",
        r"tabloid",
        r"broadsheet",
        r"weekly",
        r"magazine",
        r"news\s+agency",
        r"news\s+service",
        r"wire\s+service",
        r"agency",
        r"broadcaster",
        r"network",
        r"channel",
        r"station",
        r"outlet",
        r"news\s+outlet",
        r"news\s+site",
        r"website",
        r"site",
        r"publication",
        r"paper",
        r"news\s+portal",
        r"portal",
        r"TV",
        r"television",
        r"radio",
        r"journal",
    ),
    anaphoric_outlet_nouns=(
        "newspaper",
        "paper",
        "daily",
        "tabloid",
        "broadcaster",
        "network",
        "channel",
        "magazine",
        "agency",
        "news agency",
        "outlet",
        "website",
        "station",
    ),
    generic_items=frozenset(
        "agencies|wires|staff|press release|own reporting|various|various sources|public domain|file|"
        "file photo|handout|archive|screenshot|illustration|other".split("|")
    ),
    source_labels=(r"Sources?", r"Source\(s\)", r"Via"),
    photo_labels=(
        r"Photo\s+credits?",
        r"Image\s+credits?",
        r"Picture\s+credits?",
        r"Photos?",
        r"Images?",
        r"Pictures?",
        r"Pic",
        r"Credits?",
        r"Top\s+image",
        r"Featured\s+image",
        r"Header\s+image",
        r"Cover\s+image",
        r"Lead\s+image",
        r"Main\s+image",
        r"Illustration",
    ),
    label_last_words=words(
        "source sources source(s) via credit credits photo photos image images picture pictures pic illustration"
    ),
    country=None,
)
