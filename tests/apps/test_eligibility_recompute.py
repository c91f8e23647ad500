"""Recomputing eligibility over an identified synthetic world: answers with reasons,
history kept, counsel's cases following the answers, court gating, audit."""

from __future__ import annotations

from datetime import date

import pytest

from amparo.apps.accounts.models import User
from amparo.apps.audit.models import AuditEvent
from amparo.apps.eligibility.models import EligibilityRun, PersonEligibility, RunStatus
from amparo.apps.eligibility.services import (
    EligibilityRefused,
    court_status_set,
    early_order_record,
    eligibility_recompute,
    recorded_fact_set,
    rule_parameter_set,
)
from amparo.apps.registry.models import PersonCase, Separation, SettlementCase


def _current() -> dict[int, PersonEligibility]:
    return {
        row.person_id: row for row in PersonEligibility.objects.filter(superseded_at__isnull=True)
    }


def test_every_person_gets_answers_with_reasons(computed: EligibilityRun) -> None:
    assert computed.status == RunStatus.SUCCEEDED
    current = _current()
    assert computed.people_evaluated == len(current) > 0
    parents = set(
        Separation.objects.filter(superseded_at__isnull=True, status="confirmed").values_list(
            "parent_id", flat=True
        )
    )
    members = {pk for pk, row in current.items() if row.ms_l_parent == "yes"}
    # Every Ms. L. member is a confirmed separated parent, and most such parents are members.
    assert members <= parents
    assert len(members) >= len(parents) // 2
    some = current[next(iter(members))]
    finding = next(f for f in some.findings if f["code"] == "ms_l_parent")
    assert finding["rules"] == ["ms_l.parent_class@2"]
    assert dict(finding["facts"])["detained_by_dhs"] == "yes"
    assert computed.counts_after["ms_l_parent"]["yes"] == len(members)


def test_a_rerun_with_the_same_facts_writes_nothing(carmen: User, computed: EligibilityRun) -> None:
    again = eligibility_recompute(actor=carmen, reason="again", as_of=date(2019, 6, 1))
    assert again.people_changed == 0
    assert again.counts_before == again.counts_after == computed.counts_after


def test_counsel_cases_follow_the_answers(computed: EligibilityRun) -> None:
    current = _current()
    for pk, row in current.items():
        cases = set(PersonCase.objects.filter(person_id=pk).values_list("case_code", flat=True))
        assert ("ms_l" in cases) == (row.ms_l_parent != "no")
        assert ("mmm" in cases) == (row.mmm_child != "no")
        assert ("dora" in cases) == (row.dora_parent != "no")


def test_a_parameter_change_moves_answers_keeps_history_and_is_audited(
    carmen: User, computed: EligibilityRun
) -> None:
    members_before = computed.counts_after["ms_l_parent"].get("yes", 0)
    _change, after = rule_parameter_set(
        actor=carmen,
        rule_id="ms_l.parent_class",
        name="window_start",
        value="2030-01-01",
        reason="test: a window nobody fits",
    )
    assert after is not None
    assert after.counts_before["ms_l_parent"].get("yes", 0) == members_before
    assert after.counts_after["ms_l_parent"].get("yes", 0) == 0
    assert after.people_changed >= members_before
    assert PersonEligibility.objects.filter(superseded_at__isnull=False).count() >= members_before
    assert AuditEvent.objects.filter(action="rule_parameter.set").count() == 1
    assert AuditEvent.objects.filter(action="eligibility.recompute").count() == 2


def test_a_bad_parameter_is_refused_and_changes_nothing(
    carmen: User, computed: EligibilityRun
) -> None:
    with pytest.raises(EligibilityRefused, match="minor_age"):
        rule_parameter_set(
            actor=carmen, rule_id="ms_l.parent_class", name="minor_age", value="x", reason="t"
        )
    assert EligibilityRun.objects.count() == 1


def test_nothing_is_actionable_until_approval_or_an_early_order(
    carmen: User, computed: EligibilityRun
) -> None:
    for case in ("ms_l", "mmm", "dora"):
        court_status_set(
            actor=carmen,
            case_code=case,
            status="preliminary_approval",
            on=date(2018, 10, 9),
            reason="test",
            recompute=False,
        )
    withheld = eligibility_recompute(actor=carmen, reason="t", as_of=date(2019, 6, 1))
    assert withheld.counts_after["actionable"] == 0
    _order, ordered = early_order_record(
        actor=carmen,
        case_code="ms_l",
        ordered_on=date(2018, 10, 1),
        scope="everyone",
        entitlements=[],
        reference="test order",
    )
    assert ordered is not None
    assert ordered.counts_after["actionable"] > 0
    assert SettlementCase.objects.get(code="ms_l").court_status == "preliminary_approval"


def test_a_recorded_red_flag_excludes_the_parent(carmen: User, computed: EligibilityRun) -> None:
    row = PersonEligibility.objects.filter(superseded_at__isnull=True, ms_l_parent="yes").first()
    assert row is not None
    _fact, rerun = recorded_fact_set(
        actor=carmen, person=row.person, kind="exclusion", value="danger", note="test order"
    )
    assert rerun is not None
    now = PersonEligibility.objects.get(person=row.person, superseded_at__isnull=True)
    assert now.ms_l_parent == "no"
    finding = next(f for f in now.findings if f["code"] == "ms_l_parent")
    assert finding["basis"] == "excluded"


def test_the_world_has_every_kind_of_answer(computed: EligibilityRun) -> None:
    counts = computed.counts_after
    assert counts["ms_l_parent"].get("yes", 0) > 0
    assert counts["mmm_child"].get("yes", 0) > 0
    assert counts["dora_parent"].get("yes", 0) > 0
    assert counts["parent_review_and_new_interview"].get("yes", 0) > 0
    assert counts["deported_parent_return"].get("yes", 0) > 0
    assert counts["notice_to_appear"].get("yes", 0) > 0
    # Children's own claims are recorded by people, never guessed: unknown until then.
    assert counts["child_own_interview"].get("unknown", 0) > 0
    assert counts["child_own_interview"].get("yes", 0) == 0


def _record_election(actor: User, row: PersonEligibility, choice: str) -> None:
    from amparo.apps.elections.services import election_record

    person = row.person
    election_record(
        actor=actor,
        person=person,
        choice=choice,
        source="counsel",
        read_by="Counsel",
        read_language=person.language or "Spanish",
        read_on=date(2019, 5, 1),
        signed_on=date(2019, 5, 1),
        signer_kind="self",
        signer_name=person.display_name,
        language_understood=True,
        waiver_attested=choice == "waive",
    )


def _procedures(person_id: int) -> dict[str, object]:
    now = PersonEligibility.objects.get(person_id=person_id, superseded_at__isnull=True)
    return next(f for f in now.findings if f["code"] == "parent_review_and_new_interview")


def test_the_election_decides_whether_the_new_interview_goes_ahead(
    lena: User, computed: EligibilityRun
) -> None:
    owed = list(
        PersonEligibility.objects.filter(
            superseded_at__isnull=True, parent_procedures="yes", ms_l_parent="yes"
        ).order_by("person_id")[:2]
    )
    assert len(owed) == 2
    staying, waiving = owed
    # No form returned: still owed, not actionable, and not a waiver.
    before = _procedures(staying.person_id)
    assert (before["answer"], before["actionable"]) == ("yes", False)
    assert before["actionable_basis"] == "awaiting_election"

    _record_election(lena, staying, "stay")
    _record_election(lena, waiving, "waive")

    stayed = _procedures(staying.person_id)
    assert (stayed["answer"], stayed["actionable"]) == ("yes", True)
    waived = _procedures(waiving.person_id)
    assert (waived["answer"], waived["basis"]) == ("no", "waived")
    assert EligibilityRun.objects.filter(trigger="election").count() == 2


def test_a_red_flag_can_be_withdrawn(carmen: User, computed: EligibilityRun) -> None:
    row = PersonEligibility.objects.filter(superseded_at__isnull=True, ms_l_parent="yes").first()
    assert row is not None
    recorded_fact_set(actor=carmen, person=row.person, kind="exclusion", value="danger", note="x")
    recorded_fact_set(
        actor=carmen, person=row.person, kind="exclusion", value="none", note="order vacated"
    )
    now = PersonEligibility.objects.get(person=row.person, superseded_at__isnull=True)
    assert now.ms_l_parent == "yes"


def test_a_fact_on_a_merged_file_is_refused(carmen: User, computed: EligibilityRun) -> None:
    from amparo.apps.registry.models import Person

    merged = Person.objects.filter(merged_into__isnull=False).first()
    if merged is None:  # the world merged nobody: make one merged-away file
        merged = Person.objects.create(given_names="X", merged_into=Person.objects.first())
    with pytest.raises(EligibilityRefused, match="merged"):
        recorded_fact_set(actor=carmen, person=merged, kind="own_claim", value="yes", note="x")


@pytest.mark.parametrize(
    ("status", "on", "problem"),
    [
        ("final_approval", date(2999, 1, 1), "future"),
        ("final_approval", date(2018, 9, 1), "before the agreement was lodged"),
        ("preliminary_approval", date(2018, 9, 1), "before the agreement was lodged"),
    ],
)
def test_a_court_status_out_of_order_is_refused(
    carmen: User, status: str, on: date, problem: str
) -> None:
    before = SettlementCase.objects.get(code="ms_l").court_status
    with pytest.raises(EligibilityRefused, match=problem):
        court_status_set(
            actor=carmen, case_code="ms_l", status=status, on=on, reason="t", recompute=False
        )
    assert SettlementCase.objects.get(code="ms_l").court_status == before


def test_answers_follow_an_identification_run_and_keep_their_date(
    carmen: User, computed: EligibilityRun
) -> None:
    from amparo.apps.linkage.services import linkage_run_create, linkage_run_execute

    created = linkage_run_create(actor=carmen, reason="again")
    linkage_run_execute(run_id=created.pk, actor=carmen)
    follow = EligibilityRun.objects.order_by("-id").first()
    assert follow is not None
    assert (follow.trigger, follow.status) == ("identification", "succeeded")
    assert follow.as_of == computed.as_of
    assert follow.people_evaluated == computed.people_evaluated
