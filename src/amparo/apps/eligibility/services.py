"""Every write of the eligibility app: recomputing who is in and what they are owed,
and the court's orders and rule readings that change it. Each is atomic and audited;
a change to the court's state or a rule recomputes the people it affects and records
the counts before and after."""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from datetime import date
from typing import Any, Final

from django.db import connection, transaction
from django.utils import timezone

from amparo.apps.accounts.models import Role, User
from amparo.apps.audit.services import audit_record
from amparo.apps.core.cases import CaseCode
from amparo.apps.core.edits import NEW, STALE_EDIT, edit_token, is_stale
from amparo.apps.eligibility.facts import build_facts, people_in_scope, relatives_of
from amparo.apps.eligibility.models import (
    ANSWER_COLUMNS,
    MEMBERSHIP_CASES,
    ApprovalOrderScope,
    EarlyProcessingOrder,
    EligibilityRun,
    FactKind,
    PersonEligibility,
    RecordedFact,
    RuleParameterChange,
    RunStatus,
    RunTrigger,
)
from amparo.apps.eligibility.state import court_state_record, current_court_state, current_ruleset
from amparo.apps.registry import bulk
from amparo.apps.registry.models import CourtStatus, Person, PersonCase, SettlementCase
from amparo.engines.eligibility import (
    ENTITLEMENTS,
    Answer,
    Evaluation,
    Evaluator,
    RulesetError,
)

ELIGIBILITY_LOCK_KEY: Final = 20_180_915
EXCLUSION_WITHDRAWN: Final = "NONE"
_CHUNK: Final = 2000
Progress = Callable[[int, int], None]


class EligibilityRefused(ValueError):
    """A change that cannot be made, with the reason in words a user can act on."""


def _lock() -> None:
    """Recomputes take turns: each supersedes rows the other would also supersede."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ELIGIBILITY_LOCK_KEY])


def findings_json(evaluation: Evaluation) -> list[dict[str, Any]]:
    return [
        {
            "code": f.code,
            "kind": f.kind.value,
            "answer": f.answer.value,
            "basis": f.basis,
            "rules": list(f.rule_ids),
            "facts": [list(pair) for pair in f.facts],
            "missing": list(f.missing),
            "case": f.case.value if f.case else None,
            "actionable": f.actionable,
            "actionable_basis": f.actionable_basis,
        }
        for f in evaluation.findings
    ]


def _fingerprint(evaluation: Evaluation) -> str:
    """A digest of the answers (not of the date or the ruleset version, so a run that
    moves nobody writes nothing). The findings are named tuples of strings, enums and
    tuples, whose repr is stable across processes; it costs a fraction of a JSON dump."""
    return hashlib.sha256(repr(evaluation.findings).encode()).hexdigest()


def _counts(rows: Sequence[Sequence[Any]]) -> dict[str, Any]:
    """Answer counts per code over rows of (answer columns..., actionable)."""
    columns = list(ANSWER_COLUMNS)
    counts: dict[str, Any] = {code: Counter[str]() for code in columns}
    actionable = 0
    for row in rows:
        for code, answer in zip(columns, row[: len(columns)], strict=True):
            counts[code][answer] += 1
        actionable += bool(row[-1])
    result: dict[str, Any] = {code: dict(sorted(c.items())) for code, c in counts.items()}
    result["people"] = len(rows)
    result["actionable"] = actionable
    return result


def _current_rows(person_ids: set[int] | None) -> dict[int, tuple[Any, ...]]:
    """person -> (row id, fingerprint, answer columns..., actionable)."""
    rows = PersonEligibility.objects.filter(superseded_at__isnull=True)
    if person_ids is not None and len(person_ids) < _CHUNK:
        rows = rows.filter(person_id__in=person_ids)
    values = rows.values_list(
        "person_id", "id", "fingerprint", *ANSWER_COLUMNS.values(), "actionable"
    )
    current = {row[0]: row[1:] for row in values}
    if person_ids is not None:
        current = {pk: row for pk, row in current.items() if pk in person_ids}
    return current


def _eligibility_row(
    pk: int, run: EligibilityRun, findings: list[dict[str, Any]], fingerprint: str, at: Any
) -> tuple[Any, ...]:
    answers = {f["code"]: f["answer"] for f in findings}
    actionable = any(f["actionable"] for f in findings if f["code"] in ENTITLEMENTS)
    return (
        pk,
        run.pk,
        bulk.adapt_date(run.as_of),
        run.ruleset_version,
        bulk.adapt_json(findings),
        fingerprint,
        *(answers.get(code, Answer.NO.value) for code in ANSWER_COLUMNS),
        actionable,
        at,
    )


_ROW_COLUMNS: Final = (
    "person_id",
    "run_id",
    "as_of",
    "ruleset_version",
    "findings",
    "fingerprint",
    *ANSWER_COLUMNS.values(),
    "actionable",
    "decided_at",
)


def _sync_cases(evaluations: dict[int, set[str]], decided_at: Any) -> None:
    """Counsel see the people who are, or may be, members of their class: make the
    cases of everyone evaluated the engine's answer (provisional import cases go),
    touching only the rows that differ."""
    wanted = {
        (pk, case): f"eligibility: {basis}"
        for pk, cases in evaluations.items()
        for case, basis in (c.split("|", 1) for c in cases)
    }
    scope = set(evaluations)
    existing: dict[tuple[int, str], tuple[int, str]] = {}
    rows = PersonCase.objects.all()
    if len(scope) < _CHUNK:
        rows = rows.filter(person_id__in=scope)
    for row_id, pk, case, basis in rows.values_list("id", "person_id", "case_code", "basis"):
        if pk in scope:
            existing[(pk, case)] = (row_id, basis)
    stale = [row_id for key, (row_id, basis) in existing.items() if wanted.get(key) != basis]
    for start in range(0, len(stale), _CHUNK):
        PersonCase.objects.filter(id__in=stale[start : start + _CHUNK]).delete()
    bulk.insert_rows(
        PersonCase._meta.db_table,
        ("person_id", "case_code", "basis", "decided_at"),
        [
            (pk, case, basis, decided_at)
            for (pk, case), basis in sorted(wanted.items())
            if existing.get((pk, case), (0, ""))[1] != basis
        ],
    )


# Runs that decide everyone: their date is the one partial recomputes keep.
_FULL: Final = (RunTrigger.MANUAL, RunTrigger.PARAMETER)


def eligibility_recompute(
    *,
    actor: User | None,
    trigger: RunTrigger = RunTrigger.MANUAL,
    reason: str = "",
    as_of: date | None = None,
    person_ids: Collection[int] | None = None,
    on_progress: Progress | None = None,
) -> EligibilityRun:
    """Evaluate these people (everyone when None) and write what changed.

    One transaction: a failure leaves the earlier answers in place and the run marked
    failed. A person whose answers are unchanged keeps their row (nothing is written).
    """
    if as_of is None and (person_ids is not None or trigger not in _FULL):
        # A recompute that follows a change keeps the date the last full run decided
        # everyone on, so one roster never mixes answers of two dates.
        last = EligibilityRun.objects.filter(status=RunStatus.SUCCEEDED, trigger__in=_FULL)
        as_of = last.values_list("as_of", flat=True).first()
    run = EligibilityRun.objects.create(
        requested_by=actor,
        trigger=trigger,
        reason=reason[:300],
        as_of=as_of or timezone.localdate(),
        ruleset_version="",
    )
    try:
        with transaction.atomic():
            _lock()
            # Read after the lock: a recompute that waited must not write answers from
            # a court state or ruleset older than the one before it wrote.
            ruleset = current_ruleset()
            court = current_court_state()
            run.ruleset_version = f"{ruleset.name}/{ruleset.version}"
            run.court_state = court_state_record(court)
            run.save(update_fields=["ruleset_version", "court_state"])
            _recompute(
                run, person_ids, on_progress, ruleset_evaluator=Evaluator(ruleset, run.as_of, court)
            )
    except Exception as error:
        EligibilityRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED,
            error=f"{type(error).__name__}: {error}"[:2000],
            finished_at=timezone.now(),
        )
        raise
    run.refresh_from_db()
    return run


def _recompute(
    run: EligibilityRun,
    person_ids: Collection[int] | None,
    on_progress: Progress | None,
    *,
    ruleset_evaluator: Evaluator,
) -> None:
    timings: dict[str, float] = {}
    started = time.perf_counter()
    scope = None if person_ids is None else set(person_ids)
    current = _current_rows(scope)
    counts_before = _counts([row[2:] for row in current.values()])
    facts = list(build_facts(scope))
    timings["facts"] = round(time.perf_counter() - started, 3)
    total = len(facts)
    decided_at = timezone.now()
    at = bulk.adapt_datetime(decided_at)
    new_rows: list[tuple[Any, ...]] = []
    superseded: list[int] = []
    cases: dict[int, set[str]] = {}
    after: list[tuple[Any, ...]] = []
    mark = time.perf_counter()
    for index, person_facts in enumerate(facts, start=1):
        evaluation = ruleset_evaluator(person_facts)
        pk = int(person_facts.person_id)
        fingerprint = _fingerprint(evaluation)
        cases[pk] = {
            f"{MEMBERSHIP_CASES[f.code]}|{f.code} {f.answer.value}"
            for f in evaluation.findings
            if f.code in MEMBERSHIP_CASES and f.answer is not Answer.NO
        }
        old = current.get(pk)
        if old is not None and old[1] == fingerprint:
            after.append(old[2:])
            continue
        if old is not None:
            superseded.append(old[0])
        row = _eligibility_row(pk, run, findings_json(evaluation), fingerprint, at)
        new_rows.append(row)
        after.append((*row[6 : 6 + len(ANSWER_COLUMNS)], row[-2]))
        if on_progress is not None and index % _CHUNK == 0:
            on_progress(index, total)
    timings["evaluate"] = round(time.perf_counter() - mark, 3)
    mark = time.perf_counter()
    for start in range(0, len(superseded), _CHUNK):
        PersonEligibility.objects.filter(id__in=superseded[start : start + _CHUNK]).update(
            superseded_at=decided_at
        )
    bulk.insert_rows(PersonEligibility._meta.db_table, _ROW_COLUMNS, new_rows)
    _sync_cases(cases, at)
    timings["write"] = round(time.perf_counter() - mark, 3)
    if on_progress is not None:
        on_progress(total, total)
    counts_after = _counts(after)
    EligibilityRun.objects.filter(pk=run.pk).update(
        status=RunStatus.SUCCEEDED,
        finished_at=timezone.now(),
        people_evaluated=total,
        people_changed=len(new_rows),
        counts_before=counts_before,
        counts_after=counts_after,
        timings=timings,
    )
    audit_record(
        actor=run.requested_by,
        action="eligibility.recompute",
        object_type="eligibility_run",
        object_id=str(run.public_id),
        reason=run.reason,
        details={
            "trigger": run.trigger,
            "as_of": run.as_of.isoformat(),
            "ruleset": run.ruleset_version,
            "people_evaluated": total,
            "people_changed": len(new_rows),
            "actionable_before": counts_before["actionable"],
            "actionable_after": counts_after["actionable"],
        },
    )


def people_of_case(case_code: str) -> set[int]:
    """Everyone whose answers a change in this case can move: its members and
    possible members (through their cases) and everyone with a current answer there."""
    column = next(
        col for code, col in ANSWER_COLUMNS.items() if MEMBERSHIP_CASES.get(code) == case_code
    )
    people = set(PersonCase.objects.filter(case_code=case_code).values_list("person_id", flat=True))
    people.update(
        PersonEligibility.objects.filter(superseded_at__isnull=True)
        .exclude(**{column: Answer.NO.value})
        .values_list("person_id", flat=True)
    )
    return people


_STATUS_DATE: Final = {
    CourtStatus.AGREEMENT_LODGED: "agreement_lodged_on",
    CourtStatus.PRELIMINARY_APPROVAL: "preliminary_approval_on",
    CourtStatus.FINAL_APPROVAL: "final_approval_on",
    CourtStatus.REJECTED: "rejected_on",
}
SETTABLE_STATUSES: Final = tuple(_STATUS_DATE)


def _check_status_order(case: SettlementCase, status: CourtStatus, on: date) -> None:
    """An agreement is lodged, then preliminarily approved, then finally approved."""
    earlier = {
        CourtStatus.PRELIMINARY_APPROVAL: [("lodged", case.agreement_lodged_on)],
        CourtStatus.FINAL_APPROVAL: [
            ("lodged", case.agreement_lodged_on),
            ("preliminarily approved", case.preliminary_approval_on),
        ],
    }.get(status, [])
    for name, when in earlier:
        if when is not None and on < when:
            raise EligibilityRefused(
                f"{on} is before the agreement was {name} in this case ({when})"
            )


def court_status_set(
    *,
    actor: User | None,
    case_code: str,
    status: str,
    on: date,
    reason: str,
    recompute: bool = True,
) -> EligibilityRun | None:
    """Record where the agreement stands in a case, then recompute its people."""
    if status not in SETTABLE_STATUSES:
        raise EligibilityRefused(f"{status!r} is not a status the court can set here")
    if not reason.strip():
        raise EligibilityRefused("say why the status changed (the order or docket entry)")
    if on > timezone.localdate():
        raise EligibilityRefused(f"{on} is in the future: record an order once it is made")
    with transaction.atomic():
        case = SettlementCase.objects.select_for_update().filter(code=case_code).first()
        if case is None:
            raise EligibilityRefused(f"no case {case_code!r}")
        before = case.court_status
        _check_status_order(case, CourtStatus(status), on)
        case.court_status = status
        setattr(case, _STATUS_DATE[CourtStatus(status)], on)
        case.save(update_fields=["court_status", _STATUS_DATE[CourtStatus(status)]])
        audit_record(
            actor=actor,
            action="settlement_case.status_set",
            object_type="settlement_case",
            object_id=case.code,
            reason=reason,
            details={"before": before, "after": status, "on": on.isoformat()},
        )
    if not recompute:
        return None
    return eligibility_recompute(
        actor=actor,
        trigger=RunTrigger.COURT_STATUS,
        reason=f"{case_code}: {before} -> {status} ({reason})",
        person_ids=people_of_case(case_code),
    )


def early_order_record(
    *,
    actor: User | None,
    case_code: str,
    ordered_on: date,
    scope: str,
    entitlements: Sequence[str],
    reference: str,
    recompute: bool = True,
) -> tuple[EarlyProcessingOrder, EligibilityRun | None]:
    if case_code not in CaseCode.values:
        raise EligibilityRefused(f"no case {case_code!r}")
    if scope not in ApprovalOrderScope.values:
        raise EligibilityRefused(f"{scope!r} is not a scope an order can have")
    unknown = sorted(set(entitlements) - set(ENTITLEMENTS))
    if unknown:
        raise EligibilityRefused(f"unknown entitlements: {', '.join(unknown)}")
    if not reference.strip():
        raise EligibilityRefused("name the order (docket entry or date and title)")
    with transaction.atomic():
        order = EarlyProcessingOrder.objects.create(
            case_code=case_code,
            ordered_on=ordered_on,
            scope=scope,
            entitlements=sorted(set(entitlements)),
            reference=reference[:200],
            recorded_by=actor,
        )
        audit_record(
            actor=actor,
            action="early_order.record",
            object_type="early_processing_order",
            object_id=order.pk,
            reason=reference,
            details={
                "case": case_code,
                "ordered_on": ordered_on.isoformat(),
                "scope": scope,
                "entitlements": sorted(set(entitlements)),
            },
        )
    if not recompute:
        return order, None
    run = eligibility_recompute(
        actor=actor,
        trigger=RunTrigger.EARLY_ORDER,
        reason=f"{case_code}: early-processing order {reference}",
        person_ids=people_of_case(case_code),
    )
    return order, run


def rule_parameter_set(
    *,
    actor: User | None,
    rule_id: str,
    name: str,
    value: object,
    reason: str,
    rule_version: int | None = None,
    recompute: bool = True,
) -> tuple[RuleParameterChange, EligibilityRun | None]:
    """Change one parameter of one rule (the latest version unless named); every
    current answer is recomputed, since a parameter may move anyone."""
    if not reason.strip():
        raise EligibilityRefused("say why the reading changed (which text, which order)")
    ruleset = current_ruleset()
    try:
        rule = ruleset.rule(rule_id, rule_version)
        changed = ruleset.with_parameter(rule_id, name, value, version=rule.version)
    except RulesetError as error:
        raise EligibilityRefused(str(error)) from error
    coerced = changed.rule(rule_id, rule.version).parameters[name]
    stored = _json_value(coerced)
    with transaction.atomic():
        change = RuleParameterChange.objects.create(
            ruleset=ruleset.name,
            rule_id=rule_id,
            rule_version=rule.version,
            name=name,
            value=stored,
            previous=_json_value(rule.parameters[name]),
            reason=reason[:300],
            changed_by=actor,
        )
        audit_record(
            actor=actor,
            action="rule_parameter.set",
            object_type="rule",
            object_id=rule.ref,
            reason=reason,
            details={
                "parameter": name,
                "before": change.previous,
                "after": stored,
                "ruleset_version": changed.version,
            },
        )
    if not recompute:
        return change, None
    run = eligibility_recompute(
        actor=actor,
        trigger=RunTrigger.PARAMETER,
        reason=f"{rule.ref}.{name}: {change.previous!r} -> {stored!r} ({reason})",
    )
    return change, run


def _json_value(value: object) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [str(v) for v in value]
    return value


def recorded_fact_edit_token(person: Person) -> str:
    """The person's recorded facts in force, as the person's page shows them (see
    `recorded_fact_set`): one form records any kind, so any later fact refuses it."""
    current = sorted(
        RecordedFact.objects.filter(person=person, superseded_at__isnull=True).values_list(
            "pk", flat=True
        )
    )
    return edit_token(*current) if current else NEW


def recorded_fact_set(
    *,
    actor: User | None,
    person: Person,
    kind: str,
    value: str,
    note: str,
    recompute: bool = True,
    seen: str | None = None,
) -> tuple[RecordedFact, EligibilityRun | None]:
    """Record a fact no extract carries (a red-flag determination, a child's own
    claim); the person and their relatives are recomputed. `seen` is
    `recorded_fact_edit_token` as the form showed it: if another fact was recorded for
    the person since, this one is refused, never laid over it unseen."""
    if kind not in FactKind.values:
        raise EligibilityRefused(f"{kind!r} is not a fact that can be recorded")
    if kind == FactKind.EXCLUSION and actor is not None and actor.role == Role.CLASS_COUNSEL:
        # A red flag is the government's determination; counsel record what they learn
        # from their client (a child's own claim).
        raise EligibilityRefused("a red-flag determination is recorded by the government")
    value = value.strip().upper() if kind == FactKind.EXCLUSION else value.strip().lower()
    if kind == FactKind.OWN_CLAIM and value not in {"yes", "no"}:
        raise EligibilityRefused("a child's own claim is recorded as yes or no")
    if kind == FactKind.RETURNED:
        try:
            date.fromisoformat(value)
        except ValueError:
            raise EligibilityRefused(
                "a return is recorded as the date of arrival, YYYY-MM-DD"
            ) from None
    if kind == FactKind.EXCLUSION:
        codes = current_ruleset().rule("ms_l.parent_class").parameters["exclusion_codes"]
        assert isinstance(codes, tuple)
        # NONE withdraws a determination recorded by mistake or later overturned.
        if value not in (*codes, EXCLUSION_WITHDRAWN):
            raise EligibilityRefused(
                f"exclusion code must be one of {', '.join(codes)}, or "
                f"{EXCLUSION_WITHDRAWN} to withdraw one"
            )
    if not note.strip():
        raise EligibilityRefused("say where the fact comes from")
    if person.merged_into_id is not None:
        raise EligibilityRefused(
            "this file was merged into another person's: record the fact on that file"
        )
    run: EligibilityRun | None = None
    # The fact and the answers it moves are written together, or neither is.
    with transaction.atomic():
        # One writer per person at a time, so the check below holds until the commit.
        list(Person.objects.select_for_update().filter(pk=person.pk).values_list("pk"))
        if is_stale(seen, recorded_fact_edit_token(person)):
            raise EligibilityRefused(str(STALE_EDIT))
        now = timezone.now()
        RecordedFact.objects.filter(person=person, kind=kind, superseded_at__isnull=True).update(
            superseded_at=now
        )
        fact = RecordedFact.objects.create(
            person=person, kind=kind, value=value, note=note[:300], recorded_by=actor
        )
        audit_record(
            actor=actor,
            action="recorded_fact.set",
            object_type="person",
            object_id=str(person.public_id),
            reason=note,
            details={"kind": kind, "value": value},
        )
        if recompute:
            run = eligibility_recompute(
                actor=actor,
                trigger=RunTrigger.FACT,
                reason=f"{kind} recorded for one person",
                person_ids=relatives_of([person.pk]),
            )
    return fact, run


__all__ = [
    "SETTABLE_STATUSES",
    "EligibilityRefused",
    "court_status_set",
    "early_order_record",
    "eligibility_recompute",
    "findings_json",
    "people_in_scope",
    "people_of_case",
    "recorded_fact_edit_token",
    "recorded_fact_set",
    "rule_parameter_set",
]
