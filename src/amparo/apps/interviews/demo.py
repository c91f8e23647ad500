"""The demo's interviews: one at each step, walked by the real services, so the officer,
the supervisor, the coordinator and counsel each find work on their pages.

- requested, waiting for a time;
- scheduled for the demo officer, counsel told;
- held and drafted negative, one inconsistency still without due consideration (the
  officer sees why it cannot go to the supervisor yet);
- a positive waiting in the supervisor's queue;
- a positive served with its Notice to Appear, given by the cross-effect to the
  separated child as well.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from amparo.apps.accounts.models import User
from amparo.apps.elections.demo import demo_election
from amparo.apps.interviews import services
from amparo.apps.interviews.engine_bridge import comparison_for
from amparo.apps.interviews.models import Interview, Worksheet, WorksheetKind
from amparo.apps.registry.models import Person
from amparo.engines.interviews import State

DEMO_INTERVIEWS = 5


def _parents(counsel: User) -> list[Person]:
    """Parents whose new interview is actionable; an election to stay is recorded for
    more of them if the demo world has too few."""
    owed = Person.objects.filter(
        eligibility__superseded_at__isnull=True,
        eligibility__ms_l_parent="yes",
        eligibility__parent_procedures="yes",
        merged_into__isnull=True,
    ).order_by("id")
    actionable = list(owed.filter(eligibility__actionable=True)[:DEMO_INTERVIEWS])
    for parent in owed.filter(eligibility__actionable=False, elections__isnull=True)[
        : DEMO_INTERVIEWS - len(actionable)
    ]:
        demo_election(counsel, parent)
        actionable.append(parent)
    return [p for p in actionable if _still_actionable(p)]


def _still_actionable(person: Person) -> bool:
    return person.eligibility.filter(superseded_at__isnull=True, actionable=True).exists()


def _scheduled(
    coordinator: User, officer: User, interview: Interview, ahead: timedelta
) -> Interview:
    return services.interview_schedule(
        actor=coordinator,
        interview=interview,
        scheduled_for=timezone.now() + ahead,
        location="Port Isabel Service Processing Center, room 3",
        officer=officer,
        expected_version=interview.version,
    )


def _held(officer: User, interview: Interview, language: str) -> Interview:
    saved = services.interview_conduct_save(
        actor=officer,
        interview=interview,
        record=services.ConductInput(
            counsel_presence="telephone",
            interpreter_language=language,
            best_language=language,
            m444_served=True,
            private_setting=True,
        ),
        expected_version=interview.version,
    )
    return services.interview_conducted(
        actor=officer, interview=saved, expected_version=saved.version
    )


def _sheets(officer: User, interview: Interview, language: str) -> None:
    """The first interview as its worksheet summary tells it, and the new account:
    the threat told again with a later date and a beating told for the first time."""
    first = Worksheet.objects.filter(interview=interview, kind=WorksheetKind.FIRST).first()
    first_on = first.interviewed_on if first and first.interviewed_on else date(2018, 6, 20)
    services.worksheet_save(
        actor=officer,
        interview=interview,
        kind=WorksheetKind.FIRST,
        data=services.WorksheetInput(
            interviewed_on=first_on,
            interpreter_language="Spanish",
            best_language=language,
            counsel_present=False,
            telephonic=True,
            separated_on=first.separated_on if first else first_on - timedelta(days=21),
            knew_child_whereabouts=False,
            protected_grounds=("particular_social_group",),
            fear_of_persecution=True,
            harms=(
                services.HarmInput(
                    type="threat",
                    when=date(2018, 2, 1),
                    when_precision="month",
                    place="San Pedro Sula",
                    perpetrator="MS-13",
                    perpetrator_category="gang",
                ),
            ),
        ),
        expected_version=first.version if first else 0,
    )
    services.worksheet_save(
        actor=officer,
        interview=interview,
        kind=WorksheetKind.NEW,
        data=services.WorksheetInput(
            interviewed_on=timezone.localdate(),
            interpreter_language=language,
            best_language=language,
            counsel_present=True,
            telephonic=False,
            protected_grounds=("particular_social_group", "political_opinion"),
            fear_of_persecution=True,
            fear_of_torture=True,
            summary_read_back=True,
            summary_corrections="The beating was in April, not May.",
            qa_notes="Q: Why did you leave? A: They said they would kill my son.",
            harms=(
                services.HarmInput(
                    type="threat",
                    when=date(2018, 4, 15),
                    place="San Pedro Sula",
                    perpetrator="the MS-13 clique",
                    perpetrator_category="gang",
                ),
                services.HarmInput(
                    type="beating",
                    when=date(2018, 4, 20),
                    when_precision="month",
                    place="San Pedro Sula",
                    perpetrator="police officers",
                    perpetrator_category="police",
                ),
            ),
        ),
        expected_version=0,
    )


def _assess(officer: User, interview: Interview, leave: int) -> None:
    listed = comparison_for(interview).inconsistencies
    for inconsistency in listed[: max(0, len(listed) - leave)]:
        services.assessment_record(
            actor=officer,
            interview=interview,
            inconsistency_id=inconsistency.id,
            text=(
                "At the first interview she had been without her son for three weeks, did "
                "not know where he was, and was interviewed by telephone in Spanish, not "
                "her best language: this difference is not weighed against her."
            ),
            expected_version=0,
        )


def _drafted(officer: User, interview: Interview, determination: str, leave: int) -> Interview:
    language = interview.person.language or "Spanish"
    interview = _held(officer, interview, language)
    _sheets(officer, interview, language)
    _assess(officer, interview, leave)
    interview = Interview.objects.get(pk=interview.pk)
    return services.interview_draft(
        actor=officer,
        interview=interview,
        determination=determination,
        summary=(
            "The applicant fears the gang that threatened and beat her; a significant "
            "possibility of establishing eligibility."
            if determination == "POSITIVE"
            else "The harm described lacks a nexus to a protected ground."
        ),
        expected_version=interview.version,
    )


def demo_interviews() -> None:
    if Interview.objects.exists():
        return
    coordinator = User.objects.get(username="coordinator")
    officer = User.objects.get(username="officer")
    boss = User.objects.get(username="supervisor")
    counsel = User.objects.get(username="counsel_msl")
    parents = _parents(counsel)
    opened = [
        services.interview_request(actor=coordinator, person=parent, subject="parent", note="demo")
        for parent in parents
    ]
    steps = dict(enumerate(opened))
    # Interviews held in the demo are today's, set a few minutes ahead (an interview may
    # begin at most half an hour early); counsel's short notice is flagged on them.
    today = timedelta(minutes=5)
    if 1 in steps:
        _scheduled(coordinator, officer, steps[1], timedelta(days=3))
    if 2 in steps:
        _drafted(officer, _scheduled(coordinator, officer, steps[2], today), "NEGATIVE", 1)
    if 3 in steps:
        held = _scheduled(coordinator, officer, steps[3], today)
        drafted = _drafted(officer, held, "POSITIVE", 0)
        services.interview_submit(
            actor=officer, interview=drafted, expected_version=drafted.version
        )
    if 4 in steps:
        held = _scheduled(coordinator, officer, steps[4], today)
        drafted = _drafted(officer, held, "POSITIVE", 0)
        sent = services.interview_submit(
            actor=officer, interview=drafted, expected_version=drafted.version
        )
        approved = services.interview_review(
            actor=boss, interview=sent, approve=True, note="", expected_version=sent.version
        )
        served = services.interview_serve(
            actor=officer, interview=approved, expected_version=approved.version
        )
        services.interview_mark(
            actor=coordinator,
            interview=served,
            to=State.NOTICE_TO_APPEAR,
            expected_version=served.version,
        )
