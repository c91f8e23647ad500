"""Recomputes as background tasks: a change made on a page may move many people."""

from __future__ import annotations

from django.tasks import task

from amparo.apps.accounts.models import User
from amparo.apps.eligibility.models import RunTrigger
from amparo.apps.eligibility.services import eligibility_recompute, people_of_case


@task()
def eligibility_recompute_task(
    trigger: str, reason: str, actor_id: int | None, case_code: str = ""
) -> str:
    actor = User.objects.filter(pk=actor_id).first() if actor_id is not None else None
    run = eligibility_recompute(
        actor=actor,
        trigger=RunTrigger(trigger),
        reason=reason,
        person_ids=people_of_case(case_code) if case_code else None,
    )
    return str(run.public_id)
