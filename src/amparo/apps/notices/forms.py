from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from amparo.apps.core.cases import CaseCode
from amparo.apps.notices.models import DeliveryMethod, DeliveryOutcome


class DeliveryForm(forms.Form):
    method = forms.ChoiceField(label=_("How"), choices=DeliveryMethod.choices)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=DeliveryOutcome.choices)
    at = forms.DateTimeField(
        label=_("When"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class OralForm(forms.Form):
    language = forms.CharField(label=_("Language it was read in"), max_length=40)
    interpreter = forms.CharField(label=_("Interpreter"), max_length=120)
    in_person = forms.BooleanField(label=_("In person (not by telephone)"), required=False)
    given_at = forms.DateTimeField(
        label=_("When"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )


class HearingForm(forms.Form):
    case_code = forms.ChoiceField(label=_("Case"), choices=CaseCode.choices)
    hearing_on = forms.DateField(
        label=_("Fairness hearing"), widget=forms.DateInput(attrs={"type": "date"})
    )
    objections_due = forms.DateField(
        label=_("Objections due"), widget=forms.DateInput(attrs={"type": "date"})
    )
    counsel_contact = forms.CharField(label=_("How members reach class counsel"), max_length=300)
    # The case is picked from a list, so the page carries what it showed of every
    # case's hearing (`hearings_seen`); the service checks the chosen one's.
    seen = forms.CharField(widget=forms.HiddenInput, required=False, max_length=400)
