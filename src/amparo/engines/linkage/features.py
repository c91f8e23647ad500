"""From input records to the table the Splink model compares: one row per record,
standardised columns only (names, dates, A-numbers), in a fixed order.

Everything fuzzy that can be computed for one record alone is computed here, in
Python, so that the SQL of the model stays simple equality and array tests that
run the same on DuckDB and Spark.
"""

from __future__ import annotations

import gc
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import pyarrow as pa  # type: ignore[import-untyped]  # no stubs

from amparo.engines.extracts import normalise_a_number
from amparo.engines.linkage.standardise import (
    NameRoles,
    given_name_forms,
    given_name_tokens,
    parse_dob,
    spanish_phonetic,
    surname_tokens,
    swapped_dob,
)
from amparo.engines.linkage.types import RecordIn, RecordKey

__all__ = [
    "EVENT_BIN_DAYS",
    "EVENT_FIELDS",
    "EVENT_NEAR_DAYS",
    "FEATURE_SCHEMA",
    "Features",
    "build_features",
    "custody_event",
    "event_bins",
    "event_day",
]

_TEXT = pa.string()
_LIST = pa.list_(pa.string())

# The columns the model reads. Surname lists are sorted: their order never matters.
FEATURE_SCHEMA = pa.schema(
    [
        ("unique_id", pa.int64()),
        ("given_key", _TEXT),  # given-name words joined, particles dropped
        ("given_tokens", _LIST),
        ("given_first", _TEXT),  # first given word
        ("given_phon", _TEXT),
        ("given_first_forms", _LIST),  # names the first given word may stand for
        ("given_forms", _LIST),  # ... and every given word
        ("given_block", _TEXT),  # phonetic key of the first word's full form
        ("given_initial", _TEXT),  # first letter of given_key
        ("sur_key", _TEXT),  # sorted surname set, joined
        ("sur_set", _LIST),
        ("sur_phon_set", _LIST),
        ("sur_phon_key", _TEXT),  # sur_phon_set joined
        ("sur_count", pa.int32()),
        ("sur_1", _TEXT),  # first and second of sur_set
        ("sur_2", _TEXT),
        ("sur_a", _TEXT),  # first and second of sur_phon_set, for blocking
        ("sur_b", _TEXT),
        ("dob", _TEXT),  # ISO; placeholders removed
        ("dob_swap", _TEXT),
        ("dob_year", pa.int32()),
        ("dob_md", _TEXT),  # "MM-DD"
        ("dob_ym", _TEXT),  # "YYYY-MM"
        ("dob_yd", _TEXT),  # "YYYY-DD"
        ("sex", _TEXT),
        ("citizenship", _TEXT),
        ("a_number", _TEXT),
        ("a_digits", _TEXT),  # the A-number's digits sorted: equal after a transposition
        ("a_child_file", pa.bool_()),  # from ORR: now and then the parent's number
        ("event_day", pa.int32()),  # day of the record's custody event (days since 1970)
        ("event_kind", _TEXT),  # which of EVENT_FIELDS gave event_day
        # event_day in bins of EVENT_BIN_DAYS, and in bins shifted by half a bin:
        # events up to EVENT_NEAR_DAYS apart share a bin in one of the two (blocking
        # can then join on equality, which every SQL engine hashes).
        ("event_bin", pa.int32()),
        ("event_bin_shifted", pa.int32()),
    ]
)


@dataclass(frozen=True, slots=True)
class Features:
    """The model's table plus what the engine needs beside it.

    keys[i] is the record of unique_id i (records sorted by key); linkable[i] is
    False for a record with too little identity to compare (it stays a person of
    its own); swapped[i] is True where the record's name fields were exchanged.
    """

    table: pa.Table
    keys: tuple[RecordKey, ...]
    linkable: tuple[bool, ...]
    swapped: tuple[bool, ...]


def _text(fields: Mapping[str, object], name: str) -> str | None:
    value = fields.get(name)
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value or None


@lru_cache(maxsize=65_536)
def _given_columns(tokens: tuple[str, ...]) -> tuple[object, ...]:
    if not tokens:
        return (None,) * 8
    key = " ".join(tokens)
    first = sorted(given_name_forms(tokens[0]))
    every = sorted({form for token in tokens for form in given_name_forms(token)})
    phon = " ".join(spanish_phonetic(token) for token in tokens)
    # Block on the full form (Pepe -> JOSE) where the word has exactly one.
    block = spanish_phonetic(first[0]) if len(first) == 1 else spanish_phonetic(tokens[0])
    return (key, list(tokens), tokens[0], phon, first, every, block, key[0])


@lru_cache(maxsize=65_536)
def _surname_columns(tokens: tuple[str, ...]) -> tuple[object, ...]:
    if not tokens:
        return (None,) * 9
    words = sorted(set(tokens))
    phon = sorted({spanish_phonetic(word) for word in words})
    return (
        " ".join(words),
        words,
        phon,
        " ".join(phon),
        len(words),
        words[0],
        words[1] if len(words) > 1 else None,
        phon[0],
        phon[1] if len(phon) > 1 else None,
    )


@lru_cache(maxsize=65_536)
def _dob_columns(text: str | None) -> tuple[object, ...]:
    value: date | None = parse_dob(text)
    if value is None:
        return (None, None, None, None, None, None)
    swap = swapped_dob(value)
    iso = value.isoformat()
    return (
        iso,
        swap.isoformat() if swap else None,
        value.year,
        iso[5:],
        iso[:7],
        f"{iso[:4]}-{iso[8:]}",
    )


# Extracts whose A-number column is "now and then, by mistake, the parent's"
# (EXTRACTS.md): a disagreement there says less than between two adults' files.
CHILD_FILE_SOURCES = frozenset({"orr_referrals"})

# The date of the custody event each extract's row records: one person's records
# from one crossing fall within weeks of each other (EXTRACTS.md).
EVENT_FIELDS = ("apprehended_on", "book_in_on", "referred_on", "interviewed_on")
_EPOCH = date(1970, 1, 1)


@lru_cache(maxsize=4_096)
def _day(text: str) -> int | None:
    try:
        return (date.fromisoformat(text) - _EPOCH).days
    except ValueError:
        return None


def event_day(fields: Mapping[str, object]) -> int | None:
    return custody_event(fields)[0]


def custody_event(fields: Mapping[str, object]) -> tuple[int | None, str | None]:
    """(day, field) of the record's custody event: the first of EVENT_FIELDS it
    fills with a date, or (None, None)."""
    for name in EVENT_FIELDS:
        text = _text(fields, name)
        if text is not None:
            day = _day(text)
            return (day, name) if day is not None else (None, None)
    return None, None


# A child's apprehension, book-in and referral to ORR follow within three days
# (ORR referral is due within 72 hours of a child being found alone or separated).
EVENT_NEAR_DAYS = 3
# Two bin boundaries half a bin apart are EVENT_BIN_DAYS // 2 > EVENT_NEAR_DAYS
# days apart, so two days at most EVENT_NEAR_DAYS apart straddle at most one of
# them: they share a bin or a shifted bin.
EVENT_BIN_DAYS = 2 * (EVENT_NEAR_DAYS + 1)


def event_bins(day: int | None) -> tuple[int | None, int | None]:
    """(bin, shifted bin) of an event day; see EVENT_BIN_DAYS."""
    if day is None:
        return None, None
    return day // EVENT_BIN_DAYS, (day + EVENT_BIN_DAYS // 2) // EVENT_BIN_DAYS


@lru_cache(maxsize=65_536)
def _a_number_columns(text: str | None) -> tuple[str | None, str | None]:
    number = normalise_a_number(text) if text else None
    return number, ("".join(sorted(number)) if number else None)


@lru_cache(maxsize=1_024)
def _code(text: str | None) -> str | None:
    return text.upper() if text else None


def _names(fields: Mapping[str, object]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    given = given_name_tokens(_text(fields, "given_names_key") or _text(fields, "given_names"))
    surnames = surname_tokens(_text(fields, "surnames_key") or _text(fields, "surnames"))
    return given, surnames


def build_features(records: Sequence[RecordIn]) -> Features:
    """Standardise `records` (any order) into the model's table, sorted by key.

    A record is comparable when it has a name and at least one more identity
    field (second name field, date of birth or A-number): an A-number alone is not
    trusted (ORR files sometimes carry a parent's), and a date alone is no identity.
    """
    # Millions of small tuples, none cyclic: without this the cyclic collector
    # rescans every live object again and again, and 660k records take 30 s, not 5.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _build_features(records)
    finally:
        if enabled:
            gc.enable()


def _build_features(records: Sequence[RecordIn]) -> Features:
    ordered = sorted(records, key=lambda record: record.key)
    names = [_names(record.fields) for record in ordered]
    roles = NameRoles()
    for given, surnames in names:
        roles.add(given, surnames)
    # The swap verdict depends on the two name fields only (leave-one-out counts
    # remove the same words for every record that has them).
    verdicts: dict[tuple[tuple[str, ...], tuple[str, ...]], bool] = {}

    rows: list[tuple[object, ...]] = []
    linkable: list[bool] = []
    swapped: list[bool] = []
    for index, (record, name_pair) in enumerate(zip(ordered, names, strict=True)):
        fields = record.fields
        swap = verdicts.get(name_pair)
        if swap is None:
            swap = verdicts[name_pair] = roles.swapped(*name_pair, own=True)
        given, surnames = (name_pair[1], name_pair[0]) if swap else name_pair
        swapped.append(swap)
        dob = _dob_columns(_text(fields, "dob"))
        a_number = _a_number_columns(_text(fields, "a_number"))
        sex = _code(_text(fields, "sex"))
        event, kind = custody_event(fields)
        rows.append(
            (
                index,
                *_given_columns(given),
                *_surname_columns(surnames),
                *dob,
                sex if sex in ("M", "F") else None,
                _code(_text(fields, "citizenship")),
                *a_number,
                record.source in CHILD_FILE_SOURCES if a_number[0] else None,
                event,
                kind,
                *event_bins(event),
            )
        )
        present = (
            (given != ()) + (surnames != ()) + (dob[0] is not None) + (a_number[0] is not None)
        )
        linkable.append(bool(given or surnames) and present >= 2)

    columns = list(zip(*rows, strict=True)) if rows else [()] * len(FEATURE_SCHEMA)
    table = pa.Table.from_arrays(
        [
            pa.array(column, type=field.type)
            for column, field in zip(columns, FEATURE_SCHEMA, strict=True)
        ],
        schema=FEATURE_SCHEMA,
    )
    return Features(
        table=table,
        keys=tuple(record.key for record in ordered),
        linkable=tuple(linkable),
        swapped=tuple(swapped),
    )
