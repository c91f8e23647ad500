"""The rules an election must meet before it is written, as one function that
names every problem at once (so a form can show them all).

Each problem names the form field it is about, or None for the whole form.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from amparo.apps.core.files import UploadRefused, upload_check
from amparo.apps.elections.models import (
    SELF_SIGNATURE_MIN_AGE,
    ElectionChoice,
    ElectionSource,
    LanguageMatch,
    SignerKind,
)
from amparo.engines.extracts import normalise_language


@dataclass(frozen=True, slots=True)
class Problem:
    field: str | None
    message: str


@dataclass(frozen=True, slots=True)
class ElectionFacts:
    """What the form says, as entered."""

    choice: str
    source: str
    read_by: str
    read_language: str
    read_on: date
    language_understood: bool
    signed_on: date
    signer_kind: str
    signer_name: str
    lacks_capacity: bool
    stated_14_or_older: bool
    waiver_attested: bool
    scan: bytes | None


@dataclass(frozen=True, slots=True)
class MemberFacts:
    """What the registry says about the member, and who is recording."""

    language: str
    dob: date | None
    today: date
    may_enter_directly: bool


def age_on(dob: date, day: date) -> int:
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


def language_match(*, read_language: str, member_language: str) -> LanguageMatch:
    """Compare canonical names, so "Quiche" and "K'iche'" are one language."""
    recorded = normalise_language(member_language)
    if recorded is None:
        return LanguageMatch.UNKNOWN
    read = normalise_language(read_language) or ""
    return LanguageMatch.MATCH if read.casefold() == recorded.casefold() else LanguageMatch.MISMATCH


def election_problems(facts: ElectionFacts, member: MemberFacts) -> list[Problem]:
    problems: list[Problem] = []
    problems += _choice_problems(facts, member)
    problems += _reading_problems(facts, member)
    problems += _signature_problems(facts, member)
    problems += _scan_problems(facts, member)
    return problems


def _choice_problems(facts: ElectionFacts, member: MemberFacts) -> list[Problem]:
    problems: list[Problem] = []
    if facts.choice not in ElectionChoice.values:
        problems.append(Problem("choice", _("Choose whether the member stays or waives.")))
    elif facts.choice == ElectionChoice.WAIVE and not facts.waiver_attested:
        problems.append(
            Problem(
                "waiver_attested",
                _(
                    "A waiver must be made knowingly and voluntarily: confirm that the member "
                    "made it so, or record the election as stay."
                ),
            )
        )
    if facts.source not in ElectionSource.values:
        problems.append(Problem("source", _("Say whether this is a paper form or direct entry.")))
    elif facts.source == ElectionSource.COUNSEL and not member.may_enter_directly:
        problems.append(
            Problem(
                "source",
                _(
                    "Only class counsel may enter an election without the paper form: "
                    "attach the scan of the signed form."
                ),
            )
        )
    return problems


def _reading_problems(facts: ElectionFacts, member: MemberFacts) -> list[Problem]:
    problems: list[Problem] = []
    if not facts.read_by:
        problems.append(Problem("read_by", _("Name the person who read the form to the member.")))
    if not facts.read_language:
        problems.append(Problem("read_language", _("Name the language the form was read in.")))
    if facts.read_on > member.today:
        problems.append(Problem("read_on", _("The form cannot have been read on a future date.")))
    if facts.read_on > facts.signed_on:
        problems.append(
            Problem(
                "read_on",
                _(
                    "The form is read to the member before it is signed: it was read on "
                    "%(read)s and signed on %(signed)s."
                )
                % {"read": facts.read_on.isoformat(), "signed": facts.signed_on.isoformat()},
            )
        )
    if facts.read_language and not facts.language_understood:
        match = language_match(read_language=facts.read_language, member_language=member.language)
        if match == LanguageMatch.MISMATCH:
            problems.append(
                Problem(
                    "language_understood",
                    _(
                        "The form was read in %(read)s but the member's language on record is "
                        "%(recorded)s: confirm that the member understands %(read)s."
                    )
                    % {"read": facts.read_language, "recorded": member.language},
                )
            )
        elif match == LanguageMatch.UNKNOWN:
            problems.append(
                Problem(
                    "language_understood",
                    _(
                        "No language is on record for the member: confirm that the member "
                        "understands %(read)s."
                    )
                    % {"read": facts.read_language},
                )
            )
    return problems


def _signature_problems(facts: ElectionFacts, member: MemberFacts) -> list[Problem]:
    problems: list[Problem] = []
    if facts.signed_on > member.today:
        problems.append(
            Problem("signed_on", _("The form cannot have been signed on a future date."))
        )
    if not facts.signer_name:
        problems.append(Problem("signer_name", _("Name the person who signed the form.")))
    if facts.signer_kind not in SignerKind.values:
        problems.append(Problem("signer_kind", _("Say who signed the form.")))
        return problems
    by_self = facts.signer_kind == SignerKind.SELF
    if member.dob is not None and facts.signed_on < member.dob:
        problems.append(
            Problem(
                "signed_on",
                _("The signing date is before the member's date of birth (%(dob)s).")
                % {"dob": member.dob.isoformat()},
            )
        )
        return problems
    age = age_on(member.dob, facts.signed_on) if member.dob is not None else None
    if by_self and facts.lacks_capacity:
        problems.append(
            Problem(
                "signer_kind",
                _(
                    "The member lacks capacity: a parent or legal representative signs for "
                    "them, not the member."
                ),
            )
        )
    if by_self and age is not None and age < SELF_SIGNATURE_MIN_AGE:
        problems.append(
            Problem(
                "signer_kind",
                _(
                    "The member was %(age)s on the signing date: a parent or legal "
                    "representative signs for a member under 14."
                )
                % {"age": age},
            )
        )
    if by_self and age is None and not facts.stated_14_or_older:
        problems.append(
            Problem(
                "stated_14_or_older",
                _(
                    "The member's date of birth is unknown: either a parent or legal "
                    "representative signs, or the signer states that the member is 14 or older."
                ),
            )
        )
    if (
        not by_self
        and age is not None
        and age >= SELF_SIGNATURE_MIN_AGE
        and not facts.lacks_capacity
    ):
        problems.append(
            Problem(
                "signer_kind",
                _(
                    "The member was %(age)s on the signing date and is not recorded as lacking "
                    "capacity: the member signs their own form."
                )
                % {"age": age},
            )
        )
    return problems


def _scan_problems(facts: ElectionFacts, member: MemberFacts) -> list[Problem]:
    if facts.scan is None:
        if facts.source == ElectionSource.PAPER:
            return [Problem("scan", _("A paper form needs the scan of the signed form."))]
        return []
    # The one upload check (core/files.py): size, then the kind by the file's bytes.
    try:
        upload_check(facts.scan)
    except UploadRefused as refusal:
        return [Problem("scan", str(refusal))]
    return []


def scan_too_large(limit: int) -> Problem:
    return Problem(
        "scan",
        _("The scan is larger than %(megabytes)s MB.") % {"megabytes": limit // (1024 * 1024)},
    )
