"""The scheduling pages: only coordinators run, preview and publish; a run started from
the page runs (the immediate task backend in tests) and shows its proposal against the
current schedule; bad input re-renders with the reason; each calendar file goes only to
whom it belongs, names no one, and holds only the interviews its reader may see."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from amparo.apps.accounts.models import Role, User
from amparo.apps.interviews import services
from amparo.apps.interviews.models import Interview
from amparo.apps.scheduling.models import (
    Interpreter,
    OfficerAvailability,
    RunState,
    ScheduleRun,
)
from amparo.apps.scheduling.services import earliest_start, schedule_run_publish
from amparo.engines.interviews import State
from tests.conftest import client_for
from tests.factories import make_user
from tests.scheduling_world import make_world, run_now

pytestmark = pytest.mark.django_db


def test_only_coordinators_see_the_schedule(
    carmen: User, omar: User, lena: User, pilar: User, clara: User
) -> None:
    make_world(carmen, omar)
    assert client_for(carmen).get(reverse("scheduling:home")).status_code == 200
    for user in (omar, lena, pilar, clara):
        assert client_for(user).get(reverse("scheduling:home")).status_code == 403
    run = run_now(carmen)
    for user in (omar, lena, clara):
        client = client_for(user)
        assert client.get(reverse("scheduling:run_detail", args=[run.public_id])).status_code == 403
        assert (
            client.post(reverse("scheduling:run_publish", args=[run.public_id])).status_code == 403
        )
    run.refresh_from_db()
    assert run.state == RunState.READY


def test_a_run_from_the_page_is_previewed_then_published(carmen: User, omar: User) -> None:
    world = make_world(carmen, omar)
    client = client_for(carmen)
    too_early = earliest_start() - timedelta(days=2)
    refused = client.post(
        reverse("scheduling:home"),
        {"start_date": too_early.isoformat(), "days": 5, "seconds": 3},
    )
    assert refused.status_code == 400
    assert "at the earliest" in refused.content.decode()
    assert not ScheduleRun.objects.exists()

    started = client.post(
        reverse("scheduling:home"),
        {"start_date": earliest_start().isoformat(), "days": 5, "seconds": 3},
    )
    run = ScheduleRun.objects.get()
    assert started.status_code == 302
    assert started["Location"] == reverse("scheduling:run_detail", args=[run.public_id])
    page = client.get(started["Location"])
    body = page.content.decode()
    run.refresh_from_db()
    assert run.state == RunState.READY
    assert "New time: 2" in body
    assert world.rosa.person.display_name in body
    assert 'data-testid="publish"' in body

    only_new = client.get(started["Location"] + "?outcome=unplaced").content.decode()
    assert "No time found: 0" in only_new and "Nothing here." in only_new

    published = client.post(reverse("scheduling:run_publish", args=[run.public_id]), follow=True)
    assert "Published: 2 interviews scheduled" in published.content.decode()
    assert Interview.objects.get(pk=world.tomas.pk).state == State.SCHEDULED
    home = client.get(reverse("scheduling:home")).content.decode()
    assert "Ixchel Tzul" in home


def test_the_status_fragment_asks_for_a_reload_when_done(carmen: User, omar: User) -> None:
    make_world(carmen, omar)
    run = run_now(carmen)
    response = client_for(carmen).get(reverse("scheduling:run_status", args=[run.public_id]))
    assert response.status_code == 200
    assert response["HX-Refresh"] == "true"


def _published(carmen: User, omar: User) -> tuple[Interview, Interview]:
    world = make_world(carmen, omar)
    schedule_run_publish(actor=carmen, run=run_now(carmen))
    return Interview.objects.get(pk=world.rosa.pk), Interview.objects.get(pk=world.tomas.pk)


def test_an_officer_downloads_their_own_calendar_naming_no_one(carmen: User, omar: User) -> None:
    rosa, _tomas = _published(carmen, omar)
    response = client_for(omar).get(reverse("scheduling:calendar_mine"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert body.count("BEGIN:VEVENT") == 2
    assert f"UID:interview-{rosa.public_id}@amparo" in body
    assert "Rosa" not in body and "Tomás" not in body and "López" not in body


def test_an_officer_may_not_read_another_officers_calendar(carmen: User, omar: User) -> None:
    _published(carmen, omar)
    other = make_user(username="otto", role=Role.ASYLUM_OFFICER)
    url = reverse("scheduling:calendar_officer", args=[omar.pk])
    assert client_for(other).get(url).status_code == 403
    assert client_for(carmen).get(url).status_code == 200


def test_counsel_calendars_hold_only_their_clients(
    carmen: User, omar: User, lena: User, marta: User
) -> None:
    rosa, tomas = _published(carmen, omar)
    lena_body = client_for(lena).get(reverse("scheduling:calendar_mine")).content.decode()
    # Lena is Ms. L. counsel: Rosa's interview, not the M.M.M. child's.
    assert f"interview-{rosa.public_id}@amparo" in lena_body
    assert f"interview-{tomas.public_id}@amparo" not in lena_body
    marta_body = client_for(marta).get(reverse("scheduling:calendar_mine")).content.decode()
    assert f"interview-{tomas.public_id}@amparo" in marta_body
    assert lena.organisation is not None and marta.organisation is not None
    other_org = reverse("scheduling:calendar_organisation", args=[marta.organisation.pk])
    assert client_for(lena).get(other_org).status_code == 403
    assert client_for(carmen).get(other_org).status_code == 200


def test_interpreter_calendars_are_for_coordinators_and_cancel_what_is_gone(
    carmen: User, omar: User
) -> None:
    _rosa, tomas = _published(carmen, omar)
    interpreter = tomas.booking.interpreter
    assert interpreter is not None
    url = reverse("scheduling:calendar_interpreter", args=[interpreter.public_id])
    assert client_for(omar).get(url).status_code == 403
    body = client_for(carmen).get(url).content.decode()
    assert f"UID:interpreting-{tomas.public_id}@amparo" in body
    assert "STATUS:CONFIRMED" in body
    services.interview_mark(
        actor=carmen,
        interview=tomas,
        to=State.CANCELLED,
        expected_version=tomas.version,
        note="withdrawn",
    )
    body = client_for(carmen).get(url).content.decode()
    assert "STATUS:CANCELLED" in body and "STATUS:CONFIRMED" not in body


def test_the_court_has_no_calendar(carmen: User, omar: User, clara: User) -> None:
    _published(carmen, omar)
    client = client_for(clara)
    assert client.get(reverse("scheduling:calendars")).status_code == 403
    assert client.get(reverse("scheduling:calendar_mine")).status_code == 403


def test_a_coordinator_adds_and_edits_an_interpreter(carmen: User, omar: User) -> None:
    world = make_world(carmen, omar)
    client = client_for(carmen)
    page = client.get(reverse("scheduling:resources")).content.decode()
    assert "Ixchel Tzul" in page and "South Texas Family Residential Center" in page
    week = {"weekdays": ["1", "3"], "start_hour": "9", "end_hour": "13"}
    refused = client.post(
        reverse("scheduling:resource_new", args=["interpreter"]),
        {"name": "Baltazar Ramos", "languages": "1234", **week},
    )
    assert refused.status_code == 400
    assert "is not a language" in refused.content.decode()
    assert not Interpreter.objects.filter(name="Baltazar Ramos").exists()
    on_site = client.post(
        reverse("scheduling:resource_new", args=["interpreter"]),
        {
            "name": "Baltazar Ramos",
            "languages": "Mam, Spanish",
            "facility": world.dilley.pk,
            **week,
        },
    )
    assert on_site.status_code == 302
    baltazar = Interpreter.objects.get(name="Baltazar Ramos")
    assert baltazar.languages == ["mam", "spanish"]
    assert (baltazar.remote, baltazar.facility) == (False, world.dilley)
    assert (baltazar.weekdays, baltazar.start_hour, baltazar.end_hour) == ([1, 3], 9, 13)
    # Edited in place: the same interpreter, now by telephone.
    url = reverse("scheduling:resource_edit", args=["interpreter", baltazar.public_id])
    assert "Mam, Spanish" in client.get(url).content.decode()
    client.post(url, {"name": "Baltazar Ramos", "languages": "Mam", "remote": "on", **week})
    baltazar.refresh_from_db()
    assert (baltazar.languages, baltazar.remote, baltazar.facility) == (["mam"], True, None)
    assert Interpreter.objects.filter(name="Baltazar Ramos").count() == 1


def test_officer_hours_and_facilities_from_the_page(carmen: User, omar: User) -> None:
    world = make_world(carmen, omar)
    client = client_for(carmen)
    saved = client.post(
        reverse("scheduling:resource_edit", args=["officer", omar.pk]),
        {
            "officer": omar.pk,
            "facilities": [world.dilley.pk],
            "daily_capacity": "3",
            "languages": "Spanish, Portuguese",
            "weekdays": ["0", "1", "2"],
            "start_hour": "8",
            "end_hour": "12",
        },
    )
    assert saved.status_code == 302
    hours = OfficerAvailability.objects.get(officer=omar)
    assert list(hours.facilities.all()) == [world.dilley]
    assert (hours.daily_capacity, hours.languages) == (3, ["spanish", "portuguese"])
    new_place = client.post(
        reverse("scheduling:resource_new", args=["facility"]),
        {"code": "karnes", "name": "Karnes", "rooms": "0", "phone_lines": "0"},
    )
    assert new_place.status_code == 400
    assert "needs a room or a telephone line" in new_place.content.decode()


def test_only_coordinators_change_resources(carmen: User, omar: User, lena: User) -> None:
    make_world(carmen, omar)
    for user in (omar, lena):
        client = client_for(user)
        assert client.get(reverse("scheduling:resources")).status_code == 403
        posted = client.post(
            reverse("scheduling:resource_new", args=["interpreter"]),
            {
                "name": "X",
                "languages": "Mam",
                "remote": "on",
                "weekdays": ["0"],
                "start_hour": "8",
                "end_hour": "9",
            },
        )
        assert posted.status_code == 403
    assert not Interpreter.objects.filter(name="X").exists()
    assert client_for(carmen).get("/scheduling/resources/unknown/new").status_code == 404
    for kind in ("officer", "counsel"):
        url = reverse("scheduling:resource_edit", args=[kind, "not-a-number"])
        assert client_for(carmen).get(url).status_code == 404
