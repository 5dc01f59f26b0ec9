"""`newsetl`: run a date, backfill a range, query or re-validate the output.

Exit codes: 0 published; 2 bad usage; 3 validation blocked publication;
1 anything else, with one clear line on stderr.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
import time
import uuid
from datetime import date, timedelta
from typing import Any, NoReturn

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_BLOCKED = 0, 1, 2, 3


class UsageError(Exception):
    pass


class OutputUnwritable(Exception):
    """The output cannot be written (read-only, missing permissions): an environment failure, exit 1."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, not a usage dump
        self.exit(EXIT_USAGE, f"newsetl: error: {message} (see `newsetl {self.prog.split()[-1]} --help`)\n")


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


def _workers(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"must be a positive integer: {value!r}")
    return int(value)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="newsetl", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    run = commands.add_parser("run", help="process one crawl date and publish its partitions")
    run.add_argument(
        "--input", action="append", required=True, help="path, directory, glob or URI (repeatable)"
    )
    run.add_argument("--output", required=True, help="output root (path or fsspec URI)")
    run.add_argument("--date", required=True, type=_date, help="crawl date, YYYY-MM-DD")
    run.add_argument(
        "--workers", type=_workers, default=None, help="worker processes (default: usable cores)"
    )
    run.add_argument("--max-reject-rate", type=_rate, default=None, help="validation threshold (default 0.5)")
    run.add_argument(
        "--allow-empty",
        action="store_true",
        help="publish an empty date when the inputs hold no record (default: exit 2, the date is left as it was)",
    )

    backfill = commands.add_parser("backfill", help="run a range of dates from a source template")
    backfill.add_argument(
        "--source", required=True, help="URI template with {date} {yyyy} {mm} {dd} {yyyymmdd}"
    )
    backfill.add_argument("--output", required=True)
    backfill.add_argument("--from", dest="start", required=True, type=_date)
    backfill.add_argument("--to", dest="end", required=True, type=_date)
    backfill.add_argument("--workers", type=_workers, default=None)
    backfill.add_argument("--max-reject-rate", type=_rate, default=None)
    backfill.add_argument("--force", action="store_true", help="re-run dates that are already published")
    backfill.add_argument(
        "--allow-empty", action="store_true", help="publish dates whose inputs hold no record as empty"
    )

    query = commands.add_parser("query", help="SQL over the tables with DuckDB")
    query.add_argument("--output", required=True)
    query.add_argument("sql")

    recover = commands.add_parser(
        "recover", help="finish (or undo) a publish of a date that was interrupted, and clean up leftovers"
    )
    recover.add_argument("--output", required=True, help="output root (path or fsspec URI)")
    recover.add_argument("--date", required=True, type=_date, help="crawl date, YYYY-MM-DD")

    validate = commands.add_parser("validate", help="re-validate a published partition")
    validate.add_argument("--output", required=True)
    validate.add_argument("--date", required=True, type=_date)
    validate.add_argument("--max-reject-rate", type=_rate, default=None)
    return parser


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


class _Progress:
    """A one-line counter on a terminal; silent otherwise."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self.count = 0
        self.started = time.perf_counter()
        self.last = 0.0

    def __call__(self, n: int) -> None:
        self.count += n
        now = time.perf_counter()
        if self.enabled and now - self.last > 0.5:
            self.last = now
            rate = self.count / max(now - self.started, 1e-9)
            sys.stderr.write(f"\r{self.count} records read, {rate:.1f}/s")
            sys.stderr.flush()

    def done(self) -> None:
        if self.enabled:
            sys.stderr.write("\r\033[K")


def format_summary(manifest: dict[str, Any]) -> str:
    counts = manifest["counts"]
    seconds = counts.get("process_seconds") or 0.0
    rate = counts["records"] / seconds if seconds else 0.0
    lines = [
        f"crawl_date={manifest['crawl_date']} run_id={manifest['run_id']} published",
        f"  records read {counts['records']}: articles {counts['articles']}, rejects {counts['rejects']}, "
        f"skips {counts['skips']}",
        f"  quotes {counts['quotes']}, citations {counts['citations']}",
    ]
    for label, key in (
        ("rejects", "rejects_by_reason"),
        ("skips", "skips_by_reason"),
        ("normalised", "fixes"),
    ):
        if counts.get(key):
            lines.append(f"  {label}: " + ", ".join(f"{k} {v}" for k, v in counts[key].items()))
    lines.append(f"  {rate:.1f} docs/s over {seconds:.1f} s")
    return "\n".join(lines)


def _run(args: argparse.Namespace) -> int:
    from pipeline.run import run_date

    _check_output_writable(args.output)
    progress = _Progress()
    try:
        manifest = run_date(
            args.input,
            args.output,
            args.date,
            args.workers,
            args.max_reject_rate,
            progress,
            allow_empty=args.allow_empty,
        )
    finally:
        progress.done()
    print(format_summary(manifest))
    return EXIT_OK


def _already_published(output: str, day: date) -> bool:
    from pipeline.store import Layout, read_json

    return read_json(f"{Layout(output, day.isoformat(), '-').manifest_dir}/latest.json") is not None


def _backfill(args: argparse.Namespace) -> int:
    from pipeline.run import InputError, ValidationFailed, expand_source, run_date
    from pipeline.templates import check_template

    if args.end < args.start:
        raise UsageError(f"--to {args.end} is before --from {args.start}")
    check_template(args.source)
    _check_output_writable(args.output)
    day, failed = args.start, 0
    while day <= args.end:
        source = expand_source(args.source, day)
        if not args.force and _already_published(args.output, day):
            print(f"{day} skipped: already published (use --force to re-run)")
        else:
            try:
                manifest = run_date(
                    [source],
                    args.output,
                    day,
                    args.workers,
                    args.max_reject_rate,
                    allow_empty=args.allow_empty,
                )
                c = manifest["counts"]
                print(
                    f"{day} published: {c['records']} records, {c['articles']} articles, {c['rejects']} rejects"
                )
            except ValidationFailed as error:
                failed += 1
                print(f"{day} BLOCKED by validation: {'; '.join(error.failures[:3])}")
            except (InputError, FileNotFoundError) as error:
                print(f"{day} no input: {error}")
            except Exception as error:
                failed += 1
                print(f"{day} FAILED: {type(error).__name__}: {error}")
        sys.stdout.flush()
        day += timedelta(days=1)
    return EXIT_FAILED if failed else EXIT_OK


def _query(args: argparse.Namespace) -> int:
    from pipeline.query import run_query

    relation = run_query(args.output, args.sql)
    if relation is not None:
        relation.show(max_rows=50, max_width=160)
    return EXIT_OK


def _recover(args: argparse.Namespace) -> int:
    from pipeline.store import recover

    print(f"crawl_date={args.date}: {recover(args.output, args.date.isoformat())}")
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    from pipeline.store import Layout
    from pipeline.thresholds import load_thresholds
    from pipeline.validate import validate_partition

    layout = Layout(args.output, args.date.isoformat(), f"revalidate-{time.strftime('%Y%m%dT%H%M%S')}")
    thresholds = load_thresholds({"max_reject_rate": args.max_reject_rate})
    result = validate_partition(args.output, layout.crawl_date, thresholds, layout.validation_dir)
    if result["success"]:
        print(f"crawl_date={layout.crawl_date}: all expectations passed ({result.get('docs_path', '')})")
        return EXIT_OK
    print(f"crawl_date={layout.crawl_date}: validation FAILED", file=sys.stderr)
    for failure in result["failures"]:
        print(f"  {failure}", file=sys.stderr)
    return EXIT_BLOCKED


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    args = build_parser().parse_args(argv)
    handlers = {
        "run": _run,
        "backfill": _backfill,
        "query": _query,
        "validate": _validate,
        "recover": _recover,
    }
    from pipeline.run import ValidationFailed
    from pipeline.sources import InputError
    from pipeline.templates import TemplateError

    try:
        return handlers[args.command](args)
    except (UsageError, InputError, TemplateError) as error:
        print(f"newsetl: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except ValidationFailed as error:
        print(f"newsetl: validation blocked publication: {'; '.join(error.failures)}", file=sys.stderr)
        if error.result_path:
            print(f"newsetl: details in {error.result_path}", file=sys.stderr)
        return EXIT_BLOCKED
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
