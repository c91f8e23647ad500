"""Reads of class notice, scoped to the people the user may see, and the figures for
the court's notice declaration (each member counted once)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import QuerySet

from amparo.apps.accounts.models import User
from amparo.apps.notices.models import ClassNotice, DeliveryOutcome
from amparo.apps.registry.selectors import people_visible_to

ORAL = "oral"
NO_ATTEMPT = "no_attempt"
NEEDS_ORAL = "needs_oral"


def notices_visible_to(user: User) -> QuerySet[ClassNotice]:
    return ClassNotice.objects.filter(person__in=people_visible_to(user).values("pk"))


@dataclass(slots=True)
class Declaration:
    """Members given notice; reached (by the first way that reached them, and the
    language it was in); not reached, by why not."""

    members: int = 0
    reached_by_method: Counter[str] = field(default_factory=Counter)
    reached_by_language: Counter[str] = field(default_factory=Counter)
    not_reached: Counter[str] = field(default_factory=Counter)

    @property
    def reached(self) -> int:
        return sum(self.reached_by_method.values())


def reached_by(notice: ClassNotice) -> tuple[str, str] | None:
    """(method, language) of the first notice that reached the member in a way they
    could understand, or None. Uses prefetched deliveries and oral notices."""
    ways: list[tuple[object, str, str]] = [
        (o.given_at, ORAL, o.language) for o in notice.oral.all()
    ]
    if notice.reads_written:
        ways += [
            (d.at, d.method, notice.written_code)
            for d in notice.deliveries.all()
            if d.outcome == DeliveryOutcome.DELIVERED
        ]
    if not ways:
        return None
    _when, method, language = min(ways, key=lambda w: w[0])  # type: ignore[arg-type,return-value]
    return method, language


def why_not(notice: ClassNotice) -> str:
    if not notice.reads_written:
        return NEEDS_ORAL
    attempts = list(notice.deliveries.all())
    return attempts[-1].outcome if attempts else NO_ATTEMPT


def declaration(notices: QuerySet[ClassNotice]) -> Declaration:
    out = Declaration()
    for notice in notices.prefetch_related("deliveries", "oral").iterator(chunk_size=2000):
        out.members += 1
        reached = reached_by(notice)
        if reached is None:
            out.not_reached[why_not(notice)] += 1
        else:
            method, language = reached
            out.reached_by_method[method] += 1
            out.reached_by_language[language] += 1
    return out
