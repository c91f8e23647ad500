"""The demo's deported parents: every return candidate the rules found gets a case, and
a few are walked through the real services so each stage shows — searches by telephone
and by the partner in Huehuetenango, one parent unreachable after three tries, one
located but not yet spoken with (the partner sees the locating sheet only), one who
consented in writing to the partner knowing her case and chose to leave her child in
the United States (she joins the child's interview by telephone), one application
waiting for the government, one denied and in a court motion, and one parent back in
the United States whose new interview was asked for on arrival."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from amparo.apps.accounts.models import Organisation, User
from amparo.apps.elections.demo import demo_election
from amparo.apps.returns import services
from amparo.apps.returns.models import Category, ReturnCase

# Regions and towns the searches went to, by citizenship (the extracts carry none).
PLACES = {
    "GTM": [
        ("Huehuetenango", "San Mateo Ixtatán"),
        ("Quiché", "Chichicastenango"),
        ("San Marcos", "Tacaná"),
        ("Alta Verapaz", "Cobán"),
    ],
    "HND": [("Copán", "Santa Rosa de Copán"), ("Olancho", "Juticalpa")],
    "SLV": [("Ahuachapán", "Tacuba")],
}
DEMO_PDF = b"%PDF-1.4\n% demo scan of a signed page\n"


def _ago(days: int) -> datetime:
    return timezone.now() - timedelta(days=days)


def _owed_new_interview(case: ReturnCase) -> bool:
    current = case.person.eligibility.filter(superseded_at__isnull=True).first()
    return current is not None and any(
        f["code"] == "parent_review_and_new_interview" and f["basis"] == "removed"
        for f in current.findings
    )


def demo_returns() -> None:
    if ReturnCase.objects.exists():
        return
    coordinator = User.objects.get(username="coordinator")
    counsel = User.objects.get(username="counsel_msl")
    partner = Organisation.objects.get(users__username="partner")
    services.return_cases_open(actor=coordinator)
    cases = list(ReturnCase.objects.select_related("person").order_by("id"))
    for index, case in enumerate(cases):
        places = PLACES.get(case.country) or [("", "")]
        region, town = places[index % len(places)]
        services.case_locating_update(
            actor=counsel,
            case=case,
            expected_version=case.version,
            country=case.country,
            region=region,
            locality=town,
            contact_details=f"Sister, from the child's sponsor: +502 5555 01{index % 100:02d}",
        )
    cases = list(ReturnCase.objects.select_related("person").order_by("id"))
    returning = next((c for c in cases if _owed_new_interview(c)), None)
    others = [c for c in cases if c is not returning]
    steps = [_searching, _unreachable, _located, _child_stays, _applied, _denied]
    for walk, case in zip(steps, others, strict=False):
        walk(coordinator, counsel, partner, case)
    if returning is not None:
        _returned(coordinator, counsel, returning)


def _attempt(
    actor: User, case: ReturnCase, channel: str, outcome: str, days: int, **more: str
) -> None:
    services.contact_attempt_record(
        actor=actor,
        case=case,
        channel=channel,
        outcome=outcome,
        at=_ago(days),
        **more,  # type: ignore[arg-type]
    )


def _searching(coordinator: User, counsel: User, partner: Organisation, case: ReturnCase) -> None:
    services.partner_assign(actor=counsel, case=case, partner=partner)
    _attempt(counsel, case, "phone", "wrong_number", 20, note="number from the ICE file")
    _attempt(
        counsel,
        case,
        "sponsor",
        "no_answer",
        12,
        next_step="the partner visits the village",
    )


def _unreachable(coordinator: User, counsel: User, partner: Organisation, case: ReturnCase) -> None:
    for channel, outcome, days in (
        ("phone", "no_answer", 40),
        ("messaging", "wrong_number", 30),
        ("sponsor", "moved", 20),
    ):
        _attempt(counsel, case, channel, outcome, days)
    case.refresh_from_db()
    services.case_give_up(
        actor=counsel,
        case=case,
        expected_version=case.version,
        reason="three tries; the family moved and left no number",
    )


def _located(coordinator: User, counsel: User, partner: Organisation, case: ReturnCase) -> None:
    services.partner_assign(actor=counsel, case=case, partner=partner)
    _attempt(
        coordinator,
        case,
        "partner_visit",
        "located",
        6,
        note="neighbours confirm she lives here; working in the fields",
        next_step="visit again on Sunday",
    )


def _child_stays(coordinator: User, counsel: User, partner: Organisation, case: ReturnCase) -> None:
    services.partner_assign(actor=counsel, case=case, partner=partner)
    _attempt(counsel, case, "phone", "reached", 15, note="spoke for 40 minutes, in Spanish")
    services.consent_record(
        actor=counsel,
        case=case,
        partner=partner,
        categories=[Category.CASE_STATUS.value, Category.CHILD_WHEREABOUTS.value],
        signed_on=timezone.localdate() - timedelta(days=14),
        scan=DEMO_PDF,
        note="signed at the partner's office",
    )
    case.refresh_from_db()
    case = services.wish_record(
        actor=counsel,
        case=case,
        expected_version=case.version,
        wish="child_stays",
        on=timezone.localdate() - timedelta(days=14),
    )
    services.phone_participation_set(
        actor=counsel,
        case=case,
        expected_version=case.version,
        enabled=True,
        phone_number="+502 5555 0199",
        language=case.person.language or "Spanish",
    )


def _prepared(counsel: User, case: ReturnCase, days: int) -> ReturnCase:
    _attempt(counsel, case, "phone", "reached", days + 2)
    case.refresh_from_db()
    case = services.wish_record(
        actor=counsel,
        case=case,
        expected_version=case.version,
        wish="apply",
        on=timezone.localdate() - timedelta(days=days),
    )
    case = services.application_save(
        actor=counsel,
        case=case,
        expected_version=case.version,
        statement=(
            "Separated from her child at the border, she was interviewed alone and "
            "removed while the child was in ORR care. She asks to return to pursue "
            "her claim with her child."
        ),
    )
    services.evidence_add(
        actor=counsel, case=case, description="Declaration of the parent", data=DEMO_PDF
    )
    case.refresh_from_db()
    return services.application_submit(actor=counsel, case=case, expected_version=case.version)


def _applied(coordinator: User, counsel: User, partner: Organisation, case: ReturnCase) -> None:
    _prepared(counsel, case, 10)


def _denied(coordinator: User, counsel: User, partner: Organisation, case: ReturnCase) -> None:
    case = _prepared(counsel, case, 25)
    case = services.application_decide(
        actor=coordinator,
        case=case,
        expected_version=case.version,
        decision="denied",
        reasons="The record does not show the separation the application describes.",
    )
    services.motion_file(
        actor=counsel,
        title="Motion to allow deported parents to return",
        docket_number="ECF 600 (demo)",
        filed_on=timezone.localdate(),
        cases=[case],
    )


def _returned(coordinator: User, counsel: User, case: ReturnCase) -> None:
    case = _prepared(counsel, case, 20)
    case = services.application_decide(
        actor=coordinator,
        case=case,
        expected_version=case.version,
        decision="approved",
        reasons="Separated from a young child; negative finding while separated.",
    )
    # She elects to stay and pursue the procedures: her new interview is asked for the
    # day she arrives.
    demo_election(counsel, case.person)
    case.refresh_from_db()
    case = services.travel_record(
        actor=coordinator,
        case=case,
        expected_version=case.version,
        travel_document="Parole document (demo) 2026-0001",
        travel_on=timezone.localdate(),
        port_of_entry="Houston (IAH)",
    )
    services.arrival_record(
        actor=coordinator,
        case=case,
        expected_version=case.version,
        arrived_on=timezone.localdate(),
    )
