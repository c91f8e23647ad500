"""link_people: from extract records to people."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pyarrow as pa  # type: ignore[import-untyped]  # no stubs

from amparo.engines.linkage.config import LinkageConfig, LinkageError, PersonLinks
from amparo.engines.linkage.features import build_features
from amparo.engines.linkage.model import MEASURED_BLOCKING_RECALL, person_model
from amparo.engines.linkage.refine import average_linkage, components, weight_of_probability
from amparo.engines.linkage.review import review_pairs
from amparo.engines.linkage.spec import ModelSpec
from amparo.engines.linkage.splink_run import ScoredPair, SplinkResult
from amparo.engines.linkage.summary import model_summary
from amparo.engines.linkage.types import RecordIn, RecordKey

__all__ = ["link_people", "people_of", "person_keys", "run_backend"]

Progress = Callable[[str, float], None]

# Below this many comparable records there is nothing to train a model on: each
# record is its own person (a real run has thousands).
MIN_RECORDS_TO_LINK = 2


def _no_progress(stage: str, fraction: float) -> None:
    """Default progress callback: ignore."""


def _check_records(records: Sequence[RecordIn]) -> None:
    seen: set[RecordKey] = set()
    for record in records:
        if not isinstance(record, RecordIn):
            raise LinkageError(f"expected RecordIn, got {type(record).__name__}")
        if record.key in seen:
            raise LinkageError(f"record {record.key} appears twice in the input")
        seen.add(record.key)


def run_backend(
    table: pa.Table, spec: ModelSpec, config: LinkageConfig, progress: Progress
) -> SplinkResult:
    """Run `spec` over `table` on the configured backend; each backend module
    imports its database only when used."""
    if config.backend == "spark":
        try:
            from amparo.engines.linkage.spark_backend import link_with_spark
        except ImportError as error:
            raise LinkageError(f"the Spark backend is not available: {error}") from error
        return link_with_spark(table, spec, config, progress)
    from amparo.engines.linkage.duckdb_backend import link_with_splink

    return link_with_splink(table, spec, config, progress)


def people_of(count: int, result: SplinkResult | None, config: LinkageConfig) -> list[int]:
    """For each unique_id in range(count), the first unique_id of its person: each
    candidate group split by average linkage (connected components at the link
    threshold for a group still beyond config.max_group); records not seen alone."""
    first = list(range(count))
    if result is None:
        return first
    weights = {(pair.left, pair.right): pair.weight for pair in result.pairs}
    cut = weight_of_probability(config.link_threshold)
    edges = [(pair.left, pair.right, pair.probability) for pair in result.pairs]
    for group in result.groups:
        if len(group) < 2:
            continue
        if len(group) <= config.max_group:
            parts = average_linkage(group, weights, cut)
        else:
            parts = components(group, edges, config.link_threshold)
        for part in parts:
            for uid in part:
                first[uid] = part[0]
    return first


def person_keys(first: list[int]) -> list[str]:
    """Opaque person keys: "P" and a number, people numbered in the order of their
    first record (records are sorted by key, so keys are stable across runs)."""
    number: dict[int, int] = {}
    for uid in range(len(first)):
        number.setdefault(first[uid], len(number) + 1)
    width = max(6, len(str(len(number))))
    return [f"P{number[first[uid]]:0{width}d}" for uid in range(len(first))]


def link_people(
    records: Sequence[RecordIn],
    config: LinkageConfig = LinkageConfig(),  # noqa: B008 - frozen, so sharing is safe
    *,
    on_progress: Progress | None = None,
) -> PersonLinks:
    """Decide which records are the same person.

    Every record gets a person key; records the model links at or above
    config.link_threshold (directly or through others) share one. Pairs of people
    whose best record pair scores in [review_threshold, link_threshold) come back
    as ReviewPairs for a person to decide. The result does not depend on the order
    of `records`. Raises LinkageError for a bad input or a failed backend.
    """
    progress: Progress = on_progress or _no_progress
    _check_records(records)
    progress("standardising", 0.0)
    features = build_features(records)
    ordered = sorted(records, key=lambda record: record.key)
    spec = person_model(config)
    mask = pa.array(features.linkable, type=pa.bool_())
    result: SplinkResult | None = None
    if sum(features.linkable) >= MIN_RECORDS_TO_LINK:
        progress("training", 0.1)
        result = run_backend(features.table.filter(mask), spec, config, progress)
    people = person_keys(people_of(len(ordered), result, config))
    pairs: tuple[ScoredPair, ...] = result.pairs if result is not None else ()
    review = review_pairs(
        pairs,
        people,
        ordered,
        swapped=features.swapped,
        specs=spec.comparisons,
        review_threshold=config.review_threshold,
    )
    extra = {
        "records": len(ordered),
        "comparable_records": sum(features.linkable),
        "names_swapped_back": sum(features.swapped),
        "pairs_compared": result.pairs_compared if result is not None else 0,
        "blocking_recall_measured": MEASURED_BLOCKING_RECALL,
        "training_notes": list(result.training_notes) if result else [],
    }
    progress("done", 1.0)
    return PersonLinks(
        person_of={record.key: people[index] for index, record in enumerate(ordered)},
        review=review,
        model=model_summary(spec, config, result.model if result else None, extra),
        pairs_compared=result.pairs_compared if result is not None else 0,
    )
