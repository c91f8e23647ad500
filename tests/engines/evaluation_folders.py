"""Tiny hand-made identification outputs and truth folders, written as CSV.

One small world serves every evaluation test: four families, each told apart by
what happened to it (see TRUTH_FAMILIES).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from amparo.engines.extracts.spec import TRUTH_FILES
from amparo.engines.identify.contract import OUTPUT_COLUMNS, PERSONS, REJECTED, REVIEW, SEPARATIONS

RecordKey = tuple[str, str]

# person_id -> that person's records (source, record_id)
TRUTH_PEOPLE: dict[str, tuple[RecordKey, ...]] = {
    "P1": (("cbp_apprehensions", "E1"), ("ice_detention", "I1")),
    "C1": (("cbp_apprehensions", "E2"), ("orr_referrals", "O1")),
    "P2": (("cbp_apprehensions", "E3"), ("ice_detention", "I2")),
    "C2": (("cbp_apprehensions", "E4"), ("orr_referrals", "O2")),
    "G3": (("cbp_apprehensions", "E5"),),
    "C3": (("cbp_apprehensions", "E6"), ("orr_referrals", "O3"), ("ice_detention", "I3")),
    "P4": (("cbp_apprehensions", "E7"),),
    "C4": (("cbp_apprehensions", "E8"),),
}
# P1-C1 and P2-C2 separated; G3 is C3's grandmother (separated, but not a parent);
# P4-C4 were never separated.
TRUTH_FAMILIES = (
    ("P1", "C1", "PARENT", "Y"),
    ("P2", "C2", "PARENT", "Y"),
    ("G3", "C3", "GRANDPARENT", "Y"),
    ("P4", "C4", "PARENT", "N"),
)
TRUTH_BAD_ROWS = (
    ("cbp_apprehensions", "E90", "no_identity"),
    ("orr_referrals", "O90", "duplicate_id"),
    ("ice_detention", "I1", "bad_date"),  # a kept row with a bad value: not rejected
)


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def write_truth(folder: Path) -> Path:
    truth = folder / "truth"
    records = [
        (source, record_id, person)
        for person, keys in TRUTH_PEOPLE.items()
        for source, record_id in keys
    ]
    write_csv(truth / "records.csv", TRUTH_FILES["records.csv"], records)
    write_csv(truth / "bad_rows.csv", TRUTH_FILES["bad_rows.csv"], TRUTH_BAD_ROWS)
    families = [(*row, "2018-05-01" if row[3] == "Y" else "", "", "") for row in TRUTH_FAMILIES]
    write_csv(truth / "families.csv", TRUTH_FILES["families.csv"], families)
    return truth


def true_persons() -> dict[RecordKey, str]:
    """Every record under its true person, keyed "k" + person id."""
    return {key: f"k{person}" for person, keys in TRUTH_PEOPLE.items() for key in keys}


def write_output(
    folder: Path,
    persons: Mapping[RecordKey, str],
    separations: Sequence[tuple[str, str, str]],
    review_kinds: Sequence[str] = (),
    rejected: Sequence[tuple[str, str, int, str]] = (),
) -> Path:
    """separations: (parent_key, child_key, status)."""
    out = folder / "out"
    write_csv(
        out / PERSONS,
        OUTPUT_COLUMNS[PERSONS],
        [(key, source, record_id) for (source, record_id), key in persons.items()],
    )
    write_csv(out / REJECTED, OUTPUT_COLUMNS[REJECTED], rejected)
    write_csv(
        out / SEPARATIONS,
        OUTPUT_COLUMNS[SEPARATIONS],
        [(parent, child, "2018-05-01", status, "0.9000") for parent, child, status in separations],
    )
    write_csv(
        out / REVIEW,
        OUTPUT_COLUMNS[REVIEW],
        [(kind, "a", f"b{n}", "0.5000", "") for n, kind in enumerate(review_kinds)],
    )
    return out
