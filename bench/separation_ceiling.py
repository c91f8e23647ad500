"""How well could *any* method do? An upper bound on confirmed separated-pair
precision and recall for a synthetic world, from what its extracts reveal.

    .venv/bin/python bench/separation_ceiling.py --families 10000 --seeds 1 2 2018

Every adult who travelled with a separated child (truth/families.csv) is a candidate
parent. Each candidate pair is put in a cell by everything the four extracts can reveal
about whether that adult is the child's parent:

- the adult's sex and how the adult's surnames relate to the child's (identical, the
  adult's first is the child's first, the adult's first is the child's second, ...);
- the age gap, in whole years, between the adult and the oldest child of the group;
- how many adults travelled with the child;
- the relationship codes booked for the adult and the child, and whether both kept a
  family unit id;
- the kin word, if any, in what the child's ORR file says the parent is called, and
  whether a parent A-number was reported;
- how ORR discharged the child, whether ICE booked the adult out as REUNIFIED, and
  whether the adult was removed.

Within a cell the generator draws every other field (names' spellings, exact dates,
A-numbers, facilities) from the same distributions for parents and for other
relatives (engines/synth/lives.py, fates.py, rows.py), so no method can tell them
apart there except by chance: in expectation, confirming a share of a cell confirms
that share of its parents and of its other relatives alike.

The bound assumes everything else is perfect (every person linked, every separation
found, every date right) and that the method knows each cell's exact mix in this
very world, then confirms the purest cells first. It prints the highest confirmed
recall reachable at precision >= 0.995, and the precision at recall >= 0.995. If
either misses 0.995, no method reaches both targets on that world.
"""

from __future__ import annotations

import argparse
import csv
import re
import tempfile
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from amparo.engines.synth import synth_to_dir

TARGET = 0.995

# Kin words as children and agents report them; the first word that matches decides.
_KIN = (
    ("mother", ("mama", "mami", "madre")),
    ("father", ("papa", "papi", "padre")),
    ("grandparent", ("abuel",)),
    ("aunt_uncle", ("tia", "tio")),
    ("sibling", ("herman",)),
    ("other", ("senor", "amig")),
)


def _plain(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in folded if not unicodedata.combining(c))


def kin_word(reported: str) -> str:
    words = re.findall(r"[a-z]+", _plain(reported))
    for word in words:
        for kind, stems in _KIN:
            if any(word.startswith(stem) for stem in stems):
                return kind
    return "none"


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        yield from csv.DictReader(handle)


def _iso(text: str) -> date:
    return date.fromisoformat(text)


def _age(dob: date, on: date) -> int:
    return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))


def surname_relation(adult: tuple[str, ...], child: tuple[str, ...]) -> str:
    if adult == child:
        return "identical"
    if not adult or not child:
        return "none"
    if adult[0] == child[0]:
        return "first=first"
    if len(child) > 1 and adult[0] == child[1]:
        return "first=second"
    if set(adult) & set(child):
        return "other shared"
    return "none"


@dataclass(frozen=True)
class Pair:
    adult: str
    child: str
    is_parent: bool


class World:
    """The truth and the extract rows of one world, indexed by person."""

    def __init__(self, folder: Path) -> None:
        truth = folder / "truth"
        self.people = {row["person_id"]: row for row in _rows(truth / "people.csv")}
        self.families = list(_rows(truth / "families.csv"))
        owner = {
            (row["source"], row["record_id"]): row["person_id"]
            for row in _rows(truth / "records.csv")
        }
        self.cbp: dict[str, list[dict[str, str]]] = defaultdict(list)
        for row in _rows(folder / "cbp_apprehensions.csv"):
            person = owner.get(("cbp_apprehensions", row["event_id"]))
            if person is not None:
                self.cbp[person].append(row)
        self.orr: dict[str, list[dict[str, str]]] = defaultdict(list)
        for row in _rows(folder / "orr_referrals.csv"):
            person = owner.get(("orr_referrals", row["orr_case_id"]))
            if person is not None:
                self.orr[person].append(row)
        self.ice: dict[str, list[dict[str, str]]] = defaultdict(list)
        for row in _rows(folder / "ice_detention.csv"):
            person = owner.get(("ice_detention", row["ice_record_id"]))
            if person is not None:
                self.ice[person].append(row)
        self.adults_of: dict[str, list[str]] = defaultdict(list)
        self.children_of: dict[str, list[str]] = defaultdict(list)
        for row in self.families:
            self.adults_of[row["child_id"]].append(row["parent_id"])
            self.children_of[row["parent_id"]].append(row["child_id"])

    def surnames(self, person: str) -> tuple[str, ...]:
        return tuple(self.people[person]["surnames"].split())

    def dob(self, person: str) -> date:
        return _iso(self.people[person]["dob"])

    def crossing(self, child: str) -> dict[str, str]:
        """The child's CBP row (children are apprehended once)."""
        rows = self.cbp.get(child, [])
        return rows[0] if rows else {}

    def adult_row(self, adult: str, crossing: dict[str, str]) -> dict[str, str]:
        """The adult's CBP row for the same apprehension as the child's."""
        for row in self.cbp.get(adult, []):
            if row["apprehended_on"] == crossing.get("apprehended_on"):
                return row
        return {}

    def cell(self, row: dict[str, str], *, fine: bool) -> tuple[object, ...]:
        """What the extracts can reveal about this adult being the child's parent.

        `fine` keeps every field and the exact age gap. Otherwise, for an adult who
        travelled alone with the children, only what the generator draws differently for
        parents and other relatives is kept: fields drawn alike for both (the adult's own
        booking code, a kept unit id, a reported parent A-number, how a child not given
        back was discharged) are dropped, and age gaps of 17-28 years are one value, since
        both a parent's and an aunt's or uncle's age are uniform over that range (unless
        clamped to 18).
        """
        adult, child = row["parent_id"], row["child_id"]
        crossing = self.crossing(child)
        adult_cbp = self.adult_row(adult, crossing)
        # Ages were drawn on the crossing day; a mistyped date falls back to the day ORR
        # received the child, at most three days later.
        on = self._crossed_on(crossing) or _iso(row["separated_on"])
        oldest = max(_age(self.dob(c), on) for c in self.children_of[adult])
        adult_age = _age(self.dob(adult), on)
        gap: object = adult_age - oldest
        orr = self.orr.get(child, [{}])[0]
        given_back = orr.get("discharge_type") == "PARENT" or any(
            stay["book_out_reason"] == "REUNIFIED" for stay in self.ice.get(adult, [])
        )
        alone = len(self.adults_of[child]) == 1
        if not fine and alone and adult_age > 18 and 17 <= adult_age - oldest <= 28:
            gap = "17-28"
        common = (
            self.people[adult]["sex"],
            surname_relation(self.surnames(adult), self.surnames(child)),
            gap,
            len(self.adults_of[child]),
            crossing.get("relationship", "?"),
            kin_word(orr.get("parent_name_reported", "")),
            given_back,
            bool(row["parent_removed_on"]),
        )
        if alone and not fine:
            return common
        unit = crossing.get("family_unit_id", "")
        return (
            *common,
            adult_cbp.get("relationship", "?"),
            bool(unit) and unit == adult_cbp.get("family_unit_id"),
            bool(orr.get("parent_a_number_reported")),
            orr.get("discharge_type", ""),
        )

    @staticmethod
    def _crossed_on(crossing: dict[str, str]) -> date | None:
        text = crossing.get("apprehended_on", "")
        try:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                return _iso(text)
            match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
            if match:
                month, day, year = (int(g) for g in match.groups())
                return date(year, month, day)
        except ValueError:
            pass
        return None


@dataclass(frozen=True)
class Ceiling:
    true_pairs: int
    non_parent_pairs: int
    mixed_non_parents: int
    best_recall_at_target: float
    best_precision_at_target: float


def ceiling(world: World, *, fine: bool) -> Ceiling:
    cells: dict[tuple[object, ...], Counter[bool]] = defaultdict(Counter)
    for row in world.families:
        if row["separated"] != "Y":
            continue
        is_parent = row["relationship"] == "PARENT"
        cells[world.cell(row, fine=fine)][is_parent] += 1
    true_pairs = sum(c[True] for c in cells.values())
    non_parents = sum(c[False] for c in cells.values())
    mixed = sum(c[False] for c in cells.values() if c[True] and c[False])
    # Confirm the purest cells first; the last cell may be confirmed in part.
    ordered = sorted(cells.values(), key=lambda c: c[True] / (c[True] + c[False]), reverse=True)
    best_recall = best_precision = 0.0
    tp = fp = 0.0
    recall_settled = False
    for counts in ordered:
        parents, others = counts[True], counts[False]
        if parents == 0:
            break
        if not recall_settled:
            # Largest share s of this cell keeping (tp + s*p) / (tp + fp + s*(p+o)) >= target.
            room = (1 - TARGET) * tp - TARGET * fp
            need = TARGET * others - (1 - TARGET) * parents
            share = 1.0 if need <= 0 or room >= need else max(0.0, room / need)
            best_recall = (tp + share * parents) / true_pairs
            recall_settled = share < 1.0
        if not best_precision and tp + parents >= TARGET * true_pairs:
            # Smallest share of this cell that lifts recall to the target.
            take = (TARGET * true_pairs - tp) / parents
            best_precision = (tp + take * parents) / (tp + fp + take * (parents + others))
        tp += parents
        fp += others
    return Ceiling(true_pairs, non_parents, mixed, best_recall, best_precision)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--families", type=int, default=10_000)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 2018])
    parser.add_argument("--world", type=Path, help="score this world folder instead")
    args = parser.parse_args()
    print(
        "| world | cells | true pairs | other relatives separated | of them in mixed cells "
        "| best R at P>=0.995 | best P at R>=0.995 |"
    )
    print("|---|---|---|---|---|---|---|")
    worlds: list[tuple[str, Path | None]] = (
        [(str(args.world), args.world)] if args.world else [(f"seed {s}", None) for s in args.seeds]
    )
    for label, given in worlds:
        with tempfile.TemporaryDirectory(prefix="amparo-ceiling-") as scratch:
            folder = given or Path(scratch)
            if given is None:
                synth_to_dir(args.families, int(label.split()[1]), folder)
            world = World(folder)
            for fine in (False, True):
                result = ceiling(world, fine=fine)
                print(
                    f"| {label} | {'every field' if fine else 'sufficient'} "
                    f"| {result.true_pairs:,} | {result.non_parent_pairs} "
                    f"| {result.mixed_non_parents} | {result.best_recall_at_target:.4f} "
                    f"| {result.best_precision_at_target:.4f} |"
                )


if __name__ == "__main__":
    main()
