"""Dated, frozen snapshots of what the court's reports count.

A snapshot keeps its rows (one per person, one per objection: the reports engine's
input) compressed, with the SHA-256 of their canonical bytes, so the same report can
be produced again later byte for byte, and a changed or damaged snapshot is refused.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class ReportSnapshot(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    as_of = models.DateField()
    taken_at = models.DateTimeField()
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.CharField(max_length=300, blank=True)
    # zlib of the canonical JSON of the rows (engines.reports.Snapshot.canonical()).
    data = models.BinaryField()
    data_sha256 = models.CharField(max_length=64)
    people = models.PositiveIntegerField()
    objections = models.PositiveIntegerField()
    seconds = models.FloatField(default=0)
    # The report it is compared with, fixed when it is taken (the last one taken as of
    # the same day or earlier), so the changes it shows never shift later.
    previous = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-taken_at", "-id"]

    def __str__(self) -> str:
        return f"{self.as_of} ({self.data_sha256[:12]})"
