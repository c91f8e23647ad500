"""Class membership and entitlements as decided by the eligibility engine, the
court's orders that gate them, and the rule parameters in force.

`PersonEligibility` keeps one current row per person (the engine's answer with its
reasons) and every earlier one as history, so a decision can be shown to change when
a rule or a fact changes. The answer columns repeat what `findings` holds, for the
rosters' filters and counts.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from amparo.apps.core.cases import CaseCode
from amparo.apps.registry.models import Person


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("Unknown")


# The engine's membership and entitlement codes, and the column that holds each.
ANSWER_COLUMNS: dict[str, str] = {
    "ms_l_parent": "ms_l_parent",
    "mmm_child": "mmm_child",
    "dora_parent": "dora_parent",
    "parent_review_and_new_interview": "parent_procedures",
    "child_own_interview": "child_interview",
    "deported_parent_return": "return_candidate",
    "notice_to_appear": "notice_to_appear",
    "ordinary_process": "ordinary_process",
}
MEMBERSHIP_CASES: dict[str, str] = {
    "ms_l_parent": CaseCode.MS_L,
    "mmm_child": CaseCode.MMM,
    "dora_parent": CaseCode.DORA,
}


def _answer_field() -> models.CharField[str, str]:
    return models.CharField(max_length=8, choices=Answer.choices, default=Answer.NO)


class RunStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Finished")
    FAILED = "failed", _("Failed")


class RunTrigger(models.TextChoices):
    MANUAL = "manual", _("Recomputed on request")
    COURT_STATUS = "court_status", _("Court approval changed")
    EARLY_ORDER = "early_order", _("Early-processing order recorded")
    PARAMETER = "parameter", _("Rule parameter changed")
    FACT = "fact", _("Fact recorded")
    ELECTION = "election", _("Election recorded")
    IDENTIFICATION = "identification", _("Identification run")


class EligibilityRun(models.Model):
    """One evaluation of many people: inputs, ruleset, and the before/after counts."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    trigger = models.CharField(max_length=16, choices=RunTrigger.choices)
    reason = models.CharField(max_length=300, blank=True)
    as_of = models.DateField()
    ruleset_version = models.CharField(max_length=80)
    court_state = models.JSONField(default=dict)
    status = models.CharField(max_length=12, choices=RunStatus.choices, default=RunStatus.RUNNING)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    people_evaluated = models.PositiveIntegerField(default=0)
    people_changed = models.PositiveIntegerField(default=0)
    counts_before = models.JSONField(default=dict)
    counts_after = models.JSONField(default=dict)
    timings = models.JSONField(default=dict)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=[s.value for s in RunStatus]),
                name="eligibility_run_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(trigger__in=[t.value for t in RunTrigger]),
                name="eligibility_run_trigger_valid",
            ),
        ]


class PersonEligibility(models.Model):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="eligibility")
    run = models.ForeignKey(EligibilityRun, on_delete=models.PROTECT, related_name="+")
    as_of = models.DateField()
    ruleset_version = models.CharField(max_length=80)
    findings = models.JSONField(default=list)
    # A digest of `findings`: a re-run that gives the same answers writes nothing.
    fingerprint = models.CharField(max_length=64)
    ms_l_parent = _answer_field()
    mmm_child = _answer_field()
    dora_parent = _answer_field()
    parent_procedures = _answer_field()
    child_interview = _answer_field()
    return_candidate = _answer_field()
    notice_to_appear = _answer_field()
    ordinary_process = _answer_field()
    actionable = models.BooleanField(default=False)
    decided_at = models.DateTimeField()
    superseded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(superseded_at__isnull=True),
                name="one_current_eligibility_per_person",
            ),
        ]
        indexes = [models.Index(fields=["person", "superseded_at"])]


class ApprovalOrderScope(models.TextChoices):
    EVERYONE = "everyone", _("Every class member")
    DETAINED = "detained", _("Members held in detention")


class EarlyProcessingOrder(models.Model):
    """An order letting part of the agreement start before final approval."""

    case_code = models.CharField(max_length=8, choices=CaseCode.choices)
    ordered_on = models.DateField()
    scope = models.CharField(max_length=10, choices=ApprovalOrderScope.choices)
    # Entitlement codes the order reaches; empty: all of them.
    entitlements = models.JSONField(default=list, blank=True)
    reference = models.CharField(max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["ordered_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(scope__in=[s.value for s in ApprovalOrderScope]),
                name="early_order_scope_valid",
            ),
        ]


class RuleParameterChange(models.Model):
    """A changed reading of one rule parameter; the rules in force are the shipped
    ruleset with every change applied in order."""

    ruleset = models.CharField(max_length=80)
    rule_id = models.CharField(max_length=80)
    rule_version = models.PositiveIntegerField()
    name = models.CharField(max_length=80)
    value = models.JSONField(null=True)
    previous = models.JSONField(null=True)
    reason = models.CharField(max_length=300)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["changed_at", "id"]


class FactKind(models.TextChoices):
    EXCLUSION = "exclusion", _("Determination that the parent is unfit or a danger")
    OWN_CLAIM = "own_claim", _("Child's own asylum claim")
    # The date a removed parent came back under the settlement's return process.
    RETURNED = "returned", _("Returned to the United States")


class RecordedFact(models.Model):
    """A fact no agency extract carries, recorded by a person with a reason."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=12, choices=FactKind.choices)
    value = models.CharField(max_length=40)
    note = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    superseded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=[k.value for k in FactKind]),
                name="recorded_fact_kind_valid",
            ),
            models.UniqueConstraint(
                fields=["person", "kind"],
                condition=models.Q(superseded_at__isnull=True),
                name="one_current_fact_per_kind",
            ),
        ]
