"""Locust load test of the marking API (apps/marking-api).

User classes (pick one or more as positional arguments; python3-locust 2.12 has no --class):
  LightLoad  (1-10 users,   think 1-3 s)
  MediumLoad (10-50 users,  think 0.5-2 s)
  HeavyLoad  (50-100+ users, think 0.1-1 s)

Scenarios are tags: submit, status, feedback, workflow (select with --tags; default: all, weighted
like a tutor office: status checks dominate). Traffic shapes live in shapes/*.py and are added with
-f locust/locustfile.py,locust/shapes/burst.py.

Environment:
  WB_TMA_BODIES   JSON file: an array of TMA plain texts (written by libs/load's runner from core's
                  generator); without it a built-in sample TMA is used.
  WB_THINK_SCALE  multiplies every think time (0 = no think time); default 1.
"""
import csv
import json
import os
import random

import gevent

import locust.stats
from locust import HttpUser, between, constant, events, tag, task

# Locust 2.12 flushes _stats_history.csv only every 10 s (and not at exit), so short headless runs
# lose their history; flushing every second keeps one row per second on disk.
locust.stats.CSV_STATS_FLUSH_INTERVAL_SEC = 1

# Debian's python3-locust 2.12.1 ships an empty version string; a worker announcing '' is taken
# for a pre-2.0 worker and refused, which breaks distributed mode. Master and workers both import
# this file, so they agree on a non-empty version.
import locust.runners  # noqa: E402

if not locust.runners.__version__:
    locust.runners.__version__ = "2.12.1+debian"


@events.init.add_listener
def _fresh_clock(environment, **_kwargs):
    """gevent's loop clock is only updated when the loop runs; after a slow start-up (imports on a
    busy machine) it lags, and --run-time's timer, set from it, fires seconds early."""
    gevent.get_hub().loop.update_now()


@events.quitting.add_listener
def _final_csv(environment, **_kwargs):
    """Locust 2.12 writes _stats.csv and _failures.csv once a second and not at exit, so the files
    miss the end of the run; write them once more from the final statistics (atomically)."""
    options = environment.parsed_options
    prefix = getattr(options, "csv_prefix", None) if options else None
    if not prefix or isinstance(environment.runner, locust.runners.WorkerRunner):
        return
    writer = locust.stats.StatsCSV(environment, locust.stats.PERCENTILES_TO_REPORT)
    for suffix, write in (("stats", writer.requests_csv), ("failures", writer.failures_csv)):
        path = f"{prefix}_{suffix}.csv"
        with open(path + ".tmp", "w", newline="", encoding="utf-8") as f:
            write(csv.writer(f))
        os.replace(path + ".tmp", path)

THINK_SCALE = float(os.environ.get("WB_THINK_SCALE", "1"))

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


TEXTS = _load_texts()


def _think(low, high):
    if THINK_SCALE <= 0:
        return constant(0)
    return between(low * THINK_SCALE, high * THINK_SCALE)


class MarkingUser(HttpUser):
    """Shared behaviour; the load profiles below only change think time."""

    abstract = True

    def on_start(self):
        self.ids = []
        self._submit()

    def _submit(self):
        body = {"text": random.choice(TEXTS)}
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
            self.client.get(f"/api/tmas/{sid}/status", name="status")

    @tag("feedback")
    @task(1)
    def feedback(self):
        sid = self._any_id()
        if sid:
            self.client.post(f"/api/tmas/{sid}/feedback", name="feedback")
            self.client.get(f"/api/tmas/{sid}/feedback", name="feedback-read")

    @tag("workflow")
    @task(1)
    def workflow(self):
        """The TMA submission workflow: submit, check status, generate and read feedback."""
        sid = self._submit()
        if sid:
            self.client.get(f"/api/tmas/{sid}/status", name="status")
            self.client.post(f"/api/tmas/{sid}/feedback", name="feedback")
            self.client.get(f"/api/tmas/{sid}/feedback", name="feedback-read")


class LightLoad(MarkingUser):
    wait_time = _think(1, 3)


class MediumLoad(MarkingUser):
    wait_time = _think(0.5, 2)


class HeavyLoad(MarkingUser):
    wait_time = _think(0.1, 1)
