"""Deported parents brought back into the process (issue 8): one `ReturnCase` per class
parent removed without their child, the search for them (`SearchAssignment`,
`ContactAttempt`), the written consent that must precede any disclosure of their case
to a partner (`Consent`, 8 CFR 208.6) and the log of every disclosure (`Disclosure`),
their wish, the application with its evidence, the government's decision, court
motions for groups of parents (`CourtMotion`, `MotionParent`), travel and arrival.

The stage moves only through `services`, which asks the returns engine's table.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from amparo.apps.accounts.models import Organisation
from amparo.apps.interviews.models import Interview
from amparo.apps.registry.models import Person
from amparo.engines.returns import Outcome, Stage, Wish


class StageChoices(models.TextChoices):
    TO_LOCATE = Stage.TO_LOCATE.value, _("Not yet located")
    LOCATED = Stage.LOCATED.value, _("Located, not yet spoken with")
    CONTACTED = Stage.CONTACTED.value, _("Contacted")
    UNREACHABLE = Stage.UNREACHABLE.value, _("Unreachable")
    DECLINED = Stage.DECLINED.value, _("Declined")
    REUNIFY_ABROAD = Stage.REUNIFY_ABROAD.value, _("Wishes to reunify in the home country")
    CHILD_STAYS = Stage.CHILD_STAYS.value, _("Child stays to pursue the child's claim")
    PREPARING = Stage.PREPARING.value, _("Application being prepared")
    APPLIED = Stage.APPLIED.value, _("Application presented")
    APPROVED = Stage.APPROVED.value, _("Return approved")
    DENIED = Stage.DENIED.value, _("Return denied")
    TRAVELLING = Stage.TRAVELLING.value, _("Travel arranged")
    RETURNED = Stage.RETURNED.value, _("Returned")


class WishChoices(models.TextChoices):
    REUNIFY_ABROAD = Wish.REUNIFY_ABROAD.value, _("Reunify with the child in the home country")
    CHILD_STAYS = Wish.CHILD_STAYS.value, _("Leave the child in the United States")
    APPLY = Wish.APPLY.value, _("Apply to return to the United States")


class Channel(models.TextChoices):
    PHONE = "phone", _("Telephone")
    MESSAGING = "messaging", _("Messaging (WhatsApp, SMS)")
    PARTNER_VISIT = "partner_visit", _("In-country partner visit")
    SPONSOR = "sponsor", _("Through the child's sponsor")


class OutcomeChoices(models.TextChoices):
    REACHED = Outcome.REACHED.value, _("Reached")
    LOCATED = Outcome.LOCATED.value, _("Located, not spoken with")
    WRONG_NUMBER = Outcome.WRONG_NUMBER.value, _("Wrong number")
    NO_ANSWER = Outcome.NO_ANSWER.value, _("No answer")
    MOVED = Outcome.MOVED.value, _("Moved away")
    DECLINED = Outcome.DECLINED.value, _("Declined")


class Category(models.TextChoices):
    """What of a parent's case may go to a partner, each only with written consent."""

    # Given with a search, without consent: it says nothing of the case.
    LOCATING = "locating", _("The locating sheet: name, date of birth, region, contacts")
    CASE_STATUS = "case_status", _("Where the return case stands and the parent's wish")
    CHILD_WHEREABOUTS = "child_whereabouts", _("The child's name and whereabouts")
    APPLICATION = "application", _("The application and the government's decision")


class DecisionChoices(models.TextChoices):
    APPROVED = "approved", _("Approved")
    DENIED = "denied", _("Denied")


class DecidedBy(models.TextChoices):
    GOVERNMENT = "government", _("The government")
    COURT = "court", _("The court")


def _valid(field: str, choices: type[models.TextChoices], name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__in": [c.value for c in choices]}), name=name
    )


class ReturnCase(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="return_case")
    stage = models.CharField(
        max_length=16, choices=StageChoices.choices, default=StageChoices.TO_LOCATE
    )
    # Why Amparo opened the case: the eligibility answer and the removal behind it.
    basis = models.CharField(max_length=300)
    removed_on = models.DateField(null=True, blank=True)
    country = models.CharField(max_length=60, blank=True)
    region = models.CharField(max_length=100, blank=True)
    locality = models.CharField(max_length=200, blank=True)
    # Telephone numbers, relatives, landmarks: what a searcher needs, nothing of the case.
    contact_details = models.TextField(blank=True)
    # Milestones, kept when the stage moves on, for the court's figures.
    located_at = models.DateTimeField(null=True, blank=True)
    contacted_at = models.DateTimeField(null=True, blank=True)
    wish = models.CharField(max_length=16, choices=WishChoices.choices, blank=True)
    wish_recorded_on = models.DateField(null=True, blank=True)
    application_due = models.DateField(null=True, blank=True)
    extended_to = models.DateField(null=True, blank=True)
    extension_reason = models.CharField(max_length=300, blank=True)
    statement = models.TextField(blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decision = models.CharField(max_length=8, choices=DecisionChoices.choices, blank=True)
    decision_by = models.CharField(max_length=10, choices=DecidedBy.choices, blank=True)
    decision_reasons = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    travel_document = models.CharField(max_length=120, blank=True)
    travel_on = models.DateField(null=True, blank=True)
    port_of_entry = models.CharField(max_length=120, blank=True)
    arrived_on = models.DateField(null=True, blank=True)
    interview = models.ForeignKey(
        Interview, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Why the new interview could not be asked for on arrival (shown until it is).
    interview_pending = models.CharField(max_length=300, blank=True)
    # A parent who does not come back may join the child's interview by telephone.
    phone_participation = models.BooleanField(default=False)
    phone_number = models.CharField(max_length=40, blank=True)
    phone_language = models.CharField(max_length=60, blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    # Every edit names the version it was made on; a stale one is refused.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["country", "region", "id"]
        constraints = [
            _valid("stage", StageChoices, "return_case_stage_valid"),
            models.CheckConstraint(
                condition=models.Q(wish="") | models.Q(wish__in=[w.value for w in WishChoices]),
                name="return_case_wish_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(stage=Stage.RETURNED.value)
                | models.Q(arrived_on__isnull=False),
                name="return_case_returned_has_arrival",
            ),
            models.CheckConstraint(
                condition=models.Q(submitted_at__isnull=True) | ~models.Q(statement=""),
                name="return_case_application_has_statement",
            ),
        ]

    def __str__(self) -> str:
        return self.person.display_name


class SearchAssignment(models.Model):
    """A partner organisation asked to search for a parent. The partner is given the
    locating sheet (name, date of birth, region, contact details) and nothing of the
    case; the assignment itself is logged as a disclosure of that sheet."""

    case = models.ForeignKey(ReturnCase, on_delete=models.PROTECT, related_name="assignments")
    partner = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assigned_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "partner"],
                condition=models.Q(ended_at__isnull=True),
                name="one_open_assignment_per_partner",
            )
        ]


class ContactAttempt(models.Model):
    case = models.ForeignKey(ReturnCase, on_delete=models.PROTECT, related_name="attempts")
    at = models.DateTimeField()
    channel = models.CharField(max_length=16, choices=Channel.choices)
    outcome = models.CharField(max_length=16, choices=OutcomeChoices.choices)
    # The organisation whose searcher made the attempt (counsel's, or a partner's).
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.CharField(max_length=1000, blank=True)
    next_step = models.CharField(max_length=300, blank=True)
    next_step_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()
    stage_before = models.CharField(max_length=16, choices=StageChoices.choices)
    stage_after = models.CharField(max_length=16, choices=StageChoices.choices)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            _valid("channel", Channel, "contact_attempt_channel_valid"),
            _valid("outcome", OutcomeChoices, "contact_attempt_outcome_valid"),
        ]


class Consent(models.Model):
    """The parent's written consent to disclose parts of their case to one partner."""

    case = models.ForeignKey(ReturnCase, on_delete=models.PROTECT, related_name="consents")
    partner = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    categories = models.JSONField(default=list)
    signed_on = models.DateField()
    expires_on = models.DateField(null=True, blank=True)
    # The signed form: a scan (PDF, PNG or JPEG) kept under a name the system chose.
    scan_path = models.CharField(max_length=300)
    scan_sha256 = models.CharField(max_length=64)
    note = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawal_note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-signed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(scan_path="") & ~models.Q(scan_sha256=""),
                name="consent_is_written",
            )
        ]

    def category_labels(self) -> list[str]:
        return category_labels(self.categories)


def category_labels(categories: list[str]) -> list[str]:
    return [str(Category(c).label) if c in Category.values else c for c in categories]


class DisclosureChannel(models.TextChoices):
    ASSIGNMENT = "assignment", _("Locating sheet given with a search")
    PORTAL = "portal", _("Shown on the partner's page")
    OUTSIDE = "outside", _("Told outside Amparo (call, letter, meeting)")


class Disclosure(models.Model):
    """Something of a parent's case that reached a partner: what, how, on which
    consent. The locating sheet given with a search needs no consent (it says nothing
    of the case); every other category names the consent that allowed it."""

    case = models.ForeignKey(ReturnCase, on_delete=models.PROTECT, related_name="disclosures")
    partner = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    categories = models.JSONField(default=list)
    channel = models.CharField(max_length=12, choices=DisclosureChannel.choices)
    consent = models.ForeignKey(
        Consent, on_delete=models.PROTECT, null=True, blank=True, related_name="disclosures"
    )
    purpose = models.CharField(max_length=300)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["-at", "-id"]
        constraints = [
            _valid("channel", DisclosureChannel, "disclosure_channel_valid"),
            models.CheckConstraint(
                condition=models.Q(channel=DisclosureChannel.ASSIGNMENT)
                | models.Q(consent__isnull=False),
                name="disclosure_of_case_needs_consent",
            ),
        ]

    def category_labels(self) -> list[str]:
        return category_labels(self.categories)


class Evidence(models.Model):
    """A document attached to a parent's application."""

    case = models.ForeignKey(ReturnCase, on_delete=models.PROTECT, related_name="evidence")
    description = models.CharField(max_length=300)
    file_path = models.CharField(max_length=300)
    file_sha256 = models.CharField(max_length=64)
    content_type = models.CharField(max_length=40)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField()

    class Meta:
        ordering = ["added_at", "id"]


class MotionOutcome(models.TextChoices):
    PENDING = "pending", _("Pending")
    GRANTED = "granted", _("Granted")
    DENIED = "denied", _("Denied")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class CourtMotion(models.Model):
    """A motion asking the court to allow a group of parents to return."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(max_length=200)
    docket_number = models.CharField(max_length=40, blank=True)
    filed_on = models.DateField()
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-filed_on", "-id"]


class MotionParent(models.Model):
    motion = models.ForeignKey(CourtMotion, on_delete=models.PROTECT, related_name="parents")
    case = models.ForeignKey(ReturnCase, on_delete=models.PROTECT, related_name="motions")
    outcome = models.CharField(
        max_length=10, choices=MotionOutcome.choices, default=MotionOutcome.PENDING
    )
    decided_on = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["motion", "case"], name="motion_parent_unique"),
            _valid("outcome", MotionOutcome, "motion_parent_outcome_valid"),
        ]
