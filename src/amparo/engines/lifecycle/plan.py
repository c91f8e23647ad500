"""From rules and plain records to a plan: which cell changes, to what, by which rule.

The application reads its tables into `Cell`s (one column of one row, about one
person or about no one the registry knows) and `Subject`s (the people, with their
date of birth and what identifies them). The planner decides, for each cell, the
first rule that covers its kind and its subject and whose period has passed, and
computes the value after the rule. Every action is idempotent by construction (a
pseudonym depends on the person, not on the value; a redacted text stays
redacted; a year stays a year), so a cell already treated yields no change and a
second run plans nothing.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Final

from amparo.engines.lifecycle.rules import (
    ATTRIBUTED_KINDS,
    Action,
    DataKind,
    Rule,
    RuleSet,
    Whom,
)

ADULT_AGE: Final = 18
REDACTED: Final = "[redacted]"
# What a file's path column holds once the file is gone: not a path (nothing can be
# read from it) and not empty (a paper election must still say it had a scan).
FILE_REMOVED: Final = "removed-by-retention"
SAMPLE_SIZE: Final = 10
QUOTE_STRUCTURE: Final = frozenset({"field", "outcome", "kind", "rule", "code", "source"})
_YEAR: Final = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")


class Part:
    """Which part of a name a cell holds: the first part becomes the pseudonym, the
    others are emptied, so that a person reads as one token."""

    FIRST: Final = "first"
    OTHER: Final = "other"


@dataclass(frozen=True, slots=True)
class Subject:
    """A person of the registry as the rules see them."""

    id: int
    dob: date | None
    # The earliest date the settlement's records hold about them (an apprehension,
    # a referral); None when no record is dated.
    first_seen: date | None = None
    closed_on: date | None = None
    # Other dates of birth their records give (agencies disagree, or write a
    # placeholder such as 1900-01-01 into the summary).
    other_dobs: tuple[date, ...] = ()
    # Set when this person's row was found to be another's (merged into it): the
    # two rows are one human, and have one answer to "minor?".
    same_as: int | None = None
    # Their own identifying strings as they stood before any run, per kind: searched
    # for and replaced inside JSON documents that quote them (`Cell.scrub`).
    needles: Mapping[DataKind, tuple[str, ...]] = field(default_factory=dict)


def age_on(dob: date, day: date) -> int:
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


def is_minor(subject: Subject, *, settlement_end: date) -> bool:
    """Under 18 on the first date the settlement's records hold about them (else at
    the settlement's end) by any date of birth on file; no date of birth at all counts
    as a minor's. Data taken from a child keeps a child's protection after the child
    turns 18, and a doubt about the age is resolved the protective way."""
    births = {d for d in (subject.dob, *subject.other_dobs) if d is not None}
    if not births:
        return True
    seen = min(subject.first_seen or settlement_end, settlement_end)
    return any(age_on(dob, seen) < ADULT_AGE for dob in births)


def _root(subject_id: int, same_as: Mapping[int, int | None]) -> int:
    seen = {subject_id}
    current = subject_id
    while (following := same_as.get(current)) is not None and following not in seen:
        seen.add(following)
        current = following
    return current


@dataclass(frozen=True, slots=True)
class Cell:
    """One value the rules may change. `ref` names where it lives (opaque here).

    A plain cell has one `kind`. A document cell (`kind` None) is a JSON object
    whose keys have kinds (`keys`), such as a source record's raw row; with `scrub`
    the subject's own needles are also replaced wherever they appear inside it.
    A row cell (`row=True`) is a row that a delete removes whole.
    """

    ref: str
    subject_id: int | None
    value: Any
    kind: DataKind | None = None
    keys: Mapping[str, DataKind] | None = None
    scrub: bool = False
    # A document of evidence that quotes people (a child's separation quotes the
    # siblings' names): under the subject's free-text rule every quoted string is
    # redacted, and only the keys of QUOTE_STRUCTURE (what was compared, and how it
    # came out) are kept.
    quotes: bool = False
    part: str = Part.FIRST
    row: bool = False


@dataclass(frozen=True, slots=True)
class Change:
    ref: str
    rules: tuple[str, ...]
    value: Any
    previous: Any
    delete_row: bool = False
    delete_file: bool = False


def pseudonym(subject_id: int) -> str:
    """A stable name token: the same person always gets the same one, and it says
    nothing the row's own id does not."""
    return f"ANON-{subject_id:07d}"


def pseudonym_a_number(subject_id: int) -> str:
    """Nine characters like an A-number, but a letter first so that no real one
    (all digits) can ever match it."""
    return f"Z{subject_id % 10**8:08d}"


def generalise_dob(value: Any) -> Any:
    """A date keeps its year (as 1 January); a written date keeps only its year."""
    if value is None or value == "":
        return value
    if isinstance(value, date):
        return date(value.year, 1, 1)
    text = str(value)
    match = _YEAR.search(text)
    if match is None:
        return REDACTED
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return f"{match.group(1)}-01-01"
    return match.group(1)


def _blank(value: Any) -> bool:
    return value is None or value == ""


def transform(  # noqa: PLR0911 - one return per action reads as the table it is
    action: Action, kind: DataKind, value: Any, *, subject_id: int | None, part: str
) -> Any:
    """The value after `action`; an empty value stays empty (nothing to protect)."""
    if _blank(value) and action is not Action.DELETE:
        return value
    if action is Action.ANONYMISE:
        if subject_id is None:
            return REDACTED
        if kind is DataKind.A_NUMBER:
            return pseudonym_a_number(subject_id)
        return pseudonym(subject_id) if part == Part.FIRST else ""
    if action is Action.GENERALISE_DOB:
        return generalise_dob(value)
    if action is Action.REDACT:
        return REDACTED
    if action is Action.DELETE_FILE:
        return FILE_REMOVED
    if isinstance(value, date) or kind is DataKind.DATE_OF_BIRTH:
        return None
    return "" if value is not None else None


def _replace_needles(value: Any, replacements: Mapping[str, str]) -> Any:
    if isinstance(value, str):
        for needle, replacement in replacements.items():
            if needle and needle in value:
                value = value.replace(needle, replacement)
        return value
    if isinstance(value, list):
        return [_replace_needles(v, replacements) for v in value]
    if isinstance(value, dict):
        return {k: _replace_needles(v, replacements) for k, v in value.items()}
    return value


def _redact_quotes(value: Any, key: str = "") -> Any:
    if isinstance(value, str):
        return value if key in QUOTE_STRUCTURE or value in {"", REDACTED} else REDACTED
    if isinstance(value, list):
        return [_redact_quotes(v, key) for v in value]
    if isinstance(value, dict):
        return {k: _redact_quotes(v, str(k)) for k, v in value.items()}
    return value


def _contains(value: Any, needle: str) -> bool:
    if isinstance(value, str):
        return needle in value
    if isinstance(value, list):
        return any(_contains(v, needle) for v in value)
    if isinstance(value, dict):
        return any(_contains(v, needle) for v in value.values())
    return False


@dataclass(frozen=True, slots=True)
class RulePlan:
    rule: Rule
    count: int
    sample: tuple[str, ...]
    due_on: date | None


@dataclass(frozen=True, slots=True)
class Plan:
    settlement_end: date
    today: date
    rule_set_version: str
    rule_set_sha256: str
    rules: tuple[RulePlan, ...]
    minors: int
    adults: int

    @property
    def total(self) -> int:
        return sum(r.count for r in self.rules)

    def counts(self) -> dict[str, int]:
        return {r.rule.id: r.count for r in self.rules}


class Planner:
    """Decides and counts, cell by cell, without holding the cells: the application
    streams its tables through `change` in chunks."""

    def __init__(
        self,
        rule_set: RuleSet,
        subjects: Iterable[Subject],
        *,
        settlement_end: date,
        today: date,
    ) -> None:
        self.rule_set = rule_set
        self.settlement_end = settlement_end
        self.today = today
        self.subjects = {s.id: s for s in subjects}
        own = {s.id: is_minor(s, settlement_end=settlement_end) for s in self.subjects.values()}
        # Rows merged into one another are one human: a minor if any of them is.
        same_as = {s.id: s.same_as for s in self.subjects.values()}
        roots = {subject_id: _root(subject_id, same_as) for subject_id in own}
        minor_roots = {roots[i] for i, minor in own.items() if minor}
        self._minor = {i: roots[i] in minor_roots for i in own}
        self._ordered = rule_set.ordered()
        self._counts: Counter[str] = Counter()
        self._samples: dict[str, list[str]] = {r.id: [] for r in self._ordered}
        self._decided: dict[tuple[DataKind, int | None], Rule | None] = {}

    def is_minor(self, subject_id: int) -> bool:
        return self._minor.get(subject_id, True)

    def rule_for(self, kind: DataKind, subject_id: int | None) -> Rule | None:
        """The first due rule over this kind of this person's data, minors' rules first."""
        key = (kind, subject_id)
        if key in self._decided:
            return self._decided[key]
        chosen: Rule | None = None
        subject = self.subjects.get(subject_id) if subject_id is not None else None
        if kind in ATTRIBUTED_KINDS and subject_id is not None:
            whom = Whom.MINORS if self.is_minor(subject_id) else Whom.ADULTS
            wanted = {whom, Whom.EVERYONE}
        else:
            wanted = {Whom.EVERYONE}
        for rule in self._ordered:
            if kind not in rule.kinds or rule.whom not in wanted:
                continue
            due = rule.due_on(
                settlement_end=self.settlement_end,
                closed_on=subject.closed_on if subject else None,
            )
            if due is not None and due <= self.today:
                chosen = rule
                break
        if len(self._decided) < 2_000_000:
            self._decided[key] = chosen
        return chosen

    def _count(self, rule_ids: Iterable[str], ref: str) -> None:
        for rule_id in rule_ids:
            self._counts[rule_id] += 1
            sample = self._samples[rule_id]
            if len(sample) < SAMPLE_SIZE:
                sample.append(ref)

    def change(self, cell: Cell) -> Change | None:
        """The cell's change under the first due rule, counted; None if it stays."""
        if cell.kind is not None:
            rule = self.rule_for(cell.kind, cell.subject_id)
            if rule is None:
                return None
            if cell.row:
                return self._row_change(cell, rule)
            new = transform(
                rule.action, cell.kind, cell.value, subject_id=cell.subject_id, part=cell.part
            )
            if new == cell.value:
                return None
            self._count((rule.id,), cell.ref)
            return Change(
                cell.ref,
                (rule.id,),
                new,
                cell.value,
                delete_file=rule.action is Action.DELETE_FILE,
            )
        if cell.quotes:
            return self._quotes_change(cell)
        return self._document_change(cell)

    def _row_change(self, cell: Cell, rule: Rule) -> Change | None:
        if rule.action is not Action.DELETE:
            return None
        self._count((rule.id,), cell.ref)
        return Change(cell.ref, (rule.id,), None, cell.value, delete_row=True)

    def _document_change(self, cell: Cell) -> Change | None:
        if not isinstance(cell.value, dict):
            return None
        document: dict[str, Any] = dict(cell.value)
        used: list[str] = []
        for key, kind in (cell.keys or {}).items():
            if key not in document:
                continue
            rule = self.rule_for(kind, cell.subject_id)
            if rule is None:
                continue
            new = transform(
                rule.action, kind, document[key], subject_id=cell.subject_id, part=Part.FIRST
            )
            if new != document[key]:
                document[key] = new
                used.append(rule.id)
        if cell.scrub and cell.subject_id is not None:
            document = self._scrubbed(document, cell.subject_id, used)
        if document == cell.value:
            return None
        rules = tuple(dict.fromkeys(used))
        self._count(rules, cell.ref)
        return Change(cell.ref, rules, document, cell.value)

    def _scrubbed(self, document: dict[str, Any], subject_id: int, used: list[str]) -> Any:
        """The document with the subject's own strings replaced as their rules say."""
        subject = self.subjects.get(subject_id)
        if subject is None:
            return document
        # One serialisation to look for every needle; the walk only when one is there.
        text = json.dumps(document, ensure_ascii=False, default=str)
        replacements: dict[str, str] = {}
        for kind, needles in subject.needles.items():
            present = [n for n in needles if n in text]
            if not present:
                continue
            rule = self.rule_for(kind, subject_id)
            if rule is None:
                continue
            for needle in present:
                new = transform(rule.action, kind, needle, subject_id=subject_id, part=Part.FIRST)
                if isinstance(new, date):
                    new = new.isoformat()
                if new != needle and _contains(document, needle):
                    replacements[needle] = "" if new is None else str(new)
                    used.append(rule.id)
        if not replacements:
            return document
        # Longest first: a full name is replaced before its parts.
        ordered = dict(sorted(replacements.items(), key=lambda kv: -len(kv[0])))
        return _replace_needles(document, ordered)

    def _quotes_change(self, cell: Cell) -> Change | None:
        rule = self.rule_for(DataKind.FREE_TEXT, cell.subject_id)
        if rule is None or rule.action is not Action.REDACT:
            return None
        redacted = _redact_quotes(cell.value)
        if redacted == cell.value:
            return None
        self._count((rule.id,), cell.ref)
        return Change(cell.ref, (rule.id,), redacted, cell.value)

    def plan(self) -> Plan:
        rules = tuple(
            RulePlan(
                rule=rule,
                count=self._counts[rule.id],
                sample=tuple(self._samples[rule.id]),
                due_on=rule.due_on(settlement_end=self.settlement_end),
            )
            for rule in self._ordered
        )
        minors = sum(1 for m in self._minor.values() if m)
        return Plan(
            settlement_end=self.settlement_end,
            today=self.today,
            rule_set_version=self.rule_set.version,
            rule_set_sha256=self.rule_set.sha256,
            rules=rules,
            minors=minors,
            adults=len(self._minor) - minors,
        )


def plan_cells(
    rule_set: RuleSet,
    subjects: Iterable[Subject],
    cells: Iterable[Cell],
    *,
    settlement_end: date,
    today: date,
) -> tuple[Plan, list[Change]]:
    """The plan and every change, for records held in memory (tests, small worlds)."""
    planner = Planner(rule_set, subjects, settlement_end=settlement_end, today=today)
    changes = [c for c in (planner.change(cell) for cell in cells) if c is not None]
    return planner.plan(), changes


def apply_changes(cells: Iterable[Cell], changes: Iterable[Change]) -> list[Cell]:
    """Cells after the changes: what the application does to its tables, in memory."""
    by_ref = {c.ref: c for c in changes}
    out: list[Cell] = []
    for cell in cells:
        change = by_ref.get(cell.ref)
        if change is None:
            out.append(cell)
        elif not change.delete_row:
            out.append(replace(cell, value=change.value))
    return out
