"""The bundled sample corpus (sample/): in sync with its generator, small, well-formed, and with a truth.json
that agrees with the raw dumps it describes.

The WARC checks use a small stdlib reader written here and, independently, fastwarc (the project's reader
library), so a malformed record shows up as a disagreement between the two.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import importlib.util
import json
import re
import subprocess
import sys
import zlib
from collections import Counter
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample"
MAX_BYTES = 2 * 1024 * 1024


def load_build() -> Any:
    spec = importlib.util.spec_from_file_location("newsetl_sample_build", SAMPLE / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


BUILD = load_build()
TRUTH: dict[str, Any] = json.loads((SAMPLE / "truth.json").read_text(encoding="utf-8"))
ARTICLES = {a.key: a for a in BUILD.load_articles(SAMPLE / "articles")}


def generated(root: Path) -> list[Path]:
    files = [p for p in (root / "raw").rglob("*") if p.is_file()] + [root / "truth.json"]
    return sorted(p.relative_to(root) for p in files)


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# ------------------------------------------------------------------------------------- raw readers


def gzip_members(data: bytes) -> list[tuple[int, bytes]]:
    """(offset, decompressed bytes) of every gzip member, in order."""
    members = []
    pos = 0
    while pos < len(data):
        d = zlib.decompressobj(wbits=31)
        out = d.decompress(data[pos:])
        assert d.eof, f"truncated gzip member at offset {pos}"
        assert data[pos + 4 : pos + 8] == b"\0\0\0\0", "gzip mtime must be 0 for reproducible bytes"
        members.append((pos, out))
        pos = len(data) - len(d.unused_data)
    return members


def parse_warc_record(raw: bytes) -> tuple[dict[str, str], bytes]:
    head, sep, rest = raw.partition(b"\r\n\r\n")
    assert sep, "WARC header block not terminated"
    lines = head.decode("utf-8").split("\r\n")
    assert lines[0] == "WARC/1.0"
    headers = dict(line.split(": ", 1) for line in lines[1:])
    length = int(headers["Content-Length"])
    assert rest[length:] == b"\r\n\r\n", "Content-Length does not match the record block"
    return headers, rest[:length]


def split_http(block: bytes) -> tuple[int, dict[str, str], bytes]:
    head, _, body = block.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.lower(): v for k, v in (line.split(": ", 1) for line in lines[1:])}
    return status, headers, body


def warc_records(path: Path) -> list[dict[str, Any]]:
    records = []
    for offset, raw in gzip_members(path.read_bytes()):
        headers, block = parse_warc_record(raw)
        records.append({"offset": offset, "headers": headers, "block": block})
    return records


def jsonl_rows(path: Path) -> list[dict[str, Any]]:
    data = path.read_bytes()
    if path.name.endswith(".gz"):
        assert data[4:8] == b"\0\0\0\0"
        data = gzip.decompress(data)
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


def record_ids(path: Path) -> list[str]:
    """Record ids in file order, the way a reader would name them."""
    if path.name.endswith((".warc.gz", ".warc")):
        return [r["headers"]["WARC-Record-ID"] for r in warc_records(path)]
    if ".jsonl" in path.name:
        return [row["id"] for row in jsonl_rows(path)]
    return [path.name]


INLINE_TAGS = {"a", "span", "strong", "em", "b", "i", "time", "cite", "abbr", "small"}


class VisibleText(HTMLParser):
    """All text a browser would render (script/style dropped), to check what a page really contains."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.hidden += 1
        elif tag not in INLINE_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.hidden -= 1
        elif tag not in INLINE_TAGS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible_text(markup: str) -> str:
    parser = VisibleText()
    parser.feed(markup)
    return norm("".join(parser.parts))


def charset_of(http_headers: dict[str, str], body: bytes) -> str:
    match = re.search(r"charset=([\w-]+)", http_headers.get("content-type", ""))
    if match:
        return match.group(1)
    meta = re.search(rb"<meta[^>]+charset=\"?([\w-]+)", body[:2048], re.I)
    assert meta, "page declares no charset anywhere"
    return meta.group(1).decode("ascii")


def raw_document(article: dict[str, Any]) -> tuple[str, bool, str | None]:
    """The article's record as a string, whether it is HTML, and the title the dump itself gives."""
    path = SAMPLE / article["source"]
    fmt = article["format"]
    if fmt == "warc":
        rec = next(r for r in warc_records(path) if r["headers"]["WARC-Record-ID"] == article["record_id"])
        assert rec["offset"] == article["offset"]
        status, headers, body = split_http(rec["block"])
        assert status == 200
        return body.decode(charset_of(headers, body)), True, None
    if fmt == "txt":
        return path.read_text(encoding="utf-8"), False, None
    rows = jsonl_rows(path)
    row = rows[article["line"] - 1]
    assert row["id"] == article["record_id"]
    return (row["html"], True, row.get("title")) if "html" in row else (row["text"], False, row.get("title"))


# ------------------------------------------------------------------------------------- in sync, size


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sample")
    subprocess.run(
        [sys.executable, str(SAMPLE / "build.py"), "--out", str(out)], check=True, capture_output=True
    )
    return out


def test_committed_dumps_are_byte_identical_to_a_fresh_build(rebuilt: Path) -> None:
    assert generated(rebuilt) == generated(SAMPLE)
    stale = [
        str(rel) for rel in generated(rebuilt) if (rebuilt / rel).read_bytes() != (SAMPLE / rel).read_bytes()
    ]
    assert not stale, f"out of date, run `python sample/build.py`: {stale}"


def test_sample_folder_stays_small() -> None:
    files = [p for p in SAMPLE.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    assert sum(p.stat().st_size for p in files) < MAX_BYTES
    assert all(p.stat().st_size < MAX_BYTES // 4 for p in files)


# ------------------------------------------------------------------------------------- WARC structure


@pytest.mark.parametrize("path", sorted(SAMPLE.glob("raw/*/*.warc.gz")), ids=lambda p: p.name)
def test_warc_is_well_formed_and_readable_by_fastwarc(path: Path) -> None:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    records = warc_records(path)
    ids = [r["headers"]["WARC-Record-ID"] for r in records]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"<urn:uuid:[0-9a-f-]{36}>", i) for i in ids)
    assert records[0]["headers"]["WARC-Type"] == "warcinfo"
    for i, rec in enumerate(records):
        h = rec["headers"]
        datetime.strptime(h["WARC-Date"], "%Y-%m-%dT%H:%M:%SZ")
        if h["WARC-Type"] == "request":
            follower = records[i + 1]["headers"]
            assert follower["WARC-Record-ID"] == h["WARC-Concurrent-To"]
            assert follower["WARC-Target-URI"] == h["WARC-Target-URI"]
        if h["WARC-Type"] == "response":
            _, http_headers, body = split_http(rec["block"])
            assert int(http_headers["content-length"]) == len(body)
            digest = "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode()
            assert h["WARC-Payload-Digest"] == digest
    with path.open("rb") as stream:
        seen = [
            (r.record_id, r.content_length)
            for r in ArchiveIterator(stream, record_types=WarcRecordType.any_type, parse_http=False)
        ]
    assert seen == [(r["headers"]["WARC-Record-ID"], len(r["block"])) for r in records]


def test_revisit_points_at_an_earlier_capture_with_the_same_payload() -> None:
    everything = [r for p in sorted(SAMPLE.glob("raw/*/*.warc.gz")) for r in warc_records(p)]
    by_id = {r["headers"]["WARC-Record-ID"]: r for r in everything}
    revisits = [r for r in everything if r["headers"]["WARC-Type"] == "revisit"]
    assert revisits
    for rev in revisits:
        original = by_id[rev["headers"]["WARC-Refers-To"]]
        assert original["headers"]["WARC-Type"] == "response"
        assert original["headers"]["WARC-Payload-Digest"] == rev["headers"]["WARC-Payload-Digest"]
        assert original["headers"]["WARC-Date"] < rev["headers"]["WARC-Date"]


# ------------------------------------------------------------------------------------- truth: counts


def test_every_raw_file_is_described_and_counts_add_up() -> None:
    described = {p for day in TRUTH["dates"].values() for p in day["files"]}
    on_disk = {str(p.relative_to(SAMPLE)) for p in SAMPLE.glob("raw/*/*") if p.is_file()}
    assert described == on_disk
    skip_codes, reject_codes = set(TRUTH["skip_reasons"]), set(TRUTH["reject_reasons"])
    for date, day in TRUTH["dates"].items():
        totals: Counter[str] = Counter()
        for rel, info in day["files"].items():
            assert rel.startswith(f"raw/{date}/")
            ids = record_ids(SAMPLE / rel)
            assert info["records"] == len(ids) == len(info["ledger"])
            assert [e["record_id"] for e in info["ledger"]] == ids
            assert info["records"] == info["articles"] + sum(info["rejects"].values()) + sum(
                info["skips"].values()
            )
            outcomes = Counter((e["outcome"], e.get("reason")) for e in info["ledger"])
            assert outcomes[("article", None)] == info["articles"]
            assert set(info["skips"]) <= skip_codes and set(info["rejects"]) <= reject_codes
            for reason, n in info["skips"].items():
                assert outcomes[("skip", reason)] == n
            for reason, n in info["rejects"].items():
                assert outcomes[("reject", reason)] == n
            totals["records"] += info["records"]
            totals["articles"] += info["articles"]
        assert day["totals"]["records"] == totals["records"]
        assert day["totals"]["articles"] == totals["articles"]


def test_special_records_are_all_present() -> None:
    ledger = [e for day in TRUTH["dates"].values() for f in day["files"].values() for e in f["ledger"]]
    kinds = {(e["outcome"], e.get("reason")) for e in ledger}
    expected = {("skip", r) for r in ("warc_request", "warc_other", "non_html", "http_status", "duplicate")}
    expected |= {("reject", r) for r in ("not_article", "empty", "too_short")}
    assert expected <= kinds
    assert {e.get("warc_type") for e in ledger} >= {"warcinfo", "request", "response", "metadata", "revisit"}
    formats = {f["format"] for day in TRUTH["dates"].values() for f in day["files"].values()}
    assert formats == {"warc", "jsonl", "jsonl.gz", "txt"}


def test_ledger_article_rows_match_the_article_list() -> None:
    ledger = [
        (rel, e["record_id"], e["article"])
        for day in TRUTH["dates"].values()
        for rel, f in day["files"].items()
        for e in f["ledger"]
        if e["outcome"] == "article"
    ]
    listed = [(a["source"], a["record_id"], a["key"]) for a in TRUTH["articles"]]
    assert sorted(ledger) == sorted(listed)
    assert len({a["key"] for a in TRUTH["articles"]}) == len(TRUTH["articles"]) == len(ARTICLES)


def test_corpus_shape() -> None:
    arts = TRUTH["articles"]
    assert Counter(a["date"] for a in arts) == {d: 12 for d in BUILD.DATES}
    assert Counter(a["language"] for a in arts) == {"en": 29, "de": 3, "fr": 2, "es": 2}
    for key, a in ARTICLES.items():
        assert 250 <= len(a.body_text().split()) <= 700, key
    differing = [a for a in arts if a["format"] == "warc" and a["url"] != a["canonical_url"]]
    assert len(differing) >= 3


# ------------------------------------------------------------------------------------- truth: content


@pytest.mark.parametrize("art", TRUTH["articles"], ids=lambda a: a["key"])
def test_article_truth_agrees_with_its_raw_record(art: dict[str, Any]) -> None:
    document, is_html, title_hint = raw_document(art)
    shown = visible_text(document) if is_html else norm(document)
    body = norm(ARTICLES[art["key"]].body_text())
    assert art["must_contain"]
    for sentence in art["must_contain"]:
        assert norm(sentence) in shown and norm(sentence) in body
    for furniture in art["must_not_contain"]:
        assert norm(furniture) in shown, f"trap {furniture!r} is not on the page"
        assert norm(furniture) not in body, f"{furniture!r} is part of the article"
    if art["title"]:
        assert norm(art["title"]) in shown or art["title"] == title_hint
    elif not is_html:
        assert title_hint is None  # no title anywhere in the record: truth cannot expect one
    for q in art["quotes"]:
        assert q["type"] in BUILD.QUOTE_TYPES
        assert norm(q["text"]) in body
        assert q["speaker"].lower() in body.lower()
    for c in art["citations"]:
        assert c["kind"] in BUILD.CITATION_KINDS
        if c["kind"] == "link":
            assert f'href="{c["url"]}"' in document
            assert c["source_domain"] in c["url"]
        else:
            _, aliases = BUILD.REAL_SOURCES.get(c["source_name"], ((), (c["source_name"],)))
            assert any(alias in shown for alias in aliases), c
    for name in art["not_citations"]:
        assert name in body
    if is_html:
        assert art["authors"] and all(name in shown for name in art["authors"])
        assert art["published_at"] and datetime.fromisoformat(art["published_at"]).tzinfo is not None


def test_legacy_charset_pages_need_their_declared_charset() -> None:
    legacy = {a["charset_declared_in"]: a for a in TRUTH["articles"] if a["charset"] not in (None, "utf-8")}
    assert set(legacy) == {"http", "meta"}
    for where, art in legacy.items():
        rec = next(
            r
            for r in warc_records(SAMPLE / art["source"])
            if r["headers"]["WARC-Record-ID"] == art["record_id"]
        )
        _, headers, body = split_http(rec["block"])
        with pytest.raises(UnicodeDecodeError):
            body.decode("utf-8")
        in_header = "charset=" in headers["content-type"]
        in_meta = re.search(rb"<meta[^>]*charset=", body) is not None
        assert (in_header, in_meta) == ((True, False) if where == "http" else (False, True))


def test_jsonl_rows_have_the_agreed_fields() -> None:
    for path in sorted(SAMPLE.glob("raw/*/*.jsonl*")):
        for row in jsonl_rows(path):
            assert {"id", "url", "fetched_at"} <= set(row)
            assert ("html" in row) != ("text" in row)
            assert datetime.fromisoformat(row["fetched_at"].replace("Z", "+00:00")).tzinfo is not None
