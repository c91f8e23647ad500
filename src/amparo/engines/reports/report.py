"""One report out of a snapshot: the counts for a case (or combined), as the parties
read them or with small counts hidden for copies that leave them, the charts, the
changes since the previous snapshot, and the CSV and JSON files. The same snapshot
gives the same bytes."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass

from amparo.engines.exports import write_safe_csv
from amparo.engines.reports.categories import CODES, GROUPS, SECTION_OF, count
from amparo.engines.reports.diff import Reason, compare
from amparo.engines.reports.rows import Snapshot
from amparo.engines.reports.suppression import shown

# The charts every report carries: which categories, in which colour (distinct, so a
# rendered page can be checked for each).
CHARTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "children",
        "#1f5fa8",
        (
            "children_under_5",
            "children_5_17",
            "children_in_care",
            "discharged_to_parent",
            "discharged_to_sponsor",
            "discharged_turned_18",
        ),
    ),
    (
        "parents",
        "#b8322a",
        (
            "parent_detained",
            "parent_released",
            "parent_criminal_custody",
            "parent_removed",
            "parent_whereabouts_unknown",
        ),
    ),
    (
        "interviews",
        "#2e7d32",
        (
            "interviews_requested",
            "interviews_scheduled",
            "interviews_conducted",
            "interviews_positive",
            "interviews_negative",
            "interviews_judge_review",
        ),
    ),
    (
        "deported",
        "#7b3fa0",
        (
            "deported_cases",
            "deported_located",
            "deported_contacted",
            "deported_applied",
            "deported_approved",
            "deported_returned",
        ),
    ),
)


@dataclass(frozen=True, slots=True)
class ShownChange:
    """A category's change as one copy prints it. In the court's copy, before and after
    are each report's own shown values (hidden as they were hidden), and the reasons
    carry no counts: a count of people who moved, with the figures beside it, would give
    a hidden one away."""

    code: str
    before: str
    after: str
    reasons: tuple[Reason, ...]
    counted: bool


@dataclass(frozen=True, slots=True)
class Report:
    report: str
    as_of: str
    data_sha256: str
    limit: int  # 0: the parties' copy, nothing hidden
    counts: dict[str, int]
    shown: dict[str, str]
    changes: tuple[ShownChange, ...]
    previous_as_of: str = ""
    previous_sha256: str = ""

    def as_json(self) -> str:
        body = {
            "report": self.report,
            "as_of": self.as_of,
            "data_sha256": self.data_sha256,
            "suppression": {"limit": self.limit, "band": f"<{self.limit}" if self.limit else None},
            "counts": {code: _number(self.shown[code]) for code in CODES},
            "previous": {"as_of": self.previous_as_of, "data_sha256": self.previous_sha256}
            if self.previous_sha256
            else None,
            "changes_since_previous": [
                {
                    "category": c.code,
                    "before": _number(c.before),
                    "after": _number(c.after),
                    "reasons": [
                        {
                            "direction": r.direction,
                            "field": r.field,
                            "from": r.before,
                            "to": r.after,
                            **({"people": r.n} if c.counted else {}),
                        }
                        for r in c.reasons
                    ],
                }
                for c in self.changes
            ],
        }
        return json.dumps(body, indent=2, sort_keys=False, ensure_ascii=False) + "\n"

    def as_csv(self) -> str:
        out = io.StringIO()
        write_safe_csv(
            out,
            ["report", "as_of", "section", "category", "count"],
            ([self.report, self.as_of, SECTION_OF[code], code, self.shown[code]] for code in CODES),
        )
        return out.getvalue()


def _number(text: str) -> int | str:
    return int(text) if text.isdigit() else text


def _changes(
    previous: Snapshot, snapshot: Snapshot, report: str, limit: int, shown_now: dict[str, str]
) -> tuple[ShownChange, ...]:
    raw = compare(previous, snapshot, report)
    if not limit:
        return tuple(ShownChange(c.code, str(c.before), str(c.after), c.reasons, True) for c in raw)
    before = shown(count(previous, report), GROUPS, limit)
    reasons = {c.code: c.reasons for c in raw}
    return tuple(
        ShownChange(code, before[code], shown_now[code], reasons.get(code, ()), False)
        for code in CODES
        if before[code] != shown_now[code]
    )


def build(
    snapshot: Snapshot,
    report: str,
    *,
    limit: int = 0,
    previous: Snapshot | None = None,
    digests: tuple[str, str] | None = None,
) -> Report:
    """`digests`: the two snapshots' SHA-256 when the caller has them already (a stored
    snapshot's), else computed."""
    counts = count(snapshot, report)
    digest, previous_digest = digests or (
        snapshot.digest(),
        previous.digest() if previous else "",
    )
    shown_now = shown(counts, GROUPS, limit)
    return Report(
        report=report,
        as_of=snapshot.as_of,
        data_sha256=digest,
        limit=limit,
        counts=counts,
        shown=shown_now,
        changes=_changes(previous, snapshot, report, limit, shown_now) if previous else (),
        previous_as_of=previous.as_of if previous else "",
        previous_sha256=previous_digest,
    )
