"""Turning configs and model parameters into JSON for run.json.

The engines' configs and models are dataclasses and mappings of whatever their
authors chose (tuples, dates, enums, NumPy scalars); run.json must hold all of
it, losslessly where JSON can, so that a run can be repeated for the court.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from datetime import date, datetime
from enum import Enum
from pathlib import PurePath
from typing import cast

JSON = None | bool | int | float | str | list["JSON"] | dict[str, "JSON"]


_NOT_SCALAR = object()


def _scalar(value: object) -> JSON | object:
    """``value`` as a JSON scalar, or _NOT_SCALAR."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        # JSON has no NaN or infinity; null says "no number" without breaking parsers.
        return value if math.isfinite(value) else None
    if isinstance(value, Enum):
        return _scalar(value.value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, PurePath):
        return str(value)
    return _NOT_SCALAR


def to_json(value: object) -> JSON:
    """A JSON-ready copy of ``value``; anything unknown becomes its ``repr``."""
    scalar = _scalar(value)
    if scalar is not _NOT_SCALAR:
        return cast(JSON, scalar)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            field.name: to_json(getattr(value, field.name)) for field in dataclasses.fields(value)
        }
    if isinstance(value, Mapping):
        return {str(key): to_json(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [to_json(item) for item in value]
        # A set has no order of its own; sorting makes run.json the same every run.
        return sorted(items, key=repr) if isinstance(value, set | frozenset) else items
    # NumPy arrays and scalars: tolist() gives plain Python lists and numbers.
    tolist = getattr(value, "tolist", None)
    if callable(tolist):
        return to_json(tolist())
    return repr(value)
