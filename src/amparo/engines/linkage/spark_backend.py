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

import pyarrow as pa  # type: ignore[import-untyped]  # no stubs
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
    "jaro_winkler_sql",
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


# Jaro-Winkler as DuckDB computes it, for Spark SQL.
#
# Splink's Spark jar has its own jaro_winkler, which differs from DuckDB's
# jaro_winkler_similarity: it counts half transpositions where DuckDB counts whole
# ones (rounded down), giving "RAMOS"/"ROSARIO" 0.665 against DuckDB's 0.736; on
# 57,000 name pairs of a 60-family world it fell on the other side of the model's
# 0.88 and 0.92 thresholds three times. DuckDB also adds the Winkler boost with a
# fused multiply-add (one rounding): exact 0.92s ("ABCDEFGHIJ"/"ACBDEFGHIJXY") are
# 0.92 there and one unit in the last place below without. So for a run the
# session's jaro_winkler is replaced by this SQL function, which gives DuckDB's
# value bit for bit: checked on 231,000 pairs (Unicode, NULLs, empty strings), the
# multiply-add emulated exactly (Dekker's product, Knuth's sum) and checked against
# math.fma for every Jaro value of strings of up to 120 characters.
#
# Spark inlines a SQL function wherever it is called, and the optimizer copies the
# comparison levels into the predict filter once per level, so the body is kept
# small: values are bound once through one-element aggregates.
#
# L: lengths and the match window. Matching walks a: position i takes the first
# unmatched position of b within the window holding the same character;
# acc.ca holds a's matched characters, acc.mb the positions of b they took.
_MATCH: Final = (
    "aggregate(sequence(1, L.la), named_struct('ca', CAST(array() AS ARRAY<STRING>), "
    "'mb', CAST(array() AS ARRAY<INT>)), (acc, i) -> aggregate(array(try_element_at(filter("
    "sequence(1, L.lb), j -> abs(j - i) <= L.w AND substring(b, j, 1) = substring(a, i, 1) "
    "AND NOT array_contains(acc.mb, j)), 1)), acc, (s, j) -> IF(j IS NULL, s, named_struct("
    "'ca', concat(s.ca, array(substring(a, i, 1))), 'mb', concat(s.mb, array(j))))))"
)
# Jaro from M.m matches and M.t characters out of order (DuckDB: t div 2 transpositions).
_JARO: Final = "(M.m / L.la + M.m / L.lb + (M.m - M.t div 2) / M.m) / 3D"
# fma(w, y, x) for w = 0.1 * common prefix (at most 4), y = 1 - x: the exact product
# as B.p + error (Veltkamp split of w and y), x + B.p as B.s + error (two-sum).
_BOOST: Final = (
    "aggregate(array(named_struct('w', size(filter(sequence(1, least(4, L.la, L.lb)), "
    "k -> substring(a, 1, k) = substring(b, 1, k))) * 0.1D, 'y', 1D - x)), 0D, (z1, V) -> "
    "aggregate(array(named_struct('wh', 134217729D * V.w - (134217729D * V.w - V.w), "
    "'yh', 134217729D * V.y - (134217729D * V.y - V.y), 'p', V.w * V.y, "
    "'s', x + V.w * V.y)), 0D, (z2, B) -> B.s + ((x - (B.s - (B.s - x))) + (B.p - (B.s - x)) "
    "+ ((((B.wh * B.yh - B.p) + B.wh * (V.y - B.yh)) + (V.w - B.wh) * B.yh) "
    "+ (V.w - B.wh) * (V.y - B.yh)))))"
)


def jaro_winkler_sql(name: str = "jaro_winkler") -> str:
    """The statement that creates the SQL function `name`(a, b): DuckDB's
    jaro_winkler_similarity, for Spark."""
    if not re.fullmatch(r"[A-Za-z_]\w*", name):
        raise LinkageError(f"not a function name: {name!r}")
    lengths = (
        "named_struct('la', length(a), 'lb', length(b), "
        "'w', greatest(CAST(greatest(length(a), length(b)) div 2 AS INT) - 1, 0))"
    )
    matched = (
        "named_struct('m', size(R.ca), 't', size(filter(zip_with(R.ca, "
        "transform(array_sort(R.mb), j -> substring(b, j, 1)), (u, v) -> u <> v), e -> e)))"
    )
    return (
        f"CREATE TEMPORARY FUNCTION {name}(a STRING, b STRING) RETURNS DOUBLE RETURN "
        "IF(a IS NULL OR b IS NULL, CAST(NULL AS DOUBLE), "
        "IF(length(a) = 0 OR length(b) = 0, 0D, "
        f"aggregate(array({lengths}), 0D, (z0, L) -> "
        f"aggregate(array({_MATCH}), 0D, (z3, R) -> IF(size(R.ca) = 0, 0D, "
        f"aggregate(array({matched}), 0D, (z4, M) -> "
        f"aggregate(array({_JARO}), 0D, (z, x) -> IF(x > 0.7D, {_BOOST}, x))))))))"
    )


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
    from splink.backends.spark import similarity_jar_location

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
    try:
        api = _spark_api(spark)  # registers Splink's functions from the jar
        splink_jaro_winkler = _install_jaro_winkler(spark)
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
            registered: SplinkDataFrame = api.register(
                physical_name, table_name=f"{physical_name}_splink"
            )
            return registered

        return run_splink(linker, BackendOps(query, execute, register), spec, config, progress)
    except (PySparkException, Py4JError) as error:
        raise LinkageError(f"Spark failed: {error}") from error
    finally:
        _clean_up(spark, checkpoints, before, run)
        _restore_jaro_winkler(spark, locals().get("splink_jaro_winkler", False))


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
    each intermediate table to the checkpoint folder under its view's name)."""
    for name in sorted(_temp_views(spark) - before):
        spark.catalog.dropTempView(name)
        _hadoop_delete(spark, f"{checkpoints}/{name}")
        _hadoop_delete(spark, f"{checkpoints}/amparo_{name}_{run}")


def _install_jaro_winkler(spark: SparkSession) -> bool:
    """Replace the session's jaro_winkler by DuckDB's; True if Splink's was there."""
    splink_had_it = spark.catalog.functionExists("jaro_winkler")
    spark.sql("DROP TEMPORARY FUNCTION IF EXISTS jaro_winkler")
    spark.sql(jaro_winkler_sql())
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
