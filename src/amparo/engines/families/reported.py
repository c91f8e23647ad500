"""What the child told ORR about its parent, read against one adult.

ORR's `parent_name_reported` is free text: "mi mamá Rosa", "LOPEZ PEREZ, JUANA", "Chepe
López". It names one adult, the unit head, so it speaks for or against that adult only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

from amparo.engines.families.bayes import Item, bits, make_item
from amparo.engines.families.names import ReportedParent, given_forms, parse_reported_parent
from amparo.engines.families.population import Population
from amparo.engines.families.profiles import Profile
from amparo.engines.linkage.types import Outcome

_REPORT_NAMES_ADULT: Final = 0.75  # the report names the unit head, and mostly survives
_REPORT_SURNAME: Final = 0.5
_REPORT_OTHER: Final = 0.05  # the named adult, yet a name that is not theirs


@dataclass(frozen=True, slots=True)
class ReportComparison:
    """How a parent-name report reads against one adult.

    given: the adult's given name the report used (directly or as a nickname), if any;
    surnames: the adult's surnames it used; missed_first: it gave a first surname the
    adult does not carry; missed_other: later surnames it gave that the adult does not
    carry (a second surname is often left out of records); unexplained: words that are
    neither the adult's given names nor its surnames.
    """

    given: str | None
    surnames: tuple[str, ...]
    missed_first: bool
    missed_other: int
    unexplained: tuple[str, ...]


def compare_report(adult: Profile, reported: ReportedParent) -> ReportComparison:
    given_form: str | None = None
    surnames: list[str] = []
    unexplained: list[str] = []
    for word in (*reported.given, *reported.loose):
        forms = given_forms(word) & adult.given
        if forms:
            given_form = given_form or min(forms)
        elif word in reported.loose and word in adult.surnames.every:
            surnames.append(word)
        else:
            unexplained.append(word)
    missed = [w not in adult.surnames.every for w in reported.surnames]
    surnames += [w for w in reported.surnames if w in adult.surnames.every]
    return ReportComparison(
        given_form,
        tuple(surnames),
        bool(missed) and missed[0],
        sum(missed[1:]),
        tuple(unexplained),
    )


def report_weight(
    found: ReportComparison, child: Profile, pop: Population, cap: float
) -> tuple[Outcome, float]:
    if found.given is None and not found.surnames:
        return "mismatch", bits(_REPORT_OTHER, 0.95, cap)
    # A surname the child carries too says little beyond the surname comparison itself.
    weight = sum(
        bits(_REPORT_SURNAME, pop.surname_share(s), cap) / (2 if s in child.surnames.every else 1)
        for s in found.surnames
    )
    if found.given is not None:
        weight += bits(_REPORT_NAMES_ADULT, pop.given_share(found.given), cap)
    else:
        # "Chepe López" with only the surname recognised: a relative as likely as not.
        weight += bits(_REPORT_OTHER, 0.9, cap)
    # What the report says that this adult is not: a word that is none of its names
    # ("Ana María" for an Ana Lucía), or a first surname it does not carry (people keep
    # their first surname; the second is what records drop).
    weight += len(found.unexplained) * bits(0.2, 1.0, cap)
    weight += bits(0.1, 1.0, cap) if found.missed_first else 0.0
    weight += found.missed_other * bits(0.5, 1.0, cap)
    clean = not (found.unexplained or found.missed_first or found.missed_other)
    return ("match" if clean and found.given is not None else "partial"), weight


def report_evidence(adult: Profile, child: Profile, pop: Population, cap: float) -> list[Item]:
    """The best-fitting of the child's reports against the adult (name, and the sex a
    kin word implies)."""
    best: list[Item] = []
    best_weight = -math.inf
    shown_adult = adult.name_text
    for referral in child.referrals:
        reported = parse_reported_parent(referral.parent_name)
        if reported is None:
            continue
        items: list[Item] = []
        if reported.names:
            outcome, weight = report_weight(compare_report(adult, reported), child, pop, cap)
            items.append(
                make_item(
                    "parent_name_reported", outcome, shown_adult, referral.parent_name, weight
                )
            )
        if reported.sex and adult.sex:
            same = reported.sex == adult.sex
            # A child does not call its mother "papá": a wrong sex all but rules the adult out.
            items.append(
                make_item(
                    "parent_sex_reported",
                    "match" if same else "mismatch",
                    adult.sex,
                    reported.sex,
                    bits(0.98, 0.55, cap) if same else bits(0.02, 0.45, cap),
                )
            )
        total = sum(item.weight or 0.0 for item in items)
        if total > best_weight:
            best, best_weight = items, total
    if not best:
        return [make_item("parent_name_reported", "blank", adult.given_shown, None, 0.0)]
    return best
