"""The audit chain: every write and file view leaves an event; tampering shows."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import DatabaseError, connection, transaction

from amparo.apps.accounts.models import User
from amparo.apps.audit.models import AuditEvent, ChainHead
from amparo.apps.audit.services import audit_record
from amparo.apps.audit.verify import audit_chain_verify
from amparo.apps.core import immutable

pytestmark = pytest.mark.django_db


def write_events(actor: User, n: int) -> None:
    for i in range(n):
        audit_record(
            actor=actor,
            action="test.write",
            object_type="thing",
            object_id=i,
            reason="because",
            details={"n": i, "name": "Peña"},
        )


def test_an_untouched_chain_verifies(carmen: User) -> None:
    write_events(carmen, 5)

    report = audit_chain_verify()

    assert report.intact
    assert report.events_checked == AuditEvent.objects.count()


def test_each_event_points_at_the_one_before(carmen: User) -> None:
    write_events(carmen, 3)

    events = list(AuditEvent.objects.order_by("sequence"))

    assert [e.previous_hash for e in events[1:]] == [e.entry_hash for e in events[:-1]]


def test_the_database_refuses_to_update_an_event(carmen: User) -> None:
    write_events(carmen, 1)

    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.update(reason="nothing happened")


def _without_guard(statement: str, params: list[int | str]) -> None:
    """Tamper as a database owner would: drop the trigger, change a row, restore it."""
    vendor = connection.vendor
    with connection.cursor() as cursor:
        for sql in immutable.drop_forbid_changes_sql("audit_auditevent", vendor=vendor):
            cursor.execute(sql)
        cursor.execute(statement, params)
        for sql in immutable.forbid_changes_sql("audit_auditevent", vendor=vendor):
            cursor.execute(sql)


def test_an_altered_event_is_named(carmen: User) -> None:
    write_events(carmen, 5)
    third = AuditEvent.objects.get(sequence=ChainHead.objects.get().sequence - 2)

    _without_guard("UPDATE audit_auditevent SET reason = %s WHERE id = %s", ["edited", third.pk])
    report = audit_chain_verify()

    assert not report.intact
    assert report.broken_at_sequence == third.sequence
    assert "altered" in report.problem


def test_a_removed_event_is_named(carmen: User) -> None:
    write_events(carmen, 5)
    head = ChainHead.objects.get().sequence

    _without_guard("DELETE FROM audit_auditevent WHERE sequence = %s", [head - 1])
    report = audit_chain_verify()

    assert not report.intact
    assert report.broken_at_sequence == head - 1


def test_a_removed_tail_is_detected(carmen: User) -> None:
    write_events(carmen, 4)
    head = ChainHead.objects.get().sequence

    _without_guard("DELETE FROM audit_auditevent WHERE sequence = %s", [head])
    report = audit_chain_verify()

    assert not report.intact
    assert "removed from the end" in report.problem


def test_an_event_rolled_back_with_its_write_leaves_no_trace(carmen: User) -> None:
    write_events(carmen, 2)

    with pytest.raises(RuntimeError), transaction.atomic():
        audit_record(actor=carmen, action="test.write")
        raise RuntimeError("the write failed")

    assert audit_chain_verify().intact
    assert AuditEvent.objects.count() == 2


def test_details_that_a_database_would_rewrite_still_verify(carmen: User) -> None:
    audit_record(
        actor=carmen,
        action="test.write",
        details={
            "big": 1e20,
            "negative_zero": -0.0,
            "tiny": 1.5e-300,
            "when": date(2018, 6, 26),
            "ids": {3, 1},
            "nested": {"n": [1.0, "Peña"]},
        },
    )

    assert audit_chain_verify().intact
