"""The engine's answers in plain words, English and Spanish.

The engine returns codes (which class or entitlement, why, what is missing); this is
the one place that words them, so a reader of a person's file sees a sentence and the
court can still check the code behind it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any, Final

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from amparo.apps.core.cases import CaseCode

LABELS: Final[Mapping[str, Promise]] = {
    "ms_l_parent": gettext_lazy("Ms. L. class (separated parent)"),
    "mmm_child": gettext_lazy("M.M.M. class (separated child)"),
    "dora_parent": gettext_lazy("Dora class (negative fear finding while separated)"),
    "parent_review_and_new_interview": gettext_lazy("Review and new credible fear interview"),
    "child_own_interview": gettext_lazy("Child's own interview"),
    "deported_parent_return": gettext_lazy("Candidate for return (deported parent)"),
    "notice_to_appear": gettext_lazy("Notice to Appear (parent or child positive)"),
    "ordinary_process": gettext_lazy("Ordinary credible fear process (never screened)"),
}

# Why an answer is what it is. Placeholders name facts the finding carries.
_BASIS: Final[Mapping[str, Promise]] = {
    "member": gettext_lazy("Meets the class definition."),
    "not_parent": gettext_lazy(
        "Travelled with the child as %(relationship)s, not as a parent: relatives other "
        "than parents are not class parents."
    ),
    "child_not_minor": gettext_lazy("The child was %(child_age)s on the day of separation."),
    "before_window": gettext_lazy(
        "Separated on %(separated_on)s, before the class window opens (%(window_start)s)."
    ),
    "released_before_certification": gettext_lazy(
        "The child left government custody on %(custody_ended_on)s, before the class was "
        "certified; the class as defined on this date does not reach them."
    ),
    "excluded": gettext_lazy(
        "Excluded by a recorded determination (%(exclusion)s) that the parent is unfit or "
        "a danger to the child."
    ),
    "not_detained": gettext_lazy("Not held by DHS after the separation."),
    "parent_not_adult": gettext_lazy(
        "Was %(parent_age)s on the day of separation: the parent class is of adults."
    ),
    "waived": gettext_lazy(
        "The member knowingly and voluntarily waived the settlement procedures and asked "
        "to be removed."
    ),
    "no_separation_as_adult": gettext_lazy("No separation from a child on record."),
    "no_separation_as_child": gettext_lazy("No separation from a parent on record."),
    "no_separation": gettext_lazy("No parent-child separation on record."),
    "never_screened": gettext_lazy("No credible or reasonable fear screening on record."),
    "no_negative_finding": gettext_lazy("No negative fear finding on record."),
    "interview_not_while_separated": gettext_lazy(
        "The negative fear interview did not take place while parent and child were apart."
    ),
    "needs_facts": gettext_lazy("Cannot be decided yet."),
    "membership_unknown": gettext_lazy("Class membership is not settled yet."),
    "not_class_member": gettext_lazy("Not a member of a class this applies to."),
    "positive_finding": gettext_lazy(
        "The fear finding on record is positive (%(finding)s): the procedures do not change it."
    ),
    "removed": gettext_lazy(
        "Removed from the United States on %(removed_on)s: not in the procedures here."
    ),
    "negative_finding_in_us": gettext_lazy(
        "Negative finding (%(finding)s, interviewed %(interviewed_on)s) and in the "
        "United States: owed a good-faith review and a new interview."
    ),
    "own_claim": gettext_lazy("Has a claim of their own and is in the United States."),
    "no_own_claim": gettext_lazy("Recorded as having no claim of their own."),
    "in_united_states": gettext_lazy("In the United States: the interview procedures apply."),
    "removed_with_child": gettext_lazy("Removed together with the child."),
    "removed_without_child": gettext_lazy(
        "Removed on %(removed_on)s without the child: class counsel may present the case "
        "for return within %(presentation_days)s days."
    ),
    "own_positive": gettext_lazy("Own fear finding is positive (%(finding)s)."),
    "relative_positive": gettext_lazy(
        "The separated parent or child was found to have fear (%(relative_finding)s): "
        "both get a Notice to Appear."
    ),
    "no_positive_finding": gettext_lazy("Neither parent nor child has a positive finding."),
    "screened": gettext_lazy("Already screened for fear: %(findings)s screening(s)."),
    "no_rule_in_force": gettext_lazy("No rule for this is in force on that date."),
}

_MISSING: Final[Mapping[str, Promise]] = {
    "relationship_to_child": gettext_lazy("how the adult is related to the child"),
    "link_confirmed": gettext_lazy("a reviewer's decision on the parent-child link"),
    "separation_date": gettext_lazy("the date of separation"),
    "child_date_of_birth": gettext_lazy("the child's date of birth"),
    "child_custody": gettext_lazy("whether the child was still in government custody"),
    "detained_by_dhs": gettext_lazy("whether DHS held the parent"),
    "interview_date": gettext_lazy("the date of the fear interview"),
    "child_own_claim": gettext_lazy("whether the child has an asylum claim of their own"),
    "date_of_birth": gettext_lazy("the person's date of birth"),
    "parent_link": gettext_lazy(
        "the parent this child was separated from (an agency record says the child was "
        "separated, but identification has not linked the parent yet)"
    ),
    "fear_finding_outcome": gettext_lazy("the outcome of the fear screening on record"),
    "relative_fear_finding_outcome": gettext_lazy(
        "the outcome of the separated relative's fear screening"
    ),
}

_RELATIONSHIPS: Final[Mapping[str, Promise]] = {
    "aunt_uncle": gettext_lazy("an aunt or uncle"),
    "grandparent": gettext_lazy("a grandparent"),
    "sibling": gettext_lazy("an adult sibling"),
    "other": gettext_lazy("another adult"),
}


def label(code: str) -> str:
    return str(LABELS.get(code, code))


def missing_text(missing: list[str]) -> str:
    return ", ".join(str(_MISSING.get(m, m)) for m in missing)


def basis_text(basis: str, facts: Mapping[str, str], missing: list[str]) -> str:
    if basis in ("needs_facts", "membership_unknown") and missing:
        return _("Unknown: needs %(what)s.") % {"what": missing_text(missing)}
    template = str(_BASIS.get(basis, basis))
    values: dict[str, Any] = {key: value or "—" for key, value in facts.items()}
    if "relationship" in values:
        values["relationship"] = str(
            _RELATIONSHIPS.get(values["relationship"], values["relationship"])
        )
    try:
        return template % values
    except (KeyError, TypeError, ValueError):
        # A fact a sentence names is absent: say what is known rather than fail the page.
        return str(_BASIS.get(basis, basis)).split("%(")[0].rstrip(" (:,") + "."


_ACTIONABLE: Final[Mapping[str, Promise]] = {
    "final_approval": gettext_lazy(
        "Actionable now: the agreement is finally approved in %(case)s."
    ),
    "early_order": gettext_lazy(
        "Actionable now under the early-processing order of %(date)s in %(case)s."
    ),
    "rejected": gettext_lazy(
        "Not actionable: the court refused to approve the agreement in %(case)s."
    ),
    "awaiting_election": gettext_lazy(
        "Not actionable yet: no election form returned. This is not a waiver; the member "
        "must choose to stay before anything is scheduled."
    ),
    "membership_required": gettext_lazy(
        "Not actionable: owed through a separated relative's class, but this person is not "
        "a class member themselves."
    ),
    "hidden": gettext_lazy("Not actionable yet: the agreement awaits final approval."),
    "court_state_unknown": gettext_lazy(
        "Not actionable: the court's state was not known to this run."
    ),
    "awaiting_approval": gettext_lazy(
        "Not actionable yet: the agreement awaits final approval in %(case)s."
    ),
}


def actionable_text(basis: str, cases: Collection[str] | None = None) -> str:
    """Why a yes can (or cannot yet) be acted on: `kind:case[:date]`, the first of
    several cases when none allows it. `cases`: the only cases the reader may know of
    (counsel's own); a reason naming another case is worded without it."""
    if not basis:
        return ""
    reasons = basis.split(";")
    if cases is not None:
        named = [r for r in reasons if len(r.split(":")) < 2 or r.split(":")[1] in cases]
        if not named:
            actionable = reasons[0].startswith(("final_approval", "early_order"))
            return _("Actionable now.") if actionable else str(_ACTIONABLE["hidden"])
        reasons = named
    parts = reasons[0].split(":")
    case = str(CaseCode(parts[1]).label) if len(parts) > 1 and parts[1] in CaseCode.values else ""
    template = _ACTIONABLE.get(parts[0], _ACTIONABLE["awaiting_approval"])
    return str(template) % {"case": case, "date": parts[2] if len(parts) > 2 else "—"}
