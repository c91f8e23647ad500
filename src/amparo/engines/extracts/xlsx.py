"""Reading the first worksheet of an XLSX workbook as rows of display text."""

from __future__ import annotations

import io
import warnings
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time

import openpyxl

from amparo.engines.extracts.errors import ExtractFileError

__all__ = ["cell_text", "xlsx_records"]


def cell_text(value: object) -> str:
    """The text a person sees in a cell, in the forms the contract reads.

    Dates become ISO dates (a date-time keeps only its date: every contract date
    column is a day), whole numbers lose Excel's ``.0`` (an A-number typed into a
    number cell is ``201555017``, not ``201555017.0``), empty cells are ``""``.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        text = "TRUE" if value else "FALSE"
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    elif isinstance(value, datetime):
        text = value.date().isoformat()
    elif isinstance(value, date | time):
        text = value.isoformat()
    else:
        text = str(value)
    return text


# What a workbook may unpack to. A 100,000-row extract unpacks to well under 100 MB;
# a zip bomb (a small file that inflates to gigabytes) is refused before any part is
# read. zipfile stops inflating a member at its declared size, so the declared sizes
# summed here bound what openpyxl can be made to read.
MAX_UNPACKED_BYTES = 512 * 1024 * 1024


def _check_unpacked_size(data: bytes, filename: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise ExtractFileError(filename, f"not a readable XLSX workbook ({error})") from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise ExtractFileError(
            filename,
            f"the workbook unpacks to {unpacked // 2**20} MB, more than the "
            f"{MAX_UNPACKED_BYTES // 2**20} MB an extract may: refused unread",
        )


def _open(data: bytes, filename: str) -> openpyxl.Workbook:
    _check_unpacked_size(data, filename)
    try:
        # openpyxl warns about every feature it skips (data validation, styles);
        # none of them matter for reading values.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(
                io.BytesIO(data), read_only=True, data_only=True, keep_links=False
            )
    # The bytes are untrusted and openpyxl can fail in many ways (zip, XML,
    # missing parts, bad values); each means the same thing to the user.
    except Exception as error:
        raise ExtractFileError(
            filename, f"not a readable XLSX workbook ({type(error).__name__}: {error})"
        ) from error


def xlsx_records(data: bytes, filename: str) -> Iterator[tuple[int, list[str] | None, str]]:
    """Yield ``(sheet row number, cell texts, "")`` for every row of the first sheet.

    Trailing empty cells are dropped, so a row with nothing in it is ``[]``.
    """
    workbook = _open(data, filename)
    try:
        if not workbook.worksheets:
            raise ExtractFileError(filename, "the workbook has no worksheet")
        sheet = workbook.worksheets[0]
        # The stored dimensions are often wrong in files from other tools, and
        # openpyxl would silently stop at them.
        reset = getattr(sheet, "reset_dimensions", None)
        if reset is not None:
            reset()
        rows = sheet.iter_rows(values_only=True)
        line = 0
        while True:
            try:
                row = next(rows)
            except StopIteration:
                return
            except Exception as error:
                raise ExtractFileError(
                    filename,
                    f"the workbook is corrupt after row {line} ({type(error).__name__}: {error})",
                ) from error
            line += 1
            cells = [cell_text(value) for value in row]
            while cells and not cells[-1].strip():
                cells.pop()
            yield line, cells, ""
    finally:
        workbook.close()
