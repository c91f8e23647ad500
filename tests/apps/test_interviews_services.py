"""The interviews app's services: requests only for people owed one, every illegal
transition refused and logged, the settlement's protections enforced, due
consideration before a negative goes up, the supervisor's review, the cross-effect,
deadlines, and edits that collide refused rather than applied."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.utils import timezone
from pytest_django import Settings

from amparo.apps.accounts.models import OrganisationKind, Role, User
from amparo.apps.audit.models import AuditEvent
from amparo.apps.audit.verify import audit_chain_verify
from amparo.apps.eligibility.models import PersonEligibility
from amparo.apps.interviews import services
from amparo.apps.interviews.engine_bridge import comparison_for
from amparo.apps.interviews.models import (
    Assessment,
    CounselNotification,
    Interview,
    InterviewEvent,
    NoticeReason,
    NoticeToAppear,
    Worksheet,
    WorksheetKind,
)
from amparo.apps.interviews.selectors import (
    client_interviews_for,
    docket_for,
    interviews_visible_to,
    review_queue_for,
)
from amparo.engines.interviews import TRANSITIONS, RefusalReason, State
from tests.factories import OrganisationFactory, make_user, represent
from tests.interviews_world import (
    FIRST_ON,
    FULL_CONDUCT,
    Family,
    conduct,
    enter_sheets,
    first_sheet,
    make_family,
    new_sheet,
    refreshed,
    schedule,
    supervisor,
    walk_to_served,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def sara(db: None) -> User:
    return supervisor()


def requested(actor: User, subject: str = "parent") -> tuple[Interview, Family]:
    family = make_family()
    person = family.rosa if subject == "parent" else family.tomas
    return services.interview_request(actor=actor, person=person, subject=subject), family


# --- Requesting -------------------------------------------------------------------


def test_a_request_opens_the_interview_logged_and_audited(carmen: User) -> None:
    interview, _family = requested(carmen)
    assert interview.state == State.REQUESTED
    assert interview.events.get().to_state == "requested"
    assert AuditEvent.objects.filter(action="interview.request").count() == 1


def test_a_person_the_rules_do_not_owe_an_interview_is_refused(carmen: User) -> None:
    family = make_family(tomas_member=False)
    with pytest.raises(services.InterviewInputError, match="not say this person is owed"):
        services.interview_request(actor=carmen, person=family.tomas, subject="child")
    # Owed but not actionable (no election to stay yet): refused too.
    PersonEligibility.objects.filter(person=family.rosa).update(actionable=False)
    with pytest.raises(services.InterviewInputError, match="not actionable yet"):
        services.interview_request(actor=carmen, person=family.rosa, subject="parent")
    # Rosa is owed a parent's interview, not a child's.
    with pytest.raises(services.InterviewInputError):
        services.interview_request(actor=carmen, person=family.rosa, subject="child")
    assert not Interview.objects.exists()


def test_a_second_open_interview_of_the_same_kind_is_refused(carmen: User) -> None:
    interview, _family = requested(carmen)
    with pytest.raises(services.InterviewInputError, match="already has an open interview"):
        services.interview_request(actor=carmen, person=interview.person, subject="parent")
    assert Interview.objects.count() == 1


def test_counsel_request_only_for_their_own_cases(lena: User, marta: User) -> None:
    family = make_family()
    # Tomás is an M.M.M. child: Lena (Ms. L.) cannot see him.
    with pytest.raises(PermissionDenied):
        services.interview_request(actor=lena, person=family.tomas, subject="child")
    made = services.interview_request(actor=marta, person=family.tomas, subject="child")
    assert made.requested_by == marta


def test_officers_and_the_court_do_not_request(omar: User, clara: User) -> None:
    family = make_family()
    for actor in (omar, clara):
        with pytest.raises(PermissionDenied):
            services.interview_request(actor=actor, person=family.rosa, subject="parent")


# --- Scheduling and counsel's notice ------------------------------------------------


def test_scheduling_tells_counsel_of_record_without_naming_the_client(
    carmen: User, omar: User, lena: User, django_capture_on_commit_callbacks: Any
) -> None:
    lena.email = "lena@counsel.example"
    lena.save()
    interview, _family = requested(carmen)
    with django_capture_on_commit_callbacks(execute=True):
        interview = schedule(carmen, interview, omar, days=5)
    assert interview.state == State.SCHEDULED
    assert interview.scheduled_for is not None
    assert interview.counsel_notify_by == interview.scheduled_for - timedelta(hours=48)
    notification = CounselNotification.objects.get()
    assert notification.organisation == lena.organisation
    assert not notification.short_notice
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lena@counsel.example"]
    assert "Rosa" not in message.body and "López" not in message.body
    assert str(interview.public_id) in message.body
    # The calendar invitation names no one either, and says when.
    (name, content, mimetype), *_others = message.attachments
    assert (name, mimetype) == ("interview.ics", "text/calendar")
    assert "Rosa" not in content and "López" not in content
    start = interview.scheduled_for.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    assert f"DTSTART:{start}" in content


@pytest.mark.usefixtures("lena")
def test_scheduling_inside_the_lead_time_is_flagged(
    carmen: User, omar: User, settings: Settings
) -> None:
    settings.AMPARO_COUNSEL_NOTICE_HOURS = 72
    User.objects.filter(username="lena").update(email="lena@counsel.example")
    interview, _family = requested(carmen)
    interview = schedule(carmen, interview, omar, days=2)
    assert [f["code"] for f in interview.flags] == ["counsel_notice_short"]
    assert CounselNotification.objects.filter(short_notice=True).exists()


@pytest.mark.usefixtures("lena")
def test_moving_an_interview_is_a_reschedule_with_a_new_notice(carmen: User, omar: User) -> None:
    interview, _family = requested(carmen)
    interview = schedule(carmen, interview, omar, days=5)
    interview = schedule(carmen, interview, omar, days=9)
    assert interview.state == State.RESCHEDULED
    assert CounselNotification.objects.count() == 2


def test_a_time_in_the_past_or_an_inactive_officer_is_refused(carmen: User, omar: User) -> None:
    interview, _family = requested(carmen)
    with pytest.raises(services.InterviewInputError, match="past"):
        services.interview_schedule(
            actor=carmen,
            interview=interview,
            scheduled_for=timezone.now() - timedelta(hours=1),
            location="Port Isabel",
            officer=omar,
            expected_version=interview.version,
        )
    with pytest.raises(services.InterviewInputError, match="officer"):
        services.interview_schedule(
            actor=carmen,
            interview=interview,
            scheduled_for=timezone.now() + timedelta(days=3),
            location="Port Isabel",
            officer=carmen,
            expected_version=interview.version,
        )
    assert refreshed(interview).state == State.REQUESTED


# --- Illegal transitions ----------------------------------------------------------

MARKED = (
    State.NO_SHOW,
    State.CANCELLED,
    State.NOTICE_TO_APPEAR,
    State.IJ_REVIEW_REQUESTED,
    State.IJ_AFFIRMED,
    State.IJ_VACATED,
)
ILLEGAL = [(s, t) for s in State for t in MARKED if t not in TRANSITIONS[s]]


@pytest.mark.parametrize(("from_state", "to"), ILLEGAL, ids=[f"{s}->{t}" for s, t in ILLEGAL])
def test_every_illegal_transition_is_refused_and_logged(
    carmen: User, from_state: State, to: State
) -> None:
    interview, _family = requested(carmen)
    # Put the row in the state directly: what is tested is the refusal, from anywhere.
    Interview.objects.filter(pk=interview.pk).update(state=from_state.value)
    with pytest.raises(services.InterviewRefused) as refused:
        services.interview_mark(
            actor=carmen, interview=interview, to=to, expected_version=None, note="try"
        )
    assert refused.value.reason is RefusalReason.ILLEGAL
    assert refreshed(interview).state == from_state.value
    event = InterviewEvent.objects.get(interview=interview, accepted=False)
    assert (event.from_state, event.to_state) == (from_state.value, to.value)
    assert AuditEvent.objects.filter(action="interview.transition_refused").count() == 1


def test_skipping_ahead_is_refused(carmen: User, omar: User, sara: User) -> None:
    interview, _family = requested(carmen)
    with pytest.raises(services.InterviewRefused):
        services.interview_serve(actor=omar, interview=interview, expected_version=None)
    with pytest.raises(services.InterviewRefused):
        services.interview_conducted(actor=omar, interview=interview, expected_version=None)
    with pytest.raises(services.InterviewRefused):
        services.interview_review(
            actor=sara, interview=interview, approve=True, note="", expected_version=None
        )
    assert InterviewEvent.objects.filter(accepted=False).count() == 3
    assert refreshed(interview).state == State.REQUESTED


def test_a_no_show_before_the_time_is_refused_and_a_missed_interview_can_be_set_again(
    carmen: User, omar: User
) -> None:
    interview, _family = requested(carmen)
    interview = schedule(carmen, interview, omar)
    with pytest.raises(services.InterviewRefused) as refused:
        services.interview_mark(
            actor=carmen, interview=interview, to=State.NO_SHOW, expected_version=None
        )
    assert refused.value.reason is RefusalReason.TOO_EARLY
    Interview.objects.filter(pk=interview.pk).update(
        scheduled_for=timezone.now() - timedelta(hours=1)
    )
    interview = services.interview_mark(
        actor=carmen, interview=refreshed(interview), to=State.NO_SHOW, expected_version=None
    )
    interview = schedule(carmen, interview, omar, days=4)
    assert interview.state == State.RESCHEDULED


def test_a_cancellation_needs_a_reason(carmen: User) -> None:
    interview, _family = requested(carmen)
    with pytest.raises(services.InterviewInputError, match="why"):
        services.interview_mark(
            actor=carmen, interview=interview, to=State.CANCELLED, expected_version=None
        )
    cancelled = services.interview_mark(
        actor=carmen,
        interview=interview,
        to=State.CANCELLED,
        expected_version=None,
        note="requested twice",
    )
    assert cancelled.state == State.CANCELLED


# --- Protections at the interview --------------------------------------------------


def test_conducted_is_refused_without_counsel_or_a_written_waiver(carmen: User, omar: User) -> None:
    interview, _family = requested(carmen)
    interview = schedule(carmen, interview, omar)
    no_counsel = services.ConductInput(
        counsel_presence="absent",
        interpreter_language="Spanish",
        best_language="Spanish",
        m444_served=True,
        private_setting=True,
    )
    with pytest.raises(services.InterviewRefused) as refused:
        conduct(omar, interview, no_counsel)
    assert refused.value.missing == ("counsel_or_written_waiver",)
    # What was recorded is kept: only the state did not move.
    kept = refreshed(interview)
    assert kept.state == State.SCHEDULED and kept.m444_served
    waived = replace(no_counsel, written_waiver_of_counsel=True)
    assert conduct(omar, kept, waived).state == State.CONDUCTED


def test_each_missing_protection_is_named(carmen: User, omar: User) -> None:
    interview, _family = requested(carmen)
    interview = schedule(carmen, interview, omar)
    with pytest.raises(services.InterviewRefused) as refused:
        conduct(omar, interview, services.ConductInput())
    assert refused.value.missing == (
        "counsel_or_written_waiver",
        "interpreter_language",
        "best_language",
        "m444_served",
        "private_setting",
    )


def test_a_child_interview_needs_the_parent_assistance_recorded(carmen: User, omar: User) -> None:
    interview, _family = requested(carmen, subject="child")
    interview = schedule(carmen, interview, omar)
    with pytest.raises(services.InterviewRefused) as refused:
        conduct(omar, interview)
    assert refused.value.missing == ("parent_assistance",)
    with_parent = replace(FULL_CONDUCT, parent_assistance="deported_parent_by_telephone")
    done = conduct(omar, refreshed(interview), with_parent)
    assert done.parent_assistance == "deported_parent_by_telephone"


def test_an_interpreter_mismatch_is_allowed_but_recorded(carmen: User, omar: User) -> None:
    interview, _family = requested(carmen)
    interview = schedule(carmen, interview, omar)
    in_spanish = services.ConductInput(
        counsel_presence="in_person",
        interpreter_language="Spanish",
        best_language="Mam",
        m444_served=True,
        private_setting=True,
    )
    done = conduct(omar, interview, in_spanish)
    assert done.state == State.CONDUCTED
    assert done.interpreter_mismatch
    assert "interpreter_mismatch" in [f["code"] for f in done.flags]
    event = done.events.get(to_state="conducted")
    assert event.flags[0]["code"] == "interpreter_mismatch"


def test_coordinators_do_not_conduct_interviews(carmen: User, omar: User) -> None:
    interview, _family = requested(carmen)
    interview = schedule(carmen, interview, omar)
    with pytest.raises(PermissionDenied):
        conduct(carmen, interview)


# --- Due consideration ------------------------------------------------------------


def drafted(carmen: User, omar: User, determination: str = "NEGATIVE") -> Interview:
    interview, _family = requested(carmen)
    interview = conduct(omar, schedule(carmen, interview, omar))
    enter_sheets(omar, interview)
    interview = refreshed(interview)
    return services.interview_draft(
        actor=omar,
        interview=interview,
        determination=determination,
        summary="No nexus found.",
        expected_version=interview.version,
    )


def test_a_negative_is_refused_while_an_inconsistency_lacks_due_consideration(
    carmen: User, omar: User
) -> None:
    interview = drafted(carmen, omar)
    comparison = comparison_for(interview)
    assert len(comparison.inconsistencies) >= 1
    with pytest.raises(services.InterviewRefused) as refused:
        services.interview_submit(actor=omar, interview=interview, expected_version=None)
    assert refused.value.reason is RefusalReason.UNCONSIDERED_INCONSISTENCIES
    assert set(refused.value.missing) == set(comparison.ids)
    # Assess all but one: still refused, naming the one left.
    *done, last = comparison.inconsistencies
    for inconsistency in done:
        services.assessment_record(
            actor=omar,
            interview=interview,
            inconsistency_id=inconsistency.id,
            text="Weighed against the separation.",
            expected_version=0,
        )
    with pytest.raises(services.InterviewRefused) as again:
        services.interview_submit(actor=omar, interview=interview, expected_version=None)
    assert again.value.missing == (last.id,)
    with pytest.raises(services.InterviewInputError):
        services.assessment_record(
            actor=omar,
            interview=interview,
            inconsistency_id=last.id,
            text="   ",
            expected_version=0,
        )
    services.assessment_record(
        actor=omar,
        interview=interview,
        inconsistency_id=last.id,
        text="She did not know where her son was; the omission is not weighed against her.",
        expected_version=0,
    )
    submitted = services.interview_submit(actor=omar, interview=interview, expected_version=None)
    assert submitted.state == State.SUPERVISORY_REVIEW


def test_an_omitted_beating_is_listed_as_an_omission(carmen: User, omar: User) -> None:
    interview = drafted(carmen, omar)
    kinds = {(i.kind.value, i.topic.value) for i in comparison_for(interview).inconsistencies}
    assert ("omission", "harm") in kinds


def test_a_positive_goes_up_without_assessments(carmen: User, omar: User) -> None:
    interview = drafted(carmen, omar, determination="POSITIVE")
    assert comparison_for(interview).inconsistencies
    submitted = services.interview_submit(actor=omar, interview=interview, expected_version=None)
    assert submitted.state == State.SUPERVISORY_REVIEW


def test_a_parent_negative_needs_the_first_interview_entered(carmen: User, omar: User) -> None:
    interview, _family = requested(carmen)
    interview = conduct(omar, schedule(carmen, interview, omar))
    services.worksheet_save(
        actor=omar,
        interview=interview,
        kind=WorksheetKind.NEW,
        data=new_sheet(),
        expected_version=0,
    )
    interview = services.interview_draft(
        actor=omar,
        interview=refreshed(interview),
        determination="NEGATIVE",
        summary="No fear.",
        expected_version=None,
    )
    with pytest.raises(services.InterviewRefused) as refused:
        services.interview_submit(actor=omar, interview=interview, expected_version=None)
    assert refused.value.missing == ("first_interview_worksheet",)


def test_drafting_needs_the_new_worksheet_read_back(carmen: User, omar: User) -> None:
    interview, _family = requested(carmen)
    interview = conduct(omar, schedule(carmen, interview, omar))
    with pytest.raises(services.InterviewRefused) as refused:
        services.interview_draft(
            actor=omar,
            interview=interview,
            determination="POSITIVE",
            summary="Fear found.",
            expected_version=None,
        )
    assert refused.value.missing == ("new_interview_worksheet",)


def test_an_assessment_of_an_id_not_listed_is_refused(carmen: User, omar: User) -> None:
    interview = drafted(carmen, omar)
    with pytest.raises(services.InterviewInputError, match="No such inconsistency"):
        services.assessment_record(
            actor=omar,
            interview=interview,
            inconsistency_id="made-up",
            text="text",
            expected_version=0,
        )
    assert not Assessment.objects.exists()


# --- Supervisory review -----------------------------------------------------------


def test_only_a_supervisor_reviews_and_never_their_own_draft(
    carmen: User, omar: User, sara: User
) -> None:
    interview = drafted(carmen, omar, determination="POSITIVE")
    interview = services.interview_submit(actor=omar, interview=interview, expected_version=None)
    assert list(review_queue_for(sara)) == [interview]
    assert not review_queue_for(omar).exists()
    with pytest.raises(PermissionDenied):
        services.interview_review(
            actor=omar, interview=interview, approve=True, note="", expected_version=None
        )
    Interview.objects.filter(pk=interview.pk).update(drafted_by=sara)
    with pytest.raises(PermissionDenied, match="own draft"):
        services.interview_review(
            actor=sara, interview=refreshed(interview), approve=True, note="", expected_version=None
        )


def test_a_returned_draft_needs_a_reason_and_is_drafted_again(
    carmen: User, omar: User, sara: User
) -> None:
    interview = drafted(carmen, omar, determination="POSITIVE")
    interview = services.interview_submit(actor=omar, interview=interview, expected_version=None)
    with pytest.raises(services.InterviewInputError):
        services.interview_review(
            actor=sara, interview=interview, approve=False, note=" ", expected_version=None
        )
    returned = services.interview_review(
        actor=sara,
        interview=interview,
        approve=False,
        note="Address the internal relocation question.",
        expected_version=None,
    )
    assert returned.state == State.RETURNED
    redrafted = services.interview_draft(
        actor=omar,
        interview=returned,
        determination="POSITIVE",
        summary="Relocation is not reasonable: the gang operates nationwide.",
        expected_version=returned.version,
    )
    assert redrafted.state == State.DETERMINATION_DRAFTED
    # The first draft and the supervisor's reasons stay in the log, whole.
    texts = list(redrafted.events.exclude(text="").values_list("to_state", "text"))
    assert texts == [
        ("determination_drafted", "No nexus found."),
        ("returned", "Address the internal relocation question."),
        ("determination_drafted", "Relocation is not reasonable: the gang operates nationwide."),
    ]


# --- Outcomes, deadlines and the cross-effect --------------------------------------


def test_a_positive_gives_both_parent_and_child_a_notice_to_appear(
    carmen: User, omar: User, sara: User
) -> None:
    interview, family = requested(carmen)
    child_interview = services.interview_request(actor=carmen, person=family.tomas, subject="child")
    served = walk_to_served(carmen, omar, sara, interview, determination="POSITIVE")
    done = services.interview_mark(
        actor=carmen, interview=served, to=State.NOTICE_TO_APPEAR, expected_version=None
    )
    assert done.state == State.NOTICE_TO_APPEAR
    own = NoticeToAppear.objects.get(person=family.rosa)
    crossed = NoticeToAppear.objects.get(person=family.tomas)
    assert own.reason == NoticeReason.POSITIVE_DETERMINATION
    assert crossed.reason == NoticeReason.CROSS_EFFECT
    assert crossed.source_interview == done
    # Tomás's own interview stays open, flagged when Rosa's positive was approved and
    # again when the Notice to Appear was issued.
    flagged = refreshed(child_interview)
    assert flagged.state == State.REQUESTED
    assert [f["code"] for f in flagged.flags] == ["cross_effect_pending", "cross_effect_notice"]
    assert AuditEvent.objects.filter(action="interview.cross_effect").count() == 1
    assert audit_chain_verify().intact


def test_the_cross_effect_skips_a_linked_person_who_is_not_a_member(
    carmen: User, omar: User, sara: User
) -> None:
    family = make_family(tomas_member=False)
    interview = services.interview_request(actor=carmen, person=family.rosa, subject="parent")
    served = walk_to_served(carmen, omar, sara, interview, determination="POSITIVE")
    services.interview_mark(
        actor=carmen, interview=served, to=State.NOTICE_TO_APPEAR, expected_version=None
    )
    assert list(NoticeToAppear.objects.values_list("person", flat=True)) == [family.rosa.pk]


def test_a_notice_to_appear_is_refused_on_a_negative(carmen: User, omar: User, sara: User) -> None:
    interview, _family = requested(carmen)
    served = walk_to_served(carmen, omar, sara, interview, determination="NEGATIVE")
    with pytest.raises(services.InterviewRefused) as refused:
        services.interview_mark(
            actor=carmen, interview=served, to=State.NOTICE_TO_APPEAR, expected_version=None
        )
    assert refused.value.reason is RefusalReason.WRONG_DETERMINATION
    assert not NoticeToAppear.objects.exists()


def test_a_judge_vacating_the_negative_reaches_the_child_too(
    carmen: User, omar: User, sara: User
) -> None:
    interview, family = requested(carmen)
    served = walk_to_served(carmen, omar, sara, interview, determination="NEGATIVE")
    asked = services.interview_mark(
        actor=carmen, interview=served, to=State.IJ_REVIEW_REQUESTED, expected_version=None
    )
    assert asked.ij_review_requested_at is not None
    assert asked.ij_decision_due == asked.ij_review_requested_at + timedelta(days=7)
    assert asked.ij_decision_target == asked.ij_review_requested_at + timedelta(hours=24)
    vacated = services.interview_mark(
        actor=carmen, interview=asked, to=State.IJ_VACATED, expected_version=None
    )
    services.interview_mark(
        actor=carmen, interview=vacated, to=State.NOTICE_TO_APPEAR, expected_version=None
    )
    reasons = dict(NoticeToAppear.objects.values_list("person", "reason"))
    assert reasons == {
        family.rosa.pk: NoticeReason.IJ_VACATED,
        family.tomas.pk: NoticeReason.CROSS_EFFECT,
    }


def test_a_second_interview_after_an_outcome_is_refused_after_a_cancellation_allowed(
    carmen: User, omar: User, sara: User
) -> None:
    interview, family = requested(carmen)
    served = walk_to_served(carmen, omar, sara, interview, determination="POSITIVE")
    services.interview_mark(
        actor=carmen, interview=served, to=State.NOTICE_TO_APPEAR, expected_version=None
    )
    with pytest.raises(services.InterviewInputError, match="already ended"):
        services.interview_request(actor=carmen, person=family.rosa, subject="parent")
    child = services.interview_request(actor=carmen, person=family.tomas, subject="child")
    services.interview_mark(
        actor=carmen, interview=child, to=State.CANCELLED, expected_version=None, note="twice"
    )
    again = services.interview_request(actor=carmen, person=family.tomas, subject="child")
    assert again.state == State.REQUESTED


def test_a_declination_needs_the_person_s_own_words(carmen: User, omar: User, sara: User) -> None:
    interview, _family = requested(carmen)
    served = walk_to_served(carmen, omar, sara, interview, determination="NEGATIVE")
    with pytest.raises(services.InterviewRefused) as refused:
        services.interview_decline_review(
            actor=carmen, interview=served, declined_in_words=False, expected_version=None
        )
    assert refused.value.missing == ("declination_recorded",)
    declined = services.interview_decline_review(
        actor=carmen, interview=served, declined_in_words=True, expected_version=None
    )
    assert declined.state == State.IJ_REVIEW_DECLINED


# --- Edit conflicts ---------------------------------------------------------------


def test_a_worksheet_saved_against_an_older_version_is_refused(carmen: User, omar: User) -> None:
    other = make_user(username="otto", role=Role.ASYLUM_OFFICER)
    interview, _family = requested(carmen)
    services.worksheet_save(
        actor=omar, interview=interview, kind="first", data=first_sheet(), expected_version=0
    )
    # Both open version 1; Otto saves first.
    changed = replace(first_sheet(), qa_notes="Otto's notes")
    services.worksheet_save(
        actor=other, interview=interview, kind="first", data=changed, expected_version=1
    )
    with pytest.raises(services.EditConflict) as conflict:
        services.worksheet_save(
            actor=omar, interview=interview, kind="first", data=first_sheet(), expected_version=1
        )
    assert conflict.value.current.version == 2
    saved = Worksheet.objects.get(interview=interview, kind="first")
    assert saved.qa_notes == "Otto's notes" and saved.version == 2


def test_a_transition_against_an_older_version_is_refused(carmen: User, omar: User) -> None:
    interview, _family = requested(carmen)
    stale = interview.version
    schedule(carmen, interview, omar)
    with pytest.raises(services.EditConflict):
        services.interview_conduct_save(
            actor=omar, interview=interview, record=FULL_CONDUCT, expected_version=stale
        )
    assert not refreshed(interview).m444_served


# --- Who sees what ----------------------------------------------------------------


@pytest.mark.usefixtures("clara")
def test_interviews_are_scoped_like_the_files(
    carmen: User, omar: User, lena: User, marta: User, pilar: User
) -> None:
    clara = User.objects.get(username="clara")
    interview, family = requested(carmen)
    child = services.interview_request(actor=carmen, person=family.tomas, subject="child")
    schedule(carmen, interview, omar)
    assert set(interviews_visible_to(carmen)) == {interview, child}
    assert list(interviews_visible_to(lena)) == [interview]
    assert set(interviews_visible_to(marta)) == {interview, child}
    assert not interviews_visible_to(pilar).exists()
    assert not interviews_visible_to(clara).exists()
    assert pilar.organisation is not None
    represent(family.tomas, pilar.organisation)
    assert list(client_interviews_for(pilar)) == [child]
    assert list(docket_for(omar)) == [refreshed(interview)]
    assert not docket_for(make_user(username="olga", role=Role.ASYLUM_OFFICER)).exists()


@pytest.mark.usefixtures("lena")
def test_counsel_of_other_organisations_are_not_told(carmen: User, omar: User) -> None:
    stranger = make_user(
        username="stranger",
        role=Role.LEGAL_SERVICE_PROVIDER,
        organisation=OrganisationFactory(kind=OrganisationKind.LEGAL_SERVICE_PROVIDER),
        email="x@example.org",
    )
    interview, _family = requested(carmen)
    schedule(carmen, interview, omar)
    told = set(CounselNotification.objects.values_list("organisation", flat=True))
    assert told and stranger.organisation_id not in told
    assert all("x@example.org" not in m.to for m in mail.outbox)


def test_nobody_reachable_is_flagged_not_called_notified(carmen: User, omar: User) -> None:
    # No counsel of record at all (no counsel user granted Rosa's cases).
    interview, _family = requested(carmen)
    interview = schedule(carmen, interview, omar, days=5)
    assert interview.counsel_notified_at is None
    assert [f["code"] for f in interview.flags] == ["no_counsel_reachable"]
    assert AuditEvent.objects.filter(action="interview.counsel_notify").count() == 1


def test_a_reschedule_clears_what_was_recorded_for_the_old_time(carmen: User, omar: User) -> None:
    interview, _family = requested(carmen)
    interview = schedule(carmen, interview, omar)
    interview = services.interview_conduct_save(
        actor=omar, interview=interview, record=FULL_CONDUCT, expected_version=interview.version
    )
    assert interview.m444_served
    moved = schedule(carmen, interview, omar)
    assert moved.state == State.RESCHEDULED
    assert (moved.counsel_presence, moved.m444_served, moved.private_setting) == ("", False, False)
    with pytest.raises(services.InterviewRefused) as refused:
        services.interview_conducted(actor=omar, interview=moved, expected_version=None)
    assert "counsel_or_written_waiver" in refused.value.missing


def test_an_interview_is_not_held_days_before_its_time(carmen: User, omar: User) -> None:
    interview, _family = requested(carmen)
    interview = schedule(carmen, interview, omar, days=3)
    with pytest.raises(services.InterviewRefused) as refused:
        conduct(omar, interview)
    assert refused.value.reason is RefusalReason.TOO_EARLY
    assert refreshed(interview).state == State.SCHEDULED


def test_the_first_interview_started_from_records_is_not_entered(carmen: User, omar: User) -> None:
    """A first worksheet the records started (version 0) holds no account to weigh: a
    negative cannot go up on it, and nothing is compared with it."""
    interview, _family = requested(carmen)
    interview = conduct(omar, schedule(carmen, interview, omar))
    Worksheet.objects.create(
        interview=interview,
        kind=WorksheetKind.FIRST,
        version=0,
        interviewed_on=FIRST_ON,
        updated_at=timezone.now(),
        updated_by=carmen,
    )
    services.worksheet_save(
        actor=omar, interview=interview, kind="new", data=new_sheet(), expected_version=0
    )
    assert comparison_for(interview).result is None
    drafted = services.interview_draft(
        actor=omar,
        interview=refreshed(interview),
        determination="NEGATIVE",
        summary="No fear.",
        expected_version=None,
    )
    with pytest.raises(services.InterviewRefused) as refused:
        services.interview_submit(actor=omar, interview=drafted, expected_version=None)
    assert refused.value.missing == ("first_interview_worksheet",)
    services.worksheet_save(
        actor=omar, interview=interview, kind="first", data=first_sheet(), expected_version=0
    )
    assert comparison_for(interview).inconsistencies


def test_a_waiver_after_the_request_stops_the_scheduling(carmen: User, omar: User) -> None:
    interview, family = requested(carmen)
    # The member elected to waive: eligibility no longer makes the interview actionable.
    PersonEligibility.objects.filter(person=family.rosa).update(actionable=False)
    with pytest.raises(services.InterviewInputError, match="not actionable"):
        schedule(carmen, interview, omar)
    assert refreshed(interview).state == State.REQUESTED


def test_an_unknown_state_is_an_input_error(carmen: User) -> None:
    interview, _family = requested(carmen)
    with pytest.raises(services.InterviewInputError):
        services.interview_mark(
            actor=carmen, interview=interview, to="bogus", expected_version=None
        )


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_two_officers_saving_at_once_one_is_told_of_the_other() -> None:
    """Both opened version 1 and press save together: the row lock orders them, one
    save lands and the other is refused as a conflict, never applied over it."""
    carmen = make_user(username="carmen", role=Role.GOVERNMENT_COORDINATOR)
    omar = make_user(username="omar", role=Role.ASYLUM_OFFICER)
    otto = make_user(username="otto", role=Role.ASYLUM_OFFICER)
    interview, _family = requested(carmen)
    services.worksheet_save(
        actor=omar, interview=interview, kind="first", data=first_sheet(), expected_version=0
    )
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def save(actor: User, notes: str) -> None:
        try:
            start.wait()
            services.worksheet_save(
                actor=actor,
                interview=interview,
                kind="first",
                data=replace(first_sheet(), qa_notes=notes),
                expected_version=1,
            )
            outcomes.append(f"saved:{notes}")
        except services.EditConflict:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=(omar, "omar")),
        threading.Thread(target=save, args=(otto, "otto")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(o.split(":")[0] for o in outcomes) == ["conflict", "saved"]
    saved = Worksheet.objects.get(interview=interview, kind="first")
    winner = next(o for o in outcomes if o.startswith("saved")).split(":")[1]
    assert (saved.version, saved.qa_notes) == (2, winner)
