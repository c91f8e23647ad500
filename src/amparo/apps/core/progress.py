"""Progress of long work (imports, linkage runs), kept outside the database.

The work writes in one transaction; progress written to the database would
stay invisible until the end (and on SQLite would wait for the writer's
lock). The cache (file-based by default, so the worker and the web share it)
is seen at once by every process.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.core.cache import cache

_TTL_SECONDS = 24 * 3600


@dataclass(frozen=True, slots=True)
class Progress:
    rows_done: int
    rows_estimated: int
    phase: str

    @property
    def percent(self) -> int:
        if self.rows_estimated <= 0:
            return 0
        return min(100, round(100 * self.rows_done / self.rows_estimated))


def _key(kind: str, public_id: str) -> str:
    return f"amparo:progress:{kind}:{public_id}"


def progress_set(kind: str, public_id: str, progress: Progress) -> None:
    cache.set(_key(kind, public_id), asdict(progress), _TTL_SECONDS)


def progress_get(kind: str, public_id: str) -> Progress | None:
    value = cache.get(_key(kind, public_id))
    if not isinstance(value, dict):
        return None
    return Progress(**value)
