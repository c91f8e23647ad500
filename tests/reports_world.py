"""A small world whose report is known in advance (the golden numbers).

Three families and one more member, with every fact the reports count written as an
import, an identification run and the other services would have written them:

- Ana (Ms. L.), removed 2018-07-20, separated 2018-05-20 from Beto (3 then), still in
  ORR care. Ana has a return case: located, contacted, applied. Notice read to her
  through an interpreter.
- Carla (Ms. L. and Dora), in ICE detention, elected to stay, interview requested,
  scheduled, conducted, negative. Separated from Dani (10 then), an M.M.M. member
  released to a sponsor. Notice prepared, not yet reached.
- Emilio (in no class himself), released in the interior, separated from Fede (16 then),
  an M.M.M. member who turned 18 in ORR care.
- Gloria, a Dora member never separated, who waived.
- Two objections: one for Ms. L., late; one for M.M.M. and Dora.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.utils import timezone

from amparo.apps.accounts.models import User
from amparo.apps.elections.models import Election
from amparo.apps.ingest.models import ImportBatch
from amparo.apps.interviews.models import Interview, InterviewEvent
from amparo.apps.notices.models import ClassNotice, Objection, OralNotice
from amparo.apps.registry.models import (
    CustodyEvent,
    Decider,
    Person,
    RecordAssignment,
    Separation,
    SeparationStatus,
    SourceRecord,
)
from amparo.apps.returns.models import ReturnCase
from tests.factories import make_person
from tests.interviews_world import owe

AS_OF = date(2019, 6, 1)
BEFORE = timezone.make_aware(datetime(2019, 5, 1, 12))
# When identification and the eligibility rules decided who is who (before any as-of
# date the tests use).
DECIDED = timezone.make_aware(datetime(2018, 5, 1, 12))


@dataclass(frozen=True, slots=True)
class World:
    ana: Person
    beto: Person
    carla: Person
    dani: Person
    emilio: Person
    fede: Person
    gloria: Person


def _separate(parent: Person, child: Person, on: date) -> Separation:
    return Separation.objects.create(
        parent=parent,
        child=child,
        separated_on=on,
        status=SeparationStatus.CONFIRMED,
        score=0.99,
        decided_by=Decider.REVIEWER,
        rule_or_run="test",
        decided_at=DECIDED,
    )


def custody(actor: User, person: Person, kind: str, on: date, detail: str = "") -> None:
    batch = ImportBatch.objects.create(created_by=actor)
    record = SourceRecord.objects.create(
        source="x",
        record_id=f"{person.pk}-{kind}-{on}",
        batch=batch,
        line=1,
        row_hash="x",
        raw={},
        fields={},
    )
    RecordAssignment.objects.create(
        record=record,
        person=person,
        decided_by=Decider.INGEST_RULE,
        rule_or_run="test",
        decided_at=DECIDED,
    )
    CustodyEvent.objects.create(record=record, kind=kind, occurred_on=on, detail=detail)


def _elect(actor: User, person: Person, choice: str) -> None:
    Election.objects.create(
        person=person,
        choice=choice,
        source="counsel",
        read_by="counsel",
        read_language="Spanish",
        read_on=date(2019, 4, 1),
        signed_on=date(2019, 4, 1),
        signer_kind="self",
        signer_name=person.display_name,
        member_age_on_signing=30,
        language_match="match",
        language_understood_confirmed=True,
        waiver_attested=choice == "waive",
        recorded_by=actor,
        recorded_at=BEFORE,
    )


def _interview(actor: User, person: Person, steps: list[str], determination: str) -> None:
    interview = Interview.objects.create(
        person=person,
        subject="parent",
        state=steps[-1],
        determination=determination,
        requested_by=actor,
        requested_at=BEFORE,
        updated_at=BEFORE,
        updated_by=actor,
    )
    previous = ""
    for step in steps:
        InterviewEvent.objects.create(
            interview=interview,
            from_state=previous,
            to_state=step,
            accepted=True,
            actor=actor,
            at=BEFORE,
        )
        previous = step


def build(actor: User) -> World:
    born = {"beto": date(2015, 1, 10), "dani": date(2008, 3, 3), "fede": date(2002, 1, 1)}
    ana = make_person(given_names="Ana", surnames="Uno", dob=date(1990, 1, 1))
    beto = make_person(given_names="Beto", surnames="Uno", dob=born["beto"])
    carla = make_person(given_names="Carla", surnames="Dos", dob=date(1985, 1, 1))
    dani = make_person(given_names="Dani", surnames="Dos", dob=born["dani"])
    emilio = make_person(given_names="Emilio", surnames="Tres", dob=date(1980, 1, 1))
    fede = make_person(given_names="Fede", surnames="Tres", dob=born["fede"])
    gloria = make_person(given_names="Gloria", surnames="Cuatro", dob=date(1992, 1, 1))
    for person, classes in (
        (ana, {"ms_l": True}),
        (carla, {"ms_l": True, "dora": True}),
        (dani, {"mmm": True}),
        (fede, {"mmm": True}),
        (gloria, {"dora": True}),
        (beto, {}),
        (emilio, {}),
    ):
        row = owe(person, **classes)
        type(row).objects.filter(pk=row.pk).update(decided_at=DECIDED)
    _separate(ana, beto, date(2018, 5, 20))
    _separate(carla, dani, date(2018, 5, 25))
    _separate(emilio, fede, date(2018, 6, 1))
    custody(actor, ana, "removed", date(2018, 7, 20))
    custody(actor, carla, "ice_book_in", date(2018, 5, 25))
    custody(actor, emilio, "ice_book_out", date(2018, 7, 1), "RELEASED")
    custody(actor, beto, "orr_referred", date(2018, 5, 21))
    custody(actor, dani, "orr_discharged", date(2018, 8, 1), "SPONSOR")
    custody(actor, fede, "orr_discharged", date(2019, 1, 2), "AGED_OUT")
    _elect(actor, carla, "stay")
    _elect(actor, gloria, "waive")
    _interview(
        actor,
        carla,
        [
            "requested",
            "scheduled",
            "conducted",
            "determination_drafted",
            "supervisory_review",
            "approved",
        ],
        "NEGATIVE",
    )
    ReturnCase.objects.create(
        person=ana,
        basis="test",
        stage="applied",
        located_at=BEFORE,
        contacted_at=BEFORE,
        submitted_at=BEFORE,
        statement="s",
        created_at=BEFORE,
        updated_at=BEFORE,
    )
    ana_notice = ClassNotice.objects.create(
        person=ana, cases=["ms_l"], written_code="es", reads_written=False, generated_at=BEFORE
    )
    OralNotice.objects.create(
        notice=ana_notice,
        language="Mam",
        interpreter="I",
        in_person=False,
        given_at=BEFORE,
        given_by=actor,
    )
    ClassNotice.objects.create(
        person=carla,
        cases=["ms_l", "dora"],
        written_code="es",
        reads_written=True,
        generated_at=BEFORE,
    )
    for receipt, cases, late in (("R1", ["ms_l"], True), ("R2", ["mmm", "dora"], False)):
        Objection.objects.create(
            receipt=receipt,
            source="online",
            cases=cases,
            categories=[],
            text="t",
            language="Spanish",
            translation_status="not_needed",
            received_at=BEFORE,
            late=late,
        )
    return World(ana, beto, carla, dani, emilio, fede, gloria)


def end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max))
