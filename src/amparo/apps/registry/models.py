"""The registry: source records, people, who is who, and what happened to them.

Source records are immutable. Which person a record belongs to is a separate,
dated decision (RecordAssignment) naming who decided it, so that linkage runs
and reviewers can change their minds without rewriting evidence.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from amparo.apps.accounts.models import Organisation
from amparo.apps.core.cases import CaseCode
from amparo.engines.extracts.spec import Source


class SourceChoices(models.TextChoices):
    CBP = Source.CBP.value, _("CBP apprehensions")
    ICE = Source.ICE.value, _("ICE detention")
    ORR = Source.ORR.value, _("ORR referrals")
    USCIS = Source.USCIS.value, _("USCIS fear screenings")


class CourtStatus(models.TextChoices):
    FILED = "filed", _("Filed")
    CLASS_CERTIFIED = "class_certified", _("Class certified")
    AGREEMENT_LODGED = "agreement_lodged", _("Agreement lodged")
    PRELIMINARY_APPROVAL = "preliminary_approval", _("Preliminary approval")
    FINAL_APPROVAL = "final_approval", _("Final approval")
    REJECTED = "rejected", _("Approval refused")


class SettlementCase(models.Model):
    code = models.CharField(max_length=8, choices=CaseCode.choices, unique=True)
    caption = models.CharField(max_length=120)
    court = models.CharField(max_length=40)
    docket_number = models.CharField(max_length=60)
    represents = models.CharField(max_length=200)
    court_status = models.CharField(max_length=32, choices=CourtStatus.choices)
    filed_on = models.DateField(null=True, blank=True)
    class_certified_on = models.DateField(null=True, blank=True)
    agreement_lodged_on = models.DateField(null=True, blank=True)
    preliminary_approval_on = models.DateField(null=True, blank=True)
    final_approval_on = models.DateField(null=True, blank=True)
    rejected_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(court_status__in=[s.value for s in CourtStatus]),
                name="settlement_case_status_valid",
            )
        ]

    def __str__(self) -> str:
        return self.caption


class SourceRecord(models.Model):
    """One row of one agency extract, as received and as normalised. Never changed."""

    source = models.CharField(max_length=24, choices=SourceChoices.choices)
    record_id = models.CharField(max_length=120)
    batch = models.ForeignKey("ingest.ImportBatch", on_delete=models.PROTECT, related_name="+")
    line = models.PositiveIntegerField()
    row_hash = models.CharField(max_length=64)
    raw = models.JSONField()
    fields = models.JSONField()
    # Indexed copies of the normalised fields that search and linkage filter on.
    a_number = models.CharField(max_length=9, blank=True, db_index=True)
    given_names_key = models.CharField(max_length=200, blank=True)
    surnames_key = models.CharField(max_length=200, blank=True, db_index=True)
    dob = models.DateField(null=True, blank=True)
    has_problems = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "record_id"], name="source_record_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.source}:{self.record_id}"


class Person(models.Model):
    """One human being. The summary fields are the best current reading of the
    person's records, refreshed whenever the records assigned to them change."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    given_names = models.CharField(max_length=200, blank=True)
    surnames = models.CharField(max_length=200, blank=True)
    name_key = models.CharField(max_length=400, blank=True, db_index=True)
    dob = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, blank=True)
    citizenship = models.CharField(max_length=60, blank=True)
    language = models.CharField(max_length=60, blank=True)
    a_number = models.CharField(max_length=9, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when a linkage run found this person's records to be someone else's:
    # the row stays (links and audit events point at it) and lists skip it.
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["surnames", "given_names", "id"]
        indexes = [
            # Lists and rosters read people in this order and stop at the page: with the
            # index the database walks it instead of sorting 100,000 rows per page.
            models.Index(
                fields=["surnames", "given_names", "id"], name="registry_person_name_order"
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return " ".join(p for p in (self.given_names, self.surnames) if p) or "—"


class Decider(models.TextChoices):
    INGEST_RULE = "ingest_rule", _("Import rule")
    LINKAGE_RUN = "linkage_run", _("Linkage run")
    REVIEWER = "reviewer", _("Reviewer")
    SYNTHETIC_TRUTH = "synthetic_truth", _("Synthetic ground truth (demo)")


class RecordAssignment(models.Model):
    """Record R belongs to person P, decided by whom and when. A later decision
    supersedes an earlier one instead of overwriting it."""

    record = models.ForeignKey(SourceRecord, on_delete=models.PROTECT, related_name="assignments")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="assignments")
    decided_by = models.CharField(max_length=20, choices=Decider.choices)
    rule_or_run = models.CharField(max_length=120)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField()
    superseded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["record"],
                condition=models.Q(superseded_at__isnull=True),
                name="one_current_assignment_per_record",
            ),
            models.CheckConstraint(
                condition=models.Q(decided_by__in=[d.value for d in Decider]),
                name="record_assignment_decider_valid",
            ),
        ]
        indexes = [models.Index(fields=["person", "superseded_at"])]


class RelationshipKind(models.TextChoices):
    PARENT = "parent", _("Parent of")
    GRANDPARENT = "grandparent", _("Grandparent of")
    AUNT_UNCLE = "aunt_uncle", _("Aunt or uncle of")
    SIBLING = "sibling", _("Sibling of")
    SPOUSE = "spouse", _("Spouse of")
    OTHER = "other", _("Other relative of")


class Relationship(models.Model):
    """`person` is <kind> of `relative` (e.g. person is parent of relative)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="relationships")
    relative = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=16, choices=RelationshipKind.choices)
    evidence = models.ForeignKey(
        SourceRecord, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_by = models.CharField(max_length=20, choices=Decider.choices)
    rule_or_run = models.CharField(max_length=120)
    decided_at = models.DateTimeField()
    superseded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(person=models.F("relative")), name="relationship_not_self"
            ),
            models.UniqueConstraint(
                fields=["person", "relative", "kind"],
                condition=models.Q(superseded_at__isnull=True),
                name="relationship_current_unique",
            ),
        ]


class CustodyEventKind(models.TextChoices):
    APPREHENDED = "apprehended", _("Apprehended by Border Patrol")
    ORR_REFERRED = "orr_referred", _("Referred to ORR")
    ORR_DISCHARGED = "orr_discharged", _("Discharged from ORR")
    ICE_BOOK_IN = "ice_book_in", _("Booked into ICE detention")
    ICE_BOOK_OUT = "ice_book_out", _("Booked out of ICE detention")
    REMOVED = "removed", _("Removed from the United States")


class CustodyEvent(models.Model):
    """A dated custody fact read from one source record; it follows the record
    to whichever person the record is assigned to."""

    record = models.ForeignKey(
        SourceRecord, on_delete=models.PROTECT, related_name="custody_events"
    )
    kind = models.CharField(max_length=20, choices=CustodyEventKind.choices)
    occurred_on = models.DateField()
    place = models.CharField(max_length=200, blank=True)
    detail = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["occurred_on", "id"]


class FearScreening(models.Model):
    """A credible or reasonable fear screening read from a USCIS record."""

    class Kind(models.TextChoices):
        CREDIBLE = "CF", _("Credible fear")
        REASONABLE = "RF", _("Reasonable fear")

    record = models.OneToOneField(
        SourceRecord, on_delete=models.PROTECT, related_name="fear_screening"
    )
    kind = models.CharField(max_length=2, choices=Kind.choices, blank=True)
    interviewed_on = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=60, blank=True)
    interpreter_language = models.CharField(max_length=60, blank=True)
    counsel_present = models.BooleanField(null=True)
    determination = models.CharField(max_length=10, blank=True)
    ij_review = models.CharField(max_length=10, blank=True)


class PersonCase(models.Model):
    """Which case's counsel may see this person's file, and why.

    Provisional until the eligibility engine decides class membership: the
    basis names the import rule that put the person here.
    """

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="cases")
    case_code = models.CharField(max_length=8, choices=CaseCode.choices)
    basis = models.CharField(max_length=200)
    decided_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "case_code"], name="person_case_unique"),
        ]


class Representation(models.Model):
    """A legal service provider represents a person (a G-28 on file)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="representations")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="representations"
    )
    g28_filed_on = models.DateField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation"],
                condition=models.Q(ended_at__isnull=True),
                name="representation_current_unique",
            )
        ]


class SeparationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    REVIEW = "review", _("Waiting for review")


class Separation(models.Model):
    """DHS took `child` from `parent`: the fact the settlement turns on.

    Decided by a linkage run or a reviewer, with its score and the evidence;
    a later decision supersedes, never overwrites.
    """

    parent = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="separations_as_parent"
    )
    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="separations_as_child")
    separated_on = models.DateField(null=True, blank=True)
    reunified_on = models.DateField(null=True, blank=True)
    parent_removed_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=SeparationStatus.choices)
    score = models.FloatField()
    evidence = models.JSONField(default=list)
    decided_by = models.CharField(max_length=20, choices=Decider.choices)
    rule_or_run = models.CharField(max_length=120)
    decided_at = models.DateTimeField()
    superseded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("child")), name="separation_not_self"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=[s.value for s in SeparationStatus]),
                name="separation_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=0) & models.Q(score__lte=1),
                name="separation_score_in_unit_interval",
            ),
            models.UniqueConstraint(
                fields=["parent", "child"],
                condition=models.Q(superseded_at__isnull=True),
                name="separation_current_unique",
            ),
        ]
