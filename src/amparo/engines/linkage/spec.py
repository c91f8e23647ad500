"""The parts of a Splink model that do not depend on what is compared: levels
with their meaning for a reviewer, per-dialect SQL for custom levels, term-frequency
settings, and the assembly of Splink settings from a model description.

The person model (model.py) and the FEBRL benchmark (bench/febrl4.py) are both
built from these, and run by the same machinery (splink_run.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

import splink.comparison_level_library as cll
from splink import SettingsCreator, block_on
from splink.blocking_rule_library import CustomRule
from splink.comparison_library import CustomComparison
from splink.internals.blocking_rule_creator import BlockingRuleCreator
from splink.internals.comparison_level_creator import ComparisonLevelCreator

from amparo.engines.linkage.config import LinkageConfig
from amparo.engines.linkage.types import Outcome

__all__ = [
    "NON_EXACT_TF_WEIGHT",
    "ComparisonSpec",
    "Level",
    "ModelSpec",
    "Sql",
    "settings_from_spec",
    "tf",
]


@dataclass(frozen=True, slots=True)
class Level:
    """One comparison level: what it means for a reviewer, and its Splink creator."""

    outcome: Outcome
    label: str
    creator: ComparisonLevelCreator


@dataclass(frozen=True, slots=True)
class ComparisonSpec:
    """A compared field: its Splink output name, the input fields shown as evidence
    (the first a record fills), and its levels from most to least specific (the
    null level first)."""

    name: str
    evidence_fields: tuple[str, ...]
    levels: tuple[Level, ...]


# SQL functions the custom levels need, per backend dialect. DuckDB's are measured
# and fast; Splink's generic array levels (ARRAY_INTERSECT) and Damerau-Levenshtein
# cost 5-20x more per pair, and u estimation scores millions of pairs.
_FUNCTIONS: Final[dict[str, dict[str, str]]] = {
    "duckdb": {
        "contains": "list_contains({array}, {value})",
        "overlap": "list_has_any({left}, {right})",
        "hamming": "hamming({left}, {right})",
        "jaro_winkler": "jaro_winkler_similarity({left}, {right})",
    },
    # Spark: written for the scale-out backend, exercised there.
    "spark": {
        "contains": "array_contains({array}, {value})",
        "overlap": "arrays_overlap({left}, {right})",
        "hamming": (
            "size(filter(sequence(1, length({left})), "
            "i -> substring({left}, i, 1) != substring({right}, i, 1)))"
        ),
        "jaro_winkler": "jaro_winkler({left}, {right})",  # Amparo's Java UDF (spark_udf.py)
    },
}


class Sql:
    """Custom level conditions in one backend's dialect."""

    def __init__(self, backend: str) -> None:
        self.dialect = backend
        self._f = _FUNCTIONS[backend]

    def level(self, sql: str, label: str) -> cll.CustomLevel:
        return cll.CustomLevel(sql, label_for_charts=label)

    def contains(self, array: str, value: str) -> str:
        return self._f["contains"].format(array=array, value=value)

    def either_contains(self, arrays: str, value: str) -> str:
        """One side's single value is an element of the other side's array."""
        left = self.contains(f"{arrays}_r", f"{value}_l")
        right = self.contains(f"{arrays}_l", f"{value}_r")
        return f"({left} OR {right})"

    def overlap(self, column: str) -> str:
        return self._f["overlap"].format(left=f"{column}_l", right=f"{column}_r")

    def jaro_winkler(self, left: str, right: str) -> str:
        return self._f["jaro_winkler"].format(left=left, right=right)

    def hamming(self, column: str) -> str:
        return self._f["hamming"].format(left=f"{column}_l", right=f"{column}_r")


@dataclass(frozen=True, slots=True)
class ModelSpec:
    """A whole model: comparisons, blocking rules (SQL over l. and r.), the
    columns each EM session blocks on, and near-certain rules for the prior."""

    comparisons: tuple[ComparisonSpec, ...]
    blocking_rules: tuple[str, ...]
    training_rules: tuple[tuple[str, ...], ...]
    deterministic_rules: tuple[str, ...]
    link_type: Literal["dedupe_only", "link_only", "link_and_dedupe"] = "dedupe_only"

    def training_rule_creators(self) -> list[BlockingRuleCreator]:
        return [block_on(*columns) for columns in self.training_rules]

    def deterministic_rule_creators(self) -> list[str | BlockingRuleCreator]:
        return [CustomRule(rule) for rule in self.deterministic_rules]

    def summary(self) -> dict[str, object]:
        """The rules as JSON-able text, for a run's record."""
        return {
            "link_type": self.link_type,
            "blocking_rules": list(self.blocking_rules),
            "training_rules": [
                " AND ".join(f"l.{c} = r.{c}" for c in rule) for rule in self.training_rules
            ],
            "deterministic_rules_for_prior": list(self.deterministic_rules),
        }


# Term-frequency adjustment on a level that is not an exact match: scaled from the
# level's own u (Splink's exact-match detection does not apply) and damped, as the
# frequency of the kept name only approximates how often strangers agree that way.
NON_EXACT_TF_WEIGHT: Final = 0.5


def tf(
    level: ComparisonLevelCreator,
    column: str,
    config: LinkageConfig,
    *,
    weight: float = 1.0,
    library_exact: bool = True,
) -> ComparisonLevelCreator:
    """Term-frequency adjustment on `level` by the frequency of `column`'s value.
    Splink scales it from the u of the comparison's library exact-match level on
    that column, or (library_exact=False) from this level's own u."""
    if config.term_frequency:
        level.configure(
            tf_adjustment_column=column,
            tf_adjustment_weight=weight,
            disable_tf_exact_match_detection=not library_exact,
        )
    return level


def settings_from_spec(spec: ModelSpec, config: LinkageConfig) -> SettingsCreator:
    """Splink settings (untrained) for a model, for any Splink database API."""
    return SettingsCreator(
        link_type=spec.link_type,
        unique_id_column_name="unique_id",
        comparisons=[
            CustomComparison(
                [level.creator for level in comparison.levels],
                output_column_name=comparison.name,
                comparison_description=comparison.name,
            )
            for comparison in spec.comparisons
        ],
        # Plain SQL (equality, IS NULL, abs): the same on every backend.
        blocking_rules_to_generate_predictions=[CustomRule(rule) for rule in spec.blocking_rules],
        em_convergence=config.em_convergence,
        max_iterations=config.em_max_iterations,
        # Levels (gamma) are kept for the reviewer's evidence; Splink keeps them
        # only together with the compared columns.
        retain_matching_columns=True,
        retain_intermediate_calculation_columns=True,
    )
