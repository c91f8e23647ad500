from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from amparo.apps.accounts.models import Organisation, User
from amparo.apps.scheduling.models import Facility
from amparo.apps.scheduling.resources import MAX_CAPACITY
from amparo.apps.scheduling.services import MAX_DAYS, MAX_SECONDS, MIN_SECONDS


class RunForm(forms.Form):
    start_date = forms.DateField(
        label=_("First day"), widget=forms.DateInput(attrs={"type": "date", "class": "usa-input"})
    )
    days = forms.IntegerField(
        label=_("Working days"),
        min_value=1,
        max_value=MAX_DAYS,
        initial=10,
        widget=forms.NumberInput(attrs={"class": "usa-input"}),
    )
    seconds = forms.IntegerField(
        label=_("Time limit (seconds)"),
        min_value=MIN_SECONDS,
        max_value=MAX_SECONDS,
        initial=30,
        widget=forms.NumberInput(attrs={"class": "usa-input"}),
    )
    seed = forms.IntegerField(
        label=_("Seed"),
        min_value=0,
        initial=0,
        required=False,
        widget=forms.NumberInput(attrs={"class": "usa-input"}),
    )


WEEKDAY_CHOICES = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
]
HOUR_CHOICES = [(h, f"{h:02d}:00") for h in range(25)]


class _WeekForm(forms.Form):
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Weekdays"),
        choices=WEEKDAY_CHOICES,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        initial=[0, 1, 2, 3, 4],
    )
    start_hour = forms.TypedChoiceField(
        label=_("From"), choices=HOUR_CHOICES, coerce=int, initial=8
    )
    end_hour = forms.TypedChoiceField(label=_("To"), choices=HOUR_CHOICES, coerce=int, initial=16)
    # The row as the form was drawn from it: a save after someone else's is refused.
    seen = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)


def _names(text: str) -> list[str]:
    return [part.strip() for part in text.replace("\n", ",").split(",") if part.strip()]


class InterpreterForm(_WeekForm):
    name = forms.CharField(label=_("Name"), max_length=120)
    email = forms.EmailField(label=_("Email"), required=False)
    languages = forms.CharField(
        label=_("Languages"), help_text=_("Separated by commas, e.g. K'iche', Spanish.")
    )
    remote = forms.BooleanField(label=_("Works by telephone for any facility"), required=False)
    facility = forms.ModelChoiceField(
        label=_("On site at"), queryset=Facility.objects.all(), required=False
    )

    field_order = ["name", "email", "languages", "remote", "facility"]

    def language_list(self) -> list[str]:
        return _names(self.cleaned_data["languages"])


class OfficerHoursForm(_WeekForm):
    officer = forms.ModelChoiceField(label=_("Officer"), queryset=User.objects.none())
    facilities = forms.ModelMultipleChoiceField(
        label=_("Facilities"),
        queryset=Facility.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    daily_capacity = forms.IntegerField(
        label=_("Interviews a day"), min_value=1, max_value=MAX_CAPACITY, initial=4
    )
    languages = forms.CharField(
        label=_("Languages interviewed in without an interpreter"),
        required=False,
        help_text=_("Besides English; separated by commas."),
    )

    field_order = ["officer", "facilities", "daily_capacity", "languages"]

    def __init__(self, *args: Any, officers: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["officer"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = officers

    def language_list(self) -> list[str]:
        return _names(self.cleaned_data["languages"])


class FacilityForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=40)
    name = forms.CharField(label=_("Name"), max_length=120)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    rooms = forms.IntegerField(label=_("Interview rooms"), min_value=0, max_value=100)
    phone_lines = forms.IntegerField(label=_("Telephone lines"), min_value=0, max_value=100)
    custody_places = forms.CharField(
        label=_("Names in the custody records"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One a line: a detained person's interview is held where they are."),
    )
    is_default = forms.BooleanField(
        label=_("Default facility (people not detained anywhere known)"), required=False
    )
    seen = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def places(self) -> list[str]:
        return [p.strip() for p in self.cleaned_data["custody_places"].splitlines() if p.strip()]


class CounselHoursForm(_WeekForm):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    max_concurrent = forms.IntegerField(
        label=_("Interviews at once"), min_value=1, max_value=MAX_CAPACITY, initial=1
    )

    field_order = ["organisation", "max_concurrent"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.filter(
            kind=Organisation.Kind.LEGAL_SERVICE_PROVIDER
        ).order_by("name")
