"""Scans of signed paper election forms.

The kind of a file is read from its first bytes, never from its name; the file
is stored under MEDIA_ROOT by a name the system chose (the election's id), so
nothing the uploader typed reaches the file system.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

# A signed form is a page or two: phone photos and scanner PDFs stay well below.
DEFAULT_MAX_SCAN_BYTES = 10 * 1024 * 1024
SCAN_FOLDER = "elections"


@dataclass(frozen=True, slots=True)
class ScanKind:
    extension: str
    content_type: str
    label: str


PDF = ScanKind("pdf", "application/pdf", "PDF")
PNG = ScanKind("png", "image/png", "PNG")
JPEG = ScanKind("jpg", "image/jpeg", "JPEG")

# Content signatures ("magic numbers") of the accepted kinds.
_SIGNATURES: tuple[tuple[bytes, ScanKind], ...] = (
    (b"%PDF-", PDF),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
)


def max_scan_bytes() -> int:
    limit = getattr(settings, "AMPARO_MAX_SCAN_BYTES", DEFAULT_MAX_SCAN_BYTES)
    return int(limit)


def scan_kind(data: bytes) -> ScanKind | None:
    """PDF, PNG or JPEG by the file's own first bytes; None for anything else."""
    for signature, kind in _SIGNATURES:
        if data.startswith(signature) and len(data) > len(signature):
            return kind
    return None


def _absolute(relative: str) -> Path:
    root = Path(settings.MEDIA_ROOT).resolve()
    target = (root / relative).resolve()
    if not target.is_relative_to(root / SCAN_FOLDER):
        raise ValueError(f"{relative!r} is not a stored election scan.")
    return target


def scan_relative_path(*, name: str, kind: ScanKind) -> str:
    """Where a scan named `name` (an id the system chose) is kept, under MEDIA_ROOT."""
    return f"{SCAN_FOLDER}/{name}.{kind.extension}"


def scan_write(relative: str, data: bytes) -> str:
    """Write the scan; return its sha256."""
    target = _absolute(relative)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return hashlib.sha256(data).hexdigest()


def scan_discard(relative: str) -> None:
    _absolute(relative).unlink(missing_ok=True)


def scan_open(relative: str) -> Path:
    return _absolute(relative)
