"""Elections: each class member's choice to stay or to waive the settlement
procedures, as signed on the form read to them.

A member who never returned the form has no Election row, and that is never
read as a waiver (`selectors.election_status`). A new election supersedes the
current one; the old one is kept with `superseded_at`.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from amparo.apps.accounts.models import Organisation
from amparo.apps.core.cases import CaseCode
from amparo.apps.registry.models import Person

# Below this age on the signing date a parent or legal representative signs.
SELF_SIGNATURE_MIN_AGE = 14


class ElectionChoice(models.TextChoices):
    STAY = "stay", _("Stay and pursue the settlement procedures")
    WAIVE = "waive", _("Waive the settlement procedures and be removed as soon as possible")


class ElectionStatus(models.TextChoices):
    """A member's standing: NONE (no form returned) is its own answer, never a waiver."""

    NONE = "none", _("No election returned")
    STAY = "stay", _("Elected to stay")
    WAIVE = "waive", _("Elected to waive")


class ElectionSource(models.TextChoices):
    PAPER = "paper", _("Paper form (scan attached)")
    COUNSEL = "counsel", _("Entered directly by class counsel")


class SignerKind(models.TextChoices):
    SELF = "self", _("The member")
    PARENT = "parent", _("A parent of the member")
    LEGAL_REPRESENTATIVE = "legal_rep", _("The member's legal representative")


class LanguageMatch(models.TextChoices):
    """The language the form was read in, against the member's language on record."""

    MATCH = "match", _("Same as on record")
    MISMATCH = "mismatch", _("Differs from the record")
    UNKNOWN = "unknown", _("None on record")


class Election(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="elections")
    choice = models.CharField(max_length=8, choices=ElectionChoice.choices)
    source = models.CharField(max_length=8, choices=ElectionSource.choices)

    # Who read the form to the member, in which language, and when.
    read_by = models.CharField(max_length=200)
    read_language = models.CharField(max_length=60)
    read_on = models.DateField()
    # The member's language on file when the election was recorded.
    member_language = models.CharField(max_length=60, blank=True)
    language_match = models.CharField(max_length=8, choices=LanguageMatch.choices)
    language_understood_confirmed = models.BooleanField(default=False)

    # Who signed, and why they could.
    signed_on = models.DateField()
    signer_kind = models.CharField(max_length=10, choices=SignerKind.choices)
    signer_name = models.CharField(max_length=200)
    member_dob = models.DateField(null=True, blank=True)
    member_age_on_signing = models.PositiveSmallIntegerField(null=True, blank=True)
    lacks_capacity = models.BooleanField(default=False)
    # The signer's statement that the member is 14 or older (date of birth unknown).
    stated_14_or_older = models.BooleanField(default=False)
    # "Knowingly and voluntarily": required for a waiver.
    waiver_attested = models.BooleanField(default=False)

    # The signed paper form, stored under MEDIA_ROOT by a name the system chose.
    scan_path = models.CharField(max_length=300, blank=True)
    scan_sha256 = models.CharField(max_length=64, blank=True)
    scan_size_bytes = models.PositiveIntegerField(null=True, blank=True)
    scan_content_type = models.CharField(max_length=40, blank=True)
    scan_original_name = models.CharField(max_length=255, blank=True)

    # The member's case codes when recorded (what the routing was computed from).
    cases = models.JSONField(default=list)
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
    )
    superseded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        indexes = [models.Index(fields=["person", "superseded_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(superseded_at__isnull=True),
                name="election_one_current_per_person",
            ),
            models.CheckConstraint(
                condition=models.Q(choice__in=[c.value for c in ElectionChoice]),
                name="election_choice_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(source__in=[s.value for s in ElectionSource]),
                name="election_source_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(signer_kind__in=[k.value for k in SignerKind]),
                name="election_signer_kind_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(language_match__in=[m.value for m in LanguageMatch]),
                name="election_language_match_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(choice=ElectionChoice.STAY) | models.Q(waiver_attested=True),
                name="election_waiver_attested",
            ),
            models.CheckConstraint(
                condition=models.Q(source=ElectionSource.COUNSEL)
                | (~models.Q(scan_path="") & ~models.Q(scan_sha256="")),
                name="election_paper_has_scan",
            ),
            models.CheckConstraint(
                condition=models.Q(language_match=LanguageMatch.MATCH)
                | models.Q(language_understood_confirmed=True),
                name="election_other_language_confirmed",
            ),
            models.CheckConstraint(
                condition=~models.Q(signer_kind=SignerKind.SELF)
                | (
                    models.Q(lacks_capacity=False)
                    & (
                        # Spelled out for NULL: a CHECK that comes to NULL passes.
                        models.Q(
                            member_age_on_signing__isnull=False,
                            member_age_on_signing__gte=SELF_SIGNATURE_MIN_AGE,
                        )
                        | models.Q(member_age_on_signing__isnull=True, stated_14_or_older=True)
                    )
                ),
                name="election_self_signature_allowed",
            ),
            models.CheckConstraint(
                condition=models.Q(read_on__lte=models.F("signed_on")),
                name="election_read_before_signed",
            ),
        ]

    def __str__(self) -> str:
        return f"election {self.public_id}"

    @property
    def choice_short(self) -> str:
        return str(_("Stay") if self.choice == ElectionChoice.STAY else _("Waive"))

    @property
    def is_current(self) -> bool:
        return self.superseded_at is None

    @property
    def signed_by_proxy(self) -> bool:
        return self.signer_kind != SignerKind.SELF


class ElectionRoute(models.Model):
    """The election went to this class counsel organisation, for this case."""

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="routes")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="election_routes"
    )
    case_code = models.CharField(max_length=8, choices=CaseCode.choices)
    routed_at = models.DateTimeField()

    class Meta:
        ordering = ["case_code", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "organisation", "case_code"], name="election_route_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(case_code__in=[c.value for c in CaseCode]),
                name="election_route_case_valid",
            ),
        ]
