"""Checking one data row of an extract against the contract.

A row ends as exactly one of two things: a ``KeptRow`` (it describes a person; some
fields may be unknown, each with a ``FieldProblem``) or a ``RejectedRow`` (it
cannot describe anyone). Rejection reasons are tried in a fixed order, so a row
with several is always reported the same way: UNPARSEABLE, MISSING_ID,
DUPLICATE_ID, NO_IDENTITY.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter

from amparo.engines.extracts.codes import (
    normalise_country,
    normalise_language,
    normalise_sector,
)
from amparo.engines.extracts.normalise import (
    normalise_a_number,
    normalise_name,
    parse_date,
    split_ice_full_name,
    squash_spaces,
)
from amparo.engines.extracts.spec import CODE_LISTS, MAX_ID_LENGTH, ExtractSpec, Problem, Source

__all__ = ["FieldProblem", "KeptRow", "RejectedRow", "RowChecker", "extra_column_name"]


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """A bad value in one field of a kept row; the field is unknown (None) in ``fields``."""

    column: str
    problem: Problem
    value: str
    message: str


@dataclass(frozen=True, slots=True)
class KeptRow:
    """A row that describes a person.

    ``raw`` is every cell as read, keyed by (lower-cased) column name, extra
    columns included. ``fields`` holds the normalised contract columns (None =
    unknown; dates as ISO text) plus ``given_names``/``surnames`` (display) and
    ``given_names_key``/``surnames_key`` (for matching). ``row_hash`` identifies
    the row's content, so a re-import of the same row can be recognised.
    """

    line: int
    record_id: str
    raw: Mapping[str, str]
    fields: Mapping[str, str | None]
    problems: tuple[FieldProblem, ...]
    row_hash: str


@dataclass(frozen=True, slots=True)
class RejectedRow:
    """A row that cannot describe anyone, with the one reason it was rejected."""

    line: int
    record_id: str
    raw: Mapping[str, str]
    problem: Problem
    message: str


def extra_column_name(position: int) -> str:
    """Name for a cell that has no header name (``position`` counts from 1)."""
    return f"_column_{position}"


# Which name columns make up the given names and the surnames. ICE has one
# full_name column and is split instead.
_NAME_PARTS: dict[Source, tuple[tuple[str, ...], tuple[str, ...]]] = {
    Source.CBP: (("first_name", "middle_name"), ("last_name",)),
    Source.ORR: (("first_name",), ("last_name",)),
    Source.USCIS: (("given_name",), ("family_name",)),
}

# Extracts repeat the same dates, codes and given names over and over; caching
# per reader makes the common case a dict lookup. The cap bounds memory on a
# hostile file where every value is different.
_CACHE_LIMIT = 50_000

# Separators of the canonical text that row_hash digests (ASCII group, record and
# unit separators): after the source, between a column name and its value, and
# between cells.
_SOURCE_END = "\x1d"
_NAME_END = "\x1e"
_CELL_END = "\x1f"

_Outcome = tuple[str | None, Problem | None]
_Compute = Callable[[str], _Outcome]


def _date_outcome(value: str) -> _Outcome:
    parsed = parse_date(value)
    return (None, Problem.BAD_DATE) if parsed is None else (parsed.isoformat(), None)


def _a_number_outcome(value: str) -> _Outcome:
    number = normalise_a_number(value)
    return (None, Problem.BAD_A_NUMBER) if number is None else (number, None)


def _code_outcome(codes: frozenset[str]) -> _Compute:
    def outcome(value: str) -> _Outcome:
        code = value.upper()
        return (code, None) if code in codes else (None, Problem.UNKNOWN_CODE)

    return outcome


def _free_outcome(normalise: Callable[[str], str | None]) -> _Compute:
    def outcome(value: str) -> _Outcome:
        return normalise(value), None

    return outcome


# Columns whose name alone says what they hold, in every extract that has them.
# Dates and closed codes are per extract, from the spec.
_COMPUTE_BY_COLUMN: dict[str, _Compute] = {
    "a_number": _a_number_outcome,
    "parent_a_number_reported": _a_number_outcome,
    "citizenship": _free_outcome(normalise_country),
    "removed_to": _free_outcome(normalise_country),
    "language": _free_outcome(normalise_language),
    "interpreter_language": _free_outcome(normalise_language),
    "sector": _free_outcome(normalise_sector),
}


def _problem_message(column: str, value: str, problem: Problem, source: Source) -> str:
    if problem is Problem.BAD_DATE:
        return f"{column}: {value!r} is not a real date (expected YYYY-MM-DD or M/D/YYYY)"
    if problem is Problem.BAD_A_NUMBER:
        return (
            f"{column}: {value!r} is not an A-number "
            "(expected 8 or 9 digits, optionally with an A prefix)"
        )
    allowed = ", ".join(sorted(CODE_LISTS[(source, column)]))
    return f"{column}: {value!r} is not one of the allowed codes ({allowed})"


class RowChecker:
    """Checks the data rows of one pass over one file, in file order.

    It remembers the ids it has seen (in every row that had one, kept or
    rejected, apart from unparseable rows whose id cannot be trusted), so use a
    new checker for each pass.
    """

    def __init__(self, spec: ExtractSpec, header: Sequence[str]) -> None:
        self._spec = spec
        self._header = tuple(header)
        self._width = len(self._header)
        index = {name: position for position, name in enumerate(self._header)}
        self._id_column = spec.id_column
        self._id_index = index[spec.id_column]
        self._a_number_index = index["a_number"]
        self._seen: dict[str, int] = {}
        self._text_plan: list[tuple[str, int]] = []
        self._name_plan: list[tuple[str, int]] = []
        self._plan: list[tuple[str, int, dict[str, _Outcome], _Compute]] = []
        for column in spec.columns:
            compute = self._compute_for(column)
            if column in spec.name_columns:
                self._name_plan.append((column, index[column]))
            elif compute is None:
                self._text_plan.append((column, index[column]))
            else:
                self._plan.append((column, index[column], {}, compute))
        self._name_keys: dict[str, str | None] = {}
        self._name_parts = _NAME_PARTS.get(spec.source)
        # The hash reads contract columns in name order (independent of the
        # file's column order), then the non-empty extra columns by name.
        contract = sorted(spec.columns)
        self._hash_names = contract
        self._contract_cells = itemgetter(*(index[column] for column in contract))
        self._extra_plan = [
            (index[column], column, column + _NAME_END)
            for column in sorted(set(self._header) - set(spec.columns))
        ]
        self._hash_prefix = spec.source.value + _SOURCE_END

    def _compute_for(self, column: str) -> _Compute | None:
        codes = CODE_LISTS.get((self._spec.source, column))
        if codes is not None:
            return _code_outcome(codes)
        if column in self._spec.date_columns:
            return _date_outcome
        return _COMPUTE_BY_COLUMN.get(column)

    def unparseable(self, line: int, reason: str, cells: Sequence[str] = ()) -> RejectedRow:
        """Reject a row the file format itself could not make sense of."""
        raw = {
            (self._header[i] if i < self._width else extra_column_name(i + 1)): cell
            for i, cell in enumerate(cells)
        }
        # Best effort, for the report only: the cells may have shifted.
        record_id = cells[self._id_index].strip() if self._id_index < len(cells) else ""
        record_id = record_id.replace("\x00", "")[:MAX_ID_LENGTH]
        return RejectedRow(line, record_id, raw, Problem.UNPARSEABLE, reason)

    def _format_problem(self, cells: Sequence[str]) -> str | None:
        """Why the cells cannot be a row of this file at all, or None."""
        if len(cells) != self._width:
            return f"row has {len(cells)} cells but the header has {self._width}"
        if any("\x00" in cell for cell in cells):
            # A NUL byte is binary damage, not text: no database stores it as text.
            return "the row holds a NUL character (binary data)"
        if len(cells[self._id_index].strip()) > MAX_ID_LENGTH:
            return f"{self._id_column} is longer than {MAX_ID_LENGTH} characters"
        return None

    def check(self, line: int, cells: Sequence[str]) -> KeptRow | RejectedRow:
        """Check the cells of the data row that starts on physical line ``line``."""
        reason = self._format_problem(cells)
        if reason is not None:
            return self.unparseable(line, reason, cells)
        # Lengths were checked, so zip cannot drop a cell.
        raw = dict(zip(self._header, cells, strict=False))
        values = [cell.strip() for cell in cells]
        record_id = values[self._id_index]
        if not record_id:
            return RejectedRow(line, "", raw, Problem.MISSING_ID, f"{self._id_column} is empty")
        first_line = self._seen.get(record_id)
        if first_line is not None:
            message = f"{self._id_column} {record_id!r} already used on line {first_line}"
            return RejectedRow(line, record_id, raw, Problem.DUPLICATE_ID, message)
        self._seen[record_id] = line

        # Pre-filled in contract order so that every contract column is present
        # and the mapping reads in the order the contract lists them.
        fields: dict[str, str | None] = dict.fromkeys(self._spec.columns)
        self._add_names(values, fields)
        if (
            fields["given_names_key"] is None
            and fields["surnames_key"] is None
            and normalise_a_number(values[self._a_number_index]) is None
        ):
            return RejectedRow(
                line,
                record_id,
                raw,
                Problem.NO_IDENTITY,
                "no name and no valid A-number: the row cannot describe a person",
            )
        problems = self._add_values(values, fields)
        return KeptRow(line, record_id, raw, fields, problems, self._hash(values))

    def _add_names(self, values: Sequence[str], fields: dict[str, str | None]) -> None:
        for column, position in self._name_plan:
            value = values[position]
            if value:
                fields[column] = squash_spaces(value)
        if self._name_parts is None:
            given, surnames = split_ice_full_name(fields.get("full_name") or "")
        else:
            given_columns, surname_columns = self._name_parts
            given = " ".join([name for column in given_columns if (name := fields[column])])
            surnames = " ".join([name for column in surname_columns if (name := fields[column])])
        fields["given_names"] = given or None
        fields["surnames"] = surnames or None
        fields["given_names_key"] = self._name_key(given)
        fields["surnames_key"] = self._name_key(surnames)

    def _add_values(
        self, values: Sequence[str], fields: dict[str, str | None]
    ) -> tuple[FieldProblem, ...]:
        problems: list[FieldProblem] = []
        for column, position, cache, compute in self._plan:
            value = values[position]
            if not value:
                continue
            outcome = cache.get(value)
            if outcome is None:
                outcome = compute(value)
                if len(cache) < _CACHE_LIMIT:
                    cache[value] = outcome
            fields[column] = outcome[0]
            problem = outcome[1]
            if problem is not None:
                message = _problem_message(column, value, problem, self._spec.source)
                problems.append(FieldProblem(column, problem, value, message))
        for column, position in self._text_plan:
            value = values[position]
            if value:
                fields[column] = value
        return tuple(problems)

    def _name_key(self, name: str) -> str | None:
        if not name:
            return None
        key = self._name_keys.get(name, "")
        if key == "":
            key = normalise_name(name)
            if len(self._name_keys) < _CACHE_LIMIT:
                self._name_keys[name] = key
        return key

    def _hash(self, values: Sequence[str]) -> str:
        cells: tuple[str, ...] = self._contract_cells(values)
        body = _CELL_END.join(cells)
        extras = [prefix + value for i, _, prefix in self._extra_plan if (value := values[i])]
        if extras:
            body = _CELL_END.join((body, *extras))
        # Contract columns are always all present, so their empty cells are part
        # of every row alike; an extra column counts only when it holds
        # something, so a re-export that adds an empty column is the same row.
        # The separators are control characters no export contains; if a name or
        # value does hold one, the counts show it, and length prefixes take over
        # so that no text can be shifted between cells to make two rows alike.
        # That form starts with a separator, which the plain form never does.
        if (
            body.count(_NAME_END) != len(extras)
            or body.count(_CELL_END) != len(cells) + len(extras) - 1
        ):
            named = [
                *zip(self._hash_names, cells, strict=True),
                *((name, values[i]) for i, name, _ in self._extra_plan if values[i]),
            ]
            body = _CELL_END + "".join(f"{len(n)}:{n}{len(v)}:{v}" for n, v in named)
        canonical = self._hash_prefix + body
        return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()
