"""Synthetic worlds: reproducible, faithful to the extract contract, and as messy as
DOMAIN.md section 6 says the real records are.

The helpers read the written files back the way an independent reader would; the tests
themselves hold no branching.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from amparo.engines.extracts.spec import (
    CODE_LISTS,
    REJECTING_PROBLEMS,
    SPECS,
    TRUTH_DIR,
    TRUTH_FILES,
    Problem,
    Source,
)
from amparo.engines.synth import (
    SynthConfig,
    SynthError,
    World,
    generate_world,
    synth_to_dir,
    write_world,
)
from amparo.engines.synth.names import MAYAN_SURNAMES, NICKNAMES
from amparo.engines.synth.places import LANGUAGE_SPELLINGS, MAYAN_LANGUAGES

EXTRACT_FILES = [SPECS[source].filename for source in Source]
TRUTH_PATHS = [f"{TRUTH_DIR}/{name}" for name in TRUTH_FILES]
ALL_FILES = EXTRACT_FILES + TRUTH_PATHS
HEADERS = {SPECS[source].filename: SPECS[source].columns for source in Source} | {
    f"{TRUTH_DIR}/{name}": columns for name, columns in TRUTH_FILES.items()
}
NON_PARENTS = {"GRANDPARENT", "AUNT_UNCLE", "SIBLING", "OTHER"}
NICKNAME_WORDS = {nick for nicks in NICKNAMES.values() for nick in nicks}
SPANISH_SPELLINGS = {s.upper() for s in LANGUAGE_SPELLINGS["Spanish"]}
MAYAN_SPELLINGS = {s.upper() for lang in MAYAN_LANGUAGES for s in LANGUAGE_SPELLINGS[lang]}
EXTRACTED_ON = date(2018, 12, 31)
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_US = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


# --- an independent reader -------------------------------------------------------------


def parse_date(text: str) -> date | None:
    """A date in either accepted format, or None when blank or not a real date."""
    text = text.strip()
    iso, us = _ISO.fullmatch(text), _US.fullmatch(text)
    parts = (iso and (iso[1], iso[2], iso[3])) or (us and (us[3], us[1], us[2]))
    try:
        return date(*map(int, parts)) if parts else None
    except ValueError:
        return None


def a_digits(text: str) -> str:
    """The digits of a well-formed A-number, zero-padded to nine; '' otherwise."""
    bare = re.sub(r"[\s-]", "", text.strip().upper()).removeprefix("A")
    return bare.zfill(9) if re.fullmatch(r"\d{8,9}", bare) else ""


def age_on(dob: str, day: str) -> int:
    born, then = date.fromisoformat(dob), date.fromisoformat(day)
    return then.year - born.year - ((then.month, then.day) < (born.month, born.day))


def bare(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def norm(text: str) -> str:
    return " ".join(bare(text).upper().split())


def one_edit_apart(left: str, right: str) -> bool:
    """Levenshtein distance exactly one, or two letters swapped."""
    swapped = any(
        left[:i] + left[i + 1] + left[i] + left[i + 2 :] == right for i in range(len(left) - 1)
    )
    shorter, longer = sorted((left, right), key=len)
    dropped = len(longer) == len(shorter) + 1 and any(
        longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer))
    )
    replaced = (
        len(left) == len(right) and sum(a != b for a, b in zip(left, right, strict=True)) == 1
    )
    return swapped or dropped or replaced


def expected_problems(source: Source, rows: list[dict[str, str]]) -> list[tuple[str, str]]:
    """What a careful reader of the contract reports for one file, row by row."""
    spec = SPECS[source]
    codes = [column for (src, column) in CODE_LISTS if src == source]
    a_columns = [c for c in ("a_number", "parent_a_number_reported") if c in spec.columns]
    found: list[tuple[str, str]] = []
    seen: set[str] = set()
    for row in rows:
        record_id = row[spec.id_column].strip()
        identity = [row[c] for c in (*spec.name_columns, "a_number")]
        rejected = (
            Problem.MISSING_ID
            if not record_id
            else Problem.DUPLICATE_ID
            if record_id in seen
            else None
            if any(value.strip() for value in identity)
            else Problem.NO_IDENTITY
        )
        seen.add(record_id)
        kept = [
            *(
                Problem.BAD_DATE
                for c in spec.date_columns
                if row[c].strip() and not parse_date(row[c])
            ),
            *(Problem.BAD_A_NUMBER for c in a_columns if row[c].strip() and not a_digits(row[c])),
            *(
                Problem.UNKNOWN_CODE
                for c in codes
                if row[c].strip() and row[c].strip().upper() not in CODE_LISTS[source, c]
            ),
        ]
        found.extend((record_id, str(p)) for p in ([rejected] if rejected else kept))
    return found


@dataclass
class Loaded:
    """A written world read back from disk."""

    root: Path
    raw: dict[str, bytes] = field(default_factory=dict)
    headers: dict[str, list[str]] = field(default_factory=dict)
    tables: dict[str, list[dict[str, str]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in ALL_FILES:
            self.raw[name] = (self.root / name).read_bytes()
            with (self.root / name).open(encoding="utf-8", newline="") as handle:
                reader = csv.reader(handle)
                self.headers[name] = next(reader)
                self.tables[name] = [
                    dict(zip(self.headers[name], row, strict=True)) for row in reader
                ]
        self.people = {row["person_id"]: row for row in self.tables["truth/people.csv"]}
        self.pairs = self.tables["truth/families.csv"]
        self.bad = self.tables["truth/bad_rows.csv"]
        self.records = self.tables["truth/records.csv"]
        owner = {(r["source"], r["record_id"]): r["person_id"] for r in self.records}
        self.kept: dict[Source, list[tuple[dict[str, str], str]]] = {
            source: [
                (row, owner[source.value, row[SPECS[source].id_column]])
                for row in self.rows(source)
                if (source.value, row[SPECS[source].id_column]) in owner
            ]
            for source in Source
        }
        # A repeated id points at its first (genuine) row only.
        for source in Source:
            first: dict[str, tuple[dict[str, str], str]] = {}
            for row, pid in self.kept[source]:
                first.setdefault(row[SPECS[source].id_column], (row, pid))
            self.kept[source] = list(first.values())
        self.by_person: dict[str, list[tuple[Source, dict[str, str]]]] = defaultdict(list)
        for source in Source:
            for row, pid in self.kept[source]:
                self.by_person[pid].append((source, row))
        self.adults_of: dict[str, list[str]] = defaultdict(list)
        for pair in self.pairs:
            self.adults_of[pair["child_id"]].append(pair["parent_id"])
        self.separated_children = {p["child_id"] for p in self.pairs if p["separated"] == "Y"}
        self.together_children = {p["child_id"] for p in self.pairs if p["separated"] == "N"}
        self.family_children = {p["child_id"] for p in self.pairs}

    def rows(self, source: Source) -> list[dict[str, str]]:
        return self.tables[SPECS[source].filename]

    def column(self, source: Source, name: str) -> list[str]:
        return [row[name] for row in self.rows(source)]

    def dobs(self) -> list[tuple[date, date | None]]:
        """(true dob, recorded dob) for every kept row."""
        return [
            (date.fromisoformat(self.people[pid]["dob"]), parse_date(row["dob"]))
            for source in Source
            for row, pid in self.kept[source]
        ]

    def a_numbers(self, pid: str) -> set[str]:
        return {a_digits(row["a_number"]) for _, row in self.by_person[pid]} - {""}

    def names(self, *sources: Source) -> list[tuple[str, str, dict[str, str]]]:
        """(recorded given, recorded family name, true person) for two-part name forms."""
        columns = {
            Source.ORR: ("first_name", "last_name"),
            Source.USCIS: ("given_name", "family_name"),
        }
        return [
            (row[columns[source][0]], row[columns[source][1]], self.people[pid])
            for source in sources
            for row, pid in self.kept[source]
        ]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Loaded:
    root = tmp_path_factory.mktemp("world200")
    synth_to_dir(200, 2018, root)
    return Loaded(root)


@pytest.fixture(scope="module")
def twins(tmp_path_factory: pytest.TempPathFactory) -> tuple[Loaded, Loaded, Loaded]:
    base = tmp_path_factory.mktemp("twins")
    made = [synth_to_dir(80, seed, base / name) for name, seed in (("a", 7), ("b", 7), ("c", 8))]
    return Loaded(made[0].out_dir), Loaded(made[1].out_dir), Loaded(made[2].out_dir)


@pytest.fixture(scope="module")
def big() -> World:
    return generate_world(SynthConfig(families=2000, seed=31))


# --- reproducibility and the contract ---------------------------------------------------


@pytest.mark.parametrize("name", ALL_FILES)
def test_same_seed_gives_identical_bytes(twins: tuple[Loaded, Loaded, Loaded], name: str) -> None:
    assert twins[0].raw[name] == twins[1].raw[name]


@pytest.mark.parametrize("name", [*EXTRACT_FILES, "truth/people.csv", "truth/records.csv"])
def test_another_seed_gives_another_world(twins: tuple[Loaded, Loaded, Loaded], name: str) -> None:
    assert twins[0].raw[name] != twins[2].raw[name]


@pytest.mark.parametrize("name", ALL_FILES)
def test_header_is_the_contract(world: Loaded, name: str) -> None:
    assert tuple(world.headers[name]) == HEADERS[name]


@pytest.mark.parametrize("name", ALL_FILES)
def test_files_are_utf8_without_ragged_rows(world: Loaded, name: str) -> None:
    lines = list(csv.reader(world.raw[name].decode("utf-8").splitlines()))
    assert {len(row) for row in lines} == {len(HEADERS[name])}


@pytest.mark.parametrize("source", list(Source))
def test_ids_repeat_only_where_truth_says_so(world: Loaded, source: Source) -> None:
    counts = Counter(i.strip() for i in world.column(source, SPECS[source].id_column) if i.strip())
    repeated = sorted(i for i, n in counts.items() for _ in range(n - 1))
    listed = sorted(
        r["record_id"]
        for r in world.bad
        if r["source"] == source and r["problem"] == "duplicate_id"
    )
    assert repeated == listed


@pytest.mark.parametrize("source", list(Source))
def test_bad_rows_are_exactly_what_an_independent_reader_finds(
    world: Loaded, source: Source
) -> None:
    truth = [(r["record_id"], r["problem"]) for r in world.bad if r["source"] == source]
    assert sorted(expected_problems(source, world.rows(source))) == sorted(truth)


@pytest.mark.parametrize("source", list(Source))
def test_records_cover_every_kept_row_exactly_once(world: Loaded, source: Source) -> None:
    problems = expected_problems(source, world.rows(source))
    rejected_lines = Counter(p for p in problems if p[1] in REJECTING_PROBLEMS)
    kept_ids = Counter(row[SPECS[source].id_column] for row in world.rows(source))
    kept_ids.subtract(Counter(record_id for record_id, _ in rejected_lines.elements()))
    listed = Counter(r["record_id"] for r in world.records if r["source"] == source)
    assert +kept_ids == listed


def test_records_name_only_known_people(world: Loaded) -> None:
    assert {r["person_id"] for r in world.records} <= set(world.people)


@pytest.mark.parametrize("problem", [p.value for p in Problem if p is not Problem.UNPARSEABLE])
@pytest.mark.parametrize("families", [50, 200])
def test_every_kind_of_broken_row_occurs(tmp_path: Path, problem: str, families: int) -> None:
    summary = synth_to_dir(families, families * 3, tmp_path)
    with (tmp_path / "truth" / "bad_rows.csv").open(encoding="utf-8") as handle:
        problems = {row["problem"] for row in csv.DictReader(handle)}
    assert problem in problems
    assert summary.bad_rows >= len(Problem) - 1


# --- realism: each trouble of DOMAIN.md section 6 actually occurs ----------------------


def _flag(w: Loaded, flag: str, children: set[str]) -> bool:
    return any(r["separated"].strip() == flag and pid in children for r, pid in w.kept[Source.ORR])


def _lone(w: Loaded) -> set[str]:
    return {pid for _, pid in w.kept[Source.ORR]} - w.family_children


def _surnames(pid: str, w: Loaded) -> list[str]:
    return w.people[pid]["surnames"].split()


def _swapped_dob(true: date, seen: date | None) -> bool:
    return (
        true.day <= 12 and true.day != true.month and seen == date(true.year, true.day, true.month)
    )


FEATURES: dict[str, Callable[[Loaded], bool]] = {
    "separated child booked without family unit and sent to ORR": lambda w: any(
        r["disposition"].strip().upper() == "ORR_TRANSFER"
        and not r["family_unit_id"].strip()
        and pid in w.separated_children
        for r, pid in w.kept[Source.CBP]
    ),
    "families kept together share a unit id in family detention": lambda w: any(
        n > 1
        for n in Counter(
            r["family_unit_id"]
            for r in w.rows(Source.CBP)
            if r["disposition"].strip().upper() == "ICE_FAMILY" and r["family_unit_id"]
        ).values()
    ),
    "no child kept with the family has an ORR referral": lambda w: (
        not any(pid in w.together_children for _, pid in w.kept[Source.ORR])
    ),
    "separated adults prosecuted or detained alone": lambda w: (
        {"PROSECUTION", "ICE_ADULT"}
        <= {r["disposition"].strip().upper() for r in w.rows(Source.CBP)}
    ),
    "separation reason blank for most separated children": lambda w: (
        sum(
            not r["separation_reason"].strip()
            for r, pid in w.kept[Source.CBP]
            if pid in w.separated_children
        )
        > 0.5 * sum(1 for _, pid in w.kept[Source.CBP] if pid in w.separated_children)
    ),
    "ORR flag says N for a separated child": lambda w: _flag(w, "N", w.separated_children),
    "ORR flag blank for a separated child": lambda w: _flag(w, "", w.separated_children),
    "ORR flag says Y for a child who came alone": lambda w: _flag(w, "Y", _lone(w)),
    "parent removed without the child": lambda w: (
        any(
            p["parent_removed_on"] and p["relationship"] == "PARENT" and p["separated"] == "Y"
            for p in w.pairs
        )
        and any(
            r["book_out_reason"].strip().upper() == "REMOVED" and r["removed_to"].strip()
            for r in w.rows(Source.ICE)
        )
    ),
    "child discharged to the parent on the truth's reunification day": lambda w: any(
        r["discharge_type"].strip().upper() == "PARENT"
        and parse_date(r["discharged_on"]).isoformat()  # type: ignore[union-attr]
        in {p["reunified_on"] for p in w.pairs if p["child_id"] == pid}
        for r, pid in w.kept[Source.ORR]
        if r["discharge_type"].strip().upper() == "PARENT" and parse_date(r["discharged_on"])
    ),
    "children released to sponsors, aged out and still in care": lambda w: (
        {"SPONSOR", "AGED_OUT", ""}
        <= {r["discharge_type"].strip().upper() for r in w.rows(Source.ORR)}
    ),
    "reasonable fear screenings": lambda w: "RF" in w.column(Source.USCIS, "kind"),
    "judge affirmed a negative finding": lambda w: any(
        r["determination"] == "NEGATIVE" and r["ij_review"] == "AFFIRMED"
        for r in w.rows(Source.USCIS)
    ),
    "Mayan speaker interviewed through a Spanish interpreter": lambda w: any(
        r["language"].strip().upper() in MAYAN_SPELLINGS
        and r["interpreter_language"].strip().upper() in SPANISH_SPELLINGS
        for r in w.rows(Source.USCIS)
    ),
    "counsel mostly absent": lambda w: (
        Counter(w.column(Source.USCIS, "counsel_present"))["N"] > 0.8 * len(w.rows(Source.USCIS))
    ),
    "maternal surname dropped": lambda w: any(
        norm(family) == norm(_surnames(p["person_id"], w)[0])
        and len(_surnames(p["person_id"], w)) == 2
        for _, family, p in w.names(Source.ORR, Source.USCIS)
    ),
    "surnames reordered": lambda w: any(
        norm(family) == norm(" ".join(reversed(p["surnames"].split())))
        and len(p["surnames"].split()) == 2
        for _, family, p in w.names(Source.ORR, Source.USCIS)
    ),
    "child shares only one surname with the adult": lambda w: any(
        len(set(_surnames(p["child_id"], w)) & set(_surnames(p["parent_id"], w))) == 1
        and p["relationship"] == "PARENT"
        for p in w.pairs
    ),
    "child shares no surname with the travelling parent": lambda w: any(
        not set(_surnames(p["child_id"], w)) & set(_surnames(p["parent_id"], w))
        and p["relationship"] == "PARENT"
        for p in w.pairs
    ),
    "compound given names": lambda w: any(" de " in p["given_names"] for p in w.people.values()),
    "compound given name cut to its first word": lambda w: any(
        " " in p["given_names"] and norm(given) == norm(p["given_names"].split()[0])
        for given, _, p in w.names(Source.ORR, Source.USCIS)
    ),
    "nickname in a reported parent name": lambda w: any(
        set(re.findall(r"\w+", r["parent_name_reported"])) & NICKNAME_WORDS
        for r in w.rows(Source.ORR)
    ),
    "reported parent as kinship word and name": lambda w: any(
        re.fullmatch(r"(mi )?(mamá|papá) \w+", r["parent_name_reported"])
        for r in w.rows(Source.ORR)
    ),
    "reported parent as SURNAMES, GIVEN": lambda w: any(
        re.fullmatch(r"[^a-z,]+, [^a-z,]+", r["parent_name_reported"]) for r in w.rows(Source.ORR)
    ),
    "accents dropped": lambda w: any(
        given != p["given_names"] and given == bare(p["given_names"])
        for given, _, p in w.names(Source.ORR, Source.USCIS)
    ),
    "typo in a name": lambda w: any(
        one_edit_apart(norm(family), norm(p["surnames"]))
        for _, family, p in w.names(Source.ORR, Source.USCIS)
    ),
    "given and family names swapped": lambda w: any(
        norm(given) in {norm(p["surnames"]), norm(p["surnames"].split()[0])}
        and norm(family) == norm(p["given_names"])
        for given, family, p in w.names(Source.ORR, Source.USCIS)
    ),
    "ICE names are SURNAMES, GIVEN NAMES in capitals": lambda w: all(
        re.fullmatch(r"[^a-z,]+, [^a-z,]+", r["full_name"].strip())
        for r in w.rows(Source.ICE)
        if r["full_name"].strip()
    ),
    "day and month swapped in a birth date": lambda w: any(_swapped_dob(t, s) for t, s in w.dobs()),
    "placeholder birth date 1900-01-01": lambda w: any(s == date(1900, 1, 1) for _, s in w.dobs()),
    "birth date cut to the first of January": lambda w: any(
        s == date(t.year, 1, 1) != t for t, s in w.dobs()
    ),
    "birth year off by one": lambda w: any(
        s is not None and abs(s.year - t.year) == 1 and (s.month, s.day) == (t.month, t.day)
        for t, s in w.dobs()
    ),
    "both date formats": lambda w: (
        any(_ISO.fullmatch(d.strip()) for d in w.column(Source.CBP, "dob"))
        and any(_US.fullmatch(d.strip()) for d in w.column(Source.CBP, "dob"))
    ),
    "A-number with A prefix": lambda w: any(
        re.fullmatch(r"A\d{9}", a) for a in w.column(Source.ICE, "a_number")
    ),
    "A-number with spaces and dashes": lambda w: any(
        re.fullmatch(r"A \d{3}-\d{3}-\d{3}", a) for s in Source for a in w.column(s, "a_number")
    ),
    "A-number as bare digits": lambda w: any(
        re.fullmatch(r"\d{9}", a) for a in w.column(Source.USCIS, "a_number")
    ),
    "old eight-digit A-number": lambda w: any(
        a_digits(a).startswith("0") for s in Source for a in w.column(s, "a_number")
    ),
    "children's A-numbers mostly blank at CBP": lambda w: (
        sum(not r["a_number"].strip() for r, pid in w.kept[Source.CBP] if pid in w.family_children)
        > 0.4 * sum(1 for _, pid in w.kept[Source.CBP] if pid in w.family_children)
    ),
    "one person's A-number typed one digit off": lambda w: any(
        len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=False)) == 1
        for pid in w.by_person
        for a in w.a_numbers(pid)
        for b in w.a_numbers(pid)
    ),
    "ORR file carries the parent's A-number": lambda w: any(
        a_digits(r["a_number"]) in {a for adult in w.adults_of[pid] for a in w.a_numbers(adult)}
        for r, pid in w.kept[Source.ORR]
        if a_digits(r["a_number"])
    ),
    "parent's A-number usually not reported": lambda w: (
        0
        < sum(bool(a.strip()) for a in w.column(Source.ORR, "parent_a_number_reported"))
        < 0.3 * len(w.rows(Source.ORR))
    ),
    "country as name and as ISO code": lambda w: (
        {"GTM", "GUATEMALA"} <= {c.strip().upper() for c in w.column(Source.CBP, "citizenship")}
    ),
    "Spanish spelled three ways or more": lambda w: (
        len(
            {lang.strip() for lang in w.column(Source.CBP, "language")}
            & set(LANGUAGE_SPELLINGS["Spanish"])
        )
        >= 3
    ),
    "K'iche' spelled two ways or more": lambda w: (
        len(
            {lang.strip() for s in (Source.CBP, Source.USCIS) for lang in w.column(s, "language")}
            & set(LANGUAGE_SPELLINGS["K'iche'"])
        )
        >= 2
    ),
    "sector written as code and as name": lambda w: (
        {"ELP", "EL PASO", "RGV", "RIO GRANDE VALLEY"}
        <= {s.strip().upper() for s in w.column(Source.CBP, "sector")}
    ),
    "whitespace around a value": lambda w: any(
        v != v.strip() for s in Source for r in w.rows(s) for v in r.values()
    ),
    "code in lower case": lambda w: (
        any(
            r["disposition"].strip().islower() or r["sex"].strip().islower()
            for r in w.rows(Source.CBP)
        )
        or any(r["determination"].strip().islower() for r in w.rows(Source.USCIS))
        or any(r["discharge_type"].strip().islower() for r in w.rows(Source.ORR))
    ),
    "Mayan surnames": lambda w: any(
        set(p["surnames"].split()) & set(MAYAN_SURNAMES) for p in w.people.values()
    ),
    "non-parent adult travelled with a child": lambda w: any(
        p["relationship"] in NON_PARENTS for p in w.pairs
    ),
    "non-parent relative separated from a child": lambda w: any(
        p["relationship"] in NON_PARENTS and p["separated"] == "Y" for p in w.pairs
    ),
    "look-alike strangers: same name, near birth dates": lambda w: any(
        a["person_id"] < b["person_id"]
        and (a["given_names"], a["surnames"]) == (b["given_names"], b["surnames"])
        and abs((date.fromisoformat(a["dob"]) - date.fromisoformat(b["dob"])).days) <= 90
        for a in w.people.values()
        for b in w.people.values()
        if a["given_names"] == b["given_names"]
    ),
    "a person apprehended twice": lambda w: any(
        n > 1 for n in Counter(pid for _, pid in w.kept[Source.CBP]).values()
    ),
    "a person booked into ICE twice": lambda w: any(
        n > 1 for n in Counter(pid for _, pid in w.kept[Source.ICE]).values()
    ),
    "children under five": lambda w: any(
        age_on(w.people[p["child_id"]]["dob"], p["separated_on"]) < 5
        for p in w.pairs
        if p["separated_on"]
    ),
}


@pytest.mark.parametrize("feature", list(FEATURES))
def test_realism_feature_occurs(world: Loaded, feature: str) -> None:
    assert FEATURES[feature](world)


# --- truth is coherent ---------------------------------------------------------------


TRUTH_RULES: dict[str, Callable[[Loaded], bool]] = {
    "truth dates are ISO or blank": lambda w: (
        all(
            not v or _ISO.fullmatch(v)
            for p in w.pairs
            for v in (p["separated_on"], p["reunified_on"], p["parent_removed_on"])
        )
        and all(_ISO.fullmatch(p["dob"]) for p in w.people.values())
    ),
    "separated pairs have a separation date, others none": lambda w: all(
        bool(p["separated_on"]) == (p["separated"] == "Y") for p in w.pairs
    ),
    "children are minors when separated": lambda w: all(
        age_on(w.people[p["child_id"]]["dob"], p["separated_on"]) < 18
        for p in w.pairs
        if p["separated_on"]
    ),
    "separations fall in the widened class window": lambda w: all(
        "2017-07-01" <= p["separated_on"] <= "2018-06-23" for p in w.pairs if p["separated_on"]
    ),
    "only parents are reunified": lambda w: all(
        p["relationship"] == "PARENT" for p in w.pairs if p["reunified_on"]
    ),
    "reunification and removal follow separation": lambda w: all(
        p["separated_on"] <= d
        for p in w.pairs
        for d in (p["reunified_on"], p["parent_removed_on"])
        if d
    ),
    "every person appears in some extract": lambda w: set(w.people) == set(w.by_person),
    "people carry ISO citizenship": lambda w: all(
        re.fullmatch(r"[A-Z]{3}", p["citizenship"]) for p in w.people.values()
    ),
    "ICE never books a person out before booking them in": lambda w: all(
        _in_order(r["book_in_on"], r["book_out_on"]) for r, _ in w.kept[Source.ICE]
    ),
    "ORR never discharges a child before receiving them": lambda w: all(
        _in_order(r["referred_on"], r["discharged_on"]) for r, _ in w.kept[Source.ORR]
    ),
    "nothing happens after the extracts were taken": lambda w: all(
        (parse_date(r[c]) or EXTRACTED_ON) <= EXTRACTED_ON
        for s in Source
        for r in w.rows(s)
        for c in SPECS[s].date_columns
    ),
}


def _in_order(first: str, then: str) -> bool:
    start, end = parse_date(first), parse_date(then)
    return start is None or end is None or start <= end


@pytest.mark.parametrize("rule", list(TRUTH_RULES))
def test_truth_is_coherent(world: Loaded, rule: str) -> None:
    assert TRUTH_RULES[rule](world)


# --- proportions on a larger world --------------------------------------------------


def _child_share(world: World, iso3: str) -> float:
    children = {row["child_id"] for row in world.families}
    people = {row["person_id"]: row for row in world.people}
    return 100 * sum(people[c]["citizenship"] == iso3 for c in children) / len(children)


@pytest.mark.parametrize(
    ("iso3", "target", "tolerance"),
    [
        ("GTM", 58.0, 4.0),
        ("HND", 29.0, 4.0),
        ("SLV", 7.0, 2.0),
        ("MEX", 2.0, 1.5),
        ("BRA", 2.0, 1.5),
        ("ROU", 0.6, 0.6),
    ],
)
def test_nationality_shares_follow_the_record(
    big: World, iso3: str, target: float, tolerance: float
) -> None:
    assert abs(_child_share(big, iso3) - target) <= tolerance


def _negative_share(world: World, *, relationships: set[str], separated: str) -> float:
    """Share of NEGATIVE screenings among adults in the given pairs of truth/families."""
    owner = {(s, r): p for s, r, p in world.records}
    group = {
        r["parent_id"]
        for r in world.families
        if r["relationship"] in relationships and r["separated"] == separated
    }
    outcomes = [
        row["determination"].strip().upper() == "NEGATIVE"
        for row in world.rows[Source.USCIS]
        if owner.get((Source.USCIS.value, row["fear_case_id"])) in group
    ]
    return sum(outcomes) / len(outcomes)


@pytest.mark.parametrize(
    ("relationships", "separated", "low", "high"),
    [({"PARENT"}, "Y", 0.32, 0.48), ({"PARENT", *NON_PARENTS}, "N", 0.04, 0.17)],
    ids=["separated parents", "adults never separated"],
)
def test_separated_parents_fail_fear_screenings_far_more_often(
    big: World, relationships: set[str], separated: str, low: float, high: float
) -> None:
    share = _negative_share(big, relationships=relationships, separated=separated)
    assert low <= share <= high


def _parent_child_dobs(world: World) -> list[tuple[str, str]]:
    """(child's dob, separation day or '') for every pair with a parent."""
    dobs = {p["person_id"]: p["dob"] for p in world.people}
    return [
        (dobs[r["child_id"]], r["separated_on"])
        for r in world.families
        if r["relationship"] == "PARENT"
    ]


BIG_SHARES: dict[str, tuple[Callable[[World], float], float, float]] = {
    "separated parents removed without their children": (
        lambda w: (
            len(
                {
                    r["parent_id"]
                    for r in w.families
                    if r["parent_removed_on"] and r["separated"] == "Y"
                }
            )
            / len({r["parent_id"] for r in w.families if r["separated"] == "Y"})
        ),
        0.11,
        0.19,
    ),
    "children under five": (
        lambda w: (
            sum(age_on(dob, on or "2018-06-20") < 5 for dob, on in _parent_child_dobs(w))
            / len(_parent_child_dobs(w))
        ),
        0.02,
        0.07,
    ),
    "pairs with a non-parent adult": (
        lambda w: sum(r["relationship"] != "PARENT" for r in w.families) / len(w.families),
        0.05,
        0.15,
    ),
    "broken rows": (
        lambda w: len(w.bad_rows) / sum(len(rows) for rows in w.rows.values()),
        0.003,
        0.008,
    ),
}


@pytest.mark.parametrize("measure", list(BIG_SHARES))
def test_proportions_on_two_thousand_families(big: World, measure: str) -> None:
    compute, low, high = BIG_SHARES[measure]
    assert low <= compute(big) <= high


@pytest.mark.parametrize("iso3", ["BRA", "ROU", "COD"])
def test_small_nationalities_occur(big: World, iso3: str) -> None:
    assert any(p["citizenship"] == iso3 for p in big.people)


@pytest.mark.parametrize(
    ("iso3", "language"), [("BRA", "Portuguese"), ("ROU", "Romanian"), ("COD", "Lingala")]
)
def test_their_languages_occur(big: World, iso3: str, language: str) -> None:
    assert any(p["citizenship"] == iso3 and p["language"] == language for p in big.people)


@pytest.mark.parametrize("source", list(Source))
def test_world_rows_follow_contract_column_order(big: World, source: Source) -> None:
    assert {tuple(row) for row in big.rows[source]} == {SPECS[source].columns}


# --- configuration ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"families": 0, "seed": 1}, "families must be between 1"),
        ({"families": -5, "seed": 1}, "families must be between 1"),
        ({"families": 10**7, "seed": 1}, "families must be between 1"),
        ({"families": 2.5, "seed": 1}, "families must be an integer"),
        ({"families": True, "seed": 1}, "families must be an integer"),
        ({"families": 10, "seed": "x"}, "seed must be an integer"),
        ({"families": 10, "seed": 1, "separated_share": 1.5}, "separated_share must be between"),
        ({"families": 10, "seed": 1, "garbage_fraction": -0.1}, "garbage_fraction must be between"),
    ],
)
def test_bad_config_is_refused_with_a_clear_message(
    kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(SynthError, match=message):
        SynthConfig(**kwargs)  # type: ignore[arg-type]


def test_synth_error_is_a_value_error() -> None:
    assert issubclass(SynthError, ValueError)


@pytest.mark.parametrize("families", [1, 2, 5, 19])
def test_tiny_worlds_still_write_every_file(tmp_path: Path, families: int) -> None:
    summary = synth_to_dir(families, 3, tmp_path)
    assert sorted(summary.files) == sorted(ALL_FILES)
    assert summary.families == families


def test_write_world_reports_what_it_wrote(tmp_path: Path) -> None:
    world = generate_world(SynthConfig(families=120, seed=4))
    summary = write_world(world, tmp_path)
    counted = {
        name: len((tmp_path / name).read_text("utf-8").splitlines()) - 1 for name in ALL_FILES
    }
    assert dict(summary.files) == counted
    assert (summary.people, summary.family_pairs, summary.bad_rows) == (
        len(world.people),
        len(world.families),
        len(world.bad_rows),
    )


@pytest.mark.slow
def test_ten_thousand_families(tmp_path: Path) -> None:
    summary = synth_to_dir(10_000, 1, tmp_path)
    extract_rows = sum(summary.files[name] for name in EXTRACT_FILES)
    assert summary.families == 10_000
    assert summary.files["truth/people.csv"] == summary.people > 25_000
    assert summary.files[SPECS[Source.CBP].filename] >= summary.people
    assert 0.6 * 10_000 < summary.separated_pairs < summary.family_pairs
    assert 0.003 * extract_rows < summary.bad_rows < 0.008 * extract_rows
    assert extract_rows - summary.bad_rows <= summary.files["truth/records.csv"] < extract_rows
