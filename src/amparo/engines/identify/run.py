"""Running identification: linkage, then families, then one merged result."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from amparo.engines.identify.config import IdentifyConfig
from amparo.engines.identify.contract import IDENTIFY_VERSION
from amparo.engines.identify.merge import complete_person_of, merge_review, merge_separations
from amparo.engines.identify.results import IdentifyResult
from amparo.engines.identify.stages import Stages, default_stages
from amparo.engines.linkage.types import RecordIn

__all__ = ["IDENTIFY_STAGES", "Progress", "identify"]

Progress = Callable[[str, int, int], None]
"""Called as ``on_progress(stage, step, steps)`` when a stage starts, and once with
``("done", steps, steps)`` at the end, so a progress bar can be driven from it."""

IDENTIFY_STAGES = ("linkage", "families")


def _no_progress(stage: str, step: int, steps: int) -> None:
    del stage, step, steps


def identify(
    records: Sequence[RecordIn],
    config: IdentifyConfig,
    on_progress: Progress | None = None,
    *,
    stages: Stages | None = None,
) -> IdentifyResult:
    """Link ``records`` into people, then find the separated families among them."""
    progress = on_progress or _no_progress
    engines = stages or default_stages()
    steps = len(IDENTIFY_STAGES)

    progress("linkage", 0, steps)
    started = time.perf_counter()
    links = engines.link_people(records, config.linkage)
    # Families needs a key for every record, so the completed mapping is what it
    # gets, not linkage's own.
    person_of, unlinked = complete_person_of(records, links.person_of)
    linked = time.perf_counter()

    progress("families", 1, steps)
    families = engines.infer_families(records, person_of, config.families)
    separations = merge_separations(families.separations)
    review = merge_review([*links.review, *families.review], separations)
    finished = time.perf_counter()
    progress("done", steps, steps)

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
