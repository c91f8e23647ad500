from __future__ import annotations

from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404

from amparo.apps.accounts.models import User
from amparo.apps.accounts.roles import imports_extracts
from amparo.apps.ingest.models import ImportBatch, RowIssue


def batches_visible_to(user: User) -> QuerySet[ImportBatch]:
    """Import batches and their row reports hold raw agency rows: only the
    roles that import may read them."""
    if not imports_extracts(user):
        return ImportBatch.objects.none()
    return ImportBatch.objects.select_related("created_by").order_by("-created_at")


def batch_get_for_user(*, user: User, public_id: UUID | str) -> ImportBatch:
    try:
        return batches_visible_to(user).get(public_id=public_id)
    except (ImportBatch.DoesNotExist, ValidationError, ValueError) as missing:
        raise Http404("No such import") from missing


def batch_issues(batch: ImportBatch) -> QuerySet[RowIssue]:
    return batch.issues.select_related("file").order_by("file_id", "line", "id")
