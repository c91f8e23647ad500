"""What the registry reads out of one normalised source record.

Plain functions over a record's normalised fields, so the import service and
any later re-derivation agree on what a row means.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from amparo.apps.core.cases import CaseCode
from amparo.apps.registry.models import CustodyEventKind
from amparo.engines.extracts.spec import Source

Fields = Mapping[str, str | None]

PROVISIONAL_CASE_RULESET = "provisional-case-v1"


@dataclass(frozen=True, slots=True)
class CustodyFact:
    kind: CustodyEventKind
    occurred_on: str
    place: str
    detail: str


def _get(fields: Fields, key: str) -> str:
    return fields.get(key) or ""


def custody_facts(source: Source, fields: Fields) -> Iterator[CustodyFact]:
    if source is Source.CBP and fields.get("apprehended_on"):
        yield CustodyFact(
            CustodyEventKind.APPREHENDED,
            _get(fields, "apprehended_on"),
            _get(fields, "sector"),
            _get(fields, "disposition"),
        )
    elif source is Source.ORR:
        if fields.get("referred_on"):
            yield CustodyFact(
                CustodyEventKind.ORR_REFERRED,
                _get(fields, "referred_on"),
                _get(fields, "shelter"),
                _get(fields, "referred_by"),
            )
        if fields.get("discharged_on"):
            yield CustodyFact(
                CustodyEventKind.ORR_DISCHARGED,
                _get(fields, "discharged_on"),
                _get(fields, "shelter"),
                _get(fields, "discharge_type"),
            )
    elif source is Source.ICE:
        if fields.get("book_in_on"):
            yield CustodyFact(
                CustodyEventKind.ICE_BOOK_IN,
                _get(fields, "book_in_on"),
                _get(fields, "facility"),
                "",
            )
        if fields.get("book_out_on"):
            reason = _get(fields, "book_out_reason")
            yield CustodyFact(
                CustodyEventKind.ICE_BOOK_OUT,
                _get(fields, "book_out_on"),
                _get(fields, "facility"),
                reason,
            )
            if reason == "REMOVED":
                yield CustodyFact(
                    CustodyEventKind.REMOVED,
                    _get(fields, "book_out_on"),
                    _get(fields, "removed_to"),
                    "",
                )


def provisional_cases(source: Source, fields: Fields) -> Iterator[tuple[CaseCode, str]]:
    """Which case's counsel should see this record's person until the
    eligibility engine decides class membership. Deliberately generous: a
    counsel who sees a non-member is corrected later; one who never sees a
    member cannot help them."""
    disposition = fields.get("disposition")
    if source is Source.CBP and disposition == "ORR_TRANSFER":
        yield CaseCode.MMM, "CBP sent the person to ORR as unaccompanied"
    if (
        source is Source.CBP
        and disposition in {"PROSECUTION", "ICE_ADULT"}
        and fields.get("relationship") in {"HEAD", "SPOUSE"}
    ):
        yield CaseCode.MS_L, "adult of a family unit held apart from it at apprehension"
    if source is Source.ORR and (
        fields.get("separated") == "Y" or fields.get("parent_name_reported")
    ):
        yield CaseCode.MMM, "ORR referral flagged as separated or naming a parent"
    if source is Source.USCIS and fields.get("determination") == "NEGATIVE":
        yield CaseCode.DORA, "negative fear determination on record"


@dataclass(frozen=True, slots=True)
class PersonSummary:
    given_names: str
    surnames: str
    name_key: str
    dob: str | None
    sex: str
    citizenship: str
    language: str
    a_number: str


def person_summary(fields: Fields) -> PersonSummary:
    name_key = " ".join(
        p for p in (_get(fields, "given_names_key"), _get(fields, "surnames_key")) if p
    )
    return PersonSummary(
        given_names=_get(fields, "given_names")[:200],
        surnames=_get(fields, "surnames")[:200],
        name_key=name_key[:400],
        dob=fields.get("dob"),
        sex=_get(fields, "sex"),
        citizenship=_get(fields, "citizenship")[:60],
        language=_get(fields, "language")[:60],
        a_number=_get(fields, "a_number"),
    )


def _most_common(values: list[str]) -> str:
    """The value most records agree on; ties go to the first seen (the
    records come sorted by source and id, so the choice is stable)."""
    counts: dict[str, int] = {}
    for value in values:
        if value:
            counts[value] = counts.get(value, 0) + 1
    return max(counts, key=lambda v: counts[v]) if counts else ""


def summarise_records(all_fields: list[Fields]) -> PersonSummary:
    """A person's summary from all their records: per field, the value most
    records agree on."""
    summaries = [person_summary(fields) for fields in all_fields]
    dob = _most_common([s.dob or "" for s in summaries])
    return PersonSummary(
        given_names=_most_common([s.given_names for s in summaries]),
        surnames=_most_common([s.surnames for s in summaries]),
        name_key=_most_common([s.name_key for s in summaries]),
        dob=dob or None,
        sex=_most_common([s.sex for s in summaries]),
        citizenship=_most_common([s.citizenship for s in summaries]),
        language=_most_common([s.language for s in summaries]),
        a_number=_most_common([s.a_number for s in summaries]),
    )
