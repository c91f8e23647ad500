"""Training, scoring and clustering with Splink, whatever database runs it.

A backend (duckdb_backend.py, spark_backend.py) registers the feature table and hands
over a Linker; this module drives it and reads results back as plain Python.
"""

from __future__ import annotations

from collections.abc import Callable
from copy import deepcopy
from dataclasses import dataclass
from functools import partial
from typing import Any

from splink import Linker
from splink.internals.constants import LEVEL_NOT_OBSERVED_TEXT
from splink.internals.exceptions import SplinkException
from splink.internals.splink_dataframe import SplinkDataFrame

from amparo.engines.linkage.config import LinkageConfig, LinkageError
from amparo.engines.linkage.refine import split_large
from amparo.engines.linkage.spec import ModelSpec

__all__ = ["BackendOps", "ScoredPair", "SplinkResult", "run_splink"]

Progress = Callable[[str, float], None]

# Highest prior accepted from training: above it "two random records are the same
# person" is more likely than not, which no real input supports.
MAX_PRIOR = 0.5


@dataclass(frozen=True, slots=True)
class BackendOps:
    """What the run needs from a database beside the Linker.

    query: run a SELECT, rows back as tuples. execute: run a statement.
    register: make a physical table (created with execute) a Splink table.
    records: the physical name of the feature table the Linker was given.
    """

    query: Callable[[str], list[tuple[Any, ...]]]
    execute: Callable[[str], None]
    register: Callable[[str], SplinkDataFrame]
    records: str


@dataclass(frozen=True, slots=True)
class ScoredPair:
    """A scored record pair: ids (left < right), match probability and weight,
    and per comparison (in model order) its level (gamma) and match weight."""

    left: int
    right: int
    probability: float
    weight: float
    gammas: tuple[int, ...]
    weights: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class SplinkResult:
    """groups: candidate groups (connected components at the review threshold, and
    groups larger than config.max_group cut at rising thresholds), as sorted
    unique_ids; pairs: every record pair inside each group of at most max_group
    records, and the pairs at or above the review threshold inside the large
    groups before cutting (for review across the cuts)."""

    groups: tuple[tuple[int, ...], ...]
    pairs: tuple[ScoredPair, ...]
    pairs_compared: int
    model: dict[str, Any]  # Splink's own model JSON (settings with trained m/u)
    training_notes: tuple[str, ...] = ()  # training steps that could not be done


def _train(linker: Linker, spec: ModelSpec, config: LinkageConfig, progress: Progress) -> list[str]:
    """Estimate the prior, u (random sampling) and m (EM); returns notes on steps
    that could not be done. A step fails on data too small or too uniform for it
    (an EM block with no pairs, every pair a match): the run then goes on with
    Splink's starting values for what that step would have estimated."""
    training = linker.training
    steps: list[tuple[str, Callable[[], object]]] = [
        (
            "prior",
            lambda: training.estimate_probability_two_random_records_match(
                spec.deterministic_rule_creators(), recall=config.lambda_recall
            ),
        ),
        (
            "u",
            # One chunk: every sampled pair counts. In chunks, Splink stops once each
            # level has been seen often enough, after pairs chosen by the database's
            # own hash, so u (and the people) would differ between DuckDB and Spark
            # and between runs.
            lambda: training.estimate_u_using_random_sampling(
                max_pairs=config.u_max_pairs, seed=config.seed, num_chunks=1
            ),
        ),
    ]
    for rule in spec.training_rule_creators():
        em = partial(
            training.estimate_parameters_using_expectation_maximisation,
            rule,
            max_pairs=config.em_max_pairs,
        )
        steps.append(("m (EM)", em))
    notes: list[str] = []
    settings = linker._settings_obj  # no public API restores a model (pinned splink)
    for index, (name, step) in enumerate(steps):
        progress(f"estimating {name}", 0.1 + 0.5 * index / len(steps))
        before = deepcopy(settings.core_model_settings)
        try:
            step()
        except (SplinkException, ArithmeticError, ValueError) as error:
            # Statistical failures only; a database error still ends the run. An EM
            # session takes its fixed comparison out of the model while it runs and
            # puts it back only when it succeeds: the model as it was before the step.
            settings.core_model_settings = before
            notes.append(f"{name}: {type(error).__name__}: {str(error).splitlines()[0][:200]}")
    _floor_parameters(linker, config)
    return notes


def _floor_parameters(linker: Linker, config: LinkageConfig) -> None:
    """Keep the prior and every level's weight finite and modest where training
    saw too little.

    EM puts m at (nearly) zero for a level no match in the data showed, and random
    sampling leaves u unset for a level no random pair showed; either gives a
    weight of tens of bits on the evidence of nothing. m is raised to
    config.min_m_probability and an unseen u to one in the pairs sampled; a prior
    driven to 0 or 1 by tiny data is brought back into (0, 1).
    Uses Splink's settings objects (pinned splink version): no public API does this.
    """
    settings = linker._settings_obj
    prior = settings._probability_two_random_records_match
    if not 0.0 < prior <= MAX_PRIOR:
        settings._probability_two_random_records_match = min(max(prior, 1e-9), MAX_PRIOR)
    min_u = 1.0 / config.u_max_pairs
    for comparison in settings.comparisons:
        for level in comparison._comparison_levels_excluding_null:
            unseen_m = level._m_probability == LEVEL_NOT_OBSERVED_TEXT
            m = level.m_probability
            if not level._fix_m_probability and (
                unseen_m or (m is not None and m < config.min_m_probability)
            ):
                level.m_probability = config.min_m_probability
            unseen_u = level._u_probability == LEVEL_NOT_OBSERVED_TEXT
            u = level.u_probability
            if not level._fix_u_probability and (unseen_u or (u is not None and u < min_u)):
                level.u_probability = min_u


def _read_pairs(
    table: SplinkDataFrame, ops: BackendOps, spec: ModelSpec, where: str = ""
) -> list[ScoredPair]:
    names = [comparison.name for comparison in spec.comparisons]
    present = {column.unquote().name for column in table.columns}
    columns = ", ".join(
        ["unique_id_l", "unique_id_r", "match_probability", "match_weight"]
        + [f"gamma_{name}" for name in names]
        # The weight a reviewer sees includes the term-frequency adjustment.
        + [_weight_sql(name, present) for name in names]
    )
    rows = ops.query(
        f"SELECT {columns} FROM {table.physical_name} {where} "  # noqa: S608 - our names
        "ORDER BY unique_id_l, unique_id_r"
    )
    width = len(names)
    return [
        ScoredPair(
            left=int(row[0]),
            right=int(row[1]),
            probability=float(row[2]),
            weight=float(row[3]),
            gammas=tuple(int(value) for value in row[4 : 4 + width]),
            weights=tuple(float(value) for value in row[4 + width :]),
        )
        for row in rows
    ]


def _weight_sql(name: str, present: set[str]) -> str:
    if f"mw_tf_adj_{name}" in present:
        return f"mw_{name} + coalesce(mw_tf_adj_{name}, 0)"
    return f"mw_{name}"


_BLOCKED = "amparo_blocked_pairs"
_WITHIN = "amparo_within_pairs"


def _blocked_pairs(ops: BackendOps, spec: ModelSpec) -> SplinkDataFrame:
    """Every pair some blocking rule puts up, once, in the shape Splink scores.

    Splink's own blocking keeps each pair once by adding to every rule "and not any
    rule before it", so its cost grows with the square of the number of rules (with
    47 rules, blocking and scoring took 161 s of a 100,000-family run on a busy
    machine; 19 s this way). Each rule's join alone is cheap; one GROUP BY then
    keeps each pair once, with the first rule that found it.
    """
    if not spec.blocking_rules:
        raise LinkageError("the model has no blocking rules: no pair would be scored")
    records = ops.records
    joins = " UNION ALL ".join(
        f"SELECT {number} AS rule, l.unique_id AS join_key_l, r.unique_id AS join_key_r "  # noqa: S608 - our rules
        f"FROM {records} AS l JOIN {records} AS r "
        f"ON ({rule}) AND l.unique_id < r.unique_id"
        for number, rule in enumerate(spec.blocking_rules)
    )
    ops.execute(
        f"CREATE TABLE {_BLOCKED} AS "  # noqa: S608 - our names
        f"SELECT CAST(min(rule) AS STRING) AS match_key, join_key_l, join_key_r "
        f"FROM ({joins}) AS found GROUP BY join_key_l, join_key_r"
    )
    return ops.register(_BLOCKED)


_SPLIT = "amparo_split_groups"
_INSERT_ROWS = 5_000


def _groups(candidates: SplinkDataFrame, ops: BackendOps) -> list[list[int]]:
    rows = ops.query(
        f"SELECT cluster_id, unique_id FROM {candidates.physical_name} "  # noqa: S608
        "ORDER BY unique_id"
    )
    members: dict[str, list[int]] = {}
    for cluster, uid in rows:
        members.setdefault(str(cluster), []).append(int(uid))
    return sorted(members.values(), key=lambda group: group[0])


def _upload_split(ops: BackendOps, groups: list[list[int]]) -> None:
    """The parts of split groups, as (unique_id, group_id) rows: a few thousand at
    most, so plain INSERTs, which every backend's SQL has."""
    ops.execute(f"CREATE TABLE {_SPLIT} (unique_id BIGINT, group_id BIGINT)")
    rows = [f"({uid}, {number})" for number, group in enumerate(groups) for uid in group]
    for start in range(0, len(rows), _INSERT_ROWS):
        chunk = ", ".join(rows[start : start + _INSERT_ROWS])
        ops.execute(f"INSERT INTO {_SPLIT} VALUES {chunk}")  # noqa: S608 - integers only


def _score_within(
    linker: Linker,
    candidates: SplinkDataFrame,
    ops: BackendOps,
    spec: ModelSpec,
    config: LinkageConfig,
) -> list[ScoredPair]:
    """Score every pair inside each small candidate group and each part of a split
    one (most were never blocked together, or scored below the review threshold)."""
    name = candidates.physical_name
    most = int(config.max_group)
    ops.execute(
        f"CREATE TABLE {_WITHIN} AS "  # noqa: S608 - our names
        f"WITH g AS ("
        f"SELECT unique_id, CAST(cluster_id AS STRING) AS group_id, 0 AS part FROM {name} "
        f"WHERE cluster_id IN (SELECT cluster_id FROM {name} GROUP BY cluster_id "
        f"HAVING count(*) BETWEEN 2 AND {most}) "
        f"UNION ALL SELECT unique_id, CAST(group_id AS STRING) AS group_id, 1 AS part "
        f"FROM {_SPLIT}) "
        f"SELECT '0' AS match_key, a.unique_id AS join_key_l, b.unique_id AS join_key_r "
        f"FROM g a JOIN g b ON a.part = b.part AND a.group_id = b.group_id "
        f"AND a.unique_id < b.unique_id"
    )
    if not ops.query(f"SELECT 1 FROM {_WITHIN} LIMIT 1"):  # noqa: S608
        return []
    linker.table_management.register_blocked_pairs_for_predict(ops.register(_WITHIN))
    within = linker.inference.predict(warning_mode="never")
    return _read_pairs(within, ops, spec)


def _split_large_groups(
    groups: list[list[int]],
    *,
    predictions: SplinkDataFrame,
    candidates: SplinkDataFrame,
    ops: BackendOps,
    spec: ModelSpec,
    config: LinkageConfig,
) -> tuple[list[list[int]], list[ScoredPair]]:
    """Groups too large to score pair by pair (chains through common names in a
    large input) are cut at rising thresholds (refine.split_large); returns the
    groups after cutting and the scored pairs of the large groups."""
    large = [group for group in groups if len(group) > config.max_group]
    if not large:
        _upload_split(ops, [])
        return groups, []
    name = candidates.physical_name
    pairs = _read_pairs(
        predictions,
        ops,
        spec,
        f"WHERE unique_id_l IN (SELECT unique_id FROM {name} WHERE cluster_id IN "  # noqa: S608
        f"(SELECT cluster_id FROM {name} GROUP BY cluster_id "
        f"HAVING count(*) > {int(config.max_group)}))",
    )
    edges = [(pair.left, pair.right, pair.probability) for pair in pairs]
    start = max(config.link_threshold, config.review_threshold)
    parts = [part for group in large for part in split_large(group, edges, start, config.max_group)]
    _upload_split(ops, [part for part in parts if 2 <= len(part) <= config.max_group])
    kept = [group for group in groups if len(group) <= config.max_group]
    return sorted(kept + parts, key=lambda group: group[0]), pairs


def run_splink(
    linker: Linker, ops: BackendOps, spec: ModelSpec, config: LinkageConfig, progress: Progress
) -> SplinkResult:
    """Train the model on the linker's records, score candidate pairs, form
    candidate groups, and score every pair inside each group."""
    try:
        notes = _train(linker, spec, config, progress)
        progress("scoring pairs", 0.65)
        inference = linker.inference
        blocked = _blocked_pairs(ops, spec)
        linker.table_management.register_blocked_pairs_for_predict(blocked)
        pairs_compared = int(ops.query(f"SELECT count(*) FROM {blocked.physical_name}")[0][0])  # noqa: S608
        predictions = inference.predict(
            threshold_match_probability=config.review_threshold, warning_mode="never"
        )
        progress("grouping", 0.8)
        candidates = linker.clustering.cluster_pairwise_predictions_at_threshold(
            predictions, threshold_match_probability=config.review_threshold
        )
        groups, large_pairs = _split_large_groups(
            _groups(candidates, ops),
            predictions=predictions,
            candidates=candidates,
            ops=ops,
            spec=spec,
            config=config,
        )
        within = _score_within(linker, candidates, ops, spec, config)
        scored = {(pair.left, pair.right) for pair in within}
        pairs = within + [p for p in large_pairs if (p.left, p.right) not in scored]
        model = linker.misc.save_model_to_json()
    except LinkageError:
        raise
    except Exception as error:  # Splink and the databases raise many kinds
        raise LinkageError(f"the linkage model failed: {error}") from error
    return SplinkResult(
        groups=tuple(tuple(group) for group in groups),
        pairs=tuple(pairs),
        pairs_compared=pairs_compared,
        model=model,
        training_notes=tuple(notes),
    )
