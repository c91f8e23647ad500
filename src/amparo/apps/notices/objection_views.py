"""Staff pages for objections: the list, a paper objection entered with its scan, an
objection's status, docket number and translation, and the fairness-hearing packet as
PDF (the court's redacted version also for the court role)."""

from __future__ import annotations

from datetime import datetime, time

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from amparo.apps.accounts.models import Role, User
from amparo.apps.audit.services import audit_access
from amparo.apps.core.cases import CaseCode
from amparo.apps.core.files import max_scan_bytes
from amparo.apps.interviews.pdf import PdfUnavailable, html_to_pdf
from amparo.apps.notices import packet
from amparo.apps.notices.models import (
    ClassNotice,
    Objection,
    ObjectionCategory,
    ObjectionStatus,
)
from amparo.apps.notices.objections import (
    MAX_TEXT,
    ObjectionInput,
    ObjectionInputError,
    objection_edit_token,
    objection_record_paper,
    objection_update,
)
from amparo.apps.notices.services import sends_notice
from amparo.apps.registry.selectors import people_visible_to


class PaperForm(forms.Form):
    received_on = forms.DateField(
        label=_("Arrived on"), widget=forms.DateInput(attrs={"type": "date"})
    )
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
        label=_("Your objection"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 6})
    )
    language = forms.CharField(label=_("Language you wrote in"), max_length=40)
    name = forms.CharField(label=_("Your name (optional)"), max_length=200, required=False)
    a_number = forms.CharField(label=_("Your A-number (optional)"), max_length=20, required=False)
    contact = forms.CharField(
        label=_("Telephone or address (optional)"), max_length=200, required=False
    )
    docket_number = forms.CharField(label=_("Docket number"), max_length=40, required=False)
    scan = forms.FileField(label=_("Scan (PDF, PNG or JPEG)"))


class UpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("State"), choices=ObjectionStatus.choices)
    docket_number = forms.CharField(label=_("Docket number"), max_length=40, required=False)
    translation = forms.CharField(
        label=_("Translation into English"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )
    # The objection as the form was drawn: an update after someone else's is refused.
    seen = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)


def _staff(request: HttpRequest) -> User:
    user = request.user
    if not (isinstance(user, User) and sends_notice(user)):
        raise PermissionDenied
    return user


@require_GET
@login_required
def objection_list(request: HttpRequest) -> HttpResponse:
    _staff(request)
    return render(
        request,
        "notices/objections.html",
        {"objections": Objection.objects.order_by("-received_at")},
    )


@require_http_methods(["GET", "POST"])
@login_required
def objection_paper(request: HttpRequest) -> HttpResponse:
    user = _staff(request)
    form = PaperForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        upload = d["scan"]
        if upload.size > max_scan_bytes():
            form.add_error("scan", str(_("The scan is too large.")))
        else:
            try:
                saved = objection_record_paper(
                    actor=user,
                    data=ObjectionInput(
                        text=d["text"],
                        categories=d["categories"],
                        cases=d["cases"],
                        language=d["language"],
                        name=d["name"],
                        a_number=d["a_number"],
                        contact=d["contact"],
                    ),
                    scan=upload.read(),
                    received_on=timezone.make_aware(datetime.combine(d["received_on"], time(12))),
                    docket_number=d["docket_number"],
                )
            except ObjectionInputError as refused:
                form.add_error(
                    refused.field if refused.field in form.fields else None, str(refused)
                )
            else:
                return redirect("notices:objection_detail", receipt=saved.receipt)
    return render(
        request,
        "notices/objection_paper.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
def objection_detail(request: HttpRequest, receipt: str) -> HttpResponse:
    user = _staff(request)
    objection = get_object_or_404(Objection, receipt=receipt)
    audit_access(actor=user, object_type="objection", object_id=receipt, what="objection")
    form = UpdateForm(
        request.POST or None,
        initial={
            "status": objection.status,
            "docket_number": objection.docket_number,
            "seen": objection_edit_token(objection),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            objection_update(actor=user, objection=objection, **form.cleaned_data)
        except ObjectionInputError as refused:
            form.add_error(refused.field if refused.field in form.fields else None, str(refused))
        else:
            return redirect("notices:objection_detail", receipt=receipt)
    # Who the objector is in the registry is a person's data: shown only to those who
    # may see that person's file.
    identified = (
        objection.person
        if objection.person_id is not None
        and people_visible_to(user).filter(pk=objection.person_id).exists()
        else None
    )
    if user.role == Role.CLASS_COUNSEL:
        # Counsel learn only their own cases of a member (a member's other case is
        # that case's counsel's to know). The page reads them off the objection: this
        # copy, never saved, carries only the user's.
        own = user.case_codes()
        objection.member_cases = [code for code in objection.member_cases if code in own]
    return render(
        request,
        "notices/objection_detail.html",
        {"objection": objection, "form": form, "identified": identified},
        status=400 if request.method == "POST" else 200,
    )


@require_GET
@login_required
def packet_pdf(request: HttpRequest) -> HttpResponse:
    """?version=parties (notice staff) or court (also the court role): redacted."""
    user = request.user
    assert isinstance(user, User)
    parties = request.GET.get("version") == "parties"
    if parties and not sends_notice(user):
        raise PermissionDenied
    if not parties and not (sends_notice(user) or user.role == Role.COURT):
        raise PermissionDenied
    objections = Objection.objects.all()
    visible = None
    cases = None
    if user.role == Role.CLASS_COUNSEL:
        # Counsel read every objection, but whose file an objector is only for the
        # people of their cases, and of a member's cases only their own.
        linked = objections.exclude(person__isnull=True).values("person_id")
        visible = set(people_visible_to(user).filter(pk__in=linked).values_list("pk", flat=True))
        cases = user.case_codes()
    built = packet.build(
        objections, ClassNotice.objects.all(), redacted=not parties, visible=visible, cases=cases
    )
    audit_access(
        actor=user,
        object_type="objection_packet",
        object_id="parties" if parties else "court",
        what="packet",
    )
    html = render_to_string(
        "notices/packet_pdf.html", {"packet": built, "printed_at": timezone.now()}
    )
    try:
        document = html_to_pdf(html)
    except PdfUnavailable as missing:
        return HttpResponse(str(missing), status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(document, content_type="application/pdf")
    name = "parties" if parties else "court"
    response["Content-Disposition"] = f'inline; filename="objections-{name}.pdf"'
    response["Cache-Control"] = "no-store"
    return response
