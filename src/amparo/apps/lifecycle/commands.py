"""`amparo retention`: the dry-run's plan, or the apply with the same printout.

Registered in cli.py as `app.command()(retention)`. Importing this module does not
set Django up; the command does, as cli.py's `_django()` does, so that `--help`
stays fast.
"""

from __future__ import annotations

import os
from datetime import date
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

console = Console()


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amparo.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)


def _end(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


def retention(
    end_date: Annotated[str, typer.Argument(help="The day the settlement ended (YYYY-MM-DD).")],
    apply: Annotated[
        bool,
        typer.Option("--apply", help="Carry the plan out (one transaction); a dry-run otherwise."),
    ] = False,
    rule_set: Annotated[
        str, typer.Option("--rule-set", help="A rule set shipped with the engine.")
    ] = "retention-v1",
) -> None:
    """Show what the retention rules would delete or anonymise today (minors first), or
    apply them with --apply. Audited either way."""
    settlement_end = _end(end_date)
    _setup_django()
    from amparo.apps.lifecycle.services import RetentionRefused, retention_apply, retention_plan
    from amparo.engines.lifecycle import RuleSetInvalid, load_rule_set

    try:
        rules = load_rule_set(rule_set)
    except RuleSetInvalid as invalid:
        raise typer.BadParameter(str(invalid)) from None
    plan = retention_plan(actor=None, settlement_end=settlement_end, rule_set=rules).plan
    table = Table(title=f"{rules.version} ({rules.sha256[:12]}) — settlement ended {end_date}")
    for heading in ("rule", "whom", "action", "due on", "changes"):
        table.add_column(heading)
    for line in plan.rules:
        table.add_row(
            line.rule.id,
            line.rule.whom.value,
            line.rule.action.value,
            line.due_on.isoformat() if line.due_on else "when a case closes",
            str(line.count),
        )
    console.print(table)
    console.print(f"{plan.minors} minors, {plan.adults} adults; {plan.total} changes planned.")
    if not apply:
        console.print("Dry-run: nothing was changed. Run again with --apply to carry it out.")
        return
    try:
        run = retention_apply(actor=None, settlement_end=settlement_end, rule_set=rules)
    except RetentionRefused as refused:
        console.print(f"[red]Refused:[/red] {refused}")
        raise typer.Exit(code=1) from None
    console.print(f"Applied: run {run.pk}, {run.total} changes, {run.files_deleted} files deleted.")
