"""The identification output contract (shared/spec/EXTRACTS.md) as data.

The writer (identify) and the reader (evaluation) both take file names and
columns from here, so the two cannot drift apart.
"""

from __future__ import annotations

from typing import Final

PERSONS: Final = "persons.csv"
REJECTED: Final = "rejected.csv"
SEPARATIONS: Final = "separations.csv"
REVIEW: Final = "review.csv"
RUN_MANIFEST: Final = "run.json"

OUTPUT_COLUMNS: Final[dict[str, tuple[str, ...]]] = {
    PERSONS: ("person_key", "source", "record_id"),
    REJECTED: ("source", "record_id", "line", "problem"),
    SEPARATIONS: ("parent_key", "child_key", "separated_on", "status", "score"),
    REVIEW: ("kind", "left_key", "right_key", "score", "evidence"),
}

STATUSES: Final = ("confirmed", "review")
REVIEW_KINDS: Final = ("same_person", "parent_child")

# Bumped whenever what identify writes, or how it merges the engines' results, changes.
IDENTIFY_VERSION: Final = "identify-1"
