"""Telling which agency extract a file is, from its name or else its header."""

from __future__ import annotations

import re
from collections.abc import Sequence

from amparo.engines.extracts.errors import ExtractFileError
from amparo.engines.extracts.spec import SPECS, Source

__all__ = ["canonical_column", "detect_source"]

_STEM_SEPARATORS = re.compile(r"[\s\-.]+")
_KNOWN_EXTENSIONS = (".csv", ".xlsx", ".txt")


def canonical_column(name: str) -> str:
    """How a header cell is compared with the contract: trimmed and lower-cased."""
    return name.strip().lower()


def _stem(filename: str) -> str:
    # Uploads from Windows browsers can carry a full C:\...\ path.
    base = re.split(r"[\\/]", filename)[-1].lower()
    for extension in _KNOWN_EXTENSIONS:
        if base.endswith(extension):
            base = base.removesuffix(extension)
            break
    return _STEM_SEPARATORS.sub("_", base)


def detect_source(filename: str, header: Sequence[str] | None = None) -> Source:
    """Return the extract a file holds.

    First by name: the stem must contain exactly one source's stem, ignoring case,
    extension and separators, so ``"2018-07_CBP-Apprehensions (1).xlsx"`` is CBP.
    Failing that (no stem, or two), by the header: the one source whose id column
    is present. Raises ExtractFileError if neither tells.
    """
    stem = _stem(filename)
    by_name = [source for source in Source if source.value in stem]
    if len(by_name) == 1:
        return by_name[0]
    if header is not None:
        columns = {canonical_column(column) for column in header}
        by_header = [source for source in Source if SPECS[source].id_column in columns]
        if len(by_header) == 1:
            return by_header[0]
    expected = ", ".join(spec.filename for spec in SPECS.values())
    raise ExtractFileError(
        filename,
        f"cannot tell which extract this is: name the file after one of {expected}, "
        "or include that extract's id column in the header",
    )
