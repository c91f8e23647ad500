"""The return process's pages: access per role (in-country partners see only their
searches, and of a case only what the parent's written consent allows, each view
logged), the forms posting through the services, the figures by country and region,
and the files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from amparo.apps.accounts.models import User
from amparo.apps.audit.models import AuditEvent
from amparo.apps.core.cases import CaseCode
from amparo.apps.interviews.services import interview_request as request_interview
from amparo.apps.returns import services
from amparo.apps.returns.models import Category, ContactAttempt, Disclosure, ReturnCase
from tests.conftest import client_for
from tests.factories import counsel
from tests.returns_world import (
    PDF,
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


def _case_url(case: ReturnCase) -> str:
    return reverse("returns:case_detail", args=[case.public_id])


def _do(case: ReturnCase, action: str) -> str:
    return reverse("returns:case_action", args=[case.public_id, action])


def test_pages_per_role(carmen: User, lena: User, omar: User, pilar: User, clara: User) -> None:
    _family, case = open_case(carmen)
    partner = partner_user("pablo", partner_org())
    worker_pages = [
        reverse("returns:case_list"),
        _case_url(case),
        reverse("returns:motion_list"),
    ]
    for user in (carmen, lena):
        for url in worker_pages:
            assert client_for(user).get(url).status_code == 200, (user, url)
    for user in (omar, pilar, clara, partner):
        for url in worker_pages:
            assert client_for(user).get(url).status_code == 403, (user, url)
    # Counsel of the children's case do not see a parent's case: 404, not 403.
    mina = counsel("mina", CaseCode.MMM)
    assert client_for(mina).get(_case_url(case)).status_code == 404
    assert client_for(mina).get(reverse("returns:case_list")).status_code == 200
    # The partner's pages are for partners only.
    for user in (carmen, lena, omar, clara):
        assert client_for(user).get(reverse("returns:partner_home")).status_code == 403
    # The figures: the readers and the court; not officers nor providers.
    for user, status in ((carmen, 200), (lena, 200), (clara, 200), (omar, 403), (pilar, 403)):
        assert client_for(user).get(reverse("returns:measures")).status_code == status


def test_a_partner_sees_only_their_searches_and_only_what_consent_allows(
    carmen: User, lena: User
) -> None:
    _family, case = open_case(carmen)
    ours, theirs = partner_org(), partner_org("Equipo de Búsqueda Quiché")
    pablo, quentin = partner_user("pablo", ours), partner_user("quentin", theirs)
    url = reverse("returns:partner_case", args=[case.public_id])
    # Not given the search: the case does not exist for them.
    assert client_for(pablo).get(url).status_code == 404
    services.case_locating_update(
        actor=lena,
        case=case,
        expected_version=case.version,
        country="GTM",
        region="Huehuetenango",
        locality="San Mateo Ixtatán",
        contact_details="Sister Ana: +502 5555 0000",
    )
    services.partner_assign(actor=lena, case=case, partner=ours)
    home = client_for(pablo).get(reverse("returns:partner_home")).content.decode()
    assert "Rosa" in home
    assert "Rosa" not in client_for(quentin).get(reverse("returns:partner_home")).content.decode()
    assert client_for(quentin).get(url).status_code == 404
    # The locating sheet, and nothing of the case without consent.
    page = client_for(pablo).get(url).content.decode()
    assert "San Mateo Ixtatán" in page and "+502 5555 0000" in page
    assert 'data-testid="no-consent"' in page
    assert "Tomás" not in page
    assert 'data-testid="consented-status"' not in page
    assert not Disclosure.objects.filter(channel="portal").exists()
    # Consent to know where the case stands (not the child): the stage shows, the
    # child does not, and the view is logged on that consent.
    reach(lena, case)
    consent(lena, case, ours, Category.CASE_STATUS)
    page = client_for(pablo).get(url).content.decode()
    assert 'data-testid="consented-status"' in page and "Contacted" in page
    assert "Tomás" not in page
    logged = Disclosure.objects.get(channel="portal")
    assert logged.partner == ours and logged.consent == case.consents.get()
    assert logged.categories == ["case_status"]
    # Consent to the child's whereabouts as well: the child is named.
    consent(lena, case, ours, Category.CHILD_WHEREABOUTS)
    assert "Tomás" in client_for(pablo).get(url).content.decode()
    # Another partner's consent gives this one nothing.
    services.partner_assign(actor=lena, case=case, partner=theirs)
    page = client_for(quentin).get(url).content.decode()
    assert 'data-testid="no-consent"' in page and "Tomás" not in page
    # The worker pages stay closed to partners whatever they search.
    assert client_for(pablo).get(_case_url(case)).status_code == 403


def test_a_partner_records_attempts_and_sees_only_their_own(carmen: User, lena: User) -> None:
    _family, case = open_case(carmen)
    ours, theirs = partner_org(), partner_org("Equipo de Búsqueda Quiché")
    pablo = partner_user("pablo", ours)
    services.partner_assign(actor=lena, case=case, partner=ours)
    services.contact_attempt_record(
        actor=lena, case=case, channel="phone", outcome="no_answer", at=at(3), note="counsel's own"
    )
    url = reverse("returns:partner_case", args=[case.public_id])
    response = client_for(pablo).post(
        url,
        {
            "at": timezone.localtime(at(0)).strftime("%Y-%m-%dT%H:%M"),
            "channel": "partner_visit",
            "outcome": "located",
            "note": "family home in aldea Yolcultac",
            "next_step": "return on market day",
        },
    )
    assert response.status_code == 302
    made = ContactAttempt.objects.get(note="family home in aldea Yolcultac")
    assert made.organisation == ours and made.recorded_by == pablo
    case.refresh_from_db()
    assert case.stage == "located"
    # Another partner searching too: each sees only their organisation's attempts.
    quentin = partner_user("quentin", theirs)
    services.partner_assign(actor=lena, case=case, partner=theirs)
    services.contact_attempt_record(
        actor=quentin, case=case, channel="phone", outcome="no_answer", at=at(0), note="Quiché team"
    )
    page = client_for(pablo).get(url).content.decode()
    assert "aldea Yolcultac" in page
    assert "counsel's own" not in page and "Quiché team" not in page
    assert "aldea Yolcultac" not in client_for(quentin).get(url).content.decode()
    # A bad attempt comes back with the field named, nothing written.
    bad = client_for(pablo).post(url, {"at": "", "channel": "phone", "outcome": "reached"})
    assert bad.status_code == 400
    assert ContactAttempt.objects.count() == 3
    # A search ended: the case is gone from the partner's pages.
    services.partner_unassign(actor=lena, assignment=case.assignments.get(partner=ours))
    assert client_for(pablo).get(url).status_code == 404


def test_forms_post_through_the_services_and_refusals_come_back_named(
    carmen: User, lena: User
) -> None:
    _family, case = open_case(carmen)
    partner = partner_org()
    client = client_for(lena)
    for days_ago in (3, 2, 1):
        response = client.post(
            _do(case, "attempt"),
            {
                "at": timezone.localtime(at(days_ago)).strftime("%Y-%m-%dT%H:%M"),
                "channel": "phone",
                "outcome": "reached" if days_ago == 1 else "no_answer",
            },
        )
        assert response.status_code == 302
    case.refresh_from_db()
    assert case.stage == "contacted"
    # A disclosure without consent: refused on the page, logged in the audit.
    refused = client.post(
        _do(case, "disclose"),
        {"partner": partner.pk, "categories": ["case_status"], "purpose": "status"},
    )
    assert refused.status_code == 400
    assert "No written consent" in refused.content.decode()
    assert AuditEvent.objects.filter(action="return_case.disclosure_refused").count() == 1
    signed = client.post(
        _do(case, "consent"),
        {
            "partner": partner.pk,
            "categories": ["case_status"],
            "signed_on": timezone.localdate().isoformat(),
            "scan": SimpleUploadedFile("consent.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert signed.status_code == 302
    assert (
        client.post(
            _do(case, "disclose"),
            {"partner": partner.pk, "categories": ["case_status"], "purpose": "status"},
        ).status_code
        == 302
    )
    # The signed form is downloaded by who may see the case, and the read is audited.
    scan_url = reverse("returns:consent_scan", args=[case.public_id, case.consents.get().pk])
    response = client.get(scan_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]
    assert AuditEvent.objects.filter(
        action="return_case.view", details__what__startswith="consent scan"
    ).exists()
    assert client_for(counsel("mina", CaseCode.MMM)).get(scan_url).status_code == 404
    # A stale form is refused, not applied.
    stale = client.post(
        _do(case, "wish"), {"version": 1, "wish": "apply", "on": timezone.localdate().isoformat()}
    )
    assert stale.status_code == 400
    assert "changed by someone else" in stale.content.decode()
    # An action counsel may not take is a 403.
    case.refresh_from_db()
    assert (
        client.post(
            _do(case, "decide"), {"version": case.version, "decision": "approved", "reasons": "x"}
        ).status_code
        == 403
    )
    assert client.post(_do(case, "nonsense"), {}).status_code == 404


def test_the_court_reads_the_figures_with_small_counts_banded(
    carmen: User, clara: User, lena: User
) -> None:
    _family, case = open_case(carmen)
    services.case_locating_update(
        actor=carmen,
        case=case,
        expected_version=case.version,
        country="GTM",
        region="Huehuetenango",
        locality="",
        contact_details="",
    )
    reach(lena, case)
    court = client_for(clara).get(reverse("returns:measures")).content.decode()
    assert "Huehuetenango" in court
    assert 'data-testid="total-0">&lt;11<' in court
    staff = client_for(carmen).get(reverse("returns:measures")).content.decode()
    assert 'data-testid="total-0">1<' in staff
    assert 'data-testid="total-2">1<' in staff  # contacted


def test_the_childs_interview_shows_the_parent_joining_by_telephone(
    carmen: User, lena: User, omar: User
) -> None:
    family, case = open_case(carmen)
    child_interview = request_interview(actor=carmen, person=family.tomas, subject="child")
    url = reverse("interviews:interview_detail", args=[child_interview.public_id])
    assert 'data-testid="page-notes"' not in client_for(carmen).get(url).content.decode()
    case = reach(lena, case)
    case = services.wish_record(
        actor=lena,
        case=case,
        expected_version=case.version,
        wish="child_stays",
        on=timezone.localdate(),
    )
    services.phone_participation_set(
        actor=lena,
        case=case,
        expected_version=case.version,
        enabled=True,
        phone_number="+502 5555 1234",
        language="Mam",
    )
    page = client_for(carmen).get(url).content.decode()
    assert "Rosa López Pérez (parent, outside the United States) joins by telephone" in page
    assert "+502 5555 1234" in page and "in Mam" in page


def test_consent_to_the_case_status_says_nothing_of_the_application(
    carmen: User, lena: User
) -> None:
    _family, case = open_case(carmen)
    partner = partner_org()
    pablo = partner_user("pablo", partner)
    services.partner_assign(actor=lena, case=case, partner=partner)
    case = prepared(lena, case)
    case = services.application_submit(actor=lena, case=case, expected_version=case.version)
    services.application_decide(
        actor=carmen, case=case, expected_version=case.version, decision="denied", reasons="r"
    )
    consent(lena, case, partner, Category.CASE_STATUS)
    url = reverse("returns:partner_case", args=[case.public_id])
    page = client_for(pablo).get(url).content.decode()
    assert 'data-testid="consented-status">Stage: Contacted' in page
    assert "Return denied" not in page and "Application presented" not in page
    consent(lena, case, partner, Category.APPLICATION)
    page = client_for(pablo).get(url).content.decode()
    assert "Return denied" in page
    logged = Disclosure.objects.filter(channel="portal").order_by("id")
    # The second view showed both consents' categories, each logged with its consent.
    assert [d.categories for d in logged] == [["case_status"], ["application"], ["case_status"]]


def test_evidence_is_downloaded_only_by_who_works_the_case(carmen: User, lena: User) -> None:
    _family, case = open_case(carmen)
    partner = partner_org()
    pablo = partner_user("pablo", partner)
    services.partner_assign(actor=lena, case=case, partner=partner)
    case = prepared(lena, case)
    item = case.evidence.get()
    url = reverse("returns:evidence_file", args=[case.public_id, item.pk])
    response = client_for(lena).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]
    assert client_for(counsel("mina", CaseCode.MMM)).get(url).status_code == 404
    assert client_for(pablo).get(url).status_code == 403


def test_rulings_are_recorded_per_parent_on_the_motion_page(carmen: User, lena: User) -> None:
    _family, case = open_case(carmen)
    case = prepared(lena, case)
    case = services.application_submit(actor=lena, case=case, expected_version=case.version)
    created = client_for(lena).post(
        reverse("returns:motion_list"),
        {
            "title": "Motion to allow return",
            "docket_number": "ECF 800",
            "filed_on": timezone.localdate().isoformat(),
            "cases": [case.pk],
        },
    )
    assert created.status_code == 302
    url = created["Location"]
    entry = case.motions.get()
    # Counsel read the motion but do not rule on it.
    assert (
        'data-testid="ruling-' + str(entry.pk) + '"'
        not in client_for(lena).get(url).content.decode()
    )
    assert client_for(lena).post(url, {"entry": entry.pk, "outcome": "granted"}).status_code == 403
    ruled = client_for(carmen).post(
        url,
        {"entry": entry.pk, "outcome": "granted", "decided_on": timezone.localdate().isoformat()},
    )
    assert ruled.status_code == 302
    case.refresh_from_db()
    assert case.stage == "approved" and case.decision_by == "court"


def test_every_page_a_partner_can_open_is_theirs_and_names_no_child(
    carmen: User, lena: User
) -> None:
    """Walk every URL of the project as an in-country partner, with the ids of the case
    they search and of the parent and child: only their own pages (and the public ones)
    open, and nothing shown names the child, whose whereabouts they have no consent for."""
    from tests.apps.test_access import ALL_PATTERNS

    family, case = open_case(carmen)
    partner = partner_org()
    pablo = partner_user("pablo", partner)
    services.partner_assign(actor=lena, case=case, partner=partner)
    reach(lena, case)
    consent(lena, case, partner, Category.CASE_STATUS)
    client = client_for(pablo)
    allowed = {
        "core:dashboard",
        "accounts:token_list",
        "returns:partner_home",
        "returns:partner_case",
        "set_language",
        "healthz",
        # The sign-in steps, public like the login page (they start again without a
        # pending sign-in).
        "login",
        "login_code",
        "login_enrol",
    }
    opened: set[str] = set()
    for name, route, _view in ALL_PATTERNS:
        for public_id in (case.public_id, family.rosa.public_id, family.tomas.public_id):
            response = client.get(_filled(route, str(public_id)))
            if response.status_code == 200:
                opened.add(name)
                body = response.content.decode(errors="replace")
                assert "Tomás" not in body, route
    public = {name for name in opened if name.startswith(("notices:public", "api:"))}
    assert opened - public <= allowed, opened - public - allowed
    assert {"returns:partner_home", "returns:partner_case"} <= opened


def _filled(route: str, public_id: str) -> str:
    def fill(match: re.Match[str]) -> str:
        return {"uuid": public_id, "int": "1"}.get(match.group(1) or "str", "x")

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", fill, route).lstrip("^").rstrip("$")
