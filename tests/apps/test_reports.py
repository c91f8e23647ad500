"""The court's reports: golden numbers from a world whose truth is known, per case and
combined without counting anyone twice; the same snapshot, the same numbers, hash and
bytes; as of a date; small counts hidden in the court's copy; the changes since the
previous report with their reasons; the PDF rendered to PNG pages with every chart;
the court reading aggregates only; the command line."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from typer.testing import CliRunner

from amparo.apps.accounts.models import User
from amparo.apps.audit.models import AuditEvent
from amparo.apps.registry.models import Separation
from amparo.apps.reports.models import ReportSnapshot
from amparo.apps.reports.render import pdf, render
from amparo.apps.reports.services import (
    ReportInputError,
    SnapshotDamaged,
    report_snapshot_take,
    snapshot_load,
)
from amparo.cli import app
from amparo.engines.reports import CHARTS, count
from tests.conftest import client_for
from tests.reports_world import AS_OF, build

GOLDEN = {
    "combined": {
        "children_identified": 3,
        "children_under_5": 1,
        "children_5_17": 2,
        "children_in_care": 1,
        "discharged": 2,
        "discharged_to_parent": 0,
        "discharged_to_sponsor": 1,
        "discharged_turned_18": 1,
        "parents_separated": 3,
        "parent_detained": 1,
        "parent_released": 1,
        "parent_criminal_custody": 0,
        "parent_removed": 1,
        "parent_whereabouts_unknown": 0,
        "members_ms_l": 2,
        "members_mmm": 2,
        "members_dora": 2,
        "elected_stay": 1,
        "waived": 1,
        "interviews_requested": 1,
        "interviews_scheduled": 1,
        "interviews_conducted": 1,
        "interviews_positive": 0,
        "interviews_negative": 1,
        "deported_cases": 1,
        "deported_located": 1,
        "deported_contacted": 1,
        "deported_applied": 1,
        "deported_approved": 0,
        "deported_returned": 0,
        "notice_prepared": 2,
        "notice_reached": 1,
        "notice_not_reached": 1,
        "objections": 2,
        "objections_late": 1,
    },
    "ms_l": {
        "children_identified": 2,
        "children_under_5": 1,
        "children_5_17": 1,
        "children_in_care": 1,
        "discharged_to_sponsor": 1,
        "parents_separated": 2,
        "parent_removed": 1,
        "parent_detained": 1,
        "parent_released": 0,
        "members_ms_l": 2,
        "members_mmm": 1,
        "members_dora": 1,
        "waived": 0,
        "deported_applied": 1,
        "notice_prepared": 2,
        "objections": 1,
        "objections_late": 1,
    },
    "mmm": {
        "children_identified": 2,
        "children_5_17": 2,
        "children_in_care": 0,
        "discharged": 2,
        "discharged_turned_18": 1,
        "parents_separated": 2,
        "parent_released": 1,
        "members_mmm": 2,
        "deported_cases": 0,
        "notice_prepared": 1,
        "objections": 1,
    },
    "dora": {
        "children_identified": 1,
        "parents_separated": 1,
        "members_dora": 2,
        "elected_stay": 1,
        "waived": 1,
        "interviews_negative": 1,
        "objections": 1,
        "objections_late": 0,
    },
}


@pytest.fixture
def snapshot(carmen: User) -> ReportSnapshot:
    build(carmen)
    return report_snapshot_take(actor=carmen, as_of=AS_OF, note="JSR of 2019-06-03")


def test_golden_numbers_per_case_and_combined(snapshot: ReportSnapshot) -> None:
    rows = snapshot_load(snapshot)
    for report, expected in GOLDEN.items():
        counts = count(rows, report)
        assert {code: counts[code] for code in expected} == expected, report
    # The combined report counts Carla once, though three cases reach her.
    per_case = sum(count(rows, case)["parents_separated"] for case in ("ms_l", "mmm", "dora"))
    assert per_case == 5 > count(rows, "combined")["parents_separated"] == 3
    assert snapshot.people == 7 and snapshot.objections == 2
    assert AuditEvent.objects.filter(action="report_snapshot.take").count() == 1


def test_the_same_data_gives_the_same_hash_numbers_and_bytes(
    carmen: User, snapshot: ReportSnapshot
) -> None:
    again = report_snapshot_take(actor=carmen, as_of=AS_OF)
    assert again.data_sha256 == snapshot.data_sha256
    for report in ("ms_l", "combined"):
        for limit in (0, 11):
            first, second = (
                render(snapshot, report, limit=limit),
                render(again, report, limit=limit),
            )
            assert first.report.counts == second.report.counts
            assert first.report.as_csv() == second.report.as_csv()
    # Rendering one snapshot twice gives the same files, byte for byte.
    one = render(snapshot, "ms_l", limit=11)
    assert one.report.as_json() == render(snapshot, "ms_l", limit=11).report.as_json()
    if shutil.which("pdftoppm"):
        assert pdf(one) == pdf(render(snapshot, "ms_l", limit=11))


def test_as_of_counts_only_what_was_known_then(carmen: User) -> None:
    build(carmen)
    before_18 = snapshot_load(report_snapshot_take(actor=carmen, as_of=date(2018, 12, 31)))
    counts = count(before_18, "mmm")
    # Fede turned 18 in ORR care on 2019-01-02: on 2018-12-31 he was still in care.
    assert counts["discharged_turned_18"] == 0 and counts["children_in_care"] == 1
    early = snapshot_load(report_snapshot_take(actor=carmen, as_of=date(2018, 5, 22)))
    assert count(early, "combined")["children_identified"] == 1  # only Beto separated yet
    with pytest.raises(ReportInputError, match="still to come"):
        report_snapshot_take(actor=carmen, as_of=timezone.localdate().replace(year=2100))


def test_the_court_copy_hides_small_counts_and_what_would_reveal_them(
    snapshot: ReportSnapshot,
) -> None:
    court = render(snapshot, "combined", limit=11).report
    assert court.shown["children_identified"] == "<11"
    assert court.shown["discharged_to_parent"] == "0"
    assert '"children_identified": "<11"' in court.as_json()
    assert "combined,2019-06-01,children,children_identified,<11" in court.as_csv()
    parties = render(snapshot, "combined", limit=0).report
    assert parties.shown["children_identified"] == "3"
    # With a limit of 3, a lone hidden part would be had from its total: a second hides.
    mid = render(snapshot, "combined", limit=3).report
    assert mid.shown["children_under_5"] == "<3"
    assert mid.shown["children_identified"] == "3"
    assert mid.shown["children_5_17"] == "<3"


def test_changes_since_the_previous_report_say_why(carmen: User, snapshot: ReportSnapshot) -> None:
    # Review finds Emilio and Fede were not a separated family after all.
    Separation.objects.filter(parent__given_names="Emilio").update(superseded_at=timezone.now())
    # As of the old date the report is what was known then; the next report knows better.
    assert report_snapshot_take(actor=carmen, as_of=AS_OF).data_sha256 == snapshot.data_sha256
    later = report_snapshot_take(actor=carmen, as_of=timezone.localdate())
    assert later.data_sha256 != snapshot.data_sha256
    rendered = render(later, "combined", limit=0)
    assert rendered.previous is not None and rendered.previous.data_sha256 == snapshot.data_sha256
    changed = {c.code: c for c in rendered.report.changes}
    assert (changed["children_identified"].before, changed["children_identified"].after) == (
        "3",
        "2",
    )
    explained = {c.name: c.reasons for c in rendered.changes}
    assert explained["Children identified"] == ("1: found not to have been separated",)
    assert "1: found not to have been separated" in explained["Separated parents"]
    # The court's copy: each figure as its own report showed it, reasons without counts.
    court = render(later, "combined", limit=11)
    assert all(not c.counted for c in court.report.changes)
    court_explained = {c.name: c.reasons for c in court.changes}
    assert court_explained.get("Children identified", ()) in (
        (),
        ("found not to have been separated",),
    )
    assert '"people"' not in court.report.as_json()


def test_the_pdf_renders_to_png_pages_with_every_chart(
    snapshot: ReportSnapshot, tmp_path: Path
) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.fail("poppler-utils is missing: `make test` installs it")
    document = pdf(render(snapshot, "combined", limit=0))
    (tmp_path / "report.pdf").write_bytes(document)
    subprocess.run(
        ["pdftoppm", "-r", "50", "-png", str(tmp_path / "report.pdf"), str(tmp_path / "page")],
        check=True,
    )
    pages = sorted(tmp_path.glob("page*.png"))
    assert pages
    colours: set[object] = set()
    for page in pages:
        with Image.open(page) as image:
            colours |= {rgb for _n, rgb in image.convert("RGB").getcolors(1_000_000) or []}
    for key, colour, _codes in CHARTS:
        rgb = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
        assert rgb in colours, f"chart {key} ({colour}) not drawn"
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "report.pdf"), "-"], capture_output=True, check=True
    ).stdout.decode()
    for title in (
        "Children: age and care",
        "Separated parents",
        "Settlement interviews",
        "Deported parents",
    ):
        assert title in text


def test_the_court_reads_aggregates_only(
    clara: User, lena: User, omar: User, snapshot: ReportSnapshot
) -> None:
    url = reverse("reports:report", args=[snapshot.public_id])
    court = client_for(clara)
    page = court.get(url + "?case=combined").content.decode()
    assert 'data-testid="count-children_identified">&lt;11<' in page
    # Asking for the parties' copy changes nothing for the court.
    assert "&lt;11" in court.get(url + "?case=combined&copy=parties").content.decode()
    json_file = court.get(
        reverse("reports:download", args=[snapshot.public_id, "combined", "json"])
    )
    assert b'"children_identified": "<11"' in json_file.content
    # No person's name anywhere, and no snapshot for the court to take.
    assert "Ana" not in page and "Carla" not in page
    assert court.post(reverse("reports:home"), {"as_of": "2019-06-01"}).status_code == 403
    assert court.get(reverse("registry:person_list")).status_code == 403
    # The parties see every figure of their own cases; officers see no report.
    ms_l = client_for(lena).get(url + "?case=ms_l").content.decode()
    assert 'count-children_identified">2<' in ms_l
    # Another case's report, or the combined one, is the court's copy for Ms. L. counsel.
    assert "&lt;11" in client_for(lena).get(url + "?case=dora").content.decode()
    assert "&lt;11" in client_for(lena).get(url).content.decode()
    assert client_for(omar).get(url).status_code == 403


def test_a_damaged_snapshot_is_refused(snapshot: ReportSnapshot) -> None:
    import zlib

    rows = zlib.decompress(bytes(snapshot.data)).replace(b'"5_17"', b'"under_5"', 1)
    ReportSnapshot.objects.filter(pk=snapshot.pk).update(data=zlib.compress(rows))
    snapshot.refresh_from_db()
    with pytest.raises(SnapshotDamaged):
        snapshot_load(snapshot)


@pytest.mark.django_db(transaction=True)
def test_the_command_line_writes_the_same_file_twice(tmp_path: Path) -> None:
    from amparo.apps.accounts.models import Role
    from tests.factories import make_user

    build(make_user(username="carmen", role=Role.GOVERNMENT_COORDINATOR))
    runner = CliRunner(env={"COLUMNS": "300", "NO_COLOR": "1"})
    first, second = tmp_path / "one.json", tmp_path / "two.json"
    done = runner.invoke(
        app, ["report", "--case", "ms_l", "--as-of", "2019-06-01", "--out", str(first)]
    )
    assert done.exit_code == 0, done.output
    taken = ReportSnapshot.objects.get()
    again = runner.invoke(
        app,
        ["report", "--case", "ms_l", "--snapshot", str(taken.public_id), "--out", str(second)],
    )
    assert again.exit_code == 0, again.output
    assert first.read_bytes() == second.read_bytes()
    assert ReportSnapshot.objects.count() == 1
    assert '"children_identified": "<11"' in first.read_text()
    bad = runner.invoke(app, ["report", "--case", "texas", "--out", str(tmp_path / "x.json")])
    assert bad.exit_code == 2 and "not a case" in bad.output


def test_the_pages_take_snapshots_and_give_files(carmen: User, pilar: User, omar: User) -> None:
    build(carmen)
    client = client_for(carmen)
    future = client.post(reverse("reports:home"), {"as_of": "2100-01-01"})
    assert future.status_code == 400 and "still to come" in future.content.decode()
    assert not ReportSnapshot.objects.exists()
    taken = client.post(reverse("reports:home"), {"as_of": "2019-06-01", "note": "JSR 12"})
    assert taken.status_code == 302
    snapshot = ReportSnapshot.objects.get()
    home = client.get(reverse("reports:home")).content.decode()
    assert "JSR 12" in home and 'data-testid="chart-children"' in home
    page = client.get(reverse("reports:report", args=[snapshot.public_id]) + "?case=mmm")
    assert 'count-members_mmm">2<' in page.content.decode()
    assert (
        client.get(reverse("reports:report", args=[snapshot.public_id]) + "?case=tx").status_code
        == 404
    )
    csv_file = client.get(reverse("reports:download", args=[snapshot.public_id, "dora", "csv"]))
    assert csv_file["Content-Type"].startswith("text/csv")
    assert "dora,2019-06-01,members,members_dora,2" in csv_file.content.decode()
    court_csv = client.get(
        reverse("reports:download", args=[snapshot.public_id, "dora", "csv"]) + "?copy=court"
    )
    assert "dora,2019-06-01,members,members_dora,<11" in court_csv.content.decode()
    assert "-court-" in court_csv["Content-Disposition"]
    for outsider in (pilar, omar):
        assert client_for(outsider).get(reverse("reports:home")).status_code == 403
        assert (
            client_for(outsider)
            .get(reverse("reports:download", args=[snapshot.public_id, "dora", "csv"]))
            .status_code
            == 403
        )


def test_a_red_flagged_parent_and_their_child_stay_in_the_report(carmen: User) -> None:
    world = build(carmen)
    # The government finds Ana unfit: she leaves the class, not the report.
    from amparo.apps.eligibility.models import PersonEligibility, RecordedFact

    PersonEligibility.objects.filter(person=world.ana).update(ms_l_parent="no")
    RecordedFact.objects.create(person=world.ana, kind="exclusion", value="CRIMINAL_HISTORY")
    counts = count(
        snapshot_load(report_snapshot_take(actor=carmen, as_of=timezone.localdate())), "ms_l"
    )
    assert counts["ineligible"] == 1
    assert counts["members_ms_l"] == 1
    assert counts["children_identified"] == 2 and counts["parents_separated"] == 2


def test_a_merged_file_is_counted_once_on_the_file_it_joined(carmen: User) -> None:
    world = build(carmen)
    from tests.factories import make_person
    from tests.interviews_world import owe

    duplicate = make_person(given_names="Ana", surnames="Uno")
    owe(duplicate, ms_l=True)
    type(duplicate).objects.filter(pk=duplicate.pk).update(merged_into=world.ana)
    rows = snapshot_load(report_snapshot_take(actor=carmen, as_of=timezone.localdate()))
    assert count(rows, "combined")["members_ms_l"] == 2
    assert str(duplicate.pk) not in {p.person for p in rows.people}


def test_each_report_is_compared_with_the_one_fixed_when_it_was_taken(carmen: User) -> None:
    build(carmen)
    june = report_snapshot_take(actor=carmen, as_of=AS_OF)
    today = report_snapshot_take(actor=carmen, as_of=timezone.localdate())
    # A snapshot back-dated before both is compared with nothing later than itself.
    early = report_snapshot_take(actor=carmen, as_of=date(2018, 5, 22))
    assert today.previous == june and june.previous is None and early.previous is None
    # Later snapshots do not move an earlier report's comparison: same bytes as before.
    before = render(today, "ms_l", limit=11).report.as_json()
    report_snapshot_take(actor=carmen, as_of=timezone.localdate())
    assert render(today, "ms_l", limit=11).report.as_json() == before
    assert f'"data_sha256": "{june.data_sha256}"' in before


def test_a_reason_is_the_change_that_moved_that_figure(carmen: User) -> None:
    world = build(carmen)
    first = report_snapshot_take(actor=carmen, as_of=timezone.localdate())
    # Fede's separation withdrawn, and (on the same row) Carla's election changed.
    Separation.objects.filter(child=world.fede).update(superseded_at=timezone.now())
    from amparo.apps.elections.models import Election

    Election.objects.filter(person=world.carla).update(choice="waive", waiver_attested=True)
    later = report_snapshot_take(actor=carmen, as_of=timezone.localdate())
    assert later.previous == first
    explained = {c.name: c.reasons for c in render(later, "combined", limit=0).changes}
    assert explained["Waived the procedures"] == (
        "1: election changed from elected to stay to waived",
    )
    assert explained["Children identified"] == ("1: found not to have been separated",)


def test_the_court_is_not_told_how_many_people_a_snapshot_holds(
    clara: User, carmen: User, snapshot: ReportSnapshot
) -> None:
    assert ">7<" in client_for(carmen).get(reverse("reports:home")).content.decode()
    assert ">7<" not in client_for(clara).get(reverse("reports:home")).content.decode()


def test_a_suppression_limit_that_hides_nothing_is_refused(settings: object) -> None:
    from django.core.exceptions import ImproperlyConfigured

    from amparo.apps.reports.render import suppression_limit

    settings.AMPARO_REPORT_SUPPRESSION_LIMIT = 1  # type: ignore[attr-defined]
    with pytest.raises(ImproperlyConfigured, match="at least 2"):
        suppression_limit()
    settings.AMPARO_REPORT_SUPPRESSION_LIMIT = 5  # type: ignore[attr-defined]
    assert suppression_limit() == 5
