"""evaluate(facts, ruleset, as_of): which classes a person belongs to and what the
agreement owes them on a date, and whether the court lets it be acted on yet."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Final

from amparo.engines.eligibility.court import ApprovalStatus, Case, CourtState
from amparo.engines.eligibility.facts import PersonFacts
from amparo.engines.eligibility.logic import (
    DORA_PARENT,
    ENTITLEMENTS,
    LOGIC,
    MEMBERSHIPS,
    MMM_CHILD,
    MS_L_PARENT,
)
from amparo.engines.eligibility.outcomes import Answer, Evaluation, Finding, FindingKind
from amparo.engines.eligibility.ruleset import Rule, Ruleset

CASE_OF_MEMBERSHIP: Final = {MS_L_PARENT: Case.MS_L, MMM_CHILD: Case.MMM, DORA_PARENT: Case.DORA}


def _no_rule(code: str, kind: FindingKind) -> Finding:
    return Finding(code, kind, Answer.NO, "no_rule_in_force", ())


class Evaluator:
    """The rules in force on one date, resolved once, applied to many people."""

    def __init__(self, ruleset: Ruleset, as_of: date, court: CourtState | None = None) -> None:
        self.ruleset = ruleset
        self.as_of = as_of
        self.court = court
        active = ruleset.in_force(as_of)
        self._memberships: list[tuple[str, Rule | None]] = [
            (code, active.get(code)) for code in MEMBERSHIPS
        ]
        self._entitlements: list[tuple[str, Rule | None]] = [
            (code, active.get(code)) for code in ENTITLEMENTS
        ]

    def __call__(self, facts: PersonFacts) -> Evaluation:
        decided: dict[str, Finding] = {}
        for code, rule in self._memberships:
            decided[code] = (
                LOGIC[rule.logic].apply(facts, rule, decided)
                if rule is not None
                else _no_rule(code, FindingKind.MEMBERSHIP)
            )
        findings = list(decided.values())
        for code, rule in self._entitlements:
            if rule is None:
                findings.append(_no_rule(code, FindingKind.ENTITLEMENT))
                continue
            finding = LOGIC[rule.logic].apply(facts, rule, decided)
            if finding.answer is Answer.YES:
                finding = self._actionable(finding, rule, decided, facts)
            findings.append(finding)
        return Evaluation(facts.person_id, self.as_of, self.ruleset.version, tuple(findings))

    def _actionable(
        self, finding: Finding, rule: Rule, decided: dict[str, Finding], facts: PersonFacts
    ) -> Finding:
        """Actionable only where the agreement is in force for one of the person's cases,
        or an early-processing order there reaches them."""
        if self.court is None:
            return _with(finding, actionable=False, basis="court_state_unknown")
        rule_cases = rule.parameters["cases"]
        assert isinstance(rule_cases, tuple)
        member_cases = [
            CASE_OF_MEMBERSHIP[code]
            for code, found in decided.items()
            if found.answer is Answer.YES and CASE_OF_MEMBERSHIP[code] in rule_cases
        ]
        # The cross-effect may reach a person through a relative's class alone.
        cases = member_cases or [Case(c) for c in rule_cases]
        waiting: list[str] = []
        for case in cases:
            approval = self.court.approval(case)
            if approval is not None and approval.in_force(self.as_of):
                return _with(finding, actionable=True, basis=f"final_approval:{case.value}")
            for order in self.court.orders:
                if order.case is case and order.reaches(
                    finding.code, detained=facts.detained_by_dhs, as_of=self.as_of
                ):
                    return _with(
                        finding,
                        actionable=True,
                        basis=f"early_order:{case.value}:{order.ordered_on.isoformat()}",
                    )
            rejected = approval is not None and approval.status is ApprovalStatus.REJECTED
            waiting.append(f"{'rejected' if rejected else 'awaiting_approval'}:{case.value}")
        return _with(finding, actionable=False, basis=";".join(waiting))


def _with(finding: Finding, *, actionable: bool, basis: str) -> Finding:
    return finding._replace(actionable=actionable, actionable_basis=basis)


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
