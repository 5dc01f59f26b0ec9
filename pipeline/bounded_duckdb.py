"""DuckDB connections for the run's own work, with bounded memory.

DuckDB by default may take most of the machine's memory and keeps what it took while the connection
lives. The run's queries (the de-duplication index, the validation frames, the report's facts) touch
every row of a day, so their memory would grow with the day; with a limit, DuckDB spills to a
temporary directory instead. Analysts' queries (`newsetl query`) keep DuckDB's defaults.
"""

from __future__ import annotations

import tempfile

import duckdb

from pipeline.limits import DUCKDB_MEMORY_LIMIT

__all__ = ["connect"]


def connect() -> duckdb.DuckDBPyConnection:
    """An in-memory connection limited to DUCKDB_MEMORY_LIMIT, spilling under the system's temp dir
    (an in-memory database would otherwise spill into `.tmp` of the working directory)."""
    return duckdb.connect(
        config={"memory_limit": DUCKDB_MEMORY_LIMIT, "temp_directory": tempfile.gettempdir()}
    )
