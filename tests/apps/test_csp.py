"""A strict content security policy on every page, and pages that need nothing more:
no inline script, no event-handler attribute, no javascript: URL, no inline style.

The pages are found the way a user finds them: every demo account (every role) starts
from every page without an id and follows the links it is shown, so a page reachable
by clicking is checked, and a page that is not reached must be listed below on purpose.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, resolve

from amparo.apps.accounts.models import User
from amparo.apps.accounts.services import api_token_create
from amparo.apps.core.demo import DEMO_ACCOUNTS, demo_build
from amparo.apps.registry.models import Person
from tests.apps.test_access import ALL_PATTERNS

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

STRICT_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}

# Pages a crawl of the demo does not reach by GET, each for a stated reason.
NOT_CRAWLED = {
    # Polled by htmx only while something runs; the demo has finished everything.
    "ingest:batch_progress",
    "linkage:run_progress",
    "scheduling:run_status",
    # Not an HTML page: the health probe; an election's scan (the demo's elections
    # were returned without one; the scan pages of returns are crawled).
    "healthz",
    "elections:election_scan",
}

# Pages with an id that the crawl must reach in the demo world (the others it reaches
# depend on which people a few clicks find; those it does reach are checked as well).
PAGES_WITH_AN_ID = {
    "registry:person_detail",
    "ingest:batch_detail",
    "linkage:run_detail",
    "elections:election_new",
    "elections:election_detail",
    "interviews:interview_detail",
    "interviews:worksheet_edit",
    "interviews:interview_pdf",
    "scheduling:run_detail",
    "scheduling:resource_edit",
    "notices:notice_detail",
    "notices:objection_detail",
    "returns:case_detail",
    "returns:partner_case",
    "reports:report",
    "eligibility:roster",
}

PER_PATTERN = 4  # distinct URLs of one pattern worth rendering (more only repeat it)


def _policy(header: str) -> dict[str, str]:
    directives = {}
    for part in header.split(";"):
        name, _, value = part.strip().partition(" ")
        directives[name] = " ".join(value.split())
    return directives


class _Inspector(HTMLParser):
    """Collects links to follow and every inline-code construct the policy forbids."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag == "script" and not named.get("src") and named.get("type") != "application/json":
            self.problems.append("inline <script>")
        if tag == "style":
            self.problems.append("inline <style>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            if name == "style":
                self.problems.append(f"<{tag} style=…>")
            if name.startswith("hx-on") or name.startswith("data-hx-on"):
                self.problems.append(f"<{tag} {name}> needs eval")
            if value and re.match(r"\s*(javascript|vbscript):", value, re.IGNORECASE):
                self.problems.append(f"<{tag} {name}={value[:30]}…>")
        if tag == "a" and named.get("href"):
            self.links.append(str(named["href"]))
        # A form's action is followed too: a GET form renders a page, a POST-only
        # action answers a GET with 405 and so is known to render nothing.
        if tag == "form" and named.get("action"):
            self.links.append(str(named["action"]))


def inspect(html: str) -> _Inspector:
    inspector = _Inspector()
    inspector.feed(html)
    inspector.close()
    return inspector


@dataclass
class Crawl:
    visited: dict[str, set[str]] = field(default_factory=dict)  # pattern name -> URLs
    refused: dict[str, set[int]] = field(default_factory=dict)  # pattern name -> statuses
    problems: list[str] = field(default_factory=list)


def _pattern_name(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def crawl(client: Client, starts: list[str], result: Crawl, check: Any) -> None:
    queue = deque(starts)
    seen: set[str] = set()
    while queue:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        name = _pattern_name(urlsplit(url).path)
        if name is None or name in NOT_CRAWLED or name.startswith("api:"):
            continue
        urls = result.visited.setdefault(name, set())
        if url not in urls and len(urls) >= PER_PATTERN:
            continue
        response = client.get(url)
        if response.status_code in {301, 302}:
            # A redirect is the page's answer (the roster index picks a case).
            urls.add(url)
            queue.append(response["Location"])
            continue
        if response.status_code == 405:
            # POST only: nothing rendered to check; its form is on a page crawled.
            urls.add(url)
            continue
        if response.status_code in {403, 404}:
            result.refused.setdefault(name, set()).add(response.status_code)
            continue
        urls.add(url)
        check(url, response, result)
        if response["Content-Type"].startswith("text/html"):
            for link in inspect(response.content.decode()).links:
                target = urldefrag(link)[0]
                if target.startswith("/") and not target.startswith("//"):
                    queue.append(target)


def check_policy_and_markup(url: str, response: Any, result: Crawl) -> None:
    header = response.get("Content-Security-Policy")
    if header is None:
        result.problems.append(f"{url}: no Content-Security-Policy header")
        return
    policy = _policy(header)
    for directive, value in STRICT_POLICY.items():
        if policy.get(directive) != value:
            result.problems.append(f"{url}: {directive} is {policy.get(directive)!r}")
    if "unsafe" in header:
        result.problems.append(f"{url}: {header}")
    if response["Content-Type"].startswith("text/html"):
        for problem in inspect(response.content.decode()).problems:
            result.problems.append(f"{url}: {problem}")


def starting_pages() -> list[str]:
    """Every page without an id, and the files of a few class members owed something
    (their pages carry the election and interview forms an arbitrary person's lack)."""
    members = Person.objects.filter(
        eligibility__superseded_at__isnull=True, eligibility__ms_l_parent="yes"
    ).order_by("id")[:3]
    return [
        "/" + route
        for name, route, _view in ALL_PATTERNS
        if "<" not in route and not name.startswith("api:") and name not in NOT_CRAWLED
    ] + [f"/people/{person.public_id}/" for person in members]


@pytest.fixture
def demo_world(settings: Any, tmp_path: Path) -> Iterator[None]:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    demo_build(families=60, seed=2018)
    # Every account holds an API token, so the token pages have one to show.
    for account in DEMO_ACCOUNTS:
        api_token_create(actor=User.objects.get(username=account.username), name="crawl")
    yield


def test_every_page_has_a_strict_policy_and_no_inline_code(demo_world: None) -> None:
    result = Crawl()
    for account in DEMO_ACCOUNTS:
        client = Client()
        client.force_login(User.objects.get(username=account.username))
        crawl(client, starting_pages(), result, check_policy_and_markup)
    # The public pages, seen by someone signed out.
    crawl(Client(), ["/login/", "/notices/members/"], result, check_policy_and_markup)

    assert result.problems == []
    reached = {name for name, urls in result.visited.items() if urls}
    # Every page without an id, and the pages of each kind of thing the demo holds.
    expected = {
        name
        for name, route, _view in ALL_PATTERNS
        if "<" not in route and not name.startswith("api:")
    } - NOT_CRAWLED | PAGES_WITH_AN_ID
    assert {name: result.refused.get(name) for name in expected - reached} == {}


def test_the_api_docs_and_schema_carry_the_policy_too(client: Client) -> None:
    for url in ("/api/docs", "/api/openapi.json"):
        response = client.get(url)
        assert response.status_code == 200
        assert _policy(response["Content-Security-Policy"])["script-src"] == "'self'"
    assert inspect(client.get("/api/docs").content.decode()).problems == []


def test_the_inspector_finds_what_it_looks_for() -> None:
    hostile = (
        "<script>alert(1)</script><a href='javascript:alert(1)'>x</a>"
        "<p onclick='x()' style='color:red'>y</p><style>p{}</style><div hx-on:click='x'></div>"
    )
    assert len(inspect(hostile).problems) == 6
    assert inspect("<script src='/static/a.js'></script><a href='/x'>x</a>").problems == []
