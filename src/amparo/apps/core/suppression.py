"""Small-cell suppression for aggregate counts shown to the court."""

SMALL_CELL_LIMIT = 11


def suppress_small(count: int) -> str:
    """A count from 1 to 10 could identify a family; show it as a band."""
    if 0 < count < SMALL_CELL_LIMIT:
        return f"<{SMALL_CELL_LIMIT}"
    return str(count)
