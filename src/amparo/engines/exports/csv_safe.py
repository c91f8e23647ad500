"""CSV that a spreadsheet will not execute.

A cell that begins with = + - @, a tab or a carriage return is read by Excel,
LibreOffice and Google Sheets as a formula; agency text is untrusted, so such
a cell is prefixed with an apostrophe, which spreadsheets show as text.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from typing import Protocol

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


class _Writable(Protocol):
    def write(self, text: str, /) -> object: ...


def neutralise_formula(value: object) -> str:
    text = "" if value is None else str(value)
    # Leading spaces do not stop a spreadsheet from evaluating the formula.
    if text.lstrip(" ").startswith(_FORMULA_STARTS):
        return "'" + text
    return text


def write_safe_csv(out: _Writable, header: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralise_formula(h) for h in header])
    count = 0
    for row in rows:
        writer.writerow([neutralise_formula(v) for v in row])
        count += 1
    return count
