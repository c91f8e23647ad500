"""Recording elections: every rule checked first, then one transaction that
supersedes the current election, stores the scan, routes the election to
class counsel and appends the audit event. A refusal writes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID, uuid4

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.apps.accounts.models import User
from amparo.apps.accounts.roles import enters_elections_directly, records_elections
from amparo.apps.audit.services import audit_record
from amparo.apps.core.edits import NEW, STALE_EDIT, is_stale
from amparo.apps.core.text import one_line
from amparo.apps.elections.checks import (
    ElectionFacts,
    MemberFacts,
    Problem,
    age_on,
    election_problems,
    language_match,
)
from amparo.apps.elections.models import (
    Election,
    ElectionChoice,
    ElectionRoute,
    ElectionSource,
    SignerKind,
)
from amparo.apps.elections.scans import (
    scan_discard,
    scan_kind,
    scan_relative_path,
    scan_write,
)
from amparo.apps.elections.selectors import counsel_organisations_for
from amparo.apps.eligibility.models import PersonEligibility, RunTrigger
from amparo.apps.eligibility.services import eligibility_recompute
from amparo.apps.registry.models import Person, PersonCase
from amparo.apps.registry.selectors import people_visible_to

MAX_TEXT = 200


class ElectionRefused(Exception):
    """The election breaks a rule; `problems` names each one (and its form field)."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(" ".join(p.message for p in self.problems))


@dataclass(frozen=True, slots=True)
class ScanUpload:
    filename: str
    data: bytes


def _clean(text: str, limit: int = MAX_TEXT) -> str:
    return one_line(text, limit)


def election_record(
    *,
    actor: User,
    person: Person,
    choice: ElectionChoice | str,
    source: ElectionSource | str,
    read_by: str,
    read_language: str,
    read_on: date,
    signed_on: date,
    signer_kind: SignerKind | str,
    signer_name: str,
    language_understood: bool = False,
    lacks_capacity: bool = False,
    stated_14_or_older: bool = False,
    waiver_attested: bool = False,
    scan: ScanUpload | None = None,
    note: str = "",
    seen: str | None = None,
) -> Election:
    """Record `person`'s election (superseding the current one), or refuse and
    write nothing. `seen` is `election_edit_token` as the form showed it: if another
    election was recorded since, this one is refused, never laid over it unseen."""
    facts = ElectionFacts(
        choice=str(choice),
        source=str(source),
        read_by=_clean(read_by),
        read_language=_clean(read_language, 60),
        read_on=read_on,
        language_understood=language_understood,
        signed_on=signed_on,
        signer_kind=str(signer_kind),
        signer_name=_clean(signer_name),
        lacks_capacity=lacks_capacity,
        stated_14_or_older=stated_14_or_older,
        waiver_attested=waiver_attested,
        scan=scan.data if scan is not None else None,
    )
    public_id = uuid4()
    stored: list[str] = []
    try:
        # The election and the answers it moves are written together, or neither is.
        with transaction.atomic():
            election = _record(
                actor=actor,
                person=person,
                facts=facts,
                scan_name=_clean(scan.filename, 255) if scan is not None else "",
                note=note.replace("\x00", "").strip(),
                public_id=public_id,
                stored=stored,
                seen=seen,
            )
            # What the member chose decides whether the procedures go ahead: recompute
            # their answers now, if eligibility has decided them (a first run reads it).
            if PersonEligibility.objects.filter(person=person, superseded_at__isnull=True).exists():
                eligibility_recompute(
                    actor=actor,
                    trigger=RunTrigger.ELECTION,
                    reason=f"election recorded: {election.choice}",
                    person_ids={person.pk},
                )
    except BaseException:
        # The rows rolled back; the scan written for them goes too.
        for relative in stored:
            scan_discard(relative)
        raise
    return election


def election_edit_token(person: Person) -> str:
    """The election in force as a form shows it (see `election_record`'s `seen`)."""
    current = (
        Election.objects.filter(person=person, superseded_at__isnull=True)
        .values_list("public_id", flat=True)
        .first()
    )
    return NEW if current is None else str(current)


def _lock_member(actor: User, person: Person) -> tuple[Person, list[str]]:
    refused = ElectionRefused([Problem(None, _("You may not record an election for this person."))])
    if not records_elections(actor):
        raise refused
    if not people_visible_to(actor).filter(pk=person.pk).exists():
        raise refused
    # One writer per member at a time: two forms at once cannot both be current.
    locked = Person.objects.select_for_update().get(pk=person.pk)
    if locked.merged_into_id is not None:
        raise ElectionRefused(
            [
                Problem(
                    None,
                    _(
                        "This file was merged into another person's: record the election "
                        "on that person's file."
                    ),
                )
            ]
        )
    cases = sorted(
        set(PersonCase.objects.filter(person=locked).values_list("case_code", flat=True))
    )
    if not cases:
        raise ElectionRefused(
            [
                Problem(
                    None,
                    _(
                        "This person is not a class member (no case on file): an election "
                        "cannot be recorded for them."
                    ),
                )
            ]
        )
    return locked, cases


def _record(
    *,
    actor: User,
    person: Person,
    facts: ElectionFacts,
    scan_name: str,
    note: str,
    public_id: UUID,
    stored: list[str],
    seen: str | None,
) -> Election:
    with transaction.atomic():
        member, cases = _lock_member(actor, person)
        if is_stale(seen, election_edit_token(member)):
            raise ElectionRefused([Problem(None, str(STALE_EDIT))])
        problems = election_problems(
            facts,
            MemberFacts(
                language=member.language,
                dob=member.dob,
                today=timezone.localdate(),
                may_enter_directly=enters_elections_directly(actor),
            ),
        )
        if problems:
            raise ElectionRefused(problems)
        now = timezone.now()
        previous = Election.objects.filter(person=member, superseded_at__isnull=True).first()
        if previous is not None:
            previous.superseded_at = now
            previous.save(update_fields=["superseded_at"])
        scan = _store_scan(facts.scan, name=str(public_id), original_name=scan_name, stored=stored)
        election = Election.objects.create(
            public_id=public_id,
            person=member,
            choice=facts.choice,
            source=facts.source,
            read_by=facts.read_by,
            read_language=facts.read_language,
            read_on=facts.read_on,
            member_language=member.language,
            language_match=language_match(
                read_language=facts.read_language, member_language=member.language
            ),
            language_understood_confirmed=facts.language_understood,
            signed_on=facts.signed_on,
            signer_kind=facts.signer_kind,
            signer_name=facts.signer_name,
            member_dob=member.dob,
            member_age_on_signing=age_on(member.dob, facts.signed_on) if member.dob else None,
            lacks_capacity=facts.lacks_capacity,
            stated_14_or_older=facts.stated_14_or_older,
            waiver_attested=facts.choice == ElectionChoice.WAIVE and facts.waiver_attested,
            cases=cases,
            note=note,
            recorded_by=actor,
            recorded_at=now,
            supersedes=previous,
            scan_path=scan.path,
            scan_sha256=scan.sha256,
            scan_size_bytes=scan.size_bytes,
            scan_content_type=scan.content_type,
            scan_original_name=scan.original_name,
        )
        routes = _route(election, cases, now)
        audit_record(
            actor=actor,
            action="election.record",
            object_type="election",
            object_id=str(election.public_id),
            reason=note,
            details={
                "person": str(member.public_id),
                "choice": election.choice,
                "source": election.source,
                "signer_kind": election.signer_kind,
                "language_match": election.language_match,
                "cases": cases,
                "routed_to": [
                    {"organisation_id": r.organisation_id, "case": r.case_code} for r in routes
                ],
                "supersedes": str(previous.public_id) if previous is not None else None,
                "scan_sha256": election.scan_sha256 or None,
            },
        )
    return election


@dataclass(frozen=True, slots=True)
class _StoredScan:
    path: str = ""
    sha256: str = ""
    size_bytes: int | None = None
    content_type: str = ""
    original_name: str = ""


def _store_scan(
    data: bytes | None, *, name: str, original_name: str, stored: list[str]
) -> _StoredScan:
    if data is None:
        return _StoredScan()
    kind = scan_kind(data)
    assert kind is not None  # election_problems refused any other content
    relative = scan_relative_path(name=name, kind=kind)
    # Noted before writing, so a failure part-way still removes the file.
    stored.append(relative)
    sha256 = scan_write(relative, data)
    return _StoredScan(relative, sha256, len(data), kind.content_type, original_name)


def _route(election: Election, cases: Sequence[str], now: datetime) -> list[ElectionRoute]:
    routes = [
        ElectionRoute(election=election, organisation=organisation, case_code=code, routed_at=now)
        for code in cases
        for organisation in counsel_organisations_for(code)
    ]
    return ElectionRoute.objects.bulk_create(routes)
