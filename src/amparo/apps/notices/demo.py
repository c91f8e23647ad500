"""The demo's class notice: the court's dates for the three cases, a notice prepared
for every member, and a few delivered — in person, by mail, through counsel, one
returned, and one read through a K'iche' interpreter — so the declaration's figures
show each kind."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from amparo.apps.accounts.models import User
from amparo.apps.core.cases import CaseCode
from amparo.apps.notices.models import CaseHearing, ClassNotice
from amparo.apps.notices.services import (
    hearing_set,
    notice_delivery_record,
    notice_generate,
    oral_notice_record,
)

# Hearing and objection deadline as in the 2018 preliminary approval; counsel's lines
# are the demo's (555 numbers).
HEARING_ON = date(2018, 11, 15)
OBJECTIONS_DUE = date(2018, 10, 25)
HEARINGS = {
    CaseCode.MS_L: "Ms. L. class counsel: +1 212 555 0100",
    CaseCode.MMM: "M.M.M. class counsel: +1 213 555 0100",
    CaseCode.DORA: "Dora class counsel: +1 202 555 0100",
}


def demo_notices() -> None:
    if CaseHearing.objects.exists():
        return
    coordinator = User.objects.get(username="coordinator")
    for code, contact in HEARINGS.items():
        hearing_set(
            actor=coordinator,
            case_code=code,
            hearing_on=HEARING_ON,
            objections_due=OBJECTIONS_DUE,
            counsel_contact=contact,
        )
    notice_generate(actor=coordinator)
    readers = list(ClassNotice.objects.filter(reads_written=True).order_by("id")[:4])
    ways = [
        ("in_person", "delivered"),
        ("mail", "delivered"),
        ("counsel", "delivered"),
        ("mail", "returned"),
    ]
    earlier = timezone.now() - timedelta(days=3)
    for notice, (method, outcome) in zip(readers, ways, strict=False):
        notice_delivery_record(
            actor=coordinator, notice=notice, method=method, outcome=outcome, at=earlier
        )
    oral = ClassNotice.objects.filter(reads_written=False).order_by("id").first()
    if oral is not None:
        oral_notice_record(
            actor=coordinator,
            notice=oral,
            language=oral.person.language or "K'iche'",
            interpreter="Ixchel Tzul",
            in_person=False,
            given_at=earlier,
        )
