"""Recall of the person-linkage blocking rules on synthetic worlds: the share of true
same-person record pairs that some rule puts up for scoring, and how many pairs the
rules generate (what MEASURED_BLOCKING_RECALL in engines/linkage/model.py records).

    .venv/bin/python bench/blocking_recall.py --families 1000 10000 --seeds 1 2 2018
"""

from __future__ import annotations

import argparse
import time

from amparo.engines.linkage.quality import blocking_recall, records_from_rows
from amparo.engines.synth import SynthConfig, generate_world


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--families", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 2018])
    parser.add_argument("--by-rule", action="store_true", help="also each rule alone")
    args = parser.parse_args()
    print(f"{'world':<28} {'recall':>8} {'true pairs':>11} {'generated':>11} {'s':>6}")
    for families in args.families:
        for seed in args.seeds:
            world = generate_world(SynthConfig(families=families, seed=seed))
            truth = {(source, record): person for source, record, person in world.records}
            started = time.perf_counter()
            measured = blocking_recall(records_from_rows(world.rows), truth)
            seconds = time.perf_counter() - started
            name = f"{families} families, seed {seed}"
            print(
                f"{name:<28} {measured['recall']:>8.5f} {measured['true_pairs']:>11,} "
                f"{measured['pairs_generated']:>11,} {seconds:>6.1f}"
            )
            if args.by_rule:
                for key, value in measured.items():
                    if key.startswith("rule_"):
                        print(f"    {key:<10} {value:.5f}")


if __name__ == "__main__":
    main()
