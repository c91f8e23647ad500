"""Where each case's agreement stands before the court, as plain data.

The agreement binds in a case only once the judge finally approves it there; before
that, an order may let some of it start early (in 2018 the judge ordered interviews of
detained families to begin before final approval).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Case(StrEnum):
    MS_L = "ms_l"
    MMM = "mmm"
    DORA = "dora"


class ApprovalStatus(StrEnum):
    LODGED = "lodged"
    PRELIMINARY = "preliminary"
    FINAL = "final"
    REJECTED = "rejected"


class OrderScope(StrEnum):
    """Whom an early-processing order reaches."""

    EVERYONE = "everyone"
    DETAINED = "detained"


@dataclass(frozen=True, slots=True)
class EarlyOrder:
    case: Case
    ordered_on: date
    scope: OrderScope
    # Entitlement codes the order lets start; empty means every entitlement.
    entitlements: frozenset[str] = frozenset()
    reference: str = ""

    def reaches(self, entitlement: str, *, detained: bool | None, as_of: date) -> bool:
        if self.ordered_on > as_of:
            return False
        if self.entitlements and entitlement not in self.entitlements:
            return False
        return self.scope is OrderScope.EVERYONE or detained is True


@dataclass(frozen=True, slots=True)
class CaseApproval:
    case: Case
    status: ApprovalStatus
    lodged_on: date | None = None
    preliminary_on: date | None = None
    final_on: date | None = None
    rejected_on: date | None = None

    def in_force(self, as_of: date) -> bool:
        return (
            self.status is ApprovalStatus.FINAL
            and self.final_on is not None
            and self.final_on <= as_of
        )


@dataclass(frozen=True, slots=True)
class CourtState:
    approvals: tuple[CaseApproval, ...]
    orders: tuple[EarlyOrder, ...] = ()

    def approval(self, case: Case) -> CaseApproval | None:
        for approval in self.approvals:
            if approval.case is case:
                return approval
        return None


# The history as it happened: lodged 2018-09-12, preliminary approval 2018-10-09, final
# approval 2018-11-15 (DOMAIN.md section 2); the same in each case.
APPROVED_2018 = CourtState(
    approvals=tuple(
        CaseApproval(
            case,
            ApprovalStatus.FINAL,
            lodged_on=date(2018, 9, 12),
            preliminary_on=date(2018, 10, 9),
            final_on=date(2018, 11, 15),
        )
        for case in Case
    )
)
