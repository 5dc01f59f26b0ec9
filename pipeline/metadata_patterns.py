"""Words, names and patterns that metadata reconciliation reads pages with: data, not logic.

Kept apart from `pipeline/metadata.py` and `pipeline/page_signals.py` (as trafilatura keeps its
XPath expressions in `xpaths.py`) so that a new language, a new byline formula or a new meta
name is one line here. Languages covered: English, German, French, Spanish (and the Italian,
Dutch and Portuguese words that cost nothing to add).
"""

from __future__ import annotations

import re

# --- page types --------------------------------------------------------------------------------

# schema.org types of a single article (JSON-LD @type, lower-cased)
ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "reviewnewsarticle",
        "askpublicnewsarticle",
        "satiricalarticle",
        "blogposting",
        "liveblogposting",
        "socialmediaposting",
        "techarticle",
        "scholarlyarticle",
        "report",
        "review",
    }
)
# schema.org types of a page that lists other pages
LISTING_TYPES = frozenset({"collectionpage", "itemlist", "searchresultspage"})
# og:type values of an article page
OG_ARTICLE_TYPES = frozenset({"article", "news", "blog", "blogpost", "newsarticle"})

# --- meta names (lower-cased name / property / itemprop) ---------------------------------------

TITLE_META = ("og:title", "twitter:title", "title", "dc.title", "headline", "sailthru.title", "parsely-title")
SITE_NAME_META = (
    "og:site_name",
    "application-name",
    "apple-mobile-web-app-title",
    "publisher",
    "dc.publisher",
)
TWITTER_SITE_META = ("twitter:site",)
AUTHOR_META = (
    "author",
    "article:author",
    "dc.creator",
    "dc.contributor",
    "byl",
    "sailthru.author",
    "parsely-author",
    "citation_author",
    "og:article:author",
    "dcterms.creator",
    "cxenseparse:author",
)
# published first; modified dates only when nothing else is declared
PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "publishdate",
    "publish_date",
    "publish-date",
    "pubdate",
    "date",
    "dc.date",
    "dc.date.issued",
    "dc.date.created",
    "dcterms.date",
    "dcterms.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "published-date",
    "release_date",
    "citation_publication_date",
    "citation_date",
    "originalpublicationdate",
    "date.release",
    "dat",
    "displaydate",
    "cxenseparse:recs:publishtime",
)
DESCRIPTION_META = ("og:description", "description", "twitter:description", "dc.description")
LANGUAGE_META = ("content-language", "language", "dc.language", "og:locale", "inlanguage")
TAG_META = ("article:tag", "keywords", "news_keywords", "parsely-tags")
SECTION_META = ("article:section", "parsely-section", "section")
OG_TYPE_META = "og:type"

# --- titles ------------------------------------------------------------------------------------

# Separators between a headline and the site or section name in <title> and og:title: a bar, or
# a dash, bullet, guillemet or slash with spaces around it, or a double colon. A single colon is
# not one: headlines use it ("Studie zeigt: ...", and French puts a space before it).
TITLE_SEPARATOR = re.compile(r"\s*\|\s*|\s+[–—\-·•»«/~⋆]{1,2}\s+|\s*::\s*")
# A part that is only a date ("23.01.2022", "2021-05-04", "4 May 2021") is no headline.
DATE_PART = re.compile(
    r"^\(?\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\)?$|^\d{1,2}\.?\s+\w+\.?\s+\d{4}$|^\w+\.?\s+\d{1,2},?\s+\d{4}$"
)
# Section words that sit beside a headline in <title> ("News", "Politik", "Sport")
SECTION_WORDS = frozenset(
    """news home homepage startseite accueil inicio portada nachrichten aktuelles aktuell actualités
    actualites noticias notizie nieuws politics politik politique política politica world welt monde
    mundo internacional international business wirtschaft économie economie economía economia sport
    sports deportes culture kultur cultura opinion meinung opinión opinión tech technology technik
    science wissenschaft local lokales region regional blog artikel article articles article
    feuilleton panorama gesellschaft société sociedad entertainment lifestyle leben video videos
    audio podcast americas america latin europe asia pacific africa middle east uk us usa nation
    metro state states deutschland inland ausland france españa espana mundo europa""".split()
)
# Headings that are page furniture, never a headline (compared lower-cased, whole text)
FURNITURE_HEADINGS = frozenset(
    """navigation menu menü hauptmenü main menu search suche recherche buscar quicklink quicklinks
    kommentare comments commentaires comentarios related stories partner impressum datenschutz
    datenschutzerklärung contact kontakt share teilen partager newsletter footer header
    beitragsnavigation post navigation""".split("\n")
)
# Elements a headline is never inside (site chrome)
CHROME_TAGS = frozenset(
    {"nav", "footer", "aside", "form", "noscript", "template", "button", "label", "select"}
)
CHROME_CLASS = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|footer|sidebar|breadcrumbs?|logo|brand|branding|masthead|"
    r"banner|topbar|top-bar|site-header|global-header|"
    r"site-?title|site-?name|site-?branding|widget|related|teaser|promo|newsletter|cookie|modal|"
    r"comments?|share|social|sr-only|visually-?hidden|screen-?reader)(?:$|[\s_-])",
    re.IGNORECASE,
)
# Parts of a headline element that are not the headline: a kicker above it, a date, categories
KICKER_CLASS = re.compile(
    r"kicker|dachzeile|spitzmarke|topline|overline|eyebrow|roofline|supertitle|super-title|pretitle|"
    r"pre-title|topic|label|category|rubri|flag|subtitle|sub-title|date|time|tag",
    re.IGNORECASE,
)
KICKER_TAGS = frozenset({"small", "time", "sup", "sub", "button", "svg", "script", "style", "noscript"})
HEADLINE_CLASS = re.compile(
    r"headline|(?:post|entry|article|story|page|news|content|main|single)[-_]?(?:title|header|heading|head)"
    r"|(?:^|\s)title(?:\s|$)",
    re.IGNORECASE,
)

# --- authors -----------------------------------------------------------------------------------

# A byline's lead-in: "By", "Von", "Par", "Por", "Di", "Door", "Written by", "Text:", "Autor:"
BYLINE_PREFIX = re.compile(
    r"^\s*(?:(?:written|posted|published|reported|compiled|words|text|story|interview|photos?)\s+by|"
    r"(?:ein )?(?:artikel|beitrag|gastbeitrag|kommentar|interview|text|fotos?|& fotos?|und fotos?) von|"
    r"zum profil von|artikel von:|interview|escribe|& fotos?:|fotos?:|erstellt von|eingestellt von|über|"
    r"about|à propos de|sobre|[\w-]+-(?:experte|expertin|autor|autorin|redakteur|redakteurin)|"
    r"by|von|vom|par|por|di|door|de|texte?|text und fotos?|autor(?:in)?|author|auteur|redaktion|"
    r"reporter|reportage|geschrieben von|verfasst von|veröffentlicht von|publié par|escrito por|"
    r"publicado por|scritto da)\s*[:.]?\s+",
    re.IGNORECASE,
)
# Roles and titles that follow or precede a name in a byline: "Jane Doe, Staff Reporter"
AUTHOR_ROLES = re.compile(
    r"\b(?:staff|senior|chief|special|contributing|guest|associate|deputy|managing|political|"
    r"business|science|sports?|foreign|economics|health|tech(?:nology)?|national|local|white house|"
    r"washington|education|environment|investigative)?\s*(?:reporter|writer|editor|correspondent|"
    r"columnist|contributor|journalist|photographer|producer|analyst|critic|intern|bureau chief|"
    r"redakteur(?:in)?|korrespondent(?:in)?|autor(?:in)?|journaliste|rédacteur|rédactrice|"
    r"correspondant(?:e)?|envoyée? spéciale?|periodista|redactor(?:a)?|corresponsal|editor(?:a)?)s?\b"
    r"|\b(?:for|für|pour|para|with|mit|avec|con|in|at|aus)\s+(?:the\s+)?[A-Z][\w.&' -]{1,40}$"
    r"|\b(?:updated|aktualisiert|mis à jour|actualizado|published|veröffentlicht|publié|publicado)\b.*$"
    r"|\bagencies\b|\b(?:afp|dpa|ap|reuters|epd|kna|sid|efe|ansa)\b(?=\s*$)",
    re.IGNORECASE,
)
# Joins between several names in one byline
AUTHOR_JOIN = re.compile(
    r"\s*(?:;|,|\s&\s|\s\+\s|\|)\s*|\s+(?:and|und|et|y|e|en|und von|and by)\s+", re.IGNORECASE
)
# What is not a person's name even when a page declares it as the author
NOT_A_NAME = re.compile(
    r"^(?:admin|administrator|editor|editors|redaktion|rédaction|redacción|staff|team|newsroom|"
    r"web ?desk|desk|online|guest|gast|anonymous|anonym|unknown|user|webmaster|null|none|undefined|"
    r"no author|author|autor|auteur|by|von|par|por|posted|share|facebook|twitter|view all posts|"
    r"more|read more|follow|contact|email|e-mail|name|datum|date|auteurs|authors|autoren|human|collectif|"
    r"kategorie|kategorien|category|archiv|archive|profil|profile|posted|published|publiziert|https?)$"
    r"|https?://|www\.|@\w|\d{3,}|\bview all posts\b|\bposts by\b",
    re.IGNORECASE,
)
# Organisations, not people: dropped from author lists (a publisher declared as the author)
ORGANISATION_NAME = re.compile(
    r"\b(?:gmbh|ag|e\.\s?v\.?|e v|inc|ltd|llc|plc|corp|verlag|media|média|medien|group|gruppe|"
    r"press|presse|zeitung|magazin|magazine|online|tv|radio|network|netzwerk|stiftung|foundation|"
    r"association|verband|institut|institute|university|universität|nast|publishing|news service|"
    r"newsroom|editorial team|redaktion [a-z]+)\b",
    re.IGNORECASE,
)
BYLINE_DISCARD_CLASS = re.compile(
    r"comment|related|teaser|sidebar|footer|share|social|bio|about-?the-?author|author-?box|avatar|"
    r"newsletter|promo|recommend|more-?from|widget",
    re.IGNORECASE,
)
# Where a page keeps its byline: class/id/rel/itemprop/data-* values. Matched in one Python pass
# over the elements (XPath with many predicates, or with regular expressions that call back into
# Python per element, cost several times more on real pages).
BYLINE_ATTRIBUTE = re.compile(
    r"uthor|yline|byl\b|screenname|writer|username|submitted-?by|posted-?by|journalist|channel-name|"
    r"autor|auteur|reporter|verfasser|firma",
    re.IGNORECASE,
)
# The most specific of those: a hit here beats an earlier, vaguer one
BYLINE_SPECIFIC = re.compile(r"^(?:author|byline|byl|username)$|author-?name|authorname", re.IGNORECASE)
BYLINE_TAGS = frozenset(
    {"a", "address", "div", "link", "p", "span", "strong", "h3", "h4", "li", "em", "b", "author"}
)
# Blocks whose names are not the article's author: comments, reviews, quotes, sidebars, dates
AUTHOR_DISCARD_ATTRIBUTE = re.compile(
    r"^comments|comment-?list|comments-list|productreviews|sidebar|is-hidden|quote|article-(?:share|support)|"
    r"print|category|meta-date|meta-reviewer|^title$|^date$",
    re.IGNORECASE,
)
AUTHOR_DISCARD_TAGS = frozenset({"time", "figure", "figcaption", "blockquote"})
MAX_AUTHOR_WORDS = 5  # a name is short; "Jean-Paul de la Fontaine" still fits

# --- dates -------------------------------------------------------------------------------------

# A date in a URL path: /2019/05/04/, /2019-05-04/, /20190504/
URL_DATE = re.compile(
    r"/((?:19|20)\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|$|\d{0,0}(?=[^0-9]))"
)
# <time> elements and classes that hold the publication date
PUBLISHED_CLASS = re.compile(
    r"publish|pubdate|posted|entry-?date|post-?date|article-?date|dateline|created", re.I
)
