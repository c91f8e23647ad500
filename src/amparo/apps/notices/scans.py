"""Scans of paper objections, stored under MEDIA_ROOT by the receipt number (a name the
system chose), never by anything the uploader typed."""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.conf import settings

FOLDER = "objections"


def _absolute(relative: str) -> Path:
    root = Path(settings.MEDIA_ROOT).resolve()
    target = (root / relative).resolve()
    if not target.is_relative_to(root / FOLDER):
        raise ValueError(f"{relative!r} is not a stored objection scan.")
    return target


def path_for(receipt: str, extension: str) -> str:
    return f"{FOLDER}/{receipt}.{extension}"


def write(relative: str, data: bytes) -> str:
    """Write the scan; return its sha256."""
    target = _absolute(relative)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return hashlib.sha256(data).hexdigest()


def discard(relative: str) -> None:
    _absolute(relative).unlink(missing_ok=True)
