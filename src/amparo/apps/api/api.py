"""The integration API: upload extracts, follow an import, read a person's summary.

Same access rules as the pages (the same selectors), per-user bearer tokens,
and every error response declared in the schema.
"""

from __future__ import annotations

from typing import Annotated

from django.http import Http404, HttpRequest
from ninja import File, NinjaAPI, Status, UploadedFile
from ninja.errors import AuthenticationError, ValidationError

from amparo.apps.accounts.models import User
from amparo.apps.accounts.roles import imports_extracts, reads_person_files
from amparo.apps.api.auth import TokenAuth
from amparo.apps.api.schemas import (
    CustodyEventOut,
    ErrorOut,
    ImportFileOut,
    ImportOut,
    PersonOut,
    RowIssueOut,
    SourceRecordOut,
)
from amparo.apps.audit.services import audit_access
from amparo.apps.ingest.models import ImportBatch
from amparo.apps.ingest.progress import progress_get
from amparo.apps.ingest.selectors import batch_get_for_user, batch_issues
from amparo.apps.ingest.services import ImportRefused, UploadedExtract, import_batch_create
from amparo.apps.ingest.tasks import import_batch_task
from amparo.apps.registry.selectors import (
    person_cases_for_user,
    person_get_for_user,
    person_records,
    person_timeline,
)

ISSUES_IN_RESPONSE = 200

api = NinjaAPI(
    title="Amparo API",
    version="1",
    description=(
        "Upload agency extracts, follow imports and read people's summaries. "
        "Authenticate with a per-user token: `Authorization: Bearer amp_…`."
    ),
    auth=TokenAuth(),
    urls_namespace="api",
)

ERRORS_READ = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class Forbidden(Exception):
    pass


@api.exception_handler(Forbidden)
def _forbidden(request: HttpRequest, exc: Forbidden) -> object:
    return api.create_response(request, {"detail": str(exc)}, status=403)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> object:
    return api.create_response(request, {"detail": "Not found."}, status=404)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> object:
    return api.create_response(request, {"detail": "A valid API token is required."}, status=401)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> object:
    problems = "; ".join(
        f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', 'invalid')}"
        for e in exc.errors
    )
    return api.create_response(request, {"detail": problems or "Invalid request."}, status=422)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.auth, User)  # type: ignore[attr-defined]
    return request.auth  # type: ignore[attr-defined]


def _import_out(batch: ImportBatch) -> ImportOut:
    progress = progress_get(str(batch.public_id))
    issues = batch_issues(batch)
    return ImportOut(
        id=batch.public_id,
        status=batch.status,
        created_at=batch.created_at,
        finished_at=batch.finished_at,
        error=batch.error,
        rows_total=batch.rows_total,
        rows_imported=batch.rows_imported,
        rows_already_present=batch.rows_already_present,
        rows_rejected=batch.rows_rejected,
        rows_with_bad_values=batch.rows_with_bad_values,
        people_created=batch.people_created,
        progress_percent=progress.percent if progress else None,
        files=[
            ImportFileOut(
                filename=f.filename,
                source=f.source,
                rows_total=f.rows_total,
                rows_imported=f.rows_imported,
                rows_already_present=f.rows_already_present,
                rows_rejected=f.rows_rejected,
            )
            for f in batch.files.all()
        ],
        issues_shown=[
            RowIssueOut(
                file=i.file.filename,
                line=i.line,
                record_id=i.record_id,
                column=i.column,
                problem=i.problem,
                rejected=i.rejected,
                message=i.message,
            )
            for i in issues[:ISSUES_IN_RESPONSE]
        ],
        issues_total=issues.count(),
    )


@api.post(
    "/v1/imports",
    response={201: ImportOut, 400: ErrorOut, **ERRORS_READ},
    summary="Upload one or more extract files as one import batch",
)
def import_create(
    request: HttpRequest,
    # At least one file: the schema says so, so a client is told before it sends none.
    files: Annotated[list[UploadedFile], File(min_length=1)],
) -> Status[ImportOut | ErrorOut]:
    user = _user(request)
    if not imports_extracts(user):
        raise Forbidden("Your role may not import extracts.")
    uploads = [UploadedExtract(filename=f.name or "upload", data=f.read()) for f in files]
    try:
        batch = import_batch_create(actor=user, files=uploads, note="uploaded through the API")
    except ImportRefused as refusal:
        return Status(400, ErrorOut(detail=str(refusal)))
    import_batch_task.enqueue(batch.pk, user.pk)
    batch.refresh_from_db()
    return Status(201, _import_out(batch))


@api.get(
    "/v1/imports/{import_id}",
    response={200: ImportOut, **ERRORS_READ},
    summary="Follow an import: status, progress, counts and row problems",
)
def import_get(request: HttpRequest, import_id: str) -> ImportOut:
    user = _user(request)
    if not imports_extracts(user):
        raise Forbidden("Your role may not read imports.")
    return _import_out(batch_get_for_user(user=user, public_id=import_id))


@api.get(
    "/v1/people/{person_id}",
    response={200: PersonOut, **ERRORS_READ},
    summary="A person's summary, records and custody timeline",
)
def person_get(request: HttpRequest, person_id: str) -> PersonOut:
    user = _user(request)
    if not reads_person_files(user):
        raise Forbidden("Your role may not read people's files.")
    person = person_get_for_user(user=user, public_id=person_id)
    audit_access(
        actor=user, object_type="person", object_id=str(person.public_id), what="api summary"
    )
    return PersonOut(
        id=person.public_id,
        given_names=person.given_names,
        surnames=person.surnames,
        dob=person.dob,
        sex=person.sex,
        citizenship=person.citizenship,
        language=person.language,
        a_number=person.a_number,
        cases=list(
            person_cases_for_user(user=user, person=person).values_list("case_code", flat=True)
        ),
        records=[
            SourceRecordOut(source=r.source, record_id=r.record_id, fields=r.fields)
            for r in person_records(person)
        ],
        timeline=[
            CustodyEventOut(
                kind=e.kind,
                occurred_on=e.occurred_on,
                place=e.place,
                detail=e.detail,
                source=e.record.source,
                record_id=e.record.record_id,
            )
            for e in person_timeline(person)
        ],
    )
