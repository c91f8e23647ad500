"""Each agency's rows for a family, written the way that agency writes things."""

from __future__ import annotations

from dataclasses import dataclass
from random import Random
from typing import Final

from amparo.engines.extracts.spec import CODE_LISTS, SPECS, Problem, Source
from amparo.engines.synth.lives import Adult, Child, Family, Fear, Person, Stay
from amparo.engines.synth.noise import (
    date_style,
    format_date,
    mistype_digit,
    observed_dob,
    observed_name,
    recase,
    render_a_number,
    reported_parent,
    split_given,
    strip_accents,
)
from amparo.engines.synth.places import (
    MAYAN_LANGUAGES,
    SEPARATION_REASONS,
    SPANISH,
    country_spelling,
    language_spelling,
    spelling,
)

# Share of ISO dates per agency; the rest are M/D/YYYY.
_ISO_SHARE: Final = {Source.CBP: 0.3, Source.ICE: 0.85, Source.ORR: 0.4, Source.USCIS: 0.9}
_CODE_COLUMNS: Final = {
    source: tuple(column for (src, column) in CODE_LISTS if src == source) for source in Source
}


@dataclass(slots=True)
class Line:
    """One extract row and the person it truly describes (None: it describes no one)."""

    row: dict[str, str]
    person_id: str | None
    problem: Problem | None = None


class IdMint:
    """Record ids that look like an agency's: a prefix and random, never repeated, digits."""

    def __init__(self, rng: Random, prefix: str, digits: int) -> None:
        self._rng = rng
        self._prefix = prefix
        self._low = 10 ** (digits - 1)
        self._high = 10**digits - 1
        self._used: set[int] = set()

    def __call__(self) -> str:
        while True:
            number = self._rng.randint(self._low, self._high)
            if number not in self._used:
                self._used.add(number)
                return f"{self._prefix}{number}"


def id_mints(rng: Random) -> dict[Source, IdMint]:
    return {
        Source.CBP: IdMint(rng, "E", 10),
        Source.ICE: IdMint(rng, "I", 9),
        Source.ORR: IdMint(rng, "ORR-", 8),
        Source.USCIS: IdMint(rng, "FC", 9),
    }


class Renderer:
    """Turns true lives into extract lines, appending to `lines` per source."""

    def __init__(self, rng: Random, mints: dict[Source, IdMint], unit_mint: IdMint) -> None:
        self._rng = rng
        self._mints = mints
        self._unit_mint = unit_mint
        self.lines: dict[Source, list[Line]] = {source: [] for source in Source}

    def render(self, family: Family) -> None:
        self._cbp(family)
        members: list[Adult | Child] = [*family.adults, *family.children]
        for member in members:
            for stay in member.stays:
                self._emit(Source.ICE, member.person, self._ice(member.person, stay))
        for child in family.children:
            if child.referred_on is not None:
                self._emit(Source.ORR, child.person, self._orr(family, child))
        for adult in family.adults:
            if adult.fear is not None:
                self._emit(Source.USCIS, adult.person, self._uscis(adult.person, adult.fear))

    def _emit(self, source: Source, person: Person, values: dict[str, str]) -> None:
        rng = self._rng
        spec = SPECS[source]
        values[spec.id_column] = self._mints[source]()
        row = {column: values.get(column, "") for column in spec.columns}
        if rng.random() < 0.01:
            # Whitespace around a value: insignificant, but present in real exports.
            filled = [c for c in spec.columns if row[c] and c != spec.id_column]
            column = rng.choice(filled)
            row[column] = f" {row[column]} "
        codes = [c for c in _CODE_COLUMNS[source] if row[c]]
        if codes and rng.random() < 0.01:
            column = rng.choice(codes)
            row[column] = row[column].lower()
        self.lines[source].append(Line(row, person.person_id))

    def _a_number(self, person: Person, *, blank: float) -> str:
        rng = self._rng
        if rng.random() < blank:
            return ""
        digits = person.a_number
        if rng.random() < 0.015:
            digits = mistype_digit(rng, digits)
        return render_a_number(rng, digits)

    def _dob(self, person: Person, style: str) -> str:
        return format_date(observed_dob(self._rng, person.dob), style)

    def _cbp(self, family: Family) -> None:
        rng = self._rng
        unit_id = self._unit_mint() if family.unit_kept != "none" else ""
        for adult in family.adults:
            kept = unit_id if family.unit_kept in ("all", "adults") else ""
            self._emit(Source.CBP, adult.person, self._cbp_row(family, adult, kept))
            if adult.prior_apprehension is not None:
                earlier = self._cbp_row(family, adult, "")
                earlier |= {"relationship": "", "disposition": "RETURNED", "separation_reason": ""}
                earlier["apprehended_on"] = format_date(
                    adult.prior_apprehension, date_style(rng, _ISO_SHARE[Source.CBP])
                )
                self._emit(Source.CBP, adult.person, earlier)
        for child in family.children:
            kept = unit_id if family.unit_kept == "all" else ""
            self._emit(Source.CBP, child.person, self._cbp_row(family, child, kept))

    def _cbp_row(self, family: Family, member: Adult | Child, unit_id: str) -> dict[str, str]:
        rng = self._rng
        person = member.person
        is_child = isinstance(member, Child)
        style = date_style(rng, _ISO_SHARE[Source.CBP])
        given, family_name = observed_name(rng, person.given, person.surnames, accents=0.35)
        first, middle = split_given(rng, given)
        upper = 0.65
        language = person.language
        if language in MAYAN_LANGUAGES and rng.random() < 0.4:
            # Booking agents often wrote down Spanish for Mayan-language speakers.
            language = SPANISH
        role = member.unit_role
        if (not unit_id and rng.random() < 0.6) or rng.random() < 0.03:
            role = ""
        # Separation reasons were typed for some separations only, and now and then for
        # families that were never separated.
        chance = (0.35 if is_child else 0.4) if family.separated else 0.02
        reason = rng.choice(SEPARATION_REASONS) if rng.random() < chance else ""
        return {
            "apprehended_on": format_date(family.apprehended_on, style),
            "sector": spelling(rng, family.sector),
            "family_unit_id": unit_id,
            "a_number": self._a_number(person, blank=0.55 if is_child else 0.03),
            "first_name": recase(rng, first, upper=upper),
            "middle_name": recase(rng, middle, upper=upper),
            "last_name": recase(rng, family_name, upper=upper),
            "dob": self._dob(person, style),
            "sex": person.sex if rng.random() >= 0.01 else "",
            "citizenship": country_spelling(rng, person.country),
            "language": language_spelling(rng, language),
            "relationship": role,
            "disposition": member.disposition,
            "separation_reason": reason,
        }

    def _ice(self, person: Person, stay: Stay) -> dict[str, str]:
        rng = self._rng
        style = date_style(rng, _ISO_SHARE[Source.ICE])
        given, family_name = observed_name(rng, person.given, person.surnames, accents=0.15)
        full_name = f"{family_name}, {given}".upper()
        return {
            "a_number": self._a_number(person, blank=0.01),
            "full_name": full_name if rng.random() < 0.5 else strip_accents(full_name),
            "dob": self._dob(person, style),
            "sex": person.sex,
            "citizenship": country_spelling(rng, person.country),
            "facility": stay.facility,
            "book_in_on": format_date(stay.book_in, style),
            "book_out_on": format_date(stay.book_out, style),
            "book_out_reason": stay.reason,
            "removed_to": country_spelling(rng, stay.removed_to) if stay.removed_to else "",
        }

    def _orr(self, family: Family, child: Child) -> dict[str, str]:
        rng = self._rng
        person = child.person
        style = date_style(rng, _ISO_SHARE[Source.ORR])
        given, family_name = observed_name(rng, person.given, person.surnames, accents=0.6)
        a_number = self._a_number(person, blank=0.08)
        parent_a_number = ""
        reported = ""
        if family.adults:
            head = family.adults[0]
            if rng.random() < 0.03:
                # The parent's A-number typed into the child's file.
                a_number = self._a_number(head.person, blank=0.0)
            if rng.random() < 0.1:
                parent_a_number = self._a_number(head.person, blank=0.0)
            hp = head.person
            reported = reported_parent(rng, hp.given, hp.surnames, hp.sex, head.relationship)
        elif child.absent_parent is not None:
            reported = reported_parent(rng, *child.absent_parent, "PARENT")
        return {
            "a_number": a_number,
            "first_name": given,
            "last_name": family_name,
            "dob": self._dob(person, style),
            "sex": person.sex,
            "citizenship": country_spelling(rng, person.country),
            "referred_on": format_date(child.referred_on, style),
            "referred_by": child.referred_by,
            "separated": child.orr_flag,
            "parent_name_reported": reported,
            "parent_a_number_reported": parent_a_number,
            "shelter": child.shelter,
            "discharged_on": format_date(child.discharged_on, style),
            "discharge_type": child.discharge_type,
        }

    def _uscis(self, person: Person, fear: Fear) -> dict[str, str]:
        rng = self._rng
        style = date_style(rng, _ISO_SHARE[Source.USCIS])
        given, family_name = observed_name(rng, person.given, person.surnames, accents=0.6)
        return {
            "a_number": self._a_number(person, blank=0.02),
            "given_name": given,
            "family_name": family_name,
            "dob": self._dob(person, style),
            "citizenship": country_spelling(rng, person.country),
            "kind": fear.kind,
            "interviewed_on": format_date(fear.on, style),
            "language": language_spelling(rng, person.language),
            "interpreter_language": language_spelling(rng, fear.interpreter),
            "counsel_present": "Y" if fear.counsel else "N",
            "determination": fear.determination,
            "ij_review": fear.ij_review,
        }
