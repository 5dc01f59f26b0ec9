"""Citations: the outlets, agencies and publications an article cites, with canonical names.

Rule based and cue driven, because precision matters more than recall for
who-cites-whom graphs: a name becomes a citation only next to a citing cue
("according to", "told", "reported", "selon", "laut", "según" ...), in a labelled
trailer ("Sources:", "Photo credit:", "Quelle:"), in an agency tag ("BERLIN (dpa) -",
"(AFP)", "— AP") or as an outbound link. A name found there is resolved with the
outlet registry (`pipeline.outlets`); a name the registry does not know is kept only
when it looks like an outlet ("the Tulsa World", "der Nordwest-Zeitung", "the local
newspaper Kurjer") so that people ("told John Smith") and affiliations ("a fellow at
the American Security Project", which has no cue at all) never become sources.
Organisations (the WHO, the World Bank) are sources only of studies and reports; when
they merely speak they are speakers for the quotes table, not citations.

Scanning is a handful of precompiled regexes over the text, then small anchored
matches around each cue, so the cost is a fraction of a millisecond per article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache

from pipeline.model import Citation, Link
from pipeline.outlets import (
    MEDIA_TYPES,
    Outlet,
    host_of,
    is_well_formed_domain,
    lookup_domain,
    lookup_name,
    name_key,
    registrable_domain,
    registry,
)

# --- vocabulary -------------------------------------------------------------------------------

_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĪĮİĶĹĽŁŃŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽ"
_SEP = r"[ \u00a0]+"
_CONNECTORS = frozenset(
    "of for de del la le du des am im für on y di da do dos and & e et der the las los el les".split()
)
_DETERMINERS = r"(?:the|die|der|das|dem|den|des|le|la|les|el|los|las|al|del|au|aux|du|un|une|una|a|an)"
_ELIDED = r"(?:[lLdD]['’])"
_OPEN_QUOTES = "„“\"«‚‘'‹"
_CLOSE_QUOTES = "“”\"»‘’'›"

# Words that end a name: "told Reuters on Monday", "CNN Tuesday".
_TIME_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday tonight yesterday tomorrow
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    montag dienstag mittwoch donnerstag freitag samstag sonntag sonnabend heute gestern morgen
    januar februar märz mai juni juli oktober dezember
    lundi mardi mercredi jeudi vendredi samedi dimanche janvier février mars avril juin juillet août
    septembre octobre novembre décembre
    lunes martes miércoles jueves viernes sábado domingo enero febrero marzo abril mayo junio julio
    agosto septiembre octubre noviembre diciembre""".split()
)
# Capitalised words that may precede a name at a sentence start without being part of it.
_LEAD_WORDS = frozenset(
    """and but as also now then meanwhile earlier later separately yesterday today last on in at after
    before when while however still yet so or if since wie laut auch dann doch aber und zudem nun
    comme selon mais et puis ainsi según como pero y luego además also earlier a an the ein eine un une
    our my his her their its this that these those unser unsere notre nuestro nuestra""".split()
)
# Last words of outlet names ("the Tulsa World" is not one, but most are).
_OUTLET_WORDS = frozenset(
    """news times journal herald tribune gazette telegraph chronicle magazine radio television tv
    courier observer express mail mirror inquirer examiner sentinel globe dispatch independent
    guardian insider weekly wire online argus advertiser beacon ledger enquirer citizen pioneer
    messenger mercury post-dispatch post-gazette courant intelligencer tribune-review
    journal-constitution newspaper daily newsletter broadcasting network channel newswire
    review-journal union-tribune star-telegram times-picayune star-ledger free-press
    zeitung tageszeitung zeitschrift magazin nachrichten rundschau kurier anzeiger tagblatt tageblatt
    allgemeine rundfunk fernsehen presse wochenblatt volksstimme tagespost
    quotidien hebdomadaire courrier dépêche dépêches gazette télégramme parisien matin soir
    diario periódico periodico heraldo correo noticias gaceta prensa crónica cronica noticiero
    informador semanario revista televisión televisão jornal folha notícias today""".split()
)
_OUTLET_SUFFIXES = (
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
)
_OUTLET_PREFIXES = frozenset(
    "daily sunday weekly radio diario periódico canal rádio revista journal jornal".split()
)
# Words that make a capitalised run a person or office, never an outlet.
_PERSON_WORDS = frozenset(
    """secretary minister president director spokesman spokeswoman spokesperson chief officer senator
    representative governor mayor general chairman chairwoman chair editor reporter correspondent
    columnist anchor host professor dr mr mrs ms sir lord judge ceo founder king queen prince pope
    minister sprecher sprecherin präsident ministerin chef porte-parole ministre président portavoz
    ministro presidente secretario""".split()
)
_ORG_WORDS = frozenset(
    """university institute institution center centre foundation bank fund organization organisation
    agency council commission association society office department ministry bureau survey research
    journal lancet group trust watch international forum program programme service academy college
    school hospital clinic laboratory lab labs corporation consultancy consulting partners board
    authority administration committee federation union coalition network observatory index
    universität institut stiftung bundesamt amt verband kommission ministerium forschung zentrum
    hochschule gesellschaft bundesbank agentur université fondation banque agence observatoire conseil
    universidad fundación instituto banco centro organización consejo observatorio comisión ministerio
    agencia""".split()
)
_COUNTRY_ABBREVIATIONS = frozenset({"US", "U.S", "U.S.", "UK", "U.K.", "USA", "EU", "UN-"})
# Source-line items that name no source.
_GENERIC_ITEMS = frozenset(
    "agencies|wires|staff|press release|own reporting|agenturen|agentur|eigene recherche|redaktion|"
    "agences|rédaction|agencias|redacción|various|various sources|public domain|file|file photo|handout|"
    "archive|archiv|archivbild|symbolbild|privat|private|screenshot|illustration|other".split("|")
)


# --- cues -------------------------------------------------------------------------------------


# Cues, keyed by a trigger word: the scan finds the few trigger words present in an article
# (set intersection over its words, in C), then matches each cue's small regex at those places.
# One big alternation over the whole text cost ~5 ms per article; this costs a tenth of that.
_U = "(?-i:[" + _UPPER + '„"«])'

# (class, trigger words, pattern matched at the trigger; the name follows the match)
_FORWARD_CUES: list[tuple[str, str, str]] = [
    ("attr", "according", r"according\s+to"),
    ("attr", "reported", r"reported\s+(?:by|in)"),
    ("attr", "told", r"told"),
    ("attr", "interview interviews", r"interviews?\s+(?:accordée?\s+)?(?:with|to|mit|à|au|aux|avec)"),
    ("attr", "gespräch", r"gespräch\s+mit"),
    ("attr", "entretien", r"entretien\s+(?:accordé\s+)?(?:à|au|aux|avec)"),
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
        "obtained seen reviewed published cited quoted contacted broadcast aired viewed verified analyzed analysed",
        r"(?:obtained|seen|reviewed|published|cited|quoted|contacted|broadcast|aired|viewed|verified|analy[sz]ed)\s+by",
    ),
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
    ("attr", "citing quoting laut selon según gegenüber", r"(?:citing|quoting|laut|selon|según|gegenüber)"),
    (
        "attr",
        "angaben informationen recherchen berichten",
        r"(?<=[Nn]ach )(?:angaben|informationen|recherchen|berichten)\s+(?:der|des|von|vom)",
    ),
    ("attr", "berufung", r"(?<=[Uu]nter )berufung\s+auf"),
    (
        "study",
        "berechnungen schätzungen daten zahlen",
        r"(?<=[Nn]ach )(?:berechnungen|schätzungen|daten|zahlen)\s+(?:der|des|von|vom)",
    ),
    ("attr", "informations", r"(?<=les )informations\s+(?:du|de\s+la|de|d['’]|des)"),
    (
        "attr",
        "adelantado informado publicado revelado avanzado",
        r"(?<=ha )(?:adelantado|informado|publicado|revelado|avanzado)",
    ),
    (
        "on",
        "exprimé exprimée invité invitée interviewé interviewée",
        r"(?:exprimée?|invitée?|interviewée?)\s+(?:sur|de)",
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
        r"(?:sagte|sagt|erklärte|bestätigte|betonte|verriet|erzählte|äußerte)(?:\s+(?:er|sie|es))?(?:\s+gegenüber)?(?=\s+(?:der|dem|den|des)\s)",
    ),
    ("attr", "zitiert zitierte", r"zitierte?\s+von"),
    ("attr", "après", r"(?<=[dD]['’])après"),
    (
        "attr",
        "rapporte rapportait rapporté révèle révélé",
        r"(?:rapporte|rapportait|rapporté(?:\s+par)?|révèle|révélé)",
    ),
    (
        "attr",
        "déclaré indiqué confié affirmé expliqué assuré dit précisé raconté annoncé souligné",
        r"(?:déclaré|indiqué|confié|affirmé|expliqué|assuré|dit|précisé|raconté|annoncé|souligné)\s+(?:à|aux?)",
    ),
    (
        "attr",
        "interrogé interrogée interrogés cité citée cités relayé relayée repris",
        r"(?:interrogée?s?|citée?s?|relayée?s?|repris)\s+par",
    ),
    ("attr", "auprès micro antenne plateau", r"(?:auprès|micro|antenne|plateau)\s+(?:d['’]|de|du|des)"),
    ("attr", "acuerdo", r"acuerdo\s+con"),
    (
        "attr",
        "informó informa informaron publicó publica reportó reportaron reveló revelaron adelantó recoge",
        r"(?:informó|informa|informaron|publicó|publica|reportó|reportaron|reveló|revelaron|adelantó|recoge)",
    ),
    (
        "attr",
        "dijo declaró afirmó explicó aseguró señaló confirmó contó indicó detalló",
        r"(?:dijo|declaró|afirmó|explicó|aseguró|señaló|confirmó|contó|indicó|detalló)\s+(?:a|al)",
    ),
    (
        "attr",
        "declaraciones entrevista diálogo conversación",
        r"(?:declaraciones|entrevista|diálogo|conversación)\s+(?:a|al|con)",
    ),
    (
        "attr",
        "citado citada citados citadas consultado consultada consultados consultadas entrevistado entrevistada",
        r"(?:citad|consultad|entrevistad)[oa]s?\s+por",
    ),
    (
        "on",
        "said says told appeared appearing speaking spoke interviewed interview remarks comments noted added argued claimed",
        r"(?:said|says|told|appeared|appearing|speaking|spoke|interviewed|interview|remarks|comments|noted|added|argued|claimed)\s+on",
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
    (
        "study",
        "sondage sondeo encuesta poll survey umfrage",
        r"(?:sondage|sondeo|encuesta|poll|survey|umfrage)(?=\s+" + _U + ")",
    ),
    (
        "study",
        "studie umfrage untersuchung analyse bericht erhebung auswertung statistik daten zahlen report prognose gutachten",
        r"(?-i:Studie|Umfrage|Untersuchung|Analyse|Bericht|Erhebung|Auswertung|Statistik|Daten|Zahlen|Report|Prognose|Gutachten)"
        r"(?:\s+im\s+Auftrag)?\s+(?:der|des|von|vom)",
    ),
    (
        "study",
        "étude enquête rapport sondage analyse données chiffres statistiques",
        r"(?:étude|enquête|rapport|sondage|analyse|données|chiffres|statistiques)(?:\s+(?:publiée?s?|réalisée?s?|menée?s?))?"
        r"\s+(?:par|de|du|des|dans)",
    ),
    (
        "study",
        "estudio informe encuesta sondeo análisis reporte investigación datos cifras estadísticas",
        r"(?:estudio|informe|encuesta|sondeo|análisis|reporte|investigación|datos|cifras|estadísticas)"
        r"(?:\s+(?:publicad|elaborad|realizad|difundid)[oa]s?)?\s+(?:por|de|del|en)",
    ),
    ("src", "reporting", r"reporting\s+(?:by|from)"),
    ("src", "material", r"(?<=[Mm]it )material\s+(?:von|der|des)(?:\s+nachrichtenagentur(?:en)?)?"),
    ("src", "información", r"(?<=[Cc]on )información\s+de(?:\s+la\s+agencia)?"),
    ("src", "published appeared", r"(?<=originally )(?:published|appeared)\s+(?:on|in|at|by)"),
    (
        "src",
        "published appeared ran posted",
        r"(?<=first )(?:published|appeared|ran|posted)\s+(?:on|in|at|by)",
    ),
    ("src", "republished", r"republished\s+(?:with\s+permission\s+)?(?:from|by)"),
    ("src", "erschien", r"erschien\s+(?:zuerst|ursprünglich)\s+(?:bei|in|auf|im)"),
]

# (class, trigger words, pattern matched at the trigger; the name precedes it)
_BACKWARD_CUES: list[tuple[str, str, str]] = [
    (
        "verb",
        "reported reports reporting revealed reveals wrote writes learned learnt quoted cited published confirmed "
        "noted notes showed shows aired broadcast",
        r"(?:reported|reports|reporting|revealed|reveals|wrote|writes|learned|learnt|quoted|cited|published|confirmed|"
        r"noted|notes|showed|shows|aired|broadcast)",
    ),
    ("verb", "broke", r"broke\s+the\s+(?:news|story)"),
    (
        "verb",
        "berichtet berichtete berichteten meldet meldete meldeten schreibt schrieb zufolge zitiert zitierte",
        r"(?:berichtet|berichtete|berichteten|meldet|meldete|meldeten|schreibt|schrieb|zufolge|zitiert|zitierte)",
    ),
    (
        "verb",
        "rapporte rapporté révèle révélé écrit indique",
        r"(?:rapporte|rapporté|révèle|révélé|écrit|indique)",
    ),
    (
        "verb",
        "informó informa informaron publicó publica reportó reportaron reveló revelaron adelantó difundió",
        r"(?:informó|informa|informaron|publicó|publica|reportó|reportaron|reveló|revelaron|adelantó|difundió)",
    ),
    ("said", "said says", r"(?:said|says)(?!\s+in\s+(?:a|its|an)\s+(?:statement|press\s+release|e-?mail))"),
    (
        "noun",
        "report story article investigation analysis interview poll survey tally count exclusive piece editorial "
        "op-ed documentary podcast broadcast reporting data study estimate estimates figures research findings review "
        "calculations projections",
        r"(?-i:report|story|article|investigation|analysis|interview|poll|survey|tally|count|exclusive|piece|editorial|"
        r"op-ed|documentary|podcast|broadcast|reporting|data|study|estimates?|figures|research|findings|review|"
        r"calculations|projections)",
    ),
    (
        "noun",
        "bericht recherche recherchen umfrage studie analyse daten interview informationen",
        r"(?-i:Bericht|Recherchen?|Umfrage|Studie|Analyse|Daten|Interview|Informationen)",
    ),
    ("src", "contributed", r"contributed\s+(?:reporting\s+)?to\s+this\s+(?:report|story|article)"),
]


def _cue_table(cues: list[tuple[str, str, str]]) -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    table: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    for cls, triggers, pattern in cues:
        compiled = re.compile(pattern + r"(?![\w-])[ \u00a0]*", re.I)
        for word in triggers.split():
            table.setdefault(word, []).append((cls, compiled))
    return table


_FORWARD_TABLE = _cue_table(_FORWARD_CUES)
_COORDINATION = re.compile(r"[ \u00a0]*(?:,|and|or|und|oder|et|ou|y|o|sowie|as\s+well\s+as)[ \u00a0]+")
_BACKWARD_TABLE = _cue_table(_BACKWARD_CUES)
# ASCII punctuation to blanks (bytes.translate is ~100x faster than str.translate with a dict)
_BYTE_BREAKS = bytes(32 if chr(i) in ".,;:!?\"'()[]{}/|*" else i for i in range(256))


def _trigger_positions(sc: _Scanner, table: dict[str, list]) -> list[tuple[int, str]]:
    """(position, trigger word) of every trigger word in the text, in text order."""
    low = sc.lower
    found: list[tuple[int, str]] = []
    for word in sc.words & table.keys():
        size = len(word)
        i = low.find(word)
        while i != -1:
            before = low[i - 1] if i else " "
            after = low[i + size] if i + size < len(low) else " "
            if not (before.isalnum() or before == "-") and not (after.isalnum() or after == "-"):
                found.append((i, word))
            i = low.find(word, i + size)
    found.sort()
    return found


_DESCRIPTOR_NOUNS = (
    r"(?:newspapers?|daily|tabloid|broadsheet|weekly|magazine|news\s+agency|news\s+service|wire\s+service|"
    r"agency|broadcaster|network|channel|station|outlet|news\s+outlet|news\s+site|website|site|publication|paper|"
    r"news\s+portal|portal|TV|television|radio|journal|"
    r"Zeitung|Tageszeitung|Wochenzeitung|Boulevardzeitung|Boulevardblatt|Nachrichtenagentur|Agentur|Magazin|"
    r"Nachrichtenmagazin|Wochenmagazin|Sender|Fernsehsender|Nachrichtensender|Radiosender|Rundfunk|Portal|"
    r"Nachrichtenportal|Onlineportal|Blatt|Wochenblatt|"
    r"quotidien|journal|hebdomadaire|magazine|agence|chaîne|radio|site|"
    r"diario|periódico|agencia|cadena|revista|emisora|canal|semanario|portal|medio)"
)
_DESCRIPTOR = re.compile(
    r"(?:(?:the|a|an|die|der|das|dem|den|des|le|la|les|el|al|del|au|du|los|las|un|une|una)[ \u00a0]+|[lL]['’])?"
    r"(?:(?:[a-zäöüéèàáíóúñ][\w.-]*|["
    + _UPPER
    + r"][a-zäöüéáíóú]+(?:an|ese|ish|ian|i|ch|ic|er|en|sche|schen)|U\.S\.|US|UK)[ \u00a0]+){0,3}?"
    + _DESCRIPTOR_NOUNS
    + r"[ \u00a0]+"
)
_DESCRIPTOR_AFTER = re.compile(r"[“”\"»’']?[ \u00a0]*-?" + _DESCRIPTOR_NOUNS + r"(?![\w])")

_LABEL_SOURCE = r"Sources?|Source\(s\)|Quellen?|Quelle\(n\)|Fuentes?|Fonte|Via|Sources\s+et\s+références|Mit\s+Material\s+von"
_LABEL_PHOTO = (
    r"Photo\s+credits?|Image\s+credits?|Picture\s+credits?|Photos?|Images?|Pictures?|Pic|Credits?|Fotos?|"
    r"Bild(?:er)?|Bildquelle|Titelbild|Crédits?\s+photos?|Crédit|Photographie|Imagen|Fotografía|Foto\s+de|"
    r"Top\s+image|Featured\s+image|Header\s+image|Cover\s+image|Lead\s+image|Main\s+image|Illustration"
)
_LABEL_RE = re.compile(
    r"(?:^|(?<=[/|•·–—]\s)|(?<=[.!?)]\s)|(?<=\())[ \t]*(?:(?P<src>"
    + _LABEL_SOURCE
    + r")|(?P<photo>"
    + _LABEL_PHOTO
    + r"))[ \t]*:$",
    re.M,
)
_SEGMENT_END = re.compile(r"[ \t]+[/|•·][ \t]+(?=[" + _UPPER + r"][\w ]{0,25}:)|\)|$", re.M)
_COPYRIGHT_RE = re.compile(r"(?:©|\(c\)|Copyright(?:\s*©)?)[ \t]*(?:\d{4}[ \t,]*)?", re.I)
_PAREN_RE = re.compile(r"\(([^()\n]{1,60})\)")
# an agency tag ends a paragraph or precedes a dash: "... gesagt. (dpa)", "(AP) —"
_TAG_END = re.compile(r"[ \t]*(?:[.!?]?[ \t]*(?:\n|$)|[-–—:][ \t]|\.-)")
_TRAILER_RE = re.compile(r"(?:^|[ \t])(?:[—–]|--?)[ \t]*([^—–\n]{1,40}?)[ \t.]*$")
_SHORT_LINE_RE = re.compile(r"^[ \t]*([^\n]{1,40}?)[ \t.]*$")
_DOMAIN_TOKEN = re.compile(r"^(?:https?://)?(?:[\w-]+\.)+[a-z]{2,12}(?:/\S*)?$", re.I)
_INITIALS = re.compile(r"^[a-zäöü]{2,4}$")
_PART_SPLIT = re.compile(r"[ \t]*(?:[,;/|]|[ \t](?:and|und|et|y|&)[ \t])[ \t]*")
_PHOTO_SPLIT = re.compile(
    r"[ \t]*(?:[,;/|]|[ \t](?:via|for|on|für|pour|para|and|&)[ \t]|[ \t]+[-–][ \t]+)[ \t]*", re.I
)
_PHOTO_NOISE = re.compile(
    r"^(?:(?:AP|AFP|Reuters|dpa)?[ \t]*(?:photos?|pictures?|fotos?|images?|bild)[ \t]+(?:by|von|de|par)|(?:photos?|pictures?|images?|fotos?)[ \t]*:|courtesy(?:[ \t]+of)?|by|von|par|de|file(?:[ \t]+photo)?)[ \t]+",
    re.I,
)
_LICENCE = re.compile(r"[ \t]*[(\[][^()\[\]]*(?:CC|BY|licen[cs]e|Lizenz|public domain)[^()\[\]]*[)\]]", re.I)
_PHOTO_WORD = re.compile(r"\b(?:Photo|Foto|Image|Picture|Bild|Pic)s?\b", re.I)
_SHARE_URL = re.compile(
    r"(?:/sharer|/share|/intent/|/submit\?|/pin/create|shareArticle|/dialog/|/login|/signup|/subscribe)", re.I
)


# --- names --------------------------------------------------------------------------------------


@cache
def _name_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Forward and backward name-run patterns (built once: lower-case aliases such as "dpa" come from the registry)."""
    lower = sorted(registry().lowercase_first_words, key=len, reverse=True)
    lower_alt = "|".join(re.escape(w) for w in lower) or "(?!)"
    token = rf"(?:[{_UPPER}0-9][\w.&+!'’-]*|(?:{lower_alt})(?![\w]))"
    conn = r"(?:of|for|de|del|la|le|du|des|am|im|für|on|y|di|da|do|dos|and|&|e|et|der)"
    conn = rf"{conn}(?:{_SEP}(?:the|la|las|los|el|le|les))?"
    adjective = rf"(?:[a-zäöüß]+en{_SEP})?"  # "Institut der deutschen Wirtschaft"
    run = rf"{token}(?:{_SEP}(?:{conn}{_SEP}{adjective})?{token}){{0,7}}"
    forward = re.compile(
        rf"(?<![\w'’-])(?P<det>{_DETERMINERS}{_SEP}|{_ELIDED})?(?P<q>[{_OPEN_QUOTES}][ \u00a0]?)?(?P<run>{run})"
    )
    backward = re.compile(
        rf"(?<![\w'’-])(?:(?P<det>{_DETERMINERS}){_SEP}|(?P<el>{_ELIDED}))?(?P<q>[{_OPEN_QUOTES}][ \u00a0]?)?(?P<run>{run})"
        rf"[{_CLOSE_QUOTES}]?(?P<desc>{_SEP}(?:news{_SEP}agency|news{_SEP}service|newspaper|daily|tabloid|agency|broadcaster|network|magazine|TV|television|radio|website|channel))?"
        rf"(?P<inter>[ \u00a0]*,[^,;\n]{{1,80}},)?"
        rf"(?P<which>[ \u00a0]*,[ \u00a0]*(?:which|who|die|qui|que)[ \u00a0]+)?"
        rf"(?:{_SEP}(?:has|had|have|first|also|exclusively|previously|earlier|originally|initially|was|were|hat|hatte"
        rf"|a|avait|ha|había|just|recently|later|then|now))*[ \u00a0]*$"
    )
    return forward, backward


@dataclass(frozen=True, slots=True)
class _Name:
    start: int
    end: int
    outlet: Outlet | None
    text: str  # tidied surface form (for unknown outlets)
    det: str


_TOKEN_RE = re.compile(r"\S+")
_LOWER_TAIL = re.compile(r"(?:[ \u00a0](?:du|de|des|del|la|of|am|vom))?[ \u00a0][a-zà-öø-ÿ]+")
_TRAIL = ".,;:!?'’\"”“»)"


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    for m in _TOKEN_RE.finditer(text, start, end):
        s, e = m.span()
        spans.append((s, e))
    return spans


def _clean_end(text: str, s: int, e: int) -> tuple[int, int, bool]:
    """Trim trailing punctuation and a possessive; report whether the token was possessive."""
    while e > s and text[e - 1] in _TRAIL:
        if text[e - 1] in "'’" and e - 1 > s and text[e - 2] == "s" and e - s > 3:  # "Reuters'"
            e -= 1
            return s, e, True
        e -= 1
    if e - s > 2 and text[e - 2] in "'’" and text[e - 1] == "s":
        return s, e - 2, True
    return s, e, False


def _is_lead(token: str) -> bool:
    word = _lower(token)
    return word in _LEAD_WORDS or word in _TIME_WORDS or token in _CONNECTORS or word.isdigit()


def _is_abbreviation(token: str) -> bool:
    return bool(re.fullmatch(r"(?:[A-Z]\.){2,}", token))


def _lower(token: str) -> str:
    return token.strip(_TRAIL).lower()


class _Scanner:
    """State for one article: text, the article's own outlet, country for local aliases."""

    def __init__(self, text: str, article_url: str | None, language: str | None) -> None:
        self.text = text
        lower = text.lower()
        if len(lower) != len(text):  # a few characters lower-case to two ("İ"); keep offsets aligned
            lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        self.lower = lower
        self.words = {
            w.decode("utf-8", "ignore") for w in set(lower.encode("utf-8").translate(_BYTE_BREAKS).split())
        }
        self.own_domain = registrable_domain(article_url) if article_url else ""
        self.own_outlet = lookup_domain(article_url) if article_url else None
        country = self.own_outlet.country if self.own_outlet else None
        if country is None and self.own_domain:
            tld = self.own_domain.rsplit(".", 1)[-1]
            country = {
                "au": "AU",
                "uk": "GB",
                "ca": "CA",
                "in": "IN",
                "de": "DE",
                "at": "AT",
                "fr": "FR",
                "es": "ES",
                "mx": "MX",
                "ar": "AR",
                "pe": "PE",
                "ve": "VE",
                "uy": "UY",
                "py": "PY",
                "cr": "CR",
                "ae": "AE",
                "ie": "IE",
                "nz": "NZ",
            }.get(tld)
        if country is None and language:
            country = {"de": "DE", "fr": "FR", "es": "ES"}.get(language[:2].lower())
        self.country = country
        self.english = language is None or language[:2].lower() == "en"
        self.rows: list[Citation] = []
        self._surnames: dict[str, bool] = {}
        self.link_labels: set[str] = set()

    def set_links(self, links: Sequence[Link]) -> None:
        """Remember the external sites linked from the article: "the Tulsa World" linked to tulsaworld.com."""
        labels = set()
        for link in links:
            host = host_of(link.url or "")
            if host and "." in host:
                domain = registrable_domain(host)
                if domain != self.own_domain:
                    labels.add(domain.split(".")[0].replace("-", ""))
        self.link_labels = labels

    def outlet_like(self, words: list[str]) -> bool:
        if _looks_like_outlet(words):
            return True
        if not self.link_labels or not _plausible_name(words) or len(words) > 5:
            return False
        squashed = re.sub(r"[^a-z0-9]", "", " ".join(w for w in words if w.lower() != "the").lower())
        return len(squashed) >= 5 and any(
            squashed in label or (len(label) >= 5 and label in squashed) for label in self.link_labels
        )

    def is_self(self, words: list[str]) -> bool:
        """ "the Globe" on The Boston Globe's or californiaglobe.com's own pages is the article's own outlet."""
        if (
            self.own_outlet is not None
            and len(words) == 1
            and words[0].lower() in self.own_outlet.name.lower().split()
        ):
            return True
        squashed = re.sub(r"[^a-z0-9]", "", " ".join(words).lower())
        own_label = self.own_domain.split(".")[0] if self.own_domain else ""
        return len(squashed) >= 4 and squashed in own_label

    def is_surname(self, surface: str) -> bool:
        """Is a one-word outlet name used as a person's surname here ("Michael Bloomberg", "Klaus Stern")?"""
        if " " in surface:
            return False
        known = self._surnames.get(surface)
        if known is None:
            known = False
            text = self.text
            i = text.find(surface)
            while i != -1 and not known:
                before = text[max(0, i - 14) : i]
                if before.endswith((" ", "\u00a0")):
                    words = before.split()
                    known = bool(words) and _first_name_like(words[-1])
                i = text.find(surface, i + len(surface))
            self._surnames[surface] = known
        return known

    # -- lookups --

    def lookup(self, surface: str, det: str, bare_ok: bool = False) -> Outlet | None:
        """Registry outlet for a surface name, trying it with its determiner first ("der Spiegel")."""
        det = det.strip()
        if det:
            joined = det + surface if det.endswith(("'", "’")) else f"{det} {surface}"
            outlet = lookup_name(joined, self.country)
            if outlet is not None:
                return outlet
        outlet = lookup_name(surface, self.country)
        if outlet is None:
            return None
        # "The Australian", "The Hindu": a bare common word is not the paper, except in lists.
        if not bare_ok and det.lower() != "the" and not surface.startswith("The "):
            canonical = outlet.name
            if (
                canonical.startswith("The ")
                and " " not in canonical[4:]
                and name_key(surface) == name_key(canonical)
            ):
                return None
        return outlet

    # -- reading names --

    def read_forward(self, pos: int, bare_ok: bool = False) -> _Name | None:
        """The name starting at pos: a registry outlet or an unknown candidate."""
        forward, _ = _name_patterns()
        m = forward.match(self.text, pos)
        if not m:
            return None
        det = m.group("det") or ""
        tail = _LOWER_TAIL.match(self.text, m.end("run"))
        if tail:  # "le Journal du dimanche", "Le Canard enchaîné": lower-case words inside a name
            outlet = self.lookup(self.text[m.start("run") : tail.end()], det, bare_ok)
            if outlet is not None:
                return _Name(m.start("run"), tail.end(), outlet, self.text[m.start("run") : tail.end()], det)
        toks = _tokens(self.text, m.start("run"), m.end("run"))
        return self._resolve_prefix(toks, det, bare_ok)

    def _resolve_prefix(self, toks: list[tuple[int, int]], det: str, bare_ok: bool) -> _Name | None:
        text = self.text
        n = len(toks)
        limit = min(n, registry().max_tokens + 1)
        for j in range(limit, 0, -1):
            s0 = toks[0][0]
            s, e, poss = _clean_end(text, toks[j - 1][0], toks[j - 1][1])
            if e <= s or text[s:e].lower() in _CONNECTORS:
                continue
            # a name never runs over the end of a sentence
            if any(text[a:b].endswith(".") and not _is_abbreviation(text[a:b]) for a, b in toks[: j - 1]):
                continue
            surface = text[s0:e]
            outlet = self.lookup(surface, det, bare_ok)
            if outlet is None:
                continue
            rest = [text[a:b] for a, b in toks[j:]]
            if not rest or poss or self._rest_ok(rest) or text[toks[j - 1][1] - 1] in ".,;:":
                return _Name(s0, e, outlet, surface, det)
        return self._unknown(toks, det)

    @staticmethod
    def _rest_ok(rest: list[str]) -> bool:
        """After a registry name, may the run go on? ("Reuters on Monday" yes, "Australian Bureau" no)."""
        first = _lower(rest[0])
        if first in _TIME_WORDS:
            return True
        if first in _CONNECTORS and first not in {
            "of",
            "for",
            "de",
            "del",
            "du",
            "des",
            "für",
            "di",
            "da",
            "do",
            "dos",
            "&",
        }:
            return True
        return first in {"tv", "television", "online", "radio", "newspaper", "news", "magazine"}

    def _unknown(self, toks: list[tuple[int, int]], det: str) -> _Name | None:
        """An outlet the registry does not know, if the words make it one."""
        text = self.text
        words = [text[a:b] for a, b in toks]
        # cut at a time word, a possessive or a sentence end
        cut = len(words)
        for i, w in enumerate(words):
            lw = _lower(w)
            if lw in _TIME_WORDS and i > 0:
                cut = i
                while cut > 0 and _lower(words[cut - 1]) in _CONNECTORS:
                    cut -= 1
                break
            org_follows = i + 1 < len(words) and _lower(words[i + 1]) in _ORG_WORDS
            if (w.rstrip(_TRAIL).endswith(("'s", "’s")) and not org_follows) or (
                w.endswith(".") and not _is_abbreviation(w) and i < len(words) - 1
            ):
                cut = i + 1
                break
        toks = toks[:cut]
        if not toks:
            return None
        s = toks[0][0]
        _, e, _ = _clean_end(text, toks[-1][0], toks[-1][1])
        if e <= s:
            return None
        surface = text[s:e]
        if _DOMAIN_TOKEN.match(surface):
            outlet = lookup_domain(surface)
            return _Name(s, e, outlet, registrable_domain(surface), det)
        surface = _tidy(surface)
        if re.search(r"(?:des|eines)[ \u00a0]$", text[max(0, s - 6) : s]):
            surface = _nominative(surface)
        return _Name(s, e, None, surface, det)

    def read_backward(self, end: int) -> tuple[_Name | None, bool]:
        """The name ending just before a cue at `end`; also whether a clause sat between them."""
        _, backward = _name_patterns()
        start = max(0, end - 120)
        nl = self.text.rfind("\n", start, end)
        if nl >= 0:
            start = nl + 1
        m = backward.search(self.text, start, end)
        if not m:
            return None, False
        det = m.group("det") or m.group("el") or ""
        toks = _tokens(self.text, m.start("run"), m.end("run"))
        between = bool(m.group("inter") or m.group("which"))
        return self._resolve_suffix(toks, det), between

    def _resolve_suffix(self, toks: list[tuple[int, int]], det: str) -> _Name | None:
        text = self.text
        # drop everything up to the last sentence end inside the run
        for i in range(len(toks) - 2, -1, -1):
            w = text[toks[i][0] : toks[i][1]]
            if w.endswith((".", "!", "?", ":")) and not _is_abbreviation(w):
                toks = toks[i + 1 :]
                det = ""
                break
        ends = [len(toks)]
        ends += [k + 1 for k in range(len(toks) - 1) if text[toks[k][0] : toks[k][1]].endswith(("'s", "’s"))]
        for stop in ends:
            span = toks[:stop]
            for i in range(len(span)):
                if text[span[i][0] : span[i][1]] in _CONNECTORS:
                    continue
                if i > 0 and not all(_is_lead(text[a:b]) for a, b in span[:i]):
                    continue
                s0 = span[i][0]
                _, e, _ = _clean_end(text, span[-1][0], span[-1][1])
                if e <= s0:
                    continue
                outlet = self.lookup(text[s0:e], det if i == 0 else "")
                if outlet is not None:
                    return _Name(s0, e, outlet, text[s0:e], det if i == 0 else "")
        lead = 0
        while lead < len(toks) - 1 and _is_lead(self.text[toks[lead][0] : toks[lead][1]]):
            lead += 1
        toks = toks[lead:]
        poss = [
            k for k in range(len(toks)) if text[toks[k][0] : toks[k][1]].rstrip(_TRAIL).endswith(("'s", "’s"))
        ]
        if poss:
            toks = toks[: poss[0] + 1]
        return self._unknown(toks, det if lead == 0 else "")

    # -- emitting --

    def emit(
        self,
        kind: str,
        name: _Name | None,
        allow_unknown: bool,
        types: frozenset[str] | None,
        licensed: bool = False,
        study: bool = False,
    ) -> bool:
        if name is None:
            return False
        outlet = name.outlet
        text = self.text
        if outlet is not None:
            if kind in {"attribution", "via"} and self.is_surname(text[name.start : name.end]):
                return False
            if study:
                kind = "attribution" if outlet.type in MEDIA_TYPES else "study"
            elif types is not None and outlet.type not in types:
                return False
            self.add(
                kind,
                outlet.name,
                text[name.start : name.end],
                outlet.domain,
                None,
                name.start,
                name.end,
                outlet.type,
            )
            return True
        if not allow_unknown:
            return False
        words = name.text.split()
        if self.is_self(words):
            return False
        if study:
            proper = (
                name.det.strip().lower() in {"the", "der", "die", "das", "le", "la", "el"} and len(words) >= 2
            )
            if _looks_like_org(words) or (proper and _plausible_name(words)):
                kind = "study"
            elif self.outlet_like(words):
                kind = "attribution"
            else:
                return False
        elif not (licensed or self.outlet_like(words)) or not _plausible_name(words):
            return False
        if not name.text or len(words) > 7:
            return False
        domain = name.text if _DOMAIN_TOKEN.match(name.text) else None
        self.add(kind, name.text, text[name.start : name.end], domain, None, name.start, name.end, None)
        return True

    def add(
        self,
        kind: str,
        source_name: str,
        source_text: str,
        domain: str | None,
        url: str | None,
        start: int | None,
        end: int | None,
        source_type: str | None,
    ) -> None:
        self.rows.append(Citation(kind, source_name, source_text, domain, url, start, end, source_type))


# Common given names: "Michael Bloomberg said" is a person, "Bloomberg said" may be the agency.
_GIVEN_NAMES = frozenset(
    """james john robert michael william david richard joseph thomas charles christopher daniel matthew
    anthony mark donald steven steve paul andrew joshua kenneth kevin brian george timothy ronald edward
    jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin
    samuel gregory alexander frank patrick raymond jack dennis jerry tyler aaron jose adam nathan henry
    peter zachary douglas harold kyle noah gerald carl keith roger arthur terry lawrence sean christian
    albert joe ethan austin jesse willie billy bryan bruce jordan ralph roy alan wayne eugene juan louis
    mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty margaret
    sandra ashley kimberly emily donna michelle carol amanda dorothy melissa deborah stephanie rebecca
    sharon laura cynthia kathleen amy angela shirley anna brenda pamela emma nicole helen samantha
    katherine christine debra rachel carolyn janet catherine maria heather diane ruth julie olivia joyce
    virginia victoria kelly lauren christina joan evelyn judith megan andrea cheryl hannah jacqueline
    martha gloria teresa ann sara madison frances kathryn janice jean abigail alice judy sophia grace
    denise amber doris marilyn danielle beverly isabella theresa diana natalie brittany charlotte marie
    kayla alexis lori jane tom tim ben sam dan mike chris matt nick bob jim bill rick dick ted fred
    klaus hans jürgen peter wolfgang michael werner gerhard helmut dieter horst uwe günter manfred karl
    heinz walter stefan andreas frank markus martin jens torsten sven lars jan tobias florian sebastian
    alexander maximilian lukas felix jonas leon paul elias moritz ursula monika petra sabine renate
    karin brigitte gabriele angelika ingrid birgit heike andrea susanne claudia stefanie julia katharina
    anja nicole silke kerstin jean pierre michel philippe alain patrick nicolas christophe françois
    laurent frédéric éric olivier emmanuel julien sébastien vincent thierry bernard jacques marie
    nathalie isabelle sylvie catherine françoise valérie sandrine sophie céline aurélie camille
    josé antonio manuel francisco juan david javier jesús daniel carlos miguel rafael pedro pablo
    ángel alejandro fernando luis sergio jorge alberto álvaro diego adrián raúl enrique ramón vicente
    carmen josefa isabel dolores pilar teresa ana laura cristina marta lucía mercedes rosa elena
    paula raquel silvia patricia beatriz""".split()
)


def _first_name_like(word: str) -> bool:
    return word.lower() in _GIVEN_NAMES


def _tidy(surface: str) -> str:
    """Quotes, blanks and a lower-case "the" off; a capitalised "The" mid-sentence is part of the name."""
    surface = surface.strip(_OPEN_QUOTES + _CLOSE_QUOTES + " .,;:")
    surface = re.sub(r"\s+", " ", surface)
    if surface.startswith("the ") and len(surface) > 4:
        surface = surface[4:]
    return surface


def _nominative(name: str) -> str:
    """German genitive to nominative for organisation heads: "Instituts für X" -> "Institut für X"."""
    first, _, rest = name.partition(" ")
    for ending in ("es", "s"):
        stem = first[: -len(ending)]
        if first.endswith(ending) and stem.lower().endswith(tuple(w for w in _ORG_WORDS if len(w) > 3)):
            return f"{stem} {rest}".strip()
    return name


def _plausible_name(words: list[str]) -> bool:
    return bool(words) and not any(w.lower().strip(_TRAIL) in _PERSON_WORDS for w in words)


def _looks_like_outlet(words: list[str]) -> bool:
    if not words or len(words) > 6 or not _plausible_name(words):
        return False
    lw = [w.lower().strip(_TRAIL) for w in words]
    while len(lw) > 1 and lw[-1].isdigit():
        lw.pop()
    last = lw[-1]
    if "-" in last:
        last = last.rsplit("-", 1)[1]  # "Nordwest-Zeitung" counts, "Instagram-Post" does not
        suffix_ok = last in _OUTLET_WORDS
    else:
        suffix_ok = last.endswith(_OUTLET_SUFFIXES) and len(last) > 6
    if last in _OUTLET_WORDS or suffix_ok:
        return len(words) > 1 or lw[-1] not in {
            "news",
            "radio",
            "tv",
            "daily",
            "magazine",
            "online",
            "journal",
            "post",
        }
    for i, w in enumerate(lw[:-1]):
        if w in _OUTLET_WORDS and lw[i + 1] in {"of", "de", "del", "du", "des", "für"} and len(lw) - i <= 5:
            return True
    return len(words) > 1 and lw[0] in _OUTLET_PREFIXES and words[1][:1].isupper()


def _looks_like_org(words: list[str]) -> bool:
    if not words or len(words) > 8 or not _plausible_name(words):
        return False
    for w in words:
        lw = w.lower().strip(_TRAIL)
        if lw in _ORG_WORDS or (lw.endswith("s") and (lw[:-1] in _ORG_WORDS or lw[:-2] in _ORG_WORDS)):
            return True
    if any(ch.isdigit() for w in words for ch in w):
        return False  # "RTX 3080 review" is a product
    acronyms = [
        w
        for w in (x.strip(_TRAIL) for x in words)
        if 2 <= len(w) <= 7 and w.isupper() and w.isalpha() and w not in _COUNTRY_ABBREVIATIONS
    ]
    return bool(acronyms) and len(words) <= 3


# --- the kinds ----------------------------------------------------------------------------------


_ATTR_TYPES = MEDIA_TYPES | {"journal"}
_BROADCAST = frozenset({"broadcaster"})
_WIRE = frozenset({"wire"})
_CREDIT_TYPES = MEDIA_TYPES | {"agency", "platform", "journal", "organisation"}


def _match_cues(
    sc: _Scanner, table: dict[str, list[tuple[str, re.Pattern[str]]]]
) -> Iterable[tuple[str, re.Match[str]]]:
    last_end = -1
    for pos, word in _trigger_positions(sc, table):
        if pos < last_end:
            continue
        for cls, pattern in table[word]:
            m = pattern.match(sc.text, pos)
            if m:
                last_end = m.end()
                yield cls, m
                break


def _forward_cues(sc: _Scanner) -> None:
    text = sc.text
    for cls, m in _match_cues(sc, _FORWARD_TABLE):
        pos = m.end()
        kind = {
            "attr": "attribution",
            "on": "attribution",
            "via": "via",
            "per": "attribution",
            "study": "study",
            "src": "source_line",
        }[cls]
        types = {"on": _BROADCAST, "per": MEDIA_TYPES, "via": _ATTR_TYPES}.get(cls, _ATTR_TYPES)
        if cls == "per" and (not sc.english or text.startswith(("Mail", "E-Mail", "Post", "Fax"), pos)):
            continue  # German "per Mail" is "by e-mail"
        allow_unknown = cls in {"attr", "via", "study", "src"}
        study = cls == "study"
        for _ in range(4):  # "told CNN and the New York Times"
            name = sc.read_forward(pos)
            licensed = False
            if name is not None and name.outlet is None:
                licensed = bool(_DESCRIPTOR_AFTER.match(text, name.end))
            if (
                name is None
                or (
                    name.outlet is None
                    and not licensed
                    and not sc.outlet_like(name.text.split())
                    and not study
                )
            ) and cls in {"attr", "src"}:
                d = _DESCRIPTOR.match(text, pos)
                if d:
                    alt = sc.read_forward(d.end())
                    if alt is not None:
                        name, licensed = alt, True
            if not sc.emit(kind, name, allow_unknown, types, licensed, study) or name is None:
                break
            if study:
                _poll_for(sc, name.end)
            c = _COORDINATION.match(text, name.end)
            if not c:
                break
            pos = c.end()


_FOR_OUTLET = re.compile(r"[ \u00a0]+(?:for|pour|für|para)[ \u00a0]+")


def _poll_for(sc: _Scanner, pos: int) -> None:
    """ "a YouGov poll for The Times", "un sondage Ifop pour le JDD": the outlet that commissioned it."""
    m = _FOR_OUTLET.match(sc.text, pos)
    if m:
        sc.emit("attribution", sc.read_forward(m.end()), False, MEDIA_TYPES)


def _backward_cues(sc: _Scanner) -> None:
    for cls, m in _match_cues(sc, _BACKWARD_TABLE):
        name, between = sc.read_backward(m.start())
        if name is None:
            continue
        if cls == "noun" and between:
            continue
        if cls == "noun" and name.outlet is None and len(name.text.split()) == 1:
            continue
        if cls == "noun":
            if sc.emit("attribution", name, True, None, study=True):
                _poll_for(sc, m.end() - len(m.group(0)) + len(m.group(0).rstrip()))
        elif cls == "said":
            if not between:
                sc.emit("attribution", name, False, _WIRE)
        elif cls == "src":
            sc.emit("source_line", name, True, None)
        else:
            sc.emit("attribution", name, True, _ATTR_TYPES)


def _resolve_item(sc: _Scanner, raw: str, start: int) -> tuple[Outlet | None, str, int, int, str | None]:
    """A list item ("Reuters", "the Independent", "cbc.ca") as (outlet, name, start, end, domain)."""
    lead = len(raw) - len(raw.lstrip(" \t|" + _OPEN_QUOTES))
    item = raw.strip(" \t.;:|" + _OPEN_QUOTES + _CLOSE_QUOTES)
    item = _LICENCE.sub("", item).strip()
    item = re.sub(r"[ \t]*\([^()]*\)?$", "", item).strip(" \t.;:")
    s = start + lead
    e = s + len(item)
    if not item:
        return None, "", s, e, None
    if _DOMAIN_TOKEN.match(item) and "." in item:
        outlet = lookup_domain(item)
        domain = registrable_domain(item)
        if not is_well_formed_domain(domain):
            return None, "", s, e, None
        return outlet, outlet.name if outlet else domain, s, e, domain
    det = ""
    words = item.split()
    if len(words) > 1 and words[0].lower() in {"the", "der", "die", "das", "le", "la", "el"}:
        det = words[0]
    outlet = sc.lookup(item, "", bare_ok=True) or (
        sc.lookup(" ".join(words[1:]), det, bare_ok=True) if det else None
    )
    return outlet, outlet.name if outlet else _tidy(item), s, e, outlet.domain if outlet else None


def _list_items(segment: str, base: int, splitter: re.Pattern[str]) -> Iterable[tuple[str, int]]:
    pos = 0
    for m in splitter.finditer(segment):
        if m.start() > pos:
            yield segment[pos : m.start()], base + pos
        pos = m.end()
    if pos < len(segment):
        yield segment[pos:], base + pos


def _source_segment(sc: _Scanner, segment: str, base: int) -> None:
    for chunk, cstart in _list_items(segment, base, re.compile(r"[ \t]*[,;][ \t]*")):
        via_parts = re.split(r"[ \t]+via[ \t]+", chunk, maxsplit=1)
        head = via_parts[0]
        pieces = [(head, cstart)]
        outlet, *_ = _resolve_item(sc, head, cstart)
        if outlet is None:
            split = list(_list_items(head, cstart, _PART_SPLIT))
            if len(split) > 1 and ("/" in head or all(_resolve_item(sc, p, 0)[0] for p, _ in split)):
                pieces = split
        for piece, pstart in pieces:
            _emit_item(sc, "source_line", piece, pstart, strict=False)
        if len(via_parts) == 2:
            vstart = cstart + chunk.index(via_parts[1], len(head))
            _emit_item(sc, "via", via_parts[1], vstart, strict=False)


def _emit_item(sc: _Scanner, kind: str, raw: str, start: int, strict: bool) -> None:
    outlet, name, s, e, domain = _resolve_item(sc, raw, start)
    if not name:
        return
    if outlet is not None:
        sc.add(kind, outlet.name, sc.text[s:e], outlet.domain, None, s, e, outlet.type)
        return
    words = name.split()
    if name[:1].isdigit() and not domain:
        return
    if (
        name.lower() in _GENERIC_ITEMS
        or not words
        or len(words) > 6
        or (not name[:1].isupper() and not domain)
    ):
        return
    if strict and not (sc.outlet_like(words) or domain):
        return
    if not _plausible_name(words):
        return
    sc.add(kind, name, sc.text[s:e], domain, None, s, e, None)


def _photo_segment(sc: _Scanner, segment: str, base: int, registry_only: bool = False) -> None:
    """ "Global Panorama/Flickr", "John Smith/AFP via Getty Images", "AP Photo/Evan Vucci"."""
    lead = _PHOTO_NOISE.match(segment)
    offset = lead.end() if lead else 0
    segment = segment[offset:]
    base += offset
    parts = list(_list_items(segment, base, _PHOTO_SPLIT))
    via_at = [m.end() for m in re.finditer(r"[ \t]via[ \t]", segment, re.I)]
    for piece, pstart in parts:
        noise = _PHOTO_NOISE.match(piece)
        if noise:
            piece, pstart = piece[noise.end() :], pstart + noise.end()
        if _PHOTO_WORD.fullmatch(piece.strip(" .")):
            continue
        kind = "via" if any(pstart - base == v or pstart - base == v + 1 for v in via_at) else "photo_credit"
        outlet, name, s, e, domain = _resolve_item(sc, piece, pstart)
        if outlet is not None and outlet.type in _CREDIT_TYPES:
            sc.add(kind, outlet.name, sc.text[s:e], outlet.domain, None, s, e, outlet.type)
        elif (
            outlet is None
            and not registry_only
            and name
            and name.lower() not in _GENERIC_ITEMS
            and (sc.outlet_like(name.split()) or domain)
        ):
            sc.add(kind, name, sc.text[s:e], domain, None, s, e, None)


_LABEL_LAST_WORDS = frozenset(
    """source sources source(s) quelle quellen quelle(n) fuente fuentes fonte via références von credit credits
    photo photos image images picture pictures pic foto fotos bild bilder bildquelle titelbild crédit crédits
    photographie imagen fotografía de illustration""".split()
)


def _label_matches(sc: _Scanner) -> Iterable[re.Match[str]]:
    """Labels end in a colon: look only behind the few colons of the text."""
    text = sc.text
    i = text.find(":")
    while i != -1:
        lo = max(0, i - 40)
        nl = text.rfind("\n", lo, i)
        if nl != -1:
            lo = nl + 1
        words = text[lo:i].split()
        if words and words[-1].lower().lstrip("(") in _LABEL_LAST_WORDS:
            m = _LABEL_RE.search(text, lo, i + 1)
            if m:
                yield _LabelMatch(m, text, i + 1)
        i = text.find(":", i + 1)


class _LabelMatch:
    """A label match whose end also covers the blanks after the colon."""

    def __init__(self, m: re.Match[str], text: str, after_colon: int) -> None:
        self._m = m
        end = after_colon
        while end < len(text) and text[end] in " \t":
            end += 1
        self._end = end

    def group(self, name: str) -> str | None:
        return self._m.group(name)

    def end(self) -> int:
        return self._end


def _labelled(sc: _Scanner) -> None:
    text = sc.text
    for m in _label_matches(sc):
        end_m = _SEGMENT_END.search(text, m.end())
        end = end_m.start() if end_m else len(text)
        nl = text.find("\n", m.end())
        if nl != -1 and nl < end:
            end = nl
        segment = text[m.end() : end]
        if not segment.strip() or len(segment) > 300:
            continue
        if m.group("src"):
            if m.group("src").lower() == "via":
                _source_segment_via(sc, segment, m.end())
            else:
                _source_segment(sc, segment, m.end())
        else:
            _photo_segment(sc, segment, m.end())


def _source_segment_via(sc: _Scanner, segment: str, base: int) -> None:
    for piece, pstart in _list_items(segment, base, _PART_SPLIT):
        _emit_item(sc, "via", piece, pstart, strict=False)


def _agency_tags(sc: _Scanner) -> None:
    """ "BERLIN (dpa) -", "(AFP)", "(AP Photo/Evan Vucci)", "— AP", "© AFP"."""
    text = sc.text
    for m in _PAREN_RE.finditer(text):
        inner = m.group(1)
        if ":" in inner and _LABEL_RE.match(inner):
            continue  # "(Photo: ...)" is a labelled segment
        if _defines_acronym(text, m.start(), inner):
            continue  # "Administración Nacional de Puertos (ANP)" is not the Dutch agency
        placed = _dateline_position(text, m.start(1)) or bool(_TAG_END.match(text, m.end()))
        _tag(sc, inner, m.start(1), paren=True, placed=placed)
    offset = 0
    for line in text.split("\n"):
        if len(line.strip()) <= 40:
            m = _SHORT_LINE_RE.match(line)
            if m and m.group(1).strip():
                _tag(sc, m.group(1), offset + m.start(1), paren=False, whole_line=True)
        tail = line[-45:]
        if "—" in tail or "–" in tail or "-" in tail:
            m = _TRAILER_RE.search(line, max(0, len(line) - 45))
            if m:
                _tag(sc, m.group(1), offset + m.start(1), paren=False)
        offset += len(line) + 1
    if "©" not in text and "(c)" not in sc.lower and "copyright" not in sc.lower:
        return
    for m in _COPYRIGHT_RE.finditer(text):
        end = min(len(text), m.end() + 80)
        for stop in ("\n", ")", " / ", " | "):
            k = text.find(stop, m.end(), end)
            if k != -1:
                end = k
        segment = text[m.end() : end]
        if m.group(0).lower().startswith("copyright"):
            for piece, pstart in _list_items(segment.split(".")[0], m.end(), _PART_SPLIT):
                outlet, _, s, e, _ = _resolve_item(sc, piece, pstart)
                if outlet is not None and outlet.type in MEDIA_TYPES | {"agency"}:
                    sc.add("source_line", outlet.name, text[s:e], outlet.domain, None, s, e, outlet.type)
        else:
            _photo_segment(sc, segment, m.end(), registry_only=True)


def _tag(
    sc: _Scanner, inner: str, base: int, paren: bool, whole_line: bool = False, placed: bool = True
) -> None:
    text = sc.text
    stripped = re.match(r"^[ \t]*(?:avec|with|mit|con|source|quelle|fuente)[ \t:]+", inner, re.I)
    if stripped:
        base += stripped.end()
        inner = inner[stripped.end() :]
    if paren and ("/" in inner or _PHOTO_WORD.search(inner)):
        parts = [p for p, _ in _list_items(inner, base, _PART_SPLIT)]
        resolved = [_resolve_item(sc, p, 0)[0] for p in parts]
        photo_word = _PHOTO_WORD.search(inner) and not _PHOTO_WORD.fullmatch(inner.strip())
        if photo_word or ("/" in inner and any(o is not None and o.type == "agency" for o in resolved)):
            _photo_segment(sc, inner, base)
            return
    if not placed:
        return
    found: list[tuple[Outlet, int, int]] = []
    for piece, pstart in _list_items(inner, base, _PART_SPLIT):
        outlet, _, s, e, _ = _resolve_item(sc, piece, pstart)
        if outlet is None:
            if _INITIALS.match(piece.strip()):  # editor's initials in "dpa/jdd"
                continue
            return
        found.append((outlet, s, e))
    if not found:
        return
    wires = all(o.type == "wire" for o, _, _ in found)
    dateline = paren and _dateline_position(text, base) and all(o.type in MEDIA_TYPES for o, _, _ in found)
    if not (wires or dateline):
        return
    if whole_line and len(found) == 1 and not paren and found[0][0].type != "wire":
        return
    for outlet, s, e in found:
        sc.add("source_line", outlet.name, text[s:e], outlet.domain, None, s, e, outlet.type)


def _defines_acronym(text: str, paren_start: int, inner: str) -> bool:
    acronym = inner.strip()
    if not (2 <= len(acronym) <= 8 and acronym.isalpha() and acronym.isupper()):
        return False
    words = [
        w for w in re.findall(r"[\w'-]+", text[max(0, paren_start - 120) : paren_start]) if w[:1].isupper()
    ]
    initials = "".join(w[0] for w in words[-len(acronym) :]).upper()
    return initials == acronym


def _dateline_position(text: str, inner_start: int) -> bool:
    """ "WASHINGTON (CNN) —": the tag sits at the start of a paragraph and a dash or colon follows."""
    line_start = text.rfind("\n", 0, inner_start) + 1
    before = text[line_start : inner_start - 1]
    after = text[text.find(")", inner_start) + 1 :][:4]
    return (
        len(before) <= 40
        and not re.search(r"[a-z]{3,}[ .]", before)
        and bool(re.match(r"[ \t]*[-–—:]", after))
    )


def _links(sc: _Scanner, links: Sequence[Link]) -> None:
    for link in links:
        url = (link.url or "").strip()
        if not url.lower().startswith(("http://", "https://", "//")) or _SHARE_URL.search(url):
            continue
        host = host_of(url)
        if not host or "." not in host:
            continue
        domain = registrable_domain(host)
        if not is_well_formed_domain(domain):
            continue
        outlet = lookup_domain(host)
        if domain == sc.own_domain or (outlet is not None and outlet is sc.own_outlet):
            continue  # internal link
        name = outlet.name if outlet else domain
        start, end = link.start, link.end
        if start is not None and end is not None and not (0 <= start <= end <= len(sc.text)):
            start = end = None
        if outlet is None and start is not None and end is not None:
            # "told the Tulsa World" linked to tulsaworld.com: one source, named as written
            for i, row in enumerate(sc.rows):
                if (
                    row.source_type is None
                    and row.source_domain is None
                    and row.start is not None
                    and row.end is not None
                    and row.start < end
                    and start < row.end
                ):
                    name = row.source_name
                    sc.rows[i] = replace(row, source_domain=domain, url=url)
        sc.add(
            "link",
            name,
            link.anchor_text or url,
            outlet.domain if outlet else domain,
            url,
            start,
            end,
            outlet.type if outlet else None,
        )


_PRIORITY = {"source_line": 0, "via": 1, "photo_credit": 2, "attribution": 3, "study": 4, "link": 5}


def _dedupe(sc: _Scanner) -> list[Citation]:
    best: dict[tuple, Citation] = {}
    for row in sc.rows:
        if sc.own_outlet is not None and row.source_name == sc.own_outlet.name:
            continue  # the article's own outlet is not a citation
        if row.kind != "link" and sc.own_domain and row.source_domain == sc.own_domain:
            continue
        key = (
            row.kind == "link",
            row.source_name,
            row.start,
            row.end,
            row.url if row.kind == "link" else None,
        )
        kept = best.get(key)
        if kept is None or _PRIORITY[row.kind] < _PRIORITY[kept.kind]:
            best[key] = row
    out = list(best.values())
    out.sort(key=lambda r: (r.start if r.start is not None else len(sc.text) + 1, _PRIORITY[r.kind]))
    return out


def find_citations(
    text: str,
    links: Sequence[Link],
    article_url: str | None,
    language: str | None = None,
) -> list[Citation]:
    """Citations of one article: attributions, source lines, via, photo credits, studies and links."""
    text = text or ""
    sc = _Scanner(text, article_url, language)
    sc.set_links(links or ())
    if text:
        _labelled(sc)
        _agency_tags(sc)
        _forward_cues(sc)
        _backward_cues(sc)
    _links(sc, links or ())
    return _dedupe(sc)
