"""Reads of runs and the review queue, scoped to the user."""

from __future__ import annotations

from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404

from amparo.apps.accounts.models import User
from amparo.apps.accounts.roles import reviews_links, runs_identification
from amparo.apps.linkage.models import LinkageRun, ReviewItem
from amparo.apps.registry.selectors import people_visible_to


def runs_visible_to(user: User) -> QuerySet[LinkageRun]:
    if not runs_identification(user):
        return LinkageRun.objects.none()
    return LinkageRun.objects.select_related("started_by")


def run_get_for_user(*, user: User, public_id: UUID | str) -> LinkageRun:
    try:
        return runs_visible_to(user).get(public_id=public_id)
    except (LinkageRun.DoesNotExist, ValidationError, ValueError) as missing:
        raise Http404("No such run") from missing


def review_queue_for(user: User) -> QuerySet[ReviewItem]:
    """Open questions about people the user may see, on both sides: deciding
    needs both files."""
    if not reviews_links(user):
        return ReviewItem.objects.none()
    visible = people_visible_to(user).values("id")
    return (
        ReviewItem.objects.filter(closed_at__isnull=True)
        .filter(left_person__in=visible, right_person__in=visible)
        .select_related("left_person", "right_person", "left_record", "right_record")
        .order_by("-score", "id")
    )


def review_item_get_for_user(*, user: User, item_id: int) -> ReviewItem:
    try:
        return review_queue_for(user).get(pk=item_id)
    except ReviewItem.DoesNotExist as missing:
        raise Http404("No such question") from missing
