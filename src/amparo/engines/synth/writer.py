"""Writing a world to disk in the layout of the extract contract."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from amparo.engines.extracts.spec import SPECS, TRUTH_DIR, TRUTH_FILES, Source
from amparo.engines.synth.config import SynthConfig
from amparo.engines.synth.world import World, generate_world


@dataclass(frozen=True, slots=True)
class WorldSummary:
    """What was written: data rows per file (relative path, e.g. "truth/people.csv")."""

    out_dir: Path
    files: Mapping[str, int]
    people: int
    families: int  # family groups that crossed together
    family_pairs: int  # rows of truth/families.csv
    separated_pairs: int  # parent-child pairs DHS separated (relationship PARENT)
    bad_rows: int


def _write(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)  # RFC 4180: quoting as needed, CRLF line ends
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def write_world(world: World, out_dir: Path) -> WorldSummary:
    """Write the four extracts and truth/ into `out_dir` (created if needed)."""
    truth_dir = out_dir / TRUTH_DIR
    truth_dir.mkdir(parents=True, exist_ok=True)
    files: dict[str, int] = {}
    for source in Source:
        spec = SPECS[source]
        rows = ([row[column] for column in spec.columns] for row in world.rows[source])
        files[spec.filename] = _write(out_dir / spec.filename, spec.columns, rows)
    truth: dict[str, Iterable[Sequence[str]]] = {
        "records.csv": world.records,
        "bad_rows.csv": world.bad_rows,
        "people.csv": ([row[c] for c in TRUTH_FILES["people.csv"]] for row in world.people),
        "families.csv": ([row[c] for c in TRUTH_FILES["families.csv"]] for row in world.families),
    }
    for name, columns in TRUTH_FILES.items():
        files[f"{TRUTH_DIR}/{name}"] = _write(truth_dir / name, columns, truth[name])
    separated = sum(
        1 for row in world.families if row["relationship"] == "PARENT" and row["separated"] == "Y"
    )
    return WorldSummary(
        out_dir=out_dir,
        files=files,
        people=len(world.people),
        families=world.family_groups,
        family_pairs=len(world.families),
        separated_pairs=separated,
        bad_rows=len(world.bad_rows),
    )


def synth_to_dir(families: int, seed: int, out_dir: Path) -> WorldSummary:
    """Generate a world with default proportions and write it to `out_dir`."""
    return write_world(generate_world(SynthConfig(families=families, seed=seed)), out_dir)
