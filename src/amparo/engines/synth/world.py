"""A whole synthetic world: the four extracts and the truth behind them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from random import Random

from amparo.engines.extracts.spec import SPECS, Source
from amparo.engines.synth.config import SynthConfig
from amparo.engines.synth.fates import FateDecider
from amparo.engines.synth.garbage import break_rows
from amparo.engines.synth.lives import Family, LifeBuilder, Override, Person, Registry
from amparo.engines.synth.names import LOOKALIKES
from amparo.engines.synth.rows import IdMint, Line, Renderer, id_mints

# Worlds this size and larger carry every kind of broken row at least once.
GUARANTEED_GARBAGE_FROM = 50

Row = dict[str, str]


@dataclass(frozen=True, slots=True)
class World:
    """Extract rows per source (in contract column order) and the truth tables.

    records: (source, record_id, person_id) for every row that describes a person.
    bad_rows: (source, record_id, problem) for every broken row, in file order.
    people, families: rows of truth/people.csv and truth/families.csv.
    family_groups: families that crossed together (lone children not counted).
    """

    config: SynthConfig
    rows: Mapping[Source, tuple[Row, ...]]
    records: tuple[tuple[str, str, str], ...]
    bad_rows: tuple[tuple[str, str, str], ...]
    people: tuple[Row, ...]
    families: tuple[Row, ...]
    family_groups: int


def _stream(seed: int, purpose: str) -> Random:
    # One generator per purpose, seeded by text (stable across runs, unlike hash()), so
    # that changing how one thing is drawn does not reshuffle everything else.
    return Random(f"amparo-synth/{seed}/{purpose}")


def _lookalikes(rng: Random, families: int) -> dict[int, Override]:
    """Heads of family who share a common full name and nearly a birth date."""
    if families < 20:
        return {}
    groups = max(2, families // 100)
    picks = rng.sample(range(families), k=min(families, groups * 3))
    overrides: dict[int, Override] = {}
    taken = 0
    for group in range(groups):
        given, surnames, sex, country = LOOKALIKES[group % len(LOOKALIKES)]
        anchor = date(1978, 1, 1) + timedelta(days=rng.randrange(12 * 365))
        size = rng.choice((2, 3))
        for index in picks[taken : taken + size]:
            dob = anchor + timedelta(days=rng.randint(-30, 30))
            overrides[index] = Override(given, surnames, sex, dob, country)
        taken += size
    return overrides


def _lives(config: SynthConfig) -> list[Family]:
    seed = config.seed
    builder = LifeBuilder(
        _stream(seed, "people"), Registry(_stream(seed, "a-numbers")), config.non_parent_share
    )
    overrides = _lookalikes(_stream(seed, "lookalikes"), config.families)
    separation = _stream(seed, "separation")
    families = [
        builder.family(
            separated=separation.random() < config.separated_share, override=overrides.get(i)
        )
        for i in range(config.families)
    ]
    lone = round(config.families * config.unaccompanied_per_family)
    families.extend(builder.lone_child() for _ in range(lone))
    fates = FateDecider(_stream(seed, "fates"), removed_share=config.removed_share)
    for family in families:
        fates.decide(family)
    return families


def _people_table(families: list[Family]) -> tuple[Row, ...]:
    people: list[Person] = [adult.person for family in families for adult in family.adults]
    people.extend(child.person for family in families for child in family.children)
    people.sort(key=lambda person: person.person_id)
    return tuple(
        {
            "person_id": person.person_id,
            "given_names": person.given,
            "surnames": " ".join(person.surnames),
            "dob": person.dob.isoformat(),
            "sex": person.sex,
            "citizenship": person.country,
            "language": person.language,
        }
        for person in people
    )


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""


def _families_table(families: list[Family]) -> tuple[Row, ...]:
    return tuple(
        {
            "parent_id": adult.person.person_id,
            "child_id": child.person.person_id,
            "relationship": adult.relationship,
            "separated": "Y" if family.separated else "N",
            "separated_on": _iso(child.referred_on) if family.separated else "",
            "reunified_on": _iso(child.discharged_on) if child.reunified_with == index else "",
            "parent_removed_on": _iso(adult.removed_on),
        }
        for family in families
        for index, adult in enumerate(family.adults)
        for child in family.children
    )


def generate_world(config: SynthConfig) -> World:
    """Build the world `config` describes; the same config always gives the same world."""
    seed = config.seed
    families = _lives(config)
    mints = id_mints(_stream(seed, "ids"))
    renderer = Renderer(_stream(seed, "rows"), mints, IdMint(_stream(seed, "units"), "FMU", 8))
    for family in families:
        renderer.render(family)
    lines: dict[Source, list[Line]] = renderer.lines
    order = _stream(seed, "order")
    for source in Source:
        # Agencies do not list a family's members next to each other.
        order.shuffle(lines[source])
    break_rows(
        lines,
        _stream(seed, "garbage"),
        mints,
        fraction=config.garbage_fraction,
        guarantee=config.families >= GUARANTEED_GARBAGE_FROM,
    )
    records = tuple(
        (source.value, line.row[SPECS[source].id_column], line.person_id)
        for source in Source
        for line in lines[source]
        if line.person_id is not None
    )
    bad_rows = tuple(
        (source.value, line.row[SPECS[source].id_column], line.problem.value)
        for source in Source
        for line in lines[source]
        if line.problem is not None
    )
    return World(
        config=config,
        rows={source: tuple(line.row for line in lines[source]) for source in Source},
        records=records,
        bad_rows=bad_rows,
        people=_people_table(families),
        families=_families_table(families),
        family_groups=config.families,
    )
