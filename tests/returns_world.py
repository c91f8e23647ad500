"""A deported parent for the return-process tests: Rosa (a Ms. L. parent removed on
2018-06-20 without her son Tomás), her return case opened by the real service, the
in-country partners who search, and small helpers to walk the case on."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from django.utils import timezone

from amparo.apps.accounts.models import Organisation, OrganisationKind, Role, User
from amparo.apps.eligibility.models import Answer, PersonEligibility
from amparo.apps.returns import services
from amparo.apps.returns.models import Category, ReturnCase
from tests.factories import make_user
from tests.interviews_world import Family, make_family

REMOVED_ON = date(2018, 6, 20)
# The smallest files each kind's signature accepts.
PDF = b"%PDF-1.4\n% signed consent\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def partner_org(name: str = "Red de Búsqueda Huehuetenango") -> Organisation:
    return Organisation.objects.create(name=name, kind=OrganisationKind.IN_COUNTRY_PARTNER)


def partner_user(username: str, organisation: Organisation) -> User:
    return make_user(username=username, role=Role.IN_COUNTRY_PARTNER, organisation=organisation)


def open_case(actor: User) -> tuple[Family, ReturnCase]:
    """Rosa's family, with the eligibility rules' answer that she is a return candidate
    (as a recompute over her removal would give), and her case opened."""
    family = make_family()
    PersonEligibility.objects.filter(person=family.rosa).update(return_candidate=Answer.YES)
    opened = services.return_cases_open(actor=actor)
    assert opened.opened == 1
    case = ReturnCase.objects.get(person=family.rosa)
    ReturnCase.objects.filter(pk=case.pk).update(removed_on=REMOVED_ON, country="GTM")
    case.refresh_from_db()
    return family, case


def at(days_ago: int) -> datetime:
    return timezone.now() - timedelta(days=days_ago)


def reach(actor: User, case: ReturnCase, days_ago: int = 90) -> ReturnCase:
    services.contact_attempt_record(
        actor=actor, case=case, channel="phone", outcome="reached", at=at(days_ago)
    )
    case.refresh_from_db()
    return case


def consent(actor: User, case: ReturnCase, partner: Organisation, *categories: Category) -> None:
    services.consent_record(
        actor=actor,
        case=case,
        partner=partner,
        categories=[c.value for c in categories],
        signed_on=timezone.localdate() - timedelta(days=1),
        scan=PDF,
    )


def prepared(actor: User, case: ReturnCase, *, on: date | None = None) -> ReturnCase:
    """Reached, wishing to return, statement written and one document attached."""
    case = reach(actor, case)
    case = services.wish_record(
        actor=actor,
        case=case,
        expected_version=case.version,
        wish="apply",
        on=on or timezone.localdate(),
    )
    case = services.application_save(
        actor=actor,
        case=case,
        expected_version=case.version,
        statement="Rosa was removed while Tomás was in ORR care; she fears the men who...",
    )
    services.evidence_add(actor=actor, case=case, description="Declaration", data=PDF)
    case.refresh_from_db()
    return case


def media(settings: object, tmp_path: Path) -> Path:
    root = tmp_path / "media"
    settings.MEDIA_ROOT = str(root)  # type: ignore[attr-defined]
    return root
