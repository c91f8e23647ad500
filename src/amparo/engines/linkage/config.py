"""The knobs of a person-linkage run and what a run returns."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from amparo.engines.linkage.types import RecordKey, ReviewPair

__all__ = ["MODEL_VERSION", "LinkageConfig", "LinkageError", "PersonLinks"]

# Bump when standardisation, comparisons, blocking or training change: a run records
# it, so that a re-run with another version is known to be able to differ.
MODEL_VERSION = "amparo-person-linkage/2"


class LinkageError(Exception):
    """Linking could not be done: a bad configuration, bad input, or a backend failure."""


Backend = Literal["duckdb", "spark"]


@dataclass(frozen=True, slots=True)
class LinkageConfig:
    """Every setting of a run, so that a run is reproducible from its record.

    backend: where the model runs; "spark" is the scale-out path (docs/howto/spark-cluster.md).
    seed: seeds u estimation by random sampling (the only random step).
    link_threshold: match probability at or above which two records are the same
        person; clusters are the connected components of such pairs.
    review_threshold: pairs from here up to link_threshold that end in different
        people go to a person to decide, as ReviewPairs.
    em_max_pairs: cap on the blocked pairs each EM session trains on.
    u_max_pairs: random pairs sampled to estimate u (how often strangers agree).
    lambda_recall: share of true matches the deterministic rules used to estimate
        the prior (probability that two random records match) are taken to find.
        Measured on synthetic worlds at 0.74-0.75; a lower value raises the prior.
    em_max_iterations, em_convergence: EM stopping rules.
    min_m_probability: floor for every trained m (a level no match showed in
        training gets this, not zero, so that it weighs a few bits, not forty).
    term_frequency: adjust name and date-of-birth agreement for how common the
        value is (a shared "María García" says less than a shared "Xicará").
    threads: DuckDB worker threads (None: DuckDB's default, one per core).
    memory_limit: DuckDB memory limit, e.g. "4GB" (None: DuckDB's default).
    """

    backend: Backend = "duckdb"
    seed: int = 2018
    link_threshold: float = 0.8
    review_threshold: float = 0.5
    em_max_pairs: float = 2_000_000
    u_max_pairs: float = 1_000_000
    lambda_recall: float = 0.75
    em_max_iterations: int = 25
    em_convergence: float = 0.0001
    min_m_probability: float = 0.0001
    max_group: int = 200
    term_frequency: bool = True
    threads: int | None = None
    memory_limit: str | None = None

    def __post_init__(self) -> None:
        if self.backend not in ("duckdb", "spark"):
            raise LinkageError(f"backend must be 'duckdb' or 'spark', got {self.backend!r}")
        for name in ("link_threshold", "review_threshold", "lambda_recall", "min_m_probability"):
            value = getattr(self, name)
            if not isinstance(value, int | float) or not 0.0 < value <= 1.0:
                raise LinkageError(f"{name} must be in (0, 1], got {value!r}")
        if self.review_threshold > self.link_threshold:
            raise LinkageError("review_threshold must not be above link_threshold")
        for name in ("em_max_pairs", "u_max_pairs"):
            value = getattr(self, name)
            if not isinstance(value, int | float) or not math.isfinite(value) or value < 1_000:
                raise LinkageError(f"{name} must be a number of at least 1,000, got {value!r}")
        if self.em_max_iterations < 1 or not 0.0 < self.em_convergence < 1.0:
            raise LinkageError("em_max_iterations must be >= 1 and em_convergence in (0, 1)")
        if self.max_group < 2 or (self.threads is not None and self.threads < 1):
            raise LinkageError("max_group must be >= 2 and threads >= 1")


@dataclass(frozen=True)
class PersonLinks:
    """Which records are one person, and the merges a person must decide.

    person_of: every input record, exactly once, to an opaque person key ("P" and
        a number; people numbered in the order of their first record's key).
    review: uncertain merges of two people (kind "same_person"), one per pair of
        people, with the record pair that scored highest and field-by-field evidence.
    model: JSON-able description of the model: settings, blocking rules, trained
        parameters, prior, blocking recall measured on synthetic truth.
    pairs_compared: record pairs the blocking rules produced and the model scored.
    """

    person_of: Mapping[RecordKey, str]
    review: tuple[ReviewPair, ...]
    model: Mapping[str, object]
    pairs_compared: int
    version: str = MODEL_VERSION
