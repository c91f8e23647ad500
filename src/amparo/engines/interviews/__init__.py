"""Interviews: the lifecycle of a settlement credible fear interview (issue 5, items 1-2)
as a state machine whose table is data, guards that enforce the settlement's
protections, deadlines as data, and the parent-child cross-effect. Pure Python; the app
supplies the records and stores what comes back.
"""

from amparo.engines.interviews.cross_effect import (
    CrossAction,
    CrossEffect,
    CrossReason,
    LinkedMember,
    cross_effect,
    fear_found,
)
from amparo.engines.interviews.deadlines import (
    DEFAULT_CONFIG,
    Deadline,
    DeadlineKind,
    LifecycleConfig,
    counsel_notify_by,
    ij_decision_deadlines,
    ij_decision_due,
    ij_request_by,
)
from amparo.engines.interviews.errors import (
    GuardFailed,
    IllegalTransition,
    InterviewError,
    RefusalReason,
    TransitionRefused,
)
from amparo.engines.interviews.lifecycle import (
    Transition,
    conduct_missing,
    inconsistencies_unconsidered,
    transition,
)
from amparo.engines.interviews.records import (
    ConductRecord,
    CounselPresence,
    Facts,
    Flag,
    FlagCode,
    Interview,
    ParentAssistance,
)
from amparo.engines.interviews.states import (
    TERMINAL,
    TRANSITIONS,
    Determination,
    State,
    Subject,
    allowed,
)

__all__ = [
    "DEFAULT_CONFIG",
    "TERMINAL",
    "TRANSITIONS",
    "ConductRecord",
    "CounselPresence",
    "CrossAction",
    "CrossEffect",
    "CrossReason",
    "Deadline",
    "DeadlineKind",
    "Determination",
    "Facts",
    "Flag",
    "FlagCode",
    "GuardFailed",
    "IllegalTransition",
    "Interview",
    "InterviewError",
    "LifecycleConfig",
    "LinkedMember",
    "ParentAssistance",
    "RefusalReason",
    "State",
    "Subject",
    "Transition",
    "TransitionRefused",
    "allowed",
    "conduct_missing",
    "counsel_notify_by",
    "cross_effect",
    "fear_found",
    "ij_decision_deadlines",
    "ij_decision_due",
    "ij_request_by",
    "inconsistencies_unconsidered",
    "transition",
]
