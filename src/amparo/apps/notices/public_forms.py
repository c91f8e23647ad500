"""The members' public forms (no account): the screener and the objection."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from amparo.apps.core.cases import CaseCode
from amparo.apps.notices.models import ObjectionCategory
from amparo.apps.notices.objections import MAX_TEXT

YES_NO = [("yes", _("Yes")), ("no", _("No")), ("unsure", _("I am not sure"))]


class ScreenerForm(forms.Form):
    separated = forms.ChoiceField(
        label=_(
            "Did immigration officers take a child from you, or you from your parent, "
            "after you crossed the border together, on or after 1 July 2017?"
        ),
        choices=YES_NO,
        widget=forms.RadioSelect,
    )
    role = forms.ChoiceField(
        label=_("Who are you in that family?"),
        choices=[
            ("parent", _("The mother or father")),
            ("child", _("The child")),
            ("relative", _("Another relative (grandparent, aunt, uncle, older sibling)")),
        ],
        widget=forms.RadioSelect,
    )
    negative = forms.ChoiceField(
        label=_("Were you told you did not pass your fear interview while separated?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        required=False,
    )
    # Only with consent is anything kept.
    consent = forms.BooleanField(
        label=_("I want class counsel to contact me, and agree that they keep my details"),
        required=False,
    )
    contact_name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    contact = forms.CharField(
        label=_("Telephone or address where counsel can reach you"),
        max_length=200,
        required=False,
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("consent") and not (data.get("contact") or "").strip():
            self.add_error("contact", _("Give a telephone or address, or leave the box unticked."))
        return data


class ObjectionForm(forms.Form):
    categories = forms.MultipleChoiceField(
        label=_("What is your objection about?"),
        choices=ObjectionCategory.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    cases = forms.MultipleChoiceField(
        label=_("Which case (if you know)"),
        choices=CaseCode.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    text = forms.CharField(
        label=_("Your objection"),
        help_text=_("In any language, up to %(most)s characters.") % {"most": MAX_TEXT},
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    language = forms.CharField(label=_("Language you wrote in"), max_length=40, initial="Español")
    name = forms.CharField(label=_("Your name (optional)"), max_length=200, required=False)
    a_number = forms.CharField(
        label=_("Your A-number (optional)"),
        help_text=_("It lets counsel find your file."),
        max_length=20,
        required=False,
    )
    contact = forms.CharField(
        label=_("Telephone or address (optional)"), max_length=200, required=False
    )
    # The honeypot: hidden from people by the stylesheet; programs fill it.
    website = forms.CharField(label=_("Leave this empty"), required=False)
