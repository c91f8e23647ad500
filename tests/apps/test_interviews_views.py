"""The interview pages: who sees which page and what is on it, a refusal shown with
what is missing, an edit conflict shown without losing what was typed, and the PDF."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client

from amparo.apps.accounts.models import Role, User
from amparo.apps.audit.models import AuditEvent, EventKind
from amparo.apps.interviews import services
from amparo.apps.interviews.engine_bridge import comparison_for
from amparo.apps.interviews.models import Interview, Worksheet
from tests.conftest import client_for
from tests.factories import make_user, represent
from tests.interviews_world import (
    conduct,
    enter_sheets,
    make_family,
    refreshed,
    schedule,
    supervisor,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def sara(db: None) -> User:
    return supervisor()


@pytest.fixture
def conducted(carmen: User, omar: User) -> Interview:
    """Rosa's interview held, both worksheets entered, a negative drafted."""
    family = make_family()
    interview = services.interview_request(actor=carmen, person=family.rosa, subject="parent")
    interview = conduct(omar, schedule(carmen, interview, omar))
    enter_sheets(omar, interview)
    interview = refreshed(interview)
    return services.interview_draft(
        actor=omar,
        interview=interview,
        determination="NEGATIVE",
        summary="No nexus.",
        expected_version=interview.version,
    )


def page(client: Client, interview: Interview) -> str:
    response = client.get(f"/interviews/{interview.public_id}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_interview_page_shows_both_interviews_and_each_inconsistency(
    omar: User, conducted: Interview
) -> None:
    html = page(client_for(omar), conducted)
    assert 'data-testid="sheet-first"' in html and 'data-testid="sheet-new"' in html
    assert "Huehuetenango" in html
    count = len(comparison_for(conducted).inconsistencies)
    assert html.count('data-testid="inconsistency"') == count
    assert f"Without due consideration: {count} / {count}" in html
    # The first interview's circumstances, computed from the data.
    assert "separated from the child for 23 days" in html
    assert "did not know where the child was" in html
    assert AuditEvent.objects.filter(
        action="interview.view", kind=EventKind.ACCESS, object_id=str(conducted.public_id)
    ).exists()


def test_submitting_a_negative_without_assessments_shows_what_is_missing(
    omar: User, conducted: Interview
) -> None:
    client = client_for(omar)
    response = client.post(
        f"/interviews/{conducted.public_id}/submit",
        {"version": conducted.version},
        follow=True,
    )
    html = response.content.decode()
    assert "only once every inconsistency has a due-consideration assessment" in html
    assert refreshed(conducted).state == "determination_drafted"
    assert "refused: inconsistencies without due consideration" in html


def test_an_assessment_then_the_submission_from_the_page(omar: User, conducted: Interview) -> None:
    client = client_for(omar)
    for inconsistency in comparison_for(conducted).inconsistencies:
        prefix = f"a-{inconsistency.id}"
        response = client.post(
            f"/interviews/{conducted.public_id}/assess",
            {
                "inconsistency": inconsistency.id,
                f"{prefix}-inconsistency_id": inconsistency.id,
                f"{prefix}-version": "0",
                f"{prefix}-text": "Weighed with her separation from her son.",
            },
        )
        assert response.status_code == 302
    current = refreshed(conducted)
    client.post(f"/interviews/{conducted.public_id}/submit", {"version": current.version})
    assert refreshed(conducted).state == "supervisory_review"


def test_conducted_without_counsel_is_refused_on_the_page(carmen: User, omar: User) -> None:
    family = make_family()
    interview = services.interview_request(actor=carmen, person=family.rosa, subject="parent")
    interview = schedule(carmen, interview, omar)
    response = client_for(omar).post(
        f"/interviews/{interview.public_id}/conduct",
        {
            "version": interview.version,
            "counsel_presence": "absent",
            "interpreter_language": "Spanish",
            "best_language": "Spanish",
            "m444_served": "on",
            "private_setting": "on",
            "mark_conducted": "on",
        },
        follow=True,
    )
    html = response.content.decode()
    assert "counsel present (in person or by telephone) or the person&#x27;s written waiver" in html
    saved = refreshed(interview)
    assert saved.state == "scheduled" and saved.m444_served


def test_a_worksheet_conflict_is_shown_and_nothing_is_lost(
    omar: User, conducted: Interview
) -> None:
    other = make_user(username="otto", role=Role.ASYLUM_OFFICER)
    sheet = Worksheet.objects.get(interview=conducted, kind="new")
    url = f"/interviews/{conducted.public_id}/worksheet/new/"
    form = {
        "version": str(sheet.version),
        "interviewed_on": sheet.interviewed_on.isoformat() if sheet.interviewed_on else "",
        "interpreter_language": "Mam",
        "best_language": "Mam",
        "summary_read_back": "on",
        "harm-TOTAL_FORMS": "1",
        "harm-INITIAL_FORMS": "0",
        "harm-MIN_NUM_FORMS": "0",
        "harm-MAX_NUM_FORMS": "50",
        "harm-0-type": "threat",
        "harm-0-place": "Huehuetenango",
        "harm-0-when_precision": "day",
    }
    first = client_for(other).post(url, {**form, "qa_notes": "Otto's notes"})
    assert first.status_code == 302
    second = client_for(omar).post(url, {**form, "qa_notes": "Omar's careful notes"})
    assert second.status_code == 409
    html = second.content.decode()
    assert 'data-testid="edit-conflict"' in html
    # Omar's text is still in his form; Otto's saved version is shown beside it.
    assert "Omar&#x27;s careful notes" in html
    assert 'data-testid="saved-version"' in html
    assert Worksheet.objects.get(pk=sheet.pk).qa_notes == "Otto's notes"
    # Saving again, knowingly, replaces it.
    third = client_for(omar).post(
        url, {**form, "version": str(sheet.version + 1), "qa_notes": "Omar's careful notes"}
    )
    assert third.status_code == 302
    assert Worksheet.objects.get(pk=sheet.pk).qa_notes == "Omar's careful notes"


def test_a_stale_draft_form_is_a_conflict_with_the_text_kept(
    omar: User, conducted: Interview
) -> None:
    stale = conducted.version - 1
    response = client_for(omar).post(
        f"/interviews/{conducted.public_id}/draft",
        {"version": stale, "determination": "POSITIVE", "summary": "My redraft text"},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert 'data-testid="edit-conflict"' in html and "My redraft text" in html
    assert refreshed(conducted).determination_summary == "No nexus."


def test_the_docket_lists_the_officer_s_own_interviews(
    carmen: User, omar: User, conducted: Interview
) -> None:
    html = client_for(omar).get("/interviews/").content.decode()
    assert str(conducted.public_id) in html
    other = make_user(username="olga", role=Role.ASYLUM_OFFICER)
    assert str(conducted.public_id) not in client_for(other).get("/interviews/").content.decode()
    everyone = client_for(other).get("/interviews/?all=1").content.decode()
    assert str(conducted.public_id) in everyone
    assert str(conducted.public_id) in client_for(carmen).get("/interviews/").content.decode()


def test_the_supervisor_queue_and_review(omar: User, sara: User, conducted: Interview) -> None:
    for inconsistency in comparison_for(conducted).inconsistencies:
        services.assessment_record(
            actor=omar,
            interview=conducted,
            inconsistency_id=inconsistency.id,
            text="Weighed.",
            expected_version=0,
        )
    interview = services.interview_submit(actor=omar, interview=conducted, expected_version=None)
    queue = client_for(sara).get("/interviews/review/").content.decode()
    assert str(interview.public_id) in queue
    assert client_for(omar).get("/interviews/review/").status_code == 403
    response = client_for(sara).post(
        f"/interviews/{interview.public_id}/review",
        {"version": interview.version, "decision": "approve", "note": ""},
    )
    assert response.status_code == 302
    assert refreshed(interview).state == "approved"


@pytest.mark.parametrize("role", ["lena", "marta"])
def test_counsel_see_their_client_s_times_never_the_worksheet(
    request: pytest.FixtureRequest, role: str, conducted: Interview
) -> None:
    user = request.getfixturevalue(role)
    html = page(client_for(user), conducted)
    assert 'data-testid="client-interview"' in html
    assert "Huehuetenango" not in html and "No nexus" not in html
    assert 'data-testid="sheet-first"' not in html
    listing = client_for(user).get("/interviews/clients/").content.decode()
    assert str(conducted.public_id) in listing


def test_other_people_s_interviews_are_not_found(
    carmen: User, pilar: User, clara: User, conducted: Interview
) -> None:
    assert client_for(pilar).get(f"/interviews/{conducted.public_id}/").status_code == 404
    assert (
        str(conducted.public_id)
        not in client_for(pilar).get("/interviews/clients/").content.decode()
    )
    assert client_for(clara).get(f"/interviews/{conducted.public_id}/").status_code == 403
    assert client_for(pilar).get("/interviews/").status_code == 403
    # Counsel never reach the worksheet editor or the PDF.
    other = make_user(username="lawyer2", role=Role.CLASS_COUNSEL)
    assert client_for(other).get(f"/interviews/{conducted.public_id}/pdf").status_code == 403


def test_counsel_cannot_act_on_an_interview(lena: User, conducted: Interview) -> None:
    response = client_for(lena).post(
        f"/interviews/{conducted.public_id}/submit", {"version": conducted.version}
    )
    assert response.status_code == 403
    assert refreshed(conducted).state == "determination_drafted"


def test_the_pdf_prints_the_interview_and_determination(
    omar: User, conducted: Interview, tmp_path: Path
) -> None:
    response = client_for(omar).get(f"/interviews/{conducted.public_id}/pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    body = response.content
    assert body.startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    target = tmp_path / "interview.pdf"
    target.write_bytes(body)
    text = subprocess.run(
        ["pdftotext", "-layout", str(target), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "Rosa López Pérez" in text or "López Pérez" in text
    assert "No nexus." in text
    assert "Inconsistencies and due consideration" in text


def test_the_person_page_offers_the_request_and_it_works(carmen: User) -> None:
    family = make_family()
    client = client_for(carmen)
    html = client.get(f"/people/{family.rosa.public_id}/").content.decode()
    assert 'data-testid="request-interview"' in html
    response = client.post(
        f"/interviews/person/{family.rosa.public_id}/request", {"subject": "parent"}
    )
    assert response.status_code == 302
    interview = Interview.objects.get(person=family.rosa)
    assert response["Location"] == f"/interviews/{interview.public_id}/"
    again = client.get(f"/people/{family.rosa.public_id}/").content.decode()
    assert 'data-testid="request-interview"' not in again
    assert 'data-testid="person-interviews"' in again


def test_the_pages_speak_spanish(omar: User, conducted: Interview) -> None:
    client = client_for(omar)
    client.cookies["django_language"] = "es"
    html = client.get(f"/interviews/{conducted.public_id}/", HTTP_ACCEPT_LANGUAGE="es").content
    text = html.decode()
    assert "La primera entrevista y la nueva" in text
    assert "Incoherencias y debida consideración" in text


ACTIONS = ("schedule", "conduct", "draft", "submit", "assess", "serve", "review", "mark", "decline")


@pytest.mark.parametrize("who", ["lena", "pilar_representing"])
def test_counsel_and_providers_cannot_post_any_action_nor_see_the_record(
    request: pytest.FixtureRequest, who: str, conducted: Interview, pilar: User
) -> None:
    if who == "pilar_representing":
        assert pilar.organisation is not None
        represent(conducted.person, pilar.organisation)
        user = pilar
    else:
        user = request.getfixturevalue(who)
    client = client_for(user)
    for action in ACTIONS:
        response = client.post(f"/interviews/{conducted.public_id}/{action}", {})
        assert response.status_code == 403, action
        body = response.content.decode()
        assert "Huehuetenango" not in body and "No nexus" not in body, action
    assert refreshed(conducted).version == conducted.version


def test_a_bad_state_posted_is_a_message_not_an_error(carmen: User, conducted: Interview) -> None:
    response = client_for(carmen).post(
        f"/interviews/{conducted.public_id}/mark",
        {"to": "bogus", "version": conducted.version},
        follow=True,
    )
    assert response.status_code == 200
    assert "Unknown state." in response.content.decode()


def test_an_assessment_typed_against_a_stale_version_is_kept_on_the_page(
    omar: User, conducted: Interview
) -> None:
    inconsistency = comparison_for(conducted).inconsistencies[0]
    services.assessment_record(
        actor=omar,
        interview=conducted,
        inconsistency_id=inconsistency.id,
        text="First officer's text.",
        expected_version=0,
    )
    prefix = f"a-{inconsistency.id}"
    response = client_for(omar).post(
        f"/interviews/{conducted.public_id}/assess",
        {
            "inconsistency": inconsistency.id,
            f"{prefix}-inconsistency_id": inconsistency.id,
            f"{prefix}-version": "0",
            f"{prefix}-text": "My own careful consideration.",
        },
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "My own careful consideration." in html
    assert 'data-testid="edit-conflict"' in html


def test_a_submission_without_its_version_is_refused(omar: User, conducted: Interview) -> None:
    response = client_for(omar).post(f"/interviews/{conducted.public_id}/submit", {}, follow=True)
    assert "The form was incomplete." in response.content.decode()
    assert refreshed(conducted).state == "determination_drafted"


def test_a_harm_described_without_its_kind_is_an_error_not_dropped(
    omar: User, conducted: Interview
) -> None:
    sheet = Worksheet.objects.get(interview=conducted, kind="new")
    response = client_for(omar).post(
        f"/interviews/{conducted.public_id}/worksheet/new/",
        {
            "version": str(sheet.version),
            "harm-TOTAL_FORMS": "1",
            "harm-INITIAL_FORMS": "0",
            "harm-MIN_NUM_FORMS": "0",
            "harm-MAX_NUM_FORMS": "50",
            "harm-0-place": "Huehuetenango",
            "harm-0-when_precision": "day",
        },
    )
    assert response.status_code == 400
    assert "Choose the harm, or clear the row." in response.content.decode()
    assert Worksheet.objects.get(pk=sheet.pk).version == sheet.version


def test_a_refused_draft_keeps_the_typed_summary(carmen: User, omar: User) -> None:
    family = make_family()
    interview = services.interview_request(actor=carmen, person=family.rosa, subject="parent")
    interview = conduct(omar, schedule(carmen, interview, omar))
    response = client_for(omar).post(
        f"/interviews/{interview.public_id}/draft",
        {
            "version": interview.version,
            "determination": "POSITIVE",
            "summary": "A long summary I typed",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "A long summary I typed" in html
    assert "the worksheet of the new interview" in html


def test_scheduling_from_the_page_says_whether_counsel_were_told(
    carmen: User, lena: User, omar: User
) -> None:
    family = make_family()
    interview = services.interview_request(actor=carmen, person=family.rosa, subject="parent")
    form = {
        "version": interview.version,
        "scheduled_for": "2099-03-02T10:00",
        "location": "Port Isabel, room 2",
        "officer": omar.pk,
    }
    html = (
        client_for(carmen)
        .post(f"/interviews/{interview.public_id}/schedule", form, follow=True)
        .content.decode()
    )
    # Lena (Ms. L. counsel) has no address on file: nobody could be told.
    assert "no counsel of record could be told" in html
    lena.email = "lena@counsel.example"
    lena.save()
    moved = refreshed(interview)
    form |= {"version": moved.version, "scheduled_for": "2099-03-03T10:00"}
    html = (
        client_for(carmen)
        .post(f"/interviews/{interview.public_id}/schedule", form, follow=True)
        .content.decode()
    )
    assert "Scheduled; counsel of record notified." in html
    assert refreshed(interview).state == "rescheduled"
