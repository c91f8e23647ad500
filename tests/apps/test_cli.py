"""The `amparo` command: synth, ingest and audit verify, run as a user would."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from amparo.apps.audit.models import AuditEvent
from amparo.apps.registry.models import SourceRecord
from amparo.cli import app
from tests.apps.test_audit import _without_guard

# Wide enough that Rich does not wrap the error panels the tests read.
runner = CliRunner(env={"COLUMNS": "300", "NO_COLOR": "1"})


def test_synth_writes_the_four_extracts_and_the_truth(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["synth", "--families", "20", "--seed", "3", "--out", str(tmp_path)]
    )

    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in tmp_path.glob("*.csv"))
    assert written == [
        "cbp_apprehensions.csv",
        "ice_detention.csv",
        "orr_referrals.csv",
        "uscis_fear.csv",
    ]
    assert (tmp_path / "truth" / "families.csv").exists()


def test_synth_refuses_zero_families(tmp_path: Path) -> None:
    result = runner.invoke(app, ["synth", "--families", "0", "--out", str(tmp_path)])

    assert result.exit_code == 2
    assert not list(tmp_path.glob("*.csv"))


@pytest.mark.django_db(transaction=True)
def test_ingest_imports_a_folder_then_the_audit_chain_verifies(small_world: Path) -> None:
    ingested = runner.invoke(app, ["ingest", str(small_world)])
    verified = runner.invoke(app, ["audit", "verify"])

    assert ingested.exit_code == 0, ingested.output
    assert "Imported" in ingested.output
    assert SourceRecord.objects.exists()
    assert verified.exit_code == 0, verified.output
    assert "intact" in verified.output


@pytest.mark.django_db(transaction=True)
def test_audit_verify_fails_and_names_the_link_after_tampering(small_world: Path) -> None:
    runner.invoke(app, ["ingest", str(small_world)])
    first = AuditEvent.objects.order_by("sequence").first()
    assert first is not None

    _without_guard("UPDATE audit_auditevent SET reason = %s WHERE id = %s", ["x", first.pk])
    result = runner.invoke(app, ["audit", "verify"])

    assert result.exit_code == 1
    assert f"BROKEN at event {first.sequence}" in result.output


def test_ingest_of_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(tmp_path / "nowhere")])

    assert result.exit_code == 2
    assert "is not a folder" in result.output


@pytest.mark.django_db(transaction=True)
def test_eligibility_recomputes_everyone_and_prints_the_counts(small_world: Path) -> None:
    from amparo.apps.eligibility.models import EligibilityRun, PersonEligibility

    runner.invoke(app, ["ingest", str(small_world)])
    runner.invoke(app, ["link"])
    result = runner.invoke(app, ["eligibility", "--as-of", "2019-06-01"])

    assert result.exit_code == 0, result.output
    run = EligibilityRun.objects.get()
    assert run.as_of.isoformat() == "2019-06-01"
    assert PersonEligibility.objects.count() == run.people_evaluated > 0
    members = run.counts_after["ms_l_parent"]["yes"]
    assert "ms_l_parent" in result.output and f"yes 0->{members}" in result.output


def test_eligibility_refuses_a_bad_date() -> None:
    result = runner.invoke(app, ["eligibility", "--as-of", "June 2019"])

    assert result.exit_code == 2
    assert "not a date" in result.output
