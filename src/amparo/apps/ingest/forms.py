from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class ImportUploadForm(forms.Form):
    extracts = MultipleFileField(
        label=_("Extract files (CSV or XLSX)"),
        help_text=_(
            "cbp_apprehensions, ice_detention, orr_referrals, uscis_fear: one or more, "
            "imported together or not at all."
        ),
    )
    note = forms.CharField(label=_("Why (for the audit log)"), max_length=300, required=False)
