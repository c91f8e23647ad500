"""The users `bench/load.py` sends at the site: coordinators, class counsel, asylum
officers and the court, signed in, browsing the main pages and calling the API.

Run by bench/load.py, which builds the world, starts gunicorn and hands this file a
plan (AMPARO_LOAD_PLAN: a JSON file of session cookies, API tokens and the ids each
role may open). Think time: AMPARO_LOAD_THINK="1-3" waits 1 to 3 s between a user's
requests (people reading pages), "0" none (the ceiling).

Every request must answer 200 without a redirect: a session that stopped working
would otherwise look like a fast login page.
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path
from typing import Any, ClassVar

from locust import FastHttpUser, between, constant, task

PLAN: dict[str, Any] = json.loads(Path(os.environ["AMPARO_LOAD_PLAN"]).read_text())
_THINK = os.environ.get("AMPARO_LOAD_THINK", "1-3")
if _THINK == "0":
    WAIT = constant(0)
else:
    _low, _high = (float(part) for part in _THINK.split("-"))
    WAIT = between(_low, _high)


class Signed(FastHttpUser):
    """A signed-in user of one role; each simulated user takes one of that role's
    accounts (session cookie and API token) at random."""

    abstract = True
    role: ClassVar[str] = ""
    wait_time = WAIT

    def on_start(self) -> None:
        account = random.choice(PLAN["accounts"][self.role])
        self.account: dict[str, Any] = account
        self.cookie = f"{PLAN['session_cookie']}={account['session']}"
        self.bearer = f"Bearer {account['token']}"

    def page(self, path: str, name: str) -> None:
        with self.client.get(
            path,
            name=name,
            headers={"Cookie": self.cookie, "Accept-Language": "en"},
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")

    def api(self, path: str, name: str) -> None:
        with self.client.get(
            path,
            name=name,
            headers={"Authorization": self.bearer},
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")

    def person_id(self) -> str:
        return str(random.choice(self.account["people"]))

    def search_term(self) -> str:
        return str(random.choice(PLAN["search_terms"]))

    @task(2)
    def dashboard(self) -> None:
        self.page("/", "dashboard")

    @task(1)
    def static(self) -> None:
        # What a browser fetches once per visit at most (then cached): the stylesheet.
        self.page(PLAN["static_path"], "static (whitenoise)")


class Reader(Signed):
    """Roles that read people's files: search, the list and the person page, the API."""

    abstract = True

    @task(1)
    def people_list(self) -> None:
        self.page("/people/", "people list")

    @task(2)
    def people_search(self) -> None:
        self.page(f"/people/?q={self.search_term()}", "people search")

    @task(3)
    def person_page(self) -> None:
        self.page(f"/people/{self.person_id()}/", "person page")

    @task(2)
    def api_person(self) -> None:
        self.api(f"/api/v1/people/{self.person_id()}", "API person")


class Coordinator(Reader):
    role = "coordinator"
    weight = 2

    @task(1)
    def docket_all(self) -> None:
        self.page("/interviews/", "interview docket")

    @task(1)
    def interview_page(self) -> None:
        self.page(f"/interviews/{random.choice(PLAN['interviews_any'])}/", "interview page")

    @task(1)
    def eligibility_court(self) -> None:
        # The court's status, early orders and rule parameters, as coordinators keep them.
        self.page("/eligibility/court/", "eligibility court status")

    @task(1)
    def roster(self) -> None:
        self.page(f"/eligibility/roster/{random.choice(PLAN['cases'])}/", "eligibility roster")

    @task(1)
    def returns(self) -> None:
        self.page("/returns/", "return cases")

    @task(1)
    def return_case(self) -> None:
        self.page(f"/returns/{random.choice(PLAN['return_cases'])}/", "return case")

    @task(1)
    def reports(self) -> None:
        self.page("/reports/", "reports")

    @task(1)
    def report(self) -> None:
        self.page(f"/reports/{PLAN['snapshot']}/", "report")

    @task(1)
    def api_import(self) -> None:
        self.api(f"/api/v1/imports/{PLAN['import']}", "API import")


class ClassCounsel(Reader):
    role = "counsel"
    weight = 2

    @task(1)
    def clients(self) -> None:
        self.page("/interviews/clients/", "counsel's clients")

    @task(1)
    def roster(self) -> None:
        self.page(
            f"/eligibility/roster/{random.choice(PLAN['counsel_cases'])}/", "eligibility roster"
        )

    @task(1)
    def returns(self) -> None:
        self.page("/returns/", "return cases")

    @task(1)
    def reports(self) -> None:
        self.page("/reports/", "reports")

    @task(1)
    def report(self) -> None:
        self.page(f"/reports/{PLAN['snapshot']}/", "report")


class AsylumOfficer(Reader):
    role = "officer"
    weight = 3

    @task(3)
    def docket(self) -> None:
        self.page("/interviews/", "interview docket")

    @task(3)
    def interview_page(self) -> None:
        self.page(f"/interviews/{random.choice(self.account['interviews'])}/", "interview page")


class Court(Signed):
    role = "court"
    weight = 1

    @task(1)
    def measures(self) -> None:
        self.page("/returns/measures/", "return measures")

    @task(1)
    def reports(self) -> None:
        self.page("/reports/", "reports")

    @task(2)
    def report(self) -> None:
        self.page(f"/reports/{PLAN['snapshot']}/", "report")
