"""The joint status report's categories (DOMAIN.md section 8, and one for each
capability since), each a test on a person's row; counted per case and combined.

Combined counts each person once, however many cases reach them: a parent in Ms. L. and
Dora is one parent. Groups say which categories add up to which (children identified =
under 5 + 5 to 17), so suppression can hide enough that no small count is recovered by
subtraction."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from amparo.engines.reports.rows import CASES, ObjectionRow, PersonRow, Snapshot

COMBINED = "combined"


@dataclass(frozen=True, slots=True)
class Category:
    code: str
    section: str
    test: Callable[[PersonRow], bool]


def _band(band: str) -> Callable[[PersonRow], bool]:
    return lambda r: r.child_band == band


def _discharge(kind: str) -> Callable[[PersonRow], bool]:
    return lambda r: bool(r.child_band) and r.discharge == kind


_OUT = frozenset({"parent", "sponsor", "aged_out"})


def _custody(kind: str) -> Callable[[PersonRow], bool]:
    return lambda r: r.separated_parent and r.parent_custody == kind


def _member(case: str) -> Callable[[PersonRow], bool]:
    return lambda r: case in r.member_of


def _interview(step: str) -> Callable[[PersonRow], bool]:
    return lambda r: step in r.interview


def _returned(step: str) -> Callable[[PersonRow], bool]:
    return lambda r: step in r.returns


CATEGORIES: tuple[Category, ...] = (
    Category("children_identified", "children", lambda r: bool(r.child_band)),
    Category("children_under_5", "children", _band("under_5")),
    Category("children_5_17", "children", _band("5_17")),
    Category("children_age_unknown", "children", _band("unknown")),
    Category("children_in_care", "children", _discharge("in_care")),
    Category(
        "discharged",
        "children",
        lambda r: bool(r.child_band) and r.discharge not in ("", "in_care"),
    ),
    Category("discharged_to_parent", "children", _discharge("parent")),
    Category("discharged_to_sponsor", "children", _discharge("sponsor")),
    Category("discharged_turned_18", "children", _discharge("aged_out")),
    Category("parents_separated", "parents", lambda r: r.separated_parent),
    Category("parent_detained", "parents", _custody("detained")),
    Category("parent_released", "parents", _custody("released")),
    Category("parent_criminal_custody", "parents", _custody("criminal")),
    Category("parent_removed", "parents", _custody("removed")),
    Category("parent_whereabouts_unknown", "parents", _custody("unknown")),
    Category("ineligible", "parents", lambda r: r.ineligible),
    Category("members_ms_l", "members", _member("ms_l")),
    Category("members_mmm", "members", _member("mmm")),
    Category("members_dora", "members", _member("dora")),
    Category("elected_stay", "members", lambda r: r.election == "stay"),
    Category("waived", "members", lambda r: r.election == "waive"),
    Category("interviews_requested", "interviews", _interview("requested")),
    Category("interviews_scheduled", "interviews", _interview("scheduled")),
    Category("interviews_conducted", "interviews", _interview("conducted")),
    Category("interviews_positive", "interviews", _interview("positive")),
    Category("interviews_negative", "interviews", _interview("negative")),
    Category("interviews_judge_review", "interviews", _interview("judge_review")),
    Category("deported_cases", "deported", _returned("opened")),
    Category("deported_located", "deported", _returned("located")),
    Category("deported_contacted", "deported", _returned("contacted")),
    Category("deported_applied", "deported", _returned("applied")),
    Category("deported_approved", "deported", _returned("approved")),
    Category("deported_returned", "deported", _returned("returned")),
    Category("notice_prepared", "notice", lambda r: bool(r.notice)),
    Category("notice_reached", "notice", lambda r: r.notice == "reached"),
    Category("notice_not_reached", "notice", lambda r: r.notice == "not_reached"),
)
OBJECTION_CATEGORIES = ("objections", "objections_late")
CODES = tuple(c.code for c in CATEGORIES) + OBJECTION_CATEGORIES
SECTIONS = ("children", "parents", "members", "interviews", "deported", "notice", "objections")
SECTION_OF = {
    **{c.code: c.section for c in CATEGORIES},
    **dict.fromkeys(OBJECTION_CATEGORIES, "objections"),
}

# Sums printed together: (total, its parts). Each holds exactly when every row is in
# one part (a child's band is always set; a child's care has one state; a separated
# parent's custody has one state).
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("children_identified", ("children_under_5", "children_5_17", "children_age_unknown")),
    ("children_identified", ("children_in_care", "discharged")),
    ("discharged", ("discharged_to_parent", "discharged_to_sponsor", "discharged_turned_18")),
    (
        "parents_separated",
        (
            "parent_detained",
            "parent_released",
            "parent_criminal_custody",
            "parent_removed",
            "parent_whereabouts_unknown",
        ),
    ),
    ("notice_prepared", ("notice_reached", "notice_not_reached")),
)
REPORTS = (*CASES, COMBINED)


def in_report(row_cases: tuple[str, ...], report: str) -> bool:
    return bool(row_cases) if report == COMBINED else report in row_cases


_INTERVIEW_CODES = {
    step: f"interviews_{step}"
    for step in ("requested", "scheduled", "conducted", "positive", "negative", "judge_review")
}
_RETURN_CODES = {
    "opened": "deported_cases",
    **{
        step: f"deported_{step}"
        for step in ("located", "contacted", "applied", "approved", "returned")
    },
}
_BAND_CODES = {
    "under_5": "children_under_5",
    "5_17": "children_5_17",
    "unknown": "children_age_unknown",
}
_DISCHARGE_CODES = {
    "in_care": ("children_in_care",),
    "parent": ("discharged", "discharged_to_parent"),
    "sponsor": ("discharged", "discharged_to_sponsor"),
    "aged_out": ("discharged", "discharged_turned_18"),
}
_CUSTODY_CODES = {
    "detained": "parent_detained",
    "released": "parent_released",
    "criminal": "parent_criminal_custody",
    "removed": "parent_removed",
    "unknown": "parent_whereabouts_unknown",
}


def memberships(row: PersonRow) -> frozenset[str]:
    """Every category the row is counted in: the same answers as each category's test
    (a test checks that), written out so 100,000 rows take a fraction of a second."""
    found: list[str] = []
    if row.child_band:
        found += ("children_identified", _BAND_CODES.get(row.child_band, ""))
        found += _DISCHARGE_CODES.get(row.discharge, ())
    if row.separated_parent:
        found += ("parents_separated", _CUSTODY_CODES.get(row.parent_custody, ""))
    if row.ineligible:
        found.append("ineligible")
    found += (f"members_{case}" for case in row.member_of)
    if row.election == "stay":
        found.append("elected_stay")
    elif row.election == "waive":
        found.append("waived")
    found += (_INTERVIEW_CODES.get(step, "") for step in row.interview)
    found += (_RETURN_CODES.get(step, "") for step in row.returns)
    if row.notice:
        found.append("notice_prepared")
        if row.notice == "reached":
            found.append("notice_reached")
        elif row.notice == "not_reached":
            found.append("notice_not_reached")
    return frozenset(code for code in found if code)


def count(snapshot: Snapshot, report: str) -> dict[str, int]:
    """Every category's count for one case's report, or the combined one."""
    if report not in REPORTS:
        raise ValueError(f"unknown report {report!r}; one of {', '.join(REPORTS)}")
    tally: Counter[str] = Counter()
    for person in snapshot.people:
        if in_report(person.scope, report):
            tally.update(memberships(person))
    counts = {c.code: tally[c.code] for c in CATEGORIES}
    objections = [o for o in snapshot.objections if in_report(o.cases, report)]
    counts["objections"] = len(objections)
    counts["objections_late"] = sum(1 for o in objections if o.late)
    return counts


def members(snapshot: Snapshot, report: str, code: str) -> frozenset[str]:
    """Who a category counts (for the diff's reasons)."""
    category = next(c for c in CATEGORIES if c.code == code)
    return frozenset(
        p.person for p in snapshot.people if in_report(p.scope, report) and category.test(p)
    )


def objection_receipts(objections: tuple[ObjectionRow, ...], report: str) -> frozenset[str]:
    return frozenset(o.receipt for o in objections if in_report(o.cases, report))
