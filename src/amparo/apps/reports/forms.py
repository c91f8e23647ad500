from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class SnapshotForm(forms.Form):
    as_of = forms.DateField(
        label=_("As of"),
        widget=forms.DateInput(attrs={"type": "date", "class": "usa-input"}, format="%Y-%m-%d"),
    )
    note = forms.CharField(
        label=_("Note (which filing)"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"class": "usa-input"}),
    )
