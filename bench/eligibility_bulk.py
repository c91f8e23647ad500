"""Bulk eligibility: evaluate a million people's facts with the settlement ruleset.

Each worker process generates its share of a seeded, realistic mix of people (parents
with one to three separated children, the children themselves, aunts, uncles and
grandparents travelling with a child, parents removed with or without their children,
positive, negative, closed and pending fear findings, facts still unknown), in blocks
seeded by block number so the answers do not depend on the number of workers; nothing
is pickled between processes but the counts. All workers finish generating before any
starts evaluating, so the two phases are timed apart.

Prints the people, wall seconds for generation and for evaluation, people per second,
answer counts per code (yes / no / unknown, and how many yes are actionable), and peak
resident memory (ru_maxrss) of the parent and of each worker. Target (the issue): the
evaluation of 1,000,000 people in under 30 s on 2 cores.

    .venv/bin/python bench/eligibility_bulk.py --people 1000000 --workers 2 --seed 2018
    .venv/bin/python bench/eligibility_bulk.py --people 100000 --profile   # cProfile, 1 process
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import multiprocessing
import pstats
import resource
import time
from collections import Counter
from datetime import date, timedelta
from multiprocessing.synchronize import Event
from random import Random
from typing import TYPE_CHECKING

from amparo.engines.eligibility import (
    APPROVED_2018,
    ENTITLEMENTS,
    MEMBERSHIPS,
    Answer,
    Determination,
    Election,
    Evaluator,
    FearFinding,
    JudgeReview,
    Kin,
    Link,
    PersonFacts,
    Role,
    load_ruleset,
)

if TYPE_CHECKING:
    from multiprocessing.queues import Queue

BLOCK = 10_000
CODES = (*MEMBERSHIPS, *ENTITLEMENTS)
# (code, answer) -> people, and (code, "actionable") -> people.
Counts = Counter[tuple[str, str]]

WINDOW_START = date(2017, 5, 1)  # a little before the widened class's 2017-07-01
SEPARATION_DAYS = (date(2018, 6, 25) - WINDOW_START).days
OTHER_KINS = (Kin.AUNT_UNCLE, Kin.AUNT_UNCLE, Kin.GRANDPARENT, Kin.SIBLING, Kin.OTHER)


def _day(rng: Random, start: date, span: int) -> date:
    return start + timedelta(days=rng.randrange(span))


def _finding(rng: Random, separated_on: date, *, child: bool) -> FearFinding:
    """A screening, most of them while separated, some before, outcome by who it is."""
    kind = "RF" if rng.random() < 0.08 else "CF"
    roll = rng.random()
    interviewed_on: date | None
    if roll < 0.03:
        interviewed_on = None
    elif roll < 0.15:
        interviewed_on = separated_on - timedelta(days=rng.randrange(1, 10))
    else:
        interviewed_on = separated_on + timedelta(days=rng.randrange(0, 60))
    roll = rng.random()
    positive_share = 0.7 if child else 0.45
    determination: Determination | None
    if roll < 0.04:
        determination = None  # outcome not on record yet
    elif roll < 0.09:
        determination = Determination.CLOSED
    elif roll < 0.09 + positive_share:
        determination = Determination.POSITIVE
    else:
        determination = Determination.NEGATIVE
    review = None
    if determination is Determination.NEGATIVE and rng.random() < 0.25:
        review = JudgeReview.VACATED if rng.random() < 0.2 else JudgeReview.AFFIRMED
    return FearFinding(kind, interviewed_on, determination, review)


def _findings(rng: Random, separated_on: date, *, child: bool) -> tuple[FearFinding, ...]:
    screened = 0.45 if child else 0.75
    if rng.random() >= screened:
        return ()
    first = _finding(rng, separated_on, child=child)
    if rng.random() < 0.1:
        return (first, _finding(rng, separated_on, child=child))
    return (first,)


def _family(rng: Random, first_id: int) -> list[PersonFacts]:
    """One adult and the one to three children DHS separated from them, with both
    sides' links mirroring each other (as the app builds them)."""
    adult_id = f"p{first_id}"
    kin: Kin | None = Kin.PARENT if rng.random() < 0.93 else rng.choice(OTHER_KINS)
    if rng.random() < 0.02:
        kin = None  # relationship not yet established
    separated_on: date | None = _day(rng, WINDOW_START, SEPARATION_DAYS)
    assert separated_on is not None
    adult_findings = _findings(rng, separated_on, child=False)
    adult_dob = None if rng.random() < 0.01 else _day(rng, date(1965, 1, 1), 12_000)
    removed_on = None
    returned_on = None
    roll = rng.random()
    if roll < 0.12:
        removed_on = separated_on + timedelta(days=rng.randrange(5, 120))
        if rng.random() < 0.05:
            returned_on = removed_on + timedelta(days=rng.randrange(100, 300))
    removed_together = removed_on is not None and rng.random() < 0.3
    detained = rng.random() < 0.93 if rng.random() > 0.03 else None
    exclusions = frozenset({"CRIMINAL_HISTORY"}) if rng.random() < 0.02 else frozenset()
    confirmed = rng.random() > 0.05
    if rng.random() < 0.02:
        separated_on = None  # date of separation not in any record read
    reunified = rng.random() < 0.4
    count = rng.choice((1, 1, 1, 2, 2, 3))
    adult_links: list[Link] = []
    child_facts: list[tuple[str, date | None, tuple[FearFinding, ...], Link, bool | None]] = []
    for n in range(count):
        child_id = f"p{first_id + 1 + n}"
        child_dob = None if rng.random() < 0.02 else _day(rng, date(2000, 1, 1), 6_700)
        base = separated_on or date(2018, 6, 1)
        child_findings = _findings(rng, base, child=True)
        custody_known = rng.random() < 0.9
        custody_ended = (
            base + timedelta(days=rng.randrange(10, 400))
            if custody_known and rng.random() < 0.7
            else None
        )
        reunified_on = base + timedelta(days=rng.randrange(20, 200)) if reunified else None
        child_removed = removed_on if removed_together else None
        adult_side = Link(
            other_id=child_id,
            role=Role.ADULT,
            kin=kin,
            confirmed=confirmed,
            separated_on=separated_on,
            child_dob=child_dob,
            reunified_on=reunified_on,
            child_custody_known=custody_known,
            child_custody_ended_on=custody_ended,
            other_fear_findings=child_findings,
            other_removed_on=child_removed,
        )
        child_side = Link(
            other_id=adult_id,
            role=Role.CHILD,
            kin=kin,
            confirmed=confirmed,
            separated_on=separated_on,
            child_dob=child_dob,
            reunified_on=reunified_on,
            child_custody_known=custody_known,
            child_custody_ended_on=custody_ended,
            other_fear_findings=adult_findings,
            other_removed_on=removed_on,
        )
        adult_links.append(adult_side)
        claim = None if rng.random() < 0.3 else rng.random() < 0.6
        child_facts.append((child_id, child_dob, child_findings, child_side, claim))
    family = [
        PersonFacts(
            election=_election(rng),
            person_id=adult_id,
            dob=adult_dob,
            detained_by_dhs=detained,
            removed_on=removed_on,
            returned_on=returned_on,
            fear_findings=adult_findings,
            links=tuple(adult_links),
            exclusion_codes=exclusions,
        )
    ]
    for child_id, child_dob, child_findings, child_side, claim in child_facts:
        family.append(
            PersonFacts(
                person_id=child_id,
                dob=child_dob,
                detained_by_dhs=None,
                removed_on=removed_on if removed_together else None,
                returned_on=None,
                fear_findings=child_findings,
                links=(child_side,),
                independent_claim=claim,
                election=_election(rng),
            )
        )
    return family


def _election(rng: Random) -> Election | None:
    """Most members return the form and stay; some waive; many never return it."""
    roll = rng.random()
    if roll < 0.55:
        return Election.STAY
    return Election.WAIVE if roll < 0.6 else None


def generate_block(seed: int, block: int, size: int) -> list[PersonFacts]:
    """`size` people, the same for the same seed and block whichever process makes them."""
    rng = Random(seed * 1_000_003 + block)
    people: list[PersonFacts] = []
    next_id = block * BLOCK * 2  # room for ids, so that blocks never share one
    while len(people) < size:
        family = _family(rng, next_id)
        next_id += len(family)
        people.extend(family)
    # The last family may be cut: its links then name someone outside the run, as links
    # to people in another region's records do.
    return people[:size]


def blocks_for(people: int, workers: int) -> list[list[tuple[int, int]]]:
    """(block, size) pairs dealt round-robin to the workers."""
    blocks = [(b, min(BLOCK, people - b * BLOCK)) for b in range((people + BLOCK - 1) // BLOCK)]
    return [blocks[w::workers] for w in range(workers)]


def evaluate_all(people: list[PersonFacts], as_of: date) -> Counts:
    """Evaluate everyone and count the answers per code. Counted in lists by position
    (findings come in CODES order), not by hashing the answers: the count is the
    benchmark's own work and should not weigh on the engine's figure."""
    evaluator = Evaluator(load_ruleset(), as_of, APPROVED_2018)
    size = len(CODES)
    yes, no, unknown, actionable = [0] * size, [0] * size, [0] * size, [0] * size
    answer_yes, answer_no = Answer.YES, Answer.NO
    for facts in people:
        for i, finding in enumerate(evaluator(facts).findings):
            answer = finding.answer
            if answer is answer_yes:
                yes[i] += 1
                actionable[i] += finding.actionable
            elif answer is answer_no:
                no[i] += 1
            else:
                unknown[i] += 1
    if people:
        assert tuple(f.code for f in evaluator(people[0]).findings) == CODES
    counts: Counts = Counter()
    for i, code in enumerate(CODES):
        counts[code, Answer.YES.value] = yes[i]
        counts[code, Answer.NO.value] = no[i]
        counts[code, Answer.UNKNOWN.value] = unknown[i]
        counts[code, "actionable"] = actionable[i]
    return counts


def _worker(
    blocks: list[tuple[int, int]],
    seed: int,
    as_of: date,
    go: Event,
    results: Queue[tuple[str, object]],
) -> None:
    people: list[PersonFacts] = []
    for block, size in blocks:
        people.extend(generate_block(seed, block, size))
    # Millions of long-lived objects: keep the cyclic collector from rescanning them
    # on every collection the evaluation's short-lived findings trigger.
    gc.freeze()
    results.put(("generated", len(people)))
    go.wait()
    cpu = time.process_time()
    counts = evaluate_all(people, as_of)
    cpu = time.process_time() - cpu
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    results.put(("evaluated", (counts, peak_kb, cpu)))


def run(people: int, workers: int, seed: int, as_of: date, start: str) -> None:
    context = (
        multiprocessing.get_context("fork")
        if start == "fork"
        else multiprocessing.get_context("spawn")
    )
    results: Queue[tuple[str, object]] = context.Queue()
    go = context.Event()
    started = time.perf_counter()
    processes = [
        context.Process(target=_worker, args=(share, seed, as_of, go, results))
        for share in blocks_for(people, workers)
    ]
    for process in processes:
        process.start()
    generated = 0
    for _ in processes:
        kind, value = results.get()
        assert kind == "generated" and isinstance(value, int)
        generated += value
    generation = time.perf_counter() - started
    go.set()
    evaluation_started = time.perf_counter()
    counts: Counts = Counter()
    worker_rss: list[int] = []
    worker_cpu: list[float] = []
    for _ in processes:
        kind, value = results.get()
        assert kind == "evaluated" and isinstance(value, tuple)
        counts.update(value[0])
        worker_rss.append(value[1])
        worker_cpu.append(value[2])
    evaluation = time.perf_counter() - evaluation_started
    for process in processes:
        process.join()
    assert generated == people, (generated, people)
    _report(
        people,
        workers=workers,
        start=start,
        generation=generation,
        evaluation=evaluation,
        counts=counts,
        worker_rss=worker_rss,
        worker_cpu=worker_cpu,
    )


def _report(
    people: int,
    *,
    workers: int,
    start: str,
    generation: float,
    evaluation: float,
    counts: Counts,
    worker_rss: list[int],
    worker_cpu: list[float],
) -> None:
    print(f"people                 {people:>12,}")
    print(f"workers                {workers:>12} ({start})")
    print(f"generation wall s      {generation:>12.2f}")
    print(f"evaluation wall s      {evaluation:>12.2f}")
    print(f"people per second      {people / evaluation:>12,.0f}")
    # CPU seconds each worker spent evaluating: what the wall figure would be on cores
    # nobody else is using.
    cpu = ", ".join(f"{seconds:.2f}" for seconds in worker_cpu)
    print(f"evaluation CPU s       {max(worker_cpu):>12.2f} (per worker: {cpu})")
    print()
    print(f"{'code':<34} {'yes':>10} {'no':>10} {'unknown':>10} {'actionable':>11}")
    for code in CODES:
        row = [counts[code, a.value] for a in Answer]
        assert sum(row) == people, (code, row)
        print(
            f"{code:<34} {row[0]:>10,} {row[1]:>10,} {row[2]:>10,} "
            f"{counts[code, 'actionable']:>11,}"
        )
    print()
    parent_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    each = ", ".join(f"{kb / 1024:,.0f}" for kb in worker_rss)
    print(f"peak RSS parent MB     {parent_kb / 1024:>12,.0f}")
    print(f"peak RSS workers MB    {sum(worker_rss) / 1024:>12,.0f} ({each})")
    print(f"largest child MB       {children_kb / 1024:>12,.0f} (RUSAGE_CHILDREN)")
    print(f"peak RSS total MB      {(parent_kb + sum(worker_rss)) / 1024:>12,.0f}")


def profile(people: int, seed: int, as_of: date) -> None:
    """The evaluation of `people` under cProfile in this process."""
    crowd: list[PersonFacts] = []
    for block, size in blocks_for(people, 1)[0]:
        crowd.extend(generate_block(seed, block, size))
    gc.freeze()
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.runcall(evaluate_all, crowd, as_of)
    print(f"{people:,} people under cProfile: {time.perf_counter() - started:.1f} s")
    pstats.Stats(profiler).sort_stats("tottime").print_stats(25)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=2018)
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2019, 4, 1))
    parser.add_argument("--start", choices=("fork", "spawn"), default="fork")
    parser.add_argument("--profile", action="store_true", help="cProfile in one process")
    args = parser.parse_args()
    if args.people < 1 or args.workers < 1:
        parser.error("--people and --workers must be at least 1")
    if args.profile:
        profile(args.people, args.seed, args.as_of)
    else:
        run(args.people, args.workers, args.seed, args.as_of, args.start)


if __name__ == "__main__":
    main()
