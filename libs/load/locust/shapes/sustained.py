"""Sustained load: a constant number of users for a long time (Locust LoadTestShape).

Use with a user class: locust -f locust/locustfile.py,locust/shapes/sustained.py --headless MediumLoad
WB_SUSTAINED_USERS (default 20) and WB_SUSTAINED_SECONDS (default 600) size it.
"""
import os

from locust import LoadTestShape

USERS = int(os.environ.get("WB_SUSTAINED_USERS", "20"))
TOTAL = float(os.environ.get("WB_SUSTAINED_SECONDS", "600"))


class SustainedShape(LoadTestShape):
    def tick(self):
        if self.get_run_time() >= TOTAL:
            return None
        return (USERS, USERS)
