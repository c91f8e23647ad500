"""The naive join an agency could run on its own: identical A-numbers only."""

from __future__ import annotations

from collections.abc import Sequence

from amparo.engines.identify.baselines.result import Linked, run_baseline
from amparo.engines.identify.results import IdentifyResult
from amparo.engines.linkage.types import RecordIn, RecordKey

__all__ = ["naive_identify", "naive_person_of"]


def naive_person_of(records: Sequence[RecordIn]) -> dict[RecordKey, str]:
    """Records with the same normalised A-number are one person; a record without
    one is a person of its own."""
    person_of: dict[RecordKey, str] = {}
    for record in records:
        a_number = record.fields.get("a_number")
        person_of[record.key] = (
            f"A{a_number}" if a_number else f"R:{record.source}:{record.record_id}"
        )
    return person_of


def _link(records: Sequence[RecordIn]) -> Linked:
    return naive_person_of(records), {"rule": "identical normalised A-number"}


def naive_identify(records: Sequence[RecordIn]) -> IdentifyResult:
    """A-number join for people, the unit-id rule for separations."""
    return run_baseline("naive-a-number", records, _link, {"baseline": "naive"})
