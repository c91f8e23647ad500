"""The DuckDB side of a run: an in-process database, the feature table, a Linker.

Everything DuckDB-specific lives here, so that a Spark backend can provide the same
`link_with_splink` over a SparkAPI and reuse the model and the run unchanged.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from typing import Any

import duckdb
import pyarrow as pa  # type: ignore[import-untyped]  # no stubs
from splink import DuckDBAPI, Linker
from splink.internals.splink_dataframe import SplinkDataFrame

from amparo.engines.linkage.config import LinkageConfig, LinkageError
from amparo.engines.linkage.spec import ModelSpec, settings_from_spec
from amparo.engines.linkage.splink_run import BackendOps, Progress, SplinkResult, run_splink

__all__ = ["link_with_splink"]


def link_with_splink(
    table: pa.Table, spec: ModelSpec, config: LinkageConfig, progress: Progress
) -> SplinkResult:
    """Run the model `spec` over `table` (one row per record, an int64 unique_id
    and the columns the model compares) on DuckDB."""
    # An in-memory database spills to ".tmp" under the working directory by
    # default: a folder of our own instead, removed with everything in it.
    scratch = tempfile.mkdtemp(prefix="amparo-linkage-")
    try:
        connection = duckdb.connect(":memory:")
    except duckdb.Error as error:
        shutil.rmtree(scratch, ignore_errors=True)
        raise LinkageError(f"DuckDB failed: {error}") from error
    try:
        connection.execute("SET temp_directory = ?", [scratch])
        if config.threads is not None:
            connection.execute(f"SET threads = {int(config.threads)}")
        if config.memory_limit is not None:
            connection.execute("SET memory_limit = ?", [config.memory_limit])
        # Every result is sorted where order matters; unordered is faster and leaner.
        connection.execute("SET preserve_insertion_order = false")
        api = DuckDBAPI(connection)
        records = api.register(table, table_name="amparo_records")
        linker = Linker(records, settings_from_spec(spec, config), log_level=logging.ERROR)

        def query(sql: str) -> list[tuple[Any, ...]]:
            return connection.execute(sql).fetchall()

        def execute(sql: str) -> None:
            connection.execute(sql)

        def register(physical_name: str) -> SplinkDataFrame:
            return api.register(physical_name, table_name=f"{physical_name}_splink")

        return run_splink(
            linker,
            BackendOps(query, execute, register, records.physical_name),
            spec,
            config,
            progress,
        )
    except duckdb.Error as error:
        raise LinkageError(f"DuckDB failed: {error}") from error
    finally:
        connection.close()
        shutil.rmtree(scratch, ignore_errors=True)
