#!/usr/bin/env python3
"""Build newsetl's bundled sample corpus from the articles in `sample/articles/`.

Writes `raw/<crawl date>/…` (WARC.gz, JSONL, JSONL.gz, TXT dumps) and `truth.json` under the output
folder (default: this folder).  Standard library only, and byte-for-byte deterministic: fixed clocks,
UUIDv5 record ids, gzip members with mtime=0, no dict or set iteration order that could vary.

    python sample/build.py [--out DIR]

Article files: a `key: value` header (repeatable keys: quote, cite, nocite, noise), a line `---`, then
the body: paragraphs separated by blank lines, `## ` subheads and `[anchor](url)` links.
"""

from __future__ import annotations

import argparse
import base64
import gzip
import hashlib
import html
import importlib.util
import json
import re
import sys
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
DATES = ("2025-01-20", "2025-01-21", "2025-01-22")
UUID_NS = uuid.UUID("6f1c52f0-3d0e-5a52-9b3f-0c7d9e8b1a01")
USER_AGENT = "newsetl-sample-crawler/1.0 (synthetic corpus; no real fetches)"
LINK_RE = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
TRAILER_RE = re.compile(r"^(Sources?|Fuentes|Quellen|Reporting by|Photo|Foto)\b")
SKIP_REASONS = ("warc_request", "warc_other", "non_html", "http_status", "duplicate")
REJECT_REASONS = ("empty", "not_article", "too_short")
CITATION_KINDS = ("attribution", "source_line", "via", "link", "photo_credit", "study")
QUOTE_TYPES = ("direct", "indirect", "partial")


def _load_outlets() -> Any:
    # outlets.py is a sibling file, not a package module: load it by path under a unique name.
    spec = importlib.util.spec_from_file_location("newsetl_sample_outlets", HERE / "outlets.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


_OUT = _load_outlets()
OUTLETS = _OUT.OUTLETS
REAL_SOURCES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = _OUT.REAL_SOURCES

UI = {
    "en": {
        "home": "Home",
        "search": "Search",
        "reply": "Reply",
        "accept": "Accept all",
        "manage": "Manage preferences",
        "reject": "Reject",
        "about": "About us",
        "contact": "Contact",
        "privacy": "Privacy policy",
        "skip": "Skip to main content",
        "email": "Your email address",
        "signup": "Sign up",
        "subscribe": "Subscribe",
        "signin": "Sign in",
        "minread": "min read",
        "copy": "Copy link",
    },
    "de": {
        "home": "Startseite",
        "search": "Suchen",
        "reply": "Antworten",
        "accept": "Alle akzeptieren",
        "manage": "Einstellungen",
        "reject": "Ablehnen",
        "about": "Über uns",
        "contact": "Kontakt",
        "privacy": "Datenschutz",
        "skip": "Zum Inhalt springen",
        "email": "Ihre E-Mail-Adresse",
        "signup": "Anmelden",
        "subscribe": "Abo",
        "signin": "Login",
        "minread": "Min. Lesezeit",
        "copy": "Link kopieren",
    },
    "fr": {
        "home": "Accueil",
        "search": "Rechercher",
        "reply": "Répondre",
        "accept": "Tout accepter",
        "manage": "Paramétrer",
        "reject": "Refuser",
        "about": "Qui sommes-nous",
        "contact": "Contact",
        "privacy": "Confidentialité",
        "skip": "Aller au contenu",
        "email": "Votre adresse e-mail",
        "signup": "Je m'inscris",
        "subscribe": "S'abonner",
        "signin": "Se connecter",
        "minread": "min de lecture",
        "copy": "Copier le lien",
    },
    "es": {
        "home": "Portada",
        "search": "Buscar",
        "reply": "Responder",
        "accept": "Aceptar",
        "manage": "Configurar",
        "reject": "Rechazar",
        "about": "Quiénes somos",
        "contact": "Contacto",
        "privacy": "Privacidad",
        "skip": "Ir al contenido",
        "email": "Tu correo electrónico",
        "signup": "Suscribirme",
        "subscribe": "Suscríbete",
        "signin": "Entrar",
        "minread": "min de lectura",
        "copy": "Copiar enlace",
    },
}
MONTHS = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "de": (
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ),
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    "es": (
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ),
}


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    return html.escape(text, quote=True)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# ---------------------------------------------------------------------------------------------- articles


@dataclass
class Article:
    key: str
    number: int
    meta: dict[str, str]
    quotes: list[dict[str, str]]
    cites: list[dict[str, Any]]
    nocites: list[str]
    noise: list[str]
    blocks: list[str]

    @property
    def date(self) -> str:
        return self.meta["date"]

    @property
    def container(self) -> str:
        return self.meta["container"]

    @property
    def outlet(self) -> Any:
        return OUTLETS.get(self.meta["outlet"])

    @property
    def title(self) -> str:
        return self.meta["title"]

    @property
    def authors(self) -> list[str]:
        raw = self.meta.get("authors", "")
        return [a.strip() for a in raw.split(";") if a.strip()]

    @property
    def published(self) -> datetime | None:
        raw = self.meta.get("published")
        return datetime.fromisoformat(raw) if raw else None

    @property
    def charset(self) -> str:
        return self.meta.get("charset", "utf-8")

    @property
    def charset_decl(self) -> str:
        return self.meta.get("charset_decl") or (self.outlet.charset_decl if self.outlet else "none")

    @property
    def canonical_url(self) -> str | None:
        path = self.meta["path"]
        if path.startswith("https://"):
            return path
        if self.outlet is None:
            return None  # a .txt scrape: no URL at all
        return f"https://{self.outlet.host}{path}"

    @property
    def url(self) -> str | None:
        canonical = self.canonical_url
        return canonical + self.meta.get("track", "") if canonical else None

    @property
    def language(self) -> str:
        if self.outlet is not None:
            return self.outlet.lang
        return self.meta.get("lang", "en")

    @property
    def photo(self) -> tuple[str, str] | None:
        raw = self.meta.get("photo")
        if not raw:
            return None
        caption, _, credit = raw.partition(" || ")
        return caption, credit

    def paragraphs(self) -> list[str]:
        """Body paragraphs as plain text (links reduced to their anchor text, subheads kept)."""
        return [plain(b) for b in self.blocks]

    def body_text(self) -> str:
        return "\n\n".join(self.paragraphs())

    def links(self) -> list[tuple[str, str]]:
        return [(m.group(1), m.group(2)) for b in self.blocks for m in LINK_RE.finditer(b)]


def plain(block: str) -> str:
    return LINK_RE.sub(r"\1", block.removeprefix("## "))


def parse_article(path: Path, number: int) -> Article:
    header, sep, body = path.read_text(encoding="utf-8").partition("\n---\n")
    if not sep:
        raise ValueError(f"{path.name}: missing '---' line between header and body")
    meta: dict[str, str] = {}
    quotes: list[dict[str, str]] = []
    cites: list[dict[str, Any]] = []
    nocites: list[str] = []
    noise: list[str] = []
    for line in header.splitlines():
        key, _, value = line.partition(": ")
        if key == "quote":
            qtype, speaker, text = (p.strip() for p in value.split(" | ", 2))
            quotes.append({"text": text, "speaker": speaker, "type": qtype})
        elif key == "cite":
            parts = [p.strip() for p in value.split(" | ")]
            cites.append({"kind": parts[0], "source_name": parts[1], "optional": parts[2:] == ["optional"]})
        elif key == "nocite":
            nocites.append(value.strip())
        elif key == "noise":
            noise.append(value.strip())
        else:
            meta[key] = value.strip()
    blocks = [b.strip() for b in body.strip().split("\n\n") if b.strip()]
    return Article(path.stem, number, meta, quotes, cites, nocites, noise, blocks)


def load_articles(folder: Path) -> list[Article]:
    files = sorted(folder.glob("*.txt"))
    return [parse_article(p, i + 1) for i, p in enumerate(files)]


def display_date(dt: datetime, lang: str, with_time: bool = True) -> str:
    month = MONTHS[lang][dt.month - 1]
    if lang == "de":
        return f"{dt.day}. {month} {dt.year}" + (f", {dt:%H:%M} Uhr" if with_time else "")
    if lang == "fr":
        return f"{dt.day} {month} {dt.year}" + (f" à {dt:%H}h{dt:%M}" if with_time else "")
    if lang == "es":
        return f"{dt.day} de {month} de {dt.year}" + (f", {dt:%H:%M}" if with_time else "")
    hour = dt.hour % 12 or 12
    ampm = "a.m." if dt.hour < 12 else "p.m."
    return f"{month} {dt.day}, {dt.year}" + (f", {hour}:{dt:%M} {ampm}" if with_time else "")


def pick(pool: tuple[Any, ...], start: int, count: int) -> list[Any]:
    if not pool:
        return []
    return [pool[(start + i) % len(pool)] for i in range(min(count, len(pool)))]


def body_html(block: str, paragraph_attrs: str = "") -> str:
    if block.startswith("## "):
        return f"<h2>{esc(block[3:])}</h2>"
    parts: list[str] = []
    last = 0
    for m in LINK_RE.finditer(block):
        parts.append(esc(block[last : m.start()]))
        parts.append(f'<a href="{attr(m.group(2))}">{esc(m.group(1))}</a>')
        last = m.end()
    parts.append(esc(block[last:]))
    return f"<p{paragraph_attrs}>{''.join(parts)}</p>"


# ---------------------------------------------------------------------------------------------- pages


@dataclass
class Page:
    """One rendered HTML page and the furniture strings it printed (truth: must not reach the text)."""

    html: str
    furniture: list[str] = field(default_factory=list)


def charset_meta(a: Article) -> str:
    if a.charset_decl in ("meta", "both"):
        return f'<meta charset="{a.charset}">'
    if a.charset_decl == "http-equiv":
        return f'<meta http-equiv="Content-Type" content="text/html; charset={a.charset}">'
    return ""


def http_content_type(a: Article) -> str:
    if a.charset_decl in ("http", "both"):
        return f"text/html; charset={a.charset}"
    return "text/html"


def person(name: str, host: str) -> dict[str, str]:
    return {"@type": "Person", "name": name, "url": f"https://{host}/authors/{slug(name)}"}


def news_jsonld(a: Article, graph: bool = False) -> str:
    o = a.outlet
    published = a.published
    assert published is not None
    authors = [person(n, o.host) for n in a.authors]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": a.title,
        "description": a.meta.get("summary", ""),
        "datePublished": published.isoformat(),
        "dateModified": (published + timedelta(minutes=37)).isoformat(),
        "author": authors[0] if len(authors) == 1 else authors,
        "publisher": {
            "@type": "Organization",
            "name": o.name,
            "logo": {"@type": "ImageObject", "url": f"https://{o.host}/static/logo.png"},
        },
        "mainEntityOfPage": {"@type": "WebPage", "@id": a.canonical_url},
        "image": [f"https://{o.host}/media/{a.key}-1200x675.jpg"],
        "articleSection": a.meta.get("section", ""),
        "inLanguage": o.lang,
    }
    if graph:
        data.pop("@context")
        website = {"@type": "WebSite", "name": o.name, "url": f"https://{o.host}/"}
        data = {"@context": "https://schema.org", "@graph": [website, data]}
    # Pages served in a legacy charset carry \u escapes, which is what such sites' CMSs emit.
    return json.dumps(data, ensure_ascii=a.charset != "utf-8")


def og_meta(a: Article, og_type: str = "article") -> str:
    o = a.outlet
    published = a.published
    lines = [
        f'<meta property="og:type" content="{og_type}">',
        f'<meta property="og:site_name" content="{attr(o.name)}">',
        f'<meta property="og:title" content="{attr(a.title)}">',
        f'<meta property="og:description" content="{attr(a.meta.get("summary", ""))}">',
        f'<meta property="og:url" content="{attr(a.canonical_url or "")}">',
        f'<meta property="og:image" content="https://{o.host}/media/{a.key}-1200x675.jpg">',
    ]
    if published:
        lines.append(f'<meta property="article:published_time" content="{published.isoformat()}">')
    return "\n".join(lines)


def byline(a: Article, linked: bool = True) -> str:
    o = a.outlet
    names = [
        f'<a rel="author" href="/authors/{slug(n)}">{esc(n)}</a>' if linked else esc(n) for n in a.authors
    ]
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" {o.and_word} " + names[-1]
    return f"{o.byline_word} {joined}"


def comments_html(a: Article, pool: list[tuple[str, str]], li: bool) -> str:
    ui = UI[a.outlet.lang]
    out = []
    for i, (user, text) in enumerate(pool):
        when = (a.published or datetime(2025, 1, 20, tzinfo=UTC)) + timedelta(hours=2 + 3 * i, minutes=7 * i)
        tag = "li" if li else "div"
        out.append(
            f'<{tag} class="comment" id="comment-{a.number}{i:02d}"><p class="comment__author">{esc(user)}</p>'
            f'<time datetime="{when.isoformat()}">{display_date(when, a.outlet.lang)}</time>'
            f'<p class="comment__body">{esc(text)}</p><a class="comment__reply" href="#reply">{ui["reply"]}</a></{tag}>'
        )
    return "\n".join(out)


def related_html(o: Any, headlines: list[str]) -> str:
    return "\n".join(f'<li><a href="/{slug(o.nav[1])}/{slug(h)[:60]}">{esc(h)}</a></li>' for h in headlines)


def figure_html(a: Article) -> str:
    if not a.photo:
        return ""
    caption, credit = a.photo
    return (
        f'<figure class="story__image"><img src="https://{a.outlet.host}/media/{a.key}-1200x675.jpg" '
        f'alt="{attr(caption)}" width="1200" height="675"><figcaption>{esc(caption)} '
        f'<span class="credit">{esc(credit)}</span></figcaption></figure>'
    )


def render_classic(a: Article) -> Page:
    o = a.outlet
    ui = UI[o.lang]
    related = pick(o.related, a.number, 4)
    comments = pick(o.comments, a.number, 3)
    nav = "".join(f'<li><a href="/{slug(s)}/">{esc(s)}</a></li>' for s in o.nav)
    section = a.meta.get("section", o.nav[0])
    body: list[str] = []
    for i, block in enumerate(a.blocks):
        body.append(body_html(block))
        if i == 2:
            body.append(
                f'<aside class="newsletter-signup"><h3>{esc(o.newsletter_title)}</h3><p>{esc(o.newsletter)}</p>'
                f'<form action="/newsletters/subscribe" method="post"><input type="email" name="email" '
                f'placeholder="{attr(ui["email"])}"><button type="submit">{ui["signup"]}</button></form></aside>'
            )
    published = a.published
    assert published is not None
    doc = f"""<!DOCTYPE html>
<html lang="{o.lang}">
<head>
{charset_meta(a)}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(a.title)} | {esc(o.name)}</title>
<link rel="canonical" href="{attr(a.canonical_url or "")}">
<meta name="description" content="{attr(a.meta.get("summary", ""))}">
{og_meta(a)}
<meta property="article:section" content="{attr(section)}">
<link rel="stylesheet" href="/static/css/main.4f9c2e.css">
<script type="application/ld+json">{news_jsonld(a)}</script>
<script>window.dataLayer=window.dataLayer||[];dataLayer.push({{"pageType":"article","section":"{slug(section)}"}});</script>
</head>
<body class="page-article">
<a class="skip-link" href="#main">{ui["skip"]}</a>
<div id="cookie-consent" class="cookie-banner" role="dialog" aria-label="Cookies"><p>{esc(o.cookie)}</p><button class="btn-accept">{ui["accept"]}</button> <button class="btn-manage">{ui["manage"]}</button></div>
<header class="masthead">
<div class="masthead__logo"><a href="/">{esc(o.name)}</a></div>
<nav class="primary-nav" aria-label="Sections"><ul>{nav}</ul></nav>
<form class="search" action="/search"><input type="search" name="q" placeholder="{ui["search"]}"><button>{ui["search"]}</button></form>
</header>
<main id="main">
<div class="breadcrumbs"><a href="/">{ui["home"]}</a> › <a href="/{slug(section)}/">{esc(section)}</a></div>
<article class="story">
<header class="story__header">
<p class="story__kicker">{esc(section)}</p>
<h1 class="story__headline">{esc(a.title)}</h1>
<p class="story__standfirst">{esc(a.meta.get("summary", ""))}</p>
<div class="story__meta"><span class="byline">{byline(a)}</span> <time datetime="{published.isoformat()}">{display_date(published, o.lang)}</time></div>
</header>
{figure_html(a)}
<div class="story__body">
{chr(10).join(body)}
</div>
<div class="story__share"><span>{esc(o.share)}</span> <a href="https://www.facebook.com/sharer/sharer.php?u={attr(a.canonical_url or "")}">Facebook</a> <a href="https://twitter.com/intent/tweet?url={attr(a.canonical_url or "")}">X</a> <a href="mailto:?subject={attr(a.title)}">Email</a></div>
</article>
<aside class="related"><h2>{esc(o.related_heading)}</h2><ul>
{related_html(o, related)}
</ul></aside>
<section id="comments" class="comments"><h2>{esc(o.comments_heading)} ({len(comments)})</h2>
{comments_html(a, comments, li=False)}
</section>
</main>
<footer class="site-footer"><ul><li><a href="/about/">{ui["about"]}</a></li><li><a href="/contact/">{ui["contact"]}</a></li><li><a href="/privacy/">{ui["privacy"]}</a></li></ul>
<p>{esc(o.footer)}</p></footer>
</body>
</html>
"""
    furniture = [o.cookie, o.newsletter, o.footer, *related, *(c[1] for c in comments), ui["skip"]]
    return Page(doc, furniture)


def render_modern(a: Article) -> Page:
    o = a.outlet
    ui = UI[o.lang]
    related = pick(o.related, a.number, 4)
    comments = pick(o.comments, a.number + 1, 3)
    promo = related[0]
    bio = o.bio.format(author=a.authors[0])
    published = a.published
    assert published is not None
    words = len(a.body_text().split())
    body: list[str] = []
    newsletter_after = max(3, len(a.blocks) - 3)
    for i, block in enumerate(a.blocks):
        body.append(body_html(block))
        if i == 1:
            body.append(
                f'<div class="inline-promo"><strong>{esc(o.read_more)}</strong> '
                f'<a href="/{slug(o.nav[0])}/{slug(promo)[:60]}">{esc(promo)}</a></div>'
            )
        if i == newsletter_after:
            body.append(
                f'<div class="newsletter-signup"><h3>{esc(o.newsletter_title)}</h3><p>{esc(o.newsletter)}</p>'
                f'<form action="/newsletter"><input type="email" placeholder="{attr(ui["email"])}">'
                f"<button>{ui['signup']}</button></form></div>"
            )
    nav = "\n".join(f'<a href="/{slug(s)}/">{esc(s)}</a>' for s in o.nav)
    doc = f"""<!doctype html>
<html lang="{o.lang}" class="no-js">
<head>
{charset_meta(a)}
<title>{esc(a.title)} - {esc(o.name)}</title>
<meta name="description" content="{attr(a.meta.get("summary", ""))}">
<meta name="viewport" content="width=device-width,initial-scale=1">
<link rel="canonical" href="{attr(a.canonical_url or "")}">
{og_meta(a)}
<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:title" content="{attr(a.title)}">
<script type="application/ld+json">{news_jsonld(a, graph=True)}</script>
<link rel="preload" href="/assets/fonts/serif.woff2" as="font" crossorigin>
</head>
<body class="article-page">
<div class="topbar"><button class="topbar__menu" aria-label="Menu">&#9776;</button><a class="topbar__brand" href="/">{esc(o.name)}</a><a class="topbar__subscribe" href="/subscribe">{ui["subscribe"]}</a> <a class="topbar__signin" href="/account">{ui["signin"]}</a></div>
<nav class="section-nav">
{nav}
</nav>
<div class="container">
<div class="story-header"><span class="story-label">{esc(a.meta.get("section", ""))}</span>
<h1>{esc(a.title)}</h1>
<div class="story-meta"><span class="story-author">{byline(a, linked=False)}</span> · <time datetime="{published.isoformat()}">{display_date(published, o.lang)}</time> · <span class="reading-time">{max(1, words // 220)} {ui["minread"]}</span></div>
</div>
<div class="share-bar"><a href="https://www.facebook.com/sharer/sharer.php?u={attr(a.canonical_url or "")}">{esc(o.share)}: Facebook</a> <a href="https://twitter.com/intent/tweet?url={attr(a.canonical_url or "")}">X</a> <button class="copy-link">{ui["copy"]}</button></div>
{figure_html(a)}
<div class="story-body" itemprop="articleBody">
{chr(10).join(body)}
</div>
<div class="author-box"><p>{esc(bio)}</p></div>
<section class="more-from"><h3>{esc(o.related_heading)}</h3><ul>
{related_html(o, related[1:])}
</ul></section>
<div id="comments" class="comments-widget"><h3>{esc(o.comments_heading)}</h3><ul class="comment-list">
{comments_html(a, comments, li=True)}
</ul></div>
</div>
<div class="cookie-modal" role="dialog" aria-modal="true"><p>{esc(o.cookie)}</p><a class="cookie-accept" href="#">{ui["accept"]}</a> <a class="cookie-reject" href="#">{ui["reject"]}</a></div>
<footer class="site-footer"><p>{esc(o.footer)}</p></footer>
<script src="/assets/app.3b1f.js" defer></script>
</body>
</html>
"""
    furniture = [o.cookie, o.newsletter, o.footer, bio, *related, *(c[1] for c in comments)]
    return Page(doc, furniture)


def render_wire(a: Article) -> Page:
    o = a.outlet
    ui = UI[o.lang]
    related = pick(o.related, a.number, 4)
    published = a.published
    assert published is not None
    stamp = published.astimezone(UTC)
    when = (
        f"{MONTHS['en'][stamp.month - 1]} {stamp.day}, {stamp.year} {stamp.hour % 12 or 12}:{stamp:%M} "
        + ("AM" if stamp.hour < 12 else "PM")
        + " GMT"
    )
    body: list[str] = []
    for i, block in enumerate(a.blocks):
        body.append(body_html(block, f' data-testid="paragraph-{i}"'))
        if i == 3:
            body.append(
                f'<div class="newsletter-inline"><p class="nl-title">{esc(o.newsletter_title)}</p>'
                f'<p>{esc(o.newsletter)}</p><a href="/newsletters/">Sign up here.</a></div>'
            )
    menu = "".join(f'<li><a href="/{slug(s)}/">{esc(s)}</a></li>' for s in o.nav)
    section = a.meta.get("section", "Business")
    read_next = "\n".join(
        f'<li><a href="/{slug(section)}/{slug(h)[:60]}-{a.date}/">{esc(h)}</a></li>' for h in related
    )
    doc = f"""<!DOCTYPE html>
<html lang="en">
<head>
{charset_meta(a)}
<title>{esc(a.title)} | {esc(o.name)}</title>
<link rel="canonical" href="{attr(a.canonical_url or "")}">
<meta name="description" content="{attr(a.meta.get("summary", ""))}">
{og_meta(a)}
<meta name="article:author" content="{attr(", ".join(a.authors))}">
<script type="application/ld+json">{news_jsonld(a)}</script>
</head>
<body>
<div class="cookie-notice" id="consent-banner"><p>{esc(o.cookie)}</p><button>{ui["accept"]}</button></div>
<header class="site-header"><a class="logo" href="/">{esc(o.name)}</a><ul class="nav-menu">{menu}</ul><a class="header-cta" href="/account/register">Register</a></header>
<main class="article-page">
<div class="article-header"><nav class="crumbs"><a href="/{slug(section)}/">{esc(section)}</a></nav>
<h1 data-testid="Heading">{esc(a.title)}</h1>
<div class="byline"><address>{byline(a)}</address> <time datetime="{published.isoformat()}">{when}</time> <span class="updated">Updated 2 hours ago</span></div>
</div>
<div class="article-body">
{chr(10).join(body)}
</div>
<p class="trust">{esc(o.extra[0])}</p> <a class="licensing" href="/licensing/">{esc(o.extra[1])}</a>
<div class="share-row"><span>{esc(o.share)}</span> <a href="mailto:?subject={attr(a.title)}">Email</a> <a href="https://twitter.com/intent/tweet?url={attr(a.canonical_url or "")}">X</a></div>
<section class="read-next"><h2>{esc(o.related_heading)}</h2><ul>
{read_next}
</ul></section>
</main>
<footer class="site-footer"><p>{esc(o.footer)}</p></footer>
</body>
</html>
"""
    furniture = [o.cookie, o.newsletter, o.footer, o.extra[0], *related]
    return Page(doc, furniture)


def render_blog(a: Article) -> Page:
    o = a.outlet
    ui = UI[o.lang]
    ad_label, popular_video, leave_reply = o.extra[0], o.extra[1], o.extra[2]
    notes = o.extra[3] if len(o.extra) > 3 else ""
    related = pick(o.related, a.number, 4)
    comments = pick(o.comments, a.number + 2, 3)
    published = a.published
    assert published is not None
    author = a.authors[0]
    heading = "h2" if o.key == "pulse" else "h1"
    section = a.meta.get("section", o.nav[1])
    if o.lang == "en":
        posted = "Posted by"
        count_title = f"{len(comments)} {o.comments_heading} “{esc(a.title)}”"
    else:
        posted = "Publicado por"
        count_title = f"{len(comments)} {esc(o.comments_heading)}"
    body: list[str] = []
    if a.photo:
        caption, credit = a.photo
        body.append(
            f'<div class="wp-caption"><img src="/wp-content/uploads/2025/01/{a.key}.jpg" alt="{attr(caption)}">'
            f'<p class="wp-caption-text">{esc(caption)} {esc(credit)}</p></div>'
        )
    for i, block in enumerate(a.blocks):
        body.append(body_html(block))
        if i == 2:
            body.append(
                f'<div class="ad-slot in-content"><span class="ad-label">{esc(ad_label)}</span></div>'
            )
    nav = " | ".join(f'<a href="/{slug(s)}/">{esc(s)}</a>' for s in o.nav)
    comment_items = "\n".join(
        f'<li class="comment"><div class="comment-author vcard"><cite class="fn">{esc(u)}</cite> says:</div>'
        f"<p>{esc(t)}</p></li>"
        for u, t in comments
    )
    doc = f"""<!DOCTYPE html>
<html lang="{o.lang}">
<head>
{charset_meta(a)}
<title>{esc(a.title)} - {esc(o.name)}</title>
<meta name="author" content="{attr(author)}">
{og_meta(a)}
<link rel='canonical' href='{attr(a.canonical_url or "")}' />
<link rel='stylesheet' id='theme-css' href='/wp-content/themes/{o.key}/style.css?ver=5.1.4' type='text/css' media='all' />
</head>
<body class="post-template-default single single-post">
<div id="wrapper">
<div id="top-ad" class="ad-slot"><span class="ad-label">{esc(ad_label)}</span></div>
<div id="header"><div class="site-title"><a href="/">{esc(o.name)}</a></div>
<div class="nav">{nav}</div></div>
<div id="content">
<div class="post" id="post-{1000 + a.number}">
<div class="post-title"><{heading} class="entry-title">{esc(a.title)}</{heading}></div>
<div class="post-meta">{posted} <span class="author vcard"><a class="url fn n" href="/author/{slug(author)}/">{esc(author)}</a></span> · <span class="published" title="{published.isoformat()}">{display_date(published, o.lang, with_time=False)}</span> · <a href="/category/{slug(section)}/" rel="category tag">{esc(section)}</a></div>
<div class="entry">
{chr(10).join(body)}
<div class="newsletter-box"><h4>{esc(o.newsletter_title)}</h4><p>{esc(o.newsletter)}</p><form><input type="email" placeholder="{attr(ui["email"])}"><input type="submit" value="{attr(ui["signup"])}"></form></div>
<div class="sharedaddy"><h3 class="sd-title">{esc(o.share)}</h3><ul><li><a href="#">Facebook</a></li><li><a href="#">Twitter</a></li><li><a href="#">WhatsApp</a></li><li><a href="#">Email</a></li></ul></div>
</div>
</div>
<div id="comments"><h3 id="comments-title">{count_title}</h3>
<ol class="commentlist">
{comment_items}
</ol>
<div id="respond"><h3>{esc(leave_reply)}</h3><p class="comment-notes">{esc(notes)}</p><form><textarea name="comment"></textarea><input type="submit" value="Post Comment"></form></div>
</div>
</div>
<div id="sidebar"><div class="widget"><h3>{esc(o.related_heading)}</h3><ul>
{related_html(o, related)}
</ul></div>
<div class="widget"><h3>{esc(popular_video)}</h3><p><a href="/video/">▶ 2:14</a></p></div></div>
<div id="footer"><p>{esc(o.footer)}</p></div>
</div>
<div id="cookie-law-info-bar"><span>{esc(o.cookie)}</span> <a class="cli_action_button" href="#">{ui["accept"]}</a></div>
</body>
</html>
"""
    furniture = [
        o.cookie,
        o.newsletter,
        o.footer,
        ad_label,
        popular_video,
        leave_reply,
        *related,
        *(c[1] for c in comments),
    ]
    if notes:
        furniture.append(notes)
    return Page(doc, furniture)


RENDERERS = {"classic": render_classic, "modern": render_modern, "wire": render_wire, "blog": render_blog}


def render(a: Article) -> Page:
    return RENDERERS[a.outlet.template](a)


def render_listing(articles: list[Article]) -> str:
    """A section front: many teasers with one-line blurbs, no article body."""
    o = OUTLETS["gazette"]
    ui = UI["en"]
    teasers = [
        (a.title, a.meta.get("summary", ""), a.canonical_url)
        for a in articles
        if a.meta["outlet"] == "gazette"
    ]
    teasers += [(h, "", f"https://{o.host}/news/{slug(h)[:60]}") for h in o.related]
    items = "\n".join(
        f'<li class="teaser"><a class="teaser__link" href="{attr(url or "")}"><h3>{esc(title)}</h3></a>'
        + (f"<p>{esc(blurb)}</p>" if blurb else "")
        + "</li>"
        for title, blurb, url in teasers
    )
    nav = "".join(f'<li><a href="/{slug(s)}/">{esc(s)}</a></li>' for s in o.nav)
    ld = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "CollectionPage",
            "name": "City news",
            "url": f"https://{o.host}/news/city/",
        }
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>City news | {esc(o.name)}</title>
<link rel="canonical" href="https://{o.host}/news/city/">
<meta property="og:type" content="website">
<meta property="og:title" content="City news">
<script type="application/ld+json">{ld}</script>
</head>
<body class="page-section">
<a class="skip-link" href="#main">{ui["skip"]}</a>
<div id="cookie-consent" class="cookie-banner"><p>{esc(o.cookie)}</p><button>{ui["accept"]}</button></div>
<header class="masthead"><div class="masthead__logo"><a href="/">{esc(o.name)}</a></div><nav><ul>{nav}</ul></nav></header>
<main id="main"><h1 class="section-title">City</h1>
<ul class="teaser-list">
{items}
</ul>
<nav class="pagination"><a href="/news/city/?page=2">Older stories</a></nav>
</main>
<footer class="site-footer"><p>{esc(o.footer)}</p></footer>
</body>
</html>
"""


def render_soft_404() -> str:
    """A 'page not found' page served with status 200: nothing but furniture."""
    o = OUTLETS["riverbend"]
    ui = UI["en"]
    nav = "\n".join(f'<a href="/{slug(s)}/">{esc(s)}</a>' for s in o.nav)
    most_read = related_html(o, list(o.related[:4]))
    return f"""<!doctype html>
<html lang="en">
<head>
<title>Page not found - {esc(o.name)}</title>
<meta name="robots" content="noindex">
</head>
<body class="error-page">
<div class="topbar"><a class="topbar__brand" href="/">{esc(o.name)}</a><a class="topbar__subscribe" href="/subscribe">{ui["subscribe"]}</a></div>
<nav class="section-nav">
{nav}
</nav>
<div class="container"><h1>Page not found</h1>
<p>Sorry, we couldn't find the page you were looking for. It may have been moved or deleted.</p>
<form action="/search"><input type="search" name="q"><button>{ui["search"]}</button></form>
<section class="more-from"><h3>Most read</h3><ul>
{most_read}
</ul></section></div>
<div class="cookie-modal" role="dialog"><p>{esc(o.cookie)}</p><a href="#">{ui["accept"]}</a></div>
<footer class="site-footer"><p>{esc(o.footer)}</p></footer>
</body>
</html>
"""


def tiny_jpeg() -> bytes:
    """A minimal JFIF header and end marker: enough for a content sniffer, not a real picture."""
    app0 = b"\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    comment = b"\xff\xfe\x00\x13newsetl sample img"
    return b"\xff\xd8" + app0 + comment + b"\xff\xd9"


def plain_text_record(a: Article) -> str:
    paragraphs = a.paragraphs()
    for line in a.noise:  # furniture a scraper left in the text; truth says it must be removed
        paragraphs.insert(min(3, len(paragraphs)), line)
    return "\n\n".join(paragraphs)


def txt_scrape(a: Article) -> str:
    """A plain-text scrape in the style of the project's seed file."""
    paragraphs = a.paragraphs()
    paragraphs.insert(min(4, len(paragraphs)), "Advertisement")
    paragraphs.insert(min(2, len(paragraphs)), "Share this article on Facebook, X or WhatsApp")
    return "\n\n".join(["Skip to main content", a.title, *paragraphs, "Popular Video"])


TXT_FURNITURE = [
    "Skip to main content",
    "Advertisement",
    "Share this article on Facebook, X or WhatsApp",
    "Popular Video",
]


# ---------------------------------------------------------------------------------------------- dumps


def sha1_b32(data: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


@dataclass
class LedgerEntry:
    outcome: str  # article | reject | skip
    reason: str | None
    record_id: str
    url: str | None
    what: str
    offset: int | None = None
    line: int | None = None
    warc_type: str | None = None
    article: str | None = None
    accept_reasons: list[str] | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key in (
            "offset",
            "line",
            "record_id",
            "warc_type",
            "url",
            "outcome",
            "reason",
            "accept_reasons",
            "article",
            "what",
        ):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        return out


class WarcBuilder:
    """Writes a CC-NEWS-like WARC/1.0 file: one gzip member per record."""

    def __init__(self, filename: str, date: str) -> None:
        self.filename = filename
        self.buf = bytearray()
        self.ledger: list[LedgerEntry] = []
        self.clock = datetime.fromisoformat(f"{date}T03:00:00+00:00")
        self.ids = 0

    def new_id(self) -> str:
        self.ids += 1
        return f"<urn:uuid:{uuid.uuid5(UUID_NS, f'{self.filename}#{self.ids}')}>"

    def tick(self, seconds: int = 7) -> datetime:
        self.clock += timedelta(seconds=seconds)
        return self.clock

    @staticmethod
    def warc_date(dt: datetime) -> str:
        return dt.strftime("%Y-%m-%dT%H:%M:%SZ")

    def write(self, headers: list[tuple[str, str]], block: bytes, entry: LedgerEntry) -> int:
        head = "WARC/1.0\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers)
        head += f"Content-Length: {len(block)}\r\n\r\n"
        record = head.encode("utf-8") + block + b"\r\n\r\n"
        offset = len(self.buf)
        self.buf += gzip.compress(record, compresslevel=9, mtime=0)
        entry.offset = offset
        self.ledger.append(entry)
        return offset

    def warcinfo(self) -> None:
        fields = (
            f"software: newsetl sample/build.py\r\nformat: WARC File Format 1.0\r\n"
            f"conformsTo: http://bibnum.bnf.fr/WARC/WARC_ISO_28500_version1_latestdraft.pdf\r\n"
            f"isPartOf: newsetl-sample-corpus\r\nhttp-header-user-agent: {USER_AGENT}\r\n"
            f"description: Synthetic news crawl. All outlets, people and events are fictional.\r\n"
        ).encode()
        rid = self.new_id()
        headers = [
            ("WARC-Type", "warcinfo"),
            ("WARC-Date", self.warc_date(self.clock)),
            ("WARC-Record-ID", rid),
            ("WARC-Filename", self.filename),
            ("Content-Type", "application/warc-fields"),
        ]
        self.write(
            headers, fields, LedgerEntry("skip", "warc_other", rid, None, "warcinfo", warc_type="warcinfo")
        )

    def capture(
        self,
        url: str,
        status: str,
        headers: list[tuple[str, str]],
        body: bytes,
        entry: LedgerEntry,
        request_what: str = "request",
    ) -> tuple[str, datetime]:
        """A request record followed by its response record; returns the response's id and date."""
        parts = urlsplit(url)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        request = (
            f"GET {target} HTTP/1.1\r\nHost: {parts.netloc}\r\nUser-Agent: {USER_AGENT}\r\n"
            f"Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
            f"Accept-Encoding: identity\r\nConnection: close\r\n\r\n"
        ).encode("ascii")
        req_id, resp_id = self.new_id(), self.new_id()
        when = self.tick()
        self.write(
            [
                ("WARC-Type", "request"),
                ("WARC-Date", self.warc_date(when)),
                ("WARC-Record-ID", req_id),
                ("WARC-Target-URI", url),
                ("WARC-Concurrent-To", resp_id),
                ("Content-Type", "application/http; msgtype=request"),
            ],
            request,
            LedgerEntry("skip", "warc_request", req_id, url, request_what, warc_type="request"),
        )
        http_head = f"HTTP/1.1 {status}\r\nDate: {format_datetime(when, usegmt=True)}\r\n"
        http_head += "".join(f"{k}: {v}\r\n" for k, v in headers)
        http_head += f"Content-Length: {len(body)}\r\n\r\n"
        block = http_head.encode("latin-1") + body
        entry.record_id = resp_id
        entry.warc_type = "response"
        self.write(
            [
                ("WARC-Type", "response"),
                ("WARC-Date", self.warc_date(when)),
                ("WARC-Record-ID", resp_id),
                ("WARC-Target-URI", url),
                ("WARC-IP-Address", "192.0.2.17"),
                ("WARC-Block-Digest", sha1_b32(block)),
                ("WARC-Payload-Digest", sha1_b32(body)),
                ("Content-Type", "application/http; msgtype=response"),
            ],
            block,
            entry,
        )
        return resp_id, when


def server_headers(content_type: str, outlet_key: str) -> list[tuple[str, str]]:
    server = {"gazette": "nginx", "riverbend": "cloudflare", "wire": "AkamaiGHost", "pulse": "Apache"}.get(
        outlet_key, "nginx"
    )
    return [
        ("Server", server),
        ("Content-Type", content_type),
        ("Cache-Control", "max-age=120"),
        ("Vary", "Accept-Encoding"),
        ("Connection", "close"),
    ]


@dataclass
class Built:
    """Everything one build produces, kept in memory before writing."""

    files: dict[str, bytes] = field(default_factory=dict)
    ledgers: dict[str, tuple[str, str, list[LedgerEntry]]] = field(
        default_factory=dict
    )  # path -> (date, fmt, …)
    articles: list[dict[str, Any]] = field(default_factory=list)
    captures: dict[str, tuple[str, datetime, str]] = field(
        default_factory=dict
    )  # key -> (resp id, date, digest)


def article_truth(
    a: Article, page: Page | None, source: str, entry: LedgerEntry, fmt: str, furniture: list[str]
) -> dict[str, Any]:
    body = a.body_text()
    paragraphs = [p for b, p in zip(a.blocks, a.paragraphs(), strict=True) if not b.startswith("## ")]
    content = [p for p in paragraphs if not TRAILER_RE.match(p)]
    chosen = []
    for p in (content[0], content[len(content) // 2], content[-1]):
        sentence = first_sentence(p)
        if sentence not in chosen:
            chosen.append(sentence)
    must_not = [f for f in dict.fromkeys(furniture) if f and f not in body]
    leaked = [f for f in furniture if f and len(f) > 12 and f in body]
    if leaked:
        raise ValueError(f"{a.key}: furniture text also occurs in the article body: {leaked}")
    for q in a.quotes:
        if q["text"] not in body or q["type"] not in QUOTE_TYPES:
            raise ValueError(f"{a.key}: bad quote {q}")
    for name in a.nocites:
        if name not in body:
            raise ValueError(f"{a.key}: non-citation {name!r} not in body")
    is_html = page is not None
    published = a.published
    return {
        "key": a.key,
        "date": a.date,
        "source": source,
        "format": fmt,
        "record_id": entry.record_id,
        **({"offset": entry.offset} if entry.offset is not None else {}),
        **({"line": entry.line} if entry.line is not None else {}),
        "url": a.url,
        "canonical_url": a.canonical_url if is_html else a.url,
        "site_name": a.outlet.name if a.outlet else None,
        "title": a.title if (is_html or fmt == "txt" or "notitle" not in a.meta) else None,
        "authors": a.authors if is_html else [],
        "published_at": published.isoformat() if (published and is_html) else None,
        "language": a.language,
        "charset": a.charset if fmt == "warc" else None,
        "charset_declared_in": a.charset_decl if fmt == "warc" else None,
        "word_count": len(body.split()),
        "must_contain": chosen,
        "must_not_contain": must_not,
        "quotes": a.quotes,
        "citations": [citation_truth(a, c) for c in a.cites],
        "not_citations": a.nocites,
    }


def first_sentence(paragraph: str) -> str:
    m = re.match(r".+?[.!?][\"”»“]?(?=\s+[\"“„«¿¡A-ZÄÖÜÉÈÀ]|$)", paragraph)
    sentence = m.group(0) if m else paragraph
    return sentence if len(sentence) >= 40 else paragraph


def citation_truth(a: Article, cite: dict[str, Any]) -> dict[str, Any]:
    name = cite["source_name"]
    domains, aliases = REAL_SOURCES.get(name, ((), (name,)))
    out: dict[str, Any] = {
        "kind": cite["kind"],
        "source_name": name,
        "source_domain": domains[0] if domains else None,
    }
    if cite["kind"] not in CITATION_KINDS:
        raise ValueError(f"{a.key}: unknown citation kind {cite['kind']}")
    if cite["kind"] == "link":
        hits = [
            u
            for _, u in a.links()
            if urlsplit(u).hostname
            and any(urlsplit(u).hostname.removeprefix("www.").endswith(d) for d in domains)
        ]
        if not hits:
            raise ValueError(f"{a.key}: no link to {name}")
        out["url"] = hits[0]
        out["source_domain"] = urlsplit(hits[0]).hostname.removeprefix("www.")
    else:
        where = a.body_text() + " " + (a.photo[1] if a.photo else "")
        if not any(alias in where for alias in aliases):
            raise ValueError(f"{a.key}: citation {name} not found in text")
    if cite["optional"]:
        out["optional"] = True
    return out


def encode_page(a: Article, page: Page) -> bytes:
    # Characters outside a legacy charset become numeric references, as a CMS would write them.
    return page.html.encode(a.charset, errors="xmlcharrefreplace")


def build_warc(date: str, articles: list[Article], built: Built, all_articles: list[Article]) -> None:
    compact = date.replace("-", "")
    path = f"raw/{date}/news-{compact}.warc.gz"
    w = WarcBuilder(f"news-{compact}.warc.gz", date)
    w.warcinfo()
    gazette = OUTLETS["gazette"]

    def add_article(a: Article, what: str = "article") -> tuple[str, datetime]:
        page = render(a)
        body = encode_page(a, page)
        entry = LedgerEntry("article", None, "", a.url, what, article=a.key)
        resp_id, when = w.capture(
            a.url or "", "200 OK", server_headers(http_content_type(a), a.meta["outlet"]), body, entry
        )
        built.articles.append(article_truth(a, page, path, entry, "warc", page.furniture))
        built.captures[a.key] = (resp_id, when, sha1_b32(body))
        return resp_id, when

    if date == "2025-01-21":
        listing = render_listing(all_articles).encode("utf-8")
        w.capture(
            f"https://{gazette.host}/news/city/",
            "200 OK",
            server_headers("text/html; charset=utf-8", "gazette"),
            listing,
            LedgerEntry(
                "reject",
                "not_article",
                "",
                f"https://{gazette.host}/news/city/",
                "section front: teaser links and one-line blurbs, no article",
                accept_reasons=["not_article"],
            ),
        )
    for a in articles:
        if a.key.startswith("15-") and date == "2025-01-21":
            # the crawler followed an http:// link first and got redirected to the article
            old = (a.url or "").replace("https://www.", "http://")
            moved = b"<html><head><title>301 Moved Permanently</title></head><body>Moved.</body></html>\n"
            w.capture(
                old,
                "301 Moved Permanently",
                [("Server", "AkamaiGHost"), ("Location", a.url or ""), ("Content-Type", "text/html")],
                moved,
                LedgerEntry("skip", "http_status", "", old, "301 redirect to the https article URL"),
            )
        resp_id, when = add_article(a)
        if a.key.startswith("01-"):
            img_url = f"https://{gazette.host}/media/2025/01/tram-kessler-square.jpg"
            w.capture(
                img_url,
                "200 OK",
                [("Server", "nginx"), ("Content-Type", "image/jpeg"), ("Cache-Control", "max-age=86400")],
                tiny_jpeg(),
                LedgerEntry("skip", "non_html", "", img_url, "image/jpeg response (the article's photo)"),
            )
            add_metadata(w, a, resp_id, when)
        if a.key.startswith("06-"):
            gone = f"https://{OUTLETS['pulse'].host}/2024/12/30/new-years-eve-fireworks-cancelled/"
            body = (
                b"<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1>"
                b"<p>The requested URL was not found on this server.</p></body></html>\n"
            )
            w.capture(
                gone,
                "404 Not Found",
                server_headers("text/html; charset=iso-8859-1", "pulse"),
                body,
                LedgerEntry("skip", "http_status", "", gone, "404 Not Found"),
            )
        if a.key.startswith("28-"):
            add_revisit(w, built, all_articles)
    if date == "2025-01-21":
        dup = next(a for a in articles if a.key.startswith("16-"))
        page = render(dup)
        w.tick(3600)  # re-crawled an hour later: same URL, same bytes
        w.capture(
            dup.url or "",
            "200 OK",
            server_headers(http_content_type(dup), "riverbend"),
            encode_page(dup, page),
            LedgerEntry(
                "skip",
                "duplicate",
                "",
                dup.url,
                "exact re-crawl of an article already in this dump",
                article=dup.key,
            ),
        )
    if date == "2025-01-22":
        soft = f"https://{OUTLETS['riverbend'].host}/local/2025/01/21/council-meeting-live-updates"
        w.capture(
            soft,
            "200 OK",
            server_headers("text/html; charset=utf-8", "riverbend"),
            render_soft_404().encode("utf-8"),
            LedgerEntry(
                "reject",
                "empty",
                "",
                soft,
                "'Page not found' served with status 200",
                accept_reasons=["empty", "too_short", "not_article"],
            ),
        )
    built.files[path] = bytes(w.buf)
    built.ledgers[path] = (date, "warc", w.ledger)


def add_metadata(w: WarcBuilder, a: Article, resp_id: str, when: datetime) -> None:
    outlinks = "".join(
        f"outlink: {u if u.startswith('http') else 'https://' + a.outlet.host + u} L a/@href\r\n"
        for _, u in a.links()
    )
    fields = (
        f"via: https://{a.outlet.host}/news/\r\nhopsFromSeed: L\r\nfetchTimeMs: 412\r\n"
        f"charsetForLinkExtraction: {a.charset}\r\n{outlinks}"
    ).encode()
    rid = w.new_id()
    w.write(
        [
            ("WARC-Type", "metadata"),
            ("WARC-Date", w.warc_date(when)),
            ("WARC-Record-ID", rid),
            ("WARC-Target-URI", a.url or ""),
            ("WARC-Concurrent-To", resp_id),
            ("Content-Type", "application/warc-fields"),
        ],
        fields,
        LedgerEntry(
            "skip", "warc_other", rid, a.url, "metadata record (crawler outlinks)", warc_type="metadata"
        ),
    )


def add_revisit(w: WarcBuilder, built: Built, all_articles: list[Article]) -> None:
    """The boil-notice page fetched again on the next day, unchanged: a revisit record, no payload."""
    a = next(x for x in all_articles if x.key.startswith("16-"))
    orig_id, orig_when, digest = built.captures[a.key]
    url = a.url or ""
    parts = urlsplit(url)
    request = (
        f"GET {parts.path}?{parts.query} HTTP/1.1\r\nHost: {parts.netloc}\r\nUser-Agent: {USER_AGENT}\r\n"
        f"Accept: text/html\r\nConnection: close\r\n\r\n"
    ).encode("ascii")
    req_id, rev_id = w.new_id(), w.new_id()
    when = w.tick()
    w.write(
        [
            ("WARC-Type", "request"),
            ("WARC-Date", w.warc_date(when)),
            ("WARC-Record-ID", req_id),
            ("WARC-Target-URI", url),
            ("WARC-Concurrent-To", rev_id),
            ("Content-Type", "application/http; msgtype=request"),
        ],
        request,
        LedgerEntry("skip", "warc_request", req_id, url, "request of the revisit", warc_type="request"),
    )
    head = (
        f"HTTP/1.1 200 OK\r\nDate: {format_datetime(when, usegmt=True)}\r\nServer: cloudflare\r\n"
        f"Content-Type: {http_content_type(a)}\r\n\r\n"
    ).encode("ascii")
    w.write(
        [
            ("WARC-Type", "revisit"),
            ("WARC-Date", w.warc_date(when)),
            ("WARC-Record-ID", rev_id),
            ("WARC-Target-URI", url),
            ("WARC-Profile", "http://netpreserve.org/warc/1.0/revisit/identical-payload-digest"),
            ("WARC-Refers-To", orig_id),
            ("WARC-Refers-To-Target-URI", url),
            ("WARC-Refers-To-Date", w.warc_date(orig_when)),
            ("WARC-Payload-Digest", digest),
            ("Content-Type", "application/http; msgtype=response"),
        ],
        head,
        LedgerEntry(
            "skip",
            "warc_other",
            rev_id,
            url,
            "revisit record (identical payload to the 2025-01-21 capture)",
            warc_type="revisit",
        ),
    )


def jsonl_bytes(rows: list[dict[str, Any]]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")


def build_jsonl(
    date: str, name: str, articles: list[Article], built: Built, extra: list[dict[str, Any]], compress: bool
) -> None:
    path = f"raw/{date}/{name}"
    rows: list[dict[str, Any]] = []
    ledger: list[LedgerEntry] = []
    clock = datetime.fromisoformat(f"{date}T05:30:00+00:00")
    prefix = name.split("-")[0]
    pending = list(articles)
    items: list[Article | dict[str, Any]] = []
    while pending or extra:  # interleave extra (non-article) rows after the first article
        if pending:
            items.append(pending.pop(0))
        if extra:
            items.append(extra.pop(0))
    for line_no, item in enumerate(items, start=1):
        clock += timedelta(minutes=11, seconds=23)
        rid = f"{prefix}-{date.replace('-', '')}-{line_no:04d}"
        if isinstance(item, dict):
            row = {
                "id": rid,
                "url": item["url"],
                "fetched_at": clock.strftime("%Y-%m-%dT%H:%M:%SZ"),
                **item["row"],
            }
            rows.append(row)
            ledger.append(
                LedgerEntry(
                    item["outcome"],
                    item["reason"],
                    rid,
                    item["url"],
                    item["what"],
                    line=line_no,
                    accept_reasons=item.get("accept"),
                )
            )
            continue
        a = item
        row = {"id": rid, "url": a.url, "fetched_at": clock.strftime("%Y-%m-%dT%H:%M:%SZ")}
        if "notitle" not in a.meta:
            row["title"] = a.title
        page = None
        if a.container.endswith("html"):
            page = render(a)
            row["html"] = page.html
            furniture = page.furniture
        else:
            row["text"] = plain_text_record(a)
            furniture = list(a.noise)
        rows.append(row)
        entry = LedgerEntry(
            "article",
            None,
            rid,
            a.url,
            "article (html)" if page else "article (text)",
            line=line_no,
            article=a.key,
        )
        ledger.append(entry)
        fmt = ("jsonl.gz-" if compress else "jsonl-") + ("html" if page else "text")
        built.articles.append(article_truth(a, page, path, entry, fmt, furniture))
    data = jsonl_bytes(rows)
    built.files[path] = gzip.compress(data, compresslevel=9, mtime=0) if compress else data
    built.ledgers[path] = (date, "jsonl.gz" if compress else "jsonl", ledger)


def build_txt(a: Article, built: Built) -> None:
    path = f"raw/{a.date}/{a.meta['path']}"
    built.files[path] = (txt_scrape(a) + "\n").encode("utf-8")
    entry = LedgerEntry("article", None, a.meta["path"], None, "plain-text scrape", article=a.key)
    built.ledgers[path] = (a.date, "txt", [entry])
    built.articles.append(article_truth(a, None, path, entry, "txt", TXT_FURNITURE))


PAYWALL_STUB = {
    "url": "https://www.thornwickobserver.example/news/inside-the-race-to-save-the-regal",
    "row": {
        "title": "Inside the race to save the Regal",
        "text": "Subscribe to continue reading.\n\nAlready a subscriber? Log in.",
    },
    "outcome": "reject",
    "reason": "too_short",
    "accept": ["too_short", "empty"],
    "what": "paywall stub: two lines of subscription prompt",
}


def build(articles_dir: Path) -> Built:
    articles = load_articles(articles_dir)
    built = Built()
    for date in DATES:
        mine = [a for a in articles if a.date == date]
        build_warc(date, [a for a in mine if a.container == "warc"], built, articles)
        compact = date.replace("-", "")
        extra = [dict(PAYWALL_STUB)] if date == "2025-01-21" else []
        build_jsonl(
            date,
            f"feed-{compact}.jsonl",
            [a for a in mine if a.container in ("jsonl-html", "jsonl-text")],
            built,
            extra,
            compress=False,
        )
        gz = [a for a in mine if a.container.startswith("jsonl-gz-")]
        if gz:
            build_jsonl(date, f"partner-{compact}.jsonl.gz", gz, built, [], compress=True)
        for a in mine:
            if a.container == "txt":
                build_txt(a, built)
    known = {"warc", "jsonl-html", "jsonl-text", "jsonl-gz-html", "jsonl-gz-text", "txt"}
    unknown = [a.key for a in articles if a.container not in known]
    if unknown:
        raise ValueError(f"unknown container in {unknown}")
    return built


def counts(entries: list[LedgerEntry]) -> dict[str, Any]:
    rejects: dict[str, int] = {}
    skips: dict[str, int] = {}
    for e in entries:
        if e.outcome == "reject":
            rejects[e.reason or ""] = rejects.get(e.reason or "", 0) + 1
        elif e.outcome == "skip":
            skips[e.reason or ""] = skips.get(e.reason or "", 0) + 1
    return {
        "records": len(entries),
        "articles": sum(e.outcome == "article" for e in entries),
        "rejects": dict(sorted(rejects.items())),
        "skips": dict(sorted(skips.items())),
    }


def truth(built: Built) -> dict[str, Any]:
    dates: dict[str, Any] = {}
    for date in DATES:
        files = {p: v for p, v in built.ledgers.items() if v[0] == date}
        all_entries = [e for _, _, led in files.values() for e in led]
        dates[date] = {
            "totals": counts(all_entries),
            "files": {
                p: {"format": fmt, **counts(led), "ledger": [e.to_json() for e in led]}
                for p, (_, fmt, led) in sorted(files.items())
            },
        }
    return {
        "about": "Ground truth for sample/raw (built by sample/build.py; paths are relative to sample/). "
        "All outlets, people and events are fictional.",
        "skip_reasons": list(SKIP_REASONS),
        "reject_reasons": list(REJECT_REASONS),
        "dates": dates,
        "articles": sorted(built.articles, key=lambda x: x["key"]),
    }


def write(built: Built, out: Path) -> list[Path]:
    written = []
    for rel, data in sorted(built.files.items()):
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.append(target)
    target = out / "truth.json"
    target.write_text(json.dumps(truth(built), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="output folder (default: sample/)")
    args = parser.parse_args(argv)
    built = build(HERE / "articles")
    for path in write(built, args.out):
        print(f"{path.stat().st_size:>8}  {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
