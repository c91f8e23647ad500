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

JSON = None | bool | int | float | str | list["JSON"] | dict[str, "JSON"]


def to_json(value: object) -> JSON:
    """A JSON-ready copy of ``value``; anything unknown becomes its ``repr``."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        # JSON has no NaN or infinity; null says "no number" without breaking parsers.
        return value if math.isfinite(value) else None
    if isinstance(value, Enum):
        return to_json(value.value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, PurePath):
        return str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            field.name: to_json(getattr(value, field.name)) for field in dataclasses.fields(value)
        }
    if isinstance(value, Mapping):
        return {str(key): to_json(item) for key, item in value.items()}
    if isinstance(value, set | frozenset):
        return sorted((to_json(item) for item in value), key=repr)
    if isinstance(value, list | tuple):
        return [to_json(item) for item in value]
    # NumPy arrays and scalars: tolist() gives plain Python lists and numbers.
    tolist = getattr(value, "tolist", None)
    if callable(tolist):
        return to_json(tolist())
    return repr(value)
