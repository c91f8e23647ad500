"""Writes of the scheduler's resources: facilities, officers' hours, interpreters and
counsel's availability. Each checked (hours inside the day, weekdays Monday to Friday,
languages known by their usual names), saved and audited in one transaction."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from amparo.apps.accounts.models import Organisation, User
from amparo.apps.accounts.roles import conducts_interviews, schedules_interviews
from amparo.apps.audit.services import audit_record
from amparo.apps.core.edits import NEW, STALE_EDIT, edit_token, is_stale
from amparo.apps.scheduling.models import (
    WEEKDAYS,
    CounselAvailability,
    Facility,
    Interpreter,
    OfficerAvailability,
)
from amparo.apps.scheduling.services import SchedulingInputError
from amparo.engines.consistency import canonical_language

MAX_CAPACITY = 12
# A language's name as the consistency engine spells it: letters, spaces, hyphens.
LANGUAGE_CODE = re.compile(r"[^\W\d_](?:[^\W\d_]| |-){1,39}")


@dataclass(frozen=True, slots=True)
class Week:
    """Weekdays (0 Monday to 4 Friday) and whole local hours, start before end."""

    weekdays: Sequence[int]
    start_hour: int
    end_hour: int

    def checked(self) -> list[int]:
        days = sorted(set(self.weekdays))
        if not days or any(d not in WEEKDAYS for d in days):
            raise SchedulingInputError(
                _("Weekdays are 0 (Monday) to 4 (Friday), at least one."), "weekdays"
            )
        if not 0 <= self.start_hour < self.end_hour <= 24:
            raise SchedulingInputError(
                _("Hours run from 0 to 24, the start before the end."), "start_hour"
            )
        return days


def _require(actor: User | None, what: str) -> None:
    if not schedules_interviews(actor):
        raise PermissionDenied(what)


def _languages(names: Sequence[str]) -> list[str]:
    out: list[str] = []
    for name in names:
        code = canonical_language(name)
        if code is None or not LANGUAGE_CODE.fullmatch(code):
            raise SchedulingInputError(
                _("%(name)r is not a language.") % {"name": name}, "languages"
            )
        if code not in out:
            out.append(code)
    return out


# Each form carries its row's edit token as drawn (`seen`); a save on a row that
# changed since is refused, so two coordinators on one form never undo each other.


def _refuse_stale(seen: str | None, current: str) -> None:
    if is_stale(seen, current):
        raise SchedulingInputError(str(STALE_EDIT), "")


def facility_edit_token(facility: Facility | None) -> str:
    if facility is None:
        return NEW
    return edit_token(
        facility.name,
        facility.address,
        facility.rooms,
        facility.phone_lines,
        facility.custody_places,
        facility.is_default,
    )


def officer_availability_edit_token(row: OfficerAvailability | None) -> str:
    if row is None:
        return NEW
    return edit_token(
        row.weekdays,
        row.start_hour,
        row.end_hour,
        row.daily_capacity,
        row.languages,
        sorted(row.facilities.values_list("code", flat=True)),
    )


def interpreter_edit_token(row: Interpreter | None) -> str:
    if row is None:
        return NEW
    return edit_token(
        row.name,
        row.email,
        row.languages,
        row.remote,
        row.facility_id,
        row.weekdays,
        row.start_hour,
        row.end_hour,
    )


def counsel_availability_edit_token(row: CounselAvailability | None) -> str:
    if row is None:
        return NEW
    return edit_token(row.weekdays, row.start_hour, row.end_hour, row.max_concurrent)


def facility_save(
    *,
    actor: User | None,
    code: str,
    name: str,
    rooms: int,
    phone_lines: int,
    address: str = "",
    custody_places: Sequence[str] = (),
    is_default: bool = False,
    seen: str | None = None,
) -> Facility:
    _require(actor, "may not edit facilities")
    if rooms < 0 or phone_lines < 0 or rooms + phone_lines == 0:
        raise SchedulingInputError(_("A facility needs a room or a telephone line."), "rooms")
    with transaction.atomic():
        _refuse_stale(
            seen,
            facility_edit_token(Facility.objects.select_for_update().filter(code=code).first()),
        )
        if is_default:
            for previous in Facility.objects.filter(is_default=True).exclude(code=code):
                previous.is_default = False
                previous.save(update_fields=["is_default"])
                audit_record(
                    actor=actor,
                    action="facility.update",
                    object_type="facility",
                    object_id=previous.code,
                    details={"default": False},
                )
        facility, created = Facility.objects.update_or_create(
            code=code,
            defaults={
                "name": name.strip()[:120],
                "address": address.strip()[:200],
                "rooms": rooms,
                "phone_lines": phone_lines,
                "custody_places": [p.strip() for p in custody_places if p.strip()],
                "is_default": is_default,
            },
        )
        audit_record(
            actor=actor,
            action="facility.create" if created else "facility.update",
            object_type="facility",
            object_id=facility.code,
            details={
                "rooms": rooms,
                "phone_lines": phone_lines,
                "default": is_default,
                "custody_places": facility.custody_places,
            },
        )
    return facility


def officer_availability_save(
    *,
    actor: User | None,
    officer: User,
    facilities: Sequence[Facility],
    week: Week,
    daily_capacity: int = 4,
    languages: Sequence[str] = (),
    seen: str | None = None,
) -> OfficerAvailability:
    _require(actor, "may not edit officers' hours")
    if not conducts_interviews(officer):
        raise SchedulingInputError(_("Only asylum officers hold interviews."), "officer")
    if not facilities:
        raise SchedulingInputError(_("Name at least one facility."), "facilities")
    if not 1 <= daily_capacity <= MAX_CAPACITY:
        raise SchedulingInputError(
            _("Interviews a day: 1 to %(most)s.") % {"most": MAX_CAPACITY}, "daily_capacity"
        )
    days = week.checked()
    with transaction.atomic():
        current = OfficerAvailability.objects.select_for_update().filter(officer=officer).first()
        _refuse_stale(seen, officer_availability_edit_token(current))
        row, _created = OfficerAvailability.objects.update_or_create(
            officer=officer,
            defaults={
                "weekdays": days,
                "start_hour": week.start_hour,
                "end_hour": week.end_hour,
                "daily_capacity": daily_capacity,
                "languages": _languages(languages),
            },
        )
        row.facilities.set(facilities)
        audit_record(
            actor=actor,
            action="officer_availability.save",
            object_type="user",
            object_id=officer.pk,
            details={
                "facilities": [f.code for f in facilities],
                "weekdays": days,
                "hours": [week.start_hour, week.end_hour],
                "daily_capacity": daily_capacity,
                "languages": row.languages,
            },
        )
    return row


def interpreter_save(
    *,
    actor: User | None,
    name: str,
    languages: Sequence[str],
    week: Week,
    remote: bool = True,
    facility: Facility | None = None,
    email: str = "",
    interpreter: Interpreter | None = None,
    seen: str | None = None,
) -> Interpreter:
    _require(actor, "may not edit interpreters")
    if not name.strip():
        raise SchedulingInputError(_("Give the interpreter's name."), "name")
    codes = _languages(languages)
    if not codes:
        raise SchedulingInputError(_("Name at least one language."), "languages")
    if not remote and facility is None:
        raise SchedulingInputError(
            _("An interpreter on site works at a facility: name it."), "facility"
        )
    days = week.checked()
    with transaction.atomic():
        if interpreter is not None:
            interpreter = Interpreter.objects.select_for_update().get(pk=interpreter.pk)
        _refuse_stale(seen, interpreter_edit_token(interpreter))
        row = interpreter or Interpreter()
        row.name = name.strip()[:120]
        row.email = email.strip()
        row.languages = codes
        row.remote = remote
        row.facility = None if remote else facility
        row.weekdays = days
        row.start_hour = week.start_hour
        row.end_hour = week.end_hour
        row.save()
        audit_record(
            actor=actor,
            action="interpreter.save",
            object_type="interpreter",
            object_id=str(row.public_id),
            details={
                "languages": codes,
                "remote": remote,
                "facility": facility.code if facility is not None and not remote else None,
                "weekdays": days,
                "hours": [week.start_hour, week.end_hour],
            },
        )
    return row


def counsel_availability_save(
    *,
    actor: User | None,
    organisation: Organisation,
    week: Week,
    max_concurrent: int = 1,
    seen: str | None = None,
) -> CounselAvailability:
    _require(actor, "may not edit counsel's availability")
    if not 1 <= max_concurrent <= MAX_CAPACITY:
        raise SchedulingInputError(
            _("Interviews at once: 1 to %(most)s.") % {"most": MAX_CAPACITY}, "max_concurrent"
        )
    days = week.checked()
    with transaction.atomic():
        current = (
            CounselAvailability.objects.select_for_update()
            .filter(organisation=organisation)
            .first()
        )
        _refuse_stale(seen, counsel_availability_edit_token(current))
        row, _created = CounselAvailability.objects.update_or_create(
            organisation=organisation,
            defaults={
                "weekdays": days,
                "start_hour": week.start_hour,
                "end_hour": week.end_hour,
                "max_concurrent": max_concurrent,
            },
        )
        audit_record(
            actor=actor,
            action="counsel_availability.save",
            object_type="organisation",
            object_id=organisation.pk,
            details={
                "weekdays": days,
                "hours": [week.start_hour, week.end_hour],
                "max_concurrent": max_concurrent,
            },
        )
    return row
