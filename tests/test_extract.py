"""Extraction: clean text, metadata, links with offsets, refusals of non-articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.article import process_record
from pipeline.boilerplate import clean_text, is_furniture
from pipeline.extract import NotArticle, extract_html, extract_text
from pipeline.meta_authors import split_names
from pipeline.meta_dates import parse_date
from pipeline.meta_title import clean_title
from pipeline.model import RawRecord, Reject
from tests.factories import ARTICLE_PARAGRAPHS, article_html, listing_html

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_63c9fd7a613bfd28.txt"


@pytest.mark.skipif(not SEED.exists(), reason="shared seed not present")
def test_seed_text_page() -> None:
    extracted = extract_text(SEED.read_text())
    assert extracted.title == "Trump And Putin Agree To Cooperate On North Korea"
    assert "Skip to main content" not in extracted.text
    assert "Popular Video" not in extracted.text
    assert extracted.text.startswith("President Donald Trump and Russian President Vladimir Putin")
    assert extracted.text.endswith("Photo credit: Global Panorama/Flickr")
    assert extracted.language == "en"
    assert extracted.boilerplate_lines_removed == 2


def test_html_article_text_and_metadata() -> None:
    link = '<p>Read the <a href="https://www.reuters.com/world/pier-plan">Reuters report</a> on the plan, which the council backed.</p>'
    extracted = extract_html(article_html(extra_body=link), "https://courier.example/news/pier")
    assert ARTICLE_PARAGRAPHS[0] in extracted.text
    assert "](" not in extracted.text  # no markdown links in the text
    assert extracted.title == "Port Wenlow to rebuild its north pier"
    assert extracted.authors == ["Priya Castell"]
    assert extracted.published_at is not None and extracted.published_at.date().isoformat() == "2024-03-05"
    assert extracted.site_name == "Wenlow Courier"
    assert extracted.language == "en"
    reuters = [link for link in extracted.links if "reuters.com" in link.url]
    assert len(reuters) == 1
    assert extracted.text[reuters[0].start : reuters[0].end] == "Reuters report"


def test_furniture_inside_the_article_is_dropped() -> None:
    furniture = (
        "<p>Sign up for our free morning newsletter</p>"
        "<p>We use cookies to improve your experience on our site.</p>"
        "<h3>Related stories</h3><ul><li><a href='/a'>Council votes on harbour fees</a></li>"
        "<li><a href='/b'>Storm damages coastal road</a></li></ul>"
        "<p>Share this article</p>"
    )
    extracted = extract_html(article_html(extra_body=furniture), "https://courier.example/news/pier")
    for line in ("newsletter", "cookies", "Related stories", "Council votes on harbour fees", "Share this"):
        assert line not in extracted.text
    assert ARTICLE_PARAGRAPHS[-1] in extracted.text


def test_a_related_block_heading_takes_its_teasers() -> None:
    lines = [
        ARTICLE_PARAGRAPHS[0],
        "Weitere Artikel zum Thema",
        "Neuer Radweg am Hafen freigegeben",
        "Stadtrat streitet über Parkgebühren",
        ARTICLE_PARAGRAPHS[1],
    ]
    text, dropped = clean_text("\n".join(lines))
    assert text.splitlines() == [ARTICLE_PARAGRAPHS[0], ARTICLE_PARAGRAPHS[1]] and dropped == 3


def test_real_paragraph_mentioning_a_newsletter_is_kept() -> None:
    paragraph = (
        "The council said it would subscribe to a regional newsletter service so that residents receive "
        "updates on the works by email, a change several members had asked for during the last budget round."
    )
    text, dropped = clean_text(paragraph)
    assert text == paragraph and dropped == 0
    assert is_furniture("Subscribe to our newsletter")


def test_empty_page_is_refused() -> None:
    with pytest.raises(NotArticle) as refusal:
        extract_html("<html><body><nav><a href='/'>Home</a></nav></body></html>", "https://x.example/")
    assert refusal.value.reason == "empty"


def test_near_empty_page_is_too_short() -> None:
    with pytest.raises(NotArticle) as refusal:
        extract_html(
            article_html(paragraphs=["Page not found. The story you are looking for has moved."]), None
        )
    assert refusal.value.reason in {"too_short", "empty"}


def test_section_front_is_not_an_article() -> None:
    with pytest.raises(NotArticle) as refusal:
        extract_html(listing_html(), "https://courier.example/news")
    assert refusal.value.reason in {"not_article", "too_short"}


def test_plain_text_uses_the_title_hint_when_no_headline() -> None:
    body = " ".join(ARTICLE_PARAGRAPHS)
    extracted = extract_text(body, title_hint="Pier plan approved")
    assert extracted.title == "Pier plan approved"
    assert extracted.text == body


@pytest.mark.parametrize(
    "line",
    [
        "Skip to main content",
        "Popular Video",
        "Lire aussi : La réforme des retraites expliquée",
        "Related: Council votes on harbour fees",
        "Keine Kommentare (Kommentare erscheinen erst nach unserer Freigabe)",
        "WANT MORE RECIPES? Subscribe to our newsletter and follow us on Facebook, Pinterest and Instagram.",
        "Ihnen hat der Artikel gefallen? Dann abonnieren Sie unseren Newsletter!",
        "We use cookies to give you the best experience on our website.",
        "Get the day’s top headlines delivered to your inbox every morning by subscribing to our newsletter.",
        "Subscribe to Independent Premium to bookmark this article",
        "Pick Six Newsletter",
        "Leggi anche",
        "Teilen mit:",
        "Sie sind aktuell nicht eingeloggt.",
        "Anzeige, enthält Affiliate Links",
        "Sie müssen angemeldet sein, um Kommentare zu schreiben!",
        "We want to hear what you think about this article.",
    ],
)
def test_furniture_lines(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "The company said 40,000 readers had signed up for the newsletter since the launch in March.",
        "Related research has shown that the effect is small.",
        "Share prices fell sharply on Tuesday after the announcement.",
        "Advertisement revenue at the broadcaster fell by a fifth last year, its annual report shows.",
        "Support for the bill grew over the summer, polls show.",
        "Loading the ships took three days, the port said.",
        "Scammers may land in your inbox disguised as banks.",
        "The newsletter, founded in 1998, reaches 40,000 readers every week.",
    ],
)
def test_prose_is_not_furniture(line: str) -> None:
    assert not is_furniture(line)


# --- issue 12: no lost articles, the section-front test, headline titles, bylines, dates ----------

SHORT_PARAGRAPHS = [  # wire style: every paragraph one short sentence, none of 25 words
    "The harbour authority of Port Wenlow approved a plan on Tuesday to rebuild the old north pier.",
    "The pier has been closed since a storm damaged its timber deck two winters ago.",
    '"We owe the fishing families a safe pier," said Dana Okafor, who chairs the authority.',
    "Work is due to start in the spring and should take eighteen months, she said.",
    "The project will cost 4.2 million euros, according to the authority's own estimate.",
    "A regional fund for coastal towns will pay for about half of it.",
]
PIER_URL = "https://courier.example/news/pier"
DATED_URL = "https://courier.example/2024/03/05/council-live-updates"


def page(
    body: str, head: str = "", title: str = "Port Wenlow approves north pier rebuild - Wenlow Courier"
) -> str:
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>{head}</head>"
        f"<body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>{body}"
        "<footer>© 2024 Wenlow Courier</footer></body></html>"
    )


def paragraphs(texts: list[str]) -> str:
    return "".join(f"<p>{t}</p>" for t in texts)


def related_block(stories: int) -> str:
    cards = "".join(
        f"<div class='card'><h3><a href='/news/story-{i}'>Council weighs plan number {i} for the seafront</a></h3>"
        f"<p>Short teaser {i} about the town.</p></div>"
        for i in range(stories)
    )
    return f"<div class='more-news'><h2>More news</h2>{cards}</div>"


def test_article_with_a_huge_related_links_block_is_not_a_section_front() -> None:
    # short paragraphs only and 15 linked headlines: the old test called this a section front
    body = (
        "<div id='page'><h1>Port Wenlow approves north pier rebuild</h1>"
        f"<div class='story'>{paragraphs(SHORT_PARAGRAPHS)}</div>{related_block(15)}</div>"
    )
    extracted = extract_html(page(body), PIER_URL)
    assert extracted.title == "Port Wenlow approves north pier rebuild"
    assert extracted.text.splitlines() == SHORT_PARAGRAPHS
    assert "teaser" not in extracted.text and "Council weighs" not in extracted.text


def test_a_real_section_front_is_still_refused() -> None:
    blurbs = "".join(
        f"<div class='teaser'><h3><a href='/news/story-{i}'>Story {i}: the council and the seafront plans</a></h3>"
        f"<p>The council met again on Tuesday to talk about plan {i} for the seafront and its costs.</p></div>"
        for i in range(12)
    )
    with pytest.raises(NotArticle) as refusal:
        extract_html(
            page(f"<main><h1>News</h1>{blurbs}</main>", title="News | Wenlow Courier"),
            "https://courier.example/news",
        )
    assert refusal.value.reason == "not_article"


def script_rendered_page() -> str:
    """A blog template that renders the post with a script; the post itself only sits in <noscript>."""
    post = paragraphs(ARTICLE_PARAGRAPHS)
    body = (
        "<div class='post'><h1>Port Wenlow to rebuild its north pier</h1><div class='date'>March 5, 2024</div>"
        f"<script type='text/template'>{post}</script>"
        f"<noscript><span class='byline-author'>Posted by Priya Castell</span>{post}</noscript></div>"
    )
    head = '<meta property="og:type" content="article"><meta property="og:title" content="Port Wenlow to rebuild its north pier">'
    return page(body, head, title="Wenlow Courier: Port Wenlow to rebuild its north pier")


def test_only_the_recall_fallback_finds_the_text() -> None:
    extracted = extract_html(script_rendered_page(), "https://courier.example/2024/03/pier.html")
    assert extracted.extraction == "recall"
    assert ARTICLE_PARAGRAPHS[0] in extracted.text and ARTICLE_PARAGRAPHS[-1] in extracted.text
    assert extracted.title == "Port Wenlow to rebuild its north pier"
    assert extracted.authors == ["Priya Castell"]
    assert extracted.published_at is not None and extracted.published_at.date().isoformat() == "2024-03-05"


def test_a_short_page_without_article_signals_gets_no_fallback() -> None:
    notice = "<div><p>This page has moved. Please update your bookmarks.</p></div>"
    with pytest.raises(NotArticle) as refusal:
        extract_html(page(notice, title="Moved"), "https://courier.example/old")
    assert refusal.value.reason in {"too_short", "empty"}


@pytest.mark.parametrize("robots", ['<meta name="robots" content="noindex">', ""])
def test_an_error_page_with_a_dated_url_gets_no_fallback(robots: str) -> None:
    # A dated URL (a "date") and a visible headline, but the headline is three words ("Page not
    # found") and, in one variant, the page asks not to be indexed: no recall pass that would turn
    # its cookie notice and footer into an article.
    body = (
        "<div><h1>Page not found</h1><p>Sorry, we could not find the page you were looking for. "
        "It may have been moved or deleted.</p></div>"
        "<div class='cookie-modal'><p>Wenlow Courier and our partners store and access information "
        "on your device to deliver personalised advertising and to measure audiences.</p></div>"
    )
    with pytest.raises(NotArticle) as refusal:
        extract_html(page(body, head=robots, title="Page not found - Wenlow Courier"), DATED_URL)
    assert refusal.value.reason in {"too_short", "empty"}


def test_most_pages_take_the_fast_precision_pass() -> None:
    assert extract_html(article_html(), PIER_URL).extraction == "precision"


@pytest.mark.parametrize(
    ("title", "head", "heading"),
    [
        # "Site | Section | Headline", og:title a social variant: the visible h1 wins
        (
            "Wenlow Courier | Local News | Port Wenlow approves north pier rebuild",
            '<meta property="og:title" content="Pier saved! What the vote means for you">',
            "<h1>Port Wenlow approves north pier rebuild</h1>",
        ),
        # the site's logo in an h1 of the site header, the headline in the article's h1
        (
            "Port Wenlow approves north pier rebuild – Wenlow Courier",
            "",
            "<header id='masthead'><h1><a href='/'>Wenlow Courier</a></h1></header>"
            "<article><h1>Port Wenlow approves north pier rebuild</h1></article>",
        ),
        # a kicker in the h1 ("Harbour"), and a JSON-LD headline agreeing with the rest
        (
            "Harbour: Port Wenlow approves north pier rebuild · Wenlow Courier",
            '<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",'
            '"headline":"Port Wenlow approves north pier rebuild"}</script>',
            "<h1><span class='kicker'>Harbour</span> Port Wenlow approves north pier rebuild</h1>",
        ),
        # no heading at all: <title> with the site name on the left and a section in the middle
        (
            "Wenlow Courier - News - Port Wenlow approves north pier rebuild",
            '<meta property="og:site_name" content="Wenlow Courier">',
            "",
        ),
    ],
)
def test_headline_title_without_site_name_and_section(title: str, head: str, heading: str) -> None:
    extracted = extract_html(page(heading + paragraphs(ARTICLE_PARAGRAPHS), head, title=title), PIER_URL)
    assert extracted.title == "Port Wenlow approves north pier rebuild"


def test_clean_title_cuts_site_and_section_on_either_side() -> None:
    sites = ["Wenlow Courier", "courier.example", "courier"]
    assert clean_title("Pier plan approved | Wenlow Courier", sites) == "Pier plan approved"
    assert clean_title("Wenlow Courier » Politics » Pier plan approved", sites) == "Pier plan approved"
    assert clean_title("23.01.2024 - Pier plan approved - courier.example", sites) == "Pier plan approved"
    # a dash inside the headline stays
    assert (
        clean_title("Pier plan approved – despite the storm", sites)
        == "Pier plan approved – despite the storm"
    )


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("By Jane Doe and John Roe, Staff Writers", ["Jane Doe", "John Roe"]),
        ("Von Anna Schmidt und Jörg Weber", ["Anna Schmidt", "Jörg Weber"]),
        ("Par Marie Dupont, envoyée spéciale à Lyon", ["Marie Dupont"]),
        ("Por Ana García | 5 de mayo de 2024", ["Ana García"]),
        ("Jane Doe, Reporter", ["Jane Doe"]),
        ("11:30 Uhr von Markus Stein", ["Markus Stein"]),
        ("Posted on", []),
    ],
)
def test_bylines(byline: str, names: list[str]) -> None:
    assert split_names(byline, ["Wenlow Courier"]) == names


def test_declared_author_refined_by_the_byline_and_organisations_dropped() -> None:
    ld = (
        '<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",'
        '"author":[{"@type":"Person","name":"Jane"},{"@type":"Organization","name":"Wenlow Courier"}]}</script>'
    )
    body = (
        "<article><h1>Port Wenlow approves north pier rebuild</h1>"
        "<div class='byline'>By <a rel='author' href='/by/jane'>Jane Doe</a> and John Roe</div>"
        f"{paragraphs(ARTICLE_PARAGRAPHS)}</article>"
    )
    extracted = extract_html(page(body, ld), PIER_URL)
    assert extracted.authors == ["Jane Doe", "John Roe"]


@pytest.mark.parametrize(
    ("head", "body", "url", "day"),
    [
        (
            '<meta property="article:published_time" content="2024-03-05T23:30:00-05:00">',
            "",
            PIER_URL,
            "2024-03-05",
        ),
        (
            "",
            "<time class='published' datetime='2024-03-06T08:00:00+01:00'>6 March 2024</time>",
            PIER_URL,
            "2024-03-06",
        ),
        ("", "", "https://courier.example/2024/03/07/pier-plan", "2024-03-07"),
        (
            "",
            "<p class='dateline'>Published 8 March 2024</p>",
            PIER_URL,
            "2024-03-08",
        ),  # only htmldate finds it
    ],
)
def test_publication_date(head: str, body: str, url: str, day: str) -> None:
    html = page(
        f"<article><h1>Port Wenlow approves north pier rebuild</h1>{body}{paragraphs(ARTICLE_PARAGRAPHS)}</article>",
        head,
    )
    extracted = extract_html(html, url)
    assert extracted.published_at is not None
    assert extracted.published_at.date().isoformat() == day  # the page's own calendar day, zone kept


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-05T09:30:00Z", "2024-03-05"),
        ("05.03.2024", "2024-03-05"),
        ("01-11-2023 10:29", "2023-11-01"),
        ("Tue, 05 Mar 2024 09:30:00 GMT", "2024-03-05"),
        ("2024", None),  # a year alone is no publication date
        ("1988", None),
    ],
)
def test_parse_date(value: str, expected: str | None) -> None:
    parsed = parse_date(value)
    assert (parsed.date().isoformat() if parsed else None) == expected


def test_declared_language_is_checked_against_the_text() -> None:
    german = [
        "Die Hafenbehörde von Port Wenlow hat am Dienstag beschlossen, den alten Nordpier wieder aufzubauen, "
        "der seit einem Sturm für die Öffentlichkeit gesperrt ist.",
        "Die Arbeiten sollen im Frühjahr beginnen und nach Angaben der Behörde etwa achtzehn Monate dauern, "
        "wie die Vorsitzende sagte.",
    ]
    # a template that says "en" over German text: the text wins
    assert extract_html(article_html(paragraphs=german * 2), PIER_URL).language == "de"
    assert extract_html(article_html(), PIER_URL).language == "en"


def test_the_extraction_path_reaches_the_article_row() -> None:
    record = RawRecord(
        "memory://shard", 0, "r0", "https://courier.example/2024/03/pier.html", html=script_rendered_page()
    )
    result = process_record(record)
    assert not isinstance(result, Reject)
    assert result.article["extraction"] == "recall"
