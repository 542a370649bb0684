"""Time the seed load and the home page at 1x and 10x data."""

import io
import time

from django.core.management import call_command
from django.test import Client

from bench.harness import multiply_hengelo_data, time_ms


def timed_load(report, label):
    started = time.perf_counter()
    call_command("load_hengelo", stdout=io.StringIO())
    report.line(f"{label:<55} {1000 * (time.perf_counter() - started):8.1f} ms")


def run(report):
    timed_load(report, "load_hengelo on an empty database")
    timed_load(report, "load_hengelo again (nothing changes)")
    client = Client()
    report.timing("home page, 1x data", time_ms(lambda: client.get("/")))
    multiply_hengelo_data(10)
    report.timing("home page, 10x data", time_ms(lambda: client.get("/")))
    timed_load(report, "load_hengelo at 10x data")
