"""Extraction quality: newsetl beside bare trafilatura (defaults, and its best configuration) on
three annotated corpora, in one table.

    .venv/bin/python benchmarks/extraction_quality.py [--corpora a,b] [--limit N] [--configs a,b] [--show CONFIG]

Corpora, metrics and where the corpora are looked for: `pipeline/extraction_eval.py` and
benchmarks/README.md. Every configuration gets the same decoded page; a page newsetl refuses
(NotArticle) is scored as empty output and listed with its reason.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from _common import print_table

from pipeline.extraction_eval import (
    BOILERPLATE,
    CORPORA,
    Corpus,
    Runner,
    Score,
    article_length_prf,
    bare_runner,
    load_corpus,
    missing_reason,
    newsetl_runner,
    run_corpus,
)
from pipeline.limits import MIN_ARTICLE_WORDS

CONFIGS: dict[str, tuple[str, Callable[[], Runner]]] = {
    "bare defaults": (
        "trafilatura.bare_extraction(with_metadata=True), defaults (comments kept)",
        bare_runner,
    ),
    "bare best": (
        "the same with include_comments=False, favor_precision=True",
        lambda: bare_runner(include_comments=False, favor_precision=True),
    ),
    "newsetl": ("pipeline.extract.extract_html", newsetl_runner),
}


def _fmt(value: float | None) -> float | str:
    return "-" if value is None else value


def report(results: dict[str, dict[str, Score]], corpora: dict[str, Corpus], show: list[str]) -> None:
    long_rows: list[list[object]] = []
    rows = []
    for corpus_name, scores in results.items():
        for config, score in scores.items():
            p, r, f1 = score.prf
            leaked = score.leaked_segments
            if corpora[corpus_name].kind == "body":
                pages, (lp, lr, lf1) = article_length_prf(score, corpora[corpus_name], MIN_ARTICLE_WORDS)
                if pages < score.pages:
                    long_rows.append([f"{corpus_name} ({pages})", config, lp, lr, lf1])
            rows.append(
                [
                    f"{corpus_name} ({score.pages})",
                    config,
                    p,
                    r,
                    f1,
                    "-" if leaked is None else leaked,
                    score.boilerplate,
                    len(score.rejected) + score.errors,
                    _fmt(score.accuracy("title")),
                    _fmt(score.accuracy("author")),
                    _fmt(score.accuracy("date")),
                    score.median_ms,
                ]
            )
    print_table(
        [
            "corpus (pages)",
            "config",
            "P",
            "R",
            "F1",
            "leaked without",
            "furniture lines",
            "rejects",
            "title",
            "author",
            "date",
            "ms/page",
        ],
        rows,
        "Text P/R/F1 (segments on trafilatura-eval, shingles elsewhere; rejects scored empty), leaks, "
        "metadata accuracy",
    )
    if long_rows:
        print_table(
            ["corpus (pages)", "config", "P", "R", "F1"],
            long_rows,
            f"The same on the pages whose annotated text has {MIN_ARTICLE_WORDS}+ words (the project rejects "
            "shorter pages by contract, min_word_count)",
        )
    for corpus_name, scores in results.items():
        newsetl = scores.get("newsetl")
        if newsetl is None:
            continue
        paths = ", ".join(f"{path} {count}" for path, count in sorted(newsetl.paths.items()))
        print(f"\n{corpus_name}: newsetl extraction paths: {paths or '-'}")
        classes = ", ".join(f"{name} {newsetl.boiler[name]}" for name in BOILERPLATE if newsetl.boiler[name])
        print(f"{corpus_name}: newsetl furniture lines by class: {classes or 'none'}")
        if newsetl.rejected:
            reference = scores.get("bare best")
            print(f"{corpus_name}: newsetl rejected {len(newsetl.rejected)} page(s) (scored as empty):")
            truth = {page.id: page.truth for page in corpora[corpus_name].pages}
            for page_id, reason, detail in newsetl.rejected:
                annotated = truth[page_id].get("body") or " ".join(truth[page_id].get("with", []))
                cost = reference.per_page_recall.get(page_id) if reference else None
                bare = f"bare best R {cost:.2f}" if cost is not None else ""
                print(
                    f"  {page_id[:24]:<24} truth {len(annotated.split()):>5}w  {bare:<16} {reason:<11} {detail[:70]}"
                )
    for name in show:
        for corpus_name, scores in results.items():
            if name in scores:
                print(f"\n{corpus_name}, {name}: furniture lines and leaked 'without' segments:")
                for page_id, line in scores[name].boiler_examples:
                    print(f"  {page_id[:20]}  {line[:160]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", default=",".join(CORPORA), help=f"comma list from {','.join(CORPORA)}")
    parser.add_argument("--limit", type=int, default=None, help="first N pages of each corpus")
    parser.add_argument("--configs", default=",".join(CONFIGS), help=f"comma list from {','.join(CONFIGS)}")
    parser.add_argument("--show", default="", help="configs whose furniture lines and leaks to print")
    args = parser.parse_args(argv)

    configs = [c.strip() for c in args.configs.split(",") if c.strip()]
    for name in configs:
        if name not in CONFIGS:
            parser.error(f"unknown config {name!r}; known: {', '.join(CONFIGS)}")
    results: dict[str, dict[str, Score]] = {}
    corpora: dict[str, Corpus] = {}
    for corpus_name in [c.strip() for c in args.corpora.split(",") if c.strip()]:
        if corpus_name not in CORPORA:
            parser.error(f"unknown corpus {corpus_name!r}; known: {', '.join(CORPORA)}")
        reason = missing_reason(corpus_name)
        if reason:
            print(f"skip: {reason}")
            continue
        corpus = corpora[corpus_name] = load_corpus(corpus_name, args.limit)
        print(f"{corpus_name}: {len(corpus.pages)} pages ({corpus.kind})", flush=True)
        results[corpus_name] = {}
        for name in configs:
            _label, make = CONFIGS[name]
            print(f"  running {name}", flush=True)
            results[corpus_name][name] = run_corpus(make(), corpus)
    if not results:
        print("no corpus found: nothing measured")
        return 1
    print("\nconfigs: " + "; ".join(f"{name} = {CONFIGS[name][0]}" for name in configs))
    report(results, corpora, [s.strip() for s in args.show.split(",") if s.strip()])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
