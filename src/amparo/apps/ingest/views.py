from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from amparo.apps.accounts.models import User
from amparo.apps.audit.models import EventKind
from amparo.apps.audit.services import audit_record
from amparo.apps.ingest.forms import ImportUploadForm
from amparo.apps.ingest.models import BatchStatus
from amparo.apps.ingest.progress import progress_get
from amparo.apps.ingest.selectors import batch_get_for_user, batch_issues, batches_visible_to
from amparo.apps.ingest.services import ImportRefused, UploadedExtract, import_batch_create
from amparo.apps.ingest.tasks import import_batch_task
from amparo.engines.exports import write_safe_csv

ISSUES_PER_PAGE = 100


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("ingest.import_extracts", raise_exception=True)
def batch_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploads = [
            UploadedExtract(filename=f.name or "upload", data=f.read())
            for f in form.cleaned_data["extracts"]
        ]
        try:
            batch = import_batch_create(actor=user, files=uploads, note=form.cleaned_data["note"])
        except ImportRefused as refusal:
            form.add_error("extracts", str(refusal))
        else:
            import_batch_task.enqueue(batch.pk, user.pk)
            messages.info(request, _("The import has started."))
            return redirect("ingest:batch_detail", public_id=batch.public_id)
    batches = Paginator(batches_visible_to(user), 25).get_page(request.GET.get("page"))
    status = 400 if request.method == "POST" else 200
    return render(
        request, "ingest/batch_list.html", {"form": form, "batches": batches}, status=status
    )


@require_GET
@login_required
@permission_required("ingest.import_extracts", raise_exception=True)
def batch_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    batch = batch_get_for_user(user=_user(request), public_id=public_id)
    issues = Paginator(batch_issues(batch), ISSUES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "ingest/batch_detail.html",
        {
            "batch": batch,
            "files": batch.files.all(),
            "issues": issues,
            "running": batch.status in {BatchStatus.QUEUED, BatchStatus.RUNNING},
            "progress": progress_get(str(batch.public_id)),
        },
    )


@require_GET
@login_required
@permission_required("ingest.import_extracts", raise_exception=True)
def batch_progress(request: HttpRequest, public_id: str) -> HttpResponse:
    batch = batch_get_for_user(user=_user(request), public_id=public_id)
    running = batch.status in {BatchStatus.QUEUED, BatchStatus.RUNNING}
    response = render(
        request,
        "ingest/_progress.html",
        {"batch": batch, "running": running, "progress": progress_get(str(batch.public_id))},
    )
    if not running:
        # The batch finished: have htmx reload the page to show its report.
        response["HX-Refresh"] = "true"
    return response


@require_GET
@login_required
@permission_required("ingest.import_extracts", raise_exception=True)
def batch_issues_csv(request: HttpRequest, public_id: str) -> HttpResponse:
    user = _user(request)
    batch = batch_get_for_user(user=user, public_id=public_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="row-report-{batch.public_id}.csv"'
    count = write_safe_csv(
        response,
        ["file", "line", "record_id", "column", "problem", "rejected", "message", "value"],
        (
            (
                i.file.filename,
                i.line,
                i.record_id,
                i.column,
                i.problem,
                "yes" if i.rejected else "no",
                i.message,
                i.value,
            )
            for i in batch_issues(batch).iterator()
        ),
    )
    audit_record(
        actor=user,
        action="import_batch.export_row_report",
        object_type="import_batch",
        object_id=str(batch.public_id),
        details={"rows": count},
        kind=EventKind.ACCESS,
    )
    return response
