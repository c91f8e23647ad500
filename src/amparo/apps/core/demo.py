"""The demo world: a synthetic world imported through the real import service,
and one account for every role, so `make run` shows every part working."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone

from amparo.apps.accounts.models import Organisation, OrganisationKind, Role, User
from amparo.apps.accounts.roles import needs_two_factor
from amparo.apps.accounts.services import (
    organisation_get_or_create,
    totp_device_demo_ensure,
    user_create,
)
from amparo.apps.core.cases import CaseCode
from amparo.apps.elections.demo import demo_election
from amparo.apps.elections.models import Election
from amparo.apps.eligibility.services import eligibility_recompute
from amparo.apps.ingest.services import UploadedExtract, import_batch_create, import_batch_run
from amparo.apps.interviews.demo import demo_interviews
from amparo.apps.lifecycle.demo import lifecycle_demo
from amparo.apps.linkage.services import linkage_run_create, linkage_run_execute
from amparo.apps.notices.demo import demo_notices, demo_objections
from amparo.apps.registry.models import Person, Representation, SourceRecord
from amparo.apps.registry.services import representations_record
from amparo.apps.reports.demo import demo_report_snapshot
from amparo.apps.returns.demo import demo_returns
from amparo.apps.scheduling.demo import demo_scheduling
from amparo.engines.synth import SynthConfig, generate_world, write_world

# Local demo only: `make run` serves 127.0.0.1 and says so when it starts.
DEMO_PASSWORD = "amparo-demo-2018"  # noqa: S105
DEMO_REPRESENTED_PEOPLE = 12


@dataclass(frozen=True, slots=True)
class DemoAccount:
    username: str
    role: Role
    organisation: tuple[str, OrganisationKind] | None
    cases: tuple[CaseCode, ...] = ()
    first_name: str = ""
    last_name: str = ""


DEMO_ACCOUNTS = (
    DemoAccount("admin", Role.ADMINISTRATOR, None, first_name="Ada", last_name="Admin"),
    DemoAccount(
        "coordinator",
        Role.GOVERNMENT_COORDINATOR,
        ("Department of Homeland Security", Organisation.Kind.GOVERNMENT),
        first_name="Carmen",
        last_name="Coordinator",
    ),
    DemoAccount(
        "officer",
        Role.ASYLUM_OFFICER,
        ("USCIS Asylum Division", Organisation.Kind.GOVERNMENT),
        first_name="Omar",
        last_name="Officer",
    ),
    DemoAccount(
        "supervisor",
        Role.SUPERVISORY_OFFICER,
        ("USCIS Asylum Division", Organisation.Kind.GOVERNMENT),
        first_name="Sara",
        last_name="Supervisor",
    ),
    DemoAccount(
        "counsel_msl",
        Role.CLASS_COUNSEL,
        ("Class counsel, Ms. L.", Organisation.Kind.CLASS_COUNSEL),
        (CaseCode.MS_L,),
        first_name="Lee",
        last_name="Gelernt-Demo",
    ),
    DemoAccount(
        "counsel_mmm",
        Role.CLASS_COUNSEL,
        ("Class counsel, M.M.M. and Dora", Organisation.Kind.CLASS_COUNSEL),
        (CaseCode.MMM, CaseCode.DORA),
        first_name="Marta",
        last_name="Counsel",
    ),
    DemoAccount(
        "provider",
        Role.LEGAL_SERVICE_PROVIDER,
        ("Frontera Legal Aid (demo)", Organisation.Kind.LEGAL_SERVICE_PROVIDER),
        first_name="Pilar",
        last_name="Provider",
    ),
    DemoAccount(
        "partner",
        Role.IN_COUNTRY_PARTNER,
        ("Red de Búsqueda Huehuetenango (demo)", Organisation.Kind.IN_COUNTRY_PARTNER),
        first_name="Pablo",
        last_name="Partner",
    ),
    DemoAccount(
        "court",
        Role.COURT,
        ("U.S. District Court, S.D. Cal.", Organisation.Kind.COURT),
        first_name="Clara",
        last_name="Clerk",
    ),
)


@dataclass(frozen=True, slots=True)
class DemoResult:
    people: int
    records: int
    accounts: list[tuple[str, str]]


def demo_accounts_ensure() -> list[tuple[str, str]]:
    """Every demo account, and for the roles that sign in with a code an authenticator
    marked as a demo one, whose code a local install shows at the code step."""
    made = []
    for account in DEMO_ACCOUNTS:
        user = User.objects.filter(username=account.username).first()
        if user is None:
            organisation = (
                organisation_get_or_create(
                    actor=None, name=account.organisation[0], kind=account.organisation[1]
                )
                if account.organisation
                else None
            )
            user = user_create(
                actor=None,
                username=account.username,
                password=DEMO_PASSWORD,
                role=account.role,
                organisation=organisation,
                case_codes=account.cases,
                first_name=account.first_name,
                last_name=account.last_name,
                # Mail to counsel goes to the console in the demo; these addresses
                # show who would receive it.
                email=f"{account.username}@demo.amparo.invalid",
                reason="demo account",
            )
        if needs_two_factor(user):
            totp_device_demo_ensure(user=user)
        made.append((account.username, str(account.role.label)))
    return made


def _demo_representations() -> None:
    provider = Organisation.objects.get(name="Frontera Legal Aid (demo)")
    if Representation.objects.filter(organisation=provider).exists():
        return
    people = list(
        Person.objects.filter(cases__case_code=CaseCode.DORA).order_by("id")[
            :DEMO_REPRESENTED_PEOPLE
        ]
    )
    representations_record(
        actor=None,
        organisation=provider,
        people=people,
        g28_filed_on=timezone.localdate(),
        reason="demo: G-28s on file for the demo provider",
    )


DEMO_ELECTIONS_STAY = 4


def _demo_elections() -> None:
    """A few Ms. L. parents owed a new interview have returned their form through
    counsel: most stay (their interview becomes actionable), one waives; everyone else
    has no election, which is not a waiver."""
    counsel_user = User.objects.get(username="counsel_msl")
    if Election.objects.exists():
        return
    # Parents owed a new interview, so the demo shows what an election changes.
    parents = list(
        Person.objects.filter(
            eligibility__superseded_at__isnull=True,
            eligibility__ms_l_parent="yes",
            eligibility__parent_procedures="yes",
        ).order_by("id")[: DEMO_ELECTIONS_STAY + 1]
    )
    for index, parent in enumerate(parents):
        demo_election(counsel_user, parent, waive=index == DEMO_ELECTIONS_STAY)


def demo_build(
    *, families: int, seed: int, on_progress: Callable[[int, int], None] | None = None
) -> DemoResult:
    accounts = demo_accounts_ensure()
    coordinator = User.objects.get(username="coordinator")
    with tempfile.TemporaryDirectory(prefix="amparo-demo-") as tmp:
        write_world(generate_world(SynthConfig(families=families, seed=seed)), Path(tmp))
        uploads = [UploadedExtract(p.name, p.read_bytes()) for p in sorted(Path(tmp).glob("*.csv"))]
    # Re-running the demo imports the same files again, which changes nothing.
    batch = import_batch_create(actor=coordinator, files=uploads, note="demo world")
    import_batch_run(batch_id=batch.pk, actor=coordinator, on_progress=on_progress)
    run = linkage_run_create(actor=coordinator, reason="demo world: find the families")
    linkage_run_execute(run_id=run.pk, actor=coordinator)
    # Who is in and what they are owed, decided before counsel's access is given out.
    eligibility_recompute(actor=coordinator, reason="demo world: decide class membership")
    _demo_representations()
    _demo_elections()
    demo_interviews()
    demo_scheduling()
    demo_notices()
    demo_objections()
    demo_report_snapshot("demo: joint status report, before the search for deported parents")
    demo_returns()
    demo_report_snapshot("demo: joint status report, after the first week of searching")
    # What the retention rules would do at the settlement's end: counted, never applied,
    # so the demo keeps its data and the administrator's page has figures to show.
    lifecycle_demo(actor=User.objects.get(username="admin"))
    return DemoResult(Person.objects.count(), SourceRecord.objects.count(), accounts)
