"""The interview pages' forms. Each carries the version of the row it was opened on,
so a save after someone else's is shown as a conflict, not applied over it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from amparo.apps.accounts.models import User
from amparo.apps.interviews.models import (
    CounselPresenceChoice,
    DatePrecisionChoice,
    DeterminationChoice,
    HarmTypeChoice,
    InterviewSubject,
    ParentAssistanceChoice,
    PerpetratorChoice,
)
from amparo.engines.consistency import ProtectedGround

GROUND_LABELS = {
    ProtectedGround.RACE: _("Race"),
    ProtectedGround.RELIGION: _("Religion"),
    ProtectedGround.NATIONALITY: _("Nationality"),
    ProtectedGround.POLITICAL_OPINION: _("Political opinion"),
    ProtectedGround.PARTICULAR_SOCIAL_GROUP: _("Particular social group"),
}

YES_NO_UNKNOWN = [("", _("Not recorded")), ("yes", _("Yes")), ("no", _("No"))]


# USWDS styles a control by its class; a checkbox without its class shows twice.
_WIDGET_CLASSES: tuple[tuple[type[forms.Widget], str], ...] = (
    (forms.CheckboxSelectMultiple, ""),
    (forms.RadioSelect, ""),
    (forms.CheckboxInput, "usa-checkbox__input"),
    (forms.Select, "usa-select"),
    (forms.Textarea, "usa-textarea"),
    (forms.widgets.Input, "usa-input"),
)


class StyledForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.HiddenInput) or "class" in widget.attrs:
                continue
            css = next((c for kind, c in _WIDGET_CLASSES if isinstance(widget, kind)), "")
            if css:
                widget.attrs["class"] = css


class VersionedForm(StyledForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class RequestForm(StyledForm):
    subject = forms.ChoiceField(choices=InterviewSubject.choices, label=_("Whose interview"))
    note = forms.CharField(max_length=300, required=False, label=_("Note"))


class ScheduleForm(VersionedForm):
    scheduled_for = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local", "class": "usa-input"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    location = forms.CharField(
        max_length=200,
        required=False,
        label=_("Facility and room"),
        widget=forms.TextInput(attrs={"class": "usa-input"}),
    )
    telephonic = forms.BooleanField(
        required=False, label=_("The person joins by telephone (e.g. a deported parent)")
    )
    officer = forms.ModelChoiceField(
        queryset=User.objects.none(),
        required=False,
        label=_("Asylum officer"),
        widget=forms.Select(attrs={"class": "usa-select"}),
    )
    note = forms.CharField(max_length=300, required=False, label=_("Note"))

    def __init__(self, *args: Any, officers: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["officer"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = User.objects.filter(pk__in=[o.pk for o in officers]).order_by(
            "last_name", "first_name"
        )


class ConductForm(VersionedForm):
    counsel_presence = forms.ChoiceField(
        choices=[("", _("Not recorded")), *CounselPresenceChoice.choices],
        required=False,
        label=_("Counsel"),
        widget=forms.Select(attrs={"class": "usa-select"}),
    )
    written_waiver_of_counsel = forms.BooleanField(
        required=False, label=_("The person's written waiver of counsel is on file")
    )
    interpreter_language = forms.CharField(
        max_length=60,
        required=False,
        label=_("Language interpreted"),
        widget=forms.TextInput(attrs={"class": "usa-input"}),
    )
    best_language = forms.CharField(
        max_length=60,
        required=False,
        label=_("The person's best language"),
        widget=forms.TextInput(attrs={"class": "usa-input"}),
    )
    m444_served = forms.BooleanField(required=False, label=_("Information sheet (M-444) served"))
    private_setting = forms.BooleanField(required=False, label=_("Held in a private setting"))
    parent_assistance = forms.ChoiceField(
        choices=[("", _("Not recorded")), *ParentAssistanceChoice.choices],
        required=False,
        label=_("A parent's assistance (a child's interview)"),
        widget=forms.Select(attrs={"class": "usa-select"}),
    )
    mark_conducted = forms.BooleanField(required=False, label=_("Mark the interview conducted"))


def _tri(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


def tri_initial(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


class WorksheetForm(VersionedForm):
    interviewed_on = forms.DateField(
        required=False,
        label=_("Date of the interview"),
        widget=forms.DateInput(attrs={"type": "date", "class": "usa-input"}),
    )
    interpreter_language = forms.CharField(
        max_length=60, required=False, label=_("Language interpreted")
    )
    best_language = forms.CharField(max_length=60, required=False, label=_("Best language"))
    counsel_present = forms.ChoiceField(
        choices=YES_NO_UNKNOWN, required=False, label=_("Counsel present")
    )
    telephonic = forms.ChoiceField(choices=YES_NO_UNKNOWN, required=False, label=_("By telephone"))
    separated_on = forms.DateField(
        required=False,
        label=_("Separated from the child on"),
        widget=forms.DateInput(attrs={"type": "date", "class": "usa-input"}),
    )
    knew_child_whereabouts = forms.ChoiceField(
        choices=YES_NO_UNKNOWN,
        required=False,
        label=_("Knew where the child was at the time"),
    )
    protected_grounds = forms.MultipleChoiceField(
        choices=[(g.value, label) for g, label in GROUND_LABELS.items()],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Protected grounds"),
    )
    fear_of_persecution = forms.ChoiceField(
        choices=YES_NO_UNKNOWN, required=False, label=_("Fear of persecution")
    )
    fear_of_torture = forms.ChoiceField(
        choices=YES_NO_UNKNOWN, required=False, label=_("Fear of torture")
    )
    internal_relocation_possible = forms.ChoiceField(
        choices=YES_NO_UNKNOWN, required=False, label=_("Internal relocation possible")
    )
    state_protection_available = forms.ChoiceField(
        choices=YES_NO_UNKNOWN, required=False, label=_("State protection available")
    )
    possible_bars = forms.CharField(
        max_length=400,
        required=False,
        label=_("Possible bars flagged (comma-separated)"),
    )
    summary_read_back = forms.BooleanField(
        required=False, label=_("The summary was read back to the person")
    )
    summary_corrections = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label=_("Corrections made on read-back"),
    )
    qa_notes = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        label=_("Question and answer notes"),
    )

    def tri(self, name: str) -> bool | None:
        return _tri(self.cleaned_data.get(name) or "")


class HarmForm(StyledForm):
    type = forms.ChoiceField(
        choices=[("", "—"), *HarmTypeChoice.choices], required=False, label=_("Harm")
    )
    when = forms.DateField(
        required=False, label=_("When"), widget=forms.DateInput(attrs={"type": "date"})
    )
    when_precision = forms.ChoiceField(
        choices=DatePrecisionChoice.choices, required=False, label=_("Date precision")
    )
    place = forms.CharField(max_length=200, required=False, label=_("Place"))
    perpetrator = forms.CharField(max_length=200, required=False, label=_("Perpetrator"))
    perpetrator_category = forms.ChoiceField(
        choices=[("", "—"), *PerpetratorChoice.choices], required=False, label=_("Kind")
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        described = any(cleaned.get(f) for f in ("when", "place", "perpetrator"))
        if described and not cleaned.get("type"):
            # A row with facts but no harm would be dropped on save: say so instead.
            self.add_error("type", _("Choose the harm, or clear the row."))
        return cleaned


HarmFormSet = forms.formset_factory(HarmForm, extra=2, max_num=50, validate_max=True)


class DraftForm(VersionedForm):
    determination = forms.ChoiceField(
        choices=DeterminationChoice.choices, widget=forms.RadioSelect, label=_("Determination")
    )
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5, "class": "usa-textarea"}),
        label=_("Summary of the determination"),
        max_length=20_000,
    )


class AssessmentForm(VersionedForm):
    inconsistency_id = forms.CharField(max_length=40, widget=forms.HiddenInput)
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3, "class": "usa-textarea"}),
        label=_("Due consideration: how the parent's state at the first interview bears on this"),
        max_length=10_000,
    )


class ReviewForm(VersionedForm):
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("return", _("Return to the officer"))],
        widget=forms.RadioSelect,
        label=_("Decision"),
    )
    note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "usa-textarea"}),
        label=_("Note (required to return)"),
    )


class MarkForm(VersionedForm):
    to = forms.CharField(max_length=24, widget=forms.HiddenInput)
    note = forms.CharField(max_length=300, required=False, label=_("Note"))


class DeclineForm(VersionedForm):
    declined_in_words = forms.BooleanField(
        required=True,
        label=_("The person said, on the record, that they do not want a judge's review"),
    )
