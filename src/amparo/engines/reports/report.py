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
from amparo.engines.reports.diff import Change, compare
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
class Report:
    report: str
    as_of: str
    data_sha256: str
    limit: int  # 0: the parties' copy, nothing hidden
    counts: dict[str, int]
    shown: dict[str, str]
    changes: tuple[Change, ...]

    def as_json(self) -> str:
        body = {
            "report": self.report,
            "as_of": self.as_of,
            "data_sha256": self.data_sha256,
            "suppression": {"limit": self.limit, "band": f"<{self.limit}" if self.limit else None},
            "counts": {code: _number(self.shown[code]) for code in CODES},
            "changes_since_previous": [
                {
                    "category": c.code,
                    "before": _number(self._shown_before(c)),
                    "after": _number(self.shown[c.code]),
                    "reasons": [
                        {
                            "direction": r.direction,
                            "field": r.field,
                            "from": r.before,
                            "to": r.after,
                            "people": _number(self._band(r.n)),
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

    def _band(self, n: int) -> str:
        return f"<{self.limit}" if self.limit and 0 < n < self.limit else str(n)

    def _shown_before(self, change: Change) -> str:
        return self._band(change.before)


def _number(text: str) -> int | str:
    return int(text) if text.isdigit() else text


def build(
    snapshot: Snapshot,
    report: str,
    *,
    limit: int = 0,
    previous: Snapshot | None = None,
) -> Report:
    counts = count(snapshot, report)
    return Report(
        report=report,
        as_of=snapshot.as_of,
        data_sha256=snapshot.digest(),
        limit=limit,
        counts=counts,
        shown=shown(counts, GROUPS, limit),
        changes=compare(previous, snapshot, report) if previous is not None else (),
    )
