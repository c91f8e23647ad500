"""Was the family separated, and what happened after: ORR referral, reunion, removal.

A separation shows in custody, not in the agent's "separated" flag (often blank, now
and then wrong): the child went to ORR as unaccompanied while the adult went to
prosecution or adult detention. Families kept together went to family detention or were
released together, and their children never reached ORR.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from amparo.engines.families.bayes import Item
from amparo.engines.families.candidates import Together
from amparo.engines.families.evidence import custody
from amparo.engines.families.model import Separation
from amparo.engines.families.profiles import Profile
from amparo.engines.linkage.types import Outcome

# P(separated | what custody shows for the adult and the child).
_SEPARATED: dict[tuple[str, str], float] = {
    ("separated", "separated"): 0.99,
    ("unknown", "separated"): 0.92,
    ("separated", "unknown"): 0.6,
    ("unknown", "unknown"): 0.3,
    ("together", "together"): 0.01,
    ("together", "unknown"): 0.05,
    ("unknown", "together"): 0.05,
    ("together", "separated"): 0.1,
    ("separated", "together"): 0.1,
}


_FLAG: dict[str, Outcome] = {"Y": "match", "N": "mismatch"}


@dataclass(frozen=True, slots=True)
class Custody:
    probability: float
    separated_on: str | None
    removed_on: str | None
    evidence: tuple[Item, ...]


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def separation_of(adult: Profile, child: Profile, together: Together, window_days: int) -> Custody:
    booking = together.adult or next(
        (
            b
            for b in sorted(adult.apprehensions, key=lambda b: b.record)
            if b.disposition != "RETURNED"
        ),
        None,
    )
    adult_side, child_side = custody(booking, child, together.child)
    if adult_side == "returned":
        adult_side = "unknown"
    probability = _SEPARATED[(adult_side, child_side)]
    items: list[Item] = []
    referred = sorted(r.referred_on for r in child.referrals if r.referred_on is not None)
    booked = together.child.on if together.child else None
    if referred and booked is not None:
        delay = (referred[0] - booked).days
        items.append(
            Item(
                "orr_referral_after_apprehension",
                "match" if 0 <= delay <= window_days else "mismatch",
                booked.isoformat(),
                referred[0].isoformat(),
                None,
            )
        )
    for referral in child.referrals:
        # Each referral's flag, for the reviewer (the membership evidence weighs the
        # flags only where the child's referrals agree).
        outcome: Outcome = _FLAG.get(referral.flag or "", "blank")
        items.append(
            Item("orr_separated_flag_record", outcome, referral.record[1], referral.flag, None)
        )
    removed = sorted(s.book_out for s in adult.stays if s.reason == "REMOVED" and s.book_out)
    if removed:
        items.append(Item("parent_removed", "match", removed[-1].isoformat(), None, None))
    return Custody(
        probability,
        _iso(referred[0]) if referred else None,
        _iso(removed[-1]) if removed else None,
        tuple(items),
    )


def assign_reunions(
    separations: Sequence[Separation],
    adults: Mapping[str, Profile],
    children: Mapping[str, Profile],
) -> list[Separation]:
    """ORR discharged the child to one parent: the one ICE booked out as REUNIFIED that
    day, or failing that the likeliest parent who was not removed."""
    by_child: dict[str, list[int]] = defaultdict(list)
    for index, s in enumerate(separations):
        by_child[s.child_key].append(index)
    out = list(separations)
    for child_key, indexes in by_child.items():
        days = sorted(
            r.discharged_on
            for r in children[child_key].referrals
            if r.discharge_type == "PARENT" and r.discharged_on is not None
        )
        if not days:
            continue
        day = days[0]
        reunited = [
            i
            for i in indexes
            if any(
                s.reason == "REUNIFIED" and s.book_out == day
                for s in adults[out[i].parent_key].stays
            )
        ]
        if not reunited:
            present = [i for i in indexes if out[i].parent_removed_on is None]
            reunited = sorted(present, key=lambda i: (-out[i].score, out[i].parent_key))[:1]
        for i in reunited:
            out[i] = replace(out[i], reunified_on=day.isoformat())
    return out
