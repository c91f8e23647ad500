"""Import batches: one upload of one or more extract files, imported atomically."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from amparo.apps.registry.models import SourceChoices


class BatchStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Imported")
    REFUSED = "refused", _("Refused")
    FAILED = "failed", _("Failed")


# Legal moves of the batch state machine; services refuse any other.
BATCH_TRANSITIONS: dict[str, frozenset[str]] = {
    BatchStatus.QUEUED: frozenset({BatchStatus.RUNNING, BatchStatus.FAILED}),
    BatchStatus.RUNNING: frozenset(
        {BatchStatus.SUCCEEDED, BatchStatus.REFUSED, BatchStatus.FAILED}
    ),
    BatchStatus.SUCCEEDED: frozenset(),
    BatchStatus.REFUSED: frozenset(),
    BatchStatus.FAILED: frozenset(),
}


class ImportBatch(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        max_length=12, choices=BatchStatus.choices, default=BatchStatus.QUEUED
    )
    note = models.CharField(max_length=300, blank=True)
    # Why a refused or failed batch wrote nothing: the file-level error.
    error = models.TextField(blank=True)
    rows_total = models.PositiveIntegerField(default=0)
    rows_imported = models.PositiveIntegerField(default=0)
    rows_already_present = models.PositiveIntegerField(default=0)
    rows_rejected = models.PositiveIntegerField(default=0)
    rows_with_bad_values = models.PositiveIntegerField(default=0)
    people_created = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=[s.value for s in BatchStatus]),
                name="import_batch_status_valid",
            )
        ]

    def __str__(self) -> str:
        return f"batch {self.public_id}"


class ImportFile(models.Model):
    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="files")
    filename = models.CharField(max_length=255)
    source = models.CharField(max_length=24, choices=SourceChoices.choices, blank=True)
    sha256 = models.CharField(max_length=64)
    size_bytes = models.PositiveBigIntegerField()
    stored_path = models.CharField(max_length=500)
    rows_total = models.PositiveIntegerField(default=0)
    rows_imported = models.PositiveIntegerField(default=0)
    rows_already_present = models.PositiveIntegerField(default=0)
    rows_rejected = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["id"]


class RowIssue(models.Model):
    """A rejected row, or a bad value in a kept row: file, line, column, problem."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="issues")
    file = models.ForeignKey(ImportFile, on_delete=models.PROTECT, related_name="issues")
    line = models.PositiveIntegerField()
    record_id = models.CharField(max_length=120, blank=True)
    column = models.CharField(max_length=80, blank=True)
    problem = models.CharField(max_length=24)
    message = models.TextField()
    value = models.TextField(blank=True)
    rejected = models.BooleanField()

    class Meta:
        ordering = ["file_id", "line", "id"]
