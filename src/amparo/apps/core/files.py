"""Files people upload (scans of signed forms, evidence), kept under MEDIA_ROOT.

A file's kind is read from its first bytes, never from its name, and it is stored
under a name the system chose, so nothing an uploader typed reaches the file system.
Each kind of document has its own folder (`FileStore`), and a path outside that
folder is refused.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext

# A signed form is a page or two: phone photos and scanner PDFs stay well below.
DEFAULT_MAX_SCAN_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class ScanKind:
    extension: str
    content_type: str
    label: str


PDF = ScanKind("pdf", "application/pdf", "PDF")
PNG = ScanKind("png", "image/png", "PNG")
JPEG = ScanKind("jpg", "image/jpeg", "JPEG")
KINDS_BY_EXTENSION = {kind.extension: kind for kind in (PDF, PNG, JPEG)}

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


class UploadRefused(ValueError):
    """An uploaded file that is not kept; the message tells the uploader why."""


def upload_check(data: bytes) -> ScanKind:
    """The one check every uploaded scan or document passes before it is stored: not
    empty, within the size limit (AMPARO_MAX_SCAN_BYTES), and a PDF, PNG or JPEG by
    its own first bytes. The name and the content type the client sent are not
    consulted: an executable or an HTML page named "form.pdf" is refused."""
    limit = max_scan_bytes()
    if not data:
        raise UploadRefused(gettext("Attach the file."))
    if len(data) > limit:
        raise UploadRefused(
            gettext("The file is larger than %(mb)s MB.") % {"mb": limit // (1024 * 1024)}
        )
    kind = scan_kind(data)
    if kind is None:
        raise UploadRefused(gettext("The file must be a PDF, PNG or JPEG."))
    return kind


@dataclass(frozen=True, slots=True)
class FileStore:
    """One folder under MEDIA_ROOT for one kind of document."""

    folder: str

    def _absolute(self, relative: str) -> Path:
        root = Path(settings.MEDIA_ROOT).resolve()
        target = (root / relative).resolve()
        if not target.is_relative_to(root / self.folder):
            raise ValueError(f"{relative!r} is not stored in {self.folder}/.")
        return target

    def path_for(self, name: str, kind: ScanKind) -> str:
        """Where a file named `name` (an id the system chose) is kept, under MEDIA_ROOT."""
        return f"{self.folder}/{name}.{kind.extension}"

    def write(self, relative: str, data: bytes) -> str:
        """Write the file; return its sha256."""
        target = self._absolute(relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        return hashlib.sha256(data).hexdigest()

    def discard(self, relative: str) -> None:
        self._absolute(relative).unlink(missing_ok=True)

    def open(self, relative: str) -> Path:
        return self._absolute(relative)
