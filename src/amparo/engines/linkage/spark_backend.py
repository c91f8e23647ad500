"""The Spark side of a run: a Spark session, the feature table, a Linker.

The same contract as duckdb_backend.link_with_splink, over Splink's SparkAPI: the
model (spec) and the run (splink_run.run_splink) are shared, so both backends score
the same pairs with the same SQL. pyspark is imported only when this backend runs.

Where the session comes from:
- one passed in (``spark=``), or the active session of the process (spark-submit, a
  notebook, a test fixture): used as it is and left running;
- otherwise a session of our own (`spark_session`), stopped at the end: master from
  AMPARO_SPARK_MASTER (default ``local[2]``), Splink's bundled similarity jar, no UI,
  quiet logs; in local mode the driver on 127.0.0.1, few shuffle partitions and
  scratch space in a temporary folder, removed afterwards.

Splink breaks long query plans by writing intermediate tables as Parquet under the
session's checkpoint directory: AMPARO_SPARK_CHECKPOINT_DIR, which on a cluster must
be storage every executor reaches (hdfs://, s3a://, a shared mount). What a run
writes there, and the temporary views it makes, are removed when it ends.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sys
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import pyarrow as pa
from splink import Linker
from splink.internals.splink_dataframe import SplinkDataFrame

from amparo.engines.linkage.config import LinkageConfig, LinkageError
from amparo.engines.linkage.spec import ModelSpec, settings_from_spec
from amparo.engines.linkage.splink_run import BackendOps, Progress, SplinkResult, run_splink

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

__all__ = [
    "CHECKPOINT_ENV",
    "DEFAULT_MASTER",
    "MASTER_ENV",
    "link_with_spark",
    "spark_master",
    "spark_session",
]

MASTER_ENV: Final = "AMPARO_SPARK_MASTER"
CHECKPOINT_ENV: Final = "AMPARO_SPARK_CHECKPOINT_DIR"
DEFAULT_MASTER: Final = "local[2]"
APP_NAME: Final = "amparo-linkage"

# Local mode: a few partitions per core; Spark's default of 200 makes every shuffle
# of a small table cost 200 tasks.
LOCAL_SHUFFLE_PARTITIONS: Final = 4

# How Splink cuts Spark's query plans between steps: write each intermediate
# table to the checkpoint folder as Parquet and read it back (Splink's default
# outside Databricks; memory-bound "persist" would not survive a large run).
BREAK_LINEAGE = "parquet"
LOCAL_JVM_OPTIONS = ""

# The Spark SQL types the model's columns may have (features.FEATURE_SCHEMA).
_SPARK_TYPES: Final[dict[str, str]] = {
    "int64": "bigint",
    "int32": "int",
    "string": "string",
    "bool": "boolean",
    "double": "double",
    "list<item: string>": "array<string>",
}

# Spark has no "CREATE TABLE ... AS" without a catalog that stores tables; such a
# statement becomes a temporary view over Parquet in the run's checkpoint folder.
_CREATE_AS: Final = re.compile(r"\s*CREATE\s+TABLE\s+(\w+)\s+AS\s+(.+)", re.IGNORECASE | re.DOTALL)

# Spark's own log configuration: errors only (the default prints warnings by the
# dozen, most about running on one machine).
_LOG4J2: Final = """\
rootLogger.level = error
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n%ex
"""


def spark_master() -> str:
    """The Spark master a session of our own connects to."""
    return os.environ.get(MASTER_ENV, "").strip() or DEFAULT_MASTER


def _is_local(master: str) -> bool:
    return master == "local" or master.startswith("local[")


def _require_spark() -> None:
    """Fail clearly when pyspark or Java is missing (pyspark's own error is a
    gateway that "exited before sending its port number")."""
    try:
        import pyspark  # noqa: F401, PLC0415 - only this backend needs it
    except ImportError as error:
        raise LinkageError(
            "the Spark backend needs pyspark 4 (pip install 'pyspark>=4,<5')"
        ) from error
    java_home = os.environ.get("JAVA_HOME")
    java = Path(java_home, "bin", "java") if java_home else shutil.which("java")
    if java is None or not Path(java).exists():
        raise LinkageError(
            "the Spark backend needs Java 17 or later: none on PATH and JAVA_HOME is not set"
        )


def _hadoop_delete(spark: SparkSession, path: str) -> None:
    """Delete `path` recursively on whatever filesystem it names (file:, hdfs:, s3a:)."""
    jvm: Any = spark.sparkContext._jvm  # noqa: SLF001 - no Python API for this
    hadoop_path = jvm.org.apache.hadoop.fs.Path(path)
    conf = spark.sparkContext._jsc.hadoopConfiguration()  # noqa: SLF001
    hadoop_path.getFileSystem(conf).delete(hadoop_path, True)


def _checkpoint_dir(spark: SparkSession) -> str | None:
    found: Any = spark.sparkContext._jsc.sc().getCheckpointDir()  # noqa: SLF001
    return str(found.get()) if found.isDefined() else None


@contextmanager
def spark_session(master: str | None = None) -> Iterator[SparkSession]:
    """A Spark session set up for the linkage model, stopped (and its scratch
    space and checkpoints removed) on leaving the block.

    `master`: default AMPARO_SPARK_MASTER, else ``local[2]``. Other settings
    (executor memory and cores, YARN queue...) come from Spark's usual places:
    spark-defaults.conf under SPARK_CONF_DIR, or PYSPARK_SUBMIT_ARGS.
    """
    _require_spark()
    from pyspark.sql import SparkSession  # noqa: PLC0415
    from splink.backends.spark import similarity_jar_location  # noqa: PLC0415

    master = master or spark_master()
    if SparkSession.getActiveSession() is not None:
        # builder.getOrCreate() would hand back that session, ignoring our settings.
        raise LinkageError("a Spark session is already running in this process: use it")
    checkpoints = os.environ.get(CHECKPOINT_ENV, "").strip()
    if not checkpoints and not _is_local(master):
        raise LinkageError(
            f"Spark master {master!r} is a cluster: set {CHECKPOINT_ENV} to a folder every "
            "executor can reach (hdfs://..., s3a://..., or a shared mount)"
        )
    scratch = Path(tempfile.mkdtemp(prefix="amparo-spark-"))
    session: SparkSession | None = None
    try:
        builder: Any = (
            SparkSession.builder.master(master)
            .appName(APP_NAME)
            .config("spark.jars", similarity_jar_location())
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
        )
        if _is_local(master):
            log_config = scratch / "log4j2.properties"
            log_config.write_text(_LOG4J2, encoding="utf-8")
            builder = (
                builder.config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", str(LOCAL_SHUFFLE_PARTITIONS))
                .config("spark.default.parallelism", str(LOCAL_SHUFFLE_PARTITIONS))
                .config("spark.local.dir", str(scratch / "local"))
                .config("spark.sql.warehouse.dir", str(scratch / "warehouse"))
                .config(
                    "spark.driver.extraJavaOptions",
                    f"-Dlog4j2.configurationFile={log_config.as_uri()} {LOCAL_JVM_OPTIONS}".strip(),
                )
            )
        session = builder.getOrCreate()
        if _is_local(master) and not os.environ.get("PYSPARK_PYTHON"):
            # Splink hands Spark some small tables from Python, read back by Python
            # workers, which must be this very Python (pyspark's default is
            # whatever "python3" is on PATH).
            session.sparkContext.pythonExec = sys.executable
        session.sparkContext.setLogLevel("ERROR")
        session.sparkContext.setCheckpointDir(checkpoints or str(scratch / "checkpoints"))
        yield session
    except LinkageError:
        raise
    except Exception as error:
        if session is None:
            raise LinkageError(f"could not start Spark (master {master!r}): {error}") from error
        raise
    finally:
        if session is not None:
            used = _checkpoint_dir(session)
            try:
                if used is not None:
                    _hadoop_delete(session, used)
            finally:
                session.stop()
        shutil.rmtree(scratch, ignore_errors=True)


def _spark_ready(table: pa.Table) -> pa.Table:
    """`table` with types Spark reads back as the model expects: dates as ISO text,
    large strings and lists as plain ones."""
    columns: list[pa.Array | pa.ChunkedArray] = []
    fields: list[pa.Field] = []
    for field, column in zip(table.schema, table.columns, strict=True):
        kind = field.type
        if pa.types.is_date(kind) or pa.types.is_timestamp(kind):
            column, kind = column.cast(pa.date32()).cast(pa.string()), pa.string()
        elif pa.types.is_large_string(kind):
            column, kind = column.cast(pa.string()), pa.string()
        elif pa.types.is_large_list(kind):
            kind = pa.list_(kind.value_type)
            column = column.cast(kind)
        columns.append(column)
        fields.append(pa.field(field.name, kind))
    return pa.Table.from_arrays(columns, schema=pa.schema(fields))


def _to_spark(spark: SparkSession, table: pa.Table) -> DataFrame:
    """The feature table as a Spark DataFrame (Arrow straight in, no pandas), its
    column types checked: int64 ids, strings, arrays of strings."""
    ready = _spark_ready(table)
    frame = spark.createDataFrame(ready)
    got = dict(frame.dtypes)
    for field in ready.schema:
        want = _SPARK_TYPES.get(str(field.type))
        if want is None:
            raise LinkageError(f"column {field.name}: type {field.type} is not supported on Spark")
        if got.get(field.name) != want:
            raise LinkageError(
                f"column {field.name}: Spark read {got.get(field.name)}, expected {want}"
            )
    return frame


def _spark_api(spark: SparkSession) -> Any:
    """Splink's SparkAPI, but small tables Splink builds in Python (lists of
    records: counts for u and m) go to Spark as Arrow, read by the JVM alone.
    pyspark sends a list as pickled rows that only a Python worker of the same
    Python version can read: slow to start, and on a cluster one more thing every
    executor would need."""
    from splink.backends.spark import SparkAPI  # noqa: PLC0415

    class ArrowSparkAPI(SparkAPI):  # type: ignore[misc]
        def _table_registration(self, input: Any, table_name: str) -> None:  # noqa: A002
            if isinstance(input, list) and input and all(isinstance(r, dict) for r in input):
                arrow = pa.Table.from_pylist(input)
                if not any(pa.types.is_null(field.type) for field in arrow.schema):
                    input = arrow  # noqa: A001
            super()._table_registration(input, table_name)

    return ArrowSparkAPI(spark_session=spark, break_lineage_method=BREAK_LINEAGE)


def _temp_views(spark: SparkSession) -> set[str]:
    """The session's temporary views (SHOW VIEWS also lists the current database's
    permanent views, and listTables every table in it)."""
    return {str(row.viewName) for row in spark.sql("SHOW VIEWS").collect() if row.isTemporary}


def link_with_spark(
    table: pa.Table,
    spec: ModelSpec,
    config: LinkageConfig,
    progress: Progress,
    *,
    spark: SparkSession | None = None,
) -> SplinkResult:
    """Run the model `spec` over `table` (one row per record, an int64 unique_id
    and the columns the model compares) on Spark.

    Uses `spark`, else the process's active Spark session, else a session of its
    own for this run only (see spark_session). Raises LinkageError when Spark is
    missing or fails.
    """
    _require_spark()
    from pyspark.sql import SparkSession  # noqa: PLC0415

    session = spark or SparkSession.getActiveSession()
    if session is None:
        with spark_session() as owned:
            return _link(owned, table, spec, config, progress)
    return _link(session, table, spec, config, progress)


def _link(
    spark: SparkSession,
    table: pa.Table,
    spec: ModelSpec,
    config: LinkageConfig,
    progress: Progress,
) -> SplinkResult:
    from pyspark.errors import PySparkException  # noqa: PLC0415
    from py4j.protocol import Py4JError  # noqa: PLC0415

    checkpoints = _checkpoint_dir(spark)
    if checkpoints is None:
        configured = os.environ.get(CHECKPOINT_ENV, "").strip()
        if not configured:
            raise LinkageError(
                "the Spark session has no checkpoint directory: call "
                f"sparkContext.setCheckpointDir(...) or set {CHECKPOINT_ENV}"
            )
        spark.sparkContext.setCheckpointDir(configured)
        checkpoints = _checkpoint_dir(spark)
    assert checkpoints is not None  # noqa: S101 - set just above
    run = uuid.uuid4().hex[:12]
    before = _temp_views(spark)
    try:
        api = _spark_api(spark)
        if not spark.catalog.functionExists("jaro_winkler"):
            raise LinkageError(
                "Splink's similarity functions are not in this Spark session: start it "
                "with spark.jars set to splink.backends.spark.similarity_jar_location()"
            )
        records = api.register(_to_spark(spark, table), table_name=f"amparo_records_{run}")
        linker = Linker(records, settings_from_spec(spec, config), log_level=logging.ERROR)

        def query(sql: str) -> list[tuple[Any, ...]]:
            return [tuple(row) for row in spark.sql(sql).collect()]

        def execute(sql: str) -> None:
            created = _CREATE_AS.fullmatch(sql)
            if created is None:
                spark.sql(sql)
                return
            name, select = created.groups()
            path = f"{checkpoints}/amparo_{name}_{run}"
            spark.sql(select).write.mode("overwrite").parquet(path)
            spark.read.parquet(path).createOrReplaceTempView(name)

        def register(physical_name: str) -> SplinkDataFrame:
            return api.register(physical_name, table_name=f"{physical_name}_splink")

        return run_splink(linker, BackendOps(query, execute, register), spec, config, progress)
    except (PySparkException, Py4JError) as error:
        raise LinkageError(f"Spark failed: {error}") from error
    finally:
        _clean_up(spark, checkpoints, before, run)


def _clean_up(spark: SparkSession, checkpoints: str, before: set[str], run: str) -> None:
    """Drop the temporary views this run made and delete what it wrote (Splink writes
    each intermediate table to the checkpoint folder under its view's name)."""
    for name in sorted(_temp_views(spark) - before):
        spark.catalog.dropTempView(name)
        _hadoop_delete(spark, f"{checkpoints}/{name}")
        _hadoop_delete(spark, f"{checkpoints}/amparo_{name}_{run}")
