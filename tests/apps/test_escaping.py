"""Templates escape everything: hostile text in every free-text field that a user or an
import can set is shown as text on every page that shows it, never as markup.

The demo world is built, an extract whose every text cell is hostile is imported
through the real import service, and every free-text column of the models is then
overwritten with markup (directly: no service renames a person or rewrites a note,
and the point is what the pages do with whatever is stored). Every account then
crawls every page it can reach (tests/apps/test_csp.py's crawler)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.db import DatabaseError, transaction
from django.test import Client

from amparo.apps.accounts.models import User
from amparo.apps.accounts.services import api_token_create
from amparo.apps.core.demo import DEMO_ACCOUNTS, demo_build
from amparo.apps.ingest.services import UploadedExtract, import_batch_create, import_batch_run
from amparo.engines.extracts import SPECS, Source
from tests.apps.test_csp import Crawl, crawl, inspect, starting_pages

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
TEMPLATE = "{{ request }}{% now 'Y' %}"
JS_URL = "javascript:alert(1)"
PAYLOAD = SCRIPT + IMG + TEMPLATE + JS_URL
ESCAPED_MARKERS = ("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;")

# Every free-text column a user, a partner or an import can set, by model. Codes,
# hashes, file paths and ids are left out: the app chooses them, or checks them.
FREE_TEXT = {
    "accounts.Organisation": ["name"],
    "accounts.User": ["first_name", "last_name"],
    "accounts.ApiToken": ["name"],
    "registry.SettlementCase": ["caption", "represents"],
    "registry.Person": ["given_names", "surnames", "citizenship"],
    "registry.CustodyEvent": ["place", "detail"],
    "registry.PersonCase": ["basis"],
    "ingest.ImportBatch": ["note", "error"],
    "ingest.ImportFile": ["filename"],
    "ingest.RowIssue": ["message", "value"],
    "linkage.LinkageRun": ["reason", "error"],
    "linkage.ReviewDecision": ["note"],
    "eligibility.EligibilityRun": ["reason"],
    "eligibility.EarlyProcessingOrder": ["reference"],
    "eligibility.RuleParameterChange": ["reason"],
    "eligibility.RecordedFact": ["note"],
    "elections.Election": ["read_by", "signer_name", "note", "scan_original_name"],
    "interviews.Interview": [
        "request_note",
        "location",
        "determination_summary",
        "supervisor_note",
    ],
    "interviews.Worksheet": ["summary_corrections", "qa_notes"],
    "interviews.HarmItem": ["place", "perpetrator"],
    "interviews.Assessment": ["text", "first_value", "new_value"],
    "scheduling.Facility": ["name", "address"],
    "scheduling.Interpreter": ["name"],
    "scheduling.RunLine": ["detail"],
    "notices.NoticeDelivery": ["note"],
    "notices.OralNotice": ["interpreter"],
    "notices.CaseHearing": ["counsel_contact"],
    "notices.Objection": ["text", "translation", "name", "contact", "docket_number"],
    "notices.ScreenerContact": ["name", "contact"],
    "returns.ReturnCase": [
        "basis",
        "region",
        "locality",
        "contact_details",
        "extension_reason",
        "statement",
        "decision_reasons",
        "travel_document",
        "port_of_entry",
        "interview_pending",
        "phone_number",
    ],
    "returns.ContactAttempt": ["note", "next_step"],
    "returns.Consent": ["note", "withdrawal_note"],
    "returns.Disclosure": ["purpose"],
    "returns.Evidence": ["description"],
    "returns.CourtMotion": ["title", "docket_number"],
    "returns.MotionParent": ["note"],
    "reports.ReportSnapshot": ["note"],
}


def _payload_for(max_length: int | None) -> str:
    for candidate in (PAYLOAD, IMG, SCRIPT):
        if max_length is None or len(candidate) <= max_length:
            return candidate
    raise AssertionError(f"no hostile payload fits in {max_length} characters")


def _overwrite_free_text() -> list[str]:
    refused = []
    for label, names in FREE_TEXT.items():
        model = apps.get_model(label)
        for name in names:
            field = model._meta.get_field(name)
            payload = _payload_for(field.max_length)
            try:
                with transaction.atomic():
                    if field.unique:
                        for pk in model.objects.values_list("pk", flat=True):
                            unique = f"{payload[: (field.max_length or 999) - 8]}{pk:08d}"
                            model.objects.filter(pk=pk).update(**{name: unique})
                    else:
                        model.objects.update(**{name: payload})
            except DatabaseError:
                refused.append(f"{label}.{name}")
    return refused


def _hostile_import(actor: User) -> None:
    """An ORR extract whose every text cell is markup, through the real import."""
    spec = SPECS[Source.ORR]
    lines = [",".join(spec.columns)]
    for index in range(3):
        row = dict.fromkeys(spec.columns, PAYLOAD)
        row[spec.id_column] = f"HOSTILE-{index}"
        for column in spec.date_columns:
            row[column] = "2018-05-0" + str(index + 1)
        lines.append(",".join('"' + row[c].replace('"', '""') + '"' for c in spec.columns))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    batch = import_batch_create(
        actor=actor, files=[UploadedExtract(spec.filename, data)], note=PAYLOAD[:300]
    )
    import_batch_run(batch_id=batch.pk, actor=actor)


def check_escaped(url: str, response: Any, result: Crawl) -> None:
    if not response["Content-Type"].startswith("text/html"):
        return
    html = response.content.decode()
    for raw in (SCRIPT, "<img src=x", "WSGIRequest"):
        if raw in html:
            result.problems.append(f"{url}: {raw!r} unescaped")
    for problem in inspect(html).problems:
        result.problems.append(f"{url}: {problem}")
    if any(marker in html for marker in ESCAPED_MARKERS):
        shown.add(url)


shown: set[str] = set()


@pytest.fixture
def hostile_world(settings: Any, tmp_path: Path) -> list[str]:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    demo_build(families=40, seed=2018)
    _hostile_import(User.objects.get(username="coordinator"))
    for account in DEMO_ACCOUNTS:
        api_token_create(actor=User.objects.get(username=account.username), name="named later")
    return _overwrite_free_text()


def test_hostile_text_is_shown_as_text_everywhere(hostile_world: list[str]) -> None:
    assert hostile_world == []
    shown.clear()
    users = [User.objects.get(username=account.username) for account in DEMO_ACCOUNTS]
    result = Crawl()
    for user in users:
        client = Client()
        client.force_login(user)
        crawl(client, starting_pages(), result, check_escaped)
    crawl(Client(), ["/login/", "/notices/members/"], result, check_escaped)

    assert result.problems == []
    # The markup did reach the pages (escaped), so the crawl checked something.
    shown_on = {name for name, urls in result.visited.items() if urls & shown}
    assert {
        "registry:person_list",
        "registry:person_detail",
        "ingest:batch_detail",
        "notices:objection_detail",
        "returns:case_detail",
        "interviews:interview_detail",
        "scheduling:resources",
        "accounts:token_list",
    } <= shown_on
