"""The access matrix: every URL of the project and every API operation, walked by a user
of every role, with the ids of objects of their own case and of another case.

What each role may reach is the reviewed table `POLICY` below, written from the
settlement's rules (ARCHITECTURE.md, invariants 3, 8, 11 and 12), never from what the
views happen to answer. The URLs and their ids come from the URL configuration: a new
page without a line in `POLICY`, or with an id `TARGETS` cannot fill, fails the test by
name, so no page escapes the matrix.

A cell is refused when it answers 401, 403, 404 or a redirect to sign-in; reached when it
answers anything else below 500 (a page, a download, a redirect elsewhere, a form sent
back with its errors). Every cell must match the table both ways, and no answer, reached
or refused, may name a person the user may not see (their surnames, made unique in
`tests/access_world.py`, and A-numbers are searched for in every body, in the text of
every PDF) or write anything when refused. Each request runs in a savepoint rolled back
after it, so the world is the same for every cell.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.http import HttpResponseBase
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from amparo.apps.accounts.models import Role, User
from amparo.apps.api.api import api
from amparo.apps.audit.models import AuditEvent, EventKind
from amparo.apps.interviews.models import WorksheetKind
from amparo.apps.interviews.views import HANDLERS as INTERVIEW_ACTIONS
from amparo.apps.notices.objections import ObjectionInput, objection_record_paper
from amparo.apps.registry.models import Person
from amparo.apps.reports.views import FORMATS as REPORT_FORMATS
from amparo.apps.returns.views import ACTIONS as RETURN_ACTIONS
from amparo.engines.reports import REPORTS
from tests.access_world import CASES, SHARED_CASE, CaseObjects, Persona, World, build
from tests.apps.test_access import _CONVERTER, ALL_PATTERNS
from tests.conftest import client_for
from tests.interviews_world import make_family
from tests.pdf_text import pdf_text
from tests.returns_world import PDF

ADMINISTRATOR = Role.ADMINISTRATOR
COORDINATOR = Role.GOVERNMENT_COORDINATOR
OFFICER = Role.ASYLUM_OFFICER
SUPERVISOR = Role.SUPERVISORY_OFFICER
COURT = Role.COURT
COUNSEL = Role.CLASS_COUNSEL
PROVIDER = Role.LEGAL_SERVICE_PROVIDER
PARTNER = Role.IN_COUNTRY_PARTNER


def roles(*given: Role) -> frozenset[Role]:
    return frozenset(given)


EVERYONE = frozenset(Role)
NOBODY: frozenset[Role] = frozenset()
MANAGERS = roles(ADMINISTRATOR, COORDINATOR)
GOVERNMENT = MANAGERS | roles(OFFICER, SUPERVISOR)
CONDUCTING = roles(OFFICER, SUPERVISOR)
FILE_READERS = GOVERNMENT | roles(COUNSEL, PROVIDER)
MANAGERS_AND_COUNSEL = MANAGERS | roles(COUNSEL)


class Scope(Enum):
    # The URL names no object, or one of no case (a run, a report): the role decides.
    NONE = "none"
    # An object of one settlement case: the role, and a share of that case (counsel's
    # grant, a provider's client, a partner's search; the government has every case).
    CASE = "case"
    # Objects that belong to someone: a token or a sign-in (its user), a calendar (its
    # officer or organisation). `Rule.roles` reach every one, `Rule.owners` their own.
    OWNED = "owned"


@dataclass(frozen=True, slots=True)
class Rule:
    roles: frozenset[Role]
    scope: Scope = Scope.NONE
    # Who may post, when fewer than may read.
    post: frozenset[Role] | None = None
    # Roles that reach an object only when it is their own (OWNED).
    owners: frozenset[Role] = NOBODY


PUBLIC = Rule(EVERYONE)
CASE_FILE = Rule(FILE_READERS, Scope.CASE)


def returns_action(name: str) -> Rule:
    """A return case's actions: class counsel and the government work the case; counsel
    (and administrators) present the application; the government decides it."""
    applying = {"statement", "evidence", "submit"}
    deciding = {"extend", "decide", "travel", "arrive"}
    if name in applying:
        return Rule(roles(ADMINISTRATOR, COUNSEL), Scope.CASE)
    if name in deciding:
        return Rule(MANAGERS, Scope.CASE)
    return Rule(MANAGERS_AND_COUNSEL, Scope.CASE)


# An interview's actions are for the government only; the worksheet and the draft for
# officers, the schedule for coordinators, the approval for supervisors.
INTERVIEW_ACTION_POLICY: dict[str, Rule] = {
    "schedule": Rule(MANAGERS, Scope.CASE),
    "conduct": Rule(CONDUCTING, Scope.CASE),
    "draft": Rule(CONDUCTING, Scope.CASE),
    "submit": Rule(CONDUCTING, Scope.CASE),
    "assess": Rule(CONDUCTING, Scope.CASE),
    "serve": Rule(CONDUCTING, Scope.CASE),
    "review": Rule(roles(SUPERVISOR), Scope.CASE),
    "mark": Rule(GOVERNMENT, Scope.CASE),
    "decline": Rule(GOVERNMENT, Scope.CASE),
}
RETURN_ACTION_POLICY: dict[str, Rule] = {
    name: returns_action(name)
    for name in (
        "locating",
        "assign",
        "unassign",
        "attempt",
        "give_up",
        "reopen",
        "consent",
        "disclose",
        "wish",
        "statement",
        "evidence",
        "submit",
        "extend",
        "decide",
        "travel",
        "arrive",
        "interview",
        "phone",
        "withdraw",
    )
}

# The reviewed table: who may reach which page. Changing a line here is a decision
# about who sees asylum files; make it on purpose.
POLICY: dict[str, Rule | dict[str, Rule]] = {
    # Public pages (test_access.EXPECTED_PUBLIC).
    "login": PUBLIC,
    "login_code": PUBLIC,
    "login_enrol": PUBLIC,
    "set_language": PUBLIC,
    "healthz": PUBLIC,
    "api:openapi-json": PUBLIC,
    "api:openapi-view": PUBLIC,
    # django-ninja's root has no operation: a 404 for everyone.
    "api:api-root": Rule(NOBODY),
    "notices:public_home": PUBLIC,
    "notices:public_screener": PUBLIC,
    "notices:public_objection": PUBLIC,
    # The API answers a token, never a session (walked with tokens in API_POLICY).
    "api:import_create": Rule(NOBODY),
    "api:import_get": Rule(NOBODY),
    "api:person_get": Rule(NOBODY, Scope.CASE),
    # Everyone signed in: the dashboard counts only what the user may see; tokens are
    # one's own.
    "core:dashboard": Rule(EVERYONE),
    "logout": Rule(EVERYONE),
    "accounts:token_list": Rule(EVERYONE),
    "accounts:token_revoke": Rule(NOBODY, Scope.OWNED, owners=EVERYONE),
    # Whose authenticator is enrolled, and its reset: administrators only.
    "accounts:two_factor_list": Rule(roles(ADMINISTRATOR)),
    "accounts:two_factor_reset": Rule(roles(ADMINISTRATOR), Scope.OWNED),
    # People's files: the government, counsel for their cases, providers for their
    # clients; never the court or a partner.
    "registry:person_list": Rule(FILE_READERS),
    "registry:person_detail": CASE_FILE,
    # Imports and identification runs hold raw agency rows: the roles that import.
    "ingest:batch_list": Rule(MANAGERS),
    "ingest:batch_detail": Rule(MANAGERS),
    "ingest:batch_progress": Rule(MANAGERS),
    "ingest:batch_issues_csv": Rule(MANAGERS),
    "linkage:run_list": Rule(MANAGERS),
    "linkage:run_detail": Rule(MANAGERS),
    "linkage:run_progress": Rule(MANAGERS),
    # Uncertain links: coordinators, and counsel for the people of their cases.
    "linkage:review_queue": Rule(MANAGERS_AND_COUNSEL),
    "linkage:review_item": Rule(MANAGERS_AND_COUNSEL, Scope.CASE),
    # Rosters: the government and counsel (their own cases).
    "eligibility:roster_index": Rule(GOVERNMENT | roles(COUNSEL)),
    "eligibility:roster": Rule(GOVERNMENT | roles(COUNSEL), Scope.CASE),
    "eligibility:roster_export": Rule(GOVERNMENT | roles(COUNSEL), Scope.CASE),
    "eligibility:court": Rule(MANAGERS),
    "eligibility:record_fact": Rule(MANAGERS_AND_COUNSEL, Scope.CASE),
    # Elections: recorded by counsel and coordinators; read with the file.
    "elections:election_inbox": Rule(MANAGERS_AND_COUNSEL),
    "elections:election_new": Rule(MANAGERS_AND_COUNSEL, Scope.CASE),
    "elections:election_detail": CASE_FILE,
    "elections:election_scan": CASE_FILE,
    # Interviews: counsel and providers read their clients' (times and outcome); the
    # record, the worksheets and the PDF are the government's.
    "interviews:docket": Rule(GOVERNMENT),
    "interviews:review_queue": Rule(roles(SUPERVISOR)),
    "interviews:clients": Rule(roles(COUNSEL, PROVIDER)),
    "interviews:interview_request": Rule(MANAGERS_AND_COUNSEL, Scope.CASE),
    "interviews:interview_detail": CASE_FILE,
    "interviews:interview_pdf": Rule(GOVERNMENT, Scope.CASE),
    "interviews:worksheet_edit": Rule(CONDUCTING, Scope.CASE),
    "interviews:interview_action": INTERVIEW_ACTION_POLICY,
    # Scheduling is the coordinators'; calendars also their own for officers, counsel
    # and providers (an officer's for supervisors too).
    "scheduling:home": Rule(MANAGERS),
    "scheduling:run_detail": Rule(MANAGERS),
    "scheduling:run_status": Rule(MANAGERS),
    "scheduling:run_publish": Rule(MANAGERS),
    "scheduling:run_discard": Rule(MANAGERS),
    "scheduling:resources": Rule(MANAGERS),
    "scheduling:resource_new": Rule(MANAGERS),
    "scheduling:resource_edit": Rule(MANAGERS),
    "scheduling:calendars": Rule(GOVERNMENT | roles(COUNSEL, PROVIDER)),
    "scheduling:calendar_mine": Rule(CONDUCTING | roles(COUNSEL, PROVIDER)),
    "scheduling:calendar_officer": Rule(
        MANAGERS | roles(SUPERVISOR), Scope.OWNED, owners=roles(OFFICER)
    ),
    "scheduling:calendar_interpreter": Rule(MANAGERS),
    "scheduling:calendar_organisation": Rule(
        MANAGERS, Scope.OWNED, owners=roles(COUNSEL, PROVIDER)
    ),
    # Class notice: counsel (their cases' members) and coordinators. Objections are
    # filings every party reads (who the objector is in the registry only with the
    # file); the court reads the redacted packet.
    "notices:overview": Rule(MANAGERS_AND_COUNSEL),
    "notices:notice_detail": Rule(MANAGERS_AND_COUNSEL, Scope.CASE),
    "notices:notice_pdf": Rule(MANAGERS_AND_COUNSEL, Scope.CASE),
    "notices:objection_list": Rule(MANAGERS_AND_COUNSEL),
    "notices:objection_paper": Rule(MANAGERS_AND_COUNSEL),
    "notices:objection_detail": Rule(MANAGERS_AND_COUNSEL),
    "notices:packet_pdf": {
        "": Rule(MANAGERS_AND_COUNSEL | roles(COURT)),
        "parties": Rule(MANAGERS_AND_COUNSEL),
    },
    # Deported parents: counsel (their cases) and coordinators; the court the figures;
    # a partner only the searches given to them.
    "returns:case_list": Rule(MANAGERS_AND_COUNSEL),
    "returns:measures": Rule(MANAGERS_AND_COUNSEL | roles(COURT)),
    "returns:motion_list": Rule(MANAGERS_AND_COUNSEL),
    "returns:motion_detail": Rule(MANAGERS_AND_COUNSEL, Scope.CASE, post=MANAGERS),
    "returns:partner_home": Rule(roles(PARTNER)),
    "returns:partner_case": Rule(roles(PARTNER), Scope.CASE),
    "returns:case_detail": Rule(MANAGERS_AND_COUNSEL, Scope.CASE),
    "returns:case_action": RETURN_ACTION_POLICY,
    "returns:consent_scan": {
        "": Rule(MANAGERS_AND_COUNSEL, Scope.CASE),
        "mismatched": Rule(NOBODY),
    },
    "returns:evidence_file": {
        "": Rule(MANAGERS_AND_COUNSEL, Scope.CASE),
        "mismatched": Rule(NOBODY),
    },
    # Retention destroys data for every case at once: the administrator's alone.
    "lifecycle:home": Rule(roles(ADMINISTRATOR)),
    "lifecycle:apply": Rule(roles(ADMINISTRATOR)),
    # Reports: aggregates for the parties and the court; the parties take snapshots.
    "reports:home": Rule(MANAGERS_AND_COUNSEL | roles(COURT), post=MANAGERS_AND_COUNSEL),
    "reports:report": Rule(MANAGERS_AND_COUNSEL | roles(COURT)),
    "reports:download": Rule(MANAGERS_AND_COUNSEL | roles(COURT)),
}

# The API, by operation, for a request with the role's token.
API_POLICY: dict[str, Rule] = {
    "amparo_apps_api_api_import_create": Rule(MANAGERS),
    "amparo_apps_api_api_import_get": Rule(MANAGERS),
    "amparo_apps_api_api_person_get": CASE_FILE,
}


def sees_people_of(persona: Persona, world: World) -> set[int]:
    """Whose names the user may meet anywhere: the policy's side of invariant 3."""
    role = persona.user.role
    if role in GOVERNMENT:
        return {p.pk for p in world.people()}
    if role in (COUNSEL, PROVIDER):
        return {p.pk for code in persona.cases for p in world.cases[code].people}
    if role == PARTNER:
        # The search's parent; the child's whereabouts need a consent they lack.
        return {world.cases[code].parent.pk for code in persona.cases}
    return set()


# --- Targets: the ids each URL is walked with -------------------------------------


@dataclass(frozen=True, slots=True)
class Target:
    kwargs: dict[str, Any]
    # The settlement case of the object named, if any.
    case: str | None = None
    # Whom the object belongs to ("user:<pk>", "organisation:<pk>"), if anyone.
    owner: str | None = None
    # A sub-policy key (an action) for URLs with one rule per action.
    action: str = ""
    # What a POST carries (empty unless the view needs an id to do anything).
    data: dict[str, Any] = field(default_factory=dict)
    # A query string (a search, a version of a document).
    query: str = ""


TargetsOf = Callable[[World, Persona], list[Target]]


def walked_cases(world: World, persona: Persona) -> list[CaseObjects]:
    """The user's own case and another: counsel of each case walk theirs and the next
    one's, so every case's objects are walked as someone's own and someone's other."""
    if len(persona.cases) == 1:
        (own,) = persona.cases
        other = CASES[(CASES.index(own) + 1) % len(CASES)]
        return [world.cases[own], world.cases[other]]
    return [world.cases[CASES[0]], world.cases[CASES[1]]]


def each_case(*made: Callable[[CaseObjects], dict[str, Any]]) -> TargetsOf:
    def targets(world: World, persona: Persona) -> list[Target]:
        return [
            Target(make(objects), case=objects.code)
            for objects in walked_cases(world, persona)
            for make in made
        ]

    return targets


def each_case_action(
    actions: list[str], make: Callable[[CaseObjects, str], dict[str, Any]]
) -> TargetsOf:
    def targets(world: World, persona: Persona) -> list[Target]:
        return [
            Target(make(objects, action), case=objects.code, action=action)
            for objects in walked_cases(world, persona)
            for action in actions
        ]

    return targets


def one(make: Callable[[World], list[dict[str, Any]]]) -> TargetsOf:
    return lambda world, _persona: [Target(kwargs) for kwargs in make(world)]


def _user(persona: Persona) -> str:
    return f"user:{persona.user.pk}"


def _self_and_another(world: World, persona: Persona) -> tuple[Persona, Persona]:
    other = world.personas["coordinator" if persona.key != "coordinator" else "administrator"]
    return persona, other


def _tokens(world: World, persona: Persona) -> list[Target]:
    return [
        Target({"token_id": p.token.pk}, owner=_user(p)) for p in _self_and_another(world, persona)
    ]


def _users(world: World, persona: Persona) -> list[Target]:
    return [
        Target({"user_id": p.user.pk}, owner=_user(p)) for p in _self_and_another(world, persona)
    ]


def _officers(world: World, _persona: Persona) -> list[Target]:
    return [
        Target({"pk": p.user.pk}, owner=_user(p))
        for p in (world.personas["officer"], world.personas["supervisor"])
    ]


def _organisations(world: World, _persona: Persona) -> list[Target]:
    organisations = [o.counsel_organisation for o in world.cases.values()]
    organisations.append(world.provider_organisation)
    return [Target({"pk": o.pk}, owner=f"organisation:{o.pk}") for o in organisations]


def _case_files(attribute: str) -> TargetsOf:
    """A return case's file by its own case, and (walked as "mismatched") by another
    case's id: a file is found only through the case it belongs to."""

    def targets(world: World, persona: Persona) -> list[Target]:
        own, other = walked_cases(world, persona)
        return [
            *(
                Target(
                    {"public_id": o.return_case.public_id, "pk": getattr(o, attribute).pk},
                    case=o.code,
                )
                for o in (own, other)
            ),
            Target(
                {"public_id": own.return_case.public_id, "pk": getattr(other, attribute).pk},
                case=own.code,
                action="mismatched",
            ),
        ]

    return targets


def _resources(world: World) -> list[dict[str, Any]]:
    return [
        {"kind": "interpreter", "key": str(world.interpreter.public_id)},
        {"kind": "officer", "key": str(world.officer.pk)},
        {"kind": "facility", "key": world.facility.code},
        {"kind": "counsel", "key": str(world.cases[SHARED_CASE].counsel_organisation.pk)},
    ]


def _downloads(world: World, _persona: Persona) -> list[Target]:
    return [
        Target(
            {"public_id": world.snapshot.public_id, "case": code, "fmt": fmt},
            case=code if code in CASES else None,
        )
        for code in REPORTS
        for fmt in REPORT_FORMATS
        # A PDF is its CSV's figures typeset, chosen by the same code: typeset once per
        # reader, for the combined report, to keep the walk quick.
        if fmt != "pdf" or code == "combined"
    ]


_each_person = each_case(
    lambda o: {"public_id": o.parent.public_id}, lambda o: {"public_id": o.child.public_id}
)


def _return_actions(world: World, persona: Persona) -> list[Target]:
    # Withdrawing names the consent withdrawn; without it the answer is a 404 for all.
    return [
        Target(
            {"public_id": o.return_case.public_id, "action": action},
            case=o.code,
            action=action,
            data={"consent": o.consent.pk} if action == "withdraw" else {},
        )
        for o in walked_cases(world, persona)
        for action in [*RETURN_ACTIONS, "withdraw"]
    ]


def _searches(world: World, persona: Persona) -> list[Target]:
    # The list itself, and a search for each walked case's parent by A-number and by
    # name: a search must not find whom the list does not show. Both are typed as a
    # person would (dashes, lower case), so the search box repeating them is not
    # mistaken for a hit.
    return [
        Target({}),
        *(
            Target({}, case=o.code, query=f"q={text}")
            for o in walked_cases(world, persona)
            for text in (_dashed(o.parent.a_number), o.parent.surnames.lower())
        ),
    ]


def _dashed(a_number: str) -> str:
    return f"A-{a_number[:3]}-{a_number[3:6]}-{a_number[6:]}"


def _packets(_world: World, _persona: Persona) -> list[Target]:
    return [Target({}), Target({}, action="parties", query="version=parties")]


RUN = one(lambda w: [{"public_id": o.run.public_id} for o in w.cases.values()])
BATCH = one(lambda w: [{"public_id": o.batch.public_id} for o in w.cases.values()])
SCHEDULE_RUN = one(lambda w: [{"public_id": w.schedule_run.public_id}])
SNAPSHOT = one(lambda w: [{"public_id": w.snapshot.public_id}])
INTERVIEW = each_case(lambda o: {"public_id": o.interview.public_id})
ELECTION = each_case(lambda o: {"public_id": o.election.public_id})
NOTICE = each_case(lambda o: {"public_id": o.notice.public_id})
RETURN_CASE = each_case(lambda o: {"public_id": o.return_case.public_id})

# The ids (and queries) each URL is walked with, by URL name: a URL that takes an id
# must have a line here. URLs without one are walked once, as they are.
TARGETS: dict[str, TargetsOf] = {
    "registry:person_list": _searches,
    "registry:person_detail": _each_person,
    "ingest:batch_detail": BATCH,
    "ingest:batch_progress": BATCH,
    "ingest:batch_issues_csv": BATCH,
    "accounts:token_revoke": _tokens,
    "accounts:two_factor_reset": _users,
    "linkage:run_detail": RUN,
    "linkage:run_progress": RUN,
    "linkage:review_item": each_case(lambda o: {"item_id": o.review_item.pk}),
    "eligibility:roster": each_case(lambda o: {"case_code": o.code}),
    "eligibility:roster_export": each_case(lambda o: {"case_code": o.code}),
    "eligibility:record_fact": _each_person,
    "elections:election_new": _each_person,
    "elections:election_detail": ELECTION,
    "elections:election_scan": ELECTION,
    "interviews:interview_request": _each_person,
    "interviews:interview_detail": INTERVIEW,
    "interviews:interview_pdf": INTERVIEW,
    "interviews:worksheet_edit": each_case_action(
        list(WorksheetKind.values),
        lambda o, kind: {"public_id": o.interview.public_id, "kind": kind},
    ),
    "interviews:interview_action": each_case_action(
        list(INTERVIEW_ACTIONS),
        lambda o, action: {"public_id": o.interview.public_id, "action": action},
    ),
    "scheduling:run_detail": SCHEDULE_RUN,
    "scheduling:run_status": SCHEDULE_RUN,
    "scheduling:run_publish": SCHEDULE_RUN,
    "scheduling:run_discard": SCHEDULE_RUN,
    "scheduling:resource_new": one(lambda w: [{"kind": r["kind"]} for r in _resources(w)]),
    "scheduling:resource_edit": one(_resources),
    "scheduling:calendar_officer": _officers,
    "scheduling:calendar_interpreter": one(lambda w: [{"public_id": w.interpreter.public_id}]),
    "scheduling:calendar_organisation": _organisations,
    "notices:objection_detail": each_case(lambda o: {"receipt": o.objection.receipt}),
    "notices:packet_pdf": _packets,
    "notices:notice_detail": NOTICE,
    "notices:notice_pdf": NOTICE,
    "returns:motion_detail": each_case(lambda o: {"public_id": o.motion.public_id}),
    "returns:partner_case": RETURN_CASE,
    "returns:case_detail": RETURN_CASE,
    "returns:case_action": _return_actions,
    "returns:consent_scan": _case_files("consent"),
    "returns:evidence_file": _case_files("evidence"),
    "reports:report": SNAPSHOT,
    "reports:download": _downloads,
    "api:import_get": one(lambda w: [{"import_id": o.batch.public_id} for o in w.cases.values()]),
    "api:person_get": each_case(
        lambda o: {"person_id": o.parent.public_id}, lambda o: {"person_id": o.child.public_id}
    ),
}

# The API's path parameters, by name: the operations are walked with these.
API_PARAMETERS: dict[str, Callable[[CaseObjects], list[Any]]] = {
    "import_id": lambda o: [o.batch.public_id],
    "person_id": lambda o: [p.public_id for p in o.people],
}


def _kwarg_names(route: str) -> set[str]:
    return {name for _converter, name in _CONVERTER.findall(route)}


def matrix_gaps() -> list[str]:
    """What the URL configuration has that the matrix does not cover, in words."""
    gaps = []
    for name, route, _view in ALL_PATTERNS:
        if name not in POLICY:
            gaps.append(f"{name} ({route}): no line in POLICY says who may reach it")
        kwargs = _kwarg_names(route)
        if kwargs and name not in TARGETS:
            gaps.append(f"{name} ({route}): TARGETS cannot fill {sorted(kwargs)}")
    names = {name for name, _route, _view in ALL_PATTERNS}
    gaps += [f"{name}: in POLICY but no longer a URL" for name in POLICY.keys() - names]
    gaps += [f"{name}: in TARGETS but no longer a URL" for name in TARGETS.keys() - names]
    for action in set(INTERVIEW_ACTIONS) ^ set(INTERVIEW_ACTION_POLICY):
        gaps.append(f"interviews:interview_action {action}: action and policy disagree")
    for action in {*RETURN_ACTIONS, "withdraw"} ^ set(RETURN_ACTION_POLICY):
        gaps.append(f"returns:case_action {action}: action and policy disagree")
    for path, operations in api.get_openapi_schema()["paths"].items():
        for method, operation in operations.items():
            if operation["operationId"] not in API_POLICY:
                gaps.append(f"API {method.upper()} {path}: no line in API_POLICY")
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "path" and parameter["name"] not in API_PARAMETERS:
                    gaps.append(f"API {path}: API_PARAMETERS cannot fill {parameter['name']}")
    return gaps


def test_every_url_and_api_operation_has_a_policy_and_ids() -> None:
    assert matrix_gaps() == []


# --- Judging a cell ------------------------------------------------------------


def _rule_for(name: str, target: Target) -> Rule:
    entry = POLICY[name]
    return entry[target.action] if isinstance(entry, dict) else entry


def allowed(rule: Rule, persona: Persona, target: Target, method: str) -> bool:
    user = persona.user
    may = rule.post if (method == "post" and rule.post is not None) else rule.roles
    if user.role in rule.owners and target.owner in _owned_by(persona):
        return True
    if user.role not in may:
        return False
    if rule.scope is Scope.CASE and target.case is not None:
        return target.case in persona.cases
    return True


def _owned_by(persona: Persona) -> set[str]:
    return {_user(persona), f"organisation:{persona.user.organisation_id}"}


def side(persona: Persona, target: Target) -> str:
    if target.action == "mismatched":
        return "mismatched"
    if target.owner is not None:
        return "own" if target.owner in _owned_by(persona) else "other"
    if target.case is None:
        return "-"
    return "own" if target.case in persona.cases else "other"


class Outcome(Enum):
    REACHED = "reached"
    REFUSED = "refused"
    NO_METHOD = "method not offered"
    ERROR = "server error"


def outcome_of(response: HttpResponseBase, name: str = "") -> Outcome:
    status = response.status_code
    if status >= 500:
        return Outcome.ERROR
    if status == 405:
        return Outcome.NO_METHOD
    if status in (401, 403, 404):
        return Outcome.REFUSED
    # Signing out ends at the sign-in page: that is the page working.
    if 300 <= status < 400 and response["Location"].startswith("/login/") and name != "logout":
        return Outcome.REFUSED
    return Outcome.REACHED


def body_of(response: HttpResponseBase) -> str:
    raw = (
        b"".join(response.streaming_content)  # type: ignore[attr-defined]
        if response.streaming
        else response.content  # type: ignore[attr-defined]
    )
    if raw.startswith(b"%PDF"):
        try:
            return pdf_text(raw)
        except subprocess.CalledProcessError:
            # Not a PDF poppler can read (the smallest scan the upload check accepts):
            # its bytes are searched as they are.
            pass
    return raw.decode("utf-8", errors="replace")


@dataclass(slots=True)
class Sent:
    response: HttpResponseBase
    body: str
    wrote: bool


def send(client: Client, method: str, url: str, **extra: Any) -> Sent:
    """One request in a savepoint rolled back after it: what it wrote is seen, then
    undone."""
    with transaction.atomic():
        last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
        response = getattr(client, method)(url, **extra)
        body = body_of(response)
        wrote = AuditEvent.objects.filter(id__gt=last, kind=EventKind.WRITE).exists()
        transaction.set_rollback(True)
    return Sent(response, body, wrote)


@dataclass(slots=True)
class Tally:
    cells: set[tuple[str, str, str]] = field(default_factory=set)
    requests: int = 0
    # Answers that name a person the user may see: the search finds names on real pages.
    named: int = 0
    problems: list[str] = field(default_factory=list)


def judge(
    tally: Tally,
    where: str,
    sent: Sent,
    *,
    expected: bool,
    forbidden: dict[str, str],
    name: str = "",
) -> None:
    outcome = outcome_of(sent.response, name)
    status = sent.response.status_code
    if outcome is Outcome.ERROR:
        tally.problems.append(f"{where}: ERROR {status}")
    elif outcome is Outcome.REACHED and not expected:
        tally.problems.append(f"{where}: LEAK reached ({status})")
    elif outcome is Outcome.REFUSED and expected:
        tally.problems.append(f"{where}: refused ({status}) but the policy allows it")
    if outcome is not Outcome.REACHED and sent.wrote:
        tally.problems.append(f"{where}: LEAK wrote while refused ({status})")
    named = sorted(who for token, who in forbidden.items() if token in sent.body)
    if named:
        tally.problems.append(f"{where}: LEAK names {', '.join(named)} ({status})")


def forbidden_words(persona: Persona, world: World) -> dict[str, str]:
    seen = sees_people_of(persona, world)
    words: dict[str, str] = {}
    for person in world.people():
        if person.pk not in seen:
            words[person.surnames] = person.surnames
            words[person.a_number] = f"{person.surnames}'s A-number"
    return words


# --- The walk ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def world(
    django_db_setup: None,
    django_db_blocker: Any,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[World]:
    """Built once for the module, inside a transaction rolled back at its end."""
    media = tmp_path_factory.mktemp("matrix-media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=str(media)),
        transaction.atomic(),
    ):
        yield build()
        transaction.set_rollback(True)


def _signed_in(persona: Persona) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(persona.user)
    return client


def walk_pages(world: World) -> Tally:
    tally = Tally()
    for persona in world.personas.values():
        client = _signed_in(persona)
        forbidden = forbidden_words(persona, world)
        visible = {p.surnames for p in world.people()} - forbidden.keys()
        for name, _route, _view in ALL_PATTERNS:
            targets = TARGETS[name](world, persona) if name in TARGETS else [Target({})]
            for target in targets:
                url = reverse(name, kwargs=target.kwargs)
                if target.query:
                    url = f"{url}?{target.query}"
                tally.cells.add((persona.key, name, url))
                for method in ("get", "post"):
                    sent = send(
                        client, method, url, **({"data": target.data} if method == "post" else {})
                    )
                    tally.requests += 1
                    if name == "logout":
                        client.force_login(persona.user)
                    judge(
                        tally,
                        f"{persona.key} {method.upper()} {name} {url} [{side(persona, target)}]",
                        sent,
                        expected=allowed(_rule_for(name, target), persona, target, method),
                        forbidden=forbidden,
                        name=name,
                    )
                    tally.named += any(word in sent.body for word in visible)
    return tally


def walk_api(world: World) -> Tally:
    tally = Tally()
    for persona in world.personas.values():
        client = Client(raise_request_exception=False)
        auth = {"HTTP_AUTHORIZATION": f"Bearer {persona.token_key}"}
        forbidden = forbidden_words(persona, world)
        for path, operations in api.get_openapi_schema()["paths"].items():
            for method, operation in operations.items():
                rule = API_POLICY[operation["operationId"]]
                names = [p["name"] for p in operation.get("parameters", []) if p["in"] == "path"]
                for target in _api_targets(world, path, names):
                    url = target.kwargs["url"]
                    tally.cells.add((persona.key, operation["operationId"], url))
                    extra: dict[str, Any] = dict(auth)
                    if method == "post":
                        # A file that is no extract: those who may import get it reported
                        # on; the others get a 403 before it is read.
                        extra["data"] = {"files": SimpleUploadedFile("x.csv", b"not,an\nextract")}
                    sent = send(client, method, url, **extra)
                    tally.requests += 1
                    judge(
                        tally,
                        f"{persona.key} API {method.upper()} {url} [{side(persona, target)}]",
                        sent,
                        expected=allowed(rule, persona, target, "get"),
                        forbidden=forbidden,
                    )
    return tally


def _api_targets(world: World, path: str, names: list[str]) -> list[Target]:
    if not names:
        return [Target({"url": path})]
    targets = []
    for code, objects in world.cases.items():
        values = [API_PARAMETERS[n](objects) for n in names]
        for combination in zip(*values, strict=False):
            url = path
            for n, value in zip(names, combination, strict=True):
                url = url.replace("{" + n + "}", str(value))
            # An import belongs to no case; a person to theirs.
            targets.append(Target({"url": url}, case=code if "person_id" in names else None))
    return targets


def _report(tally: Tally) -> str:
    return f"{len(tally.problems)} problems:\n" + "\n".join(tally.problems)


@pytest.mark.django_db
def test_every_page_answers_each_role_as_the_policy_says(world: World) -> None:
    assert matrix_gaps() == []
    tally = walk_pages(world)
    assert not tally.problems, _report(tally)
    assert len(tally.cells) > 2000
    assert tally.named > 100


@pytest.mark.django_db
def test_every_api_operation_answers_each_token_as_the_policy_says(world: World) -> None:
    tally = walk_api(world)
    assert not tally.problems, _report(tally)
    assert tally.cells


def test_the_matrix_catches_a_page_shown_to_the_wrong_role() -> None:
    """The judge itself: a page reached against the policy, or naming a hidden person,
    is reported, so a matrix with no problems means something."""
    from django.http import HttpResponse

    tally = Tally()
    page = Sent(HttpResponse("Ixmucane PadreMmm"), "Ixmucane PadreMmm", wrote=False)
    judge(tally, "court GET x", page, expected=False, forbidden={"PadreMmm": "PadreMmm"})
    refused = Sent(HttpResponse(status=404), "", wrote=True)
    judge(tally, "court POST y", refused, expected=True, forbidden={})
    assert tally.problems == [
        "court GET x: LEAK reached (200)",
        "court GET x: LEAK names PadreMmm (200)",
        "court POST y: refused (404) but the policy allows it",
        "court POST y: LEAK wrote while refused (404)",
    ]


@pytest.mark.django_db
def test_counsel_learn_only_their_own_cases_of_an_identified_objector(
    carmen: User, lena: User, settings: Any, tmp_path: Path
) -> None:
    """Invariant 3, for a member in two cases (which the matrix's world has not): the
    objection page and the parties' packet name the objector's cases, and counsel of
    one case see only theirs."""
    settings.MEDIA_ROOT = str(tmp_path)
    rosa = make_family().rosa  # Ms. L. and Dora
    Person.objects.filter(pk=rosa.pk).update(a_number="209000001")
    objection = objection_record_paper(
        actor=carmen,
        data=ObjectionInput(
            text="Parents deported before the cut-off are left out.",
            categories=["relief"],
            cases=["ms_l"],
            a_number="209000001",
        ),
        scan=PDF,
        received_on=timezone.now() - timedelta(days=1),
    )
    url = reverse("notices:objection_detail", args=[objection.receipt])

    def identified(user: User) -> str:
        page = client_for(user).get(url).content.decode()
        return next(line for line in page.splitlines() if 'data-testid="identified"' in line)

    assert "ms_l" in identified(lena)
    assert "dora" not in identified(lena)
    assert "ms_l, dora" in identified(carmen)
    packet = reverse("notices:packet_pdf") + "?version=parties"
    assert "(class member: ms_l)" in pdf_text(client_for(lena).get(packet).content)
    assert "(class member: ms_l, dora)" in pdf_text(client_for(carmen).get(packet).content)
