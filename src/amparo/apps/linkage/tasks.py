"""Identification as a background task: a run over the registry takes longer
than a web request should wait."""

from __future__ import annotations

from django.tasks import task

from amparo.apps.accounts.models import User
from amparo.apps.linkage.services import linkage_run_execute


@task()
def linkage_run_task(run_id: int, actor_id: int | None) -> str:
    actor = User.objects.filter(pk=actor_id).first() if actor_id is not None else None
    return str(linkage_run_execute(run_id=run_id, actor=actor).status)
