"""Line-level boilerplate filter, for plain-text scrapes and for what trafilatura lets through.

A line is dropped only when it is short and matches a known furniture
pattern (skip links, share and subscribe prompts, cookie notices, ad
labels, comment and related-story headings). A heading that opens a block
of furniture ("Related stories", "Most read", "Comments") also takes the
teaser-like short lines that follow it. Real paragraphs are never touched:
patterns are anchored to the whole line and long lines are exempt.
"""

from __future__ import annotations

import re

_MAX_FURNITURE_WORDS = 14  # a furniture line is short; a paragraph that mentions "newsletter" is not
_MAX_TEASER_WORDS = 18

_FURNITURE = [
    # navigation and skip links
    r"skip to (?:the )?(?:main )?(?:content|navigation|search)",
    r"(?:zum inhalt|direkt zum inhalt|zur navigation) (?:springen|wechseln)?",
    r"aller au (?:contenu|menu)(?: principal)?",
    r"(?:saltar|ir) al contenido(?: principal)?",
    r"(?:back to top|nach oben|haut de page|volver arriba)",
    r"(?:menu|menü|search|suche|home|startseite|accueil|inicio|log ?in|sign ?in|anmelden|connexion)",
    # advertising
    r"(?:advertisement|advertising|sponsored(?: content)?|promoted|anzeige|werbung|publicité|publicidad|"
    r"ad|ads|paid content|partner content)",
    r"popular videos?|watch(?: the)? video|video ad feedback|(?:top|featured) videos?",
    r"(?:story|article) continues (?:below|after) (?:this )?(?:advertisement|ad)",
    # share, print, follow
    r"(?:share|teilen|partager|compartir)(?: (?:this|the|on|via|article|story|artikel|l'article)\b.*)?",
    r"(?:tweet|email|e-mail|print|drucken|imprimer|imprimir|copy link|link kopieren|whatsapp|facebook|"
    r"twitter|linkedin|pinterest|reddit|flipboard|messenger)",
    r"follow (?:us|me)\b.*|folgen sie uns\b.*|suivez-nous\b.*|síguenos\b.*",
    r"(?:click|tap) here\b.*|download (?:our|the) app\b.*",
    # newsletters and subscriptions
    r"(?:sign up|subscribe|register)\b.*(?:newsletter|email|updates|inbox|free|today|now).*",
    r"subscribe to .{0,40}\bto (?:bookmark|read|continue|unlock|access|save)\b.*",
    r"[\w'’&. -]{0,40}\bnewsletters?",  # a newsletter box's heading: "Pick Six Newsletter"
    r".*\b(?:get|delivered|sent|straight|directly)\b.*\b(?:in|to) your inbox\b.*",
    r".*\bbestätigungslink\b.*|.*\bconfirmation (?:link|email)\b.*",
    r"(?:get|receive) (?:our|the)\b.*(?:newsletter|briefing|email|updates|inbox).*",
    r".*\bnewsletters?\b.*(?:sign up|subscribe|inbox|email|free)\b.*",
    r"(?:enter|your) (?:your )?e-?mail(?: address)?.*",
    r"(?:jetzt )?(?:abonnieren|newsletter abonnieren|zum newsletter anmelden).*",
    r"(?:s'abonner|abonnez-vous|inscrivez-vous)\b.*|(?:suscríbete|suscribirse)\b.*",
    r"already (?:a )?subscriber\?.*|subscribe now\b.*|become a (?:member|subscriber)\b.*",
    r"thanks? (?:you )?for (?:signing up|subscribing)\b.*|by signing up, you agree\b.*",
    r"(?:support|donate to) (?:our|independent) journalism\b.*",
    # cookies and consent
    r".*\b(?:we|this (?:web)?site) uses? cookies\b.*",
    r"(?:accept|allow|reject|manage)(?: all)? cookies.*|cookie (?:settings|policy|preferences|consent).*",
    r".*\bwir (?:verwenden|nutzen) cookies\b.*|.*\bce site utilise des cookies\b.*|.*\butilizamos cookies\b.*",
    r"(?:i )?(?:accept|agree|got it|ok|einverstanden|akzeptieren|j'accepte|aceptar)",
    r"(?:consent|einwilligung|zustimmung|consentement|consentimiento)(?: (?:settings|verwalten|manage))?",
    # legal footer
    r"(?:©|\(c\)|copyright)\s.*|all rights reserved\.?.*|alle rechte vorbehalten\.?.*|tous droits réservés\.?.*",
    r"(?:privacy policy|terms of (?:use|service)|impressum|datenschutz|mentions légales|aviso legal)(?:\W.*)?",
    # a teaser line: "Lire aussi : <headline>", "Read more: <headline>"
    r"(?:à lire aussi|lire aussi|à voir aussi|voir aussi|weiterlesen|mehr zum thema|lesen sie auch|"
    r"read more|read also|also read|see also|lee también|leer más|más información|te puede interesar|"
    r"leggi anche|vedi anche|lees ook|lees meer|leia também|veja também|czytaj (?:też|także|więcej))\b.*",
    r"related(?: (?:stories|articles|coverage|content|news|reading))?\s*:.*",
    # comments furniture (the comments themselves are handled as a block)
    r"(?:no|keine|aucun|sin) (?:comments?|kommentare?|commentaires?|comentarios?)\b.*",
    r"\d+\s+(?:comments?|kommentare?|commentaires?|comentarios?)",
    r"(?:leave|post|add|write) a (?:comment|reply)\b.*|join the (?:conversation|discussion)\b.*",
    r"(?:log ?in|sign in|register) to (?:comment|reply|post)\b.*|comments are closed\.?",
    r"(?:report|reply|antworten|répondre|responder|like|gefällt mir)(?: \d+)?",
    r".*\b(?:um|to) (?:kommentare?|comments?) (?:zu )?(?:schreiben|verfassen|post|write)\b.*",
    r"(?:verraten|schreiben) sie (?:uns )?(?:gerne |es )?(?:in den|einen) kommentar\w*\b.*",
    r"we(?:'d| would)? (?:want|like|love) to hear (?:what you think|from you)\b.*",
    # loading placeholders, login state, ad disclosures, disclaimers
    r"(?:wird geladen|loading|chargement|cargando)\W*",
    r"(?:sie sind|you are) (?:aktuell |derzeit |currently )?(?:nicht|not) (?:eingeloggt|angemeldet|logged in|signed in)\b.*",
    r"(?:anzeige|werbung|advertisement|publicité|publicidad)\s*[,:–-]\s*.{0,60}",
    r"(?:enthält|contains) (?:affiliate|werbe|partner)[\w-]*\b.*",
    r"alle angaben ohne gewähr\b.*|(?:änderungen|irrtümer) vorbehalten\b.*",
    r"unterstütze [\w-]+\W*|(?:unterstützen sie|support) (?:uns|unsere arbeit|us|our work|our journalism)\W*",
    r"teilen mit\W*|share (?:with|this)\W*",
]

# Headings that open a block of furniture: the heading and the short teaser lines after it go.
_BLOCK_HEADINGS = [
    r"related(?: (?:stories|articles|news|content|coverage|topics|posts|links|reading))?",
    r"(?:read|see) (?:more|next|also)\b.*|more (?:from|on|stories|news|in)\b.*|more like this",
    r"(?:you (?:may|might) (?:also )?like|recommended(?: for you)?|don't miss|trending(?: now)?|top stories)",
    r"most (?:read|popular|viewed|shared|watched)(?: (?:stories|articles|now|today))?",
    r"(?:latest|recent) (?:news|stories|articles|posts)|in other news",
    r"(?:comments?|kommentare?|commentaires?|comentarios?|reader comments|discussion|leserkommentare)",
    r"(?:weitere (?:artikel|themen|beiträge|nachrichten|meldungen|news|infos?|informationen)(?: zum thema| aus\b.*| zu\b.*)?|"
    r"mehr (?:themen|artikel|nachrichten)|mehr zum thema|das könnte (?:sie|dich) auch interessieren|lesen sie auch|"
    r"auch interessant|meistgelesen|meist[- ]?(?:gelesen|diskutiert|kommentiert|geklickt)|top[- ](?:artikel|themen)\b.*|"
    r"kommentierte artikel|schon gelesen|zum weiterlesen|beiträge aus dem forum|vorschau auf den nächsten artikel)",
    r"(?:à lire aussi|lire aussi|sur le même sujet|les plus lus|à voir aussi)",
    r"(?:te puede interesar|noticias relacionadas|lo más leído|leer más|también te puede interesar|más sobre\b.*)",
    r"tags?|topics|themen|schlagwörter|mots-clés|etiquetas",
]

# Calls to action addressed to the reader may run longer than furniture lines; they are dropped
# when they name a newsletter or cookie consent and speak to the reader ("our", "unseren", "votre").
_MAX_CALL_TO_ACTION_WORDS = 50
_CALL_TO_ACTION = re.compile(
    r"\b(?:subscrib\w*|sign(?:ing)? up|register|abonnieren|abonniere|abonnez-vous|inscrivez-vous|"
    r"suscr[ií]b(?:ete|irse))\b[^.!?]{0,60}\b(?:newsletters?|bolet[ií]n|lettre d'information)\b"
    r"|\bnewsletters?\b[^.!?]{0,40}\b(?:subscribe|sign up|abonnieren|abonnez-vous)\b"
    r"|\b(?:cookies?)\b.{0,120}\b(?:einwilligung|consent|zustimmung|consentement|consentimiento)\b"
    r"|\b(?:einwilligung|consent|zustimmung|consentement|consentimiento)\b.{0,120}\bcookies?\b"
    r"|\b(?:get|delivered|sent|straight|directly)\b[^.!?]{0,60}\b(?:in|to) your inbox\b",
    re.IGNORECASE,
)
_READER_ADDRESS = re.compile(
    r"\b(?:our|your|you|my|unser\w*|mein\w*|ihr\w*|sie|dein\w*|notre|nos|votre|vos|nuestr[oa]s?|tu|su)\b",
    re.IGNORECASE,
)

_FURNITURE_LINE = re.compile(r"^\W*(?:" + "|".join(_FURNITURE) + r")\W*$", re.IGNORECASE)
_BLOCK_HEADING_LINE = re.compile(r"^\W*(?:" + "|".join(_BLOCK_HEADINGS) + r")\W*$", re.IGNORECASE)
_ENDS_SENTENCE = re.compile(r"[.!?…\"”»)]\s*$")


def _words(line: str) -> int:
    return len(line.split())


def is_furniture(line: str) -> bool:
    stripped = line.strip()
    if not stripped:
        return False
    words = _words(stripped)
    if words <= _MAX_FURNITURE_WORDS and _FURNITURE_LINE.match(stripped):
        return True
    return (
        words <= _MAX_CALL_TO_ACTION_WORDS
        and _CALL_TO_ACTION.search(stripped) is not None
        and _READER_ADDRESS.search(stripped) is not None
    )


def is_block_heading(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and _words(stripped) <= 6 and bool(_BLOCK_HEADING_LINE.match(stripped))


def _teaser_like(line: str) -> bool:
    """A short line, typically a linked headline, of the kind that fills related-story lists."""
    return _words(line) <= _MAX_TEASER_WORDS


def filter_lines(lines: list[str]) -> tuple[list[str], int]:
    """The lines that remain, and how many were dropped as boilerplate."""
    kept: list[str] = []
    dropped = 0
    in_block = False
    for line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        if is_block_heading(stripped):
            in_block = True
            dropped += 1
            continue
        if in_block and (_teaser_like(stripped) or is_furniture(stripped)):
            dropped += 1
            continue
        in_block = False
        if is_furniture(stripped):
            dropped += 1
            continue
        kept.append(stripped)
    return kept, dropped


def clean_text(text: str) -> tuple[str, int]:
    lines, dropped = filter_lines(text.splitlines())
    return "\n".join(lines), dropped
