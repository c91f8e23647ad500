"""XLSX that a spreadsheet will not execute.

openpyxl stores any string that begins with "=" as a formula. Every cell written here
is a string cell whatever its text (data type set after the value, which is what
decides how openpyxl serialises it), so agency text is shown, never evaluated. The
control characters XML cannot hold are replaced, so no text can make writing fail.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

# What openpyxl refuses in a cell (XML 1.0 forbids these control characters).
_ILLEGAL_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Excel's limit on a cell's text.
MAX_CELL_CHARS = 32_767


def _text(value: object) -> str:
    text = "" if value is None else str(value)
    return _ILLEGAL_IN_XML.sub("\ufffd", text)[:MAX_CELL_CHARS]


def _string_cell(sheet: WriteOnlyWorksheet, value: object) -> Cell:
    cell = WriteOnlyCell(sheet, value=_text(value))
    # Setting the value guessed "f" for text starting with "="; a string it stays.
    cell.data_type = "s"
    return cell


def write_safe_xlsx(
    out: BinaryIO,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    title: str = "Sheet1",
) -> int:
    """Write one sheet of string cells to ``out``; returns the number of data rows."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    sheet.append([_string_cell(sheet, h) for h in header])
    count = 0
    for row in rows:
        sheet.append([_string_cell(sheet, v) for v in row])
        count += 1
    workbook.save(out)
    return count
