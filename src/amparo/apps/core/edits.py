"""Edits made on what the user saw: a form carries a token of the row as it was when
the form was drawn, and the service refuses the edit if the row has changed since, so
that of two people who opened the same form, the second never silently undoes the
first. The token is a digest of the values the form edits (no version column, so no
migration): a change back to the very same values is no change to lose."""

from __future__ import annotations

import hashlib
import json

from django.utils.translation import gettext_lazy

# The row did not exist when the form was drawn.
NEW = "new"

STALE_EDIT = gettext_lazy(
    "Someone else changed this after you opened it. Reload the page to see their "
    "change, then make yours again."
)


def edit_token(*values: object) -> str:
    """A short digest of the values a form edits, in a fixed order."""
    text = json.dumps([str(v) for v in values], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def is_stale(seen: str | None, current: str) -> bool:
    """True if the form was drawn from another state than `current` (None or empty:
    the caller did not say what it saw, as the command line and the API do)."""
    return bool(seen) and seen != current
