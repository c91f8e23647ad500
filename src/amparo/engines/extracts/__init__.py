"""Reading, normalising and checking agency extracts (shared/spec/EXTRACTS.md).

Pure Python: no Django. ``read_extract`` opens a file's bytes and yields a
``KeptRow`` or ``RejectedRow`` for every data row; the normalisers are usable on
their own by matching code.
"""

from amparo.engines.extracts.codes import normalise_country, normalise_language, normalise_sector
from amparo.engines.extracts.decoding import decode_csv_bytes, decode_text
from amparo.engines.extracts.errors import ExtractError, ExtractFileError
from amparo.engines.extracts.normalise import (
    fold_accents,
    normalise_a_number,
    normalise_name,
    parse_date,
    split_ice_full_name,
)
from amparo.engines.extracts.reading import ExtractReader, read_extract
from amparo.engines.extracts.rows import FieldProblem, KeptRow, RejectedRow
from amparo.engines.extracts.sources import detect_source
from amparo.engines.extracts.spec import (
    CODE_LISTS,
    REJECTING_PROBLEMS,
    SPECS,
    ExtractSpec,
    Problem,
    Source,
)

__all__ = [
    "CODE_LISTS",
    "REJECTING_PROBLEMS",
    "SPECS",
    "ExtractError",
    "ExtractFileError",
    "ExtractReader",
    "ExtractSpec",
    "FieldProblem",
    "KeptRow",
    "Problem",
    "RejectedRow",
    "Source",
    "decode_csv_bytes",
    "decode_text",
    "detect_source",
    "fold_accents",
    "normalise_a_number",
    "normalise_country",
    "normalise_language",
    "normalise_name",
    "normalise_sector",
    "parse_date",
    "read_extract",
    "split_ice_full_name",
]
