"""Retention rules as data: which kinds of personal data, about whom, how long after
the settlement ends (or after a member's case closes), and what happens to them.

A rule set is read from JSON and checked before anything runs: a rule that names an
unknown kind, an action that kind does not allow, a period that is not a whole
number of days, or a minors' rule that would run after an adults' rule is refused
with a message naming the rule and the field. The rule set's SHA-256 (of its
canonical JSON) is what a retention run records, so a run names exactly the rules
it applied.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from importlib import resources
from typing import Any, Final

DEFAULT_RULE_SET: Final = "retention-v1"
_ID: Final = re.compile(r"[a-z0-9][a-z0-9._-]*")


class DataKind(StrEnum):
    """What a cell holds. The first seven are about one person of the registry; the
    rest are not attributed to anyone the registry knows."""

    NAMES = "names"
    DATE_OF_BIRTH = "date_of_birth"
    A_NUMBER = "a_number"
    CONTACTS = "contacts"
    FREE_TEXT = "free_text"
    FILES = "files"
    INTERVIEW_RECORDS = "interview_records"
    SCREENER_CONTACTS = "screener_contacts"
    CREDENTIALS = "credentials"
    EXTRACT_FILES = "extract_files"
    IMPORT_ISSUES = "import_issues"


ATTRIBUTED_KINDS: Final = frozenset(
    {
        DataKind.NAMES,
        DataKind.DATE_OF_BIRTH,
        DataKind.A_NUMBER,
        DataKind.CONTACTS,
        DataKind.FREE_TEXT,
        DataKind.FILES,
        DataKind.INTERVIEW_RECORDS,
    }
)


class Action(StrEnum):
    DELETE = "delete"
    ANONYMISE = "anonymise"
    GENERALISE_DOB = "generalise_dob"
    REDACT = "redact"
    DELETE_FILE = "delete_file"


# What each kind allows. Deleting a person's name or date of birth cell means
# emptying it (the row stays: links and audit events point at it); deleting a
# screener contact or a credential removes the row.
ALLOWED_ACTIONS: Final[Mapping[DataKind, frozenset[Action]]] = {
    DataKind.NAMES: frozenset({Action.ANONYMISE, Action.REDACT}),
    DataKind.DATE_OF_BIRTH: frozenset({Action.GENERALISE_DOB, Action.DELETE}),
    DataKind.A_NUMBER: frozenset({Action.ANONYMISE, Action.DELETE}),
    DataKind.CONTACTS: frozenset({Action.REDACT, Action.DELETE}),
    DataKind.FREE_TEXT: frozenset({Action.REDACT}),
    DataKind.FILES: frozenset({Action.DELETE_FILE}),
    DataKind.INTERVIEW_RECORDS: frozenset({Action.REDACT}),
    DataKind.SCREENER_CONTACTS: frozenset({Action.DELETE}),
    DataKind.CREDENTIALS: frozenset({Action.DELETE}),
    DataKind.EXTRACT_FILES: frozenset({Action.DELETE_FILE}),
    DataKind.IMPORT_ISSUES: frozenset({Action.REDACT}),
}


class Whom(StrEnum):
    MINORS = "minors"
    ADULTS = "adults"
    EVERYONE = "everyone"


class Anchor(StrEnum):
    """The date a rule's period counts from."""

    SETTLEMENT_END = "settlement_end"
    CASE_CLOSED = "case_closed"


class RuleSetInvalid(ValueError):
    """A rule set that cannot be used: names the rule and the field."""

    def __init__(self, message: str, *, rule: str = "", field: str = "") -> None:
        where = " ".join(p for p in (f"rule {rule!r}" if rule else "", field) if p)
        super().__init__(f"{where}: {message}" if where else message)
        self.rule = rule
        self.field = field


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    kinds: tuple[DataKind, ...]
    whom: Whom
    anchor: Anchor
    days: int
    action: Action
    priority: int
    citation: str
    summary: str

    def due_on(self, *, settlement_end: date, closed_on: date | None = None) -> date | None:
        """The first day the rule may act; None while a member's case is open."""
        if self.anchor is Anchor.SETTLEMENT_END:
            return settlement_end + timedelta(days=self.days)
        if closed_on is None:
            return None
        return closed_on + timedelta(days=self.days)

    @property
    def for_minors(self) -> bool:
        return self.whom is Whom.MINORS


@dataclass(frozen=True, slots=True)
class RuleSet:
    version: str
    rules: tuple[Rule, ...]
    sha256: str

    def ordered(self) -> tuple[Rule, ...]:
        """Minors' rules first, then by priority and id: the order rules are applied
        and reported in."""
        return tuple(sorted(self.rules, key=lambda r: (not r.for_minors, r.priority, r.id)))

    def rule(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)


_RULE_FIELDS: Final = frozenset(
    {"id", "kinds", "whom", "after", "action", "priority", "citation", "summary"}
)


def _enum[E: StrEnum](kind: type[E], value: object, *, rule: str, field: str) -> E:
    if isinstance(value, str) and value in {m.value for m in kind}:
        return kind(value)
    allowed = ", ".join(m.value for m in kind)
    raise RuleSetInvalid(f"{value!r} is not one of {allowed}", rule=rule, field=field)


def _text(raw: Mapping[str, Any], name: str, *, rule: str) -> str:
    value = raw.get(name)
    if not isinstance(value, str) or not value.strip():
        raise RuleSetInvalid("must be a non-empty string", rule=rule, field=name)
    return value.strip()


def _rule(raw: object, index: int) -> Rule:
    if not isinstance(raw, Mapping):
        raise RuleSetInvalid(f"rule number {index + 1} is not an object", field="rules")
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not _ID.fullmatch(rule_id):
        raise RuleSetInvalid(
            f"rule number {index + 1} needs an id of lower-case letters, digits, '.', '-', '_'",
            field="id",
        )
    unknown = sorted(set(raw) - _RULE_FIELDS)
    if unknown:
        raise RuleSetInvalid(f"unknown field(s) {', '.join(unknown)}", rule=rule_id, field="")
    raw_kinds = raw.get("kinds")
    if not isinstance(raw_kinds, list) or not raw_kinds:
        raise RuleSetInvalid("must be a non-empty list of kinds", rule=rule_id, field="kinds")
    kinds = tuple(_enum(DataKind, k, rule=rule_id, field="kinds") for k in raw_kinds)
    if len(set(kinds)) != len(kinds):
        raise RuleSetInvalid("names a kind twice", rule=rule_id, field="kinds")
    whom = _enum(Whom, raw.get("whom"), rule=rule_id, field="whom")
    action = _enum(Action, raw.get("action"), rule=rule_id, field="action")
    for kind in kinds:
        if action not in ALLOWED_ACTIONS[kind]:
            allowed = ", ".join(sorted(a.value for a in ALLOWED_ACTIONS[kind]))
            raise RuleSetInvalid(
                f"{action.value!r} does not apply to {kind.value} (allowed: {allowed})",
                rule=rule_id,
                field="action",
            )
        if kind not in ATTRIBUTED_KINDS and whom is not Whom.EVERYONE:
            raise RuleSetInvalid(
                f"{kind.value} is not about a person of the registry: whom must be 'everyone'",
                rule=rule_id,
                field="whom",
            )
    after = raw.get("after")
    if not isinstance(after, Mapping) or set(after) != {"anchor", "days"}:
        raise RuleSetInvalid('must be {"anchor": ..., "days": ...}', rule=rule_id, field="after")
    anchor = _enum(Anchor, after["anchor"], rule=rule_id, field="after.anchor")
    days = after["days"]
    if isinstance(days, bool) or not isinstance(days, int) or days < 0:
        raise RuleSetInvalid(
            "must be a whole number of days, 0 or more", rule=rule_id, field="after.days"
        )
    if anchor is Anchor.CASE_CLOSED and not set(kinds) <= ATTRIBUTED_KINDS:
        raise RuleSetInvalid(
            "only a person's data can count from their case's closing",
            rule=rule_id,
            field="after.anchor",
        )
    priority = raw.get("priority")
    if isinstance(priority, bool) or not isinstance(priority, int):
        raise RuleSetInvalid("must be a whole number", rule=rule_id, field="priority")
    return Rule(
        id=rule_id,
        kinds=kinds,
        whom=whom,
        anchor=anchor,
        days=days,
        action=action,
        priority=priority,
        citation=_text(raw, "citation", rule=rule_id),
        summary=_text(raw, "summary", rule=rule_id),
    )


def _check_order(rules: tuple[Rule, ...]) -> None:
    """Minors' rules run first: the priorities must say so too, so that the file
    reads in the order it runs."""
    minors = [r for r in rules if r.whom is Whom.MINORS]
    others = [r for r in rules if r.whom is not Whom.MINORS]
    if minors and others:
        latest = max(minors, key=lambda r: r.priority)
        earliest = min(others, key=lambda r: r.priority)
        if latest.priority >= earliest.priority:
            raise RuleSetInvalid(
                f"a minors' rule must come before every other rule, but priority "
                f"{latest.priority} is not below {earliest.id!r}'s {earliest.priority}",
                rule=latest.id,
                field="priority",
            )


def _check_overlaps(rules: tuple[Rule, ...]) -> None:
    """Two rules with the same priority over the same kind and people would leave the
    outcome to the order of the file."""
    seen: dict[tuple[DataKind, Whom, int], str] = {}
    for rule in rules:
        whoms = (Whom.MINORS, Whom.ADULTS) if rule.whom is Whom.EVERYONE else (rule.whom,)
        for kind in rule.kinds:
            for whom in whoms:
                key = (kind, whom, rule.priority)
                if key in seen:
                    raise RuleSetInvalid(
                        f"has the same priority as {seen[key]!r} for {kind.value} "
                        f"of {whom.value}: give one a lower number",
                        rule=rule.id,
                        field="priority",
                    )
                seen[key] = rule.id


def canonical_bytes(data: Mapping[str, Any]) -> bytes:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def rule_set_from_data(data: object) -> RuleSet:
    """Check and build a rule set from parsed JSON; RuleSetInvalid names what is wrong."""
    if not isinstance(data, Mapping):
        raise RuleSetInvalid("a rule set is a JSON object with 'version' and 'rules'")
    version = data.get("version")
    if not isinstance(version, str) or not _ID.fullmatch(version):
        raise RuleSetInvalid("must be a name of lower-case letters and digits", field="version")
    raw_rules = data.get("rules")
    if not isinstance(raw_rules, list) or not raw_rules:
        raise RuleSetInvalid("must be a non-empty list", field="rules")
    rules = tuple(_rule(raw, i) for i, raw in enumerate(raw_rules))
    ids = [r.id for r in rules]
    duplicate = next((i for i in ids if ids.count(i) > 1), None)
    if duplicate is not None:
        raise RuleSetInvalid("is used by two rules", rule=duplicate, field="id")
    _check_order(rules)
    _check_overlaps(rules)
    digest = hashlib.sha256(canonical_bytes(data)).hexdigest()
    return RuleSet(version=version, rules=rules, sha256=digest)


def rule_set_from_text(text: str) -> RuleSet:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise RuleSetInvalid(f"not JSON: {error}") from None
    return rule_set_from_data(data)


def load_rule_set(name: str = DEFAULT_RULE_SET) -> RuleSet:
    """A rule set shipped with the engine (rulesets/<name>.json)."""
    if not _ID.fullmatch(name):
        raise RuleSetInvalid(f"{name!r} is not a rule set name")
    source = resources.files("amparo.engines.lifecycle") / "rulesets" / f"{name}.json"
    if not source.is_file():
        raise RuleSetInvalid(f"no rule set named {name!r}")
    return rule_set_from_text(source.read_text(encoding="utf-8"))
