"""The settlement's cross-effect (DOMAIN.md section 3): if either the parent or the
child is found to have credible fear, both get a Notice to Appear. Symmetric by
construction: the linked person is always the other side of the source's link.

Whether the linked person is a class member (the cross-effect acts only for members)
is the eligibility engine's answer; the app asks it before acting on this one.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from amparo.engines.interviews.records import Interview
from amparo.engines.interviews.states import (
    FEAR_FOUND,
    FEAR_FOUND_IF_POSITIVE,
    Determination,
    State,
    Subject,
)


class CrossReason(StrEnum):
    # The source's own determination was positive and the supervisor approved it.
    POSITIVE_DETERMINATION = "positive_determination"
    # An immigration judge vacated the source's negative determination.
    IJ_VACATED = "ij_vacated"


class CrossAction(StrEnum):
    ISSUE_NOTICE_TO_APPEAR = "issue_notice_to_appear"
    # The linked person already has one; nothing more to do.
    ALREADY_NOTICE_TO_APPEAR = "already_notice_to_appear"


@dataclass(frozen=True, slots=True)
class LinkedMember:
    """The other side of the link. `interview_id` and `state` are None when the person
    has no interview (a child without an independent claim, a parent never re-interviewed):
    the Notice to Appear does not wait for one."""

    person_id: str
    interview_id: str | None = None
    state: State | None = None


@dataclass(frozen=True, slots=True)
class CrossEffect:
    person_id: str
    role: Subject
    action: CrossAction
    reason: CrossReason
    source_interview_id: str
    source_person_id: str
    # The linked person's own interview, left as it is: a pending negative there does
    # not stop the Notice to Appear, and the app decides whether to close it.
    linked_interview_id: str | None
    linked_state: State | None


def fear_found(interview: Interview) -> CrossReason | None:
    """Why credible fear stands for this interview, or None if it does not (yet)."""
    if interview.state is State.IJ_VACATED or (
        interview.state is State.NOTICE_TO_APPEAR
        and interview.determination is Determination.NEGATIVE
    ):
        return CrossReason.IJ_VACATED
    if interview.state in FEAR_FOUND or (
        interview.state in FEAR_FOUND_IF_POSITIVE
        and interview.determination is Determination.POSITIVE
    ):
        return CrossReason.POSITIVE_DETERMINATION
    return None


def cross_effect(source: Interview, linked: LinkedMember) -> CrossEffect | None:
    """The effect of `source` on the linked parent or child, or None when the source
    has found no credible fear that stands (a draft, a pending review, a negative, an
    affirmed negative): the linked person then keeps their own path."""
    reason = fear_found(source)
    if reason is None:
        return None
    action = (
        CrossAction.ALREADY_NOTICE_TO_APPEAR
        if linked.state is State.NOTICE_TO_APPEAR
        else CrossAction.ISSUE_NOTICE_TO_APPEAR
    )
    return CrossEffect(
        person_id=linked.person_id,
        role=source.subject.other,
        action=action,
        reason=reason,
        source_interview_id=source.interview_id,
        source_person_id=source.person_id,
        linked_interview_id=linked.interview_id,
        linked_state=linked.state,
    )
