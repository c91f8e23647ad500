"""Errors of the identification facade."""

from __future__ import annotations

from amparo.engines.extracts import ExtractFileError

__all__ = ["ExtractFileError", "IdentifyError", "InputDirError"]


class IdentifyError(Exception):
    """Base class for every error identify raises itself.

    A file that the extracts engine refuses raises that engine's ExtractFileError,
    which names the file; it is re-exported here so callers need one import.
    """


class InputDirError(IdentifyError):
    """The extracts folder as a whole cannot be used (missing, empty, two files for
    one extract)."""
