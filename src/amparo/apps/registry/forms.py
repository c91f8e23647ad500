from django import forms
from django.utils.translation import gettext_lazy as _

from amparo.apps.core.cases import CaseCode
from amparo.apps.registry.models import SourceChoices


class PersonSearchForm(forms.Form):
    q = forms.CharField(label=_("Name or A-number"), required=False, max_length=200)
    case = forms.ChoiceField(
        label=_("Case"), required=False, choices=[("", _("Any case")), *CaseCode.choices]
    )
    source = forms.ChoiceField(
        label=_("Has a record from"),
        required=False,
        choices=[("", _("Any agency")), *SourceChoices.choices],
    )
