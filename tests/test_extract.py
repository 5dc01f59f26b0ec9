"""Extraction: clean text, metadata, links with offsets, refusals of non-articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.boilerplate import clean_text, is_furniture
from pipeline.extract import NotArticle, extract_html, extract_text
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
    ],
)
def test_prose_is_not_furniture(line: str) -> None:
    assert not is_furniture(line)
