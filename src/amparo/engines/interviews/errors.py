"""Why a transition was refused, as an exception that carries everything a log line
needs: the interview, the edge attempted, the reason code and each missing item."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from amparo.engines.interviews.states import State


class RefusalReason(StrEnum):
    # The edge is not in the table.
    ILLEGAL = "illegal_transition"
    # A record the protection needs is absent; `missing` names each one.
    MISSING_RECORDS = "missing_records"
    # A negative determination with inconsistencies nobody weighed; `missing` holds
    # their ids.
    UNCONSIDERED_INCONSISTENCIES = "unconsidered_inconsistencies"
    # The outcome does not match the approved determination (e.g. a Notice to Appear
    # on a negative one).
    WRONG_DETERMINATION = "wrong_determination"
    # A no-show recorded before the interview's time, or the interview held well before
    # the time counsel were told.
    TOO_EARLY = "too_early"


class InterviewError(Exception):
    """Base of every error the interviews engine raises."""


class TransitionRefused(InterviewError):
    def __init__(
        self,
        *,
        interview_id: str,
        from_state: State,
        to_state: State,
        reason: RefusalReason,
        at: datetime,
        missing: tuple[str, ...] = (),
    ) -> None:
        self.interview_id = interview_id
        self.from_state = from_state
        self.to_state = to_state
        self.reason = reason
        self.at = at
        self.missing = missing
        detail = f": {', '.join(missing)}" if missing else ""
        super().__init__(f"{interview_id}: {from_state} -> {to_state} refused ({reason}){detail}")

    def as_log(self) -> dict[str, str]:
        """Flat strings for a structured log line or an audit row."""
        return {
            "interview_id": self.interview_id,
            "from": self.from_state.value,
            "to": self.to_state.value,
            "reason": self.reason.value,
            "missing": ",".join(self.missing),
            "at": self.at.isoformat(),
        }


class IllegalTransition(TransitionRefused):
    """The edge is not in `TRANSITIONS`; no facts could make it legal."""


class GuardFailed(TransitionRefused):
    """The edge is legal but a protection on it is not satisfied."""
