"""What the interviews app tells the apps built on it, without depending on them."""

from __future__ import annotations

from django.dispatch import Signal

# Sent after `interview_mark` moves an interview (no-show, cancellation, the judge's
# review and decision), in the same transaction: actor, interview, to (the new state).
interview_marked = Signal()
