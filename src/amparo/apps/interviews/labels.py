"""What a refusal or a missing record is called on the page, in the user's language.
The engine speaks in codes (stable, logged); people read these."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from amparo.engines.interviews import RefusalReason, TransitionRefused

MISSING = {
    "counsel_or_written_waiver": gettext_lazy(
        "counsel present (in person or by telephone) or the person's written waiver"
    ),
    "interpreter_language": gettext_lazy("the language interpreted"),
    "best_language": gettext_lazy("the person's best language"),
    "m444_served": gettext_lazy("the information sheet (M-444) served"),
    "private_setting": gettext_lazy("a private setting"),
    "parent_assistance": gettext_lazy("whether a parent assisted the child"),
    "scheduled_for": gettext_lazy("the interview's time"),
    "determination": gettext_lazy("the determination"),
    "declination_recorded": gettext_lazy("the person's declination in their own words"),
    "new_interview_worksheet": gettext_lazy("the worksheet of the new interview"),
    "summary_read_back": gettext_lazy("the summary read back to the person"),
    "first_interview_worksheet": gettext_lazy(
        "the first interview, entered from its worksheet summary"
    ),
    "worksheet_dates": gettext_lazy("the dates of both interviews, in order"),
}


def missing_labels(codes: tuple[str, ...]) -> list[str]:
    return [str(MISSING.get(code, code)) for code in codes]


def refusal_message(refusal: TransitionRefused) -> str:
    if refusal.reason is RefusalReason.ILLEGAL:
        return _("Not possible from this state: %(from)s to %(to)s.") % {
            "from": refusal.from_state.value,
            "to": refusal.to_state.value,
        }
    if refusal.reason is RefusalReason.UNCONSIDERED_INCONSISTENCIES:
        return _(
            "A negative determination goes to the supervisor only once every inconsistency "
            "has a due-consideration assessment; %(count)d still lack one."
        ) % {"count": len(refusal.missing)}
    if refusal.reason is RefusalReason.WRONG_DETERMINATION:
        return _("That outcome does not follow from this determination.")
    if refusal.reason is RefusalReason.TOO_EARLY:
        return _("A no-show can be recorded only after the interview's time.")
    return _("Not yet: still missing %(items)s.") % {
        "items": "; ".join(missing_labels(refusal.missing))
    }
