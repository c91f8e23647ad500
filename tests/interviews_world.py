"""A small family for the interview tests: Rosa (a Ms. L. and Dora parent owed a new
interview, her first interview negative while separated), her son Tomás (an M.M.M.
child with a claim of his own) and the lifecycle walked by the real services."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from amparo.apps.accounts.models import Role, User
from amparo.apps.core.cases import CaseCode
from amparo.apps.eligibility.models import (
    Answer,
    EligibilityRun,
    PersonEligibility,
    RunStatus,
    RunTrigger,
)
from amparo.apps.interviews import services
from amparo.apps.interviews.models import Interview, WorksheetKind
from amparo.apps.registry.models import Decider, Person, Separation, SeparationStatus
from amparo.engines.interviews import State
from tests.factories import make_person, make_user

FIRST_ON = date(2018, 6, 20)
SEPARATED_ON = date(2018, 5, 28)


def owe(
    person: Person,
    *,
    parent: bool = False,
    child: bool = False,
    ms_l: bool = False,
    mmm: bool = False,
    dora: bool = False,
) -> PersonEligibility:
    """Record the eligibility rules' answer for `person` as a run would."""
    run = EligibilityRun.objects.create(
        trigger=RunTrigger.MANUAL,
        as_of=date(2019, 6, 1),
        ruleset_version="test",
        status=RunStatus.SUCCEEDED,
    )
    yes, no = Answer.YES, Answer.NO
    return PersonEligibility.objects.create(
        person=person,
        run=run,
        as_of=run.as_of,
        ruleset_version="test",
        fingerprint=f"test-{person.pk}",
        ms_l_parent=yes if ms_l else no,
        mmm_child=yes if mmm else no,
        dora_parent=yes if dora else no,
        parent_procedures=yes if parent else no,
        child_interview=yes if child else no,
        actionable=parent or child,
        decided_at=timezone.now(),
    )


@dataclass(frozen=True, slots=True)
class Family:
    rosa: Person
    tomas: Person


def make_family(*, tomas_member: bool = True) -> Family:
    rosa = make_person(
        given_names="Rosa",
        surnames="López Pérez",
        dob=date(1990, 3, 1),
        language="Spanish",
        cases=[CaseCode.MS_L, CaseCode.DORA],
    )
    tomas = make_person(
        given_names="Tomás",
        surnames="López",
        dob=date(2010, 5, 1),
        language="K'iche'",
        cases=[CaseCode.MMM] if tomas_member else [],
    )
    owe(rosa, parent=True, ms_l=True, dora=True)
    owe(tomas, child=tomas_member, mmm=tomas_member)
    Separation.objects.create(
        parent=rosa,
        child=tomas,
        separated_on=SEPARATED_ON,
        status=SeparationStatus.CONFIRMED,
        score=0.99,
        decided_by=Decider.REVIEWER,
        rule_or_run="test",
        decided_at=timezone.now(),
    )
    return Family(rosa, tomas)


def supervisor(username: str = "sara") -> User:
    return make_user(username=username, role=Role.SUPERVISORY_OFFICER, first_name="Sara")


def schedule(
    coordinator: User, interview: Interview, officer: User, *, days: int | None = None
) -> Interview:
    """Set a time: in `days` days, or (by default) in ten minutes, so that the interview
    may be held now (it may not begin more than half an hour early)."""
    ahead = timedelta(days=days) if days is not None else timedelta(minutes=10)
    return services.interview_schedule(
        actor=coordinator,
        interview=interview,
        scheduled_for=timezone.now() + ahead,
        location="Port Isabel, room 2",
        officer=officer,
        expected_version=interview.version,
    )


FULL_CONDUCT = services.ConductInput(
    counsel_presence="telephone",
    interpreter_language="Spanish",
    best_language="Spanish",
    m444_served=True,
    private_setting=True,
)


def conduct(
    officer: User, interview: Interview, record: services.ConductInput = FULL_CONDUCT
) -> Interview:
    saved = services.interview_conduct_save(
        actor=officer, interview=interview, record=record, expected_version=interview.version
    )
    return services.interview_conducted(
        actor=officer, interview=saved, expected_version=saved.version
    )


def first_sheet() -> services.WorksheetInput:
    return services.WorksheetInput(
        interviewed_on=FIRST_ON,
        interpreter_language="Spanish",
        best_language="Mam",
        counsel_present=False,
        telephonic=False,
        separated_on=SEPARATED_ON,
        knew_child_whereabouts=False,
        protected_grounds=("political_opinion",),
        fear_of_persecution=True,
        harms=(
            services.HarmInput(
                type="threat",
                when=date(2018, 3, 2),
                place="Huehuetenango",
                perpetrator="local gang",
                perpetrator_category="gang",
            ),
        ),
    )


def new_sheet(*, beaten_in_march: bool = True) -> services.WorksheetInput:
    """The new account: the threat told again, and (unless turned off) a beating the
    first interview does not mention: one omission to weigh."""
    harms = [
        services.HarmInput(
            type="threat",
            when=date(2018, 3, 5),
            place="Huehuetenango",
            perpetrator="the local gang",
            perpetrator_category="gang",
        )
    ]
    if beaten_in_march:
        harms.append(
            services.HarmInput(
                type="beating",
                when=date(2018, 4, 10),
                place="Huehuetenango",
                perpetrator="police",
                perpetrator_category="police",
            )
        )
    return services.WorksheetInput(
        interviewed_on=timezone.localdate(),
        interpreter_language="Mam",
        best_language="Mam",
        counsel_present=True,
        telephonic=False,
        protected_grounds=("political_opinion",),
        fear_of_persecution=True,
        summary_read_back=True,
        harms=tuple(harms),
    )


def enter_sheets(officer: User, interview: Interview, **new: bool) -> None:
    from amparo.apps.interviews.models import Worksheet

    first = Worksheet.objects.filter(interview=interview, kind=WorksheetKind.FIRST).first()
    services.worksheet_save(
        actor=officer,
        interview=interview,
        kind=WorksheetKind.FIRST,
        data=first_sheet(),
        expected_version=first.version if first else 0,
    )
    services.worksheet_save(
        actor=officer,
        interview=interview,
        kind=WorksheetKind.NEW,
        data=new_sheet(**new),
        expected_version=0,
    )


def refreshed(interview: Interview) -> Interview:
    return Interview.objects.get(pk=interview.pk)


def walk_to_served(
    coordinator: User,
    officer: User,
    boss: User,
    interview: Interview,
    *,
    determination: str,
) -> Interview:
    """Scheduled, conducted, worksheets entered, every inconsistency assessed, drafted,
    approved and served: the whole path through the real services."""
    from amparo.apps.interviews.engine_bridge import comparison_for

    interview = conduct(officer, schedule(coordinator, interview, officer))
    enter_sheets(officer, interview)
    for inconsistency in comparison_for(interview).inconsistencies:
        services.assessment_record(
            actor=officer,
            interview=interview,
            inconsistency_id=inconsistency.id,
            text="Separated from her son for weeks and not told where he was; fear then.",
            expected_version=0,
        )
    interview = refreshed(interview)
    interview = services.interview_draft(
        actor=officer,
        interview=interview,
        determination=determination,
        summary="Testimony credible; nexus to political opinion.",
        expected_version=interview.version,
    )
    interview = services.interview_submit(
        actor=officer, interview=interview, expected_version=interview.version
    )
    interview = services.interview_review(
        actor=boss, interview=interview, approve=True, note="", expected_version=interview.version
    )
    interview = services.interview_serve(
        actor=officer, interview=interview, expected_version=interview.version
    )
    assert interview.state == State.SERVED
    return interview
