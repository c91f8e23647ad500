"""Personas used across the suite (names say who they are):

- carmen: government coordinator (imports, sees the whole registry)
- lena: class counsel for Ms. L. only
- marta: class counsel for M.M.M. and Dora
- pilar: legal service provider (sees only the people her organisation represents)
- clara: the court (aggregates only)
- omar: asylum officer
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import Client

from amparo.apps.accounts.models import OrganisationKind, Role, User
from amparo.apps.core.cases import CaseCode
from tests.factories import OrganisationFactory, counsel, make_user


@pytest.fixture(autouse=True)
def _cache_reset() -> Iterator[None]:
    """The cache lives as long as the process (local memory in tests): what one test
    counts there — objections sent from 127.0.0.1 this hour — must not throttle the
    next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _language_reset() -> Iterator[None]:
    """A request in Spanish leaves Spanish active in the thread (the test client runs
    the view in it): every test starts and ends in the default language."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def carmen(db: None) -> User:
    return make_user(username="carmen", role=Role.GOVERNMENT_COORDINATOR)


@pytest.fixture
def omar(db: None) -> User:
    return make_user(username="omar", role=Role.ASYLUM_OFFICER)


@pytest.fixture
def lena(db: None) -> User:
    return counsel("lena", CaseCode.MS_L)


@pytest.fixture
def marta(db: None) -> User:
    return counsel("marta", CaseCode.MMM, CaseCode.DORA)


@pytest.fixture
def pilar(db: None) -> User:
    organisation = OrganisationFactory(kind=OrganisationKind.LEGAL_SERVICE_PROVIDER)
    return make_user(username="pilar", role=Role.LEGAL_SERVICE_PROVIDER, organisation=organisation)


@pytest.fixture
def clara(db: None) -> User:
    return make_user(username="clara", role=Role.COURT)


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture(scope="session")
def small_world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 60-family synthetic world, written once per run."""
    from amparo.engines.synth import SynthConfig, generate_world, write_world

    out = tmp_path_factory.mktemp("world")
    write_world(generate_world(SynthConfig(families=60, seed=7)), out)
    return out


@pytest.fixture
def world_copy(small_world: Path, tmp_path: Path) -> Iterator[Path]:
    target = tmp_path / "world"
    shutil.copytree(small_world, target)
    yield target
