"""The return process's forms: field types only; the rules live in the services, which
name the field of each problem. Forms that edit the case carry the version they were
opened on, so a stale edit is refused rather than applied."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from amparo.apps.accounts.models import Organisation, OrganisationKind
from amparo.apps.core.files import max_scan_bytes
from amparo.apps.returns.models import (
    Category,
    Channel,
    DecisionChoices,
    MotionOutcome,
    OutcomeChoices,
    ReturnCase,
    WishChoices,
)
from amparo.engines.returns import Stage


class CaseChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.person.display_name)


def _date() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date", "class": "usa-input"}, format="%Y-%m-%d")


def _text(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, "class": "usa-textarea"})


def _line() -> forms.TextInput:
    return forms.TextInput(attrs={"class": "usa-input"})


def _partners() -> forms.ModelChoiceField[Organisation]:
    return forms.ModelChoiceField(
        label=_("Partner organisation"),
        queryset=Organisation.objects.filter(kind=OrganisationKind.IN_COUNTRY_PARTNER).order_by(
            "name"
        ),
        widget=forms.Select(attrs={"class": "usa-select"}),
    )


def _consent_categories() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=_("What the partner may know"),
        choices=[(c.value, c.label) for c in Category if c is not Category.LOCATING],
        widget=forms.CheckboxSelectMultiple,
    )


def _upload(label: Any) -> forms.FileField:
    return forms.FileField(
        label=label,
        help_text=_("PDF, PNG or JPEG, at most %(mb)s MB.") % {"mb": max_scan_bytes() // 2**20},
        widget=forms.ClearableFileInput(
            attrs={"class": "usa-file-input", "accept": ".pdf,.png,.jpg,.jpeg"}
        ),
    )


def _checked_size(upload: UploadedFile[bytes] | None) -> UploadedFile[bytes] | None:
    # Refused before it is read into memory.
    if upload is not None and (upload.size or 0) > max_scan_bytes():
        raise forms.ValidationError(
            _("The file is larger than %(mb)s MB.") % {"mb": max_scan_bytes() // 2**20}
        )
    return upload


class Versioned(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class LocatingForm(Versioned):
    country = forms.CharField(label=_("Country"), max_length=60, required=False, widget=_line())
    region = forms.CharField(
        label=_("Region (department, state)"), max_length=100, required=False, widget=_line()
    )
    locality = forms.CharField(
        label=_("Town or village"), max_length=200, required=False, widget=_line()
    )
    contact_details = forms.CharField(
        label=_("Contacts for the search (telephone numbers, relatives, landmarks)"),
        required=False,
        max_length=2000,
        widget=_text(),
    )


class AssignForm(forms.Form):
    partner = _partners()


class UnassignForm(forms.Form):
    assignment = forms.IntegerField(widget=forms.HiddenInput)


class AttemptForm(forms.Form):
    at = forms.DateTimeField(
        label=_("When"),
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local", "class": "usa-input"}, format="%Y-%m-%dT%H:%M"
        ),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    channel = forms.ChoiceField(
        label=_("How"), choices=Channel.choices, widget=forms.Select(attrs={"class": "usa-select"})
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=OutcomeChoices.choices,
        widget=forms.Select(attrs={"class": "usa-select"}),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=1000, widget=_text(2))
    next_step = forms.CharField(
        label=_("Next step"), required=False, max_length=300, widget=_line()
    )
    next_step_on = forms.DateField(label=_("Next step on"), required=False, widget=_date())


class ReasonForm(Versioned):
    reason = forms.CharField(label=_("Why"), max_length=300, widget=_line())


class ConsentForm(forms.Form):
    partner = _partners()
    categories = _consent_categories()
    signed_on = forms.DateField(label=_("Signed on"), widget=_date())
    expires_on = forms.DateField(label=_("Ends on (optional)"), required=False, widget=_date())
    scan = _upload(_("Scan of the signed consent"))
    note = forms.CharField(label=_("Note"), required=False, max_length=300, widget=_line())

    def clean_scan(self) -> UploadedFile[bytes] | None:
        return _checked_size(self.cleaned_data.get("scan"))


class WithdrawForm(forms.Form):
    consent = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("How the parent withdrew it"), max_length=300, widget=_line())


class DisclosureForm(forms.Form):
    partner = _partners()
    categories = _consent_categories()
    purpose = forms.CharField(
        label=_("Why the partner needs to know"), max_length=300, widget=_line()
    )


class WishForm(Versioned):
    wish = forms.ChoiceField(
        label=_("The parent's wish"), choices=WishChoices.choices, widget=forms.RadioSelect
    )
    on = forms.DateField(label=_("Expressed on"), widget=_date())


class ExtendForm(Versioned):
    to = forms.DateField(label=_("New deadline"), widget=_date())
    reason = forms.CharField(
        label=_("Granted by (agreement, order)"), max_length=300, widget=_line()
    )


class StatementForm(Versioned):
    statement = forms.CharField(
        label=_("Statement of the parent's case"), max_length=20_000, widget=_text(8)
    )


class EvidenceForm(forms.Form):
    description = forms.CharField(label=_("What the document is"), max_length=300, widget=_line())
    file = _upload(_("Document"))

    def clean_file(self) -> UploadedFile[bytes] | None:
        return _checked_size(self.cleaned_data.get("file"))


class SubmitForm(Versioned):
    pass


class DecideForm(Versioned):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=DecisionChoices.choices, widget=forms.RadioSelect
    )
    reasons = forms.CharField(label=_("Reasons"), max_length=5000, widget=_text(4))


class TravelForm(Versioned):
    travel_document = forms.CharField(
        label=_("Travel document (kind and number)"), max_length=120, widget=_line()
    )
    travel_on = forms.DateField(label=_("Travel date"), widget=_date())
    port_of_entry = forms.CharField(label=_("Port of entry"), max_length=120, widget=_line())


class ArrivalForm(Versioned):
    arrived_on = forms.DateField(label=_("Arrived on"), widget=_date())


class EmptyForm(forms.Form):
    pass


class PhoneForm(Versioned):
    enabled = forms.BooleanField(
        label=_("The parent joins the child's interview by telephone"), required=False
    )
    phone_number = forms.CharField(
        label=_("Telephone number, with country code"),
        max_length=40,
        required=False,
        widget=_line(),
    )
    language = forms.CharField(label=_("Language"), max_length=60, required=False, widget=_line())


class MotionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, widget=_line())
    docket_number = forms.CharField(
        label=_("Docket number"), max_length=40, required=False, widget=_line()
    )
    filed_on = forms.DateField(label=_("Filed on"), widget=_date())
    cases = CaseChoiceField(
        label=_("Parents (application pending or denied)"),
        queryset=ReturnCase.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, cases: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["cases"]
        assert isinstance(field, CaseChoiceField)
        field.queryset = cases.filter(
            stage__in=[Stage.APPLIED.value, Stage.DENIED.value]
        ).select_related("person")


class OutcomeForm(forms.Form):
    entry = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(
        label=_("Ruling"),
        choices=[(o.value, o.label) for o in MotionOutcome if o is not MotionOutcome.PENDING],
        widget=forms.Select(attrs={"class": "usa-select"}),
    )
    decided_on = forms.DateField(label=_("Ruled on"), widget=_date())
    note = forms.CharField(label=_("Note"), required=False, max_length=300, widget=_line())
