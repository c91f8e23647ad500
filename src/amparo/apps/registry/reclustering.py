"""Writing a linkage run's people, relationships and separations into the
registry. Called by the linkage service inside its transaction, which
records the run's audit event.

People keep their identity across runs: each new cluster takes over the
existing person who holds most of its records, so URLs, representations and
case grants stay put; a person left with no records is marked merged.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import uuid4

from amparo.apps.registry import bulk
from amparo.apps.registry.derive import (
    PROVISIONAL_CASE_RULESET,
    provisional_cases,
    summarise_records,
)
from amparo.apps.registry.models import (
    Decider,
    Person,
    PersonCase,
    RecordAssignment,
    Relationship,
    Separation,
)
from amparo.engines.extracts.spec import Source

CHUNK = 2000


@dataclass(frozen=True, slots=True)
class ReclusterOutcome:
    person_of_key: dict[str, int]  # engine person key -> registry person id
    people_created: int
    people_merged: int
    records_moved: int


def people_recluster(
    *,
    clusters: Mapping[str, Sequence[int]],
    fields_of: Mapping[int, Mapping[str, str | None]],
    source_of: Mapping[int, str],
    run_label: str,
    decided_at: datetime,
) -> ReclusterOutcome:
    """Make the registry's people match `clusters` (engine person key ->
    SourceRecord ids)."""
    current = dict(
        RecordAssignment.objects.filter(superseded_at__isnull=True).values_list(
            "record_id", "person_id"
        )
    )
    claimed: set[int] = set()
    chosen: dict[str, int | None] = {}
    # Largest clusters choose first, so a big family file keeps its person.
    for key in sorted(clusters, key=lambda k: (-len(clusters[k]), k)):
        votes = Counter(current[r] for r in clusters[key] if r in current)
        pick = next((p for p, _n in votes.most_common() if p not in claimed), None)
        if pick is not None:
            claimed.add(pick)
        chosen[key] = pick

    new_keys = [k for k in sorted(clusters) if chosen[k] is None]
    summaries = {k: summarise_records([fields_of[r] for r in clusters[k]]) for k in clusters}
    new_ids = bulk.insert_people([(uuid4(), summaries[k]) for k in new_keys], decided_at)
    person_of_key: dict[str, int] = {k: p for k, p in chosen.items() if p is not None}
    person_of_key.update(zip(new_keys, new_ids, strict=True))

    moved = _move_records(clusters, person_of_key, current, run_label, decided_at)
    _refresh_summaries(summaries, person_of_key, new_keys)
    merged = _mark_merged(current, clusters, person_of_key)
    _add_provisional_cases(clusters, person_of_key, fields_of, source_of, decided_at)
    return ReclusterOutcome(person_of_key, len(new_keys), merged, moved)


def _move_records(
    clusters: Mapping[str, Sequence[int]],
    person_of_key: Mapping[str, int],
    current: Mapping[int, int],
    run_label: str,
    decided_at: datetime,
) -> int:
    moves = [
        (record, person_of_key[key])
        for key, records in clusters.items()
        for record in records
        if current.get(record) != person_of_key[key]
    ]
    moved_records = [record for record, _ in moves]
    for start in range(0, len(moved_records), CHUNK):
        RecordAssignment.objects.filter(
            record_id__in=moved_records[start : start + CHUNK], superseded_at__isnull=True
        ).update(superseded_at=decided_at)
    at = bulk.adapt_datetime(decided_at)
    bulk.insert_rows(
        RecordAssignment._meta.db_table,
        ("record_id", "person_id", "decided_by", "rule_or_run", "decided_at"),
        [(record, person, Decider.LINKAGE_RUN.value, run_label, at) for record, person in moves],
    )
    return len(moves)


def _refresh_summaries(
    summaries: Mapping[str, Any], person_of_key: Mapping[str, int], new_keys: Sequence[str]
) -> None:
    fresh = set(new_keys)
    people = Person.objects.in_bulk([person_of_key[k] for k in summaries if k not in fresh])
    changed = []
    for key, summary in summaries.items():
        person = people.get(person_of_key[key])
        if person is None:
            continue
        values = {
            "given_names": summary.given_names,
            "surnames": summary.surnames,
            "name_key": summary.name_key,
            "sex": summary.sex,
            "citizenship": summary.citizenship,
            "language": summary.language,
            "a_number": summary.a_number,
        }
        dob = summary.dob
        if any(getattr(person, f) != v for f, v in values.items()) or (
            (person.dob.isoformat() if person.dob else None) != dob
        ):
            for f, v in values.items():
                setattr(person, f, v)
            person.dob = datetime.fromisoformat(dob).date() if dob else None
            person.merged_into = None
            changed.append(person)
    Person.objects.bulk_update(
        changed,
        [
            "given_names",
            "surnames",
            "name_key",
            "sex",
            "citizenship",
            "language",
            "a_number",
            "dob",
            "merged_into",
        ],
        batch_size=CHUNK,
    )


def _mark_merged(
    current: Mapping[int, int],
    clusters: Mapping[str, Sequence[int]],
    person_of_key: Mapping[str, int],
) -> int:
    holding = set(person_of_key.values())
    went_to: dict[int, Counter[int]] = defaultdict(Counter)
    for key, records in clusters.items():
        for record in records:
            old = current.get(record)
            if old is not None and old not in holding:
                went_to[old][person_of_key[key]] += 1
    for old, targets in went_to.items():
        Person.objects.filter(pk=old).update(merged_into_id=targets.most_common(1)[0][0])
    return len(went_to)


def _add_provisional_cases(
    clusters: Mapping[str, Sequence[int]],
    person_of_key: Mapping[str, int],
    fields_of: Mapping[int, Mapping[str, str | None]],
    source_of: Mapping[int, str],
    decided_at: datetime,
) -> None:
    """A person's provisional cases are the union of what their records say."""
    wanted = {
        (person_of_key[key], code.value): basis
        for key, records in clusters.items()
        for record in records
        for code, basis in provisional_cases(Source(source_of[record]), fields_of[record])
    }
    at = bulk.adapt_datetime(decided_at)
    bulk.insert_rows(
        PersonCase._meta.db_table,
        ("person_id", "case_code", "basis", "decided_at"),
        [(p, c, f"{PROVISIONAL_CASE_RULESET}: {b}", at) for (p, c), b in wanted.items()],
        ignore_conflicts=True,
    )


@dataclass(frozen=True, slots=True)
class RelationshipIn:
    person: int
    relative: int
    kind: str
    decided_by: str
    rule_or_run: str


def relationships_replace(*, links: Sequence[RelationshipIn], decided_at: datetime) -> int:
    """Supersede every current machine-made relationship with `links`."""
    Relationship.objects.filter(superseded_at__isnull=True).exclude(
        decided_by=Decider.REVIEWER
    ).update(superseded_at=decided_at)
    at = bulk.adapt_datetime(decided_at)
    bulk.insert_rows(
        Relationship._meta.db_table,
        ("person_id", "relative_id", "kind", "decided_by", "rule_or_run", "decided_at"),
        [
            (r.person, r.relative, r.kind, r.decided_by, r.rule_or_run, at)
            for r in links
            if r.person != r.relative
        ],
        ignore_conflicts=True,
    )
    return len(links)


@dataclass(frozen=True, slots=True)
class SeparationIn:
    parent: int
    child: int
    separated_on: str | None
    reunified_on: str | None
    parent_removed_on: str | None
    status: str
    score: float
    evidence: list[dict[str, Any]]
    decided_by: str
    rule_or_run: str


def separations_replace(*, separations: Sequence[SeparationIn], decided_at: datetime) -> int:
    """Supersede every current separation with `separations` (human decisions
    are already folded in by the caller, so none is lost)."""
    Separation.objects.filter(superseded_at__isnull=True).update(superseded_at=decided_at)
    at = bulk.adapt_datetime(decided_at)
    unique = {(s.parent, s.child): s for s in separations if s.parent != s.child}
    bulk.insert_rows(
        Separation._meta.db_table,
        bulk.SEPARATION_COLUMNS,
        [
            (
                s.parent,
                s.child,
                bulk.adapt_date(s.separated_on),
                bulk.adapt_date(s.reunified_on),
                bulk.adapt_date(s.parent_removed_on),
                s.status,
                min(1.0, max(0.0, s.score)),
                bulk.adapt_json(s.evidence),
                s.decided_by,
                s.rule_or_run,
                at,
            )
            for s in unique.values()
        ],
    )
    return len(unique)
