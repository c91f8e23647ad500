"""The import as a background task, so a long upload does not hold a web worker."""

from __future__ import annotations

from django.tasks import task

from amparo.apps.accounts.models import User
from amparo.apps.ingest.services import import_batch_run


@task()
def import_batch_task(batch_id: int, actor_id: int | None) -> str:
    actor = User.objects.filter(pk=actor_id).first() if actor_id is not None else None
    batch = import_batch_run(batch_id=batch_id, actor=actor)
    return str(batch.status)
