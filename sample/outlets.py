"""Fictional outlets of the sample corpus: names, hosts and the page furniture they wrap articles in.

Every string here is boilerplate: it appears on the pages but must never end up in an article's text,
so `build.py` copies the strings each page uses into `truth.json` as `must_not_contain`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Outlet:
    key: str
    name: str
    host: str
    lang: str
    template: str  # classic | modern | wire | blog
    charset_decl: str  # default charset declaration: both | http | meta | http-equiv
    nav: tuple[str, ...]
    cookie: str
    newsletter_title: str
    newsletter: str
    related_heading: str
    related: tuple[str, ...]
    comments_heading: str
    comments: tuple[tuple[str, str], ...]  # (user name, comment)
    share: str
    footer: str
    byline_word: str = "By"
    and_word: str = "and"
    read_more: str = "Read more:"
    bio: str = ""  # author box under the story, {author} is filled in
    extra: tuple[str, ...] = ()  # other furniture strings the template prints


GAZETTE = Outlet(
    key="gazette",
    name="The Northfield Gazette",
    host="www.northfieldgazette.example",
    lang="en",
    template="classic",
    charset_decl="both",
    nav=("News", "Transport", "Politics", "Business", "Culture", "Sport", "Opinion", "Obituaries"),
    cookie=(
        "We use cookies and similar technologies to personalise content and ads and to analyse our traffic. "
        "By clicking Accept all you agree to our use of cookies."
    ),
    newsletter_title="The Morning Brief",
    newsletter=(
        "Get the day's top Northfield stories in your inbox every weekday at 7 a.m. "
        "It's free, and you can unsubscribe at any time."
    ),
    related_heading="Related stories",
    related=(
        "Kessler Square roadworks to last until summer, engineers warn",
        "Why Northfield's buses keep running late: a data investigation",
        "Letters: the tram depot, the ring road and a missing cat",
        "Hollin Street market traders win reprieve from rent rise",
        "Councillors clash over plans for a second river crossing",
        "Obituary: Agnes Tillotson, headmistress who taught half the town",
        "Northfield Rovers sign winger from Greyhaven on loan",
        "Six places to eat near the station that won't break the bank",
    ),
    comments_heading="Comments",
    comments=(
        (
            "tramspotter_84",
            "Fares were never the problem. Getting a tram that actually turns up is the problem.",
        ),
        ("J. Whitacre", "Good news for once. My daughter uses the number 4 every day to get to college."),
        (
            "northfield_native",
            "Same old story, announce something nice before the budget and hope nobody notices.",
        ),
        (
            "MaggieP",
            "Can someone explain why the Gazette never asks about the disabled access at the stations?",
        ),
        ("Rob in Harrow", "We have been waiting for this since 2011. I'll believe it when I see it."),
        ("quietreader", "Well written piece. More of this and less about celebrities please."),
    ),
    share="Share this story",
    footer="© 2025 Northfield Gazette Media Ltd. Registered office: 12 Mercer Lane, Northfield. All rights reserved.",
    extra=("Skip to main content", "Accept all", "Manage preferences"),
)

RIVERBEND = Outlet(
    key="riverbend",
    name="Riverbend Daily",
    host="riverbenddaily.example",
    lang="en",
    template="modern",
    charset_decl="http",
    nav=("Local", "Education", "Environment", "Sport", "What's On", "Jobs", "Homes", "Puzzles"),
    cookie=(
        "Riverbend Daily and our partners store and access information on your device "
        "to deliver personalised advertising and to measure audiences."
    ),
    newsletter_title="Never miss a story",
    newsletter=(
        "Sign up for the Riverbend Daily newsletter and get local news delivered straight to your inbox "
        "every morning."
    ),
    related_heading="More from Riverbend Daily",
    related=(
        "Police appeal after van crashes into bakery window on Carver Street",
        "Riverbend's best Sunday roasts, as chosen by our readers",
        "Parking charges at Victoria Park to double from April",
        "Former Riverbend striker opens free football school for girls",
        "Planning row over 200 homes on the edge of Holm Woods",
        "Ice rink returns to the waterfront for half-term",
        "Council tax: what your bill pays for, explained",
    ),
    comments_heading="Join the conversation",
    comments=(
        (
            "lune_walker",
            "Would be nice if the council listened to residents before the vote rather than after.",
        ),
        ("Deb Hartley", "Proud of our town today. Well done to everyone involved."),
        ("RBfan1983", "Who is paying for all this? That's the question nobody in the article answers."),
        (
            "gerry.m",
            "My grandad worked at the old tannery, he would not believe how much the river has changed.",
        ),
        ("anon_resident", "Comments like the one above are why nothing ever gets done in this city."),
        ("Samira K", "Any idea if there will be a public meeting about this? Can't find anything online."),
    ),
    share="Share this article",
    footer="Riverbend Daily is part of Lune Valley Media. © 2025 All rights reserved. Terms | Privacy | Contact us",
    bio="{author} is a reporter at Riverbend Daily. Got a story? Email newsdesk@riverbenddaily.example",
    extra=("Subscribe", "Sign in", "min read", "Copy link"),
)

WIRE = Outlet(
    key="wire",
    name="Coastline Wire",
    host="www.coastlinewire.example",
    lang="en",
    template="wire",
    charset_decl="both",
    nav=("World", "Business", "Markets", "Sustainability", "Technology", "Breakingviews", "Investigations"),
    cookie=(
        "By continuing to use this site you consent to our use of cookies as described in our Cookie Policy. "
        "You can change your settings at any time."
    ),
    newsletter_title="Daily Briefing",
    newsletter=(
        "Sign up for the Coastline Wire Daily Briefing: the essential market and world news, "
        "delivered every morning before the opening bell."
    ),
    related_heading="Read Next",
    related=(
        "Shipping rates climb as winter storms slow northern routes",
        "Grain exporters brace for record harvest glut",
        "Central bank holds rates, signals cut in spring",
        "Insurers tighten cover for coastal flood risk",
        "Battery maker raises 200 million in private funding round",
        "Container lines add capacity on short-sea routes",
    ),
    comments_heading="",
    comments=(),
    share="Share",
    footer="All quotes delayed a minimum of 15 minutes. © 2025 Coastline Wire. All rights reserved.",
    extra=("Our Standards: The Coastline Wire Editorial Principles.", "Purchase Licensing Rights"),
)

PULSE = Outlet(
    key="pulse",
    name="Metro Pulse",
    host="metropulse.example",
    lang="en",
    template="blog",
    charset_decl="meta",
    nav=("Home", "Local", "Politics", "Food", "Sport", "Entertainment", "Opinion", "Contact"),
    cookie=(
        "This website uses cookies to improve your experience. "
        "We'll assume you're ok with this, but you can opt-out if you wish."
    ),
    newsletter_title="Get the Pulse",
    newsletter="Like what you're reading? Get Metro Pulse in your inbox every Friday, no spam, ever.",
    related_heading="Trending Now",
    related=(
        "Eastmere's secret garden opens to the public for one weekend only",
        "Ten years of the Corn Exchange comedy nights: the best moments",
        "Landlord fined after tenants left without heating for a month",
        "Greyhaven Gulls fans raise money for injured goalie",
        "Fairfield Road closed overnight for resurfacing",
        "Meet the 92-year-old who still runs the Sunday car boot sale",
    ),
    comments_heading="Responses to",
    comments=(
        ("Terri B.", "Been going there for years, best bread in the county by a mile!!"),
        ("Mike_Eastmere", "Great, now we'll never get a parking space on Tanner's Row."),
        ("HonestAbe77", "Another puff piece. When will Metro Pulse do some real journalism?"),
        ("Linda Sharrow", "Congratulations, lovely to see local people doing well."),
        ("potholepete", "Whoever fixes Fairfield Road gets my vote, simple as that."),
        ("K. Osei-Bonsu", "Does anyone know if they deliver to Skelby?"),
    ),
    share="Share this:",
    footer="Metro Pulse — independent news for Eastmere and Greyhaven since 2009. Powered by community.",
    extra=(
        "Advertisement",
        "Popular Video",
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
    ),
)

TALBOTE = Outlet(
    key="talbote",
    name="Der Talbote",
    host="www.talbote.example",
    lang="de",
    template="classic",
    charset_decl="both",
    nav=("Startseite", "Lokales", "Politik", "Wirtschaft", "Kultur", "Sport", "Meinung", "Traueranzeigen"),
    cookie=(
        "Wir verwenden Cookies und ähnliche Technologien, um Inhalte zu personalisieren und Zugriffe "
        "zu analysieren. Mit „Alle akzeptieren“ stimmen Sie der Verwendung zu."
    ),
    newsletter_title="Talbote am Morgen",
    newsletter=(
        "Die wichtigsten Nachrichten aus der Region jeden Morgen um 6 Uhr in Ihrem Postfach – "
        "kostenlos und jederzeit kündbar."
    ),
    related_heading="Mehr zum Thema",
    related=(
        "Lindenbrück: Wochenmarkt zieht auf den Mühlenplatz um",
        "Glasfaserausbau in den Ortsteilen verzögert sich erneut",
        "Kommentar: Die Innenstadt braucht mehr als Parkplätze",
        "Feuerwehr rückt zu Schornsteinbrand in der Brückenstraße aus",
        "TSV Lindenbrück verliert Derby in letzter Minute",
        "Neue Kita am Schulzentrum öffnet im Sommer",
    ),
    comments_heading="Kommentare",
    comments=(
        ("Sellaufer", "Das hätte man vor zehn Jahren machen müssen. Jetzt zahlen wir doppelt."),
        ("M. Kowalski", "Endlich passiert mal was. Danke für den ausführlichen Bericht."),
        ("Radlerin_LB", "Und wer kümmert sich um die Ampel an der Bahnhofstraße?"),
        ("hans_g", "Typisch, wieder wird über die Köpfe der Anwohner hinweg entschieden."),
    ),
    share="Artikel teilen",
    footer="© 2025 Talbote Verlagsgesellschaft mbH. Alle Rechte vorbehalten. Impressum | Datenschutz | AGB",
    byline_word="Von",
    and_word="und",
    extra=("Zum Inhalt springen", "Alle akzeptieren", "Einstellungen"),
)

COURRIER = Outlet(
    key="courrier",
    name="Le Courrier du Val",
    host="www.courrierduval.example",
    lang="fr",
    template="modern",
    charset_decl="both",
    nav=("Actualités", "Vallée", "Économie", "Sports", "Culture", "Agenda", "Annonces"),
    cookie=(
        "Nous utilisons des cookies pour améliorer votre expérience et mesurer l'audience de notre site. "
        "Vous pouvez modifier vos choix à tout moment."
    ),
    newsletter_title="La lettre du matin",
    newsletter=(
        "Recevez chaque matin l'essentiel de l'actualité de la vallée. Inscrivez-vous gratuitement à notre "
        "newsletter."
    ),
    related_heading="Lire aussi",
    related=(
        "Marché de Noël : une fréquentation en hausse malgré la pluie",
        "Le pont de la Lise fermé deux nuits pour travaux",
        "Football : l'US Bourg-Lavande s'impose dans le derby",
        "Une nouvelle maison de santé ouvrira au printemps",
        "Déneigement : la commune recrute des saisonniers",
    ),
    comments_heading="Commentaires",
    comments=(
        ("Claudine_V", "Enfin une bonne nouvelle pour les habitants des hameaux !"),
        ("P. Lemaire", "Il était temps, trois mois sans solution c'est beaucoup trop long."),
        ("citoyen38", "Et le dimanche ? Toujours rien pour ceux qui travaillent le week-end."),
        ("marie.g", "Merci pour cet article très complet."),
    ),
    share="Partager l'article",
    footer="© 2025 Le Courrier du Val. Tous droits réservés. Mentions légales - Confidentialité",
    byline_word="Par",
    and_word="et",
    read_more="À lire aussi :",
    bio="{author} est journaliste au Courrier du Val.",
    extra=("S'abonner", "Se connecter", "min de lecture", "Copier le lien"),
)

DIARIO = Outlet(
    key="diario",
    name="Diario del Valle Alto",
    host="diariovallealto.example",
    lang="es",
    template="blog",
    charset_decl="http",
    nav=("Portada", "Comarca", "Cultura", "Deportes", "Economía", "Opinión", "Contacto"),
    cookie=(
        "Utilizamos cookies propias y de terceros para mejorar nuestros servicios. "
        "Si continúa navegando, consideramos que acepta su uso."
    ),
    newsletter_title="Boletín diario",
    newsletter="Suscríbete a nuestro boletín y recibe cada mañana las noticias de la comarca.",
    related_heading="Lo más leído",
    related=(
        "Cortada la carretera del puerto por la nieve",
        "El mercado de los jueves vuelve a la plaza Mayor",
        "Un vecino de Villarrosa, premiado por sus quesos curados",
        "La comarca pierde 300 habitantes en un año",
        "El CD Valle Alto golea y se acerca al ascenso",
    ),
    comments_heading="comentarios",
    comments=(
        ("Pilar_R", "Qué orgullo de pueblo, el año que viene más y mejor."),
        ("jmartin", "El aparcamiento fue un desastre, a ver si lo solucionan de verdad."),
        ("Vecino de la sierra", "Ojalá hubiera más iniciativas así en invierno."),
    ),
    share="Compartir:",
    footer="© 2025 Diario del Valle Alto. Todos los derechos reservados. Aviso legal | Política de privacidad",
    byline_word="Por",
    and_word="y",
    extra=("Publicidad", "Vídeos populares", "Deja un comentario"),
)

OUTLETS: dict[str, Outlet] = {o.key: o for o in (GAZETTE, RIVERBEND, WIRE, PULSE, TALBOTE, COURRIER, DIARIO)}

# Real outlets the articles cite: canonical name -> (domains, spellings that may appear in the text).
# Only names and domains, as facts; no content from these outlets is used.
REAL_SOURCES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Reuters": (("reuters.com",), ("Reuters",)),
    "BBC": (("bbc.co.uk", "bbc.com"), ("BBC",)),
    "The Guardian": (("theguardian.com",), ("The Guardian", "the Guardian")),
    "Associated Press": (("apnews.com",), ("Associated Press",)),
    "Bloomberg": (("bloomberg.com",), ("Bloomberg",)),
    "Financial Times": (("ft.com",), ("Financial Times",)),
    "The New York Times": (("nytimes.com",), ("New York Times",)),
    "The Independent": (("independent.co.uk",), ("The Independent",)),
    "Agence France-Presse": (("afp.com",), ("Agence France-Presse",)),
    "Deutsche Presse-Agentur": (("dpa.com",), ("Deutsche Presse-Agentur", "dpa")),
    "Deutsche Welle": (("dw.com",), ("Deutschen Welle", "Deutsche Welle")),
    "Der Spiegel": (("spiegel.de",), ("Der Spiegel", "Spiegel")),
    "Westdeutscher Rundfunk": (("wdr.de",), ("Westdeutsche Rundfunk", "Westdeutscher Rundfunk")),
    "Le Monde": (("lemonde.fr",), ("Le Monde",)),
    "France Info": (("francetvinfo.fr",), ("France Info",)),
    "El País": (("elpais.com",), ("El País",)),
    "Agencia EFE": (("efe.com",), ("Agencia EFE",)),
    "Yahoo News": (("news.yahoo.com",), ("Yahoo News",)),
    "MSN": (("msn.com",), ("MSN",)),
    "Getty Images": (("gettyimages.com",), ("Getty Images",)),
    "Flickr": (("flickr.com",), ("Flickr",)),
}
