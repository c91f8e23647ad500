"""What a transition reads and returns, as plain frozen data.

The app loads these from its models and writes back what `transition` returns; the
engine never sees a database row. `None` means *not recorded*, which a guard treats
as missing, never as *no*.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType

from amparo.engines.interviews.states import Determination, State, Subject


class CounselPresence(StrEnum):
    """The settlement lets a lawyer attend in person or by telephone."""

    IN_PERSON = "in_person"
    TELEPHONE = "telephone"
    ABSENT = "absent"


class ParentAssistance(StrEnum):
    """Who from the family helped at a child's interview (DOMAIN.md section 3,
    Children: the parent may help; a deported parent may join by telephone)."""

    NONE = "none"
    IN_PERSON = "in_person"
    TELEPHONE = "telephone"
    DEPORTED_PARENT_BY_TELEPHONE = "deported_parent_by_telephone"


@dataclass(frozen=True, slots=True)
class Interview:
    """One interview as the lifecycle sees it. `transition` returns a new one."""

    interview_id: str
    person_id: str
    subject: Subject
    state: State = State.REQUESTED
    # Set when the determination is drafted; a redraft after a return replaces it.
    determination: Determination | None = None
    scheduled_for: datetime | None = None
    served_at: datetime | None = None
    ij_review_requested_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class ConductRecord:
    """What the officer records to mark an interview conducted.

    `interpreter_language` is the language the interview was held in through the
    interpreter (or without one, the language spoken); `best_language` is the person's
    best language. Languages compare case- and space-insensitively, so the app should
    pass one vocabulary (codes or names) for both."""

    counsel: CounselPresence | None = None
    written_waiver_of_counsel: bool = False
    interpreter_language: str | None = None
    best_language: str | None = None
    m444_served: bool = False
    private_setting: bool = False
    # Required for a child's interview only.
    parent_assistance: ParentAssistance | None = None


@dataclass(frozen=True, slots=True)
class Facts:
    """Everything any guard may read; each transition reads only its own fields.

    `inconsistency_ids` and `assessments` come from the consistency engine through the
    app (this engine does not import it): every id needs a non-blank assessment of the
    person's psychological state at the first interview before a negative
    determination goes to the supervisor."""

    scheduled_for: datetime | None = None
    conduct: ConductRecord | None = None
    determination: Determination | None = None
    inconsistency_ids: tuple[str, ...] = ()
    assessments: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    # The person said, on the record, that they do not want a judge's review. Silence
    # is not a declination: 8 CFR 208.30(g) treats a refusal to say as a request.
    declination_recorded: bool = False


class FlagCode(StrEnum):
    # Allowed, but shown: the interview was not in the person's best language.
    INTERPRETER_MISMATCH = "interpreter_mismatch"
    # Scheduled so soon that counsel could not be told the configured time ahead.
    COUNSEL_NOTICE_SHORT = "counsel_notice_short"
    # A judge's review requested after the configured window; still accepted.
    IJ_REQUEST_LATE = "ij_request_late"


@dataclass(frozen=True, slots=True)
class Flag:
    code: FlagCode
    detail: str
