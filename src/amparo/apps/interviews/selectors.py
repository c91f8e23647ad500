"""Every read of interviews, scoped to what the user may see.

An interview is part of its person's file: visible exactly when the person is
(`people_visible_to`), and an unseen one is a 404. Counsel and legal service providers
see their own clients' interviews (times and outcome), never the worksheets.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404

from amparo.apps.accounts.models import Organisation, OrganisationKind, Role, User
from amparo.apps.accounts.roles import (
    reads_interview_records,
    reads_person_files,
    requests_interviews,
    reviews_determinations,
    sees_whole_registry,
)
from amparo.apps.eligibility.models import Answer, PersonEligibility
from amparo.apps.interviews.models import (
    OPEN_STATES,
    Interview,
    InterviewEvent,
    InterviewState,
    InterviewSubject,
    NoticeToAppear,
)
from amparo.apps.registry.models import Person, PersonCase, Representation, Separation
from amparo.apps.registry.selectors import people_visible_to
from amparo.engines.interviews import LinkedMember, State

# What the docket lists by default: interviews an officer still has work on.
DOCKET_STATES = (
    # Waiting for a time (the coordinators' part of the docket).
    InterviewState.REQUESTED,
    InterviewState.SCHEDULED,
    InterviewState.RESCHEDULED,
    InterviewState.NO_SHOW,
    InterviewState.CONDUCTED,
    InterviewState.DETERMINATION_DRAFTED,
    InterviewState.RETURNED,
    InterviewState.APPROVED,
    # A negative served: the person's answer on a judge's review is pending, then the
    # judge's decision with its deadline.
    InterviewState.SERVED,
    InterviewState.IJ_REVIEW_REQUESTED,
)


def interviews_visible_to(user: User) -> QuerySet[Interview]:
    if not reads_person_files(user):
        return Interview.objects.none()
    if sees_whole_registry(user):
        # Everyone is visible: no need to join the people (the docket's hot path).
        return Interview.objects.all()
    return Interview.objects.filter(person__in=people_visible_to(user).values("id"))


def interview_get_for_user(*, user: User, public_id: UUID | str) -> Interview:
    """The interview, or 404 when it does not exist or its person is not visible to
    the user (the two look the same)."""
    try:
        return (
            interviews_visible_to(user)
            .select_related("person", "officer", "requested_by", "drafted_by", "supervisor")
            .get(public_id=public_id)
        )
    except (Interview.DoesNotExist, ValidationError, ValueError, TypeError) as missing:
        raise Http404("No such interview") from missing


def docket_for(
    user: User, *, everyone: bool = False, state: str = "", day: str = ""
) -> QuerySet[Interview]:
    """An officer's docket: their own interviews still needing work, soonest first.
    `everyone` (coordinators and supervisors) lists every officer's."""
    interviews = interviews_visible_to(user)
    if not (everyone and reads_interview_records(user)):
        interviews = interviews.filter(officer=user)
    if state:
        interviews = interviews.filter(state=state)
    else:
        interviews = interviews.filter(state__in=DOCKET_STATES)
    if day:
        interviews = interviews.filter(scheduled_for__date=day)
    return interviews.select_related("person", "officer").order_by("scheduled_for", "id")


def review_queue_for(user: User) -> QuerySet[Interview]:
    """Drafts waiting for a supervisor, oldest first."""
    if not reviews_determinations(user):
        return Interview.objects.none()
    return (
        interviews_visible_to(user)
        .filter(state=InterviewState.SUPERVISORY_REVIEW)
        .select_related("person", "officer", "drafted_by")
        .order_by("updated_at", "id")
    )


def client_interviews_for(user: User) -> QuerySet[Interview]:
    """Counsel and legal service providers: their own clients' interviews."""
    if user.role not in (Role.CLASS_COUNSEL, Role.LEGAL_SERVICE_PROVIDER):
        return Interview.objects.none()
    return (
        interviews_visible_to(user)
        .select_related("person")
        .order_by("-scheduled_for", "-requested_at", "id")
    )


def person_interviews(*, user: User, person: Person) -> QuerySet[Interview]:
    return interviews_visible_to(user).filter(person=person).order_by("-requested_at", "-id")


def interview_events(interview: Interview) -> QuerySet[InterviewEvent]:
    return interview.events.select_related("actor").order_by("at", "id")


def notice_for(person: Person) -> NoticeToAppear | None:
    return NoticeToAppear.objects.filter(person=person).first()


def counsel_of_record(person: Person) -> list[tuple[Organisation, list[str]]]:
    """Who is told of the person's interview: the legal service providers that
    represent the person, and class counsel of the person's cases; each with the
    addresses of its active users."""
    represented = Representation.objects.filter(person=person, ended_at__isnull=True).values(
        "organisation_id"
    )
    cases = list(PersonCase.objects.filter(person=person).values_list("case_code", flat=True))
    organisations = (
        Organisation.objects.filter(
            Q(pk__in=represented)
            | Q(
                kind=OrganisationKind.CLASS_COUNSEL,
                users__is_active=True,
                users__case_grants__case_code__in=cases,
            )
        )
        .distinct()
        .order_by("name")
    )
    found: list[tuple[Organisation, list[str]]] = []
    for organisation in organisations:
        emails = sorted(
            User.objects.filter(organisation=organisation, is_active=True)
            .exclude(email="")
            .filter(role__in=[Role.CLASS_COUNSEL, Role.LEGAL_SERVICE_PROVIDER])
            .values_list("email", flat=True)
        )
        found.append((organisation, emails))
    return found


@dataclass(frozen=True, slots=True)
class Linked:
    """The other side of a parent-child link, as the cross-effect needs it."""

    person: Person
    member: LinkedMember
    interview: Interview | None
    is_class_member: bool


def linked_members(interview: Interview) -> list[Linked]:
    """The person's separated children (for a parent's interview) or parents (for a
    child's), each with their open interview if any and whether they are a class
    member (the cross-effect acts only for members)."""
    person = interview.person
    separations = Separation.objects.filter(superseded_at__isnull=True)
    if interview.subject == "parent":
        others = separations.filter(parent=person).values_list("child_id", flat=True)
    else:
        others = separations.filter(child=person).values_list("parent_id", flat=True)
    people = Person.objects.filter(pk__in=list(others), merged_into__isnull=True).order_by("pk")
    members = set(
        PersonEligibility.objects.filter(person__in=people, superseded_at__isnull=True)
        .filter(Q(ms_l_parent=Answer.YES) | Q(mmm_child=Answer.YES) | Q(dora_parent=Answer.YES))
        .values_list("person_id", flat=True)
    )
    # Each linked person's open interview, else their latest: one query for all.
    own_interview: dict[int, Interview] = {}
    for iv in Interview.objects.filter(person__in=people).order_by("-requested_at", "-id"):
        seen = own_interview.get(iv.person_id)
        if seen is None or (iv.is_open and not seen.is_open):
            own_interview[iv.person_id] = iv
    linked: list[Linked] = []
    for other in people:
        own = own_interview.get(other.pk)
        linked.append(
            Linked(
                person=other,
                member=LinkedMember(
                    person_id=str(other.public_id),
                    interview_id=str(own.public_id) if own else None,
                    state=State(own.state) if own else None,
                ),
                interview=own,
                is_class_member=other.pk in members,
            )
        )
    return linked


@dataclass(frozen=True, slots=True)
class PersonInterviews:
    """What `interviews/_person_interviews.html` shows on a person's page."""

    interviews: tuple[Interview, ...]
    notice: NoticeToAppear | None
    may_request: bool
    subjects: tuple[tuple[str, str], ...]


def interviews_for_person(*, user: User, person: Person) -> PersonInterviews:
    current = PersonEligibility.objects.filter(person=person, superseded_at__isnull=True).first()
    # Open, or ended with an outcome (a cancelled interview may be asked for again).
    taken = [*OPEN_STATES, State.NOTICE_TO_APPEAR, State.IJ_AFFIRMED, State.IJ_REVIEW_DECLINED]
    open_subjects = set(
        Interview.objects.filter(person=person, state__in=taken).values_list("subject", flat=True)
    )
    owed: list[tuple[str, str]] = []
    if current is not None and current.actionable:
        if current.parent_procedures == Answer.YES and "parent" not in open_subjects:
            owed.append((InterviewSubject.PARENT.value, str(InterviewSubject.PARENT.label)))
        if current.child_interview == Answer.YES and "child" not in open_subjects:
            owed.append((InterviewSubject.CHILD.value, str(InterviewSubject.CHILD.label)))
    return PersonInterviews(
        interviews=tuple(person_interviews(user=user, person=person)),
        notice=notice_for(person),
        may_request=requests_interviews(user) and bool(owed) and person.merged_into_id is None,
        subjects=tuple(owed),
    )
