"""The eligibility pages: a person's answers with reasons, rosters scoped to counsel's
cases with CSV export, and the court page's orders and rules, per role."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest

from amparo.apps.accounts.models import User
from amparo.apps.audit.models import AuditEvent
from amparo.apps.eligibility.models import (
    EarlyProcessingOrder,
    EligibilityRun,
    PersonEligibility,
    RecordedFact,
    RuleParameterChange,
)
from amparo.apps.registry.models import SettlementCase
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _member(column: str) -> PersonEligibility:
    row = PersonEligibility.objects.filter(superseded_at__isnull=True, **{column: "yes"}).first()
    assert row is not None
    return row


def test_the_person_page_explains_each_answer(carmen: User, computed: EligibilityRun) -> None:
    row = _member("ms_l_parent")
    page = client_for(carmen).get(f"/people/{row.person.public_id}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-code="ms_l_parent" data-answer="yes"' in html
    assert "ms_l.parent_class@2" in html
    assert "Doc. 386" in html  # the citation of the rule in force
    assert "Meets the class definition." in html


def test_the_person_page_in_spanish(carmen: User, computed: EligibilityRun) -> None:
    row = _member("ms_l_parent")
    client = client_for(carmen)
    client.cookies["django_language"] = "es"
    html = client.get(
        f"/people/{row.person.public_id}/", HTTP_ACCEPT_LANGUAGE="es"
    ).content.decode()
    assert "Cumple la definición de la clase." in html


def test_counsel_see_only_their_own_cases_memberships(lena: User, computed: EligibilityRun) -> None:
    row = PersonEligibility.objects.filter(
        superseded_at__isnull=True, ms_l_parent="yes", dora_parent="yes"
    ).first()
    assert row is not None
    html = client_for(lena).get(f"/people/{row.person.public_id}/").content.decode()
    assert 'data-code="ms_l_parent"' in html
    assert 'data-code="dora_parent"' not in html


def _roster_people(html: str) -> list[str]:
    table = html[html.index('data-testid="roster"') :]
    table = table[: table.index("</table>")]
    return re.findall(r'href="/people/([0-9a-f-]+)/"', table)


def test_a_roster_lists_members_and_filters(lena: User, computed: EligibilityRun) -> None:
    client = client_for(lena)
    page = client.get("/eligibility/roster/ms_l/")
    assert page.status_code == 200
    members = PersonEligibility.objects.filter(superseded_at__isnull=True).exclude(ms_l_parent="no")
    html = page.content.decode()
    count = html[html.index('data-testid="roster-count"') :].split("<", 1)[0]
    assert f">{members.count()} " in count
    owed = client.get(
        "/eligibility/roster/ms_l/", {"entitlement": "deported_parent_return", "answer": "yes"}
    )
    expected = members.filter(ms_l_parent="yes", return_candidate="yes")
    assert expected.exists()
    assert set(_roster_people(owed.content.decode())) == {
        str(row.person.public_id) for row in expected
    }


def test_a_roster_of_another_case_is_not_there_for_counsel(
    lena: User, computed: EligibilityRun
) -> None:
    assert client_for(lena).get("/eligibility/roster/mmm/").status_code == 404
    assert client_for(lena).get("/eligibility/roster/mmm/export.csv").status_code == 404


def test_the_court_and_providers_have_no_roster(
    clara: User, pilar: User, computed: EligibilityRun
) -> None:
    for user in (clara, pilar):
        assert client_for(user).get("/eligibility/roster/ms_l/").status_code == 403


def test_the_csv_export_holds_the_roster_and_is_audited(
    lena: User, computed: EligibilityRun
) -> None:
    response = client_for(lena).get("/eligibility/roster/ms_l/export.csv", {"answer": "yes"})
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    members = PersonEligibility.objects.filter(superseded_at__isnull=True, ms_l_parent="yes")
    assert {r["person_id"] for r in rows} == {str(m.person.public_id) for m in members}
    assert {r["membership"] for r in rows} == {"yes"}
    assert AuditEvent.objects.filter(action="roster.view", object_id="ms_l").count() == 1


def test_a_coordinator_records_a_status_and_everyone_affected_is_recomputed(
    carmen: User, computed: EligibilityRun
) -> None:
    client = client_for(carmen)
    response = client.post(
        "/eligibility/court/",
        {
            "action": "status",
            "status-case_code": "ms_l",
            "status-status": "rejected",
            "status-on": "2018-11-15",
            "status-reason": "test: approval refused",
        },
    )
    assert response.status_code == 302
    assert SettlementCase.objects.get(code="ms_l").court_status == "rejected"
    run = EligibilityRun.objects.order_by("-id").first()
    assert run is not None and run.trigger == "court_status"
    # Ms. L.-only entitlements can no longer be acted on.
    assert run.counts_after["actionable"] < computed.counts_after["actionable"]
    page = client.get("/eligibility/court/").content.decode()
    assert f"{run.counts_before['actionable']} → {run.counts_after['actionable']}" in page


def test_an_early_order_is_recorded_from_the_court_page(
    carmen: User, computed: EligibilityRun
) -> None:
    response = client_for(carmen).post(
        "/eligibility/court/",
        {
            "action": "order",
            "order-case_code": "dora",
            "order-ordered_on": "2018-10-01",
            "order-scope": "detained",
            "order-entitlements": ["parent_review_and_new_interview"],
            "order-reference": "Order of 2018-10-01 (test)",
        },
    )
    assert response.status_code == 302
    order = EarlyProcessingOrder.objects.get()
    assert order.entitlements == ["parent_review_and_new_interview"]


def test_a_bad_parameter_is_refused_on_the_page_and_nothing_changes(
    carmen: User, computed: EligibilityRun
) -> None:
    response = client_for(carmen).post(
        "/eligibility/court/",
        {
            "action": "parameter",
            "param-rule": "ms_l.parent_class",
            "param-name": "window_start",
            "param-value": "the day after",
            "param-reason": "test",
        },
    )
    assert response.status_code == 400
    assert "window_start" in response.content.decode()
    assert not RuleParameterChange.objects.exists()


def test_a_parameter_change_from_the_page_recomputes(
    carmen: User, computed: EligibilityRun
) -> None:
    response = client_for(carmen).post(
        "/eligibility/court/",
        {
            "action": "parameter",
            "param-rule": "ms_l.parent_class@2",
            "param-name": "exclusion_codes",
            "param-value": "UNFIT, DANGER",
            "param-reason": "test: a narrower reading",
        },
    )
    assert response.status_code == 302
    change = RuleParameterChange.objects.get()
    assert change.value == ["UNFIT", "DANGER"]
    assert change.previous == ["UNFIT", "DANGER", "CRIMINAL_HISTORY"]
    run = EligibilityRun.objects.order_by("-id").first()
    assert run is not None and run.trigger == "parameter"
    assert run.ruleset_version.startswith("settlement-2018/1+")


def test_only_coordinators_and_administrators_reach_the_court_page(
    lena: User, omar: User, clara: User, computed: EligibilityRun
) -> None:
    for user in (lena, omar, clara):
        assert client_for(user).get("/eligibility/court/").status_code == 403


def test_counsel_record_a_childs_own_claim_but_not_a_red_flag(
    marta: User, computed: EligibilityRun
) -> None:
    child = _member("mmm_child")
    client = client_for(marta)
    url = f"/eligibility/person/{child.person.public_id}/fact/"
    response = client.post(url, {"kind": "own_claim", "value": "yes", "note": "intake"})
    assert response.status_code == 302
    now = PersonEligibility.objects.get(person=child.person, superseded_at__isnull=True)
    assert now.child_interview == "yes"
    refused = client.post(url, {"kind": "exclusion", "value": "DANGER", "note": "x"})
    assert refused.status_code == 404
    assert RecordedFact.objects.filter(kind="exclusion").count() == 0


def test_a_fact_about_someone_unseen_is_not_found(lena: User, computed: EligibilityRun) -> None:
    child = PersonEligibility.objects.filter(
        superseded_at__isnull=True, mmm_child="yes", ms_l_parent="no", dora_parent="no"
    ).first()
    assert child is not None
    response = client_for(lena).post(
        f"/eligibility/person/{child.person.public_id}/fact/",
        {"kind": "own_claim", "value": "yes", "note": "x"},
    )
    assert response.status_code == 404
    assert not RecordedFact.objects.exists()


def test_as_of_matters_the_original_class_is_narrower(
    carmen: User, computed: EligibilityRun
) -> None:
    from amparo.apps.eligibility.services import eligibility_recompute

    early = eligibility_recompute(actor=carmen, reason="t", as_of=date(2018, 12, 1))
    assert early.counts_after["ms_l_parent"].get("yes", 0) < computed.counts_after[
        "ms_l_parent"
    ].get("yes", 0)
    # Those the original class leaves out were let go before it was certified.
    left_out = PersonEligibility.objects.filter(
        superseded_at__isnull=True, ms_l_parent="no", run=early
    )
    bases = {
        next(f for f in row.findings if f["code"] == "ms_l_parent")["basis"] for row in left_out
    }
    assert "released_before_certification" in bases


def test_a_relatives_fear_finding_is_not_shown_to_counsel_who_cannot_see_them(
    marta: User, computed: EligibilityRun
) -> None:
    """A child's Notice to Appear comes from the parent's positive finding; counsel for
    the child who may not see the parent read that it applies, not the parent's record."""
    from amparo.apps.registry.selectors import people_visible_to

    visible = set(people_visible_to(marta).values_list("id", flat=True))
    shown = 0
    for row in PersonEligibility.objects.filter(superseded_at__isnull=True, notice_to_appear="yes"):
        finding = next(f for f in row.findings if f["code"] == "notice_to_appear")
        facts = dict(finding["facts"])
        if finding["basis"] != "relative_positive" or row.person_id not in visible:
            continue
        html = client_for(marta).get(f"/people/{row.person.public_id}/").content.decode()
        relative = int(facts["relative"])
        if relative in visible:
            continue
        shown += 1
        assert "relative_finding" not in html
        assert f"<dd>{relative}</dd>" not in html
        assert "The separated parent or child was found to have fear." in html
    assert shown > 0


def test_counsel_read_no_other_case_in_why_something_waits() -> None:
    from amparo.apps.eligibility.reasons import actionable_text

    hidden = actionable_text("awaiting_approval:dora", {"ms_l"})
    assert "Dora" not in hidden
    assert "awaits final approval" in hidden
    assert "Dora" in actionable_text("awaiting_approval:dora", None)
    assert actionable_text("final_approval:dora", {"ms_l"}) == "Actionable now."


def test_a_child_whose_parent_is_not_identified_stays_a_possible_member(
    computed: EligibilityRun,
) -> None:
    from amparo.apps.registry.models import PersonCase

    waiting = [
        row
        for row in PersonEligibility.objects.filter(superseded_at__isnull=True, mmm_child="unknown")
        if "parent_link" in next(f for f in row.findings if f["code"] == "mmm_child")["missing"]
    ]
    assert waiting
    for row in waiting:
        assert PersonCase.objects.filter(person=row.person, case_code="mmm").exists()
