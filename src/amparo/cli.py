"""`amparo`: the command line for batch work. Every command migrates first."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from amparo.apps.lifecycle.commands import retention

app = typer.Typer(
    help="Amparo: administer the 2018 family-separation asylum settlement.",
    no_args_is_help=True,
    add_completion=False,
)
audit_app = typer.Typer(help="The audit log.", no_args_is_help=True)
app.add_typer(audit_app, name="audit")
console = Console(stderr=True)


def _django(*, migrate: bool = True) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amparo.settings")
    import django

    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)


def _progress() -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    )


@app.command()
def synth(
    families: Annotated[int, typer.Option(min=1, help="How many families to generate.")],
    out: Annotated[Path, typer.Option(help="Folder to write the extracts and truth/ into.")],
    seed: Annotated[int, typer.Option(help="Same seed, same world.")] = 2018,
) -> None:
    """Write a synthetic world: the four agency extracts plus truth/."""
    from amparo.engines.synth import SynthConfig, generate_world, write_world

    started = time.perf_counter()
    world = generate_world(SynthConfig(families=families, seed=seed))
    summary = write_world(world, out)
    console.print(f"Wrote {summary} to {out} in {time.perf_counter() - started:.1f} s")


@app.command()
def ingest(
    directory: Annotated[Path, typer.Argument(help="A folder of extract files (CSV or XLSX).")],
    note: Annotated[str, typer.Option(help="Why, for the audit log.")] = "command-line import",
) -> None:
    """Import every extract file in DIRECTORY as one atomic batch."""
    if not directory.is_dir():
        raise typer.BadParameter(f"{directory} is not a folder", param_hint="DIRECTORY")
    _django()
    from amparo.apps.ingest.models import BatchStatus
    from amparo.apps.ingest.services import ImportRefused, UploadedExtract, import_batch_create
    from amparo.apps.ingest.services import import_batch_run as run

    paths = sorted(
        p for p in directory.iterdir() if p.is_file() and p.suffix.lower() in {".csv", ".xlsx"}
    )
    if not paths:
        console.print(f"[red]No .csv or .xlsx file in {directory}")
        raise typer.Exit(2)
    try:
        batch = import_batch_create(
            actor=None, files=[UploadedExtract(p.name, p.read_bytes()) for p in paths], note=note
        )
    except ImportRefused as refusal:
        console.print(f"[red]{refusal}")
        raise typer.Exit(2) from None
    with _progress() as bar:
        task = bar.add_task("Importing", total=None)
        batch = run(
            batch_id=batch.pk,
            on_progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    if batch.status != BatchStatus.SUCCEEDED:
        console.print(f"[red]Import {batch.status}: {batch.error}")
        raise typer.Exit(1)
    console.print(
        f"Imported {batch.rows_imported} rows ({batch.rows_already_present} already present, "
        f"{batch.rows_rejected} rejected, {batch.rows_with_bad_values} with a bad value kept); "
        f"{batch.people_created} new people. Batch {batch.public_id}."
    )
    for issue in batch.issues.select_related("file")[:20]:
        console.print(
            f"  {issue.file.filename}:{issue.line} {issue.column or '-'} "
            f"{issue.problem}: {issue.message}"
        )


@app.command()
def demo(
    families: Annotated[int, typer.Option(min=10, help="Size of the demo world.")] = 300,
    seed: Annotated[int, typer.Option()] = 2018,
) -> None:
    """Build the demo world and an account for every role, and say how to log in."""
    _django()
    from amparo.apps.core.demo import DEMO_PASSWORD, demo_build

    with _progress() as bar:
        task = bar.add_task("Building the demo world", total=None)
        result = demo_build(
            families=families,
            seed=seed,
            on_progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    console.print(f"Demo world: {result.people} people from {result.records} records.")
    console.print(
        f"Log in at http://127.0.0.1:8000/ with password [bold]{DEMO_PASSWORD}[/] as one of "
        "these; where a code is asked for next, the page shows it for demo accounts:"
    )
    for username, role in result.accounts:
        console.print(f"  [bold]{username:<14}[/] {role}")


@app.command()
def identify(
    extracts_dir: Annotated[Path, typer.Argument(help="A folder with the four extracts.")],
    out: Annotated[Path, typer.Option(help="Folder for persons, rejected, separations, review.")],
    backend: Annotated[str, typer.Option(help="duckdb (default) or spark.")] = "duckdb",
) -> None:
    """Find people and separated families in extract files; write the output files."""
    from amparo.engines.identify import IdentifyConfig, identify_dir
    from amparo.engines.linkage import LinkageConfig

    if not extracts_dir.is_dir():
        raise typer.BadParameter(f"{extracts_dir} is not a folder", param_hint="EXTRACTS_DIR")
    if backend not in {"duckdb", "spark"}:
        raise typer.BadParameter("use duckdb or spark", param_hint="--backend")
    config = IdentifyConfig(linkage=LinkageConfig(backend=backend))  # type: ignore[arg-type]
    started = time.perf_counter()
    with _progress() as bar:
        task = bar.add_task("Identifying", total=100)
        summary = identify_dir(
            extracts_dir,
            out,
            config,
            on_progress=lambda stage, f: bar.update(
                task, completed=round(100 * f), description=stage
            ),
        )
    console.print(f"Wrote {out} in {time.perf_counter() - started:.1f} s: {summary}")


@app.command()
def evaluate(
    out_dir: Annotated[Path, typer.Argument(help="The output folder of `amparo identify`.")],
    truth: Annotated[Path, typer.Option(help="The truth/ folder of a synthetic world.")],
) -> None:
    """Score an identification output against a synthetic world's truth."""
    from amparo.engines.evaluation import evaluate as score

    report = score(out_dir, truth)
    typer.echo(report.as_text())


@app.command()
def link(
    reason: Annotated[str, typer.Option(help="Why, for the audit log.")] = "command-line run",
) -> None:
    """Run identification over the registry (as the web's Identify page does)."""
    _django()
    from amparo.apps.linkage.models import RunStatus
    from amparo.apps.linkage.services import linkage_run_create, linkage_run_execute

    run = linkage_run_create(actor=None, reason=reason)
    with _progress() as bar:
        task = bar.add_task("Linking", total=100)
        run = linkage_run_execute(
            run_id=run.pk,
            on_progress=lambda stage, f: bar.update(
                task, completed=round(100 * f), description=stage
            ),
        )
    if run.status != RunStatus.SUCCEEDED:
        console.print(f"[red]Run {run.status}: {run.error}")
        raise typer.Exit(1)
    console.print(f"Run {run.public_id}: {run.counts}")


def _iso_date(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a date YYYY-MM-DD") from None


@app.command()
def eligibility(
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Decide as on this date (YYYY-MM-DD); today by default."),
    ] = None,
    reason: Annotated[str, typer.Option(help="Why, for the audit log.")] = "command-line run",
) -> None:
    """Recompute class membership and entitlements for everyone in the registry."""
    on = _iso_date(as_of)
    _django()
    from amparo.apps.eligibility.services import eligibility_recompute

    with _progress() as bar:
        task = bar.add_task("Deciding", total=None)
        run = eligibility_recompute(
            actor=None,
            reason=reason,
            as_of=on,
            on_progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    console.print(
        f"Run {run.public_id} as of {run.as_of} under {run.ruleset_version}: "
        f"{run.people_evaluated} people, {run.people_changed} changed."
    )
    before, after = run.counts_before, run.counts_after
    for code, answers in after.items():
        if isinstance(answers, dict):
            was = before.get(code, {})
            shown = ", ".join(f"{a} {was.get(a, 0)}->{n}" for a, n in answers.items())
            console.print(f"  {code:<34} {shown}")
    console.print(f"  {'actionable now':<34} {before.get('actionable', 0)}->{after['actionable']}")


@app.command()
def report(
    case: Annotated[
        str, typer.Option(help="ms_l, mmm, dora, or combined (all three, nobody twice).")
    ],
    out: Annotated[Path, typer.Option(help="The file to write: .pdf, .csv or .json.")],
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Count as on this date (YYYY-MM-DD); today by default."),
    ] = None,
    court_copy: Annotated[
        bool,
        typer.Option(
            "--court-copy/--parties-copy",
            help="Hide small counts (the copy that leaves the parties), or show every one.",
        ),
    ] = True,
    snapshot_id: Annotated[
        str | None,
        typer.Option(
            "--snapshot",
            help="Write the report of this stored snapshot again (its id), instead of a new one.",
        ),
    ] = None,
) -> None:
    """Freeze a snapshot and write one report from it (a joint status report's figures),
    or write again the report of a stored snapshot: the same bytes as before."""
    on = _iso_date(as_of)
    kind = out.suffix.lstrip(".").lower()
    if kind not in {"pdf", "csv", "json"}:
        raise typer.BadParameter(f"{out.name!r}: the file must end in .pdf, .csv or .json")
    from amparo.engines.reports import REPORTS

    if case not in REPORTS:
        raise typer.BadParameter(f"{case!r} is not a case; one of {', '.join(REPORTS)}")
    _django()
    from django.utils import timezone

    from amparo.apps.reports.models import ReportSnapshot
    from amparo.apps.reports.render import pdf, render, suppression_limit
    from amparo.apps.reports.services import ReportInputError, report_snapshot_take

    if snapshot_id is not None:
        found = ReportSnapshot.objects.filter(public_id__iexact=snapshot_id.strip()).first()
        if found is None:
            raise typer.BadParameter(f"no stored snapshot {snapshot_id!r}")
        snapshot = found
    else:
        try:
            snapshot = report_snapshot_take(actor=None, as_of=on or timezone.localdate())
        except ReportInputError as refused:
            raise typer.BadParameter(str(refused)) from None
    rendered = render(snapshot, case, limit=suppression_limit() if court_copy else 0)
    if kind == "pdf":
        out.write_bytes(pdf(rendered))
    elif kind == "csv":
        out.write_text(rendered.report.as_csv(), encoding="utf-8")
    else:
        out.write_text(rendered.report.as_json(), encoding="utf-8")
    console.print(
        f"{case} as of {snapshot.as_of}: snapshot {snapshot.public_id}, {snapshot.people} "
        f"people, data sha256 {snapshot.data_sha256}; written to {out}."
    )


@app.command()
def backup(
    out: Annotated[Path, typer.Argument(help="The archive to write (a .tar file).")],
) -> None:
    """Write every table, every stored file and a manifest of hashes into one archive,
    read from one consistent snapshot of the database."""
    _django()
    from amparo.apps.core.backup import backup_write

    with _progress() as bar:
        task = bar.add_task("Backing up", total=None)
        summary = backup_write(out, on_progress=lambda label: bar.update(task, description=label))
    console.print(
        f"Backed up {summary.rows} rows of {summary.tables} tables and {summary.files} files "
        f"(audit chain to event {summary.chain_sequence}) to {summary.path}; "
        f"sha256 {summary.sha256}."
    )


@app.command()
def restore(
    archive: Annotated[Path, typer.Argument(help="An archive written by `amparo backup`.")],
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Replace every row and file already here (refused by default)."
        ),
    ] = False,
) -> None:
    """Restore an archive into an empty database: every hash checked before anything is
    written, all tables in one transaction, then the audit chain verified."""
    if not archive.is_file():
        raise typer.BadParameter(f"{archive} is not a file", param_hint="ARCHIVE")
    _django()
    from amparo.apps.core.backup import RestoreRefused, backup_restore

    try:
        with _progress() as bar:
            task = bar.add_task("Restoring", total=None)
            summary = backup_restore(
                archive, force=force, on_progress=lambda label: bar.update(task, description=label)
            )
    except RestoreRefused as refusal:
        console.print(f"[red]Restore refused: {refusal}")
        raise typer.Exit(1) from None
    console.print(
        f"Restored {summary.rows} rows of {summary.tables} tables and {summary.files} files; "
        f"audit chain intact ({summary.chain_events_verified} events verified)"
        + ("; what was here before was replaced." if summary.replaced_existing else ".")
    )


@audit_app.command("verify")
def audit_verify() -> None:
    """Prove the audit chain intact, or name its first broken link."""
    _django()
    from amparo.apps.audit.verify import audit_chain_verify

    with _progress() as bar:
        task = bar.add_task("Verifying", total=None)
        report = audit_chain_verify(
            on_progress=lambda done, total: bar.update(task, completed=done, total=total)
        )
    if report.intact:
        console.print(f"[green]Audit chain intact: {report.events_checked} events verified.")
        return
    console.print(
        f"[red]Audit chain BROKEN at event {report.broken_at_sequence}: "
        f"{report.problem} ({report.events_checked} events verified before it)."
    )
    raise typer.Exit(1)


@app.command()
def serve(
    host: Annotated[str, typer.Option()] = "127.0.0.1",
    port: Annotated[int, typer.Option()] = 8000,
    workers: Annotated[int, typer.Option(min=1)] = 2,
) -> None:
    """Serve the web app (gunicorn) and run the task worker, until stopped."""
    _django()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "amparo.settings"}
    worker = subprocess.Popen([sys.executable, "-m", "django", "db_worker"], env=env)
    web = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "gunicorn",
            "amparo.wsgi:application",
            "--bind",
            f"{host}:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "300",
        ],
        env=env,
    )
    console.print(f"Amparo is serving on http://{host}:{port}/ (Ctrl-C to stop).")
    try:
        while web.poll() is None and worker.poll() is None:
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        for process in (web, worker):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in (web, worker):
            process.wait(timeout=30)


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def manage(ctx: typer.Context) -> None:
    """Run a Django management command (for operators)."""
    _django(migrate=False)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["amparo manage", *ctx.args])


# The data lifecycle's command lives with its app; registered here like the others.
app.command()(retention)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
