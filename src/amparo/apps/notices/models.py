"""Class notice: each member's written notice (in their language where a translation
exists), every attempt to deliver it, and the oral notice given through an interpreter
to members who read none of the written languages."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from amparo.apps.core.cases import CaseCode
from amparo.apps.registry.models import Person


class DeliveryMethod(models.TextChoices):
    IN_PERSON = "in_person", _("In person at the facility")
    MAIL = "mail", _("By mail")
    COUNSEL = "counsel", _("Through counsel")
    PHONE = "phone", _("By telephone")


class DeliveryOutcome(models.TextChoices):
    DELIVERED = "delivered", _("Delivered")
    REFUSED = "refused", _("Refused")
    RETURNED = "returned", _("Returned undelivered")
    NO_ANSWER = "no_answer", _("No answer")
    MOVED = "moved", _("Moved, no forwarding address")
    NO_CONTACT = "no_contact", _("No address or number known")


class ClassNotice(models.Model):
    """One member's notice. `written_code` names the catalogue translation it is
    written in; `reads_written` is false when none is in the member's best language,
    and then only an oral notice through an interpreter reaches them."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="class_notice")
    cases = models.JSONField(default=list)
    written_code = models.CharField(max_length=12)
    reads_written = models.BooleanField()
    generated_at = models.DateTimeField()
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["id"]


class NoticeDelivery(models.Model):
    notice = models.ForeignKey(ClassNotice, on_delete=models.PROTECT, related_name="deliveries")
    method = models.CharField(max_length=10, choices=DeliveryMethod.choices)
    outcome = models.CharField(max_length=10, choices=DeliveryOutcome.choices)
    at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(method__in=[m.value for m in DeliveryMethod]),
                name="notice_delivery_method_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(outcome__in=[o.value for o in DeliveryOutcome]),
                name="notice_delivery_outcome_valid",
            ),
        ]


class OralNotice(models.Model):
    """The notice read to the member through an interpreter: who, when, in which
    language, in person or by telephone."""

    notice = models.ForeignKey(ClassNotice, on_delete=models.PROTECT, related_name="oral")
    language = models.CharField(max_length=40)
    interpreter = models.CharField(max_length=120)
    in_person = models.BooleanField()
    given_at = models.DateTimeField()
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["given_at", "id"]


class CaseHearing(models.Model):
    """A case's fairness hearing, the deadline for objections, and how members reach
    class counsel: what the notice tells them."""

    case_code = models.CharField(max_length=8, choices=CaseCode.choices, unique=True)
    hearing_on = models.DateField()
    objections_due = models.DateField()
    counsel_contact = models.CharField(max_length=300)
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["case_code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(objections_due__lte=models.F("hearing_on")),
                name="objections_due_before_hearing",
            )
        ]


class ObjectionCategory(models.TextChoices):
    INCLUDED = "included", _("Wants to be included")
    RELIEF = "relief", _("Relief too narrow")
    PROCEDURE = "procedure", _("Procedure")
    OTHER = "other", _("Other")


class ObjectionSource(models.TextChoices):
    ONLINE = "online", _("Online form")
    PAPER = "paper", _("On paper")


class ObjectionStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    FILED = "filed", _("Filed with the court")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class TranslationStatus(models.TextChoices):
    NOT_NEEDED = "not_needed", _("In English")
    NEEDED = "needed", _("Translation needed")
    DONE = "done", _("Translated")


class Objection(models.Model):
    """A class member's (or anyone's) objection to the settlement, online or on paper,
    with its receipt number. `late` when received after the objection deadline of
    every case it names (accepted, and flagged for the court). `person` and
    `member_cases` when the objector could be identified in the registry."""

    receipt = models.CharField(max_length=16, unique=True)
    source = models.CharField(max_length=8, choices=ObjectionSource.choices)
    cases = models.JSONField(default=list)
    categories = models.JSONField(default=list)
    text = models.TextField()
    language = models.CharField(max_length=40)
    translation_status = models.CharField(max_length=12, choices=TranslationStatus.choices)
    translation = models.TextField(blank=True)
    name = models.CharField(max_length=200, blank=True)
    a_number = models.CharField(max_length=9, blank=True)
    contact = models.CharField(max_length=200, blank=True)
    received_at = models.DateTimeField()
    late = models.BooleanField(default=False)
    status = models.CharField(
        max_length=10, choices=ObjectionStatus.choices, default=ObjectionStatus.RECEIVED
    )
    docket_number = models.CharField(max_length=40, blank=True)
    scan_path = models.CharField(max_length=300, blank=True)
    scan_sha256 = models.CharField(max_length=64, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="objections"
    )
    member_cases = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["received_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(source=ObjectionSource.ONLINE)
                | (~models.Q(scan_path="") & ~models.Q(scan_sha256="")),
                name="objection_paper_has_scan",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=[s.value for s in ObjectionStatus]),
                name="objection_status_valid",
            ),
        ]


class ScreenerContact(models.Model):
    """Kept only when the person ticked consent on the screener: how counsel may reach
    them, and their answers."""

    name = models.CharField(max_length=200, blank=True)
    contact = models.CharField(max_length=200)
    answers = models.JSONField(default=dict)
    language = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
