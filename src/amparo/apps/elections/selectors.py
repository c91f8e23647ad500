"""Every read of elections, scoped to what the user may see.

An election is part of its member's file: it is visible exactly when the
member is (`people_visible_to`), and an unseen one is a 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404

from amparo.apps.accounts.models import Organisation, OrganisationKind, Role, User
from amparo.apps.accounts.roles import reads_election_inbox, records_elections
from amparo.apps.elections.models import Election, ElectionRoute, ElectionStatus
from amparo.apps.registry.models import Person
from amparo.apps.registry.selectors import people_visible_to


def election_current(person: Person) -> Election | None:
    return (
        Election.objects.filter(person=person, superseded_at__isnull=True)
        .select_related("recorded_by")
        .first()
    )


def election_status(person: Person) -> ElectionStatus:
    """STAY or WAIVE from the current election; NONE when no form was
    returned, which is never a waiver."""
    current = election_current(person)
    if current is None:
        return ElectionStatus.NONE
    return ElectionStatus(current.choice)


def elections_visible_to(user: User) -> QuerySet[Election]:
    return Election.objects.filter(person__in=people_visible_to(user).values("id"))


def election_get_for_user(*, user: User, public_id: UUID | str) -> Election:
    """The election, or 404 when it does not exist or its member is not
    visible to the user (the two look the same)."""
    try:
        return (
            elections_visible_to(user)
            .select_related("person", "recorded_by", "supersedes")
            .get(public_id=public_id)
        )
    except (Election.DoesNotExist, ValidationError, ValueError, TypeError) as missing:
        raise Http404("No such election") from missing


def election_inbox_for(user: User) -> QuerySet[Election]:
    """Elections routed to the user's organisation, newest first; coordinators
    and administrators see every election."""
    if not reads_election_inbox(user):
        return Election.objects.none()
    elections = elections_visible_to(user)
    if user.role == Role.CLASS_COUNSEL:
        if user.organisation_id is None:
            return Election.objects.none()
        routed = ElectionRoute.objects.filter(organisation_id=user.organisation_id)
        elections = elections.filter(pk__in=routed.values("election_id"))
    return elections.select_related("person", "recorded_by").order_by("-recorded_at", "-id")


def election_routes_for_user(*, user: User, election: Election) -> QuerySet[ElectionRoute]:
    """Where the election went. Counsel see only the routes of their own cases
    (another case's routing would tell them the member is in that case)."""
    routes = election.routes.select_related("organisation").order_by(
        "case_code", "organisation__name"
    )
    if user.role == Role.CLASS_COUNSEL:
        return routes.filter(case_code__in=user.case_codes())
    return routes


def election_cases_for_user(*, user: User, election: Election) -> list[str]:
    """The member's cases when the election was recorded, as the user may know them."""
    if user.role == Role.CLASS_COUNSEL:
        own = user.case_codes()
        return [c for c in election.cases if c in own]
    return list(election.cases)


def counsel_organisations_for(case_code: str) -> list[Organisation]:
    """Class counsel organisations with an active user granted `case_code`:
    where an election of a member of that case goes."""
    return list(
        Organisation.objects.filter(
            kind=OrganisationKind.CLASS_COUNSEL,
            users__is_active=True,
            users__case_grants__case_code=case_code,
        )
        .distinct()
        .order_by("name")
    )


@dataclass(frozen=True, slots=True)
class PersonElection:
    """What `elections/_person_election.html` shows on a person's page."""

    person: Person
    status: ElectionStatus
    current: Election | None
    history: tuple[Election, ...]
    is_class_member: bool
    may_record: bool


def election_for_person(*, user: User, person: Person) -> PersonElection:
    if not people_visible_to(user).filter(pk=person.pk).exists():
        raise Http404("No such person")
    elections = list(
        Election.objects.filter(person=person)
        .select_related("recorded_by")
        .order_by("-recorded_at", "-id")
    )
    current = next((e for e in elections if e.superseded_at is None), None)
    is_class_member = person.cases.exists()
    return PersonElection(
        person=person,
        status=ElectionStatus(current.choice) if current is not None else ElectionStatus.NONE,
        current=current,
        history=tuple(e for e in elections if e.superseded_at is not None),
        is_class_member=is_class_member,
        may_record=records_elections(user) and is_class_member and person.merged_into_id is None,
    )
