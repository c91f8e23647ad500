from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from ninja import Schema


class ErrorOut(Schema):
    detail: str


class ImportFileOut(Schema):
    filename: str
    source: str
    rows_total: int
    rows_imported: int
    rows_already_present: int
    rows_rejected: int


class RowIssueOut(Schema):
    file: str
    line: int
    record_id: str
    column: str
    problem: str
    rejected: bool
    message: str


class ImportOut(Schema):
    id: UUID
    status: str
    created_at: datetime
    finished_at: datetime | None
    error: str
    rows_total: int
    rows_imported: int
    rows_already_present: int
    rows_rejected: int
    rows_with_bad_values: int
    people_created: int
    progress_percent: int | None
    files: list[ImportFileOut]
    issues_shown: list[RowIssueOut]
    issues_total: int


class SourceRecordOut(Schema):
    source: str
    record_id: str
    fields: dict[str, str | None]


class CustodyEventOut(Schema):
    kind: str
    occurred_on: date
    place: str
    detail: str
    source: str
    record_id: str


class PersonOut(Schema):
    id: UUID
    given_names: str
    surnames: str
    dob: date | None
    sex: str
    citizenship: str
    language: str
    a_number: str
    cases: list[str]
    records: list[SourceRecordOut]
    timeline: list[CustodyEventOut]
