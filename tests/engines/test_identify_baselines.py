"""The baselines identification is measured against: what they link and what they
call a separation."""

from __future__ import annotations

from pathlib import Path

from amparo.engines.identify import read_extract_dir
from amparo.engines.identify.baselines import (
    BaselineSeparation,
    GenericSplinkConfig,
    generic_splink_identify,
    naive_identify,
    unit_rule_separations,
)
from amparo.engines.identify.baselines.naive import naive_person_of
from amparo.engines.linkage.types import RecordIn
from amparo.engines.synth import synth_to_dir

CBP, ORR = "cbp_apprehensions", "orr_referrals"


def record(source: str, record_id: str, **fields: str) -> RecordIn:
    return RecordIn(source, record_id, fields)


HEAD = record(CBP, "E1", family_unit_id="U1", relationship="HEAD", a_number="201555017")
TAKEN = record(
    CBP,
    "E2",
    family_unit_id="U1",
    relationship="CHILD",
    disposition="ORR_TRANSFER",
    apprehended_on="2018-05-10",
)
KEPT = record(CBP, "E3", family_unit_id="U1", relationship="CHILD", disposition="ICE_FAMILY")
NO_UNIT = record(CBP, "E4", relationship="CHILD", disposition="ORR_TRANSFER")
SPOUSE = record(CBP, "E5", family_unit_id="U1", relationship="SPOUSE")
ORR_CHILD = record(ORR, "O1", a_number="201555017")


def test_the_naive_join_links_identical_a_numbers_only() -> None:
    person_of = naive_person_of([HEAD, TAKEN, ORR_CHILD])

    assert person_of == {
        HEAD.key: "A201555017",
        TAKEN.key: "R:cbp_apprehensions:E2",
        ORR_CHILD.key: "A201555017",
    }


def test_the_unit_rule_pairs_heads_with_children_sent_to_orr() -> None:
    records = [HEAD, TAKEN, KEPT, NO_UNIT, SPOUSE]
    person_of = {r.key: r.record_id for r in records}

    separations = unit_rule_separations(records, person_of)

    assert separations == (BaselineSeparation("E1", "E2", "2018-05-10"),)


def test_the_unit_rule_skips_a_pair_that_is_one_person() -> None:
    records = [HEAD, TAKEN]

    assert unit_rule_separations(records, {HEAD.key: "same", TAKEN.key: "same"}) == ()


def test_naive_identify_is_an_identify_result_with_nothing_in_review() -> None:
    result = naive_identify([HEAD, TAKEN, KEPT])

    assert [(s.parent_key, s.child_key, s.status) for s in result.separations] == [
        ("A201555017", "R:cbp_apprehensions:E2", "confirmed")
    ]
    assert result.review == ()
    assert result.versions["identify"] == "baseline:naive-a-number"


def test_generic_splink_gives_every_record_a_person(tmp_path: Path) -> None:
    synth_to_dir(20, 3, tmp_path)
    records = read_extract_dir(tmp_path).records

    result = generic_splink_identify(records, GenericSplinkConfig(seed=1))

    assert set(result.person_of) == {r.key for r in records}
    assert len(set(result.person_of.values())) < len(records)
    assert result.settings["seed"] == 1
