"""The family engine's public API on hand-made families: what it reports, and when it
refuses its input."""

from __future__ import annotations

import json
from collections.abc import Mapping

import pytest

from amparo.engines.extracts.spec import Source
from amparo.engines.families import (
    FAMILY_MODEL_VERSION,
    FamilyConfig,
    FamilyError,
    FamilyResult,
    infer_families,
)
from amparo.engines.linkage.types import RecordIn, RecordKey
from tests.engines.test_families_names import record

BOOKED = {"apprehended_on": "2018-05-10", "sector": "RGV"}


def _mother(key: str, *, disposition: str = "PROSECUTION", removed: bool = False) -> list[RecordIn]:
    ice = {"book_in_on": "2018-05-14"}
    if removed:
        ice |= {"book_out_on": "2018-06-20", "book_out_reason": "REMOVED", "removed_to": "GTM"}
    return [
        record(
            Source.CBP,
            f"E{key}",
            first_name="Rosa María",
            last_name="LÓPEZ RAMOS",
            dob="1984-03-02",
            sex="F",
            citizenship="GUATEMALA",
            a_number="A 201-555-017",
            disposition=disposition,
            relationship="HEAD",
            **BOOKED,
        ),
        record(
            Source.ICE,
            f"I{key}",
            full_name="LOPEZ RAMOS, ROSA MARIA",
            dob="1984-03-02",
            sex="F",
            a_number="201555017",
            **ice,
        ),
    ]


def _child(
    key: str,
    *,
    report: str = "mi mamá Rosa",
    referred: bool = True,
    discharge: Mapping[str, str] = {},
) -> list[RecordIn]:
    cbp = record(
        Source.CBP,
        f"E{key}",
        first_name="Ana",
        last_name="Pérez López",
        dob="2010-07-01",
        sex="F",
        citizenship="GTM",
        relationship="CHILD",
        disposition="ORR_TRANSFER" if referred else "ICE_FAMILY",
        **BOOKED,
    )
    if not referred:
        return [cbp]
    orr = record(
        Source.ORR,
        f"O{key}",
        first_name="Ana",
        last_name="Pérez López",
        dob="2010-07-01",
        sex="F",
        citizenship="Guatemala",
        referred_on="5/12/2018",
        referred_by="CBP",
        parent_name_reported=report,
        **discharge,
    )
    return [cbp, orr]


def _run(*people: tuple[str, list[RecordIn]], config: FamilyConfig | None = None) -> FamilyResult:
    records = [r for _, rs in people for r in rs]
    person_of: dict[RecordKey, str] = {r.key: key for key, rs in people for r in rs}
    return infer_families(records, person_of, config or FamilyConfig())


def test_a_separated_mother_and_child_are_confirmed_with_their_dates() -> None:
    discharge = {"discharged_on": "2018-07-20", "discharge_type": "PARENT"}
    mother = _mother("M")
    # ICE released her to be reunited the day ORR discharged the child to a parent.
    mother[1] = record(
        Source.ICE,
        "IM",
        full_name="LOPEZ RAMOS, ROSA MARIA",
        dob="1984-03-02",
        sex="F",
        book_in_on="2018-05-14",
        book_out_on="2018-07-20",
        book_out_reason="REUNIFIED",
    )
    result = _run(("mother", mother), ("child", _child("C", discharge=discharge)))
    (separation,) = result.separations
    assert (separation.parent_key, separation.child_key) == ("mother", "child")
    assert separation.status == "confirmed"
    assert separation.separated_on == "2018-05-12"
    assert separation.reunified_on == "2018-07-20"
    assert separation.parent_removed_on is None
    (link,) = result.links
    assert link.relationship == "PARENT"
    assert result.review == ()
    assert result.version == FAMILY_MODEL_VERSION
    json.dumps(result.model)  # the run record stores it as JSON


def test_a_removed_parent_shows_the_removal() -> None:
    result = _run(("mother", _mother("M", removed=True)), ("child", _child("C")))
    (separation,) = result.separations
    assert separation.parent_removed_on == "2018-06-20"


def test_a_family_kept_together_is_linked_but_not_separated() -> None:
    result = _run(
        ("mother", _mother("M", disposition="ICE_FAMILY")), ("child", _child("C", referred=False))
    )
    assert result.separations == ()
    assert [(link.adult_key, link.child_key) for link in result.links] == [("mother", "child")]


def test_a_grandmother_is_never_reported_as_a_separated_parent() -> None:
    grandmother = [
        record(
            Source.CBP,
            "EG",
            first_name="Rosa",
            last_name="Ramos Cruz",
            dob="1956-01-01",
            sex="F",
            citizenship="GTM",
            relationship="HEAD",
            disposition="PROSECUTION",
            **BOOKED,
        ),
        record(Source.ICE, "IG", full_name="RAMOS CRUZ, ROSA", dob="1956-01-01", sex="F"),
    ]
    result = _run(("grandmother", grandmother), ("child", _child("C", report="mi abuela Rosa")))
    assert result.separations == ()
    (link,) = result.links
    assert link.relationship == "GRANDPARENT"


def test_an_unsure_pair_goes_to_review_not_to_a_guess() -> None:
    # A parent with nothing but the booking and the surname, under a strict threshold.
    strict = FamilyConfig(confirm_threshold=0.999)
    result = _run(("mother", _mother("M")), ("child", _child("C", report="")), config=strict)
    (separation,) = result.separations
    assert separation.status == "review"
    (pair,) = result.review
    assert (pair.kind, pair.left, pair.right, pair.score) == (
        "parent_child",
        "mother",
        "child",
        separation.score,
    )
    assert pair.evidence == separation.evidence


def test_nothing_in_nothing_out() -> None:
    result = infer_families([], {})
    assert (result.links, result.separations, result.review) == ((), (), ())


def test_a_record_without_a_person_is_refused() -> None:
    records = _mother("M")
    with pytest.raises(FamilyError, match="no person"):
        infer_families(records, {records[0].key: "mother"})


def test_a_record_given_twice_is_refused() -> None:
    records = _mother("M")
    with pytest.raises(FamilyError, match="twice"):
        infer_families([*records, records[0]], {r.key: "mother" for r in records})


@pytest.mark.parametrize(
    "settings",
    [
        {"confirm_threshold": 1.5},
        {"review_threshold": -0.1},
        {"confirm_threshold": 0.5, "review_threshold": 0.6},
        {"family_child_share": 1.0},
        {"free_adult_family_share": 0.0},
        {"role_slip": 0.0},
        {"referral_window_days": -1},
        {"relation_priors": (("PARENT", 1.0),)},
    ],
)
def test_settings_out_of_range_are_refused(settings: dict[str, object]) -> None:
    with pytest.raises(FamilyError):
        FamilyConfig(**settings)  # type: ignore[arg-type]
