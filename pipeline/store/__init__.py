"""Output storage: layout, staged writing, duplicate resolution, the date lock and the publish.

- `layout`: where everything lives under an output root.
- `writer`: a shard's staged Parquet files and its article index.
- `dedup`: one copy per article across and within shards, after staging.
- `locks`: the date's publish lock (flock, or a conditional-write object lock) and run liveness.
- `publish`: the journal-guarded publish, its recovery, and the clean-up of leftovers.
"""

from pipeline.store.dedup import Dropped, apply_deduplicated, resolve_duplicates
from pipeline.store.jsonio import read_json, write_json
from pipeline.store.layout import Layout, shard_key
from pipeline.store.locks import PublishLocked, date_lock, run_alive
from pipeline.store.publish import clean_up_locked, publish, recover
from pipeline.store.writer import ShardWriter, staged_files

__all__ = [
    "Dropped",
    "Layout",
    "PublishLocked",
    "ShardWriter",
    "apply_deduplicated",
    "clean_up_locked",
    "date_lock",
    "publish",
    "read_json",
    "recover",
    "resolve_duplicates",
    "run_alive",
    "shard_key",
    "staged_files",
    "write_json",
]
