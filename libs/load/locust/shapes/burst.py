"""Burst traffic: a base number of users, a sudden 5x surge, back to base (Locust LoadTestShape).

Use with a user class: locust -f locust/locustfile.py,locust/shapes/burst.py --headless HeavyLoad
WB_BURST_BASE (default 10 users) and WB_BURST_SECONDS (default 60) size it.
"""
import os

from locust import LoadTestShape

BASE = int(os.environ.get("WB_BURST_BASE", "10"))
TOTAL = float(os.environ.get("WB_BURST_SECONDS", "60"))


class BurstShape(LoadTestShape):
    def tick(self):
        t = self.get_run_time()
        if t >= TOTAL:
            return None
        u = TOTAL / 12
        if 3 * u <= t < 7 * u:
            return (BASE * 5, BASE * 5)
        return (BASE, BASE * 5)
