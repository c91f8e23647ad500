"""Where uploaded extract files wait for their import: under MEDIA_ROOT, named
by batch, never by anything the uploader chose."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from django.conf import settings

_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_filename(name: str) -> str:
    base = Path(name.replace("\\", "/")).name
    cleaned = _SAFE.sub("_", base).strip("._") or "upload"
    return cleaned[:120]


def store_upload(
    *, batch_public_id: str, index: int, filename: str, data: bytes
) -> tuple[str, str]:
    """Write the file; return (path relative to MEDIA_ROOT, sha256)."""
    relative = Path("imports") / batch_public_id / f"{index:02d}_{safe_filename(filename)}"
    target = Path(settings.MEDIA_ROOT) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return str(relative), hashlib.sha256(data).hexdigest()


def discard_uploads(relatives: list[str]) -> None:
    for relative in relatives:
        (Path(settings.MEDIA_ROOT) / relative).unlink(missing_ok=True)


def read_upload(relative: str) -> bytes:
    return (Path(settings.MEDIA_ROOT) / relative).read_bytes()
