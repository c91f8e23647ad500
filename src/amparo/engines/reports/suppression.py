"""Small counts hidden in the copies that leave the parties, so that none can be had
back from the figures printed beside it.

A count from 1 to `limit - 1` is shown as a band (`<limit`). Where figures add up (a
total and its parts), hiding one alone is not enough: the total minus the parts shown
gives it away. So in every such sum either nothing is hidden or at least two cells are;
where one alone is, the smallest other part is hidden too (the total, if the sum has no
other part), until that holds everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def hidden_cells(
    values: Mapping[str, int],
    groups: Sequence[tuple[str, Sequence[str]]],
    limit: int,
) -> frozenset[str]:
    """The names of the cells to hide."""
    hidden = {name for name, n in values.items() if 0 < n < limit}
    changed = True
    while changed:
        changed = False
        for total, parts in groups:
            present = [p for p in parts if p in values]
            if total not in values or not present:
                continue
            if sum(cell in hidden for cell in (total, *present)) != 1:
                continue
            others = sorted((values[p], p) for p in present if p not in hidden)
            hidden.add(others[0][1] if others else total)
            changed = True
    return frozenset(hidden)


def shown(
    values: Mapping[str, int],
    groups: Sequence[tuple[str, Sequence[str]]],
    limit: int,
) -> dict[str, str]:
    """Every value as text, hidden ones as `<limit`; `limit` 0 hides nothing."""
    hidden = hidden_cells(values, groups, limit) if limit > 0 else frozenset()
    band = f"<{limit}"
    return {name: band if name in hidden else str(n) for name, n in values.items()}
