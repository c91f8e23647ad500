"""Worlds shared by the app tests: the 60-family world imported and identified, and
its eligibility decided."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from amparo.apps.accounts.models import User
from amparo.apps.eligibility.models import EligibilityRun
from amparo.apps.eligibility.services import eligibility_recompute
from amparo.apps.ingest.services import UploadedExtract, import_batch_create, import_batch_run
from amparo.apps.linkage.models import LinkageRun
from amparo.apps.linkage.services import linkage_run_create, linkage_run_execute


@pytest.fixture
def identified(carmen: User, small_world: Path) -> LinkageRun:
    files = [UploadedExtract(p.name, p.read_bytes()) for p in sorted(small_world.glob("*.csv"))]
    batch = import_batch_create(actor=carmen, files=files)
    import_batch_run(batch_id=batch.pk, actor=carmen)
    created = linkage_run_create(actor=carmen, reason="test")
    return linkage_run_execute(run_id=created.pk, actor=carmen)


@pytest.fixture
def computed(carmen: User, identified: LinkageRun) -> EligibilityRun:
    """Eligibility decided as of 2019-06-01, after the Ms. L. class was widened."""
    return eligibility_recompute(actor=carmen, reason="test", as_of=date(2019, 6, 1))
