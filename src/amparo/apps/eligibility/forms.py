from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from amparo.apps.core.cases import CaseCode
from amparo.apps.eligibility.models import ApprovalOrderScope, FactKind
from amparo.apps.eligibility.reasons import LABELS
from amparo.apps.eligibility.selectors import ROSTER_ANSWERS
from amparo.apps.eligibility.services import SETTABLE_STATUSES
from amparo.apps.registry.models import CourtStatus
from amparo.engines.eligibility import ENTITLEMENTS


class RosterFilterForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Membership"),
        required=False,
        choices=[
            ("member", _("Members and possible members")),
            ("yes", _("Members")),
            ("unknown", _("Undecided (facts missing)")),
            ("no", _("Not members")),
        ],
    )
    entitlement = forms.ChoiceField(
        label=_("Owed"),
        required=False,
        choices=[("", _("Anything")), *[(code, LABELS[code]) for code in ENTITLEMENTS]],
    )
    actionable = forms.BooleanField(label=_("Actionable now only"), required=False)

    def clean_answer(self) -> str:
        value = self.cleaned_data.get("answer") or "member"
        return value if value in ROSTER_ANSWERS else "member"


class CourtStatusForm(forms.Form):
    case_code = forms.ChoiceField(label=_("Case"), choices=CaseCode.choices)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(s.value, s.label) for s in CourtStatus if s in SETTABLE_STATUSES],
    )
    on = forms.DateField(label=_("Date of the order"))
    reason = forms.CharField(label=_("Order or docket entry"), max_length=300)


class EarlyOrderForm(forms.Form):
    case_code = forms.ChoiceField(label=_("Case"), choices=CaseCode.choices)
    ordered_on = forms.DateField(label=_("Date of the order"))
    scope = forms.ChoiceField(label=_("Reaches"), choices=ApprovalOrderScope.choices)
    entitlements = forms.MultipleChoiceField(
        label=_("What may start (none ticked: everything)"),
        required=False,
        choices=[(code, LABELS[code]) for code in ENTITLEMENTS],
        widget=forms.CheckboxSelectMultiple,
    )
    reference = forms.CharField(label=_("Order or docket entry"), max_length=200)


class ParameterForm(forms.Form):
    rule = forms.CharField(label=_("Rule"), max_length=120)
    name = forms.CharField(label=_("Parameter"), max_length=80)
    value = forms.CharField(
        label=_("New value (a date YYYY-MM-DD, a number, or codes separated by commas)"),
        max_length=300,
        required=False,
    )
    reason = forms.CharField(label=_("Why (which text or order)"), max_length=300)


class RecordedFactForm(forms.Form):
    # A return is recorded by the returns process on arrival, not typed in here.
    kind = forms.ChoiceField(
        label=_("Fact"),
        choices=[(k.value, k.label) for k in FactKind if k is not FactKind.RETURNED],
    )
    value = forms.CharField(
        label=_("Value (yes or no for a child's own claim; the code for an exclusion)"),
        max_length=40,
    )
    note = forms.CharField(label=_("Source"), max_length=300)
    # The person's facts in force as the page showed them: a later fact refuses this.
    seen = forms.CharField(required=False, max_length=64)
