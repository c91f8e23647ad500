"""Running a baseline's linkage, then the unit-id rule, as an IdentifyResult, so a
baseline is written and scored exactly like Amparo."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence

from amparo.engines.identify.baselines.unit_rule import unit_rule_separations
from amparo.engines.identify.results import IdentifyResult
from amparo.engines.linkage.types import RecordIn, RecordKey

__all__ = ["run_baseline"]

Linked = tuple[Mapping[RecordKey, str], Mapping[str, object]]  # person_of, model


def run_baseline(
    name: str,
    records: Sequence[RecordIn],
    link: Callable[[Sequence[RecordIn]], Linked],
    settings: Mapping[str, object],
) -> IdentifyResult:
    started = time.perf_counter()
    person_of, model = link(records)
    linked = time.perf_counter()
    separations = unit_rule_separations(records, person_of)
    return IdentifyResult(
        person_of=person_of,
        separations=separations,
        review=(),
        family_links=(),
        models={"linkage": model, "families": {"rule": "family_unit_id HEAD/CHILD"}},
        versions={"identify": f"baseline:{name}", "linkage": name, "families": "unit-rule"},
        timings={"linkage": linked - started, "families": time.perf_counter() - linked},
        settings=settings,
    )
