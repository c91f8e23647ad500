"""Retention's two operations: the dry-run (a plan, nothing written but its audit
event) and the apply (the plan carried out in one transaction, minors first)."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.apps.accounts.models import User
from amparo.apps.audit.services import audit_record
from amparo.apps.lifecycle.datamap import TABLES
from amparo.apps.lifecycle.gather import Located, read_cells, read_subjects
from amparo.apps.lifecycle.models import RetentionRun
from amparo.apps.lifecycle.sanctioned import triggers_lifted
from amparo.engines.lifecycle import Anchor, Change, Plan, Planner, RuleSet, load_rule_set

WRITE_BATCH = 500


class RetentionRefused(Exception):
    """An apply that may not run (yet); nothing was written."""


@dataclass(frozen=True, slots=True)
class PlanResult:
    plan: Plan
    seconds: float


def _planner(rule_set: RuleSet, *, settlement_end: date, today: date) -> Planner:
    return Planner(rule_set, read_subjects(), settlement_end=settlement_end, today=today)


def _plan_details(plan: Plan) -> dict[str, Any]:
    return {
        "settlement_end": plan.settlement_end.isoformat(),
        "today": plan.today.isoformat(),
        "rule_set": plan.rule_set_version,
        "rule_set_sha256": plan.rule_set_sha256,
        "counts": [[r.rule.id, r.count] for r in plan.rules],
    }


def _walk(planner: Planner, *, write: bool) -> list[str]:
    """Every table through the planner, each read once; with `write`, minors' changes
    are written chunk by chunk as they are found and everyone else's after them all,
    so minors' data is changed first within the run. Returns the files whose rows now
    say they are removed (to delete once the run has committed).

    A model listed twice (once per side of a separation or a review item) sees in its
    second reading what the first would change, and the two changes to one cell are
    merged into one (the later one, computed on the earlier one's result): a dry-run
    and an apply walk the same way and count the same."""
    twice = {t.model for t in TABLES if sum(u.model == t.model for u in TABLES) > 1}
    pending: dict[str, Any] = {}
    later: dict[str, tuple[str, Located, Change]] = {}
    removed: list[str] = []

    def flush(model: str, changes: list[tuple[Located, Change]]) -> None:
        if write:
            _write(model, changes)
        removed.extend(str(c.previous) for _, c in changes if c.delete_file)

    for table in TABLES:
        merged = table.model in twice
        now: dict[str, tuple[Located, Change]] = {}
        for chunk in read_cells(table):
            for located in chunk:
                cell = located.cell
                if merged and cell.ref in pending:
                    cell = replace(cell, value=pending[cell.ref])
                change = planner.change(cell)
                if change is None:
                    continue
                if merged:
                    pending[cell.ref] = change.value
                if cell.subject_id is not None and planner.is_minor(cell.subject_id):
                    later.pop(cell.ref, None)
                    now[cell.ref] = (located, change)
                else:
                    later[cell.ref] = (table.model, located, change)
            if not merged:
                flush(table.model, list(now.values()))
                now = {}
        flush(table.model, list(now.values()))
    by_model: dict[str, list[tuple[Located, Change]]] = defaultdict(list)
    for model, located, change in later.values():
        by_model[model].append((located, change))
    for model, changes in by_model.items():
        flush(model, changes)
    return removed


def retention_plan(
    *,
    actor: User | None,
    settlement_end: date,
    rule_set: RuleSet | None = None,
    today: date | None = None,
) -> PlanResult:
    """What an apply would change today, per rule (minors' rules first), with a
    sample of the cells; writes only the audit event that a dry-run happened."""
    started = time.perf_counter()
    rules = rule_set or load_rule_set()
    planner = _planner(rules, settlement_end=settlement_end, today=today or timezone.localdate())
    _walk(planner, write=False)
    plan = planner.plan()
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="retention.dry_run",
            object_type="retention",
            details=_plan_details(plan),
        )
    return PlanResult(plan, round(time.perf_counter() - started, 2))


def _write(label: str, changes: list[tuple[Located, Change]]) -> None:
    """One UPDATE per row (executemany, grouped by the columns changed): bulk_update's
    CASE expressions grow with the batch and were ten times slower here."""
    if not changes:
        return
    model = apps.get_model(label)
    deleted = [located.pk for located, change in changes if change.delete_row]
    for start in range(0, len(deleted), WRITE_BATCH):
        model._default_manager.filter(pk__in=deleted[start : start + WRITE_BATCH]).delete()
    values: dict[Any, dict[str, Any]] = defaultdict(dict)
    for located, change in changes:
        if not change.delete_row:
            values[located.pk][located.column] = change.value
    fields = {f.attname: f for f in model._meta.concrete_fields}
    groups: dict[tuple[str, ...], list[list[Any]]] = defaultdict(list)
    for pk, columns in values.items():
        names = tuple(sorted(columns))
        row = [fields[n].get_db_prep_save(columns[n], connection) for n in names]
        groups[names].append([*row, pk])
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    key = quote(model._meta.pk.column)
    with connection.cursor() as cursor:
        for names, rows in groups.items():
            sets = ", ".join(f"{quote(fields[n].column)} = %s" for n in names)
            for start in range(0, len(rows), WRITE_BATCH):
                cursor.executemany(
                    f"UPDATE {table} SET {sets} WHERE {key} = %s",  # noqa: S608 - names from the model
                    rows[start : start + WRITE_BATCH],
                )


def _remove_files(paths: Iterable[str]) -> None:
    """After the commit: a rolled-back run must not have deleted anything."""
    root = Path(settings.MEDIA_ROOT).resolve()
    for relative in paths:
        target = (root / relative).resolve()
        if target.is_relative_to(root) and target != root:
            target.unlink(missing_ok=True)


def _refuse_early(rule_set: RuleSet, *, settlement_end: date, today: date) -> None:
    if today < settlement_end:
        raise RetentionRefused(
            _("The settlement ends on %(end)s: nothing is deleted or anonymised before then.")
            % {"end": settlement_end.isoformat()}
        )
    due = [
        r
        for r in rule_set.rules
        if r.anchor is Anchor.CASE_CLOSED
        or (r.due_on(settlement_end=settlement_end) or today) <= today
    ]
    if not due:
        first = min(
            d for r in rule_set.rules if (d := r.due_on(settlement_end=settlement_end)) is not None
        )
        raise RetentionRefused(
            _("No rule is due yet: the first is due on %(due)s.") % {"due": first.isoformat()}
        )


def retention_apply(
    *,
    actor: User | None,
    settlement_end: date,
    rule_set: RuleSet | None = None,
    today: date | None = None,
) -> RetentionRun:
    """Carry out today's plan in one transaction: minors' data first, then everyone
    else's; rules whose period has not passed are left for a later run. Running it
    again changes nothing (every action is idempotent). Files are removed from disk
    only once the transaction has committed."""
    rules = rule_set or load_rule_set()
    today = today or timezone.localdate()
    _refuse_early(rules, settlement_end=settlement_end, today=today)
    with transaction.atomic():
        planner = _planner(rules, settlement_end=settlement_end, today=today)
        with triggers_lifted():
            removed = _walk(planner, write=True)
        plan = planner.plan()
        run = RetentionRun.objects.create(
            applied_by=actor,
            applied_at=timezone.now(),
            settlement_end=settlement_end,
            rule_set_version=plan.rule_set_version,
            rule_set_sha256=plan.rule_set_sha256,
            counts=[
                {"rule": r.rule.id, "count": r.count, "minors": r.rule.for_minors}
                for r in plan.rules
            ],
            total=plan.total,
            files_deleted=len(removed),
            minors=plan.minors,
            adults=plan.adults,
        )
        audit_record(
            actor=actor,
            action="retention.apply",
            object_type="retention_run",
            object_id=run.pk,
            details={**_plan_details(plan), "files_deleted": len(removed)},
        )
        transaction.on_commit(lambda: _remove_files(removed))
    return run
