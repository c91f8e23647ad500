from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

CONFIRMATION = "APPLY RETENTION"


class PlanForm(forms.Form):
    settlement_end = forms.DateField(
        label=_("The settlement ended on"),
        widget=forms.DateInput(attrs={"type": "date", "class": "usa-input"}),
    )


class ApplyForm(PlanForm):
    confirmation = forms.CharField(
        label=_("Type APPLY RETENTION to confirm"),
        help_text=_("This cannot be undone: names, dates and files are gone for good."),
        widget=forms.TextInput(attrs={"class": "usa-input", "autocomplete": "off"}),
    )

    def clean_confirmation(self) -> str:
        value: str = self.cleaned_data["confirmation"]
        if value.strip() != CONFIRMATION:
            raise forms.ValidationError(_("Type the phrase exactly as shown."))
        return value
