"""Errors raised when an extract cannot be read at all."""

from __future__ import annotations

__all__ = ["ExtractError", "ExtractFileError"]


class ExtractError(Exception):
    """Base class for every error this package raises."""


class ExtractFileError(ExtractError):
    """A whole file is refused: its message names the file and what is wrong with it.

    Row-level trouble never raises; it comes back as a ``RejectedRow`` or a
    ``FieldProblem``.
    """

    def __init__(self, filename: str, reason: str) -> None:
        # Both go to args so the exception survives pickling (e.g. to a task worker).
        super().__init__(filename, reason)
        self.filename = filename
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.filename}: {self.reason}"
