"""The in-country partner's pages: the searches given to their organisation, and for
each the locating sheet, what the parent's written consent lets them know (each view of
it logged as a disclosure on that consent), their own contact attempts, and a form to
record one more. Nothing else of the case, and no other partner's notes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from amparo.apps.accounts.models import User
from amparo.apps.accounts.roles import searches_as_partner
from amparo.apps.returns.forms import AttemptForm
from amparo.apps.returns.models import Category, ReturnCase
from amparo.apps.returns.selectors import (
    case_get_for_user,
    cases_visible_to,
    partner_sheet,
    partner_status,
)
from amparo.apps.returns.services import (
    ReturnInputError,
    contact_attempt_record,
    effective_due,
    partner_view_log,
)


def _partner(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not searches_as_partner(user):
        raise PermissionDenied
    return user


@require_GET
@login_required
def partner_home(request: HttpRequest) -> HttpResponse:
    user = _partner(request)
    cases = cases_visible_to(user).select_related("person").order_by("country", "region", "id")
    return render(request, "returns/partner_home.html", {"cases": cases})


@require_http_methods(["GET", "POST"])
@login_required
def partner_case(request: HttpRequest, public_id: str) -> HttpResponse:
    user = _partner(request)
    case: ReturnCase = case_get_for_user(user=user, public_id=public_id)
    assert user.organisation_id is not None
    form = AttemptForm(
        request.POST or None,
        initial={"at": timezone.localtime().replace(second=0, microsecond=0)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            contact_attempt_record(actor=user, case=case, **form.cleaned_data)
        except ReturnInputError as refused:
            form.add_error(refused.field if refused.field in form.fields else None, str(refused))
        else:
            messages.success(request, _("Contact attempt recorded."))
            return redirect("returns:partner_case", public_id=case.public_id)
    sheet = partner_sheet(case, user.organisation_id)
    partner_view_log(actor=user, case=case, consents=sheet.consents)
    return render(
        request,
        "returns/partner_case.html",
        {
            "case": case,
            "sheet": sheet,
            "shows_status": Category.CASE_STATUS in sheet.categories,
            "status": partner_status(case, sheet.categories),
            "shows_children": Category.CHILD_WHEREABOUTS in sheet.categories,
            "shows_application": Category.APPLICATION in sheet.categories,
            "due": effective_due(case),
            "attempts": case.attempts.filter(organisation_id=user.organisation_id),
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )
