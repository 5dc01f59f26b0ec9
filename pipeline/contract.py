"""The row-level part of the expectation suites, applied to each row where it is produced.

The suites in `expectations/<table>.json` are the table contract. Their
row-level expectations (not null, regex, value sets, ranges, end > start) are
read here and checked on every row in the worker, before the row is staged:
a value from the web that breaks the contract is repaired or nulled (a
nullable column, counted as a fix) or the row is dropped (counted), so one odd
link never blocks a day. What is left for validation to find is systemic:
schema drift, duplicate keys, spans outside their text, counts that do not
reconcile, reject rate, too few articles.

Only expectations on real columns are taken; those on derived `_` columns,
uniqueness and types are left to the validation of the staged tables. A
column may be nulled unless its suite says it must not be null. Importing
this module is cheap (no GX, no pyarrow: it runs in every worker).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pipeline.thresholds import expectations_dir, load_thresholds

Check = Callable[[dict[str, Any]], bool]


@dataclass(frozen=True, slots=True)
class RowRule:
    """One row-level expectation: the column it guards and a predicate over the row."""

    table: str
    column: str
    expectation: str
    holds: Check
    columns: tuple[str, ...] = ()  # every column it reads (two for a pair rule)

    @property
    def name(self) -> str:
        return f"{self.table}.{self.column}"


def _parameter(value: Any, thresholds: dict[str, Any]) -> Any:
    if isinstance(value, dict) and "$PARAMETER" in value:
        value = thresholds[value["$PARAMETER"]]
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            return value
    return value


def _comparable(value: Any, bound: Any) -> Any:
    """A timestamp bound compares with timestamps; a number with numbers."""
    if isinstance(bound, datetime) and isinstance(value, str):
        return datetime.fromisoformat(value)
    return value


def _between(column: str, low: Any, high: Any) -> Check:
    def holds(row: dict[str, Any]) -> bool:
        value = row.get(column)
        if value is None:
            return True
        if low is not None and _comparable(value, low) < low:
            return False
        return not (high is not None and _comparable(value, high) > high)

    return holds


def _regex(column: str, pattern: str) -> Check:
    compiled = re.compile(pattern)
    return lambda row: row.get(column) is None or compiled.search(str(row[column])) is not None


def _pair_greater(first: str, second: str, or_equal: bool) -> Check:
    def holds(row: dict[str, Any]) -> bool:
        a, b = row.get(first), row.get(second)
        if a is None or b is None:
            return True
        return a >= b if or_equal else a > b

    return holds


def _not_null(column: str) -> Check:
    return lambda row: row.get(column) is not None


def _in_set(column: str, values: list[Any], inside: bool) -> Check:
    allowed = frozenset(values)
    return lambda row: row.get(column) is None or (row[column] in allowed) == inside


def _lengths(column: str, low: int | None, high: int | None) -> Check:
    def holds(row: dict[str, Any]) -> bool:
        value = row.get(column)
        if value is None:
            return True
        return (low is None or len(value) >= low) and (high is None or len(value) <= high)

    return holds


# Expectation type -> (kwargs, thresholds) -> a predicate over one row.
_CHECKS: dict[str, Callable[[dict[str, Any], dict[str, Any]], Check]] = {
    "expect_column_values_to_not_be_null": lambda kw, _t: _not_null(kw["column"]),
    "expect_column_values_to_match_regex": lambda kw, _t: _regex(kw["column"], kw["regex"]),
    "expect_column_values_to_be_in_set": lambda kw, _t: _in_set(kw["column"], kw["value_set"], True),
    "expect_column_values_to_not_be_in_set": lambda kw, _t: _in_set(kw["column"], kw["value_set"], False),
    "expect_column_values_to_be_between": lambda kw, t: _between(
        kw["column"], _parameter(kw.get("min_value"), t), _parameter(kw.get("max_value"), t)
    ),
    "expect_column_value_lengths_to_be_between": lambda kw, _t: _lengths(
        kw["column"], kw.get("min_value"), kw.get("max_value")
    ),
    "expect_column_pair_values_a_to_be_greater_than_b": lambda kw, _t: _pair_greater(
        kw["column_A"], kw["column_B"], bool(kw.get("or_equal"))
    ),
}


def _rule_for(
    table: str, expectation: dict[str, Any], thresholds: dict[str, Any], columns_of_table: frozenset[str]
) -> RowRule | None:
    """A Python predicate for a row-level expectation on real columns; None for anything else."""
    kind = expectation["type"]
    kwargs = expectation.get("kwargs", {})
    if expectation.get("meta", {}).get("frame", "rows") != "rows" or kwargs.get("mostly", 1) < 1:
        return None
    column = kwargs.get("column") or kwargs.get("column_A")
    columns = [c for c in (kwargs.get("column"), kwargs.get("column_A"), kwargs.get("column_B")) if c]
    if not column or any(c.startswith("_") or c not in columns_of_table for c in columns):
        return None
    check = _CHECKS[kind](kwargs, thresholds) if kind in _CHECKS else None
    if check is None:
        return None
    return RowRule(table, column, kind, check, tuple(columns))


@functools.cache
def _suite(table: str) -> dict[str, Any]:
    return json.loads((expectations_dir() / f"{table}.json").read_text())


def _columns(table: str) -> frozenset[str]:
    for expectation in _suite(table)["expectations"]:
        if expectation["type"] == "expect_table_columns_to_match_set":
            return frozenset(expectation["kwargs"]["column_set"])
    raise ValueError(f"the {table} suite does not list its columns")


@functools.cache
def rules(table: str) -> tuple[RowRule, ...]:
    """The row rules of `table`'s suite, with thresholds filled in (read once per process)."""
    thresholds = load_thresholds()
    columns = _columns(table)
    found = (_rule_for(table, e, thresholds, columns) for e in _suite(table)["expectations"])
    return tuple(rule for rule in found if rule is not None)


@functools.cache
def _nullable(table: str, column: str) -> bool:
    return not any(
        rule.expectation == "expect_column_values_to_not_be_null" and rule.column == column
        for rule in rules(table)
    )


@functools.cache
def _rules_by_column(table: str) -> dict[str, tuple[RowRule, ...]]:
    grouped: dict[str, list[RowRule]] = {}
    for rule in rules(table):
        grouped.setdefault(rule.column, []).append(rule)
    return {column: tuple(found) for column, found in grouped.items()}


def value_holds(table: str, column: str, value: Any) -> bool:
    """Whether `value` would pass every single-column rule of `table.column`."""
    row = {column: value}
    return all(rule.holds(row) for rule in _rules_by_column(table).get(column, ()))


def broken_rules(table: str, row: dict[str, Any]) -> list[RowRule]:
    return [rule for rule in rules(table) if not rule.holds(row)]


def enforce(table: str, row: dict[str, Any], fixes: list[str]) -> str | None:
    """Make `row` keep the contract: a nullable column that breaks it is nulled (a fix is noted).

    Returns None when the row can be staged, else the first rule it still
    breaks (on a column that may not be null): the caller drops the row.
    """
    for rule in broken_rules(table, row):
        if any(column not in row for column in rule.columns):
            continue  # filled later (run_id, versions) by the writer
        if rule.holds(row):  # an earlier repair (nulling) already made it hold
            continue
        if rule.expectation != "expect_column_values_to_not_be_null" and all(
            _nullable(table, column) for column in rule.columns
        ):
            for column in rule.columns:  # a pair (end > start) is nulled together
                row[column] = None
            fixes.append(f"{rule.name}_invalid_nulled")
            continue
        return f"{rule.name} breaks {rule.expectation}"
    return None
