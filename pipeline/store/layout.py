"""Where everything lives under an output root `OUT`.

    OUT/<table>/crawl_date=D/part-<shard>.parquet          published partitions (what a glob reads)
    OUT/_staging/crawl_date=D/<run_id>/<table>/...          a run's shard files before publishing
    OUT/_staging/crawl_date=D/<run_id>/_shards/<k>.json     a shard's stats: its completion marker
    OUT/_staging/crawl_date=D/<run_id>/_index/<k>.parquet   one line per staged article (de-duplication)
    OUT/_runs/crawl_date=D/<run_id>/<table>/...             a published run's files, where manifests point
    OUT/_manifests/crawl_date=D/<run_id>.json, latest.json  run manifests; latest.json is the commit
    OUT/_manifests/crawl_date=D/_publishing.json            the journal of a publish in progress
    OUT/_validation/crawl_date=D/<run_id>/                  validation results
    OUT/_locks/                                             the date's publish lock, run liveness

Everything but the tables starts with `_`, so a glob over a table never sees it.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from pipeline.ids import digest


@dataclass(frozen=True, slots=True)
class Layout:
    output: str
    crawl_date: str  # YYYY-MM-DD
    run_id: str

    def _join(self, *parts: str) -> str:
        return posixpath.join(self.output.rstrip("/"), *parts)

    @property
    def date_dir(self) -> str:
        return f"crawl_date={self.crawl_date}"

    def partition(self, table: str) -> str:
        return self._join(table, self.date_dir)

    @property
    def staging_root(self) -> str:
        return self._join("_staging", self.date_dir)

    @property
    def staging(self) -> str:
        return posixpath.join(self.staging_root, self.run_id)

    def staged_table(self, table: str) -> str:
        return posixpath.join(self.staging, table)

    def shard_marker(self, shard_key: str) -> str:
        return posixpath.join(self.staging, "_shards", f"{shard_key}.json")

    def shard_index(self, shard_key: str) -> str:
        return posixpath.join(self.staging, "_index", f"part-{shard_key}.parquet")

    @property
    def index_dir(self) -> str:
        return posixpath.join(self.staging, "_index")

    @property
    def runs_root(self) -> str:
        return self._join("_runs", self.date_dir)

    def run_home(self, run_id: str | None = None) -> str:
        return posixpath.join(self.runs_root, run_id or self.run_id)

    @property
    def manifest_dir(self) -> str:
        return self._join("_manifests", self.date_dir)

    @property
    def latest_manifest(self) -> str:
        return posixpath.join(self.manifest_dir, "latest.json")

    @property
    def journal(self) -> str:
        return posixpath.join(self.manifest_dir, "_publishing.json")

    @property
    def validation_root(self) -> str:
        return self._join("_validation", self.date_dir)

    @property
    def validation_dir(self) -> str:
        return posixpath.join(self.validation_root, self.run_id)

    @property
    def lock_path(self) -> str:
        return self._join("_locks", f"{self.date_dir}.lock")

    @property
    def holder_path(self) -> str:
        return self._join("_locks", f"{self.date_dir}.holder.json")

    def alive_path(self, run_id: str | None = None) -> str:
        return self._join("_locks", self.date_dir, f"{run_id or self.run_id}.alive")

    def relative(self, path: str) -> str:
        """`path` relative to the output root (how manifests name files)."""
        root = self.output.rstrip("/")
        stripped = path.split("://", 1)[-1] if "://" in path else path
        root_stripped = root.split("://", 1)[-1] if "://" in root else root
        return posixpath.relpath(stripped, root_stripped)


def shard_key(shard_uri: str) -> str:
    """A file-name-safe, unique and stable name for a shard."""
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", posixpath.basename(shard_uri.rstrip("/")))[:80] or "shard"
    return f"{base}-{digest(shard_uri, 4)}"


def run_tag(run_id: str) -> str:
    """A short, file-name-safe tag of a run for object names that must differ between runs."""
    return digest(run_id, 4)
