"""The HTTP API: token authentication, the same scoping as the pages, and
declared errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from amparo.apps.accounts.models import User
from amparo.apps.accounts.services import api_token_create, api_token_revoke
from amparo.apps.audit.models import AuditEvent, EventKind
from amparo.apps.core.cases import CaseCode
from amparo.apps.registry.models import Person
from tests.factories import make_person

pytestmark = pytest.mark.django_db


def bearer(user: User) -> dict[str, str]:
    _token, key = api_token_create(actor=user, name="test")
    return {"Authorization": f"Bearer {key}"}


def test_no_token_is_401() -> None:
    response = Client().get("/api/v1/imports/00000000-0000-0000-0000-000000000000")

    assert response.status_code == 401
    assert response.json() == {"detail": "A valid API token is required."}


def test_a_revoked_token_is_401(carmen: User) -> None:
    token, key = api_token_create(actor=carmen, name="old")
    api_token_revoke(actor=carmen, token=token)

    response = Client().get(
        "/api/v1/imports/00000000-0000-0000-0000-000000000000",
        headers={"Authorization": f"Bearer {key}"},
    )

    assert response.status_code == 401


def test_upload_then_follow_an_import(carmen: User, small_world: Path) -> None:
    headers = bearer(carmen)
    files = [SimpleUploadedFile(p.name, p.read_bytes()) for p in sorted(small_world.glob("*.csv"))]

    created = Client().post("/api/v1/imports", {"files": files}, headers=headers)

    assert created.status_code == 201
    body = created.json()
    followed = Client().get(f"/api/v1/imports/{body['id']}", headers=headers).json()
    assert followed["status"] == "succeeded"
    assert followed["rows_imported"] > 0
    assert {i["problem"] for i in followed["issues_shown"]} >= {"duplicate_id", "no_identity"}


def test_counsel_may_not_upload(lena: User) -> None:
    response = Client().post(
        "/api/v1/imports",
        {"files": [SimpleUploadedFile("ice_detention.csv", b"x")]},
        headers=bearer(lena),
    )

    assert response.status_code == 403


def test_a_person_summary_is_scoped_like_the_pages(lena: User) -> None:
    mine: Person = make_person(cases=[CaseCode.MS_L])
    other: Person = make_person(cases=[CaseCode.MMM])
    headers = bearer(lena)

    assert Client().get(f"/api/v1/people/{mine.public_id}", headers=headers).status_code == 200
    assert Client().get(f"/api/v1/people/{other.public_id}", headers=headers).status_code == 404
    assert AuditEvent.objects.filter(kind=EventKind.ACCESS, actor=lena).count() == 1


def test_a_malformed_id_is_404_not_500(carmen: User) -> None:
    response = Client().get("/api/v1/people/not-a-uuid", headers=bearer(carmen))

    assert response.status_code == 404


def test_the_schema_documents_every_error() -> None:
    schema = Client().get("/api/openapi.json").json()

    for path in schema["paths"].values():
        for operation in path.values():
            assert {"401", "403", "404", "422"} <= set(operation["responses"])
