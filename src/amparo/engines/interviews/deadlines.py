"""Deadlines as data: every knob is a field of `LifecycleConfig`, with a default, so a
corrected reading of the rules changes configuration, not code."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class LifecycleConfig:
    # How long before a scheduled interview counsel of record must be told. A project
    # default; the agreement says counsel may attend, not how far ahead to tell them.
    counsel_notice: timedelta = timedelta(hours=48)
    # How long after service the person may ask for a judge's review. Zero: they are
    # asked at service, when the negative determination is handed to them.
    ij_request_window: timedelta = timedelta(0)
    # How long before its time an interview may begin: counsel were told a time, and an
    # interview held well before it would be held without them.
    early_start: timedelta = timedelta(minutes=30)
    # The judge decides "within 24 hours where practicable and within 7 days" (DOMAIN.md
    # section 5). Counted here from the request. (check: 8 CFR 1003.42(e) counts the
    # 7 days from the supervisor's approval of the negative determination.)
    ij_decision_target: timedelta = timedelta(hours=24)
    ij_decision_limit: timedelta = timedelta(days=7)


DEFAULT_CONFIG = LifecycleConfig()


class DeadlineKind(StrEnum):
    NOTIFY_COUNSEL_BY = "notify_counsel_by"
    IJ_REQUEST_BY = "ij_request_by"
    IJ_DECISION_TARGET = "ij_decision_target"
    IJ_DECISION_DUE = "ij_decision_due"


@dataclass(frozen=True, slots=True)
class Deadline:
    kind: DeadlineKind
    due: datetime


def counsel_notify_by(
    scheduled_for: datetime, config: LifecycleConfig = DEFAULT_CONFIG
) -> datetime:
    return scheduled_for - config.counsel_notice


def ij_request_by(served_at: datetime, config: LifecycleConfig = DEFAULT_CONFIG) -> datetime:
    return served_at + config.ij_request_window


def ij_decision_deadlines(
    requested_at: datetime, config: LifecycleConfig = DEFAULT_CONFIG
) -> tuple[Deadline, Deadline]:
    """The judge's target (where practicable) and the date the decision is due."""
    return (
        Deadline(DeadlineKind.IJ_DECISION_TARGET, requested_at + config.ij_decision_target),
        Deadline(DeadlineKind.IJ_DECISION_DUE, requested_at + config.ij_decision_limit),
    )


def ij_decision_due(requested_at: datetime, config: LifecycleConfig = DEFAULT_CONFIG) -> datetime:
    return ij_decision_deadlines(requested_at, config)[1].due
