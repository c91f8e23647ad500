"""Every write of the return process: opening cases for deported parents, the search,
consent and disclosure, the parent's wish, the application, the government's decision,
court motions, travel and arrival. Each write is audited in its own transaction, bad
input is named and writes nothing, and a stage moves only as the returns engine's table
allows. An edit names the version of the case it was made on; a stale one is refused.

Disclosure (8 CFR 208.6): nothing of a parent's case reaches a partner without a
written consent on record that covers that partner and what is disclosed; a refused
disclosure is itself audited, and every disclosure is logged (`Disclosure`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NoReturn

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.apps.accounts.models import Organisation, OrganisationKind, Role, User
from amparo.apps.accounts.roles import (
    applies_for_returns,
    decides_returns,
    searches_as_partner,
    works_returns,
)
from amparo.apps.audit.models import EventKind
from amparo.apps.audit.services import audit_record
from amparo.apps.core.files import (
    FileStore,
    ScanKind,
    UploadRefused,
    upload_check,
)
from amparo.apps.core.text import one_line, paragraphs
from amparo.apps.eligibility.models import Answer, FactKind, PersonEligibility
from amparo.apps.eligibility.services import EligibilityRefused, recorded_fact_set
from amparo.apps.eligibility.state import current_ruleset
from amparo.apps.interviews.services import InterviewInputError, interview_request
from amparo.apps.registry.models import CustodyEvent, CustodyEventKind
from amparo.apps.registry.selectors import people_visible_to
from amparo.apps.returns.models import (
    Category,
    Channel,
    Consent,
    ContactAttempt,
    CourtMotion,
    DecidedBy,
    DecisionChoices,
    Disclosure,
    DisclosureChannel,
    Evidence,
    MotionOutcome,
    MotionParent,
    OutcomeChoices,
    ReturnCase,
    SearchAssignment,
    WishChoices,
)
from amparo.apps.returns.selectors import cases_visible_to, consent_covering
from amparo.engines.interviews import Subject
from amparo.engines.returns import (
    FAILED_OUTCOMES,
    PHONE_STAGES,
    WISH_EVENTS,
    Event,
    IllegalStep,
    Outcome,
    Stage,
    Wish,
    after_attempt,
    application_due,
    step,
)

CONSENTS = FileStore("consents")
EVIDENCE = FileStore("evidence")
# Categories a consent may cover (the locating sheet needs none).
CONSENT_CATEGORIES = tuple(c.value for c in Category if c is not Category.LOCATING)
DEFAULT_ATTEMPTS_BEFORE_UNREACHABLE = 3


class ReturnInputError(ValueError):
    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


class DisclosureRefused(ReturnInputError):
    """No written consent on record covers this partner and what was asked."""


class StaleCase(ReturnInputError):
    """The case changed since the form was opened."""


# --- Helpers ----------------------------------------------------------------------


def _require(allowed: bool, what: str) -> None:
    if not allowed:
        raise PermissionDenied(what)


def _locked(actor: User, case: ReturnCase, expected_version: int | None) -> ReturnCase:
    """The case re-read under a row lock, from what the actor may see; refused when
    it changed since the actor's form was opened."""
    # Visibility first, then the lock: a partner's scope is DISTINCT, which PostgreSQL
    # will not lock FOR UPDATE.
    if not cases_visible_to(actor).filter(pk=case.pk).exists():
        raise PermissionDenied("no such return case")
    fresh = ReturnCase.objects.select_for_update().select_related("person").get(pk=case.pk)
    if expected_version is not None and fresh.version != expected_version:
        raise StaleCase(
            _(
                "This case was changed by someone else since you opened it "
                "(version %(now)s, you had %(had)s). Reload it and try again."
            )
            % {"now": fresh.version, "had": expected_version}
        )
    return fresh


def _stepped(case: ReturnCase, event: Event) -> Stage:
    try:
        return step(Stage(case.stage), event)
    except IllegalStep:
        raise ReturnInputError(
            _("This cannot be done while the case is at “%(stage)s”.")
            % {"stage": case.get_stage_display()}
        ) from None


def _save(case: ReturnCase, now: datetime, *fields: str) -> None:
    case.version += 1
    case.updated_at = now
    case.save(update_fields=[*fields, "version", "updated_at"])


def _audit(actor: User, action: str, case: ReturnCase, **details: Any) -> None:
    audit_record(
        actor=actor,
        action=f"return_case.{action}",
        object_type="return_case",
        object_id=str(case.public_id),
        details={"stage": case.stage, **details},
    )


def _not_future(on: date | None, field: str) -> None:
    if on is not None and on > timezone.localdate():
        raise ReturnInputError(_("This date is in the future."), field)


def _partner(organisation: Organisation | None) -> Organisation:
    if organisation is None or organisation.kind != OrganisationKind.IN_COUNTRY_PARTNER:
        raise ReturnInputError(_("Choose an in-country partner organisation."), "partner")
    return organisation


def _read_upload(data: bytes, field: str) -> ScanKind:
    """The file's kind, checked from its own bytes (core/files.py)."""
    try:
        return upload_check(data)
    except UploadRefused as refusal:
        raise ReturnInputError(str(refusal), field) from None


def presentation_days() -> int:
    """The days counsel have to present a parent's case, from the rules in force."""
    value = current_ruleset().rule("settlement.return_candidacy").parameters["presentation_days"]
    assert isinstance(value, int)
    return value


def attempts_before_unreachable() -> int:
    return int(
        getattr(
            settings,
            "AMPARO_RETURN_ATTEMPTS_BEFORE_UNREACHABLE",
            DEFAULT_ATTEMPTS_BEFORE_UNREACHABLE,
        )
    )


# --- Opening cases ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Opened:
    opened: int
    already_open: int


def _removed_on(person_id: int) -> date | None:
    event = (
        CustodyEvent.objects.filter(
            kind=CustodyEventKind.REMOVED,
            record__assignments__person_id=person_id,
            record__assignments__superseded_at__isnull=True,
        )
        .order_by("-occurred_on")
        .first()
    )
    return event.occurred_on if event else None


def return_cases_open(*, actor: User) -> Opened:
    """A case for every parent the eligibility rules now call a return candidate (a
    class parent removed without their child) who has none yet; counsel open the cases
    of their own cases' parents."""
    _require(works_returns(actor), "may not open return cases")
    candidates = PersonEligibility.objects.filter(
        superseded_at__isnull=True,
        return_candidate=Answer.YES,
        person__merged_into__isnull=True,
        person__in=people_visible_to(actor).values("pk"),
    ).select_related("person")
    existing = set(ReturnCase.objects.values_list("person_id", flat=True))
    opened = already = 0
    now = timezone.now()
    with transaction.atomic():
        for row in candidates.order_by("person_id"):
            if row.person_id in existing:
                already += 1
                continue
            person = row.person
            case = ReturnCase.objects.create(
                person=person,
                basis=f"{row.ruleset_version}: removed without the child (eligibility {row.as_of})",
                removed_on=_removed_on(person.pk),
                country=person.citizenship,
                created_at=now,
                updated_at=now,
            )
            _audit(actor, "open", case, person=str(person.public_id))
            opened += 1
    return Opened(opened, already)


def case_locating_update(
    *,
    actor: User,
    case: ReturnCase,
    expected_version: int | None,
    country: str,
    region: str,
    locality: str,
    contact_details: str,
) -> ReturnCase:
    """Where to look for the parent: what a searcher needs, nothing of the case."""
    _require(works_returns(actor), "may not edit return cases")
    with transaction.atomic():
        case = _locked(actor, case, expected_version)
        case.country = one_line(country, 60)
        case.region = one_line(region, 100)
        case.locality = one_line(locality, 200)
        case.contact_details = paragraphs(contact_details, 2_000)
        now = timezone.now()
        _save(case, now, "country", "region", "locality", "contact_details")
        # Partners searching now see the new sheet: that is a disclosure too.
        for assignment in case.assignments.filter(ended_at__isnull=True).select_related("partner"):
            Disclosure.objects.create(
                case=case,
                partner=assignment.partner,
                categories=[Category.LOCATING.value],
                channel=DisclosureChannel.ASSIGNMENT,
                purpose="locating sheet updated",
                by=actor,
                at=now,
            )
        _audit(actor, "locating_update", case)
    return case


# --- Search -----------------------------------------------------------------------


def partner_assign(
    *, actor: User, case: ReturnCase, partner: Organisation | None
) -> SearchAssignment:
    """Ask a partner to search: they are given the locating sheet, which is logged."""
    _require(works_returns(actor), "may not assign searches")
    organisation = _partner(partner)
    now = timezone.now()
    with transaction.atomic():
        case = _locked(actor, case, None)
        if case.assignments.filter(partner=organisation, ended_at__isnull=True).exists():
            raise ReturnInputError(
                _("%(partner)s is already searching for this parent.") % {"partner": organisation},
                "partner",
            )
        assignment = SearchAssignment.objects.create(
            case=case, partner=organisation, assigned_by=actor, assigned_at=now
        )
        Disclosure.objects.create(
            case=case,
            partner=organisation,
            categories=[Category.LOCATING.value],
            channel=DisclosureChannel.ASSIGNMENT,
            purpose="search for the parent",
            by=actor,
            at=now,
        )
        _save(case, now)
        _audit(actor, "partner_assign", case, partner=organisation.name)
    return assignment


def partner_unassign(*, actor: User, assignment: SearchAssignment) -> None:
    _require(works_returns(actor), "may not end searches")
    now = timezone.now()
    with transaction.atomic():
        case = _locked(actor, assignment.case, None)
        updated = SearchAssignment.objects.filter(pk=assignment.pk, ended_at__isnull=True).update(
            ended_at=now
        )
        if not updated:
            raise ReturnInputError(_("This search has already ended."))
        _save(case, now)
        _audit(actor, "partner_unassign", case, partner=assignment.partner.name)


def contact_attempt_record(
    *,
    actor: User,
    case: ReturnCase,
    channel: str,
    outcome: str,
    at: datetime,
    note: str = "",
    next_step: str = "",
    next_step_on: date | None = None,
) -> ContactAttempt:
    """One attempt to reach the parent and what came of it; reaching or locating the
    parent moves the case on (the returns engine's table)."""
    partner = searches_as_partner(actor)
    _require(works_returns(actor) or partner, "may not record contact attempts")
    if channel not in Channel.values:
        raise ReturnInputError(_("Choose how the attempt was made."), "channel")
    if outcome not in OutcomeChoices.values:
        raise ReturnInputError(_("Choose what came of the attempt."), "outcome")
    if timezone.is_naive(at):
        at = timezone.make_aware(at)
    if at > timezone.now():
        raise ReturnInputError(_("An attempt cannot be recorded before it happens."), "at")
    if next_step_on is not None and next_step_on < timezone.localdate(at):
        raise ReturnInputError(_("The next step cannot come before the attempt."), "next_step_on")
    now = timezone.now()
    with transaction.atomic():
        case = _locked(actor, case, None)
        if partner:
            # A partner's attempt cannot predate their search; the removal date is ICE's
            # record, not part of what a partner is given.
            since = _partner_search_since(actor, case)
            if since is not None and timezone.localdate(at) < timezone.localdate(since):
                raise ReturnInputError(
                    _("Your organisation was given this search on %(day)s; record attempts since.")
                    % {"day": timezone.localdate(since)},
                    "at",
                )
        elif case.removed_on is not None and timezone.localdate(at) < case.removed_on:
            raise ReturnInputError(
                _("The parent was removed on %(day)s; an attempt before that is not a search.")
                % {"day": case.removed_on},
                "at",
            )
        before = Stage(case.stage)
        try:
            after = after_attempt(before, Outcome(outcome), by_partner=partner)
        except IllegalStep:
            raise ReturnInputError(
                _(
                    "The application is already in: a parent who no longer wants to return "
                    "withdraws it through counsel."
                ),
                "outcome",
            ) from None
        attempt = ContactAttempt.objects.create(
            case=case,
            at=at,
            channel=channel,
            outcome=outcome,
            organisation=actor.organisation,
            note=one_line(note, 1_000),
            next_step=one_line(next_step, 300),
            next_step_on=next_step_on,
            recorded_by=actor,
            recorded_at=now,
            stage_before=before.value,
            stage_after=after.value,
        )
        case.stage = after.value
        # A parent who declined was found and spoken with. Milestones keep the earliest
        # attempt that reached them, whatever the order attempts are entered in.
        if outcome in (Outcome.LOCATED, Outcome.REACHED, Outcome.DECLINED):
            case.located_at = _earliest(case.located_at, at)
        if outcome in (Outcome.REACHED, Outcome.DECLINED):
            case.contacted_at = _earliest(case.contacted_at, at)
        _save(case, now, "stage", "located_at", "contacted_at")
        _audit(
            actor,
            "contact_attempt",
            case,
            channel=channel,
            outcome=outcome,
            by_partner=partner,
            stage_before=before.value,
        )
    return attempt


def _earliest(current: datetime | None, at: datetime) -> datetime:
    return at if current is None or at < current else current


def _partner_search_since(actor: User, case: ReturnCase) -> datetime | None:
    first = (
        case.assignments.filter(partner_id=actor.organisation_id, ended_at__isnull=True)
        .order_by("assigned_at")
        .values_list("assigned_at", flat=True)
        .first()
    )
    return first


def case_give_up(
    *, actor: User, case: ReturnCase, expected_version: int | None, reason: str
) -> ReturnCase:
    """Close a search that has found no one, after enough failed attempts."""
    _require(works_returns(actor), "may not close searches")
    if not reason.strip():
        raise ReturnInputError(_("Say why the search stops."), "reason")
    needed = attempts_before_unreachable()
    with transaction.atomic():
        case = _locked(actor, case, expected_version)
        target = _stepped(case, Event.GIVE_UP)
        failed = case.attempts.filter(outcome__in=[o.value for o in FAILED_OUTCOMES]).count()
        if failed < needed:
            raise ReturnInputError(
                _(
                    "A parent is called unreachable only after %(needed)s failed attempts; "
                    "%(failed)s are on record."
                )
                % {"needed": needed, "failed": failed},
                "reason",
            )
        case.stage = target.value
        _save(case, timezone.now(), "stage")
        _audit(actor, "give_up", case, reason=one_line(reason, 300), failed_attempts=failed)
    return case


def case_reopen(
    *, actor: User, case: ReturnCase, expected_version: int | None, reason: str
) -> ReturnCase:
    _require(works_returns(actor), "may not reopen searches")
    if not reason.strip():
        raise ReturnInputError(_("Say why the search starts again."), "reason")
    with transaction.atomic():
        case = _locked(actor, case, expected_version)
        case.stage = _stepped(case, Event.REOPEN).value
        _save(case, timezone.now(), "stage")
        _audit(actor, "reopen", case, reason=one_line(reason, 300))
    return case


# --- Consent and disclosure -------------------------------------------------------


def _categories(categories: list[str]) -> list[str]:
    chosen = sorted(set(categories))
    if not chosen:
        raise ReturnInputError(_("Choose what may be disclosed."), "categories")
    unknown = [c for c in chosen if c not in CONSENT_CATEGORIES]
    if unknown:
        raise ReturnInputError(
            _("Not something a consent covers: %(names)s.") % {"names": ", ".join(unknown)},
            "categories",
        )
    return chosen


def consent_record(
    *,
    actor: User,
    case: ReturnCase,
    partner: Organisation | None,
    categories: list[str],
    signed_on: date,
    scan: bytes,
    expires_on: date | None = None,
    note: str = "",
) -> Consent:
    """The parent's written consent to let one partner know parts of their case: the
    signed form's scan is required (8 CFR 208.6 asks for written consent)."""
    _require(works_returns(actor), "may not record consent")
    organisation = _partner(partner)
    chosen = _categories(categories)
    _not_future(signed_on, "signed_on")
    if expires_on is not None and expires_on <= signed_on:
        raise ReturnInputError(_("A consent must end after the day it was signed."), "expires_on")
    kind = _read_upload(scan, "scan")
    path = CONSENTS.path_for(uuid.uuid4().hex, kind)
    now = timezone.now()
    try:
        with transaction.atomic():
            case = _locked(actor, case, None)
            if case.contacted_at is None:
                raise ReturnInputError(
                    _("Consent is given by the parent: record the contact that reached them first.")
                )
            digest = CONSENTS.write(path, scan)
            consent = Consent.objects.create(
                case=case,
                partner=organisation,
                categories=chosen,
                signed_on=signed_on,
                expires_on=expires_on,
                scan_path=path,
                scan_sha256=digest,
                note=one_line(note, 300),
                recorded_by=actor,
                recorded_at=now,
            )
            _save(case, now)
            _audit(
                actor,
                "consent_record",
                case,
                partner=organisation.name,
                categories=chosen,
                signed_on=signed_on.isoformat(),
                scan_sha256=digest,
            )
    except BaseException:
        CONSENTS.discard(path)
        raise
    return consent


def consent_withdraw(*, actor: User, consent: Consent, note: str) -> Consent:
    """The parent takes consent back: nothing more is disclosed on it from now."""
    _require(works_returns(actor), "may not record consent")
    if not note.strip():
        raise ReturnInputError(_("Say how the parent withdrew consent."), "note")
    now = timezone.now()
    with transaction.atomic():
        case = _locked(actor, consent.case, None)
        updated = Consent.objects.filter(pk=consent.pk, withdrawn_at__isnull=True).update(
            withdrawn_at=now, withdrawal_note=one_line(note, 300)
        )
        if not updated:
            raise ReturnInputError(_("This consent was already withdrawn."))
        _save(case, now)
        _audit(actor, "consent_withdraw", case, partner=consent.partner.name)
    consent.refresh_from_db()
    return consent


def _refuse_disclosure(
    actor: User, case: ReturnCase, partner: Organisation, chosen: list[str]
) -> NoReturn:
    """Keep the refused attempt on the audit chain, in its own transaction, then refuse."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="return_case.disclosure_refused",
            object_type="return_case",
            object_id=str(case.public_id),
            reason="no written consent on record covers it",
            details={"partner": partner.name, "categories": chosen},
        )
    raise DisclosureRefused(
        _(
            "No written consent of the parent on record lets %(partner)s know this "
            "(%(what)s). Record the signed consent first."
        )
        % {
            "partner": partner.name,
            "what": ", ".join(str(Category(c).label) for c in chosen),
        },
        "categories",
    )


def disclosure_make(
    *,
    actor: User,
    case: ReturnCase,
    partner: Organisation | None,
    categories: list[str],
    purpose: str,
) -> Disclosure:
    """Log that parts of the case were told to a partner outside Amparo — refused,
    and the refusal audited, unless a written consent in force covers every part."""
    _require(works_returns(actor), "may not disclose")
    organisation = _partner(partner)
    chosen = _categories(categories)
    if not purpose.strip():
        raise ReturnInputError(_("Say why the partner needs to know."), "purpose")
    now = timezone.now()
    with transaction.atomic():
        # The consent is read under the case's lock, which a withdrawal also takes: a
        # disclosure never names a consent withdrawn meanwhile.
        case = _locked(actor, case, None)
        consent = consent_covering(case, organisation.pk, chosen)
        disclosure: Disclosure | None = None
        if consent is not None:
            disclosure = Disclosure.objects.create(
                case=case,
                partner=organisation,
                categories=chosen,
                channel=DisclosureChannel.OUTSIDE,
                consent=consent,
                purpose=one_line(purpose, 300),
                by=actor,
                at=now,
            )
            _audit(actor, "disclose", case, partner=organisation.name, categories=chosen)
    if disclosure is None:
        _refuse_disclosure(actor, case, organisation, chosen)
    return disclosure


def partner_view_log(*, actor: User, case: ReturnCase, consents: tuple[Consent, ...]) -> None:
    """A partner opened a case: each consent whose categories their page shows is a
    disclosure, logged with it (the locating sheet was logged when the search began)."""
    now = timezone.now()
    with transaction.atomic():
        for consent in consents:
            Disclosure.objects.create(
                case=case,
                partner_id=consent.partner_id,
                categories=list(consent.categories),
                channel=DisclosureChannel.PORTAL,
                consent=consent,
                purpose="partner's page opened",
                by=actor,
                at=now,
            )
        audit_record(
            actor=actor,
            action="return_case.view",
            object_type="return_case",
            object_id=str(case.public_id),
            details={"what": "partner sheet", "consents": [c.pk for c in consents]},
            kind=EventKind.ACCESS,
        )


# --- The parent's wish and the application ---------------------------------------


def wish_record(
    *,
    actor: User,
    case: ReturnCase,
    expected_version: int | None,
    wish: str,
    on: date,
) -> ReturnCase:
    """What the parent wants. Wanting to return starts the presentation period (once)."""
    _require(works_returns(actor), "may not record wishes")
    if wish not in WishChoices.values:
        raise ReturnInputError(_("Choose the parent's wish."), "wish")
    _not_future(on, "on")
    with transaction.atomic():
        case = _locked(actor, case, expected_version)
        target = _stepped(case, WISH_EVENTS[Wish(wish)])
        if case.contacted_at is not None and on < timezone.localdate(case.contacted_at):
            raise ReturnInputError(
                _("The parent was first reached on %(day)s; the wish cannot be earlier.")
                % {"day": timezone.localdate(case.contacted_at)},
                "on",
            )
        case.stage = target.value
        case.wish = wish
        case.wish_recorded_on = on
        if wish == Wish.APPLY and case.application_due is None:
            # The clock starts the first time the parent asks to return; a change of
            # mind and back does not start it again (only an extension moves it).
            case.application_due = application_due(wish_on=on, days=presentation_days())
        _save(
            case,
            timezone.now(),
            "stage",
            "wish",
            "wish_recorded_on",
            "application_due",
        )
        _audit(actor, "wish", case, wish=wish, on=on.isoformat())
    return case


def effective_due(case: ReturnCase) -> date | None:
    if case.application_due is None:
        return None
    if case.extended_to is not None and case.extended_to > case.application_due:
        return case.extended_to
    return case.application_due


def deadline_extend(
    *, actor: User, case: ReturnCase, expected_version: int | None, to: date, reason: str
) -> ReturnCase:
    """The government agrees (or the court orders) a later day for the application."""
    _require(decides_returns(actor), "may not extend deadlines")
    if not reason.strip():
        raise ReturnInputError(_("Say who granted the extension."), "reason")
    with transaction.atomic():
        case = _locked(actor, case, expected_version)
        due = effective_due(case)
        if case.stage != Stage.PREPARING or due is None:
            raise ReturnInputError(
                _("Only an application being prepared has a deadline to extend.")
            )
        if to <= due or to < timezone.localdate():
            raise ReturnInputError(
                _("The new deadline must be after %(day)s, and not in the past.") % {"day": due},
                "to",
            )
        case.extended_to = to
        case.extension_reason = one_line(reason, 300)
        _save(case, timezone.now(), "extended_to", "extension_reason")
        _audit(actor, "extend", case, to=to.isoformat(), reason=case.extension_reason)
    return case


def application_save(
    *, actor: User, case: ReturnCase, expected_version: int | None, statement: str
) -> ReturnCase:
    _require(applies_for_returns(actor), "may not prepare applications")
    with transaction.atomic():
        case = _locked(actor, case, expected_version)
        if case.stage != Stage.PREPARING:
            raise ReturnInputError(_("The application can be edited only while it is prepared."))
        case.statement = paragraphs(statement, 20_000)
        _save(case, timezone.now(), "statement")
        _audit(actor, "application_save", case, length=len(case.statement))
    return case


def evidence_add(*, actor: User, case: ReturnCase, description: str, data: bytes) -> Evidence:
    _require(applies_for_returns(actor), "may not prepare applications")
    if not description.strip():
        raise ReturnInputError(_("Say what the document is."), "description")
    kind = _read_upload(data, "file")
    path = EVIDENCE.path_for(uuid.uuid4().hex, kind)
    now = timezone.now()
    try:
        with transaction.atomic():
            case = _locked(actor, case, None)
            if case.stage != Stage.PREPARING:
                raise ReturnInputError(_("Evidence is attached while the application is prepared."))
            digest = EVIDENCE.write(path, data)
            evidence = Evidence.objects.create(
                case=case,
                description=one_line(description, 300),
                file_path=path,
                file_sha256=digest,
                content_type=kind.content_type,
                added_by=actor,
                added_at=now,
            )
            _save(case, now)
            _audit(actor, "evidence_add", case, sha256=digest)
    except BaseException:
        EVIDENCE.discard(path)
        raise
    return evidence


def application_submit(
    *, actor: User, case: ReturnCase, expected_version: int | None, today: date | None = None
) -> ReturnCase:
    """Present the application to the government: a statement, at least one piece of
    evidence, and on or before the deadline (or its extension)."""
    _require(applies_for_returns(actor), "may not present applications")
    today = today or timezone.localdate()
    with transaction.atomic():
        case = _locked(actor, case, expected_version)
        target = _stepped(case, Event.SUBMIT)
        missing = []
        if not case.statement.strip():
            missing.append(_("the statement"))
        if not case.evidence.exists():
            missing.append(_("at least one document of evidence"))
        if missing:
            raise ReturnInputError(
                _("The application is missing %(what)s.") % {"what": _(" and ").join(missing)}
            )
        due = effective_due(case)
        if due is not None and today > due:
            raise ReturnInputError(
                _(
                    "The deadline to present this application passed on %(day)s; it can go "
                    "in only with an extension."
                )
                % {"day": due}
            )
        case.stage = target.value
        case.submitted_at = timezone.now()
        _save(case, case.submitted_at, "stage", "submitted_at")
        _audit(actor, "submit", case, due=due.isoformat() if due else "")
    return case


def application_decide(
    *, actor: User, case: ReturnCase, expected_version: int | None, decision: str, reasons: str
) -> ReturnCase:
    """The government's good-faith decision on one application, with its reasons."""
    _require(decides_returns(actor), "may not decide applications")
    if decision not in DecisionChoices.values:
        raise ReturnInputError(_("Choose approved or denied."), "decision")
    if not reasons.strip():
        raise ReturnInputError(_("A decision gives its reasons."), "reasons")
    event = Event.APPROVE if decision == DecisionChoices.APPROVED else Event.DENY
    with transaction.atomic():
        case = _locked(actor, case, expected_version)
        case.stage = _stepped(case, event).value
        case.decision = decision
        case.decision_by = DecidedBy.GOVERNMENT
        case.decision_reasons = paragraphs(reasons, 5_000)
        case.decided_at = timezone.now()
        _save(
            case,
            case.decided_at,
            "stage",
            "decision",
            "decision_by",
            "decision_reasons",
            "decided_at",
        )
        _audit(actor, "decide", case, decision=decision, reasons=case.decision_reasons)
    return case


# --- Court motions ----------------------------------------------------------------

MOTION_STAGES = frozenset({Stage.APPLIED.value, Stage.DENIED.value})


def motion_file(
    *,
    actor: User,
    title: str,
    docket_number: str,
    filed_on: date,
    cases: list[ReturnCase],
) -> CourtMotion:
    """A motion asking the court to allow a group of parents to return: those whose
    application is pending or was denied."""
    _require(works_returns(actor), "may not file motions")
    if not title.strip():
        raise ReturnInputError(_("Give the motion's title."), "title")
    _not_future(filed_on, "filed_on")
    if not cases:
        raise ReturnInputError(_("Choose the parents the motion is for."), "cases")
    visible = set(cases_visible_to(actor).values_list("pk", flat=True))
    now = timezone.now()
    with transaction.atomic():
        for case in cases:
            if case.pk not in visible:
                raise PermissionDenied("no such return case")
            if case.stage not in MOTION_STAGES:
                raise ReturnInputError(
                    _("%(name)s's application is not pending or denied.")
                    % {"name": case.person.display_name},
                    "cases",
                )
            if case.submitted_at is not None and filed_on < timezone.localdate(case.submitted_at):
                raise ReturnInputError(
                    _("The motion cannot be filed before %(name)s's application went in.")
                    % {"name": case.person.display_name},
                    "filed_on",
                )
        motion = CourtMotion.objects.create(
            title=one_line(title, 200),
            docket_number=one_line(docket_number, 40),
            filed_on=filed_on,
            filed_by=actor,
            created_at=now,
        )
        MotionParent.objects.bulk_create(MotionParent(motion=motion, case=case) for case in cases)
        audit_record(
            actor=actor,
            action="court_motion.file",
            object_type="court_motion",
            object_id=str(motion.public_id),
            details={"cases": [str(c.public_id) for c in cases], "docket": motion.docket_number},
        )
    return motion


def motion_outcome_record(
    *, actor: User, entry: MotionParent, outcome: str, decided_on: date, note: str = ""
) -> MotionParent:
    """The court's ruling for one parent of a motion. Granted: the return is approved
    by the court, whatever the government decided. The government side (coordinators,
    administrators) records rulings, so counsel never approve their own motion."""
    _require(decides_returns(actor), "may not record rulings")
    if outcome not in MotionOutcome.values or outcome == MotionOutcome.PENDING:
        raise ReturnInputError(_("Choose granted, denied or withdrawn."), "outcome")
    _not_future(decided_on, "decided_on")
    if decided_on < entry.motion.filed_on:
        raise ReturnInputError(_("A ruling cannot come before the motion was filed."), "decided_on")
    with transaction.atomic():
        case = _locked(actor, entry.case, None)
        entry = MotionParent.objects.select_for_update().get(pk=entry.pk)
        if entry.outcome != MotionOutcome.PENDING:
            raise ReturnInputError(_("The ruling for this parent is already recorded."))
        entry.outcome = outcome
        entry.decided_on = decided_on
        entry.note = one_line(note, 300)
        entry.save(update_fields=["outcome", "decided_on", "note"])
        now = timezone.now()
        if outcome == MotionOutcome.GRANTED and case.stage in MOTION_STAGES:
            case.stage = step(Stage(case.stage), Event.COURT_GRANT).value
            case.decision = DecisionChoices.APPROVED
            case.decision_by = DecidedBy.COURT
            ordered = one_line(f"{entry.motion.title} {entry.motion.docket_number}", 300)
            earlier = (
                f" — {case.get_decision_display()}: {case.decision_reasons}"
                if case.decision
                else ""
            )
            case.decision_reasons = paragraphs(f"{ordered}{earlier}", 5_000)
            case.decided_at = now
            _save(case, now, "stage", "decision", "decision_by", "decision_reasons", "decided_at")
        else:
            _save(case, now)
        _audit(actor, "motion_outcome", case, motion=str(entry.motion.public_id), outcome=outcome)
    return entry


# --- Travel, arrival, the interview ----------------------------------------------


def travel_record(
    *,
    actor: User,
    case: ReturnCase,
    expected_version: int | None,
    travel_document: str,
    travel_on: date,
    port_of_entry: str,
) -> ReturnCase:
    _require(decides_returns(actor), "may not arrange travel")
    if not travel_document.strip():
        raise ReturnInputError(_("Name the travel document (kind and number)."), "travel_document")
    if not port_of_entry.strip():
        raise ReturnInputError(_("Name the port of entry."), "port_of_entry")
    with transaction.atomic():
        case = _locked(actor, case, expected_version)
        target = _stepped(case, Event.TRAVEL)
        if case.decided_at is not None and travel_on < timezone.localdate(case.decided_at):
            raise ReturnInputError(_("Travel cannot come before the approval."), "travel_on")
        case.stage = target.value
        case.travel_document = one_line(travel_document, 120)
        case.travel_on = travel_on
        case.port_of_entry = one_line(port_of_entry, 120)
        _save(case, timezone.now(), "stage", "travel_document", "travel_on", "port_of_entry")
        _audit(actor, "travel", case, travel_on=travel_on.isoformat())
    return case


def arrival_record(
    *, actor: User, case: ReturnCase, expected_version: int | None, arrived_on: date
) -> ReturnCase:
    """The parent is back: the return is a fact the eligibility rules read (the parent
    is in the United States again), and the new interview is asked for at once where
    the rules now owe it. Where they do not yet (no election to stay, say), the case
    says why and the interview is asked for from the case page later."""
    _require(decides_returns(actor), "may not record arrivals")
    _not_future(arrived_on, "arrived_on")
    with transaction.atomic():
        case = _locked(actor, case, expected_version)
        target = _stepped(case, Event.ARRIVE)
        if case.travel_on is not None and arrived_on < case.travel_on:
            raise ReturnInputError(_("Arrival cannot come before travel."), "arrived_on")
        if case.person.merged_into_id is not None:
            raise ReturnInputError(
                _("This parent's file was merged into another; open the case on that file.")
            )
        case.stage = target.value
        case.arrived_on = arrived_on
        # Back in the United States, the parent takes part in person.
        case.phone_participation = False
        _save(case, timezone.now(), "stage", "arrived_on", "phone_participation")
        _audit(actor, "arrive", case, arrived_on=arrived_on.isoformat())
        try:
            recorded_fact_set(
                actor=actor,
                person=case.person,
                kind=FactKind.RETURNED,
                value=arrived_on.isoformat(),
                note=f"returned under the settlement (return case {case.public_id})",
            )
        except EligibilityRefused as refused:
            raise ReturnInputError(str(refused)) from None
        _interview_try(actor, case)
    return case


def _interview_try(actor: User, case: ReturnCase) -> None:
    try:
        with transaction.atomic():
            interview = interview_request(
                actor=actor,
                person=case.person,
                subject=Subject.PARENT,
                note="returned under the settlement's return process",
            )
    except (InterviewInputError, PermissionDenied) as refused:
        case.interview_pending = one_line(str(refused) or "not allowed", 300)
        _save(case, timezone.now(), "interview_pending")
        _audit(actor, "interview_pending", case, reason=case.interview_pending)
        return
    case.interview = interview
    case.interview_pending = ""
    _save(case, timezone.now(), "interview", "interview_pending")
    _audit(actor, "interview_requested", case, interview=str(interview.public_id))


def returned_interview_request(*, actor: User, case: ReturnCase) -> ReturnCase:
    """Ask again for a returned parent's new interview (after what was missing, an
    election to stay say, is on record)."""
    _require(works_returns(actor), "may not request interviews")
    with transaction.atomic():
        case = _locked(actor, case, None)
        if case.stage != Stage.RETURNED or case.interview_id is not None:
            raise ReturnInputError(_("Only a returned parent without an interview needs one."))
        _interview_try(actor, case)
    return case


def phone_participation_set(
    *,
    actor: User,
    case: ReturnCase,
    expected_version: int | None,
    enabled: bool,
    phone_number: str,
    language: str,
) -> ReturnCase:
    """A parent who is not coming back (or not yet) joins the child's interview by
    telephone: the number and language the officer will need."""
    _require(works_returns(actor), "may not arrange telephone participation")
    number = one_line(phone_number, 40)
    if enabled and sum(ch.isdigit() for ch in number) < 7:
        raise ReturnInputError(_("Give a telephone number with its country code."), "phone_number")
    with transaction.atomic():
        case = _locked(actor, case, expected_version)
        if enabled and case.stage not in PHONE_STAGES:
            raise ReturnInputError(
                _("Telephone participation is arranged once the parent is reached, before travel.")
            )
        case.phone_participation = enabled
        case.phone_number = number if enabled else ""
        case.phone_language = one_line(language, 60) if enabled else ""
        _save(case, timezone.now(), "phone_participation", "phone_number", "phone_language")
        _audit(actor, "phone_participation", case, enabled=enabled)
    return case


def partner_organisations() -> list[Organisation]:
    return list(
        Organisation.objects.filter(kind=OrganisationKind.IN_COUNTRY_PARTNER).order_by("name")
    )


__all__ = [
    "CONSENT_CATEGORIES",
    "DisclosureRefused",
    "ReturnInputError",
    "Role",
    "StaleCase",
    "application_decide",
    "application_save",
    "application_submit",
    "arrival_record",
    "case_give_up",
    "case_locating_update",
    "case_reopen",
    "consent_record",
    "consent_withdraw",
    "contact_attempt_record",
    "deadline_extend",
    "disclosure_make",
    "effective_due",
    "evidence_add",
    "motion_file",
    "motion_outcome_record",
    "partner_assign",
    "partner_organisations",
    "partner_unassign",
    "partner_view_log",
    "phone_participation_set",
    "return_cases_open",
    "returned_interview_request",
    "travel_record",
    "wish_record",
]
