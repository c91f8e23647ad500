"""Free text as the services store it: NUL bytes removed (PostgreSQL refuses them in
text), and a limit, so a pasted document never reaches a column whole."""

from __future__ import annotations


def one_line(text: str, limit: int) -> str:
    """A name, a note, a label: whitespace runs made one space."""
    return " ".join(text.replace("\x00", "").split())[:limit]


def paragraphs(text: str, limit: int) -> str:
    """A summary, notes, an assessment: line breaks kept, ends trimmed."""
    return text.replace("\x00", "").strip()[:limit]
