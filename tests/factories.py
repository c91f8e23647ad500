"""Test data builders. Registry rows made here stand for what an import would
have written; tests of the import itself go through the real service."""

from __future__ import annotations

from typing import Any

import factory
from django.utils import timezone

from amparo.apps.accounts.models import Organisation, OrganisationKind, Role, User
from amparo.apps.core.cases import CaseCode
from amparo.apps.registry.models import Person, PersonCase, Representation

PASSWORD = "correct horse battery staple"


class OrganisationFactory(factory.django.DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrganisationKind.GOVERNMENT


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    role = Role.GOVERNMENT_COORDINATOR
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def cases(user: User, create: bool, extracted: Any, **kwargs: Any) -> None:
        for code in extracted or ():
            user.case_grants.create(case_code=code)


class PersonFactory(factory.django.DjangoModelFactory[Person]):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    given_names = factory.Iterator(["Rosa", "Juan José", "María de los Ángeles", "Ixchel"])
    surnames = factory.Iterator(["López Pérez", "Tzul", "García", "Cux Ajú"])
    name_key = factory.LazyAttribute(lambda p: f"{p.given_names} {p.surnames}".upper())
    citizenship = "GTM"

    @factory.post_generation
    def cases(person: Person, create: bool, extracted: Any, **kwargs: Any) -> None:
        for code in extracted or ():
            PersonCase.objects.create(
                person=person, case_code=code, basis="test", decided_at=timezone.now()
            )


def make_person(**fields: Any) -> Person:
    return PersonFactory.create(**fields)


def make_user(**fields: Any) -> User:
    return UserFactory.create(**fields)


def represent(person: Person, organisation: Organisation) -> Representation:
    return Representation.objects.create(person=person, organisation=organisation)


def counsel(username: str, *cases: CaseCode) -> User:
    organisation = OrganisationFactory(kind=OrganisationKind.CLASS_COUNSEL)
    return make_user(
        username=username, role=Role.CLASS_COUNSEL, organisation=organisation, cases=list(cases)
    )
