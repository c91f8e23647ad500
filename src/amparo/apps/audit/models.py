"""The append-only, hash-chained audit log."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    WRITE = "write", _("Write")
    ACCESS = "access", _("Access")


class AuditEvent(models.Model):
    """One write or one read of a person's file.

    `entry_hash` covers every field and `previous_hash`, so changing, removing or
    reordering any event breaks the chain from that point on.
    """

    sequence = models.BigIntegerField(unique=True)
    occurred_at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Kept even if the user is renamed later: the log says who it was at the time.
    actor_label = models.CharField(max_length=200)
    kind = models.CharField(max_length=8, choices=EventKind.choices)
    action = models.CharField(max_length=80)
    object_type = models.CharField(max_length=80, blank=True)
    object_id = models.CharField(max_length=80, blank=True)
    reason = models.TextField(blank=True)
    details = models.JSONField(default=dict)
    previous_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["sequence"]
        indexes = [models.Index(fields=["object_type", "object_id"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=[k.value for k in EventKind]),
                name="audit_event_kind_valid",
            )
        ]


class ChainHead(models.Model):
    """The newest link, stored apart so that deleting the tail is detected too.

    There is exactly one row; appending locks it, which serialises writers.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    sequence = models.BigIntegerField(default=0)
    entry_hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="chain_head_single")]
