"""Objections to the settlement: taken online (no account; a receipt number) or from
paper (entered by staff with the scan and the docket number), checked and stored whole
or not at all, flagged late after the deadline (still accepted: the court decides), and
tied to the registry when the objector can be identified by their A-number.

Abuse is met without any outside service: the form's size and every field's length
are capped, a hidden field that people never fill (a honeypot) marks automated
submissions, and the public view limits how many objections one address sends an hour
(`submission_allowed`).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.apps.accounts.models import User
from amparo.apps.audit.services import audit_record
from amparo.apps.core.cases import CaseCode
from amparo.apps.core.edits import STALE_EDIT, edit_token, is_stale
from amparo.apps.core.files import FileStore, UploadRefused, upload_check
from amparo.apps.core.text import one_line, paragraphs
from amparo.apps.eligibility.models import PersonEligibility
from amparo.apps.notices.models import (
    CaseHearing,
    Objection,
    ObjectionCategory,
    ObjectionSource,
    ObjectionStatus,
    TranslationStatus,
)
from amparo.apps.notices.services import member_cases, sends_notice
from amparo.apps.registry.models import Person
from amparo.engines.consistency import canonical_language

MAX_TEXT = 5_000
A_NUMBER = re.compile(r"\d{8,9}")
# Receipt numbers: no 0/O or 1/I to misread over the telephone.
RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
RECEIPT_LENGTH = 10
HOURLY_LIMIT = 5
# Scans of paper objections, kept by receipt number.
SCANS = FileStore("objections")


class ObjectionInputError(ValueError):
    """What is wrong with an objection, naming the field; nothing was stored."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True, slots=True)
class ObjectionInput:
    text: str
    categories: Sequence[str]
    cases: Sequence[str] = ()
    language: str = "Spanish"
    name: str = ""
    a_number: str = ""
    contact: str = ""


def _receipt() -> str:
    return "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(RECEIPT_LENGTH))


def submission_allowed(address: str) -> bool:
    """Whether `address` may send another objection this hour; counts this one."""
    limit = int(getattr(settings, "AMPARO_OBJECTIONS_PER_HOUR", HOURLY_LIMIT))
    key = f"objections:{address}:{timezone.now():%Y%m%d%H}"
    sent = cache.get_or_set(key, 0, timeout=3600) or 0
    if int(sent) >= limit:
        return False
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=3600)
    return True


def _checked(data: ObjectionInput) -> dict[str, object]:
    text = paragraphs(data.text, MAX_TEXT + 1)
    if not text:
        raise ObjectionInputError(_("Write your objection."), "text")
    if len(text) > MAX_TEXT:
        raise ObjectionInputError(
            _("An objection may be at most %(most)s characters.") % {"most": MAX_TEXT}, "text"
        )
    categories = sorted(set(data.categories))
    if not categories or any(c not in ObjectionCategory.values for c in categories):
        raise ObjectionInputError(_("Choose what the objection is about."), "categories")
    cases = sorted(set(data.cases))
    if any(c not in CaseCode.values for c in cases):
        raise ObjectionInputError(_("Unknown case."), "cases")
    language = canonical_language(data.language) if data.language else None
    if language is None:
        raise ObjectionInputError(_("Say which language the objection is written in."), "language")
    a_number = re.sub(r"[\s-]", "", data.a_number).upper().removeprefix("A")
    if a_number and not A_NUMBER.fullmatch(a_number):
        raise ObjectionInputError(_("An A-number has 8 or 9 digits."), "a_number")
    return {
        "text": text,
        "categories": categories,
        "cases": cases,
        "language": language,
        "translation_status": (
            TranslationStatus.NOT_NEEDED if language == "english" else TranslationStatus.NEEDED
        ),
        "name": one_line(data.name, 200),
        "a_number": a_number.zfill(9) if a_number else "",
        "contact": one_line(data.contact, 200),
    }


def _late(cases: list[str], received_at: datetime) -> bool:
    """After the deadline of every case it names (all cases when it names none)."""
    deadlines = list(
        CaseHearing.objects.filter(case_code__in=cases or CaseCode.values).values_list(
            "objections_due", flat=True
        )
    )
    on = timezone.localtime(received_at).date()
    return bool(deadlines) and all(on > due for due in deadlines)


def _identify(a_number: str) -> tuple[Person | None, list[str]]:
    if not a_number:
        return None, []
    person = Person.objects.filter(a_number=a_number, merged_into__isnull=True).first()
    if person is None:
        return None, []
    current = PersonEligibility.objects.filter(person=person, superseded_at__isnull=True).first()
    return person, member_cases(current) if current else []


def _store(fields: dict[str, object], **extra: object) -> Objection:
    person, classes = _identify(str(fields["a_number"]))
    received_at = extra.pop("received_at", None) or timezone.now()
    assert isinstance(received_at, datetime)
    receipt = str(extra.pop("receipt", None) or _receipt())
    objection = Objection.objects.create(
        receipt=receipt,
        received_at=received_at,
        late=_late(list(fields["cases"]), received_at),  # type: ignore[call-overload]
        person=person,
        member_cases=classes,
        **fields,
        **extra,
    )
    return objection


def objection_submit(*, data: ObjectionInput, honeypot: str = "") -> Objection:
    """An objection from the public form. A filled honeypot is refused as the form
    refuses a malformed one, so an automated sender learns nothing."""
    if honeypot.strip():
        raise ObjectionInputError(_("The form could not be read. Please try again."))
    fields = _checked(data)
    with transaction.atomic():
        objection = _store(fields, source=ObjectionSource.ONLINE)
        audit_record(
            actor=None,
            action="objection.submit",
            object_type="objection",
            object_id=objection.receipt,
            details={"late": objection.late, "identified": objection.person_id is not None},
        )
    return objection


def objection_record_paper(
    *,
    actor: User,
    data: ObjectionInput,
    scan: bytes,
    received_on: datetime,
    docket_number: str = "",
) -> Objection:
    """An objection that came on paper, entered with its scan (PDF, PNG or JPEG, by
    its own bytes) and, once filed, the court's docket number."""
    if not sends_notice(actor):
        raise PermissionDenied("may not enter objections")
    fields = _checked(data)
    try:
        kind = upload_check(scan)
    except UploadRefused as refusal:
        raise ObjectionInputError(str(refusal), "scan") from None
    if timezone.is_naive(received_on) or received_on > timezone.now():
        raise ObjectionInputError(_("Give the day the objection arrived."), "received_on")
    receipt = _receipt()
    path = SCANS.path_for(receipt, kind)
    digest = SCANS.write(path, scan)
    try:
        with transaction.atomic():
            objection = _store(
                fields,
                receipt=receipt,
                source=ObjectionSource.PAPER,
                received_at=received_on,
                entered_by=actor,
                docket_number=one_line(docket_number, 40),
                scan_path=path,
                scan_sha256=digest,
            )
            audit_record(
                actor=actor,
                action="objection.paper",
                object_type="objection",
                object_id=objection.receipt,
                details={"late": objection.late, "docket_number": objection.docket_number},
            )
    except BaseException:
        # Nothing half-written: no row, so no file either.
        SCANS.discard(path)
        raise
    return objection


def objection_edit_token(objection: Objection) -> str:
    """The objection as a staff form shows it (see `objection_update`'s `seen`)."""
    return edit_token(
        objection.status,
        objection.docket_number,
        objection.translation,
        objection.translation_status,
    )


def objection_update(
    *,
    actor: User,
    objection: Objection,
    status: str,
    docket_number: str = "",
    translation: str = "",
    seen: str | None = None,
) -> Objection:
    """Filed with the court (with its docket number), withdrawn, or its translation
    entered. `seen` is `objection_edit_token` as the form showed it: if the objection
    changed since, the update is refused, never laid over the other change unseen."""
    if not sends_notice(actor):
        raise PermissionDenied("may not update objections")
    if status not in ObjectionStatus.values:
        raise ObjectionInputError(_("Unknown status."), "status")
    docket = one_line(docket_number, 40)
    if status == ObjectionStatus.FILED and not (docket or objection.docket_number):
        raise ObjectionInputError(_("A filed objection needs its docket number."), "docket_number")
    translated = paragraphs(translation, MAX_TEXT * 2)
    with transaction.atomic():
        objection = Objection.objects.select_for_update().get(pk=objection.pk)
        if is_stale(seen, objection_edit_token(objection)):
            raise ObjectionInputError(str(STALE_EDIT))
        objection.status = status
        if docket:
            objection.docket_number = docket
        if translated:
            objection.translation = translated
            objection.translation_status = TranslationStatus.DONE
        objection.save()
        audit_record(
            actor=actor,
            action="objection.update",
            object_type="objection",
            object_id=objection.receipt,
            details={"status": status, "translated": bool(translated)},
        )
    return objection
