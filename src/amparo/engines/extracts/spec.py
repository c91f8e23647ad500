"""The agency-extract contract (../shared/spec/EXTRACTS.md) as data.

Everything that reads or writes extracts takes column names, id columns and
problem codes from here, so that the writer (synth) and the reader (ingest)
cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Source(StrEnum):
    """An agency extract, named by its file stem."""

    CBP = "cbp_apprehensions"
    ICE = "ice_detention"
    ORR = "orr_referrals"
    USCIS = "uscis_fear"


class Problem(StrEnum):
    """Why a row was rejected, or which field of a kept row carries a bad value.

    The first group rejects the row (it cannot describe anyone); the second keeps
    the row with the field unknown.
    """

    # Row rejected.
    MISSING_ID = "missing_id"
    DUPLICATE_ID = "duplicate_id"
    NO_IDENTITY = "no_identity"
    UNPARSEABLE = "unparseable_row"
    # Row kept, field set to unknown.
    BAD_DATE = "bad_date"
    BAD_A_NUMBER = "bad_a_number"
    UNKNOWN_CODE = "unknown_code"


# Longest record id kept: longer ones are not ids an agency system issues, and
# the registry indexes ids at this width.
MAX_ID_LENGTH = 120

REJECTING_PROBLEMS = frozenset(
    {Problem.MISSING_ID, Problem.DUPLICATE_ID, Problem.NO_IDENTITY, Problem.UNPARSEABLE}
)


@dataclass(frozen=True, slots=True)
class ExtractSpec:
    source: Source
    id_column: str
    columns: tuple[str, ...]
    name_columns: tuple[str, ...]
    date_columns: tuple[str, ...]

    @property
    def required_columns(self) -> tuple[str, ...]:
        # Every column of the contract must be present (an empty cell is how a
        # producer says "unknown"); a missing column means a different file.
        return self.columns

    @property
    def filename(self) -> str:
        return f"{self.source.value}.csv"


SPECS: dict[Source, ExtractSpec] = {
    Source.CBP: ExtractSpec(
        source=Source.CBP,
        id_column="event_id",
        columns=(
            "event_id",
            "apprehended_on",
            "sector",
            "family_unit_id",
            "a_number",
            "first_name",
            "middle_name",
            "last_name",
            "dob",
            "sex",
            "citizenship",
            "language",
            "relationship",
            "disposition",
            "separation_reason",
        ),
        name_columns=("first_name", "middle_name", "last_name"),
        date_columns=("apprehended_on", "dob"),
    ),
    Source.ICE: ExtractSpec(
        source=Source.ICE,
        id_column="ice_record_id",
        columns=(
            "ice_record_id",
            "a_number",
            "full_name",
            "dob",
            "sex",
            "citizenship",
            "facility",
            "book_in_on",
            "book_out_on",
            "book_out_reason",
            "removed_to",
        ),
        name_columns=("full_name",),
        date_columns=("dob", "book_in_on", "book_out_on"),
    ),
    Source.ORR: ExtractSpec(
        source=Source.ORR,
        id_column="orr_case_id",
        columns=(
            "orr_case_id",
            "a_number",
            "first_name",
            "last_name",
            "dob",
            "sex",
            "citizenship",
            "referred_on",
            "referred_by",
            "separated",
            "parent_name_reported",
            "parent_a_number_reported",
            "shelter",
            "discharged_on",
            "discharge_type",
        ),
        name_columns=("first_name", "last_name"),
        date_columns=("dob", "referred_on", "discharged_on"),
    ),
    Source.USCIS: ExtractSpec(
        source=Source.USCIS,
        id_column="fear_case_id",
        columns=(
            "fear_case_id",
            "a_number",
            "given_name",
            "family_name",
            "dob",
            "citizenship",
            "kind",
            "interviewed_on",
            "language",
            "interpreter_language",
            "counsel_present",
            "determination",
            "ij_review",
        ),
        name_columns=("given_name", "family_name"),
        date_columns=("dob", "interviewed_on"),
    ),
}

# Closed code lists. A value outside its list is Problem.UNKNOWN_CODE (row kept).
CODE_LISTS: dict[tuple[Source, str], frozenset[str]] = {
    (Source.CBP, "sex"): frozenset({"M", "F"}),
    (Source.CBP, "relationship"): frozenset(
        {"HEAD", "CHILD", "SPOUSE", "SIBLING", "GRANDPARENT", "AUNT_UNCLE", "OTHER"}
    ),
    (Source.CBP, "disposition"): frozenset(
        {"ORR_TRANSFER", "PROSECUTION", "ICE_ADULT", "ICE_FAMILY", "RELEASED", "RETURNED"}
    ),
    (Source.ICE, "sex"): frozenset({"M", "F"}),
    (Source.ICE, "book_out_reason"): frozenset({"REMOVED", "RELEASED", "TRANSFERRED", "REUNIFIED"}),
    (Source.ORR, "sex"): frozenset({"M", "F"}),
    (Source.ORR, "referred_by"): frozenset({"CBP", "ICE"}),
    (Source.ORR, "separated"): frozenset({"Y", "N"}),
    (Source.ORR, "discharge_type"): frozenset({"PARENT", "SPONSOR", "AGED_OUT"}),
    (Source.USCIS, "kind"): frozenset({"CF", "RF"}),
    (Source.USCIS, "counsel_present"): frozenset({"Y", "N"}),
    (Source.USCIS, "determination"): frozenset({"POSITIVE", "NEGATIVE", "CLOSED"}),
    (Source.USCIS, "ij_review"): frozenset({"AFFIRMED", "VACATED"}),
}

TRUTH_DIR = "truth"
TRUTH_FILES: dict[str, tuple[str, ...]] = {
    "records.csv": ("source", "record_id", "person_id"),
    "bad_rows.csv": ("source", "record_id", "problem"),
    "people.csv": ("person_id", "given_names", "surnames", "dob", "sex", "citizenship", "language"),
    "families.csv": (
        "parent_id",
        "child_id",
        "relationship",
        "separated",
        "separated_on",
        "reunified_on",
        "parent_removed_on",
    ),
}
