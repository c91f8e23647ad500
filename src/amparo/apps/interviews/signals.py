"""What the interviews app tells the apps built on it, without depending on them."""

from __future__ import annotations

from django.dispatch import Signal

# Sent after `interview_mark` moves an interview (no-show, cancellation, the judge's
# review and decision), in the same transaction: actor, interview, to (the new state).
interview_marked = Signal()

# Sent while an interview's page is built for the government side: interview. Each
# receiver returns a list of short texts the officer needs on the page (a deported
# parent joining the child's interview by telephone), shown under "When and where".
interview_page_notes = Signal()
