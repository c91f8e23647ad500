from django import forms
from django.utils.translation import gettext_lazy as _

from amparo.apps.linkage.models import ReviewOutcome


class RunForm(forms.Form):
    reason = forms.CharField(label=_("Why (for the audit log)"), max_length=300, required=False)


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Your answer"), choices=ReviewOutcome.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
