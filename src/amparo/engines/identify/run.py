"""Running identification: linkage, then families, then one merged result."""

from __future__ import annotations

import time
from collections.abc import Sequence

from amparo.engines.identify.config import IdentifyConfig
from amparo.engines.identify.contract import IDENTIFY_VERSION
from amparo.engines.identify.merge import complete_person_of, merge_review, merge_separations
from amparo.engines.identify.results import IdentifyResult
from amparo.engines.identify.stages import Progress, Stages, default_stages
from amparo.engines.linkage.types import RecordIn

__all__ = ["identify"]

# Share of a run's progress bar given to linkage; families is the rest. Linkage
# (Splink's training and prediction) takes most of the time.
LINKAGE_SHARE = 0.8


def _no_progress(stage: str, fraction: float) -> None:
    del stage, fraction


def identify(
    records: Sequence[RecordIn],
    config: IdentifyConfig,
    on_progress: Progress | None = None,
    *,
    stages: Stages | None = None,
) -> IdentifyResult:
    """Link ``records`` into people, then find the separated families among them.

    ``on_progress(stage, fraction)`` hears linkage's own stages (prefixed "linking
    people: "), then "finding families", then ("done", 1.0).
    """
    progress = on_progress or _no_progress
    engines = stages or default_stages()

    def linkage_progress(stage: str, fraction: float) -> None:
        progress(f"linking people: {stage}", LINKAGE_SHARE * min(1.0, max(0.0, fraction)))

    progress("linking people", 0.0)
    started = time.perf_counter()
    links = engines.link_people(records, config.linkage, on_progress=linkage_progress)
    # Families needs a key for every record, so the completed mapping is what it
    # gets, not linkage's own.
    person_of, unlinked = complete_person_of(records, links.person_of)
    linked = time.perf_counter()

    progress("finding families", LINKAGE_SHARE)
    families = engines.infer_families(records, person_of, config.families)
    separations = merge_separations(families.separations)
    review = merge_review([*links.review, *families.review], separations)
    finished = time.perf_counter()
    progress("done", 1.0)

    return IdentifyResult(
        person_of=person_of,
        separations=separations,
        review=review,
        family_links=tuple(families.links),
        models={"linkage": links.model, "families": families.model},
        versions={
            "identify": IDENTIFY_VERSION,
            "linkage": links.version,
            "families": families.version,
        },
        timings={"linkage": linked - started, "families": finished - linked},
        settings=config.as_json(),
        unlinked_records=unlinked,
    )
