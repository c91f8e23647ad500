"""What the returns app adds to pages of the apps it is built on, by their signals."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver
from django.utils.translation import gettext as _

from amparo.apps.interviews.models import Interview
from amparo.apps.interviews.signals import interview_page_notes
from amparo.apps.registry.models import Separation
from amparo.apps.returns.models import ReturnCase
from amparo.engines.interviews import Subject


@receiver(interview_page_notes, dispatch_uid="returns.phone_participation")
def parents_by_telephone(sender: Any, interview: Interview, **_kwargs: Any) -> list[str]:
    """On a child's interview: each parent outside the United States who joins by
    telephone, with the number and the language the officer will need."""
    if interview.subject != Subject.CHILD.value:
        return []
    parents = Separation.objects.filter(child=interview.person, superseded_at__isnull=True).values(
        "parent_id"
    )
    cases = ReturnCase.objects.filter(person__in=parents, phone_participation=True).select_related(
        "person"
    )
    return [
        _(
            "%(name)s (parent, outside the United States) joins by telephone: %(number)s, "
            "in %(language)s."
        )
        % {
            "name": case.person.display_name,
            "number": case.phone_number,
            "language": case.phone_language or "—",
        }
        for case in cases
    ]
