"""Counters of a shard and of a run: every record read ends in exactly one of them."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class ShardStats:
    shard: str
    records: int = 0
    articles: int = 0
    quotes: int = 0
    citations: int = 0
    rejects: Counter[str] = field(default_factory=Counter)
    skips: Counter[str] = field(default_factory=Counter)
    fixes: Counter[str] = field(default_factory=Counter)
    timings: Counter[str] = field(default_factory=Counter)  # seconds per step, summed over records
    skip_examples: dict[str, dict[str, Any]] = field(default_factory=dict)  # the first skip of each reason
    worker_restarts: int = 0
    seconds: float = 0.0

    def skip(self, reason: str, source_uri: str, record_offset: int, url: str | None) -> None:
        self.skips[reason] += 1
        if reason not in self.skip_examples:
            self.skip_examples[reason] = {
                "source_uri": source_uri,
                "record_offset": record_offset,
                "url": url,
            }

    def to_dict(self) -> dict[str, Any]:
        return {
            "shard": self.shard,
            "records": self.records,
            "articles": self.articles,
            "quotes": self.quotes,
            "citations": self.citations,
            "rejects": dict(self.rejects),
            "skips": dict(self.skips),
            "fixes": dict(self.fixes),
            "timings": {k: round(v, 4) for k, v in self.timings.items()},
            "skip_examples": self.skip_examples,
            "worker_restarts": self.worker_restarts,
            "seconds": round(self.seconds, 3),
        }


def combine(shards: list[dict[str, Any]]) -> dict[str, Any]:
    """Run totals from shard stats (plain dicts, as they travel through XCom)."""
    rejects: Counter[str] = Counter()
    skips: Counter[str] = Counter()
    fixes: Counter[str] = Counter()
    timings: Counter[str] = Counter()
    skip_examples: dict[str, Any] = {}
    totals = {"records": 0, "articles": 0, "quotes": 0, "citations": 0, "worker_restarts": 0}
    for shard in shards:
        for key in totals:
            totals[key] += int(shard.get(key, 0))
        rejects.update(shard.get("rejects", {}))
        skips.update(shard.get("skips", {}))
        fixes.update(shard.get("fixes", {}))
        timings.update(shard.get("timings", {}))
        for reason, example in shard.get("skip_examples", {}).items():
            skip_examples.setdefault(reason, example)
    return {
        **totals,
        "shards": len(shards),
        "rejects": sum(rejects.values()),
        "skips": sum(skips.values()),
        "rejects_by_reason": dict(sorted(rejects.items())),
        "skips_by_reason": dict(sorted(skips.items())),
        "fixes": dict(sorted(fixes.items())),
        "timings": {k: round(v, 3) for k, v in sorted(timings.items())},
        "skip_examples": dict(sorted(skip_examples.items())),
    }


def reconciles(counts: dict[str, Any]) -> bool:
    """Nothing lost: records read = articles + rejects + skips."""
    return counts["records"] == counts["articles"] + counts["rejects"] + counts["skips"]
