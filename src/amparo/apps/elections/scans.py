"""Scans of signed paper election forms, kept by the election's id (core/files.py)."""

from __future__ import annotations

from pathlib import Path

from amparo.apps.core.files import (
    DEFAULT_MAX_SCAN_BYTES,
    JPEG,
    PDF,
    PNG,
    FileStore,
    ScanKind,
    max_scan_bytes,
    scan_kind,
)

SCAN_FOLDER = "elections"
_STORE = FileStore(SCAN_FOLDER)


def scan_relative_path(*, name: str, kind: ScanKind) -> str:
    """Where a scan named `name` (an id the system chose) is kept, under MEDIA_ROOT."""
    return _STORE.path_for(name, kind)


def scan_write(relative: str, data: bytes) -> str:
    """Write the scan; return its sha256."""
    return _STORE.write(relative, data)


def scan_discard(relative: str) -> None:
    _STORE.discard(relative)


def scan_open(relative: str) -> Path:
    return _STORE.open(relative)


__all__ = [
    "DEFAULT_MAX_SCAN_BYTES",
    "JPEG",
    "PDF",
    "PNG",
    "SCAN_FOLDER",
    "ScanKind",
    "max_scan_bytes",
    "scan_discard",
    "scan_kind",
    "scan_open",
    "scan_relative_path",
    "scan_write",
]
