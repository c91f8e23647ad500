"""The scheduler as a background task: a run takes up to its time limit, longer than a
web request should wait."""

from __future__ import annotations

from django.tasks import task

from amparo.apps.scheduling.services import schedule_run_execute


@task()
def schedule_run_task(run_id: int) -> str:
    return str(schedule_run_execute(run_id=run_id).state)
