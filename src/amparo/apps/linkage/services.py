"""Identification runs over the registry, and the decisions of reviewers.

A run reads every source record, links them into people and families with
the pure engines, folds in every human decision, and writes the result into
the registry in one transaction with one audit event. Reviewers' decisions
are audited and anchored on records so that every later run applies them.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import asdict
from typing import Any
from uuid import uuid4

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from amparo.apps.accounts.models import User
from amparo.apps.audit.services import audit_record
from amparo.apps.eligibility.models import PersonEligibility
from amparo.apps.eligibility.models import RunTrigger as EligibilityTrigger
from amparo.apps.eligibility.services import eligibility_recompute
from amparo.apps.ingest.leases import lease_hold, lease_if_abandoned
from amparo.apps.linkage.decisions import (
    Decision,
    apply_same_person,
    parent_child_verdicts,
)
from amparo.apps.linkage.models import (
    RUN_TRANSITIONS,
    LinkageRun,
    ReviewDecision,
    ReviewItem,
    ReviewKind,
    ReviewOutcome,
    RunStatus,
)
from amparo.apps.linkage.progress import Progress, progress_set
from amparo.apps.registry.models import Decider, RecordAssignment, SourceRecord
from amparo.apps.registry.reclustering import (
    RelationshipIn,
    SeparationIn,
    people_recluster,
    relationships_replace,
    separations_replace,
)
from amparo.apps.registry.services import serialise_imports
from amparo.engines.families import FamilyConfig, FamilyResult, infer_families
from amparo.engines.linkage import LinkageConfig, PersonLinks, RecordIn, link_people
from amparo.engines.linkage.types import EvidenceItem, ReviewPair

logger = logging.getLogger(__name__)

ProgressCallback = Callable[[str, float], None]
RELATIONSHIP_KINDS = {
    "PARENT": "parent",
    "GRANDPARENT": "grandparent",
    "AUNT_UNCLE": "aunt_uncle",
    "SIBLING": "sibling",
    "OTHER": "other",
}


class IllegalRunTransition(Exception):
    pass


ABANDONED_ERROR = (
    "The run stopped before it finished (the process running it ended); nothing was "
    "changed. Start a new run."
)


class ReviewRefused(Exception):
    """A decision that cannot be taken (item closed, bad outcome)."""


def _transition(run: LinkageRun, to: RunStatus) -> None:
    if to not in RUN_TRANSITIONS[run.status]:
        raise IllegalRunTransition(f"A linkage run cannot go from {run.status} to {to.value}.")
    run.status = to
    if to in {RunStatus.SUCCEEDED, RunStatus.FAILED}:
        run.finished_at = timezone.now()


def linkage_run_create(*, actor: User | None, reason: str = "") -> LinkageRun:
    with transaction.atomic():
        run = LinkageRun.objects.create(started_by=actor, reason=reason.replace("\x00", "")[:300])
        audit_record(
            actor=actor,
            action="linkage_run.create",
            object_type="linkage_run",
            object_id=str(run.public_id),
            reason=reason,
        )
    progress_set(str(run.public_id), Progress(0, 100, "queued"))
    return run


def _evidence_json(evidence: Sequence[EvidenceItem]) -> list[dict[str, Any]]:
    return [asdict(e) for e in evidence]


def _load_records() -> tuple[
    list[RecordIn], dict[tuple[str, str], int], dict[int, Any], dict[int, str]
]:
    records: list[RecordIn] = []
    pk_of: dict[tuple[str, str], int] = {}
    fields_of: dict[int, Any] = {}
    source_of: dict[int, str] = {}
    rows = SourceRecord.objects.order_by("source", "record_id").values_list(
        "id", "source", "record_id", "fields"
    )
    for pk, source, record_id, fields in rows.iterator(chunk_size=5000):
        records.append(RecordIn(source=source, record_id=record_id, fields=fields))
        pk_of[(source, record_id)] = pk
        fields_of[pk] = fields
        source_of[pk] = source
    return records, pk_of, fields_of, source_of


def _current_decisions() -> list[Decision]:
    return [
        Decision(d.kind, d.outcome, tuple(d.left_records), tuple(d.right_records))
        for d in ReviewDecision.objects.filter(superseded_at__isnull=True).order_by(
            "decided_at", "id"
        )
    ]


def linkage_runs_abandoned_fail(*, actor: User | None = None) -> list[str]:
    """Mark failed every run left `running` by a process that died: its write
    transaction was rolled back, so nothing of it was applied. Returns their ids."""
    failed: list[str] = []
    running = LinkageRun.objects.filter(status=RunStatus.RUNNING).values_list("pk", flat=True)
    for pk in list(running):
        with lease_if_abandoned("linkage", pk) as abandoned:
            if not abandoned:
                continue
            with transaction.atomic():
                run = LinkageRun.objects.select_for_update().get(pk=pk)
                if run.status != RunStatus.RUNNING:
                    continue
                _transition(run, RunStatus.FAILED)
                run.error = ABANDONED_ERROR
                run.save(update_fields=["status", "error", "finished_at"])
                audit_record(
                    actor=actor,
                    action="linkage_run.abandon",
                    object_type="linkage_run",
                    object_id=str(run.public_id),
                    reason=ABANDONED_ERROR,
                )
        progress_set(str(run.public_id), Progress(100, 100, "failed"))
        failed.append(str(run.public_id))
    return failed


def linkage_run_execute(
    *,
    run_id: int,
    actor: User | None = None,
    linkage_config: LinkageConfig | None = None,
    family_config: FamilyConfig | None = None,
    on_progress: ProgressCallback | None = None,
) -> LinkageRun:
    """Run identification over the whole registry and apply it, or change nothing.

    The running process holds the run's lease throughout, so that a run whose process
    died is told apart and marked failed (here, before each run starts)."""
    linkage_runs_abandoned_fail(actor=actor)
    with lease_hold("linkage", run_id):
        return _execute_leased(
            run_id=run_id,
            actor=actor,
            linkage_config=linkage_config,
            family_config=family_config,
            on_progress=on_progress,
        )


def _execute_leased(
    *,
    run_id: int,
    actor: User | None,
    linkage_config: LinkageConfig | None,
    family_config: FamilyConfig | None,
    on_progress: ProgressCallback | None,
) -> LinkageRun:
    with transaction.atomic():
        run = LinkageRun.objects.select_for_update().get(pk=run_id)
        _transition(run, RunStatus.RUNNING)
        run.save(update_fields=["status"])
    public_id = str(run.public_id)

    def report(stage: str, fraction: float) -> None:
        progress_set(public_id, Progress(round(fraction * 100), 100, stage))
        if on_progress is not None:
            on_progress(stage, fraction)

    linkage_config = linkage_config or LinkageConfig()
    family_config = family_config or FamilyConfig()
    try:
        _execute(run, actor, linkage_config, family_config, report)
    except Exception as failure:
        reference = uuid4().hex[:12]
        logger.exception("linkage run %s failed (reference %s)", public_id, reference)
        with transaction.atomic():
            run.refresh_from_db()
            if run.status == RunStatus.FAILED:
                # Marked abandoned while this process ran it: already recorded.
                return run
            _transition(run, RunStatus.FAILED)
            run.error = (
                f"The run failed on an internal error ({type(failure).__name__}); "
                f"nothing was changed. Server log reference {reference}."
            )
            run.save()
            audit_record(
                actor=actor,
                action="linkage_run.fail",
                object_type="linkage_run",
                object_id=public_id,
                reason=run.error,
            )
        report("failed", 1.0)
        return run
    report("done", 1.0)
    if PersonEligibility.objects.exists():
        # Who is separated from whom decides class membership: answers follow each run.
        eligibility_recompute(
            actor=actor,
            trigger=EligibilityTrigger.IDENTIFICATION,
            reason=f"identification run {public_id}",
        )
    return run


def _execute(
    run: LinkageRun,
    actor: User | None,
    linkage_config: LinkageConfig,
    family_config: FamilyConfig,
    report: ProgressCallback,
) -> None:
    timings: dict[str, float] = {}
    started = time.perf_counter()
    report("reading records", 0.02)
    records, pk_of, fields_of, source_of = _load_records()
    decisions = _current_decisions()
    timings["read"] = time.perf_counter() - started

    started = time.perf_counter()
    links: PersonLinks = link_people(
        records,
        linkage_config,
        on_progress=lambda stage, f: report(f"linking people: {stage}", 0.05 + 0.6 * f),
    )
    timings["link_people"] = time.perf_counter() - started
    by_pk = {pk_of[key]: person for key, person in links.person_of.items()}
    by_pk, same_overridden = apply_same_person(by_pk, decisions)
    key_of_pk = {pk: key for key, pk in pk_of.items()}
    person_of = {key_of_pk[pk]: person for pk, person in by_pk.items()}

    report("finding families", 0.7)
    started = time.perf_counter()
    family: FamilyResult = infer_families(records, person_of, family_config)
    timings["families"] = time.perf_counter() - started
    verdicts = parent_child_verdicts(by_pk, decisions)

    report("writing the registry", 0.8)
    started = time.perf_counter()
    with transaction.atomic():
        # An import running now would see half-formed people: take turns.
        serialise_imports()
        now = timezone.now()
        clusters: dict[str, list[int]] = defaultdict(list)
        for pk, key in by_pk.items():
            clusters[key].append(pk)
        outcome = people_recluster(
            clusters=clusters,
            fields_of=fields_of,
            source_of=source_of,
            run_label=run.label,
            decided_at=now,
        )
        person = outcome.person_of_key
        relationships_replace(
            links=[
                RelationshipIn(
                    person[link.adult_key],
                    person[link.child_key],
                    RELATIONSHIP_KINDS.get(link.relationship, "other"),
                    Decider.LINKAGE_RUN.value,
                    run.label,
                )
                for link in family.links
                if link.relationship in RELATIONSHIP_KINDS
            ],
            decided_at=now,
        )
        separations = _separations(family, verdicts, person, run.label)
        separations_replace(separations=separations, decided_at=now)
        review_counts = _refresh_review_queue(
            run=run,
            same_person=links.review,
            parent_child=family.review,
            by_pk=by_pk,
            pk_of=pk_of,
            person=person,
            verdicts=verdicts,
            decisions=decisions,
            now=now,
        )
        timings["write"] = time.perf_counter() - started
        run.refresh_from_db()
        _transition(run, RunStatus.SUCCEEDED)
        run.inputs = _inputs_summary(records)
        run.config = {"linkage": asdict(linkage_config), "families": asdict(family_config)}
        run.model = {"linkage": dict(links.model), "families": dict(family.model)}
        run.versions = {"linkage": links.version, "families": family.version}
        run.timings = {k: round(v, 3) for k, v in timings.items()}
        run.counts = {
            "records": len(records),
            "people": len(clusters),
            "people_created": outcome.people_created,
            "people_merged": outcome.people_merged,
            "records_moved": outcome.records_moved,
            "separations_confirmed": sum(1 for s in separations if s.status == "confirmed"),
            "separations_review": sum(1 for s in separations if s.status == "review"),
            "decisions_applied_same_person": same_overridden,
            "decisions_applied_parent_child": len(verdicts),
            **review_counts,
        }
        run.save()
        audit_record(
            actor=actor,
            action="linkage_run.apply",
            object_type="linkage_run",
            object_id=str(run.public_id),
            reason=run.reason,
            details=run.counts,
        )


def _inputs_summary(records: Sequence[RecordIn]) -> dict[str, Any]:
    by_source: dict[str, int] = defaultdict(int)
    for record in records:
        by_source[record.source] += 1
    last_batch = SourceRecord.objects.aggregate(last=Max("batch_id"))["last"]
    return {"records_by_source": dict(by_source), "last_import_batch_id": last_batch}


def _separations(
    family: FamilyResult,
    verdicts: dict[tuple[str, str], str],
    person: dict[str, int],
    run_label: str,
) -> list[SeparationIn]:
    result: list[SeparationIn] = []
    seen: set[tuple[str, str]] = set()
    for s in family.separations:
        pair = (s.parent_key, s.child_key)
        seen.add(pair)
        verdict = verdicts.get(pair)
        if verdict == "no":
            continue
        human = verdict == "yes"
        result.append(
            SeparationIn(
                parent=person[s.parent_key],
                child=person[s.child_key],
                separated_on=s.separated_on,
                reunified_on=s.reunified_on,
                parent_removed_on=s.parent_removed_on,
                status="confirmed" if human else s.status,
                score=s.score,
                evidence=_evidence_json(s.evidence),
                decided_by=Decider.REVIEWER.value if human else Decider.LINKAGE_RUN.value,
                rule_or_run=run_label,
            )
        )
    # A pair a reviewer confirmed stays a separation even if this run missed it.
    for (parent, child), verdict in verdicts.items():
        if (
            verdict == "yes"
            and (parent, child) not in seen
            and parent in person
            and child in person
        ):
            result.append(
                SeparationIn(
                    parent=person[parent],
                    child=person[child],
                    separated_on=None,
                    reunified_on=None,
                    parent_removed_on=None,
                    status="confirmed",
                    score=1.0,
                    evidence=[],
                    decided_by=Decider.REVIEWER.value,
                    rule_or_run=run_label,
                )
            )
    return result


def _refresh_review_queue(
    *,
    run: LinkageRun,
    same_person: Sequence[ReviewPair],
    parent_child: Sequence[ReviewPair],
    by_pk: dict[int, str],
    pk_of: dict[tuple[str, str], int],
    person: dict[str, int],
    verdicts: dict[tuple[str, str], str],
    decisions: Sequence[Decision],
    now: Any,
) -> dict[str, int]:
    """Close the questions earlier runs asked and open this run's, leaving out
    the ones a person already answered yes or no."""
    ReviewItem.objects.filter(closed_at__isnull=True).update(closed_at=now)
    answered = {
        frozenset((d.left_records[0], d.right_records[0]))
        for d in decisions
        if d.kind == "same_person"
        and d.outcome in {"yes", "no"}
        and d.left_records
        and d.right_records
    }
    items: list[ReviewItem] = []
    for pair in same_person:
        if pair.left_record is None or pair.right_record is None:
            continue
        left, right = pk_of.get(pair.left_record), pk_of.get(pair.right_record)
        if left is None or right is None or frozenset((left, right)) in answered:
            continue
        items.append(
            ReviewItem(
                run=run,
                kind=ReviewKind.SAME_PERSON,
                left_record_id=left,
                right_record_id=right,
                left_person_id=person[by_pk[left]],
                right_person_id=person[by_pk[right]],
                score=pair.score,
                evidence=_evidence_json(pair.evidence),
            )
        )
    for pair in parent_child:
        if (pair.left, pair.right) in verdicts:
            continue
        if pair.left not in person or pair.right not in person:
            continue
        items.append(
            ReviewItem(
                run=run,
                kind=ReviewKind.PARENT_CHILD,
                left_person_id=person[pair.left],
                right_person_id=person[pair.right],
                score=pair.score,
                evidence=_evidence_json(pair.evidence),
            )
        )
    ReviewItem.objects.bulk_create(items, batch_size=1000)
    return {
        "review_same_person": sum(1 for i in items if i.kind == ReviewKind.SAME_PERSON),
        "review_parent_child": sum(1 for i in items if i.kind == ReviewKind.PARENT_CHILD),
    }


def _records_of(person_id: int) -> list[int]:
    return list(
        RecordAssignment.objects.filter(person_id=person_id, superseded_at__isnull=True)
        .order_by("record_id")
        .values_list("record_id", flat=True)
    )


def review_decide(
    *, actor: User, item: ReviewItem, outcome: ReviewOutcome, note: str = ""
) -> ReviewDecision:
    """Record a person's answer; `unsure` keeps the item in the queue."""
    if item.closed_at is not None:
        raise ReviewRefused("This question was already closed.")
    if outcome not in ReviewOutcome.values:
        raise ReviewRefused(f"{outcome!r} is not an answer.")
    with transaction.atomic():
        locked = ReviewItem.objects.select_for_update().get(pk=item.pk)
        if locked.closed_at is not None:
            raise ReviewRefused("This question was already closed.")
        if locked.kind == ReviewKind.SAME_PERSON:
            left = [locked.left_record_id] if locked.left_record_id else []
            right = [locked.right_record_id] if locked.right_record_id else []
        else:
            left, right = _records_of(locked.left_person_id), _records_of(locked.right_person_id)
        now = timezone.now()
        # A new answer on the same question replaces the earlier one.
        ReviewDecision.objects.filter(
            item__kind=locked.kind,
            left_records=left,
            right_records=right,
            superseded_at__isnull=True,
        ).update(superseded_at=now)
        decision = ReviewDecision.objects.create(
            item=locked,
            kind=locked.kind,
            outcome=outcome,
            note=note.replace("\x00", ""),
            decided_by=actor,
            decided_at=now,
            left_records=left,
            right_records=right,
        )
        if outcome != ReviewOutcome.UNSURE:
            locked.closed_at = now
            locked.save(update_fields=["closed_at"])
        audit_record(
            actor=actor,
            action="review.decide",
            object_type="review_item",
            object_id=locked.pk,
            reason=note,
            details={
                "kind": locked.kind,
                "outcome": str(outcome),
                "left_records": left,
                "right_records": right,
            },
        )
    return decision
