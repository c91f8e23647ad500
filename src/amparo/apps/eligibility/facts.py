"""The registry read as the eligibility engine's facts, in bulk.

A handful of queries over current assignments, separations, relationships, custody
events and fear screenings, joined in memory: the same reading for one person or for
the whole registry. Where the registry holds nothing about a fact, the fact stays
unknown (None) rather than being guessed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Final

from amparo.apps.core.cases import CaseCode
from amparo.apps.elections.models import Election as ElectionRecord
from amparo.apps.eligibility.models import FactKind, RecordedFact
from amparo.apps.registry.derive import provisional_cases
from amparo.apps.registry.models import (
    CustodyEvent,
    CustodyEventKind,
    FearScreening,
    Person,
    Relationship,
    RelationshipKind,
    Separation,
    SeparationStatus,
    SourceRecord,
)
from amparo.engines.eligibility import (
    Determination,
    Election,
    FearFinding,
    JudgeReview,
    Kin,
    Link,
    PersonFacts,
    Role,
)
from amparo.engines.extracts.spec import Source

# Border Patrol dispositions that put the person in DHS custody.
_HELD: Final = frozenset({"PROSECUTION", "ICE_ADULT", "ICE_FAMILY"})
_NOT_HELD: Final = frozenset({"RELEASED", "RETURNED", "ORR_TRANSFER"})
_KIN: Final = {
    RelationshipKind.GRANDPARENT.value: Kin.GRANDPARENT,
    RelationshipKind.AUNT_UNCLE.value: Kin.AUNT_UNCLE,
    RelationshipKind.SIBLING.value: Kin.SIBLING,
    RelationshipKind.OTHER.value: Kin.OTHER,
}
# Below this many people, queries filter by person; above it, reading everything
# and keeping what is needed is faster than long IN lists.
_FILTER_BELOW: Final = 2000


@dataclass(slots=True)
class _Custody:
    apprehended: list[str] = field(default_factory=list)
    ice_book_in: bool = False
    last_book_in: date | None = None
    last_book_out: date | None = None
    removed_on: date | None = None
    orr_referred: bool = False
    orr_discharged_on: date | None = None

    def held_now(self) -> bool | None:
        """In ICE detention as the extracts last saw it: booked in and not out since,
        and not removed. Unknown without any ICE record."""
        if self.removed_on is not None:
            return False
        if self.last_book_in is None:
            return None
        return self.last_book_out is None or self.last_book_out < self.last_book_in

    def detained(self) -> bool | None:
        if self.ice_book_in or any(d in _HELD for d in self.apprehended):
            return True
        if any(d in _NOT_HELD for d in self.apprehended):
            return False
        return None


def _determination(text: str) -> Determination | None:
    try:
        return Determination(text.strip().upper())
    except ValueError:
        return None


def _review(text: str) -> JudgeReview | None:
    try:
        return JudgeReview(text.strip().upper())
    except ValueError:
        return None


SeparationRow = tuple[int, int, date | None, date | None, str]


def _separations(ids: set[int] | None, small: bool) -> list[SeparationRow]:
    rows = Separation.objects.filter(superseded_at__isnull=True)
    if small and ids is not None:
        rows = rows.filter(parent_id__in=ids) | rows.filter(child_id__in=ids)
    return list(rows.values_list("parent_id", "child_id", "separated_on", "reunified_on", "status"))


def _relationships(ids: set[int] | None, small: bool) -> list[tuple[int, int, str]]:
    rows = Relationship.objects.filter(superseded_at__isnull=True, kind__in=list(_KIN))
    if small and ids is not None:
        rows = rows.filter(person_id__in=ids)
    return list(rows.values_list("person_id", "relative_id", "kind"))


def _findings(ids: set[int] | None) -> dict[int, list[FearFinding]]:
    rows = FearScreening.objects.filter(record__assignments__superseded_at__isnull=True)
    if ids is not None:
        rows = rows.filter(record__assignments__person_id__in=ids)
    found: dict[int, list[FearFinding]] = defaultdict(list)
    for person_id, kind, on, determination, review in rows.values_list(
        "record__assignments__person_id", "kind", "interviewed_on", "determination", "ij_review"
    ).order_by("record__assignments__person_id", "interviewed_on", "id"):
        found[person_id].append(
            FearFinding(kind, on, _determination(determination), _review(review))
        )
    return found


def _custody(ids: set[int] | None) -> dict[int, _Custody]:
    kinds = [
        CustodyEventKind.APPREHENDED,
        CustodyEventKind.ICE_BOOK_IN,
        CustodyEventKind.ICE_BOOK_OUT,
        CustodyEventKind.REMOVED,
        CustodyEventKind.ORR_REFERRED,
        CustodyEventKind.ORR_DISCHARGED,
    ]
    rows = CustodyEvent.objects.filter(
        record__assignments__superseded_at__isnull=True, kind__in=kinds
    )
    if ids is not None:
        rows = rows.filter(record__assignments__person_id__in=ids)
    custody: dict[int, _Custody] = defaultdict(_Custody)
    for person_id, kind, on, detail in rows.values_list(
        "record__assignments__person_id", "kind", "occurred_on", "detail"
    ):
        state = custody[person_id]
        if kind == CustodyEventKind.APPREHENDED:
            state.apprehended.append(detail)
        elif kind == CustodyEventKind.ICE_BOOK_IN:
            state.ice_book_in = True
            state.last_book_in = max(on, state.last_book_in) if state.last_book_in else on
        elif kind == CustodyEventKind.ICE_BOOK_OUT:
            state.last_book_out = max(on, state.last_book_out) if state.last_book_out else on
        elif kind == CustodyEventKind.REMOVED:
            state.removed_on = max(on, state.removed_on) if state.removed_on else on
        elif kind == CustodyEventKind.ORR_REFERRED:
            state.orr_referred = True
        else:
            latest = state.orr_discharged_on
            state.orr_discharged_on = max(on, latest) if latest else on
    return custody


def _recorded(ids: set[int] | None) -> dict[int, dict[str, str]]:
    rows = RecordedFact.objects.filter(superseded_at__isnull=True)
    if ids is not None:
        rows = rows.filter(person_id__in=ids)
    recorded: dict[int, dict[str, str]] = defaultdict(dict)
    for person_id, kind, value in rows.values_list("person_id", "kind", "value"):
        recorded[person_id][kind] = value
    return recorded


def _returned_on(value: str | None) -> date | None:
    """The date recorded when a removed parent came back (issue 8's return process)."""
    return date.fromisoformat(value) if value else None


def _elections(ids: set[int] | None) -> dict[int, Election]:
    rows = ElectionRecord.objects.filter(superseded_at__isnull=True)
    if ids is not None:
        rows = rows.filter(person_id__in=ids)
    return {pk: Election(choice) for pk, choice in rows.values_list("person_id", "choice")}


def _separation_signals(ids: set[int] | None) -> set[int]:
    """Children whose ORR referral is flagged separated or names a parent (the same
    reading that put them in M.M.M. provisionally)."""
    rows = SourceRecord.objects.filter(
        source=Source.ORR.value, assignments__superseded_at__isnull=True
    )
    if ids is not None:
        rows = rows.filter(assignments__person_id__in=ids)
    return {
        pk
        for pk, fields in rows.values_list("assignments__person_id", "fields")
        if any(case == CaseCode.MMM for case, _basis in provisional_cases(Source.ORR, fields))
    }


def people_in_scope(person_ids: Collection[int] | None) -> list[tuple[int, date | None]]:
    people = Person.objects.filter(merged_into__isnull=True).order_by("id")
    if person_ids is not None and len(person_ids) < _FILTER_BELOW:
        return list(people.filter(id__in=list(person_ids)).values_list("id", "dob"))
    rows = list(people.values_list("id", "dob"))
    if person_ids is None:
        return rows
    wanted = set(person_ids)
    return [row for row in rows if row[0] in wanted]


def relatives_of(person_ids: Iterable[int]) -> set[int]:
    """The people linked to these by a current separation or relationship: a fact
    about one side of a link can change the other side's answer."""
    ids = set(person_ids)
    related: set[int] = set()
    for parent, child, *_rest in _separations(ids, small=True):
        related.update((parent, child))
    for person, relative, _kind in _relationships(ids, small=True):
        related.update((person, relative))
    rows = Relationship.objects.filter(superseded_at__isnull=True, relative_id__in=ids)
    related.update(rows.values_list("person_id", flat=True))
    return related | ids


def build_facts(person_ids: Collection[int] | None = None) -> Iterator[PersonFacts]:
    """Facts for these people (all current people when None), in id order."""
    people = people_in_scope(person_ids)
    ids = {pk for pk, _ in people}
    small = person_ids is not None and len(ids) < _FILTER_BELOW
    separations = _separations(ids, small)
    relationships = _relationships(ids, small)
    # Relatives' findings, removals and custody are facts of a link, so read them too.
    linked: set[int] = set(ids)
    for parent, child, *_ in separations:
        linked.update((parent, child))
    for person, relative, _ in relationships:
        linked.update((person, relative))
    wanted = linked if small else None
    # Dates of birth already read for the people in scope; only relatives outside it
    # are read again.
    dob: dict[int, date | None] = dict(people)
    outside = sorted(linked - dob.keys())
    for start in range(0, len(outside), _FILTER_BELOW):
        part = outside[start : start + _FILTER_BELOW]
        dob.update(Person.objects.filter(id__in=part).values_list("id", "dob"))
    findings = _findings(wanted)
    custody = _custody(wanted)
    recorded = _recorded(ids if small else None)
    elections = _elections(ids if small else None)
    signals = _separation_signals(ids if small else None)
    links: dict[int, list[Link]] = defaultdict(list)
    empty = _Custody()
    for parent, child, separated_on, reunified_on, status in separations:
        child_custody = custody.get(child, empty)
        confirmed = status == SeparationStatus.CONFIRMED
        for holder, other, role, other_findings, other_removed in (
            (parent, child, Role.ADULT, findings.get(child, ()), child_custody.removed_on),
            (
                child,
                parent,
                Role.CHILD,
                findings.get(parent, ()),
                custody.get(parent, empty).removed_on,
            ),
        ):
            links[holder].append(
                Link(
                    other_id=str(other),
                    role=role,
                    kin=Kin.PARENT,
                    confirmed=confirmed,
                    separated_on=separated_on,
                    child_dob=dob.get(child),
                    reunified_on=reunified_on,
                    child_custody_known=child_custody.orr_referred,
                    child_custody_ended_on=child_custody.orr_discharged_on,
                    other_fear_findings=tuple(other_findings),
                    other_removed_on=other_removed,
                )
            )
    for adult, child, kind in relationships:
        links[adult].append(Link(str(child), Role.ADULT, _KIN[kind], True, None, dob.get(child)))
    for pk, born in people:
        state = custody.get(pk, empty)
        facts_recorded = recorded.get(pk, {})
        exclusion = facts_recorded.get(FactKind.EXCLUSION)
        claim = facts_recorded.get(FactKind.OWN_CLAIM)
        yield PersonFacts(
            person_id=str(pk),
            dob=born,
            detained_by_dhs=state.detained(),
            removed_on=state.removed_on,
            returned_on=_returned_on(facts_recorded.get(FactKind.RETURNED)),
            fear_findings=tuple(findings.get(pk, ())),
            links=tuple(sorted(links.get(pk, ()), key=lambda link: (link.other_id, link.role))),
            # "NONE" records that an earlier determination was withdrawn.
            exclusion_codes=frozenset({exclusion})
            if exclusion and exclusion != "NONE"
            else frozenset(),
            independent_claim=None if claim is None else claim == "yes",
            election=elections.get(pk),
            in_detention=state.held_now(),
            separation_signal=pk in signals,
        )
