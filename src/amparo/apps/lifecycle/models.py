"""What retention has done: one row per applied run (dry-runs leave an audit event only)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class RetentionRun(models.Model):
    """One application of a rule set, all or nothing, with what each rule changed."""

    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    applied_at = models.DateTimeField()
    settlement_end = models.DateField()
    rule_set_version = models.CharField(max_length=60)
    rule_set_sha256 = models.CharField(max_length=64)
    # [{"rule": id, "count": n, "minors": bool}], minors' rules first, as applied.
    counts = models.JSONField(default=list)
    total = models.PositiveIntegerField()
    files_deleted = models.PositiveIntegerField(default=0)
    minors = models.PositiveIntegerField(default=0)
    adults = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-applied_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rule_set_sha256__regex=r"^[0-9a-f]{64}$"),
                name="retention_run_sha256_hex",
            )
        ]

    def __str__(self) -> str:
        return f"{self.rule_set_version} {self.applied_at:%Y-%m-%d}"
