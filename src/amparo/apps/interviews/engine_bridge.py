"""Between the rows and the two pure engines: rows in, engine records out, and the
comparison of the two worksheets with the assessments recorded against it.

Kept apart from services and selectors so both read the engines the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.apps.interviews.models import (
    Assessment,
    CounselPresenceChoice,
    DatePrecisionChoice,
    HarmItem,
    HarmTypeChoice,
    Interview,
    InterviewSubject,
    ParentAssistanceChoice,
    PerpetratorChoice,
    Worksheet,
    WorksheetKind,
)
from amparo.apps.registry.models import FearScreening, Separation
from amparo.engines import consistency, interviews

if TYPE_CHECKING:
    from amparo.apps.interviews.services import WorksheetInput
    from amparo.apps.registry.models import Person

COUNSEL_VALUES = frozenset(c.value for c in CounselPresenceChoice)
ASSISTANCE_VALUES = frozenset(c.value for c in ParentAssistanceChoice)
HARM_TYPES = frozenset(c.value for c in HarmTypeChoice)
PRECISIONS = frozenset(c.value for c in DatePrecisionChoice)
PERPETRATORS = frozenset(c.value for c in PerpetratorChoice)
GROUNDS = frozenset(g.value for g in consistency.ProtectedGround)


def config() -> interviews.LifecycleConfig:
    """The lifecycle's deadlines, with counsel's lead time from settings."""
    return interviews.LifecycleConfig(
        counsel_notice=timedelta(hours=settings.AMPARO_COUNSEL_NOTICE_HOURS)
    )


def engine_interview(row: Interview) -> interviews.Interview:
    return interviews.Interview(
        interview_id=str(row.public_id),
        person_id=str(row.person.public_id),
        subject=interviews.Subject(row.subject),
        state=interviews.State(row.state),
        determination=interviews.Determination(row.determination) if row.determination else None,
        scheduled_for=row.scheduled_for,
        served_at=row.served_at,
        ij_review_requested_at=row.ij_review_requested_at,
    )


def conduct_record(row: Interview) -> interviews.ConductRecord:
    return interviews.ConductRecord(
        counsel=interviews.CounselPresence(row.counsel_presence) if row.counsel_presence else None,
        written_waiver_of_counsel=row.written_waiver_of_counsel,
        # One spelling for both ("Español" and "Spanish", "K'iche'" and "Quiché"), so a
        # mismatch is a different language, not a different way of writing it.
        interpreter_language=consistency.canonical_language(row.interpreter_language),
        best_language=consistency.canonical_language(row.best_language),
        m444_served=row.m444_served,
        private_setting=row.private_setting,
        parent_assistance=(
            interviews.ParentAssistance(row.parent_assistance) if row.parent_assistance else None
        ),
    )


def conduct_missing_for(row: Interview) -> tuple[str, ...]:
    return interviews.conduct_missing(conduct_record(row), interviews.Subject(row.subject))


def facts_for(row: Interview) -> interviews.Facts:
    return interviews.Facts(
        scheduled_for=row.scheduled_for,
        conduct=conduct_record(row),
        declination_recorded=row.declination_recorded,
    )


# --- The first interview from the agencies' records -------------------------------


@dataclass(frozen=True, slots=True)
class FirstScreening:
    interviewed_on: date | None
    interpreter_language: str
    best_language: str
    counsel_present: bool | None
    separated_on: date | None


def first_screening_facts(person: Person) -> FirstScreening | None:
    """The parent's earliest negative credible fear screening on record (the one the
    settlement gives a second chance against), with their earliest separation."""
    screening = (
        FearScreening.objects.filter(
            record__assignments__person=person,
            record__assignments__superseded_at__isnull=True,
            kind=FearScreening.Kind.CREDIBLE,
            determination="NEGATIVE",
        )
        .order_by("interviewed_on", "id")
        .first()
    )
    if screening is None:
        return None
    separated_on = (
        Separation.objects.filter(parent=person, superseded_at__isnull=True)
        .exclude(separated_on=None)
        .order_by("separated_on")
        .values_list("separated_on", flat=True)
        .first()
    )
    return FirstScreening(
        interviewed_on=screening.interviewed_on,
        interpreter_language=screening.interpreter_language,
        best_language=screening.language or person.language,
        counsel_present=screening.counsel_present,
        separated_on=separated_on,
    )


# --- Worksheets -------------------------------------------------------------------


def worksheet_problems(data: WorksheetInput, kind: WorksheetKind) -> list[tuple[str, str]]:
    """Each bad field of a worksheet, as (field, message); empty when it may be saved."""
    problems: list[tuple[str, str]] = []
    today = timezone.localdate()
    if data.interviewed_on is not None and data.interviewed_on > today:
        problems.append(("interviewed_on", _("The interview date is in the future.")))
    if kind is WorksheetKind.NEW and (
        data.separated_on is not None or data.knew_child_whereabouts is not None
    ):
        problems.append(("separated_on", _("The separation is recorded on the first interview.")))
    if data.separated_on is not None and data.separated_on > today:
        problems.append(("separated_on", _("The separation date is in the future.")))
    unknown = sorted(set(data.protected_grounds) - GROUNDS)
    if unknown:
        problems.append(
            (
                "protected_grounds",
                _("Unknown protected ground: %(grounds)s.") % {"grounds": ", ".join(unknown)},
            )
        )
    if len(data.harms) > 50:
        problems.append(("harms", _("At most 50 harms on one worksheet.")))
    for n, harm in enumerate(data.harms, start=1):
        if harm.type not in HARM_TYPES:
            problems.append(("harms", _("Harm %(n)d: unknown type.") % {"n": n}))
        if (harm.when_precision or "day") not in PRECISIONS:
            problems.append(("harms", _("Harm %(n)d: unknown date precision.") % {"n": n}))
        if harm.perpetrator_category and harm.perpetrator_category not in PERPETRATORS:
            problems.append(("harms", _("Harm %(n)d: unknown perpetrator category.") % {"n": n}))
        if harm.when is not None and harm.when > today:
            problems.append(("harms", _("Harm %(n)d: the date is in the future.") % {"n": n}))
    return problems


def _engine_harm(item: HarmItem) -> consistency.Harm:
    when = (
        consistency.ApproxDate(item.when, consistency.DatePrecision(item.when_precision))
        if item.when is not None
        else None
    )
    return consistency.Harm(
        type=consistency.HarmType(item.type),
        when=when,
        place=item.place,
        perpetrator=item.perpetrator,
        perpetrator_category=(
            consistency.PerpetratorCategory(item.perpetrator_category)
            if item.perpetrator_category
            else None
        ),
        ref=str(item.position),
    )


def engine_worksheet(sheet: Worksheet) -> consistency.Interview:
    assert sheet.interviewed_on is not None
    return consistency.Interview(
        interviewed_on=sheet.interviewed_on,
        interpreter_language=sheet.interpreter_language or None,
        best_language=sheet.best_language or None,
        counsel_present=sheet.counsel_present,
        telephonic=sheet.telephonic,
        harms=tuple(_engine_harm(h) for h in sheet.harms.all()),
        protected_grounds=frozenset(
            consistency.ProtectedGround(g) for g in sheet.protected_grounds
        ),
        fear_of_persecution=sheet.fear_of_persecution,
        fear_of_torture=sheet.fear_of_torture,
        internal_relocation_possible=sheet.internal_relocation_possible,
        state_protection_available=sheet.state_protection_available,
        possible_bars=frozenset(sheet.possible_bars),
    )


@dataclass(frozen=True, slots=True)
class Comparison:
    """The two worksheets, what differs between them, and the officer's assessments.

    `needs_first`: a parent's interview, which has a first interview to weigh against.
    `error`: why no comparison could be made (a date missing, or in the wrong order).
    `stale`: assessments of inconsistencies no longer listed (a worksheet was corrected),
    shown rather than dropped."""

    first: Worksheet | None
    new: Worksheet | None
    needs_first: bool
    result: consistency.ConsistencyResult | None = None
    error: str = ""
    assessments: tuple[Assessment, ...] = ()
    by_id: dict[str, Assessment] = field(default_factory=dict)

    @property
    def first_entered(self) -> bool:
        """An officer saved the first interview from its worksheet summary (version 0 is
        only what the agencies' records say of it)."""
        return self.first is not None and self.first.version > 0

    @property
    def inconsistencies(self) -> tuple[consistency.Inconsistency, ...]:
        return self.result.inconsistencies if self.result else ()

    @property
    def ids(self) -> tuple[str, ...]:
        return self.result.ids if self.result else ()

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(i for i in self.ids if i not in self.by_id or not self.by_id[i].text.strip())

    @property
    def stale(self) -> tuple[Assessment, ...]:
        listed = set(self.ids)
        return tuple(a for a in self.assessments if a.inconsistency_id not in listed)


def comparison_for(interview: Interview) -> Comparison:
    sheets = {
        s.kind: s
        for s in Worksheet.objects.filter(interview=interview)
        .select_related("updated_by")
        .prefetch_related("harms")
    }
    first, new = sheets.get(WorksheetKind.FIRST), sheets.get(WorksheetKind.NEW)
    assessments = tuple(
        Assessment.objects.filter(interview=interview)
        .select_related("recorded_by")
        .order_by("recorded_at", "id")
    )
    by_id = {a.inconsistency_id: a for a in assessments}
    needs_first = interview.subject == InterviewSubject.PARENT

    def made(result: consistency.ConsistencyResult | None = None, error: str = "") -> Comparison:
        return Comparison(first, new, needs_first, result, error, assessments, by_id)

    if first is None or first.version == 0 or new is None:
        return made()
    if first.interviewed_on is None or new.interviewed_on is None:
        return made(error=_("Enter the date of both interviews."))
    separation = consistency.Separation(
        separated_on=first.separated_on, knew_child_whereabouts=first.knew_child_whereabouts
    )
    try:
        result = consistency.compare(
            engine_worksheet(first), engine_worksheet(new), separation=separation
        )
    except consistency.ConsistencyError:
        # The only comparison the engine refuses with the default settings.

        return made(error=_("The new interview is dated before the first one."))
    return made(result=result)
