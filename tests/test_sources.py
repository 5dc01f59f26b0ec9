"""Readers: every record becomes exactly one RawRecord, Skip or Reject, whatever the damage."""

from __future__ import annotations

import gzip
import io
import json
import tarfile
from pathlib import Path

import fsspec
import pytest
import zstandard

from pipeline.model import RawRecord, Reject, Skip
from pipeline.sources import InputError, discover, iter_records, shard_format
from pipeline.sources.charset import decode_html
from tests.factories import article_html, http_response, page_records, warc_record, write_warc


def kinds(items) -> list[str]:
    return [
        type(i).__name__ if not isinstance(i, Skip | Reject) else f"{type(i).__name__}:{i.reason}"
        for i in items
    ]


@pytest.fixture
def warc(tmp_path: Path) -> Path:
    records = [warc_record("warcinfo", None, b"software: tests\r\n")]
    records += page_records("https://news.example/a", article_html())
    records.append(
        warc_record("response", "https://news.example/i.jpg", http_response(b"\xff\xd8", "image/jpeg"))
    )
    records.append(
        warc_record("response", "https://news.example/gone", http_response(b"x", status="404 Not Found"))
    )
    records += page_records("https://news.example/b", article_html("Another story"))
    return write_warc(tmp_path / "dump.warc.gz", records)


def test_warc_yields_responses_and_counts_the_rest(warc: Path) -> None:
    items = list(iter_records(str(warc)))
    assert kinds(items) == [
        "Skip:warc_other",
        "Skip:warc_request",
        "RawRecord",
        "Skip:non_html",
        "Skip:http_status",
        "Skip:warc_request",
        "RawRecord",
    ]
    page = items[2]
    assert page.url == "https://news.example/a"
    assert page.http_status == 200
    assert page.fetched_at is not None and page.fetched_at.isoformat() == "2025-01-22T10:00:00+00:00"
    assert page.record_id.startswith("<urn:uuid:")
    offsets = [i.record_offset for i in items]
    assert offsets == sorted(offsets) and len(set(offsets)) == len(offsets)


def test_uncompressed_warc_reads_the_same(tmp_path: Path) -> None:
    path = write_warc(
        tmp_path / "dump.warc", page_records("https://news.example/a", article_html()), compress=False
    )
    assert kinds(iter_records(str(path))) == ["Skip:warc_request", "RawRecord"]


def test_corrupt_gzip_member_costs_that_record_only(warc: Path, tmp_path: Path) -> None:
    clean = kinds(iter_records(str(warc)))
    data = bytearray(warc.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = b"\x00" * 64
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(bytes(data))
    items = list(iter_records(str(broken)))
    damaged = [i for i in items if isinstance(i, Reject)]
    assert len(damaged) == 1 and damaged[0].reason in {"corrupt_input", "corrupt_record"}
    assert "damaged member" in damaged[0].detail
    # one member (one record) is lost; every other record is read as before
    assert len(items) == len(clean)
    assert sum(k == "RawRecord" for k in kinds(items)) >= clean.count("RawRecord") - 1
    offsets = [i.record_offset for i in items]
    assert offsets == sorted(offsets) and len(set(offsets)) == len(offsets)


def test_truncated_warc_record_is_rejected(warc: Path, tmp_path: Path) -> None:
    data = warc.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) - 300])
    items = list(iter_records(str(cut)))
    assert isinstance(items[-1], Reject) and items[-1].reason in {"truncated", "corrupt_input"}
    assert items[-1].url in (None, "https://news.example/b")


def test_charset_from_http_header_then_meta_then_detector() -> None:
    text = "Zürich, café, señor"
    assert decode_html(text.encode("cp1252"), "text/html; charset=ISO-8859-1") == text
    meta = f"<html><head><meta charset='windows-1252'></head><body>{text}</body></html>"
    assert text in decode_html(meta.encode("cp1252"), "text/html")
    assert decode_html(text.encode("utf-8"), None) == text
    long_latin = ("Les élèves étudient à l'école près de la forêt. " * 20).encode("cp1252")
    assert "élèves" in decode_html(long_latin, None)


def test_warc_page_decoded_with_http_charset(tmp_path: Path) -> None:
    html = article_html("Café in Zürich").replace("<meta charset='utf-8'>", "")
    records = page_records("https://news.example/z", html, content_type="text/html; charset=iso-8859-1")
    records[1] = warc_record(
        "response",
        "https://news.example/z",
        http_response(html.encode("cp1252"), "text/html; charset=iso-8859-1"),
    )
    path = write_warc(tmp_path / "latin.warc.gz", records)
    page = next(i for i in iter_records(str(path)) if isinstance(i, RawRecord))
    assert "Café in Zürich" in (page.markup() or "")


def _jsonl_lines() -> list[bytes]:
    return [
        json.dumps(
            {
                "url": "https://n.example/1",
                "html": article_html(),
                "id": "a1",
                "fetched_at": "2025-01-22T03:00:00Z",
            }
        ).encode(),
        b"",
        json.dumps({"url": "https://n.example/2", "text": "Plain text body.", "title": "T"}).encode(),
        b"{not json",
        json.dumps({"url": "https://n.example/3"}).encode(),
        json.dumps([1, 2]).encode(),
    ]


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz", ".jsonl.zst"])
def test_jsonl_variants(tmp_path: Path, suffix: str) -> None:
    raw = b"\n".join(_jsonl_lines()) + b"\n"
    if suffix.endswith(".gz"):
        raw = gzip.compress(raw)
    elif suffix.endswith(".zst"):
        raw = zstandard.ZstdCompressor().compress(raw)
    path = tmp_path / f"feed{suffix}"
    path.write_bytes(raw)
    items = list(iter_records(str(path)))
    assert kinds(items) == [
        "RawRecord",
        "RawRecord",
        "Reject:bad_json",
        "Reject:missing_field",
        "Reject:bad_json",
    ]
    first, second = items[0], items[1]
    assert (
        first.record_id == "a1"
        and first.markup()
        and first.fetched_at.isoformat() == "2025-01-22T03:00:00+00:00"
    )
    assert second.text == "Plain text body." and second.title_hint == "T" and second.html is None
    assert [i.record_offset for i in items] == [1, 3, 4, 5, 6]


def test_corrupt_jsonl_gz_is_a_reject(tmp_path: Path) -> None:
    good = gzip.compress(b"\n".join(_jsonl_lines()[:1]) * 50)
    path = tmp_path / "bad.jsonl.gz"
    path.write_bytes(good[: len(good) // 2] + b"garbage" * 10)
    items = list(iter_records(str(path)))
    assert items and isinstance(items[-1], Reject) and items[-1].reason in {"corrupt_input", "truncated"}


def _tar(path: Path, members: dict[str, bytes], mode: str = "w:gz") -> Path:
    with tarfile.open(path, mode) as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = 1_700_000_000
            archive.addfile(info, io.BytesIO(data))
    return path


def test_tar_of_pages_with_path_tricks(tmp_path: Path) -> None:
    path = _tar(
        tmp_path / "pages.tar.gz",
        {
            "site/a.html": article_html().encode(),
            "../../etc/evil.html": b"<html>x</html>",
            "/abs/evil.html": b"<html>x</html>",
            "site/logo.png": b"\x89PNG",
            "site/b.htm": article_html("B").encode(),
        },
    )
    items = list(iter_records(str(path)))
    assert kinds(items) == [
        "RawRecord",
        "Reject:unsafe_path",
        "Reject:unsafe_path",
        "Skip:non_html",
        "RawRecord",
    ]
    assert items[0].record_id == "site/a.html"
    assert not (tmp_path.parent / "etc").exists()


def test_directory_walk_mixes_formats(tmp_path: Path, warc: Path) -> None:
    (tmp_path / "pages" / "deep").mkdir(parents=True)
    (tmp_path / "pages" / "one.html").write_text(article_html())
    (tmp_path / "pages" / "deep" / "two.txt").write_text("Headline\n\nBody text.")
    (tmp_path / "pages" / ".hidden.html").write_text("x")
    (tmp_path / "feed.jsonl").write_bytes(b"\n".join(_jsonl_lines()[:1]))
    shards = discover([str(tmp_path)])
    assert shards == sorted(shards)
    assert {shard_format(s) for s in shards} == {"warc", "jsonl", "directory"}
    pages = [s for s in shards if s.endswith("/")]
    assert len(pages) == 2  # one shard per folder of loose pages
    records = [i for s in pages for i in iter_records(s)]
    assert sorted(r.record_id for r in records) == ["one.html", "two.txt"]
    assert all(isinstance(r, RawRecord) for r in records)


def test_missing_input_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="input not found"):
        discover([str(tmp_path / "nope")])


def test_glob_matching_nothing_gives_no_shards(tmp_path: Path) -> None:
    assert discover([str(tmp_path / "CC-NEWS-2025*.warc.gz")]) == []


def test_unknown_format_is_a_reject(tmp_path: Path) -> None:
    path = tmp_path / "data.parquet"
    path.write_bytes(b"PAR1")
    assert kinds(iter_records(str(path))) == ["Reject:unsupported_format"]


def test_memory_filesystem_uri() -> None:
    fs = fsspec.filesystem("memory")
    fs.pipe("/dumps/2025-01-22/feed.jsonl", b"\n".join(_jsonl_lines()[:1]) + b"\n")
    shards = discover(["memory://dumps/2025-01-22"])
    assert (
        len(shards) == 1
        and shards[0].startswith("memory://")
        and shards[0].endswith("/dumps/2025-01-22/feed.jsonl")
    )
    assert kinds(iter_records(shards[0])) == ["RawRecord"]
    assert next(iter(iter_records(shards[0]))).source_uri == shards[0]


def test_oversized_jsonl_line_is_rejected_and_reading_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pipeline.sources.jsonl as jsonl

    monkeypatch.setattr(jsonl, "MAX_LINE_BYTES", 3000)
    big = json.dumps({"url": "https://n.example/big", "html": "x" * 5000}).encode()
    path = tmp_path / "feed.jsonl"
    path.write_bytes(big + b"\n" + _jsonl_lines()[0] + b"\n")
    assert kinds(iter_records(str(path))) == ["Reject:too_large", "RawRecord"]


def test_http_uri_is_streamed(tmp_path: Path) -> None:
    import functools
    import http.server
    import threading

    (tmp_path / "feed.jsonl").write_bytes(b"\n".join(_jsonl_lines()[:1]) + b"\n")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *args: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        uri = f"http://127.0.0.1:{server.server_address[1]}/feed.jsonl"
        assert discover([uri]) == [uri]
        items = list(iter_records(uri))
        assert kinds(items) == ["RawRecord"] and items[0].source_uri == uri
    finally:
        server.shutdown()
