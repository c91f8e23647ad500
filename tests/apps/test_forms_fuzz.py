"""Every Django form of the project, fed hostile data, validates or says what is wrong;
none raises. The forms are found by walking the project's modules, so a new form is
fuzzed without being listed; one whose constructor needs an argument this test does
not know fails here until the argument is added to CONSTRUCTOR_KWARGS."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from typing import Any

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import amparo.apps
from amparo.apps.accounts.models import User
from amparo.apps.returns.models import ReturnCase

# Keyword arguments that project forms require, by name, as the views pass them.
CONSTRUCTOR_KWARGS: dict[str, Callable[[], Any]] = {
    "may_enter_directly": lambda: True,
    "officers": User.objects.all,
    "cases": ReturnCase.objects.all,
}


def _project_forms() -> list[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(amparo.apps.__path__, "amparo.apps."):
        if ".migrations" not in module.name and ".management" not in module.name:
            importlib.import_module(module.name)
    found: list[type[forms.BaseForm]] = []
    pending: list[type[Any]] = [forms.BaseForm]
    while pending:
        for sub in pending.pop().__subclasses__():
            pending.append(sub)
            if sub.__module__.startswith("amparo.") and sub not in found:
                found.append(sub)
    return sorted(found, key=lambda c: f"{c.__module__}.{c.__qualname__}")


PROJECT_FORMS = _project_forms()

hostile_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=40),
    st.sampled_from(
        [
            "",
            "\x00",
            "a\x00b",
            "\u202eevil\u202c",
            "\u200f\u200e\ufeff",
            "<script>alert(1)</script>",
            '"><img src=x onerror=alert(1)>',
            "{{ request }}",
            "javascript:alert(1)",
            "=cmd|' /C calc'!A0",
            "1e309",
            "-1",
            "99999999999999999999999",
            "2018-02-30",
            "NaN",
            "../../etc/passwd",
            "\r\n\t",
        ]
    ),
    st.just("A" * 100_000),
    st.just("\U0001f600" * 5_000),
)


def _kwargs(form_class: type[forms.BaseForm]) -> dict[str, Any]:
    kwargs = {}
    for klass in form_class.__mro__:
        init = klass.__dict__.get("__init__")
        if init is None:
            continue
        for param in inspect.signature(init).parameters.values():
            if param.kind is param.KEYWORD_ONLY and param.default is param.empty:
                assert param.name in CONSTRUCTOR_KWARGS, (
                    f"{form_class.__qualname__} needs {param.name}=: add it to CONSTRUCTOR_KWARGS"
                )
                kwargs[param.name] = CONSTRUCTOR_KWARGS[param.name]()
    return kwargs


def _data_for(
    form: forms.BaseForm, draw: st.DataObject
) -> tuple[QueryDict, MultiValueDict[str, Any]]:
    data = QueryDict(mutable=True)
    files: MultiValueDict[str, Any] = MultiValueDict()
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        if isinstance(field, forms.FileField):
            content = draw.draw(st.binary(max_size=64))
            files.setlist(key, [SimpleUploadedFile(draw.draw(hostile_text)[:80] or "f", content)])
            continue
        values = draw.draw(st.lists(hostile_text, min_size=0, max_size=3))
        data.setlist(key, values)
        # Multi-widgets (a date and a time) read name_0, name_1.
        data.setlist(f"{key}_0", [draw.draw(hostile_text)])
        data.setlist(f"{key}_1", [draw.draw(hostile_text)])
    return data, files


def test_the_project_has_forms_to_fuzz() -> None:
    names = {c.__qualname__ for c in PROJECT_FORMS}
    assert len(PROJECT_FORMS) >= 40
    assert {"SignInForm", "TokenForm"} <= names


@pytest.mark.django_db
@pytest.mark.parametrize(
    "form_class", PROJECT_FORMS, ids=[f"{c.__module__}.{c.__qualname__}" for c in PROJECT_FORMS]
)
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(draw=st.data())
def test_hostile_data_gives_a_valid_form_or_errors(
    form_class: type[forms.BaseForm], draw: st.DataObject
) -> None:
    kwargs = _kwargs(form_class)
    form = form_class(**kwargs)  # unbound, as a GET renders it
    data, files = _data_for(form, draw)
    bound = form_class(data=data, files=files, **kwargs)

    valid = bound.is_valid()

    assert valid or bound.errors
    if valid:
        assert set(bound.cleaned_data) <= set(bound.fields)
