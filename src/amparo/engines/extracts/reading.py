"""Reading an extract file (CSV or XLSX) into checked rows, one at a time."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Literal

from amparo.engines.extracts.decoding import decode_text
from amparo.engines.extracts.errors import ExtractFileError
from amparo.engines.extracts.rows import KeptRow, RejectedRow, RowChecker, extra_column_name
from amparo.engines.extracts.sources import canonical_column, detect_source
from amparo.engines.extracts.spec import SPECS, ExtractSpec, Source
from amparo.engines.extracts.xlsx import xlsx_records

__all__ = ["ExtractReader", "read_extract"]

FileFormat = Literal["csv", "xlsx"]
# (physical line, cells, error): cells is None when the line could not be parsed.
_Record = tuple[int, list[str] | None, str]

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _sniff_format(data: bytes, filename: str) -> FileFormat:
    # The bytes decide, not the name: users rename files, and browsers send
    # whatever name the user's system chose.
    if data.startswith(_ZIP_MAGIC):
        return "xlsx"
    if data.startswith(_OLE_MAGIC):
        raise ExtractFileError(
            filename, "this is an old Excel 97-2003 (.xls) workbook: save it as .xlsx or CSV"
        )
    return "csv"


def _csv_records(text: str) -> Iterator[_Record]:
    reader = csv.reader(io.StringIO(text, newline=""))
    # line_num counts physical lines consumed so far, so a row starts one line
    # after the previous row ended, however many quoted newlines it holds.
    previous_end = 0
    while True:
        try:
            for cells in reader:
                yield previous_end + 1, cells, ""
                previous_end = reader.line_num
            return
        except csv.Error as error:
            yield previous_end + 1, None, f"cannot parse the row: {error}"
            previous_end = reader.line_num


def _column_names(filename: str, cells: Sequence[str]) -> tuple[str, ...]:
    names = tuple(
        canonical_column(cell) or extra_column_name(position)
        for position, cell in enumerate(cells, start=1)
    )
    if any("\x00" in cell for cell in cells):
        raise ExtractFileError(filename, "the header holds a NUL character: not a text file")
    if len(names) == 1 and any(mark in cells[0] for mark in ("\t", ";")):
        raise ExtractFileError(
            filename,
            "the header is a single column holding tabs or semicolons: "
            "the file must be comma-separated",
        )
    duplicates = sorted(name for name, count in Counter(names).items() if count > 1)
    if duplicates:
        raise ExtractFileError(filename, f"the header repeats column(s): {', '.join(duplicates)}")
    return names


class ExtractReader:
    """One extract file: its header, checked on creation, then its rows on iteration.

    Iterating yields one ``KeptRow`` or ``RejectedRow`` for every data row, in
    file order, reading as it goes. Each iteration is a fresh pass (duplicate ids
    are judged within a pass).

    Lines with no cells at all (an empty CSV line, an XLSX row with every cell
    empty) are not rows: they are skipped and their line numbers listed in
    ``blank_lines`` after a pass. A CSV line of only commas *is* a row, with an
    empty id, and is rejected as MISSING_ID. An XLSX workbook that turns out to be
    corrupt part-way through raises ExtractFileError during iteration; treat the
    whole file as refused.
    """

    def __init__(self, data: bytes, *, filename: str, source: Source | None = None) -> None:
        self.filename = filename
        self.format: FileFormat = _sniff_format(data, filename)
        self.encoding: str | None = None
        self._data = data
        self._text = ""
        if self.format == "csv":
            self._text, self.encoding = decode_text(data)
        self.blank_lines: list[int] = []
        self._header_line, header_cells = self._find_header()
        self.header: tuple[str, ...] = _column_names(filename, header_cells)
        self.source: Source = source or detect_source(filename, self.header)
        self.spec: ExtractSpec = SPECS[self.source]
        present = set(self.header)
        missing = [column for column in self.spec.required_columns if column not in present]
        if missing:
            raise ExtractFileError(
                filename,
                f"missing required column(s) for {self.spec.filename}: {', '.join(missing)}",
            )
        contract = set(self.spec.columns)
        self.extra_columns: tuple[str, ...] = tuple(
            column for column in self.header if column not in contract
        )

    def _records(self) -> Iterator[_Record]:
        if self.format == "xlsx":
            return xlsx_records(self._data, self.filename)
        return _csv_records(self._text)

    def _find_header(self) -> tuple[int, list[str]]:
        records = self._records()
        try:
            for line, cells, error in records:
                if cells is None:
                    raise ExtractFileError(self.filename, f"header on line {line}: {error}")
                if any(cell.strip() for cell in cells):
                    return line, cells
                if cells:
                    raise ExtractFileError(
                        self.filename, f"the header on line {line} has no column names"
                    )
        finally:
            close = getattr(records, "close", None)
            if close is not None:
                close()
        raise ExtractFileError(self.filename, "the file is empty: no header row")

    def __iter__(self) -> Iterator[KeptRow | RejectedRow]:
        checker = RowChecker(self.spec, self.header)
        width = len(self.header)
        # Excel leaves out trailing empty cells; only a CSV row can truly be short.
        pad = self.format == "xlsx"
        blank_lines: list[int] = []
        self.blank_lines = blank_lines
        for line, cells, error in self._records():
            if line <= self._header_line:
                continue
            if cells is None:
                yield checker.unparseable(line, error)
            elif not cells:
                blank_lines.append(line)
            else:
                if pad and len(cells) < width:
                    cells.extend([""] * (width - len(cells)))
                yield checker.check(line, cells)


def read_extract(data: bytes, *, filename: str, source: Source | None = None) -> ExtractReader:
    """Open an extract held in ``data``; ``filename`` names it in messages and,
    unless ``source`` is given, tells which extract it is.

    Raises ExtractFileError at once if the file as a whole is unusable: not CSV
    or XLSX, empty, no header, a repeated column, a missing required column, or
    no way to tell which extract it is.
    """
    return ExtractReader(data, filename=filename, source=source)
