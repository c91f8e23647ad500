"""The rules and the court's state in force now: the shipped ruleset with every
recorded parameter change applied, and each case's approval with its early orders."""

from __future__ import annotations

from typing import Any, Final

from amparo.apps.eligibility.models import EarlyProcessingOrder, RuleParameterChange
from amparo.apps.registry.models import CourtStatus, SettlementCase
from amparo.engines.eligibility import (
    DEFAULT_RULESET,
    ApprovalStatus,
    Case,
    CaseApproval,
    CourtState,
    EarlyOrder,
    OrderScope,
    Ruleset,
    load_ruleset,
)

_APPROVAL: Final = {
    CourtStatus.FILED: ApprovalStatus.LODGED,
    CourtStatus.CLASS_CERTIFIED: ApprovalStatus.LODGED,
    CourtStatus.AGREEMENT_LODGED: ApprovalStatus.LODGED,
    CourtStatus.PRELIMINARY_APPROVAL: ApprovalStatus.PRELIMINARY,
    CourtStatus.FINAL_APPROVAL: ApprovalStatus.FINAL,
    CourtStatus.REJECTED: ApprovalStatus.REJECTED,
}


def current_ruleset() -> Ruleset:
    ruleset = load_ruleset(DEFAULT_RULESET)
    for change in RuleParameterChange.objects.filter(ruleset=ruleset.name).order_by(
        "changed_at", "id"
    ):
        ruleset = ruleset.with_parameter(
            change.rule_id, change.name, change.value, version=change.rule_version
        )
    return ruleset


def current_court_state() -> CourtState:
    approvals = tuple(
        CaseApproval(
            Case(case.code),
            _APPROVAL[CourtStatus(case.court_status)],
            lodged_on=case.agreement_lodged_on,
            preliminary_on=case.preliminary_approval_on,
            final_on=case.final_approval_on,
            rejected_on=case.rejected_on,
        )
        for case in SettlementCase.objects.all()
    )
    orders = tuple(
        EarlyOrder(
            Case(order.case_code),
            order.ordered_on,
            OrderScope(order.scope),
            frozenset(order.entitlements or ()),
            order.reference,
        )
        for order in EarlyProcessingOrder.objects.all()
    )
    return CourtState(approvals, orders)


def court_state_record(state: CourtState) -> dict[str, Any]:
    """The court's state as a run records it (JSON)."""
    return {
        "approvals": [
            {
                "case": a.case.value,
                "status": a.status.value,
                "final_on": a.final_on.isoformat() if a.final_on else None,
            }
            for a in state.approvals
        ],
        "orders": [
            {
                "case": o.case.value,
                "ordered_on": o.ordered_on.isoformat(),
                "scope": o.scope.value,
                "entitlements": sorted(o.entitlements),
                "reference": o.reference,
            }
            for o in state.orders
        ],
    }
