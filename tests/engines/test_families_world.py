"""The family engine on a small synthetic world, against its truth: quality, invariance
to record order, broken records, relatives who are not parents, and an imperfect
clustering of records into people."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pytest

from amparo.engines.extracts.spec import SPECS, Source
from amparo.engines.families import FamilyResult, infer_families
from amparo.engines.families.names import parse_reported_parent
from amparo.engines.linkage.quality import records_from_rows
from amparo.engines.linkage.types import RecordIn, RecordKey
from amparo.engines.synth import SynthConfig, World, generate_world

FAMILIES = 200
SEED = 2018


@dataclass(frozen=True)
class Loaded:
    world: World
    records: tuple[RecordIn, ...]
    person_of: Mapping[RecordKey, str]


def load_world(families: int, seed: int) -> Loaded:
    """The world's extracts as the extracts engine keeps them, and the true people."""
    world = generate_world(SynthConfig(families=families, seed=seed))
    records = tuple(records_from_rows(world.rows))
    person_of = {(source, record_id): person for source, record_id, person in world.records}
    return Loaded(world, records, person_of)


@dataclass(frozen=True)
class Scores:
    recall: float  # confirmed only
    precision: float  # confirmed only
    recall_with_review: float
    review_share: float


def evaluate(result: FamilyResult, world: World, person_of: Mapping[RecordKey, str]) -> Scores:
    """Separated parent-child pairs against truth/families.csv, true people mapped to the
    clustering's keys (each to the key holding most of its records)."""
    votes: dict[str, Counter[str]] = {}
    for source, record_id, person in world.records:
        votes.setdefault(person, Counter())[person_of[(source, record_id)]] += 1
    key_of = {p: min(c, key=lambda k: (-c[k], k)) for p, c in votes.items()}
    truth = {
        (key_of[row["parent_id"]], key_of[row["child_id"]])
        for row in world.families
        if row["relationship"] == "PARENT" and row["separated"] == "Y"
    }
    confirmed = {(s.parent_key, s.child_key) for s in result.separations if s.status == "confirmed"}
    review = {(s.parent_key, s.child_key) for s in result.separations if s.status == "review"}
    return Scores(
        recall=len(confirmed & truth) / len(truth),
        precision=len(confirmed & truth) / max(1, len(confirmed)),
        recall_with_review=len((confirmed | review) & truth) / len(truth),
        review_share=len(review) / len(truth),
    )


@pytest.fixture(scope="module")
def small() -> Loaded:
    return load_world(FAMILIES, SEED)


@pytest.fixture(scope="module")
def result(small: Loaded) -> FamilyResult:
    return infer_families(small.records, small.person_of)


def test_separated_pairs_are_found_with_the_true_people(
    small: Loaded, result: FamilyResult
) -> None:
    scores = evaluate(result, small.world, small.person_of)
    assert scores.recall >= 0.99
    assert scores.precision >= 0.99
    assert scores.recall_with_review >= 0.99
    assert scores.review_share <= 0.03


def test_dates_follow_orr_and_ice(small: Loaded, result: FamilyResult) -> None:
    truth = {
        (row["parent_id"], row["child_id"]): row
        for row in small.world.families
        if row["relationship"] == "PARENT" and row["separated"] == "Y"
    }
    found = [s for s in result.separations if (s.parent_key, s.child_key) in truth]
    assert found
    for field in ("separated_on", "reunified_on", "parent_removed_on"):
        same = sum(
            (getattr(s, field) or "") == truth[(s.parent_key, s.child_key)][field] for s in found
        )
        assert same >= 0.99 * len(found), field


def test_every_separation_carries_its_evidence(result: FamilyResult) -> None:
    fields = Counter(item.field for s in result.separations for item in s.evidence)
    for field in ("apprehension", "family_unit_id", "disposition", "parent_name_reported"):
        assert fields[field] == len(result.separations), field
    assert {r.kind for r in result.review} <= {"parent_child"}
    assert {(r.left, r.right) for r in result.review} == {
        (s.parent_key, s.child_key) for s in result.separations if s.status == "review"
    }
    assert all(0.0 <= s.score <= 1.0 for s in result.separations)


def _fingerprint(result: FamilyResult) -> tuple[object, ...]:
    return (
        tuple((s.parent_key, s.child_key, s.status, s.score) for s in result.separations),
        tuple(
            (link.adult_key, link.child_key, link.relationship, link.score) for link in result.links
        ),
    )


def test_record_order_does_not_matter(small: Loaded, result: FamilyResult) -> None:
    shuffled = list(small.records)
    random.Random(5).shuffle(shuffled)
    assert _fingerprint(infer_families(shuffled, small.person_of)) == _fingerprint(result)


def _garbage() -> list[RecordIn]:
    nothing = dict.fromkeys(SPECS[Source.CBP].columns)
    return [
        RecordIn("cbp_apprehensions", "JUNK-1", {**nothing, "a_number": "999999999"}),
        RecordIn(
            "orr_referrals",
            "JUNK-2",
            {
                "first_name": "@@@",
                "last_name": "???",
                "given_names_key": None,
                "surnames_key": None,
                "dob": "not a date",
                "referred_on": "2018-13-45",
                "parent_name_reported": ",,, mi mamá , ,",
                "discharge_type": "PARENT",
                "discharged_on": "tomorrow",
            },
        ),
        RecordIn("ice_detention", "JUNK-3", {}),
        RecordIn("somewhere_else", "JUNK-4", {"sector": "RGV", "apprehended_on": "2018-05-01"}),
    ]


def test_garbage_records_never_crash_and_link_to_nobody(small: Loaded) -> None:
    junk = _garbage()
    person_of = {**small.person_of, **{r.key: f"junk-{r.record_id}" for r in junk}}
    result = infer_families([*small.records, *junk], person_of)
    keys = {f"junk-{r.record_id}" for r in junk}
    assert not {link.adult_key for link in result.links} & keys
    assert not {link.child_key for link in result.links} & keys
    assert not {s.parent_key for s in result.separations} & keys


def _says_not_a_parent(
    world: World, records: Iterable[RecordIn], person_of: Mapping[RecordKey, str]
) -> set[str]:
    """Children whose own records say the adult with them is no parent: a non-CHILD code
    at booking, or a kin word for another relative in what they told ORR."""
    children: set[str] = set()
    for record in records:
        person = person_of[record.key]
        if record.source == "cbp_apprehensions" and record.fields.get("relationship") in (
            "OTHER",
            "SIBLING",
        ):
            children.add(person)
        if record.source == "orr_referrals":
            reported = parse_reported_parent(record.fields.get("parent_name_reported"))
            if reported is not None and reported.kin not in (None, "PARENT"):
                children.add(person)
    return children


def test_relatives_who_are_not_parents_are_not_reported(
    small: Loaded, result: FamilyResult
) -> None:
    relatives = {
        (row["parent_id"], row["child_id"])
        for row in small.world.families
        if row["relationship"] != "PARENT"
    }
    told = _says_not_a_parent(small.world, small.records, small.person_of)
    reported = {(s.parent_key, s.child_key) for s in result.separations}
    confirmed = {(s.parent_key, s.child_key) for s in result.separations if s.status == "confirmed"}
    assert not {pair for pair in relatives & reported if pair[1] in told}
    assert len(relatives & confirmed) <= 0.01 * len(confirmed)


def imperfect(
    records: Sequence[RecordIn], person_of: Mapping[RecordKey, str], seed: int, split: float
) -> dict[RecordKey, str]:
    """A clustering with the linkage engine's kind of mistakes: `split` of the people
    have one record split off as a person of its own, and some look-alike adults (same
    surnames and given name) merged into one."""
    rng = random.Random(seed)
    by_person: dict[str, list[RecordKey]] = {}
    for record in sorted(records, key=lambda r: r.key):
        by_person.setdefault(person_of[record.key], []).append(record.key)
    out = dict(person_of)
    for person in sorted(by_person):
        keys = by_person[person]
        if len(keys) > 1 and rng.random() < split:
            out[rng.choice(keys)] = f"{person}~split"
    names: dict[tuple[object, object], list[str]] = {}
    for record in records:
        if record.source == "ice_detention":
            names.setdefault(
                (record.fields.get("given_names_key"), record.fields.get("surnames_key")), []
            ).append(person_of[record.key])
    merged = 0
    for people in names.values():
        distinct = sorted(set(people))
        if len(distinct) > 1 and merged < 5:
            for key, person in person_of.items():
                if person == distinct[1]:
                    out[key] = distinct[0]
            merged += 1
    return out


def test_an_imperfect_clustering_degrades_gracefully(small: Loaded) -> None:
    person_of = imperfect(small.records, small.person_of, seed=3, split=0.02)
    result = infer_families(small.records, person_of)
    scores = evaluate(result, small.world, person_of)
    assert scores.precision >= 0.97
    assert scores.recall_with_review >= 0.95
