"""Two people open the same form and both submit: the first edit is kept, the second is
refused with a clear message, never laid silently over the first. One test per edit
path that had no version check before (elections, recorded facts, objections, hearings,
the scheduler's resources), and one per kind of path that has a version (returns)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import Settings

from amparo.apps.accounts.models import Organisation, OrganisationKind, Role, User
from amparo.apps.core.cases import CaseCode
from amparo.apps.core.edits import NEW, STALE_EDIT
from amparo.apps.elections.models import Election, ElectionChoice, ElectionSource, SignerKind
from amparo.apps.elections.services import (
    ElectionRefused,
    ScanUpload,
    election_edit_token,
    election_record,
)
from amparo.apps.eligibility.models import RecordedFact
from amparo.apps.eligibility.services import (
    EligibilityRefused,
    recorded_fact_edit_token,
    recorded_fact_set,
)
from amparo.apps.notices.models import CaseHearing, Objection, ObjectionStatus
from amparo.apps.notices.objections import (
    ObjectionInput,
    ObjectionInputError,
    objection_edit_token,
    objection_submit,
    objection_update,
)
from amparo.apps.notices.services import NoticeInputError, hearing_edit_token, hearing_set
from amparo.apps.returns.services import StaleCase, case_locating_update
from amparo.apps.scheduling.models import (
    CounselAvailability,
    Facility,
    Interpreter,
    OfficerAvailability,
)
from amparo.apps.scheduling.resources import (
    Week,
    counsel_availability_edit_token,
    counsel_availability_save,
    facility_edit_token,
    facility_save,
    interpreter_edit_token,
    interpreter_save,
    officer_availability_edit_token,
    officer_availability_save,
)
from amparo.apps.scheduling.services import SchedulingInputError
from tests.conftest import client_for
from tests.factories import counsel, make_person, make_user
from tests.returns_world import open_case

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

pytestmark = pytest.mark.django_db

STALE = str(STALE_EDIT)
SIGNED = date(2018, 10, 20)
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
WEEK = Week(weekdays=(0, 1, 2, 3, 4), start_hour=8, end_hour=16)


@pytest.fixture(autouse=True)
def _media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")


def test_a_second_election_from_the_same_form_is_refused_and_the_first_kept(lena: User) -> None:
    rosa = make_person(
        given_names="Rosa",
        surnames="López",
        dob=date(1990, 3, 1),
        language="Spanish",
        cases=[CaseCode.MS_L],
    )
    seen = election_edit_token(rosa)
    assert seen == NEW

    def elect(choice: ElectionChoice) -> Election:
        return election_record(
            actor=lena,
            person=rosa,
            choice=choice,
            source=ElectionSource.PAPER,
            read_by="Lucía Méndez",
            read_language="Spanish",
            read_on=SIGNED,
            signed_on=SIGNED,
            signer_kind=SignerKind.SELF,
            signer_name=rosa.display_name,
            waiver_attested=True,
            scan=ScanUpload(filename="form.pdf", data=PDF),
            seen=seen,
        )

    first = elect(ElectionChoice.STAY)
    with pytest.raises(ElectionRefused) as refused:
        elect(ElectionChoice.WAIVE)

    assert [p.message for p in refused.value.problems] == [STALE]
    current = Election.objects.get(person=rosa, superseded_at__isnull=True)
    assert (current.pk, current.choice) == (first.pk, ElectionChoice.STAY)
    assert Election.objects.filter(person=rosa).count() == 1


def _hidden_seen(page: str) -> str:
    found = re.search(r'name="seen" value="([^"]+)"', page)
    assert found is not None, "the form carries no edit token"
    return found.group(1)


def test_two_counsel_on_the_same_election_page_the_second_is_told_and_the_first_kept(
    lena: User,
) -> None:
    rosa = make_person(
        given_names="Rosa",
        surnames="López",
        dob=date(1990, 3, 1),
        language="Spanish",
        cases=[CaseCode.MS_L],
    )
    lucia = counsel("lucia", CaseCode.MS_L)
    url = reverse("elections:election_new", args=[rosa.public_id])
    first, second = client_for(lena), client_for(lucia)
    tokens = [_hidden_seen(c.get(url).content.decode()) for c in (first, second)]
    assert tokens[0] == tokens[1] == NEW

    def post(client: Client, choice: str, token: str) -> Response:
        return client.post(
            url,
            {
                "choice": choice,
                "waiver_attested": "on",
                "read_by": "Lucía Méndez",
                "read_language": "Spanish",
                "read_on": "2018-10-20",
                "signed_on": "2018-10-20",
                "signer_kind": "self",
                "signer_name": rosa.display_name,
                "source": "paper",
                "scan": SimpleUploadedFile("form.pdf", PDF, content_type="application/pdf"),
                "seen": token,
            },
        )

    assert post(first, "stay", tokens[0]).status_code == 302
    refused = post(second, "waive", tokens[1])

    assert refused.status_code == 400
    assert "Someone else changed this after you opened it" in refused.content.decode()
    current = Election.objects.get(person=rosa, superseded_at__isnull=True)
    assert (current.choice, current.recorded_by) == (ElectionChoice.STAY, lena)


def test_a_second_recorded_fact_from_the_same_form_is_refused_and_the_first_kept(
    carmen: User,
) -> None:
    person = make_person(given_names="Ana", surnames="Cux", dob=date(1990, 1, 1))
    seen = recorded_fact_edit_token(person)

    recorded_fact_set(
        actor=carmen,
        person=person,
        kind="exclusion",
        value="danger",
        note="order 1",
        recompute=False,
        seen=seen,
    )
    with pytest.raises(EligibilityRefused, match="Someone else changed this"):
        recorded_fact_set(
            actor=carmen,
            person=person,
            kind="exclusion",
            value="none",
            note="order 2",
            recompute=False,
            seen=seen,
        )

    facts = RecordedFact.objects.filter(person=person)
    assert [(f.value, f.superseded_at) for f in facts] == [("DANGER", None)]


def test_a_second_objection_update_from_the_same_form_is_refused_and_the_first_kept(
    carmen: User,
) -> None:
    objection = objection_submit(
        data=ObjectionInput(
            text="Soy la abuela y tutora legal de mi nieta.",
            categories=["included"],
            cases=["ms_l"],
            language="Spanish",
        )
    )
    seen = objection_edit_token(objection)

    objection_update(
        actor=carmen,
        objection=objection,
        status=ObjectionStatus.FILED,
        docket_number="18-cv-428 #101",
        seen=seen,
    )
    with pytest.raises(ObjectionInputError, match="Someone else changed this"):
        objection_update(
            actor=carmen, objection=objection, status=ObjectionStatus.WITHDRAWN, seen=seen
        )

    kept = Objection.objects.get(pk=objection.pk)
    assert (kept.status, kept.docket_number) == (ObjectionStatus.FILED, "18-cv-428 #101")


def test_a_second_hearing_from_the_same_form_is_refused_and_the_first_kept(carmen: User) -> None:
    today = timezone.localdate()
    seen = hearing_edit_token(CaseHearing.objects.filter(case_code="ms_l").first())
    assert seen == NEW

    def set_hearing(days: int, seen: str) -> CaseHearing:
        return hearing_set(
            actor=carmen,
            case_code="ms_l",
            hearing_on=today + timedelta(days=days),
            objections_due=today + timedelta(days=days - 7),
            counsel_contact="Class counsel, 1-800-555-0100",
            seen=seen,
        )

    set_hearing(30, seen)
    with pytest.raises(NoticeInputError, match="Someone else changed this"):
        set_hearing(45, seen)
    kept = CaseHearing.objects.get(case_code="ms_l")
    assert kept.hearing_on == today + timedelta(days=30)

    # A form drawn from the row as it is now goes through.
    set_hearing(45, hearing_edit_token(kept))
    assert CaseHearing.objects.get(case_code="ms_l").hearing_on == today + timedelta(days=45)


def test_a_second_facility_edit_from_the_same_form_is_refused_and_the_first_kept(
    carmen: User,
) -> None:
    facility = facility_save(actor=carmen, code="dilley", name="Dilley", rooms=2, phone_lines=1)
    seen = facility_edit_token(facility)

    facility_save(actor=carmen, code="dilley", name="Dilley", rooms=4, phone_lines=1, seen=seen)
    with pytest.raises(SchedulingInputError, match="Someone else changed this"):
        facility_save(actor=carmen, code="dilley", name="Dilley", rooms=2, phone_lines=3, seen=seen)

    kept = Facility.objects.get(code="dilley")
    assert (kept.rooms, kept.phone_lines) == (4, 1)


def test_a_second_officer_hours_edit_from_the_same_form_is_refused_and_the_first_kept(
    carmen: User, omar: User
) -> None:
    dilley = facility_save(actor=carmen, code="dilley", name="Dilley", rooms=2, phone_lines=1)
    seen = officer_availability_edit_token(None)

    officer_availability_save(
        actor=carmen, officer=omar, facilities=[dilley], week=WEEK, daily_capacity=3, seen=seen
    )
    with pytest.raises(SchedulingInputError, match="Someone else changed this"):
        officer_availability_save(
            actor=carmen, officer=omar, facilities=[dilley], week=WEEK, daily_capacity=6, seen=seen
        )

    assert OfficerAvailability.objects.get(officer=omar).daily_capacity == 3


def test_a_second_interpreter_edit_from_the_same_form_is_refused_and_the_first_kept(
    carmen: User,
) -> None:
    row = interpreter_save(actor=carmen, name="Ixchel Tzul", languages=["K'iche'"], week=WEEK)
    seen = interpreter_edit_token(row)

    interpreter_save(
        actor=carmen,
        name="Ixchel Tzul",
        languages=["K'iche'", "Spanish"],
        week=WEEK,
        interpreter=row,
        seen=seen,
    )
    with pytest.raises(SchedulingInputError, match="Someone else changed this"):
        interpreter_save(
            actor=carmen,
            name="Ixchel Tzul",
            languages=["K'iche'", "Mam"],
            week=WEEK,
            interpreter=row,
            seen=seen,
        )

    assert Interpreter.objects.get(pk=row.pk).languages == ["kiche", "spanish"]


def test_a_second_counsel_hours_edit_from_the_same_form_is_refused_and_the_first_kept(
    carmen: User,
) -> None:
    firm = Organisation.objects.create(name="Counsel LLP", kind=OrganisationKind.CLASS_COUNSEL)
    seen = counsel_availability_edit_token(None)

    counsel_availability_save(
        actor=carmen, organisation=firm, week=WEEK, max_concurrent=2, seen=seen
    )
    with pytest.raises(SchedulingInputError, match="Someone else changed this"):
        counsel_availability_save(
            actor=carmen, organisation=firm, week=WEEK, max_concurrent=5, seen=seen
        )

    kept = CounselAvailability.objects.get(organisation=firm)
    assert kept.max_concurrent == 2
    assert counsel_availability_edit_token(kept) != seen


def test_a_second_return_case_edit_from_the_same_version_is_refused_and_the_first_kept(
    carmen: User,
) -> None:
    _family, case = open_case(carmen)
    loaded = case.version

    def locate(region: str) -> None:
        case_locating_update(
            actor=carmen,
            case=case,
            expected_version=loaded,
            country="GTM",
            region=region,
            locality="",
            contact_details="",
        )

    locate("Huehuetenango")
    with pytest.raises(StaleCase):
        locate("Quiché")

    case.refresh_from_db()
    assert (case.region, case.version) == ("Huehuetenango", loaded + 1)


def test_two_coordinators_on_the_same_facility_page_the_second_is_told_and_the_first_kept(
    carmen: User,
) -> None:
    facility_save(actor=carmen, code="dilley", name="Dilley", rooms=2, phone_lines=1)
    other = make_user(username="cora", role=Role.GOVERNMENT_COORDINATOR)
    url = reverse("scheduling:resource_edit", args=["facility", "dilley"])
    first, second = client_for(carmen), client_for(other)
    tokens = [_hidden_seen(c.get(url).content.decode()) for c in (first, second)]

    def post(client: Client, rooms: int, token: str) -> Response:
        return client.post(
            url,
            {"code": "dilley", "name": "Dilley", "rooms": rooms, "phone_lines": 1, "seen": token},
        )

    assert post(first, 4, tokens[0]).status_code == 302
    refused = post(second, 1, tokens[1])

    assert refused.status_code == 400
    assert "Someone else changed this after you opened it" in refused.content.decode()
    assert Facility.objects.get(code="dilley").rooms == 4


def test_two_coordinators_on_the_hearings_form_the_second_is_told_and_other_cases_stay_open(
    carmen: User,
) -> None:
    other = make_user(username="cora", role=Role.GOVERNMENT_COORDINATOR)
    url = reverse("notices:overview")
    first, second = client_for(carmen), client_for(other)
    tokens = [_hidden_seen(c.get(url).content.decode()) for c in (first, second)]
    today = timezone.localdate()

    def post(client: Client, case_code: str, days: int, token: str) -> Response:
        return client.post(
            url,
            {
                "hearing": "1",
                "case_code": case_code,
                "hearing_on": (today + timedelta(days=days)).isoformat(),
                "objections_due": today.isoformat(),
                "counsel_contact": f"call {days}",
                "seen": token,
            },
        )

    assert post(first, "ms_l", 30, tokens[0]).status_code == 302
    refused = post(second, "ms_l", 45, tokens[1])
    # The same page set another case's hearing, which nobody had changed: it goes in.
    other_case = post(second, "dora", 60, tokens[1])

    assert refused.status_code == 400
    assert "Someone else changed this after you opened it" in refused.content.decode()
    assert CaseHearing.objects.get(case_code="ms_l").hearing_on == today + timedelta(days=30)
    assert other_case.status_code == 302
    assert CaseHearing.objects.get(case_code="dora").hearing_on == today + timedelta(days=60)


def test_two_people_on_the_same_objection_page_the_second_is_told_and_the_first_kept(
    carmen: User,
) -> None:
    objection = objection_submit(
        data=ObjectionInput(
            text="Soy la abuela y tutora legal de mi nieta.",
            categories=["included"],
            cases=["ms_l"],
            language="Spanish",
        )
    )
    other = make_user(username="cora", role=Role.GOVERNMENT_COORDINATOR)
    url = reverse("notices:objection_detail", args=[objection.receipt])
    first, second = client_for(carmen), client_for(other)
    tokens = [_hidden_seen(c.get(url).content.decode()) for c in (first, second)]

    filed = first.post(
        url, {"status": "filed", "docket_number": "18-cv-428 #101", "seen": tokens[0]}
    )
    refused = second.post(url, {"status": "withdrawn", "seen": tokens[1]})

    assert filed.status_code == 302
    assert "Someone else changed this after you opened it" in refused.content.decode()
    kept = Objection.objects.get(pk=objection.pk)
    assert (kept.status, kept.docket_number) == (ObjectionStatus.FILED, "18-cv-428 #101")


def test_two_people_on_the_same_person_page_the_second_fact_is_refused_and_the_first_kept(
    carmen: User,
) -> None:
    person = make_person(given_names="Ana", surnames="Cux", dob=date(1990, 1, 1))
    other = make_user(username="cora", role=Role.GOVERNMENT_COORDINATOR)
    page = reverse("registry:person_detail", args=[person.public_id])
    url = reverse("eligibility:record_fact", args=[person.public_id])
    first, second = client_for(carmen), client_for(other)
    tokens = [_hidden_seen(c.get(page).content.decode()) for c in (first, second)]

    first.post(url, {"kind": "exclusion", "value": "danger", "note": "order 1", "seen": tokens[0]})
    refused = second.post(
        url,
        {"kind": "exclusion", "value": "none", "note": "order 2", "seen": tokens[1]},
        follow=True,
    )

    assert "Someone else changed this after you opened it" in refused.content.decode()
    facts = RecordedFact.objects.filter(person=person)
    assert [(f.value, f.superseded_at) for f in facts] == [("DANGER", None)]
