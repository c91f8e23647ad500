"""Identification: from a folder of agency extracts to people, separated families and
a review queue, written as the files of shared/spec/EXTRACTS.md.

A facade over the linkage and families engines: ``read_extract_dir`` reads the
extracts, ``identify`` runs both engines and merges their results,
``write_outputs`` writes the contract's files plus run.json, and ``identify_dir``
does all three. Pure Python: no Django.
"""

from amparo.engines.identify.config import IdentifyConfig
from amparo.engines.identify.contract import (
    IDENTIFY_VERSION,
    OUTPUT_COLUMNS,
    PERSONS,
    REJECTED,
    REVIEW,
    RUN_MANIFEST,
    SEPARATIONS,
)
from amparo.engines.identify.errors import ExtractFileError, IdentifyError, InputDirError
from amparo.engines.identify.inputs import ExtractSet, InputFile, RejectedRecord, read_extract_dir
from amparo.engines.identify.outputs import write_outputs
from amparo.engines.identify.pipeline import IdentifySummary, identify_dir
from amparo.engines.identify.results import (
    FamilyResultLike,
    IdentifyResult,
    PersonLinksLike,
    SeparationLike,
)
from amparo.engines.identify.run import identify
from amparo.engines.identify.stages import (
    InferFamilies,
    LinkPeople,
    Progress,
    Stages,
    default_stages,
)

__all__ = [
    "IDENTIFY_VERSION",
    "OUTPUT_COLUMNS",
    "PERSONS",
    "REJECTED",
    "REVIEW",
    "RUN_MANIFEST",
    "SEPARATIONS",
    "ExtractFileError",
    "ExtractSet",
    "FamilyResultLike",
    "IdentifyConfig",
    "IdentifyError",
    "IdentifyResult",
    "IdentifySummary",
    "InferFamilies",
    "InputDirError",
    "InputFile",
    "LinkPeople",
    "PersonLinksLike",
    "Progress",
    "RejectedRecord",
    "SeparationLike",
    "Stages",
    "default_stages",
    "identify",
    "identify_dir",
    "read_extract_dir",
    "write_outputs",
]
