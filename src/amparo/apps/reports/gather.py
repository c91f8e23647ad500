"""The registry read as the reports engine's rows, as of a date.

"As of" means what the registry knew at the end of that day: separations and
eligibility answers decided by then and not yet superseded, custody facts, elections,
interview steps, return milestones, notices and objections dated on or before it. Every
read is a bulk query over the whole registry (no query per person), so a report over
100,000 people takes seconds. Nothing here is scoped to a user: reports are aggregates,
and who may read which copy is decided by the views.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time
from typing import Any

from django.db.models import Q
from django.utils import timezone

from amparo.apps.elections.models import Election
from amparo.apps.eligibility.models import Answer, FactKind, PersonEligibility, RecordedFact
from amparo.apps.interviews.models import Interview, InterviewEvent
from amparo.apps.notices.models import ClassNotice, NoticeDelivery, Objection, OralNotice
from amparo.apps.registry.models import CustodyEvent, Person, Separation, SeparationStatus
from amparo.apps.returns.models import ReturnCase
from amparo.engines.reports import CASES, ObjectionRow, PersonRow, Snapshot

_MEMBER_COLUMNS = (("ms_l_parent", "ms_l"), ("mmm_child", "mmm"), ("dora_parent", "dora"))
_DISCHARGE = {"PARENT": "parent", "SPONSOR": "sponsor", "AGED_OUT": "aged_out"}
_SCHEDULED = {"scheduled", "rescheduled"}
# States an interview reaches only once its determination is approved.
_DECIDED = {
    "approved",
    "served",
    "notice_to_appear",
    "ij_review_requested",
    "ij_review_declined",
    "ij_affirmed",
    "ij_vacated",
}
_JUDGE = {"ij_review_requested"}


def end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max))


def _current(end: datetime) -> Q:
    """Decided by `end` and not superseded by then."""
    return Q(decided_at__lte=end) & (Q(superseded_at__isnull=True) | Q(superseded_at__gt=end))


def _age_band(dob: date | None, on: date | None) -> str:
    if dob is None or on is None:
        return "unknown"
    age = on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))
    if age < 0 or age > 17:
        # Born after the separation, or an adult on record as a child: a date to check.
        return "unknown"
    return "under_5" if age < 5 else "5_17"


def _custody(events: list[tuple[date, int, str, str]]) -> str:
    """Where a separated parent is by their latest custody fact."""
    if not events:
        return "unknown"
    _on, _pk, kind, detail = max(events)
    if kind == "removed":
        return "removed"
    if kind == "ice_book_out":
        return {"REMOVED": "removed", "TRANSFERRED": "detained"}.get(detail, "released")
    if kind == "ice_book_in":
        return "detained"
    if kind == "apprehended":
        return "criminal" if detail == "PROSECUTION" else "detained"
    return "unknown"


def snapshot_rows(as_of: date) -> Snapshot:
    end = end_of(as_of)
    separations = list(
        Separation.objects.filter(_current(end), status=SeparationStatus.CONFIRMED)
        .filter(Q(separated_on__isnull=True) | Q(separated_on__lte=as_of))
        .values_list("parent_id", "child_id", "separated_on", "reunified_on")
    )
    member_of: dict[int, set[str]] = defaultdict(set)
    for row in PersonEligibility.objects.filter(_current(end)).values_list(
        "person_id", *(column for column, _case in _MEMBER_COLUMNS)
    ):
        for (_column, case), answer in zip(_MEMBER_COLUMNS, row[1:], strict=True):
            if answer == Answer.YES:
                member_of[row[0]].add(case)
    people: set[int] = set(member_of)
    children: dict[int, tuple[date | None, date | None]] = {}
    parents: set[int] = set()
    relatives: dict[int, set[int]] = defaultdict(set)
    for parent, child, separated_on, reunified_on in separations:
        parents.add(parent)
        # A child separated from two parents counts once, from the earlier separation.
        earlier_on, earlier_reunified = children.get(child, (None, None))
        dates = [d for d in (earlier_on, separated_on) if d is not None]
        reunified = reunified_on if reunified_on is not None and reunified_on <= as_of else None
        children[child] = (min(dates) if dates else None, reunified or earlier_reunified)
        relatives[parent].add(child)
        relatives[child].add(parent)
    people |= parents | set(children)

    interviews = _interviews(end)
    returns = _returns(end, as_of)
    notices = _notices(end)
    elections = _elections(end, as_of)
    excluded = _excluded(end)
    people |= set(interviews) | set(returns) | set(notices) | excluded
    # A file merged into another is the other person's now: counted once, there.
    people -= set(Person.objects.filter(merged_into__isnull=False).values_list("pk", flat=True))
    # Who brings a case into a person's report: its members, and a parent the
    # government red-flagged out of Ms. L. (the report counts them as ineligible, and
    # their children as separated).
    basis = {pk: set(cases) for pk, cases in member_of.items()}
    for pk in excluded:
        basis.setdefault(pk, set()).add("ms_l")

    current = Separation.objects.filter(_current(end), status=SeparationStatus.CONFIRMED)
    custody, discharges = _custody_and_care(as_of, current)
    dob = dict(Person.objects.filter(pk__in=current.values("child_id")).values_list("pk", "dob"))

    rows = []
    for pk in sorted(people):
        own = member_of.get(pk, set())
        scope = set(basis.get(pk, ()))
        for relative in relatives.get(pk, ()):
            scope |= basis.get(relative, set())
        care = children.get(pk)
        band = discharge = ""
        if care is not None:
            separated_on, reunified_on = care
            band = _age_band(dob.get(pk), separated_on)
            discharge = "parent" if reunified_on is not None else discharges.get(pk, "in_care")
        rows.append(
            PersonRow(
                # The registry's own id: stable, and meaningless outside it.
                person=str(pk),
                scope=tuple(c for c in CASES if c in scope),
                member_of=tuple(c for c in CASES if c in own),
                child_band=band,
                discharge=discharge,
                separated_parent=pk in parents,
                parent_custody=_custody(custody.get(pk, [])) if pk in parents else "",
                election=elections.get(pk, ""),
                ineligible=pk in excluded,
                interview=interviews.get(pk, ()),
                returns=returns.get(pk, ()),
                notice=notices.get(pk, ""),
            )
        )
    objections = tuple(
        ObjectionRow(receipt, tuple(c for c in CASES if c in (cases or [])), late)
        for receipt, cases, late in Objection.objects.filter(received_at__lte=end).values_list(
            "receipt", "cases", "late"
        )
    )
    return Snapshot(as_of.isoformat(), tuple(rows), objections)


def _custody_and_care(
    as_of: date, current: Any
) -> tuple[dict[int, list[tuple[date, int, str, str]]], dict[int, str]]:
    """Separated parents' custody facts, and how separated children's ORR care ended."""
    custody: dict[int, list[tuple[date, int, str, str]]] = defaultdict(list)
    discharges: dict[int, str] = {}
    for person_id, on, pk, kind, detail in _custody_events(
        as_of, Q(record__assignments__person_id__in=current.values("parent_id"))
    ).exclude(kind__in=["orr_referred", "orr_discharged"]):
        custody[person_id].append((on, pk, kind, detail))
    # A child's care by the latest ORR fact: a referral after a discharge means back in
    # care. A discharge whose kind the extract does not name counts as to a sponsor.
    latest_orr: dict[int, tuple[date, int, str, str]] = {}
    for person_id, on, pk, kind, detail in _custody_events(
        as_of, Q(record__assignments__person_id__in=current.values("child_id"))
    ).filter(kind__in=["orr_referred", "orr_discharged"]):
        if person_id not in latest_orr or (on, pk) > latest_orr[person_id][:2]:
            latest_orr[person_id] = (on, pk, kind, detail)
    for person_id, (_on, _pk, kind, detail) in latest_orr.items():
        if kind == "orr_discharged":
            discharges[person_id] = _DISCHARGE.get(detail, "sponsor")
    return custody, discharges


def _custody_events(as_of: date, whose: Q) -> Any:
    return CustodyEvent.objects.filter(
        whose, occurred_on__lte=as_of, record__assignments__superseded_at__isnull=True
    ).values_list("record__assignments__person_id", "occurred_on", "pk", "kind", "detail")


def _interviews(end: datetime) -> dict[int, tuple[str, ...]]:
    steps: dict[int, set[str]] = defaultdict(set)
    determination = dict(Interview.objects.values_list("pk", "determination"))
    # Where each interview stood at the end of the day: in judge review only while the
    # judge has not yet decided.
    last: dict[int, tuple[int, str]] = {}
    for person_id, interview_id, to_state in (
        InterviewEvent.objects.filter(accepted=True, at__lte=end)
        .order_by("at", "id")
        .values_list("interview__person_id", "interview_id", "to_state")
    ):
        steps[person_id].add("requested")
        if to_state in _SCHEDULED:
            steps[person_id].add("scheduled")
        if to_state == "conducted":
            steps[person_id].add("conducted")
        if to_state in _DECIDED and determination.get(interview_id):
            steps[person_id].add(str(determination[interview_id]).lower())
        last[interview_id] = (person_id, to_state)
    for person_id, state in last.values():
        if state in _JUDGE:
            steps[person_id].add("judge_review")
    order = ("requested", "scheduled", "conducted", "positive", "negative", "judge_review")
    return {pk: tuple(s for s in order if s in found) for pk, found in steps.items()}


def _returns(end: datetime, as_of: date) -> dict[int, tuple[str, ...]]:
    found: dict[int, tuple[str, ...]] = {}
    for row in ReturnCase.objects.filter(created_at__lte=end).values(
        "person_id",
        "located_at",
        "contacted_at",
        "submitted_at",
        "decision",
        "decided_at",
        "arrived_on",
    ):
        steps = ["opened"]
        if row["located_at"] and row["located_at"] <= end:
            steps.append("located")
        if row["contacted_at"] and row["contacted_at"] <= end:
            steps.append("contacted")
        if row["submitted_at"] and row["submitted_at"] <= end:
            steps.append("applied")
        if row["decision"] == "approved" and row["decided_at"] and row["decided_at"] <= end:
            steps.append("approved")
        if row["arrived_on"] and row["arrived_on"] <= as_of:
            steps.append("returned")
        found[row["person_id"]] = tuple(steps)
    return found


def _notices(end: datetime) -> dict[int, str]:
    """Reached: a written notice delivered in a language the member reads, or oral
    notice, by the date (the declaration's rule)."""
    notices = dict(ClassNotice.objects.filter(generated_at__lte=end).values_list("pk", "person_id"))
    reads = dict(ClassNotice.objects.values_list("pk", "reads_written"))
    reached: set[int] = set(
        OralNotice.objects.filter(given_at__lte=end).values_list("notice_id", flat=True)
    )
    for notice_id in NoticeDelivery.objects.filter(at__lte=end, outcome="delivered").values_list(
        "notice_id", flat=True
    ):
        if reads.get(notice_id):
            reached.add(notice_id)
    return {
        person: "reached" if notice in reached else "not_reached"
        for notice, person in notices.items()
    }


def _elections(end: datetime, as_of: date) -> dict[int, str]:
    found: dict[int, tuple[Any, str]] = {}
    for person_id, recorded_at, choice in Election.objects.filter(
        Q(recorded_at__lte=end) & (Q(superseded_at__isnull=True) | Q(superseded_at__gt=end)),
        signed_on__lte=as_of,
    ).values_list("person_id", "recorded_at", "choice"):
        if person_id not in found or recorded_at > found[person_id][0]:
            found[person_id] = (recorded_at, choice)
    return {pk: choice for pk, (_at, choice) in found.items()}


def _excluded(end: datetime) -> set[int]:
    return set(
        RecordedFact.objects.filter(
            Q(recorded_at__lte=end) & (Q(superseded_at__isnull=True) | Q(superseded_at__gt=end)),
            kind=FactKind.EXCLUSION,
        )
        .exclude(value="NONE")
        .values_list("person_id", flat=True)
    )
