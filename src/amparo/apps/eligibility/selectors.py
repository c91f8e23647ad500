"""Reads of eligibility, scoped: a person's answers only through a person the user
may see; rosters only of cases the user may see; counsel never see another case's
membership of a person."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from django.db.models import QuerySet
from django.http import Http404

from amparo.apps.accounts.models import Role, User
from amparo.apps.accounts.roles import sees_whole_registry
from amparo.apps.core.cases import CaseCode
from amparo.apps.eligibility.models import (
    ANSWER_COLUMNS,
    MEMBERSHIP_CASES,
    EligibilityRun,
    PersonEligibility,
)
from amparo.apps.eligibility.reasons import actionable_text, basis_text, label
from amparo.apps.eligibility.state import current_ruleset
from amparo.apps.registry.models import Person
from amparo.apps.registry.selectors import people_visible_to, unmerged
from amparo.engines.eligibility import Rule, Ruleset, RulesetError

CASE_MEMBERSHIP: Final = {case: code for code, case in MEMBERSHIP_CASES.items()}


@dataclass(frozen=True, slots=True)
class ShownRule:
    ref: str
    citation: str
    summary: str


@dataclass(frozen=True, slots=True)
class ShownFinding:
    code: str
    label: str
    answer: str
    reason: str
    facts: list[tuple[str, str]]
    rules: list[ShownRule]
    actionable: bool
    actionable_text: str


@dataclass(frozen=True, slots=True)
class ShownEligibility:
    as_of: str
    ruleset_version: str
    memberships: list[ShownFinding]
    entitlements: list[ShownFinding]
    earlier_versions: int


def _cases_seen_by(user: User) -> set[str]:
    if user.role == Role.CLASS_COUNSEL:
        return set(user.case_codes())
    return set(CaseCode.values)


def _rules(refs: list[str], ruleset: Ruleset) -> list[ShownRule]:
    shown = []
    for ref in refs:
        rule_id, _at, version = ref.partition("@")
        try:
            rule: Rule = ruleset.rule(rule_id, int(version) if version.isdigit() else None)
        except RulesetError:
            shown.append(ShownRule(ref, "", ""))
            continue
        shown.append(ShownRule(ref, str(rule.citation), rule.summary))
    return shown


# Facts about the other side of a separation: shown only to a user who may see that
# person (a relative's fear finding is the relative's asylum information, 8 CFR 208.6).
RELATIVE_FACTS: Final = frozenset({"relative", "relative_finding"})


def _shown_facts(
    raw: list[list[str]], cases: set[str], relatives: dict[str, str]
) -> list[tuple[str, str]]:
    facts = [(str(k), str(v)) for k, v in raw]
    if any(k == "relative" and v not in relatives for k, v in facts):
        facts = [(k, v) for k, v in facts if k not in RELATIVE_FACTS]
    shown = []
    for key, value in facts:
        text = value
        if key == "member_of":
            # Counsel see only their own cases' memberships, also inside an entitlement.
            text = ",".join(c for c in value.split(",") if MEMBERSHIP_CASES.get(c) in cases)
        elif key == "relative":
            text = relatives[value]
        shown.append((key, text))
    return shown


def _shown(
    finding: dict[str, Any],
    cases: set[str],
    relatives: dict[str, str],
    counsel: bool,
    ruleset: Ruleset,
) -> ShownFinding:
    facts = _shown_facts(finding.get("facts", []), cases, relatives)
    return ShownFinding(
        code=finding["code"],
        label=label(finding["code"]),
        answer=finding["answer"],
        reason=basis_text(finding["basis"], dict(facts), list(finding.get("missing", []))),
        facts=facts,
        rules=_rules(list(finding.get("rules", [])), ruleset),
        actionable=bool(finding.get("actionable")),
        actionable_text=actionable_text(
            finding.get("actionable_basis", ""), cases if counsel else None
        )
        if finding["answer"] == "yes"
        else "",
    )


def eligibility_for_person(*, user: User, person: Person) -> ShownEligibility | None:
    """The person's current answers as the user may see them (the caller has already
    fetched `person` through `person_get_for_user`)."""
    if not people_visible_to(user).filter(pk=person.pk).exists():
        raise Http404("No such person")
    current = PersonEligibility.objects.filter(person=person, superseded_at__isnull=True).first()
    if current is None:
        return None
    cases = _cases_seen_by(user)
    counsel = user.role == Role.CLASS_COUNSEL
    # Read once per page: the citations of every finding come from it.
    ruleset = current_ruleset()
    # Relatives named in the facts (by internal id), as the user may see them: by name.
    named = {
        int(v)
        for f in current.findings
        for k, v in f.get("facts", [])
        if k == "relative" and str(v).isdigit()
    }
    relatives = {
        str(pk): name
        for pk, name in (
            (p.pk, p.display_name) for p in people_visible_to(user).filter(pk__in=named)
        )
    }
    memberships = [
        _shown(f, cases, relatives, counsel, ruleset)
        for f in current.findings
        if f["kind"] == "membership" and MEMBERSHIP_CASES.get(f["code"]) in cases
    ]
    entitlements = [
        _shown(f, cases, relatives, counsel, ruleset)
        for f in current.findings
        if f["kind"] == "entitlement"
    ]
    earlier = PersonEligibility.objects.filter(person=person, superseded_at__isnull=False).count()
    return ShownEligibility(
        as_of=current.as_of.isoformat(),
        ruleset_version=current.ruleset_version,
        memberships=memberships,
        entitlements=entitlements,
        earlier_versions=earlier,
    )


def roster_cases_for(user: User) -> list[tuple[str, str]]:
    seen = _cases_seen_by(user)
    return [(value, str(name)) for value, name in CaseCode.choices if value in seen]


ROSTER_ANSWERS: Final = ("member", "yes", "unknown", "no")


def roster_for(
    *,
    user: User,
    case_code: str,
    answer: str = "member",
    entitlement: str = "",
    actionable_only: bool = False,
) -> QuerySet[PersonEligibility]:
    """Current answers for one case's people, scoped to what the user may see.
    `answer`: member (yes or unknown), yes, unknown or no."""
    if case_code not in _cases_seen_by(user):
        raise Http404("No such roster")
    column = ANSWER_COLUMNS[CASE_MEMBERSHIP[case_code]]
    # The current people through the join the page needs anyway (see `unmerged`), and
    # the scope only when it is not everyone: a list of every person's id built for
    # each page was half the page's time (bench/load.py).
    rows = unmerged(PersonEligibility.objects.filter(superseded_at__isnull=True), "person__")
    if not sees_whole_registry(user):
        rows = rows.filter(person__in=people_visible_to(user).values("id"))
    if answer == "member":
        rows = rows.exclude(**{column: "no"})
    elif answer in ("yes", "unknown", "no"):
        rows = rows.filter(**{column: answer})
    if entitlement in ANSWER_COLUMNS and entitlement not in MEMBERSHIP_CASES:
        rows = rows.filter(**{ANSWER_COLUMNS[entitlement]: "yes"})
    if actionable_only:
        rows = rows.filter(actionable=True)
    return rows.select_related("person").order_by(
        "person__surnames", "person__given_names", "person_id"
    )


def runs_recent(limit: int = 20) -> QuerySet[EligibilityRun]:
    return EligibilityRun.objects.select_related("requested_by").order_by("-created_at", "-id")[
        :limit
    ]
