"""Linkage run progress: the shared progress store, keyed by run."""

from __future__ import annotations

from amparo.apps.core import progress as shared
from amparo.apps.core.progress import Progress

__all__ = ["Progress", "progress_get", "progress_set"]


def progress_set(run_public_id: str, progress: Progress) -> None:
    shared.progress_set("linkage", run_public_id, progress)


def progress_get(run_public_id: str) -> Progress | None:
    return shared.progress_get("linkage", run_public_id)
