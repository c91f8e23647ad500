"""Rules as data: each rule has an id, a version, a citation, the dates it is in force
and named parameters; a ruleset is a versioned set of rules read from JSON.

A corrected reading of the agreement changes the data (a new rule version, another
parameter value), never the code. The logic a rule applies is named by `logic` and
lives in logic.py; the loader checks that every parameter that logic needs is there
and of the right kind, and refuses the file with a message naming what is wrong.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Final

from amparo.engines.eligibility.court import Case
from amparo.engines.eligibility.logic import LOGIC, ParamKind, ParamValue

DEFAULT_RULESET: Final = "settlement-2018"
_NAME: Final = re.compile(r"[a-z0-9][a-z0-9._-]*")


class RulesetError(ValueError):
    """A ruleset file or a parameter change that cannot be used, and why."""


@dataclass(frozen=True, slots=True)
class Citation:
    document: str
    paragraph: str
    # False where DOMAIN.md marks the reading "(check)": the primary text was not read
    # in full, so the rule is a parameterised reading awaiting confirmation.
    checked: bool = True

    def __str__(self) -> str:
        text = f"{self.document}, {self.paragraph}"
        return text if self.checked else f"{text} (reading to be checked)"


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    version: int
    logic: str
    produces: str
    case: Case | None
    citation: Citation
    in_force_from: date
    in_force_until: date | None
    parameters: Mapping[str, ParamValue]
    summary: str

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}"

    def in_force(self, on: date) -> bool:
        return self.in_force_from <= on and (
            self.in_force_until is None or on <= self.in_force_until
        )


@dataclass(frozen=True, slots=True)
class Ruleset:
    name: str
    version: str
    rules: tuple[Rule, ...]

    def in_force(self, on: date) -> dict[str, Rule]:
        """The rule in force on `on` for each code a rule produces."""
        active: dict[str, Rule] = {}
        for rule in self.rules:
            if rule.in_force(on):
                active[rule.produces] = rule
        return active

    def rule(self, rule_id: str, version: int | None = None) -> Rule:
        matches = [r for r in self.rules if r.id == rule_id]
        if version is not None:
            matches = [r for r in matches if r.version == version]
        if not matches:
            raise RulesetError(f"no rule {rule_id!r} in ruleset {self.name} {self.version}")
        return max(matches, key=lambda r: r.version)

    def with_parameter(
        self, rule_id: str, name: str, value: object, *, version: int | None = None
    ) -> Ruleset:
        """A copy with one parameter of one rule version changed (the latest version
        when none is named); its version names the base and a digest of the change."""
        target = self.rule(rule_id, version)
        spec = LOGIC[target.logic].parameters
        if name not in spec:
            raise RulesetError(
                f"rule {target.ref} has no parameter {name!r}; it has {', '.join(sorted(spec))}"
            )
        coerced = _coerce(value, spec[name], where=f"{target.ref}.{name}")
        parameters = {**target.parameters, name: coerced}
        changed = replace(target, parameters=parameters)
        rules = tuple(changed if r is target else r for r in self.rules)
        digest = hashlib.sha256(
            f"{self.version}|{target.ref}|{name}|{_text(coerced)}".encode()
        ).hexdigest()[:8]
        base = self.version.split("+", 1)[0]
        return Ruleset(self.name, f"{base}+{digest}", rules)


def _text(value: ParamValue) -> str:
    if isinstance(value, tuple):
        return ",".join(str(v) for v in value)
    return "" if value is None else str(value)


def _coerce_date(value: object, kind: ParamKind) -> date | None:
    if value is None and kind is ParamKind.OPTIONAL_DATE:
        return None
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError("a date YYYY-MM-DD" + (" or null" if kind is ParamKind.OPTIONAL_DATE else ""))


def _coerce_whole(value: object, kind: ParamKind) -> int:
    high = 3650 if kind is ParamKind.DAYS else 120
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= high:
        raise ValueError(f"a whole number of {kind.value} from 0 to {high}")
    return value


def _coerce_codes(value: object, kind: ParamKind) -> tuple[str, ...]:
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ValueError("a list of codes")
    if kind is ParamKind.CODES:
        return tuple(str(v).strip().upper() for v in value)
    try:
        cases = tuple(Case(str(v)) for v in value)
    except ValueError:
        cases = ()
    if not cases:
        raise ValueError(f"a non-empty list of cases among {', '.join(c.value for c in Case)}")
    return cases


def _coerce(value: object, kind: ParamKind, *, where: str) -> ParamValue:
    try:
        if kind in (ParamKind.DATE, ParamKind.OPTIONAL_DATE):
            return _coerce_date(value, kind)
        if kind in (ParamKind.DAYS, ParamKind.YEARS):
            return _coerce_whole(value, kind)
        return _coerce_codes(value, kind)
    except ValueError as expected:
        raise RulesetError(f"{where}: expected {expected}, got {value!r}") from None


def _required(data: Mapping[str, object], key: str, where: str) -> object:
    if key not in data:
        raise RulesetError(f"{where}: missing {key!r}")
    return data[key]


def _rule(data: object, index: int) -> Rule:
    where = f"rules[{index}]"
    if not isinstance(data, dict):
        raise RulesetError(f"{where}: expected an object")
    rule_id = str(_required(data, "id", where))
    where = f"rule {rule_id}"
    logic = str(_required(data, "logic", where))
    if logic not in LOGIC:
        raise RulesetError(f"{where}: unknown logic {logic!r}; known: {', '.join(sorted(LOGIC))}")
    spec = LOGIC[logic]
    version = _required(data, "version", where)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise RulesetError(f"{where}: version must be a whole number >= 1")
    where = f"rule {rule_id}@{version}"
    raw_params = data.get("parameters", {})
    if not isinstance(raw_params, dict):
        raise RulesetError(f"{where}: parameters must be an object")
    unknown = set(raw_params) - set(spec.parameters)
    if unknown:
        raise RulesetError(f"{where}: unknown parameters {', '.join(sorted(unknown))}")
    parameters: dict[str, ParamValue] = {}
    for name, kind in spec.parameters.items():
        if name not in raw_params:
            raise RulesetError(f"{where}: missing parameter {name!r}")
        parameters[name] = _coerce(raw_params[name], kind, where=f"{where}.{name}")
    citation = _required(data, "citation", where)
    if not isinstance(citation, dict):
        raise RulesetError(f"{where}: citation must be an object")
    case_text = data.get("case")
    try:
        case = Case(str(case_text)) if case_text else None
    except ValueError:
        raise RulesetError(f"{where}: unknown case {case_text!r}") from None
    from_ = _coerce(
        _required(data, "in_force_from", where), ParamKind.DATE, where=f"{where}.in_force_from"
    )
    until = _coerce(
        data.get("in_force_until"), ParamKind.OPTIONAL_DATE, where=f"{where}.in_force_until"
    )
    assert isinstance(from_, date)
    assert until is None or isinstance(until, date)
    if until is not None and until < from_:
        raise RulesetError(f"{where}: in force until {until} before it is in force ({from_})")
    return Rule(
        id=rule_id,
        version=version,
        logic=logic,
        produces=spec.produces,
        case=case,
        citation=Citation(
            str(_required(citation, "document", f"{where}.citation")),
            str(_required(citation, "paragraph", f"{where}.citation")),
            bool(citation.get("checked", True)),
        ),
        in_force_from=from_,
        in_force_until=until,
        parameters=parameters,
        summary=str(data.get("summary", "")),
    )


def _check_overlaps(rules: tuple[Rule, ...]) -> None:
    by_code: dict[str, list[Rule]] = {}
    for rule in rules:
        by_code.setdefault(rule.produces, []).append(rule)
    seen: set[str] = set()
    for rule in rules:
        if rule.ref in seen:
            raise RulesetError(f"rule {rule.ref} appears twice")
        seen.add(rule.ref)
    for code, group in by_code.items():
        group.sort(key=lambda r: r.in_force_from)
        for earlier, later in itertools.pairwise(group):
            if earlier.in_force_until is None or earlier.in_force_until >= later.in_force_from:
                raise RulesetError(
                    f"rules {earlier.ref} and {later.ref} are both in force for {code!r} "
                    f"on {later.in_force_from}"
                )


def ruleset_from_data(data: object) -> Ruleset:
    if not isinstance(data, dict):
        raise RulesetError("a ruleset must be a JSON object")
    name = str(_required(data, "name", "ruleset"))
    version = str(_required(data, "version", "ruleset"))
    raw_rules = _required(data, "rules", "ruleset")
    if not isinstance(raw_rules, list) or not raw_rules:
        raise RulesetError("ruleset: rules must be a non-empty list")
    rules = tuple(_rule(item, i) for i, item in enumerate(raw_rules))
    _check_overlaps(rules)
    return Ruleset(name, version, rules)


def load_ruleset(source: str | Path = DEFAULT_RULESET) -> Ruleset:
    """A ruleset shipped with Amparo (by name) or read from a JSON file (by path)."""
    if isinstance(source, Path) or source.endswith(".json"):
        path = Path(source)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            raise RulesetError(f"cannot read ruleset {path}: {error.strerror}") from error
    else:
        # A name, not a path: it must not reach outside the shipped rulesets.
        if not _NAME.fullmatch(source):
            raise RulesetError(f"no ruleset named {source!r}")
        package = resources.files("amparo.engines.eligibility") / "rulesets" / f"{source}.json"
        if not package.is_file():
            raise RulesetError(f"no ruleset named {source!r}")
        text = package.read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise RulesetError(f"ruleset is not valid JSON: {error}") from error
    return ruleset_from_data(data)
