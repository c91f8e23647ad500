"""The world the access matrix walks: for each settlement case a separated parent and
child with an object of every kind a URL names by id, and one user for every role,
with and without a share of the cases.

Each person's surnames are a word found nowhere else in the system (and each A-number is
unique), so a page that shows a person can be caught doing it by searching its body.
Everything is written by the real services where one exists (imports by the test
helpers other worlds use); rows by hand only where the import or an identification run
would have written them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from amparo.apps.accounts.models import (
    ApiToken,
    Organisation,
    OrganisationKind,
    Role,
    User,
)
from amparo.apps.accounts.services import api_token_create
from amparo.apps.core.cases import CaseCode
from amparo.apps.elections.models import Election, ElectionChoice, ElectionSource, SignerKind
from amparo.apps.elections.services import ScanUpload, election_record
from amparo.apps.eligibility.models import Answer, PersonEligibility
from amparo.apps.ingest.models import ImportBatch
from amparo.apps.interviews import services as interviews
from amparo.apps.interviews.models import Interview
from amparo.apps.linkage.models import LinkageRun, ReviewItem, ReviewKind
from amparo.apps.linkage.services import linkage_run_create
from amparo.apps.notices.models import ClassNotice, Objection
from amparo.apps.notices.objections import ObjectionInput, objection_record_paper
from amparo.apps.notices.services import notice_generate
from amparo.apps.registry.models import (
    Decider,
    Person,
    RecordAssignment,
    Separation,
    SeparationStatus,
)
from amparo.apps.reports.models import ReportSnapshot
from amparo.apps.reports.services import report_snapshot_take
from amparo.apps.returns import services as returns
from amparo.apps.returns.models import Category, Consent, CourtMotion, Evidence, ReturnCase
from amparo.apps.scheduling.models import Facility, Interpreter, RunState, ScheduleRun
from amparo.apps.scheduling.resources import (
    facility_save,
    interpreter_save,
    officer_availability_save,
)
from amparo.apps.scheduling.services import (
    earliest_start,
    schedule_run_create,
    schedule_run_execute,
)
from tests.factories import OrganisationFactory, counsel, make_person, make_user, represent
from tests.interviews_world import conduct, enter_sheets, owe, schedule
from tests.reports_world import custody
from tests.returns_world import PDF, consent, partner_org, partner_user, prepared, reach
from tests.scheduling_world import WEEK

CASES: tuple[str, ...] = (CaseCode.MS_L.value, CaseCode.MMM.value, CaseCode.DORA.value)
# The case the organisation-scoped users (a provider, a partner) have a share of.
SHARED_CASE = CaseCode.MS_L.value
MEMBERSHIP_FLAG = {CaseCode.MS_L: "ms_l", CaseCode.MMM: "mmm", CaseCode.DORA: "dora"}
SEPARATED_ON = date(2018, 5, 28)
REMOVED_ON = date(2018, 6, 20)


@dataclass(frozen=True, slots=True)
class CaseObjects:
    """One settlement case's people and everything of theirs a URL can name."""

    code: str
    parent: Person
    child: Person
    batch: ImportBatch
    run: LinkageRun
    review_item: ReviewItem
    election: Election
    interview: Interview
    notice: ClassNotice
    objection: Objection
    return_case: ReturnCase
    consent: Consent
    evidence: Evidence
    motion: CourtMotion
    counsel_organisation: Organisation

    @property
    def people(self) -> tuple[Person, Person]:
        return (self.parent, self.child)


@dataclass(frozen=True, slots=True)
class Persona:
    """A user of the matrix: `cases` are the settlement cases whose objects the user has
    a share of (a grant, a representation, a search assignment)."""

    key: str
    user: User
    cases: frozenset[str]
    token: ApiToken
    token_key: str


@dataclass(frozen=True, slots=True)
class World:
    cases: dict[str, CaseObjects]
    personas: dict[str, Persona]
    officer: User
    interpreter: Interpreter
    facility: Facility
    schedule_run: ScheduleRun
    snapshot: ReportSnapshot
    provider_organisation: Organisation

    def people(self) -> list[Person]:
        return [p for objects in self.cases.values() for p in objects.people]


def _tag(code: str) -> str:
    return code.replace("_", "").capitalize()


def _people(code: str, number: int) -> tuple[Person, Person]:
    parent = make_person(
        given_names="Ixmucane",
        surnames=f"Padre{_tag(code)}",
        dob=date(1988, 2, 2),
        a_number=f"20{number}0000{number}1",
        language="Spanish",
        cases=[code],
    )
    child = make_person(
        given_names="Hunahpu",
        surnames=f"Hijo{_tag(code)}",
        dob=date(2011, 3, 3),
        a_number=f"20{number}0000{number}2",
        language="Spanish",
        cases=[code],
    )
    Separation.objects.create(
        parent=parent,
        child=child,
        separated_on=SEPARATED_ON,
        status=SeparationStatus.CONFIRMED,
        score=0.99,
        decided_by=Decider.REVIEWER,
        rule_or_run="test",
        decided_at=timezone.now(),
    )
    return parent, child


def _election(actor: User, person: Person) -> Election:
    return election_record(
        actor=actor,
        person=person,
        choice=ElectionChoice.STAY,
        source=ElectionSource.PAPER,
        read_by="Lucía Méndez",
        read_language="Spanish",
        read_on=date(2019, 4, 1),
        signed_on=date(2019, 4, 1),
        signer_kind=SignerKind.SELF,
        signer_name=person.display_name,
        scan=ScanUpload(filename="form.pdf", data=PDF),
    )


def _interview(coordinator: User, officer: User, person: Person) -> Interview:
    requested = interviews.interview_request(actor=coordinator, person=person, subject="parent")
    held = conduct(officer, schedule(coordinator, requested, officer))
    enter_sheets(officer, held)
    return Interview.objects.get(pk=held.pk)


def _review_item(actor: User, parent: Person, child: Person) -> tuple[LinkageRun, ReviewItem]:
    run = linkage_run_create(actor=actor, reason="access matrix")
    item = ReviewItem.objects.create(
        run=run, kind=ReviewKind.PARENT_CHILD, left_person=parent, right_person=child, score=0.7
    )
    return run, item


def _batch_of(person: Person) -> ImportBatch:
    assignment = RecordAssignment.objects.select_related("record__batch").get(person=person)
    return assignment.record.batch


def _objection(actor: User, code: str, parent: Person) -> Objection:
    # The objector signs with a name of their own; the A-number identifies them in the
    # registry, which only those who may see the parent's file are told.
    return objection_record_paper(
        actor=actor,
        data=ObjectionInput(
            text="The settlement leaves out parents deported before the cut-off.",
            categories=["relief"],
            cases=[code],
            language="English",
            name=f"Objector {code}",
            a_number=parent.a_number,
            contact="",
        ),
        scan=PDF,
        received_on=timezone.now() - timedelta(days=1),
    )


def _personas(
    provider_org: Organisation, partner: Organisation
) -> dict[str, tuple[User, frozenset[str]]]:
    every = frozenset(CASES)
    none: frozenset[str] = frozenset()
    users: dict[str, tuple[User, frozenset[str]]] = {
        "administrator": (make_user(username="m-admin", role=Role.ADMINISTRATOR), every),
        "coordinator": (make_user(username="m-coord", role=Role.GOVERNMENT_COORDINATOR), every),
        "officer": (make_user(username="m-officer", role=Role.ASYLUM_OFFICER), every),
        "supervisor": (make_user(username="m-super", role=Role.SUPERVISORY_OFFICER), every),
        "court": (make_user(username="m-court", role=Role.COURT), none),
        "provider": (
            make_user(
                username="m-provider", role=Role.LEGAL_SERVICE_PROVIDER, organisation=provider_org
            ),
            frozenset({SHARED_CASE}),
        ),
        "provider_unassigned": (
            make_user(
                username="m-provider-none",
                role=Role.LEGAL_SERVICE_PROVIDER,
                organisation=OrganisationFactory(kind=OrganisationKind.LEGAL_SERVICE_PROVIDER),
            ),
            none,
        ),
        "partner": (partner_user("m-partner", partner), frozenset({SHARED_CASE})),
        "partner_unassigned": (
            partner_user("m-partner-none", partner_org("Red sin búsquedas")),
            none,
        ),
    }
    for code in CASES:
        users[f"counsel_{code}"] = (counsel(f"m-counsel-{code}", CaseCode(code)), frozenset({code}))
    return users


def _scheduling(coordinator: User, officer: User) -> tuple[Facility, Interpreter, ScheduleRun]:
    facility = facility_save(
        actor=coordinator,
        code="matrix",
        name="Matrix Asylum Office",
        rooms=1,
        phone_lines=1,
        is_default=True,
    )
    officer_availability_save(
        actor=coordinator, officer=officer, facilities=[facility], week=WEEK, languages=["Spanish"]
    )
    interpreter = interpreter_save(
        actor=coordinator, name="Intérprete Matriz", languages=["Spanish"], week=WEEK
    )
    run = schedule_run_create(actor=coordinator, start_date=earliest_start(), days=2, seconds=2)
    run = schedule_run_execute(run_id=run.pk)
    assert run.state == RunState.READY, run.error
    return facility, interpreter, run


def build() -> World:
    provider_org = Organisation.objects.create(
        name="Matrix Legal Services", kind=OrganisationKind.LEGAL_SERVICE_PROVIDER
    )
    partner = partner_org()
    users = _personas(provider_org, partner)
    admin, coordinator = users["administrator"][0], users["coordinator"][0]
    officer = users["officer"][0]
    facility, interpreter, schedule_run = _scheduling(coordinator, officer)
    made: dict[str, dict[str, Any]] = {}
    for number, code in enumerate(CASES, start=1):
        parent, child = _people(code, number)
        custody(coordinator, parent, "removed", REMOVED_ON)
        custody(coordinator, child, "orr_referred", SEPARATED_ON + timedelta(days=1))
        # Recorded before the eligibility answers exist: an election recomputes the
        # member's answers when there are some, and the recompute would replace the
        # cases given here by hand.
        election = _election(coordinator, parent)
        flag = MEMBERSHIP_FLAG[CaseCode(code)]
        owe(parent, parent=True, **{flag: True})
        owe(child, child=True, **{flag: True})
        PersonEligibility.objects.filter(person=parent).update(return_candidate=Answer.YES)
        if code == SHARED_CASE:
            represent(parent, provider_org)
            represent(child, provider_org)
        run, item = _review_item(coordinator, parent, child)
        made[code] = {
            "parent": parent,
            "child": child,
            "batch": _batch_of(parent),
            "run": run,
            "review_item": item,
            "election": election,
            "interview": _interview(coordinator, officer, parent),
            "objection": _objection(coordinator, code, parent),
            "counsel_organisation": users[f"counsel_{code}"][0].organisation,
        }
    returns.return_cases_open(actor=coordinator)
    notice_generate(actor=coordinator)
    for code, objects in made.items():
        case = ReturnCase.objects.get(person=objects["parent"])
        if code == SHARED_CASE:
            returns.partner_assign(actor=coordinator, case=case, partner=partner)
        case = reach(coordinator, case)
        consent(coordinator, case, partner, Category.CASE_STATUS)
        case = prepared(admin, case)
        case = returns.application_submit(actor=admin, case=case, expected_version=case.version)
        objects["motion"] = returns.motion_file(
            actor=admin,
            title=f"Motion for {code}",
            docket_number="ECF 1",
            filed_on=timezone.localdate(),
            cases=[case],
        )
        objects["return_case"] = case
        objects["consent"] = case.consents.get()
        objects["evidence"] = case.evidence.get()
        objects["notice"] = ClassNotice.objects.get(person=objects["parent"])
    snapshot = report_snapshot_take(actor=coordinator, as_of=timezone.localdate())
    personas = {}
    for key, (user, cases) in users.items():
        token, token_key = api_token_create(actor=user, name="matrix")
        personas[key] = Persona(key, user, cases, token, token_key)
    return World(
        cases={code: CaseObjects(code=code, **fields) for code, fields in made.items()},
        personas=personas,
        officer=officer,
        interpreter=interpreter,
        facility=facility,
        schedule_run=schedule_run,
        snapshot=snapshot,
        provider_organisation=provider_org,
    )
