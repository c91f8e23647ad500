"""Retention on a real small world (60 synthetic families imported, identified and
decided, plus Rosa and her son Tomás with a return case, an objection and a scan):
a dry-run writes nothing; an apply anonymises exactly what the plan said, minors
first, and nothing of a child survives in any text column of any table; files go
from disk; the run and its audit events are written and the chain still verifies;
the immutability triggers are back after; a second apply changes nothing; an apply
before the end is refused; only administrators reach the page."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.db import DatabaseError, connection, models, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from typer.testing import CliRunner

from amparo.apps.accounts.models import ApiToken, Role, User
from amparo.apps.accounts.services import api_token_create
from amparo.apps.audit.models import AuditEvent
from amparo.apps.audit.verify import audit_chain_verify
from amparo.apps.core.files import PDF as PDF_KIND
from amparo.apps.core.files import FileStore
from amparo.apps.eligibility.models import Answer, EligibilityRun, PersonEligibility
from amparo.apps.ingest.models import ImportFile
from amparo.apps.lifecycle.demo import lifecycle_demo
from amparo.apps.lifecycle.forms import CONFIRMATION
from amparo.apps.lifecycle.gather import read_subjects
from amparo.apps.lifecycle.models import RetentionRun
from amparo.apps.lifecycle.sanctioned import triggers_lifted
from amparo.apps.lifecycle.services import RetentionRefused, retention_apply, retention_plan
from amparo.apps.notices.models import Objection, ScreenerContact
from amparo.apps.registry.models import Person, SourceRecord
from amparo.apps.returns.models import ReturnCase
from amparo.apps.returns.services import return_cases_open
from amparo.cli import app as cli
from amparo.engines.lifecycle import FILE_REMOVED, REDACTED, Planner, load_rule_set, pseudonym
from tests.factories import make_user
from tests.interviews_world import make_family
from tests.returns_world import PDF

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
# Every shipped rule is due (the adults' rules wait a year).
ENDED = TODAY - timedelta(days=400)
TOMAS_SAYS = "Tomás dijo que en el albergue hacía mucho frío"
TOMAS_CONTACT = "tía Lucía, 555 0199 Houston"
ROSA_CONTACT = "Hermana en Huehuetenango, +502 5555 0101"
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


@dataclass(frozen=True)
class World:
    tomas: Person
    rosa: Person
    objection: Objection
    scan: Path
    media: Path


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    root = tmp_path / "media"
    settings.MEDIA_ROOT = str(root)
    return root


def rosa_and_tomas(carmen: User, media: Path) -> World:
    """Rosa (removed) and Tomás, her son, with her return case, his paper objection and
    its scan, a screener contact and an API token."""
    family = make_family()
    PersonEligibility.objects.filter(person=family.rosa).update(return_candidate=Answer.YES)
    return_cases_open(actor=carmen)
    ReturnCase.objects.filter(person=family.rosa).update(contact_details=ROSA_CONTACT)
    Person.objects.filter(pk=family.tomas.pk).update(a_number="209876543")
    store = FileStore("objections")
    scan_path = store.path_for("lifecycle-test", PDF_KIND)
    sha = store.write(scan_path, PDF)
    objection = Objection.objects.create(
        receipt="LIFE0001",
        source="paper",
        cases=["mmm"],
        categories=["other"],
        text=TOMAS_SAYS,
        language="spanish",
        translation_status="needed",
        name="Tomás López",
        a_number="209876543",
        contact=TOMAS_CONTACT,
        received_at=timezone.now(),
        scan_path=scan_path,
        scan_sha256=sha,
        person=family.tomas,
    )
    ScreenerContact.objects.create(name="Someone", contact="someone@example.org", language="es")
    api_token_create(actor=carmen, name="nightly export")
    return World(family.tomas, family.rosa, objection, media / scan_path, media)


@pytest.fixture
def family(media: Path, carmen: User) -> World:
    return rosa_and_tomas(carmen, media)


@pytest.fixture
def world(media: Path, carmen: User, computed: EligibilityRun) -> World:
    """The family inside the 60-family world (imported, identified, decided)."""
    return rosa_and_tomas(carmen, media)


def admin() -> User:
    return make_user(username="ada", role=Role.ADMINISTRATOR)


def text_columns() -> list[tuple[type[models.Model], str]]:
    return [
        (model, field.attname)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, TEXT_FIELDS)
    ]


def tables_state(*, skip: tuple[str, ...] = ()) -> dict[str, tuple[int, str]]:
    """Every table's row count and a checksum of every column of every row."""
    state = {}
    for model in apps.get_models():
        table = model._meta.db_table
        if table in skip:
            continue
        names = [f.attname for f in model._meta.concrete_fields]
        rows = sorted(
            json.dumps(r, default=str, sort_keys=True, ensure_ascii=False)
            for r in model._default_manager.values_list(*names)
        )
        state[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return state


def identifying_strings(person: Person) -> set[str]:
    """Full names and A-numbers, as the person's row and records hold them (a first
    name alone may be someone else's too)."""
    strings = {person.a_number, f"{person.given_names} {person.surnames}".strip()}
    records = SourceRecord.objects.filter(
        assignments__person=person, assignments__superseded_at__isnull=True
    )
    for record in records:
        raw = record.raw
        given = raw.get("first_name") or raw.get("given_name")
        family = raw.get("last_name") or raw.get("family_name")
        strings |= {record.a_number, raw.get("full_name") or f"{given or ''} {family or ''}"}
    return {s.strip() for s in strings if s and len(s.strip()) >= 5}


def minors_strings() -> dict[int, set[str]]:
    """What identifies each minor (as the rules decide who is one) before a run, less
    what is also an adult's own (an A-number a child's record carries by mistake
    stays as the adult's): that must be gone from every table after."""
    planner = Planner(load_rule_set(), read_subjects(), settlement_end=ENDED, today=TODAY)
    minors: dict[int, set[str]] = {}
    adults: set[str] = set()
    for person in Person.objects.all():
        strings = identifying_strings(person)
        if planner.is_minor(person.pk):
            minors[person.pk] = strings
        else:
            adults |= strings
    return {pk: strings - adults for pk, strings in minors.items()}


def occurrences(strings: set[str]) -> list[str]:
    hits = []
    for model, column in text_columns():
        for pk, value in model._default_manager.values_list("pk", column).iterator():
            text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
            hits += [
                f"{model._meta.db_table}.{column}#{pk}: {s}" for s in strings if text and s in text
            ]
    return hits


def test_a_dry_run_writes_nothing_but_its_audit_event(world: World) -> None:
    ada = admin()
    before = tables_state(skip=("audit_auditevent", "audit_chainhead"))
    events = AuditEvent.objects.count()

    result = retention_plan(actor=ada, settlement_end=ENDED)

    assert tables_state(skip=("audit_auditevent", "audit_chainhead")) == before
    assert AuditEvent.objects.count() == events + 1
    event = AuditEvent.objects.order_by("-sequence").first()
    assert event is not None and event.action == "retention.dry_run"
    assert event.details["counts"] == [[r.rule.id, r.count] for r in result.plan.rules]
    assert world.scan.exists()
    assert result.plan.counts()["minors.identity"] > 0
    assert result.plan.minors > 1 and result.plan.adults > 1


def test_the_apply_anonymises_every_minor_and_keeps_adults_names(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    ada = admin()
    children = minors_strings()
    assert world.tomas.pk in children
    assert len(children) > 5
    everything = set().union(*children.values()) | {TOMAS_SAYS, TOMAS_CONTACT}
    assert occurrences(everything)  # the test would see them if they stayed
    adults = list(
        Person.objects.exclude(pk__in=children).values_list(
            "pk", "given_names", "surnames", "dob", "a_number"
        )
    )
    extract_files = [
        world.media / p for p in ImportFile.objects.values_list("stored_path", flat=True)
    ]
    planned = retention_plan(actor=ada, settlement_end=ENDED).plan

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        run = retention_apply(actor=ada, settlement_end=ENDED)

    assert len(callbacks) == 1  # the files go only once the run has committed
    hits = occurrences(everything)
    assert hits == []
    tomas = Person.objects.get(pk=world.tomas.pk)
    assert (tomas.given_names, tomas.surnames, tomas.dob) == (
        pseudonym(tomas.pk),
        "",
        date(2010, 1, 1),
    )
    assert tomas.a_number.startswith("Z")
    for person in Person.objects.filter(pk__in=children):
        assert person.dob is None or (person.dob.month, person.dob.day) == (1, 1)
    # Adults' identities are the government's records: kept.
    assert (
        list(
            Person.objects.exclude(pk__in=children).values_list(
                "pk", "given_names", "surnames", "dob", "a_number"
            )
        )
        == adults
    )
    # An adult's contact details and a child's objection are redacted, files gone.
    assert ReturnCase.objects.get(person=world.rosa).contact_details == REDACTED
    objection = Objection.objects.get(pk=world.objection.pk)
    assert (objection.text, objection.contact, objection.scan_path) == (
        REDACTED,
        REDACTED,
        FILE_REMOVED,
    )
    assert not world.scan.exists()
    assert extract_files and not any(p.exists() for p in extract_files)
    assert not ScreenerContact.objects.exists() and not ApiToken.objects.exists()
    # Exactly what the plan said, minors' rules first.
    assert [(c["rule"], c["count"]) for c in run.counts] == [
        (r.rule.id, r.count) for r in planned.rules
    ]
    assert [c["minors"] for c in run.counts][:4] == [True] * 4
    assert run.total == planned.total and run.files_deleted == len(extract_files) + 1
    assert run.rule_set_sha256 == planned.rule_set_sha256
    event = AuditEvent.objects.order_by("-sequence").first()
    assert (
        event is not None and event.action == "retention.apply" and event.object_id == str(run.pk)
    )
    assert audit_chain_verify().intact
    # The immutability trigger is back in force.
    with pytest.raises(DatabaseError), transaction.atomic():
        SourceRecord.objects.filter(pk=SourceRecord.objects.values("pk")[:1]).update(
            surnames_key="x"
        )


def test_a_second_apply_changes_nothing(world: World) -> None:
    ada = admin()
    retention_apply(actor=ada, settlement_end=ENDED)
    skip = ("audit_auditevent", "audit_chainhead", "lifecycle_retentionrun")
    before = tables_state(skip=skip)

    again = retention_apply(actor=ada, settlement_end=ENDED)

    assert again.total == 0 and again.files_deleted == 0
    assert tables_state(skip=skip) == before
    assert RetentionRun.objects.count() == 2


def test_the_triggers_come_back_when_a_run_fails_halfway(world: World) -> None:
    record = SourceRecord.objects.first()
    assert record is not None
    with pytest.raises(RuntimeError, match="halfway"), transaction.atomic(), triggers_lifted():
        SourceRecord.objects.filter(pk=record.pk).update(surnames_key="changed")
        raise RuntimeError("halfway")
    record.refresh_from_db()
    assert record.surnames_key != "changed"
    with pytest.raises(DatabaseError), transaction.atomic():
        SourceRecord.objects.filter(pk=record.pk).update(surnames_key="x")


@pytest.mark.django_db(transaction=True)
def test_the_triggers_are_lifted_only_inside_a_transaction() -> None:
    assert connection.vendor in {"sqlite", "postgresql"}
    with pytest.raises(RuntimeError, match="inside the retention transaction"), triggers_lifted():
        pass


def test_an_apply_before_the_end_is_refused_and_writes_nothing(family: World) -> None:
    ada = admin()
    before = tables_state()
    with pytest.raises(RetentionRefused, match="nothing is deleted or anonymised before"):
        retention_apply(actor=ada, settlement_end=TODAY + timedelta(days=1))
    assert tables_state() == before


def test_an_apply_before_the_childrens_period_changes_only_what_is_due(family: World) -> None:
    children = minors_strings()
    run = retention_apply(actor=admin(), settlement_end=TODAY - timedelta(days=10))
    counts = {c["rule"]: c["count"] for c in run.counts}
    assert counts["everyone.credentials"] == 1
    assert counts["minors.identity"] == 0 and counts["adults.narratives"] == 0
    assert occurrences(children[family.tomas.pk])
    assert family.scan.exists()


def test_a_rule_set_with_no_due_rule_refuses(family: World) -> None:
    from amparo.engines.lifecycle import rule_set_from_data

    only_children = rule_set_from_data(
        {
            "version": "children-only",
            "rules": [
                {
                    "id": "minors.names",
                    "kinds": ["names"],
                    "whom": "minors",
                    "after": {"anchor": "settlement_end", "days": 90},
                    "action": "anonymise",
                    "priority": 1,
                    "citation": "test",
                    "summary": "test",
                }
            ],
        }
    )
    with pytest.raises(RetentionRefused, match="No rule is due yet"):
        retention_apply(
            actor=admin(), settlement_end=TODAY - timedelta(days=5), rule_set=only_children
        )


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.ADMINISTRATOR])
def test_only_administrators_reach_the_page(db: None, role: Role) -> None:
    user = make_user(username=f"u-{role.value}", role=role)
    client = Client()
    client.force_login(user)
    assert client.get(reverse("lifecycle:home")).status_code == 403
    response = client.post(
        reverse("lifecycle:apply"),
        {"apply-settlement_end": ENDED.isoformat(), "apply-confirmation": CONFIRMATION},
    )
    assert response.status_code == 403
    assert not RetentionRun.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(db: None) -> None:
    response = Client().get(reverse("lifecycle:home"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_administrator_sees_rules_counts_and_runs(family: World) -> None:
    client = Client()
    client.force_login(admin())
    page = client.get(reverse("lifecycle:home"), {"settlement_end": ENDED.isoformat()})
    assert page.status_code == 200
    html = page.content.decode()
    assert "minors.identity" in html and 'data-testid="plan"' in html
    assert "Tomás" not in html
    # No inline script or handler: the strict CSP allows neither.
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert not re.search(r"\son[a-z]+=", html)


def test_applying_from_the_page_needs_the_phrase(family: World) -> None:
    client = Client()
    client.force_login(admin())
    wrong = client.post(
        reverse("lifecycle:apply"),
        {"apply-settlement_end": ENDED.isoformat(), "apply-confirmation": "apply"},
    )
    assert wrong.status_code == 200 and "exactly as shown" in wrong.content.decode()
    assert not RetentionRun.objects.exists()
    right = client.post(
        reverse("lifecycle:apply"),
        {"apply-settlement_end": ENDED.isoformat(), "apply-confirmation": CONFIRMATION},
    )
    assert right.status_code == 302
    assert RetentionRun.objects.get().total > 0


def test_the_page_refuses_an_apply_before_the_end(family: World) -> None:
    client = Client()
    client.force_login(admin())
    response = client.post(
        reverse("lifecycle:apply"),
        {
            "apply-settlement_end": (TODAY + timedelta(days=3)).isoformat(),
            "apply-confirmation": CONFIRMATION,
        },
    )
    assert response.status_code == 200
    assert "nothing is deleted or anonymised before" in response.content.decode()
    assert not RetentionRun.objects.exists()


def test_the_demo_runs_a_dry_run_only(family: World) -> None:
    before = tables_state(skip=("audit_auditevent", "audit_chainhead"))

    result = lifecycle_demo()

    assert tables_state(skip=("audit_auditevent", "audit_chainhead")) == before
    assert result.plan.counts()["minors.identity"] > 0
    assert family.scan.exists()


def test_the_command_prints_the_plan_and_applies_only_when_asked(family: World) -> None:
    # `amparo retention`, as registered in the command line.
    runner = CliRunner(env={"COLUMNS": "300", "NO_COLOR": "1"})

    dry = runner.invoke(cli, ["retention", ENDED.isoformat()])
    assert dry.exit_code == 0, dry.output
    assert "minors.identity" in dry.output and "Dry-run: nothing was changed" in dry.output
    assert not RetentionRun.objects.exists()

    applied = runner.invoke(cli, ["retention", ENDED.isoformat(), "--apply"])
    assert applied.exit_code == 0, applied.output
    assert RetentionRun.objects.get().applied_by is None

    early = runner.invoke(cli, ["retention", (TODAY + timedelta(days=1)).isoformat(), "--apply"])
    assert early.exit_code == 1 and "Refused" in early.output
    assert runner.invoke(cli, ["retention", "31/01/2026"]).exit_code == 2
