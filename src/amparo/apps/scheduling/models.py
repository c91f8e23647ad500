"""Scheduling: who is available when (facilities, officers, interpreters, counsel),
each run of the scheduler with what it proposes, and the published bookings.

A run proposes; nothing changes for anyone until a coordinator publishes it. Publishing
sets each interview's time through the interviews app's service (which tells counsel),
and records a `Booking`: the interview's time with its officer, interpreter and room,
which the calendars read.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from amparo.apps.accounts.models import Organisation
from amparo.apps.interviews.models import Interview
from amparo.engines.scheduling import language_name

WEEKDAYS = (0, 1, 2, 3, 4)
WEEKDAY_NAMES = (_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"))


def weekdays_label(days: list[int]) -> str:
    return ", ".join(str(WEEKDAY_NAMES[d]) for d in days if d in WEEKDAYS)


class Facility(models.Model):
    """Where interviews are held: a detention centre or an asylum office, with its
    interview rooms and telephone lines. `custody_places` are the spellings of it in
    the custody records, so a detained person's interview goes where they are."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    address = models.CharField(max_length=200, blank=True)
    rooms = models.PositiveSmallIntegerField()
    phone_lines = models.PositiveSmallIntegerField()
    custody_places = models.JSONField(default=list, blank=True)
    # Where the interviews of people not detained anywhere known are held (and, by
    # telephone, those of deported parents).
    is_default = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=models.Q(is_default=True),
                name="facility_one_default",
            )
        ]

    def __str__(self) -> str:
        return self.name


class OfficerAvailability(models.Model):
    """When and where an asylum officer interviews, and in which languages without an
    interpreter. Hours are local whole hours; weekdays 0 (Monday) to 4."""

    officer = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="availability"
    )
    facilities = models.ManyToManyField(Facility, related_name="officers")
    weekdays = models.JSONField(default=list)
    start_hour = models.PositiveSmallIntegerField()
    end_hour = models.PositiveSmallIntegerField()
    daily_capacity = models.PositiveSmallIntegerField(default=4)
    languages = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_hour__lt=models.F("end_hour")),
                name="officer_hours_ordered",
            )
        ]

    @property
    def weekdays_label(self) -> str:
        return weekdays_label(self.weekdays)

    @property
    def languages_label(self) -> str:
        return ", ".join(language_name(x) for x in self.languages)


class Interpreter(models.Model):
    """An interpreter on the contract: languages, by telephone for any facility or on
    site at one, and when they work."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=120)
    email = models.EmailField(blank=True)
    languages = models.JSONField()
    remote = models.BooleanField(default=True)
    facility = models.ForeignKey(
        Facility, on_delete=models.PROTECT, null=True, blank=True, related_name="interpreters"
    )
    weekdays = models.JSONField(default=list)
    start_hour = models.PositiveSmallIntegerField()
    end_hour = models.PositiveSmallIntegerField()
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_hour__lt=models.F("end_hour")),
                name="interpreter_hours_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(remote=True) | models.Q(facility__isnull=False),
                name="interpreter_on_site_somewhere",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def weekdays_label(self) -> str:
        return weekdays_label(self.weekdays)

    @property
    def languages_label(self) -> str:
        return ", ".join(language_name(x) for x in self.languages)


class CounselAvailability(models.Model):
    """When a legal service provider's lawyers can attend, and how many interviews at
    once (several lawyers, or one by telephone in turn). Without a row, an organisation
    attends one interview at a time in working hours."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.PROTECT, related_name="availability"
    )
    weekdays = models.JSONField(default=list)
    start_hour = models.PositiveSmallIntegerField()
    end_hour = models.PositiveSmallIntegerField()
    max_concurrent = models.PositiveSmallIntegerField(default=1)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_hour__lt=models.F("end_hour")),
                name="counsel_hours_ordered",
            )
        ]

    @property
    def weekdays_label(self) -> str:
        return weekdays_label(self.weekdays)


class RunState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    READY = "ready", _("Ready to publish")
    FAILED = "failed", _("Failed")
    PUBLISHED = "published", _("Published")
    DISCARDED = "discarded", _("Discarded")


RUN_TRANSITIONS: dict[str, frozenset[str]] = {
    RunState.QUEUED: frozenset({RunState.RUNNING, RunState.FAILED, RunState.DISCARDED}),
    # A run still computing when another is published is set aside: it read the
    # schedule that publication replaced.
    RunState.RUNNING: frozenset({RunState.READY, RunState.FAILED, RunState.DISCARDED}),
    RunState.READY: frozenset({RunState.PUBLISHED, RunState.DISCARDED}),
    RunState.FAILED: frozenset(),
    RunState.PUBLISHED: frozenset(),
    RunState.DISCARDED: frozenset(),
}


class RunTrigger(models.TextChoices):
    COORDINATOR = "coordinator", _("Started by a coordinator")
    NO_SHOW = "no_show", _("Re-plan after a no-show")
    CANCELLATION = "cancellation", _("Re-plan after a cancellation")
    DEMO = "demo", _("Demo")


class ScheduleRun(models.Model):
    """One run of the scheduler over a horizon of working days."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    state = models.CharField(max_length=10, choices=RunState.choices, default=RunState.QUEUED)
    trigger = models.CharField(max_length=12, choices=RunTrigger.choices)
    trigger_interview = models.ForeignKey(
        Interview, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    start_date = models.DateField()
    days = models.PositiveSmallIntegerField()
    seconds = models.PositiveSmallIntegerField()
    seed = models.PositiveIntegerField(default=0)
    workers = models.PositiveSmallIntegerField(default=2)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    # The engine's figures: method, requests, scheduled, objective, bound, gap (parts
    # per million), greedy's count and objective, seconds.
    stats = models.JSONField(default=dict, blank=True)
    error = models.CharField(max_length=400, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=[s.value for s in RunState]),
                name="schedule_run_state_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.start_date} +{self.days} ({self.state})"


class LineOutcome(models.TextChoices):
    NEW = "new", _("New time")
    MOVED = "moved", _("Moved")
    KEPT = "kept", _("Unchanged")
    UNPLACED = "unplaced", _("No time found")
    NOT_KEPT = "not_kept", _("Current time no longer fits")


class RunLine(models.Model):
    """What a run proposes for one interview, beside what it has now."""

    run = models.ForeignKey(ScheduleRun, on_delete=models.CASCADE, related_name="lines")
    interview = models.ForeignKey(Interview, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(max_length=10, choices=LineOutcome.choices)
    # The interview's version when the run read it: publishing refuses if it changed.
    interview_version = models.PositiveIntegerField()
    starts_at = models.DateTimeField(null=True, blank=True)
    hours = models.PositiveSmallIntegerField()
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    interpreter = models.ForeignKey(
        Interpreter, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    facility = models.ForeignKey(
        Facility, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    telephonic = models.BooleanField(default=False)
    language = models.CharField(max_length=40)
    priority = models.PositiveSmallIntegerField()
    previous_starts_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(max_length=24, blank=True)
    detail = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["run", "interview"], name="run_line_unique"),
        ]
        indexes = [models.Index(fields=["run", "outcome"])]

    @property
    def language_label(self) -> str:
        return language_name(self.language)


class Booking(models.Model):
    """An interview's published time with the officer, interpreter and place; what
    the calendars show. `sequence` counts its changes (calendar apps replace an event
    only when it grows)."""

    interview = models.OneToOneField(Interview, on_delete=models.PROTECT, related_name="booking")
    run = models.ForeignKey(ScheduleRun, on_delete=models.PROTECT, related_name="bookings")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    interpreter = models.ForeignKey(
        Interpreter, on_delete=models.PROTECT, null=True, blank=True, related_name="bookings"
    )
    facility = models.ForeignKey(Facility, on_delete=models.PROTECT, related_name="bookings")
    telephonic = models.BooleanField(default=False)
    sequence = models.PositiveIntegerField(default=0)
    # Set when the interview is cancelled or missed: the calendars say so.
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["officer", "starts_at"]),
            models.Index(fields=["interpreter", "starts_at"]),
        ]


class BookingRelease(models.Model):
    """An officer or interpreter taken off a booked interview (moved to someone else):
    their calendar file says it is cancelled, so that a calendar that imported it drops
    it."""

    interview = models.ForeignKey(Interview, on_delete=models.PROTECT, related_name="+")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    interpreter = models.ForeignKey(
        Interpreter, on_delete=models.PROTECT, null=True, blank=True, related_name="releases"
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    released_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["officer", "starts_at"]),
            models.Index(fields=["interpreter", "starts_at"]),
        ]
