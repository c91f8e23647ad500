"""Schemathesis against the API's own OpenAPI schema, on the test database, with a
real token of a coordinator (who may use every operation): no server error, every
status the API answers is declared, and every response matches its schema."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from amparo.apps.accounts.models import Role
from amparo.apps.accounts.services import api_token_create
from amparo.apps.registry.models import Person
from tests.factories import make_person, make_user

pytestmark = pytest.mark.django_db

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@pytest.fixture
def coordinator_token(db: None) -> Iterator[str]:
    # Django's WSGI handler closes the database connection when a request starts and ends;
    # the test's transaction lives on it (the test client disconnects it the same way).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    user = make_user(username="fuzz-coordinator", role=Role.GOVERNMENT_COORDINATOR)
    make_person()
    _token, key = api_token_create(actor=user, name="schemathesis")
    yield key
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_keeps_its_schema(case: Any, coordinator_token: str) -> None:
    case.call_and_validate(headers={"Authorization": f"Bearer {coordinator_token}"})


def test_real_objects_keep_the_schema_too(coordinator_token: str, small_world: Path) -> None:
    """Random ids only find 404s: a real import and a real person are read the same way
    and their bodies checked against the schema."""
    headers = {"Authorization": f"Bearer {coordinator_token}"}
    files: list[Any] = [p.read_bytes() for p in sorted(small_world.glob("*.csv"))[:2]]
    upload = schema["/api/v1/imports"]["POST"].Case(
        body={"files": files},
        media_type="multipart/form-data",
    )
    created = upload.call_and_validate(headers=headers)
    assert created.status_code == 201
    import_id = created.json()["id"]
    followed = schema["/api/v1/imports/{import_id}"]["GET"].Case(
        path_parameters={"import_id": import_id}
    )
    assert followed.call_and_validate(headers=headers).status_code == 200
    person = Person.objects.filter(assignments__isnull=False).order_by("id").first()
    assert person is not None
    read = schema["/api/v1/people/{person_id}"]["GET"].Case(
        path_parameters={"person_id": str(person.public_id)}
    )
    response = read.call_and_validate(headers=headers)
    assert response.status_code == 200
    assert response.json()["records"]
