"""Every read of a return case, scoped to the reader.

Coordinators and administrators see every case; class counsel the cases of parents
whose files they may see (`people_visible_to`); an in-country partner only the cases
their organisation was asked to search, and of those the locating sheet plus what a
current written consent to that organisation allows. Anyone else sees none. A case the
reader may not see is a 404, so its existence does not leak.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet, ValidationError
from django.db.models import Count, Max, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from amparo.apps.accounts.models import Role, User
from amparo.apps.accounts.roles import RETURN_READING_ROLES, searches_as_partner
from amparo.apps.registry.models import CustodyEvent, Person, Separation
from amparo.apps.registry.selectors import people_visible_to
from amparo.apps.returns.models import Category, Consent, ReturnCase, StageChoices
from amparo.engines.returns import CaseFacts, Measures, Stage, measure

# How long the figures of a scope are kept (measures_for).
MEASURES_SECONDS = 60


def cases_visible_to(user: User) -> QuerySet[ReturnCase]:
    if not user.is_active:
        return ReturnCase.objects.none()
    if user.role in RETURN_READING_ROLES:
        if user.role == Role.CLASS_COUNSEL:
            return ReturnCase.objects.filter(person__in=people_visible_to(user).values("pk"))
        return ReturnCase.objects.all()
    if searches_as_partner(user):
        return ReturnCase.objects.filter(
            assignments__partner_id=user.organisation_id, assignments__ended_at__isnull=True
        ).distinct()
    return ReturnCase.objects.none()


def case_get_for_user(*, user: User, public_id: str) -> ReturnCase:
    try:
        return cases_visible_to(user).select_related("person", "interview").get(public_id=public_id)
    except (ReturnCase.DoesNotExist, ValidationError, ValueError, TypeError) as missing:
        raise Http404("No such return case") from missing


def current_consents(case: ReturnCase, partner_id: int, on: date | None = None) -> list[Consent]:
    """Consents to this partner in force on `on` (today): signed, not expired, not
    withdrawn."""
    on = on or timezone.localdate()
    return [
        consent
        for consent in case.consents.filter(partner_id=partner_id, withdrawn_at__isnull=True)
        if consent.signed_on <= on and (consent.expires_on is None or consent.expires_on >= on)
    ]


def consent_covering(
    case: ReturnCase, partner_id: int, categories: list[str], on: date | None = None
) -> Consent | None:
    """The newest consent in force to this partner that covers every category asked."""
    wanted = set(categories)
    for consent in current_consents(case, partner_id, on):
        if wanted <= set(consent.categories):
            return consent
    return None


@dataclass(frozen=True, slots=True)
class Whereabouts:
    kind: str
    place: str
    on: date


@dataclass(frozen=True, slots=True)
class ChildLink:
    """A child the parent was separated from, as far as the reader may see them."""

    person: Person | None
    separated_on: date | None
    whereabouts: Whereabouts | None


def whereabouts_of(person: Person) -> Whereabouts | None:
    """The latest custody fact on the child's records (discharged to a sponsor in
    Houston, still in ORR care, removed)."""
    event = (
        CustodyEvent.objects.filter(
            record__assignments__person=person, record__assignments__superseded_at__isnull=True
        )
        .order_by("-occurred_on", "-id")
        .first()
    )
    if event is None:
        return None
    return Whereabouts(event.get_kind_display(), event.place, event.occurred_on)


def children_of(case: ReturnCase, user: User) -> list[ChildLink]:
    """The children on the parent's current separations. A child whose file the reader
    may not see is listed without name or whereabouts (the link exists; the file is
    another case's)."""
    separations = Separation.objects.filter(
        parent=case.person, superseded_at__isnull=True
    ).select_related("child")
    visible = set(
        people_visible_to(user)
        .filter(pk__in=[s.child_id for s in separations])
        .values_list("pk", flat=True)
    )
    links = []
    for separation in separations:
        child = separation.child
        seen = child.pk in visible
        links.append(
            ChildLink(
                child if seen else None,
                separation.separated_on,
                whereabouts_of(child) if seen else None,
            )
        )
    return links


@dataclass(frozen=True, slots=True)
class PartnerSheet:
    """What an in-country partner may read of one case."""

    case: ReturnCase
    categories: frozenset[str]
    consents: tuple[Consent, ...]
    children: tuple[ChildLink, ...]


# Stages that say something of the application: shown to a partner only with consent
# to the application, else as "contacted" beside the wish to return.
APPLICATION_STAGES = frozenset(
    {Stage.APPLIED, Stage.APPROVED, Stage.DENIED, Stage.TRAVELLING, Stage.RETURNED}
)


def partner_status(case: ReturnCase, categories: frozenset[str]) -> str:
    """Where the case stands, as far as the partner's consent reaches."""
    if (
        case.stage in APPLICATION_STAGES or case.stage == Stage.PREPARING
    ) and Category.APPLICATION not in categories:
        # Reached, with the wish shown beside it: nothing of an application.
        return str(StageChoices.CONTACTED.label)
    return str(case.get_stage_display())


def partner_sheet(case: ReturnCase, partner_id: int) -> PartnerSheet:
    consents = tuple(current_consents(case, partner_id))
    categories = frozenset(c for consent in consents for c in consent.categories)
    children: tuple[ChildLink, ...] = ()
    if Category.CHILD_WHEREABOUTS in categories:
        separations = Separation.objects.filter(
            parent=case.person, superseded_at__isnull=True
        ).select_related("child")
        children = tuple(
            ChildLink(s.child, s.separated_on, whereabouts_of(s.child)) for s in separations
        )
    return PartnerSheet(case, categories, consents, children)


def case_facts(case: ReturnCase) -> CaseFacts:
    return CaseFacts(
        country=case.country,
        region=case.region,
        stage=Stage(case.stage),
        located=case.located_at is not None,
        contacted=case.contacted_at is not None,
        applied=case.submitted_at is not None,
        approved=case.decision == "approved",
        returned=case.arrived_on is not None,
    )


def measures_for(user: User) -> Measures:
    """The figures over the cases the reader may see; the court (which sees no case)
    reads them over every case, as aggregates."""
    cases = ReturnCase.objects.all() if user.role == Role.COURT else cases_visible_to(user)
    # Both returns pages show these on every view. They are kept per scope (its SQL)
    # and per state of its cases: how many, their versions (every service's save adds
    # one) and the newest id, so a change shows at once; the time limit bounds a change
    # made some other way.
    try:
        scope = str(cases.query)
    except EmptyResultSet:  # sees no case
        return measure(())
    stamp = cases.aggregate(n=Count("id"), versions=Sum("version"), newest=Max("id"))
    key = (
        "returns-measures:"
        + hashlib.sha256(f"{scope}|{sorted(stamp.items())}".encode()).hexdigest()
    )
    kept = cache.get(key)
    if isinstance(kept, Measures):
        return kept
    measured = _measured(cases)
    cache.set(key, measured, MEASURES_SECONDS)
    return measured


def _measured(cases: QuerySet[ReturnCase]) -> Measures:
    # The facts as tuples computed by the database, not as model instances: building
    # 3,000 instances (and parsing their timestamps) was most of the returns pages' time
    # (bench/load.py). The same facts as case_facts.
    rows = cases.annotate(
        is_located=Q(located_at__isnull=False),
        is_contacted=Q(contacted_at__isnull=False),
        is_applied=Q(submitted_at__isnull=False),
        is_returned=Q(arrived_on__isnull=False),
    ).values_list(
        "country",
        "region",
        "stage",
        "decision",
        "is_located",
        "is_contacted",
        "is_applied",
        "is_returned",
    )
    return measure(
        CaseFacts(
            country=country,
            region=region,
            stage=Stage(stage),
            located=bool(located),
            contacted=bool(contacted),
            applied=bool(applied),
            approved=decision == "approved",
            returned=bool(returned),
        )
        for country, region, stage, decision, located, contacted, applied, returned in rows
    )
