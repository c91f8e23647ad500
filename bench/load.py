"""A load test of the main pages and the API, with 100,000 people, on SQLite and on
PostgreSQL, under gunicorn; locust on the loopback, bounded in time.

Issue 10 target: 50 concurrent users with p95 under 300 ms and zero errors.

    .venv/bin/python bench/load.py
    .venv/bin/python bench/load.py --databases sqlite --servers gthread:2x4 --modes think
    .venv/bin/python bench/load.py --people 5000 --interviews 500 --run-time 20s

Per database:

1. the world (bench/worlds.py `load_world`): 100,000 people with their records, custody,
   separations, eligibility answers, 10,000 interviews, the return cases the service
   opens, a report snapshot, staff and readers with API tokens. Built once, kept in
   --work (SQLite: a file there; PostgreSQL: the database amparo_loadbench) and
   reused while its fingerprint (people, seed, interviews, builder version) matches;
   --rebuild forces a new one. Pending migrations are applied at every run.
2. a plan: fresh sessions for the simulated accounts (made with the session engine and
   the auth session keys, as django.contrib.auth.login leaves them, without the login
   form), and the ids each role may open (people visible to counsel for counsel, an
   officer's own interviews for that officer). PostgreSQL then gets VACUUM ANALYZE, as
   autovacuum would give it (autovacuum is off on the development server); SQLite gets
   nothing, as Django deploys it.
3. per server set-up (--servers; "sync:3" = 3 sync workers, "gthread:2x4" = 2 workers
   of 4 threads), gunicorn on 127.0.0.1 with debug off (AMPARO_DEBUG=0, the tasks
   queued to the database) serving static files through WhiteNoise; then per think
   mode (--modes) locust headless with --users users spawned at --spawn-rate a second
   for --run-time:
   - think: each user waits 1 to 3 s between requests (someone reading pages);
   - ceiling: no wait at all, to find what the server can give.

Users (bench/locustfile.py): coordinators 2, class counsel 2, asylum officers 3, court 1
(weights); they open the dashboard, people search and list, a person page, the docket
and an interview page, rosters, return cases, reports and a report, the API person
and import reads, and the stylesheet through WhiteNoise. Every answer must be a 200
without a redirect.

Printed per database, server and mode: the load average before and after, requests/s,
p50/p95/p99 per page and overall (locust's own percentiles: it rounds times above
100 ms to 10 ms and above 1 s to 100 ms), failures by kind, whether the target is
met, and the CPU the site used per request (gunicorn's processes, and PostgreSQL's
server processes for the bench database, read from /proc): the latencies move with
whatever else the machine runs, the CPU per request hardly does.

--source DIR serves another tree's code on the same world (e.g. the last commit:
`git archive HEAD src | tar -x -C DIR`), for before/after figures side by side.

Locust itself needs about one of the 2 cores in the ceiling runs: the ceiling is the
site's on the core that is left. Raw CSVs and the server's log stay in --work.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

sys.path.insert(0, str(Path(__file__).resolve().parent))

import eligibility_recompute as registry_bench
import worlds

ROOT: Final = Path(__file__).resolve().parent.parent
VENV_BIN: Final = Path(sys.executable).parent
PG_DATABASE: Final = "amparo_loadbench"
TARGET_P95_MS: Final = 300.0
MODES: Final = {"think": "1-3", "ceiling": "0"}
SAMPLE: Final = 2_000  # people each reader picks from


# --- Children (run in a process set up for Django on one database) ---------------


def child_build(args: argparse.Namespace) -> dict[str, Any]:
    registry_bench._django()
    return worlds.load_world(args.people, args.seed, args.interviews)


def _session_for(user: Any) -> str:
    """A signed-in session as django.contrib.auth.login leaves it."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return str(store.session_key)


def child_plan(args: argparse.Namespace) -> dict[str, Any]:
    """Apply pending migrations, start fresh sessions, pick what each role opens."""
    registry_bench._django()
    from django.conf import settings
    from django.contrib.sessions.models import Session
    from django.core.management import call_command
    from django.db import connection

    from amparo.apps.accounts.models import Role, User
    from amparo.apps.ingest.models import ImportBatch
    from amparo.apps.interviews.models import Interview
    from amparo.apps.registry.models import Person
    from amparo.apps.registry.selectors import people_visible_to
    from amparo.apps.reports.models import ReportSnapshot
    from amparo.apps.returns.models import ReturnCase

    call_command("migrate", interactive=False, verbosity=0)
    Session.objects.all().delete()
    rng = random.Random(args.seed)
    # The keys come through the environment, not the command line (which `ps` shows).
    tokens: dict[str, str] = json.loads(os.environ["AMPARO_LOAD_TOKENS"])

    def people_of(queryset: Any) -> list[str]:
        ids = list(queryset.filter(merged_into__isnull=True).values_list("public_id", flat=True))
        return [str(i) for i in rng.sample(ids, min(SAMPLE, len(ids)))]

    everyone = people_of(Person.objects.all())
    accounts: dict[str, list[dict[str, Any]]] = {"coordinator": [], "counsel": [], "officer": []}
    accounts["court"] = []
    for user in User.objects.filter(username__in=tokens).order_by("username"):
        account: dict[str, Any] = {
            "username": user.username,
            "session": _session_for(user),
            "token": tokens[user.username],
        }
        if user.role == Role.GOVERNMENT_COORDINATOR:
            accounts["coordinator"].append({**account, "people": everyone})
        elif user.role == Role.CLASS_COUNSEL:
            accounts["counsel"].append({**account, "people": people_of(people_visible_to(user))})
        elif user.role == Role.ASYLUM_OFFICER:
            own = Interview.objects.filter(officer=user).values_list("public_id", flat=True)
            interviews = [str(i) for i in own[:100]]
            if interviews:
                accounts["officer"].append(
                    {**account, "people": everyone, "interviews": interviews}
                )
        elif user.role == Role.COURT:
            accounts["court"].append(account)
    interviews_any = [
        str(i) for i in Interview.objects.order_by("?").values_list("public_id", flat=True)[:500]
    ]
    return_cases = [
        str(i) for i in ReturnCase.objects.order_by("?").values_list("public_id", flat=True)[:500]
    ]
    snapshot = ReportSnapshot.objects.order_by("-taken_at").values_list("public_id", flat=True)[0]
    batch = ImportBatch.objects.order_by("id").values_list("public_id", flat=True)[0]
    surnames = sorted({s.split()[0] for s in registry_bench.SURNAMES})
    if connection.vendor == "postgresql":
        # What autovacuum does on a server that runs it (it is off on the development
        # server): statistics, and the visibility map without which every index-only
        # scan reads the table too (a counsel's return cases: 200 ms -> 40 ms).
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return {
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "accounts": accounts,
        "interviews_any": interviews_any,
        "return_cases": return_cases,
        "snapshot": str(snapshot),
        "import": str(batch),
        "cases": ["ms_l", "mmm", "dora"],
        "counsel_cases": list(worlds.COUNSEL_CASES),
        "search_terms": [*surnames, *registry_bench.GIVEN_F[:6], *registry_bench.GIVEN_M[:6]],
        "static_path": "/static/core/amparo.css",
    }


def _child(mode: str, env: dict[str, str], args: argparse.Namespace) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", mode, "--people", str(args.people)]
    command += ["--seed", str(args.seed), "--interviews", str(args.interviews)]
    if mode == "plan":
        env = {**env, "AMPARO_LOAD_TOKENS": args.tokens}
    done = subprocess.run(command, env=env, check=False, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"{mode} failed (exit {done.returncode})")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# --- The world, kept between runs ------------------------------------------------


@dataclass(frozen=True, slots=True)
class Target:
    label: str
    url: str
    var_dir: Path

    def env(self, source: Path | None = None) -> dict[str, str]:
        extra = {"PYTHONPATH": str(source / "src")} if source else {}
        return {
            **os.environ,
            **extra,
            "AMPARO_NODE_MODULES": str(ROOT / "node_modules"),
            "DATABASE_URL": self.url,
            "AMPARO_VAR_DIR": str(self.var_dir),
            "AMPARO_DEBUG": "0",
            "AMPARO_TASKS_IMMEDIATE": "0",
            "AMPARO_LOG_LEVEL": "WARNING",
        }


def _pg_exists(name: str) -> bool:
    import psycopg

    url = registry_bench.PG_ADMIN_URL.replace("postgres://", "postgresql://", 1)
    with psycopg.connect(url, autocommit=True) as connection:
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
        return found.fetchone() is not None


def target_for(label: str, work: Path) -> Target:
    if label == "sqlite":
        url = f"sqlite:///{work}/sqlite/amparo-load.sqlite3"
    else:
        url = registry_bench.PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{PG_DATABASE}"
    return Target(label, url, work / f"var-{label}")


def world(target: Target, work: Path, args: argparse.Namespace) -> dict[str, Any]:
    """The kept world if its fingerprint matches, else a new one."""
    fingerprint = {
        "version": worlds.LOAD_WORLD_VERSION,
        "people": args.people,
        "seed": args.seed,
        "interviews": args.interviews,
        "url": target.url,
    }
    record = work / f"world-{target.label}.json"
    sqlite_file = work / "sqlite" / "amparo-load.sqlite3"
    present = sqlite_file.exists() if target.label == "sqlite" else _pg_exists(PG_DATABASE)
    if record.exists() and present and not args.rebuild:
        kept: dict[str, Any] = json.loads(record.read_text())
        if kept["fingerprint"] == fingerprint:
            print(f"{target.label}: reusing the world in {target.url}", flush=True)
            return kept
    record.unlink(missing_ok=True)
    if target.label == "sqlite":
        shutil.rmtree(sqlite_file.parent, ignore_errors=True)
        sqlite_file.parent.mkdir(parents=True)
    else:
        registry_bench._admin(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
        registry_bench._admin(f"CREATE DATABASE {PG_DATABASE}")
    shutil.rmtree(target.var_dir, ignore_errors=True)
    print(f"{target.label}: building the world in {target.url} ...", flush=True)
    started = time.perf_counter()
    built = _child("build", target.env(), args)
    built["total_s"] = round(time.perf_counter() - started, 1)
    kept = {"fingerprint": fingerprint, "built": built}
    record.write_text(json.dumps(kept, indent=1))
    return kept


# --- gunicorn and locust ----------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _load() -> str:
    one, five, _fifteen = os.getloadavg()
    return f"{one:.2f}/{five:.2f}"


_TICK: Final = os.sysconf("SC_CLK_TCK")


def _cpu_of(pids: list[int]) -> dict[int, float]:
    """CPU seconds (user + system) each process has used so far."""
    used: dict[int, float] = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        used[pid] = (int(fields[11]) + int(fields[12])) / _TICK
    return used


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _pg_backends() -> list[int]:
    """The PostgreSQL server processes serving the bench database."""
    import psycopg

    url = registry_bench.PG_ADMIN_URL.replace("postgres://", "postgresql://", 1)
    with psycopg.connect(url, autocommit=True) as connection:
        rows = connection.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s", (PG_DATABASE,)
        ).fetchall()
    return [int(row[0]) for row in rows]


class CpuMeter:
    """CPU the site used over a run: gunicorn's master and workers and, on
    PostgreSQL, the server processes of the bench database. Unlike the latencies, it
    hardly moves with what else the machine is running: CPU per request is what the
    site costs, and 1000 / (CPU ms per request) the requests per second one core
    could serve."""

    def __init__(self, server_pid: int, postgresql: bool) -> None:
        self.server_pid = server_pid
        self.postgresql = postgresql
        self.start = self._now()
        # Processes come and go during a run (a connection older than CONN_MAX_AGE is
        # closed and the next request opens a new one): each is sampled every half
        # second and its last reading kept, so an exited one still counts.
        self.last: tuple[dict[int, float], dict[int, float]] = ({}, {})
        self.stopping = threading.Event()
        self.sampler = threading.Thread(target=self._sample, daemon=True)
        self.sampler.start()

    def _now(self) -> tuple[dict[int, float], dict[int, float]]:
        web = _cpu_of([self.server_pid, *_children(self.server_pid)])
        database = _cpu_of(_pg_backends()) if self.postgresql else {}
        return web, database

    def _sample(self) -> None:
        while not self.stopping.wait(0.5):
            for kept, now in zip(self.last, self._now(), strict=True):
                kept.update(now)

    def used(self) -> tuple[float, float]:
        """CPU seconds used since the start: (web, database)."""
        self.stopping.set()
        self.sampler.join()
        for kept, now in zip(self.last, self._now(), strict=True):
            kept.update(now)
        web, database = (
            sum(now - start.get(pid, 0.0) for pid, now in last.items())
            for start, last in zip(self.start, self.last, strict=True)
        )
        return web, database


class Server:
    """gunicorn on the loopback; `spec` is "sync:N" or "gthread:NxT"."""

    def __init__(self, spec: str, target: Target, log: Path, source: Path | None) -> None:
        kind, _, size = spec.partition(":")
        workers, _, threads = size.partition("x")
        self.port = _free_port()
        command = [str(VENV_BIN / "gunicorn"), "amparo.wsgi:application"]
        command += ["--bind", f"127.0.0.1:{self.port}", "--workers", workers or "2"]
        command += ["--worker-class", kind, "--timeout", "60", "--graceful-timeout", "5"]
        if kind == "gthread":
            command += ["--threads", threads or "4"]
        self.log = log.open("w")
        self.process = subprocess.Popen(
            command, env=target.env(source), cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT
        )

    def wait_ready(self, cookie: str) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(
                    f"gunicorn exited ({self.process.returncode}); see {self.log.name}"
                )
            try:
                healthz = f"http://127.0.0.1:{self.port}/healthz"
                with urllib.request.urlopen(healthz, timeout=2):
                    break
            except OSError:
                time.sleep(0.3)
        else:
            raise SystemExit("gunicorn did not answer within 60 s")
        # Each worker loads the middleware (WhiteNoise indexes the static files) on its
        # first request, as on any start: warm them before measuring.
        for _ in range(12):
            request = urllib.request.Request(
                f"http://127.0.0.1:{self.port}/", headers={"Cookie": cookie}
            )
            # A fixed http://127.0.0.1 address: no other scheme can reach it.
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                response.read()

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def run_locust(port: int, plan: Path, think: str, prefix: Path, args: argparse.Namespace) -> None:
    command = [str(VENV_BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile.py")]
    command += ["--headless", "--users", str(args.users), "--spawn-rate", str(args.spawn_rate)]
    command += ["--run-time", args.run_time, "--host", f"http://127.0.0.1:{port}"]
    command += ["--csv", str(prefix), "--only-summary", "--stop-timeout", "5"]
    command += ["--loglevel", "WARNING"]
    env = {**os.environ, "AMPARO_LOAD_PLAN": str(plan), "AMPARO_LOAD_THINK": think}
    with (prefix.parent / f"{prefix.name}.locust.log").open("w") as log:
        subprocess.run(
            command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, check=False
        )


def read_results(prefix: Path) -> dict[str, Any]:
    with Path(f"{prefix}_stats.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    pages = []
    for row in rows:
        pages.append(
            {
                "name": row["Name"],
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "rps": float(row["Requests/s"]),
                "p50": float(row["50%"] or 0),
                "p95": float(row["95%"] or 0),
                "p99": float(row["99%"] or 0),
                "max": float(row["Max Response Time"] or 0),
            }
        )
    failures: list[dict[str, Any]] = []
    failures_file = Path(f"{prefix}_failures.csv")
    if failures_file.exists():
        with failures_file.open() as handle:
            failures = [
                {"name": r["Name"], "error": r["Error"], "count": int(r["Occurrences"])}
                for r in csv.DictReader(handle)
            ]
    overall = next(p for p in pages if p["name"] == "Aggregated")
    return {
        "pages": [p for p in pages if p["name"] != "Aggregated"],
        "overall": overall,
        "failures": failures,
    }


def _server_errors(log: Path) -> int:
    return log.read_text(errors="replace").count("Traceback")


def print_run(result: dict[str, Any]) -> None:
    overall = result["overall"]
    met = overall["p95"] < TARGET_P95_MS and overall["failures"] == 0
    print(
        f"\n### {result['database']}, gunicorn {result['server']}, {result['mode']} "
        f"(think {result['think']} s), {result['users']} users, {result['run_time']}\n"
    )
    print(
        f"load average (1/5 min) before {result['load_before']}, after {result['load_after']}; "
        f"server tracebacks: {result['server_errors']}\n"
    )
    print(
        f"CPU per request: {result['cpu_ms_web']} ms in gunicorn + "
        f"{result['cpu_ms_database']} ms in PostgreSQL\n"
    )
    print("| page | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for p in sorted(result["pages"], key=lambda p: -p["p95"]):
        print(
            f"| {p['name']} | {p['requests']} | {p['rps']:.1f} | {p['p50']:.0f} | "
            f"{p['p95']:.0f} | {p['p99']:.0f} | {p['max']:.0f} | {p['failures']} |"
        )
    o = overall
    print(
        f"| **overall** | {o['requests']} | **{o['rps']:.1f}** | {o['p50']:.0f} | "
        f"**{o['p95']:.0f}** | {o['p99']:.0f} | {o['max']:.0f} | **{o['failures']}** |"
    )
    for f in result["failures"]:
        print(f"- error: {f['name']}: {f['error']} x{f['count']}")
    verdict = "met" if met else "NOT met"
    print(f"\ntarget (p95 < {TARGET_P95_MS:.0f} ms, zero errors): {verdict}")


def print_summary(results: list[dict[str, Any]]) -> None:
    print("\n### Summary\n")
    print(
        "| database | server | mode | load before/after | req/s | p50 | p95 | p99 | errors "
        "| CPU ms/request (web + db) | target |"
    )
    print("|---|---|---|---|---:|---:|---:|---:|---:|---:|---|")
    for r in results:
        o = r["overall"]
        met = "met" if o["p95"] < TARGET_P95_MS and o["failures"] == 0 else "NOT met"
        if r["mode"] == "ceiling":
            met = "(ceiling)"
        print(
            f"| {r['database']} | {r['server']} | {r['mode']} | {r['load_before']} → "
            f"{r['load_after']} | {o['rps']:.1f} | {o['p50']:.0f} | {o['p95']:.0f} | "
            f"{o['p99']:.0f} | {o['failures']} | {r['cpu_ms_web']} + {r['cpu_ms_database']} "
            f"| {met} |"
        )


def run_database(label: str, work: Path, args: argparse.Namespace) -> list[dict[str, Any]]:
    target = target_for(label, work)
    kept = world(target, work, args)
    built = kept["built"]
    print(
        f"{label}: {built['people']} people, {built['records']} records, "
        f"{built['separations']} separations, {built['interviews']} interviews, "
        f"{built['return_cases']} return cases, snapshot of {built['snapshot_people']}",
        flush=True,
    )
    args.tokens = json.dumps(built["tokens"])  # handed to the plan child by environment
    plan = _child("plan", target.env(), args)
    plan_file = work / f"plan-{label}.json"
    plan_file.write_text(json.dumps(plan))
    warm_cookie = f"{plan['session_cookie']}={plan['accounts']['coordinator'][0]['session']}"
    results: list[dict[str, Any]] = []
    for spec in args.servers:
        for mode in args.modes:
            name = f"{args.tag}{label}-{spec.replace(':', '-')}-{mode}"
            log = work / f"{name}.gunicorn.log"
            server = Server(spec, target, log, args.source)
            try:
                server.wait_ready(warm_cookie)
                before = _load()
                meter = CpuMeter(server.process.pid, postgresql=label == "postgresql")
                run_locust(server.port, plan_file, MODES[mode], work / name, args)
                web_cpu, database_cpu = meter.used()
                after = _load()
            finally:
                server.stop()
            result = {
                "database": label,
                "code": str(args.source or "checkout"),
                "server": spec,
                "mode": mode,
                "think": MODES[mode],
                "users": args.users,
                "run_time": args.run_time,
                "load_before": before,
                "load_after": after,
                "server_errors": _server_errors(log),
                **read_results(work / name),
            }
            served = max(1, result["overall"]["requests"])
            result["cpu_ms_web"] = round(web_cpu * 1000 / served, 1)
            result["cpu_ms_database"] = round(database_cpu * 1000 / served, 1)
            print_run(result)
            results.append(result)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2018)
    parser.add_argument("--interviews", type=int, default=10_000)
    parser.add_argument(
        "--databases", nargs="+", choices=["sqlite", "postgresql"], default=["sqlite", "postgresql"]
    )
    parser.add_argument("--servers", nargs="+", default=["sync:3", "gthread:2x4"])
    parser.add_argument("--modes", nargs="+", choices=list(MODES), default=list(MODES))
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=int, default=10)
    parser.add_argument("--run-time", default="60s")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "load")
    parser.add_argument("--rebuild", action="store_true", help="build the worlds anew")
    parser.add_argument(
        "--source",
        type=Path,
        help="serve the code of another tree (DIR/src first on PYTHONPATH), e.g. the last "
        "commit exported with `git archive HEAD src | tar -x -C DIR`, to compare before and "
        "after on the same world (the world and the migrations are this checkout's)",
    )
    parser.add_argument("--tag", default="", help="prefix of the CSV and log names in --work")
    parser.add_argument("--child", choices=["build", "plan"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "build":
        print(json.dumps(child_build(args)))
        return
    if args.child == "plan":
        print(json.dumps(child_plan(args)))
        return
    args.work.mkdir(parents=True, exist_ok=True)
    results = [r for label in args.databases for r in run_database(label, args.work, args)]
    (args.work / f"{args.tag}results.json").write_text(json.dumps(results, indent=1))
    print_summary(results)


if __name__ == "__main__":
    main()
