"""From a folder of extracts to a folder of identification output, in one call."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from amparo.engines.identify.config import IdentifyConfig
from amparo.engines.identify.inputs import read_extract_dir
from amparo.engines.identify.outputs import write_outputs
from amparo.engines.identify.run import IDENTIFY_STAGES, Progress, identify
from amparo.engines.identify.stages import Stages

__all__ = ["IDENTIFY_DIR_STAGES", "IdentifySummary", "identify_dir"]

IDENTIFY_DIR_STAGES = ("read", *IDENTIFY_STAGES, "write")


@dataclass(frozen=True, slots=True)
class IdentifySummary:
    """What a run wrote (data rows per file) and how long each stage took."""

    out_dir: Path
    rows: Mapping[str, int]
    records: int
    rejected: int
    persons: int
    separations_confirmed: int
    separations_review: int
    review: int
    timings: Mapping[str, float]


def identify_dir(
    extracts_dir: Path,
    out_dir: Path,
    config: IdentifyConfig,
    on_progress: Progress | None = None,
    *,
    stages: Stages | None = None,
) -> IdentifySummary:
    """Read ``extracts_dir``, identify, and write the output files into ``out_dir``.

    ``on_progress(stage, step, steps)`` sees read, linkage, families, write, done.
    """
    steps = len(IDENTIFY_DIR_STAGES)

    def report(stage: str, step: int, steps_inside: int) -> None:
        # identify counts its own two stages; here they are steps 1 and 2 of four.
        if on_progress is not None and stage != "done":
            on_progress(stage, step + 1, steps)

    if on_progress is not None:
        on_progress("read", 0, steps)
    started = time.perf_counter()
    extract_set = read_extract_dir(extracts_dir)
    read_seconds = time.perf_counter() - started
    result = identify(extract_set.records, config, report, stages=stages)
    if on_progress is not None:
        on_progress("write", steps - 1, steps)
    rows = write_outputs(result, extract_set, out_dir, timings={"read": read_seconds})
    if on_progress is not None:
        on_progress("done", steps, steps)
    statuses = [separation.status for separation in result.separations]
    return IdentifySummary(
        out_dir=out_dir,
        rows=rows,
        records=len(extract_set.records),
        rejected=len(extract_set.rejected),
        persons=len(set(result.person_of.values())),
        separations_confirmed=statuses.count("confirmed"),
        separations_review=statuses.count("review"),
        review=len(result.review),
        timings={"read": read_seconds, **result.timings},
    )
