"""Every read of people's data, scoped to what the user may see.

The one rule: `people_visible_to(user)` is where every person query starts.
Views never query Person directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Count, Model, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from amparo.apps.accounts.models import Role, User
from amparo.apps.accounts.roles import REGISTRY_WIDE_ROLES
from amparo.apps.registry.models import (
    CustodyEvent,
    FearScreening,
    Person,
    PersonCase,
    RecordAssignment,
    Relationship,
    Representation,
    Separation,
    SourceRecord,
)
from amparo.engines.extracts import normalise_a_number, normalise_name


def people_visible_to(user: User) -> QuerySet[Person]:
    if not user.is_active:
        return Person.objects.none()
    if user.role in REGISTRY_WIDE_ROLES:
        return Person.objects.all()
    # A semi-join (id IN (...)), not a join with DISTINCT: every list, count and
    # subquery built on this stays one row per person without sorting the whole scope
    # (bench/load.py: the DISTINCT made counsel's pages 5-10 times slower).
    if user.role == Role.CLASS_COUNSEL:
        return Person.objects.filter(
            pk__in=PersonCase.objects.filter(case_code__in=sorted(user.case_codes())).values(
                "person_id"
            )
        )
    if user.role == Role.LEGAL_SERVICE_PROVIDER and user.organisation_id is not None:
        return Person.objects.filter(
            pk__in=Representation.objects.filter(
                organisation_id=user.organisation_id, ended_at__isnull=True
            ).values("person_id")
        )
    # The court and anyone unrecognised see no person's file.
    return Person.objects.none()


def person_get_for_user(*, user: User, public_id: UUID | str) -> Person:
    """The person, or 404 when they do not exist or the user may not see them
    (the two look the same, so existence does not leak)."""
    try:
        return people_visible_to(user).get(public_id=public_id)
    except (Person.DoesNotExist, ValidationError, ValueError, TypeError) as missing:
        raise Http404("No such person") from missing


def unmerged[M: Model](rows: QuerySet[M], person: str = "") -> QuerySet[M]:
    """`rows` of people (or, through `person`, e.g. "person__", of rows about people)
    who were not merged into someone else.

    Nearly everyone is unmerged. SQLite keeps no statistics and answers "merged_into
    IS NULL" from the merged_into index, then sorts the whole registry for a page of
    50; asked through an expression the test leaves the name-order index to it (a
    page: 150 ms -> under 1 ms with 100,000 people, bench/load.py). PostgreSQL knows
    the fraction from its statistics and plans the plain test well, while the
    expression would hide it (it then expects 0.5 % of the rows and picks nested loops).
    """
    if connection.vendor == "sqlite":
        expressed = rows.alias(merged_or_none=Coalesce(f"{person}merged_into_id", Value(0)))
        return cast("QuerySet[M]", expressed.filter(merged_or_none=0))
    return rows.filter(**{f"{person}merged_into__isnull": True})


def person_search(
    *,
    user: User,
    text: str = "",
    case_code: str = "",
    source: str = "",
    citizenship: str = "",
) -> QuerySet[Person]:
    # A merged person's records now belong to someone else: lists skip them.
    people = unmerged(people_visible_to(user))
    text = text.strip()
    if text:
        a_number = normalise_a_number(text)
        if a_number:
            people = people.filter(
                Q(a_number=a_number)
                | Q(
                    pk__in=RecordAssignment.objects.filter(
                        superseded_at__isnull=True, record__a_number=a_number
                    ).values("person_id")
                )
            )
        else:
            for token in (normalise_name(text) or "").split():
                people = people.filter(name_key__contains=token)
    # Semi-joins again, so that no DISTINCT is needed: the list is read in the order of
    # the name index (registry_person_name_order) and stops at the page.
    if case_code:
        people = people.filter(
            pk__in=PersonCase.objects.filter(case_code=case_code).values("person_id")
        )
    if source:
        people = people.filter(
            pk__in=RecordAssignment.objects.filter(
                superseded_at__isnull=True, record__source=source
            ).values("person_id")
        )
    if citizenship:
        people = people.filter(citizenship=citizenship)
    return people.order_by("surnames", "given_names", "id")


def person_cases_for_user(*, user: User, person: Person) -> QuerySet[PersonCase]:
    """The person's cases that the user may know of: counsel see only their own."""
    cases = person.cases.order_by("case_code")
    if user.role == Role.CLASS_COUNSEL:
        return cases.filter(case_code__in=user.case_codes())
    return cases


def person_records(person: Person) -> QuerySet[SourceRecord]:
    return SourceRecord.objects.filter(
        assignments__person=person, assignments__superseded_at__isnull=True
    ).order_by("source", "record_id")


def person_timeline(person: Person) -> QuerySet[CustodyEvent]:
    return (
        CustodyEvent.objects.filter(
            record__assignments__person=person, record__assignments__superseded_at__isnull=True
        )
        .select_related("record")
        .order_by("occurred_on", "id")
    )


def person_fear_screenings(person: Person) -> QuerySet[FearScreening]:
    return (
        FearScreening.objects.filter(
            record__assignments__person=person, record__assignments__superseded_at__isnull=True
        )
        .select_related("record")
        .order_by("interviewed_on")
    )


def person_separations(*, user: User, person: Person) -> QuerySet[Separation]:
    """Current separations of `person` (as parent or child) whose other side
    the user may also see."""
    current = Separation.objects.filter(superseded_at__isnull=True)
    sides = list(
        current.filter(Q(parent=person) | Q(child=person)).values_list(
            "id", "parent_id", "child_id"
        )
    )
    shown = _both_sides_visible(user, person, sides)
    return (
        current.filter(id__in=shown)
        .select_related("parent", "child")
        .order_by("separated_on", "id")
    )


def person_relationships(*, user: User, person: Person) -> QuerySet[Relationship]:
    """Relationships of `person` whose other side the user may also see: a
    relative's name is part of the relative's file."""
    current = Relationship.objects.filter(superseded_at__isnull=True)
    sides = list(
        current.filter(Q(person=person) | Q(relative=person)).values_list(
            "id", "person_id", "relative_id"
        )
    )
    shown = _both_sides_visible(user, person, sides)
    return current.filter(id__in=shown).select_related("person", "relative")


def _both_sides_visible(user: User, person: Person, sides: list[tuple[int, int, int]]) -> list[int]:
    """The ids of the links (id, one side, other side) of `person` whose other side the
    user may see. The person's few links are read first and the visibility of their
    other sides asked once: a filter on "other side in everyone visible" made the
    database walk the whole scope for each page (bench/load.py)."""
    others = {a if b == person.pk else b for _link, a, b in sides}
    visible = set(people_visible_to(user).filter(pk__in=others).values_list("pk", flat=True))
    return [
        link
        for link, a, b in sides
        if (a == person.pk and b in visible) or (b == person.pk and a in visible)
    ]


@dataclass(frozen=True, slots=True)
class RegistryCounts:
    people: int
    records_by_source: dict[str, int]
    people_by_case: dict[str, int]


def registry_counts(people: QuerySet[Person] | None = None) -> RegistryCounts:
    """Aggregates over `people` (a scoped queryset), or over the whole registry
    when None: only for roles allowed registry-wide aggregates."""
    records = SourceRecord.objects.all()
    if people is None:
        people = Person.objects.all()
    else:
        records = records.filter(
            assignments__superseded_at__isnull=True,
            assignments__person__in=people.values("id"),
        )
    by_source = dict(
        records.order_by().values_list("source").annotate(n=Count("id")).values_list("source", "n")
    )
    by_case = dict(
        PersonCase.objects.filter(person__in=people.values("id"))
        .order_by()
        .values_list("case_code")
        .annotate(n=Count("person_id", distinct=True))
        .values_list("case_code", "n")
    )
    return RegistryCounts(people.count(), by_source, by_case)
