"""A no-show or a cancellation frees an hour and, for a no-show, leaves someone without
a time: the booking is released and a re-plan queued (services)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.dispatch import receiver

from amparo.apps.interviews.models import Interview
from amparo.apps.interviews.signals import interview_marked
from amparo.apps.scheduling.services import booking_release_and_replan
from amparo.apps.scheduling.tasks import schedule_run_task
from amparo.engines.interviews import State


@receiver(interview_marked)
def replan_after_mark(
    sender: Any, *, actor: Any, interview: Interview, to: State, **_: Any
) -> None:
    if to not in (State.NO_SHOW, State.CANCELLED):
        return
    run = booking_release_and_replan(actor=actor, interview=interview, to=to)
    if run is not None:
        run_pk = run.pk
        transaction.on_commit(lambda: schedule_run_task.enqueue(run_pk), robust=True)
