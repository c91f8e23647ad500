"""The Spark backend against DuckDB on a small synthetic world: the same people, the
same separations and the same review queue from the whole identify pipeline, and
Jaro-Winkler computed bit for bit as DuckDB computes it.

Slow: starts one local Spark (a JVM) for the module; the module took 100-120 s on a
shared two-core box, most of it the Spark run (about 20 s less once splink_run
estimates u in one chunk, see test_same_trained_model). Skipped, saying so, only
when there is no Java; a missing pyspark fails.
"""

from __future__ import annotations

import itertools
import os
import random
import shutil
import subprocess
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pyarrow as pa  # type: ignore[import-untyped]  # no stubs
import pytest

from amparo.engines.identify import IdentifyConfig
from amparo.engines.identify.results import IdentifyResult
from amparo.engines.identify.run import identify
from amparo.engines.linkage import LinkageConfig, RecordIn, RecordKey
from amparo.engines.linkage.quality import records_from_rows
from amparo.engines.linkage.spark_udf import (
    JAVAC_VERSION,
    compile_class,
    register_jaro_winkler,
    stored_class,
)
from amparo.engines.synth import SynthConfig, generate_world

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

pytestmark = pytest.mark.slow

FAMILIES = 60
# A world whose review queue holds both kinds of question.
SEED = 3


def _java_missing() -> str | None:
    java_home = os.environ.get("JAVA_HOME")
    if java_home and Path(java_home, "bin", "java").exists():
        return None
    if shutil.which("java"):
        return None
    return "no java on PATH and JAVA_HOME unset (Debian: apt install openjdk-17-jre-headless)"


@pytest.fixture(scope="module")
def spark() -> Iterator[SparkSession]:
    """One local Spark session for the module; the engine finds it as the active
    session. Local whatever AMPARO_SPARK_MASTER says: this test never needs a cluster."""
    missing = _java_missing()
    if missing:
        pytest.skip(f"the Spark backend needs Java: {missing}")
    try:
        import pyspark  # noqa: F401
    except ImportError:
        pytest.fail("the Spark backend test needs pyspark 4 (pip install -e '.[dev]')")
    from amparo.engines.linkage.spark_backend import spark_session

    with spark_session("local[2]") as session:
        yield session


@pytest.fixture(scope="module")
def records() -> tuple[RecordIn, ...]:
    """The world's extracts as the extracts engine keeps them."""
    return tuple(records_from_rows(generate_world(SynthConfig(families=FAMILIES, seed=SEED)).rows))


def _run(records: tuple[RecordIn, ...], backend: str) -> IdentifyResult:
    linkage = LinkageConfig(backend=backend)  # type: ignore[arg-type]
    return identify(records, IdentifyConfig(linkage=linkage))


@pytest.fixture(scope="module")
def on_duckdb(records: tuple[RecordIn, ...]) -> IdentifyResult:
    return _run(records, "duckdb")


@pytest.fixture(scope="module")
def on_spark(spark: SparkSession, records: tuple[RecordIn, ...]) -> IdentifyResult:
    return _run(records, "spark")


def _people(person_of: Mapping[RecordKey, str]) -> dict[str, frozenset[RecordKey]]:
    members: dict[str, set[RecordKey]] = {}
    for record, person in person_of.items():
        members.setdefault(person, set()).add(record)
    return {person: frozenset(keys) for person, keys in members.items()}


Separation = tuple[frozenset[RecordKey], frozenset[RecordKey]]


def _separations(run: IdentifyResult) -> dict[Separation, tuple[object, ...]]:
    """Each separation as (parent's records, child's records) -> what it says:
    comparable whatever the person keys are called."""
    people = _people(run.person_of)
    found: dict[Separation, tuple[object, ...]] = {
        (people[s.parent_key], people[s.child_key]): (
            s.status,
            s.score,
            s.separated_on,
            s.reunified_on,
            s.parent_removed_on,
        )
        for s in run.separations
    }
    assert len(found) == len(run.separations)
    return found


def _review(run: IdentifyResult) -> set[tuple[object, ...]]:
    """The review queue: each decision's kind, the records of the two people it is
    about, its score, the record pair behind it and the evidence shown."""
    people = _people(run.person_of)
    return {
        (
            pair.kind,
            people[pair.left],
            people[pair.right],
            pair.score,
            pair.left_record,
            pair.right_record,
            pair.evidence,
        )
        for pair in run.review
    }


def _levels(run: IdentifyResult) -> dict[tuple[str, object], tuple[object, object]]:
    comparisons = run.models["linkage"]["comparisons"]
    assert isinstance(comparisons, list)
    return {
        (comparison["name"], level["gamma"]): (level["m_probability"], level["u_probability"])
        for comparison in comparisons
        for level in comparison["levels"]
    }


def test_same_people(on_duckdb: IdentifyResult, on_spark: IdentifyResult) -> None:
    """The same partition of the records into people (person keys are numbered in
    record order, so they are the same too)."""
    duck = set(_people(on_duckdb.person_of).values())
    spark = set(_people(on_spark.person_of).values())
    assert any(len(person) > 1 for person in duck), "the world should link some records"
    assert spark == duck
    assert on_spark.person_of == on_duckdb.person_of


def test_same_separations(on_duckdb: IdentifyResult, on_spark: IdentifyResult) -> None:
    """Exactly: status, score and dates of every separation."""
    duck, spark = _separations(on_duckdb), _separations(on_spark)
    assert duck, "the world should have separations"
    assert spark == duck


def test_same_review(on_duckdb: IdentifyResult, on_spark: IdentifyResult) -> None:
    """The same decisions for a person."""
    duck = _review(on_duckdb)
    assert {question[0] for question in duck} == {"same_person", "parent_child"}
    assert _review(on_spark) == duck


def test_same_trained_model(on_duckdb: IdentifyResult, on_spark: IdentifyResult) -> None:
    """The same prior, and the same m and u for every level to the ten digits the
    model summary keeps.

    This holds because u is estimated from every sampled pair in one chunk
    (splink_run): in chunks, Splink stops after pairs chosen by each database's own
    hash, and u differed by 12% to 47% between the two.
    """
    duck, spark = on_duckdb.models["linkage"], on_spark.models["linkage"]
    assert duck["trained"] and spark["trained"]
    prior = "probability_two_random_records_match"
    assert spark[prior] == duck[prior]
    assert _levels(on_spark) == _levels(on_duckdb)


def test_session_left_as_found(spark: SparkSession, on_spark: IdentifyResult) -> None:
    """A run on a session it did not start drops its views and gives Splink's
    jaro_winkler back."""
    views = [row.viewName for row in spark.sql("SHOW VIEWS").collect() if row.isTemporary]
    assert views == []
    assert [table.name for table in spark.catalog.listTables() if not table.isTemporary] == []
    functions = spark.sql("SHOW USER FUNCTIONS LIKE 'jaro_winkler'").collect()
    assert len(functions) == 1


def test_tables_become_temporary_views(spark: SparkSession, tmp_path: Path) -> None:
    """splink_run's CREATE TABLE and INSERT INTO make temporary views, not tables in
    the session's catalog, and a second run in the session can make them again."""
    from amparo.engines.linkage.spark_backend import _execute

    folder = tmp_path.as_uri()
    for _ in range(2):
        _execute(spark, "CREATE TABLE amparo_test_t (unique_id BIGINT, group_id BIGINT)", folder)
        _execute(spark, "INSERT INTO amparo_test_t VALUES (1, 0), (2, 0)", folder)
        _execute(spark, "INSERT INTO amparo_test_t VALUES (7, 1)", folder)
        _execute(
            spark,
            "CREATE TABLE amparo_test_u AS SELECT max(unique_id) AS m FROM amparo_test_t",
            folder,
        )
        rows = spark.sql(
            "SELECT unique_id, group_id FROM amparo_test_t ORDER BY unique_id"
        ).collect()
        assert [tuple(row) for row in rows] == [(1, 0), (2, 0), (7, 1)]
        assert spark.table("amparo_test_t").dtypes == [
            ("unique_id", "bigint"),
            ("group_id", "bigint"),
        ]
        assert spark.table("amparo_test_u").collect()[0][0] == 7
        assert [t.name for t in spark.catalog.listTables() if not t.isTemporary] == []
        spark.catalog.dropTempView("amparo_test_t")
        spark.catalog.dropTempView("amparo_test_u")


def _names() -> list[str]:
    rng = random.Random(SEED)
    noise = ["".join(rng.choice("AEÑOÜ BC") for _ in range(rng.randint(0, 9))) for _ in range(150)]
    known = [
        "RAMOS",
        "ROSARIO",  # half transpositions: Splink's Spark jar says 0.665, DuckDB 0.736
        "ABCDEFGHIJ",
        "ACBDEFGHIJXY",  # exactly 0.92 only with DuckDB's fused multiply-add
        "JOSÉ",
        "JOSE",
        "MARTHA",
        "MARHTA",
        "GUADALUPE",
        "LUPE",
        "A",
        "",
    ]
    return known + noise


def test_jaro_winkler_is_duckdbs(spark: SparkSession) -> None:
    pairs = [*itertools.permutations(_names(), 2), ("A", None), (None, "A")]
    con = duckdb.connect()
    con.execute("CREATE TABLE pairs (n INTEGER, a VARCHAR, b VARCHAR)")
    con.executemany(
        "INSERT INTO pairs VALUES (?, ?, ?)", [(n, a, b) for n, (a, b) in enumerate(pairs)]
    )
    want = con.execute("SELECT n, jaro_winkler_similarity(a, b) FROM pairs ORDER BY n").fetchall()
    register_jaro_winkler(spark, "amparo_test_jw")
    try:
        table = pa.table(
            {
                "n": pa.array(range(len(pairs)), pa.int32()),
                "a": pa.array([a for a, _ in pairs], pa.string()),
                "b": pa.array([b for _, b in pairs], pa.string()),
            }
        )
        spark.createDataFrame(table).createOrReplaceTempView("amparo_test_pairs")
        got = spark.sql(
            "SELECT n, amparo_test_jw(a, b) FROM amparo_test_pairs ORDER BY n"
        ).collect()
    finally:
        spark.catalog.dropTempView("amparo_test_pairs")
        spark.sql("DROP TEMPORARY FUNCTION IF EXISTS amparo_test_jw")
    assert [(row[0], row[1]) for row in got] == want  # exactly: thresholds sit on 0.92


def _javac_version() -> str | None:
    javac = shutil.which("javac")
    if javac is None:
        return None
    done = subprocess.run([javac, "-version"], capture_output=True, text=True, check=True)
    return (done.stdout or done.stderr).strip()


def test_stored_jar_is_the_source_compiled() -> None:
    """The jar in spark_udf.py is JAVA_SOURCE compiled (javac output differs between
    JDK releases, so only the recorded one can check it)."""
    version = _javac_version()
    if version != JAVAC_VERSION:
        pytest.skip(f"the stored jar was built by {JAVAC_VERSION}; javac here: {version}")
    assert compile_class() == stored_class()
