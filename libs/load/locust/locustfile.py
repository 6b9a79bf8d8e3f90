"""Locust load test of the marking API (apps/marking-api).

User classes (pick one or more as positional arguments; python3-locust 2.12 has no --class):
  LightLoad  (1-10 users,   think 1-3 s)
  MediumLoad (10-50 users,  think 0.5-2 s)
  HeavyLoad  (50-100+ users, think 0.1-1 s)

Scenarios are tags: submit, status, feedback, workflow (select with --tags; default: all, weighted
like a tutor office: status checks dominate). Traffic shapes live in shapes/*.py and are added with
-f locust/locustfile.py,locust/shapes/burst.py.

Options (set them on the master or a single process; the master passes them to its workers):
  --wb-think-scale X    multiplies every think time (0 = none); default 1, or WB_THINK_SCALE.
  --wb-max-requests N   stop after N requests in all (each worker takes an equal share of N); 0 = no limit.
  --wb-run-file PATH    write the run's facts (start/stop times, per-worker request counts) as JSON at exit.
Environment:
  WB_TMA_BODIES   JSON file: an array of TMA plain texts (written by libs/load's runner from core's
                  generator); without it a built-in sample TMA is used. Read by the master (or the single
                  process) and sent to the workers, so workers on other hosts need no file.

Distributed runs: each worker counts the requests it makes and prints the count when it exits
("wb-locust-worker <id> requests=<n>"); the master records the count each worker reported and, before
it quits, stops the workers and waits for a report from each taken after its users stopped, so the
totals it prints include every request (Locust 2.12's own quit waits a fixed 0.5 s for the last reports).
"""
import csv
import json
import math
import os
import random
import sys
import time

import gevent

import locust.stats
from locust import HttpUser, events, tag, task
from locust.exception import StopUser

# Locust 2.12 flushes _stats_history.csv only every 10 s (and not at exit), so short headless runs
# lose their history; flushing every second keeps one row per second on disk (the last second or
# two of a run can still be missing: the parser marks such a history as partial).
locust.stats.CSV_STATS_FLUSH_INTERVAL_SEC = 1

# Debian's python3-locust 2.12.1 ships an empty version string; a worker announcing '' is taken
# for a pre-2.0 worker and refused, which breaks distributed mode. Master and workers both import
# this file, so they agree on a non-empty version.
import locust.runners  # noqa: E402
from locust.rpc import Message  # noqa: E402
from locust.runners import STATE_INIT, STATE_STOPPED, MasterRunner, WorkerRunner  # noqa: E402

if not locust.runners.__version__:
    locust.runners.__version__ = "2.12.1+debian"

SAMPLE_TMA = """Course: TM112
TMA: 01
Student ID: A1234567
Student name: Jane Smith
Submitted: 2024-03-15

Question 1 (a)
Computers store numbers in binary because the hardware has two stable states. For example, a
transistor is either conducting or not, and this makes the design reliable and cheap.

Question 1 (b)
However, people find decimal easier, so programs convert between the two representations when
they read input and print results. According to the module text, this costs very little time.

Question 2
A network protocol is a set of rules that both ends agree on. Therefore a web browser and a server
can exchange pages even when they were written by different people in different languages.
"""


def _load_texts():
    path = os.environ.get("WB_TMA_BODIES")
    if not path:
        return [SAMPLE_TMA]
    with open(path, encoding="utf-8") as f:
        texts = json.load(f)
    if not isinstance(texts, list) or not texts or not all(isinstance(t, str) for t in texts):
        raise ValueError(f"WB_TMA_BODIES={path}: expected a non-empty JSON array of strings")
    return texts


def _option(environment, name, default):
    options = environment.parsed_options
    value = getattr(options, name, None) if options else None
    return default if value is None else value


@events.init_command_line_parser.add_listener
def _add_options(parser):
    parser.add_argument("--wb-think-scale", type=float, env_var="WB_THINK_SCALE", default=1.0,
                        help="multiplies every think time (0 = no think time)")
    parser.add_argument("--wb-max-requests", type=int, default=0,
                        help="stop after this many requests in all (0 = no limit)")
    parser.add_argument("--wb-run-file", type=str, default="",
                        help="write the run's facts (times, per-worker counts) to this JSON file at exit")


# What this process knows about the run. Greenlets share one thread: no locks needed.
RUN = {
    "requests": 0,       # requests this process made (a worker or a single process)
    "last": None,        # when this process's last request ended (epoch s)
    "budget": None,      # requests this process may still make (None: no limit)
    "start": None,       # test_start (epoch s)
    "stop": None,        # test_stop (epoch s)
    "workers": {},       # master: client id -> {"requests", "lastRequestTime", "stoppedReportAt"}
    "drained": False,
    "runner": None,
}


@events.init.add_listener
def _on_init(environment, **_kwargs):
    # gevent's loop clock is only updated when the loop runs; after a slow start-up (imports on a
    # busy machine) it lags, and --run-time's timer, set from it, fires seconds early.
    gevent.get_hub().loop.update_now()
    RUN["runner"] = environment.runner
    if environment.parsed_options is not None and not isinstance(environment.runner, WorkerRunner):
        # Sent to the workers with the other options at every spawn (custom options travel).
        environment.parsed_options.wb_tma_texts = _load_texts()
    if isinstance(environment.runner, MasterRunner):
        _drain_workers_before_quit(environment)
    if not isinstance(environment.runner, WorkerRunner) and _option(environment, "wb_max_requests", 0) > 0:
        gevent.spawn(_end_when_budget_spent, environment)


@events.request.add_listener
def _count_request(**_kwargs):
    RUN["requests"] += 1
    RUN["last"] = time.time()


@events.test_start.add_listener
def _on_test_start(environment, **_kwargs):
    RUN["start"] = time.time()
    RUN["stop"] = None
    limit = _option(environment, "wb_max_requests", 0)
    if limit > 0:
        shares = max(1, _option(environment, "expect_workers", 1)) if isinstance(environment.runner, WorkerRunner) else 1
        RUN["budget"] = math.ceil(limit / shares)


@events.test_stop.add_listener
def _on_test_stop(environment, **_kwargs):
    RUN["stop"] = time.time()


@events.report_to_master.add_listener
def _report_count(client_id, data, **_kwargs):
    runner = RUN["runner"]
    data["wb_requests"] = RUN["requests"]
    data["wb_last_request"] = RUN["last"]
    data["wb_stopped"] = bool(runner is not None and runner.state == STATE_STOPPED and runner.user_count == 0)


@events.worker_report.add_listener
def _record_worker_report(client_id, data, **_kwargs):
    w = RUN["workers"].setdefault(client_id, {})
    if "wb_requests" in data:
        w["requests"] = data["wb_requests"]
    if data.get("wb_last_request") is not None:
        w["lastRequestTime"] = data["wb_last_request"]
    if data.get("wb_stopped"):
        w["stoppedReportAt"] = time.time()


def _drain_workers_before_quit(environment):
    """Locust 2.12's MasterRunner.quit() sends "quit" and waits a fixed 0.5 s for the workers' last
    reports: on a busy machine they arrive later and their requests are lost from the totals. It
    also only reaches workers still registered, and a stopped worker is unregistered until it
    announces itself ready again (after --stop-timeout), so it never hears "quit". Here: stop the
    workers, wait for a report from each taken after its users stopped, then send "quit" to every
    worker this run has seen."""
    runner = environment.runner
    original_quit = runner.quit

    def quit_after_drain():
        if not RUN["drained"]:
            RUN["drained"] = True
            began = time.time()
            known = set(RUN["workers"]) | {c.id for c in runner.clients.all}
            if runner.state not in (STATE_INIT, STATE_STOPPED):
                runner.stop()  # "stop" to every worker; returns once they report no running users
            deadline = time.time() + 2 * locust.runners.WORKER_REPORT_INTERVAL + 5
            waiting = known
            while time.time() < deadline:
                waiting = [cid for cid in known if RUN["workers"].get(cid, {}).get("stoppedReportAt", 0) < began]
                if not waiting:
                    break
                gevent.sleep(0.1)
            if waiting:
                sys.stderr.write(f"wb-locust: no final report from worker(s) {', '.join(waiting)}: totals may miss their last requests\n")
            registered = {c.id for c in runner.clients.all}
            for cid in known - registered:
                runner.server.send_to_client(Message("quit", None, cid))
        original_quit()

    runner.quit = quit_after_drain


def _end_when_budget_spent(environment):
    """--wb-max-requests: users stop themselves when their process's share is spent; this ends the
    run once the totals (on the master: as reported by the workers) reach the limit."""
    limit = _option(environment, "wb_max_requests", 0)
    while True:
        gevent.sleep(0.25)
        runner = environment.runner
        if runner is None or RUN["start"] is None:
            continue
        if runner.stats.total.num_requests >= limit or (not isinstance(runner, MasterRunner) and runner.user_count == 0 and RUN["budget"] == 0):
            runner.quit()
            return


def _write_atomically(path, write):
    with open(path + ".tmp", "w", newline="", encoding="utf-8") as f:
        write(f)
    os.replace(path + ".tmp", path)


@events.quitting.add_listener
def _at_exit(environment, **_kwargs):
    """A worker prints its own count; the master (or a single process) writes _stats.csv and
    _failures.csv once more from the final statistics (Locust 2.12 writes them once a second and
    not at exit) and the run facts."""
    runner = environment.runner
    if isinstance(runner, WorkerRunner):
        sys.stderr.write(f"wb-locust-worker {runner.client_id} requests={RUN['requests']}\n")
        sys.stderr.flush()
        return
    options = environment.parsed_options
    prefix = getattr(options, "csv_prefix", None) if options else None
    if prefix:
        writer = locust.stats.StatsCSV(environment, locust.stats.PERCENTILES_TO_REPORT)
        for suffix, write in (("stats", writer.requests_csv), ("failures", writer.failures_csv)):
            _write_atomically(f"{prefix}_{suffix}.csv", lambda f, w=write: w(csv.writer(f)))
    run_file = _option(environment, "wb_run_file", "")
    if run_file:
        last = [w["lastRequestTime"] for w in RUN["workers"].values() if w.get("lastRequestTime") is not None]
        if RUN["last"] is not None:
            last.append(RUN["last"])
        facts = {
            "role": "master" if isinstance(runner, MasterRunner) else "local",
            "startTime": RUN["start"],
            # The end of the load: the last request any generator made (Locust's own req/s uses the
            # same span). A worker only hears "stop" when the master does, up to seconds later.
            "endTime": max(last) if last else None,
            "stopTime": RUN["stop"],
            "requests": runner.stats.total.num_requests,
            "maxRequests": _option(environment, "wb_max_requests", 0),
            "workers": {cid: {"requests": w.get("requests", 0)} for cid, w in RUN["workers"].items()},
        }
        _write_atomically(run_file, lambda f: json.dump(facts, f))


def _spend(user):
    """One request from this process's budget (--wb-max-requests); none left: the user stops."""
    left = RUN["budget"]
    if left is None:
        return
    if left <= 0:
        raise StopUser()
    RUN["budget"] = left - 1


class MarkingUser(HttpUser):
    """Shared behaviour; the load profiles below only change think time."""

    abstract = True
    think_s = (0.0, 0.0)

    def wait_time(self):
        scale = _option(self.environment, "wb_think_scale", 1.0)
        low, high = self.think_s
        return 0 if scale <= 0 else random.uniform(low * scale, high * scale)

    def on_start(self):
        self.ids = []
        self.texts = _option(self.environment, "wb_tma_texts", None) or [SAMPLE_TMA]
        self._submit()

    def _submit(self):
        _spend(self)
        body = {"text": random.choice(self.texts)}
        with self.client.post("/api/tmas", json=body, name="submit", catch_response=True) as res:
            if res.status_code != 202:
                res.failure(f"submit answered {res.status_code}")
                return None
            sid = res.json().get("id")
            if not sid:
                res.failure("submit answer has no id")
                return None
            self.ids.append(sid)
            if len(self.ids) > 50:
                self.ids.pop(0)
            return sid

    def _get(self, path, name):
        _spend(self)
        self.client.get(path, name=name)

    def _post(self, path, name):
        _spend(self)
        self.client.post(path, name=name)

    def _any_id(self):
        return random.choice(self.ids) if self.ids else self._submit()

    @tag("submit")
    @task(2)
    def submit(self):
        self._submit()

    @tag("status")
    @task(5)
    def status(self):
        sid = self._any_id()
        if sid:
            self._get(f"/api/tmas/{sid}/status", "status")

    @tag("feedback")
    @task(1)
    def feedback(self):
        sid = self._any_id()
        if sid:
            self._post(f"/api/tmas/{sid}/feedback", "feedback")
            self._get(f"/api/tmas/{sid}/feedback", "feedback-read")

    @tag("workflow")
    @task(1)
    def workflow(self):
        """The TMA submission workflow: submit, check status, generate and read feedback."""
        sid = self._submit()
        if sid:
            self._get(f"/api/tmas/{sid}/status", "status")
            self._post(f"/api/tmas/{sid}/feedback", "feedback")
            self._get(f"/api/tmas/{sid}/feedback", "feedback-read")


class LightLoad(MarkingUser):
    think_s = (1, 3)


class MediumLoad(MarkingUser):
    think_s = (0.5, 2)


class HeavyLoad(MarkingUser):
    think_s = (0.1, 1)
