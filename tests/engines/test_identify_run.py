"""identify and identify_dir with fake engines: how the engines' results are merged
into one result, and what a whole run writes."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

from amparo.engines.identify import (
    IdentifyConfig,
    IdentifyError,
    InputDirError,
    Progress,
    Stages,
    identify,
    identify_dir,
    read_extract_dir,
)
from amparo.engines.linkage.types import EvidenceItem, RecordIn, RecordKey, ReviewPair
from tests.engines.identify_fakes import (
    FakeFamilies,
    FakeLinks,
    FakeSeparation,
    families_from_units,
    link_by_name,
    write_small_extracts,
)

FAKES = Stages(link_people=link_by_name, infer_families=families_from_units)
ROSA, KEVIN, JUAN = "ROSA-1985-03-02", "KEVIN-2011-07-04", "JUAN-?"


def same_person(left: str, right: str, score: float) -> ReviewPair:
    return ReviewPair("same_person", left, right, score, ())


def stages_returning(links: FakeLinks, families: FakeFamilies) -> Stages:
    def link(
        records: Sequence[RecordIn], config: object, *, on_progress: Progress | None = None
    ) -> FakeLinks:
        return links

    def infer(
        records: Sequence[RecordIn], person_of: Mapping[RecordKey, str], config: object
    ) -> FakeFamilies:
        return families

    return Stages(link_people=link, infer_families=infer)


@pytest.fixture
def records(tmp_path: Path) -> tuple[RecordIn, ...]:
    return read_extract_dir(write_small_extracts(tmp_path / "extracts")).records


@pytest.fixture
def config() -> IdentifyConfig:
    return IdentifyConfig()


def test_it_links_people_then_finds_their_separations(
    records: tuple[RecordIn, ...], config: IdentifyConfig
) -> None:
    result = identify(records, config, stages=FAKES)

    assert set(result.person_of.values()) == {ROSA, KEVIN, JUAN}
    assert [(s.parent_key, s.child_key, s.status) for s in result.separations] == [
        (ROSA, KEVIN, "confirmed")
    ]
    assert result.versions == {
        "identify": "identify-1",
        "linkage": "fake-linkage-1",
        "families": "fake-families-1",
    }
    assert result.models == {"linkage": {"fake": "linkage"}, "families": {"fake": "families"}}
    assert set(result.timings) == {"linkage", "families"}


def test_it_records_both_engines_settings(
    records: tuple[RecordIn, ...], config: IdentifyConfig
) -> None:
    settings = identify(records, config, stages=FAKES).settings

    assert set(settings) == {"linkage", "families"}
    assert settings["linkage"] == json.loads(json.dumps(settings["linkage"]))


def test_each_pair_is_kept_once_with_the_stronger_claim(
    records: tuple[RecordIn, ...], config: IdentifyConfig
) -> None:
    person_of = {record.key: f"K{n}" for n, record in enumerate(records)}
    links = FakeLinks(
        person_of, review=(same_person("K1", "K0", 0.6), same_person("K0", "K1", 0.7))
    )
    families = FakeFamilies(
        (
            FakeSeparation("K0", "K1", None, "review", 0.8),
            FakeSeparation("K0", "K1", None, "confirmed", 0.95),
            FakeSeparation("K2", "K1", None, "review", 0.3),
        )
    )

    result = identify(records, config, stages=stages_returning(links, families))

    assert [(s.parent_key, s.status, s.score) for s in result.separations] == [
        ("K0", "confirmed", 0.95),
        ("K2", "review", 0.3),
    ]
    assert [(p.kind, p.left, p.right, p.score) for p in result.review] == [
        ("same_person", "K0", "K1", 0.7),
        ("parent_child", "K2", "K1", 0.3),
    ]


def test_a_separation_in_review_reaches_the_review_queue_with_its_evidence(
    records: tuple[RecordIn, ...], config: IdentifyConfig
) -> None:
    evidence = (EvidenceItem("surnames", "partial", "LOPEZ", "GOMEZ LOPEZ"),)
    person_of = {record.key: "K" for record in records}
    families = FakeFamilies((FakeSeparation("A", "B", None, "review", 0.5, evidence=evidence),))

    result = identify(records, config, stages=stages_returning(FakeLinks(person_of), families))

    assert result.review == (ReviewPair("parent_child", "A", "B", 0.5, evidence),)


def test_families_sees_a_key_for_every_record_even_one_linkage_left_out(
    records: tuple[RecordIn, ...], config: IdentifyConfig
) -> None:
    seen: list[Mapping[RecordKey, str]] = []

    def infer(
        records: Sequence[RecordIn], person_of: Mapping[RecordKey, str], config: object
    ) -> FakeFamilies:
        seen.append(person_of)
        return FakeFamilies(())

    linkage = stages_returning(FakeLinks({records[0].key: "K0"}), FakeFamilies(())).link_people

    result = identify(records, config, stages=Stages(linkage, infer))

    assert set(seen[0]) == {record.key for record in records}
    assert result.unlinked_records == len(records) - 1


def test_an_unknown_status_from_the_families_engine_stops_the_run(
    records: tuple[RecordIn, ...], config: IdentifyConfig
) -> None:
    families = FakeFamilies((FakeSeparation("A", "B", None, "maybe", 0.5),))
    stages = stages_returning(FakeLinks({}), families)

    with pytest.raises(IdentifyError, match="status 'maybe'"):
        identify(records, config, stages=stages)


def test_progress_is_reported_per_stage(
    records: tuple[RecordIn, ...], config: IdentifyConfig
) -> None:
    events: list[tuple[str, float]] = []

    identify(records, config, lambda *event: events.append(event), stages=FAKES)

    assert events == [
        ("linking people", 0.0),
        ("linking people: comparing", 0.4),
        ("finding families", 0.8),
        ("done", 1.0),
    ]


def test_identify_dir_reads_identifies_and_writes(tmp_path: Path, config: IdentifyConfig) -> None:
    events: list[tuple[str, float]] = []
    extracts = write_small_extracts(tmp_path / "extracts")

    summary = identify_dir(
        extracts, tmp_path / "out", config, lambda *event: events.append(event), stages=FAKES
    )

    assert [(stage, round(fraction, 3)) for stage, fraction in events] == [
        ("reading extracts", 0.0),
        ("linking people", 0.05),
        ("linking people: comparing", 0.39),
        ("finding families", 0.73),
        ("writing output", 0.9),
        ("done", 1.0),
    ]
    assert (summary.records, summary.rejected, summary.persons) == (4, 2, 3)
    assert (summary.separations_confirmed, summary.separations_review, summary.review) == (1, 0, 0)
    assert dict(summary.rows) == {
        "persons.csv": 4,
        "rejected.csv": 2,
        "separations.csv": 1,
        "review.csv": 0,
    }
    separations = (tmp_path / "out" / "separations.csv").read_text(encoding="utf-8")
    assert separations.splitlines()[1] == f"{ROSA},{KEVIN},2018-05-12,confirmed,0.9877"


def test_identify_dir_will_not_write_into_the_extracts_folder(
    tmp_path: Path, config: IdentifyConfig
) -> None:
    extracts = write_small_extracts(tmp_path)

    with pytest.raises(InputDirError, match="other than the extracts"):
        identify_dir(extracts, tmp_path / ".", config, stages=FAKES)

    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "cbp_apprehensions.csv",
        "orr_referrals.csv",
    ]
