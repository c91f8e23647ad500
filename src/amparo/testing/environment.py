"""A pytest plugin, loaded with `-p` before pytest-django configures Django,
that marks the process as a test run: cheap password hashing, tasks run at
once, a throw-away var directory."""

import os
import tempfile

os.environ["AMPARO_TESTING"] = "1"
os.environ.setdefault("AMPARO_VAR_DIR", tempfile.mkdtemp(prefix="amparo-test-var-"))
# Playwright's sync API runs an event loop in the test thread; the ORM calls
# that tests make beside it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
