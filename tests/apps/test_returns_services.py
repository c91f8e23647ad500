"""The return process's services: who is found, the search, consent before any
disclosure (and every disclosure logged), the application's deadline, the workflow's
stages, court motions, and a returned parent's way into the interview workflow."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from amparo.apps.accounts.models import User
from amparo.apps.audit.models import AuditEvent
from amparo.apps.audit.verify import audit_chain_verify
from amparo.apps.core.cases import CaseCode
from amparo.apps.elections.demo import demo_election
from amparo.apps.eligibility.models import Answer, EligibilityRun, PersonEligibility
from amparo.apps.eligibility.services import rule_parameter_set
from amparo.apps.interviews.models import Interview
from amparo.apps.registry.models import CustodyEvent, Separation
from amparo.apps.returns import services
from amparo.apps.returns.models import (
    Category,
    ContactAttempt,
    Disclosure,
    DisclosureChannel,
    MotionParent,
    ReturnCase,
)
from amparo.engines.interviews import State
from tests.factories import counsel, make_person
from tests.returns_world import (
    PDF,
    PNG,
    at,
    consent,
    media,
    open_case,
    partner_org,
    partner_user,
    prepared,
    reach,
)


@pytest.fixture(autouse=True)
def _media(settings: object, tmp_path: Path) -> Path:
    return media(settings, tmp_path)


# --- Who is found -----------------------------------------------------------------


def test_a_case_opens_for_every_return_candidate_and_no_one_else(
    carmen: User, lena: User, computed: EligibilityRun
) -> None:
    candidates = set(
        PersonEligibility.objects.filter(
            superseded_at__isnull=True, return_candidate=Answer.YES
        ).values_list("person_id", flat=True)
    )
    assert candidates
    # Counsel for the children's case act for no parent's return.
    assert services.return_cases_open(actor=counsel("mina", CaseCode.MMM)).opened == 0
    opened = services.return_cases_open(actor=lena)
    assert opened.opened == len(candidates)
    assert set(ReturnCase.objects.values_list("person_id", flat=True)) == candidates
    for case in ReturnCase.objects.select_related("person"):
        # Found through ICE's removal record, and linked to a child left behind.
        removal = CustodyEvent.objects.filter(
            kind="removed", record__assignments__person=case.person
        ).order_by("-occurred_on")[0]
        assert case.removed_on == removal.occurred_on
        assert case.country == case.person.citizenship
        children = Separation.objects.filter(parent=case.person, superseded_at__isnull=True)
        assert children.exists()
    again = services.return_cases_open(actor=carmen)
    assert (again.opened, again.already_open) == (0, len(candidates))
    assert AuditEvent.objects.filter(action="return_case.open").count() == len(candidates)


# --- The search -------------------------------------------------------------------


def test_contact_attempts_move_the_case_and_keep_first_milestones(carmen: User) -> None:
    _family, case = open_case(carmen)
    for outcome, days_ago, stage in (
        ("no_answer", 30, "to_locate"),
        ("wrong_number", 29, "to_locate"),
        ("located", 20, "located"),
        ("moved", 19, "located"),
        ("reached", 10, "contacted"),
        ("no_answer", 5, "contacted"),
    ):
        services.contact_attempt_record(
            actor=carmen, case=case, channel="phone", outcome=outcome, at=at(days_ago)
        )
        case.refresh_from_db()
        assert case.stage == stage, outcome
    assert case.located_at is not None and case.contacted_at is not None
    assert case.located_at.date() == at(20).date()
    assert case.contacted_at.date() == at(10).date()
    attempts = list(case.attempts.values_list("stage_before", "stage_after"))
    assert attempts[4] == ("located", "contacted")
    assert AuditEvent.objects.filter(action="return_case.contact_attempt").count() == 6


def test_bad_attempts_are_refused_and_write_nothing(carmen: User) -> None:
    _family, case = open_case(carmen)
    with pytest.raises(services.ReturnInputError) as future:
        services.contact_attempt_record(
            actor=carmen,
            case=case,
            channel="phone",
            outcome="reached",
            at=timezone.now() + timedelta(hours=2),
        )
    assert future.value.field == "at"
    with pytest.raises(services.ReturnInputError, match="removed on 2018-06-20"):
        services.contact_attempt_record(
            actor=carmen,
            case=case,
            channel="phone",
            outcome="reached",
            at=timezone.make_aware(datetime(2018, 6, 1, 12)),
        )
    with pytest.raises(services.ReturnInputError) as channel:
        services.contact_attempt_record(
            actor=carmen, case=case, channel="pigeon", outcome="reached", at=at(1)
        )
    assert channel.value.field == "channel"
    assert not ContactAttempt.objects.exists()
    case.refresh_from_db()
    assert case.stage == "to_locate" and case.version == 1


def test_a_parent_is_unreachable_only_after_enough_failed_attempts(carmen: User) -> None:
    _family, case = open_case(carmen)
    for days_ago in (3, 2):
        services.contact_attempt_record(
            actor=carmen, case=case, channel="phone", outcome="no_answer", at=at(days_ago)
        )
    case.refresh_from_db()
    with pytest.raises(services.ReturnInputError, match="after 3 failed attempts; 2 are"):
        services.case_give_up(actor=carmen, case=case, expected_version=case.version, reason="x")
    services.contact_attempt_record(
        actor=carmen, case=case, channel="partner_visit", outcome="moved", at=at(1)
    )
    case.refresh_from_db()
    case = services.case_give_up(
        actor=carmen, case=case, expected_version=case.version, reason="no trace in the village"
    )
    assert case.stage == "unreachable"
    # A later lead opens the search again; reaching the parent moves them on.
    case = services.case_reopen(
        actor=carmen, case=case, expected_version=case.version, reason="a cousin called"
    )
    assert case.stage == "to_locate"
    case = reach(carmen, case, days_ago=0)
    assert case.stage == "contacted"


def test_a_parent_who_declines_may_speak_with_counsel_again(carmen: User) -> None:
    _family, case = open_case(carmen)
    services.contact_attempt_record(
        actor=carmen, case=case, channel="messaging", outcome="declined", at=at(5)
    )
    case.refresh_from_db()
    assert case.stage == "declined"
    case = reach(carmen, case, days_ago=1)
    assert case.stage == "contacted"


# --- Consent and disclosure -------------------------------------------------------


def test_disclosure_is_refused_without_written_consent_and_the_refusal_is_audited(
    carmen: User,
) -> None:
    _family, case = open_case(carmen)
    partner = partner_org()
    reach(carmen, case)
    with pytest.raises(services.DisclosureRefused, match="No written consent"):
        services.disclosure_make(
            actor=carmen,
            case=case,
            partner=partner,
            categories=[Category.CHILD_WHEREABOUTS],
            purpose="to arrange a call with the child",
        )
    assert not Disclosure.objects.exists()
    refused = AuditEvent.objects.get(action="return_case.disclosure_refused")
    assert refused.details["categories"] == ["child_whereabouts"]
    assert refused.details["partner"] == partner.name
    assert audit_chain_verify().intact


def test_disclosure_with_consent_is_logged_with_that_consent(carmen: User, tmp_path: Path) -> None:
    _family, case = open_case(carmen)
    partner, other = partner_org(), partner_org("Equipo de Búsqueda Quiché")
    reach(carmen, case)
    consent(carmen, case, partner, Category.CASE_STATUS, Category.CHILD_WHEREABOUTS)
    written = case.consents.get()
    stored = tmp_path / "media" / written.scan_path
    assert stored.read_bytes() == PDF
    disclosure = services.disclosure_make(
        actor=carmen,
        case=case,
        partner=partner,
        categories=[Category.CHILD_WHEREABOUTS],
        purpose="to arrange a call with the child",
    )
    assert disclosure.consent == written
    assert disclosure.channel == DisclosureChannel.OUTSIDE
    assert AuditEvent.objects.filter(action="return_case.disclose").count() == 1
    # The consent covers only what it names, and only the partner it names.
    with pytest.raises(services.DisclosureRefused):
        services.disclosure_make(
            actor=carmen,
            case=case,
            partner=partner,
            categories=[Category.APPLICATION],
            purpose="news of the application",
        )
    with pytest.raises(services.DisclosureRefused):
        services.disclosure_make(
            actor=carmen,
            case=case,
            partner=other,
            categories=[Category.CASE_STATUS],
            purpose="another searcher",
        )
    # Withdrawn, it allows nothing more.
    services.consent_withdraw(actor=carmen, consent=written, note="by telephone, 2 pm")
    with pytest.raises(services.DisclosureRefused):
        services.disclosure_make(
            actor=carmen,
            case=case,
            partner=partner,
            categories=[Category.CASE_STATUS],
            purpose="after withdrawal",
        )
    assert Disclosure.objects.count() == 1
    assert AuditEvent.objects.filter(action="return_case.disclosure_refused").count() == 3


def test_an_expired_consent_allows_nothing(carmen: User) -> None:
    _family, case = open_case(carmen)
    partner = partner_org()
    reach(carmen, case)
    services.consent_record(
        actor=carmen,
        case=case,
        partner=partner,
        categories=[Category.CASE_STATUS],
        signed_on=timezone.localdate() - timedelta(days=60),
        expires_on=timezone.localdate() - timedelta(days=1),
        scan=PNG,
    )
    with pytest.raises(services.DisclosureRefused):
        services.disclosure_make(
            actor=carmen,
            case=case,
            partner=partner,
            categories=[Category.CASE_STATUS],
            purpose="status",
        )


def test_consent_must_be_written_and_given_by_a_parent_who_was_reached(
    carmen: User, tmp_path: Path
) -> None:
    _family, case = open_case(carmen)
    partner = partner_org()
    with pytest.raises(services.ReturnInputError, match="record the contact"):
        consent(carmen, case, partner, Category.CASE_STATUS)
    reach(carmen, case)
    with pytest.raises(services.ReturnInputError, match="PDF, PNG or JPEG") as kind:
        services.consent_record(
            actor=carmen,
            case=case,
            partner=partner,
            categories=[Category.CASE_STATUS],
            signed_on=timezone.localdate(),
            scan=b"I agree (typed, not signed)",
        )
    assert kind.value.field == "scan"
    with pytest.raises(services.ReturnInputError) as locating:
        services.consent_record(
            actor=carmen,
            case=case,
            partner=partner,
            categories=[Category.LOCATING],
            signed_on=timezone.localdate(),
            scan=PDF,
        )
    assert locating.value.field == "categories"
    assert not case.consents.exists()
    # Nothing of a refused consent stays on disk.
    assert not list((tmp_path / "media").rglob("*.pdf"))


def test_a_search_gives_the_partner_the_locating_sheet_and_logs_it(carmen: User) -> None:
    _family, case = open_case(carmen)
    partner = partner_org()
    services.partner_assign(actor=carmen, case=case, partner=partner)
    logged = Disclosure.objects.get()
    assert logged.channel == DisclosureChannel.ASSIGNMENT
    assert logged.categories == ["locating"]
    assert logged.consent is None
    with pytest.raises(services.ReturnInputError, match="already searching"):
        services.partner_assign(actor=carmen, case=case, partner=partner)
    # Only in-country partners search.
    with pytest.raises(services.ReturnInputError):
        services.partner_assign(actor=carmen, case=case, partner=carmen.organisation)


# --- The application and its deadline --------------------------------------------


def test_wanting_to_return_starts_the_presentation_period_from_the_rules(
    carmen: User, lena: User
) -> None:
    _family, case = open_case(carmen)
    case = reach(lena, case)
    # The period is a rule parameter (30 days in the agreement); changed, it is dated
    # and audited like any rule parameter, and the next wish to return follows it.
    assert services.presentation_days() == 30
    rule_parameter_set(
        actor=carmen,
        rule_id="settlement.return_candidacy",
        name="presentation_days",
        value=45,
        reason="stipulated by the parties",
    )
    case.refresh_from_db()
    day = timezone.localdate() - timedelta(days=3)
    case = services.wish_record(
        actor=lena, case=case, expected_version=case.version, wish="apply", on=day
    )
    assert case.stage == "preparing"
    assert case.application_due == day + timedelta(days=45)
    # A change of mind and back does not start the clock again.
    case = services.wish_record(
        actor=lena, case=case, expected_version=case.version, wish="child_stays", on=day
    )
    case = services.wish_record(
        actor=lena,
        case=case,
        expected_version=case.version,
        wish="apply",
        on=timezone.localdate(),
    )
    assert case.application_due == day + timedelta(days=45)


def test_an_application_past_its_deadline_is_refused_until_extended(
    carmen: User, lena: User
) -> None:
    _family, case = open_case(carmen)
    wished = timezone.localdate() - timedelta(days=40)
    case = prepared(lena, case, on=wished)
    due = wished + timedelta(days=30)
    with pytest.raises(services.ReturnInputError, match=f"passed on {due}"):
        services.application_submit(actor=lena, case=case, expected_version=case.version)
    case.refresh_from_db()
    assert case.stage == "preparing" and case.submitted_at is None
    # Counsel cannot grant themselves more time; the government can.
    with pytest.raises(PermissionDenied):
        services.deadline_extend(
            actor=lena,
            case=case,
            expected_version=case.version,
            to=timezone.localdate() + timedelta(days=7),
            reason="x",
        )
    with pytest.raises(services.ReturnInputError, match="must be after"):
        services.deadline_extend(
            actor=carmen, case=case, expected_version=case.version, to=due, reason="x"
        )
    case = services.deadline_extend(
        actor=carmen,
        case=case,
        expected_version=case.version,
        to=timezone.localdate() + timedelta(days=7),
        reason="agreed with class counsel by letter",
    )
    case = services.application_submit(actor=lena, case=case, expected_version=case.version)
    assert case.stage == "applied" and case.submitted_at is not None
    # On the last day it still goes in.
    assert services.effective_due(case) == timezone.localdate() + timedelta(days=7)


def test_an_application_needs_a_statement_and_evidence(carmen: User, lena: User) -> None:
    _family, case = open_case(carmen)
    case = reach(lena, case)
    case = services.wish_record(
        actor=lena, case=case, expected_version=case.version, wish="apply", on=timezone.localdate()
    )
    with pytest.raises(services.ReturnInputError, match="the statement and at least one"):
        services.application_submit(actor=lena, case=case, expected_version=case.version)
    with pytest.raises(services.ReturnInputError, match="PDF, PNG or JPEG"):
        services.evidence_add(actor=lena, case=case, description="letter", data=b"<html>")
    # Only counsel (and administrators) present applications.
    with pytest.raises(PermissionDenied):
        services.application_save(
            actor=carmen, case=case, expected_version=case.version, statement="x"
        )


# --- The workflow's stages --------------------------------------------------------


def test_approved_parent_travels_returns_and_enters_the_interview_workflow(
    carmen: User, lena: User, computed: EligibilityRun
) -> None:
    """A real deported parent of the identified world: her return is a fact the
    eligibility rules read, so she is owed the new interview once she elects to stay."""
    services.return_cases_open(actor=carmen)
    case = next(
        c
        for c in ReturnCase.objects.select_related("person")
        if c.person.cases.filter(case_code="ms_l").exists()
        and c.person.eligibility.get(superseded_at__isnull=True).findings
        and any(
            f["code"] == "parent_review_and_new_interview" and f["basis"] == "removed"
            for f in c.person.eligibility.get(superseded_at__isnull=True).findings
        )
    )
    case = prepared(lena, case)
    case = services.application_submit(actor=lena, case=case, expected_version=case.version)
    # Out of order: no travel before a decision, no arrival before travel.
    with pytest.raises(services.ReturnInputError, match="cannot be done"):
        services.travel_record(
            actor=carmen,
            case=case,
            expected_version=case.version,
            travel_document="Boarding foil 123",
            travel_on=timezone.localdate(),
            port_of_entry="Houston",
        )
    with pytest.raises(PermissionDenied):
        services.application_decide(
            actor=lena, case=case, expected_version=case.version, decision="approved", reasons="x"
        )
    case = services.application_decide(
        actor=carmen,
        case=case,
        expected_version=case.version,
        decision="approved",
        reasons="Separated from a young child; negative finding while separated.",
    )
    assert case.stage == "approved" and case.decision_by == "government"
    with pytest.raises(services.ReturnInputError, match="cannot be done"):
        services.arrival_record(
            actor=carmen, case=case, expected_version=case.version, arrived_on=date.today()
        )
    case = services.phone_participation_set(
        actor=lena,
        case=case,
        expected_version=case.version,
        enabled=True,
        phone_number="+502 5555 1234",
        language="Spanish",
    )
    case = services.travel_record(
        actor=carmen,
        case=case,
        expected_version=case.version,
        travel_document="Parole document 2026-0001",
        travel_on=timezone.localdate(),
        port_of_entry="George Bush Intercontinental Airport, Houston",
    )
    case = services.arrival_record(
        actor=carmen, case=case, expected_version=case.version, arrived_on=timezone.localdate()
    )
    assert case.stage == "returned"
    # Back in the United States, she takes part in person.
    assert case.phone_participation is False
    now = PersonEligibility.objects.get(person=case.person, superseded_at__isnull=True)
    # Back in the United States with a negative finding: owed the new interview, which
    # waits for the parent's election to stay.
    assert now.parent_procedures == Answer.YES
    assert case.interview is None
    assert "election" in case.interview_pending
    assert AuditEvent.objects.filter(action="return_case.interview_pending").count() == 1
    demo_election(lena, case.person)
    case = services.returned_interview_request(actor=carmen, case=case)
    assert case.interview is not None
    interview = Interview.objects.get(person=case.person)
    assert interview.state == State.REQUESTED.value
    assert case.interview_pending == ""
    assert AuditEvent.objects.filter(action="return_case.interview_requested").count() == 1
    assert audit_chain_verify().intact


def test_a_denied_parent_may_be_allowed_back_by_the_court(carmen: User, lena: User) -> None:
    _family, case = open_case(carmen)
    case = prepared(lena, case)
    case = services.application_submit(actor=lena, case=case, expected_version=case.version)
    case = services.application_decide(
        actor=carmen,
        case=case,
        expected_version=case.version,
        decision="denied",
        reasons="No evidence of separation on file.",
    )
    assert case.stage == "denied"
    with pytest.raises(services.ReturnInputError, match="not pending or denied"):
        services.motion_file(
            actor=carmen,
            title="x",
            docket_number="",
            filed_on=timezone.localdate(),
            cases=[
                ReturnCase.objects.create(
                    person=_family.tomas,
                    basis="t",
                    created_at=timezone.now(),
                    updated_at=timezone.now(),
                )
            ],
        )
    motion = services.motion_file(
        actor=lena,
        title="Motion to enforce: return of deported parents",
        docket_number="ECF 581",
        filed_on=timezone.localdate(),
        cases=[case],
    )
    entry = MotionParent.objects.get(motion=motion)
    with pytest.raises(services.ReturnInputError, match="before the motion"):
        services.motion_outcome_record(
            actor=carmen,
            entry=entry,
            outcome="granted",
            decided_on=timezone.localdate() - timedelta(days=5),
        )
    services.motion_outcome_record(
        actor=carmen, entry=entry, outcome="granted", decided_on=timezone.localdate()
    )
    case.refresh_from_db()
    assert case.stage == "approved"
    assert (case.decision, case.decision_by) == ("approved", "court")
    with pytest.raises(services.ReturnInputError, match="already recorded"):
        services.motion_outcome_record(
            actor=carmen, entry=entry, outcome="denied", decided_on=timezone.localdate()
        )


def test_a_parent_who_does_not_return_joins_the_childs_interview_by_phone(
    carmen: User, lena: User
) -> None:
    _family, case = open_case(carmen)
    with pytest.raises(services.ReturnInputError, match="once the parent is reached"):
        services.phone_participation_set(
            actor=lena,
            case=case,
            expected_version=case.version,
            enabled=True,
            phone_number="+502 5555 1234",
            language="Mam",
        )
    case = reach(lena, case)
    case = services.wish_record(
        actor=lena,
        case=case,
        expected_version=case.version,
        wish="child_stays",
        on=timezone.localdate(),
    )
    with pytest.raises(services.ReturnInputError) as number:
        services.phone_participation_set(
            actor=lena,
            case=case,
            expected_version=case.version,
            enabled=True,
            phone_number="call me",
            language="Mam",
        )
    assert number.value.field == "phone_number"
    case = services.phone_participation_set(
        actor=lena,
        case=case,
        expected_version=case.version,
        enabled=True,
        phone_number="+502 5555 1234",
        language="Mam",
    )
    assert case.stage == "child_stays"
    assert (case.phone_participation, case.phone_number) == (True, "+502 5555 1234")


def test_a_stale_edit_is_refused_not_applied(carmen: User, lena: User) -> None:
    _family, case = open_case(carmen)
    case = reach(lena, case)
    opened_at = case.version
    services.case_locating_update(
        actor=carmen,
        case=case,
        expected_version=opened_at,
        country="GTM",
        region="Huehuetenango",
        locality="San Mateo Ixtatán",
        contact_details="Sister: +502 5555 0000",
    )
    with pytest.raises(services.StaleCase, match="changed by someone else"):
        services.case_locating_update(
            actor=lena,
            case=case,
            expected_version=opened_at,
            country="GTM",
            region="Quiché",
            locality="",
            contact_details="",
        )
    case.refresh_from_db()
    assert case.region == "Huehuetenango"


def test_people_outside_the_process_can_do_nothing(
    omar: User, pilar: User, clara: User, carmen: User
) -> None:
    _family, case = open_case(carmen)
    for outsider in (omar, pilar, clara):
        with pytest.raises(PermissionDenied):
            services.return_cases_open(actor=outsider)
        with pytest.raises(PermissionDenied):
            services.contact_attempt_record(
                actor=outsider, case=case, channel="phone", outcome="reached", at=at(1)
            )
    # Counsel for the children's case do not see this parent: as good as absent.
    with pytest.raises(PermissionDenied):
        services.contact_attempt_record(
            actor=counsel("mina", CaseCode.MMM),
            case=case,
            channel="phone",
            outcome="reached",
            at=at(1),
        )
    assert not ContactAttempt.objects.exists()


def test_the_last_day_still_counts_the_next_does_not(carmen: User, lena: User) -> None:
    _family, case = open_case(carmen)
    case = prepared(lena, case)
    due = services.effective_due(case)
    assert due is not None
    with pytest.raises(services.ReturnInputError, match="passed on"):
        services.application_submit(
            actor=lena, case=case, expected_version=case.version, today=due + timedelta(days=1)
        )
    case = services.application_submit(
        actor=lena, case=case, expected_version=case.version, today=due
    )
    assert case.stage == "applied"


def test_an_extension_cannot_be_to_a_day_already_gone(carmen: User, lena: User) -> None:
    _family, case = open_case(carmen)
    case = prepared(lena, case, on=timezone.localdate() - timedelta(days=45))
    assert case.application_due == timezone.localdate() - timedelta(days=15)
    with pytest.raises(services.ReturnInputError, match="not in the past"):
        services.deadline_extend(
            actor=carmen,
            case=case,
            expected_version=case.version,
            to=timezone.localdate() - timedelta(days=1),
            reason="x",
        )


def test_each_parent_of_a_motion_gets_their_own_ruling_recorded_by_the_government(
    carmen: User, lena: User
) -> None:
    _family, first = open_case(carmen)
    second = ReturnCase.objects.create(
        person=make_person(given_names="Juana", surnames="Ixcoy", cases=[CaseCode.MS_L]),
        basis="test",
        created_at=timezone.now(),
        updated_at=timezone.now(),
    )
    cases = []
    for opened in (first, second):
        ready = prepared(lena, opened)
        applied = services.application_submit(
            actor=lena, case=ready, expected_version=ready.version
        )
        cases.append(
            services.application_decide(
                actor=carmen,
                case=applied,
                expected_version=applied.version,
                decision="denied",
                reasons="No separation on record.",
            )
        )
    motion = services.motion_file(
        actor=lena,
        title="Motion for the return of two parents",
        docket_number="ECF 700",
        filed_on=timezone.localdate(),
        cases=cases,
    )
    granted, denied = MotionParent.objects.filter(motion=motion).order_by("id")
    # Counsel do not rule on their own motion.
    with pytest.raises(PermissionDenied):
        services.motion_outcome_record(
            actor=lena, entry=granted, outcome="granted", decided_on=timezone.localdate()
        )
    services.motion_outcome_record(
        actor=carmen, entry=granted, outcome="granted", decided_on=timezone.localdate()
    )
    services.motion_outcome_record(
        actor=carmen, entry=denied, outcome="denied", decided_on=timezone.localdate()
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.stage, first.decision_by) == ("approved", "court")
    # The government's earlier reasons stay beside the court's order.
    assert "ECF 700" in first.decision_reasons
    assert "No separation on record." in first.decision_reasons
    assert (second.stage, second.decision) == ("denied", "denied")
    assert AuditEvent.objects.filter(action="return_case.motion_outcome").count() == 2
    decided = AuditEvent.objects.filter(action="return_case.decide").first()
    assert decided is not None and decided.details["reasons"] == "No separation on record."


def test_a_partners_attempt_neither_moves_nor_reveals_a_case_past_the_search(
    carmen: User, lena: User
) -> None:
    _family, case = open_case(carmen)
    partner = partner_org()
    pablo = partner_user("pablo", partner)
    services.partner_assign(actor=lena, case=case, partner=partner)
    # Before their search began: refused without the removal date (ICE's record).
    with pytest.raises(services.ReturnInputError) as early:
        services.contact_attempt_record(
            actor=pablo, case=case, channel="partner_visit", outcome="located", at=at(30)
        )
    assert "2018" not in str(early.value) and early.value.field == "at"
    case = prepared(lena, case)
    case = services.application_submit(actor=lena, case=case, expected_version=case.version)
    attempt = services.contact_attempt_record(
        actor=pablo, case=case, channel="partner_visit", outcome="declined", at=at(0)
    )
    case.refresh_from_db()
    assert case.stage == "applied"
    assert (attempt.stage_before, attempt.stage_after) == ("applied", "applied")


def test_a_parent_who_declines_was_located_and_contacted(carmen: User) -> None:
    _family, case = open_case(carmen)
    services.contact_attempt_record(
        actor=carmen, case=case, channel="phone", outcome="declined", at=at(4)
    )
    # Entered later, an earlier attempt that reached her sets the milestones back.
    services.contact_attempt_record(
        actor=carmen, case=case, channel="sponsor", outcome="reached", at=at(9)
    )
    case.refresh_from_db()
    assert case.located_at is not None and case.contacted_at is not None
    assert timezone.localdate(case.contacted_at) == timezone.localdate(at(9))


def test_a_changed_locating_sheet_is_a_disclosure_to_every_partner_searching(
    carmen: User, lena: User
) -> None:
    _family, case = open_case(carmen)
    partner = partner_org()
    services.partner_assign(actor=lena, case=case, partner=partner)
    case.refresh_from_db()
    services.case_locating_update(
        actor=lena,
        case=case,
        expected_version=case.version,
        country="GTM",
        region="Huehuetenango",
        locality="Nentón",
        contact_details="Cousin: +502 5555 0101",
    )
    logged = list(Disclosure.objects.order_by("id").values_list("purpose", flat=True))
    assert logged == ["search for the parent", "locating sheet updated"]
