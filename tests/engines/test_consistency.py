"""The consistency engine, table-driven: each kind of contradiction, omissions and
dropped harms, the same fact told differently (no inconsistency), dates within the
tolerance and inside a vaguer date, ids that survive recomputation and reordering, the
first interview's context, and the gate on a negative determination. Then properties
over generated interviews: an account agrees with itself, and harm order changes
nothing.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from random import Random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from amparo.engines.consistency import (
    CONSISTENCY_VERSION,
    ApproxDate,
    ConsistencyConfig,
    ConsistencyError,
    ConsistencyResult,
    DatePrecision,
    Harm,
    HarmType,
    Interview,
    Kind,
    PerpetratorCategory,
    ProtectedGround,
    Separation,
    Severity,
    Topic,
    compare,
    negative_determination_check,
)

CONTRA, OMITTED, DROPPED = Kind.CONTRADICTION, Kind.OMISSION, Kind.DROPPED
HIGH, MEDIUM, LOW = Severity.HIGH, Severity.MEDIUM, Severity.LOW
PSG, POLITICAL = ProtectedGround.PARTICULAR_SOCIAL_GROUP, ProtectedGround.POLITICAL_OPINION

SEPARATED = date(2018, 5, 20)
FIRST_DAY = date(2018, 6, 12)
NEW_DAY = date(2019, 2, 4)
MARCH_10 = ApproxDate(date(2018, 3, 10))

# Ana's first interview: beaten by gang members in San Pedro Sula, in March 2018.
BEATING = Harm(HarmType.BEATING, MARCH_10, "San Pedro Sula", "pandilleros", ref="1")
FIRST = Interview(
    interviewed_on=FIRST_DAY,
    interpreter_language="Spanish",
    best_language="K'iche'",
    counsel_present=False,
    telephonic=True,
    harms=(BEATING,),
    protected_grounds=frozenset({PSG}),
    fear_of_persecution=True,
    fear_of_torture=False,
    internal_relocation_possible=True,
    state_protection_available=False,
)
NEW = replace(FIRST, interviewed_on=NEW_DAY, interpreter_language="K'iche'", counsel_present=True)
SEPARATION = Separation(separated_on=SEPARATED, knew_child_whereabouts=False)


def run(
    first: Interview = FIRST,
    new: Interview = NEW,
    config: ConsistencyConfig | None = None,
) -> ConsistencyResult:
    if config is None:
        return compare(first, new, separation=SEPARATION)
    return compare(first, new, separation=SEPARATION, config=config)


def told_now(*harms: Harm, **answers: object) -> Interview:
    return replace(NEW, harms=harms, **answers)  # type: ignore[arg-type]


def summary(result: ConsistencyResult) -> list[tuple[Kind, Topic, str, str, Severity]]:
    return [
        (i.kind, i.topic, i.first_value, i.new_value, i.severity) for i in result.inconsistencies
    ]


CONTRADICTIONS = [
    pytest.param(
        told_now(replace(BEATING, when=ApproxDate(date(2018, 5, 20)))),
        [(CONTRA, Topic.DATE, "2018-03-10", "2018-05-20", LOW)],
        id="date-beyond-tolerance",
    ),
    pytest.param(
        told_now(replace(BEATING, when=ApproxDate.of_month(2018, 5))),
        [(CONTRA, Topic.DATE, "2018-03-10", "2018-05", LOW)],
        id="month-beyond-tolerance",
    ),
    pytest.param(
        told_now(replace(BEATING, place="Tegucigalpa")),
        [(CONTRA, Topic.PLACE, "San Pedro Sula", "Tegucigalpa", MEDIUM)],
        id="different-place",
    ),
    pytest.param(
        told_now(replace(BEATING, perpetrator="la policía")),
        [(CONTRA, Topic.PERPETRATOR, "pandilleros [gang]", "la policía [police]", HIGH)],
        id="perpetrator-police-not-gang",
    ),
    pytest.param(
        told_now(replace(BEATING, perpetrator="vecinos", perpetrator_category=None)),
        [(CONTRA, Topic.PERPETRATOR, "pandilleros [gang]", "vecinos", MEDIUM)],
        id="perpetrator-different-words",
    ),
    pytest.param(
        told_now(
            replace(BEATING, perpetrator="a man", perpetrator_category=PerpetratorCategory.PARTNER)
        ),
        [(CONTRA, Topic.PERPETRATOR, "pandilleros [gang]", "a man [partner]", HIGH)],
        id="perpetrator-stated-category-differs",
    ),
    pytest.param(
        told_now(replace(BEATING, type=HarmType.KIDNAPPING)),
        [(CONTRA, Topic.HARM_TYPE, "beating", "kidnapping", MEDIUM)],
        id="harm-type",
    ),
    pytest.param(
        told_now(BEATING, protected_grounds=frozenset({POLITICAL})),
        [
            (CONTRA, Topic.PROTECTED_GROUND, "", "political_opinion", MEDIUM),
            (CONTRA, Topic.PROTECTED_GROUND, "particular_social_group", "", HIGH),
        ],
        id="ground-told-then-not-now",
    ),
    pytest.param(
        told_now(BEATING, protected_grounds=frozenset({PSG, POLITICAL})),
        [(CONTRA, Topic.PROTECTED_GROUND, "", "political_opinion", MEDIUM)],
        id="ground-told-now-not-then",
    ),
    pytest.param(
        told_now(BEATING, fear_of_persecution=False),
        [(CONTRA, Topic.FEAR_OF_PERSECUTION, "yes", "no", HIGH)],
        id="fear-of-persecution-flips",
    ),
    pytest.param(
        told_now(BEATING, fear_of_torture=True),
        [(CONTRA, Topic.FEAR_OF_TORTURE, "no", "yes", HIGH)],
        id="fear-of-torture-flips",
    ),
    pytest.param(
        told_now(BEATING, internal_relocation_possible=False),
        [(CONTRA, Topic.INTERNAL_RELOCATION, "yes", "no", MEDIUM)],
        id="relocation-flips",
    ),
    pytest.param(
        told_now(BEATING, state_protection_available=True),
        [(CONTRA, Topic.STATE_PROTECTION, "no", "yes", MEDIUM)],
        id="state-protection-flips",
    ),
    pytest.param(
        told_now(replace(BEATING, place="Tegucigalpa", when=ApproxDate(date(2018, 6, 1)))),
        [
            (CONTRA, Topic.DATE, "2018-03-10", "2018-06-01", LOW),
            (CONTRA, Topic.PLACE, "San Pedro Sula", "Tegucigalpa", MEDIUM),
        ],
        id="date-and-place-of-one-harm",
    ),
]


@pytest.mark.parametrize(("new", "expected"), CONTRADICTIONS)
def test_contradictions(new: Interview, expected: list[tuple[object, ...]]) -> None:
    result = run(new=new)
    assert summary(result) == expected
    harm_pairs = [(i.first_harm, i.new_harm) for i in result.inconsistencies]
    if expected[0][1] in {Topic.DATE, Topic.PLACE, Topic.PERPETRATOR, Topic.HARM_TYPE}:
        assert harm_pairs == [(BEATING, new.harms[0])] * len(expected)
    else:
        assert harm_pairs == [(None, None)] * len(expected)


KIDNAPPING = Harm(
    HarmType.KIDNAPPING, ApproxDate.of_month(2017, 11), "Choloma", "unos hombres armados"
)
RAPE = Harm(HarmType.SEXUAL_VIOLENCE, ApproxDate.of_year(2016), "casa", "mi pareja")


@pytest.mark.parametrize(
    ("first_harms", "new_harms", "expected"),
    [
        pytest.param(
            (BEATING,),
            (BEATING, KIDNAPPING),
            [(OMITTED, Topic.HARM, "", str(KIDNAPPING), MEDIUM)],
            id="omission-told-now-not-then",
        ),
        pytest.param(
            (BEATING,),
            (RAPE, BEATING),
            [(OMITTED, Topic.HARM, "", str(RAPE), LOW)],
            id="omission-of-sexual-violence-expected-more-than-suspect",
        ),
        pytest.param(
            (BEATING, KIDNAPPING),
            (BEATING,),
            [(DROPPED, Topic.HARM, str(KIDNAPPING), "", LOW)],
            id="dropped-told-then-not-now",
        ),
        pytest.param(
            (KIDNAPPING,),
            (BEATING,),
            [
                (OMITTED, Topic.HARM, "", str(BEATING), MEDIUM),
                (DROPPED, Topic.HARM, str(KIDNAPPING), "", LOW),
            ],
            id="different-harms-are-not-one-harm-contradicted",
        ),
        pytest.param(
            (),
            (BEATING,),
            [(OMITTED, Topic.HARM, "", str(BEATING), MEDIUM)],
            id="nothing-told-then",
        ),
    ],
)
def test_omitted_and_dropped_harms(
    first_harms: tuple[Harm, ...], new_harms: tuple[Harm, ...], expected: list[tuple[object, ...]]
) -> None:
    result = run(first=replace(FIRST, harms=first_harms), new=told_now(*new_harms))
    assert summary(result) == expected


def test_an_omission_carries_only_the_harm_told_now() -> None:
    (omission,) = run(new=told_now(BEATING, KIDNAPPING)).inconsistencies
    assert (omission.first_harm, omission.new_harm, omission.match_score) == (
        None,
        KIDNAPPING,
        None,
    )


@pytest.mark.parametrize(
    "new_harm",
    [
        pytest.param(replace(BEATING, perpetrator="gang members"), id="spanish-vs-english"),
        pytest.param(replace(BEATING, perpetrator="los mareros"), id="slang-for-gang"),
        pytest.param(replace(BEATING, perpetrator="la MS-13"), id="gang-named-now"),
        pytest.param(
            replace(BEATING, place="SAN PEDRO SULA.", perpetrator="Pandilleros!"),
            id="case-and-punctuation",
        ),
        pytest.param(replace(BEATING, place="San Pedro Zula"), id="a-typo"),
        pytest.param(replace(BEATING, place="mi casa en San Pedro Sula"), id="more-detail"),
        pytest.param(replace(BEATING, when=ApproxDate(date(2018, 3, 20))), id="date-in-tolerance"),
        pytest.param(replace(BEATING, when=ApproxDate.of_month(2018, 3)), id="vaguer-date-now"),
        pytest.param(replace(BEATING, when=None), id="no-date-now"),
        pytest.param(replace(BEATING, place=""), id="no-place-now"),
        pytest.param(replace(BEATING, type=HarmType.OTHER), id="type-other-contradicts-none"),
        pytest.param(replace(BEATING, ref="7"), id="renumbered"),
    ],
)
def test_the_same_fact_told_differently_is_no_inconsistency(new_harm: Harm) -> None:
    assert run(new=told_now(new_harm)).inconsistencies == ()


@pytest.mark.parametrize(
    ("then", "now"),
    [
        pytest.param("la policía", "the police", id="police-es-en"),
        pytest.param("MS-13", "Mara Salvatrucha", id="ms13-full-name"),
        pytest.param("mi esposo", "my husband", id="husband-es-en"),
        pytest.param("el ejército", "soldiers", id="army-soldiers"),
        pytest.param("Policía Nacional Civil", "police officers", id="pnc"),
    ],
)
def test_perpetrator_variants_read_as_one(then: str, now: str) -> None:
    first = replace(FIRST, harms=(replace(BEATING, perpetrator=then),))
    assert run(first=first, new=told_now(replace(BEATING, perpetrator=now))).inconsistencies == ()


@pytest.mark.parametrize(
    ("then", "now"),
    [
        pytest.param("Ciudad de Guatemala", "Guatemala City", id="word-order-and-language"),
        pytest.param("Soyapango, San Salvador", "san salvador soyapango", id="word-order"),
        pytest.param("Colonia Rivera Hernández", "colonia rivera hernandez", id="accents"),
    ],
)
def test_place_variants_read_as_one(then: str, now: str) -> None:
    first = replace(FIRST, harms=(replace(BEATING, place=then),))
    assert run(first=first, new=told_now(replace(BEATING, place=now))).inconsistencies == ()


@pytest.mark.parametrize(
    ("then", "now", "tolerance", "contradicted"),
    [
        pytest.param(MARCH_10, ApproxDate(date(2018, 3, 24)), 14, False, id="14-days-at-14"),
        pytest.param(MARCH_10, ApproxDate(date(2018, 3, 25)), 14, True, id="15-days-at-14"),
        pytest.param(MARCH_10, ApproxDate(date(2018, 3, 25)), 30, False, id="wider-knob"),
        pytest.param(
            ApproxDate.of_month(2018, 3), ApproxDate(date(2018, 3, 31)), 0, False, id="day-in-month"
        ),
        pytest.param(
            ApproxDate.of_month(2018, 3),
            ApproxDate(date(2018, 4, 1)),
            0,
            True,
            id="day-after-month",
        ),
        pytest.param(
            ApproxDate.of_month(2018, 3), ApproxDate(date(2018, 4, 14)), 14, False, id="month-edge"
        ),
        pytest.param(
            ApproxDate.of_year(2018), ApproxDate(date(2018, 12, 2)), 0, False, id="in-year"
        ),
        pytest.param(
            ApproxDate.of_year(2017), ApproxDate.of_month(2018, 3), 14, True, id="year-off"
        ),
        pytest.param(
            ApproxDate(date(2018, 3, 31), DatePrecision.MONTH),
            ApproxDate(date(2018, 3, 1)),
            0,
            False,
            id="day-below-month-precision-ignored",
        ),
    ],
)
def test_dates_respect_the_stated_precision(
    then: ApproxDate, now: ApproxDate, tolerance: int, contradicted: bool
) -> None:
    first = replace(FIRST, harms=(replace(BEATING, when=then),))
    config = ConsistencyConfig(date_tolerance_days=tolerance)
    result = run(first=first, new=told_now(replace(BEATING, when=now)), config=config)
    assert [i.topic for i in result.inconsistencies] == ([Topic.DATE] if contradicted else [])


def test_a_different_gang_is_a_different_perpetrator() -> None:
    first = replace(FIRST, harms=(replace(BEATING, perpetrator="MS-13"),))
    result = run(first=first, new=told_now(replace(BEATING, perpetrator="Barrio 18")))
    assert summary(result) == [
        (CONTRA, Topic.PERPETRATOR, "MS-13 [gang]", "Barrio 18 [gang]", MEDIUM)
    ]


def test_harms_pair_by_content_not_by_position() -> None:
    first = replace(FIRST, harms=(KIDNAPPING, BEATING))
    moved = replace(BEATING, place="Tegucigalpa")
    result = run(first=first, new=told_now(moved, KIDNAPPING))
    assert summary(result) == [(CONTRA, Topic.PLACE, "San Pedro Sula", "Tegucigalpa", MEDIUM)]
    assert result.inconsistencies[0].first_harm == BEATING


def test_contradictions_come_before_omissions_before_dropped() -> None:
    first = replace(FIRST, harms=(BEATING, RAPE))
    new = told_now(replace(BEATING, place="Tegucigalpa"), KIDNAPPING, fear_of_torture=True)
    kinds = [i.kind for i in run(first=first, new=new).inconsistencies]
    assert kinds == [CONTRA, CONTRA, OMITTED, DROPPED]


# --- ids ------------------------------------------------------------------------------

MANY_FIRST = replace(FIRST, harms=(BEATING, RAPE, KIDNAPPING))
MANY_NEW = told_now(
    replace(KIDNAPPING, place="Tegucigalpa"),
    replace(BEATING, when=ApproxDate(date(2018, 6, 1))),
    Harm(HarmType.EXTORTION, None, "el mercado", "la MS"),
    fear_of_torture=True,
)


def test_ids_are_stable_across_calls() -> None:
    assert run(MANY_FIRST, MANY_NEW).ids == run(MANY_FIRST, MANY_NEW).ids


def test_ids_do_not_depend_on_harm_order_or_refs() -> None:
    reordered_first = replace(MANY_FIRST, harms=tuple(reversed(MANY_FIRST.harms)))
    reordered_new = replace(MANY_NEW, harms=tuple(reversed(MANY_NEW.harms)))
    renumbered = replace(MANY_NEW, harms=tuple(replace(h, ref="z") for h in MANY_NEW.harms))
    ids = run(MANY_FIRST, MANY_NEW).ids
    assert run(reordered_first, reordered_new).ids == ids
    assert run(MANY_FIRST, renumbered).ids == ids


def test_ids_change_with_what_was_said() -> None:
    before = run(new=told_now(replace(BEATING, place="Tegucigalpa")))
    after = run(new=told_now(replace(BEATING, place="Choloma")))
    assert before.ids != after.ids


def test_ids_are_unique_even_for_a_harm_entered_twice() -> None:
    result = run(new=told_now(BEATING, KIDNAPPING, replace(KIDNAPPING, ref="again")))
    assert [i.kind for i in result.inconsistencies] == [OMITTED, OMITTED]
    assert len(set(result.ids)) == 2
    assert result.ids[1] == f"{result.ids[0]}-2"


def test_result_names_the_engine_version_and_finds_by_id() -> None:
    result = run(MANY_FIRST, MANY_NEW)
    assert result.version == CONSISTENCY_VERSION == "consistency-1"
    assert all(result.get(i).id == i for i in result.ids)
    assert result.of_kind(OMITTED) == tuple(i for i in result.inconsistencies if i.kind is OMITTED)
    with pytest.raises(KeyError):
        result.get("inc-missing")


# --- the first interview's context -------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "separation", "expected"),
    [
        pytest.param(
            FIRST,
            SEPARATION,
            {
                "separated_at_interview": True,
                "days_separated": 23,
                "knew_child_whereabouts": False,
                "language_mismatch": True,
                "counsel_absent": True,
                "telephonic": True,
            },
            id="separated-23-days-in-a-second-language-by-phone-alone",
        ),
        pytest.param(
            replace(
                FIRST,
                interpreter_language="es",
                best_language="Español",
                counsel_present=True,
                telephonic=False,
            ),
            Separation(separated_on=FIRST_DAY, knew_child_whereabouts=True),
            {
                "separated_at_interview": True,
                "days_separated": 0,
                "knew_child_whereabouts": True,
                "language_mismatch": False,
                "counsel_absent": False,
                "telephonic": False,
            },
            id="same-day-own-language-with-counsel",
        ),
        pytest.param(
            replace(FIRST, interpreter_language=None, counsel_present=None, telephonic=None),
            Separation(),
            {
                "separated_at_interview": None,
                "days_separated": None,
                "knew_child_whereabouts": None,
                "language_mismatch": None,
                "counsel_absent": None,
                "telephonic": None,
            },
            id="nothing-recorded-is-unknown",
        ),
        pytest.param(
            FIRST,
            Separation(separated_on=date(2018, 7, 1)),
            {"separated_at_interview": False, "days_separated": None},
            id="interviewed-before-the-separation",
        ),
    ],
)
def test_first_interview_context(
    first: Interview, separation: Separation, expected: dict[str, object]
) -> None:
    context = compare(first, replace(first, interviewed_on=NEW_DAY), separation=separation).context
    assert {name: getattr(context, name) for name in expected} == expected
    assert context.interviewed_on == FIRST_DAY


def test_context_lists_the_factors_present() -> None:
    assert run().context.factors == (
        "separated_from_child",
        "child_whereabouts_unknown",
        "language_mismatch",
        "counsel_absent",
        "telephonic",
    )


def test_context_reads_the_first_interview_not_the_new_one() -> None:
    context = run().context
    assert (context.interpreter_language, context.counsel_absent) == ("Spanish", True)


# --- the gate on a negative determination ------------------------------------------------


@pytest.mark.parametrize(
    ("assessed", "may_submit", "missing"),
    [
        pytest.param({0: "Separated 23 days; weighed.", 1: "ok", 2: "ok"}, True, (), id="all"),
        pytest.param({0: "Weighed.", 2: "Weighed."}, False, (1,), id="one-missing"),
        pytest.param({0: "Weighed.", 1: "   \n", 2: "ok"}, False, (1,), id="blank-is-missing"),
        pytest.param({0: "", 1: None, 2: "ok"}, False, (0, 1), id="empty-and-none"),
        pytest.param({}, False, (0, 1, 2), id="none-assessed"),
    ],
)
def test_negative_determination_needs_every_assessment(
    assessed: dict[int, str | None], may_submit: bool, missing: tuple[int, ...]
) -> None:
    result = run(
        new=told_now(replace(BEATING, place="Tegucigalpa"), KIDNAPPING, fear_of_torture=True)
    )
    ids = result.ids
    assert len(ids) == 3
    check = negative_determination_check(result, {ids[n]: text for n, text in assessed.items()})
    assert (check.may_submit, check.missing) == (may_submit, tuple(ids[n] for n in missing))


def test_gate_passes_with_nothing_to_assess_and_reports_stale_assessments() -> None:
    check = negative_determination_check(run(), {"inc-gone": "assessed before a correction"})
    assert check == (True, (), ("inc-gone",))


def test_assessment_survives_recomputation() -> None:
    new = told_now(replace(BEATING, place="Tegucigalpa"))
    assessments = dict.fromkeys(run(new=new).ids, "Weighed with the separation.")
    recomputed = run(first=replace(FIRST), new=replace(new, harms=tuple(new.harms)))
    assert negative_determination_check(recomputed, assessments).may_submit


# --- errors ----------------------------------------------------------------------------


def test_new_interview_before_the_first_is_an_error() -> None:
    with pytest.raises(ConsistencyError, match="before the first"):
        run(new=replace(NEW, interviewed_on=date(2018, 6, 1)))


@pytest.mark.parametrize(
    "knobs",
    [
        pytest.param({"date_tolerance_days": -1}, id="negative-tolerance"),
        pytest.param({"date_match_window_days": 0}, id="zero-window"),
        pytest.param({"match_threshold": 0.0}, id="zero-threshold"),
        pytest.param({"same_text_threshold": 1.5}, id="threshold-above-one"),
        pytest.param({"place_weight": 0.0}, id="zero-weight"),
    ],
)
def test_config_out_of_range(knobs: dict[str, float]) -> None:
    with pytest.raises(ConsistencyError):
        ConsistencyConfig(**knobs)  # type: ignore[arg-type]


# --- properties ------------------------------------------------------------------------

WORDS = st.sampled_from(
    ["San Pedro Sula", "Tegucigalpa", "la colonia", "mi casa", "el mercado", "Choloma", ""]
)
WHO = st.sampled_from(["pandilleros", "la policía", "MS-13", "Barrio 18", "mi esposo", "", "x"])
DATES = st.one_of(
    st.none(),
    st.builds(
        ApproxDate,
        st.dates(min_value=date(2015, 1, 1), max_value=date(2018, 6, 1)),
        st.sampled_from(DatePrecision),
    ),
)
HARMS = st.builds(
    Harm,
    type=st.sampled_from(HarmType),
    when=DATES,
    place=WORDS,
    perpetrator=WHO,
    perpetrator_category=st.one_of(st.none(), st.sampled_from(PerpetratorCategory)),
    ref=st.sampled_from(["", "1", "2"]),
)
ANSWER = st.one_of(st.none(), st.booleans())
INTERVIEWS = st.builds(
    Interview,
    interviewed_on=st.just(FIRST_DAY),
    harms=st.lists(HARMS, max_size=5).map(tuple),
    protected_grounds=st.frozensets(st.sampled_from(ProtectedGround)),
    fear_of_persecution=ANSWER,
    fear_of_torture=ANSWER,
    internal_relocation_possible=ANSWER,
    state_protection_available=ANSWER,
)


@settings(max_examples=150, deadline=None)
@given(INTERVIEWS)
def test_an_account_agrees_with_itself(interview: Interview) -> None:
    assert compare(interview, interview, separation=SEPARATION).inconsistencies == ()


@settings(max_examples=150, deadline=None)
@given(INTERVIEWS, INTERVIEWS, st.randoms(use_true_random=False))
def test_harm_order_changes_nothing(first: Interview, new: Interview, rng: Random) -> None:
    shuffled_first = list(first.harms)
    shuffled_new = list(new.harms)
    rng.shuffle(shuffled_first)
    rng.shuffle(shuffled_new)
    expected = compare(first, new, separation=SEPARATION)
    got = compare(
        replace(first, harms=tuple(shuffled_first)),
        replace(new, harms=tuple(shuffled_new)),
        separation=SEPARATION,
    )
    assert got == expected
    assert len(set(got.ids)) == len(got.ids)


def test_no_ground_recorded_on_one_side_is_not_a_difference() -> None:
    """An empty list of grounds is "not recorded" (a worksheet summary that did not
    list them), never "none said": nothing to weigh."""
    assert run(new=told_now(BEATING, protected_grounds=frozenset())).inconsistencies == ()
