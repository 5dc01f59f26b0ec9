"""`newsetl`: run a date, backfill a range, query the tables, re-validate a date, rebuild a run report.

Exit codes: 0 published; 2 bad usage; 3 validation blocked publication;
1 anything else, with one clear line on stderr.
"""

from __future__ import annotations

import argparse
import errno
import logging
import os
import re
import sys
import time
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, NoReturn

from pipeline import __version__

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_BLOCKED = 0, 1, 2, 3
VIEWS = ("articles", "quotes", "citations", "rejects", "articles_latest")

EXAMPLES = {
    "run": """examples:
  newsetl run --input sample/raw/2025-01-22 --output out --date 2025-01-22
  newsetl run --input 's3://dumps/2025/01/22/*.warc.gz' --output s3://lake/news --date 2025-01-22 --workers 8""",
    "backfill": """examples:
  newsetl backfill --source 'sample/raw/{date}' --output out --from 2025-01-20 --to 2025-01-22
  newsetl backfill --source 's3://cc-news/{yyyy}/{mm}/CC-NEWS-{yyyymmdd}*.warc.gz' --output s3://lake/news \\
      --from 2024-01-01 --to 2024-03-31 --force""",
    "query": """examples:
  newsetl query --output out "SELECT domain, count(*) AS articles FROM articles GROUP BY 1 ORDER BY 2 DESC"
  newsetl query --output out --format csv "SELECT * FROM quotes" > quotes.csv
  newsetl query --output out --format parquet --to latest.parquet "SELECT * FROM articles_latest"
  newsetl query --output out "DESCRIBE quotes"    # the columns, their types and what they mean

views: articles, quotes, citations, rejects (each with crawl_date), articles_latest (one row per
article_id, its latest crawl). docs/queries.md has tested examples; docs/data-dictionary.md the columns.""",
    "validate": """examples:
  newsetl validate --output out --date 2025-01-22
  newsetl validate --output out --date 2025-01-22 --max-reject-rate 0.2 --data-docs""",
    "recover": """examples:
  newsetl recover --output out --date 2025-01-22""",
    "report": """examples:
  newsetl report --output out --date 2025-01-22
  newsetl report --output out --date 2025-01-22 --run 20250123T010203Z-a1b2c3""",
}


class UsageError(Exception):
    pass


class OutputUnwritable(Exception):
    """The output cannot be written (read-only, missing permissions): an environment failure, exit 1."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, not a usage dump
        self.exit(EXIT_USAGE, f"newsetl: error: {message} (see `{self.prog} --help`)\n")


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _rate(value: str) -> float:
    try:
        rate = float(value)
    except ValueError:
        rate = -1.0
    if not 0.0 <= rate <= 1.0:
        raise argparse.ArgumentTypeError(f"must be a number between 0 and 1: {value!r}")
    return rate


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"must be a positive integer: {value!r}")
    return int(value)


def _count(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"must be 0 or a positive integer: {value!r}")
    return int(value)


def _command(commands: Any, name: str, help_text: str) -> argparse.ArgumentParser:
    return commands.add_parser(
        name,
        help=help_text,
        description=help_text[0].upper() + help_text[1:] + ".",
        epilog=EXAMPLES[name],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def _output_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--output", required=True, metavar="OUT", help=what)


def _run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--allow-empty",
        action="store_true",
        help="publish an empty date when the inputs hold no record (default: exit 2, the date is left as it was)",
    )
    parser.add_argument(
        "--workers",
        type=_positive,
        default=None,
        metavar="N",
        help="extraction worker processes (default: the usable cores)",
    )
    parser.add_argument(
        "--max-reject-rate",
        type=_rate,
        default=None,
        metavar="R",
        help="block publication when rejects / (records - skips) exceeds R, 0..1 "
        "(default 0.5, expectations/thresholds.json)",
    )
    parser.add_argument(
        "--data-docs",
        action="store_true",
        help="also build Great Expectations Data Docs next to validation.json "
        "(they load styles from CDNs; the run report works offline)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="newsetl",
        description=__doc__.split("\n")[0],
        epilog="Run `newsetl COMMAND --help` for a command's options and examples.",
    )
    parser.add_argument("--version", action="version", version=f"newsetl {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser, metavar="COMMAND")

    run = _command(commands, "run", "process one crawl date and publish its partitions")
    run.add_argument(
        "--input",
        action="append",
        required=True,
        metavar="PATH",
        help="a dump: file, directory, glob or fsspec URI (s3://, gs://, http(s)://); repeat for more",
    )
    _output_option(run, "output root: a path or fsspec URI; tables go to OUT/<table>/crawl_date=D/")
    run.add_argument(
        "--date", required=True, type=_date, metavar="YYYY-MM-DD", help="the crawl date (the partition)"
    )
    _run_options(run)

    backfill = _command(
        commands, "backfill", "run a range of crawl dates from a source template, one after another"
    )
    backfill.add_argument(
        "--source",
        required=True,
        metavar="TEMPLATE",
        help="input path or URI with {date} {yyyy} {mm} {dd} {yyyymmdd}, filled for each date",
    )
    _output_option(backfill, "output root: a path or fsspec URI")
    backfill.add_argument(
        "--from", dest="start", required=True, type=_date, metavar="YYYY-MM-DD", help="first date"
    )
    backfill.add_argument(
        "--to", dest="end", required=True, type=_date, metavar="YYYY-MM-DD", help="last date (inclusive)"
    )
    _run_options(backfill)
    backfill.add_argument("--force", action="store_true", help="re-run dates that are already published")

    query = _command(commands, "query", "SQL over the tables with DuckDB")
    _output_option(query, "output root holding the tables")
    query.add_argument("sql", metavar="SQL", help="a DuckDB query over the views (quote it for the shell)")
    query.add_argument(
        "--format",
        choices=("table", "csv", "json", "parquet"),
        default="table",
        help="table (default, on the terminal), csv, json (an array of objects) or parquet",
    )
    query.add_argument(
        "--limit",
        type=_count,
        default=None,
        metavar="N",
        help="at most N rows; 0 = all (default: 50 for table, all for the other formats); "
        "a cut is always reported on stderr",
    )
    query.add_argument(
        "--to",
        dest="to_file",
        default=None,
        metavar="FILE",
        help="write the result to FILE instead of stdout (parquet needs a file or a redirected stdout)",
    )

    validate = _command(
        commands, "validate", "re-validate a published crawl date with the expectation suites"
    )
    _output_option(validate, "output root holding the tables")
    validate.add_argument(
        "--date", required=True, type=_date, metavar="YYYY-MM-DD", help="the crawl date to check"
    )
    validate.add_argument(
        "--max-reject-rate",
        type=_rate,
        default=None,
        metavar="R",
        help="reject rate allowed, 0..1 (default 0.5)",
    )
    validate.add_argument("--data-docs", action="store_true", help="also build Great Expectations Data Docs")

    recover = _command(
        commands,
        "recover",
        "finish (or undo) a publish of a date that was interrupted, and clean up leftovers",
    )
    _output_option(recover, "output root holding the tables")
    recover.add_argument("--date", required=True, type=_date, metavar="YYYY-MM-DD", help="the crawl date")

    report = _command(commands, "report", "(re)build the HTML run report of a published crawl date")
    _output_option(report, "output root holding the tables")
    report.add_argument("--date", required=True, type=_date, metavar="YYYY-MM-DD", help="the crawl date")
    report.add_argument(
        "--run", dest="run_id", default=None, metavar="RUN_ID", help="a given run (default: the latest)"
    )
    return parser


# --- shared helpers ---------------------------------------------------------------------------


def _check_output_writable(output: str) -> None:
    from pipeline.sources.fs import filesystem

    fs, root = filesystem(output)
    probe = f"{root.rstrip('/')}/_probe-{uuid.uuid4().hex}"
    try:
        fs.makedirs(root, exist_ok=True)
        fs.pipe_file(probe, b"")
        fs.rm(probe)
    except Exception as error:
        raise OutputUnwritable(
            f"output is not writable: {output} ({type(error).__name__}: {error})"
        ) from None


def _enable_data_docs(args: argparse.Namespace) -> None:
    if getattr(args, "data_docs", False):
        from pipeline.validate import DATA_DOCS_ENV

        os.environ[DATA_DOCS_ENV] = "1"  # read by pipeline.validate, wherever the run validates


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _by_reason(values: dict[str, int]) -> str:
    return ", ".join(f"{k} {v:,}" for k, v in sorted(values.items(), key=lambda kv: (-kv[1], kv[0])))


@dataclass
class Outcome:
    """One date's run as the CLI reports it."""

    day: str
    status: str  # published | blocked | no input | skipped | failed
    counts: dict[str, Any] = field(default_factory=dict)
    run_id: str = ""
    seconds: float = 0.0
    phases: dict[str, float] = field(default_factory=dict)
    manifest_path: str | None = None
    validation_path: str | None = None
    report_path: str | None = None
    reasons: list[str] = field(default_factory=list)  # why it was blocked, in plain words
    message: str = ""


def format_summary(outcome: Outcome) -> str:
    """The closing summary of one run: counts, reasons, timings and where its records are."""
    counts = outcome.counts
    head = "published" if outcome.status == "published" else "BLOCKED by validation: nothing published"
    lines = [f"crawl_date={outcome.day} {head}" + (f" (run {outcome.run_id})" if outcome.run_id else "")]
    records = int(counts.get("records") or 0)
    lines.append(
        f"  records read {records:,}: articles {int(counts.get('articles') or 0):,}, "
        f"rejects {int(counts.get('rejects') or 0):,}, skips {int(counts.get('skips') or 0):,}"
    )
    lines.append(
        f"  quotes {int(counts.get('quotes') or 0):,}, citations {int(counts.get('citations') or 0):,}"
    )
    for label, key in (
        ("rejects", "rejects_by_reason"),
        ("skips", "skips_by_reason"),
        ("extraction", "extraction"),
        ("normalised", "fixes"),
    ):
        if isinstance(counts.get(key), dict) and counts[key]:
            lines.append(f"  {label}: {_by_reason(counts[key])}")
    if outcome.status == "blocked":
        lines.append(f"  blocked: {blocked_line(counts)}")
        lines += [f"  why: {reason}" for reason in outcome.reasons]
    lines.append(_timing_line(records, outcome.seconds, outcome.phases))
    for label, path in (
        ("manifest", outcome.manifest_path),
        ("validation", outcome.validation_path if outcome.status != "published" else None),
        ("report", outcome.report_path),
    ):
        if path:
            lines.append(f"  {label:<10} {path}")
    return "\n".join(lines)


def blocked_line(counts: dict[str, Any]) -> str:
    from pipeline.report.render import blocked_reason

    return blocked_reason(counts)


def _timing_line(records: int, seconds: float, phases: dict[str, float]) -> str:
    rate = records / seconds if seconds else 0.0
    parts = [
        f"{name} {phases[name]:.1f} s"
        for name in ("read", "extract", "validate", "publish", "report")
        if name in phases
    ]
    return f"  {seconds:.1f} s wall, {rate:.1f} docs/s" + (f" (of which {', '.join(parts)})" if parts else "")


# --- run and backfill -------------------------------------------------------------------------


def _run_one(inputs: list[str], args: argparse.Namespace, day: date, progress: Any) -> Outcome:
    """One date end to end, with its report; a blocked run becomes an Outcome, other errors raise."""
    from pipeline.run import ValidationFailed, run_date

    started = time.perf_counter()
    try:
        manifest = run_date(
            inputs,
            args.output,
            day,
            args.workers,
            args.max_reject_rate,
            progress,
            allow_empty=args.allow_empty,
        )
    except ValidationFailed as blocked:
        return _blocked(args.output, day, blocked, progress, started)
    outcome = Outcome(day.isoformat(), "published", manifest["counts"], manifest["run_id"])
    layout_dir = f"{args.output.rstrip('/')}/_manifests/crawl_date={day.isoformat()}"
    outcome.manifest_path = f"{layout_dir}/{manifest['run_id']}.json"
    outcome.validation_path = (manifest.get("validation") or {}).get("result_path")
    outcome.report_path = _write_report(args.output, day, manifest["run_id"], progress, started)
    outcome.phases, outcome.seconds = _phases(progress, started)
    return outcome


def _phases(progress: Any, started: float) -> tuple[dict[str, float], float]:
    seconds = time.perf_counter() - started
    phases = dict(progress.seconds()) if hasattr(progress, "seconds") else {}
    return phases, seconds


def _write_report(output: str, day: date, run_id: str, progress: Any, started: float) -> str | None:
    from pipeline.report import write_report

    phases, seconds = _phases(progress, started)  # the report shows the run up to its own writing
    progress.start("report")
    try:
        paths = write_report(output, day.isoformat(), run_id, {**phases, "total": round(seconds, 3)})
    except Exception as error:  # a report is a view: its failure never fails a published run
        progress.end("report", "failed")
        print(
            f"newsetl: warning: the run report could not be written: {type(error).__name__}: {error}",
            file=sys.stderr,
        )
        return None
    progress.end("report", "written")
    return paths.run


def _blocked(output: str, day: date, blocked: Any, progress: Any, started: float) -> Outcome:
    from pipeline.report import write_blocked_report
    from pipeline.store import read_json

    document = (read_json(blocked.result_path) if blocked.result_path else None) or {}
    run_id = blocked.result_path.rstrip("/").split("/")[-2] if blocked.result_path else ""
    outcome = Outcome(day.isoformat(), "blocked", document.get("counts") or {}, run_id)
    outcome.validation_path = blocked.result_path
    outcome.reasons = list(document.get("failures") or blocked.failures)
    progress.end("validate", "blocked")
    if blocked.result_path:
        try:
            phases, seconds = _phases(progress, started)
            paths = write_blocked_report(
                output, day.isoformat(), run_id, blocked.result_path, {**phases, "total": round(seconds, 3)}
            )
            outcome.report_path = paths.run
        except Exception as error:
            print(
                f"newsetl: warning: the run report could not be written: {type(error).__name__}: {error}",
                file=sys.stderr,
            )
    outcome.phases, outcome.seconds = _phases(progress, started)
    return outcome


def _run(args: argparse.Namespace) -> int:
    from pipeline.progress import TerminalProgress

    _check_output_writable(args.output)
    _enable_data_docs(args)
    progress = TerminalProgress()
    try:
        outcome = _run_one(args.input, args, args.date, progress)
    finally:
        progress.close()
    print(format_summary(outcome))
    if outcome.status == "blocked":
        print(f"newsetl: blocked: {blocked_line(outcome.counts)}", file=sys.stderr)
        for reason in outcome.reasons:
            print(f"newsetl: why: {reason}", file=sys.stderr)
        return EXIT_BLOCKED
    return EXIT_OK


def _already_published(output: str, day: date) -> bool:
    from pipeline.store import Layout, read_json

    return read_json(f"{Layout(output, day.isoformat(), '-').manifest_dir}/latest.json") is not None


def _date_line(outcome: Outcome) -> str:
    c = outcome.counts
    if outcome.status == "published":
        text = (
            f"{outcome.day} published: {_plural(int(c.get('records') or 0), 'record')}, "
            f"{_plural(int(c.get('articles') or 0), 'article')}, {_plural(int(c.get('rejects') or 0), 'reject')}, "
            f"{_plural(int(c.get('skips') or 0), 'skip')} in {outcome.seconds:.1f} s"
        )
        return text + (f" — report {outcome.report_path}" if outcome.report_path else "")
    if outcome.status == "blocked":
        why = "; ".join(outcome.reasons[:2])
        return f"{outcome.day} BLOCKED by validation: {blocked_line(c)}" + (f" — {why}" if why else "")
    return f"{outcome.day} {outcome.status}: {outcome.message}"


def _backfill(args: argparse.Namespace) -> int:
    from pipeline.progress import TerminalProgress
    from pipeline.run import InputError
    from pipeline.templates import check_template, expand

    if args.end < args.start:
        raise UsageError(f"--to {args.end} is before --from {args.start}")
    check_template(args.source)
    _check_output_writable(args.output)
    _enable_data_docs(args)
    started = time.perf_counter()
    days = [args.start + timedelta(days=i) for i in range((args.end - args.start).days + 1)]
    outcomes: list[Outcome] = []
    for number, day in enumerate(days, 1):
        source = expand(args.source, day)
        if not args.force and _already_published(args.output, day):
            outcome = Outcome(day.isoformat(), "skipped", message="already published (use --force to re-run)")
        else:
            progress = TerminalProgress(prefix=f"{day} ({number}/{len(days)}) ")
            day_started = time.perf_counter()
            try:
                outcome = _run_one([source], args, day, progress)
            except (InputError, FileNotFoundError) as error:
                outcome = Outcome(day.isoformat(), "no input", message=str(error))
            except KeyboardInterrupt:
                raise
            except Exception as error:
                outcome = Outcome(day.isoformat(), "failed", message=f"{type(error).__name__}: {error}")
            finally:
                progress.close()
            outcome.seconds = outcome.seconds or time.perf_counter() - day_started
        outcomes.append(outcome)
        print(_date_line(outcome), flush=True)
    print(_backfill_total(outcomes, time.perf_counter() - started), flush=True)
    return EXIT_FAILED if any(o.status in ("failed", "blocked") for o in outcomes) else EXIT_OK


def _backfill_total(outcomes: list[Outcome], seconds: float) -> str:
    by_status: dict[str, int] = {}
    for outcome in outcomes:
        by_status[outcome.status] = by_status.get(outcome.status, 0) + 1
    totals = {
        key: sum(int(o.counts.get(key) or 0) for o in outcomes)
        for key in ("records", "articles", "rejects", "skips")
    }
    statuses = ", ".join(f"{n} {status}" for status, n in by_status.items())
    return (
        f"backfill {outcomes[0].day}..{outcomes[-1].day}: {_plural(len(outcomes), 'date')} ({statuses}); "
        f"{totals['records']:,} records, {totals['articles']:,} articles, {totals['rejects']:,} rejects, "
        f"{totals['skips']:,} skips in {seconds:.1f} s"
    )


# --- query, validate, report ------------------------------------------------------------------


def _has_tables(output: str) -> bool:
    from pipeline.schema import TABLES
    from pipeline.sources.fs import filesystem

    fs, root = filesystem(output)
    root = root.rstrip("/")
    return any(fs.glob(f"{root}/{table}/crawl_date=*/*.parquet") for table in TABLES)


_UNKNOWN_TABLE = re.compile(r"Table with name (\S+) does not exist")
_DESCRIBE = re.compile(r"^\s*DESCRIBE\s+([A-Za-z_]+)\s*;?\s*$", re.IGNORECASE)


def _with_descriptions(sql: str) -> str:
    """`DESCRIBE <view>` with each column's description next to its type (DuckDB's own has none)."""
    match = _DESCRIBE.match(sql)
    if match is None or match.group(1).lower() not in VIEWS:
        return sql
    view = match.group(1).lower()
    return (
        f'SELECT d.column_name, d.column_type, d."null", c.comment AS description FROM (DESCRIBE {view}) d '
        f"LEFT JOIN duckdb_columns() c ON c.table_name = '{view}' AND c.column_name = d.column_name "
        "ORDER BY c.column_index"
    )


def _query(args: argparse.Namespace) -> int:
    import duckdb

    from pipeline.dictionary import describe_views
    from pipeline.output_formats import TABLE_ROWS, write_result
    from pipeline.query import connect

    if not _has_tables(args.output):
        raise UsageError(
            f"no newsetl tables under {args.output} (expected {args.output.rstrip('/')}/articles/crawl_date=YYYY-MM-DD/"
            "*.parquet): check --output, or run `newsetl run` first"
        )
    if args.format == "parquet" and args.to_file is None and sys.stdout.isatty():
        raise UsageError("parquet is binary: give --to FILE or redirect stdout to a file")
    limit = args.limit if args.limit is not None else (TABLE_ROWS if args.format == "table" else 0)
    connection = connect(args.output)
    connection.execute("SET enable_progress_bar = false")
    describe_views(connection)
    try:
        relation = connection.sql(_with_descriptions(args.sql))
    except duckdb.CatalogException as error:
        unknown = _UNKNOWN_TABLE.search(str(error))
        if unknown:
            raise UsageError(f"unknown table {unknown.group(1)}; the views are: {', '.join(VIEWS)}") from None
        raise UsageError(f"query: {str(error).splitlines()[0]}") from None
    except duckdb.Error as error:
        raise UsageError(f"query: {str(error).splitlines()[0]}") from None
    if relation is None:  # a statement without a result (SET, CREATE VIEW …)
        return EXIT_OK
    out = open(args.to_file, "wb") if args.to_file else sys.stdout.buffer  # noqa: SIM115 - closed below
    try:
        written = write_result(relation, args.format, out, limit or None)
    except duckdb.Error as error:
        raise UsageError(f"query: {str(error).splitlines()[0]}") from None
    finally:
        if args.to_file:
            out.close()
        else:
            out.flush()
    if written.more:
        print(
            f"newsetl: showing the first {_plural(written.rows, 'row')}; the result has more "
            f"(--limit N for more, --limit 0 for all)",
            file=sys.stderr,
        )
    elif args.to_file:
        print(f"{_plural(written.rows, 'row')} written to {args.to_file}", file=sys.stderr)
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    from pipeline.validate import partition_exists

    day = args.date.isoformat()
    if not partition_exists(args.output, day):  # before Great Expectations takes seconds to import
        raise UsageError(
            f"nothing published for crawl_date={day} under {args.output}: no manifest and no table files "
            "(check --output and --date)"
        )
    from pipeline.store import Layout
    from pipeline.thresholds import load_thresholds
    from pipeline.validate import validate_partition

    layout = Layout(args.output, day, f"revalidate-{time.strftime('%Y%m%dT%H%M%S')}")
    thresholds = load_thresholds({"max_reject_rate": args.max_reject_rate})
    result = validate_partition(args.output, day, thresholds, layout.validation_dir, data_docs=args.data_docs)
    where = f"  results   {result['result_path']}" + (
        f"\n  data docs {result['docs_path']}" if result.get("docs_path") else ""
    )
    if result["success"]:
        print(f"crawl_date={day}: all checks passed in {result['seconds']:.1f} s\n{where}")
        return EXIT_OK
    print(
        f"crawl_date={day}: validation FAILED ({_plural(len(result['failures']), 'problem')})",
        file=sys.stderr,
    )
    for failure in result["failures"]:
        print(f"  {failure}", file=sys.stderr)
    print(where, file=sys.stderr)
    return EXIT_BLOCKED


def _report(args: argparse.Namespace) -> int:
    from pipeline.report import write_report

    try:
        paths = write_report(args.output, args.date.isoformat(), args.run_id)
    except LookupError as error:
        raise UsageError(str(error)) from None
    print(paths.run)
    if paths.latest:
        print(paths.latest)
    return EXIT_OK


def _recover(args: argparse.Namespace) -> int:
    from pipeline.store import recover

    print(f"crawl_date={args.date}: {recover(args.output, args.date.isoformat())}")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    # The summary says what went wrong in plain words; library warnings would repeat it in jargon.
    logging.basicConfig(level=logging.ERROR, format="newsetl: %(message)s")
    # Our own warnings stay: a publish finished for a killed run, a stale lock taken over.
    logging.getLogger("pipeline").setLevel(logging.WARNING)
    args = build_parser().parse_args(argv)
    handlers = {
        "run": _run,
        "backfill": _backfill,
        "query": _query,
        "validate": _validate,
        "report": _report,
        "recover": _recover,
    }
    from pipeline.sources import InputError
    from pipeline.templates import TemplateError

    try:
        return handlers[args.command](args)
    except (UsageError, InputError, TemplateError) as error:
        print(f"newsetl: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("newsetl: interrupted", file=sys.stderr)
        return EXIT_FAILED
    except OutputUnwritable as error:
        print(f"newsetl: failed: {error}", file=sys.stderr)
        return EXIT_FAILED
    except OSError as error:
        if error.errno == errno.ENOSPC or "No space left on device" in str(error):
            where = f" ({error.filename})" if error.filename else ""
            print(
                f"newsetl: failed: no space left on the output device{where}; nothing was published",
                file=sys.stderr,
            )
            return EXIT_FAILED
        print(f"newsetl: failed: {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_FAILED
    except Exception as error:
        print(f"newsetl: failed: {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
