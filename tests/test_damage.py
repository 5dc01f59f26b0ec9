"""The damage suite (issue 9): damaged dumps, bad inputs, re-crawls and empty inputs, through the real CLI.

All inputs are built once for the module in a temporary folder (builders in `tests/damage.py`) and
all runs are started together, two at a time (a run spends much of its time in single-threaded
validation, so two runs keep both cores busy), before the first test looks at its own. Every run has a generous deadline; a run
that passes it is killed with its workers, so a hang fails a test instead of blocking the suite.

(a) a mutation fuzz: more than 100 damaged WARC.gz, WARC, JSONL(.gz) and tar.gz copies over three
dates, each date with one clean control shard; (b) the named bad inputs of issue 9 items 1 and 3-5
and the worker-pool deadlock of issue 10; (c) empty inputs and source templates (item 6);
(d) the same WARC in two shards and a re-crawl with changed text (item 2).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC
from pathlib import Path
from typing import Any

import pytest

from tests import damage as dm

pytestmark = pytest.mark.slow

SEED = 20250201
WORKERS = "2"
PARALLEL_RUNS = 2
RUN_DEADLINE = 900.0  # seconds for one run of the CLI (the longest takes ~5 min on a very busy host)
# the bad-input day holds the gzip bombs: a reader that hangs on them is stopped here
BAD_DAY_DEADLINE = 600.0
READER_DEADLINE = 120.0  # seconds for a reader to give up on a decompression bomb (64 MiB read: ~1 s)
# Share of the undamaged pages after a damage that must be published. The fuzz is seeded, and a page
# counts only where the format lets a reader resume, so every one of them can be kept.
FUZZ_KEEP_FLOOR = 1.0
ROOT = Path(__file__).resolve().parents[1]
URL_REGEX = next(
    e["kwargs"]["regex"]
    for e in json.loads((ROOT / "expectations" / "citations.json").read_text())["expectations"]
    if e["type"] == "expect_column_values_to_match_regex" and e["kwargs"]["column"] == "url"
)


Published = dm.Published


def newsetl_run(out: Path, date: str, *inputs: Path | str, **options: Any) -> Published:
    return dm.newsetl_run(out, date, *inputs, workers=WORKERS, **{"deadline": RUN_DEADLINE, **options})


# --- the inputs, built once, and every run started up front -------------------------------------------

FUZZ_PLAN = {  # date: [(format, mutations, damaged copies, first copy number)]
    "2025-02-01": [("warc.gz", dm.WARC_GZ_MUTATIONS, 36, 0), ("warc", dm.WARC_MUTATIONS, 10, 1000)],
    "2025-02-02": [("jsonl", dm.JSONL_MUTATIONS, 28, 2000), ("jsonl.gz", dm.STREAM_GZ_MUTATIONS, 6, 3000)],
    "2025-02-03": [("tar.gz", dm.TAR_MUTATIONS, 25, 4000)],
}


@dataclass(repr=False)
class FuzzDay:
    shards: list[dm.DamagedShard]  # the damaged copies
    controls: list[dm.DamagedShard]  # one clean shard per format
    folder: Path


@dataclass(repr=False)
class World:
    """Every input of the module and the futures of every run over them."""

    root: Path
    sample: list[dm.Page]
    fuzz_days: dict[str, FuzzDay] = field(default_factory=dict)
    expected: dict[str, Any] = field(default_factory=dict)
    futures: dict[str, Future] = field(default_factory=dict)

    seconds: dict[str, float] = field(default_factory=dict)
    built_seconds: float = 0.0

    def __repr__(self) -> str:
        return f"<damage inputs in {self.root}>"

    def get(self, name: str) -> Any:
        return self.futures[name].result()

    def timed(self, name: str, job: Callable[[], Any]) -> Callable[[], Any]:
        def run() -> Any:
            started = time.monotonic()
            try:
                return job()
            finally:
                self.seconds[name] = time.monotonic() - started

        return run


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    started = time.monotonic()
    root = tmp_path_factory.mktemp("damage")
    w = World(root, dm.sample_pages())
    jobs: dict[str, Callable[[], Any]] = {}
    # Submitted in this order, two at a time: the run most likely to hang on a broken reader first, so
    # that its deadline overlaps the other runs instead of adding to them.
    _bad_input_day(w, jobs)
    _fuzz_inputs(w, jobs)
    _bomb_readers(w, jobs)
    _duplicates(w, jobs)
    _quirks_day(w, jobs)
    _empty_inputs(w, jobs)
    w.built_seconds = time.monotonic() - started
    with ThreadPoolExecutor(PARALLEL_RUNS, thread_name_prefix="newsetl-run") as pool:
        w.futures = {name: pool.submit(w.timed(name, job)) for name, job in jobs.items()}
        yield w


def _fuzz_inputs(w: World, jobs: dict[str, Callable[[], Any]]) -> None:
    out = w.root / "fuzz-out"
    for date, plan in FUZZ_PLAN.items():
        shards, controls = [], []
        for fmt, mutations, count, first in plan:
            shards += dm.fuzz_shards(fmt, mutations, count, first, SEED, w.sample)
            controls.append(dm.clean_shard(fmt, first + 900, w.sample))
        folder = dm.write_shards(w.root / "fuzz" / date, shards + controls)
        w.fuzz_days[date] = FuzzDay(shards, controls, folder)
        jobs[f"fuzz {date}"] = lambda d=date, f=folder: newsetl_run(out, d, f)


# --- (a) the mutation fuzz ------------------------------------------------------------------------------


@dataclass(repr=False)
class FuzzResult:
    day: FuzzDay
    run: Published
    found: set[str]


@pytest.fixture(scope="module")
def fuzz(world: World) -> dict[str, FuzzResult]:
    results = {}
    for date, day in world.fuzz_days.items():
        run = world.get(f"fuzz {date}")
        results[date] = FuzzResult(day, run, run.markers() if run.result.returncode == 0 else set())
    return results


def test_fuzz_has_over_a_hundred_damaged_copies(world: World) -> None:
    assert sum(len(day.shards) for day in world.fuzz_days.values()) >= 100


@pytest.mark.parametrize("date", sorted(FUZZ_PLAN))
def test_fuzz_run_publishes_without_traceback(fuzz: dict[str, FuzzResult], date: str) -> None:
    fuzz[date].run.assert_published()


@pytest.mark.parametrize("date", sorted(FUZZ_PLAN))
def test_fuzz_manifest_reconciles_and_reject_offsets_are_unique(
    fuzz: dict[str, FuzzResult], date: str
) -> None:
    run = fuzz[date].run
    run.assert_published()
    run.assert_reconciles()
    run.assert_reject_offsets_unique()


@pytest.mark.parametrize("date", sorted(FUZZ_PLAN))
def test_fuzz_clean_control_shard_is_kept_whole(fuzz: dict[str, FuzzResult], date: str) -> None:
    result = fuzz[date]
    result.run.assert_published()
    for control in result.day.controls:
        missing = sorted(control.before - result.found)
        assert not missing, f"{control.name}: clean pages missing: {missing}"


@pytest.mark.parametrize("date", sorted(FUZZ_PLAN))
def test_fuzz_pages_before_the_damage_are_kept(fuzz: dict[str, FuzzResult], date: str) -> None:
    result = fuzz[date]
    result.run.assert_published()
    tally = dm.ShareKept()
    for shard in result.day.shards:
        tally.add(shard.before, result.found, shard.name)
    assert tally.share == 1.0, f"{tally.kept}/{tally.total} kept; lost: {tally.missing[:10]}"


def test_fuzz_lines_with_an_invalid_utf8_byte_are_kept(fuzz: dict[str, FuzzResult]) -> None:
    result = fuzz["2025-02-02"]
    result.run.assert_published()
    tally = dm.ShareKept()
    for shard in result.day.shards:
        tally.add(shard.must_keep, result.found, shard.name)
    assert tally.total >= 4
    assert tally.share == 1.0, f"lines with one invalid byte not published: {tally.missing}"


def fuzz_share_after(results: list[FuzzResult]) -> tuple[dm.ShareKept, dict[str, dm.ShareKept]]:
    overall: dm.ShareKept = dm.ShareKept()
    by_mutation: dict[str, dm.ShareKept] = {}
    for result in results:
        for shard in result.day.shards:
            overall.add(shard.after, result.found, shard.name)
            key = f"{shard.name.split('.', 1)[1]:<9} {shard.mutation}"
            by_mutation.setdefault(key, dm.ShareKept()).add(shard.after, result.found, shard.name)
    return overall, by_mutation


def test_fuzz_undamaged_pages_after_the_damage_are_kept(
    fuzz: dict[str, FuzzResult], capsys: pytest.CaptureFixture[str]
) -> None:
    """Where the format lets a reader resume (next gzip member, next WARC header, next line, next tar
    header), the undamaged pages after a damage are published. Prints the share kept."""
    published = [r for r in fuzz.values() if r.run.result.returncode == 0]
    overall, by_mutation = fuzz_share_after(list(fuzz.values()))  # a day not published kept nothing
    with capsys.disabled():
        print(
            f"\n[damage fuzz] undamaged pages after the damage kept: {overall.kept}/{overall.total} = "
            f"{overall.share:.1%} (dates published: {len(published)} of {len(fuzz)})"
        )
        for key, tally in sorted(by_mutation.items()):
            if tally.total:
                print(f"    {key:<42} {tally.kept:>4}/{tally.total:<4} {tally.share:7.1%}")
    for result in fuzz.values():
        result.run.assert_published()
    assert overall.total >= 200
    assert overall.share >= FUZZ_KEEP_FLOOR, f"lost after a damage: {overall.missing[:15]}"


@pytest.mark.parametrize("date", sorted(FUZZ_PLAN))
def test_fuzz_every_lost_page_is_reported(fuzz: dict[str, FuzzResult], date: str) -> None:
    """A damaged shard that lost pages has at least one reject row: nothing disappears silently."""
    result = fuzz[date]
    result.run.assert_published()
    with_rejects = {Path(r[0]).name for r in result.run.query("SELECT DISTINCT source_uri FROM {rejects}")}
    silent = [
        shard.name
        for shard in result.day.shards
        if (shard.before | shard.after | shard.damaged) - result.found and shard.name not in with_rejects
    ]
    assert not silent, f"shards that lost pages without a reject: {silent}"


# --- (b) named bad inputs: the bad-input day of issue 9 item 3 -----------------------------------------------


def _bad_input_day(w: World, jobs: dict[str, Callable[[], Any]]) -> None:
    folder = w.root / "bad"
    folder.mkdir()
    e = w.expected
    e["good"] = dm.good_warc(folder / "good.warc.gz", w.sample, 23, copy=5000)
    e["corrupt kept"], e["corrupt lost"] = dm.corrupt_member_warc(
        folder / "corrupt-member.warc.gz", w.sample, 5100
    )
    e["truncated kept"] = dm.truncated_warc(folder / "truncated.warc.gz", w.sample, 5200)
    e["broken jsonl kept"] = dm.broken_jsonl(folder / "broken.jsonl", w.sample, 5300)
    dm.gzip_bomb(folder / "bomb.jsonl.gz")
    shutil.copy(folder / "bomb.jsonl.gz", folder / "bomb.warc.gz")
    e["tar kept"] = dm.path_trick_tar(folder / "tricks.tar.gz", w.sample, 5400)
    pages = folder / "pages"
    pages.mkdir()
    (pages / "empty.html").write_bytes(b"")
    (pages / "binary.html").write_bytes(dm.binary_blob())
    (pages / "latin1.html").write_bytes(dm.latin1_page())
    (pages / "nested.html").write_bytes(dm.nested_page())
    (folder / "blob.bin").write_bytes(dm.binary_blob(5000, seed=8))
    (folder / "empty.warc.gz").write_bytes(b"")
    (folder / "garbage.warc.gz").write_bytes(dm.binary_blob(30_000, seed=9))
    _lying_lengths(w)
    # a healthy run of this day takes well under a minute; the deadline only bounds a hang
    jobs["bad input day"] = lambda: newsetl_run(
        w.root / "bad-out", "2025-02-04", folder, deadline=BAD_DAY_DEADLINE
    )


def published(world: World, name: str) -> Published:
    """The run `name`, failing the calling test (not erroring its set-up) when it did not publish."""
    run = world.get(name)
    run.assert_published()
    return run


def test_bad_input_day_publishes_and_reconciles(world: World) -> None:
    run = world.get("bad input day")
    run.assert_published()
    run.assert_reconciles()
    run.assert_reject_offsets_unique()


def test_good_warc_beside_bad_inputs_keeps_all_23_pages(world: World) -> None:
    bad_day = published(world, "bad input day")
    missing = world.expected["good"] - bad_day.markers()
    assert len(world.expected["good"]) == 23 and not missing, f"good pages lost: {sorted(missing)}"
    assert not bad_day.rejects_of(world.root / "bad" / "good.warc.gz")


def test_corrupt_gzip_member_costs_that_record_only(world: World) -> None:
    bad_day = published(world, "bad input day")
    found = bad_day.markers()
    assert world.expected["corrupt kept"] <= found, sorted(world.expected["corrupt kept"] - found)
    rejects = bad_day.rejects_of(world.root / "bad" / "corrupt-member.warc.gz")
    assert len(rejects) == 1, rejects


def test_truncated_warc_keeps_the_records_before_the_cut(world: World) -> None:
    bad_day = published(world, "bad input day")
    found = bad_day.markers()
    assert world.expected["truncated kept"] <= found, sorted(world.expected["truncated kept"] - found)
    rejects = bad_day.rejects_of(world.root / "bad" / "truncated.warc.gz")
    assert len(rejects) == 1 and rejects[0][1] in ("truncated", "corrupt_input"), rejects


def test_broken_jsonl_rejects_its_two_bad_lines_only(world: World) -> None:
    bad_day = published(world, "bad input day")
    found = bad_day.markers()
    assert world.expected["broken jsonl kept"] <= found
    rejects = bad_day.rejects_of(world.root / "bad" / "broken.jsonl")
    assert [r[1] for r in rejects] in (["bad_json", "bad_json"], ["bad_json", "truncated"]), rejects


@pytest.mark.parametrize("name", ["bomb.jsonl.gz", "bomb.warc.gz"])
def test_gzip_bomb_in_a_run_is_one_reject(world: World, name: str) -> None:
    bad_day = published(world, "bad input day")
    rejects = bad_day.rejects_of(world.root / "bad" / name)
    assert len(rejects) == 1, f"{name}: {rejects}"


def test_tar_path_tricks_are_refused_and_its_good_pages_kept(world: World) -> None:
    bad_day = published(world, "bad input day")
    found = bad_day.markers()
    assert world.expected["tar kept"] <= found
    rejects = bad_day.rejects_of(world.root / "bad" / "tricks.tar.gz")
    unsafe = sorted(i for _, reason, i in rejects if reason == "unsafe_path")
    assert unsafe == ["../../escape.html", "/etc/absolute.html"], rejects
    escaped = bad_day.query("SELECT count(*) FROM {articles} WHERE text LIKE '%Escaped reference%'")
    assert escaped == [(0,)], "the `..` member became an article"
    assert not list(world.root.rglob("escape.html")) and not list(world.root.parent.glob("escape.html"))


def test_empty_and_binary_pages_are_rejects(world: World) -> None:
    bad_day = published(world, "bad input day")
    rejects = {i: reason for _, reason, i in bad_day.rejects_of(world.root / "bad" / "pages")}
    assert rejects.get("empty.html") == "empty", rejects
    assert "binary.html" in rejects, rejects
    (binary_articles,) = bad_day.query("SELECT count(*) FROM {articles} WHERE record_id = 'binary.html'")
    assert binary_articles == (0,)


def test_latin1_page_without_charset_is_decoded(world: World) -> None:
    bad_day = published(world, "bad input day")
    rows = bad_day.query("SELECT text FROM {articles} WHERE record_id = 'latin1.html'")
    assert len(rows) == 1, "the latin-1 page is not an article"
    text = rows[0][0]
    assert all(word in text for word in dm.LATIN1_WORDS) and "\ufffd" not in text, text[:300]


def test_deeply_nested_page_keeps_its_article(world: World) -> None:
    bad_day = published(world, "bad input day")
    rows = bad_day.query("SELECT word_count FROM {articles} WHERE record_id = 'nested.html'")
    assert rows and rows[0][0] >= 200, f"50,000 nested <div>: {rows}"


def test_unsupported_empty_and_garbage_files_are_accounted(world: World) -> None:
    bad_day = published(world, "bad input day")
    bad = world.root / "bad"
    assert [r[1] for r in bad_day.rejects_of(bad / "blob.bin")] == ["unsupported_format"]
    assert len(bad_day.rejects_of(bad / "garbage.warc.gz")) == 1
    assert len(bad_day.rejects_of(bad / "empty.warc.gz")) <= 1


# --- the gzip bomb read alone: rejected as such, in bounded time -------------------------------------------


def _bomb_readers(w: World, jobs: dict[str, Callable[[], Any]]) -> None:
    for name in ("bomb.jsonl.gz", "bomb.warc.gz"):
        jobs[f"read {name}"] = lambda n=name: _read_in_child(w.root / "bad" / n)


def _read_in_child(path: Path) -> tuple[int | None, str]:
    """Read one shard with the pipeline's readers in a child process; (exit code or None at the
    deadline, JSON list of (kind, reason) of what it yielded)."""
    code = (
        "import json, sys\nfrom pipeline.sources import iter_records\n"
        "items = [(type(i).__name__, getattr(i, 'reason', '')) for i in iter_records(sys.argv[1])]\n"
        "print(json.dumps(items))\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(timeout=READER_DEADLINE)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)
        proc.communicate()
        return None, ""
    return proc.returncode, out.decode() or err.decode()[-500:]


@pytest.mark.parametrize("name", ["bomb.jsonl.gz", "bomb.warc.gz"])
def test_gzip_bomb_is_rejected_as_such_in_bounded_time(world: World, name: str) -> None:
    """1 GiB of newlines gzipped to 1 MB: the reader gives up after a bounded amount of data without a
    record and says so with one reject."""
    code, output = world.get(f"read {name}")
    assert code is not None, f"{name}: no answer within {READER_DEADLINE:.0f} s"
    assert code == 0, output
    items = json.loads(output)
    assert len(items) == 1 and items[0][0] == "Reject", items


# --- item 3 and 4: Content-Length that lies -------------------------------------------------------------------


def _lying_lengths(w: World) -> None:
    """Part of the bad-input day: WARCs whose Content-Length lies, beside a good JSONL (item 3)."""
    folder = w.root / "bad" / "lengths"
    folder.mkdir(parents=True)
    e = w.expected
    e["short kept"], e["short damaged"] = dm.lying_length_warc(
        folder / "short.warc.gz", w.sample, 5500, longer=False
    )
    e["long kept"], e["long damaged"] = dm.lying_length_warc(
        folder / "long.warc.gz", w.sample, 5600, longer=True
    )
    e["long plain kept"], _ = dm.lying_length_warc(
        folder / "long.warc", w.sample, 5700, longer=True, compressed=False
    )
    e["feed"] = dm.jsonl_dump(dm.copies(w.sample, 5800, 4)).markers
    (folder / "feed.jsonl").write_bytes(dm.jsonl_dump(dm.copies(w.sample, 5800, 4)).encode())


@pytest.fixture(scope="module")
def lengths(world: World) -> Published:
    return world.get("bad input day")


def test_short_content_length_beside_good_jsonl_publishes_both(world: World, lengths: Published) -> None:
    lengths.assert_published()
    lengths.assert_reconciles()
    lengths.assert_reject_offsets_unique()
    found = lengths.markers()
    assert world.expected["feed"] <= found, "the good JSONL beside the bad WARC was not published"
    assert world.expected["short kept"] <= found, sorted(world.expected["short kept"] - found)
    rejects = lengths.rejects_of(world.root / "bad" / "lengths" / "short.warc.gz")
    assert len(rejects) <= 1, rejects


@pytest.mark.parametrize("name", ["long.warc.gz", "long.warc"])
def test_long_content_length_loses_that_record_only(world: World, lengths: Published, name: str) -> None:
    lengths.assert_published()
    kept = world.expected["long kept" if name.endswith(".gz") else "long plain kept"]
    missing = kept - lengths.markers()
    assert not missing, f"{name}: records swallowed by a Content-Length that is too long: {sorted(missing)}"
    assert len(lengths.rejects_of(world.root / "bad" / "lengths" / name)) == 1


# --- one day of page quirks: undecodable names, odd links, bad bytes, huge images, big results -------------


def _quirks_day(w: World, jobs: dict[str, Callable[[], Any]]) -> None:
    folder = w.root / "quirks"
    _undecodable_names(w, folder / "names")
    _odd_links(w, folder / "links")
    _content(w, folder / "content")
    _deadlock(folder / "deadlock")
    jobs["page quirks day"] = lambda: newsetl_run(w.root / "quirks-out", "2025-02-06", folder)


# --- item 5: names that are not UTF-8 -------------------------------------------------------------------


def _undecodable_names(w: World, folder: Path) -> None:
    pages = dm.copies(w.sample, 5900, 3)
    dm.non_utf8_file(folder / "loose", pages[0])
    (folder / "loose" / "plain.html").write_bytes(pages[1].body)
    dm.non_utf8_tar(folder / "names.tar.gz", pages[2])
    w.expected["names"] = {p.marker for p in pages}


def test_non_utf8_file_and_member_names_are_kept_with_replacement_characters(world: World) -> None:
    run = world.get("page quirks day")
    run.assert_published()
    assert world.expected["names"] <= run.markers()
    ids = sorted(r[0] for r in run.query("SELECT record_id FROM {articles}"))
    replaced = [i for i in ids if "\ufffd" in i]
    assert len(replaced) == 2, ids
    assert all("caf\ufffd-r\ufffdsum\ufffd.html" in i for i in replaced), replaced


# --- item 1: links with whitespace and share wrappers --------------------------------------------------


def _odd_links(w: World, folder: Path) -> None:
    folder.mkdir(parents=True)
    page = dm.as_html_page("https://courier.example/2025/02/07/harbour-deal", dm.odd_links_page())
    (folder / "links.warc.gz").write_bytes(dm.warc_of([(page, "2025-02-07T08:00:00Z")]))


def test_odd_link_urls_are_repaired_or_dropped_not_blocking(world: World) -> None:
    run = world.get("page quirks day")
    run.assert_published()
    run.assert_reconciles()
    urls = [
        r[0]
        for r in run.query(
            "SELECT c.url FROM {citations} c JOIN {articles} a USING (article_id) "
            "WHERE a.url LIKE '%harbour-deal' AND c.url IS NOT NULL"
        )
    ]
    assert urls, "no link citation left at all on the page with odd links"
    invalid = [
        u
        for u in run.query("SELECT url FROM {citations} WHERE url IS NOT NULL")
        if not re.match(URL_REGEX, u[0])
    ]
    assert not invalid, f"citation URLs that fail the suite's regex: {invalid}"
    fixes = run.counts.get("fixes", {})
    assert any("url" in k or "link" in k for k in fixes), f"repairs not counted under fixes: {fixes}"


# --- items 4 and 5: an invalid byte in a JSON line, a huge inline data: image ---------------------------------


def _content(w: World, folder: Path) -> None:
    folder.mkdir(parents=True)
    paragraphs = dm.filler_paragraphs("utf8 line", 4)
    clean = json.dumps(
        {
            "id": "fine",
            "url": "https://courier.example/fine",
            "html": dm.article_page("Fine", paragraphs).decode(),
        }
    )
    bad_html = dm.article_page("Broken byte", dm.filler_paragraphs("utf8 byte", 4)).decode()
    line = json.dumps(
        {"id": "one-bad-byte", "url": "https://courier.example/byte", "html": bad_html}
    ).encode()
    at = line.index(b"approved") + 3 if b"approved" in line else line.index(b"according") + 3
    line = line[:at] + b"\xff" + line[at + 1 :]
    (folder / "feed.jsonl").write_bytes(clean.encode() + b"\n" + line + b"\n")
    body, w.expected["data uri paragraphs"] = dm.data_uri_page()
    page = dm.as_html_page("https://courier.example/2025/02/08/budget-chart", body)
    (folder / "chart.warc.gz").write_bytes(dm.warc_of([(page, "2025-02-08T08:00:00Z")]))


def test_one_invalid_utf8_byte_keeps_the_line_replaced(world: World) -> None:
    run = world.get("page quirks day")
    run.assert_published()
    rows = run.query("SELECT text FROM {articles} WHERE record_id = 'one-bad-byte'")
    assert rows, "a JSON line with one invalid UTF-8 byte was not published"
    assert "\ufffd" in rows[0][0]
    assert not run.rejects_of(world.root / "quirks" / "content" / "feed.jsonl")


def test_huge_inline_data_uri_image_keeps_the_text(world: World) -> None:
    run = world.get("page quirks day")
    run.assert_published()
    rows = run.query("SELECT text, word_count FROM {articles} WHERE url LIKE '%budget-chart'")
    assert rows, "the page with an 11 MB data: image is not an article"
    text, words = rows[0]
    paragraphs = world.expected["data uri paragraphs"]
    expected_words = sum(len(p.split()) for p in paragraphs)
    assert words >= 0.95 * expected_words, f"{words} of {expected_words} words kept"
    assert paragraphs[-1].split(".")[0] in text and "base64" not in text


# --- issue 10 item 1: a long article then a 1 MB page must not deadlock the pool ---------------------------


def _deadlock(folder: Path) -> None:
    folder.mkdir(parents=True)
    (folder / "a-long-read.html").write_bytes(dm.long_article())
    (folder / "b-heavy-page.html").write_bytes(dm.megabyte_page())


def test_long_article_then_megabyte_page_finishes(world: World) -> None:
    """Issue 10's deadlock: a result over 200 KB coming back while a 1 MB record goes out."""
    run = world.get("page quirks day")
    run.assert_published()
    rows = dict(run.query("SELECT record_id, word_count FROM {articles}"))
    assert rows.get("a-long-read.html", 0) >= 14_000 and "b-heavy-page.html" in rows, rows


# --- (d) item 2: the same WARC in two shards; a re-crawl with changed text ----------------------------------

RECRAWL_EARLY, RECRAWL_LATE = "2025-02-10T06:00:00Z", "2025-02-10T18:00:00Z"


def _duplicates(w: World, jobs: dict[str, Callable[[], Any]]) -> None:
    folder = w.root / "dupes"
    source = dm.SAMPLE / "raw" / "2025-01-22" / "news-20250122.warc.gz"
    for copy in ("a", "b"):
        (folder / copy).mkdir(parents=True)
        shutil.copy(source, folder / copy / source.name)
    old = dm.copies(w.sample, 6000, 2)
    new = dm.copies(w.sample, 6001, 2)  # other text (other sample pages), same URLs below
    first, second = (dm.Page(o.url, n.content_type, n.body, n.marker) for o, n in zip(old, new, strict=True))
    # the later crawl of page 0 sits in the shard that sorts first, that of page 1 in the one after
    (folder / "recrawl-a.warc.gz").write_bytes(dm.warc_of([(first, RECRAWL_LATE), (old[1], RECRAWL_EARLY)]))
    (folder / "recrawl-b.warc.gz").write_bytes(dm.warc_of([(old[0], RECRAWL_EARLY), (second, RECRAWL_LATE)]))
    w.expected["recrawl"] = {
        "urls": [o.url for o in old],
        "latest": [first.marker, second.marker],
        "older": [o.marker for o in old],
    }
    jobs["duplicates"] = lambda: newsetl_run(w.root / "dupes-out", "2025-02-10", folder)


@pytest.fixture(scope="module")
def dupes(world: World) -> Published:
    return world.get("duplicates")


def test_same_warc_in_two_shards_publishes_and_reconciles(dupes: Published) -> None:
    dupes.assert_published()
    dupes.assert_reconciles()
    truth = json.loads((dm.SAMPLE / "truth.json").read_text())["dates"]["2025-01-22"]["files"]
    sample_articles = truth["raw/2025-01-22/news-20250122.warc.gz"]["articles"]
    (urls,) = dupes.query("SELECT count(DISTINCT url) FROM {articles} WHERE url NOT LIKE '%/dmg-%'")
    (rows,) = dupes.query("SELECT count(*) FROM {articles} WHERE url NOT LIKE '%/dmg-%'")
    assert urls == rows == (sample_articles,)


def test_dropped_copies_take_their_quotes_and_citations_along(dupes: Published) -> None:
    dupes.assert_published()
    for table, key in (("quotes", "quote_id"), ("citations", "citation_id")):
        ((total, distinct, orphans),) = dupes.query(
            f"SELECT count(*), count(DISTINCT {key}), count(*) FILTER (WHERE article_id NOT IN "
            f"(SELECT article_id FROM {{articles}})) FROM {{{table}}}"
        )
        assert total == distinct and orphans == 0, f"{table}: {total} rows, {distinct} ids, {orphans} orphans"
        assert total == dupes.counts[table]


def test_recrawl_with_changed_text_keeps_the_latest_fetch(world: World, dupes: Published) -> None:
    dupes.assert_published()
    expected = world.expected["recrawl"]
    rows = dupes.query(
        "SELECT url, text, fetched_at FROM {articles} WHERE url LIKE '%/dmg-6000-%' ORDER BY url"
    )
    assert [r[0] for r in rows] == sorted(expected["urls"]), rows
    for url, marker_, older in zip(expected["urls"], expected["latest"], expected["older"], strict=True):
        text, fetched = next((r[1], r[2]) for r in rows if r[0] == url)
        assert marker_ in text and older not in text, f"{url}: not the latest crawl"
        assert fetched.astimezone(UTC).isoformat().startswith("2025-02-10T18:00:00"), fetched
    # duplicates: the second copy of each sample article, the two older crawls, and maybe the second
    # copy of the sample's one rejected page (rejected again in the second shard, or skipped)
    truth = json.loads((dm.SAMPLE / "truth.json").read_text())["dates"]["2025-01-22"]["files"]
    sample_articles = truth["raw/2025-01-22/news-20250122.warc.gz"]["articles"]
    counts = dupes.counts
    assert counts["articles"] == sample_articles + 2
    assert counts["rejects"] in (1, 2), counts["rejects_by_reason"]  # only that page is rejected
    assert counts["skips_by_reason"].get("duplicate") == sample_articles + 2 + (2 - counts["rejects"]), counts


# --- (c) item 6: empty inputs never replace a published date; templates need a date --------------------------


def _empty_inputs(w: World, jobs: dict[str, Callable[[], Any]]) -> None:
    folder = w.root / "empty"
    (folder / "day").mkdir(parents=True)
    (folder / "nothing").mkdir()
    w.expected["small"] = dm.good_warc(folder / "day" / "small.warc.gz", w.sample, 3, copy=6100)
    jobs["empty inputs"] = lambda: _empty_sequence(folder)


def _empty_sequence(folder: Path) -> dict[str, Any]:
    """Publish a date, then try to replace it with nothing in the ways a user could by accident."""
    out, date = folder / "out", "2025-02-11"
    steps: dict[str, Any] = {"publish": newsetl_run(out, date, folder / "day")}
    steps["state after publish"] = _date_state(steps["publish"])
    steps["empty folder"] = newsetl_run(out, date, folder / "nothing")
    steps["glob"] = newsetl_run(out, date, f"{folder}/day/*.jsonl.zst")
    steps["state after refusals"] = _date_state(steps["publish"])
    steps["allow empty"] = newsetl_run(out, date, folder / "nothing", extra=("--allow-empty",))
    for name, template in (
        ("static template", f"{folder}/day/"),
        ("unknown placeholder", f"{folder}/{{day}}/"),
    ):
        steps[f"{name} out"] = folder / name.replace(" ", "-")
        steps[name] = dm.run_cli(
            "backfill",
            "--source",
            template,
            "--output",
            str(steps[f"{name} out"]),
            "--from",
            "2025-02-11",
            "--to",
            "2025-02-12",
            "--workers",
            WORKERS,
            deadline=RUN_DEADLINE,
        )
    return steps


def _date_state(run: Published) -> tuple[str | None, int]:
    """(run_id of the date's latest manifest, articles published) right now."""
    path = run.out / "_manifests" / f"crawl_date={run.date}" / "latest.json"
    run_id = json.loads(path.read_text())["run_id"] if path.is_file() else None
    return run_id, _articles_now(run)


@pytest.fixture(scope="module")
def empty(world: World) -> dict[str, Any]:
    return world.get("empty inputs")


def _articles_now(run: Published) -> int:
    return run.query("SELECT count(*) FROM {articles}")[0][0] if run.has("articles") else 0


@pytest.mark.parametrize("step", ["empty folder", "glob"])
def test_input_with_no_record_is_a_usage_error_naming_it(empty: dict[str, Any], step: str) -> None:
    empty["publish"].assert_published()
    refused = empty[step].result
    assert refused.returncode == 2, empty[step].describe()
    message = refused.stderr.strip()
    assert len(message.splitlines()) == 1 and "Traceback" not in message, message
    named = "nothing" if step == "empty folder" else "*.jsonl.zst"
    assert named in message, f"the message does not name the input: {message}"


def test_refused_empty_inputs_leave_the_published_date_as_it_was(empty: dict[str, Any]) -> None:
    empty["publish"].assert_published()
    run_id, articles = empty["state after publish"]
    assert run_id is not None and articles == 3
    assert empty["state after refusals"] == (run_id, 3), "two empty runs replaced the published date"


def test_allow_empty_publishes_an_empty_day_on_purpose(empty: dict[str, Any]) -> None:
    run = empty["allow empty"]
    run.assert_published()
    counts = run.counts
    assert counts["records"] == 0 and counts["articles"] == 0
    assert _articles_now(run) == 0


@pytest.mark.parametrize("step", ["static template", "unknown placeholder"])
def test_backfill_template_needs_a_known_date_placeholder(empty: dict[str, Any], step: str) -> None:
    result: dm.CliResult = empty[step]
    assert result.returncode == 2, f"exit {result.returncode}: {result.stdout[-500:]} {result.stderr[-500:]}"
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert not (empty[f"{step} out"] / "articles").exists(), "a backfill ran with a template it should refuse"


# --- last: no run hung; how long each took --------------------------------------------------------------


def test_no_run_hung(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    """Every run finished before its deadline. Prints each run's wall time (they run two at a time)."""
    results = {name: future.result() for name, future in world.futures.items()}
    with capsys.disabled():
        print(
            f"\n[damage suite] inputs built in {world.built_seconds:.0f} s; runs, {PARALLEL_RUNS} at a time:"
        )
        for name, seconds in world.seconds.items():
            print(f"    {name:<24} {seconds:6.0f} s")
    hung = [name for name, r in results.items() if isinstance(r, Published) and r.result.timed_out]
    hung += [name for name, r in results.items() if isinstance(r, tuple) and r[0] is None]
    hung += [
        f"empty inputs: {k}" for k, v in results["empty inputs"].items() if getattr(v, "timed_out", False)
    ]
    assert not hung, f"killed at their deadline: {hung}"
