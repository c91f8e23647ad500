"""Where personal data lives: every table and column the rules reach, with its kind
and the lookup that leads from its row to the person it is about.

A new model that stores personal data must add its columns here; the lifecycle
tests search every text column of every table for a child's original strings after
a run, so a column left out fails them. Audit events are not listed: the chain
cannot be rewritten, and their details carry ids and codes, not people's data
(ADR 0017 lists the exceptions checked).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from amparo.engines.lifecycle import DataKind, Part

# The agencies' columns (extracts.spec) and the normalised fields derived from them.
_NAME_KEYS: Final = (
    "first_name",
    "middle_name",
    "last_name",
    "full_name",
    "given_name",
    "family_name",
    "given_names",
    "surnames",
    "given_names_key",
    "surnames_key",
)
RECORD_KEYS: Final[dict[str, DataKind]] = {
    **dict.fromkeys(_NAME_KEYS, DataKind.NAMES),
    "a_number": DataKind.A_NUMBER,
    "dob": DataKind.DATE_OF_BIRTH,
    # A child's ORR row names the parent: a relative's identity inside the child's
    # record is redacted with the child's statements, not given the child's pseudonym.
    "parent_name_reported": DataKind.FREE_TEXT,
    "parent_a_number_reported": DataKind.FREE_TEXT,
}


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    kind: DataKind
    part: str = Part.FIRST


@dataclass(frozen=True, slots=True)
class Table:
    """`model` as app_label.ModelName; `subject` the lookup from a row to a person's
    id ('' for data about no one in the registry)."""

    model: str
    subject: str
    columns: tuple[Column, ...] = ()
    # JSON columns: keyed documents (kinds per key) and documents scrubbed of the
    # subject's own strings.
    documents: tuple[str, ...] = ()
    scrubbed: tuple[str, ...] = ()
    # JSON columns of evidence that quote people (Cell.quotes).
    quoting: tuple[str, ...] = ()
    # The whole row goes under this kind's delete rule.
    row_kind: DataKind | None = None
    # Only rows matching these lookups (e.g. the current record assignment).
    filters: dict[str, object] = field(default_factory=dict)


_CURRENT_OWNER: Final = "assignments__person_id"

TABLES: Final[tuple[Table, ...]] = (
    Table(
        "registry.Person",
        "id",
        (
            Column("given_names", DataKind.NAMES),
            Column("surnames", DataKind.NAMES, Part.OTHER),
            Column("name_key", DataKind.NAMES, Part.OTHER),
            Column("dob", DataKind.DATE_OF_BIRTH),
            Column("a_number", DataKind.A_NUMBER),
        ),
    ),
    Table(
        "registry.SourceRecord",
        _CURRENT_OWNER,
        (
            Column("given_names_key", DataKind.NAMES),
            Column("surnames_key", DataKind.NAMES, Part.OTHER),
            Column("dob", DataKind.DATE_OF_BIRTH),
            Column("a_number", DataKind.A_NUMBER),
        ),
        documents=("raw", "fields"),
        filters={"assignments__superseded_at__isnull": True},
    ),
    # A separation's and a review item's evidence quote both sides and their relatives:
    # read once per side, so that either side's rules reach it.
    Table("registry.Separation", "child_id", quoting=("evidence",)),
    Table("registry.Separation", "parent_id", quoting=("evidence",)),
    Table("linkage.ReviewItem", "left_person_id", quoting=("evidence",)),
    Table("linkage.ReviewItem", "right_person_id", quoting=("evidence",)),
    Table("eligibility.PersonEligibility", "person_id", scrubbed=("findings",)),
    Table("eligibility.RecordedFact", "person_id", (Column("note", DataKind.FREE_TEXT),)),
    Table(
        "elections.Election",
        "person_id",
        (
            Column("signer_name", DataKind.FREE_TEXT),
            Column("member_dob", DataKind.DATE_OF_BIRTH),
            Column("scan_path", DataKind.FILES),
            Column("scan_original_name", DataKind.FREE_TEXT),
            Column("note", DataKind.FREE_TEXT),
        ),
    ),
    Table(
        "interviews.Interview",
        "person_id",
        (
            Column("request_note", DataKind.INTERVIEW_RECORDS),
            Column("determination_summary", DataKind.INTERVIEW_RECORDS),
            Column("supervisor_note", DataKind.INTERVIEW_RECORDS),
        ),
    ),
    Table(
        "interviews.InterviewEvent",
        "interview__person_id",
        (
            Column("note", DataKind.INTERVIEW_RECORDS),
            Column("text", DataKind.INTERVIEW_RECORDS),
        ),
    ),
    Table(
        "interviews.Worksheet",
        "interview__person_id",
        (
            Column("summary_corrections", DataKind.INTERVIEW_RECORDS),
            Column("qa_notes", DataKind.INTERVIEW_RECORDS),
        ),
    ),
    Table(
        "interviews.HarmItem",
        "worksheet__interview__person_id",
        (
            Column("place", DataKind.INTERVIEW_RECORDS),
            Column("perpetrator", DataKind.INTERVIEW_RECORDS),
        ),
    ),
    Table(
        "interviews.Assessment",
        "interview__person_id",
        (
            Column("first_value", DataKind.INTERVIEW_RECORDS),
            Column("new_value", DataKind.INTERVIEW_RECORDS),
            Column("text", DataKind.INTERVIEW_RECORDS),
        ),
    ),
    Table(
        "notices.NoticeDelivery",
        "notice__person_id",
        (Column("note", DataKind.FREE_TEXT),),
    ),
    Table(
        "notices.Objection",
        "person_id",
        (
            Column("name", DataKind.NAMES),
            Column("a_number", DataKind.A_NUMBER),
            Column("contact", DataKind.CONTACTS),
            Column("text", DataKind.FREE_TEXT),
            Column("translation", DataKind.FREE_TEXT),
            Column("scan_path", DataKind.FILES),
        ),
    ),
    Table("notices.ScreenerContact", "", row_kind=DataKind.SCREENER_CONTACTS),
    Table(
        "returns.ReturnCase",
        "person_id",
        (
            Column("locality", DataKind.CONTACTS),
            Column("contact_details", DataKind.CONTACTS),
            Column("phone_number", DataKind.CONTACTS),
            Column("statement", DataKind.FREE_TEXT),
            Column("decision_reasons", DataKind.FREE_TEXT),
        ),
    ),
    Table("returns.ContactAttempt", "case__person_id", (Column("note", DataKind.FREE_TEXT),)),
    Table(
        "returns.Consent",
        "case__person_id",
        (
            Column("scan_path", DataKind.FILES),
            Column("note", DataKind.FREE_TEXT),
            Column("withdrawal_note", DataKind.FREE_TEXT),
        ),
    ),
    Table(
        "returns.Evidence",
        "case__person_id",
        (
            Column("description", DataKind.FREE_TEXT),
            Column("file_path", DataKind.FILES),
        ),
    ),
    Table("returns.MotionParent", "case__person_id", (Column("note", DataKind.FREE_TEXT),)),
    Table("accounts.ApiToken", "", row_kind=DataKind.CREDENTIALS),
    Table("sessions.Session", "", row_kind=DataKind.CREDENTIALS),
    Table("ingest.ImportFile", "", (Column("stored_path", DataKind.EXTRACT_FILES),)),
    Table(
        "ingest.RowIssue",
        "",
        (
            Column("value", DataKind.IMPORT_ISSUES),
            Column("message", DataKind.IMPORT_ISSUES),
        ),
    ),
)
