"""The demo's class notice and objections: the court's dates for the three cases, a
notice prepared for every member, a few delivered — in person, by mail, through
counsel, one returned, and one read through a K'iche' interpreter — so the declaration's
figures show each kind; and three objections (two online, one on paper with its scan
and docket number), as in 2018 mostly asking that relatives who are not parents be
included."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from amparo.apps.accounts.models import User
from amparo.apps.core.cases import CaseCode
from amparo.apps.notices.models import CaseHearing, ClassNotice, Objection
from amparo.apps.notices.objections import (
    ObjectionInput,
    objection_record_paper,
    objection_submit,
)
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


# A one-page PDF standing in for the scan of a handwritten letter.
DEMO_SCAN = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def demo_objections() -> None:
    if Objection.objects.exists():
        return
    coordinator = User.objects.get(username="coordinator")
    objection_submit(
        data=ObjectionInput(
            text=(
                "Soy la abuela de Lucía y su tutora legal desde que murió su madre. "
                "Cruzamos juntas y nos separaron igual. El acuerdo no me incluye."
            ),
            categories=["included"],
            cases=["ms_l"],
            language="Spanish",
        )
    )
    objection_submit(
        data=ObjectionInput(
            text="The settlement should give every deported parent the right to return.",
            categories=["relief"],
            language="English",
        )
    )
    objection_record_paper(
        actor=coordinator,
        data=ObjectionInput(
            text=(
                "Mi hermano mayor cuidaba a mis hijos en el viaje. Pido que los hermanos "
                "mayores también cuenten."
            ),
            categories=["included"],
            cases=["mmm"],
            language="Spanish",
        ),
        scan=DEMO_SCAN,
        received_on=timezone.now() - timedelta(days=5),
        docket_number="ECF 273",
    )
