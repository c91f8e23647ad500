"""A member's notice as the member reads it: the translation filled in with their
name, their cases, and the dates and counsel of those cases."""

from __future__ import annotations

from dataclasses import dataclass

from amparo.apps.core.cases import CaseCode
from amparo.apps.notices import catalogue
from amparo.apps.notices.models import CaseHearing, ClassNotice


@dataclass(frozen=True, slots=True)
class Rendered:
    translation: catalogue.Translation
    sections: tuple[catalogue.Section, ...]


def values(notice: ClassNotice, translation: catalogue.Translation) -> dict[str, str]:
    hearings = list(CaseHearing.objects.filter(case_code__in=notice.cases))
    names = [str(CaseCode(code).label) for code in notice.cases]
    joined = (
        names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {translation.joiner} {names[-1]}"
    )
    due = min((h.objections_due for h in hearings), default=None)
    heard = min((h.hearing_on for h in hearings), default=None)
    return {
        "member_name": notice.person.display_name,
        "case_names": joined,
        # The earliest of the member's cases: the one they must not miss.
        "objection_deadline": due.isoformat() if due else translation.pending,
        "hearing_date": heard.isoformat() if heard else translation.pending,
        "counsel_contact": "; ".join(h.counsel_contact for h in hearings) or translation.pending,
    }


def rendered(notice: ClassNotice, code: str | None = None) -> Rendered:
    """The notice in `code` (by default the member's written language)."""
    translation = catalogue.translations()[code or notice.written_code]
    return Rendered(translation, translation.render(values(notice, translation)))
