"""Shared pieces for benchmarks: a throwaway database, timing and reporting."""

import contextlib
import statistics
import time

from django.db import connection
from django.test.utils import setup_test_environment, teardown_test_environment


class Report:
    def section(self, name):
        print(f"\n== {name}")

    def line(self, text):
        print(text, flush=True)

    def timing(self, label, samples_ms):
        ordered = sorted(samples_ms)
        p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
        self.line(
            f"{label:<55} median {statistics.median(ordered):8.2f} ms   p95 {p95:8.2f} ms"
            f"   (n={len(ordered)})"
        )


def time_ms(func, repeat=30, warmup=3):
    """Call func repeatedly and return the wall-clock times in milliseconds."""
    for _ in range(warmup):
        func()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


@contextlib.contextmanager
def bench_database():
    """Create a fresh test database for the benchmarks and drop it afterwards."""
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        yield
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


def multiply_hengelo_data(factor):
    """Add (factor - 1) copies of the Hengelo networks, efforts and proposals, for 10x figures."""
    from tests.factories import scale_hengelo_data

    scale_hengelo_data(factor)


def sign_in(client, user):
    """Sign the client in as if through the whole sign-in, the second factor included (a
    session without it is signed out for roles that need it)."""
    from django_otp import DEVICE_ID_SESSION_KEY

    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = "bench.sign_in"
    session.save()
