"""What an evaluation says about one person: memberships and entitlements, each with
the rules and facts that produced it and the facts that were missing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from amparo.engines.eligibility.court import Case


class Answer(StrEnum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


class FindingKind(StrEnum):
    MEMBERSHIP = "membership"
    ENTITLEMENT = "entitlement"


class Finding(NamedTuple):
    """One answer: `code` names the class or entitlement, `basis` why (a reason code
    the app words in English and Spanish), `facts` the (name, value) pairs it rests on,
    `missing` what would settle an unknown, `rule_ids` as `rule@version`.

    A named tuple rather than a frozen dataclass: a bulk run makes eight per person,
    and a frozen dataclass's constructor is several times slower."""

    code: str
    kind: FindingKind
    answer: Answer
    basis: str
    rule_ids: tuple[str, ...]
    facts: tuple[tuple[str, str], ...] = ()
    missing: tuple[str, ...] = ()
    case: Case | None = None
    # Whether the agreement lets it be acted on now, and why (see evaluate._actionable).
    actionable: bool = False
    actionable_basis: str = ""


@dataclass(frozen=True, slots=True)
class Evaluation:
    person_id: str
    as_of: date
    ruleset_version: str
    findings: tuple[Finding, ...]

    @property
    def memberships(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.kind is FindingKind.MEMBERSHIP)

    @property
    def entitlements(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.kind is FindingKind.ENTITLEMENT)

    def get(self, code: str) -> Finding:
        for finding in self.findings:
            if finding.code == code:
                return finding
        raise KeyError(code)

    def answer(self, code: str) -> Answer:
        return self.get(code).answer
