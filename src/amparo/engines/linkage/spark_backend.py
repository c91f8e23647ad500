"""The Spark side of a run: a Spark session, the feature table, a Linker.

The same contract as duckdb_backend.link_with_splink, over Splink's SparkAPI: the
model (spec) and the run (splink_run.run_splink) are shared, so both backends score
the same pairs with the same SQL. pyspark is imported only when this backend runs.

Where the session comes from:
- one passed in (``spark=``), or the active session of the process (spark-submit, a
  notebook, a test fixture): used as it is and left running;
- otherwise a session of our own (`spark_session`), stopped at the end: master from
  AMPARO_SPARK_MASTER (default ``local[2]``), Splink's similarity jar and Amparo's
  (spark_udf: DuckDB's Jaro-Winkler), no UI; in local mode LOCAL_SETTINGS for a small
  machine, a driver heap of LOCAL_DRIVER_MEMORY (AMPARO_SPARK_DRIVER_MEMORY, read when
  the JVM starts), quiet logs and scratch space in a temporary folder, removed
  afterwards.

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

import pyarrow as pa  # type: ignore[import-untyped]  # no stubs
from splink import Linker
from splink.internals.splink_dataframe import SplinkDataFrame

from amparo.engines.linkage.config import LinkageConfig, LinkageError
from amparo.engines.linkage.spark_udf import register_jaro_winkler, write_jar
from amparo.engines.linkage.spec import ModelSpec, settings_from_spec
from amparo.engines.linkage.splink_run import BackendOps, Progress, SplinkResult, run_splink

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

__all__ = [
    "CHECKPOINT_ENV",
    "DEFAULT_MASTER",
    "DRIVER_MEMORY_ENV",
    "LOCAL_SETTINGS",
    "MASTER_ENV",
    "link_with_spark",
    "spark_master",
    "spark_session",
]

MASTER_ENV: Final = "AMPARO_SPARK_MASTER"
CHECKPOINT_ENV: Final = "AMPARO_SPARK_CHECKPOINT_DIR"
DRIVER_MEMORY_ENV: Final = "AMPARO_SPARK_DRIVER_MEMORY"
DEFAULT_MASTER: Final = "local[2]"
APP_NAME: Final = "amparo-linkage"

# The driver's heap in local mode, where the driver is also the only executor
# (Spark's default, 1g, ran out of memory on the model's query plans; 2g too with
# break_lineage_method "persist", whose plans keep growing). Read when the
# JVM starts: a process whose JVM already runs keeps the heap it has.
LOCAL_DRIVER_MEMORY: Final = "4g"

# Settings of a session of our own in local mode, for a small machine.
LOCAL_SETTINGS: Final[dict[str, str]] = {
    "spark.driver.host": "127.0.0.1",
    "spark.driver.bindAddress": "127.0.0.1",
    # Spark's default of 200 partitions makes every shuffle of a small table 200
    # tasks; the tables here are small and there are two cores.
    "spark.sql.shuffle.partitions": "2",
    "spark.default.parallelism": "2",
    # Adaptive execution (re-planning between stages) and whole-stage code
    # generation (compiling each query to Java) pay off on large tables; here they
    # add planning and compiling to each of the run's hundreds of small queries.
    # (Not timed one by one: the box these were tried on was shared and noisy.)
    "spark.sql.adaptive.enabled": "false",
    "spark.sql.codegen.wholeStage": "false",
}

# How Splink cuts Spark's query plans between steps: write each intermediate
# table to the checkpoint folder as Parquet and read it back (Splink's default
# outside Databricks; memory-bound "persist" would not survive a large run).
BREAK_LINEAGE: Final = "parquet"

# The Spark SQL types the model's columns may have (features.FEATURE_SCHEMA).
_SPARK_TYPES: Final[dict[str, str]] = {
    "int64": "bigint",
    "int32": "int",
    "string": "string",
    "bool": "boolean",
    "double": "double",
    "list<item: string>": "array<string>",
}

# The statements splink_run executes besides Splink's own. A table in Spark's
# catalog would outlive the run (and land in a notebook's own database), so each
# becomes a temporary view over Parquet in the run's checkpoint folder:
# "CREATE TABLE t AS SELECT ...", "CREATE TABLE t (column type, ...)" (empty), and
# "INSERT INTO t VALUES (...), ..." (appends: t is written anew).
_CREATE_AS: Final = re.compile(r"\s*CREATE\s+TABLE\s+(\w+)\s+AS\s+(.+)", re.IGNORECASE | re.DOTALL)
_CREATE_EMPTY: Final = re.compile(
    r"\s*CREATE\s+TABLE\s+(\w+)\s*\((.+)\)\s*", re.IGNORECASE | re.DOTALL
)
_INSERT_VALUES: Final = re.compile(
    r"\s*INSERT\s+INTO\s+(\w+)\s+VALUES\s+(.+)", re.IGNORECASE | re.DOTALL
)

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
        import pyspark  # noqa: F401 - only this backend needs it
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
    jvm: Any = spark.sparkContext._jvm
    hadoop_path = jvm.org.apache.hadoop.fs.Path(path)
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    hadoop_path.getFileSystem(conf).delete(hadoop_path, True)


def _checkpoint_dir(spark: SparkSession) -> str | None:
    found: Any = spark.sparkContext._jsc.sc().getCheckpointDir()
    return str(found.get()) if found.isDefined() else None


def _builder(master: str, scratch: Path) -> Any:
    """The session builder for `master`, scratch space in `scratch`."""
    from pyspark.sql import SparkSession
    from splink.backends.spark import similarity_jar_location

    jars = [similarity_jar_location(), str(write_jar(scratch))]
    builder: Any = (
        SparkSession.builder.master(master)
        .appName(APP_NAME)
        .config("spark.jars", ",".join(jars))
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
    )
    memory = os.environ.get(DRIVER_MEMORY_ENV, "").strip()
    if _is_local(master):
        log_config = scratch / "log4j2.properties"
        log_config.write_text(_LOG4J2, encoding="utf-8")
        memory = memory or LOCAL_DRIVER_MEMORY
        for key, value in LOCAL_SETTINGS.items():
            builder = builder.config(key, value)
        builder = (
            builder.config("spark.local.dir", str(scratch / "local"))
            .config("spark.sql.warehouse.dir", str(scratch / "warehouse"))
            .config(
                "spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile={log_config.as_uri()}"
            )
        )
    if memory:
        builder = builder.config("spark.driver.memory", memory)
    return builder


@contextmanager
def spark_session(master: str | None = None) -> Iterator[SparkSession]:
    """A Spark session set up for the linkage model, stopped (and its scratch
    space and checkpoints removed) on leaving the block.

    `master`: default AMPARO_SPARK_MASTER, else ``local[2]``. Other settings
    (executor memory and cores, YARN queue...) come from Spark's usual places:
    spark-defaults.conf under SPARK_CONF_DIR, or PYSPARK_SUBMIT_ARGS.
    """
    _require_spark()
    from pyspark.sql import SparkSession

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
        session = _builder(master, scratch).getOrCreate()
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
        # The scratch folder goes even when Spark died (a JVM out of memory cannot
        # even say where its checkpoints are).
        try:
            if session is not None:
                try:
                    used = _checkpoint_dir(session)
                    if used is not None:
                        _hadoop_delete(session, used)
                finally:
                    session.stop()
        finally:
            shutil.rmtree(scratch, ignore_errors=True)


def _spark_ready(table: pa.Table) -> pa.Table:
    """`table` with types Spark reads back as the model expects: dates as ISO text,
    large strings and lists as plain ones."""
    columns: list[pa.Array | pa.ChunkedArray] = []
    fields: list[pa.Field] = []
    for field, original in zip(table.schema, table.columns, strict=True):
        kind, column = field.type, original
        if pa.types.is_date(kind) or pa.types.is_timestamp(kind):
            kind = pa.string()
            column = original.cast(pa.date32()).cast(kind)
        elif pa.types.is_large_string(kind):
            kind = pa.string()
            column = original.cast(kind)
        elif pa.types.is_large_list(kind):
            kind = pa.list_(kind.value_type)
            column = original.cast(kind)
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
    from splink.backends.spark import SparkAPI

    class ArrowSparkAPI(SparkAPI):
        def _table_registration(self, input: Any, table_name: str) -> None:
            if isinstance(input, list) and input and all(isinstance(r, dict) for r in input):
                arrow = pa.Table.from_pylist(input)
                if not any(pa.types.is_null(field.type) for field in arrow.schema):
                    input = arrow
            super()._table_registration(input, table_name)

    return ArrowSparkAPI(  # type: ignore[no-untyped-call]
        spark_session=spark, break_lineage_method=BREAK_LINEAGE
    )


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
    from pyspark.sql import SparkSession

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
    from py4j.protocol import Py4JError
    from pyspark.errors import PySparkException

    run = uuid.uuid4().hex[:12]
    try:
        checkpoints = _run_checkpoints(spark)
        before = _temp_views(spark)
    except (PySparkException, Py4JError) as error:
        raise LinkageError(f"Spark failed: {error}") from error
    splink_jaro_winkler: bool | None = None  # None: ours never installed
    try:
        api = _spark_api(spark)  # registers Splink's functions from the jar
        splink_jaro_winkler = _install_jaro_winkler(spark)
        records = api.register(_to_spark(spark, table), table_name=f"amparo_records_{run}")
        linker = Linker(records, settings_from_spec(spec, config), log_level=logging.ERROR)

        def query(sql: str) -> list[tuple[Any, ...]]:
            return [tuple(row) for row in spark.sql(sql).collect()]

        def execute(sql: str) -> None:
            _execute(spark, sql, f"{checkpoints}/amparo_{run}")

        def register(physical_name: str) -> SplinkDataFrame:
            registered: SplinkDataFrame = api.register(
                physical_name, table_name=f"{physical_name}_splink"
            )
            return registered

        return run_splink(
            linker,
            BackendOps(query, execute, register, records.physical_name),
            spec,
            config,
            progress,
        )
    except (PySparkException, Py4JError) as error:
        raise LinkageError(f"Spark failed: {error}") from error
    finally:
        # A failure while cleaning up (a JVM that died) must not hide the run's own
        # error, nor stop the session getting its function back.
        try:
            _clean_up(spark, checkpoints, before, run)
        except (PySparkException, Py4JError) as error:
            logger.warning("Spark clean-up failed: %s", type(error).__name__)
        if splink_jaro_winkler is not None:
            try:
                _restore_jaro_winkler(spark, splink_jaro_winkler)
            except (PySparkException, Py4JError) as error:
                logger.warning("restoring jaro_winkler failed: %s", type(error).__name__)


def _materialise(frame: DataFrame, name: str, folder: str) -> None:
    """Write `frame` under `folder` and make it the temporary view `name`."""
    path = f"{folder}/{name}_{uuid.uuid4().hex[:8]}"
    frame.write.mode("overwrite").parquet(path)
    frame.sparkSession.read.parquet(path).createOrReplaceTempView(name)


def _execute(spark: SparkSession, sql: str, folder: str) -> None:
    """Run a statement of splink_run's; tables become temporary views written under
    `folder` (see _CREATE_AS)."""
    from pyspark.sql.functions import col
    from pyspark.sql.pandas.types import to_arrow_schema
    from pyspark.sql.types import StructType

    if created := _CREATE_AS.fullmatch(sql):
        name, select = created.groups()
        _materialise(spark.sql(select), name, folder)
    elif empty := _CREATE_EMPTY.fullmatch(sql):
        name, columns = empty.groups()
        # From Arrow, as the feature table: a Python list would need Python workers.
        struct = StructType.fromDDL(columns)
        if not isinstance(struct, StructType):
            raise LinkageError(f"not a list of columns: {columns!r}")
        _materialise(spark.createDataFrame(to_arrow_schema(struct).empty_table()), name, folder)
    elif inserted := _INSERT_VALUES.fullmatch(sql):
        name, values = inserted.groups()
        current = spark.table(name)
        names = ", ".join(current.columns)
        rows = spark.sql(f"SELECT * FROM VALUES {values} AS v({names})")  # noqa: S608
        typed = rows.select([col(f.name).cast(f.dataType) for f in current.schema.fields])
        _materialise(current.unionByName(typed), name, folder)
    else:
        spark.sql(sql)


def _run_checkpoints(spark: SparkSession) -> str:
    """The checkpoint folder Splink writes to: the session's, else CHECKPOINT_ENV."""
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
    if checkpoints is None:
        raise LinkageError("Spark did not keep the checkpoint directory it was given")
    return checkpoints


def _clean_up(spark: SparkSession, checkpoints: str, before: set[str], run: str) -> None:
    """Drop the temporary views this run made and delete what it wrote (Splink writes
    each intermediate table to the checkpoint folder under its view's name; ours
    are in the run's own folder)."""
    for name in sorted(_temp_views(spark) - before):
        spark.catalog.dropTempView(name)
        _hadoop_delete(spark, f"{checkpoints}/{name}")
    _hadoop_delete(spark, f"{checkpoints}/amparo_{run}")


def _install_jaro_winkler(spark: SparkSession) -> bool:
    """Replace the session's jaro_winkler by DuckDB's (spark_udf); True if Splink's
    was there. A session started without Amparo's jar (a notebook's) gets it added,
    from a folder that outlives the run: the session may hand the jar to executors
    it starts later."""
    splink_had_it = spark.catalog.functionExists("jaro_winkler")
    try:
        register_jaro_winkler(spark)
    except LinkageError:
        # Per user and private: a jar another user could plant would run in our JVM.
        folder = Path(tempfile.gettempdir(), f"amparo-spark-udf-{os.getuid()}")
        folder.mkdir(mode=0o700, exist_ok=True)
        spark.sql(f"ADD JAR '{write_jar(folder)}'")
        register_jaro_winkler(spark)
    return splink_had_it


def _restore_jaro_winkler(spark: SparkSession, splink_had_it: bool) -> None:
    """Give the session back Splink's own jaro_winkler (other Splink models in a
    shared session expect it)."""
    spark.sql("DROP TEMPORARY FUNCTION IF EXISTS jaro_winkler")
    if splink_had_it:
        from splink.internals.spark.jar_location import get_scala_udfs

        for name, java_class, result_type in get_scala_udfs():  # type: ignore[no-untyped-call]
            if name == "jaro_winkler":
                spark.udf.registerJavaFunction(name, java_class, result_type)
