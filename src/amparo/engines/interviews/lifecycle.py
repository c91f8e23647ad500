"""`transition`: the one way an interview changes state.

The table (states.TRANSITIONS) says which edges exist; the guards here say what must be
on record before an edge may be taken. A refusal raises (never returns a quiet False),
so a service that forgets to check cannot record an interview the settlement's
protections did not cover.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from types import MappingProxyType

from amparo.engines.interviews.deadlines import (
    DEFAULT_CONFIG,
    Deadline,
    DeadlineKind,
    LifecycleConfig,
    counsel_notify_by,
    ij_decision_deadlines,
    ij_request_by,
)
from amparo.engines.interviews.errors import GuardFailed, IllegalTransition, RefusalReason
from amparo.engines.interviews.records import (
    ConductRecord,
    CounselPresence,
    Facts,
    Flag,
    FlagCode,
    Interview,
)
from amparo.engines.interviews.states import Determination, State, Subject, allowed


@dataclass(frozen=True, slots=True)
class Transition:
    """An accepted transition: the interview after it, what must be shown (flags) and
    the deadlines it starts."""

    interview_id: str
    from_state: State
    to_state: State
    at: datetime
    interview: Interview
    flags: tuple[Flag, ...] = ()
    deadlines: tuple[Deadline, ...] = ()


@dataclass(frozen=True, slots=True)
class _Step:
    interview: Interview
    flags: tuple[Flag, ...] = ()
    deadlines: tuple[Deadline, ...] = ()


class _Refuse(Exception):
    """Raised by a guard; `transition` turns it into a `GuardFailed` with the context."""

    def __init__(self, reason: RefusalReason, missing: tuple[str, ...] = ()) -> None:
        super().__init__(reason)
        self.reason = reason
        self.missing = missing


def _missing(*items: str) -> _Refuse:
    return _Refuse(RefusalReason.MISSING_RECORDS, items)


def _same_language(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def conduct_missing(record: ConductRecord | None, subject: Subject) -> tuple[str, ...]:
    """Every protection not on record, by name, in a fixed order (so a form can point
    at each field). Empty when the interview may be marked conducted."""
    if record is None:
        record = ConductRecord()
    missing: list[str] = []
    counsel_present = record.counsel in (CounselPresence.IN_PERSON, CounselPresence.TELEPHONE)
    if not counsel_present and not record.written_waiver_of_counsel:
        missing.append("counsel_or_written_waiver")
    if not (record.interpreter_language or "").strip():
        missing.append("interpreter_language")
    if not (record.best_language or "").strip():
        missing.append("best_language")
    if not record.m444_served:
        missing.append("m444_served")
    if not record.private_setting:
        missing.append("private_setting")
    if subject is Subject.CHILD and record.parent_assistance is None:
        missing.append("parent_assistance")
    return tuple(missing)


def inconsistencies_unconsidered(facts: Facts) -> tuple[str, ...]:
    """Inconsistency ids with no due-consideration assessment; blank text counts as
    none, since an empty box is not consideration. Order follows the ids given."""
    seen: dict[str, None] = {}
    for iid in facts.inconsistency_ids:
        if not facts.assessments.get(iid, "").strip():
            seen.setdefault(iid, None)
    return tuple(seen)


def _schedule(interview: Interview, facts: Facts, at: datetime, config: LifecycleConfig) -> _Step:
    if facts.scheduled_for is None:
        raise _missing("scheduled_for")
    notify_by = counsel_notify_by(facts.scheduled_for, config)
    flags: tuple[Flag, ...] = ()
    if at > notify_by:
        flags = (
            Flag(
                FlagCode.COUNSEL_NOTICE_SHORT,
                f"counsel should have been notified by {notify_by.isoformat()}",
            ),
        )
    return _Step(
        replace(interview, scheduled_for=facts.scheduled_for),
        flags,
        (Deadline(DeadlineKind.NOTIFY_COUNSEL_BY, notify_by),),
    )


def _no_show(interview: Interview, facts: Facts, at: datetime, config: LifecycleConfig) -> _Step:
    if interview.scheduled_for is None:
        raise _missing("scheduled_for")
    if at < interview.scheduled_for:
        raise _Refuse(RefusalReason.TOO_EARLY)
    return _Step(interview)


def _conduct(interview: Interview, facts: Facts, at: datetime, config: LifecycleConfig) -> _Step:
    if interview.scheduled_for is not None and at < interview.scheduled_for - config.early_start:
        raise _Refuse(RefusalReason.TOO_EARLY)
    missing = conduct_missing(facts.conduct, interview.subject)
    if missing:
        raise _missing(*missing)
    record = facts.conduct
    assert record is not None  # conduct_missing names it otherwise
    assert record.interpreter_language is not None and record.best_language is not None
    flags: tuple[Flag, ...] = ()
    if not _same_language(record.interpreter_language, record.best_language):
        flags = (
            Flag(
                FlagCode.INTERPRETER_MISMATCH,
                f"interpreted in {record.interpreter_language.strip()}; "
                f"best language {record.best_language.strip()}",
            ),
        )
    return _Step(interview, flags)


def _draft(interview: Interview, facts: Facts, at: datetime, config: LifecycleConfig) -> _Step:
    if facts.determination is None:
        raise _missing("determination")
    return _Step(replace(interview, determination=facts.determination))


def _submit(interview: Interview, facts: Facts, at: datetime, config: LifecycleConfig) -> _Step:
    if interview.determination is None:
        raise _missing("determination")
    if interview.determination is Determination.NEGATIVE:
        pending = inconsistencies_unconsidered(facts)
        if pending:
            raise _Refuse(RefusalReason.UNCONSIDERED_INCONSISTENCIES, pending)
    return _Step(interview)


def _serve(interview: Interview, facts: Facts, at: datetime, config: LifecycleConfig) -> _Step:
    deadlines: tuple[Deadline, ...] = ()
    # With no window the person answers when served: there is no later date to keep.
    if interview.determination is Determination.NEGATIVE and config.ij_request_window:
        deadlines = (Deadline(DeadlineKind.IJ_REQUEST_BY, ij_request_by(at, config)),)
    return _Step(replace(interview, served_at=at), deadlines=deadlines)


def _require(interview: Interview, determination: Determination) -> None:
    if interview.determination is not determination:
        raise _Refuse(RefusalReason.WRONG_DETERMINATION, (f"determination={determination}",))


def _notice(interview: Interview, facts: Facts, at: datetime, config: LifecycleConfig) -> _Step:
    # After a judge vacated a negative, the Notice to Appear follows whatever was drafted.
    if interview.state is State.SERVED:
        _require(interview, Determination.POSITIVE)
    return _Step(interview)


def _request_ij(interview: Interview, facts: Facts, at: datetime, config: LifecycleConfig) -> _Step:
    _require(interview, Determination.NEGATIVE)
    flags: tuple[Flag, ...] = ()
    if interview.served_at is not None and config.ij_request_window:
        request_by = ij_request_by(interview.served_at, config)
        if at > request_by:
            # Accepted all the same: refusing would take the judge's review away, and
            # the regulation leans to review (silence counts as a request).
            flags = (Flag(FlagCode.IJ_REQUEST_LATE, f"due by {request_by.isoformat()}"),)
    return _Step(
        replace(interview, ij_review_requested_at=at), flags, ij_decision_deadlines(at, config)
    )


def _decline_ij(interview: Interview, facts: Facts, at: datetime, config: LifecycleConfig) -> _Step:
    _require(interview, Determination.NEGATIVE)
    if not facts.declination_recorded:
        raise _missing("declination_recorded")
    return _Step(interview)


def _no_guard(interview: Interview, facts: Facts, at: datetime, config: LifecycleConfig) -> _Step:
    return _Step(interview)


_Guard = Callable[[Interview, Facts, datetime, LifecycleConfig], _Step]

GUARDS: Mapping[State, _Guard] = MappingProxyType(
    {
        State.SCHEDULED: _schedule,
        State.RESCHEDULED: _schedule,
        State.NO_SHOW: _no_show,
        State.CONDUCTED: _conduct,
        State.DETERMINATION_DRAFTED: _draft,
        State.SUPERVISORY_REVIEW: _submit,
        State.SERVED: _serve,
        State.NOTICE_TO_APPEAR: _notice,
        State.IJ_REVIEW_REQUESTED: _request_ij,
        State.IJ_REVIEW_DECLINED: _decline_ij,
    }
)


def transition(
    interview: Interview,
    to: State,
    facts: Facts,
    at: datetime,
    *,
    config: LifecycleConfig = DEFAULT_CONFIG,
) -> Transition:
    """Move `interview` to `to` at `at`, or raise `IllegalTransition` (not an edge of
    the table; checked first, so no facts can make it legal) or `GuardFailed` (an edge
    whose protection is not on record, every missing item named)."""
    if not allowed(interview.state, to):
        raise IllegalTransition(
            interview_id=interview.interview_id,
            from_state=interview.state,
            to_state=to,
            reason=RefusalReason.ILLEGAL,
            at=at,
        )
    guard = GUARDS.get(to, _no_guard)
    try:
        step = guard(interview, facts, at, config)
    except _Refuse as refused:
        raise GuardFailed(
            interview_id=interview.interview_id,
            from_state=interview.state,
            to_state=to,
            reason=refused.reason,
            at=at,
            missing=refused.missing,
        ) from None
    return Transition(
        interview_id=interview.interview_id,
        from_state=interview.state,
        to_state=to,
        at=at,
        interview=replace(step.interview, state=to),
        flags=step.flags,
        deadlines=step.deadlines,
    )
