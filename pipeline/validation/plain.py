"""Failed expectations in plain words, for people who never read a GX suite (no GX import here).

Each sentence says what is wrong with the data, how many rows, and an example:
"title is missing in 1 of 12 articles, e.g. article_id=ab12…". The expectation's
technical name stays in `validation.json` next to the sentence.
"""

from __future__ import annotations

from typing import Any

_MAX_SET_SHOWN = 6

# What the validator's derived columns measure, for sentences about them.
DERIVED = {
    "_text_length": "the text's length",
    "_paragraph_count": "the number of paragraphs",
    "_bad_paragraph_spans": "paragraph spans outside the text",
    "_bad_sentence_spans": "sentence spans outside the text",
    "_published_after_fetch_hours": "hours from fetch to publication",
    "_article_text_length": "the length of the article's text",
    "_article_span_text": "the article's text at these offsets",
}


def _name(column: str) -> str:
    return DERIVED.get(column, column)


def _rows(record: dict[str, Any], table: str) -> str:
    n, total = record.get("unexpected_count"), record.get("element_count")
    if n is None:
        return ""
    return f"{n} of {total} {table}" if total is not None else f"{n} {table}"


def _example(record: dict[str, Any]) -> str:
    examples = record.get("examples") or []
    if not examples:
        return ""
    first = examples[0]
    if isinstance(first, dict):
        shown = ", ".join(f"{k}={v}" for k, v in first.items() if not str(k).startswith("_"))
        shard = first.get("_shard")
        shown = shown or f"shard {shard}"
    else:
        shown = repr(first)
    where = record.get("shards") or []
    place = f" (in {', '.join(where[:3])})" if where else ""
    return f", e.g. {shown}{place}"


def _set(values: Any) -> str:
    values = list(values or [])
    shown = ", ".join(str(v) for v in values[:_MAX_SET_SHOWN])
    return shown + (", …" if len(values) > _MAX_SET_SHOWN else "")


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _range(kwargs: dict[str, Any]) -> str:
    """`between 0 and 1`, `not 0`, `below 30`, `above 24`: the side the values fell off."""
    low, high = kwargs.get("min_value"), kwargs.get("max_value")
    if low is not None and high is not None:
        return f"not {_number(low)}" if low == high else f"outside {_number(low)} to {_number(high)}"
    return f"below {_number(low)}" if low is not None else f"above {_number(high)}"


def _run_sentence(record: dict[str, Any], run: dict[str, Any]) -> str | None:
    """The run-level checks, worded from the run's own counts."""
    kwargs = record.get("kwargs") or {}
    a, b, column = kwargs.get("column_A"), kwargs.get("column_B"), kwargs.get("column")
    if (a, b) == ("articles", "min_articles"):
        records = run.get("records", "?")
        return f"no article came out of {records} record{'s' if records != 1 else ''} read"
    if column == "reject_rate":
        limit = kwargs.get("max_value")
        limit_text = f"{limit:.0%}" if isinstance(limit, int | float) else str(limit)
        rate = run.get("reject_rate", 0.0)
        return (
            f"{rate:.0%} of the records that were not skipped are rejects "
            f"({run.get('rejects')} of {run.get('candidates')}); at most {limit_text} is allowed"
        )
    if a == "records" and b == "accounted":
        return (
            f"{run.get('records')} records read but articles + rejects + skips = {run.get('accounted')}: "
            "records were lost or counted twice"
        )
    if isinstance(a, str) and a.startswith("staged_"):
        table = a.removeprefix("staged_")
        return f"{run.get(a)} {table} rows were staged but the run counted {run.get(b)}"
    return None


def sentence(record: dict[str, Any], run: dict[str, Any] | None = None) -> str:
    """One plain sentence for one failed expectation record (see pipeline.validate)."""
    table = record.get("table", "rows")
    kwargs = record.get("kwargs") or {}
    kind = record.get("expectation", "")
    if record.get("error"):
        return f"{table}: the check {kind}({record.get('target', '')}) could not run: {record['error']}"
    if table == "run" or record.get("suite") == "run":
        worded = _run_sentence(record, run or {})
        if worded:
            return worded
    column = kwargs.get("column", "")
    a, b = kwargs.get("column_A", ""), kwargs.get("column_B", "")
    rows, example = _rows(record, table), _example(record)
    if kind == "expect_column_values_to_not_be_null" and column == "_article_text_length":
        return f"{rows} point to an article that is not in the run{example}"
    if kind == "expect_column_pair_values_a_to_be_greater_than_b" and a == "_article_text_length":
        return f"{rows} end beyond the end of their article's text{example}"
    if kind == "expect_column_pair_values_to_be_equal" and b == "_article_span_text":
        return f"{rows} are not the article's text at their offsets{example}"
    if kind == "expect_column_values_to_be_between" and column in (
        "_bad_sentence_spans",
        "_bad_paragraph_spans",
    ):
        return f"{rows} have {_name(column)}{example}"
    if kind == "expect_column_values_to_be_between" and column == "_paragraph_count":
        return f"{rows} have no paragraph{example}"
    if kind == "expect_column_values_to_be_between" and column == "_published_after_fetch_hours":
        hours = _number(kwargs.get("max_value"))
        return f"{rows} say they were published more than {hours} hours after the fetch{example}"
    if kind == "expect_column_values_to_not_be_null":
        return f"{column} is missing in {rows}{example}"
    if kind == "expect_column_values_to_match_regex":
        return f"{column} is malformed in {rows}{example}"
    if kind == "expect_column_values_to_be_in_set":
        return f"{column} is not one of the known values ({_set(kwargs.get('value_set'))}) in {rows}{example}"
    if kind == "expect_column_values_to_not_be_in_set":
        return f"{column} takes a value not allowed here ({_set(kwargs.get('value_set'))}) in {rows}{example}"
    if kind == "expect_column_values_to_be_between":
        return f"{_name(column)} is {_range(kwargs)} in {rows}{example}"
    if kind == "expect_column_values_to_be_unique":
        return f"{column} repeats in {rows}{example}"
    if kind == "expect_compound_columns_to_be_unique":
        return f"({', '.join(kwargs.get('column_list', []))}) repeats in {rows}{example}"
    if kind == "expect_column_values_to_be_of_type":
        return f"{column} is not of type {kwargs.get('type_')} in {table} (found {record.get('observed')})"
    if kind == "expect_table_columns_to_match_set":
        mismatched = record.get("mismatched") or {}
        parts = [f"{k} {', '.join(map(str, v))}" for k, v in mismatched.items() if v]
        return f"{table} columns differ from the schema: {'; '.join(parts) or record.get('observed')}"
    if kind == "expect_column_unique_value_count_to_be_between":
        return f"{column} has {record.get('observed')} distinct values in {table}, expected at most {_number(kwargs.get('max_value'))}"
    if kind == "expect_column_pair_values_a_to_be_greater_than_b":
        relation = "at least" if kwargs.get("or_equal") else "greater than"
        return f"{_name(a)} is not {relation} {_name(b)} in {rows}{example}"
    if kind == "expect_column_pair_values_to_be_equal":
        return f"{_name(a)} differs from {_name(b)} in {rows}{example}"
    observed = record.get("observed")
    return f"{table}: {kind}({record.get('target', '')}) failed" + (
        f", observed {observed}" if observed else ""
    )
