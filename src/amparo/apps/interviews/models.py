"""Settlement interviews: the lifecycle row, its log of attempted transitions, the two
worksheets (the first interview and the new one), the officer's due-consideration
assessments and the Notices to Appear the outcomes issue.

The state column changes only through `services.interview_transition`, which asks the
engine (`amparo.engines.interviews`) whether the edge is legal and its protections are
on record. Every editable row carries `version`: a save that names an older version is
refused as a conflict, so two people editing at once never overwrite each other.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from amparo.apps.accounts.models import Organisation
from amparo.apps.registry.models import Person
from amparo.engines.consistency import DatePrecision, HarmType, PerpetratorCategory
from amparo.engines.interviews import (
    TERMINAL,
    CounselPresence,
    Determination,
    ParentAssistance,
    State,
    Subject,
)


class InterviewState(models.TextChoices):
    REQUESTED = State.REQUESTED.value, _("Requested")
    SCHEDULED = State.SCHEDULED.value, _("Scheduled")
    RESCHEDULED = State.RESCHEDULED.value, _("Rescheduled")
    NO_SHOW = State.NO_SHOW.value, _("No-show")
    CANCELLED = State.CANCELLED.value, _("Cancelled")
    CONDUCTED = State.CONDUCTED.value, _("Conducted")
    DETERMINATION_DRAFTED = State.DETERMINATION_DRAFTED.value, _("Determination drafted")
    SUPERVISORY_REVIEW = State.SUPERVISORY_REVIEW.value, _("In supervisory review")
    RETURNED = State.RETURNED.value, _("Returned by the supervisor")
    APPROVED = State.APPROVED.value, _("Approved")
    SERVED = State.SERVED.value, _("Served")
    NOTICE_TO_APPEAR = State.NOTICE_TO_APPEAR.value, _("Notice to Appear")
    IJ_REVIEW_REQUESTED = State.IJ_REVIEW_REQUESTED.value, _("Judge's review requested")
    IJ_REVIEW_DECLINED = State.IJ_REVIEW_DECLINED.value, _("Judge's review declined")
    IJ_AFFIRMED = State.IJ_AFFIRMED.value, _("Negative affirmed by the judge")
    IJ_VACATED = State.IJ_VACATED.value, _("Negative vacated by the judge")


class InterviewSubject(models.TextChoices):
    PARENT = Subject.PARENT.value, _("Parent")
    CHILD = Subject.CHILD.value, _("Child (own claim)")


class DeterminationChoice(models.TextChoices):
    POSITIVE = Determination.POSITIVE.value, _("Positive: credible fear found")
    NEGATIVE = Determination.NEGATIVE.value, _("Negative: no credible fear found")


class CounselPresenceChoice(models.TextChoices):
    IN_PERSON = CounselPresence.IN_PERSON.value, _("Present in person")
    TELEPHONE = CounselPresence.TELEPHONE.value, _("Present by telephone")
    ABSENT = CounselPresence.ABSENT.value, _("Absent")


class ParentAssistanceChoice(models.TextChoices):
    NONE = ParentAssistance.NONE.value, _("No parent assisted")
    IN_PERSON = ParentAssistance.IN_PERSON.value, _("A parent assisted in person")
    TELEPHONE = ParentAssistance.TELEPHONE.value, _("A parent assisted by telephone")
    DEPORTED_PARENT_BY_TELEPHONE = (
        ParentAssistance.DEPORTED_PARENT_BY_TELEPHONE.value,
        _("The deported parent joined by telephone"),
    )


# States in which the interview is still going somewhere: at most one such interview
# per person and subject (a second request would double-book the same second chance).
OPEN_STATES = tuple(s.value for s in State if s not in TERMINAL)


class Interview(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="interviews")
    subject = models.CharField(max_length=8, choices=InterviewSubject.choices)
    state = models.CharField(
        max_length=24, choices=InterviewState.choices, default=InterviewState.REQUESTED
    )
    # Optimistic lock: every save through a service adds one.
    version = models.PositiveIntegerField(default=1)

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField()
    request_note = models.CharField(max_length=300, blank=True)

    # Where and when.
    scheduled_for = models.DateTimeField(null=True, blank=True)
    location = models.CharField(max_length=200, blank=True)
    # The person joins by telephone (a deported parent, from abroad).
    telephonic = models.BooleanField(default=False)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="interviews_assigned",
    )

    # The protections, as recorded when the interview was held.
    counsel_presence = models.CharField(
        max_length=10, choices=CounselPresenceChoice.choices, blank=True
    )
    written_waiver_of_counsel = models.BooleanField(default=False)
    interpreter_language = models.CharField(max_length=60, blank=True)
    best_language = models.CharField(max_length=60, blank=True)
    interpreter_mismatch = models.BooleanField(default=False)
    m444_served = models.BooleanField(default=False)
    private_setting = models.BooleanField(default=False)
    parent_assistance = models.CharField(
        max_length=32, choices=ParentAssistanceChoice.choices, blank=True
    )

    # The determination and its review.
    determination = models.CharField(max_length=8, choices=DeterminationChoice.choices, blank=True)
    determination_summary = models.TextField(blank=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    supervisor_note = models.TextField(blank=True)
    served_at = models.DateTimeField(null=True, blank=True)
    ij_review_requested_at = models.DateTimeField(null=True, blank=True)
    declination_recorded = models.BooleanField(default=False)

    # Deadlines the lifecycle computed (`amparo.engines.interviews.deadlines`).
    counsel_notify_by = models.DateTimeField(null=True, blank=True)
    counsel_notified_at = models.DateTimeField(null=True, blank=True)
    ij_request_by = models.DateTimeField(null=True, blank=True)
    ij_decision_target = models.DateTimeField(null=True, blank=True)
    ij_decision_due = models.DateTimeField(null=True, blank=True)
    # Flags raised on the way (counsel notice short, interpreter mismatch, late request).
    flags = models.JSONField(default=list, blank=True)

    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["scheduled_for", "id"]
        indexes = [
            models.Index(fields=["officer", "state", "scheduled_for"]),
            models.Index(fields=["state", "scheduled_for"]),
            models.Index(fields=["person", "subject"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "subject"],
                condition=models.Q(state__in=OPEN_STATES),
                name="interview_one_open_per_person_subject",
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=[s.value for s in State]),
                name="interview_state_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(subject__in=[s.value for s in Subject]),
                name="interview_subject_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"interview {self.public_id}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


class InterviewEvent(models.Model):
    """Every attempted transition, accepted or refused: the lifecycle's own log."""

    interview = models.ForeignKey(Interview, on_delete=models.PROTECT, related_name="events")
    from_state = models.CharField(max_length=24)
    to_state = models.CharField(max_length=24)
    accepted = models.BooleanField()
    # For a refusal, the engine's reason code and each missing item.
    reason = models.CharField(max_length=40, blank=True)
    missing = models.JSONField(default=list, blank=True)
    flags = models.JSONField(default=list, blank=True)
    note = models.CharField(max_length=300, blank=True)
    # The text the step wrote, whole (a drafted determination's summary, the supervisor's
    # reasons): a redraft or a later review replaces it on the interview, not here.
    text = models.TextField(blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["interview", "at"])]


class WorksheetKind(models.TextChoices):
    FIRST = "first", _("First interview (from its worksheet summary)")
    NEW = "new", _("Settlement interview")


class Worksheet(models.Model):
    """One interview's record on the model of the credible fear worksheet (I-870):
    the material facts as structured items, the read-back, the notes."""

    interview = models.ForeignKey(Interview, on_delete=models.PROTECT, related_name="worksheets")
    kind = models.CharField(max_length=6, choices=WorksheetKind.choices)
    version = models.PositiveIntegerField(default=1)

    interviewed_on = models.DateField(null=True, blank=True)
    interpreter_language = models.CharField(max_length=60, blank=True)
    best_language = models.CharField(max_length=60, blank=True)
    counsel_present = models.BooleanField(null=True, blank=True)
    telephonic = models.BooleanField(null=True, blank=True)
    # For the first interview: the separation as it stood then.
    separated_on = models.DateField(null=True, blank=True)
    knew_child_whereabouts = models.BooleanField(null=True, blank=True)

    protected_grounds = models.JSONField(default=list, blank=True)
    fear_of_persecution = models.BooleanField(null=True, blank=True)
    fear_of_torture = models.BooleanField(null=True, blank=True)
    internal_relocation_possible = models.BooleanField(null=True, blank=True)
    state_protection_available = models.BooleanField(null=True, blank=True)
    possible_bars = models.JSONField(default=list, blank=True)

    summary_read_back = models.BooleanField(default=False)
    summary_corrections = models.TextField(blank=True)
    qa_notes = models.TextField(blank=True)

    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["interview", "kind"], name="worksheet_one_per_kind"),
            models.CheckConstraint(
                condition=models.Q(kind__in=[k.value for k in WorksheetKind]),
                name="worksheet_kind_valid",
            ),
        ]


class HarmTypeChoice(models.TextChoices):
    BEATING = HarmType.BEATING.value, _("Beating")
    THREAT = HarmType.THREAT.value, _("Threat")
    SEXUAL_VIOLENCE = HarmType.SEXUAL_VIOLENCE.value, _("Sexual violence")
    KIDNAPPING = HarmType.KIDNAPPING.value, _("Kidnapping")
    EXTORTION = HarmType.EXTORTION.value, _("Extortion")
    KILLING_OF_RELATIVE = HarmType.KILLING_OF_RELATIVE.value, _("Killing of a relative")
    DETENTION = HarmType.DETENTION.value, _("Detention")
    OTHER = HarmType.OTHER.value, _("Other")


class PerpetratorChoice(models.TextChoices):
    GANG = PerpetratorCategory.GANG.value, _("Gang")
    POLICE = PerpetratorCategory.POLICE.value, _("Police")
    MILITARY = PerpetratorCategory.MILITARY.value, _("Military")
    FAMILY_MEMBER = PerpetratorCategory.FAMILY_MEMBER.value, _("Family member")
    PARTNER = PerpetratorCategory.PARTNER.value, _("Partner")
    OTHER = PerpetratorCategory.OTHER.value, _("Other")


class DatePrecisionChoice(models.TextChoices):
    DAY = DatePrecision.DAY.value, _("Day")
    MONTH = DatePrecision.MONTH.value, _("Month")
    YEAR = DatePrecision.YEAR.value, _("Year")


class HarmItem(models.Model):
    """One harm from the summary of material facts. A worksheet save replaces them all
    (they are numbered by position, and the consistency engine ignores the numbering)."""

    worksheet = models.ForeignKey(Worksheet, on_delete=models.CASCADE, related_name="harms")
    position = models.PositiveSmallIntegerField()
    type = models.CharField(max_length=24, choices=HarmTypeChoice.choices)
    when = models.DateField(null=True, blank=True)
    when_precision = models.CharField(
        max_length=6, choices=DatePrecisionChoice.choices, default=DatePrecisionChoice.DAY
    )
    place = models.CharField(max_length=200, blank=True)
    perpetrator = models.CharField(max_length=200, blank=True)
    perpetrator_category = models.CharField(
        max_length=16, choices=PerpetratorChoice.choices, blank=True
    )

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["worksheet", "position"], name="harm_position_unique")
        ]


class Assessment(models.Model):
    """The officer's due consideration of one inconsistency: how the parent's
    psychological state at the first interview bears on it. Kept with a copy of what
    was assessed, so an assessment whose inconsistency later disappears (a worksheet
    corrected) is shown as stale rather than dropped."""

    interview = models.ForeignKey(Interview, on_delete=models.PROTECT, related_name="assessments")
    inconsistency_id = models.CharField(max_length=40)
    kind = models.CharField(max_length=16)
    topic = models.CharField(max_length=32)
    first_value = models.CharField(max_length=300, blank=True)
    new_value = models.CharField(max_length=300, blank=True)
    text = models.TextField()
    version = models.PositiveIntegerField(default=1)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["recorded_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["interview", "inconsistency_id"], name="assessment_one_per_inconsistency"
            )
        ]


class NoticeReason(models.TextChoices):
    POSITIVE_DETERMINATION = "positive_determination", _("Own positive determination")
    IJ_VACATED = "ij_vacated", _("Judge vacated the negative determination")
    CROSS_EFFECT = "cross_effect", _("Credible fear found for the linked parent or child")


class NoticeToAppear(models.Model):
    """A Notice to Appear (I-862) the settlement requires: full proceedings before an
    immigration judge. One per person: a second reason adds nothing to the first."""

    person = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="notice_to_appear")
    reason = models.CharField(max_length=24, choices=NoticeReason.choices)
    source_interview = models.ForeignKey(Interview, on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField()
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )


class CounselNotification(models.Model):
    """Counsel of record told of an interview's time (by email through Django's mail
    backend), once per scheduled time."""

    interview = models.ForeignKey(
        Interview, on_delete=models.PROTECT, related_name="counsel_notifications"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    scheduled_for = models.DateTimeField()
    sent_at = models.DateTimeField()
    recipients = models.PositiveSmallIntegerField()
    # Sent later than the configured lead time before the interview.
    short_notice = models.BooleanField(default=False)

    class Meta:
        ordering = ["sent_at", "id"]
