"""Small counts hidden from readers outside the parties, so that none can be worked
back out from the sums printed beside it.

A count from 1 to `limit - 1` could point at one family: it is shown as a band. Hiding
it is not enough when a subtotal is printed: a country of 12 with one region of 11
shown gives the other region away. So in every sum (the total over countries, a
country over its regions) either no cell is hidden or at least two are: where one
alone is hidden, the smallest other cell of that sum is hidden too (or the sum itself,
when it has no other part), and this is repeated until it holds everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from amparo.engines.returns.measures import MEASURES, Measures

DEFAULT_LIMIT = 11


@dataclass(frozen=True, slots=True)
class ShownRow:
    country: str
    region: str
    cells: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Shown:
    regions: tuple[ShownRow, ...]
    countries: tuple[ShownRow, ...]
    total: ShownRow


def _hidden_cells(measures: Measures, column: int, limit: int) -> set[tuple[str, int]]:
    """Which cells of one column are hidden: ("t", 0), ("c", i), ("r", k)."""
    values: dict[tuple[str, int], int] = {("t", 0): measures.total.counts[column]}
    for i, country in enumerate(measures.countries):
        values[("c", i)] = country.counts[column]
    for k, region in enumerate(measures.regions):
        values[("r", k)] = region.counts[column]
    groups: list[tuple[tuple[str, int], list[tuple[str, int]]]] = [
        (("t", 0), [("c", i) for i in range(len(measures.countries))])
    ]
    for i, country in enumerate(measures.countries):
        parts = [("r", k) for k, r in enumerate(measures.regions) if r.country == country.country]
        groups.append((("c", i), parts))
    hidden = {cell for cell, n in values.items() if 0 < n < limit}
    changed = True
    while changed:
        changed = False
        for parent, parts in groups:
            members = [parent, *parts]
            if not parts or sum(cell in hidden for cell in members) != 1:
                continue
            candidates = sorted((values[p], p) for p in parts if p not in hidden)
            # The lone hidden cell's smallest sibling; a sum of one part hides itself.
            hidden.add(candidates[0][1] if candidates else parent)
            changed = True
    return hidden


def suppressed(measures: Measures, limit: int = DEFAULT_LIMIT) -> Shown:
    """The figures as strings, small counts and what would reveal them as `<limit`."""
    hidden_by_column = [_hidden_cells(measures, j, limit) for j in range(len(MEASURES))]
    band = f"<{limit}"

    def cells(kind: str, index: int, counts: tuple[int, ...]) -> tuple[str, ...]:
        return tuple(
            band if (kind, index) in hidden_by_column[j] else str(n) for j, n in enumerate(counts)
        )

    return Shown(
        regions=tuple(
            ShownRow(r.country, r.region, cells("r", k, r.counts))
            for k, r in enumerate(measures.regions)
        ),
        countries=tuple(
            ShownRow(c.country, "", cells("c", i, c.counts))
            for i, c in enumerate(measures.countries)
        ),
        total=ShownRow("", "", cells("t", 0, measures.total.counts)),
    )
