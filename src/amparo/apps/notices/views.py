"""Class notice pages: the declaration's figures and the court's dates (overview), a
member's notice with its deliveries and oral notices, and the notice as PDF in the
member's language. Class counsel see their cases' members only; others 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from amparo.apps.accounts.models import User
from amparo.apps.audit.services import audit_access
from amparo.apps.interviews.pdf import PdfUnavailable, html_to_pdf
from amparo.apps.notices import catalogue
from amparo.apps.notices.forms import DeliveryForm, HearingForm, OralForm
from amparo.apps.notices.models import CaseHearing, ClassNotice
from amparo.apps.notices.render import rendered
from amparo.apps.notices.selectors import declaration, notices_visible_to
from amparo.apps.notices.services import (
    HEARING_ROLES,
    NoticeInputError,
    hearing_seen_for,
    hearing_set,
    hearings_seen,
    notice_delivery_record,
    notice_generate,
    oral_notice_record,
    sends_notice,
)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    if not sends_notice(request.user):
        raise PermissionDenied
    return request.user


def _notice(user: User, public_id: str) -> ClassNotice:
    found = notices_visible_to(user).select_related("person").filter(public_id=public_id).first()
    if found is None:
        raise Http404
    return found


@require_http_methods(["GET", "POST"])
@login_required
def overview(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    hearing_form = HearingForm(
        request.POST if "hearing" in request.POST else None, initial={"seen": hearings_seen()}
    )
    status = 200
    if request.method == "POST" and "generate" in request.POST:
        done = notice_generate(actor=user)
        messages.success(
            request,
            _("Notices: %(created)s new, %(updated)s updated; %(oral)s need oral notice.")
            % {"created": done.created, "updated": done.updated, "oral": done.oral_needed},
        )
        return redirect("notices:overview")
    if request.method == "POST" and "hearing" in request.POST:
        if user.role not in HEARING_ROLES:
            raise PermissionDenied
        if hearing_form.is_valid():
            try:
                fields = dict(hearing_form.cleaned_data)
                fields["seen"] = hearing_seen_for(fields["seen"], fields["case_code"])
                hearing_set(actor=user, **fields)
            except NoticeInputError as refused:
                hearing_form.add_error(refused.field or None, str(refused))
            else:
                return redirect("notices:overview")
        status = 400
    notices = notices_visible_to(user)
    figures = declaration(notices)
    return render(
        request,
        "notices/overview.html",
        {
            # Lists, not Counters: a template's `.items` on a Counter is a missing key.
            "figures": figures,
            "by_method": sorted(figures.reached_by_method.items()),
            "by_language": sorted(figures.reached_by_language.items()),
            "not_reached": sorted(figures.not_reached.items()),
            "not_reached_total": figures.not_reached.total(),
            "notices": notices.select_related("person").order_by("id")[:50],
            "hearings": CaseHearing.objects.all(),
            "hearing_form": hearing_form,
            "sets_hearings": user.role in HEARING_ROLES,
            "languages": catalogue.translations(),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_required
def notice_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    user = _user(request)
    notice = _notice(user, public_id)
    audit_access(
        actor=user, object_type="class_notice", object_id=str(notice.public_id), what="notice"
    )
    delivery_form = DeliveryForm(request.POST if "delivery" in request.POST else None)
    oral_form = OralForm(request.POST if "oral" in request.POST else None)
    if request.method == "POST":
        try:
            if "delivery" in request.POST and delivery_form.is_valid():
                notice_delivery_record(actor=user, notice=notice, **delivery_form.cleaned_data)
                return redirect("notices:notice_detail", public_id=notice.public_id)
            if "oral" in request.POST and oral_form.is_valid():
                oral_notice_record(actor=user, notice=notice, **oral_form.cleaned_data)
                return redirect("notices:notice_detail", public_id=notice.public_id)
        except NoticeInputError as refused:
            form = delivery_form if "delivery" in request.POST else oral_form
            form.add_error(refused.field if refused.field in form.fields else None, str(refused))
    return render(
        request,
        "notices/notice_detail.html",
        {
            "notice": notice,
            "text": rendered(notice),
            "deliveries": notice.deliveries.select_related("recorded_by"),
            "oral": notice.oral.select_related("given_by"),
            "delivery_form": delivery_form,
            "oral_form": oral_form,
            "languages": catalogue.translations(),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_GET
@login_required
def notice_pdf(request: HttpRequest, public_id: str) -> HttpResponse:
    user = _user(request)
    notice = _notice(user, public_id)
    code = request.GET.get("lang") or notice.written_code
    if code not in catalogue.translations():
        raise Http404
    audit_access(
        actor=user, object_type="class_notice", object_id=str(notice.public_id), what="pdf"
    )
    html = render_to_string(
        "notices/notice_pdf.html",
        {"notice": notice, "text": rendered(notice, code), "printed_at": timezone.now()},
    )
    try:
        document = html_to_pdf(html)
    except PdfUnavailable as missing:
        return HttpResponse(str(missing), status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="notice-{notice.public_id}-{code}.pdf"'
    response["Cache-Control"] = "no-store"
    return response
