from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

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
