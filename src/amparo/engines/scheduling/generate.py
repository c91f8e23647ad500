"""Realistic scheduling instances for tests and benchmarks, deterministic in the seed.

The shape follows DOMAIN.md: most people speak Spanish, many Guatemalans a Mayan
language (K'iche' and Mam most), few interpreters exist for the Mayan languages and many
of those work by telephone; officers sit mostly at one family detention facility; most
people have counsel, and lawyers carry several clients; about one request in ten is a
parent's or a child's claim in the same family. With the defaults the officers' daily
capacity (about 1,900 interviews in ten days) and the rooms fall a little short of 2,000
requests, so a schedule has to choose whom to leave out and whom to make late.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from random import Random

from amparo.engines.scheduling.records import (
    Assignment,
    Counsel,
    Facility,
    Hours,
    Instance,
    Interpreter,
    Officer,
    Request,
)


@dataclass(frozen=True, slots=True)
class _Language:
    code: str
    # Share of the people who speak it best.
    people: float
    # Share of the officers who interview in it without an interpreter.
    officers: float
    # Share of the interpreters whose first language it is.
    interpreters: float
    # Chance that an interpreter of it also interprets Spanish.
    with_spanish: float = 0.0
    # Chance that an interpreter of it works by telephone.
    remote: float = 0.5


# Most common first; `languages=n` keeps the first n.
LANGUAGES = (
    _Language("spanish", 0.60, 0.50, 0.40, remote=0.4),
    _Language("kiche", 0.09, 0.0, 0.08, with_spanish=0.8, remote=0.7),
    _Language("mam", 0.08, 0.0, 0.06, with_spanish=0.8, remote=0.7),
    _Language("qanjobal", 0.05, 0.0, 0.04, with_spanish=0.8, remote=0.8),
    _Language("akateko", 0.03, 0.0, 0.02, with_spanish=0.7, remote=0.9),
    _Language("ixil", 0.02, 0.0, 0.02, with_spanish=0.7, remote=0.9),
    _Language("chuj", 0.02, 0.0, 0.02, with_spanish=0.7, remote=0.9),
    _Language("kaqchikel", 0.02, 0.0, 0.03, with_spanish=0.8, remote=0.8),
    _Language("portuguese", 0.03, 0.04, 0.06, with_spanish=0.3, remote=0.6),
    _Language("haitian_creole", 0.02, 0.01, 0.05, remote=0.6),
    _Language("qeqchi", 0.02, 0.0, 0.02, with_spanish=0.8, remote=0.9),
    _Language("english", 0.02, 1.0, 0.0),
)

# Family detention and processing sites, with their share of the requests.
FACILITIES = (("dilley", 0.45), ("karnes", 0.30), ("port_isabel", 0.15), ("berks", 0.10))

PRIORITIES = ((1, 0.5), (2, 0.25), (3, 0.15), (4, 0.10))
TELEPHONIC = 0.15
# Share of two-hour interviews (the rest take one hour).
LONG = 0.55
MEAN_DURATION = 1 + LONG
REPRESENTED = 0.85
# Chance that a request starts a family of two (about 10% of requests in families).
FAMILY_START = 0.053
PINNED = 0.05


def _pick[T](rng: Random, options: list[tuple[T, float]]) -> T:
    return rng.choices([o for o, _ in options], weights=[w for _, w in options])[0]


def _week_days(rng: Random, days: int, low: int, high: int) -> frozenset[int]:
    """`low` to `high` working days in each week of five."""
    chosen: set[int] = set()
    for week in range(0, days, 5):
        days_of_week = list(range(week, min(week + 5, days)))
        k = min(len(days_of_week), rng.randint(low, high))
        chosen.update(rng.sample(days_of_week, k))
    return frozenset(chosen)


def _share(counts: int, weights: list[float]) -> list[int]:
    """`counts` split by `weights`, largest remainders first."""
    total = sum(weights)
    exact = [counts * w / total for w in weights]
    out = [int(x) for x in exact]
    for k in sorted(range(len(weights)), key=lambda k: out[k] - exact[k])[: counts - sum(out)]:
        out[k] += 1
    return out


def realistic_instance(
    requests: int,
    *,
    days: int = 10,
    slots_per_day: int = 8,
    officers: int = 60,
    interpreters: int = 80,
    languages: int = 12,
    counsel: int = 300,
    facilities: int = 4,
    seed: int = 0,
) -> Instance:
    """An instance shaped like the settlement's interviews (see the module docstring);
    the same arguments always give the same instance."""
    if days < 1 or slots_per_day < 2 or facilities < 1:
        raise ValueError("need at least one day, two slots a day and one facility")
    g = _Generator(Random(seed), days, slots_per_day, languages, facilities)  # noqa: S311 - test data
    officer_list = g.officers(officers)
    interpreter_list = g.interpreters(interpreters)
    counsel_list = g.counsel(counsel)
    facility_list = g.facilities(officer_list)
    request_list = g.pin(g.requests(requests, counsel_list), officer_list)
    return Instance(
        days=days,
        slots_per_day=slots_per_day,
        requests=tuple(request_list),
        officers=tuple(officer_list),
        interpreters=tuple(interpreter_list),
        counsel=tuple(counsel_list),
        facilities=tuple(facility_list),
    )


class _Generator:
    def __init__(
        self, rng: Random, days: int, slots_per_day: int, languages: int, facilities: int
    ) -> None:
        self.rng = rng
        self.days = days
        self.slots = slots_per_day
        self.langs = LANGUAGES[: max(1, languages)]
        self.sites = list(FACILITIES[:facilities]) + [
            (f"facility_{k + 1}", 0.1) for k in range(len(FACILITIES), facilities)
        ]

    def officers(self, count: int) -> list[Officer]:
        """Spread over the sites by demand, a few also covering a second one; about half
        speak Spanish; 4-5 days a week, whole days, 3-4 interviews a day."""
        rng, sites = self.rng, self.sites
        shares = _share(count, [w for _, w in sites])
        homes = [f for (f, _), n in zip(sites, shares, strict=True) for _ in range(n)]
        rng.shuffle(homes)
        out: list[Officer] = []
        for k, home in enumerate(homes):
            where = {home}
            if len(sites) > 1 and rng.random() < 0.15:
                where.add(_pick(rng, [s for s in sites if s[0] != home]))
            spoken = {"english"} | {
                lang.code
                for lang in self.langs
                if 0 < lang.officers < 1 and rng.random() < lang.officers
            }
            out.append(
                Officer(
                    id=f"o{k + 1:03d}",
                    hours=Hours(_week_days(rng, self.days, 4, 5), 0, self.slots),
                    facilities=frozenset(where),
                    daily_capacity=rng.choice((3, 4)),
                    languages=frozenset(spoken),
                )
            )
        return out

    def interpreters(self, count: int) -> list[Interpreter]:
        """At least one for each language needing one, when there are enough; Mayan
        language interpreters are few, mostly by telephone, and most also interpret
        Spanish; some work half days."""
        rng = self.rng
        interpreted = [lang for lang in self.langs if lang.interpreters > 0]
        firsts: list[_Language] = []
        if interpreted and count >= len(interpreted):
            firsts = list(interpreted)
        while interpreted and len(firsts) < count:
            firsts.append(_pick(rng, [(lang, lang.interpreters) for lang in interpreted]))
        spanish = any(lang.code == "spanish" for lang in self.langs)
        out: list[Interpreter] = []
        for k, lang in enumerate(firsts):
            spoken = {lang.code}
            if spanish and rng.random() < lang.with_spanish:
                spoken.add("spanish")
            remote = rng.random() < lang.remote
            start, end = 0, self.slots
            if rng.random() < 0.3:
                half = self.slots // 2
                start, end = rng.choice(((0, half), (half, self.slots)))
            out.append(
                Interpreter(
                    id=f"i{k + 1:03d}",
                    languages=frozenset(spoken),
                    hours=Hours(_week_days(rng, self.days, 3, 5), start, end),
                    remote=remote,
                    facility=None if remote else _pick(rng, self.sites),
                )
            )
        return out

    def counsel(self, count: int) -> list[Counsel]:
        """Available most days, some not at the first or last hour; 1-3 at once."""
        rng = self.rng
        out: list[Counsel] = []
        for k in range(count):
            days = frozenset(d for d in range(self.days) if rng.random() < 0.85)
            out.append(
                Counsel(
                    id=f"c{k + 1:03d}",
                    hours=Hours(
                        days or frozenset(range(self.days)),
                        1 if rng.random() < 0.2 else 0,
                        self.slots - 1 if rng.random() < 0.2 else self.slots,
                    ),
                    max_concurrent=_pick(rng, [(1, 0.5), (2, 0.3), (3, 0.2)]),
                )
            )
        return out

    def facilities(self, officers: list[Officer]) -> list[Facility]:
        """Rooms and lines: a little more than the officers at the site keep busy at
        once when all work to capacity, so that they bind where demand peaks."""
        rng = self.rng
        out: list[Facility] = []
        for fid, _ in self.sites:
            busy = sum(
                len(o.hours.days) * o.daily_capacity * MEAN_DURATION / len(o.facilities)
                for o in officers
                if fid in o.facilities
            ) / max(1, self.days * self.slots)
            out.append(
                Facility(
                    id=fid,
                    rooms=max(1, round(busy * (1 - TELEPHONIC) * rng.uniform(1.1, 1.3))),
                    phone_lines=max(1, round(busy * TELEPHONIC * rng.uniform(1.2, 1.6))),
                )
            )
        return out

    def requests(self, count: int, counsel: list[Counsel]) -> list[Request]:
        """Earliest days over the first half of the plan, due 2-5 days later; about one
        in ten a parent and child of one family, at the same site from the same day."""
        rng = self.rng
        width = len(str(max(1, count)))
        opening = max(1, (self.days + 1) // 2)
        people = [(lang.code, lang.people) for lang in self.langs]
        # Some lawyers carry many more clients than others.
        caseload = [rng.lognormvariate(0, 0.6) for _ in counsel]

        def lawyer() -> str | None:
            if not counsel or rng.random() >= REPRESENTED:
                return None
            return rng.choices(counsel, weights=caseload)[0].id

        def draw(n: int, family: str | None = None) -> Request:
            earliest = rng.randrange(opening)
            return Request(
                id=f"r{n:0{width}d}",
                facility=_pick(rng, self.sites),
                language=_pick(rng, people),
                earliest_day=earliest,
                due_day=earliest + rng.randint(2, 5),
                duration=2 if rng.random() < LONG else 1,
                priority=_pick(rng, list(PRIORITIES)),
                counsel_id=lawyer(),
                telephonic=rng.random() < TELEPHONIC,
                family=family,
            )

        out: list[Request] = []
        families = 0
        while len(out) < count:
            n = len(out) + 1
            if len(out) + 2 > count or rng.random() >= FAMILY_START:
                out.append(draw(n))
                continue
            families += 1
            parent = draw(n, f"f{families:04d}")
            # The child's own claim: usually the same language and lawyer; a young
            # child's claim weighs more.
            child = draw(n + 1, parent.family)
            child = replace(
                child,
                facility=parent.facility,
                earliest_day=parent.earliest_day,
                due_day=parent.earliest_day + child.due_day - child.earliest_day,
                language=parent.language if rng.random() < 0.85 else self.langs[0].code,
                counsel_id=parent.counsel_id if rng.random() < 0.8 else child.counsel_id,
                priority=rng.choice((2, 3, 4)),
            )
            out += [parent, child]
        return out

    def pin(self, requests: list[Request], officers: list[Officer]) -> list[Request]:
        """A few interviews were already notified, at a time their officer works (which
        may clash with another notified one)."""
        rng = self.rng
        by_site = {f: [o for o in officers if f in o.facilities] for f, _ in self.sites}
        out: list[Request] = []
        for r in requests:
            pinned = None
            if rng.random() < PINNED and by_site[r.facility]:
                officer = rng.choice(by_site[r.facility])
                worked = sorted(d for d in officer.hours.days if d >= r.earliest_day)
                if worked:
                    day = rng.choice(worked[:3])
                    slot = rng.randrange(self.slots - r.duration + 1)
                    pinned = Assignment(r.id, day, slot, officer.id)
            out.append(r if pinned is None else replace(r, pinned=pinned))
        return out
