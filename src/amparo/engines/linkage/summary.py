"""A run's model as JSON-able data: settings, rules, and the trained parameters of
every comparison level, so that a run can be recorded and explained."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from amparo.engines.linkage.config import MODEL_VERSION, LinkageConfig
from amparo.engines.linkage.review import levels_by_gamma
from amparo.engines.linkage.spec import ComparisonSpec, ModelSpec

__all__ = ["model_summary"]


def _round(value: object) -> float | None:
    # Ten significant digits: enough to rebuild the weights, and stable across
    # re-runs whose parallel sums differ in the last bits.
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return float(f"{value:.10g}")


def _levels(comparison: ComparisonSpec, trained: Mapping[str, Any]) -> list[dict[str, object]]:
    by_gamma = levels_by_gamma(comparison)
    counter = len(by_gamma) - 2  # gamma of the first ordinary level
    out: list[dict[str, object]] = []
    for level, level_json in zip(
        comparison.levels, trained.get("comparison_levels", []), strict=False
    ):
        if level_json.get("is_null_level"):
            gamma = -1
        else:
            gamma, counter = counter, counter - 1
        m = _round(level_json.get("m_probability"))
        u = _round(level_json.get("u_probability"))
        out.append(
            {
                "gamma": gamma,
                "label": level.label,
                "outcome": level.outcome,
                "sql": level_json.get("sql_condition"),
                "m_probability": m,
                "u_probability": u,
                "match_weight": _round(math.log2(m / u)) if m and u else None,
                "tf_adjustment_column": level_json.get("tf_adjustment_column"),
                "tf_adjustment_weight": level_json.get("tf_adjustment_weight"),
            }
        )
    return out


def model_summary(
    spec: ModelSpec,
    config: LinkageConfig,
    splink_model: Mapping[str, Any] | None,
    extra: Mapping[str, object],
) -> dict[str, object]:
    """Settings and rules always; trained parameters when a model was trained
    (`splink_model` is Splink's own model JSON)."""
    summary: dict[str, object] = {
        "version": MODEL_VERSION,
        "config": asdict(config),
        **spec.summary(),
        **extra,
        "trained": splink_model is not None,
    }
    if splink_model is None:
        return summary
    summary["probability_two_random_records_match"] = _round(
        splink_model.get("probability_two_random_records_match")
    )
    trained = {c.get("output_column_name"): c for c in splink_model.get("comparisons", [])}
    summary["comparisons"] = [
        {"name": comparison.name, "levels": _levels(comparison, trained.get(comparison.name, {}))}
        for comparison in spec.comparisons
    ]
    return summary
