"""String similarity used by the reference comparisons (standardise.py).

The Splink model computes the same measures in SQL (DuckDB's and Spark's own
functions); these are for pure-Python callers and need no third-party package.
"""

from __future__ import annotations

__all__ = ["jaro", "jaro_winkler", "levenshtein", "one_edit_apart"]

_PREFIX = 4
_SCALE = 0.1
# Winkler's rule: only strings already this similar get the prefix boost.
_BOOST_FROM = 0.7


def jaro(left: str, right: str) -> float:
    """Jaro similarity in [0, 1] (1 for equal strings, 0 if either is empty)."""
    if left == right:
        return 1.0 if left else 0.0
    n, m = len(left), len(right)
    if not n or not m:
        return 0.0
    window = max(max(n, m) // 2 - 1, 0)
    left_hit = [False] * n
    right_hit = [False] * m
    matches = 0
    for i, char in enumerate(left):
        for j in range(max(0, i - window), min(m, i + window + 1)):
            if not right_hit[j] and right[j] == char:
                left_hit[i] = right_hit[j] = True
                matches += 1
                break
    if not matches:
        return 0.0
    left_chars = [c for c, hit in zip(left, left_hit, strict=True) if hit]
    right_chars = [c for c, hit in zip(right, right_hit, strict=True) if hit]
    half_transpositions = sum(a != b for a, b in zip(left_chars, right_chars, strict=True))
    # Whole transpositions, rounded down, as DuckDB and Spark count them: the SQL
    # model and this reference must agree on borderline names.
    transpositions = half_transpositions // 2
    return (matches / n + matches / m + (matches - transpositions) / matches) / 3


def jaro_winkler(left: str, right: str) -> float:
    """Jaro-Winkler similarity: Jaro, boosted for a common prefix of up to 4 letters
    when Jaro is above 0.7 (as DuckDB, Spark and jellyfish compute it)."""
    score = jaro(left, right)
    if score <= _BOOST_FROM:
        return score
    prefix = 0
    for a, b in zip(left[:_PREFIX], right[:_PREFIX], strict=False):
        if a != b:
            break
        prefix += 1
    return score + prefix * _SCALE * (1 - score)


def one_edit_apart(left: str, right: str) -> bool:
    """True when the strings differ by exactly one substitution, insertion,
    deletion or exchange of two adjacent characters (Damerau-Levenshtein 1)."""
    if left == right:
        return False
    n, m = len(left), len(right)
    if abs(n - m) > 1:
        return False
    start = 0
    while start < min(n, m) and left[start] == right[start]:
        start += 1
    if n == m:
        if left[start + 1 :] == right[start + 1 :]:
            return True
        return (
            start + 1 < n
            and left[start] == right[start + 1]
            and left[start + 1] == right[start]
            and left[start + 2 :] == right[start + 2 :]
        )
    longer, shorter = (left, right) if n > m else (right, left)
    return longer[start + 1 :] == shorter[start:]


def levenshtein(left: str, right: str) -> int:
    """Edit distance: letters changed, added or dropped (an exchange counts 2)."""
    if len(left) < len(right):
        left, right = right, left
    previous = list(range(len(right) + 1))
    for i, a in enumerate(left, start=1):
        current = [i]
        for j, b in enumerate(right, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b)))
        previous = current
    return previous[-1]
