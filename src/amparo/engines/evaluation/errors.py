"""Errors of the evaluation engine."""

from __future__ import annotations


class EvaluationError(Exception):
    """An output or truth folder cannot be evaluated; the message names the file."""
