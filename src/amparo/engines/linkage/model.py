"""The Splink model of "same person", independent of the database that runs it.

`splink_settings(config)` builds the same model for DuckDB and Spark: levels use
Splink's dialect-aware library where it is fast enough, and the custom conditions
take their few non-standard functions (array membership, Hamming distance) from a
per-dialect table (spec.Sql).

The columns compared are those of features.FEATURE_SCHEMA.
"""

from __future__ import annotations

from typing import Final

import splink.comparison_level_library as cll
from splink import SettingsCreator

from amparo.engines.linkage.config import LinkageConfig
from amparo.engines.linkage.features import EVENT_FIELDS, EVENT_NEAR_DAYS
from amparo.engines.linkage.spec import (
    NON_EXACT_TF_WEIGHT,
    ComparisonSpec,
    Level,
    ModelSpec,
    Sql,
    settings_from_spec,
    tf,
)
from amparo.engines.linkage.standardise import FUZZY_NAME, MAX_A_NUMBER_YEAR_GAP, SIMILAR_NAME

__all__ = [
    "BLOCKING_RULES",
    "DETERMINISTIC_RULES",
    "MEASURED_BLOCKING_RECALL",
    "TRAINING_RULES",
    "comparisons",
    "person_model",
    "splink_settings",
]


# Share of true matches recorded with a different sex / citizenship (data entry).
SEX_MISMATCH_M: Final = 0.005
CITIZENSHIP_MISMATCH_M: Final = 0.01


# Custody events (features.EVENT_FIELDS): Border Patrol's apprehension, and the
# events that receive a person from it (an ICE book-in, an ORR referral).
APPREHENDED: Final = "apprehended_on"
_RECEIVED: Final = "('book_in_on', 'referred_on')"

# Birth years close enough for an A-number to count (see standardise.a_number_counts).
_YEARS_CLOSE: Final = (
    "(dob_year_l IS NULL OR dob_year_r IS NULL "
    f"OR abs(dob_year_l - dob_year_r) <= {MAX_A_NUMBER_YEAR_GAP})"
)


def _given(config: LinkageConfig, sql: Sql) -> ComparisonSpec:
    # A nickname shares the level of a spelling variant: both say "the same name,
    # written otherwise" (and the synthetic worlds never put nicknames in a name
    # field, so a level of its own could not be trained on them).
    alike = (
        f"(given_phon_l = given_phon_r OR (given_first_l <> given_first_r AND "
        f"{sql.overlap('given_first_forms')}))"
    )
    first_typo = (
        f"(levenshtein(given_first_l, given_first_r) <= 1 OR "
        f"{sql.jaro_winkler('given_first_l', 'given_first_r')} >= {FUZZY_NAME})"
    )
    # One side is a single name, the other's first: "María de los Ángeles" -> "María".
    first_kept = (
        "(given_first_l = given_first_r AND "
        "(given_key_l = given_first_l OR given_key_r = given_first_r))"
    )
    return ComparisonSpec(
        "given",
        ("given_names",),
        (
            Level("blank", "no given name", cll.NullLevel("given_key")),
            Level(
                "match",
                "same given names",
                tf(cll.ExactMatchLevel("given_key"), "given_key", config),
            ),
            Level(
                "partial",
                "a compound name cut to its first name",
                tf(
                    sql.level(first_kept, "first name kept"),
                    "given_first",
                    config,
                    weight=NON_EXACT_TF_WEIGHT,
                    library_exact=False,
                ),
            ),
            Level(
                "partial",
                "one name is another part of the other's compound name",
                sql.level(sql.either_contains("given_tokens", "given_key"), "part of compound"),
            ),
            Level("partial", "same sound, or a nickname", sql.level(alike, "sound or nickname")),
            Level("partial", "one typo", cll.LevenshteinLevel("given_key", 1)),
            Level("partial", "similar", cll.JaroWinklerLevel("given_key", SIMILAR_NAME)),
            Level(
                "partial",
                "first names a typo apart (a compound cut as well)",
                sql.level(first_typo, "first name typo"),
            ),
            Level(
                "partial",
                "a given name in common",
                sql.level(sql.overlap("given_forms"), "a name in common"),
            ),
            Level("mismatch", "different given names", cll.ElseLevel()),
        ),
    )


def _surnames(config: LinkageConfig, sql: Sql) -> ComparisonSpec:
    phonetic = (
        f"(sur_phon_key_l = sur_phon_key_r OR "
        f"{sql.either_contains('sur_phon_set', 'sur_phon_key')})"
    )

    # The same number of surnames, all equal but one, which is a typo of its match.
    def close(one: str, two: str) -> str:
        return f"{sql.jaro_winkler(one, two)} >= {FUZZY_NAME}"

    typo = " OR ".join(
        [
            "(sur_count_l = 1 AND sur_count_r = 1 AND " + close("sur_1_l", "sur_1_r") + ")",
            "(sur_1_l = sur_1_r AND " + close("sur_2_l", "sur_2_r") + ")",
            "(sur_2_l = sur_2_r AND " + close("sur_1_l", "sur_1_r") + ")",
            "(sur_1_l = sur_2_r AND " + close("sur_2_l", "sur_1_r") + ")",
            "(sur_2_l = sur_1_r AND " + close("sur_1_l", "sur_2_r") + ")",
        ]
    )
    # One side kept a single surname, which is a typo away from one of the other's.
    dropped_typo = " OR ".join(
        f"(sur_count_{one} = 1 AND "
        f"({sql.jaro_winkler(f'sur_key_{one}', f'sur_1_{two}')} >= {FUZZY_NAME} OR "
        f"{sql.jaro_winkler(f'sur_key_{one}', f'sur_2_{two}')} >= {FUZZY_NAME}))"
        for one, two in (("l", "r"), ("r", "l"))
    )
    return ComparisonSpec(
        "surnames",
        ("surnames",),
        (
            Level("blank", "no surname", cll.NullLevel("sur_key")),
            Level(
                "match",
                "same surnames (any order)",
                tf(cll.ExactMatchLevel("sur_key"), "sur_key", config),
            ),
            Level(
                "partial",
                "one surname dropped",
                tf(
                    sql.level(sql.either_contains("sur_set", "sur_key"), "one dropped"),
                    "sur_key",
                    config,
                    weight=NON_EXACT_TF_WEIGHT,
                    library_exact=False,
                ),
            ),
            Level("partial", "same sounds", sql.level(phonetic, "phonetic")),
            Level("partial", "one surname mistyped", sql.level(typo, "one typo")),
            Level(
                "partial",
                "one surname dropped, the other mistyped",
                sql.level(dropped_typo, "dropped and typo"),
            ),
            Level(
                "partial",
                "one surname in common",
                sql.level(sql.overlap("sur_set"), "one in common"),
            ),
            # One surname each, different: one person's record keeps the father's
            # surname, another the mother's (or a child the other parent's). Two
            # full pairs of surnames that share nothing are much stronger evidence
            # of two people, so the two disagreements get levels of their own.
            Level(
                "mismatch",
                "one surname on each side, different",
                sql.level("sur_count_l = 1 AND sur_count_r = 1", "one each"),
            ),
            Level("mismatch", "different surnames", cll.ElseLevel()),
        ),
    )


def _dob(config: LinkageConfig, sql: Sql) -> ComparisonSpec:
    # 1 January is what agents typed when only the year was known: such a date
    # agrees on the year only, even with another 1 January.
    known = "dob_md_l <> '01-01' AND dob_md_r <> '01-01'"
    two_of_three = "(dob_md_l = dob_md_r OR dob_ym_l = dob_ym_r OR dob_yd_l = dob_yd_r)"
    return ComparisonSpec(
        "dob",
        ("dob",),
        (
            Level("blank", "no date of birth (or a placeholder)", cll.NullLevel("dob")),
            Level(
                "match",
                "same date of birth",
                tf(
                    sql.level(f"dob_l = dob_r AND {known}", "exact"),
                    "dob",
                    config,
                    library_exact=False,
                ),
            ),
            Level("partial", "day and month swapped", sql.level("dob_swap_l = dob_r", "swapped")),
            Level(
                "partial",
                "year one apart",
                sql.level(
                    f"dob_md_l = dob_md_r AND abs(dob_year_l - dob_year_r) = 1 AND {known}",
                    "year off",
                ),
            ),
            Level(
                "partial",
                "same year, one side 1 January (year only known)",
                sql.level(
                    "dob_year_l = dob_year_r AND (dob_md_l = '01-01' OR dob_md_r = '01-01')",
                    "year only",
                ),
            ),
            # A year worked out from a stated age is one early whenever the birthday
            # has not come yet that year; on another record the year may be right
            # (or itself one off). Weaker than the same year, far from a mismatch.
            Level(
                "partial",
                "years one apart, one side 1 January (a year from an age)",
                sql.level(
                    "abs(dob_year_l - dob_year_r) = 1 "
                    "AND (dob_md_l = '01-01' OR dob_md_r = '01-01')",
                    "year only, one off",
                ),
            ),
            Level(
                "partial",
                "two of year, month and day agree (a typo)",
                sql.level(f"{two_of_three} AND {known}", "two of three"),
            ),
            Level("mismatch", "different dates of birth", cll.ElseLevel()),
        ),
    )


def _a_number(sql: Sql) -> ComparisonSpec:
    close = _YEARS_CLOSE
    typo = (
        f"({sql.hamming('a_number')} = 1 OR "
        f"({sql.hamming('a_number')} = 2 AND a_digits_l = a_digits_r))"
    )
    return ComparisonSpec(
        "a_number",
        ("a_number",),
        (
            Level("blank", "no A-number", cll.NullLevel("a_number")),
            Level(
                "match",
                "same A-number",
                sql.level(f"a_number_l = a_number_r AND {close}", "exact"),
            ),
            Level(
                "partial",
                "one digit mistyped or two digits exchanged",
                sql.level(f"{typo} AND {close}", "one typo"),
            ),
            # A child's file with the parent's number: says nothing either way.
            Level(
                "blank",
                "same A-number but birth years far apart (not evidence)",
                sql.level("a_number_l = a_number_r", "years far apart").configure(
                    is_null_level=True
                ),
            ),
            Level(
                "mismatch",
                "different A-numbers, one from a child's file",
                sql.level("(a_child_file_l OR a_child_file_r)", "child's file"),
            ),
            Level("mismatch", "different A-numbers", cll.ElseLevel()),
        ),
    )


def _event(sql: Sql) -> ComparisonSpec:
    """How far apart the records' custody events are: one person's apprehension,
    book-in, referral and interview follow within weeks; two strangers who share a
    name and a birth date almost never crossed in the same weeks."""

    def within(days: int) -> cll.CustomLevel:
        return sql.level(f"abs(event_day_l - event_day_r) <= {days}", f"within {days} days")

    # A custody hand-over: Border Patrol apprehends, and within days refers a
    # child to ORR or hands an adult to ICE. The same person's two records are
    # then in this order and days apart, which strangers' pairs seldom are;
    # other records days apart (an interview) say less. Two rows of one extract
    # days apart are two events of one kind (each extract keeps one row per person
    # per event: apprehension, book-in, referral): mostly two people taken
    # together, siblings and namesakes, rarely one person twice.
    def handed_over(first: str, then: str) -> str:
        return (
            f"(event_kind_{first} = '{APPREHENDED}' "
            f"AND event_kind_{then} IN {_RECEIVED} "
            f"AND event_day_{then} - event_day_{first} BETWEEN 0 AND {EVENT_NEAR_DAYS})"
        )

    handover = f"({handed_over('l', 'r')} OR {handed_over('r', 'l')})"

    return ComparisonSpec(
        "event",
        EVENT_FIELDS,
        (
            Level("blank", "no event date", cll.NullLevel("event_day")),
            Level(
                "match",
                "apprehended, then referred or booked in within three days",
                sql.level(handover, "hand-over"),
            ),
            Level(
                "mismatch",
                "two events of one kind within a week",
                sql.level(
                    "event_kind_l = event_kind_r AND abs(event_day_l - event_day_r) <= 7",
                    "same kind",
                ),
            ),
            Level("partial", "custody events within three days", within(EVENT_NEAR_DAYS)),
            Level("partial", "within a week", within(7)),
            Level("partial", "within six weeks", within(45)),
            Level("partial", "within six months", within(183)),
            Level("mismatch", "more than six months apart", cll.ElseLevel()),
        ),
    )


def _simple(name: str, mismatch_m: float) -> ComparisonSpec:
    # The share of true matches that disagree is fixed, not trained: the synthetic
    # worlds never mistype sex or citizenship, and EM would learn "never", which
    # makes one data-entry slip split a person in two on real data.
    mismatch = cll.ElseLevel().configure(m_probability=mismatch_m, fix_m_probability=True)
    return ComparisonSpec(
        name,
        (name,),
        (
            Level("blank", f"no {name}", cll.NullLevel(name)),
            Level("match", f"same {name}", cll.ExactMatchLevel(name)),
            Level("mismatch", f"different {name}", mismatch),
        ),
    )


def comparisons(config: LinkageConfig) -> tuple[ComparisonSpec, ...]:
    sql = Sql(config.backend)
    return (
        _given(config, sql),
        _surnames(config, sql),
        _dob(config, sql),
        _simple("sex", SEX_MISMATCH_M),
        _simple("citizenship", CITIZENSHIP_MISMATCH_M),
        _a_number(sql),
        _event(sql),
    )


# Candidate pairs: a pair is scored when any rule holds. Each rule joins on
# high-cardinality keys only (a name's phonetic key, a surname, a date, an
# A-number), never on one low-cardinality key. Together they pair a name with the
# date of birth in every form it survives as: exact, day and month swapped, 1
# January (the year only), the year off by one (day and month kept), a typo (two
# of year, month and day kept), or missing; and a surname in every form: the
# same, one dropped (compared across the two sorted positions, sur_a/sur_b), or
# the given name carrying the pair instead. Splink scores a pair with the lower id
# on the left, so rules comparing different columns, and one-sided filters
# ("l.dob IS NULL", which let the database join only those records), come in twos.
_NAMES: Final = "l.given_block = r.given_block"
# A filter on a join (the database enumerates the join's matches but scores only
# these): cheap where a plain equality on the year would pair everyone of an age.
_YEAR_OFF: Final = "abs(l.dob_year - r.dob_year) = 1"
# One custody episode: a child's CBP apprehension and ORR referral, or an
# adult's apprehension and ICE book-in, days apart (EVENT_NEAR_DAYS; blocking
# joins on the event's bin and on its shifted bin, see features.EVENT_BIN_DAYS).
# Within one, a record pair is worth scoring on less name evidence than across
# the year: both surname fields changed (a child registered under the other
# parent's surname, one surname dropped on each side) or the given name
# mistyped, with the date of birth mistyped as well.
# Only hand-overs (an apprehension on one side, a referral or a book-in on the
# other; see _event), and the same sex and citizenship: in a large input many
# people are taken in any one week, and these keep the pairs to look at few.
_HANDOVER: Final = (
    f"((l.event_kind = '{APPREHENDED}' AND r.event_kind IN {_RECEIVED}) "
    f"OR (r.event_kind = '{APPREHENDED}' AND l.event_kind IN {_RECEIVED}))"
)
_CUSTODY: Final = (
    "l.citizenship = r.citizenship AND l.sex = r.sex "
    f"AND abs(l.event_day - r.event_day) <= {EVENT_NEAR_DAYS} AND {_HANDOVER}"
)
# The birth year as a year reckoned from an age or typed one off: the same day,
# or 1 January on a side.
_YEAR_NEAR: Final = (
    f"{_YEAR_OFF} AND (l.dob_md = r.dob_md OR l.dob_md = '01-01' OR r.dob_md = '01-01')"
)
# Birth years close or unknown, and the given names' first letters the same
# (a typo seldom hits the first letter).
_ALIKE: Final = (
    "(l.dob_year IS NULL OR r.dob_year IS NULL OR abs(l.dob_year - r.dob_year) <= 1) "
    "AND l.given_initial = r.given_initial"
)
# A surname in common, in any of the sorted positions (one dropped moves the other).
_SURNAME_POSITIONS: Final = (
    ("sur_a", "sur_a"),
    ("sur_b", "sur_b"),
    ("sur_a", "sur_b"),
    ("sur_b", "sur_a"),
)
_IN_CUSTODY: Final[tuple[str, ...]] = (
    f"{_NAMES} AND l.dob_year = r.dob_year",
    f"{_NAMES} AND {_YEAR_NEAR}",
    "l.dob = r.dob",
    "l.dob_swap = r.dob",
    f"l.sur_a = r.sur_a AND {_YEAR_NEAR}",
    # The given name mistyped and the date of birth blank or mistyped: in a
    # hand-over, a surname in common is enough to look.
    *(f"l.{a} = r.{b} AND {_ALIKE}" for a, b in _SURNAME_POSITIONS),
)
BLOCKING_RULES: Final[tuple[str, ...]] = (
    "l.a_number = r.a_number",
    f"l.dob = r.dob AND {_NAMES}",
    "l.dob = r.dob AND l.sur_a = r.sur_a",
    "l.dob = r.dob AND l.sur_a = r.sur_b",
    "l.dob = r.dob AND l.sur_b = r.sur_a",
    # The first surname mistyped, the second kept (sets sort the typo first still).
    "l.dob = r.dob AND l.sur_b = r.sur_b",
    f"{_NAMES} AND l.dob_swap = r.dob",
    f"l.dob_md = '01-01' AND {_NAMES} AND l.sur_a = r.sur_a AND l.dob_year = r.dob_year",
    f"r.dob_md = '01-01' AND {_NAMES} AND l.sur_a = r.sur_a AND l.dob_year = r.dob_year",
    f"{_NAMES} AND l.sur_a = r.sur_a AND l.dob_ym = r.dob_ym",
    f"{_NAMES} AND l.sur_a = r.sur_a AND l.dob_yd = r.dob_yd",
    f"{_NAMES} AND l.sur_a = r.sur_a AND l.dob_md = r.dob_md",
    f"l.dob_md = '01-01' AND {_NAMES} AND l.sur_a = r.sur_b AND l.dob_year = r.dob_year",
    f"r.dob_md = '01-01' AND {_NAMES} AND l.sur_a = r.sur_b AND l.dob_year = r.dob_year",
    f"l.dob_md = '01-01' AND {_NAMES} AND l.sur_b = r.sur_a AND l.dob_year = r.dob_year",
    f"r.dob_md = '01-01' AND {_NAMES} AND l.sur_b = r.sur_a AND l.dob_year = r.dob_year",
    f"{_NAMES} AND l.sur_a = r.sur_b AND l.dob_md = r.dob_md",
    f"{_NAMES} AND l.sur_b = r.sur_a AND l.dob_md = r.dob_md",
    # Whole surnames changed (one dropped, the other kept): the year off by one.
    f"{_NAMES} AND l.dob_md = r.dob_md AND {_YEAR_OFF}",
    # Given names mistyped or cut: the date of birth swapped, year only, year off.
    "l.sur_key = r.sur_key AND l.dob_swap = r.dob",
    "l.dob_md = '01-01' AND l.sur_key = r.sur_key AND l.dob_year = r.dob_year",
    "r.dob_md = '01-01' AND l.sur_key = r.sur_key AND l.dob_year = r.dob_year",
    f"l.sur_key = r.sur_key AND l.dob_md = r.dob_md AND {_YEAR_OFF}",
    f"l.dob IS NULL AND {_NAMES} AND l.sur_a = r.sur_a",
    f"r.dob IS NULL AND {_NAMES} AND l.sur_a = r.sur_a",
    f"l.dob IS NULL AND {_NAMES} AND l.sur_a = r.sur_b",
    f"r.dob IS NULL AND {_NAMES} AND l.sur_a = r.sur_b",
    f"l.dob IS NULL AND {_NAMES} AND l.sur_b = r.sur_a",
    f"r.dob IS NULL AND {_NAMES} AND l.sur_b = r.sur_a",
    *(
        f"{rule} AND l.{bin_} = r.{bin_} AND {_CUSTODY}"
        for rule in _IN_CUSTODY
        for bin_ in ("event_bin", "event_bin_shifted")
    ),
)

# Recall of BLOCKING_RULES (share of true same-person record pairs among the
# comparable records that some rule puts up for scoring), measured with
# blocking_recall() on synthetic worlds: bench/blocking_recall.py prints them.
MEASURED_BLOCKING_RECALL: Final[dict[str, object]] = {
    "measured_with": "amparo.engines.linkage.quality.blocking_recall",
    "population": "true same-person pairs among comparable records, synthetic worlds",
    "model_version": "amparo-person-linkage/2",
    "recall": {
        "1000 families, seed 1": 0.99978,
        "1000 families, seed 2": 0.99957,
        "1000 families, seed 3": 0.99957,
        "10000 families, seed 1": 0.99951,
        "10000 families, seed 2": 0.99924,
        "10000 families, seed 2018": 0.99947,
    },
    "pairs_generated": {"1000 families, seed 1": 5396, "10000 families, seed 1": 124990},
}


# EM sessions: each leaves out the comparison its rule fixes (dob in the first,
# a_number in the second), so every comparison is trained at least once.
TRAINING_RULES: Final[tuple[tuple[str, ...], ...]] = (("dob",), ("a_number",))

# Near-certain matches, counted to estimate the prior (see LinkageConfig.lambda_recall).
DETERMINISTIC_RULES: Final[tuple[str, ...]] = (
    "l.a_number = r.a_number AND l.dob = r.dob",
    "l.given_key = r.given_key AND l.sur_key = r.sur_key AND l.dob = r.dob",
)


def person_model(config: LinkageConfig) -> ModelSpec:
    """The person model: comparisons for `config`, and the rules above."""
    return ModelSpec(
        comparisons=comparisons(config),
        blocking_rules=BLOCKING_RULES,
        training_rules=TRAINING_RULES,
        deterministic_rules=DETERMINISTIC_RULES,
    )


def splink_settings(config: LinkageConfig) -> SettingsCreator:
    """The person model's Splink settings (untrained), for any Splink database API
    (DuckDBAPI, SparkAPI): register the feature table, then
    ``Linker([table], splink_settings(config))``."""
    return settings_from_spec(person_model(config), config)
