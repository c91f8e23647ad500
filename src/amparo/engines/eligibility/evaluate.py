"""evaluate(facts, ruleset, as_of): which classes a person belongs to and what the
agreement owes them on a date, and whether the court lets it be acted on yet."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Final

from amparo.engines.eligibility.court import ApprovalStatus, Case, CourtState
from amparo.engines.eligibility.facts import Election, PersonFacts
from amparo.engines.eligibility.logic import (
    CHILD_INTERVIEW,
    DORA_PARENT,
    ENTITLEMENTS,
    LOGIC,
    MEMBERSHIPS,
    MMM_CHILD,
    MS_L_PARENT,
    PARENT_PROCEDURES,
    Applied,
    Decided,
)
from amparo.engines.eligibility.outcomes import Answer, Evaluation, Finding, FindingKind
from amparo.engines.eligibility.ruleset import Ruleset

CASE_OF_MEMBERSHIP: Final = {MS_L_PARENT: Case.MS_L, MMM_CHILD: Case.MMM, DORA_PARENT: Case.DORA}
_YES: Final = Answer.YES
# The settlement procedures a member elects to pursue or to waive (DOMAIN.md section 4):
# nobody is interviewed on a guess about what they chose.
ELECTED_PROCEDURES: Final = frozenset({PARENT_PROCEDURES, CHILD_INTERVIEW})
_new_tuple: Final = tuple.__new__


def _no_rule(code: str, kind: FindingKind) -> Finding:
    return Finding(code, kind, Answer.NO, "no_rule_in_force", ())


def _constant(finding: Finding) -> Applied:
    def apply(facts: PersonFacts, decided: Decided) -> Finding:
        return finding

    return apply


class Evaluator:
    """The rules in force on one date, resolved and compiled once, applied to many
    people."""

    def __init__(self, ruleset: Ruleset, as_of: date, court: CourtState | None = None) -> None:
        self.ruleset = ruleset
        self.as_of = as_of
        self.court = court
        active = ruleset.in_force(as_of)
        self._memberships: list[tuple[str, Applied]] = [
            (
                code,
                LOGIC[rule.logic].compile(rule)
                if (rule := active.get(code)) is not None
                else _constant(_no_rule(code, FindingKind.MEMBERSHIP)),
            )
            for code in MEMBERSHIPS
        ]
        self._entitlements: list[tuple[Applied, tuple[Case, ...]]] = []
        for code in ENTITLEMENTS:
            rule = active.get(code)
            if rule is None:
                self._entitlements.append((_constant(_no_rule(code, FindingKind.ENTITLEMENT)), ()))
                continue
            rule_cases = rule.parameters["cases"]
            assert isinstance(rule_cases, tuple)
            self._entitlements.append(
                (LOGIC[rule.logic].compile(rule), tuple(Case(c) for c in rule_cases))
            )
        # Whether a yes can be acted on depends only on the entitlement, the person's
        # memberships and whether they are detained: worked out once for each.
        self._actionability: dict[tuple[str, tuple[str, ...], bool | None], tuple[bool, str]] = {}
        self._version = ruleset.version

    def __call__(self, facts: PersonFacts) -> Evaluation:
        decided: dict[str, Finding] = {}
        for code, apply in self._memberships:
            decided[code] = apply(facts, decided)
        findings = list(decided.values())
        members: tuple[str, ...] | None = None
        for apply, rule_cases in self._entitlements:
            finding = apply(facts, decided)
            if finding[2] is _YES:
                if finding[0] in ELECTED_PROCEDURES and facts.election is Election.WAIVE:
                    finding = _waived(finding)
                else:
                    if members is None:
                        members = tuple(c for c, f in decided.items() if f[2] is _YES)
                    finding = self._actionable(finding, rule_cases, members, facts.in_detention)
                    if (
                        finding.actionable
                        and finding[0] in ELECTED_PROCEDURES
                        and facts.election is not Election.STAY
                    ):
                        finding = finding._replace(
                            actionable=False, actionable_basis="awaiting_election"
                        )
            findings.append(finding)
        return Evaluation(facts.person_id, self.as_of, self._version, tuple(findings))

    def _actionable(
        self,
        finding: Finding,
        rule_cases: tuple[Case, ...],
        members: tuple[str, ...],
        detained: bool | None,
    ) -> Finding:
        key = (finding[0], members, detained)
        decision = self._actionability.get(key)
        if decision is None:
            decision = self._decide(finding[0], rule_cases, members, detained)
            self._actionability[key] = decision
        return _new_tuple(Finding, (*finding[:8], *decision))

    def _decide(
        self,
        code: str,
        rule_cases: tuple[Case, ...],
        members: tuple[str, ...],
        detained: bool | None,
    ) -> tuple[bool, str]:
        """Actionable only where the agreement is in force for one of the person's cases,
        or an early-processing order there reaches them."""
        if self.court is None:
            return False, "court_state_unknown"
        member_cases = [
            CASE_OF_MEMBERSHIP[m] for m in members if CASE_OF_MEMBERSHIP[m] in rule_cases
        ]
        if not member_cases:
            # The settlement acts for its class members: an answer reached through a
            # relative's class alone (the cross-effect) waits until this person is one.
            return False, "membership_required"
        cases = member_cases
        waiting: list[str] = []
        for case in cases:
            approval = self.court.approval(case)
            if approval is not None and approval.in_force(self.as_of):
                return True, f"final_approval:{case.value}"
            if approval is not None and approval.status is ApprovalStatus.REJECTED:
                # A refused agreement ends what an early order let start.
                waiting.append(f"rejected:{case.value}")
                continue
            for order in self.court.orders:
                if order.case is case and order.reaches(code, detained=detained, as_of=self.as_of):
                    return True, f"early_order:{case.value}:{order.ordered_on.isoformat()}"
            waiting.append(f"awaiting_approval:{case.value}")
        return False, ";".join(waiting)


def _waived(finding: Finding) -> Finding:
    """The member knowingly and voluntarily waived the procedures and asked for removal."""
    return finding._replace(
        answer=Answer.NO, basis="waived", facts=(*finding.facts, ("election", "waive"))
    )


def evaluate(
    facts: PersonFacts, ruleset: Ruleset, as_of: date, court: CourtState | None = None
) -> Evaluation:
    return Evaluator(ruleset, as_of, court)(facts)


def evaluate_many(
    people: Iterable[PersonFacts], ruleset: Ruleset, as_of: date, court: CourtState | None = None
) -> Iterator[Evaluation]:
    evaluator = Evaluator(ruleset, as_of, court)
    for facts in people:
        yield evaluator(facts)
