"""The court's reports: the snapshots, a report per case and combined with its charts
and the changes since the last one, and the files (PDF, CSV, JSON). The parties (the
government and class counsel) read every figure and may download the court's copy; the
court reads only that copy, with small counts hidden. Nobody reads a person here."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from amparo.apps.accounts.models import Role, User
from amparo.apps.accounts.roles import reads_reports, takes_report_snapshots
from amparo.apps.interviews.pdf import PdfUnavailable
from amparo.apps.reports.forms import SnapshotForm
from amparo.apps.reports.labels import REPORT_NAMES
from amparo.apps.reports.models import ReportSnapshot
from amparo.apps.reports.render import Rendered, pdf, suppression_limit
from amparo.apps.reports.render import render as render_report
from amparo.apps.reports.services import ReportInputError, report_snapshot_take
from amparo.engines.reports import REPORTS

FORMATS = {
    "pdf": "application/pdf",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
}


def _reader(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not reads_reports(user):
        raise PermissionDenied
    return user


def _limit(user: User, request: HttpRequest, code: str) -> int:
    """The court always reads its copy; the parties read every figure unless they ask
    for the court's copy (to file it). Class counsel read every figure of their own
    cases' reports only: another case's report, and the combined one unless all three
    are theirs, is the court's copy for them."""
    if user.role == Role.COURT or request.GET.get("copy") == "court":
        return suppression_limit()
    if user.role == Role.CLASS_COUNSEL:
        own = user.case_codes()
        if (code == "combined" and not set(REPORTS) - {"combined"} <= own) or (
            code != "combined" and code not in own
        ):
            return suppression_limit()
    return 0


def _snapshot(public_id: str) -> ReportSnapshot:
    found = ReportSnapshot.objects.filter(public_id=public_id).first()
    if found is None:
        raise Http404
    return found


def _case(code: str) -> str:
    if code not in REPORTS:
        raise Http404
    return code


@require_http_methods(["GET", "POST"])
@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = _reader(request)
    takes = takes_report_snapshots(user)
    form = SnapshotForm(
        request.POST if request.method == "POST" else None,
        initial={"as_of": timezone.localdate()},
    )
    if request.method == "POST":
        if not takes:
            raise PermissionDenied
        if form.is_valid():
            try:
                taken = report_snapshot_take(
                    actor=user,
                    as_of=form.cleaned_data["as_of"],
                    note=form.cleaned_data["note"],
                )
            except ReportInputError as refused:
                form.add_error(refused.field or None, str(refused))
            else:
                messages.success(
                    request,
                    _("Snapshot taken: %(people)s people, in %(seconds)s s.")
                    % {"people": taken.people, "seconds": taken.seconds},
                )
                return redirect("reports:report", public_id=taken.public_id)
    snapshots = ReportSnapshot.objects.defer("data")[:30]
    latest = snapshots[0] if snapshots else None
    rendered = (
        render_report(latest, "combined", limit=_limit(user, request, "combined"))
        if latest
        else None
    )
    return render(
        request,
        "reports/home.html",
        {
            "snapshots": snapshots,
            "r": rendered,
            "form": form if takes else None,
            "reports": [(code, REPORT_NAMES[code]) for code in REPORTS],
            # How many people a snapshot holds is itself a count the court does not get.
            "shows_people": user.role != Role.COURT,
        },
        status=400 if request.method == "POST" else 200,
    )


@require_GET
@login_required
def report(request: HttpRequest, public_id: str) -> HttpResponse:
    user = _reader(request)
    snapshot = _snapshot(public_id)
    code = _case(request.GET.get("case", "combined"))
    limit = _limit(user, request, code)
    rendered: Rendered = render_report(snapshot, code, limit=limit)
    return render(
        request,
        "reports/report.html",
        {
            "r": rendered,
            "case": code,
            "reports": [(c, REPORT_NAMES[c]) for c in REPORTS],
            "court_copy": bool(limit),
            "may_choose_copy": user.role != Role.COURT,
            "formats": list(FORMATS),
        },
    )


@require_GET
@login_required
def download(request: HttpRequest, public_id: str, case: str, fmt: str) -> HttpResponse:
    user = _reader(request)
    snapshot = _snapshot(public_id)
    code = _case(case)
    if fmt not in FORMATS:
        raise Http404
    rendered = render_report(snapshot, code, limit=_limit(user, request, code))
    if fmt == "pdf":
        try:
            body: bytes | str = pdf(rendered)
        except PdfUnavailable as missing:
            return HttpResponse(str(missing), status=503, content_type="text/plain")
    elif fmt == "csv":
        body = rendered.report.as_csv()
    else:
        body = rendered.report.as_json()
    response = HttpResponse(body, content_type=FORMATS[fmt])
    copy = "court" if rendered.report.limit else "parties"
    language = get_language() or "en"
    name = f"report-{code}-{snapshot.as_of}-{copy}-{language}-{snapshot.data_sha256[:12]}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
