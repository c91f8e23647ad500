from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from amparo.apps.elections.checks import scan_too_large
from amparo.apps.elections.models import ElectionChoice, ElectionSource, SignerKind
from amparo.apps.elections.scans import max_scan_bytes

# Offered as suggestions; any language may be typed (DOMAIN.md section 4).
LANGUAGE_SUGGESTIONS = (
    "Spanish",
    "K'iche'",
    "Mam",
    "Q'anjob'al",
    "Q'eqchi'",
    "Akatek",
    "Portuguese",
    "French",
    "English",
)


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ElectionForm(forms.Form):
    """The paper form's fields. Field types only: the rules live in the service,
    which names the field of each problem."""

    choice = forms.ChoiceField(
        label=_("The member elects to"), choices=ElectionChoice.choices, widget=forms.RadioSelect
    )
    waiver_attested = forms.BooleanField(
        label=_(
            "The member makes this waiver knowingly and voluntarily, understanding that they "
            "give up the settlement procedures."
        ),
        required=False,
    )
    read_by = forms.CharField(label=_("Read to the member by (name)"), max_length=200)
    read_language = forms.CharField(label=_("Language it was read in"), max_length=60)
    read_on = forms.DateField(label=_("Date it was read"), widget=_date_input())
    language_understood = forms.BooleanField(
        label=_("The member confirmed that they understand this language."), required=False
    )
    signed_on = forms.DateField(label=_("Date signed"), widget=_date_input())
    signer_kind = forms.ChoiceField(
        label=_("Signed by"), choices=SignerKind.choices, widget=forms.RadioSelect
    )
    signer_name = forms.CharField(label=_("Name of the person who signed"), max_length=200)
    lacks_capacity = forms.BooleanField(
        label=_("The member lacks capacity to make this election."), required=False
    )
    stated_14_or_older = forms.BooleanField(
        label=_("The signer states that the member is 14 or older."), required=False
    )
    source = forms.ChoiceField(
        label=_("How the election reached you"),
        choices=ElectionSource.choices,
        widget=forms.RadioSelect,
    )
    scan = forms.FileField(label=_("Scan of the signed form"), required=False)
    note = forms.CharField(
        label=_("Note (kept with the election and in the audit log)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # The election in force when the form was drawn: a later one refuses this form.
    seen = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args: Any, may_enter_directly: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("read_by", "read_language", "read_on", "signed_on", "signer_name"):
            self.fields[name].widget.attrs["class"] = "usa-input"
        self.fields["read_language"].widget.attrs["list"] = "language-suggestions"
        self.fields["note"].widget.attrs["class"] = "usa-textarea"
        self.fields["scan"].widget.attrs.update(
            {"class": "usa-file-input", "accept": ".pdf,.png,.jpg,.jpeg,application/pdf,image/*"}
        )
        for name in (
            "waiver_attested",
            "language_understood",
            "lacks_capacity",
            "stated_14_or_older",
        ):
            self.fields[name].widget.attrs["class"] = "usa-checkbox__input"
        source = self.fields["source"]
        assert isinstance(source, forms.ChoiceField)
        if not may_enter_directly:
            source.choices = [(ElectionSource.PAPER.value, ElectionSource.PAPER.label)]
            source.initial = ElectionSource.PAPER.value
        limit_mb = max_scan_bytes() // (1024 * 1024)
        self.fields["scan"].help_text = _(
            "PDF, PNG or JPEG, at most %(megabytes)s MB. Required for a paper form."
        ) % {"megabytes": limit_mb}

    def clean_scan(self) -> UploadedFile[bytes] | None:
        scan: UploadedFile[bytes] | None = self.cleaned_data.get("scan")
        # Refused before it is read into memory.
        if scan is not None and (scan.size or 0) > max_scan_bytes():
            raise forms.ValidationError(scan_too_large(max_scan_bytes()).message)
        return scan
