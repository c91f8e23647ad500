"""Eligibility: which settlement classes a person belongs to and what the agreement
owes them, from rules as data (ruleset.py, rulesets/*.json), with the rules and facts
behind every answer. Pure Python; the app supplies the facts and the court's state.
"""

from amparo.engines.eligibility.court import (
    APPROVED_2018,
    ApprovalStatus,
    Case,
    CaseApproval,
    CourtState,
    EarlyOrder,
    OrderScope,
)
from amparo.engines.eligibility.evaluate import (
    CASE_OF_MEMBERSHIP,
    Evaluator,
    evaluate,
    evaluate_many,
)
from amparo.engines.eligibility.facts import (
    Determination,
    Election,
    FearFinding,
    JudgeReview,
    Kin,
    Link,
    PersonFacts,
    Role,
)
from amparo.engines.eligibility.logic import (
    CHILD_INTERVIEW,
    DORA_PARENT,
    ENTITLEMENTS,
    MEMBERSHIPS,
    MMM_CHILD,
    MS_L_PARENT,
    NOTICE_TO_APPEAR,
    ORDINARY_PROCESS,
    PARENT_PROCEDURES,
    RETURN_CANDIDATE,
)
from amparo.engines.eligibility.outcomes import Answer, Evaluation, Finding, FindingKind
from amparo.engines.eligibility.ruleset import (
    DEFAULT_RULESET,
    Citation,
    Rule,
    Ruleset,
    RulesetError,
    load_ruleset,
    ruleset_from_data,
)

__all__ = [
    "APPROVED_2018",
    "CASE_OF_MEMBERSHIP",
    "CHILD_INTERVIEW",
    "DEFAULT_RULESET",
    "DORA_PARENT",
    "ENTITLEMENTS",
    "MEMBERSHIPS",
    "MMM_CHILD",
    "MS_L_PARENT",
    "NOTICE_TO_APPEAR",
    "ORDINARY_PROCESS",
    "PARENT_PROCEDURES",
    "RETURN_CANDIDATE",
    "Answer",
    "ApprovalStatus",
    "Case",
    "CaseApproval",
    "Citation",
    "CourtState",
    "Determination",
    "EarlyOrder",
    "Election",
    "Evaluation",
    "Evaluator",
    "FearFinding",
    "Finding",
    "FindingKind",
    "JudgeReview",
    "Kin",
    "Link",
    "OrderScope",
    "PersonFacts",
    "Role",
    "Rule",
    "Ruleset",
    "RulesetError",
    "evaluate",
    "evaluate_many",
    "load_ruleset",
    "ruleset_from_data",
]
