"""Organisations, users with one role each, per-case grants and API tokens."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from amparo.apps.core.cases import CaseCode


class Role(models.TextChoices):
    CLASS_COUNSEL = "class_counsel", _("Class counsel")
    LEGAL_SERVICE_PROVIDER = "legal_service_provider", _("Legal service provider")
    GOVERNMENT_COORDINATOR = "government_coordinator", _("Government coordinator")
    ASYLUM_OFFICER = "asylum_officer", _("Asylum officer")
    SUPERVISORY_OFFICER = "supervisory_officer", _("Supervisory asylum officer")
    COURT = "court", _("Court")
    ADMINISTRATOR = "administrator", _("Administrator")
    # Searchers in the parents' home countries: they see only the searches given to
    # them, and a case's details only as far as the parent's written consent allows.
    IN_COUNTRY_PARTNER = "in_country_partner", _("In-country partner")


class OrganisationKind(models.TextChoices):
    CLASS_COUNSEL = "class_counsel", _("Class counsel")
    LEGAL_SERVICE_PROVIDER = "legal_service_provider", _("Legal service provider")
    GOVERNMENT = "government", _("Government")
    COURT = "court", _("Court")
    IN_COUNTRY_PARTNER = "in_country_partner", _("In-country partner")


class Organisation(models.Model):
    Kind = OrganisationKind

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=32, choices=OrganisationKind.choices)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=[k.value for k in OrganisationKind]),
                name="organisation_kind_valid",
            )
        ]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    role = models.CharField(max_length=32, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="users"
    )
    preferred_language = models.CharField(max_length=8, default="en")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=[r.value for r in Role]), name="user_role_valid"
            )
        ]

    def case_codes(self) -> frozenset[str]:
        return frozenset(self.case_grants.values_list("case_code", flat=True))


class CaseGrant(models.Model):
    """Class counsel see the people of the cases they are granted, no others."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="case_grants")
    case_code = models.CharField(max_length=8, choices=CaseCode.choices)
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "case_code"], name="case_grant_unique"),
            models.CheckConstraint(
                condition=models.Q(case_code__in=[c.value for c in CaseCode]),
                name="case_grant_code_valid",
            ),
        ]


class ApiToken(models.Model):
    """A per-user API token; only its SHA-256 is stored, so a leak of the table
    does not leak working tokens."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=8)
    key_sha256 = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class TotpDevice(models.Model):
    """A user's authenticator (RFC 6238 TOTP): the shared secret, shown once at
    enrolment and never again; it counts only once a code from it was confirmed."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="totp_device")
    # Base32, as authenticator apps take it; 32 characters are 160 bits.
    secret = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # The time step of the last code accepted: a code is good once, so a code seen
    # over a shoulder or replayed from a log opens nothing.
    last_used_step = models.BigIntegerField(null=True, blank=True)
    # Made by `amparo demo` for the demo accounts: a local install may show its
    # current code on the sign-in page (AMPARO_DEMO_CODES_SHOWN).
    is_demo = models.BooleanField(default=False)

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class SignInAttemptScope(models.TextChoices):
    USERNAME = "username", _("Username")
    ADDRESS = "address", _("Client address")


class SignInAttempt(models.Model):
    """A failed (or still running) password or code attempt, counted per username and
    per client address to pause sign-in after too many. Kept in the database so every
    web process counts the same attempts. The key is an HMAC of the username or
    address: a username field often holds a mistyped password."""

    Scope = SignInAttemptScope

    scope = models.CharField(max_length=8, choices=SignInAttemptScope.choices)
    key_digest = models.CharField(max_length=64)
    attempted_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(
                fields=["scope", "key_digest", "attempted_at"], name="sign_in_attempt_key"
            ),
            models.Index(fields=["attempted_at"], name="sign_in_attempt_at"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(scope__in=[s.value for s in SignInAttemptScope]),
                name="sign_in_attempt_scope_valid",
            )
        ]
