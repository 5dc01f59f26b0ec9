"""Great Expectations Core 1.x, used directly: an ephemeral context, pandas batches, optional Data Docs.

This is the only module that imports GX, and only when a GxRunner is made,
because the import alone takes seconds.

Cost: GX spends ~5-10 ms per expectation and per call on bookkeeping, and more
when asked for failing values. So a frame is validated with the cheapest result
format (pass/fail per expectation), and only the expectations that failed are
run again to collect counts and examples; Data Docs (which want the full
results of every call) are built only when asked for.
"""

from __future__ import annotations

import datetime as dt
import importlib.abc
import importlib.util
import logging
import os
import sys
import threading
from typing import Any

import pandas as pd
import pyarrow as pa

from pipeline.validation.suites import SubSuite

SITE = "newsetl"
# Pages in Data Docs: every failing validation up to this many, plus the first
# validation of each sub-suite, so a clean run still documents every suite.
MAX_FAILED_PAGES = 40

_PANDAS_INT = {
    pa.int8(): pd.Int8Dtype(),
    pa.int16(): pd.Int16Dtype(),
    pa.int32(): pd.Int32Dtype(),
    pa.int64(): pd.Int64Dtype(),
    pa.bool_(): pd.BooleanDtype(),
}


def to_pandas(table: pa.Table) -> pd.DataFrame:
    """Arrow to pandas keeping integer columns integer when they hold nulls (Int32, not float64)."""
    return table.to_pandas(types_mapper=_PANDAS_INT.get)


# GX's import costs 5-7 s of CPU here, most of it in code newsetl never runs. While the
# thread importing GX runs, and only for imports made by that thread:
# - modules GX uses only for expectations and renderers newsetl does not use (KL divergence,
#   KS tests, Vega charts) load lazily (importlib.util.LazyLoader): on first use, if ever;
# - GX's optional integrations (SQL databases, S3, GCS, Azure) look absent, as GX allows:
#   it keeps a placeholder that fails only if used. The pandas engine needs none of them.
# Other threads, and imports after GX's, see the real modules.
_DEFERRED = frozenset({"altair", "scipy.stats"})
_OPTIONAL = (
    "sqlalchemy",
    "boto3",
    "botocore",
    "google.cloud",
    "google.auth",
    "google.oauth2",
    "google.api_core",
    "azure",
)


class _GxImportFinder(importlib.abc.MetaPathFinder):
    def __init__(self) -> None:
        self.thread = threading.get_ident()

    def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
        if threading.get_ident() != self.thread:
            return None
        if any(name == o or name.startswith(o + ".") for o in _OPTIONAL):
            raise ModuleNotFoundError(f"{name} is not used by newsetl's validation", name=name)
        if name not in _DEFERRED:
            return None
        for finder in sys.meta_path:  # the spec the other finders give, with a lazy loader
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None and spec.loader is not None:
                spec.loader = importlib.util.LazyLoader(spec.loader)
                return spec
        return None


def import_gx() -> Any:
    """The `great_expectations` module, imported with analytics off and without what newsetl does not use."""
    os.environ["GX_ANALYTICS_ENABLED"] = "false"
    if "great_expectations" in sys.modules:
        return sys.modules["great_expectations"]
    finder = _GxImportFinder()
    # New lists rather than insert/remove: a thread importing meanwhile keeps iterating its list.
    sys.meta_path = [finder, *sys.meta_path]
    try:
        import great_expectations
    finally:
        sys.meta_path = [f for f in sys.meta_path if f is not finder]
    return great_expectations


class GxRunner:
    """One ephemeral GX context for one validation (suites, batches, results, Data Docs)."""

    def __init__(
        self,
        docs_dir: str | None,
        parameters: dict[str, Any],
        failing_values_shown: int,
        run_name: str,
    ) -> None:
        gx = import_gx()
        from great_expectations.data_context.types.base import (
            DataContextConfig,
            InMemoryStoreBackendDefaults,
            ProgressBarsConfig,
        )

        for name in ("great_expectations", "great_expectations._docs_decorators"):
            logging.getLogger(name).setLevel(logging.WARNING)
        self._gx = gx
        sites = {
            SITE: {
                "class_name": "SiteBuilder",
                "show_how_to_buttons": False,
                "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": docs_dir},
                "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            }
        }
        self.docs = docs_dir is not None
        config = DataContextConfig(
            store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False),
            data_docs_sites=sites if self.docs else {},
            progress_bars=ProgressBarsConfig(globally=False, metric_calculations=False),
            analytics_enabled=False,
        )
        self.context = gx.get_context(mode="ephemeral", project_config=config)
        self._source = self.context.data_sources.add_pandas("newsetl")
        self._batch_definitions: dict[str, Any] = {}
        self._suites: dict[str, Any] = {}
        self.parameters = parameters
        self.failing_values_shown = failing_values_shown
        self.run_name = run_name
        self.run_time = dt.datetime.now(dt.UTC)
        self._stored: set[str] = set()
        self._failed_pages = 0

    def _suite(self, sub: SubSuite) -> Any:
        if sub.name not in self._suites:
            suite = self._gx.ExpectationSuite(
                name=sub.name, expectations=sub.expectations, meta=dict(sub.meta)
            )
            self._suites[sub.name] = self.context.suites.add(suite)
        return self._suites[sub.name]

    def _batch_definition(self, name: str) -> Any:
        if name not in self._batch_definitions:
            asset = self._source.add_dataframe_asset(name)
            self._batch_definitions[name] = asset.add_batch_definition_whole_dataframe("whole")
        return self._batch_definitions[name]

    def validate(self, sub: SubSuite, frame: pd.DataFrame, detailed: bool = False) -> Any:
        """Run a sub-suite on one frame: pass/fail only, or with counts and failing rows named by id."""
        suite = self._suite(sub)
        batch = self._batch_definition(sub.name).get_batch(batch_parameters={"dataframe": frame})
        result_format: dict[str, Any] = {"result_format": "BOOLEAN_ONLY"}
        if detailed or self.docs:
            result_format = {
                "result_format": "SUMMARY",
                "partial_unexpected_count": self.failing_values_shown,
            }
            index = [c for c in sub.index_columns() if c in frame.columns]
            if index:
                result_format["unexpected_index_column_names"] = index
        return batch.validate(suite, result_format=result_format, expectation_parameters=self.parameters)

    def keep_for_docs(self, sub: SubSuite, batch_name: str, result: Any) -> None:
        """Store a result for Data Docs when it failed (bounded) or is its sub-suite's first."""
        if not self.docs:
            return
        first = sub.name not in self._stored
        if not (first or (not result.success and self._failed_pages < MAX_FAILED_PAGES)):
            return
        from great_expectations.core.run_identifier import RunIdentifier
        from great_expectations.data_context.types.resource_identifiers import (
            ExpectationSuiteIdentifier,
            ValidationResultIdentifier,
        )

        suite_id = ExpectationSuiteIdentifier(name=sub.name)
        key = ValidationResultIdentifier(
            expectation_suite_identifier=suite_id,
            run_id=RunIdentifier(run_name=self.run_name, run_time=self.run_time),
            batch_identifier=batch_name,
        )
        self.context.validation_results_store.store_validation_results(result, key, suite_id)
        self._stored.add(sub.name)
        self._failed_pages += 0 if result.success else 1

    def build_docs(self) -> None:
        if self.docs:
            self.context.build_data_docs(site_names=[SITE])
