"""The rule set's ids and the engine's words, as people read them (English, Spanish)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from amparo.engines.lifecycle import Action, DataKind, Whom

KIND_LABELS: dict[DataKind, Promise] = {
    DataKind.NAMES: _("Names"),
    DataKind.DATE_OF_BIRTH: _("Dates of birth"),
    DataKind.A_NUMBER: _("A-numbers"),
    DataKind.CONTACTS: _("Addresses and contact details"),
    DataKind.FREE_TEXT: _("Statements and notes"),
    DataKind.FILES: _("Scans and evidence files"),
    DataKind.INTERVIEW_RECORDS: _("Interview records and worksheets"),
    DataKind.SCREENER_CONTACTS: _("Screener contacts"),
    DataKind.CREDENTIALS: _("API tokens and sessions"),
    DataKind.EXTRACT_FILES: _("Uploaded extract files"),
    DataKind.IMPORT_ISSUES: _("Values quoted in import reports"),
}
ACTION_LABELS: dict[Action, Promise] = {
    Action.DELETE: _("Delete"),
    Action.ANONYMISE: _("Replace with a pseudonym"),
    Action.GENERALISE_DOB: _("Keep the year only"),
    Action.REDACT: _("Redact"),
    Action.DELETE_FILE: _("Delete the file"),
}
WHOM_LABELS: dict[Whom, Promise] = {
    Whom.MINORS: _("Minors"),
    Whom.ADULTS: _("Adults"),
    Whom.EVERYONE: _("Everyone"),
}
RULE_SUMMARIES: dict[str, Promise] = {
    "minors.identity": _(
        "A child's names and A-number become a stable pseudonym 90 days after the settlement ends."
    ),
    "minors.birth-date": _(
        "A child's date of birth keeps its year only, so the court's age bands can still "
        "be counted."
    ),
    "minors.narratives": _(
        "A child's statements, notes, interview records and contact details are redacted."
    ),
    "minors.files": _("Scans and evidence filed for a child are deleted from disk."),
    "everyone.credentials": _("API tokens and sessions end with the settlement."),
    "everyone.screener": _(
        "Contacts left on the public screener are deleted 30 days after the end."
    ),
    "everyone.extracts": _(
        "The agencies' uploaded extract files are deleted 90 days after the end."
    ),
    "everyone.rejected-rows": _(
        "The values quoted in the import reports' rejected rows are redacted with the "
        "extract files."
    ),
    "adults.narratives": _(
        "An adult's statements, notes, interview records and contact details are redacted "
        "a year after the end; names, dates of birth and A-numbers are kept as the "
        "government's own records."
    ),
    "adults.files": _("Scans and evidence filed for an adult are deleted a year after the end."),
}
