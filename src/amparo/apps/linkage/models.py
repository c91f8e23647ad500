"""Identification runs and the review queue they feed.

A run records everything needed to reproduce it for the court: who started
it, the inputs (record counts and the import batches they came from), every
setting, the trained model parameters and the engine versions.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from amparo.apps.registry.models import Person, SourceRecord


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Finished")
    FAILED = "failed", _("Failed")


RUN_TRANSITIONS: dict[str, frozenset[str]] = {
    RunStatus.QUEUED: frozenset({RunStatus.RUNNING, RunStatus.FAILED}),
    RunStatus.RUNNING: frozenset({RunStatus.SUCCEEDED, RunStatus.FAILED}),
    RunStatus.SUCCEEDED: frozenset(),
    RunStatus.FAILED: frozenset(),
}


class LinkageRun(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=RunStatus.choices, default=RunStatus.QUEUED)
    reason = models.CharField(max_length=300, blank=True)
    inputs = models.JSONField(default=dict)
    config = models.JSONField(default=dict)
    model = models.JSONField(default=dict)
    versions = models.JSONField(default=dict)
    timings = models.JSONField(default=dict)
    counts = models.JSONField(default=dict)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=[s.value for s in RunStatus]),
                name="linkage_run_status_valid",
            )
        ]

    def __str__(self) -> str:
        return f"linkage run {self.public_id}"

    @property
    def label(self) -> str:
        return f"linkage-run:{self.public_id}"


class ReviewKind(models.TextChoices):
    SAME_PERSON = "same_person", _("Same person?")
    PARENT_CHILD = "parent_child", _("Separated parent and child?")


class ReviewOutcome(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNSURE = "unsure", _("Unsure")


class ReviewItem(models.Model):
    """One decision a run would not make alone, waiting for a person.

    For `same_person` the question is about two records; for `parent_child`
    about two people (each anchored by the records they held at the time).
    """

    run = models.ForeignKey(LinkageRun, on_delete=models.PROTECT, related_name="review_items")
    kind = models.CharField(max_length=16, choices=ReviewKind.choices)
    left_person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    right_person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    left_record = models.ForeignKey(
        SourceRecord, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    right_record = models.ForeignKey(
        SourceRecord, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    score = models.FloatField()
    evidence = models.JSONField(default=list)
    # Closed when decided, or when a later run no longer asks the question.
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["closed_at", "-score", "id"]
        indexes = [models.Index(fields=["closed_at", "kind"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=[k.value for k in ReviewKind]),
                name="review_item_kind_valid",
            ),
        ]


class ReviewDecision(models.Model):
    """What a person decided. Anchored on records, not person ids, so it can
    be applied again after any later run re-forms the people."""

    item = models.ForeignKey(ReviewItem, on_delete=models.PROTECT, related_name="decisions")
    kind = models.CharField(max_length=16, choices=ReviewKind.choices)
    outcome = models.CharField(max_length=8, choices=ReviewOutcome.choices)
    note = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField()
    # Record ids (SourceRecord pks) of each side when decided.
    left_records = models.JSONField(default=list)
    right_records = models.JSONField(default=list)
    superseded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["decided_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(outcome__in=[o.value for o in ReviewOutcome]),
                name="review_decision_outcome_valid",
            ),
        ]
