"""What a refusal or a missing record is called on the page, in the user's language.
The engine speaks in codes (stable, logged); people read these."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from amparo.apps.interviews.forms import GROUND_LABELS
from amparo.apps.interviews.models import InterviewState
from amparo.engines.consistency import Kind, Severity, Topic
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


KINDS: dict[str, object] = {
    Kind.CONTRADICTION: gettext_lazy("Contradiction"),
    Kind.OMISSION: gettext_lazy("Omission: told now, not then"),
    Kind.DROPPED: gettext_lazy("Told then, not now"),
}
TOPICS: dict[str, object] = {
    Topic.HARM: gettext_lazy("a harm"),
    Topic.HARM_TYPE: gettext_lazy("the kind of harm"),
    Topic.DATE: gettext_lazy("the date"),
    Topic.PLACE: gettext_lazy("the place"),
    Topic.PERPETRATOR: gettext_lazy("who did it"),
    Topic.PROTECTED_GROUND: gettext_lazy("a protected ground"),
    Topic.FEAR_OF_PERSECUTION: gettext_lazy("fear of persecution"),
    Topic.FEAR_OF_TORTURE: gettext_lazy("fear of torture"),
    Topic.INTERNAL_RELOCATION: gettext_lazy("internal relocation"),
    Topic.STATE_PROTECTION: gettext_lazy("state protection"),
}
SEVERITIES: dict[str, object] = {
    Severity.HIGH: gettext_lazy("may weigh heavily"),
    Severity.MEDIUM: gettext_lazy("may weigh"),
    Severity.LOW: gettext_lazy("minor"),
}
REASONS: dict[str, object] = {
    RefusalReason.ILLEGAL: gettext_lazy("not possible from that state"),
    RefusalReason.MISSING_RECORDS: gettext_lazy("records missing"),
    RefusalReason.UNCONSIDERED_INCONSISTENCIES: gettext_lazy(
        "inconsistencies without due consideration"
    ),
    RefusalReason.WRONG_DETERMINATION: gettext_lazy("does not follow from the determination"),
    RefusalReason.TOO_EARLY: gettext_lazy("before the interview's time"),
}
FLAGS: dict[str, object] = {
    "interpreter_mismatch": gettext_lazy("Not interviewed in the person's best language"),
    "counsel_notice_short": gettext_lazy("Counsel was told later than the required lead time"),
    "ij_request_late": gettext_lazy("The judge's review was requested after the window"),
    "no_counsel_reachable": gettext_lazy(
        "No counsel of record could be told of this time (none on record, or no address)"
    ),
    "cross_effect_pending": gettext_lazy(
        "Credible fear was found for a linked parent or child: a Notice to Appear will "
        "follow for this person too"
    ),
    "cross_effect_notice": gettext_lazy(
        "A Notice to Appear was issued by the cross-effect of a linked family member's interview"
    ),
}


def _label(table: dict[str, object], code: str) -> str:
    return str(table.get(code, code))


def grounds_label(codes: list[str] | str) -> str:
    """Protected grounds as words: a worksheet's list, or an inconsistency's value."""
    items = codes.split(", ") if isinstance(codes, str) else codes
    words = {ground.value: label for ground, label in GROUND_LABELS.items()}
    return ", ".join(str(words.get(code, code)) for code in items if code)


def missing_label(codes: list[str]) -> str:
    return "; ".join(missing_labels(tuple(codes)))


def state_label(code: str) -> str:
    try:
        return str(InterviewState(code).label)
    except ValueError:
        return code


def inconsistency_kind_label(code: str) -> str:
    return _label(KINDS, code)


def topic_label(code: str) -> str:
    return _label(TOPICS, code)


def severity_label(code: str) -> str:
    return _label(SEVERITIES, code)


def refusal_reason_label(code: str) -> str:
    return _label(REASONS, code)


def flag_label(code: str) -> str:
    return _label(FLAGS, code)


def refusal_message(refusal: TransitionRefused) -> str:
    if refusal.reason is RefusalReason.ILLEGAL:
        return _("Not possible from this state: %(from)s to %(to)s.") % {
            "from": state_label(refusal.from_state.value),
            "to": state_label(refusal.to_state.value),
        }
    if refusal.reason is RefusalReason.UNCONSIDERED_INCONSISTENCIES:
        count = len(refusal.missing)
        return ngettext(
            "A negative determination goes to the supervisor only once every inconsistency "
            "has a due-consideration assessment; %(count)d still lacks one.",
            "A negative determination goes to the supervisor only once every inconsistency "
            "has a due-consideration assessment; %(count)d still lack one.",
            count,
        ) % {"count": count}
    if refusal.reason is RefusalReason.WRONG_DETERMINATION:
        return _("That outcome does not follow from this determination.")
    if refusal.reason is RefusalReason.TOO_EARLY:
        return _("A no-show can be recorded only after the interview's time.")
    return _("Not yet: still missing %(items)s.") % {
        "items": "; ".join(missing_labels(refusal.missing))
    }
