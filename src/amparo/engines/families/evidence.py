"""Did this adult travel with this child? Field-by-field evidence, each a Bayes factor.

Every comparison asks how much likelier its outcome is if the two came as one family
than if they are strangers apprehended alongside each other; the weight is the log2 of
that ratio. Shares of names, countries and dates among the run's adults stand for the
stranger's chance, so a shared rare surname counts for more than a shared López; the
shared booking counts for less on a crowded day than on a quiet one.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Final

from amparo.engines.families.bayes import Item, bits, make_item
from amparo.engines.families.candidates import Together
from amparo.engines.families.config import FamilyConfig
from amparo.engines.families.kinship import surname_evidence
from amparo.engines.families.population import Population
from amparo.engines.families.profiles import (
    ADULT_DISPOSITIONS,
    FAMILY_DISPOSITIONS,
    Apprehension,
    Profile,
)
from amparo.engines.families.reported import report_evidence
from amparo.engines.linkage.types import Outcome

# Chance that a family's records show each agreement (the "m" of a Bayes factor).
_SAME_BOOKING: Final = 0.98
_SAME_COUNTRY: Final = 0.97
_REUNITED_WITH: Final = 0.8
# P(a referred child shows no discharge to a parent): when the adult it travelled with was
# released to be reunited with its children (its siblings went back; it aged out, or a
# second referral is missing), and for any other referred child (a sponsor, still held).
_NOT_WITH_SIBLINGS: Final = 0.1
_NOT_TO_A_PARENT: Final = 0.5


def _booking(
    pair: Together, *, adult: Profile, child: Profile, pop: Population, cap: float, window_days: int
) -> Item:
    a, c = pair.adult, pair.child
    if a is not None and c is not None and a.on is not None and a.on == c.on:
        where, there = a.where, c.where
        if a.sector and c.sector and a.sector == c.sector:
            return make_item(
                "apprehension",
                "match",
                where,
                there,
                bits(_SAME_BOOKING, pop.block_share((a.on, a.sector)), cap),
            )
        if a.sector and c.sector:
            return make_item(
                "apprehension", "mismatch", where, there, bits(0.01, pop.days_share([a.on]), cap)
            )
        return make_item(
            "apprehension",
            "partial",
            where,
            there,
            bits(_SAME_BOOKING, pop.days_share([a.on]), cap),
        )
    adult_days, child_days = adult.days, child.days
    if adult_days and child_days:
        return make_item("apprehension", "mismatch", adult_days[0], child_days[0], -cap / 2)
    referred = child.referred_days
    if adult_days and referred:
        window = [referred[0] - timedelta(days=back) for back in range(window_days + 1)]
        near = any(day in window for day in adult_days)
        weight = bits(0.9, pop.days_share(window), cap) if near else -cap / 2
        return make_item(
            "apprehension_vs_referral",
            "partial" if near else "mismatch",
            adult_days[0],
            referred[0],
            weight,
        )
    return make_item(
        "apprehension",
        "blank",
        adult_days[0] if adult_days else None,
        child_days[0] if child_days else None,
        0.0,
    )


def _unit(pair: Together, cap: float) -> Item:
    a = pair.adult.unit if pair.adult else None
    c = pair.child.unit if pair.child else None
    if a and c:
        return make_item(
            "family_unit_id",
            "match" if a == c else "mismatch",
            a,
            c,
            cap * 0.75 if a == c else -cap * 0.75,
        )
    if c and pair.adult is not None:
        # When agents split a unit they deleted the id from the child's record or from
        # everyone's; a child who kept it while its adult lost it is another family.
        return make_item("family_unit_id", "mismatch", a, c, bits(0.01, 0.5, cap))
    return make_item("family_unit_id", "blank", a, c, 0.0)


def _country(adult: Profile, child: Profile, pop: Population, cap: float) -> Item | None:
    a, c = adult.citizenship, child.citizenship
    if not a or not c:
        return None
    if a == c:
        return make_item(
            "citizenship", "match", a, c, bits(_SAME_COUNTRY, pop.country_share(c), cap)
        )
    return make_item(
        "citizenship", "mismatch", a, c, bits(1 - _SAME_COUNTRY, 1 - pop.country_share(c), cap)
    )


def _one_digit_apart(left: str, right: str) -> bool:
    return len(left) == len(right) and sum(a != b for a, b in zip(left, right, strict=True)) == 1


def _a_numbers(adult: Profile, child: Profile, cap: float) -> list[Item]:
    items: list[Item] = []
    adult_numbers = adult.a_numbers
    shown = adult.a_numbers_text
    for referral in child.referrals:
        reported = referral.parent_a_number
        if not reported:
            continue
        if reported in adult.a_numbers:
            items.append(make_item("parent_a_number_reported", "match", shown, reported, cap))
        elif any(_one_digit_apart(reported, own) for own in adult_numbers):
            items.append(make_item("parent_a_number_reported", "partial", shown, reported, cap / 2))
        else:
            items.append(make_item("parent_a_number_reported", "mismatch", shown, reported, -3.0))
    shared = sorted(adult.a_numbers & child.a_numbers)
    if shared:
        # A child's file that carries the adult's own A-number: an agent typed it there.
        items.append(make_item("a_number_in_child_file", "match", shown, shared[0], cap * 0.75))
    return items


def _reunion(adult: Profile, child: Profile, pop: Population, cap: float) -> Item | None:
    to_parent = child.to_parent_days
    reunited = adult.reunited_days
    if not to_parent:
        if (
            reunited
            and child.referrals
            and not any(r.discharge_type == "PARENT" for r in child.referrals)
        ):
            # ICE released the adult to be reunited with its children, and ORR's record
            # of this child shows no discharge to a parent: brothers and sisters go back
            # together, a stranger's child mostly does not. Without it, an adult's real
            # reunion with its own children lends weight to a lone child booked alongside.
            return make_item(
                "reunification_date",
                "mismatch",
                reunited[0],
                # How ORR discharged the child instead (NONE: still in care).
                ", ".join(sorted({r.discharge_type or "NONE" for r in child.referrals})),
                bits(_NOT_WITH_SIBLINGS, _NOT_TO_A_PARENT, cap),
            )
        return None
    day = to_parent[0]
    if day in reunited:
        return make_item(
            "reunification_date",
            "match",
            day,
            day,
            bits(_REUNITED_WITH, pop.reunified_share(day), cap),
        )
    if reunited:
        # Released to be reunited with a child on another day: another family's child.
        return make_item("reunification_date", "mismatch", reunited[0], day, bits(0.03, 1.0, cap))
    # ORR gave the child back to a parent, mostly the unit head; this adult shows no
    # reunion at all (speaks against it being the head, not against the family).
    return make_item("reunification_date", "blank", None, day, bits(0.12, 0.9, cap))


def custody(
    adult_booking: Apprehension | None, child: Profile, child_booking: Apprehension | None
) -> tuple[str, str]:
    """("separated" | "together" | "returned" | "unknown") for the adult, and the child's."""
    a = adult_booking.disposition if adult_booking else None
    c = child_booking.disposition if child_booking else None
    if a in ADULT_DISPOSITIONS:
        adult_side = "separated"
    elif a in FAMILY_DISPOSITIONS:
        adult_side = "together"
    elif a == "RETURNED":
        adult_side = "returned"
    else:
        adult_side = "unknown"
    if child.referrals or c == "ORR_TRANSFER":
        child_side = "separated"
    elif c in FAMILY_DISPOSITIONS:
        child_side = "together"
    else:
        child_side = "unknown"
    return adult_side, child_side


def _custody(pair: Together, child: Profile, cap: float) -> Item:
    a = pair.adult.disposition if pair.adult else None
    c = pair.child.disposition if pair.child else ("ORR referral" if child.referrals else None)
    adult_side, child_side = custody(pair.adult, child, pair.child)
    if adult_side == "returned":
        return make_item("disposition", "mismatch", a, c, -cap * 0.6)
    if "unknown" in (adult_side, child_side):
        return make_item("disposition", "blank", a, c, 0.0)
    if adult_side != child_side:
        return make_item("disposition", "mismatch", a, c, bits(0.005, 0.5, cap))
    if adult_side == "separated":
        return make_item("disposition", "match", a, c, bits(0.99, 0.7, cap))
    if a == c:
        return make_item("disposition", "match", a, c, bits(0.97, 0.15, cap))
    return make_item("disposition", "mismatch", a, c, bits(0.03, 0.15, cap))


def _language(adult: Profile, child: Profile, pop: Population, cap: float) -> Item | None:
    a, c = adult.language, child.language
    if not a or not c:
        return None
    if a == c:
        # Against strangers of the same country: Portuguese adds nothing to Brazil.
        share = pop.language_share(c, child.citizenship)
        return make_item("language", "match", a, c, bits(0.75, share, cap))
    # Mayan-speaking children often answer in Spanish, and agents write Spanish down for
    # Mayan speakers: a different language says little.
    share = pop.language_share(c, child.citizenship)
    return make_item("language", "mismatch", a, c, bits(0.25, max(0.05, 1.0 - share), cap))


# P(the referring agent's "separated" flag | the child came with an adult DHS took it
# from, | it came alone). The flag is often blank and now and then wrong, but an agent
# mostly knew whether a child arrived with an adult; these shares are set well short of
# what agents got right, so the flag tips a close call and never settles one.
_FLAG_WITH_ADULT: Final = {"Y": 0.6, "N": 0.2}
_FLAG_ALONE: Final = {"Y": 0.15, "N": 0.7}


def _separated_flag(child: Profile, cap: float) -> Item | None:
    """ORR's "separated" flag: whether the child came with an adult at all (the same for
    every adult weighed as its head; it speaks against the child having come alone)."""
    flags = {r.flag for r in child.referrals if r.flag in _FLAG_WITH_ADULT}
    if len(flags) != 1:
        # No flag, or referrals that disagree: nothing to weigh.
        return None
    flag = flags.pop()
    outcome: Outcome = "match" if flag == "Y" else "mismatch"
    weight = bits(_FLAG_WITH_ADULT[flag], _FLAG_ALONE[flag], cap)
    return make_item("orr_separated_flag", outcome, None, flag, weight)


def _ages(adult: Profile, child: Profile, day: date | None, cap: float) -> Item | None:
    a, c = adult.age_on(day), child.age_on(day)
    if a is None or c is None or a - c >= 1:
        return None
    return make_item("age_gap", "mismatch", a, c, -cap / 2)


def membership_evidence(
    adult: Profile, child: Profile, pair: Together, pop: Population, config: FamilyConfig
) -> tuple[Item, ...]:
    cap = config.max_weight
    day = pair.child.on if pair.child and pair.child.on else None
    items: list[Item | None] = [
        _booking(
            pair,
            adult=adult,
            child=child,
            pop=pop,
            cap=cap,
            window_days=config.referral_window_days,
        ),
        _unit(pair, cap),
        _custody(pair, child, cap),
        _country(adult, child, pop, cap),
        _language(adult, child, pop, cap),
        surname_evidence(adult, child, pop, cap),
        *report_evidence(adult, child, pop, cap),
        *_a_numbers(adult, child, cap),
        _reunion(adult, child, pop, cap),
        _ages(adult, child, day, cap),
        _separated_flag(child, cap),
    ]
    return tuple(item for item in items if item is not None)


# Comparisons with what the child said about the one adult it named (the unit head):
# they speak for that adult only, not for the rest of the family.
NAMED_FIELDS: Final = frozenset(
    {
        "parent_name_reported",
        "parent_sex_reported",
        "parent_a_number_reported",
        "a_number_in_child_file",
    }
)


def about_child(item: Item) -> bool:
    """Whether a comparison speaks about the child alone (whether it came with any
    adult), the same for every adult of the booking: it weighs heads against the child
    having come alone, not one second adult against another."""
    return item.field == "orr_separated_flag"


def about_head(item: Item) -> bool:
    """Whether a comparison speaks about the unit head only (the adult the child named,
    the adult a reunion would have gone to), not about the whole family."""
    if item.field == "reunification_date":
        return item.outcome == "blank"
    return item.field in NAMED_FIELDS
