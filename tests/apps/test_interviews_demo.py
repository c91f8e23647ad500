"""The demo shows every step of an interview: `make run` must find work waiting for
the officer, the supervisor and the coordinator, and a Notice to Appear given by the
cross-effect."""

from __future__ import annotations

import pytest

from amparo.apps.accounts.models import User
from amparo.apps.core.demo import demo_build
from amparo.apps.interviews.engine_bridge import comparison_for
from amparo.apps.interviews.models import Interview, NoticeReason, NoticeToAppear
from amparo.apps.interviews.selectors import docket_for, review_queue_for

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_the_demo_has_an_interview_at_every_step() -> None:
    demo_build(families=100, seed=2018)
    states = set(Interview.objects.values_list("state", flat=True))
    assert {
        "requested",
        "scheduled",
        "determination_drafted",
        "supervisory_review",
        "notice_to_appear",
    } <= states
    drafted = Interview.objects.get(state="determination_drafted")
    assert drafted.determination == "NEGATIVE"
    assert len(comparison_for(drafted).missing) == 1
    assert docket_for(User.objects.get(username="officer")).count() == 2
    assert review_queue_for(User.objects.get(username="supervisor")).count() == 1
    reasons = set(NoticeToAppear.objects.values_list("reason", flat=True))
    assert reasons == {NoticeReason.POSITIVE_DETERMINATION, NoticeReason.CROSS_EFFECT}
    # Running the demo again changes nothing.
    before = Interview.objects.count()
    demo_build(families=100, seed=2018)
    assert Interview.objects.count() == before
