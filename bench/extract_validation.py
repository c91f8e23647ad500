"""Throughput of reading and checking a large extract (100,000 CBP rows).

.venv/bin/python bench/extract_validation.py --rows 100000
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import time

from amparo.engines.extracts import SPECS, KeptRow, RejectedRow, Source, read_extract

GIVEN = ["María", "José", "Rosa", "Juan", "Ana", "Luis", "Marta", "Carlos", "Dulce", "Elmer"]
SURNAMES = ["López", "Pérez", "García", "Hernández", "Xol", "Tzul", "Cac", "Ajú", "Mejía"]
SECTORS = ["RGV", "YUM", "ELP", "EL PASO", "Rio Grande Valley", "yuma", "SDC"]
COUNTRIES = ["GTM", "Guatemala", "HONDURAS", "HND", "El Salvador", "MEX", "Brasil"]
LANGUAGES = ["Spanish", "SPA", "Español", "K'iche'", "KICHE", "Mam", "Q'anjob'al"]


def make_cbp_extract(rows: int, seed: int = 2018) -> bytes:
    """A CBP extract with realistic variety and about 2% bad values or bad rows."""
    rng = random.Random(seed)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(SPECS[Source.CBP].columns)
    for i in range(rows):
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        dob_year = rng.randint(1970, 2017)
        dob = (
            f"{dob_year}-{month:02}-{day:02}" if rng.random() < 0.5 else f"{month}/{day}/{dob_year}"
        )
        a_number = f"A {rng.randint(1, 299_999_999):09}" if rng.random() < 0.7 else ""
        event_id = f"E{i}"
        roll = rng.random()
        if roll < 0.005:
            event_id = f"E{i - 1}"
        elif roll < 0.01:
            dob = "2018-02-30"
        elif roll < 0.015:
            a_number = "A-12"
        writer.writerow(
            [
                event_id,
                f"2018-{rng.randint(5, 6):02}-{rng.randint(1, 30):02}",
                rng.choice(SECTORS),
                f"FU{i // 3}",
                a_number,
                rng.choice(GIVEN),
                rng.choice(["", "", "Elena", "de los Ángeles"]),
                f"{rng.choice(SURNAMES)} {rng.choice(SURNAMES)}",
                dob,
                rng.choice("MF"),
                rng.choice(COUNTRIES),
                rng.choice(LANGUAGES),
                rng.choice(["HEAD", "CHILD", "CHILD", "SPOUSE", ""]),
                rng.choice(["ORR_TRANSFER", "PROSECUTION", "ICE_FAMILY", "RELEASED"]),
                rng.choice(["", "", "", "PROSECUTION OF PARENT", "OTHER"]),
            ]
        )
    return buffer.getvalue().encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    data = make_cbp_extract(args.rows)
    timings = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        kept = rejected = 0
        for row in read_extract(data, filename="cbp_apprehensions.csv"):
            if isinstance(row, KeptRow):
                kept += 1
            elif isinstance(row, RejectedRow):
                rejected += 1
        timings.append(time.perf_counter() - started)
    best = min(timings)
    print(
        f"read+validate {args.rows:,} CBP rows ({kept:,} kept, {rejected:,} rejected): "
        f"best {best:.2f} s of {args.repeat}, {args.rows / best:,.0f} rows/s"
    )


if __name__ == "__main__":
    main()
