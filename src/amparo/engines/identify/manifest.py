"""run.json: what a run read, with which settings, models and versions, and what it found.

With the input hashes, the configuration and the versions, a run can be repeated
and shown to give the same output; the counts let a reader check the files.
"""

from __future__ import annotations

import platform
from collections import Counter
from collections.abc import Mapping
from datetime import UTC, datetime
from importlib import metadata

from amparo.engines.identify.inputs import ExtractSet
from amparo.engines.identify.jsonable import JSON, to_json
from amparo.engines.identify.results import IdentifyResult

__all__ = ["library_versions", "run_manifest"]

MANIFEST_FORMAT = 1
_LIBRARIES = ("amparo", "splink", "duckdb")


def library_versions() -> dict[str, str]:
    """Installed versions of the code a run depends on (read from package metadata,
    so nothing heavy is imported to learn them)."""
    versions = {"python": platform.python_version()}
    for name in _LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def _counts(result: IdentifyResult, extract_set: ExtractSet) -> dict[str, int]:
    statuses = Counter(separation.status for separation in result.separations)
    kinds = Counter(pair.kind for pair in result.review)
    return {
        "records": len(extract_set.records),
        "rejected": len(extract_set.rejected),
        "persons": len({result.person_of[record.key] for record in extract_set.records}),
        "unlinked_records": result.unlinked_records,
        "separations_confirmed": statuses["confirmed"],
        "separations_review": statuses["review"],
        "review_same_person": kinds["same_person"],
        "review_parent_child": kinds["parent_child"],
        "family_links": len(result.family_links),
    }


def run_manifest(
    result: IdentifyResult,
    extract_set: ExtractSet,
    rows_written: Mapping[str, int],
    timings: Mapping[str, float],
) -> dict[str, JSON]:
    """The content of run.json. ``result.person_of`` must hold every record."""
    return {
        "format": MANIFEST_FORMAT,
        "written_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "inputs": [to_json(file) for file in extract_set.files],
        "config": to_json(result.settings),
        "models": to_json(result.models),
        "versions": to_json({**result.versions, **library_versions()}),
        "timings_seconds": {stage: round(seconds, 3) for stage, seconds in timings.items()},
        "counts": to_json(_counts(result, extract_set)),
        "rows_written": to_json(rows_written),
    }
