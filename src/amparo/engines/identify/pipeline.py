"""From a folder of extracts to a folder of identification output, in one call."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from amparo.engines.identify.config import IdentifyConfig
from amparo.engines.identify.errors import InputDirError
from amparo.engines.identify.inputs import read_extract_dir
from amparo.engines.identify.outputs import write_outputs
from amparo.engines.identify.run import identify
from amparo.engines.identify.stages import Progress, Stages

__all__ = ["IdentifySummary", "identify_dir"]

# Shares of the progress bar: reading is quick, identify is most of the work.
READ_SHARE = 0.05
IDENTIFY_SHARE = 0.85


def _no_progress(stage: str, fraction: float) -> None:
    del stage, fraction


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

    ``on_progress(stage, fraction)`` hears "reading extracts", identify's stages,
    "writing output", then ("done", 1.0).
    """
    if out_dir.resolve() == extracts_dir.resolve():
        # The next run would read persons.csv and the rest as extracts, and refuse them.
        raise InputDirError(f"{out_dir}: write the output to a folder other than the extracts'")
    progress = on_progress or _no_progress

    def identify_progress(stage: str, fraction: float) -> None:
        # identify's "done" is not the end of this run.
        if stage != "done":
            progress(stage, READ_SHARE + IDENTIFY_SHARE * fraction)

    progress("reading extracts", 0.0)
    started = time.perf_counter()
    extract_set = read_extract_dir(extracts_dir)
    read_seconds = time.perf_counter() - started
    result = identify(extract_set.records, config, identify_progress, stages=stages)
    progress("writing output", READ_SHARE + IDENTIFY_SHARE)
    rows = write_outputs(result, extract_set, out_dir, timings={"read": read_seconds})
    progress("done", 1.0)
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
