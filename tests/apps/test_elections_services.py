"""Recording elections: every rule of the settlement's election form, routing
to class counsel, superseding, and that a refusal writes nothing.

Members: Rosa (adult parent, Spanish, Ms. L. and Dora), Tomás (her son, 8 on
the signing date, K'iche', M.M.M.), Ana (Ms. L., no date of birth or language
on record), Pedro (no case: not a class member).
"""

from __future__ import annotations

import hashlib
import threading
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from pytest_django import Settings

from amparo.apps.accounts.models import OrganisationKind, Role, User
from amparo.apps.audit.models import AuditEvent, EventKind
from amparo.apps.audit.verify import audit_chain_verify
from amparo.apps.core.cases import CaseCode
from amparo.apps.elections import services
from amparo.apps.elections.models import (
    Election,
    ElectionChoice,
    ElectionRoute,
    ElectionSource,
    ElectionStatus,
    LanguageMatch,
    SignerKind,
)
from amparo.apps.elections.selectors import election_for_person, election_status
from amparo.apps.elections.services import ElectionRefused, ScanUpload, election_record
from amparo.apps.registry.models import Person
from tests.factories import OrganisationFactory, counsel, make_person, make_user, represent

pytestmark = pytest.mark.django_db

SIGNED = date(2018, 10, 20)
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"


def make_rosa() -> Person:
    return make_person(
        given_names="Rosa",
        surnames="López Pérez",
        dob=date(1990, 3, 1),
        language="Spanish",
        cases=[CaseCode.MS_L, CaseCode.DORA],
    )


def make_tomas() -> Person:
    return make_person(
        given_names="Tomás",
        surnames="López",
        dob=date(2010, 5, 1),
        language="K'iche'",
        cases=[CaseCode.MMM],
    )


def make_ana() -> Person:
    return make_person(given_names="Ana", surnames="Cux", dob=None, language="", cases=["ms_l"])


def pdf_scan(name: str = "form.pdf") -> ScanUpload:
    return ScanUpload(filename=name, data=PDF)


def record(actor: User, person: Person, **overrides: Any) -> Election:
    """A valid adult, self-signed, read-in-their-language paper election, unless overridden."""
    fields: dict[str, Any] = {
        "choice": ElectionChoice.STAY,
        "source": ElectionSource.PAPER,
        "read_by": "Lucía Méndez",
        "read_language": person.language or "Spanish",
        "read_on": SIGNED,
        "signed_on": SIGNED,
        "signer_kind": SignerKind.SELF,
        "signer_name": person.display_name,
        "scan": pdf_scan(),
    }
    fields.update(overrides)
    return election_record(actor=actor, person=person, **fields)


def refusal(actor: User, person: Person, **overrides: Any) -> ElectionRefused:
    with pytest.raises(ElectionRefused) as caught:
        record(actor, person, **overrides)
    return caught.value


def fields_of(refused: ElectionRefused) -> set[str | None]:
    return {p.field for p in refused.problems}


def stored_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


@pytest.fixture(autouse=True)
def media_root(settings: Settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def rosa() -> Person:
    return make_rosa()


@pytest.fixture
def tomas() -> Person:
    return make_tomas()


@pytest.fixture
def ana() -> Person:
    return make_ana()


# --- who signs -------------------------------------------------------------


def test_an_adult_member_signs_their_own_election(lena: User, rosa: Person) -> None:
    election = record(lena, rosa)

    assert (election.choice, election.signer_kind, election.member_age_on_signing) == (
        "stay",
        "self",
        28,
    )
    assert (election.read_by, election.read_language, election.read_on) == (
        "Lucía Méndez",
        "Spanish",
        SIGNED,
    )
    assert election.language_match == LanguageMatch.MATCH
    assert election_status(rosa) == ElectionStatus.STAY


def test_a_child_under_14_may_not_sign_for_themselves(marta: User, tomas: Person) -> None:
    refused = refusal(marta, tomas)

    assert fields_of(refused) == {"signer_kind"}
    assert "under 14" in str(refused)
    assert "was 8" in str(refused)
    assert not Election.objects.exists()


def test_a_parent_signs_for_a_child_under_14(marta: User, tomas: Person) -> None:
    election = record(marta, tomas, signer_kind=SignerKind.PARENT, signer_name="Rosa López Pérez")

    assert (election.signer_kind, election.signer_name, election.member_age_on_signing) == (
        "parent",
        "Rosa López Pérez",
        8,
    )


def test_age_is_taken_on_the_signing_date(marta: User) -> None:
    # 14 the day after the signing date: still under 14 when signing.
    almost = make_person(dob=date(2004, 10, 21), language="Spanish", cases=[CaseCode.MMM])

    assert fields_of(refusal(marta, almost)) == {"signer_kind"}
    assert record(marta, almost, signed_on=date(2018, 10, 21)).member_age_on_signing == 14


def test_a_member_who_lacks_capacity_may_not_sign_for_themselves(lena: User, rosa: Person) -> None:
    refused = refusal(lena, rosa, lacks_capacity=True)

    assert fields_of(refused) == {"signer_kind"}
    assert "lacks capacity" in str(refused)


def test_a_legal_representative_signs_for_a_member_who_lacks_capacity(
    lena: User, rosa: Person
) -> None:
    election = record(
        lena,
        rosa,
        lacks_capacity=True,
        signer_kind=SignerKind.LEGAL_REPRESENTATIVE,
        signer_name="Lic. Marisol Ortega",
    )

    assert (election.lacks_capacity, election.signer_kind) == (True, "legal_rep")


def test_someone_else_may_not_sign_for_a_member_14_or_older_with_capacity(
    lena: User, rosa: Person
) -> None:
    refused = refusal(lena, rosa, signer_kind=SignerKind.PARENT, signer_name="Her mother")

    assert fields_of(refused) == {"signer_kind"}
    assert "signs their own form" in str(refused)


def test_with_no_date_of_birth_the_member_signs_only_with_the_signers_statement(
    lena: User, ana: Person
) -> None:
    refused = refusal(lena, ana, language_understood=True)

    assert fields_of(refused) == {"stated_14_or_older"}
    assert "date of birth is unknown" in str(refused)


def test_with_no_date_of_birth_the_signers_statement_is_recorded(lena: User, ana: Person) -> None:
    election = record(lena, ana, language_understood=True, stated_14_or_older=True)

    assert (election.member_age_on_signing, election.stated_14_or_older) == (None, True)


def test_with_no_date_of_birth_a_parent_may_sign_without_the_statement(
    lena: User, ana: Person
) -> None:
    election = record(
        lena, ana, language_understood=True, signer_kind=SignerKind.PARENT, signer_name="Juan Cux"
    )

    assert (election.signer_kind, election.stated_14_or_older) == ("parent", False)


# --- the choice ------------------------------------------------------------


def test_a_waiver_needs_the_knowingly_and_voluntarily_attestation(lena: User, rosa: Person) -> None:
    refused = refusal(lena, rosa, choice=ElectionChoice.WAIVE)

    assert fields_of(refused) == {"waiver_attested"}
    assert "knowingly and voluntarily" in str(refused)
    assert not Election.objects.exists()


def test_an_attested_waiver_is_recorded(lena: User, rosa: Person) -> None:
    election = record(lena, rosa, choice=ElectionChoice.WAIVE, waiver_attested=True)

    assert (election.choice, election.waiver_attested) == ("waive", True)
    assert election_status(rosa) == ElectionStatus.WAIVE


def test_a_stay_does_not_carry_a_waiver_attestation(lena: User, rosa: Person) -> None:
    assert record(lena, rosa, waiver_attested=True).waiver_attested is False


# --- the language it was read in --------------------------------------------


def test_another_language_than_the_record_needs_the_members_confirmation(
    marta: User, rosa: Person
) -> None:
    refused = refusal(marta, rosa, read_language="Mam")

    assert fields_of(refused) == {"language_understood"}
    assert "read in Mam" in str(refused)
    assert "Spanish" in str(refused)


def test_another_language_confirmed_is_recorded_as_a_mismatch(lena: User, rosa: Person) -> None:
    election = record(lena, rosa, read_language="Mam", language_understood=True)

    assert (election.language_match, election.member_language, election.read_language) == (
        LanguageMatch.MISMATCH,
        "Spanish",
        "Mam",
    )
    assert election.language_understood_confirmed


def test_one_language_spelled_two_ways_is_a_match(marta: User, tomas: Person) -> None:
    election = record(
        marta, tomas, read_language="Quiche", signer_kind=SignerKind.PARENT, signer_name="Rosa"
    )

    assert election.language_match == LanguageMatch.MATCH


def test_no_language_on_record_needs_the_members_confirmation(lena: User, ana: Person) -> None:
    refused = refusal(lena, ana, read_language="Mam", stated_14_or_older=True)

    assert fields_of(refused) == {"language_understood"}
    election = record(
        lena, ana, read_language="Mam", stated_14_or_older=True, language_understood=True
    )
    assert election.language_match == LanguageMatch.UNKNOWN


def test_the_reader_and_the_language_are_required(lena: User, rosa: Person) -> None:
    refused = refusal(lena, rosa, read_by="  ", read_language="", signer_name="")

    assert fields_of(refused) == {"read_by", "read_language", "signer_name"}


def test_the_form_is_read_before_it_is_signed(lena: User, rosa: Person) -> None:
    refused = refusal(lena, rosa, read_on=SIGNED + timedelta(days=1))

    assert fields_of(refused) == {"read_on"}


def test_dates_in_the_future_are_refused(lena: User, rosa: Person) -> None:
    tomorrow = timezone.localdate() + timedelta(days=1)

    refused = refusal(lena, rosa, read_on=tomorrow, signed_on=tomorrow)

    assert fields_of(refused) == {"read_on", "signed_on"}


def test_every_problem_is_named_at_once(lena: User, rosa: Person) -> None:
    refused = refusal(
        lena,
        rosa,
        choice=ElectionChoice.WAIVE,
        read_language="Mam",
        lacks_capacity=True,
        scan=None,
    )

    assert fields_of(refused) == {"waiver_attested", "language_understood", "signer_kind", "scan"}


# --- the paper form and its scan -------------------------------------------


def test_a_paper_form_needs_its_scan(lena: User, rosa: Person) -> None:
    refused = refusal(lena, rosa, scan=None)

    assert fields_of(refused) == {"scan"}


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (EXE, "form.pdf"),
        (b"<html><script>alert(1)</script></html>", "form.png"),
        (b"GIF89a\x01\x00\x01\x00", "form.jpg"),
        (b"%PDF-", "form.pdf"),
    ],
    ids=["executable named .pdf", "html named .png", "gif named .jpg", "bare signature"],
)
def test_a_scan_that_is_not_a_pdf_png_or_jpeg_is_refused(
    lena: User, rosa: Person, media_root: Path, data: bytes, name: str
) -> None:
    refused = refusal(lena, rosa, scan=ScanUpload(filename=name, data=data))

    assert fields_of(refused) == {"scan"}
    assert "PDF, PNG or JPEG" in str(refused)
    assert stored_files(media_root) == []


def test_a_scan_over_the_size_limit_is_refused(
    lena: User, rosa: Person, settings: Settings, media_root: Path
) -> None:
    settings.AMPARO_MAX_SCAN_BYTES = 1024 * 1024
    big = PDF + b"0" * (1024 * 1024)

    refused = refusal(lena, rosa, scan=ScanUpload(filename="big.pdf", data=big))

    assert fields_of(refused) == {"scan"}
    assert "larger than 1 MB" in str(refused)
    assert stored_files(media_root) == []


@pytest.mark.parametrize(
    "kind",
    [(PDF, "pdf", "application/pdf"), (PNG, "png", "image/png"), (JPEG, "jpg", "image/jpeg")],
    ids=["pdf", "png", "jpeg"],
)
def test_the_scan_is_stored_under_a_name_the_system_chose(
    lena: User, rosa: Person, media_root: Path, kind: tuple[bytes, str, str]
) -> None:
    data, extension, content_type = kind
    # The kind comes from the content: the uploader's name and extension play no part.
    upload = ScanUpload(filename="../../etc/passwd.txt", data=data)

    election = record(lena, rosa, scan=upload)

    assert election.scan_path == f"elections/{election.public_id}.{extension}"
    assert stored_files(media_root) == [media_root / election.scan_path]
    assert (media_root / election.scan_path).read_bytes() == data
    assert election.scan_sha256 == hashlib.sha256(data).hexdigest()
    assert (election.scan_content_type, election.scan_size_bytes) == (content_type, len(data))
    assert election.scan_original_name == "../../etc/passwd.txt"


def test_counsel_enter_an_election_directly_without_a_scan(lena: User, rosa: Person) -> None:
    election = record(lena, rosa, source=ElectionSource.COUNSEL, scan=None)

    assert (election.source, election.scan_path, election.scan_sha256) == ("counsel", "", "")


def test_a_coordinator_records_from_the_paper_form_only(carmen: User, rosa: Person) -> None:
    refused = refusal(carmen, rosa, source=ElectionSource.COUNSEL, scan=None)

    assert fields_of(refused) == {"source"}
    assert "Only class counsel" in str(refused)
    assert record(carmen, rosa).recorded_by == carmen


# --- who may record, and for whom --------------------------------------------


def test_a_person_with_no_case_is_not_a_class_member(carmen: User) -> None:
    pedro = make_person(given_names="Pedro", dob=date(1985, 1, 1), language="Spanish")

    refused = refusal(carmen, pedro)

    assert fields_of(refused) == {None}
    assert "not a class member" in str(refused)
    assert not Election.objects.exists()


def test_counsel_may_not_record_for_another_cases_member(lena: User, tomas: Person) -> None:
    refused = refusal(lena, tomas, signer_kind=SignerKind.PARENT, signer_name="Rosa")

    assert "may not record" in str(refused)


@pytest.mark.parametrize("role", [Role.LEGAL_SERVICE_PROVIDER, Role.ASYLUM_OFFICER, Role.COURT])
def test_other_roles_may_not_record(role: Role, rosa: Person) -> None:
    organisation = OrganisationFactory.create(kind=OrganisationKind.LEGAL_SERVICE_PROVIDER)
    user = make_user(role=role, organisation=organisation)
    represent(rosa, organisation)

    assert "may not record" in str(refusal(user, rosa))


def test_a_merged_file_takes_no_election(carmen: User, rosa: Person) -> None:
    other = make_rosa()
    Person.objects.filter(pk=other.pk).update(merged_into=rosa)
    other.refresh_from_db()

    assert "merged" in str(refusal(carmen, other))


# --- superseding --------------------------------------------------------------


def test_a_new_election_supersedes_the_current_one_and_keeps_it(lena: User, rosa: Person) -> None:
    first = record(lena, rosa)
    second = record(lena, rosa, choice=ElectionChoice.WAIVE, waiver_attested=True)

    first.refresh_from_db()
    assert first.superseded_at is not None
    assert second.supersedes == first
    assert second.superseded_at is None
    assert list(Election.objects.filter(person=rosa).order_by("id")) == [first, second]
    assert election_status(rosa) == ElectionStatus.WAIVE
    shown = election_for_person(user=lena, person=rosa)
    assert (shown.current, shown.history) == (second, (first,))


def test_the_database_allows_one_current_election_per_person(lena: User, rosa: Person) -> None:
    first = record(lena, rosa)
    first.pk = None
    first.public_id = None  # type: ignore[assignment]

    with pytest.raises(IntegrityError), transaction.atomic():
        Election.objects.create(
            **{
                f.attname: getattr(first, f.attname)
                for f in Election._meta.concrete_fields
                if f.attname not in {"id", "public_id"}
            }
        )


@pytest.mark.parametrize(
    "change",
    [
        {"choice": "waive", "waiver_attested": False},
        {"source": "paper", "scan_path": "", "scan_sha256": ""},
        {"language_match": "mismatch", "language_understood_confirmed": False},
        {"signer_kind": "self", "member_age_on_signing": 8},
        {"signer_kind": "self", "lacks_capacity": True},
        {"signer_kind": "self", "member_age_on_signing": None, "stated_14_or_older": False},
        {"choice": "maybe"},
    ],
    ids=["waiver", "scan", "language", "under 14", "capacity", "unknown age", "choice"],
)
def test_the_database_holds_the_rules_too(lena: User, rosa: Person, change: dict[str, Any]) -> None:
    election = record(lena, rosa)

    with pytest.raises(IntegrityError), transaction.atomic():
        Election.objects.filter(pk=election.pk).update(**change)


# --- routing ------------------------------------------------------------------


def test_an_election_goes_to_counsel_for_each_of_the_members_cases(
    lena: User, marta: User, rosa: Person
) -> None:
    mmm_only = counsel("nora", CaseCode.MMM)

    election = record(lena, rosa)

    routes = {(r.organisation_id, r.case_code) for r in election.routes.all()}
    assert routes == {(lena.organisation_id, "ms_l"), (marta.organisation_id, "dora")}
    assert mmm_only.organisation_id not in {r[0] for r in routes}
    assert election.cases == ["dora", "ms_l"]


def test_a_childs_election_goes_to_the_childrens_counsel_only(
    lena: User, marta: User, tomas: Person
) -> None:
    election = record(marta, tomas, signer_kind=SignerKind.PARENT, signer_name="Rosa López Pérez")

    assert [(r.organisation_id, r.case_code) for r in election.routes.all()] == [
        (marta.organisation_id, "mmm")
    ]


def test_routing_skips_providers_and_counsel_without_an_active_grant(
    carmen: User, rosa: Person
) -> None:
    gone = counsel("gone", CaseCode.MS_L)
    User.objects.filter(pk=gone.pk).update(is_active=False)
    provider = OrganisationFactory(kind=OrganisationKind.LEGAL_SERVICE_PROVIDER)
    make_user(role=Role.LEGAL_SERVICE_PROVIDER, organisation=provider, cases=[CaseCode.MS_L])

    election = record(carmen, rosa)

    assert not election.routes.exists()
    assert election.cases == ["dora", "ms_l"]


# --- not returning the form -------------------------------------------------


def test_a_member_without_an_election_has_no_election_not_a_waiver(
    lena: User, rosa: Person
) -> None:
    assert election_status(rosa) == ElectionStatus.NONE
    shown = election_for_person(user=lena, person=rosa)
    assert (shown.status, shown.current, shown.may_record) == (ElectionStatus.NONE, None, True)


# --- the audit log and nothing half-written -----------------------------------


def test_recording_leaves_one_audit_event_in_the_chain(lena: User, rosa: Person) -> None:
    first = record(lena, rosa)
    second = record(lena, rosa, read_language="Mam", language_understood=True, note="re-read")

    events = list(AuditEvent.objects.filter(kind=EventKind.WRITE, action="election.record"))
    assert [e.object_id for e in events] == [str(first.public_id), str(second.public_id)]
    details = events[1].details
    assert details["person"] == str(rosa.public_id)
    assert details["supersedes"] == str(first.public_id)
    assert details["language_match"] == "mismatch"
    assert details["scan_sha256"] == second.scan_sha256
    assert {(r["organisation_id"], r["case"]) for r in details["routed_to"]} == {
        (lena.organisation_id, "ms_l")
    }
    assert events[1].reason == "re-read"
    assert audit_chain_verify().intact


def test_a_refusal_writes_nothing(lena: User, rosa: Person, media_root: Path) -> None:
    kept = record(lena, rosa)
    before = (AuditEvent.objects.count(), ElectionRoute.objects.count(), stored_files(media_root))

    refusal(lena, rosa, choice=ElectionChoice.WAIVE)

    kept.refresh_from_db()
    assert kept.superseded_at is None
    assert Election.objects.count() == 1
    assert (
        AuditEvent.objects.count(),
        ElectionRoute.objects.count(),
        stored_files(media_root),
    ) == before


def test_a_failure_after_the_scan_is_written_takes_the_scan_with_it(
    lena: User, rosa: Person, media_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = record(lena, rosa)

    def broken(**_: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "audit_record", broken)
    with pytest.raises(RuntimeError):
        record(lena, rosa, choice=ElectionChoice.WAIVE, waiver_attested=True)

    kept.refresh_from_db()
    assert kept.superseded_at is None
    assert list(Election.objects.all()) == [kept]
    assert stored_files(media_root) == [media_root / kept.scan_path]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_two_forms_recorded_at_once_leave_one_current_election() -> None:
    lena = counsel("lena", CaseCode.MS_L)
    rosa = make_rosa()
    start = threading.Barrier(2)
    failures: list[BaseException] = []

    def record_one(choice: ElectionChoice) -> None:
        try:
            start.wait()
            record(lena, rosa, choice=choice, waiver_attested=True)
        except BaseException as failure:
            failures.append(failure)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=record_one, args=(choice,))
        for choice in (ElectionChoice.STAY, ElectionChoice.WAIVE)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    current = Election.objects.get(person=rosa, superseded_at__isnull=True)
    earlier = Election.objects.get(person=rosa, superseded_at__isnull=False)
    assert current.supersedes == earlier
