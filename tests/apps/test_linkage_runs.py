"""Identification runs over the registry: people re-formed, families found,
and human decisions applied by every later run."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.db.models import Count

from amparo.apps.accounts.models import User
from amparo.apps.audit.models import AuditEvent
from amparo.apps.ingest.services import UploadedExtract, import_batch_create, import_batch_run
from amparo.apps.linkage.models import LinkageRun, ReviewItem, ReviewKind, ReviewOutcome, RunStatus
from amparo.apps.linkage.services import linkage_run_create, linkage_run_execute, review_decide
from amparo.apps.registry.models import (
    Person,
    RecordAssignment,
    Separation,
    SourceRecord,
)

pytestmark = pytest.mark.django_db


def import_world(actor: User, world: Path) -> None:
    files = [UploadedExtract(p.name, p.read_bytes()) for p in sorted(world.glob("*.csv"))]
    batch = import_batch_create(actor=actor, files=files)
    import_batch_run(batch_id=batch.pk, actor=actor)


def run(actor: User) -> LinkageRun:
    created = linkage_run_create(actor=actor, reason="test")
    return linkage_run_execute(run_id=created.pk, actor=actor)


def current_person_of(record: SourceRecord) -> int:
    return RecordAssignment.objects.get(record=record, superseded_at__isnull=True).person_id


@pytest.fixture
def linked(carmen: User, small_world: Path) -> LinkageRun:
    import_world(carmen, small_world)
    return run(carmen)


def test_a_run_forms_people_close_to_the_truth(linked: LinkageRun, small_world: Path) -> None:
    with (small_world / "truth" / "records.csv").open(encoding="utf-8") as f:
        truth = {(r["source"], r["record_id"]): r["person_id"] for r in csv.DictReader(f)}

    assert linked.status == RunStatus.SUCCEEDED
    people = {
        (source, record_id): person
        for source, record_id, person in RecordAssignment.objects.filter(
            superseded_at__isnull=True
        ).values_list("record__source", "record__record_id", "person_id")
    }
    assert people.keys() == truth.keys()
    # Every true person's records sit with one registry person, for nearly everyone.
    split = {
        t for t in set(truth.values()) if len({people[k] for k, v in truth.items() if v == t}) > 1
    }
    assert len(split) <= 0.02 * len(set(truth.values()))


def test_every_record_has_exactly_one_current_person(linked: LinkageRun) -> None:
    per_record = (
        RecordAssignment.objects.filter(superseded_at__isnull=True)
        .values("record_id")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )

    assert not per_record.exists()
    assert RecordAssignment.objects.filter(superseded_at__isnull=True).count() == (
        SourceRecord.objects.count()
    )


def test_a_run_finds_separations_and_records_how(linked: LinkageRun) -> None:
    assert Separation.objects.filter(superseded_at__isnull=True, status="confirmed").exists()
    assert linked.versions["linkage"] and linked.versions["families"]
    assert linked.config["linkage"] and linked.model["linkage"]
    assert linked.inputs["records_by_source"]
    event = AuditEvent.objects.get(action="linkage_run.apply")
    assert event.details["records"] == SourceRecord.objects.count()


def test_running_again_on_the_same_records_moves_nothing(carmen: User, linked: LinkageRun) -> None:
    people_before = Person.objects.filter(merged_into__isnull=True).count()

    again = run(carmen)

    assert again.counts["records_moved"] == 0
    assert again.counts["people_created"] == 0
    assert Person.objects.filter(merged_into__isnull=True).count() == people_before


def test_a_no_on_two_linked_records_keeps_them_apart_in_later_runs(
    carmen: User, linked: LinkageRun
) -> None:
    person = (
        Person.objects.annotate(n=Count("assignments"))
        .filter(n__gte=2, merged_into=None)
        .order_by("id")
        .first()
    )
    assert person is not None
    left, right = [
        a.record
        for a in person.assignments.filter(superseded_at__isnull=True)
        .select_related("record")
        .order_by("record_id")[:2]
    ]
    item = ReviewItem.objects.create(
        run=linked,
        kind=ReviewKind.SAME_PERSON,
        left_person=person,
        right_person=person,
        left_record=left,
        right_record=right,
        score=0.5,
    )

    review_decide(actor=carmen, item=item, outcome=ReviewOutcome.NO, note="different mothers")
    later = run(carmen)

    assert current_person_of(left) != current_person_of(right)
    assert later.counts["decisions_applied_same_person"] == 1


def test_a_yes_on_two_people_merges_them_in_later_runs(carmen: User, linked: LinkageRun) -> None:
    first, second = Person.objects.filter(merged_into=None).order_by("id")[:2]
    left = first.assignments.filter(superseded_at__isnull=True).first().record  # type: ignore[union-attr]
    right = second.assignments.filter(superseded_at__isnull=True).first().record  # type: ignore[union-attr]
    item = ReviewItem.objects.create(
        run=linked,
        kind=ReviewKind.SAME_PERSON,
        left_person=first,
        right_person=second,
        left_record=left,
        right_record=right,
        score=0.6,
    )

    review_decide(actor=carmen, item=item, outcome=ReviewOutcome.YES)
    run(carmen)

    assert current_person_of(left) == current_person_of(right)


def test_a_no_on_a_separation_removes_it_from_later_runs(carmen: User, linked: LinkageRun) -> None:
    separation = Separation.objects.filter(superseded_at__isnull=True).order_by("id").first()
    assert separation is not None
    item = ReviewItem.objects.create(
        run=linked,
        kind=ReviewKind.PARENT_CHILD,
        left_person=separation.parent,
        right_person=separation.child,
        score=0.7,
    )

    review_decide(actor=carmen, item=item, outcome=ReviewOutcome.NO, note="an aunt, not the mother")
    run(carmen)

    assert not Separation.objects.filter(
        superseded_at__isnull=True, parent=separation.parent, child=separation.child
    ).exists()


def test_an_unsure_answer_keeps_the_question_open(carmen: User, linked: LinkageRun) -> None:
    first, second = Person.objects.filter(merged_into=None).order_by("id")[:2]
    item = ReviewItem.objects.create(
        run=linked, kind=ReviewKind.PARENT_CHILD, left_person=first, right_person=second, score=0.5
    )

    review_decide(actor=carmen, item=item, outcome=ReviewOutcome.UNSURE, note="ask the shelter")

    item.refresh_from_db()
    assert item.closed_at is None
    assert AuditEvent.objects.filter(action="review.decide", actor=carmen).exists()


def test_a_run_that_fails_changes_nothing(
    carmen: User, small_world: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_world(carmen, small_world)
    before = list(RecordAssignment.objects.values_list("id", "superseded_at"))

    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("engine exploded on A201555017")

    monkeypatch.setattr("amparo.apps.linkage.services.infer_families", broken)
    failed = run(carmen)

    assert failed.status == RunStatus.FAILED
    assert "A201555017" not in failed.error
    assert list(RecordAssignment.objects.values_list("id", "superseded_at")) == before
