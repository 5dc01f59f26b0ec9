from __future__ import annotations

from pipeline.ids import article_id, content_hash, domain_of, normalize_url


def test_normalize_url_drops_tracking_fragment_www_and_default_port() -> None:
    assert normalize_url("HTTPS://WWW.Example.com:443/News/Story/?utm_source=x&b=2&a=1#top") == (
        "https://example.com/News/Story?a=1&b=2"
    )
    assert normalize_url("http://example.com:8080/") == "http://example.com:8080/"


def test_same_page_same_id_different_page_different_id() -> None:
    text_hash = content_hash("Body")
    assert article_id("https://www.example.com/a?fbclid=1", text_hash) == article_id(
        "https://example.com/a", "other"
    )
    assert article_id("https://example.com/a", text_hash) != article_id("https://example.com/b", text_hash)
    assert article_id(None, content_hash("Some  TEXT")) == article_id(None, content_hash("some text"))


def test_domain_of() -> None:
    assert domain_of("https://www.bbc.co.uk/news/1") == "bbc.co.uk"
    assert domain_of(None) is None and domain_of("not a url") is None
