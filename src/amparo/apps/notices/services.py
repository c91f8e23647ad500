"""Every write of class notice: notices for every class member, each delivery attempt,
each oral notice. Audited in the same transaction; bad input named, nothing written.

Reached, for the court's notice declaration, means in a way the member could
understand: a written notice delivered in a language the member reads, or the notice
read to them through an interpreter in their language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.apps.accounts.models import Role, User
from amparo.apps.audit.services import audit_record
from amparo.apps.core.cases import CaseCode
from amparo.apps.core.edits import NEW, STALE_EDIT, edit_token, is_stale
from amparo.apps.core.text import one_line
from amparo.apps.eligibility.models import Answer, PersonEligibility
from amparo.apps.notices import catalogue
from amparo.apps.notices.models import (
    CaseHearing,
    ClassNotice,
    DeliveryMethod,
    DeliveryOutcome,
    NoticeDelivery,
    OralNotice,
)
from amparo.apps.registry.models import Person
from amparo.apps.registry.selectors import people_visible_to
from amparo.engines.consistency import canonical_language

# Who sends notice and records its delivery: class counsel (for their cases), the
# government coordinator and administrators.
NOTICE_ROLES = frozenset({Role.CLASS_COUNSEL, Role.GOVERNMENT_COORDINATOR, Role.ADMINISTRATOR})
# The court's dates are recorded by the government coordinator and administrators.
HEARING_ROLES = frozenset({Role.GOVERNMENT_COORDINATOR, Role.ADMINISTRATOR})
# The written notice for a member who reads none of the translations: read to them.
FALLBACK = "es"

CLASS_FIELDS = (
    ("ms_l_parent", CaseCode.MS_L),
    ("mmm_child", CaseCode.MMM),
    ("dora_parent", CaseCode.DORA),
)


class NoticeInputError(ValueError):
    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True, slots=True)
class Generated:
    created: int
    updated: int
    oral_needed: int


def sends_notice(user: object) -> bool:
    return isinstance(user, User) and user.is_active and user.role in NOTICE_ROLES


def _require(actor: User | None, what: str) -> None:
    if not sends_notice(actor):
        raise PermissionDenied(what)


def member_cases(eligibility: PersonEligibility) -> list[str]:
    return [str(code) for name, code in CLASS_FIELDS if getattr(eligibility, name) == Answer.YES]


def written_for(person: Person) -> tuple[str, bool]:
    """The catalogue code the member's notice is written in, and whether they read it."""
    found = catalogue.for_language(person.language) if person.language else None
    if found is not None:
        return found.code, True
    return FALLBACK, False


def notice_generate(*, actor: User) -> Generated:
    """A notice for every class member (a class answered yes now), in their language
    where a translation exists; an existing notice follows the member's classes and
    language. Members no longer in any class keep the notice they were given."""
    _require(actor, "may not send class notice")
    members = PersonEligibility.objects.filter(
        Q(ms_l_parent=Answer.YES) | Q(mmm_child=Answer.YES) | Q(dora_parent=Answer.YES),
        superseded_at__isnull=True,
        person__merged_into__isnull=True,
    ).select_related("person")
    if actor.role == Role.CLASS_COUNSEL:
        # Counsel act for the members of their cases only.
        members = members.filter(person__in=people_visible_to(actor).values("pk"))
    existing = {n.person_id: n for n in ClassNotice.objects.all()}
    now = timezone.now()
    created = updated = oral = 0
    with transaction.atomic():
        for eligibility in members.iterator(chunk_size=2000):
            person = eligibility.person
            cases = member_cases(eligibility)
            code, reads = written_for(person)
            oral += not reads
            notice = existing.get(person.pk)
            if notice is None:
                ClassNotice.objects.create(
                    person=person,
                    cases=cases,
                    written_code=code,
                    reads_written=reads,
                    generated_at=now,
                    generated_by=actor,
                )
                created += 1
            elif (notice.cases, notice.written_code, notice.reads_written) != (cases, code, reads):
                notice.cases, notice.written_code, notice.reads_written = cases, code, reads
                notice.save(update_fields=["cases", "written_code", "reads_written"])
                updated += 1
        audit_record(
            actor=actor,
            action="class_notice.generate",
            object_type="class_notice",
            details={"created": created, "updated": updated, "oral_needed": oral},
        )
    return Generated(created, updated, oral)


def _visible(actor: User, notice: ClassNotice) -> None:
    if not people_visible_to(actor).filter(pk=notice.person_id).exists():
        raise PermissionDenied("not this member's counsel")


def notice_delivery_record(
    *,
    actor: User,
    notice: ClassNotice,
    method: str,
    outcome: str,
    at: datetime,
    note: str = "",
) -> NoticeDelivery:
    _require(actor, "may not record notice deliveries")
    _visible(actor, notice)
    if method not in DeliveryMethod.values:
        raise NoticeInputError(_("Unknown way of delivery."), "method")
    if outcome not in DeliveryOutcome.values:
        raise NoticeInputError(_("Unknown outcome."), "outcome")
    if timezone.is_naive(at):
        raise NoticeInputError(_("The time needs a time zone."), "at")
    if at > timezone.now():
        raise NoticeInputError(_("A delivery cannot be recorded in the future."), "at")
    with transaction.atomic():
        delivery = NoticeDelivery.objects.create(
            notice=notice,
            method=method,
            outcome=outcome,
            at=at,
            recorded_by=actor,
            note=one_line(note, 300),
        )
        audit_record(
            actor=actor,
            action="class_notice.delivery",
            object_type="class_notice",
            object_id=str(notice.public_id),
            details={"method": method, "outcome": outcome},
        )
    return delivery


def oral_notice_record(
    *,
    actor: User,
    notice: ClassNotice,
    language: str,
    interpreter: str,
    in_person: bool,
    given_at: datetime,
) -> OralNotice:
    """The notice read to the member through an interpreter, in `language`."""
    _require(actor, "may not record oral notice")
    _visible(actor, notice)
    code = canonical_language(language) if language else None
    if code is None:
        raise NoticeInputError(_("Say in which language the notice was read."), "language")
    interpreter = one_line(interpreter, 120)
    if not interpreter:
        raise NoticeInputError(_("Name the interpreter."), "interpreter")
    if timezone.is_naive(given_at):
        raise NoticeInputError(_("The time needs a time zone."), "given_at")
    if given_at > timezone.now():
        raise NoticeInputError(_("Oral notice cannot be recorded in the future."), "given_at")
    with transaction.atomic():
        oral = OralNotice.objects.create(
            notice=notice,
            language=code,
            interpreter=interpreter,
            in_person=in_person,
            given_at=given_at,
            given_by=actor,
        )
        audit_record(
            actor=actor,
            action="class_notice.oral",
            object_type="class_notice",
            object_id=str(notice.public_id),
            details={"language": code, "in_person": in_person},
        )
    return oral


def hearing_edit_token(hearing: CaseHearing | None) -> str:
    """A case's hearing as the form shows it (see `hearing_set`'s `seen`)."""
    if hearing is None:
        return NEW
    return edit_token(hearing.hearing_on, hearing.objections_due, hearing.counsel_contact)


def hearings_seen() -> str:
    """Every case's hearing token, as the hearing form carries it: `ms_l:<token>
    mmm:<token> dora:<token>` (the form's case is chosen after the page is drawn)."""
    hearings = {h.case_code: h for h in CaseHearing.objects.all()}
    return " ".join(f"{code}:{hearing_edit_token(hearings.get(code))}" for code in CaseCode.values)


def hearing_seen_for(seen: str, case_code: str) -> str | None:
    """The token the form carried for one case; None when it carried none (a form
    without the field, as before: unchecked, like the command line)."""
    for part in seen.split():
        code, _sep, token = part.partition(":")
        if code == case_code and token:
            return token
    return None


def hearing_set(
    *,
    actor: User,
    case_code: str,
    hearing_on: date,
    objections_due: date,
    counsel_contact: str,
    seen: str | None = None,
) -> CaseHearing:
    """The fairness hearing of a case, the objection deadline and counsel's contact, as
    the court set them. `seen` is `hearing_edit_token` as the form showed it: if the
    hearing changed since, this is refused, never laid over the other change unseen."""
    if not (isinstance(actor, User) and actor.is_active and actor.role in HEARING_ROLES):
        raise PermissionDenied("may not set hearing dates")
    if case_code not in CaseCode.values:
        raise NoticeInputError(_("Unknown case."), "case_code")
    if objections_due > hearing_on:
        raise NoticeInputError(
            _("Objections must be due on or before the hearing."), "objections_due"
        )
    contact = one_line(counsel_contact, 300)
    if not contact:
        raise NoticeInputError(_("Say how members reach class counsel."), "counsel_contact")
    with transaction.atomic():
        current = CaseHearing.objects.select_for_update().filter(case_code=case_code).first()
        if is_stale(seen, hearing_edit_token(current)):
            raise NoticeInputError(str(STALE_EDIT))
        hearing, _created = CaseHearing.objects.update_or_create(
            case_code=case_code,
            defaults={
                "hearing_on": hearing_on,
                "objections_due": objections_due,
                "counsel_contact": contact,
                "updated_at": timezone.now(),
                "updated_by": actor,
            },
        )
        audit_record(
            actor=actor,
            action="case_hearing.set",
            object_type="case",
            object_id=case_code,
            details={
                "hearing_on": hearing_on.isoformat(),
                "objections_due": objections_due.isoformat(),
            },
        )
    return hearing
