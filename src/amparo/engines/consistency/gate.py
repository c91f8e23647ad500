"""Whether a negative determination may go forward: only once every inconsistency has
a recorded due-consideration assessment (DOMAIN.md section 3). An assessment of
whitespace only is no assessment."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from amparo.engines.consistency.compare import ConsistencyResult


class SubmissionCheck(NamedTuple):
    """`missing`: ids still lacking an assessment, in the result's order. `stale`:
    assessed ids the result no longer lists (the accounts or the engine changed), for
    the app to show rather than silently drop."""

    may_submit: bool
    missing: tuple[str, ...]
    stale: tuple[str, ...]


def negative_determination_check(
    result: ConsistencyResult, assessments: Mapping[str, str | None]
) -> SubmissionCheck:
    missing = tuple(
        inconsistency_id
        for inconsistency_id in result.ids
        if not (assessments.get(inconsistency_id) or "").strip()
    )
    listed = set(result.ids)
    stale = tuple(sorted(key for key in assessments if key not in listed))
    return SubmissionCheck(not missing, missing, stale)
