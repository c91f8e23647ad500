"""Eligibility recompute: the first full computation and the recompute after a rule
parameter change, for a registry of about 100,000 people, on SQLite and PostgreSQL.

Issue target: the recompute after a parameter change, 100,000 people, under 60 s on
2 cores, on both databases.

    .venv/bin/python bench/eligibility_recompute.py
    .venv/bin/python bench/eligibility_recompute.py --people 5000 --databases sqlite
    .venv/bin/python bench/eligibility_recompute.py --profile /tmp/eligibility-profile

--profile DIR runs both calls under cProfile with every SQL statement timed, and
writes DIR/<database>-first.{txt,pstats} and DIR/<database>-recompute.{txt,pstats}
(the times printed then include the profiler's overhead, about 1.5x).

What is measured, in a fresh process per database once the registry is built (the
build runs in a process of its own and its time is printed apart):

1. the first computation: `eligibility_recompute(actor=None, ...)` over everyone,
   nobody having an answer yet, so every person gets a row;
2. `rule_parameter_set(rule_id="ms_l.parent_class", name="window_start",
   value="2018-01-01", ...)`, which records the change and recomputes everyone.
   It computes as of today, so the first computation is as of today too: the people
   it changes are the parameter's doing, not the calendar's.

Printed per database: people, current separations, both wall-clock times, the people
the parameter changed, the run's own timings (EligibilityRun.timings: facts /
evaluate / write, for the first computation and the recompute), and the peak
resident memory of the measuring process (ru_maxrss, after 1 and after 2).

PostgreSQL: a scratch database (amparo_bench_elig_<pid>) is created through the
`postgres` database (AMPARO_BENCH_PG overrides the admin URL) and dropped afterwards
unless --keep. Autovacuum is off on the development server, so the bench runs ANALYZE
after the build and again after the first computation, as autovacuum would after
loads of this size; --no-analyze measures without (measured: about 1 s slower).

How the registry is built, and why
----------------------------------
Through the real pipeline (synthetic world -> import -> linkage, as core/demo.py
does), 100,000 current people need a 34,000-family world (224,000 extract rows),
which took 8.5 minutes to set up on SQLite alone (import 72 s, linkage 417 s, 2.6 GB
peak). That is too slow to repeat on both databases for every measurement, so this
bench writes the registry directly with the import's own bulk helpers
(registry.bulk: COPY on PostgreSQL, multi-row INSERT on SQLite): one import batch and
the source records, assignments, custody events, fear screenings, separations,
relationships, provisional cases and merged people that import and linkage would have
left, in the proportions measured on that 34,000-family world:

- families of one adult and 1-3 children (60/28/12 %), 70 % separated, 30 % kept
  together (family detention or released); 8 % of adults are not parents (aunt or
  uncle, grandparent, adult sibling, other: a Relationship of that kind, no
  Separation); 0.25 unaccompanied children per family;
- separations: 15 % before 2018 (the parameter moves these), 8 % January-April 5
  2018, the rest under zero tolerance; 96 % confirmed, 4 % in review; about 60 %
  reunified; parents held (prosecution or ICE adult) 97 %;
- custody events read from the records: Border Patrol dispositions, ICE book-in/out
  (reunified, released, removed 15 % of held separated parents, transferred), ORR
  referrals (CBP or ICE) and discharges (to the parent, a sponsor, aged out);
- fear screenings for 95 % of held separated parents, 90 % of parents in family
  detention and 15 % of those released: CF (RF for some removed), positive 65 %,
  negative 31 % (judge affirmed, vacated, or no review), closed 3.5 %;
- 1.5 % of people with a second Border Patrol or ICE record; about 30 % of records
  after each person's first were first given to a person whom linkage then merged
  (a merged Person and a superseded assignment, as linkage leaves them: about 36
  merged people per 100 current; the real world had 37);
- parent Relationship rows for every parent-child pair, the import's provisional
  cases (PersonCase), and a few recorded facts (exclusions for 0.5 % of separated
  parents, own claims for 1 % of separated children), which the real pipeline does
  not make but the facts read.

Checked against the real pipeline: the 34,000-family world (100,080 people, 37,708
separations), measured on SQLite with the same two calls, gave: first computation
19.1 s, recompute after the parameter change 12.9 s (facts 4.0, evaluate 7.7, write
0.5), 3,647 people changed, 515 MiB peak, ms_l_parent yes 23,203 -> 19,660; this
bench's registry of 100,000 gives 18.5 s, 12.8 s (4.1 / 7.7 / 0.4), 3,503 changed,
512 MiB, 21,727 -> 18,457; the other answers' counts are within a few percent but
for dora_parent yes (6,139 against 8,504: fewer negative fear findings here) and
ordinary_process yes (950 against 1,992). The registry has 219,577 records, 275,917
custody events and 29,809 fear screenings (real: 223,820, 274,539 and 33,225).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Final

ROOT: Final = Path(__file__).resolve().parent.parent
PG_ADMIN_URL: Final = os.environ.get(
    "AMPARO_BENCH_PG", "postgres://postgres@127.0.0.1:5432/postgres"
)

PARAMETER: Final = {"rule_id": "ms_l.parent_class", "name": "window_start", "value": "2018-01-01"}

WINDOW_START: Final = date(2017, 7, 1)
NEW_YEAR: Final = date(2018, 1, 1)
ZERO_TOLERANCE: Final = date(2018, 4, 6)
WINDOW_END: Final = date(2018, 6, 20)
REUNIFICATION_DEADLINE: Final = date(2018, 7, 26)
EXTRACTED_ON: Final = date(2018, 12, 31)

GIVEN_F: Final = (
    "María",
    "Elena",
    "Lucía",
    "Ana",
    "Rosa",
    "Carmen",
    "Gloria",
    "Marta",
    "Sandra",
    "Yesenia",
    "Glenda",
    "Dilcia",
    "Blanca",
    "Francisca",
    "Juana",
    "Isabel",
    "Estefany",
    "Milagro",
    "Karla",
    "Wendy",
    "Reina",
    "Sonia",
    "Lesly",
    "Evelyn",
)
GIVEN_M: Final = (
    "José",
    "Juan",
    "Carlos",
    "Luis",
    "Marvin",
    "Denis",
    "Edgar",
    "Walter",
    "Óscar",
    "Mario",
    "Jorge",
    "Santos",
    "Selvin",
    "Byron",
    "Wilmer",
    "Kevin",
    "Brayan",
    "Anderson",
    "Elmer",
    "Rigoberto",
    "Cristian",
    "Hugo",
    "Nery",
    "Efraín",
)
SURNAMES: Final = (
    "López",
    "García",
    "Hernández",
    "Pérez",
    "Martínez",
    "Rodríguez",
    "González",
    "Ramírez",
    "Cruz",
    "Flores",
    "Chun",
    "Batz",
    "Tuyuc",
    "Ixcoy",
    "Cumes",
    "Choc",
    "Xol",
    "Caal",
    "Pop",
    "Tzul",
    "Ajú",
    "Chávez",
    "Morales",
    "Mejía",
    "Reyes",
    "Barrios",
    "Aguilar",
    "Cardona",
    "Portillo",
    "Orellana",
    "Ventura",
    "Hernández",
    "Mendoza",
    "Zelaya",
    "Argueta",
    "Funes",
)
COUNTRIES: Final = (
    ("GTM", "GUATEMALA", 45),
    ("HND", "HONDURAS", 35),
    ("SLV", "EL SALVADOR", 15),
    ("MEX", "MEXICO", 3),
    ("ECU", "ECUADOR", 2),
)
LANGUAGES: Final = (("Spanish", 85), ("K'iche'", 6), ("Mam", 5), ("Q'eqchi'", 4))
SECTORS: Final = ("RGV", "ELP", "YUM", "SDC", "TCA", "LRT", "DRT", "EPT")
FACILITIES: Final = (
    "Port Isabel Service Processing Center",
    "Otay Mesa Detention Center",
    "El Paso Processing Center",
    "South Texas Family Residential Center",
    "Karnes County Residential Center",
    "Northwest Detention Center",
)
FAMILY_FACILITIES: Final = FACILITIES[3:5]
SHELTERS: Final = (
    "BCFS Raymondville",
    "Southwest Key Casa Padre",
    "Cayuga Centers",
    "Bethany Christian Services",
    "Lutheran Social Services",
    "Casa Guadalupe",
)
NON_PARENT_KIN: Final = (("aunt_uncle", 47), ("grandparent", 24), ("sibling", 24), ("other", 5))
EXCLUSIONS: Final = ("UNFIT", "DANGER", "CRIMINAL_HISTORY")


def _pick[T](rng: random.Random, weighted: tuple[tuple[T, int], ...]) -> T:
    return rng.choices([v for v, _ in weighted], [w for _, w in weighted])[0]


def _between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


def _us(day: date | None) -> str:
    return f"{day.month}/{day.day}/{day.year}" if day else ""


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def _key(text: str) -> str:
    table = str.maketrans("ÁÉÍÓÚÑáéíóúñ", "AEIOUNaeioun")
    return text.translate(table).replace("'", "").upper()


@dataclass(frozen=True, slots=True)
class Someone:
    given: str
    surnames: str
    dob: date | None
    sex: str
    country: str
    country_name: str
    language: str
    a_number: str


@dataclass(slots=True)
class Registry:
    """Rows to write, people and records by index into `people` and `records`."""

    people: list[Someone] = field(default_factory=list)
    # source, record id, raw, fields, person
    records: list[tuple[str, str, dict[str, str], dict[str, Any], int]] = field(
        default_factory=list
    )
    # record, kind, occurred on, place, detail
    custody: list[tuple[int, str, date, str, str]] = field(default_factory=list)
    # record, kind, interviewed on, language, interpreter, counsel, determination, review
    fear: list[tuple[int, str, date, str, str, bool | None, str, str]] = field(default_factory=list)
    # parent, child, separated on, reunified on, parent removed on, status, score, evidence
    separations: list[
        tuple[int, int, date | None, date | None, date | None, str, float, list[Any]]
    ] = field(default_factory=list)
    relationships: list[tuple[int, int, str]] = field(default_factory=list)
    cases: dict[tuple[int, str], str] = field(default_factory=dict)
    facts: list[tuple[int, str, str]] = field(default_factory=list)
    # records first given to a person linkage later merged into the record's person
    merged: list[int] = field(default_factory=list)


@dataclass(slots=True)
class Outcome:
    """What happened to the adult of a family, which the children's records follow."""

    book_out: date | None = None
    reason: str = ""
    removed_on: date | None = None


class Builder:
    """A registry of families in the proportions of a linked synthetic world."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.reg = Registry()
        self.serial = 0

    def _next(self) -> int:
        self.serial += 1
        return self.serial

    def build(self, people: int) -> Registry:
        while len(self.reg.people) < people:
            self.family()
            if self.rng.random() < 0.25:
                self.unaccompanied()
        self._merges()
        return self.reg

    # people and records

    def person(self, *, adult: bool, crossed: date, youngest_parent_age: int = 0) -> int:
        rng = self.rng
        sex = rng.choice("FM")
        given = rng.choice(GIVEN_F if sex == "F" else GIVEN_M)
        if rng.random() < 0.4:
            given += " " + rng.choice(GIVEN_F if sex == "F" else GIVEN_M)
        country, country_name = _pick(rng, tuple(((c, n), w) for c, n, w in COUNTRIES))
        if adult:
            age = rng.randint(max(19, youngest_parent_age), 55)
        else:
            age = rng.choices(range(18), [5] * 3 + [7] * 10 + [9] * 5)[0]
        dob = crossed - timedelta(days=age * 365 + rng.randint(0, 364))
        someone = Someone(
            given=given,
            surnames=f"{rng.choice(SURNAMES)} {rng.choice(SURNAMES)}",
            dob=None if rng.random() < 0.002 else dob,
            sex=sex,
            country=country,
            country_name=country_name,
            language=_pick(rng, LANGUAGES),
            a_number=str(200_000_000 + self._next()),
        )
        self.reg.people.append(someone)
        return len(self.reg.people) - 1

    def _record(self, source: str, record_id: str, who: int, raw: dict[str, str]) -> int:
        someone = self.reg.people[who]
        fields: dict[str, Any] = {k: (v.strip() or None) for k, v in raw.items()}
        fields.update(
            a_number=someone.a_number,
            dob=_iso(someone.dob) or None,
            citizenship=someone.country,
            given_names=someone.given,
            surnames=someone.surnames,
            given_names_key=_key(someone.given),
            surnames_key=_key(someone.surnames),
        )
        self.reg.records.append((source, record_id, raw, fields, who))
        return len(self.reg.records) - 1

    def cbp(
        self,
        who: int,
        on: date,
        *,
        sector: str,
        unit: str,
        relationship: str,
        disposition: str,
        reason: str = "",
    ) -> None:
        p = self.reg.people[who]
        given, _, middle = p.given.partition(" ")
        record = self._record(
            "cbp_apprehensions",
            f"E{self._next():010d}",
            who,
            {
                "event_id": "",
                "apprehended_on": _us(on),
                "sector": sector,
                "family_unit_id": unit,
                "a_number": f"A{p.a_number}",
                "first_name": given,
                "middle_name": middle,
                "last_name": p.surnames,
                "dob": _us(p.dob),
                "sex": p.sex,
                "citizenship": p.country_name,
                "language": p.language,
                "relationship": relationship,
                "disposition": disposition,
                "separation_reason": reason,
            },
        )
        self.reg.custody.append((record, "apprehended", on, sector, disposition))

    def ice(self, who: int, book_in: date, out: Outcome, *, family: bool = False) -> None:
        p = self.reg.people[who]
        facility = self.rng.choice(FAMILY_FACILITIES if family else FACILITIES)
        record = self._record(
            "ice_detention",
            f"I{self._next():09d}",
            who,
            {
                "ice_record_id": "",
                "a_number": p.a_number,
                "full_name": f"{p.surnames.upper()}, {p.given.upper()}",
                "dob": _iso(p.dob),
                "sex": p.sex,
                "citizenship": p.country_name,
                "facility": facility,
                "book_in_on": _iso(book_in),
                "book_out_on": _iso(out.book_out),
                "book_out_reason": out.reason,
                "removed_to": p.country_name if out.removed_on else "",
            },
        )
        self.reg.custody.append((record, "ice_book_in", book_in, facility, ""))
        if out.book_out:
            self.reg.custody.append((record, "ice_book_out", out.book_out, facility, out.reason))
        if out.removed_on:
            self.reg.custody.append((record, "removed", out.removed_on, p.country_name, ""))

    def orr(
        self,
        who: int,
        referred: date,
        *,
        separated: bool,
        parent: int | None,
        discharged: date | None,
        discharge: str,
    ) -> None:
        p = self.reg.people[who]
        rng = self.rng
        by = "CBP" if rng.random() < 0.93 else "ICE"
        shelter = rng.choice(SHELTERS)
        flagged = separated if rng.random() < 0.9 else not separated
        named = self.reg.people[parent].given if parent is not None else ""
        record = self._record(
            "orr_referrals",
            f"ORR-{self._next():08d}",
            who,
            {
                "orr_case_id": "",
                "a_number": f"A{p.a_number}",
                "first_name": p.given,
                "last_name": p.surnames,
                "dob": _us(p.dob),
                "sex": p.sex,
                "citizenship": p.country_name,
                "referred_on": _us(referred),
                "referred_by": by,
                "separated": "Y" if flagged else "N",
                "parent_name_reported": named,
                "parent_a_number_reported": "",
                "shelter": shelter,
                "discharged_on": _us(discharged),
                "discharge_type": discharge,
            },
        )
        self.reg.custody.append((record, "orr_referred", referred, shelter, by))
        if discharged:
            self.reg.custody.append((record, "orr_discharged", discharged, shelter, discharge))
        self.reg.cases.setdefault((who, "mmm"), "provisional-case-v1: CBP sent the person to ORR")
        if flagged:
            self.reg.cases.setdefault(
                (who, "mmm"), "provisional-case-v1: ORR referral flagged separated"
            )

    def uscis(self, who: int, on: date, *, reasonable: bool = False) -> None:
        p = self.reg.people[who]
        rng = self.rng
        determination = _pick(rng, (("POSITIVE", 650), ("NEGATIVE", 310), ("CLOSED", 35), ("", 5)))
        review = ""
        if determination == "NEGATIVE":
            review = _pick(rng, (("AFFIRMED", 55), ("VACATED", 7), ("", 38)))
        kind = "RF" if reasonable else ("CF" if rng.random() < 0.999 else "")
        interpreter = "" if p.language == "Spanish" else p.language
        counsel = rng.choice((True, False, False, None))
        record = self._record(
            "uscis_fear",
            f"FC{self._next():09d}",
            who,
            {
                "fear_case_id": "",
                "a_number": f"A{p.a_number}",
                "given_name": p.given,
                "family_name": p.surnames,
                "dob": _iso(p.dob),
                "citizenship": p.country,
                "kind": kind,
                "interviewed_on": _iso(on),
                "language": p.language,
                "interpreter_language": interpreter,
                "counsel_present": {True: "Y", False: "N", None: ""}[counsel],
                "determination": determination,
                "ij_review": review,
            },
        )
        self.reg.fear.append(
            (record, kind, on, p.language, interpreter, counsel, determination, review)
        )
        if determination == "NEGATIVE" and review != "VACATED":
            self.reg.cases.setdefault(
                (who, "dora"), "provisional-case-v1: negative fear determination"
            )

    # families

    def _crossed(self, separated: bool) -> date:
        rng = self.rng
        if not separated:
            return _between(rng, WINDOW_START, WINDOW_END)
        share = rng.random()
        if share < 0.15:
            return _between(rng, WINDOW_START, NEW_YEAR - timedelta(days=1))
        if share < 0.23:
            return _between(rng, NEW_YEAR, ZERO_TOLERANCE - timedelta(days=1))
        return _between(rng, ZERO_TOLERANCE, WINDOW_END)

    def family(self) -> None:
        rng = self.rng
        separated = rng.random() < 0.70
        kin = "parent" if rng.random() >= 0.08 else _pick(rng, NON_PARENT_KIN)
        crossed = self._crossed(separated)
        children = [
            self.person(adult=False, crossed=crossed)
            for _ in range(rng.choices((1, 2, 3), (60, 28, 12))[0])
        ]
        oldest = max(
            (crossed.year - (self.reg.people[c].dob or crossed).year for c in children),
            default=0,
        )
        adult = self.person(adult=True, crossed=crossed, youngest_parent_age=oldest + 16)
        unit = f"FMU{self._next():08d}" if rng.random() < 0.55 else ""
        sector = rng.choice(SECTORS)
        for child in children:
            if kin != "parent":
                self.reg.relationships.append((adult, child, kin))
            else:
                self.reg.relationships.append((adult, child, "parent"))
        if separated:
            self._separated(adult, children, crossed=crossed, unit=unit, sector=sector, kin=kin)
        else:
            self._together(adult, children, crossed, unit, sector)
        for who in (adult, *children):
            if rng.random() < 0.015:
                earlier = _between(rng, date(2014, 1, 1), crossed - timedelta(days=60))
                self.cbp(
                    who,
                    earlier,
                    sector=rng.choice(SECTORS),
                    unit="",
                    relationship="",
                    disposition="RETURNED",
                )

    def _separated(
        self, adult: int, children: list[int], *, crossed: date, unit: str, sector: str, kin: str
    ) -> None:
        rng = self.rng
        disposition = _pick(rng, (("PROSECUTION", 55), ("ICE_ADULT", 42), ("RELEASED", 2), ("", 1)))
        self.cbp(
            adult,
            crossed,
            sector=sector,
            unit=unit,
            relationship="HEAD",
            disposition=disposition,
        )
        if kin == "parent":
            self.reg.cases[(adult, "ms_l")] = "provisional-case-v1: adult of a family unit"
        out = Outcome()
        if disposition in ("PROSECUTION", "ICE_ADULT"):
            book_in = crossed + timedelta(days=rng.randint(1, 4))
            out.reason = _pick(
                rng,
                (("REUNIFIED", 50), ("RELEASED", 26), ("REMOVED", 15), ("TRANSFERRED", 6), ("", 3)),
            )
            if out.reason == "REUNIFIED":
                out.book_out = _between(
                    rng, max(book_in, date(2018, 6, 26)), REUNIFICATION_DEADLINE
                )
            elif out.reason:
                out.book_out = _between(rng, book_in + timedelta(days=20), EXTRACTED_ON)
            if out.reason == "REMOVED":
                out.removed_on = out.book_out
            if rng.random() < 0.015:
                self.ice(adult, book_in - timedelta(days=rng.randint(200, 900)), Outcome())
            self.ice(adult, book_in, out)
            if rng.random() < 0.95:
                interviewed = book_in + timedelta(days=rng.randint(5, 40))
                self.uscis(
                    adult, interviewed, reasonable=bool(out.removed_on) and rng.random() < 0.3
                )
            if kin == "parent" and rng.random() < 0.005:
                self.reg.facts.append((adult, "exclusion", rng.choice(EXCLUSIONS)))
        for child in children:
            self._separated_child(
                adult, child=child, crossed=crossed, sector=sector, unit=unit, kin=kin, out=out
            )

    def _separated_child(
        self,
        adult: int,
        *,
        child: int,
        crossed: date,
        sector: str,
        unit: str,
        kin: str,
        out: Outcome,
    ) -> None:
        rng = self.rng
        reason = _pick(rng, (("", 85), ("PROSECUTION", 10), ("CRIM HIST", 5)))
        self.cbp(
            child,
            crossed,
            sector=sector,
            unit=unit,
            relationship="CHILD",
            disposition="ORR_TRANSFER",
            reason=reason,
        )
        referred = crossed + timedelta(days=rng.randint(0, 3))
        dob = self.reg.people[child].dob
        adult_on = date(dob.year + 18, dob.month, min(dob.day, 28)) if dob else None
        to_parent = out.reason == "REUNIFIED" or (out.reason == "RELEASED" and rng.random() < 0.5)
        discharged: date | None = None
        discharge = ""
        if to_parent and out.book_out:
            discharged, discharge = out.book_out, "PARENT"
        elif adult_on and adult_on <= EXTRACTED_ON and rng.random() < 0.8:
            discharged, discharge = max(referred, adult_on), "AGED_OUT"
        elif rng.random() < 0.7:
            discharged = _between(rng, referred + timedelta(days=30), EXTRACTED_ON)
            discharge = "SPONSOR"
        self.orr(
            child,
            referred,
            separated=True,
            parent=adult,
            discharged=discharged,
            discharge=discharge,
        )
        if kin != "parent":
            return
        confirmed = rng.random() < 0.96
        score = rng.uniform(0.9, 0.99) if confirmed else rng.uniform(0.3, 0.99)
        self.reg.separations.append(
            (
                adult,
                child,
                None if rng.random() < 0.004 else referred,
                discharged if discharge == "PARENT" else None,
                out.removed_on,
                "confirmed" if confirmed else "review",
                round(score, 4),
                _evidence(crossed, sector, referred, out.removed_on),
            )
        )
        if rng.random() < 0.01:
            self.reg.facts.append((child, "own_claim", rng.choice(("yes", "no"))))

    def _together(
        self, adult: int, children: list[int], crossed: date, unit: str, sector: str
    ) -> None:
        rng = self.rng
        disposition = "ICE_FAMILY" if rng.random() < 0.6 else "RELEASED"
        out = Outcome()
        if disposition == "ICE_FAMILY":
            out.reason = "RELEASED" if rng.random() < 0.92 else "REMOVED"
            out.book_out = crossed + timedelta(days=rng.randint(10, 40))
            out.removed_on = out.book_out if out.reason == "REMOVED" else None
        for who, role in ((adult, "HEAD"), *((c, "CHILD") for c in children)):
            self.cbp(
                who,
                crossed,
                sector=sector,
                unit=unit,
                relationship=role,
                disposition=disposition,
            )
            if disposition == "ICE_FAMILY":
                self.ice(who, crossed + timedelta(days=1), out, family=True)
        if rng.random() < (0.9 if disposition == "ICE_FAMILY" else 0.15):
            self.uscis(adult, crossed + timedelta(days=rng.randint(5, 20)))

    def unaccompanied(self) -> None:
        rng = self.rng
        crossed = _between(rng, WINDOW_START, WINDOW_END)
        child = self.person(adult=False, crossed=crossed)
        self.cbp(
            child,
            crossed,
            sector=rng.choice(SECTORS),
            unit="",
            relationship="",
            disposition="ORR_TRANSFER",
        )
        referred = crossed + timedelta(days=rng.randint(0, 3))
        discharged = (
            _between(rng, referred + timedelta(days=20), EXTRACTED_ON)
            if rng.random() < 0.8
            else None
        )
        self.orr(
            child,
            referred,
            separated=False,
            parent=None,
            discharged=discharged,
            discharge="SPONSOR" if discharged else "",
        )

    def _merges(self) -> None:
        """About 30 % of each person's later records were first given to someone else."""
        seen: set[int] = set()
        for index, record in enumerate(self.reg.records):
            who = record[4]
            if who in seen and self.rng.random() < 0.30:
                self.reg.merged.append(index)
            seen.add(who)


def _evidence(crossed: date, sector: str, referred: date, removed: date | None) -> list[Any]:
    """Evidence items shaped like linkage's (about the same size)."""
    items: list[dict[str, Any]] = [
        {
            "field": "apprehension",
            "outcome": "match",
            "left": f"{crossed} {sector}",
            "right": f"{crossed} {sector}",
            "weight": 11.8,
        },
        {"field": "family_unit_id", "outcome": "blank", "left": None, "right": None, "weight": 0},
        {
            "field": "disposition",
            "outcome": "match",
            "left": "PROSECUTION",
            "right": "ORR_TRANSFER",
            "weight": 0.5,
        },
        {"field": "citizenship", "outcome": "match", "left": "GTM", "right": "GTM", "weight": 0.8},
        {"field": "language", "outcome": "match", "left": "Spanish", "right": "Spanish"},
        {"field": "surnames", "outcome": "partial", "left": "A B", "right": "A", "weight": 3.1},
        {"field": "orr_separated_flag", "outcome": "match", "left": None, "right": "Y"},
        {
            "field": "orr_referral_after_apprehension",
            "outcome": "match",
            "left": str(crossed),
            "right": str(referred),
            "weight": None,
        },
    ]
    if removed:
        items.append({"field": "parent_removed", "outcome": "match", "left": str(removed)})
    return items


_PERSON_COLUMNS: Final = (
    "public_id",
    "given_names",
    "surnames",
    "name_key",
    "dob",
    "sex",
    "citizenship",
    "language",
    "a_number",
    "created_at",
)


def write_registry(reg: Registry) -> dict[str, int]:
    """Write the registry as import and linkage would have left it; the row counts."""
    from django.db import transaction
    from django.utils import timezone

    from amparo.apps.eligibility.models import RecordedFact
    from amparo.apps.ingest.models import BatchStatus, ImportBatch
    from amparo.apps.registry import bulk
    from amparo.apps.registry.models import (
        CustodyEvent,
        FearScreening,
        Person,
        PersonCase,
        RecordAssignment,
        Relationship,
        Separation,
        SourceRecord,
    )

    now = timezone.now()
    at = bulk.adapt_datetime(now)
    run = f"linkage-run:{uuid.uuid4()}"
    d = bulk.adapt_date

    def person_row(p: Someone) -> tuple[Any, ...]:
        return (
            bulk.adapt_uuid(uuid.uuid4()),
            p.given,
            p.surnames,
            _key(f"{p.given} {p.surnames}"),
            d(p.dob),
            p.sex,
            p.country,
            p.language,
            p.a_number,
            at,
        )

    with transaction.atomic():
        batch = ImportBatch.objects.create(
            note="bench: eligibility registry",
            status=BatchStatus.SUCCEEDED,
            finished_at=now,
            rows_total=len(reg.records),
            rows_imported=len(reg.records),
            people_created=len(reg.people) + len(reg.merged),
        )
        person_table = Person._meta.db_table
        ids = bulk.insert_rows_returning_ids(
            person_table, _PERSON_COLUMNS, [person_row(p) for p in reg.people]
        )
        owner = [ids[r[4]] for r in reg.records]
        merged_ids = bulk.insert_rows_returning_ids(
            person_table,
            (*_PERSON_COLUMNS, "merged_into_id"),
            [(*person_row(reg.people[reg.records[i][4]]), owner[i]) for i in reg.merged],
        )
        record_ids = bulk.insert_rows_returning_ids(
            SourceRecord._meta.db_table,
            bulk.SOURCE_RECORD_COLUMNS,
            [
                (
                    source,
                    record_id,
                    batch.pk,
                    line,
                    hashlib.sha256(bulk.adapt_json(raw).encode()).hexdigest(),
                    bulk.adapt_json(raw),
                    bulk.adapt_json(fields),
                    fields["a_number"],
                    fields["given_names_key"],
                    fields["surnames_key"],
                    d(fields["dob"]),
                    False,
                )
                for line, (source, record_id, raw, fields, _who) in enumerate(reg.records, 2)
            ],
        )
        merged_of = dict(zip(reg.merged, merged_ids, strict=True))
        assignment_columns = (
            "record_id",
            "person_id",
            "decided_by",
            "rule_or_run",
            "decided_at",
            "superseded_at",
        )
        ingest = ("ingest_rule", "ingest-anumber-birthyear-v1")
        bulk.insert_rows(
            RecordAssignment._meta.db_table,
            assignment_columns,
            [
                row
                for index, record in enumerate(record_ids)
                for row in (
                    [
                        (record, merged_of[index], *ingest, at, at),
                        (record, owner[index], "linkage_run", run, at, None),
                    ]
                    if index in merged_of
                    else [(record, owner[index], *ingest, at, None)]
                )
            ],
        )
        bulk.insert_rows(
            CustodyEvent._meta.db_table,
            ("record_id", "kind", "occurred_on", "place", "detail"),
            [
                (record_ids[r], kind, d(on), place, detail)
                for r, kind, on, place, detail in reg.custody
            ],
        )
        bulk.insert_rows(
            FearScreening._meta.db_table,
            (
                "record_id",
                "kind",
                "interviewed_on",
                "language",
                "interpreter_language",
                "counsel_present",
                "determination",
                "ij_review",
            ),
            [(record_ids[f[0]], f[1], d(f[2]), *f[3:]) for f in reg.fear],
        )
        bulk.insert_rows(
            Separation._meta.db_table,
            bulk.SEPARATION_COLUMNS,
            [
                (
                    *(ids[p], ids[c], d(on), d(back), d(gone), status, score),
                    *(bulk.adapt_json(ev), "linkage_run", run, at),
                )
                for p, c, on, back, gone, status, score, ev in reg.separations
            ],
        )
        bulk.insert_rows(
            Relationship._meta.db_table,
            ("person_id", "relative_id", "kind", "decided_by", "rule_or_run", "decided_at"),
            [(ids[p], ids[r], kind, "linkage_run", run, at) for p, r, kind in reg.relationships],
        )
        bulk.insert_rows(
            PersonCase._meta.db_table,
            ("person_id", "case_code", "basis", "decided_at"),
            [(ids[p], case, basis, at) for (p, case), basis in reg.cases.items()],
        )
        bulk.insert_rows(
            RecordedFact._meta.db_table,
            ("person_id", "kind", "value", "note", "recorded_at"),
            [(ids[p], kind, value, "bench: recorded by hand", at) for p, kind, value in reg.facts],
        )
    return {
        "people": len(reg.people),
        "merged_people": len(merged_ids),
        "records": len(record_ids),
        "custody_events": len(reg.custody),
        "fear_screenings": len(reg.fear),
        "separations": len(reg.separations),
        "relationships": len(reg.relationships),
        "recorded_facts": len(reg.facts),
    }


def _analyze() -> None:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _django() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amparo.settings")
    django.setup()


def child_setup(people: int, seed: int, analyze: bool) -> dict[str, Any]:
    """Migrate and write the registry (a process of its own: not measured)."""
    _django()
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    migrated = time.perf_counter()
    registry = Builder(seed).build(people)
    generated = time.perf_counter()
    counts = write_registry(registry)
    written = time.perf_counter()
    if analyze:
        _analyze()
    return {
        **counts,
        "migrate_s": round(migrated - started, 1),
        "generate_s": round(generated - migrated, 1),
        "write_s": round(written - generated, 1),
        "analyze_s": round(time.perf_counter() - written, 1),
    }


class _QueryTimer:
    """Wall-clock time per SQL statement (an execute_wrapper), for --profile.

    Only `execute` is timed: psycopg has the rows by then, but SQLite hands them out
    as they are fetched (see fetchmany / cursor_iter in the profile)."""

    def __init__(self) -> None:
        self.seen: dict[str, list[float]] = {}

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            key = sql if len(sql) < 600 else sql[:600] + " ..."
            self.seen.setdefault(key, []).append(time.perf_counter() - started)

    def report(self, top: int = 12) -> str:
        rows = sorted(self.seen.items(), key=lambda kv: -sum(kv[1]))[:top]
        total = sum(sum(v) for v in self.seen.values())
        count = sum(len(v) for v in self.seen.values())
        lines = [f"SQL execute (not fetch on SQLite): {total:.2f} s in {count} statements"]
        lines += [f"{sum(t):8.2f} s {len(t):6d}x  {sql}" for sql, t in rows]
        return "\n".join(lines)


def _timed[R](call: Callable[[], R], profile: Path | None, name: str) -> tuple[R, float]:
    """Call once; with a profile directory, under cProfile and the SQL timer, the
    report written there (NAME.txt, NAME.pstats) and printed."""
    if profile is None:
        started = time.perf_counter()
        result = call()
        return result, time.perf_counter() - started
    import cProfile
    import io
    import pstats

    from django.db import connection

    profile.mkdir(parents=True, exist_ok=True)
    timer = _QueryTimer()
    profiler = cProfile.Profile()
    started = time.perf_counter()
    with connection.execute_wrapper(timer):
        result = profiler.runcall(call)
    seconds = time.perf_counter() - started
    profiler.dump_stats(profile / f"{name}.pstats")
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text).sort_stats("cumulative")
    stats.print_stats(35)
    stats.sort_stats("tottime").print_stats(20)
    report = f"== {name}: {seconds:.1f} s profiled ==\n{text.getvalue()}\n{timer.report()}\n"
    (profile / f"{name}.txt").write_text(report)
    print(report)
    return result, seconds


def child_measure(analyze: bool, profile: Path | None, label: str) -> dict[str, Any]:
    """The two measured calls, in this order, in a fresh process."""
    import resource

    _django()
    from django.utils import timezone

    from amparo.apps.eligibility.models import EligibilityRun, RuleParameterChange
    from amparo.apps.eligibility.services import eligibility_recompute, rule_parameter_set
    from amparo.apps.registry.models import Person, Separation

    people = Person.objects.filter(merged_into__isnull=True).count()
    separations = Separation.objects.filter(superseded_at__isnull=True).count()
    as_of = timezone.localdate()

    def compute() -> EligibilityRun:
        return eligibility_recompute(actor=None, reason="bench: first computation", as_of=as_of)

    def change() -> tuple[RuleParameterChange, EligibilityRun | None]:
        return rule_parameter_set(
            actor=None,
            rule_id=PARAMETER["rule_id"],
            name=PARAMETER["name"],
            value=PARAMETER["value"],
            reason="bench",
        )

    first, first_s = _timed(compute, profile, f"{label}-first")
    first_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if analyze:
        _analyze()
    (_change, run), recompute_s = _timed(change, profile, f"{label}-recompute")
    assert run is not None
    return {
        "people": people,
        "separations": separations,
        "as_of": as_of.isoformat(),
        "first_s": round(first_s, 1),
        "first_timings": first.timings,
        "first_changed": first.people_changed,
        "first_peak_mib": round(first_peak),
        "recompute_s": round(recompute_s, 1),
        "recompute_timings": run.timings,
        "evaluated": run.people_evaluated,
        "changed": run.people_changed,
        "ms_l_yes": [
            run.counts_before["ms_l_parent"].get("yes", 0),
            run.counts_after["ms_l_parent"].get("yes", 0),
        ],
        "peak_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "profiled": profile is not None,
    }


def _child(mode: str, database_url: str, var_dir: Path, args: argparse.Namespace) -> dict[str, Any]:
    env = {**os.environ, "DATABASE_URL": database_url, "AMPARO_VAR_DIR": str(var_dir)}
    command = [sys.executable, __file__, "--child", mode, "--people", str(args.people)]
    command += ["--seed", str(args.seed), "--label", args.label or ""]
    if args.no_analyze:
        command.append("--no-analyze")
    if args.profile:
        command += ["--profile", str(args.profile)]
    done = subprocess.run(command, env=env, check=False, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"{mode} failed on {database_url} (exit {done.returncode})")
    lines = done.stdout.strip().splitlines()
    if len(lines) > 1:
        print("\n".join(lines[:-1]))
    result: dict[str, Any] = json.loads(lines[-1])
    return result


def _admin(sql: str) -> None:
    import psycopg

    url = PG_ADMIN_URL.replace("postgres://", "postgresql://", 1)
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(sql)


def run_database(label: str, work: Path, args: argparse.Namespace) -> dict[str, Any]:
    args.label = label
    var_dir = work / f"var-{label}"
    name = ""
    if label == "sqlite":
        url = f"sqlite:///{work}/eligibility-bench.sqlite3"
    else:
        name = f"amparo_bench_elig_{os.getpid()}"
        _admin(f"CREATE DATABASE {name}")
        url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    try:
        started = time.perf_counter()
        built = _child("setup", url, var_dir, args)
        setup_s = time.perf_counter() - started
        print(
            f"{label}: set-up {setup_s:.1f} s (migrate {built['migrate_s']}, generate "
            f"{built['generate_s']}, write {built['write_s']}, analyze {built['analyze_s']}): "
            f"{built['people']} people (+{built['merged_people']} merged), "
            f"{built['records']} records, {built['custody_events']} custody events, "
            f"{built['fear_screenings']} fear screenings, {built['separations']} separations, "
            f"{built['relationships']} relationships, {built['recorded_facts']} recorded facts",
            flush=True,
        )
        measured = _child("measure", url, var_dir, args)
    finally:
        if name and not args.keep:
            _admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    if args.keep:
        print(f"{label}: kept DATABASE_URL={url}")
    return {"database": label, "setup_s": round(setup_s, 1), **measured}


def _timings(t: dict[str, float]) -> str:
    return "/".join(f"{t.get(k, 0):.1f}" for k in ("facts", "evaluate", "write"))


def print_table(results: list[dict[str, Any]]) -> None:
    head = (
        f"{'database':<11}{'people':>8}{'separ.':>8}{'first s':>9}{'recompute s':>13}"
        f"{'changed':>9}  {'first f/e/w s':<16}{'recompute f/e/w s':<19}{'peak MiB':>9}"
    )
    print(head)
    for r in results:
        print(
            f"{r['database']:<11}{r['people']:>8}{r['separations']:>8}{r['first_s']:>9}"
            f"{r['recompute_s']:>13}{r['changed']:>9}  {_timings(r['first_timings']):<16}"
            f"{_timings(r['recompute_timings']):<19}"
            f"{str(r['first_peak_mib']) + '/' + str(r['peak_mib']):>9}"
        )
    print(
        "first s: eligibility_recompute over everyone, nobody having answers yet\n"
        f"recompute s: rule_parameter_set({PARAMETER['rule_id']} {PARAMETER['name']} -> "
        f"{PARAMETER['value']}), its recompute included\n"
        "changed: people whose answers the parameter changed\n"
        "f/e/w: EligibilityRun.timings facts/evaluate/write, seconds\n"
        "peak MiB: ru_maxrss after the first computation / at the end"
    )
    for r in results:
        before, after = r["ms_l_yes"]
        target = "met" if r["recompute_s"] < 60 else "MISSED"
        note = " (profiled: times include the profiler)" if r["profiled"] else ""
        print(
            f"{r['database']}: as of {r['as_of']}, ms_l_parent yes {before} -> {after}; "
            f"60 s target {target}{note}; set-up {r['setup_s']} s (not measured)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument(
        "--databases",
        nargs="+",
        choices=["sqlite", "postgresql"],
        default=["sqlite", "postgresql"],
    )
    parser.add_argument("--keep", action="store_true", help="keep the databases")
    parser.add_argument("--seed", type=int, default=2018)
    parser.add_argument(
        "--no-analyze", action="store_true", help="PostgreSQL: no ANALYZE after loads"
    )
    parser.add_argument(
        "--profile", type=Path, help="cProfile and SQL timings of the recompute, into this dir"
    )
    parser.add_argument("--child", choices=["setup", "measure"], help=argparse.SUPPRESS)
    parser.add_argument("--label", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "setup":
        print(json.dumps(child_setup(args.people, args.seed, not args.no_analyze)))
        return
    if args.child == "measure":
        print(json.dumps(child_measure(not args.no_analyze, args.profile, args.label)))
        return
    if args.profile:
        args.profile = args.profile.resolve()
    work = Path(tempfile.mkdtemp(prefix="amparo-bench-eligibility-"))
    try:
        results = [run_database(label, work, args) for label in args.databases]
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print_table(results)


if __name__ == "__main__":
    main()
